/**
 * 回答票の様式 (bank): the bank's own Excel answer sheets, each read through a saved column mapping
 * that connectors choose when they import a workbook in that layout. Registering one takes a sample
 * workbook: the server reads its sheets and first rows (nothing stored), the bank picks the header
 * row and the column of each field from those headers, tries the mapping on the sample — what an
 * import would read, and every problem at its cell — and saves it under a name.
 */
import { Alert, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api, enc } from '../../../api';
import { formatDate, useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { ColumnSelects, SampleWorkbookPicker, TryStep, useSampleWorkbook } from '../../workbook-mapping';
import { useApi } from '../../../useApi';
import { choiceLabel, fmt, FormError, Listing, useSend, type Dict } from '../common';
import { MsgView, type Msg } from '../connector/shared';

type Choice = 'yes' | 'no' | 'na';
const FIELDS = ['label', 'number', 'question', 'answer', 'explanation', 'currentState', 'issues', 'improvementPlan'] as const;
type Field = (typeof FIELDS)[number];

interface Mapping {
  sheet?: string;
  headerRow?: number;
  columns: Partial<Record<Field, string>>;
  answerWords?: Record<string, Choice>;
}

interface SavedMapping {
  id: string;
  name: string;
  mapping: Mapping;
  createdAt: string;
}

interface Trial {
  sheet: string;
  headerRow: number;
  columns: Record<string, string>;
  rows: { row: number; label: string; number: string | null; values: Record<string, string | null> }[];
  more: number;
  problems: { where: string; messageJa: string; messageEn: string }[];
}

const fieldLabel = (t: Dict, f: Field) => t[`ly_col_${f}` as keyof Dict];

/** The read fields of a trial as the import names them (the answer column is `choice`). */
const TRIAL_FIELDS: [string, Field][] = [
  ['choice', 'answer'],
  ['explanation', 'explanation'],
  ['currentState', 'currentState'],
  ['issues', 'issues'],
  ['improvementPlan', 'improvementPlan'],
];

const splitWords = (s: string) =>
  s
    .split(/[、,，\s]+/)
    .map((w) => w.trim())
    .filter(Boolean);

function wordsText(t: Dict, words: Record<string, Choice> | undefined): string {
  const entries = Object.entries(words ?? {});
  if (!entries.length) return '—';
  // In code-point order: the database keeps a mapping's words in an order of its own.
  return (['yes', 'no', 'na'] as const)
    .map((c) => [c, entries.filter(([, v]) => v === c).map(([w]) => w).sort()] as const)
    .filter(([, ws]) => ws.length)
    .map(([c, ws]) => `${ws.join('・')} = ${choiceLabel(t, c)}`)
    .join(' / ');
}

function SavedList({ rows, onDeleted }: { rows: SavedMapping[]; onDeleted: (name: string) => void }) {
  const { t, lang } = useI18n();
  const [deleting, setDeleting] = useState<SavedMapping | null>(null);
  const { error, send, busy } = useSend();
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table striped data-testid="layouts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.ly_name}</Table.Th>
              <Table.Th>{t.ly_sheet}</Table.Th>
              <Table.Th>{t.ly_headerRow}</Table.Th>
              <Table.Th>{t.ly_columns}</Table.Th>
              <Table.Th>{t.ly_words}</Table.Th>
              <Table.Th>{t.ly_createdAt}</Table.Th>
              <Table.Th aria-label={t.action} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{m.name}</Table.Td>
                <Table.Td>{m.mapping.sheet ?? t.ly_firstVisible}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{m.mapping.headerRow ? fmt(t.ly_rowN, { n: m.mapping.headerRow }) : t.ly_headerRowAuto}</Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    {FIELDS.filter((f) => m.mapping.columns[f]).map((f) => (
                      <Text key={f} size="sm">
                        {fieldLabel(t, f).replace(/（.*）|\s*\(.*\)/, '')}: {m.mapping.columns[f]}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>{wordsText(t, m.mapping.answerWords)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(m.createdAt.slice(0, 10), lang)}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="light" color="red" onClick={() => setDeleting(m)} aria-label={fmt(t.ly_deleteOf, { name: m.name })}>
                    {t.ly_delete}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={deleting ? fmt(t.ly_deleteOf, { name: deleting.name }) : ''}>
        {deleting && (
          <Stack>
            <Text size="sm">{fmt(t.ly_deleteConfirm, { name: deleting.name })}</Text>
            <FormError error={error} fields={[]} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeleting(null)}>
                {t.ly_cancel}
              </Button>
              <Button
                color="red"
                loading={busy}
                onClick={() =>
                  void send(async () => {
                    await api('DELETE', `/api/answer-sheet-mappings/${enc(deleting.name)}`);
                    onDeleted(deleting.name);
                    setDeleting(null);
                  })
                }
              >
                {t.ly_delete}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

function TrialView({ trial }: { trial: Trial }) {
  const { t, lang } = useI18n();
  const fields = TRIAL_FIELDS.filter(([k]) => trial.columns[k]);
  const show = (k: string, v: string | null | undefined) => (k === 'choice' ? (v ? choiceLabel(t, v) : '') : (v ?? ''));
  return (
    <Stack gap="xs" data-testid="layout-trial">
      <Text size="sm" fw={700}>
        {fmt(t.ly_trial, { sheet: trial.sheet, row: trial.headerRow, n: trial.rows.length })}
        {trial.more > 0 && `（${fmt(t.ly_trialMore, { n: trial.more })}）`}
      </Text>
      {trial.problems.length ? (
        <Alert color="red" role="alert" title={fmt(t.ly_trialProblems, { n: trial.problems.length })} data-testid="layout-trial-problems">
          <Stack gap={2}>
            {trial.problems.map((p) => (
              <Text size="sm" key={`${p.where}${p.messageJa}`}>
                {lang === 'ja' ? p.messageJa : p.messageEn}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : (
        <Badge color="green" variant="light">
          {t.ly_trialOk}
        </Badge>
      )}
      {trial.rows.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped fz="sm" aria-label={t.ly_try}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.ly_previewRow}</Table.Th>
                <Table.Th>{t.ly_label}</Table.Th>
                {trial.columns.number && <Table.Th>No.</Table.Th>}
                {fields.map(([k, f]) => (
                  <Table.Th key={k}>{fieldLabel(t, f).replace(/（.*）|\s*\(.*\)/, '')}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {trial.rows.slice(0, 50).map((r) => (
                <Table.Tr key={r.row}>
                  <Table.Td>{r.row}</Table.Td>
                  <Table.Td>{r.label}</Table.Td>
                  {trial.columns.number && <Table.Td>{r.number ?? ''}</Table.Td>}
                  {fields.map(([k]) => (
                    <Table.Td key={k} className="pre">
                      {show(k, r.values[k])}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="xs" c="dimmed">
        {t.ly_trialNote}
      </Text>
    </Stack>
  );
}

function NewLayout({ onSaved }: { onSaved: () => void }) {
  const { t } = useI18n();
  const [columns, setColumns] = useState<Partial<Record<Field, string>>>({});
  const [words, setWords] = useState<Record<Choice, string>>({ yes: '', no: '', na: '' });
  const [name, setName] = useState('');
  const [trial, setTrial] = useState<Trial | null>(null);
  const [msg, setMsg] = useState<Msg | null>(null);
  const sample = useSampleWorkbook('/api/answer-sheet-layouts/inspect', () => {
    setColumns({});
    setTrial(null);
    setMsg(null);
  });
  const trying = useSend();
  const saving = useSend();

  const mapping = (): Mapping => {
    const answerWords: Record<string, Choice> = {};
    for (const c of ['yes', 'no', 'na'] as const) for (const w of splitWords(words[c])) answerWords[w] = c;
    const cols: Partial<Record<Field, string>> = {};
    for (const f of FIELDS) if (columns[f]) cols[f] = columns[f];
    return { ...(sample.sheetName ? { sheet: sample.sheetName } : {}), ...(sample.headerRow ? { headerRow: Number(sample.headerRow) } : {}), columns: cols, answerWords };
  };

  const tryIt = () =>
    void trying.send(async () => {
      setTrial(null);
      setTrial(await sample.tryOn<Trial>('/api/answer-sheet-layouts/try', mapping()));
    });

  const save = () =>
    void saving.send(async () => {
      setMsg(null);
      const r = await api<{ name: string; changed: boolean }>('PUT', `/api/answer-sheet-mappings/${enc(name.trim())}`, { mapping: mapping() });
      setMsg({ ok: true, say: (w) => fmt(r.changed ? w.ly_savedNew : w.ly_unchanged, { name: r.name }) });
      onSaved();
    });

  const mappingFields = (p: string) => p.startsWith('/columns/') || p === '/headerRow' || p === '/sheet' || p.startsWith('/answerWords');

  return (
    <Paper withBorder p="md" component="section" aria-label={t.ly_new}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t.ly_new}
        </Title>
        <SampleWorkbookPicker sample={sample} errors={{ headerRow: trying.errors['/headerRow'] ?? saving.errors['/mapping/headerRow'] }} onFile={(f) => name || setName(f.name.replace(/\.xlsx$/i, ''))} />
        {sample.header && (
          <>
            <ColumnSelects
              sample={sample}
              fields={FIELDS}
              labelOf={(f) => fieldLabel(t, f)}
              columns={columns}
              onChange={(c) => {
                setColumns(c);
                setTrial(null);
              }}
              errorOf={(f) => trying.errors[`/columns/${f}`] ?? saving.errors[`/mapping/columns/${f}`]}
            />
            <Text size="sm" c="dimmed">
              {t.ly_wordsHelp}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {(['yes', 'no', 'na'] as const).map((c) => (
                <TextInput
                  key={c}
                  label={t[c === 'yes' ? 'ly_wordYes' : c === 'no' ? 'ly_wordNo' : 'ly_wordNa']}
                  value={words[c]}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setWords((w) => ({ ...w, [c]: v }));
                    setTrial(null);
                  }}
                />
              ))}
            </SimpleGrid>
            <TryStep onTry={tryIt} busy={trying.busy} />
            <FormError error={trying.error} fields={mappingFields} />
            {trial && <TrialView trial={trial} />}
            <Group align="end">
              <TextInput label={t.ly_name} description={t.ly_replaceNote} value={name} onChange={(e) => setName(e.currentTarget.value)} error={saving.errors['/name']} w={320} />
              <Button onClick={save} loading={saving.busy}>
                {t.ly_save}
              </Button>
            </Group>
            <FormError error={saving.error} fields={(p) => p === '/name' || (p.startsWith('/mapping/') && mappingFields(p.slice('/mapping'.length)))} />
            <MsgView msg={msg} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

export function AnswerSheetLayoutsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const list = useApi<SavedMapping[]>(can('assessment.manage') ? '/api/answer-sheet-mappings' : null);
  const [deleted, setDeleted] = useState<string | null>(null);
  if (!can('assessment.manage')) return <Text>{t.ly_manageOnly}</Text>;
  return (
    <Stack>
      <Title order={2}>{t.ly_title}</Title>
      <Text size="sm">{t.ly_intro}</Text>
      <Title order={3} size="h4">
        {t.ly_saved}
      </Title>
      {deleted && (
        <Alert color="green" role="status">
          {fmt(t.ly_deleted, { name: deleted })}
        </Alert>
      )}
      <Listing rows={list.data} error={list.error} none={t.ly_none}>
        {(rows) => (
          <SavedList
            rows={rows}
            onDeleted={(n) => {
              setDeleted(n);
              void list.reload();
            }}
          />
        )}
      </Listing>
      <NewLayout
        onSaved={() => {
          setDeleted(null);
          void list.reload();
        }}
      />
    </Stack>
  );
}
