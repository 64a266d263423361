/**
 * 回答依頼 (bank): the requests sent, with overdue ones marked; a form to send one (template +
 * connection + due date); and the 定期確認 due list with 「再確認を依頼」 for each connection.
 */
import { Alert, Anchor, Badge, Button, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api';
import { formatDate, useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import { apiTypeShort, daysFromToday, enumLabel, Failed, fmt, FormCard, FormDialog, inParens, Listing, RequestStateBadge, ResultBadge, useSend, type ApiType, type RequestRow, type ResultValue } from '../common';
import type { Connection } from './Connections';
import type { TemplateRow } from './Templates';

interface Due {
  connectionId: string;
  connector: string;
  serviceName: string;
  apiType: ApiType;
  access: string;
  reassessmentMonths: number;
  lastRequestId: string | null;
  lastResult: ResultValue | null;
  lastDecidedOn: string | null;
  nextDue: string | null;
  openRequestId: string | null;
  openDueDate: string | null;
  status: 'overdue' | 'due_soon' | 'never_assessed' | 'in_progress' | 'ok';
}

const DUE_COLOR: Record<Due['status'], string> = { overdue: 'red', due_soon: 'orange', never_assessed: 'gray', in_progress: 'blue', ok: 'green' };

function SendForm({ onSent }: { onSent: () => void }) {
  const { t, lang } = useI18n();
  const templates = useApi<TemplateRow[]>('/api/assessment-templates');
  const connections = useApi<Connection[]>('/api/connections');
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState(daysFromToday(30));
  const [sent, setSent] = useState<number | null>(null);
  const { error, errors, onSubmit } = useSend();
  const submit = onSubmit(async () => {
    setSent(null);
    const r = await api<{ id: string; items: number }>('POST', '/api/assessment-requests', { templateId: templateId ?? '', connectionId: connectionId ?? '', dueDate });
    setSent(r.items);
    setConnectionId(null);
    onSent();
  });
  return (
    <FormCard title={t.as_sendRequest} onSubmit={submit} error={error} fields={['/templateId', '/connectionId', '/dueDate']} done={sent !== null ? fmt(t.as_requestSent, { n: sent }) : null} submit={t.as_send}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t.as_template}
          data={(templates.data ?? []).filter((x) => x.status === 'active').map((x) => ({ value: x.id, label: `${x.name}${inParens(lang, x.checklist.edition)}` }))}
          value={templateId}
          onChange={setTemplateId}
          error={errors['/templateId']}
        />
        <Select
          label={t.as_connection}
          data={(connections.data ?? []).filter((c) => c.status !== 'terminated').map((c) => ({ value: c.id, label: `${c.connector.name} ${c.serviceName}${inParens(lang, apiTypeShort(t, c.apiType))}` }))}
          value={connectionId}
          onChange={setConnectionId}
          searchable
          error={errors['/connectionId']}
        />
        <TextInput type="date" label={t.as_dueDate} value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} error={errors['/dueDate']} />
      </SimpleGrid>
    </FormCard>
  );
}

function ReassessDialog({ d, onClose, onSent }: { d: Due; onClose: () => void; onSent: (text: string) => void }) {
  const { t } = useI18n();
  const [dueDate, setDueDate] = useState(daysFromToday(30));
  const { error, errors, onSubmit } = useSend();
  const name = `${d.connector} ${d.serviceName}`;
  const submit = onSubmit(async () => {
    const r = await api<{ id: string; reasked: number; verdicts: number }>('POST', '/api/reassessments', { connectionId: d.connectionId, dueDate });
    onSent(fmt(t.as_reassessmentSent, { n: r.reasked, v: r.verdicts }));
    onClose();
  });
  return (
    <FormDialog title={fmt(t.as_requestReassessmentFor, { name })} onClose={onClose} onSubmit={submit} error={error} fields={['/dueDate']} submit={t.as_requestReassessment}>
      <Text size="sm">{t.as_reassessmentsHelp}</Text>
      <Text size="sm">
        {t.as_template}: {t.as_templateDefault}
      </Text>
      <TextInput type="date" label={t.as_dueDate} value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} error={errors['/dueDate']} />
    </FormDialog>
  );
}

function Reassessments({ onSent }: { onSent: () => void }) {
  const { t, lang } = useI18n();
  const due = useApi<Due[]>('/api/reassessments');
  const [open, setOpen] = useState<Due | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <Paper withBorder p="md" component="section" aria-label={t.as_reassessments}>
      <Title order={3} size="h5">
        {t.as_reassessments}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t.as_reassessmentsHelp}
      </Text>
      <Failed error={due.error} />
      {done && (
        <Alert color="green" role="status" mb="xs">
          {done}
        </Alert>
      )}
      <Listing rows={due.data} small none={t.as_noReassessments}>
        {(rows) => (
          <Table.ScrollContainer minWidth={820}>
            <Table data-testid="reassessments">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.as_connector}</Table.Th>
                  <Table.Th>{t.as_service}</Table.Th>
                  <Table.Th>{t.as_apiType}</Table.Th>
                  <Table.Th>{t.as_lastResult}</Table.Th>
                  <Table.Th>{t.as_lastDecided}</Table.Th>
                  <Table.Th>{t.as_nextDue}</Table.Th>
                  <Table.Th>{t.as_status}</Table.Th>
                  <Table.Th aria-label={t.action} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((d) => (
                  <Table.Tr key={d.connectionId}>
                    <Table.Td>{d.connector}</Table.Td>
                    <Table.Td>{d.serviceName}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{apiTypeShort(t, d.apiType)}</Table.Td>
                    <Table.Td>
                      <ResultBadge result={d.lastResult} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(d.lastDecidedOn, lang)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(d.nextDue, lang)}</Table.Td>
                    <Table.Td>
                      <Badge miw="fit-content" color={DUE_COLOR[d.status]} variant="light" style={{ whiteSpace: 'nowrap' }}>
                        {enumLabel(t, 'as_due', d.status)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {d.status === 'in_progress' && d.openRequestId ? (
                        <Anchor component={Link} to={`/assessment/requests/${d.openRequestId}`} size="sm">
                          {t.as_inProgressHint}
                        </Anchor>
                      ) : d.lastRequestId ? (
                        <Button size="compact-xs" variant="light" onClick={() => setOpen(d)} aria-label={fmt(t.as_requestReassessmentFor, { name: `${d.connector} ${d.serviceName}` })}>
                          {t.as_requestReassessment}
                        </Button>
                      ) : (
                        <Text size="xs" c="dimmed">
                          {t.as_neverAssessedHint}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Listing>
      {open && (
        <ReassessDialog
          d={open}
          onClose={() => setOpen(null)}
          onSent={(text) => {
            setDone(text);
            void due.reload();
            onSent();
          }}
        />
      )}
    </Paper>
  );
}

export function RequestsPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const list = useApi<RequestRow[]>('/api/assessment-requests');
  const manage = can('assessment.manage');
  const rows = (list.data ?? []).filter((r) => r.side === 'bank');
  return (
    <Stack>
      <Title order={2}>{t.as_requests}</Title>
      <Listing rows={list.data ? rows : null} error={list.error} none={t.as_noRequests}>
        {(rows) => (
          <Table.ScrollContainer minWidth={880}>
            <Table striped highlightOnHover data-testid="requests">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.as_connector}</Table.Th>
                  <Table.Th>{t.as_service}</Table.Th>
                  <Table.Th>{t.as_template}</Table.Th>
                  <Table.Th>{t.as_dueDate}</Table.Th>
                  <Table.Th>{t.as_status}</Table.Th>
                  <Table.Th>{t.as_result}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id} data-overdue={r.overdue || undefined} bg={r.overdue ? 'var(--mantine-color-red-0)' : undefined}>
                    <Table.Td>
                      <Anchor component={Link} to={`/assessment/requests/${r.id}`}>
                        {r.connector.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {r.serviceName}
                      <Text span size="xs" c="dimmed" ml={6} style={{ whiteSpace: 'nowrap' }}>
                        {apiTypeShort(t, r.apiType)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {r.template}
                      {inParens(lang, r.edition)}
                      {r.reassessment && (
                        <Badge miw="fit-content" size="xs" variant="outline" ml={6}>
                          {t.as_reassessmentBadge}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(r.dueDate, lang)}
                      {r.overdue && (
                        <Badge miw="fit-content" size="xs" color="red" ml={6}>
                          {t.as_overdue}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <RequestStateBadge state={r.state} />
                    </Table.Td>
                    <Table.Td>
                      <ResultBadge result={r.result} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Listing>
      {manage && <SendForm onSent={() => void list.reload()} />}
      {manage && <Reassessments onSent={() => void list.reload()} />}
    </Stack>
  );
}
