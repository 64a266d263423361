/**
 * 注意喚起: the secretariat publishes alerts (audience, linked incidents, checklist items) and sees
 * per alert which recipient organisations have acknowledged it; everyone else sees the alerts
 * addressed to their organisation, acknowledged or not, and acknowledges them.
 */
import { Alert, Badge, Button, Checkbox, Group, Loader, MultiSelect, Paper, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, errorText } from '../api';
import { formatDateTime, ORG_TYPE_LABELS, useI18n } from '../i18n';
import { Listing } from '../ui';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { enumLabel, errorSummary, evidenceHeadline, fieldErrors, fmt, parseNumbers, type Entry } from './Evidence';

interface AlertRow {
  id: string;
  title: string;
  body: string;
  severity: 'info' | 'warning' | 'critical';
  itemNumbers: number[];
  publishedAt: string;
  acknowledgedAt: string | null;
}
interface Status {
  id: string;
  title: string;
  organisations: { organisationId: string; name: string; type: string; emailedAt: string | null; acknowledged: boolean; users: { email: string; acknowledgedAt: string | null }[] }[];
  notAcknowledged: string[];
}

export const severityColor = (s: string) => (s === 'critical' ? 'red' : s === 'warning' ? 'orange' : 'blue');

function PublishAlert({ onPublished }: { onPublished: () => void }) {
  const { t, lang } = useI18n();
  const orgs = useApi<{ id: string; type: string; name: string }[]>('/api/organisations');
  const incidents = useApi<Entry[]>('/api/evidence/incident');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [severity, setSeverity] = useState<string>('warning');
  const [allBanks, setAllBanks] = useState(false);
  const [allConnectors, setAllConnectors] = useState(false);
  const [organisationIds, setOrganisationIds] = useState<string[]>([]);
  const [incidentIds, setIncidentIds] = useState<string[]>([]);
  const [items, setItems] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<number | null>(null);
  const errors = fieldErrors(error, lang);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      const r = await api<{ recipients: number }>('POST', '/api/alerts', { title, body, severity, audience: { allBanks, allConnectors, organisationIds }, incidentIds, itemNumbers: parseNumbers(items) });
      setTitle('');
      setBody('');
      setAllBanks(false);
      setAllConnectors(false);
      setOrganisationIds([]);
      setIncidentIds([]);
      setItems('');
      setDone(r.recipients);
      onPublished();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label={t.publishAlert}>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t.publishAlert}
        </Title>
        {error ? (
          <Alert color="red" role="alert" className="pre">
            {errorSummary(error, lang, ['title', 'body', 'severity', 'audience', 'incidentIds', 'itemNumbers'])}
          </Alert>
        ) : null}
        {done !== null && (
          <Alert color="green" role="status">
            {fmt(t.publishedAlert, { n: done })}
          </Alert>
        )}
        <Group grow align="start" wrap="wrap">
          <TextInput label={t.alertTitle} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} miw={300} />
          <Select
            label={t.severity}
            data={(['info', 'warning', 'critical'] as const).map((s) => ({ value: s, label: enumLabel(t, 'alertSeverity', s) }))}
            value={severity}
            onChange={(v) => setSeverity(v ?? 'warning')}
            allowDeselect={false}
            error={errors.severity}
            maw={200}
          />
        </Group>
        <Textarea label={t.alertBody} autosize minRows={3} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={errors.body} />
        <Stack gap={4} role="group" aria-label={t.audience}>
          <Text size="sm" fw={500}>
            {t.audience}
          </Text>
          <Group>
            <Checkbox label={t.allBanks} checked={allBanks} onChange={(e) => setAllBanks(e.currentTarget.checked)} />
            <Checkbox label={t.allConnectors} checked={allConnectors} onChange={(e) => setAllConnectors(e.currentTarget.checked)} />
          </Group>
          <MultiSelect
            label={t.namedOrganisations}
            data={(orgs.data ?? []).filter((o) => o.type !== 'secretariat').map((o) => ({ value: o.id, label: `${o.name}（${ORG_TYPE_LABELS[lang][o.type] ?? o.type}）` }))}
            value={organisationIds}
            onChange={setOrganisationIds}
            searchable
            error={errors.audience}
          />
        </Stack>
        <MultiSelect label={t.linkedIncidents} data={(incidents.data ?? []).map((x) => ({ value: x.id, label: evidenceHeadline(t, lang, 'incident', x) }))} value={incidentIds} onChange={setIncidentIds} searchable error={errors.incidentIds} />
        <TextInput label={t.itemNumbers} description={t.ev_relatedItemsHelp} value={items} onChange={(e) => setItems(e.currentTarget.value)} error={errors.itemNumbers} maw={360} />
        <Group>
          <Button type="submit">{t.publish}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function AckStatus({ alertId }: { alertId: string }) {
  const { t, lang } = useI18n();
  const s = useApi<Status>(`/api/alerts/${alertId}/status`);
  if (s.error) return <Text c="red">{errorText(s.error, lang)}</Text>;
  if (!s.data) return <Loader size="sm" />;
  return (
    <Stack gap="xs" data-testid={`status-${alertId}`}>
      <Text size="sm" role="status">
        {s.data.notAcknowledged.length ? `${t.notAcknowledgedOrgs}: ${s.data.notAcknowledged.join('、')}` : t.everyoneAcknowledged}
      </Text>
      <Table.ScrollContainer minWidth={600}>
        <Table>
          <Table.Caption>{t.acknowledgementStatus}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.organisations}</Table.Th>
              <Table.Th>{t.status}</Table.Th>
              <Table.Th>{t.users}</Table.Th>
              <Table.Th>{t.emailedAt}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.data.organisations.map((o) => (
              <Table.Tr key={o.organisationId}>
                <Table.Td>
                  {o.name}（{ORG_TYPE_LABELS[lang][o.type] ?? o.type}）
                </Table.Td>
                <Table.Td>
                  <Badge color={o.acknowledged ? 'green' : 'red'} variant="light">
                    {o.acknowledged ? t.acknowledged : t.notAcknowledged}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {o.users.map((u) => (
                    <Text key={u.email} size="xs">
                      {u.email}: {u.acknowledgedAt ? `${t.acknowledged} ${formatDateTime(u.acknowledgedAt, lang)}` : t.notAcknowledged}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td>{o.emailedAt ? formatDateTime(o.emailedAt, lang) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function AlertCard({ a, secretariat, onAcknowledged }: { a: AlertRow; secretariat: boolean; onAcknowledged: () => void }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Paper withBorder p="md" component="article" aria-label={a.title}>
      <Stack gap={6}>
        <Group justify="space-between">
          <Group gap="xs">
            <Badge color={severityColor(a.severity)}>{enumLabel(t, 'alertSeverity', a.severity)}</Badge>
            <Title order={3} size="h5">
              {a.title}
            </Title>
          </Group>
          <Text size="xs" c="dimmed">
            {t.publishedAt}: {formatDateTime(a.publishedAt, lang)}
          </Text>
        </Group>
        <Text size="sm" className="pre">
          {a.body}
        </Text>
        {a.itemNumbers.length > 0 && (
          <Text size="xs">
            {t.items}: {a.itemNumbers.join('、')}
          </Text>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {secretariat ? (
          <div>
            <Button size="compact-sm" variant="light" onClick={() => setOpen((x) => !x)} aria-expanded={open}>
              {t.acknowledgementStatus}
            </Button>
            {open && (
              <Stack mt="xs">
                <AckStatus alertId={a.id} />
              </Stack>
            )}
          </div>
        ) : a.acknowledgedAt ? (
          <Badge color="green" variant="light" data-testid="acknowledged">
            {t.acknowledged} {formatDateTime(a.acknowledgedAt, lang)}
          </Badge>
        ) : (
          <Group>
            <Badge color="red" variant="light">
              {t.notAcknowledged}
            </Badge>
            <Button
              size="compact-sm"
              onClick={async () => {
                setError(null);
                try {
                  await api('POST', `/api/alerts/${a.id}/acknowledge`);
                  onAcknowledged();
                } catch (e) {
                  setError(errorText(e, lang));
                }
              }}
            >
              {t.acknowledge}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

export function AlertsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const secretariat = can('alert.publish');
  const list = useApi<AlertRow[]>('/api/alerts');
  return (
    <Stack>
      <Title order={2}>{t.alerts}</Title>
      {secretariat && <PublishAlert onPublished={() => void list.reload()} />}
      <Title order={3} size="h4">
        {secretariat ? t.allAlerts : t.myAlerts}
      </Title>
      <Listing rows={list.data} error={list.error} none={t.noAlerts}>
        {(rows) =>
          // The secretariat reads them newest first; recipients get the unacknowledged ones first.
          (secretariat ? [...rows].sort((x, y) => y.publishedAt.localeCompare(x.publishedAt)) : rows).map((a) => <AlertCard key={a.id} a={a} secretariat={secretariat} onAcknowledged={() => void list.reload()} />)
        }
      </Listing>
    </Stack>
  );
}
