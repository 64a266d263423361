/**
 * The bank's dashboard (its editors' home page): connections by status and by API type, requests by
 * state, results per 年度, requests past their due date, those awaiting review, and re-assessments
 * overdue or due soon. Each chart has a heading, a text alternative and the table of its figures.
 */
import { Alert, Anchor, Badge, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { CountChart, StackedChart } from '../../../charts';
import { formatDate, useI18n } from '../../../i18n';
import { useApi } from '../../../useApi';
import { apiTypeShort, API_TYPES, CONNECTION_STATUSES, connectionStatusLabel, enumLabel, Failed, fmt, inParens, joinWords, requestStateLabel, resultLabel, type ApiType, type ResultValue } from '../common';

interface BankDashboard {
  connectionsByStatus: Record<string, number>;
  connectionsByApiType: Record<string, number>;
  requestsByState: Record<string, number>;
  overdueRequests: { id: string; connector: string; serviceName: string; dueDate: string | null }[];
  awaitingReview: { id: string; connector: string; serviceName: string; proposed: boolean }[];
  resultsByFiscalYear: { fiscalYear: number; conforming: number; conditional: number; nonConforming: number }[];
  reassessments: {
    overdue: number;
    dueSoon: number;
    items: { connectionId: string; connector: string; serviceName: string; apiType: ApiType; nextDue: string | null; status: string; openRequestId: string | null }[];
  };
}

/** The bank's charts stand a little lower than the secretariat's: seven panels share its page. */
const CHART_HEIGHT = 220;
const STATES = ['sent', 'submitted', 'clarification', 'decided', 'withdrawn'] as const;
const RESULT_KEYS: { key: 'conforming' | 'conditional' | 'nonConforming'; value: ResultValue; fill: string }[] = [
  { key: 'conforming', value: 'conforming', fill: '#2f9e44' },
  { key: 'conditional', value: 'conditional', fill: '#12b886' },
  { key: 'nonConforming', value: 'non_conforming', fill: '#e03131' },
];

/** Requests to act on, each a link to its review screen, with what `aside` says of it. */
function RequestsPanel<R extends { id: string; connector: string; serviceName: string }>({ title, testId, rows, aside }: { title: string; testId: string; rows: R[]; aside: (r: R) => ReactNode }) {
  const { t } = useI18n();
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t.as_noneYet}
        </Text>
      ) : (
        <Table data-testid={testId}>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/assessment/requests/${r.id}`}>
                    {r.connector} {r.serviceName}
                  </Anchor>
                </Table.Td>
                {aside(r)}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

export function BankDashboardPage() {
  const { t, lang } = useI18n();
  const { data, error } = useApi<BankDashboard>('/api/assessment-dashboard');
  if (error) return <Failed error={error} />;
  if (!data) return <Loader />;
  const fy = (y: number) => fmt(t.fyLabel, { y });
  const results = data.resultsByFiscalYear.map((r) => ({ id: r.fiscalYear, name: fy(r.fiscalYear), values: Object.fromEntries(RESULT_KEYS.map((k) => [k.key, r[k.key]])) }));
  return (
    <Stack>
      <Title order={2}>{t.as_dashboard}</Title>
      <Alert color={data.reassessments.overdue ? 'orange' : 'gray'} data-testid="reassessment-summary">
        <Group justify="space-between" wrap="wrap">
          <Text size="sm">{fmt(t.as_reassessmentSummary, { overdue: data.reassessments.overdue, soon: data.reassessments.dueSoon })}</Text>
          <Anchor component={Link} to="/assessment/requests" size="sm">
            {t.as_reassessments}
          </Anchor>
        </Group>
      </Alert>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <CountChart height={CHART_HEIGHT} title={t.as_connectionsByStatus} testId="connections-by-status" rows={CONNECTION_STATUSES.map((s) => ({ key: s, name: connectionStatusLabel(t, s), count: data.connectionsByStatus[s] ?? 0 }))} />
        <CountChart height={CHART_HEIGHT} title={t.as_connectionsByApiType} testId="connections-by-api-type" rows={API_TYPES.map((s) => ({ key: s, name: apiTypeShort(t, s), count: data.connectionsByApiType[s] ?? 0 }))} />
        <CountChart height={CHART_HEIGHT} title={t.as_requestsByState} testId="requests-by-state" rows={STATES.map((s) => ({ key: s, name: requestStateLabel(t, s), count: data.requestsByState[s] ?? 0 }))} />
        <StackedChart
          height={CHART_HEIGHT}
          title={t.as_resultsPerYear}
          testId="results-per-year"
          alt={joinWords(lang, results.map((r) => `${r.name} ${RESULT_KEYS.map((k) => `${resultLabel(t, k.value)} ${r.values[k.key]}`).join(' ')}`))}
          firstColumn={t.fiscalYear}
          stackId="result"
          series={RESULT_KEYS.map((k) => ({ key: k.key, name: resultLabel(t, k.value), fill: k.fill }))}
          rows={results}
        />
        <RequestsPanel
          title={t.as_overdueRequests}
          testId="overdue-requests"
          rows={data.overdueRequests}
          aside={(r) => (
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {t.as_dueDate}: {formatDate(r.dueDate, lang)}
            </Table.Td>
          )}
        />
        <RequestsPanel
          title={t.as_awaitingReview}
          testId="awaiting-review"
          rows={data.awaitingReview}
          aside={(r) => (
            <Table.Td>
              {r.proposed && (
                <Badge miw="fit-content" size="sm" color="yellow" variant="light">
                  {t.as_proposedBadge}
                </Badge>
              )}
            </Table.Td>
          )}
        />
        <Paper withBorder p="md" component="section" aria-label={t.as_reassessments}>
          <Title order={3} size="h5" mb="xs">
            {t.as_reassessments}
          </Title>
          {data.reassessments.items.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t.as_noReassessments}
            </Text>
          ) : (
            <Table data-testid="dashboard-reassessments">
              <Table.Tbody>
                {data.reassessments.items.map((r) => (
                  <Table.Tr key={r.connectionId}>
                    <Table.Td>
                      {r.connector} {r.serviceName}
                      {inParens(lang, apiTypeShort(t, r.apiType))}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(r.nextDue, lang)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge size="sm" variant="light" color={r.status === 'overdue' ? 'red' : r.status === 'due_soon' ? 'orange' : r.status === 'in_progress' ? 'blue' : 'gray'} miw="max-content" styles={{ label: { overflow: 'visible' } }}>
                        {enumLabel(t, 'as_due', r.status)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
