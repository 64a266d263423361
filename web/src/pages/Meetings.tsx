/**
 * 連絡会 meetings: the list (members see minutes only once published), and for the secretariat
 * recording a meeting (date, attending organisations, agenda, the review it deliberates) and
 * publishing its minutes (議事要旨).
 */
import { Alert, Badge, Button, Group, Loader, MultiSelect, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, errorText } from '../api';
import { formatDate, formatDateTime, ORG_TYPE_LABELS, useI18n } from '../i18n';
import { Failed } from '../ui';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { errorSummary, fieldErrors } from './Evidence';

interface Meeting {
  id: string;
  fiscalYear: number | null;
  heldOn: string;
  title: string;
  agenda: string;
  attendees: string[];
  minutes: string | null;
  minutesPublishedAt: string | null;
}

function RecordMeeting({ onRecorded }: { onRecorded: () => void }) {
  const { t, lang } = useI18n();
  const orgs = useApi<{ id: string; type: string; name: string }[]>('/api/organisations');
  const cycles = useApi<{ id: string; fiscalYear: number; version: number; state: string }[]>('/api/review-cycles');
  const [heldOn, setHeldOn] = useState('');
  const [title, setTitle] = useState('');
  const [agenda, setAgenda] = useState('');
  const [attendeeIds, setAttendeeIds] = useState<string[]>([]);
  const [cycleId, setCycleId] = useState<string>('none');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const errors = fieldErrors(error, lang);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(false);
    try {
      await api('POST', '/api/meetings', { heldOn, title, agenda, attendeeIds, cycleId: cycleId === 'none' ? null : cycleId });
      setHeldOn('');
      setTitle('');
      setAgenda('');
      setAttendeeIds([]);
      setCycleId('none');
      setDone(true);
      onRecorded();
    } catch (err) {
      setError(err);
    }
  };
  const orgLabel = (o: { type: string; name: string }) => `${o.name}（${ORG_TYPE_LABELS[lang][o.type] ?? o.type}）`;
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label={t.recordMeeting}>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t.recordMeeting}
        </Title>
        {error ? (
          <Alert color="red" role="alert" className="pre">
            {errorSummary(error, lang, ['heldOn', 'title', 'agenda', 'attendeeIds', 'cycleId'])}
          </Alert>
        ) : null}
        {done && (
          <Alert color="green" role="status">
            {t.recorded}
          </Alert>
        )}
        <Group grow align="start" wrap="wrap">
          <TextInput type="date" label={t.heldOn} value={heldOn} onChange={(e) => setHeldOn(e.currentTarget.value)} error={errors.heldOn} miw={180} />
          <TextInput label={t.meetingTitle} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} miw={260} />
          <Select
            label={t.linkedCycle}
            data={[{ value: 'none', label: t.noCycle }, ...(cycles.data ?? []).map((c) => ({ value: c.id, label: `${lang === 'ja' ? `${c.fiscalYear}年度` : `FY${c.fiscalYear}`} v${c.version}（${t[`state_${c.state}` as keyof typeof t]}）` }))]}
            value={cycleId}
            onChange={(v) => setCycleId(v ?? 'none')}
            allowDeselect={false}
            error={errors.cycleId}
            miw={220}
          />
        </Group>
        <MultiSelect label={t.attendees} data={(orgs.data ?? []).map((o) => ({ value: o.id, label: orgLabel(o) }))} value={attendeeIds} onChange={setAttendeeIds} searchable error={errors.attendeeIds} />
        <Textarea label={t.agenda} autosize minRows={2} value={agenda} onChange={(e) => setAgenda(e.currentTarget.value)} error={errors.agenda} />
        <Group>
          <Button type="submit">{t.recordMeeting}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function MeetingCard({ m, manage, onChanged }: { m: Meeting; manage: boolean; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const [minutes, setMinutes] = useState(m.minutes ?? '');
  const [error, setError] = useState<string | null>(null);
  const publish = async () => {
    setError(null);
    try {
      await api('POST', `/api/meetings/${m.id}/minutes`, { minutes });
      onChanged();
    } catch (e) {
      setError(errorText(e, lang));
    }
  };
  return (
    <Paper withBorder p="md" component="article" aria-label={`${formatDate(m.heldOn, lang)} ${m.title}`}>
      <Stack gap={6}>
        <Group justify="space-between">
          <Title order={3} size="h5">
            {formatDate(m.heldOn, lang)} {m.title}
          </Title>
          <Group gap="xs">
            {m.fiscalYear !== null && <Badge variant="light">{lang === 'ja' ? `${m.fiscalYear}年度 見直し検討` : `FY${m.fiscalYear} review`}</Badge>}
            <Badge color={m.minutesPublishedAt ? 'green' : 'gray'} variant="outline">
              {t.minutes}: {m.minutesPublishedAt ? `${t.minutesPublished} ${formatDateTime(m.minutesPublishedAt, lang)}` : t.minutesUnpublished}
            </Badge>
          </Group>
        </Group>
        <Text size="sm">
          <strong>{t.agenda}:</strong> <span className="pre">{m.agenda}</span>
        </Text>
        <Text size="sm">
          <strong>{t.attendees}:</strong> {m.attendees.length ? m.attendees.join('、') : t.none}
        </Text>
        {m.minutesPublishedAt ? (
          <Paper bg="gray.0" p="sm">
            <Text size="sm" fw={700}>
              {t.minutes}
            </Text>
            <Text size="sm" className="pre">
              {m.minutes}
            </Text>
          </Paper>
        ) : manage ? (
          <Stack gap={4}>
            {error && (
              <Alert color="red" role="alert" className="pre">
                {error}
              </Alert>
            )}
            <Textarea label={t.minutes} autosize minRows={3} value={minutes} onChange={(e) => setMinutes(e.currentTarget.value)} />
            <Group>
              <Button size="xs" onClick={() => void publish()}>
                {t.publishMinutes}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t.minutesUnpublished}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

export function MeetingsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const manage = can('review.manage');
  const list = useApi<Meeting[]>('/api/meetings');
  return (
    <Stack>
      <Title order={2}>{t.meetings}</Title>
      <Failed error={list.error} />
      {manage && <RecordMeeting onRecorded={() => void list.reload()} />}
      {!list.data ? <Loader /> : list.data.length === 0 ? <Text c="dimmed">{t.noMeetings}</Text> : list.data.map((m) => <MeetingCard key={`${m.id}-${m.minutesPublishedAt ?? ''}`} m={m} manage={manage} onChanged={() => void list.reload()} />)}
    </Stack>
  );
}
