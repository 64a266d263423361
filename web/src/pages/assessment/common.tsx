/**
 * What both sides of an assessment share on screen: the shapes the API returns, the names of API
 * types, statuses, verdicts and results in the UI language (the bank's `as_…` words, with the few the
 * connector's screens say their own way as `cx…`), and small pieces (badges, an answer as given, its
 * evidence files, an item's message thread, errors by field path, Japanese calendar days).
 */
import { Alert, Anchor, Badge, Button, Group, List, Modal, Paper, Stack, Text, Textarea, Title, type BadgeProps } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, errorText } from '../../api';
import { formatDateTime, inParens, joinWords, useI18n, type Lang } from '../../i18n';
import { Failed, Listing } from '../../ui';
import { enumLabel, fmt } from '../Evidence';

export type Dict = ReturnType<typeof useI18n>['t'];
/** Whose screen: the bank's (reviewing) or the connector's (answering). */
export type Side = 'bank' | 'connector';
export type Choice = 'yes' | 'no' | 'na';
export type ApiType = 'read' | 'write';
export type Access = 'private' | 'public';
export type Scheme = 'yes_no' | 'self_assessment';
export type ConnectionStatus = 'applied' | 'reviewing' | 'contracted' | 'suspended' | 'terminated';
export type Verdict = 'accepted' | 'clarification' | 'not_met' | 'accepted_with_condition';
export type ResultValue = 'conforming' | 'conditional' | 'non_conforming';
export type RequestState = 'sent' | 'submitted' | 'clarification' | 'decided' | 'withdrawn';
export type PlanState = 'proposed' | 'accepted' | 'completed';
export type ItemChangeKind = 'added' | 'changed' | 'removed' | 'unchanged';

export const API_TYPES: ApiType[] = ['read', 'write'];
export const ACCESS_TYPES: Access[] = ['private', 'public'];
export const SCHEMES: Scheme[] = ['yes_no', 'self_assessment'];
export const VERDICTS: Verdict[] = ['accepted', 'clarification', 'not_met', 'accepted_with_condition'];
export const RESULTS: ResultValue[] = ['conforming', 'conditional', 'non_conforming'];
export const CONNECTION_STATUSES: ConnectionStatus[] = ['applied', 'reviewing', 'contracted', 'suspended', 'terminated'];

export interface EvidenceRef {
  id: string;
  fileName: string;
  sha256: string;
}

/** An answer as stored, and as frozen in a submission. */
export interface Answer {
  choice: Choice | null;
  explanation: string | null;
  currentState: string | null;
  issues: string | null;
  improvementPlan: string | null;
  evidence: EvidenceRef[];
}

export interface Message {
  id: string;
  organisation: string;
  side: 'bank' | 'connector';
  author: string | null;
  body: string;
  createdAt: string;
}

export interface RemediationPlan {
  id: string;
  description: string;
  dueDate: string | null;
  state: PlanState;
  acceptedAt: string | null;
}

export interface RequestItem {
  number: number;
  label: string;
  category: string | null;
  text: string | null;
  objective: string | null;
  /** In a re-assessment: how the item changed since the previous request. */
  change: ItemChangeKind | null;
  mustReanswer: boolean;
  /** Connector side only. */
  confirmed: boolean | null;
  source: string | null;
  /** The bank sees the latest submission; the connector its working answer. */
  answer: Answer | null;
  changedInLatest: boolean;
  masterUpdated: boolean | null;
  review: { verdict: Verdict; condition: string | null; reviewedBy: string | null; reviewedAt: string; submissionVersion: number | null; carried: boolean; stale: boolean } | null;
  previousReview: { verdict: Verdict; condition: string | null; stale: boolean } | null;
  messages: Message[];
  remediation: RemediationPlan[];
}

export interface HearingQuestion {
  key: string;
  label: string;
  kind: 'text' | 'choice';
  choices?: string[];
  required: boolean;
}

/** GET /api/assessment-requests/:id */
export interface RequestView {
  id: string;
  side: 'bank' | 'connector';
  state: RequestState;
  dueDate: string;
  sentAt: string;
  bank: { id: string; name: string };
  connector: { id: string; name: string; registrationNumber: string | null };
  connection: { id: string; serviceName: string; apiType: ApiType; access: Access; status: ConnectionStatus };
  template: { id: string; name: string };
  checklist: { ruleSet: string; ruleSetName: string; edition: string; sample: boolean };
  answerScheme: Scheme;
  hearingQuestions: HearingQuestion[];
  hearing: Record<string, string | null>;
  previousRequestId: string | null;
  submissions: { version: number; submittedAt: string; sha256: string }[];
  shared: boolean | null;
  result: {
    value: ResultValue | null;
    comment: string | null;
    proposedBy: string | null;
    proposedAt: string | null;
    approvedBy: string | null;
    approvedAt: string | null;
    suggested: ResultValue | null;
  };
  newerEdition: { label: string; items: { number: number; change: ItemChangeKind; fields: string[] }[] } | null;
  items: RequestItem[];
}

/** GET /api/assessment-requests (one row) */
export interface RequestRow {
  id: string;
  side: 'bank' | 'connector';
  bank: { id: string; name: string };
  connector: { id: string; name: string };
  serviceName: string;
  apiType: ApiType;
  access: Access;
  template: string;
  edition: string;
  answerScheme: Scheme;
  state: RequestState;
  dueDate: string;
  overdue: boolean;
  sentAt: string;
  items: number;
  submissionVersion: number | null;
  result: ResultValue | null;
  reassessment: boolean;
}

// Words ------------------------------------------------------------------------------------------

/**
 * A value's word on one side's screens: the connector's own (`cx…_value`) where its screens say it
 * differently, else the shared one (`as_…_value`).
 */
function sideWord(t: Dict, side: Side, shared: string, connector: string, v: string): string {
  return (side === 'connector' ? (t as Record<string, string>)[`${connector}_${v}`] : undefined) ?? enumLabel(t, shared, v);
}

export const apiTypeLabel = (t: Dict, v: string, side: Side = 'bank') => sideWord(t, side, 'as_apiType', 'cxApiType', v);
/** 参照系 / 更新系, where a table has no room for the long name. */
export const apiTypeShort = (t: Dict, v: string) => enumLabel(t, 'as_apiTypeShort', v);
export const accessLabel = (t: Dict, v: string, side: Side = 'bank') => sideWord(t, side, 'as_access', 'cxAccess', v);
export const connectionStatusLabel = (t: Dict, v: string) => enumLabel(t, 'as_status', v);
export const verdictLabel = (t: Dict, v: string | null | undefined, side: Side = 'bank') => (v ? sideWord(t, side, 'as_verdict', 'cxVerdict', v) : t.as_verdictNone);
export const resultLabel = (t: Dict, v: string) => enumLabel(t, 'as_result', v);
export const requestStateLabel = (t: Dict, v: string, side: Side = 'bank') => sideWord(t, side, 'as_state', 'cxState', v);
export const schemeLabel = (t: Dict, v: string) => enumLabel(t, 'as_scheme', v);
export const choiceLabel = (t: Dict, v: string) => enumLabel(t, 'as_choice', v);
export const planStateLabel = (t: Dict, v: string, side: Side = 'bank') => sideWord(t, side, 'as_plan', 'cxPlan', v);
export const changeLabel = (t: Dict, v: string) => enumLabel(t, 'as_change', v);

/** 現状 / 課題 / 改善計画 of a self-assessment answer, with their words. */
export const selfAssessmentParts = (t: Dict, a: Partial<Answer>): [string, string | null | undefined][] => [
  [t.as_currentState, a.currentState],
  [t.as_issues, a.issues],
  [t.as_improvementPlan, a.improvementPlan],
];

export { enumLabel, Failed, fmt, inParens, joinWords, Listing };

// Badges -----------------------------------------------------------------------------------------

// The two sides colour some values differently: each keeps its own palette.
const VERDICT_COLOR: Record<Side, Record<Verdict, string>> = {
  bank: { accepted: 'green', clarification: 'yellow', not_met: 'red', accepted_with_condition: 'teal' },
  connector: { accepted: 'green', clarification: 'orange', not_met: 'red', accepted_with_condition: 'yellow' },
};
const RESULT_COLOR: Record<Side, Record<ResultValue, string>> = {
  bank: { conforming: 'green', conditional: 'teal', non_conforming: 'red' },
  connector: { conforming: 'green', conditional: 'yellow', non_conforming: 'red' },
};
const STATE_COLOR: Record<Side, Record<RequestState, string>> = {
  bank: { sent: 'blue', submitted: 'violet', clarification: 'yellow', decided: 'green', withdrawn: 'gray' },
  connector: { sent: 'blue', submitted: 'teal', clarification: 'orange', decided: 'gray', withdrawn: 'gray' },
};
export const verdictColor = (v: Verdict, side: Side = 'bank') => VERDICT_COLOR[side][v];
export const resultColor = (r: ResultValue, side: Side = 'bank') => RESULT_COLOR[side][r];

/** Badges take Mantine's props after their own, so a screen can size or shape one differently. */
type BadgeExtras = Omit<BadgeProps, 'color' | 'children'> & { 'data-testid'?: string };

export function VerdictBadge({ verdict, side = 'bank', ...badge }: { verdict: Verdict | null | undefined; side?: Side } & BadgeExtras) {
  const { t } = useI18n();
  return (
    <Badge miw="fit-content" size="sm" color={verdict ? verdictColor(verdict, side) : 'gray'} variant={verdict ? 'filled' : 'outline'} data-testid="verdict" {...badge}>
      {verdictLabel(t, verdict, side)}
    </Badge>
  );
}

export function ResultBadge({ result, side = 'bank', ...badge }: { result: ResultValue | null | undefined; side?: Side } & BadgeExtras) {
  const { t } = useI18n();
  if (!result) return <Text span>—</Text>;
  return (
    <Badge miw="fit-content" size="sm" color={resultColor(result, side)} {...badge}>
      {resultLabel(t, result)}
    </Badge>
  );
}

export function RequestStateBadge({ state, side = 'bank', ...badge }: { state: RequestState; side?: Side } & BadgeExtras) {
  const { t } = useI18n();
  return (
    <Badge miw="fit-content" color={STATE_COLOR[side][state]} variant="light" {...badge}>
      {requestStateLabel(t, state, side)}
    </Badge>
  );
}

/** The サンプル badge: a checklist we wrote ourselves, never to be taken for FISC's (each side says so in its words). */
export function SampleBadge({ sample, side = 'bank' }: { sample: boolean | undefined; side?: Side }) {
  const { t } = useI18n();
  if (!sample) return null;
  return side === 'bank' ? (
    <Badge miw="fit-content" color="orange" variant="filled" size="sm" title={t.as_sampleNote} data-testid="sample-badge">
      {t.as_sample}
    </Badge>
  ) : (
    <Badge color="grape" variant="outline" title={t.cxSampleHelp}>
      {t.as_sample}
    </Badge>
  );
}

/** A rule set's name (and edition) with its サンプル badge. */
export function ChecklistName({ name, edition, sample }: { name: string; edition?: string; sample: boolean | undefined }) {
  return (
    <Group gap={6} component="span" style={{ display: 'inline-flex' }} wrap="wrap">
      <span>
        {name}
        {edition ? ` ${edition}` : ''}
      </span>
      <SampleBadge sample={sample} />
    </Group>
  );
}

// Errors -----------------------------------------------------------------------------------------

/**
 * The server's problems by their full path without the request part: "/items/3/exclusionReason",
 * "body/hearingQuestions/0/key" → "/hearingQuestions/0/key". Several problems at one path are joined.
 */
export function errorsByPath(e: unknown, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(e instanceof ApiError)) return out;
  for (const p of e.problems) {
    const path = `/${p.where.replace(/^(body|querystring|params)/, '').split('/').filter(Boolean).join('/')}`;
    const text = lang === 'ja' ? p.messageJa : p.messageEn;
    out[path] = out[path] ? `${out[path]} ${text}` : text;
  }
  return out;
}

/** The head line of an error, with the problems no field of the form shows. */
export function errorHead(e: unknown, lang: Lang, shown: (path: string) => boolean): string {
  if (!(e instanceof ApiError)) return errorText(e, lang);
  const rest = Object.entries(errorsByPath(e, lang)).filter(([p]) => !shown(p));
  return [lang === 'ja' ? e.messageJa : e.messageEn, ...rest.map(([, m]) => m)].join('\n');
}

// Forms ------------------------------------------------------------------------------------------

/**
 * A form's round trip to the server. `send` clears the last refusal, runs, keeps the server's
 * refusal if there is one and answers whether it went through; `onSubmit` does so for a form's
 * submit event. `errors` are the refusal's problems by field path, for the fields to show;
 * `<FormError>` shows the rest in the form's head.
 */
export function useSend() {
  const { lang } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const send = async (f: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    setBusy(true);
    try {
      await f();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = (f: () => Promise<unknown>) => (e: FormEvent) => {
    e.preventDefault();
    void send(f);
  };
  return { error, setError, errors: errorsByPath(error, lang), busy, send, onSubmit };
}

/** The head of a refusal: the server's message, and the problems the form shows at none of its `fields` (paths). */
export function FormError({ error, fields, testId }: { error: unknown; fields: string[] | ((path: string) => boolean); testId?: string }) {
  const { lang } = useI18n();
  if (!error) return null;
  return (
    <Alert color="red" role="alert" className="pre" data-testid={testId}>
      {errorHead(error, lang, typeof fields === 'function' ? fields : (p) => fields.includes(p))}
    </Alert>
  );
}

/** A form in its own card: its title, the refusal's head, what went through, the fields, the button. */
export function FormCard({ title, onSubmit, error, fields, done, submit, children }: { title: string; onSubmit: (e: FormEvent) => void; error: unknown; fields: string[]; done: string | null; submit: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="form" onSubmit={onSubmit} aria-label={title}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {title}
        </Title>
        <FormError error={error} fields={fields} />
        {done !== null && (
          <Alert color="green" role="status">
            {done}
          </Alert>
        )}
        {children}
        <Group>
          <Button type="submit">{submit}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** A form in a dialog: the refusal's head, the fields, the button and one to close. */
export function FormDialog({ title, onClose, onSubmit, error, fields, submit, children }: { title: string; onClose: () => void; onSubmit: (e: FormEvent) => void; error: unknown; fields: string[]; submit: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack gap="xs" component="form" onSubmit={onSubmit}>
        <FormError error={error} fields={fields} />
        {children}
        <Group>
          <Button type="submit">{submit}</Button>
          <Button variant="default" onClick={onClose}>
            {t.cancel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

// An answer, its evidence, its thread ------------------------------------------------------------

/** Evidence files with their download links (each download is authorised and audited by the server). */
export function EvidenceList({ files }: { files: EvidenceRef[] }) {
  const { t } = useI18n();
  if (!files.length) {
    return (
      <Text size="sm" c="dimmed">
        {t.as_noEvidence}
      </Text>
    );
  }
  return (
    <List size="sm" spacing={4} data-testid="evidence-files">
      {files.map((f) => (
        <List.Item key={f.id}>
          <Anchor href={`/api/evidence-files/${f.id}`} download={f.fileName}>
            {f.fileName}
          </Anchor>
          <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
            SHA-256 {f.sha256}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" fw={700} c="dimmed">
        {label}
      </Text>
      <Text size="sm" className="pre">
        {children}
      </Text>
    </div>
  );
}

/** An answer as given: the choice and its explanation (②欄), or 現状 / 課題 / 改善計画. */
export function AnswerView({ scheme, answer }: { scheme: Scheme; answer: Answer | null }) {
  const { t } = useI18n();
  if (!answer) {
    return (
      <Text size="sm" c="dimmed">
        {t.as_noAnswer}
      </Text>
    );
  }
  if (scheme === 'yes_no') {
    return (
      <Stack gap={6} data-testid="answer">
        <Group gap="xs">
          <Text size="xs" fw={700} c="dimmed">
            {t.as_answer}
          </Text>
          {answer.choice ? (
            <Badge miw="fit-content" size="lg" variant="outline" color={answer.choice === 'yes' ? 'green' : answer.choice === 'no' ? 'red' : 'gray'}>
              {choiceLabel(t, answer.choice)}
            </Badge>
          ) : (
            <Text size="sm">—</Text>
          )}
        </Group>
        <Labelled label={t.as_explanation}>{answer.explanation || '—'}</Labelled>
      </Stack>
    );
  }
  return (
    <Stack gap={6} data-testid="answer">
      {selfAssessmentParts(t, answer).map(([label, text]) => (
        <Labelled key={label} label={label}>
          {text || '—'}
        </Labelled>
      ))}
    </Stack>
  );
}

/** An item's message thread, oldest first, with a box to write when `send` is given. */
export function MessageThread({ messages, send, label }: { messages: Message[]; send?: (body: string) => Promise<void>; label: string }) {
  const { t, lang } = useI18n();
  const [body, setBody] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!send) return;
    setError(null);
    setBusy(true);
    try {
      await send(body);
      setBody('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs" component="section" aria-label={`${t.as_thread}${inParens(lang, label)}`}>
      <Title order={4} size="h6">
        {t.as_thread}
      </Title>
      {messages.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.as_noMessages}
        </Text>
      ) : (
        <Stack gap={6} data-testid="thread">
          {messages.map((m) => (
            <Paper key={m.id} withBorder p="xs" bg={m.side === 'bank' ? 'var(--mantine-color-indigo-0)' : 'var(--mantine-color-gray-0)'} component="article" aria-label={`${m.organisation} ${formatDateTime(m.createdAt, lang)}`}>
              <Group gap={6} justify="space-between" wrap="wrap">
                <Text size="xs" fw={700}>
                  {enumLabel(t, 'as_side', m.side)}: {m.organisation}
                  {m.author ? inParens(lang, m.author) : ''}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(m.createdAt, lang)}
                </Text>
              </Group>
              <Text size="sm" className="pre" mt={2}>
                {m.body}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
      {send && (
        <Stack gap={4} component="form" onSubmit={submit}>
          <Textarea label={t.as_message} autosize minRows={2} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={error ? errorText(error, lang) : undefined} />
          <Group>
            <Button type="submit" size="xs" loading={busy}>
              {t.as_sendMessage}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

/** Posts a message to an item's thread (both sides use the same route). */
export const postItemMessage = (requestId: string, number: number, body: string) => api('POST', `/api/assessment-requests/${requestId}/items/${number}/messages`, { body });

/** The day in Japan of an instant (ISO), as YYYY-MM-DD. */
export const japanDate = (iso: string) => new Date(Date.parse(iso) + 9 * 3_600_000).toISOString().slice(0, 10);

/** Today in Japan as 2026-01-30 (due dates are Japanese calendar days). */
export const todayInJapan = (now = new Date()) => japanDate(now.toISOString());

/** Today in Japan plus some days, as YYYY-MM-DD (for due-date defaults). */
export function daysFromToday(days: number): string {
  return new Date(Date.parse(`${todayInJapan()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from today (in Japan) to a date: negative once it has passed. */
export function daysUntil(date: string, today = todayInJapan()): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
