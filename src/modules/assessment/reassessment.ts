/**
 * 定期確認: each contracted connection is assessed again after its interval. The due list says which
 * are overdue or due soon; a re-assessment is a new request pre-filled from the last snapshot, on the
 * bank's current template (carried over to the newest edition when the old one was).
 */
import type { Executor } from '../../db/database.js';
import { todayInJapan, toIsoDate } from '../../lib/dates.js';
import { invalid } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import type { AuditActor } from '../audit/index.js';
import type { AuthContext } from '../identity/index.js';
import * as connectionRepo from './connection.repo.js';
import { connectionNotFound } from './connections.js';
import * as requestRepo from './request.repo.js';
import { createRequest } from './requests.js';
import * as templateRepo from './template.repo.js';

/** YYYY-MM-DD plus whole months (the last day of a shorter month when the day does not exist). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const DUE_SOON_DAYS = 60;

/** YYYY-MM-DD plus days. @example addDays('2026-12-31', 1) // '2027-01-01' */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export async function dueReassessments(args: { trx: Executor; auth: AuthContext; today?: string }) {
  const today = args.today ?? todayInJapan();
  const soon = addDays(today, DUE_SOON_DAYS);
  const rows = await connectionRepo.listConnectionsWithLastDecision(args.trx, args.auth.organisation.id);
  return rows
    .filter((c) => c.status === 'contracted' || c.status === 'reviewing')
    .map((c) => {
      const lastDecided = c.result_approved_at ? todayInJapan(new Date(c.result_approved_at)) : null;
      const nextDue = lastDecided ? addMonths(lastDecided, c.reassessment_months) : null;
      const status = c.open_request_id ? 'in_progress' : !nextDue ? 'never_assessed' : nextDue < today ? 'overdue' : nextDue <= soon ? 'due_soon' : 'ok';
      return {
        connectionId: c.id,
        connector: c.connector_name,
        serviceName: c.service_name,
        apiType: c.api_type,
        access: c.access,
        reassessmentMonths: c.reassessment_months,
        lastRequestId: c.request_id,
        lastResult: c.result,
        lastDecidedOn: lastDecided,
        nextDue,
        openRequestId: c.open_request_id,
        openDueDate: toIsoDate(c.open_due_date),
        status,
      };
    })
    .sort((a, b) => (a.nextDue ?? '0000').localeCompare(b.nextDue ?? '0000'));
}

/** The bank's newest active template descending from a template (through carry-overs to newer editions). */
async function currentTemplate(trx: Executor, bankId: string, templateId: string): Promise<string> {
  let id = templateId;
  for (let i = 0; i < 50; i++) {
    const next = await templateRepo.findTemplateBasedOn(trx, bankId, id);
    if (!next) return id;
    id = next.id;
  }
  return id;
}

export async function createReassessment(args: { trx: Executor; actor: AuditActor; auth: AuthContext; connectionId: string; dueDate: string; templateId?: string }) {
  const { trx, auth } = args;
  const conn = isUuid(args.connectionId) ? await connectionRepo.findConnection(trx, auth.organisation.id, args.connectionId) : undefined;
  if (!conn || conn.bank_id !== auth.organisation.id) throw connectionNotFound();
  const previous = await requestRepo.findLastSubmittedRequestOfConnection(trx, auth.organisation.id, conn.id);
  if (!previous) throw invalid('assessment.no_previous', 'この接続には提出済みの回答がないため、再確認ではなく新しい回答依頼を送ってください', 'this connection has no submitted assessment to start from; send a new request instead');
  const templateId = args.templateId ?? (await currentTemplate(trx, auth.organisation.id, previous.template_id));
  return createRequest({ trx, actor: args.actor, auth, input: { templateId, connectionId: conn.id, dueDate: args.dueDate }, previousRequestId: previous.id });
}
