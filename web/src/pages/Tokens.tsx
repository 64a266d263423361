/** API tokens: scoped, expiring, shown once, revocable. */
import { Alert, Badge, Button, Checkbox, Code, Group, NumberInput, Paper, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, errorText } from '../api';
import { formatDateTime, useI18n } from '../i18n';
import { useApi } from '../useApi';

const SCOPES = ['catalog:read', 'catalog:write', 'revision:read', 'revision:write', 'audit:read'];

export function TokensPage() {
  const { t, lang } = useI18n();
  const list = useApi<{ id: string; name: string; prefix: string; scopes: string[]; expiresAt: string; lastUsedAt: string | null; revokedAt: string | null }[]>('/api/me/tokens');
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['catalog:read']);
  const [days, setDays] = useState<number | string>(90);
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api<{ token: string }>('POST', '/api/me/tokens', { name, scopes, expiresInDays: Number(days) });
      setShown(r.token);
      setName('');
      await list.reload();
    } catch (err) {
      setError(errorText(err, lang));
    }
  };
  const revoke = async (id: string) => {
    await api('DELETE', `/api/me/tokens/${id}`);
    await list.reload();
  };
  return (
    <Stack>
      <Title order={2}>{t.tokens}</Title>
      {error && (
        <Alert color="red" role="alert" className="pre">
          {error}
        </Alert>
      )}
      {shown && (
        <Alert color="yellow" title={t.tokenOnce}>
          <Code>{shown}</Code>
        </Alert>
      )}
      <Table>
        <Table.Tbody>
          {(list.data ?? []).map((k) => (
            <Table.Tr key={k.id}>
              <Table.Td>{k.name}</Table.Td>
              <Table.Td>
                <Code>{k.prefix}</Code>
              </Table.Td>
              <Table.Td>{k.scopes.join(', ')}</Table.Td>
              <Table.Td>{formatDateTime(k.expiresAt, lang)}</Table.Td>
              <Table.Td>
                {k.revokedAt ? (
                  <Badge color="gray">revoked</Badge>
                ) : (
                  <Button size="compact-xs" color="red" variant="light" onClick={() => void revoke(k.id)}>
                    {t.revoke}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Paper withBorder p="md">
        <form onSubmit={create}>
          <Stack>
            <TextInput label={t.name} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
            <Checkbox.Group label={t.scopes} value={scopes} onChange={setScopes}>
              <Group mt={4}>
                {SCOPES.map((s) => (
                  <Checkbox key={s} value={s} label={s} />
                ))}
              </Group>
            </Checkbox.Group>
            <NumberInput label={t.expiresInDays} min={1} max={366} value={days} onChange={setDays} />
            <Group>
              <Button type="submit">{t.newToken}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
