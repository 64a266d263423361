/**
 * 共有設定 (connector): the banks that may see the master answers, by consent, bank by bank. Giving
 * consent and revoking it; the page says plainly that revoking stops future updates and never
 * rewrites a snapshot already submitted.
 */
import { Alert, Button, Group, Loader, Modal, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { api, enc } from '../../../api';
import { formatDateTime, useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import { Failed, fmt, type Dict } from '../common';
import { MsgView, type Msg } from './shared';

interface Share {
  id: string;
  bank: { id: string; name: string };
  grantedAt: string;
  revokedAt: string | null;
  active: boolean;
}

export function SharingPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const manage = can('assessment.answer');
  const shares = useApi<Share[]>('/api/answer-shares');
  const orgs = useApi<{ id: string; type: string; name: string }[]>('/api/organisations');
  const [bank, setBank] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Share | null>(null);
  const [msg, setMsg] = useState<Msg | null>(null);
  if (shares.error && !shares.data) return <Failed error={shares.error} />;
  if (!shares.data) return <Loader aria-label={t.loading} />;
  const active = shares.data.filter((s) => s.active);
  const past = shares.data.filter((s) => !s.active);
  const banks = (orgs.data ?? []).filter((o) => o.type === 'bank' && !active.some((s) => s.bank.id === o.id));
  const run = async (f: () => Promise<(w: Dict) => string>) => {
    setMsg(null);
    try {
      const say = await f();
      await shares.reload();
      setMsg({ ok: true, say });
    } catch (e) {
      setMsg({ ok: false, error: e });
    }
  };
  const grant = () =>
    run(async () => {
      const name = banks.find((b) => b.id === bank)?.name ?? '';
      await api('POST', '/api/answer-shares', { bankId: bank });
      setBank(null);
      return (w: Dict) => fmt(w.cxShareGranted, { bank: name });
    });
  const revoke = (s: Share) =>
    run(async () => {
      await api('DELETE', `/api/answer-shares/${enc(s.bank.id)}`);
      setRevoking(null);
      return (w: Dict) => fmt(w.cxShareRevoked, { bank: s.bank.name });
    });
  return (
    <Stack>
      <Title order={2}>{t.cxSharingTitle}</Title>
      <Text size="sm">{t.cxSharingHelp}</Text>
      <Alert color="blue" title={t.cxRevokeTitle} data-testid="revoke-explanation">
        {t.cxRevokeExplanation}
      </Alert>
      <MsgView msg={msg} />
      {manage && (
        <Paper withBorder p="md" component="form" aria-label={t.cxGrantShare} onSubmit={(e) => (e.preventDefault(), void grant())}>
          <Group align="end" wrap="wrap">
            <Select label={t.cxShareWith} data={banks.map((b) => ({ value: b.id, label: b.name }))} value={bank} onChange={setBank} searchable nothingFoundMessage={t.cxNoBanks} miw={300} />
            <Button type="submit" disabled={!bank}>
              {t.cxGrantShare}
            </Button>
          </Group>
        </Paper>
      )}
      <Paper withBorder p="md" component="section" aria-label={t.cxActiveShares}>
        <Title order={3} size="h4" mb="xs">
          {t.cxActiveShares}
        </Title>
        {active.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t.cxNoShares}
          </Text>
        ) : (
          <Table data-testid="active-shares">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.as_side_bank}</Table.Th>
                <Table.Th>{t.cxGrantedAt}</Table.Th>
                {manage && <Table.Th>{t.action}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {active.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.bank.name}</Table.Td>
                  <Table.Td>{formatDateTime(s.grantedAt, lang)}</Table.Td>
                  {manage && (
                    <Table.Td>
                      <Button size="xs" variant="light" color="red" onClick={() => setRevoking(s)} aria-label={fmt(t.cxRevokeFor, { bank: s.bank.name })}>
                        {t.cxRevokeShare}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {past.length > 0 && (
        <Paper withBorder p="md" component="section" aria-label={t.cxPastShares}>
          <Title order={3} size="h4" mb="xs">
            {t.cxPastShares}
          </Title>
          <Table data-testid="past-shares">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.as_side_bank}</Table.Th>
                <Table.Th>{t.cxGrantedAt}</Table.Th>
                <Table.Th>{t.cxRevokedAt}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {past.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.bank.name}</Table.Td>
                  <Table.Td>{formatDateTime(s.grantedAt, lang)}</Table.Td>
                  <Table.Td>{s.revokedAt ? formatDateTime(s.revokedAt, lang) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title={revoking ? fmt(t.cxRevokeConfirm, { bank: revoking.bank.name }) : ''} centered>
        <Stack>
          <Text size="sm">{t.cxRevokeExplanation}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t.cxCancel}
            </Button>
            <Button color="red" onClick={() => revoking && void revoke(revoking)}>
              {t.cxRevokeShare}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
