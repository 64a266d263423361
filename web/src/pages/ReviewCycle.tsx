/**
 * Running a review cycle (secretariat): the evidence of each consideration (linkable by hand),
 * findings and conclusions, the decision (derived, overridden only with a reason, the expert-panel
 * path), the document's wording and date, states, comments, corrections and every version readable.
 */
import { Alert, Anchor, Badge, Button, Checkbox, Group, List, Loader, Paper, Radio, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { api, enc, errorText } from '../api';
import { formatDate, useI18n } from '../i18n';
import { Failed } from '../ui';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { errorSummary, evidenceHeadline, fieldErrors, fmt, REGISTERS, registerLabel, type Entry, type RegisterName } from './Evidence';

type State = 'draft' | 'deliberation' | 'decided' | 'published';
type Conclusion = 'needed' | 'not_needed';
interface Cycle {
  id: string;
  checklist: { code: string; name: string };
  fiscalYear: number;
  version: number;
  state: State;
  issuer: string;
  documentDate: string | null;
  decisionStatement: string | null;
  policyText: string | null;
  decision: { derived: Conclusion | null; effective: Conclusion | null; overridden: boolean; labelJa: string; labelEn: string };
  overrideReason: string | null;
  majorRevision: boolean;
  expertPanelDate: string | null;
  considerations: { key: string; label: string; title: string; finding: string | null; conclusion: Conclusion | null; reason: string | null }[];
}
interface Evidence {
  key: string;
  evidence: { register: RegisterName; entry: Entry }[];
  suggested: Conclusion;
}

const NEXT: Record<State, State[]> = { draft: ['deliberation'], deliberation: ['draft', 'decided'], decided: ['deliberation', 'published'], published: [] };
/** The register each consideration is usually fed from: the first choice when linking by hand. */
const DEFAULT_REGISTER: Record<string, RegisterName> = { usage: 'feedback', incidents: 'incident', standards: 'standardTrend', selfRegulation: 'selfRegulation', updateApi: 'updateApi' };

function LinkEvidence({ cycleId, considerationKey, linked, onLinked }: { cycleId: string; considerationKey: string; linked: string[]; onLinked: () => void }) {
  const { t, lang } = useI18n();
  const [register, setRegister] = useState<RegisterName>(DEFAULT_REGISTER[considerationKey] ?? 'feedback');
  const entries = useApi<Entry[]>(`/api/evidence/${register}`);
  const [entry, setEntry] = useState<string | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const link = async (e: FormEvent) => {
    e.preventDefault();
    if (!entry) return;
    try {
      await api('POST', `/api/review-cycles/by-id/${cycleId}/evidence-links`, { key: considerationKey, register, evidenceId: entry });
      setEntry(null);
      setMsg({ ok: true, text: t.linked });
      onLinked();
    } catch (err) {
      setMsg({ ok: false, text: errorText(err, lang) });
    }
  };
  const options = (entries.data ?? []).filter((x) => !linked.includes(x.id)).map((x) => ({ value: x.id, label: evidenceHeadline(t, lang, register, x) }));
  return (
    <Stack gap={4} component="form" onSubmit={link}>
      <Group align="end" wrap="wrap">
        <Select
          label={t.register}
          data={REGISTERS.map((r) => ({ value: r, label: registerLabel(t, r) }))}
          value={register}
          onChange={(v) => {
            if (v) setRegister(v as RegisterName);
            setEntry(null);
          }}
          allowDeselect={false}
          w={200}
        />
        <Select label={t.entry} data={options} value={entry} onChange={setEntry} searchable nothingFoundMessage={t.noEntries} style={{ flex: 1 }} miw={260} />
        <Button type="submit" variant="light" disabled={!entry}>
          {t.link}
        </Button>
      </Group>
      {msg && (
        <Text size="sm" c={msg.ok ? 'green' : 'red'} role={msg.ok ? 'status' : 'alert'} className="pre">
          {msg.text}
        </Text>
      )}
    </Stack>
  );
}

function ConsiderationForm({ cycleId, c, ev, disabled, canLink, onSaved, onLinked }: { cycleId: string; c: Cycle['considerations'][number]; ev?: Evidence; disabled: boolean; canLink: boolean; onSaved: () => void; onLinked: () => void }) {
  const { t, lang } = useI18n();
  const [finding, setFinding] = useState(c.finding ?? '');
  const [conclusion, setConclusion] = useState<string>(c.conclusion ?? '');
  const [reason, setReason] = useState(c.reason ?? '');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [linking, setLinking] = useState(false);
  const save = async () => {
    try {
      await api('PATCH', `/api/review-cycles/by-id/${cycleId}/considerations/${c.key}`, { finding, conclusion: conclusion || null, reason });
      setMsg({ ok: true, text: t.saved });
      onSaved();
    } catch (e) {
      setMsg({ ok: false, text: errorText(e, lang) });
    }
  };
  return (
    <Paper withBorder p="md" aria-label={`${c.label} ${c.title}`} component="section">
      <Group justify="space-between">
        <Title order={3} size="h5">
          {c.label} {c.title}
        </Title>
        {ev && (
          <Group gap="xs">
            <Badge variant="light">
              {t.evidence}: {ev.evidence.length}
            </Badge>
            <Badge color={ev.suggested === 'needed' ? 'red' : 'gray'} variant="outline">
              {t.suggested}: {ev.suggested === 'needed' ? t.needed : t.notNeeded}
            </Badge>
          </Group>
        )}
      </Group>
      {ev && (
        <Stack gap={4} mt="xs">
          <Text size="sm" fw={700}>
            {t.linkedEvidence}
          </Text>
          {ev.evidence.length ? (
            <List size="sm" spacing={2} data-testid={`evidence-${c.key}`}>
              {ev.evidence.map((x) => (
                <List.Item key={`${x.register}-${x.entry.id}`}>
                  <Badge size="sm" variant="dot" mr={6}>
                    {registerLabel(t, x.register)}
                  </Badge>
                  {evidenceHeadline(t, lang, x.register, x.entry)}
                </List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm" c="dimmed">
              {t.noLinkedEvidence}
            </Text>
          )}
          {canLink && (
            <div>
              <Button size="compact-xs" variant="subtle" onClick={() => setLinking((x) => !x)} aria-expanded={linking}>
                {t.linkEvidence}
              </Button>
              {linking && <LinkEvidence cycleId={cycleId} considerationKey={c.key} linked={ev.evidence.map((x) => x.entry.id)} onLinked={onLinked} />}
            </div>
          )}
        </Stack>
      )}
      {msg && (
        <Alert color={msg.ok ? 'green' : 'red'} mt="xs" className="pre" role={msg.ok ? 'status' : 'alert'}>
          {msg.text}
        </Alert>
      )}
      {/* Read-only rather than disabled when frozen, so that a published text reads as clearly as it prints. */}
      <Textarea label={t.finding} autosize minRows={2} value={finding} onChange={(e) => setFinding(e.currentTarget.value)} readOnly={disabled} mt="xs" />
      <Radio.Group label={t.conclusion} value={conclusion} onChange={setConclusion} mt="xs">
        <Group mt={4}>
          <Radio value="not_needed" label={t.notNeeded} disabled={disabled} />
          <Radio value="needed" label={t.needed} disabled={disabled} />
        </Group>
      </Radio.Group>
      <TextInput label={t.reason} value={reason} onChange={(e) => setReason(e.currentTarget.value)} readOnly={disabled} mt="xs" />
      {!disabled && (
        <Button size="xs" mt="sm" onClick={() => void save()}>
          {t.save}
        </Button>
      )}
    </Paper>
  );
}

const conclusionWord = (t: ReturnType<typeof useI18n>['t'], c: Conclusion | null) => (c === 'needed' ? t.needed : c === 'not_needed' ? t.notNeeded : t.notJudged);

/** The decision: derived from the conclusions, overridden only with a reason; the document's wording and date. */
function DecisionForm({ c, editable, onSaved }: { c: Cycle; editable: boolean; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const [override, setOverride] = useState<string>(c.decision.overridden && c.decision.effective ? c.decision.effective : 'none');
  const [overrideReason, setOverrideReason] = useState(c.overrideReason ?? '');
  const [majorRevision, setMajorRevision] = useState(c.majorRevision);
  const [expertPanelDate, setExpertPanelDate] = useState(c.expertPanelDate ?? '');
  const [decisionStatement, setDecisionStatement] = useState(c.decisionStatement ?? '');
  const [policyText, setPolicyText] = useState(c.policyText ?? '');
  const [documentDate, setDocumentDate] = useState(c.documentDate ?? '');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const errors = fieldErrors(error, lang);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api('PATCH', `/api/review-cycles/by-id/${c.id}/decision`, {
        decisionOverride: override === 'none' ? null : override,
        overrideReason: overrideReason || null,
        majorRevision,
        expertPanelDate: expertPanelDate || null,
        decisionStatement: decisionStatement || null,
        policyText: policyText || null,
        documentDate: documentDate || null,
      });
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  const disabled = !editable;
  return (
    <Paper withBorder p="md" component="form" onSubmit={save} aria-label={t.decision}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t.decision}
        </Title>
        <Text size="sm">
          {t.derivedDecision}: <strong data-testid="derived-decision">{conclusionWord(t, c.decision.derived)}</strong>
          {c.decision.overridden && (
            <Badge ml="xs" color="orange" variant="light">
              {t.overrideDecision}
            </Badge>
          )}
        </Text>
        {error ? (
          <Alert color="red" role="alert" className="pre">
            {errorSummary(error, lang, ['decisionOverride', 'overrideReason', 'majorRevision', 'expertPanelDate', 'decisionStatement', 'policyText', 'documentDate'])}
          </Alert>
        ) : null}
        {saved && (
          <Alert color="green" role="status">
            {t.saved}
          </Alert>
        )}
        <Group grow align="start" wrap="wrap">
          <Select
            label={t.overrideDecision}
            data={[
              { value: 'none', label: t.noOverride },
              { value: 'needed', label: t.needed },
              { value: 'not_needed', label: t.notNeeded },
            ]}
            value={override}
            onChange={(v) => setOverride(v ?? 'none')}
            allowDeselect={false}
            readOnly={disabled}
            error={errors.decisionOverride}
            miw={220}
          />
          <TextInput label={t.overrideReason} value={overrideReason} onChange={(e) => setOverrideReason(e.currentTarget.value)} readOnly={disabled} error={errors.overrideReason} miw={220} />
        </Group>
        <Checkbox label={t.majorRevision} checked={majorRevision} onChange={(e) => setMajorRevision(e.currentTarget.checked)} disabled={disabled} error={errors.majorRevision} />
        <TextInput type="date" label={t.expertPanelDate} value={expertPanelDate} onChange={(e) => setExpertPanelDate(e.currentTarget.value)} readOnly={disabled} error={errors.expertPanelDate} maw={240} />
        <Textarea label={t.decisionStatement} autosize minRows={2} value={decisionStatement} onChange={(e) => setDecisionStatement(e.currentTarget.value)} readOnly={disabled} error={errors.decisionStatement} />
        <Textarea label={t.policyText} autosize minRows={3} value={policyText} onChange={(e) => setPolicyText(e.currentTarget.value)} readOnly={disabled} error={errors.policyText} />
        <TextInput type="date" label={t.documentDate} value={documentDate} onChange={(e) => setDocumentDate(e.currentTarget.value)} readOnly={disabled} error={errors.documentDate} maw={240} />
        {editable && (
          <Group>
            <Button type="submit">{t.saveDecision}</Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

export function ReviewCyclePage() {
  const { checklist = '', fiscalYear = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const version = params.get('version');
  const { t, lang } = useI18n();
  const { can } = useSession();
  const manage = can('review.manage');
  const cycle = useApi<Cycle>(`/api/review-cycles/${enc(checklist)}/${enc(fiscalYear)}${version ? `?version=${enc(version)}` : ''}`);
  const list = useApi<{ id: string; checklist: string; fiscalYear: number; version: number; state: State }[]>('/api/review-cycles');
  const evidence = useApi<Evidence[]>(cycle.data && manage ? `/api/review-cycles/by-id/${cycle.data.id}/evidence` : null);
  const comments = useApi<{ id: string; organisation: string; considerationKey: string | null; body: string }[]>(cycle.data ? `/api/review-cycles/by-id/${cycle.data.id}/comments` : null);
  const [comment, setComment] = useState('');
  const [commentKey, setCommentKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (cycle.error && !cycle.data) return <Failed error={cycle.error} />;
  if (!cycle.data) return <Loader />;
  const c = cycle.data;
  const versions = (list.data ?? []).filter((x) => x.checklist === checklist && String(x.fiscalYear) === fiscalYear).sort((a, b) => a.version - b.version);
  const latest = versions.length ? versions[versions.length - 1]!.version : c.version;
  const isLatest = c.version === latest;
  const frozen = c.state === 'published' || c.state === 'decided' || !isLatest;
  const stateWord = (s: State) => t[`state_${s}` as keyof typeof t];
  const fyWord = lang === 'ja' ? `${c.fiscalYear}年度` : `FY${c.fiscalYear}`;
  const run = async (f: () => Promise<void>) => {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(errorText(e, lang));
    }
  };
  const move = (to: State) =>
    run(async () => {
      await api('POST', `/api/review-cycles/by-id/${c.id}/state`, { to });
      await Promise.all([cycle.reload(), list.reload()]);
    });
  const correct = () =>
    run(async () => {
      const r = await api<{ version: number }>('POST', `/api/review-cycles/by-id/${c.id}/corrections`);
      await list.reload();
      setParams({ version: String(r.version) });
    });
  const considerationName = (key: string | null) => {
    const k = c.considerations.find((x) => x.key === key);
    return k ? `${k.label} ${k.title}` : key;
  };
  const docUrl = (format: string) => `/api/review-cycles/${enc(checklist)}/${c.fiscalYear}?format=${format}&version=${c.version}`;
  return (
    <Stack>
      <Title order={2}>
        {fyWord} {t.reviews}
        {c.version > 1 ? ` (v${c.version})` : ''}
      </Title>
      <Group>
        <Badge size="lg" data-testid="cycle-state">
          {stateWord(c.state)}
        </Badge>
        <Text>
          {t.decision}: <strong data-testid="cycle-decision">{lang === 'ja' ? c.decision.labelJa : c.decision.labelEn}</strong>
        </Text>
        {manage &&
          isLatest &&
          NEXT[c.state].map((to) => (
            <Button key={to} size="xs" variant="light" onClick={() => void move(to)}>
              → {stateWord(to)}
            </Button>
          ))}
        {manage && isLatest && c.state === 'published' && (
          <Button size="xs" variant="outline" onClick={() => void correct()}>
            {t.createCorrection}
          </Button>
        )}
      </Group>
      <Group align="end" justify="space-between">
        {versions.length > 1 ? (
          <Select
            label={t.version}
            data={versions.map((v) => ({ value: String(v.version), label: fmt(t.versionLabel, { version: v.version, state: stateWord(v.state) }) }))}
            value={String(c.version)}
            onChange={(v) => v && setParams({ version: v })}
            allowDeselect={false}
            w={200}
          />
        ) : (
          <span />
        )}
        <Group gap="xs" role="group" aria-label={`${t.policyDocument} ${t.download}`}>
          <Text size="sm">
            {t.policyDocument} {t.download}:
          </Text>
          {(['pdf', 'html', 'markdown'] as const).map((f) => (
            <Button key={f} component="a" size="compact-sm" variant="default" href={docUrl(f)} target={f === 'html' ? '_blank' : undefined}>
              {f === 'markdown' ? 'Markdown' : f.toUpperCase()}
            </Button>
          ))}
        </Group>
      </Group>
      {!isLatest && (
        <Alert color="yellow" role="status">
          {fmt(t.oldVersion, { version: c.version, latest })}{' '}
          <Anchor component="button" type="button" onClick={() => setParams({})}>
            v{latest}
          </Anchor>
        </Alert>
      )}
      {error && (
        <Alert color="red" role="alert" className="pre">
          {error}
        </Alert>
      )}
      {c.considerations.map((k) => (
        <ConsiderationForm
          key={`${c.version}-${k.key}-${c.state}`}
          cycleId={c.id}
          c={k}
          ev={evidence.data?.find((e) => e.key === k.key)}
          disabled={!manage || frozen}
          canLink={manage && isLatest && c.state !== 'published'}
          onSaved={() => void cycle.reload()}
          onLinked={() => void evidence.reload()}
        />
      ))}
      <DecisionForm key={`${c.version}-${c.state}`} c={c} editable={manage && isLatest && c.state !== 'published'} onSaved={() => void cycle.reload()} />
      {c.documentDate && (
        <Text size="sm" c="dimmed">
          {t.documentDate}: {formatDate(c.documentDate, lang)}（{c.issuer}）
        </Text>
      )}
      <Paper withBorder p="md">
        <Title order={3} size="h5">
          {t.comments}
        </Title>
        {(comments.data ?? []).map((x) => (
          <Text key={x.id} size="sm">
            {x.organisation}
            {x.considerationKey ? `（${considerationName(x.considerationKey)}）` : ''}: {x.body}
          </Text>
        ))}
        {c.state === 'deliberation' && isLatest && can('review.comment') && (
          <Group align="end" mt="sm">
            <Select
              label={t.considerationOfComment}
              data={[{ value: 'none', label: t.wholeReview }, ...c.considerations.map((k) => ({ value: k.key, label: `${k.label} ${k.title}` }))]}
              value={commentKey ?? 'none'}
              onChange={(v) => setCommentKey(v && v !== 'none' ? v : null)}
              allowDeselect={false}
              w={280}
            />
            <TextInput label={t.comment} value={comment} onChange={(e) => setComment(e.currentTarget.value)} style={{ flex: 1 }} />
            <Button
              onClick={() =>
                void run(async () => {
                  await api('POST', `/api/review-cycles/by-id/${c.id}/comments`, { considerationKey: commentKey, body: comment });
                  setComment('');
                  await comments.reload();
                })
              }
            >
              {t.save}
            </Button>
          </Group>
        )}
      </Paper>
    </Stack>
  );
}
