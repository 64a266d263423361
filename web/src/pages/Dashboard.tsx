/**
 * The secretariat's dashboard (its home page): the current cycle's progress, evidence per
 * consideration, incidents per 年度, 更新系 API adoption across 年度, and alerts with their
 * acknowledgements. Each chart has a heading, a text alternative and the table of its figures.
 */
import { Anchor, Badge, Group, Loader, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, CountBars, countsAlt, StackedChart } from '../charts';
import { formatDate, formatDateTime, joinWords, useI18n } from '../i18n';
import { Failed } from '../ui';
import { useApi } from '../useApi';
import { severityColor } from './Alerts';
import { enumLabel, fmt } from './Evidence';

type Severity = 'low' | 'medium' | 'high' | 'critical';
interface Dashboard {
  cycle: {
    id: string;
    checklist: string;
    fiscalYear: number;
    version: number;
    state: string;
    decision: { labelJa: string; labelEn: string };
    considerations: number;
    concluded: number;
    comments: number;
    documentDate: string | null;
  } | null;
  evidence: { key: string; label: string; title: string; count: number; suggested: 'needed' | 'not_needed' }[];
  incidents: ({ fiscalYear: number; total: number } & Record<Severity, number>)[];
  updateApi: { fiscalYear: number; banks: number; offering: number }[];
  alerts: { id: string; title: string; severity: string; publishedAt: string; recipients: number; acknowledged: number }[];
}

const SEVERITIES: Severity[] = ['low', 'medium', 'high', 'critical'];
const SEVERITY_FILL: Record<Severity, string> = { low: '#adb5bd', medium: '#fab005', high: '#fd7e14', critical: '#e03131' };

export function DashboardPage() {
  const { t, lang } = useI18n();
  const { data, error } = useApi<Dashboard>('/api/review-dashboard');
  if (error) return <Failed error={error} />;
  if (!data) return <Loader />;
  const fy = (y: number) => fmt(t.fyLabel, { y });
  const c = data.cycle;
  const incidents = data.incidents.map((r) => ({ id: r.fiscalYear, name: fy(r.fiscalYear), total: r.total, values: Object.fromEntries(SEVERITIES.map((s) => [s, r[s]])) }));
  const adoption = data.updateApi.map((r) => ({ ...r, name: fy(r.fiscalYear), rate: r.banks ? Math.round((r.offering / r.banks) * 100) : 0 }));
  const evidence = data.evidence.map((e) => ({ ...e, name: e.label }));
  return (
    <Stack>
      <Title order={2}>{t.dashboard}</Title>
      <Paper withBorder p="md" component="section" aria-label={t.currentCycle}>
        <Title order={3} size="h5" mb="xs">
          {t.currentCycle}
        </Title>
        {c ? (
          <Stack gap="xs" data-testid="current-cycle">
            <Group>
              <Anchor component={Link} to={`/reviews/${encodeURIComponent(c.checklist)}/${c.fiscalYear}`} fw={700}>
                {fmt(t.cycleLink, { fy: fy(c.fiscalYear) })}
                {c.version > 1 ? ` (v${c.version})` : ''}
              </Anchor>
              <Badge>{t[`state_${c.state}` as keyof typeof t]}</Badge>
              <Text size="sm">
                {t.decision}: <strong>{lang === 'ja' ? c.decision.labelJa : c.decision.labelEn}</strong>
              </Text>
            </Group>
            <Text size="sm">{fmt(t.concludedOf, { n: c.concluded, of: c.considerations })}</Text>
            <Progress value={c.considerations ? (c.concluded / c.considerations) * 100 : 0} aria-label={fmt(t.concludedOf, { n: c.concluded, of: c.considerations })} size="lg" />
            <Group gap="lg">
              <Text size="sm">{fmt(t.commentsReceived, { n: c.comments })}</Text>
              {c.documentDate && (
                <Text size="sm">
                  {t.documentDate}: {formatDate(c.documentDate, lang)}
                </Text>
              )}
            </Group>
          </Stack>
        ) : (
          <Text size="sm">
            {t.noCycleYet}{' '}
            <Anchor component={Link} to="/reviews">
              {t.openCycle}
            </Anchor>
          </Text>
        )}
      </Paper>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ChartCard
          title={t.evidencePerConsideration}
          empty={!evidence.length}
          alt={countsAlt(lang, evidence)}
          chart={<CountBars rows={evidence} />}
          table={
            <Table mt="xs" data-testid="evidence-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.evidencePerConsideration}</Table.Th>
                  <Table.Th ta="right">{t.count}</Table.Th>
                  <Table.Th>{t.suggested}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {evidence.map((e) => (
                  <Table.Tr key={e.key}>
                    <Table.Td>
                      {e.label} {e.title}
                    </Table.Td>
                    <Table.Td ta="right">{e.count}</Table.Td>
                    <Table.Td>{e.suggested === 'needed' ? t.needed : t.notNeeded}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          }
        />
        <StackedChart
          title={t.incidentsPerYear}
          testId="incidents-table"
          alt={joinWords(lang, incidents.map((r) => `${r.name} ${r.total}${lang === 'ja' ? '件' : ''}`))}
          firstColumn={t.fiscalYear}
          totalColumn={t.total}
          stackId="severity"
          series={SEVERITIES.map((s) => ({ key: s, name: enumLabel(t, 'severity', s), fill: SEVERITY_FILL[s] }))}
          rows={incidents}
        />
        <ChartCard
          title={t.updateApiAdoption}
          empty={!adoption.length}
          alt={joinWords(lang, adoption.map((r) => `${r.name} ${r.offering}/${r.banks}（${r.rate}%）`))}
          chart={
            <ResponsiveContainer>
              <LineChart data={adoption} accessibilityLayer={false} margin={{ left: 0, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend itemSorter={null} />
                <Line dataKey="banks" name={t.banksRecorded} stroke="#868e96" strokeDasharray="4 2" isAnimationActive={false} />
                <Line dataKey="offering" name={t.banksOffering} stroke="#2f9e44" strokeWidth={2} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          }
          table={
            <Table mt="xs" data-testid="update-api-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.fiscalYear}</Table.Th>
                  <Table.Th ta="right">{t.banksOffering}</Table.Th>
                  <Table.Th ta="right">{t.banksRecorded}</Table.Th>
                  <Table.Th ta="right">{t.adoptionRate}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {adoption.map((r) => (
                  <Table.Tr key={r.fiscalYear}>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td ta="right">{r.offering}</Table.Td>
                    <Table.Td ta="right">{r.banks}</Table.Td>
                    <Table.Td ta="right">{r.rate}%</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          }
        />
        <Paper withBorder p="md" component="section" aria-label={t.alertsAndAcknowledgements}>
          <Group justify="space-between" mb="xs">
            <Title order={3} size="h5">
              {t.alertsAndAcknowledgements}
            </Title>
            <Anchor component={Link} to="/alerts" size="sm">
              {t.alerts}
            </Anchor>
          </Group>
          {data.alerts.length ? (
            <Table data-testid="alerts-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.alertTitle}</Table.Th>
                  <Table.Th>{t.publishedAt}</Table.Th>
                  <Table.Th>{t.acknowledgedOrgs}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.alerts.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Badge size="xs" color={severityColor(a.severity)} mr={6}>
                        {enumLabel(t, 'alertSeverity', a.severity)}
                      </Badge>
                      {a.title}
                    </Table.Td>
                    <Table.Td>{formatDateTime(a.publishedAt, lang)}</Table.Td>
                    <Table.Td miw={140}>
                      <Text size="sm">
                        {a.acknowledged} / {a.recipients}
                      </Text>
                      <Progress value={a.recipients ? (a.acknowledged / a.recipients) * 100 : 0} color={a.acknowledged === a.recipients ? 'green' : 'orange'} aria-label={`${t.acknowledgedOrgs} ${a.acknowledged} / ${a.recipients}`} size="sm" />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <Text c="dimmed" size="sm">
              {t.noAlerts}
            </Text>
          )}
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
