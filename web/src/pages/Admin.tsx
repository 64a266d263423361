/** Organisation and user administration: organisations (secretariat), members, invitations by link. */
import { Alert, Badge, Button, Code, Group, Paper, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, errorText } from '../api';
import { ORG_TYPE_LABELS, ROLE_LABELS, useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';

const ROLES = ['admin', 'editor', 'reviewer', 'viewer'];
const TYPES = ['secretariat', 'bank', 'connector', 'association', 'auditor'];

export function AdminPage() {
  const { t, lang } = useI18n();
  const { me, can } = useSession();
  // Secretariat admins administer every organisation (e.g. invite a new bank's first admin).
  const [orgId, setOrgId] = useState(me!.organisation!.id);
  const orgs = useApi<{ id: string; type: string; name: string; registrationNumber: string | null; isDemo: boolean }[]>('/api/organisations');
  const members = useApi<{ id: string; email: string; displayName: string; role: string; mfaEnrolled: boolean; locked: boolean }[]>(can('members.manage') ? `/api/organisations/${orgId}/members` : null);
  const orgName = orgs.data?.find((o) => o.id === orgId)?.name ?? me!.organisation!.name;
  const [invite, setInvite] = useState({ email: '', role: 'viewer' });
  const [link, setLink] = useState<string | null>(null);
  const [org, setOrg] = useState({ type: 'bank', name: '', registrationNumber: '' });
  const [error, setError] = useState<string | null>(null);
  const run = async (f: () => Promise<void>) => {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(errorText(e, lang));
    }
  };
  const sendInvite = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await api<{ link: string }>('POST', `/api/organisations/${orgId}/invitations`, invite);
      setLink(`${location.origin}${r.link}`);
    });
  };
  const createOrg = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api('POST', '/api/organisations', { type: org.type, name: org.name, registrationNumber: org.registrationNumber || null });
      setOrg({ type: 'bank', name: '', registrationNumber: '' });
      await orgs.reload();
    });
  };
  const unlock = (id: string) => run(async () => {
    await api('POST', `/api/users/${id}/unlock`);
    await members.reload();
  });
  return (
    <Stack>
      <Title order={2}>{t.admin}</Title>
      {error && (
        <Alert color="red" role="alert" className="pre">
          {error}
        </Alert>
      )}
      {can('members.manage') && (
        <Paper withBorder p="md">
          <Group justify="space-between" mb="sm">
            <Title order={3} size="h4">
              {t.members}（{orgName}）
            </Title>
            {can('organisation.create') && (
              <Select
                aria-label={t.organisations}
                data={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
                value={orgId}
                onChange={(v) => {
                  if (v) setOrgId(v);
                  setLink(null);
                }}
                allowDeselect={false}
              />
            )}
          </Group>
          <Table>
            <Table.Tbody>
              {(members.data ?? []).map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{m.displayName}</Table.Td>
                  <Table.Td>{m.email}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{ROLE_LABELS[lang][m.role] ?? m.role}</Badge>
                  </Table.Td>
                  <Table.Td>{m.mfaEnrolled ? 'MFA' : ''}</Table.Td>
                  <Table.Td>
                    {m.locked && (
                      <Button size="compact-xs" color="orange" onClick={() => void unlock(m.id)}>
                        unlock
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <form onSubmit={sendInvite}>
            <Group align="end" mt="md">
              <TextInput label={t.email} type="email" required value={invite.email} onChange={(e) => setInvite({ ...invite, email: e.currentTarget.value })} />
              <Select label={t.role} data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[lang][r]! }))} value={invite.role} onChange={(v) => setInvite({ ...invite, role: v ?? 'viewer' })} allowDeselect={false} />
              <Button type="submit">{t.invite}</Button>
            </Group>
          </form>
          {link && (
            <Alert mt="sm" title={t.inviteLink}>
              <Code data-testid="invite-link">{link}</Code>
            </Alert>
          )}
        </Paper>
      )}
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          {t.organisations}
        </Title>
        <Table>
          <Table.Tbody>
            {(orgs.data ?? []).map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>{o.name}</Table.Td>
                <Table.Td>{ORG_TYPE_LABELS[lang][o.type] ?? o.type}</Table.Td>
                <Table.Td>{o.registrationNumber ?? ''}</Table.Td>
                <Table.Td>{o.isDemo ? <Badge color="grape">demo</Badge> : null}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {can('organisation.create') && (
          <form onSubmit={createOrg}>
            <Group align="end" mt="md">
              <Select label={t.type} data={TYPES.map((x) => ({ value: x, label: ORG_TYPE_LABELS[lang][x]! }))} value={org.type} onChange={(v) => setOrg({ ...org, type: v ?? 'bank' })} allowDeselect={false} />
              <TextInput label={t.name} required value={org.name} onChange={(e) => setOrg({ ...org, name: e.currentTarget.value })} />
              <TextInput label={t.registrationNumber} value={org.registrationNumber} onChange={(e) => setOrg({ ...org, registrationNumber: e.currentTarget.value })} />
              <Button type="submit">{t.createOrg}</Button>
            </Group>
          </form>
        )}
      </Paper>
    </Stack>
  );
}
