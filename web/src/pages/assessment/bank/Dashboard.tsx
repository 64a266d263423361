/**
 * The bank's dashboard (its editors' home page): connections by status and by API type, requests by
 * state, results per 年度, requests past their due date, those awaiting review, and re-assessments
 * overdue or due soon. Each chart has a heading, a text alternative and the table of its figures.
 */
import { Alert, Anchor, Badge, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, useI18n } from '../../../i18n';
import { useApi } from '../../../useApi';
import { apiTypeLabel, API_TYPES, CONNECTION_STATUSES, connectionStatusLabel, enumLabel, Failed, fmt, inParens, joinWords, requestStateLabel, resultLabel, type ApiType, type ResultValue } from '../common';

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

const STATES = ['sent', 'submitted', 'clarification', 'decided', 'withdrawn'] as const;
const RESULT_KEYS: { key: 'conforming' | 'conditional' | 'nonConforming'; value: ResultValue; fill: string }[] = [
  { key: 'conforming', value: 'conforming', fill: '#2f9e44' },
  { key: 'conditional', value: 'conditional', fill: '#12b886' },
  { key: 'nonConforming', value: 'non_conforming', fill: '#e03131' },
];

/** A chart with its heading; the drawing is an image described in words, followed by its table. */
function ChartCard({ title, alt, chart, table, empty }: { title: string; alt: string; chart: ReactNode; table: ReactNode; empty: boolean }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={3} size="h5" id={id} mb="xs">
        {title}
      </Title>
      {empty ? (
        <Text c="dimmed" size="sm">
          {t.noData}
        </Text>
      ) : (
        <>
          <div role="img" aria-label={alt} style={{ width: '100%', height: 220 }}>
            {chart}
          </div>
          {table}
        </>
      )}
    </Paper>
  );
}

/** Counts by key as a bar chart and its table. */
function CountChart({ title, rows, testId }: { title: string; rows: { key: string; name: string; count: number }[]; testId: string }) {
  const { t, lang } = useI18n();
  return (
    <ChartCard
      title={title}
      empty={rows.every((r) => r.count === 0)}
      alt={joinWords(lang, rows.map((r) => `${r.name} ${r.count}${lang === 'ja' ? '件' : ''}`))}
      chart={
        <ResponsiveContainer>
          <BarChart data={rows} accessibilityLayer={false} margin={{ left: 0, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" name={t.as_count} fill="#4c6ef5" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <Table mt="xs" data-testid={testId}>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td ta="right">{r.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      }
    />
  );
}

export function BankDashboardPage() {
  const { t, lang } = useI18n();
  const { data, error } = useApi<BankDashboard>('/api/assessment-dashboard');
  if (error) return <Failed error={error} />;
  if (!data) return <Loader />;
  const fy = (y: number) => fmt(t.fyLabel, { y });
  const results = data.resultsByFiscalYear.map((r) => ({ ...r, name: fy(r.fiscalYear) }));
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
        <CountChart title={t.as_connectionsByStatus} testId="connections-by-status" rows={CONNECTION_STATUSES.map((s) => ({ key: s, name: connectionStatusLabel(t, s), count: data.connectionsByStatus[s] ?? 0 }))} />
        <CountChart title={t.as_connectionsByApiType} testId="connections-by-api-type" rows={API_TYPES.map((s) => ({ key: s, name: apiTypeLabel(t, s, true), count: data.connectionsByApiType[s] ?? 0 }))} />
        <CountChart title={t.as_requestsByState} testId="requests-by-state" rows={STATES.map((s) => ({ key: s, name: requestStateLabel(t, s), count: data.requestsByState[s] ?? 0 }))} />
        <ChartCard
          title={t.as_resultsPerYear}
          empty={!results.length}
          alt={joinWords(lang, results.map((r) => `${r.name} ${RESULT_KEYS.map((k) => `${resultLabel(t, k.value)} ${r[k.key]}`).join(' ')}`))}
          chart={
            <ResponsiveContainer>
              <BarChart data={results} accessibilityLayer={false} margin={{ left: 0, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend itemSorter={null} />
                {RESULT_KEYS.map((k) => (
                  <Bar key={k.key} dataKey={k.key} stackId="result" name={resultLabel(t, k.value)} fill={k.fill} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          }
          table={
            <Table mt="xs" data-testid="results-per-year">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.fiscalYear}</Table.Th>
                  {RESULT_KEYS.map((k) => (
                    <Table.Th key={k.key} ta="right">
                      {resultLabel(t, k.value)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {results.map((r) => (
                  <Table.Tr key={r.fiscalYear}>
                    <Table.Td>{r.name}</Table.Td>
                    {RESULT_KEYS.map((k) => (
                      <Table.Td key={k.key} ta="right">
                        {r[k.key]}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          }
        />
        <Paper withBorder p="md" component="section" aria-label={t.as_overdueRequests}>
          <Title order={3} size="h5" mb="xs">
            {t.as_overdueRequests}
          </Title>
          {data.overdueRequests.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t.as_noneYet}
            </Text>
          ) : (
            <Table data-testid="overdue-requests">
              <Table.Tbody>
                {data.overdueRequests.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/assessment/requests/${r.id}`}>
                        {r.connector} {r.serviceName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {t.as_dueDate}: {formatDate(r.dueDate, lang)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <Paper withBorder p="md" component="section" aria-label={t.as_awaitingReview}>
          <Title order={3} size="h5" mb="xs">
            {t.as_awaitingReview}
          </Title>
          {data.awaitingReview.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t.as_noneYet}
            </Text>
          ) : (
            <Table data-testid="awaiting-review">
              <Table.Tbody>
                {data.awaitingReview.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/assessment/requests/${r.id}`}>
                        {r.connector} {r.serviceName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {r.proposed && (
                        <Badge miw="fit-content" size="sm" color="yellow" variant="light">
                          {t.as_proposedBadge}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
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
                      {inParens(lang, apiTypeLabel(t, r.apiType, true))}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(r.nextDue, lang)}</Table.Td>
                    <Table.Td w={1} style={{ whiteSpace: 'nowrap' }}>
                      <Badge miw="fit-content" size="sm" variant="light" color={r.status === 'overdue' ? 'red' : r.status === 'due_soon' ? 'orange' : 'gray'} style={{ overflow: 'visible' }}>
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
