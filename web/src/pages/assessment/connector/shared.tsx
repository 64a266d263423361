/**
 * What only the connector's assessment screens share: the due-date badge, evidence pickers with
 * upload, sending a file (evidence, a filled workbook) with the CSRF header, and messages that follow
 * a switch of language. The shapes the API answers with and the words for values are those both
 * sides use (../common).
 */
import { Alert, Anchor, Badge, Button, FileButton, Group, MultiSelect, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { enc, errorText, sendFile, XLSX_TYPE } from '../../../api';
import { useI18n, type Lang } from '../../../i18n';
import { useSession } from '../../../session';
import { choiceLabel, daysUntil, fmt, selfAssessmentParts, type Answer, type Choice, type Dict, type EvidenceRef, type RequestState, type Scheme } from '../common';

export interface EvidenceFile {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

/** The states in which a request awaits the connector's answers. */
export const OPEN_STATES: RequestState[] = ['sent', 'clarification'];

/** 期限切れ（N日超過） / 本日期限 / あと N 日, coloured by urgency; only while the request awaits an answer. */
export function DueBadge({ dueDate, state }: { dueDate: string; state: RequestState }) {
  const { t } = useI18n();
  if (!OPEN_STATES.includes(state)) return null;
  const d = daysUntil(dueDate);
  if (d < 0)
    return (
      <Badge color="red" variant="filled" data-testid="due-badge" miw="max-content">
        {fmt(t.cxOverdue, { n: -d })}
      </Badge>
    );
  if (d === 0)
    return (
      <Badge color="red" variant="light" data-testid="due-badge" miw="max-content">
        {t.cxDueToday}
      </Badge>
    );
  return (
    <Badge color={d <= 7 ? 'orange' : 'gray'} variant="light" data-testid="due-badge" miw="max-content">
      {fmt(t.cxDaysLeft, { n: d })}
    </Badge>
  );
}

/**
 * What an action answered, kept as words to say rather than as text, so that it follows a switch
 * of language: a success in the dictionary's words, or the server's error (both languages).
 */
export type Msg = { ok: true; say: (t: Dict, lang: Lang) => string } | { ok: false; error: unknown };

export function MsgView({ msg, inline = false, testId }: { msg: Msg | null; inline?: boolean; testId?: string }) {
  const { t, lang } = useI18n();
  if (!msg) return null;
  const text = msg.ok ? msg.say(t, lang) : errorText(msg.error, lang);
  const role = msg.ok ? 'status' : 'alert';
  return inline ? (
    <Text size="sm" c={msg.ok ? 'green' : 'red'} role={role} className="pre" data-testid={testId}>
      {text}
    </Text>
  ) : (
    <Alert color={msg.ok ? 'green' : 'red'} role={role} className="pre" data-testid={testId}>
      {text}
    </Alert>
  );
}

/** A one-line reading of an answer: はい / いいえ: 説明 / 現状: … */
export function answerSummary(t: Dict, a: Partial<Answer> | null | undefined): string {
  if (!a) return t.cxNotAnswered;
  const parts: string[] = [];
  if (a.choice) parts.push(choiceLabel(t, a.choice));
  if (a.explanation) parts.push(a.explanation);
  for (const [label, text] of selfAssessmentParts(t, a)) if (text) parts.push(`${label}: ${text}`);
  return parts.length ? parts.join(' / ') : t.cxNotAnswered;
}

/** An answer being edited: its text fields as typed, its evidence as file ids. */
export interface AnswerDraft {
  choice: Choice | null;
  explanation: string;
  currentState: string;
  issues: string;
  improvementPlan: string;
  evidenceIds: string[];
}

export const answerDraft = (a: Partial<Answer> | null | undefined): AnswerDraft => ({
  choice: a?.choice ?? null,
  explanation: a?.explanation ?? '',
  currentState: a?.currentState ?? '',
  issues: a?.issues ?? '',
  improvementPlan: a?.improvementPlan ?? '',
  evidenceIds: (a?.evidence ?? []).map((e) => e.id),
});

/**
 * The inputs of one answer under a scheme: はい／いいえ／該当なし with ②欄, or 現状・課題・改善計画.
 * In a request (`required`) the fields the server will require are marked and the first ones
 * roomier; each input names its field (data-field) so that a refusal's link can focus it.
 */
export function AnswerInputs({ scheme, draft, readOnly, required, onChange }: { scheme: Scheme; draft: AnswerDraft; readOnly: boolean; required: boolean; onChange: (patch: Partial<AnswerDraft>) => void }) {
  const { t } = useI18n();
  const help = (text: string) => (readOnly ? undefined : text);
  if (scheme === 'yes_no') {
    return (
      <>
        <Radio.Group label={t.as_answer} value={draft.choice ?? ''} onChange={(v) => onChange({ choice: v as Choice })} withAsterisk={required}>
          <Group mt={4}>
            {(['yes', 'no', 'na'] as const).map((c, i) => (
              <Radio key={c} value={c} label={choiceLabel(t, c)} disabled={readOnly} {...(i === 0 ? { 'data-field': 'choice' } : {})} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label={t.cxExplanation}
          description={help(t.cxExplanationHelp)}
          withAsterisk={required && (draft.choice === 'no' || draft.choice === 'na')}
          autosize
          minRows={required ? 2 : 1}
          value={draft.explanation}
          onChange={(e) => onChange({ explanation: e.currentTarget.value })}
          readOnly={readOnly}
          data-field="explanation"
        />
      </>
    );
  }
  return (
    <>
      <Textarea label={t.as_currentState} withAsterisk={required} autosize minRows={required ? 2 : 1} value={draft.currentState} onChange={(e) => onChange({ currentState: e.currentTarget.value })} readOnly={readOnly} data-field="currentState" />
      <Textarea label={t.as_issues} autosize minRows={1} value={draft.issues} onChange={(e) => onChange({ issues: e.currentTarget.value })} readOnly={readOnly} data-field="issues" />
      <Textarea
        label={t.as_improvementPlan}
        description={help(t.cxImprovementPlanHelp)}
        withAsterisk={required && draft.issues.trim() !== ''}
        autosize
        minRows={1}
        value={draft.improvementPlan}
        onChange={(e) => onChange({ improvementPlan: e.currentTarget.value })}
        readOnly={readOnly}
        data-field="improvementPlan"
      />
    </>
  );
}

export { sendFile, XLSX_TYPE };

/** Uploads one evidence file of the organisation (type checked by content on the server). */
export function uploadEvidence(file: File, csrfToken: string | null) {
  return sendFile<EvidenceFile>('POST', `/api/evidence-files?fileName=${enc(file.name)}`, file, 'application/octet-stream', csrfToken);
}

const sizeText = (n: number, lang: Lang) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} ${lang === 'ja' ? 'バイト' : 'bytes'}`);

/**
 * The evidence of one answer: the files attached (each a download link), a picker of the
 * organisation's files, and an upload that attaches the new file at once.
 */
export function EvidencePicker({
  label,
  files,
  value,
  attached,
  readOnly,
  onChange,
  onUploaded,
}: {
  label: string;
  files: EvidenceFile[];
  value: string[];
  attached: EvidenceRef[];
  readOnly: boolean;
  onChange: (ids: string[]) => void;
  onUploaded: (f: EvidenceFile) => void;
}) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [msg, setMsg] = useState<Msg | null>(null);
  const [busy, setBusy] = useState(false);
  const known = new Map(files.map((f) => [f.id, f.fileName]));
  for (const a of attached) if (!known.has(a.id)) known.set(a.id, a.fileName);
  if (readOnly) {
    return (
      <Stack gap={2}>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        {value.length ? (
          <Group gap="xs">
            {value.map((id) => (
              <Anchor key={id} size="sm" href={`/api/evidence-files/${id}`}>
                {known.get(id) ?? id}
              </Anchor>
            ))}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t.cxNoEvidence}
          </Text>
        )}
      </Stack>
    );
  }
  const upload = async (file: File | null) => {
    if (!file) return;
    setMsg(null);
    setBusy(true);
    try {
      const f = await uploadEvidence(file, me?.csrfToken ?? null);
      onUploaded(f);
      onChange([...value.filter((x) => x !== f.id), f.id]);
      setMsg({ ok: true, say: (w) => fmt(w.cxUploaded, { name: f.fileName }) });
    } catch (e) {
      setMsg({ ok: false, error: e });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4}>
      <Group align="end" gap="xs" wrap="wrap">
        <MultiSelect
          label={label}
          placeholder={value.length ? undefined : t.cxPickEvidence}
          data={[...known.entries()].map(([id, name]) => {
            const f = files.find((x) => x.id === id);
            return { value: id, label: f ? `${name}（${sizeText(f.size, lang)}）` : name };
          })}
          value={value}
          onChange={onChange}
          searchable
          clearable
          nothingFoundMessage={t.cxNoFiles}
          style={{ flex: 1 }}
          miw={240}
        />
        <FileButton onChange={(f) => void upload(f)} accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx,.txt,.csv,.md">
          {(props) => (
            <Button {...props} variant="default" loading={busy} aria-label={`${t.cxUpload}（${label}）`}>
              {t.cxUpload}
            </Button>
          )}
        </FileButton>
      </Group>
      {value.length > 0 && (
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            {t.as_download}:
          </Text>
          {value.map((id) => (
            <Anchor key={id} size="xs" href={`/api/evidence-files/${id}`}>
              {known.get(id) ?? id}
            </Anchor>
          ))}
        </Group>
      )}
      <MsgView msg={msg} inline />
    </Stack>
  );
}
