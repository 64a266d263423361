/**
 * API接続: a bank × connector × service, with its API type (参照系 / 更新系), access, status
 * (申請中 → 審査中 → 契約済 → 停止 / 終了), contract date and re-assessment interval. Kept by the bank; the
 * connector sees its own.
 */
import type { Executor } from '../../db/database.js';
import { toIsoDate } from '../../lib/dates.js';
import { conflict, invalid, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { parseOrThrow } from '../../lib/validate.js';
import { diffFields, recordAudit, type AuditActor } from '../audit/index.js';
import type { AuthContext } from '../identity/index.js';
import * as connectionRepo from './connection.repo.js';
import * as organisationRepo from './organisation.repo.js';
import { connectionInput, connectionPatch, LABELS } from './assessment.schema.js';

const STATUS_NEXT: Record<string, string[]> = {
  applied: ['reviewing', 'terminated'],
  reviewing: ['contracted', 'applied', 'terminated'],
  contracted: ['suspended', 'terminated'],
  suspended: ['contracted', 'terminated'],
  terminated: [],
};

export const connectionNotFound = () => notFound('assessment.connection_not_found', 'API接続が見つかりません', 'connection not found');

export function presentConnection(c: Awaited<ReturnType<typeof connectionRepo.listConnections>>[number]) {
  return {
    id: c.id,
    bank: { id: c.bank_id, name: c.bank_name },
    connector: { id: c.connector_id, name: c.connector_name, registrationNumber: c.registration_number },
    serviceName: c.service_name,
    apiType: c.api_type,
    access: c.access,
    status: c.status,
    contractDate: toIsoDate(c.contract_date),
    reassessmentMonths: c.reassessment_months,
    /** The statuses the connection may move to next (申請中 → 審査中 → 契約済 → 停止 / 終了). */
    nextStatuses: STATUS_NEXT[c.status] ?? [],
  };
}

export async function createConnection(args: { trx: Executor; actor: AuditActor; auth: AuthContext; input: unknown }) {
  const { trx, auth } = args;
  const v = parseOrThrow(connectionInput, args.input, 'assessment.connection_invalid');
  const connector = await organisationRepo.findOrganisation(trx, v.connectorId);
  if (!connector || connector.type !== 'connector') {
    throw invalid('assessment.connection_invalid', '接続先の電子決済等代行業者が見つかりません', 'the connector does not exist', [{ where: '/connectorId', messageJa: '電子決済等代行業者を選んでください', messageEn: 'choose a connector' }]);
  }
  const dup = await connectionRepo.findConnectionOfService(trx, auth.organisation.id, v);
  if (dup) throw conflict('assessment.connection_exists', `「${v.serviceName}」の同じ API 種別の接続は登録済みです`, 'this connection exists already');
  const row = await connectionRepo.insertConnection(trx, auth.organisation.id, {
    connector_id: v.connectorId,
    service_name: v.serviceName,
    api_type: v.apiType,
    access: v.access,
    status: v.status,
    contract_date: v.contractDate,
    reassessment_months: v.reassessmentMonths,
  });
  await recordAudit(trx, args.actor, { action: 'assessment.connection_created', targetType: 'connection', targetId: row.id, details: { connectorId: v.connectorId, serviceName: v.serviceName, apiType: v.apiType } });
  return { id: row.id };
}

export async function updateConnection(args: { trx: Executor; actor: AuditActor; auth: AuthContext; id: string; input: unknown }) {
  const { trx, auth } = args;
  const c = isUuid(args.id) ? await connectionRepo.findConnection(trx, auth.organisation.id, args.id) : undefined;
  if (!c || c.bank_id !== auth.organisation.id) throw connectionNotFound();
  const v = parseOrThrow(connectionPatch, args.input, 'assessment.connection_invalid');
  if (v.status && v.status !== c.status && !STATUS_NEXT[c.status]!.includes(v.status)) {
    throw invalid('assessment.connection_status', `状態を「${LABELS.status[c.status]}」から「${LABELS.status[v.status]}」には変更できません`, `cannot move a connection from ${c.status} to ${v.status}`);
  }
  const patch = {
    ...(v.status !== undefined ? { status: v.status } : {}),
    ...(v.contractDate !== undefined ? { contract_date: v.contractDate } : {}),
    ...(v.reassessmentMonths !== undefined ? { reassessment_months: v.reassessmentMonths } : {}),
    ...(v.serviceName !== undefined ? { service_name: v.serviceName } : {}),
  };
  const changes = diffFields({ ...c, contract_date: toIsoDate(c.contract_date) } as Record<string, unknown>, patch);
  if (!Object.keys(changes).length) return;
  await connectionRepo.updateConnection(trx, auth.organisation.id, c.id, patch);
  await recordAudit(trx, args.actor, { action: 'assessment.connection_updated', targetType: 'connection', targetId: c.id, changes });
}

export async function listConnections(args: { trx: Executor; auth: AuthContext }) {
  return (await connectionRepo.listConnections(args.trx, args.auth.organisation.id)).map(presentConnection);
}
