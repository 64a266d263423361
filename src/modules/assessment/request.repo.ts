/** Queries of requests (回答依頼): their items, working answers and submissions. */
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AssessmentRequestTable, HearingQuestion, RequestAnswerTable, RequestItemTable, RequestState } from '../../db/types.js';

/** A request the organisation is a party to (the bank that sent it or the connector asked). */
export function findRequest(trx: Executor, orgId: string, id: string) {
  return trx
    .selectFrom('assessment_request')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => eb.or([eb('bank_id', '=', orgId), eb('connector_id', '=', orgId)]))
    .executeTakeFirst();
}

export function listRequests(trx: Executor, orgId: string) {
  return trx
    .selectFrom('assessment_request as r')
    .innerJoin('connection as c', 'c.id', 'r.connection_id')
    .innerJoin('organisation as b', 'b.id', 'r.bank_id')
    .innerJoin('organisation as k', 'k.id', 'r.connector_id')
    .innerJoin('assessment_template as t', 't.id', 'r.template_id')
    .innerJoin('edition as e', 'e.id', 'r.checklist_edition_id')
    .select([
      'r.id',
      'r.bank_id',
      'r.connector_id',
      'r.state',
      'r.due_date',
      'r.sent_at',
      'r.result',
      'r.result_proposed_at',
      'r.result_approved_at',
      'r.previous_request_id',
      'r.answer_scheme',
      'b.name as bank_name',
      'k.name as connector_name',
      'c.service_name',
      'c.api_type',
      'c.access',
      't.name as template_name',
      'e.label as edition_label',
    ])
    .select((eb) => eb.selectFrom('request_item').select(eb.fn.countAll<number>().as('n')).whereRef('request_item.request_id', '=', 'r.id').as('item_count'))
    .select((eb) => eb.selectFrom('submission').select((e2) => e2.fn.max('submission.version').as('v')).whereRef('submission.request_id', '=', 'r.id').as('submission_version'))
    .where((eb) => eb.or([eb('r.bank_id', '=', orgId), eb('r.connector_id', '=', orgId)]))
    .orderBy('r.due_date')
    .orderBy('r.sent_at', 'desc')
    .execute();
}

/** A request of the connection still in progress (sent, submitted or under clarification), if any. */
export function findOpenRequestOfConnection(trx: Executor, connectionId: string) {
  return trx.selectFrom('assessment_request').select('id').where('connection_id', '=', connectionId).where('state', 'in', ['sent', 'submitted', 'clarification']).executeTakeFirst();
}

/** The bank's latest request of the connection that has a submission and was not withdrawn: what a re-assessment starts from. */
export function findLastSubmittedRequestOfConnection(trx: Executor, bankId: string, connectionId: string) {
  return trx
    .selectFrom('assessment_request as r')
    .select(['r.id', 'r.template_id'])
    .where('r.connection_id', '=', connectionId)
    .where('r.bank_id', '=', bankId)
    .where((eb) => eb.exists(eb.selectFrom('submission').select('submission.id').whereRef('submission.request_id', '=', 'r.id')))
    .where('r.state', '<>', 'withdrawn')
    .orderBy('r.sent_at', 'desc')
    .executeTakeFirst();
}

export function insertRequest(
  trx: Executor,
  bankId: string,
  v: Omit<Insertable<AssessmentRequestTable>, 'bank_id' | 'hearing_questions' | 'hearing_answers'> & { hearing_questions: HearingQuestion[]; hearing_answers: Record<string, string> },
) {
  return trx
    .insertInto('assessment_request')
    .values({ ...v, bank_id: bankId, hearing_questions: JSON.stringify(v.hearing_questions) as never, hearing_answers: JSON.stringify(v.hearing_answers) as never })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The bank sets the state of one of its requests (a review hands it back for clarification, or not). */
export function setRequestState(trx: Executor, bankId: string, requestId: string, state: RequestState) {
  return trx.updateTable('assessment_request').set({ state }).where('id', '=', requestId).where('bank_id', '=', bankId).execute();
}

/** The bank sets the hearing answers of one of its requests (a re-assessment carries them over). */
export function setRequestHearingAnswers(trx: Executor, bankId: string, requestId: string, hearing: Record<string, string>) {
  return trx.updateTable('assessment_request').set({ hearing_answers: JSON.stringify(hearing) as never }).where('id', '=', requestId).where('bank_id', '=', bankId).execute();
}

export function markRequestSubmitted(trx: Executor, connectorId: string, requestId: string) {
  return trx.updateTable('assessment_request').set({ state: 'submitted' }).where('id', '=', requestId).where('connector_id', '=', connectorId).execute();
}

export function markRequestWithdrawn(trx: Executor, bankId: string, requestId: string) {
  return trx.updateTable('assessment_request').set({ state: 'withdrawn' }).where('id', '=', requestId).where('bank_id', '=', bankId).execute();
}

export function insertRequestItems(trx: Executor, rows: Insertable<RequestItemTable>[]) {
  return trx.insertInto('request_item').values(rows).execute();
}

export function findRequestItem(trx: Executor, requestId: string, itemNumber: number) {
  return trx.selectFrom('request_item').selectAll().where('request_id', '=', requestId).where('item_number', '=', itemNumber).executeTakeFirst();
}

export function listRequestItems(trx: Executor, requestId: string) {
  return trx.selectFrom('request_item').selectAll().where('request_id', '=', requestId).orderBy('position').execute();
}

export function listRequestAnswers(trx: Executor, requestId: string) {
  return trx.selectFrom('request_answer').selectAll().where('request_id', '=', requestId).execute();
}

export function insertRequestAnswer(trx: Executor, values: Insertable<RequestAnswerTable>) {
  return trx.insertInto('request_answer').values(values).execute();
}

type AnswerValues = Pick<Insertable<RequestAnswerTable>, 'choice' | 'explanation' | 'current_state' | 'issues' | 'improvement_plan' | 'evidence_ids'>;

/** Writes a request item's answer as copied from a master answer (source 'master'), over what it had. */
export function upsertAnswerFromMaster(trx: Executor, v: { requestId: string; itemNumber: number; values: AnswerValues; confirmed: boolean }) {
  return trx
    .insertInto('request_answer')
    .values({ ...v.values, request_id: v.requestId, item_number: v.itemNumber, source: 'master', confirmed: v.confirmed, updated_by: null })
    .onConflict((oc) => oc.columns(['request_id', 'item_number']).doUpdateSet({ ...v.values, source: 'master', confirmed: v.confirmed, updated_at: new Date() }))
    .execute();
}

export interface RequestAnswerWrite {
  request_id: string;
  item_number: number;
  choice: string | null;
  explanation: string | null;
  current_state: string | null;
  issues: string | null;
  improvement_plan: string | null;
  evidence_ids: string[];
  source: string;
  updated_by: string | null;
}

/**
 * Writes a request's changed answers and, when it changed, its hearing in one statement, the rows as
 * one JSON parameter: an Excel import writes a hundred answers at once in one round trip, not a
 * statement of a thousand parameters. The hearing only for the connector the request is addressed to.
 */
export async function writeRequestAnswers(trx: Executor, w: { requestId: string; connectorId: string; rows: RequestAnswerWrite[]; hearing: Record<string, string> | null }) {
  if (!w.rows.length && !w.hearing) return;
  const hearing = w.hearing ? sql`update assessment_request set hearing_answers = ${JSON.stringify(w.hearing)}::jsonb where id = ${w.requestId} and connector_id = ${w.connectorId}` : null;
  if (!w.rows.length) {
    await hearing!.execute(trx);
    return;
  }
  // A data-modifying WITH runs whether or not the statement reads it.
  await sql`
    ${hearing ? sql`with hearing as (${hearing} returning id)` : sql``}
    insert into request_answer (request_id, item_number, choice, explanation, current_state, issues, improvement_plan, evidence_ids, source, confirmed, updated_by, updated_at)
    select x.request_id, x.item_number, x.choice, x.explanation, x.current_state, x.issues, x.improvement_plan, x.evidence_ids, x.source, true, x.updated_by, now()
    from jsonb_to_recordset(${JSON.stringify(w.rows)}::jsonb) as x(request_id uuid, item_number integer, choice text, explanation text, current_state text, issues text, improvement_plan text, evidence_ids uuid[], source text, updated_by uuid)
    on conflict (request_id, item_number) do update set
      choice = excluded.choice, explanation = excluded.explanation, current_state = excluded.current_state, issues = excluded.issues,
      improvement_plan = excluded.improvement_plan, evidence_ids = excluded.evidence_ids, source = excluded.source, confirmed = true,
      updated_by = excluded.updated_by, updated_at = now()`.execute(trx);
}

/** A request the organisation is a party to, with its items (in order) and working answers: one round trip. */
export function findRequestWithItemsAndAnswers(trx: Executor, orgId: string, id: string) {
  return trx
    .selectFrom('assessment_request as r')
    .selectAll('r')
    .select((eb) => [
      jsonArrayFrom(eb.selectFrom('request_item as i').selectAll('i').whereRef('i.request_id', '=', 'r.id').orderBy('i.position')).as('items'),
      jsonArrayFrom(eb.selectFrom('request_answer as a').selectAll('a').whereRef('a.request_id', '=', 'r.id')).as('answers'),
    ])
    .where('r.id', '=', id)
    .where((eb) => eb.or([eb('r.bank_id', '=', orgId), eb('r.connector_id', '=', orgId)]))
    .executeTakeFirst();
}

export function listSubmissions(trx: Executor, requestId: string) {
  return trx.selectFrom('submission').selectAll().where('request_id', '=', requestId).orderBy('version').execute();
}

export function latestSubmission(trx: Executor, requestId: string) {
  return trx.selectFrom('submission').selectAll().where('request_id', '=', requestId).orderBy('version', 'desc').executeTakeFirst();
}

/** Stores a submission: `content` is the snapshot's JSON text, the one `sha256` is the hash of. */
export function insertSubmission(trx: Executor, v: { requestId: string; version: number; content: string; sha256: string; submittedBy: string }) {
  return trx.insertInto('submission').values({ request_id: v.requestId, version: v.version, content: v.content as never, sha256: v.sha256, submitted_by: v.submittedBy }).execute();
}

/** Latest submissions of a connector's requests, with their bank, for finding disagreements. */
export function listLatestSubmissionsOfConnector(trx: Executor, connectorId: string) {
  return trx
    .selectFrom('assessment_request as r')
    .innerJoin('organisation as b', 'b.id', 'r.bank_id')
    .innerJoinLateral(
      (eb) => eb.selectFrom('submission as s').select(['s.content', 's.version', 's.submitted_at']).whereRef('s.request_id', '=', 'r.id').orderBy('s.version', 'desc').limit(1).as('s'),
      (j) => j.onTrue(),
    )
    .select(['r.id as request_id', 'r.bank_id', 'b.name as bank_name', 'r.checklist_edition_id', 's.content', 's.submitted_at'])
    .where('r.connector_id', '=', connectorId)
    .where('r.state', '<>', 'withdrawn')
    .orderBy('b.name')
    .execute();
}
