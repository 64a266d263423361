/**
 * What both sides of an assessment share on screen: the shapes the API returns, the names of API
 * types, statuses, verdicts and results in the UI language, and small pieces (badges, an answer as
 * given, its evidence files, an item's message thread, errors by field path).
 */
import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, errorText } from '../../api';
import { formatDateTime, inParens, joinWords, useI18n, type Lang } from '../../i18n';
import { enumLabel, fmt } from '../Evidence';

export type Dict = ReturnType<typeof useI18n>['t'];
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
  choice: 'yes' | 'no' | 'na' | null;
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
  dueDate: string | null;
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

export const apiTypeLabel = (t: Dict, v: string, short = false) => enumLabel(t, short ? 'as_apiTypeShort' : 'as_apiType', v);
export const accessLabel = (t: Dict, v: string) => enumLabel(t, 'as_access', v);
export const connectionStatusLabel = (t: Dict, v: string) => enumLabel(t, 'as_status', v);
export const verdictLabel = (t: Dict, v: string | null | undefined) => (v ? enumLabel(t, 'as_verdict', v) : t.as_verdictNone);
export const resultLabel = (t: Dict, v: string) => enumLabel(t, 'as_result', v);
export const requestStateLabel = (t: Dict, v: string) => enumLabel(t, 'as_state', v);
export const schemeLabel = (t: Dict, v: string) => enumLabel(t, 'as_scheme', v);
export const choiceLabel = (t: Dict, v: string) => enumLabel(t, 'as_choice', v);
export const planStateLabel = (t: Dict, v: string) => enumLabel(t, 'as_plan', v);
export const changeLabel = (t: Dict, v: string) => enumLabel(t, 'as_change', v);
export { enumLabel, fmt, inParens, joinWords };

// Badges -----------------------------------------------------------------------------------------

const VERDICT_COLOR: Record<Verdict, string> = { accepted: 'green', clarification: 'yellow', not_met: 'red', accepted_with_condition: 'teal' };
const RESULT_COLOR: Record<ResultValue, string> = { conforming: 'green', conditional: 'teal', non_conforming: 'red' };
const STATE_COLOR: Record<RequestState, string> = { sent: 'blue', submitted: 'violet', clarification: 'yellow', decided: 'green', withdrawn: 'gray' };

export function VerdictBadge({ verdict, size = 'sm' }: { verdict: Verdict | null | undefined; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useI18n();
  return (
    <Badge miw="fit-content" size={size} color={verdict ? VERDICT_COLOR[verdict] : 'gray'} variant={verdict ? 'filled' : 'outline'} data-testid="verdict">
      {verdictLabel(t, verdict)}
    </Badge>
  );
}

export function ResultBadge({ result, size = 'sm' }: { result: ResultValue | null | undefined; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t } = useI18n();
  if (!result) return <Text span>—</Text>;
  return (
    <Badge miw="fit-content" size={size} color={RESULT_COLOR[result]}>
      {resultLabel(t, result)}
    </Badge>
  );
}

export function RequestStateBadge({ state }: { state: RequestState }) {
  const { t } = useI18n();
  return (
    <Badge miw="fit-content" color={STATE_COLOR[state]} variant="light">
      {requestStateLabel(t, state)}
    </Badge>
  );
}

/** The サンプル badge: a checklist we wrote ourselves, never to be taken for FISC's. */
export function SampleBadge({ sample }: { sample: boolean | undefined }) {
  const { t } = useI18n();
  if (!sample) return null;
  return (
    <Badge miw="fit-content" color="orange" variant="filled" size="sm" title={t.as_sampleNote} data-testid="sample-badge">
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

export function Failed({ error }: { error: unknown }) {
  const { lang } = useI18n();
  if (!error) return null;
  return (
    <Alert color="red" role="alert" className="pre">
      {errorText(error, lang)}
    </Alert>
  );
}

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
      <Labelled label={t.as_currentState}>{answer.currentState || '—'}</Labelled>
      <Labelled label={t.as_issues}>{answer.issues || '—'}</Labelled>
      <Labelled label={t.as_improvementPlan}>{answer.improvementPlan || '—'}</Labelled>
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

/** Today in Japan plus some days, as YYYY-MM-DD (for due-date defaults). */
export function daysFromToday(days: number): string {
  const now = new Date(Date.now() + 9 * 3_600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
}

/** The day in Japan of an instant (ISO), as YYYY-MM-DD. */
export const japanDate = (iso: string) => new Date(Date.parse(iso) + 9 * 3_600_000).toISOString().slice(0, 10);
