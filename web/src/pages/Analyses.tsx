/** Revision analyses: the list, creating one, and the 図表1 table with editable summaries and judgments. */
import { Alert, Anchor, Badge, Button, Grid, Group, Loader, Paper, Radio, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Fragment, useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, enc } from '../api';
import { formatDate, formatDateTime, useI18n } from '../i18n';
import { Failed } from '../ui';
import { useSession } from '../session';
import { useApi } from '../useApi';

interface Segment {
  kind: 'equal' | 'inserted' | 'deleted' | 'underlined';
  text: string;
}
interface Row {
  id: string;
  provisionCodes: string[];
  provisionLabel: string;
  change: string;
  tag: string | null;
  oldText: string | null;
  newText: string | null;
  segments: Segment[];
  source: string;
  disagreement: string | null;
  items: { number: number; category: string; objective: string | null }[];
  summary: string | null;
  revisionNeeded: boolean | null;
  reason: string | null;
}
interface Analysis {
  id: string;
  title: string;
  ruleSet: { code: string; name: string; shortName: string | null };
  from: { label: string; publishedOn: string | null } | null;
  to: { label: string; publishedOn: string | null };
  checklist: { ruleSetCode: string; label: string } | null;
  counts: Record<string, number>;
  rows: Row[];
}

export function Segments({ segments, side }: { segments: Segment[]; side?: 'old' | 'new' }) {
  const { t } = useI18n();
  return (
    <>
      {segments.map((s, i) => {
        if (s.kind === 'equal') return <Fragment key={i}>{s.text}</Fragment>;
        if (s.kind === 'deleted') {
          if (side === 'new') return null;
          // The label is CSS-generated (see app.css): read out, but not copied with the text.
          return (
            <del key={i} data-label={t.deleted}>
              {s.text}
            </del>
          );
        }
        if (side === 'old') return null;
        return (
          <u key={i} data-label={t.underlined}>
            {s.text}
          </u>
        );
      })}
    </>
  );
}

function checklistCell(row: Row) {
  if (!row.items.length) return '-';
  const seen = new Set<number>();
  return row.items
    .filter((i) => (seen.has(i.number) ? false : (seen.add(i.number), true)))
    .map((i) => `${i.number}. ${i.category}${i.objective ? ` ${i.objective}` : ''}`)
    .join('\n');
}

export function AnalysesPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const list = useApi<{ id: string; title: string; ruleSet: string; from: string | null; to: string; counts: Record<string, number>; createdAt: string }[]>('/api/analyses');
  const ruleSets = useApi<{ code: string; name: string; shortName: string | null; kind: string }[]>('/api/rule-sets');
  const [ruleSet, setRuleSet] = useState<string | null>(null);
  const editions = useApi<{ editions: { label: string }[] }>(ruleSet ? `/api/rule-sets/${enc(ruleSet)}` : null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  // The error itself, so that it reads in whichever language the UI is in when shown.
  const [error, setError] = useState<unknown>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const a = await api<{ id: string }>('POST', '/api/analyses', { ruleSet, from, to });
      navigate(`/analyses/${a.id}`);
    } catch (err) {
      setError(err);
    }
  };
  const editionOptions = (editions.data?.editions ?? []).map((e) => e.label);
  return (
    <Stack>
      <Title order={2}>{t.analyses}</Title>
      {list.data ? (
        <Table striped highlightOnHover data-testid="analyses">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.analysisTitle}</Table.Th>
              <Table.Th>{t.compared}</Table.Th>
              <Table.Th>{t.createdAt}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/analyses/${a.id}`}>
                    {a.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {a.from ?? '—'} → {a.to}
                </Table.Td>
                <Table.Td>{formatDateTime(a.createdAt, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Loader />
      )}
      {can('revision.create') && (
        <Paper withBorder p="md">
          <form onSubmit={create}>
            <Stack>
              <Title order={3} size="h4">
                {t.newAnalysis}
              </Title>
              <Failed error={error} />
              <Group grow align="end">
                <Select
                  label={t.ruleSet}
                  data={(ruleSets.data ?? []).filter((r) => r.kind !== 'checklist').map((r) => ({ value: r.code, label: r.shortName ?? r.name }))}
                  value={ruleSet}
                  onChange={(v) => {
                    setRuleSet(v);
                    setFrom(null);
                    setTo(null);
                  }}
                />
                <Select label={t.from} data={editionOptions} value={from} onChange={setFrom} />
                <Select label={t.to} data={editionOptions} value={to} onChange={setTo} />
                <Button type="submit" disabled={!ruleSet || !from || !to}>
                  {t.create}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}

function RowEditor({ analysisId, row, onSaved }: { analysisId: string; row: Row; onSaved: (r: Row) => void }) {
  const { t } = useI18n();
  const [summary, setSummary] = useState(row.summary ?? '');
  const [judgment, setJudgment] = useState(row.revisionNeeded === null ? 'none' : row.revisionNeeded ? 'needed' : 'not');
  const [reason, setReason] = useState(row.reason ?? '');
  // The error itself, so that it reads in whichever language the UI is in when shown.
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  /** Marks a field the server named in its problems (red, aria-invalid); the messages are in the alert. */
  const invalid = (where: string) => error instanceof ApiError && error.problems.some((p) => p.where === where);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      const r = await api<Row>('PATCH', `/api/analyses/${analysisId}/rows/${row.id}`, {
        summary,
        revisionNeeded: judgment === 'none' ? null : judgment === 'needed',
        reason: judgment === 'none' ? null : reason,
      });
      onSaved(r);
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={save} aria-label={`${t.edit} ${row.provisionCodes.join('、')}`}>
      <Stack gap="xs">
        <Failed error={error} />
        {saved && (
          <Alert color="green" role="status">
            {t.saved}
          </Alert>
        )}
        <TextInput label={t.summary} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} error={invalid('/summary')} />
        <Radio.Group label={t.judgment} value={judgment} onChange={setJudgment}>
          <Group mt={4}>
            <Radio value="not" label={t.notNeeded} />
            <Radio value="needed" label={t.needed} />
            <Radio value="none" label={t.notJudged} />
          </Group>
        </Radio.Group>
        {/* Visibly required, but checked by the server so that its message is the one shown. */}
        <TextInput label={t.reason} value={reason} onChange={(e) => setReason(e.currentTarget.value)} disabled={judgment === 'none'} withAsterisk={judgment !== 'none'} error={invalid('/reason')} />
        <Group>
          <Button type="submit" size="xs">
            {t.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AnalysisPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { can } = useSession();
  const { data, error } = useApi<Analysis>(`/api/analyses/${enc(id)}`);
  const [rows, setRows] = useState<Row[]>([]);
  const [open, setOpen] = useState<Record<string, 'edit' | 'compare' | undefined>>({});
  useEffect(() => {
    if (data) setRows(data.rows);
  }, [data]);
  if (error)
    return <Failed error={error} />;
  if (!data) return <Loader />;
  const editionText = (e: { label: string; publishedOn: string | null }) => (e.publishedOn ? `${e.label}（${formatDate(e.publishedOn, lang)}）` : e.label);
  const judgmentText = (r: Row) => (r.revisionNeeded === null ? t.notJudged : r.revisionNeeded ? t.needed : t.notNeeded);
  const provisionHeader = lang === 'ja' ? (data.ruleSet.shortName?.replace(/^FISC\s*/, '') ?? data.ruleSet.name) : 'Provision';
  const toggle = (rowId: string, what: 'edit' | 'compare') => setOpen((o) => ({ ...o, [rowId]: o[rowId] === what ? undefined : what }));
  return (
    <Stack>
      <Anchor component={Link} to="/analyses" size="sm">
        ← {t.analyses}
      </Anchor>
      <Title order={2}>{data.title}</Title>
      <Text c="dimmed" size="sm">
        {data.ruleSet.name}　{data.from ? `${editionText(data.from)} → ` : ''}
        {editionText(data.to)}　{rows.length} {t.rows}
      </Text>
      <Group gap="xs">
        <Text size="sm">{t.export}:</Text>
        {(['markdown', 'html', 'xlsx', 'json'] as const).map((f) => (
          <Button key={f} component="a" href={`/api/analyses/${enc(id)}?format=${f}&lang=${lang}`} variant="default" size="compact-sm" target={f === 'html' ? '_blank' : undefined}>
            {f === 'markdown' ? 'Markdown' : f.toUpperCase()}
          </Button>
        ))}
      </Group>
      <Table withTableBorder withColumnBorders className="zuhyo" data-testid="zuhyo1">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="18%">{t.checklist}</Table.Th>
            <Table.Th w="22%">{provisionHeader}</Table.Th>
            <Table.Th>{t.changes}</Table.Th>
            <Table.Th w="15%" miw="8.5em">
              {t.judgment}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Fragment key={r.id}>
              <Table.Tr data-testid="zuhyo1-row">
                <Table.Td className="pre">{checklistCell(r)}</Table.Td>
                <Table.Td>{r.provisionLabel}</Table.Td>
                <Table.Td>
                  <Segments segments={r.segments} />
                  <span className="tag">{r.tag}</span>
                  {r.summary && <span data-testid="summary">・{r.summary}</span>}
                  {r.disagreement && (
                    <Alert color="orange" mt={4} p={6}>
                      {r.disagreement}
                    </Alert>
                  )}
                </Table.Td>
                <Table.Td>
                  <Stack gap={4}>
                    <Badge color={r.revisionNeeded === null ? 'gray' : r.revisionNeeded ? 'red' : 'green'} variant="light">
                      {judgmentText(r)}
                    </Badge>
                    {r.reason && <Text size="xs">{r.reason}</Text>}
                    <Button size="compact-xs" variant="subtle" onClick={() => toggle(r.id, 'compare')} aria-expanded={open[r.id] === 'compare'}>
                      {t.sideBySide}
                    </Button>
                    {can('revision.judge') && (
                      <Button size="compact-xs" variant="subtle" onClick={() => toggle(r.id, 'edit')} aria-expanded={open[r.id] === 'edit'}>
                        {t.edit}
                      </Button>
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
              {open[r.id] && (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <div>
                      {open[r.id] === 'compare' ? (
                        <Grid data-testid="side-by-side">
                          <Grid.Col span={{ base: 12, sm: 6 }}>
                            <Text size="sm" fw={700}>
                              {t.oldText}
                            </Text>
                            <Text size="sm" className="pre" data-testid="old-text" c={r.oldText === null ? 'dimmed' : undefined}>
                              {r.oldText === null ? t.noOldText : <Segments segments={r.source === 'recorded' ? [{ kind: 'equal', text: r.oldText }] : r.segments} side="old" />}
                            </Text>
                          </Grid.Col>
                          <Grid.Col span={{ base: 12, sm: 6 }}>
                            <Text size="sm" fw={700}>
                              {t.newText}
                            </Text>
                            <Text size="sm" className="pre" data-testid="new-text">
                              <Segments segments={r.segments} side="new" />
                            </Text>
                          </Grid.Col>
                        </Grid>
                      ) : (
                        <RowEditor analysisId={data.id} row={r} onSaved={(nr) => setRows((rs) => rs.map((x) => (x.id === nr.id ? nr : x)))} />
                      )}
                    </div>
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
