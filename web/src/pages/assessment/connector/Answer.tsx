/**
 * Answering a request (connector): the hearing questions, then the items by category under the
 * bank's labels, with inputs for the request's answer scheme, evidence, the bank's verdict, each
 * item's thread and remediation plans. Pre-fill from the master answers, save (optionally into the
 * master answers too), submit — a refusal lists every problem by label, each a link to its item —
 * and the Excel round trip. After submission the answers are read-only; during a clarification only
 * the items the bank asked about can change.
 */
import { Alert, Anchor, Badge, Box, Button, Checkbox, FileButton, Group, List, Loader, Paper, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, ApiError, enc, errorText, type ApiProblem } from '../../../api';
import { formatDate, formatDateTime, useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import {
  accessLabel,
  apiTypeLabel,
  choiceLabel,
  Failed,
  fmt,
  planStateLabel,
  postItemMessage,
  RequestStateBadge,
  resultColor,
  resultLabel,
  SampleBadge,
  selfAssessmentParts,
  VerdictBadge,
  verdictLabel,
  type RequestItem as Item,
  type RequestView,
  type Scheme,
} from '../common';
import { answerDraft, AnswerInputs, DueBadge, EvidencePicker, MsgView, OPEN_STATES, sendFile, XLSX_TYPE, type AnswerDraft, type EvidenceFile, type Msg } from './shared';

/** Whether an answer is complete under the scheme (as the server will check on submission). */
function complete(scheme: Scheme, d: AnswerDraft): boolean {
  if (scheme === 'yes_no') return d.choice !== null && (d.choice === 'yes' || d.explanation.trim() !== '');
  return d.currentState.trim() !== '' && (d.issues.trim() === '' || d.improvementPlan.trim() !== '');
}

/** The element a problem's `where` points to: /items/Sec-3/explanation, /items/Sec-2, /hearing/purpose, /items/0 (of a save). */
function targetOf(where: string, items: Item[], sent: number[]): { id: string; field?: string } | null {
  const parts = where.replace(/^(body|querystring)/, '').split('/').filter(Boolean);
  if (parts[0] === 'hearing' && parts[1]) return { id: `hearing-${parts[1]}` };
  if (parts[0] !== 'items' || !parts[1]) return null;
  const byLabel = items.find((i) => i.label === parts[1]);
  const byIndex = /^\d+$/.test(parts[1]) ? items.find((i) => i.number === sent[Number(parts[1])]) : undefined;
  const it = byLabel ?? byIndex;
  return it ? { id: `item-${it.number}`, field: byLabel ? parts[2] : parts[2] === 'evidenceIds' ? undefined : parts[2] } : null;
}

/** Scrolls to an item (or hearing question) and puts the keyboard in the field the problem names. */
function jumpTo(target: { id: string; field?: string }) {
  const el = document.getElementById(target.id);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  const field = target.field ? el.querySelector<HTMLElement>(`[data-field="${target.field}"]`) : null;
  const first = el.matches('input, textarea') ? el : el.querySelector<HTMLElement>('input:not([type="hidden"]):not([disabled]):not([readonly]), textarea:not([disabled]):not([readonly])');
  (field ?? first ?? el).focus({ preventScroll: true });
}

/** The server's refusal, each problem on its line as a link to the item it names. */
function ProblemList({ error, items, sent }: { error: unknown; items: Item[]; sent: number[] }) {
  const { t, lang } = useI18n();
  if (!(error instanceof ApiError) || error.problems.length === 0) {
    return (
      <Alert color="red" role="alert" className="pre">
        {errorText(error, lang)}
      </Alert>
    );
  }
  const text = (p: ApiProblem) => (lang === 'ja' ? p.messageJa : p.messageEn);
  return (
    <Alert color="red" role="alert" title={lang === 'ja' ? error.messageJa : error.messageEn} data-testid="problems">
      <Text size="sm" mb={4}>
        {t.cxProblemsHelp}
      </Text>
      <List size="sm" spacing={2}>
        {error.problems.map((p, i) => {
          const target = targetOf(p.where, items, sent);
          return (
            <List.Item key={`${p.where}-${i}`}>
              {target ? (
                <Anchor component="button" type="button" size="sm" onClick={() => jumpTo(target)}>
                  {text(p)}
                </Anchor>
              ) : (
                text(p)
              )}
            </List.Item>
          );
        })}
      </List>
    </Alert>
  );
}

function Thread({ requestId, item, canWrite, onPosted }: { requestId: string; item: Item; canWrite: boolean; onPosted: () => void }) {
  const { t, lang } = useI18n();
  const [body, setBody] = useState('');
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<Msg | null>(null);
  const asked = item.review?.verdict === 'clarification' || item.review?.verdict === 'not_met';
  const shown = item.messages.length > 0 || asked || open;
  const post = async () => {
    setError(null);
    try {
      await postItemMessage(requestId, item.number, body);
      setBody('');
      onPosted();
    } catch (e) {
      setError({ ok: false, error: e });
    }
  };
  if (!shown) {
    return canWrite ? (
      <Box>
        <Button size="compact-xs" variant="subtle" onClick={() => setOpen(true)} aria-expanded={false}>
          {t.cxWriteMessage}
        </Button>
      </Box>
    ) : null;
  }
  return (
    <Stack gap={4} component="section" aria-label={fmt(t.cxThreadOf, { label: item.label })}>
      <Text size="sm" fw={700}>
        {t.as_thread}
      </Text>
      {item.messages.length === 0 && (
        <Text size="sm" c="dimmed">
          {t.cxNoMessages}
        </Text>
      )}
      {item.messages.map((m) => (
        <Paper key={m.id} p="xs" withBorder bg={m.side === 'bank' ? 'var(--mantine-color-blue-0)' : undefined} data-testid="message">
          <Text size="xs" c="dimmed">
            {m.organisation}
            {m.author ? ` ${m.author}` : ''}・{formatDateTime(m.createdAt, lang)}
          </Text>
          <Text size="sm" className="pre">
            {m.body}
          </Text>
        </Paper>
      ))}
      {canWrite && (
        <Group align="end" gap="xs">
          <Textarea label={fmt(t.cxReplyTo, { label: item.label })} autosize minRows={1} value={body} onChange={(e) => setBody(e.currentTarget.value)} style={{ flex: 1 }} miw={220} />
          <Button variant="light" onClick={() => void post()} disabled={!body.trim()}>
            {t.as_sendMessage}
          </Button>
        </Group>
      )}
      <MsgView msg={error} inline />
    </Stack>
  );
}

function Remediation({ requestId, item, canAct, onChanged }: { requestId: string; item: Item; canAct: boolean; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const [error, setError] = useState<Msg | null>(null);
  if (!item.remediation.length) return null;
  const act = async (planId: string, action: 'accept' | 'complete') => {
    setError(null);
    try {
      await api('POST', `/api/assessment-requests/${requestId}/remediation/${planId}`, { action });
      onChanged();
    } catch (e) {
      setError({ ok: false, error: e });
    }
  };
  return (
    <Stack gap={4} component="section" aria-label={fmt(t.cxPlansOf, { label: item.label })}>
      <Text size="sm" fw={700}>
        {t.cxRemediation}
      </Text>
      {item.remediation.map((p) => (
        <Paper key={p.id} p="xs" withBorder data-testid="plan">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Stack gap={0}>
              <Text size="sm">{p.description}</Text>
              <Text size="xs" c="dimmed">
                {t.cxPlanDue}: {formatDate(p.dueDate, lang)}
                {p.acceptedAt ? `・${t.cxAcceptedAt} ${formatDateTime(p.acceptedAt, lang)}` : ''}
              </Text>
            </Stack>
            <Group gap="xs">
              <Badge color={p.state === 'proposed' ? 'orange' : p.state === 'accepted' ? 'blue' : 'green'} variant="light">
                {planStateLabel(t, p.state, 'connector')}
              </Badge>
              {canAct && p.state === 'proposed' && (
                <Button size="xs" onClick={() => void act(p.id, 'accept')}>
                  {t.cxAcceptPlan}
                </Button>
              )}
              {canAct && p.state === 'accepted' && (
                <Button size="xs" variant="light" onClick={() => void act(p.id, 'complete')}>
                  {t.cxCompletePlan}
                </Button>
              )}
            </Group>
          </Group>
        </Paper>
      ))}
      <MsgView msg={error} inline />
    </Stack>
  );
}

/** A frozen answer reads as text, as it was submitted, rather than as greyed-out inputs. */
function ReadOnlyAnswer({ scheme, label, draft }: { scheme: Scheme; label: string; draft: AnswerDraft }) {
  const { t } = useI18n();
  const rows: [string, string][] =
    scheme === 'yes_no'
      ? [
          [t.as_answer, draft.choice ? choiceLabel(t, draft.choice) : t.cxNotAnswered],
          [t.cxExplanation, draft.explanation || '—'],
        ]
      : selfAssessmentParts(t, draft).map(([k, v]) => [k, v || '—']);
  return (
    <Table variant="vertical" layout="fixed" withTableBorder fz="sm" aria-label={fmt(t.cxAnswerOf, { label })} data-testid="read-only-answer">
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th w={140}>{k}</Table.Th>
            <Table.Td className="pre">{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ItemCard({
  r,
  item,
  draft,
  dirty,
  editable,
  files,
  canAnswer,
  canMessage,
  onChange,
  onConfirm,
  onUploaded,
  reload,
}: {
  r: RequestView;
  item: Item;
  draft: AnswerDraft;
  dirty: boolean;
  editable: boolean;
  files: EvidenceFile[];
  canAnswer: boolean;
  canMessage: boolean;
  onChange: (d: AnswerDraft) => void;
  onConfirm: () => void;
  onUploaded: (f: EvidenceFile) => void;
  reload: () => void;
}) {
  const { t } = useI18n();
  const reask = item.mustReanswer && !item.confirmed;
  const set = (patch: Partial<AnswerDraft>) => onChange({ ...draft, ...patch });
  const readOnly = !editable;
  const asked = item.review?.verdict === 'clarification' || item.review?.verdict === 'not_met';
  return (
    <Paper
      withBorder
      p="md"
      component="article"
      id={`item-${item.number}`}
      tabIndex={-1}
      aria-label={item.label}
      data-testid={`item-${item.label}`}
      style={reask ? { borderColor: 'var(--mantine-color-orange-6)', borderWidth: 2 } : asked && r.state === 'clarification' ? { borderColor: 'var(--mantine-color-orange-4)', borderWidth: 2 } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            <Title order={4} size="h5">
              {item.label}
            </Title>
            <Text size="xs" c="dimmed">
              {fmt(t.cxChecklistNo, { n: item.number })}
            </Text>
          </Group>
          <Group gap={6}>
            {reask && (
              <Badge color="orange" variant="filled" data-testid="reanswer">
                {item.change === 'added' ? t.cxNewItem : t.cxReanswer}
              </Badge>
            )}
            {item.mustReanswer && item.confirmed && (
              <Badge color="teal" variant="light">
                {t.cxReanswered}
              </Badge>
            )}
            {!item.mustReanswer && item.source === 'carried' && (
              <Badge color="gray" variant="light" data-testid="carried">
                {t.cxCarried}
              </Badge>
            )}
            {item.source === 'master' && !reask && (
              <Badge color="indigo" variant="light">
                {t.cxFromMaster}
              </Badge>
            )}
            {item.source === 'import' && (
              <Badge color="indigo" variant="light" tt="none">
                {t.cxFromExcel}
              </Badge>
            )}
            {dirty && (
              <Badge color="yellow" variant="light">
                {t.cxUnsaved}
              </Badge>
            )}
          </Group>
        </Group>
        {item.text && <Text size="sm">{item.text}</Text>}
        {item.review && (
          <Group gap="xs">
            <Text size="sm" fw={500}>
              {t.cxBankVerdict}:
            </Text>
            <VerdictBadge side="connector" verdict={item.review.verdict} size="md" variant="light" />
            {item.review.carried && (
              <Text size="xs" c="dimmed">
                {t.cxVerdictCarried}
              </Text>
            )}
            {item.review.condition && (
              <Text size="sm">
                {t.cxCondition}: {item.review.condition}
              </Text>
            )}
          </Group>
        )}
        {item.previousReview && (
          <Text size="xs" c="dimmed">
            {t.cxPreviousVerdict}: {verdictLabel(t, item.previousReview.verdict, 'connector')}（{t.cxPreviousVerdictStale}）
          </Text>
        )}
        {readOnly ? (
          <ReadOnlyAnswer scheme={r.answerScheme} label={item.label} draft={draft} />
        ) : (
          <AnswerInputs scheme={r.answerScheme} draft={draft} readOnly={false} required onChange={set} />
        )}
        {((editable && canAnswer) || draft.evidenceIds.length > 0) && (
          <EvidencePicker
            label={fmt(t.cxEvidenceOf, { label: item.label })}
            files={files}
            value={draft.evidenceIds}
            attached={item.answer?.evidence ?? []}
            readOnly={readOnly}
            onChange={(ids) => set({ evidenceIds: ids })}
            onUploaded={onUploaded}
          />
        )}
        {editable && reask && !dirty && item.answer && (
          <Group>
            <Button size="xs" variant="light" color="orange" onClick={onConfirm}>
              {t.cxConfirmAsIs}
            </Button>
          </Group>
        )}
        <Thread requestId={r.id} item={item} canWrite={canMessage && r.state !== 'withdrawn'} onPosted={reload} />
        <Remediation requestId={r.id} item={item} canAct={canAnswer && r.state !== 'withdrawn'} onChanged={reload} />
      </Stack>
    </Paper>
  );
}

/** The state of the request in a sentence: what the connector can do now, and what the bank holds. */
function StateNotice({ r, onJump }: { r: RequestView; onJump: (n: number) => void }) {
  const { t, lang } = useI18n();
  const latest = r.submissions.at(-1);
  const asked = r.items.filter((i) => i.review?.verdict === 'clarification' || i.review?.verdict === 'not_met');
  const reask = r.items.filter((i) => i.mustReanswer);
  return (
    <Stack gap="xs">
      {r.state === 'clarification' && (
        <Alert color="orange" title={t.cxClarificationTitle} data-testid="clarification-notice">
          <Text size="sm">{t.cxClarificationHelp}</Text>
          <Group gap="xs" mt={4}>
            {asked.map((i) => (
              <Anchor key={i.number} component="button" type="button" size="sm" onClick={() => onJump(i.number)}>
                {i.label}
              </Anchor>
            ))}
          </Group>
        </Alert>
      )}
      {r.state === 'sent' && r.previousRequestId && (
        <Alert color="blue" title={t.cxReassessment} data-testid="reassessment-notice">
          <Text size="sm">{fmt(t.cxReassessmentHelp, { n: reask.length })}</Text>
          <Group gap="xs" mt={4}>
            {reask.map((i) => (
              <Anchor key={i.number} component="button" type="button" size="sm" onClick={() => onJump(i.number)}>
                {i.label}
              </Anchor>
            ))}
          </Group>
        </Alert>
      )}
      {(r.state === 'submitted' || r.state === 'decided') && latest && (
        <Alert color="teal" title={fmt(t.cxSubmittedTitle, { n: latest.version, at: formatDateTime(latest.submittedAt, lang) })} data-testid="submitted-notice">
          <Text size="sm">{t.cxSubmittedHelp}</Text>
        </Alert>
      )}
      {r.state === 'decided' && r.result.value && r.result.approvedAt && (
        <Alert color={resultColor(r.result.value, 'connector')} title={`${t.as_result}: ${resultLabel(t, r.result.value)}`} data-testid="result-notice">
          <Text size="sm">
            {fmt(t.cxDecidedAt, { at: formatDateTime(r.result.approvedAt, lang) })}
            {r.result.comment ? `　${r.result.comment}` : ''}
          </Text>
        </Alert>
      )}
      {r.state === 'withdrawn' && <Alert color="gray">{t.cxWithdrawnHelp}</Alert>}
    </Stack>
  );
}

function ExcelTools({ r, open, onImported }: { r: RequestView; open: boolean; onImported: () => void }) {
  const { t } = useI18n();
  const { me, can } = useSession();
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<Msg | null>(null);
  // A workbook in the bank's own layout is read through a column mapping the bank saved.
  const mappings = useApi<{ id: string; name: string }[]>(open && can('assessment.answer') ? `/api/assessment-requests/${enc(r.id)}/answer-sheet-mappings` : null);
  const [mapping, setMapping] = useState('');
  const importFile = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    setMsg(null);
    try {
      const res = await sendFile<{ changed?: number; hearingChanged?: boolean; notes?: ApiProblem[] } | null>(
        'PUT',
        `/api/assessment-requests/${r.id}/workbook?fileName=${enc(file.name)}${mapping ? `&mapping=${enc(mapping)}` : ''}`,
        file,
        XLSX_TYPE,
        me?.csrfToken ?? null,
      );
      // What the workbook still lacks (a required answer left empty…), each at its cell.
      const notes = res?.notes ?? [];
      setMsg({
        ok: true,
        say: (w, l) => {
          const head = typeof res?.changed === 'number' ? fmt(w.cxImportedN, { n: res.changed + (res.hearingChanged ? 1 : 0) }) : w.cxImported;
          const lines = notes.map((n) => (l === 'ja' ? n.messageJa : n.messageEn));
          return lines.length ? [head, fmt(w.cxImportNotes, { n: lines.length }), ...lines].join('\n') : head;
        },
      });
      onImported();
    } catch (e) {
      setMsg({ ok: false, error: e });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4}>
      <Group gap="xs" align="end">
        <Button component="a" href={`/api/assessment-requests/${enc(r.id)}/workbook`} variant="default">
          {t.cxExcelDownload}
        </Button>
        {open && (mappings.data?.length ?? 0) > 0 && (
          <Select
            label={t.cxLayout}
            size="sm"
            data={[{ value: '', label: t.cxLayoutTsunagu }, ...(mappings.data ?? []).map((m) => ({ value: m.name, label: fmt(t.cxLayoutBank, { name: m.name }) }))]}
            value={mapping}
            onChange={(v) => setMapping(v ?? '')}
            allowDeselect={false}
            w={240}
          />
        )}
        {open && can('assessment.answer') && (
          <FileButton onChange={(f) => void importFile(f)} accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
            {(props) => (
              <Button {...props} variant="default" loading={busy}>
                {t.cxExcelImport}
              </Button>
            )}
          </FileButton>
        )}
      </Group>
      <MsgView msg={msg} testId="import-result" />
    </Stack>
  );
}

export function ConnectorRequestPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { can } = useSession();
  const req = useApi<RequestView>(`/api/assessment-requests/${enc(id)}`);
  const canAnswer = can('assessment.answer');
  const files = useApi<EvidenceFile[]>(canAnswer ? '/api/evidence-files' : null);
  const [drafts, setDrafts] = useState<Record<number, AnswerDraft>>({});
  const [hearing, setHearing] = useState<Record<string, string> | null>(null);
  const [saveToMaster, setSaveToMaster] = useState(false);
  const [status, setStatus] = useState<Msg | null>(null);
  const [error, setError] = useState<{ error: unknown; sent: number[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const { hash } = useLocation();
  const loaded = req.data !== null;
  // A link to one item (#item-3, from the disagreements) opens the request there.
  useEffect(() => {
    if (loaded && /^#item-\d+$/.test(hash)) jumpTo({ id: hash.slice(1) });
  }, [loaded, hash]);
  if (req.error && !req.data) return <Failed error={req.error} />;
  if (!req.data) return <Loader aria-label={t.loading} />;
  const r = req.data;
  const open = OPEN_STATES.includes(r.state) && canAnswer;
  const editable = (i: Item) => open && (r.state === 'sent' || i.review?.verdict === 'clarification' || i.review?.verdict === 'not_met');
  const draftFor = (i: Item) => drafts[i.number] ?? answerDraft(i.answer);
  const dirtyNumbers = Object.keys(drafts).map(Number);
  const hearingValue = (k: string) => (hearing && k in hearing ? hearing[k]! : (r.hearing[k] ?? ''));
  const hearingDirty = hearing !== null && Object.entries(hearing).some(([k, v]) => (r.hearing[k] ?? '') !== v);
  const unsaved = dirtyNumbers.length + (hearingDirty ? 1 : 0);
  const done = r.items.filter((i) => complete(r.answerScheme, draftFor(i)) && (!i.mustReanswer || i.confirmed || drafts[i.number])).length;
  const categories = [...new Set(r.items.map((i) => i.category ?? t.cxNoCategory))];
  const reload = () => void req.reload();
  const fields = (d: AnswerDraft) =>
    r.answerScheme === 'yes_no' ? { choice: d.choice, explanation: d.explanation, evidenceIds: d.evidenceIds } : { currentState: d.currentState, issues: d.issues, improvementPlan: d.improvementPlan, evidenceIds: d.evidenceIds };

  /** Saves what changed; answers whether it went through. */
  const save = async (only?: number[]): Promise<boolean> => {
    // 「マスター回答にも反映」 carries every confirmed answer of the request over, not only the edited ones;
    // an item still to be re-answered is never confirmed by it.
    const confirmed = saveToMaster && !only ? r.items.filter((i) => editable(i) && i.answer && (!i.mustReanswer || i.confirmed)).map((i) => i.number) : [];
    const numbers = only ?? [...new Set([...dirtyNumbers, ...confirmed])];
    const items = numbers.map((n) => ({ number: n, ...fields(drafts[n] ?? answerDraft(r.items.find((i) => i.number === n)!.answer)) }));
    const body: Record<string, unknown> = { items, saveToMaster };
    if (hearingDirty && r.state === 'sent' && !only) body.hearing = hearing;
    try {
      const res = await api<{ changed: number; hearingChanged: boolean }>('PUT', `/api/assessment-requests/${r.id}/answers`, body);
      // The saved answers are shown before the drafts go and the message appears.
      await req.reload();
      setDrafts((old) => Object.fromEntries(Object.entries(old).filter(([n]) => !numbers.includes(Number(n)))));
      if (!only) setHearing(null);
      const n = res.changed + (res.hearingChanged ? 1 : 0);
      setStatus({ ok: true, say: (w) => fmt(saveToMaster ? w.cxSavedToMaster : w.cxSavedN, { n }) });
      return true;
    } catch (e) {
      setError({ error: e, sent: numbers });
      return false;
    }
  };
  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    setStatus(null);
    setError(null);
    try {
      await f();
    } finally {
      setBusy(false);
    }
  };
  const prefill = () =>
    run(async () => {
      try {
        const res = await api<{ filled: number }>('POST', `/api/assessment-requests/${r.id}/prefill`);
        await req.reload();
        setStatus({ ok: true, say: (w) => fmt(w.cxPrefilled, { n: res.filled }) });
      } catch (e) {
        setError({ error: e, sent: [] });
      }
    });
  const submit = () =>
    run(async () => {
      if ((unsaved > 0 || saveToMaster) && !(await save())) return;
      try {
        const res = await api<{ version: number }>('POST', `/api/assessment-requests/${r.id}/submit`);
        await req.reload();
        setStatus({ ok: true, say: (w) => fmt(w.cxSubmittedN, { n: res.version }) });
        window.scrollTo(0, 0);
      } catch (e) {
        setError({ error: e, sent: [] });
      }
    });
  const jumpToItem = (n: number) => jumpTo({ id: `item-${n}` });

  return (
    <Stack pb={open ? 96 : 0}>
      <Anchor component={Link} to="/assessment/inbox" size="sm">
        ← {t.cxInboxTitle}
      </Anchor>
      <Group justify="space-between" align="start" wrap="wrap">
        <Stack gap={4}>
          <Title order={2}>
            {r.bank.name}　{r.connection.serviceName}
          </Title>
          <Group gap="xs">
            <RequestStateBadge side="connector" state={r.state} variant="filled" size="lg" data-testid="request-state" />
            <Text size="sm">
              {t.cxDueDate}: {formatDate(r.dueDate, lang)}
            </Text>
            <DueBadge dueDate={r.dueDate} state={r.state} />
          </Group>
          <Text size="sm" c="dimmed">
            {r.template.name}・{r.checklist.ruleSetName} {r.checklist.edition}・{apiTypeLabel(t, r.connection.apiType, 'connector')}・{accessLabel(t, r.connection.access, 'connector')}・{r.answerScheme === 'yes_no' ? t.cxSchemeYesNo : t.cxSchemeSelf}
          </Text>
          {r.checklist.sample && (
            <Group gap="xs">
              <SampleBadge side="connector" sample />
            </Group>
          )}
        </Stack>
        <ExcelTools r={r} open={open} onImported={reload} />
      </Group>
      <StateNotice r={r} onJump={jumpToItem} />
      {open && r.state === 'sent' && (
        <Group gap="xs">
          <Button variant="light" onClick={() => void prefill()} loading={busy}>
            {t.cxPrefill}
          </Button>
          <Text size="sm" c="dimmed">
            {t.cxPrefillHelp}
          </Text>
        </Group>
      )}
      <MsgView msg={status} testId="status" />
      {error && <ProblemList error={error.error} items={r.items} sent={error.sent} />}

      <Paper withBorder p="md" component="section" aria-label={t.as_hearing}>
        <Title order={3} size="h4" mb="xs">
          {t.as_hearing}
        </Title>
        {!(open && r.state === 'sent') ? (
          <Table variant="vertical" layout="fixed" withTableBorder fz="sm" aria-label={t.as_hearing} data-testid="hearing-read-only">
            <Table.Tbody>
              {r.hearingQuestions.map((q) => (
                <Table.Tr key={q.key}>
                  <Table.Th w={{ base: 160, md: 280 }}>{q.label}</Table.Th>
                  <Table.Td className="pre">{r.hearing[q.key] || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Stack gap="xs">
            {r.hearingQuestions.map((q) => {
              const common = { id: `hearing-${q.key}`, label: q.label, withAsterisk: q.required };
              const set = (v: string) => setHearing((old) => ({ ...(old ?? {}), [q.key]: v }));
              return q.kind === 'choice' ? (
                <Select key={q.key} {...common} data={q.choices ?? []} value={hearingValue(q.key) || null} onChange={(v) => set(v ?? '')} maw={360} />
              ) : (
                <TextInput key={q.key} {...common} value={hearingValue(q.key)} onChange={(e) => set(e.currentTarget.value)} />
              );
            })}
          </Stack>
        )}
      </Paper>

      <Text size="sm" data-testid="progress">
        {fmt(t.cxProgress, { done, n: r.items.length })}
      </Text>
      {categories.map((c) => (
        <Stack key={c} gap="xs" component="section" aria-label={c}>
          <Title order={3} size="h4">
            {c}
          </Title>
          {r.items
            .filter((i) => (i.category ?? t.cxNoCategory) === c)
            .map((i) => (
              <ItemCard
                key={i.number}
                r={r}
                item={i}
                draft={draftFor(i)}
                dirty={Boolean(drafts[i.number])}
                editable={editable(i)}
                files={files.data ?? []}
                canAnswer={canAnswer}
                canMessage={can('assessment.message')}
                onChange={(d) => setDrafts((old) => ({ ...old, [i.number]: d }))}
                onConfirm={() => void run(async () => void (await save([i.number])))}
                onUploaded={() => void files.reload()}
                reload={reload}
              />
            ))}
        </Stack>
      ))}

      {open && (
        <Paper withBorder shadow="md" p="sm" pos="sticky" bottom={0} style={{ zIndex: 20 }} component="section" aria-label={t.cxActions}>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Group gap="sm" wrap="wrap">
              <Button onClick={() => void run(async () => void (await save()))} loading={busy} disabled={unsaved === 0 && !saveToMaster}>
                {t.save}
              </Button>
              <Checkbox label={t.cxSaveToMaster} checked={saveToMaster} onChange={(e) => setSaveToMaster(e.currentTarget.checked)} />
              <Text size="sm" c={unsaved ? 'orange' : 'dimmed'}>
                {unsaved ? fmt(t.cxUnsavedN, { n: unsaved }) : t.cxAllSaved}
              </Text>
            </Group>
            <Button color="teal" onClick={() => void submit()} loading={busy}>
              {r.state === 'clarification' ? t.cxResubmit : t.cxSubmit}
            </Button>
          </Group>
        </Paper>
      )}
    </Stack>
  );
}

