/**
 * Queries of due-date reminders. The reminder job runs for the whole system, so the open requests it
 * reads are every organisation's; each reminder then goes to the request's own parties.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AssessmentReminderTable } from '../../db/types.js';

type ReminderKind = AssessmentReminderTable['kind'];

/** Every organisation's requests still awaiting answers (sent or under clarification) due on or before the date, with the names a reminder shows. */
export function listOpenRequestsDueBy(trx: Executor, dueBy: string) {
  return trx
    .selectFrom('assessment_request as r')
    .innerJoin('organisation as b', 'b.id', 'r.bank_id')
    .innerJoin('organisation as c', 'c.id', 'r.connector_id')
    .innerJoin('connection as k', 'k.id', 'r.connection_id')
    .select(['r.id', 'r.bank_id', 'r.connector_id', 'r.due_date', 'b.name as bank_name', 'c.name as connector_name', 'k.service_name'])
    .where('r.state', 'in', ['sent', 'clarification'])
    .where('r.due_date', '<=', dueBy)
    .execute();
}

/** Creates the reminder unless it exists; returns it only when this call created it. */
export function insertReminder(trx: Executor, v: { requestId: string; kind: ReminderKind; sentOn: string }) {
  return trx.insertInto('assessment_reminder').values({ request_id: v.requestId, kind: v.kind, sent_on: v.sentOn }).onConflict((oc) => oc.columns(['request_id', 'kind']).doNothing()).returning('request_id').executeTakeFirst();
}

/** The oldest reminder not yet e-mailed, locked for this transaction; one another process holds is skipped. */
export function claimReminderToEmail(trx: Executor) {
  return trx
    .selectFrom('assessment_reminder as m')
    .innerJoin('assessment_request as r', 'r.id', 'm.request_id')
    .innerJoin('organisation as b', 'b.id', 'r.bank_id')
    .innerJoin('connection as k', 'k.id', 'r.connection_id')
    .select(['m.request_id', 'm.kind', 'r.bank_id', 'r.connector_id', 'r.due_date', 'b.name as bank_name', 'k.service_name'])
    .where('m.emailed_at', 'is', null)
    .orderBy('m.sent_on')
    .limit(1)
    .modifyEnd(sql`for update of m skip locked`)
    .executeTakeFirst();
}

export function markReminderEmailed(trx: Executor, requestId: string, kind: ReminderKind) {
  return trx.updateTable('assessment_reminder').set({ emailed_at: new Date() }).where('request_id', '=', requestId).where('kind', '=', kind).execute();
}
