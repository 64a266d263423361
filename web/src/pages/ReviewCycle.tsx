/** Running a review cycle (secretariat): evidence per consideration, findings and conclusions, decision, states, comments. */
import { Alert, Badge, Button, Group, Loader, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, enc, errorText } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';

interface Cycle {
  id: string;
  fiscalYear: number;
  version: number;
  state: 'draft' | 'deliberation' | 'decided' | 'published';
  decision: { labelJa: string; labelEn: string };
  considerations: { key: string; label: string; title: string; finding: string | null; conclusion: 'needed' | 'not_needed' | null; reason: string | null }[];
}
interface Evidence {
  key: string;
  evidence: { register: string }[];
  suggested: 'needed' | 'not_needed';
}

const NEXT: Record<Cycle['state'], Cycle['state'][]> = { draft: ['deliberation'], deliberation: ['draft', 'decided'], decided: ['deliberation', 'published'], published: [] };

function ConsiderationForm({ cycleId, c, ev, disabled, onSaved }: { cycleId: string; c: Cycle['considerations'][number]; ev?: Evidence; disabled: boolean; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const [finding, setFinding] = useState(c.finding ?? '');
  const [conclusion, setConclusion] = useState<string>(c.conclusion ?? '');
  const [reason, setReason] = useState(c.reason ?? '');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
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
            <Badge variant="light">{t.evidence}: {ev.evidence.length}</Badge>
            <Badge color={ev.suggested === 'needed' ? 'red' : 'gray'} variant="outline">
              {t.suggested}: {ev.suggested === 'needed' ? t.needed : t.notNeeded}
            </Badge>
          </Group>
        )}
      </Group>
      {msg && (
        <Alert color={msg.ok ? 'green' : 'red'} mt="xs" className="pre" role={msg.ok ? 'status' : 'alert'}>
          {msg.text}
        </Alert>
      )}
      <Textarea label={t.finding} autosize minRows={2} value={finding} onChange={(e) => setFinding(e.currentTarget.value)} disabled={disabled} mt="xs" />
      <Radio.Group label={t.conclusion} value={conclusion} onChange={setConclusion} mt="xs">
        <Group mt={4}>
          <Radio value="not_needed" label={t.notNeeded} disabled={disabled} />
          <Radio value="needed" label={t.needed} disabled={disabled} />
        </Group>
      </Radio.Group>
      <TextInput label={t.reason} value={reason} onChange={(e) => setReason(e.currentTarget.value)} disabled={disabled} mt="xs" />
      {!disabled && (
        <Button size="xs" mt="sm" onClick={() => void save()}>
          {t.save}
        </Button>
      )}
    </Paper>
  );
}

export function ReviewCyclePage() {
  const { checklist = '', fiscalYear = '' } = useParams();
  const { t, lang } = useI18n();
  const { can } = useSession();
  const cycle = useApi<Cycle>(`/api/review-cycles/${enc(checklist)}/${enc(fiscalYear)}`);
  const evidence = useApi<Evidence[]>(cycle.data && can('review.manage') ? `/api/review-cycles/by-id/${cycle.data.id}/evidence` : null);
  const comments = useApi<{ id: string; organisation: string; considerationKey: string | null; body: string }[]>(cycle.data ? `/api/review-cycles/by-id/${cycle.data.id}/comments` : null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!cycle.data) return <Loader />;
  const c = cycle.data;
  const manage = can('review.manage');
  const frozen = c.state === 'published' || c.state === 'decided';
  const move = async (to: Cycle['state']) => {
    setError(null);
    try {
      await api('POST', `/api/review-cycles/by-id/${c.id}/state`, { to });
      await cycle.reload();
    } catch (e) {
      setError(errorText(e, lang));
    }
  };
  return (
    <Stack>
      <Title order={2}>
        {c.fiscalYear}
        {lang === 'ja' ? '年度' : ''} {t.reviews}
        {c.version > 1 ? ` (v${c.version})` : ''}
      </Title>
      <Group>
        <Badge size="lg" data-testid="cycle-state">
          {t[`state_${c.state}` as keyof typeof t]}
        </Badge>
        <Text>
          {t.decision}: <strong data-testid="cycle-decision">{lang === 'ja' ? c.decision.labelJa : c.decision.labelEn}</strong>
        </Text>
        {manage &&
          NEXT[c.state].map((to) => (
            <Button key={to} size="xs" variant="light" onClick={() => void move(to)}>
              → {t[`state_${to}` as keyof typeof t]}
            </Button>
          ))}
      </Group>
      {error && (
        <Alert color="red" role="alert" className="pre">
          {error}
        </Alert>
      )}
      {c.considerations.map((k) => (
        <ConsiderationForm key={`${k.key}-${c.state}`} cycleId={c.id} c={k} ev={evidence.data?.find((e) => e.key === k.key)} disabled={!manage || frozen} onSaved={() => void cycle.reload()} />
      ))}
      <Paper withBorder p="md">
        <Title order={3} size="h5">
          {t.comments}
        </Title>
        {(comments.data ?? []).map((x) => (
          <Text key={x.id} size="sm">
            {x.organisation}
            {x.considerationKey ? `（${x.considerationKey}）` : ''}: {x.body}
          </Text>
        ))}
        {c.state === 'deliberation' && can('review.comment') && (
          <Group align="end" mt="sm">
            <TextInput label={t.comment} value={comment} onChange={(e) => setComment(e.currentTarget.value)} style={{ flex: 1 }} />
            <Button
              onClick={async () => {
                try {
                  await api('POST', `/api/review-cycles/by-id/${c.id}/comments`, { body: comment });
                  setComment('');
                  await comments.reload();
                } catch (e) {
                  setError(errorText(e, lang));
                }
              }}
            >
              {t.save}
            </Button>
          </Group>
        )}
      </Paper>
    </Stack>
  );
}
