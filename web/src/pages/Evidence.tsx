/**
 * The evidence registers (secretariat): one tab per register, a 年度 filter, the entries with every
 * value in words, and an add form showing the server's errors at each field. Members (banks,
 * connectors, the association) get a form to send their feedback instead.
 *
 * Also the review screens' shared helpers: register fields and labels, an entry's one-line headline,
 * numbers typed as "22, 39", errors per field.
 */
import { Alert, Button, Checkbox, Group, NumberInput, Paper, Select, Stack, Table, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, ApiError, errorText } from '../api';
import { formatDate, useI18n, type Lang } from '../i18n';
import { Listing } from '../ui';
import { useSession } from '../session';
import { useApi } from '../useApi';

type Dict = ReturnType<typeof useI18n>['t'];

export const REGISTERS = ['feedback', 'incident', 'standardTrend', 'selfRegulation', 'updateApi'] as const;
export type RegisterName = (typeof REGISTERS)[number];
export type Entry = Record<string, unknown> & { id: string };

interface Field {
  /** The input's name in the API (camelCase) and the column in the entries it returns. */
  name: string;
  column: string;
  kind: 'text' | 'textarea' | 'date' | 'enum' | 'enumMulti' | 'bool' | 'items' | 'year';
  /** For enums: the values, and the dictionary prefix of their labels (`${prefix}_${value}`). */
  options?: readonly string[];
  prefix?: string;
}

export const FIELDS: Record<RegisterName, Field[]> = {
  feedback: [
    { name: 'receivedOn', column: 'received_on', kind: 'date' },
    { name: 'organisationName', column: 'organisation_name', kind: 'text' },
    { name: 'organisationType', column: 'organisation_type', kind: 'enum', options: ['bank', 'connector', 'association', 'other'], prefix: 'orgType' },
    { name: 'channel', column: 'channel', kind: 'enum', options: ['exchange', 'survey', 'meeting', 'other'], prefix: 'channel' },
    { name: 'content', column: 'content', kind: 'textarea' },
    { name: 'requestsRevision', column: 'requests_revision', kind: 'bool' },
    { name: 'relatedItems', column: 'related_items', kind: 'items' },
  ],
  incident: [
    { name: 'occurredOn', column: 'occurred_on', kind: 'date' },
    { name: 'summary', column: 'summary', kind: 'textarea' },
    { name: 'parties', column: 'parties', kind: 'text' },
    { name: 'partyTypes', column: 'party_types', kind: 'enumMulti', options: ['bank', 'connector', 'user', 'other'], prefix: 'party' },
    { name: 'severity', column: 'severity', kind: 'enum', options: ['low', 'medium', 'high', 'critical'], prefix: 'severity' },
    { name: 'relatedItems', column: 'related_items', kind: 'items' },
    { name: 'alertIssued', column: 'alert_issued', kind: 'bool' },
    { name: 'requiresRevision', column: 'requires_revision', kind: 'bool' },
  ],
  standardTrend: [
    { name: 'observedOn', column: 'observed_on', kind: 'date' },
    { name: 'body', column: 'body', kind: 'text' },
    { name: 'specification', column: 'specification', kind: 'text' },
    { name: 'summary', column: 'summary', kind: 'textarea' },
    { name: 'relevance', column: 'relevance', kind: 'enum', options: ['none', 'watch', 'revision'], prefix: 'relevance' },
  ],
  selfRegulation: [
    { name: 'changedOn', column: 'changed_on', kind: 'date' },
    { name: 'edition', column: 'edition', kind: 'text' },
    { name: 'summary', column: 'summary', kind: 'textarea' },
    { name: 'requiresRevision', column: 'requires_revision', kind: 'bool' },
  ],
  updateApi: [
    { name: 'fiscalYear', column: 'fiscal_year', kind: 'year' },
    { name: 'bankName', column: 'bank_name', kind: 'text' },
    { name: 'offersUpdateApi', column: 'offers_update_api', kind: 'bool' },
  ],
};

/** "{n} 件" with its placeholders filled. */
export const fmt = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k] ?? ''));

/** A word of the dictionary by prefix and value (`severity_high` → 高); the value itself when there is none. */
export function enumLabel(t: Dict, prefix: string, value: unknown): string {
  return (t as Record<string, string>)[`${prefix}_${String(value)}`] ?? String(value);
}

export const registerLabel = (t: Dict, r: string) => enumLabel(t, 'register', r);

/** The 年度 of today in Japan (April–March, named by its starting year). */
export function currentFiscalYear(now = new Date()): number {
  const [y, m] = new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 7).split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

/** "22, 39" or "２２、３９" → [22, 39]; what is not a number is passed on as typed, for the server to name. */
export function parseNumbers(s: string): unknown[] {
  return s
    .normalize('NFKC')
    .split(/[\s,、]+/)
    .filter(Boolean)
    .map((x) => (/^\d+$/.test(x) ? Number(x) : x));
}

/** The server's problems by field: "/summary", "/relatedItems/0" and "body/content" all name their top field. */
export function fieldErrors(e: unknown, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(e instanceof ApiError)) return out;
  for (const p of e.problems) {
    const field = p.where.replace(/^(body|querystring|params)/, '').split('/').filter(Boolean)[0] ?? '';
    const text = lang === 'ja' ? p.messageJa : p.messageEn;
    out[field] = out[field] ? `${out[field]} ${text}` : text;
  }
  return out;
}

/** An error's head line, and those of its problems that no field of the form shows. */
export function errorSummary(e: unknown, lang: Lang, shownAtFields: string[]): string {
  if (!(e instanceof ApiError)) return errorText(e, lang);
  const rest = Object.entries(fieldErrors(e, lang)).filter(([f]) => !shownAtFields.includes(f));
  return [lang === 'ja' ? e.messageJa : e.messageEn, ...rest.map(([, m]) => m)].join('\n');
}

/** A value of an entry as people read it. */
export function cellText(t: Dict, lang: Lang, f: Field, v: unknown): string {
  if (v === null || v === undefined) return '—';
  switch (f.kind) {
    case 'date':
      return formatDate(String(v), lang);
    case 'enum':
      return enumLabel(t, f.prefix!, v);
    case 'enumMulti':
      return (v as string[]).length ? (v as string[]).map((x) => enumLabel(t, f.prefix!, x)).join('、') : '—';
    case 'bool':
      return v ? t.yes : t.no;
    case 'items':
      return (v as number[]).length ? (v as number[]).join('、') : '—';
    case 'year':
      return lang === 'ja' ? `${v}年度` : `FY${v}`;
    default:
      return String(v);
  }
}

/** One line naming an entry: its date, what it is, and what matters in it (severity, relevance…). */
export function evidenceHeadline(t: Dict, lang: Lang, register: string, e: Record<string, unknown>): string {
  const d = (c: string) => formatDate(e[c] as string, lang);
  switch (register) {
    case 'feedback':
      return `${d('received_on')} ${e.organisation_name}（${enumLabel(t, 'channel', e.channel)}）: ${e.content}${e.requests_revision ? `［${t.ev_requestsRevision}］` : ''}`;
    case 'incident':
      return `${d('occurred_on')} ${e.summary}（${t.ev_severity}: ${enumLabel(t, 'severity', e.severity)}）${e.requires_revision ? `［${t.ev_requiresRevision}］` : ''}`;
    case 'standardTrend':
      return `${d('observed_on')} ${e.body} ${e.specification}: ${e.summary}（${enumLabel(t, 'relevance', e.relevance)}）`;
    case 'selfRegulation':
      return `${d('changed_on')} ${e.edition}: ${e.summary}${e.requires_revision ? `［${t.ev_requiresRevision}］` : ''}`;
    case 'updateApi':
      return `${cellText(t, lang, FIELDS.updateApi[0]!, e.fiscal_year)} ${e.bank_name}: ${t.ev_offersUpdateApi} ${e.offers_update_api ? t.yes : t.no}`;
    default:
      return String(e.id);
  }
}

function emptyForm(register: RegisterName): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  for (const f of FIELDS[register]) v[f.name] = f.kind === 'bool' ? false : f.kind === 'enumMulti' ? [] : f.kind === 'enum' ? null : f.kind === 'year' ? currentFiscalYear() : '';
  return v;
}

function AddForm({ register, onAdded }: { register: RegisterName; onAdded: () => void }) {
  const { t, lang } = useI18n();
  const [v, setV] = useState(() => emptyForm(register));
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const errors = fieldErrors(error, lang);
  const set = (name: string, value: unknown) => {
    setDone(false);
    setV((old) => ({ ...old, [name]: value }));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(false);
    const payload: Record<string, unknown> = {};
    for (const f of FIELDS[register]) {
      const x = v[f.name];
      if (f.kind === 'items') payload[f.name] = parseNumbers(String(x));
      else if (f.kind === 'year') payload[f.name] = x === '' ? null : Number(x);
      else if (x !== null) payload[f.name] = x;
    }
    try {
      await api('POST', `/api/evidence/${register}`, payload);
      setV(emptyForm(register));
      setDone(true);
      onAdded();
    } catch (err) {
      setError(err);
    }
  };
  const label = (f: Field) => (t as Record<string, string>)[`ev_${f.name}`] ?? f.name;
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label={fmt(t.addTo, { register: registerLabel(t, register) })}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {fmt(t.addTo, { register: registerLabel(t, register) })}
        </Title>
        {error ? (
          <Alert color="red" role="alert" className="pre">
            {errorSummary(error, lang, FIELDS[register].map((f) => f.name))}
          </Alert>
        ) : null}
        {done && (
          <Alert color="green" role="status">
            {t.added}
          </Alert>
        )}
        <Group grow align="start" wrap="wrap">
          {FIELDS[register]
            .filter((f) => f.kind !== 'textarea' && f.kind !== 'bool' && f.kind !== 'enumMulti')
            .map((f) => {
              const common = { label: label(f), error: errors[f.name], miw: 180 };
              if (f.kind === 'date') return <TextInput key={f.name} {...common} type="date" value={String(v[f.name])} onChange={(e) => set(f.name, e.currentTarget.value)} />;
              if (f.kind === 'year') return <NumberInput key={f.name} {...common} min={2000} max={2100} value={v[f.name] as number} onChange={(x) => set(f.name, x)} />;
              if (f.kind === 'enum')
                return <Select key={f.name} {...common} data={f.options!.map((o) => ({ value: o, label: enumLabel(t, f.prefix!, o) }))} value={(v[f.name] as string | null) ?? null} onChange={(x) => set(f.name, x)} />;
              if (f.kind === 'items') return <TextInput key={f.name} {...common} description={t.ev_relatedItemsHelp} value={String(v[f.name])} onChange={(e) => set(f.name, e.currentTarget.value)} />;
              return <TextInput key={f.name} {...common} value={String(v[f.name])} onChange={(e) => set(f.name, e.currentTarget.value)} />;
            })}
        </Group>
        {FIELDS[register]
          .filter((f) => f.kind === 'textarea')
          .map((f) => (
            <Textarea key={f.name} label={label(f)} error={errors[f.name]} autosize minRows={2} value={String(v[f.name])} onChange={(e) => set(f.name, e.currentTarget.value)} />
          ))}
        {FIELDS[register]
          .filter((f) => f.kind === 'enumMulti')
          .map((f) => (
            <Checkbox.Group key={f.name} label={label(f)} error={errors[f.name]} value={v[f.name] as string[]} onChange={(x) => set(f.name, x)}>
              <Group mt={4}>
                {f.options!.map((o) => (
                  <Checkbox key={o} value={o} label={enumLabel(t, f.prefix!, o)} />
                ))}
              </Group>
            </Checkbox.Group>
          ))}
        <Group>
          {FIELDS[register]
            .filter((f) => f.kind === 'bool')
            .map((f) => (
              <Checkbox key={f.name} label={label(f)} error={errors[f.name]} checked={Boolean(v[f.name])} onChange={(e) => set(f.name, e.currentTarget.checked)} />
            ))}
        </Group>
        <Group>
          <Button type="submit">{t.addEntry}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function RegisterPanel({ register, fiscalYear }: { register: RegisterName; fiscalYear: string }) {
  const { t, lang } = useI18n();
  const list = useApi<Entry[]>(`/api/evidence/${register}${fiscalYear === 'all' ? '' : `?fiscalYear=${fiscalYear}`}`);
  const fields = FIELDS[register];
  return (
    <Stack>
      <Listing rows={list.data} error={list.error} none={t.noEntries}>
        {(rows) => (
          <Table.ScrollContainer minWidth={800}>
            <Table striped data-testid={`register-${register}`}>
              <Table.Caption>
                {registerLabel(t, register)} {rows.length} {t.entries}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {fields.map((f) => (
                    <Table.Th key={f.name}>{(t as Record<string, string>)[`ev_${f.name}`]}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((e) => (
                  <Table.Tr key={e.id}>
                    {fields.map((f) => (
                      <Table.Td key={f.name} className={f.kind === 'textarea' ? 'pre' : undefined}>
                        {cellText(t, lang, f, e[f.column])}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Listing>
      <AddForm register={register} onAdded={() => void list.reload()} />
    </Stack>
  );
}

function Registers() {
  const { t, lang } = useI18n();
  const [tab, setTab] = useState<string | null>('feedback');
  const [fiscalYear, setFiscalYear] = useState<string>('all');
  const now = currentFiscalYear();
  const years = Array.from({ length: now + 2 - 2015 }, (_x, i) => now + 1 - i);
  return (
    <Stack>
      <Group justify="space-between" align="end">
        <Title order={2}>{t.evidenceRegisters}</Title>
        <Select
          label={t.fiscalYear}
          data={[{ value: 'all', label: t.allFiscalYears }, ...years.map((y) => ({ value: String(y), label: lang === 'ja' ? `${y}年度` : `FY${y}` }))]}
          value={fiscalYear}
          onChange={(v) => setFiscalYear(v ?? 'all')}
          allowDeselect={false}
          w={180}
        />
      </Group>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          {REGISTERS.map((r) => (
            <Tabs.Tab key={r} value={r}>
              {registerLabel(t, r)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {REGISTERS.map((r) => (
          <Tabs.Panel key={r} value={r} pt="md">
            <RegisterPanel register={r} fiscalYear={fiscalYear} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

/** Banks, connectors and the association send feedback; it is dated today and carries their organisation. */
function FeedbackForm() {
  const { t, lang } = useI18n();
  const [channel, setChannel] = useState<string | null>('other');
  const [content, setContent] = useState('');
  const [requestsRevision, setRequestsRevision] = useState(false);
  const [items, setItems] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const errors = fieldErrors(error, lang);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSent(false);
    if (!content.trim()) {
      setError(new ApiError(400, 'request.invalid', t.contentRequired, t.contentRequired, [{ where: '/content', messageJa: t.contentRequired, messageEn: t.contentRequired }]));
      return;
    }
    try {
      await api('POST', '/api/feedback', { channel, content, requestsRevision, relatedItems: parseNumbers(items) });
      setContent('');
      setRequestsRevision(false);
      setItems('');
      setSent(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Stack maw={720}>
      <Title order={2}>{t.sendFeedback}</Title>
      <Text size="sm">{t.feedbackHelp}</Text>
      <Paper withBorder p="md" component="form" onSubmit={submit}>
        <Stack gap="xs">
          {error ? (
            <Alert color="red" role="alert" className="pre">
              {errorSummary(error, lang, ['channel', 'content', 'relatedItems'])}
            </Alert>
          ) : null}
          {sent && (
            <Alert color="green" role="status">
              {t.feedbackSent}
            </Alert>
          )}
          <Select label={t.ev_channel} data={FIELDS.feedback[3]!.options!.map((o) => ({ value: o, label: enumLabel(t, 'channel', o) }))} value={channel} onChange={setChannel} allowDeselect={false} error={errors.channel} />
          <Textarea label={t.ev_content} autosize minRows={4} value={content} onChange={(e) => setContent(e.currentTarget.value)} error={errors.content} />
          <TextInput label={t.ev_relatedItems} description={t.ev_relatedItemsHelp} value={items} onChange={(e) => setItems(e.currentTarget.value)} error={errors.relatedItems} />
          <Checkbox label={t.ev_requestsRevision} checked={requestsRevision} onChange={(e) => setRequestsRevision(e.currentTarget.checked)} />
          <Group>
            <Button type="submit">{t.send}</Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

export function EvidencePage() {
  const { t } = useI18n();
  const { can } = useSession();
  if (can('review.manage')) return <Registers />;
  if (can('review.feedback')) return <FeedbackForm />;
  return <Text>{t.notFound}</Text>;
}
