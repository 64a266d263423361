/**
 * 回答依頼の受信箱 (connector): every bank's requests in one table, those awaiting an answer first
 * and by due date, with 期限切れ / あと N 日, the state in words, the submission version and the
 * result once decided.
 */
import { Anchor, Badge, Group, Loader, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate, useI18n } from '../../../i18n';
import { useApi } from '../../../useApi';
import { apiTypeLabel, apiTypeShort, Failed, fmt, RequestStateBadge, ResultBadge, type RequestRow } from '../common';
import { DueBadge, OPEN_STATES } from './shared';

export function ConnectorInboxPage() {
  const { t, lang } = useI18n();
  const list = useApi<RequestRow[]>('/api/assessment-requests');
  const [show, setShow] = useState<'open' | 'all'>('all');
  if (list.error && !list.data) return <Failed error={list.error} />;
  if (!list.data) return <Loader aria-label={t.loading} />;
  const rows = list.data
    .filter((r) => r.side === 'connector')
    .filter((r) => show === 'all' || OPEN_STATES.includes(r.state))
    // Awaiting an answer first, soonest due first; then the rest, newest first.
    .sort((a, b) => {
      const ao = OPEN_STATES.includes(a.state) ? 0 : 1;
      const bo = OPEN_STATES.includes(b.state) ? 0 : 1;
      if (ao !== bo) return ao - bo;
      return ao === 0 ? a.dueDate.localeCompare(b.dueDate) : b.sentAt.localeCompare(a.sentAt);
    });
  const open = list.data.filter((r) => r.side === 'connector' && OPEN_STATES.includes(r.state));
  const overdue = open.filter((r) => r.overdue).length;
  return (
    <Stack>
      <Title order={2}>{t.cxInboxTitle}</Title>
      <Text size="sm" c="dimmed">
        {t.cxInboxHelp}
      </Text>
      <Group justify="space-between" wrap="wrap">
        <Text role="status" data-testid="inbox-summary">
          {fmt(t.cxInboxSummary, { open: open.length, overdue })}
        </Text>
        <SegmentedControl
          aria-label={t.cxShow}
          value={show}
          onChange={(v) => setShow(v as 'open' | 'all')}
          data={[
            { value: 'all', label: t.cxShowAll },
            { value: 'open', label: t.cxShowOpen },
          ]}
        />
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed">{t.cxNoRequests}</Text>
      ) : (
        <Table.ScrollContainer minWidth={680}>
          <Table striped highlightOnHover data-testid="inbox" aria-label={t.cxInboxTitle}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.as_side_bank}</Table.Th>
                <Table.Th>{t.cxService}</Table.Th>
                <Table.Th>{t.as_apiType}</Table.Th>
                <Table.Th>{t.cxDueDate}</Table.Th>
                <Table.Th>{t.cxState}</Table.Th>
                <Table.Th>{t.as_submission}</Table.Th>
                <Table.Th>{t.as_result}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.bank.name}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/assessment/inbox/${r.id}`}>
                      {r.serviceName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {r.template}（{fmt(t.as_itemsCount, { n: r.items })}）
                    </Text>
                    {r.reassessment && (
                      <Badge size="xs" variant="outline" mt={2}>
                        {t.cxReassessment}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td title={apiTypeLabel(t, r.apiType, 'connector')}>{apiTypeShort(t, r.apiType)}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm">{formatDate(r.dueDate, lang)}</Text>
                      <DueBadge dueDate={r.dueDate} state={r.state} />
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <RequestStateBadge side="connector" state={r.state} miw="max-content" />
                  </Table.Td>
                  <Table.Td>{r.submissionVersion ? fmt(t.cxVersion, { n: r.submissionVersion }) : '—'}</Table.Td>
                  <Table.Td>
                    {r.result ? <ResultBadge side="connector" result={r.result} size="md" miw="max-content" /> : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
