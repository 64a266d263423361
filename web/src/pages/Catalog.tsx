/** Catalogs: rule sets → editions → provisions (searchable) and checklist items, both directions. */
import { Alert, Anchor, Badge, Breadcrumbs, Button, FileInput, Group, Loader, Modal, Paper, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, ApiError, enc, errorText } from '../api';
import { EDITION_STATUS_LABELS, formatDate, RULE_SET_KIND_LABELS, useI18n } from '../i18n';
import { Failed } from '../ui';
import { ChecklistMappingForm } from './ChecklistMapping';
import { useSession } from '../session';
import { useApi } from '../useApi';

interface RuleSet {
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  publisher: string | null;
  /** Written by us for the tour and the tests: shown with a サンプル badge wherever it is named. */
  sample: boolean;
  editionCount?: number;
  editions?: { label: string; publishedOn: string | null; status: string; basedOn: string | null; source: string | null }[];
}
interface Provision {
  code: string;
  kind: string;
  title: string | null;
  text: string | null;
  textIsExcerpt: boolean;
  parent: string | null;
  citedBy?: {
    checklist: string;
    checklistName: string;
    checklistSample: boolean;
    edition: string;
    number: number;
    category: string;
    text: string | null;
    objective: string | null;
    subPart: string | null;
  }[];
}
interface Item {
  number: number;
  category: string;
  text: string | null;
  objective: string | null;
  guidance: string | null;
  subjectParty: string | null;
  appliesTo: ('read' | 'write')[] | null;
  references: { ruleSet: string; ruleSetName: string; ruleSetSample: boolean; provision: string; subPart: string | null }[];
  remarks: string | null;
}
interface ItemChanges {
  counts: Record<'added' | 'changed' | 'removed' | 'unchanged', number>;
  rows: { number: number; change: 'added' | 'changed' | 'removed' | 'unchanged'; fields: string[]; before: Item | null; after: Item | null }[];
}

/** The サンプル badge: a rule set we wrote ourselves, never to be taken for a publication. */
function SampleBadge({ sample }: { sample: boolean }) {
  const { t } = useI18n();
  if (!sample) return null;
  return (
    <Badge color="orange" variant="filled" size="sm" title={t.catSampleNote} data-testid="sample-badge">
      {t.catSample}
    </Badge>
  );
}

/** A rule set's name with its サンプル badge. */
function RuleSetName({ name, sample }: { name: string; sample: boolean }) {
  return (
    <Group gap={6} wrap="nowrap" component="span" style={{ display: 'inline-flex' }}>
      <span>{name}</span>
      <SampleBadge sample={sample} />
    </Group>
  );
}

const workbookUrl = (ruleSet: string, edition: string) => `/api/rule-sets/${enc(ruleSet)}/editions/${enc(edition)}/workbook`;

export function CatalogPage() {
  const { t, lang } = useI18n();
  const { data, error } = useApi<RuleSet[]>('/api/rule-sets');
  return (
    <Stack>
      <Title order={2}>{t.ruleSets}</Title>
      <Failed error={error} />
      {!data ? (
        <Loader />
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.name}</Table.Th>
              <Table.Th>{t.type}</Table.Th>
              <Table.Th>{t.editions}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((r) => (
              <Table.Tr key={r.code}>
                <Table.Td>
                  <Group gap={6}>
                    <Anchor component={Link} to={`/catalog/${enc(r.code)}`}>
                      {r.shortName ?? r.name}
                    </Anchor>
                    <SampleBadge sample={r.sample} />
                  </Group>
                  {r.shortName && r.shortName !== r.name && (
                    <Text size="xs" c="dimmed">
                      {r.name}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{RULE_SET_KIND_LABELS[lang][r.kind] ?? r.kind}</Table.Td>
                <Table.Td>{r.editionCount}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function RuleSetPage() {
  const { ruleSet = '' } = useParams();
  const { t, lang } = useI18n();
  const { can } = useSession();
  const { data, error, reload } = useApi<RuleSet>(`/api/rule-sets/${enc(ruleSet)}`);
  if (error) return <Failed error={error} />;
  if (!data) return <Loader />;
  const isChecklist = data.kind === 'checklist';
  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/catalog">
          {t.catalog}
        </Anchor>
        <RuleSetName name={data.shortName ?? data.name} sample={data.sample} />
      </Breadcrumbs>
      <Group gap="sm">
        <Title order={2}>{data.name}</Title>
        <SampleBadge sample={data.sample} />
      </Group>
      {data.publisher && <Text c="dimmed">{data.publisher}</Text>}
      {data.sample && (
        <Alert color="orange" variant="light">
          {t.catSampleNote}
        </Alert>
      )}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.editions}</Table.Th>
            <Table.Th>{t.published}</Table.Th>
            <Table.Th>{t.status}</Table.Th>
            <Table.Th>{t.basedOn}</Table.Th>
            {isChecklist && <Table.Th>{t.export}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.editions!.map((e) => (
            <Table.Tr key={e.label}>
              <Table.Td>
                <Anchor component={Link} to={`/catalog/${enc(ruleSet)}/${enc(e.label)}`}>
                  {e.label}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatDate(e.publishedOn, lang)}</Table.Td>
              <Table.Td>
                <Badge variant="light">{EDITION_STATUS_LABELS[lang][e.status] ?? e.status}</Badge>
              </Table.Td>
              <Table.Td>{e.basedOn ?? '—'}</Table.Td>
              {isChecklist && (
                <Table.Td>
                  <Anchor href={workbookUrl(ruleSet, e.label)} download aria-label={`${e.label} ${t.catWorkbook}`}>
                    {t.catWorkbook}
                  </Anchor>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {isChecklist && can('catalog.write') && <WorkbookImport ruleSet={ruleSet} onImported={reload} />}
    </Stack>
  );
}

/**
 * Importing a workbook as a new edition of this checklist (catalog.write). The body is the raw file,
 * so it goes through fetch with the session's CSRF token rather than the JSON client.
 */
function WorkbookImport({ ruleSet, onImported }: { ruleSet: string; onImported: () => void }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const mappings = useApi<{ name: string }[]>('/api/column-mappings?kind=checklistWorkbook');
  const [mapping_, setMappingOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [label, setLabel] = useState('');
  const [publishedOn, setPublishedOn] = useState('');
  const [mapping, setMapping] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ edition: string; items: number } | null>(null);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!file || !label.trim()) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const q = new URLSearchParams({ ruleSet, label: label.trim(), fileName: file.name });
      if (publishedOn.trim()) q.set('publishedOn', publishedOn.trim());
      if (mapping) q.set('mapping', mapping);
      const res = await fetch(`/api/checklist-workbooks?${q}`, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'x-csrf-token': me?.csrfToken ?? '' },
        body: await file.arrayBuffer(),
        credentials: 'same-origin',
      });
      const json = await res.json();
      if (!res.ok) {
        const e = json?.error ?? {};
        throw new ApiError(res.status, e.code ?? 'unknown', e.messageJa ?? '取り込めませんでした', e.messageEn ?? 'Import failed', e.problems ?? []);
      }
      setDone({ edition: json.edition, items: json.counts.items });
      setLabel('');
      setFile(null);
      onImported();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Paper withBorder p="md" component="form" onSubmit={submit} aria-label={t.catImportTitle}>
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t.catImportTitle}
          </Title>
          <Text size="sm" c="dimmed">
            {t.catImportHelp}
          </Text>
          <Group align="end" wrap="wrap">
            <FileInput label={t.catImportFile} accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" value={file} onChange={setFile} required w={260} clearable />
            <TextInput label={t.catImportLabel} value={label} onChange={(e) => setLabel(e.currentTarget.value)} required w={200} />
            <TextInput label={t.catImportPublishedOn} value={publishedOn} onChange={(e) => setPublishedOn(e.currentTarget.value)} w={220} placeholder="2025-04 / 2025-04-01" />
            {mappings.data && mappings.data.length > 0 && (
              <Select label={t.catImportMapping} data={mappings.data.map((m) => m.name)} value={mapping} onChange={setMapping} placeholder={t.catImportMappingNone} clearable w={220} />
            )}
            <Button type="submit" loading={busy} disabled={!file || !label.trim()}>
              {t.catImportSubmit}
            </Button>
          </Group>
          {error ? (
            <Alert color="red" role="alert" className="pre" data-testid="import-errors">
              {errorText(error, lang)}
            </Alert>
          ) : null}
          {done && (
            <Alert color="green" role="status">
              {t.catImported}: {done.edition}（{t.catImportedItems} {done.items}）
            </Alert>
          )}
          <Group>
            <Button variant="subtle" size="compact-sm" onClick={() => setMappingOpen((x) => !x)} aria-expanded={mapping_}>
              {t.catMapOpen}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {mapping_ && (
        <ChecklistMappingForm
          onSaved={(name) => {
            void mappings.reload();
            setMapping(name);
          }}
        />
      )}
    </>
  );
}

export function EditionPage() {
  const { ruleSet = '', edition = '' } = useParams();
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const rs = useApi<RuleSet>(`/api/rule-sets/${enc(ruleSet)}`);
  const ed = useApi<{ label: string; publishedOn: string | null; basedOn: string | null; source: string | null; partialRevisions: { revisedOn: string; body: string; summary: string }[] }>(
    `/api/rule-sets/${enc(ruleSet)}/editions/${enc(edition)}`,
  );
  const isChecklist = rs.data?.kind === 'checklist';
  const provisions = useApi<Provision[]>(isChecklist || !rs.data ? null : `/api/rule-sets/${enc(ruleSet)}/editions/${enc(edition)}/provisions${q.trim() ? `?q=${enc(q.trim())}` : ''}`);
  const items = useApi<Item[]>(isChecklist ? `/api/rule-sets/${enc(ruleSet)}/editions/${enc(edition)}/items` : null);
  const [params, setParams] = useSearchParams();
  const open = Number(params.get('item')) || null;
  const openItem = open ? items.data?.find((i) => i.number === open) : undefined;
  const setOpen = (n: number | null) => setParams(n ? { item: String(n) } : {}, { replace: false });
  // Editions known only from the seed (2018年10月版) have no questions: no empty column for them.
  const hasText = Boolean(items.data?.some((i) => i.text));
  if (rs.error || ed.error) return <Failed error={rs.error ?? ed.error} />;
  if (!rs.data || !ed.data) return <Loader />;
  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/catalog">
          {t.catalog}
        </Anchor>
        <Anchor component={Link} to={`/catalog/${enc(ruleSet)}`}>
          <RuleSetName name={rs.data.shortName ?? rs.data.name} sample={rs.data.sample} />
        </Anchor>
        <Text>{edition}</Text>
      </Breadcrumbs>
      <Group gap="sm">
        <Title order={2}>
          {rs.data.shortName ?? rs.data.name} {edition}
        </Title>
        <SampleBadge sample={rs.data.sample} />
        {isChecklist && (
          <Anchor href={workbookUrl(ruleSet, edition)} download>
            {t.catWorkbook}
          </Anchor>
        )}
      </Group>
      <Text c="dimmed" size="sm">
        {t.published}: {formatDate(ed.data.publishedOn, lang)}
        {ed.data.source ? `　${ed.data.source}` : ''}
      </Text>
      {ed.data.partialRevisions.length > 0 && (
        <Paper withBorder p="sm">
          <Text fw={700}>{t.partialRevisions}</Text>
          {ed.data.partialRevisions.map((p) => (
            <Text key={p.revisedOn + p.summary} size="sm">
              {formatDate(p.revisedOn, lang)}　{p.body}　{p.summary}
            </Text>
          ))}
        </Paper>
      )}
      {isChecklist && ed.data.basedOn && <ItemChangesPanel ruleSet={ruleSet} from={ed.data.basedOn} to={edition} onOpen={setOpen} />}
      {isChecklist ? (
        <Tabs defaultValue="items">
          <Tabs.List>
            <Tabs.Tab value="items">{t.items}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="items" pt="sm">
            {items.data ? (
              <Table striped data-testid="items">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>No.</Table.Th>
                    <Table.Th>{t.category}</Table.Th>
                    {hasText && <Table.Th>{t.catQuestion}</Table.Th>}
                    <Table.Th>{t.objective}</Table.Th>
                    <Table.Th>{t.references}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.data.map((it) => (
                    <Table.Tr key={it.number}>
                      <Table.Td>
                        <Anchor component="button" type="button" onClick={() => setOpen(it.number)} title={`No.${it.number} ${t.catOpenItem}`}>
                          {it.number}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{it.category}</Table.Td>
                      {hasText && <Table.Td className="pre">{it.text ?? '—'}</Table.Td>}
                      <Table.Td>{it.objective ?? '—'}</Table.Td>
                      <Table.Td>
                        <Group gap={6}>
                          {it.references.map((r) => (
                            <ReferenceLink key={`${r.ruleSet}${r.provision}${r.subPart ?? ''}`} ruleSet={r.ruleSet} ruleSetName={r.ruleSetName} code={r.provision} subPart={r.subPart} />
                          ))}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Loader />
            )}
          </Tabs.Panel>
        </Tabs>
      ) : (
        <Stack>
          <TextInput type="search" label={t.search} value={q} onChange={(e) => setQ(e.currentTarget.value)} placeholder="実 16 / サイバー" />
          <Failed error={provisions.error} />
          {provisions.data && (
            <Text size="sm" c="dimmed" role="status" aria-live="polite">
              {provisions.data.length ? `${provisions.data.length} ${t.searchResults}` : t.noProvisions}
            </Text>
          )}
          {provisions.data ? (
            <Table striped highlightOnHover data-testid="provisions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.code_}</Table.Th>
                  <Table.Th>{t.title}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {provisions.data.map((p) => (
                  <Table.Tr key={p.code}>
                    <Table.Td>
                      <Anchor component={Link} to={`/catalog/${enc(ruleSet)}/${enc(edition)}/provisions/${enc(p.code)}`}>
                        {p.code}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{p.title ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <Loader />
          )}
        </Stack>
      )}
      <Modal opened={Boolean(openItem)} onClose={() => setOpen(null)} title={openItem ? `No.${openItem.number} ${openItem.category}` : ''} size="lg" closeButtonProps={{ 'aria-label': t.catClose }}>
        {openItem && <ItemView item={openItem} sample={rs.data.sample} />}
      </Modal>
    </Stack>
  );
}

/** One checklist item in full: its question, objective, guidance, party, API types, references, remarks. */
function ItemView({ item, sample }: { item: Item; sample: boolean }) {
  const { t } = useI18n();
  const row = (label: string, value: ReactNode) => (
    <Table.Tr>
      <Table.Th w={140} style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td className="pre">{value ?? '—'}</Table.Td>
    </Table.Tr>
  );
  const applies = item.appliesTo?.map((a) => (a === 'read' ? t.catRead : t.catWrite)).join('・') || null;
  return (
    <Stack gap="sm" data-testid="item-view">
      {sample && (
        <Alert color="orange" variant="light" p="xs">
          {t.catSampleNote}
        </Alert>
      )}
      <Table>
        <Table.Tbody>
          {row(t.catQuestion, item.text)}
          {row(t.objective, item.objective)}
          {row(t.catGuidance, item.guidance)}
          {row(t.catSubjectParty, item.subjectParty)}
          {row(t.catAppliesTo, applies)}
          {row(
            t.references,
            item.references.length ? (
              <Stack gap={4}>
                {item.references.map((r) => (
                  <Group key={`${r.ruleSet}${r.provision}${r.subPart ?? ''}`} gap={6}>
                    <Text size="sm">{r.ruleSetName}</Text>
                    <SampleBadge sample={r.ruleSetSample} />
                    <ReferenceLink ruleSet={r.ruleSet} ruleSetName={r.ruleSetName} code={r.provision} subPart={r.subPart} />
                  </Group>
                ))}
              </Stack>
            ) : null,
          )}
          {row(t.catRemarks, item.remarks)}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** What changed from the edition this one is based on: the added, changed and removed items. */
function ItemChangesPanel({ ruleSet, from, to, onOpen }: { ruleSet: string; from: string; to: string; onOpen: (n: number) => void }) {
  const { t } = useI18n();
  const { data } = useApi<ItemChanges>(`/api/rule-sets/${enc(ruleSet)}/item-changes?from=${enc(from)}&to=${enc(to)}`);
  if (!data) return null;
  const rows = data.rows.filter((r) => r.change !== 'unchanged');
  const kind = { added: t.catAdded, changed: t.catChanged, removed: t.catRemoved, unchanged: '' } as const;
  const field: Record<string, string> = {
    text: t.catQuestion,
    objective: t.objective,
    guidance: t.catGuidance,
    category: t.category,
    subjectParty: t.catSubjectParty,
    appliesTo: t.catAppliesTo,
    references: t.references,
    remarks: t.catRemarks,
  };
  return (
    <Paper withBorder p="sm" data-testid="item-changes">
      <Text fw={700}>
        {t.catChangesFrom}（{from} → {to}）
      </Text>
      <Text size="sm" c="dimmed">
        {t.catAdded} {data.counts.added}　{t.catChanged} {data.counts.changed}　{t.catRemoved} {data.counts.removed}
      </Text>
      {rows.length ? (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>No.</Table.Th>
              <Table.Th w={90}>{t.status}</Table.Th>
              <Table.Th w={170}>{t.catChangedFields}</Table.Th>
              <Table.Th>{t.catQuestion}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.number}>
                <Table.Td>
                  {r.after ? (
                    <Anchor component="button" type="button" onClick={() => onOpen(r.number)}>
                      {r.number}
                    </Anchor>
                  ) : (
                    r.number
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" tt="none" style={{ overflow: 'visible' }} color={r.change === 'removed' ? 'red' : r.change === 'added' ? 'green' : 'blue'}>
                    {kind[r.change]}
                  </Badge>
                </Table.Td>
                <Table.Td>{r.fields.map((f) => field[f] ?? f).join('・')}</Table.Td>
                <Table.Td className="pre">{(r.after ?? r.before)?.text ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm">{t.catNoChanges}</Text>
      )}
    </Paper>
  );
}

/** One request per rule set however many cross-references point into it. */
const ruleSetCache = new Map<string, Promise<RuleSet>>();
function useRuleSet(code: string): RuleSet | null {
  const [data, setData] = useState<RuleSet | null>(null);
  useEffect(() => {
    let live = true;
    let p = ruleSetCache.get(code);
    if (!p) {
      p = api<RuleSet>('GET', `/api/rule-sets/${enc(code)}`);
      ruleSetCache.set(code, p);
      p.catch(() => ruleSetCache.delete(code));
    }
    p.then((r) => live && setData(r)).catch(() => {});
    return () => {
      live = false;
    };
  }, [code]);
  return data;
}

/** A cross-reference: to the provision in the rule set's latest edition that has it. */
function ReferenceLink({ ruleSet, ruleSetName, code, subPart }: { ruleSet: string; ruleSetName: string; code: string; subPart: string | null }) {
  const data = useRuleSet(ruleSet);
  const latest = data?.editions?.[data.editions.length - 1]?.label;
  const label = `${code}${subPart ? ` ${subPart}` : ''}`;
  // tt="none": Badge capitalises by default, and "3.3.1 d" must not read as "3.3.1 D".
  if (!latest) return <Badge variant="outline" tt="none" title={ruleSetName}>{label}</Badge>;
  return (
    <Anchor component={Link} to={`/catalog/${enc(ruleSet)}/${enc(latest)}/provisions/${enc(code)}`} title={`${ruleSetName} ${latest} ${label}`}>
      <Badge variant="outline" tt="none" style={{ cursor: 'pointer' }}>
        {label}
      </Badge>
    </Anchor>
  );
}

export function ProvisionPage() {
  const { ruleSet = '', edition = '', code = '' } = useParams();
  const { t } = useI18n();
  const { data, error } = useApi<Provision>(`/api/rule-sets/${enc(ruleSet)}/editions/${enc(edition)}/provisions/${enc(code)}`);
  const rs = useRuleSet(ruleSet);
  if (error) return <Failed error={error} />;
  if (!data) return <Loader />;
  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/catalog">
          {t.catalog}
        </Anchor>
        <Anchor component={Link} to={`/catalog/${enc(ruleSet)}`}>
          {rs ? <RuleSetName name={rs.shortName ?? rs.name} sample={rs.sample} /> : ruleSet}
        </Anchor>
        <Anchor component={Link} to={`/catalog/${enc(ruleSet)}/${enc(edition)}`}>
          {edition}
        </Anchor>
        <Text>{data.code}</Text>
      </Breadcrumbs>
      <Title order={2}>
        {data.code} {data.title ?? ''}
      </Title>
      <Paper withBorder p="md">
        <Group gap="xs" mb="xs">
          <Text fw={700}>{t.text}</Text>
          {data.textIsExcerpt && <Badge color="yellow">{t.excerpt}</Badge>}
        </Group>
        <Text className="pre">{data.text ?? '—'}</Text>
      </Paper>
      <Title order={3} size="h4">
        {t.citedBy}
      </Title>
      {data.citedBy && data.citedBy.length ? (
        <Table data-testid="cited-by">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.checklist}</Table.Th>
              <Table.Th>{t.items}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.citedBy.map((c) => (
              <Table.Tr key={`${c.checklist}${c.edition}${c.number}${c.subPart ?? ''}`}>
                <Table.Td>
                  <Group gap={6}>
                    <Anchor component={Link} to={`/catalog/${enc(c.checklist)}/${enc(c.edition)}`}>
                      {c.checklistName} {c.edition}
                    </Anchor>
                    <SampleBadge sample={c.checklistSample} />
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/catalog/${enc(c.checklist)}/${enc(c.edition)}?item=${c.number}`}>
                    {c.number}. {c.category}
                    {c.objective ? ` ${c.objective}` : ''}
                    {c.subPart ? `（${c.subPart}）` : ''}
                  </Anchor>
                  {c.text && (
                    <Text size="sm" c="dimmed">
                      {c.text}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text c="dimmed">{t.noCitations}</Text>
      )}
    </Stack>
  );
}
