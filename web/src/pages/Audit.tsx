/** The audit log: the caller's part (all parts for the secretariat admins and auditors), search, export, verify. */
import { Alert, Button, Code, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api, errorText } from '../api';
import { formatDateTime, useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';

interface Entry {
  id: string;
  chain: string;
  seq: number;
  occurredAt: string;
  action: string;
  actionJa: string;
  actor: { email: string | null; organisationName: string | null };
  target: { type: string | null; id: string | null };
  changes: Record<string, [unknown, unknown]> | null;
  details: unknown;
  ip: string | null;
}

export function AuditPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const [q, setQ] = useState('');
  const [action, setAction] = useState('');
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (action) params.set('action', action);
  const list = useApi<Entry[]>(`/api/audit?${params.toString()}`);
  const [verify, setVerify] = useState<{ ok: boolean; chains: number; entries: number; breaks: { messageJa: string; messageEn: string }[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Stack>
      <Title order={2}>{t.audit}</Title>
      <Group align="end">
        <TextInput label={t.search} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        <TextInput label={t.action} value={action} onChange={(e) => setAction(e.currentTarget.value)} placeholder="revision.row_updated" />
        <Button component="a" href={`/api/audit/export?format=csv&${params.toString()}`} variant="default">
          CSV
        </Button>
        <Button component="a" href={`/api/audit/export?format=json&${params.toString()}`} variant="default">
          JSON
        </Button>
        {can('audit.read.all') && (
          <Button
            onClick={async () => {
              try {
                setVerify(await api('GET', '/api/audit/verify'));
              } catch (e) {
                setError(errorText(e, lang));
              }
            }}
          >
            {t.verifyChain}
          </Button>
        )}
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {verify && (
        <Alert color={verify.ok ? 'green' : 'red'} title={verify.ok ? t.chainOk : t.chainBroken}>
          {verify.chains} chains, {verify.entries} entries
          {verify.breaks.map((b, i) => (
            <Text key={i}>{lang === 'ja' ? b.messageJa : b.messageEn}</Text>
          ))}
        </Alert>
      )}
      <Table striped data-testid="audit">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.when}</Table.Th>
            <Table.Th>{t.action}</Table.Th>
            <Table.Th>{t.who}</Table.Th>
            <Table.Th>{t.target}</Table.Th>
            <Table.Th>{t.changes}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{formatDateTime(e.occurredAt, lang)}</Table.Td>
              <Table.Td>{lang === 'ja' ? e.actionJa : e.action}</Table.Td>
              <Table.Td>
                {e.actor.email ?? 'system'}
                {e.actor.organisationName ? `（${e.actor.organisationName}）` : ''}
              </Table.Td>
              <Table.Td>
                {e.target.type} {e.target.id ? <Code>{e.target.id.slice(0, 40)}</Code> : null}
              </Table.Td>
              <Table.Td>
                {e.changes
                  ? Object.entries(e.changes).map(([k, [b, a]]) => (
                      <Text key={k} size="xs">
                        {k}: {JSON.stringify(b)} → {JSON.stringify(a)}
                      </Text>
                    ))
                  : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
