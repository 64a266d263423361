/**
 * 回答（マスター） (connector): the answers given once per checklist edition and reused for every
 * bank. The answer sets, then for one edition every item with its general answer and its
 * conditional answers (for one service or one API type) — added, edited, removed — its history, and
 * the items a newer edition changed, flagged to be answered again.
 */
import { Alert, Anchor, Badge, Button, Checkbox, Group, Loader, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, enc, errorText } from '../../../api';
import { formatDateTime, useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import { apiTypeLabel, Failed, fmt, SampleBadge, type Answer, type Dict, type Scheme } from '../common';
import { answerDraft, AnswerInputs, answerSummary, EvidencePicker, MsgView, type AnswerDraft, type EvidenceFile, type Msg } from './shared';

interface AnswerSet {
  checklist: { ruleSet: string; ruleSetName: string; edition: string };
  answers: number;
  needsReanswer: number;
}
interface RuleSet {
  code: string;
  name: string;
  kind: string;
  sample: boolean;
}
interface MasterAnswer extends Answer {
  number: number;
  scopeService: string;
  scopeApiType: '' | 'read' | 'write';
  needsReanswer: boolean;
  version: number;
  updatedAt: string;
}
interface MasterView {
  checklist: { ruleSet: string; ruleSetName: string; edition: string };
  items: { number: number; category: string | null; text: string | null; objective: string | null; answers: MasterAnswer[] }[];
}
interface HistoryRow {
  version: number;
  scopeService: string;
  scopeApiType: string;
  answer: Partial<Answer> & { evidenceIds?: string[] };
  /** This version records the answer's removal; `answer` is what it said last. */
  removed: boolean;
  changedAt: string;
  changedBy: string | null;
}

/** A master answer being edited, for one item and scope. */
interface Draft extends AnswerDraft {
  number: number;
  scopeService: string;
  scopeApiType: '' | 'read' | 'write';
}

const keyOf = (number: number, scopeService: string, scopeApiType: string) => `${number}|${scopeService}|${scopeApiType}`;
const draftOf = (number: number, scopeService: string, scopeApiType: '' | 'read' | 'write', a?: Answer): Draft => ({ number, scopeService, scopeApiType, ...answerDraft(a) });

/** 共通の回答 / 条件付き: サービス「…」・参照系 */
function scopeText(t: Dict, scopeService: string, scopeApiType: string): string {
  if (!scopeService && !scopeApiType) return t.cxGeneralAnswer;
  const parts = [scopeService ? fmt(t.cxScopeService, { name: scopeService }) : null, scopeApiType ? apiTypeLabel(t, scopeApiType, 'connector') : null].filter(Boolean);
  return `${t.cxConditional}: ${parts.join('・')}`;
}

function AnswerEditor({
  scheme,
  draft,
  saved,
  dirty,
  editable,
  files,
  onChange,
  onConfirm,
  onRemove,
  onUploaded,
}: {
  scheme: Scheme;
  draft: Draft;
  saved: MasterAnswer | undefined;
  dirty: boolean;
  editable: boolean;
  files: EvidenceFile[];
  onChange: (d: Draft) => void;
  onConfirm: () => void;
  onRemove: (() => void) | null;
  onUploaded: (f: EvidenceFile) => void;
}) {
  const { t, lang } = useI18n();
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  const title = scopeText(t, draft.scopeService, draft.scopeApiType);
  const readOnly = !editable;
  return (
    <Paper p="sm" withBorder bg={draft.scopeService || draft.scopeApiType ? 'var(--mantine-color-gray-0)' : undefined} component="fieldset" aria-label={`No.${draft.number} ${title}`} style={{ margin: 0 }}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            <Text size="sm" fw={700}>
              {title}
            </Text>
            {saved?.needsReanswer && (
              <Badge color="orange" variant="filled" data-testid="needs-reanswer">
                {t.cxNeedsReanswer}
              </Badge>
            )}
            {!saved && !dirty && (
              <Badge color="gray" variant="light">
                {t.cxNotAnswered}
              </Badge>
            )}
            {dirty && (
              <Badge color="yellow" variant="light">
                {t.cxUnsaved}
              </Badge>
            )}
          </Group>
          <Group gap="xs">
            {saved && (
              <Text size="xs" c="dimmed">
                {fmt(t.cxRevision, { n: saved.version })}・{formatDateTime(saved.updatedAt, lang)}
              </Text>
            )}
            {onRemove && editable && (
              <Button size="compact-xs" variant="subtle" color="red" onClick={onRemove} aria-label={`${t.cxRemoveConditional}（No.${draft.number} ${title}）`}>
                {t.cxRemoveConditional}
              </Button>
            )}
          </Group>
        </Group>
        <AnswerInputs scheme={scheme} draft={draft} readOnly={readOnly} required={false} onChange={set} />
        <EvidencePicker
          label={fmt(t.cxEvidenceOf, { label: `No.${draft.number}` })}
          files={files}
          value={draft.evidenceIds}
          attached={saved?.evidence ?? []}
          readOnly={readOnly}
          onChange={(ids) => set({ evidenceIds: ids })}
          onUploaded={onUploaded}
        />
        {editable && saved?.needsReanswer && !dirty && (
          <Group>
            <Button size="xs" variant="light" color="orange" onClick={onConfirm}>
              {t.cxConfirmAsIs}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function AddConditional({ existing, onAdd }: { existing: string[]; onAdd: (scopeService: string, scopeApiType: '' | 'read' | 'write') => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [service, setService] = useState('');
  const [apiType, setApiType] = useState<'' | 'read' | 'write'>('');
  const [error, setError] = useState<'cxScopeRequired' | 'cxScopeExists' | null>(null);
  if (!open) {
    return (
      <Group>
        <Button size="compact-sm" variant="subtle" onClick={() => setOpen(true)} aria-expanded={false}>
          {t.cxAddConditional}
        </Button>
      </Group>
    );
  }
  const add = () => {
    const s = service.trim();
    if (!s && !apiType) return setError('cxScopeRequired');
    if (existing.includes(`${s}|${apiType}`)) return setError('cxScopeExists');
    onAdd(s, apiType);
    setService('');
    setApiType('');
    setError(null);
    setOpen(false);
  };
  return (
    <Paper p="xs" withBorder component="form" aria-label={t.cxAddConditional} onSubmit={(e) => (e.preventDefault(), add())}>
      <Group align="end" gap="xs" wrap="wrap">
        <TextInput label={t.cxScopeServiceLabel} description={t.cxScopeServiceHelp} value={service} onChange={(e) => setService(e.currentTarget.value)} miw={220} />
        <Select
          label={t.as_apiType}
          data={[
            { value: '', label: t.cxAnyApiType },
            { value: 'read', label: apiTypeLabel(t, 'read', 'connector') },
            { value: 'write', label: apiTypeLabel(t, 'write', 'connector') },
          ]}
          value={apiType}
          onChange={(v) => setApiType((v ?? '') as '' | 'read' | 'write')}
          allowDeselect={false}
          w={240}
        />
        <Button type="submit" variant="light">
          {t.cxAdd}
        </Button>
        <Button variant="subtle" onClick={() => setOpen(false)}>
          {t.cancel}
        </Button>
      </Group>
      {error && (
        <Text size="sm" c="red" role="alert" mt={4}>
          {t[error]}
        </Text>
      )}
    </Paper>
  );
}

function History({ ruleSet, edition, number }: { ruleSet: string; edition: string; number: number }) {
  const { t, lang } = useI18n();
  const h = useApi<HistoryRow[]>(`/api/master-answers/history?ruleSet=${enc(ruleSet)}&edition=${enc(edition)}&number=${number}`);
  if (h.error) return <Text c="red">{errorText(h.error, lang)}</Text>;
  if (!h.data) return <Loader size="sm" />;
  if (!h.data.length) return <Text size="sm" c="dimmed">{t.cxNoHistory}</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table withTableBorder fz="sm" aria-label={fmt(t.cxHistoryOf, { n: number })} data-testid={`history-${number}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.cxRevisionCol}</Table.Th>
            <Table.Th>{t.as_scope}</Table.Th>
            <Table.Th>{t.as_answer}</Table.Th>
            <Table.Th>{t.cxChangedAt}</Table.Th>
            <Table.Th>{t.cxChangedBy}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {h.data.map((x) => (
            <Table.Tr key={`${x.scopeService}|${x.scopeApiType}|${x.version}`}>
              <Table.Td>{fmt(t.cxRevision, { n: x.version })}</Table.Td>
              <Table.Td>{scopeText(t, x.scopeService, x.scopeApiType)}</Table.Td>
              <Table.Td>
                {x.removed ? (
                  <>
                    <Badge color="gray" variant="light" mr={6}>
                      {t.cxRemovedBadge}
                    </Badge>
                    <Text span size="sm" td="line-through" c="dimmed">
                      {answerSummary(t, x.answer)}
                    </Text>
                  </>
                ) : (
                  answerSummary(t, x.answer)
                )}
              </Table.Td>
              <Table.Td>{formatDateTime(x.changedAt, lang)}</Table.Td>
              <Table.Td>{x.changedBy ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Editor({ ruleSet, edition, sample, onSaved }: { ruleSet: string; edition: string; sample: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const editable = can('assessment.answer');
  const view = useApi<MasterView>(`/api/master-answers?ruleSet=${enc(ruleSet)}&edition=${enc(edition)}`);
  const files = useApi<EvidenceFile[]>(editable ? '/api/evidence-files' : null);
  const [scheme, setScheme] = useState<Scheme>('yes_no');
  const [onlyReanswer, setOnlyReanswer] = useState(false);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [history, setHistory] = useState<number | null>(null);
  const [msg, setMsg] = useState<Msg | null>(null);
  const [busy, setBusy] = useState(false);
  // Opening an edition starts its answer set (carried from an older edition's): the list shows it.
  const opened = view.data !== null;
  useEffect(() => {
    if (opened) onSaved();
  }, [opened]); // eslint-disable-line react-hooks/exhaustive-deps
  if (view.error && !view.data) return <Failed error={view.error} />;
  if (!view.data) return <Loader aria-label={t.loading} />;
  const v = view.data;
  const put = async (answers: unknown[], keys: string[], done: (w: Dict) => string) => {
    setBusy(true);
    setMsg(null);
    try {
      const r = await api<{ changed: number }>('PUT', `/api/master-answers?ruleSet=${enc(ruleSet)}&edition=${enc(edition)}`, { answers });
      await view.reload();
      setDrafts((old) => Object.fromEntries(Object.entries(old).filter(([k]) => !keys.includes(k))));
      setMsg({ ok: true, say: (w) => fmt(done(w), { n: r.changed }) });
      onSaved();
    } catch (e) {
      setMsg({ ok: false, error: e });
    } finally {
      setBusy(false);
    }
  };
  const payload = (d: Draft) => ({
    number: d.number,
    scopeService: d.scopeService,
    scopeApiType: d.scopeApiType,
    ...(scheme === 'yes_no' ? { choice: d.choice, explanation: d.explanation || null } : { currentState: d.currentState || null, issues: d.issues || null, improvementPlan: d.improvementPlan || null }),
    evidenceIds: d.evidenceIds,
  });
  const saveAll = () => put(Object.values(drafts).map(payload), Object.keys(drafts), (w) => w.cxSavedN);
  const dirtyCount = Object.keys(drafts).length;
  const toReanswer = v.items.filter((i) => i.answers.some((a) => a.needsReanswer));
  const items = onlyReanswer ? toReanswer : v.items;
  const categories = [...new Set(items.map((i) => i.category ?? t.cxNoCategory))];
  return (
    <Stack pb={editable ? 80 : 0}>
      <Group gap="xs" data-testid="editor-heading">
        <Title order={3} size="h3">
          {v.checklist.ruleSetName} {v.checklist.edition}
        </Title>
        <SampleBadge side="connector" sample={sample} />
      </Group>
      {toReanswer.length > 0 && (
        <Alert color="orange" title={fmt(t.cxReanswerTitle, { n: toReanswer.length })} data-testid="reanswer-notice">
          <Text size="sm">{t.cxReanswerHelp}</Text>
          <Text size="sm" mt={4}>
            {toReanswer.map((i) => `No.${i.number}`).join('、')}
          </Text>
        </Alert>
      )}
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <Text size="sm" fw={500} id="cx-scheme-label">
            {t.as_answerScheme}
          </Text>
          <SegmentedControl
            aria-labelledby="cx-scheme-label"
            value={scheme}
            onChange={(x) => setScheme(x as Scheme)}
            data={[
              { value: 'yes_no', label: t.cxSchemeYesNoShort },
              { value: 'self_assessment', label: t.cxSchemeSelfShort },
            ]}
          />
        </Group>
        <Checkbox label={t.cxOnlyReanswer} checked={onlyReanswer} onChange={(e) => setOnlyReanswer(e.currentTarget.checked)} />
      </Group>
      <Text size="xs" c="dimmed">
        {t.cxSchemeHelp}
      </Text>
      <MsgView msg={msg} />
      {categories.map((c) => (
        <Stack key={c} gap="xs" component="section" aria-label={c}>
          <Title order={4} size="h4">
            {c}
          </Title>
          {items
            .filter((i) => (i.category ?? t.cxNoCategory) === c)
            .map((i) => {
              const saved = new Map(i.answers.map((a) => [keyOf(i.number, a.scopeService, a.scopeApiType), a]));
              const keys = [keyOf(i.number, '', ''), ...i.answers.filter((a) => a.scopeService || a.scopeApiType).map((a) => keyOf(i.number, a.scopeService, a.scopeApiType))];
              for (const k of Object.keys(drafts)) if (k.startsWith(`${i.number}|`) && !keys.includes(k)) keys.push(k);
              return (
                <Paper key={i.number} withBorder p="md" component="article" aria-label={`No.${i.number}`} data-testid={`master-${i.number}`}>
                  <Stack gap="xs">
                    <Group justify="space-between" wrap="wrap">
                      <Title order={5}>No.{i.number}</Title>
                      {/* The history names who changed what: for the connector's editors (as the API allows). */}
                      {editable && (
                        <Button size="compact-xs" variant="subtle" onClick={() => setHistory(history === i.number ? null : i.number)} aria-expanded={history === i.number}>
                          {t.cxHistory}
                        </Button>
                      )}
                    </Group>
                    {i.text && <Text size="sm">{i.text}</Text>}
                    {keys.map((k) => {
                      const [, scopeService = '', scopeApiType = ''] = k.split('|');
                      const s = saved.get(k);
                      const d = drafts[k] ?? draftOf(i.number, scopeService, scopeApiType as '' | 'read' | 'write', s);
                      const conditional = Boolean(scopeService || scopeApiType);
                      return (
                        <AnswerEditor
                          key={k}
                          scheme={scheme}
                          draft={d}
                          saved={s}
                          dirty={Boolean(drafts[k])}
                          editable={editable}
                          files={files.data ?? []}
                          onChange={(nd) => setDrafts((old) => ({ ...old, [k]: nd }))}
                          onConfirm={() => void put([payload(d)], [k], (w) => w.cxSavedN)}
                          onUploaded={() => void files.reload()}
                          onRemove={
                            conditional
                              ? () =>
                                  s
                                    ? void put([{ number: i.number, scopeService, scopeApiType, remove: true }], [k], (w) => w.cxRemovedN)
                                    : setDrafts((old) => Object.fromEntries(Object.entries(old).filter(([x]) => x !== k)))
                              : null
                          }
                        />
                      );
                    })}
                    {editable && (
                      <AddConditional
                        existing={keys.map((k) => k.split('|').slice(1).join('|'))}
                        onAdd={(scopeService, scopeApiType) => setDrafts((old) => ({ ...old, [keyOf(i.number, scopeService, scopeApiType)]: draftOf(i.number, scopeService, scopeApiType) }))}
                      />
                    )}
                    {history === i.number && <History ruleSet={ruleSet} edition={edition} number={i.number} />}
                  </Stack>
                </Paper>
              );
            })}
        </Stack>
      ))}
      {editable && (
        <Paper withBorder shadow="md" p="sm" pos="sticky" bottom={0} style={{ zIndex: 20 }} component="section" aria-label={t.cxActions}>
          <Group gap="sm">
            <Button onClick={() => void saveAll()} loading={busy} disabled={dirtyCount === 0}>
              {t.save}
            </Button>
            <Text size="sm" c={dirtyCount ? 'orange' : 'dimmed'}>
              {dirtyCount ? fmt(t.cxUnsavedN, { n: dirtyCount }) : t.cxAllSaved}
            </Text>
          </Group>
        </Paper>
      )}
    </Stack>
  );
}

export function MasterAnswersPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const sets = useApi<AnswerSet[]>('/api/answer-sets');
  const ruleSets = useApi<RuleSet[]>('/api/rule-sets');
  const checklists = (ruleSets.data ?? []).filter((r) => r.kind === 'checklist');
  const ruleSet = params.get('ruleSet');
  const edition = params.get('edition');
  const editions = useApi<{ editions: { label: string; status: string }[] }>(ruleSet ? `/api/rule-sets/${enc(ruleSet)}` : null);
  const isSample = (code: string) => Boolean(checklists.find((c) => c.code === code)?.sample);
  const choose = (rs: string, ed: string | null) => setParams(ed ? { ruleSet: rs, edition: ed } : { ruleSet: rs });
  return (
    <Stack>
      <Title order={2}>{t.cxMasterTitle}</Title>
      <Text size="sm" c="dimmed">
        {t.cxMasterHelp}
      </Text>
      <Paper withBorder p="md" component="section" aria-label={t.cxAnswerSets}>
        <Title order={3} size="h4" mb="xs">
          {t.cxAnswerSets}
        </Title>
        {sets.data && sets.data.length === 0 && (
          <Text size="sm" c="dimmed">
            {t.cxNoAnswerSets}
          </Text>
        )}
        {sets.data && sets.data.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table data-testid="answer-sets">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.checklist}</Table.Th>
                  <Table.Th>{t.editions}</Table.Th>
                  <Table.Th>{t.cxAnswersCount}</Table.Th>
                  <Table.Th>{t.cxNeedsReanswer}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sets.data.map((s) => (
                  <Table.Tr key={`${s.checklist.ruleSet}|${s.checklist.edition}`}>
                    <Table.Td>
                      <Group gap="xs">
                        {s.checklist.ruleSetName}
                        <SampleBadge side="connector" sample={isSample(s.checklist.ruleSet)} />
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component="button" type="button" onClick={() => choose(s.checklist.ruleSet, s.checklist.edition)}>
                        {s.checklist.edition}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{s.answers}</Table.Td>
                    <Table.Td>
                      {s.needsReanswer ? (
                        <Badge color="orange" variant="light">
                          {s.needsReanswer}
                        </Badge>
                      ) : (
                        0
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group mt="sm" align="end" wrap="wrap">
          <Select
            label={t.checklist}
            data={checklists.map((c) => ({ value: c.code, label: c.sample && !c.name.includes(t.as_sample) ? `${c.name}（${t.as_sample}）` : c.name }))}
            value={ruleSet}
            onChange={(x) => x && choose(x, null)}
            allowDeselect={false}
            miw={300}
          />
          <Select
            label={t.editions}
            data={(editions.data?.editions ?? []).map((e) => e.label)}
            value={edition}
            onChange={(x) => ruleSet && x && choose(ruleSet, x)}
            allowDeselect={false}
            disabled={!ruleSet}
            w={200}
          />
        </Group>
      </Paper>
      {ruleSet && edition ? <Editor key={`${ruleSet}|${edition}`} ruleSet={ruleSet} edition={edition} sample={isSample(ruleSet)} onSaved={() => void sets.reload()} /> : <Text c="dimmed">{t.cxChooseEdition}</Text>}
    </Stack>
  );
}
