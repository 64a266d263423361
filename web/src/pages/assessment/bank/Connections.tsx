/**
 * API接続 (bank): each connector × service the bank connects, with its API type, access, status,
 * contract date and re-assessment interval; a form to register one, and a dialog to change status
 * (only to the statuses the server allows next), contract date and interval.
 */
import { Button, NumberInput, Select, SimpleGrid, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../../api';
import { formatDate, useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import { ACCESS_TYPES, API_TYPES, accessLabel, apiTypeLabel, apiTypeShort, connectionStatusLabel, fmt, FormCard, FormDialog, inParens, Listing, useSend, type Access, type ApiType, type ConnectionStatus } from '../common';

export interface Connection {
  id: string;
  bank: { id: string; name: string };
  connector: { id: string; name: string; registrationNumber: string | null };
  serviceName: string;
  apiType: ApiType;
  access: Access;
  status: ConnectionStatus;
  contractDate: string | null;
  reassessmentMonths: number;
  nextStatuses: ConnectionStatus[];
}

interface Organisation {
  id: string;
  type: string;
  name: string;
  registrationNumber: string | null;
}

const FIELDS = ['/connectorId', '/serviceName', '/apiType', '/access', '/status', '/contractDate', '/reassessmentMonths'];

function RegisterForm({ onRegistered }: { onRegistered: () => void }) {
  const { t, lang } = useI18n();
  const orgs = useApi<Organisation[]>('/api/organisations');
  const connectors = (orgs.data ?? []).filter((o) => o.type === 'connector');
  const [v, setV] = useState({ connectorId: null as string | null, serviceName: '', apiType: 'read' as string | null, access: 'private' as string | null, status: 'applied' as string | null, contractDate: '', reassessmentMonths: 12 as number | string });
  const [done, setDone] = useState(false);
  const { error, errors, onSubmit } = useSend();
  const set = (k: keyof typeof v, x: unknown) => {
    setDone(false);
    setV((o) => ({ ...o, [k]: x }));
  };
  const submit = onSubmit(async () => {
    setDone(false);
    await api('POST', '/api/connections', {
      connectorId: v.connectorId ?? '',
      serviceName: v.serviceName,
      apiType: v.apiType,
      access: v.access,
      status: v.status,
      contractDate: v.contractDate || null,
      reassessmentMonths: typeof v.reassessmentMonths === 'number' ? v.reassessmentMonths : Number(v.reassessmentMonths),
    });
    setV((o) => ({ ...o, serviceName: '', contractDate: '' }));
    setDone(true);
    onRegistered();
  });
  return (
    <FormCard title={t.as_registerConnection} onSubmit={submit} error={error} fields={FIELDS} done={done ? t.as_registered : null} submit={t.as_register}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <Select
          label={t.as_connector}
          data={connectors.map((c) => ({ value: c.id, label: c.registrationNumber ? `${c.name}${inParens(lang, c.registrationNumber)}` : c.name }))}
          value={v.connectorId}
          onChange={(x) => set('connectorId', x)}
          searchable
          nothingFoundMessage={t.as_noConnectors}
          error={errors['/connectorId']}
        />
        <TextInput label={t.as_service} value={v.serviceName} onChange={(e) => set('serviceName', e.currentTarget.value)} error={errors['/serviceName']} />
        <Select label={t.as_apiType} data={API_TYPES.map((x) => ({ value: x, label: apiTypeLabel(t, x) }))} value={v.apiType} onChange={(x) => set('apiType', x)} allowDeselect={false} error={errors['/apiType']} />
        <Select label={t.as_access} data={ACCESS_TYPES.map((x) => ({ value: x, label: accessLabel(t, x) }))} value={v.access} onChange={(x) => set('access', x)} allowDeselect={false} error={errors['/access']} />
        <Select
          label={t.as_status}
          data={(['applied', 'reviewing', 'contracted'] as const).map((x) => ({ value: x, label: connectionStatusLabel(t, x) }))}
          value={v.status}
          onChange={(x) => set('status', x)}
          allowDeselect={false}
          error={errors['/status']}
        />
        <TextInput type="date" label={t.as_contractDate} value={v.contractDate} onChange={(e) => set('contractDate', e.currentTarget.value)} error={errors['/contractDate']} />
        <NumberInput label={t.as_interval} min={1} max={60} value={v.reassessmentMonths} onChange={(x) => set('reassessmentMonths', x)} error={errors['/reassessmentMonths']} />
      </SimpleGrid>
    </FormCard>
  );
}

function ChangeDialog({ c, onClose, onSaved }: { c: Connection; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<string | null>(c.status);
  const [contractDate, setContractDate] = useState(c.contractDate ?? '');
  const [months, setMonths] = useState<number | string>(c.reassessmentMonths);
  const { error, errors, onSubmit } = useSend();
  const name = `${c.connector.name} ${c.serviceName}`;
  const submit = onSubmit(async () => {
    await api('PATCH', `/api/connections/${c.id}`, { status, contractDate: contractDate || null, reassessmentMonths: Number(months) });
    onSaved();
    onClose();
  });
  return (
    <FormDialog title={fmt(t.as_changeConnection, { name })} onClose={onClose} onSubmit={submit} error={error} fields={['/status', '/contractDate', '/reassessmentMonths']} submit={t.save}>
      <Select
        label={t.as_status}
        description={t.as_statusFlow}
        data={[c.status, ...c.nextStatuses].map((x) => ({ value: x, label: connectionStatusLabel(t, x) }))}
        value={status}
        onChange={setStatus}
        allowDeselect={false}
        error={errors['/status']}
      />
      <TextInput type="date" label={t.as_contractDate} value={contractDate} onChange={(e) => setContractDate(e.currentTarget.value)} error={errors['/contractDate']} />
      <NumberInput label={t.as_interval} min={1} max={60} value={months} onChange={setMonths} error={errors['/reassessmentMonths']} />
    </FormDialog>
  );
}

export function ConnectionsPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const list = useApi<Connection[]>('/api/connections');
  const [editing, setEditing] = useState<Connection | null>(null);
  const manage = can('assessment.manage');
  return (
    <Stack>
      <Title order={2}>{t.as_connections}</Title>
      <Listing rows={list.data} error={list.error} none={t.as_noConnections}>
        {(rows) => (
          <Table.ScrollContainer minWidth={760}>
            <Table striped data-testid="connections">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.as_connector}</Table.Th>
                  <Table.Th>{t.as_service}</Table.Th>
                  <Table.Th>{t.as_apiType}</Table.Th>
                  <Table.Th>{t.as_access}</Table.Th>
                  <Table.Th>{t.as_status}</Table.Th>
                  <Table.Th>{t.as_contractDate}</Table.Th>
                  <Table.Th>{t.as_interval}</Table.Th>
                  {manage && <Table.Th aria-label={t.action} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.connector.name}</Table.Td>
                    <Table.Td>{c.serviceName}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{apiTypeShort(t, c.apiType)}</Table.Td>
                    <Table.Td>{accessLabel(t, c.access)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{connectionStatusLabel(t, c.status)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(c.contractDate, lang)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt(t.as_intervalValue, { n: c.reassessmentMonths })}</Table.Td>
                    {manage && (
                      <Table.Td>
                        <Button size="compact-xs" variant="light" onClick={() => setEditing(c)} aria-label={fmt(t.as_changeConnection, { name: `${c.connector.name} ${c.serviceName}` })}>
                          {t.as_change}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Listing>
      {manage && <RegisterForm onRegistered={() => void list.reload()} />}
      {editing && <ChangeDialog c={editing} onClose={() => setEditing(null)} onSaved={() => void list.reload()} />}
    </Stack>
  );
}
