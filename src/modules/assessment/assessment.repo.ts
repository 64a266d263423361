/**
 * Kysely queries of the assessment module. Every query that reads or changes an organisation's data
 * takes that organisation and keeps it in the WHERE clause: a bank sees only what it sent and what was
 * shared with it; a connector only its own requests and answers.
 */
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Executor } from '../../db/database.js';
import type { ApiType } from './assessment.schema.js';

// Connections ---------------------------------------------------------------------------------

export function findConnection(trx: Executor, orgId: string, id: string) {
  return trx
    .selectFrom('connection')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => eb.or([eb('bank_id', '=', orgId), eb('connector_id', '=', orgId)]))
    .executeTakeFirst();
}

export function listConnections(trx: Executor, orgId: string) {
  return trx
    .selectFrom('connection')
    .innerJoin('organisation as b', 'b.id', 'connection.bank_id')
    .innerJoin('organisation as c', 'c.id', 'connection.connector_id')
    .selectAll('connection')
    .select(['b.name as bank_name', 'c.name as connector_name', 'c.registration_number'])
    .where((eb) => eb.or([eb('connection.bank_id', '=', orgId), eb('connection.connector_id', '=', orgId)]))
    .orderBy('c.name')
    .orderBy('connection.service_name')
    .orderBy('connection.api_type')
    .execute();
}

// Templates -----------------------------------------------------------------------------------

export function findTemplate(trx: Executor, bankId: string, id: string) {
  return trx.selectFrom('assessment_template').selectAll().where('id', '=', id).where('bank_id', '=', bankId).executeTakeFirst();
}

export function listTemplates(trx: Executor, bankId: string) {
  return trx
    .selectFrom('assessment_template')
    .innerJoin('edition', 'edition.id', 'assessment_template.checklist_edition_id')
    .innerJoin('rule_set', 'rule_set.id', 'edition.rule_set_id')
    .selectAll('assessment_template')
    .select(['edition.label as edition_label', 'rule_set.code as rule_set_code', 'rule_set.name as rule_set_name'])
    .select((eb) => eb.selectFrom('template_item').select(eb.fn.countAll<number>().as('n')).whereRef('template_item.template_id', '=', 'assessment_template.id').where('included', '=', true).as('included_count'))
    .where('assessment_template.bank_id', '=', bankId)
    .orderBy('assessment_template.created_at', 'desc')
    .execute();
}

export function listTemplateItems(trx: Executor, templateId: string) {
  return trx.selectFrom('template_item').selectAll().where('template_id', '=', templateId).orderBy('position').orderBy('item_number').execute();
}

// Master answers ------------------------------------------------------------------------------

export function findAnswerSet(trx: Executor, connectorId: string, editionId: string) {
  return trx.selectFrom('answer_set').selectAll().where('connector_id', '=', connectorId).where('checklist_edition_id', '=', editionId).executeTakeFirst();
}

/** The connector's newest answer set for an older edition of the same checklist, to carry over from. */
export function findLatestAnswerSetOfRuleSet(trx: Executor, connectorId: string, ruleSetId: string, exceptEditionId: string) {
  return trx
    .selectFrom('answer_set')
    .innerJoin('edition', 'edition.id', 'answer_set.checklist_edition_id')
    .selectAll('answer_set')
    .where('answer_set.connector_id', '=', connectorId)
    .where('edition.rule_set_id', '=', ruleSetId)
    .where('answer_set.checklist_edition_id', '<>', exceptEditionId)
    .orderBy('edition.published_on', (ob) => ob.desc().nullsLast())
    .orderBy('answer_set.created_at', 'desc')
    .executeTakeFirst();
}

export function listMasterAnswers(trx: Executor, answerSetId: string) {
  return trx.selectFrom('master_answer').selectAll().where('answer_set_id', '=', answerSetId).orderBy('item_number').orderBy('scope_service').orderBy('scope_api_type').execute();
}

export function listAnswerSets(trx: Executor, connectorId: string) {
  return trx
    .selectFrom('answer_set')
    .innerJoin('edition', 'edition.id', 'answer_set.checklist_edition_id')
    .innerJoin('rule_set', 'rule_set.id', 'edition.rule_set_id')
    .select(['answer_set.id', 'answer_set.checklist_edition_id', 'edition.label as edition_label', 'rule_set.code as rule_set_code', 'rule_set.name as rule_set_name'])
    .select((eb) => eb.selectFrom('master_answer').select(eb.fn.countAll<number>().as('n')).whereRef('master_answer.answer_set_id', '=', 'answer_set.id').as('answers'))
    .select((eb) => eb.selectFrom('master_answer').select(eb.fn.countAll<number>().as('n')).whereRef('master_answer.answer_set_id', '=', 'answer_set.id').where('needs_reanswer', '=', true).as('needs_reanswer'))
    .where('answer_set.connector_id', '=', connectorId)
    .orderBy('rule_set.code')
    .orderBy('edition.published_on', (ob) => ob.desc().nullsLast())
    .execute();
}

export function listMasterAnswerHistory(trx: Executor, connectorId: string, answerSetId: string, itemNumber: number) {
  return trx
    .selectFrom('master_answer_revision as r')
    .innerJoin('master_answer as m', 'm.id', 'r.master_answer_id')
    .innerJoin('answer_set as s', 's.id', 'm.answer_set_id')
    .leftJoin('user_account as u', 'u.id', 'r.changed_by')
    .select(['r.version', 'r.answer', 'r.changed_at', 'u.display_name', 'm.scope_service', 'm.scope_api_type'])
    .where('s.connector_id', '=', connectorId)
    .where('s.id', '=', answerSetId)
    .where('m.item_number', '=', itemNumber)
    .orderBy('m.scope_service')
    .orderBy('m.scope_api_type')
    .orderBy('r.version', 'desc')
    .execute();
}

// Sharing -------------------------------------------------------------------------------------

export function findActiveShare(trx: Executor, connectorId: string, bankId: string) {
  return trx.selectFrom('answer_share').selectAll().where('connector_id', '=', connectorId).where('bank_id', '=', bankId).where('revoked_at', 'is', null).executeTakeFirst();
}

export function listShares(trx: Executor, orgId: string) {
  return trx
    .selectFrom('answer_share')
    .innerJoin('organisation as b', 'b.id', 'answer_share.bank_id')
    .innerJoin('organisation as c', 'c.id', 'answer_share.connector_id')
    .selectAll('answer_share')
    .select(['b.name as bank_name', 'c.name as connector_name'])
    .where((eb) => eb.or([eb('answer_share.connector_id', '=', orgId), eb('answer_share.bank_id', '=', orgId)]))
    .orderBy('answer_share.granted_at', 'desc')
    .execute();
}

// Evidence files ------------------------------------------------------------------------------

export function findEvidenceMeta(trx: Executor, connectorId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return trx.selectFrom('evidence_file').select(['id', 'file_name', 'sha256', 'content_type', 'size_bytes', 'uploaded_at']).where('connector_id', '=', connectorId).where('id', 'in', ids).execute();
}

export function listEvidenceFiles(trx: Executor, connectorId: string) {
  return trx.selectFrom('evidence_file').select(['id', 'file_name', 'sha256', 'content_type', 'size_bytes', 'uploaded_at']).where('connector_id', '=', connectorId).orderBy('uploaded_at', 'desc').execute();
}

/**
 * A file the organisation may download: its own (connector), or one that a submission to it cites,
 * or one its consenting connector's master answers cite (bank).
 */
export function findDownloadableEvidence(trx: Executor, orgId: string, id: string) {
  return trx
    .selectFrom('evidence_file as f')
    .selectAll('f')
    .where('f.id', '=', id)
    .where((eb) =>
      eb.or([
        eb('f.connector_id', '=', orgId),
        eb.exists(
          eb
            .selectFrom('submission as s')
            .innerJoin('assessment_request as r', 'r.id', 's.request_id')
            .select('s.id')
            .where('r.bank_id', '=', orgId)
            .whereRef('r.connector_id', '=', 'f.connector_id')
            .where(sql<boolean>`jsonb_path_exists(s.content, '$.items[*].answer.evidence[*] ? (@.id == $id)', jsonb_build_object('id', ${id}::text))`),
        ),
        eb.exists(
          eb
            .selectFrom('master_answer as m')
            .innerJoin('answer_set as a', 'a.id', 'm.answer_set_id')
            .innerJoin('answer_share as sh', (j) => j.onRef('sh.connector_id', '=', 'a.connector_id').on('sh.bank_id', '=', orgId).on('sh.revoked_at', 'is', null))
            .select('m.id')
            .whereRef('a.connector_id', '=', 'f.connector_id')
            .where(sql<boolean>`${id}::uuid = any(m.evidence_ids)`),
        ),
      ]),
    )
    .executeTakeFirst();
}

// Requests ------------------------------------------------------------------------------------

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

export function listRequestItems(trx: Executor, requestId: string) {
  return trx.selectFrom('request_item').selectAll().where('request_id', '=', requestId).orderBy('position').execute();
}

export function listRequestAnswers(trx: Executor, requestId: string) {
  return trx.selectFrom('request_answer').selectAll().where('request_id', '=', requestId).execute();
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

export function listItemReviews(trx: Executor, requestId: string) {
  return trx.selectFrom('item_review').leftJoin('user_account as u', 'u.id', 'item_review.reviewed_by').selectAll('item_review').select('u.display_name as reviewer_name').where('request_id', '=', requestId).execute();
}

export function listMessages(trx: Executor, requestId: string) {
  return trx
    .selectFrom('item_message as m')
    .innerJoin('organisation as o', 'o.id', 'm.organisation_id')
    .leftJoin('user_account as u', 'u.id', 'm.user_id')
    .select(['m.id', 'm.item_number', 'm.body', 'm.created_at', 'm.organisation_id', 'o.name as organisation_name', 'o.type as organisation_type', 'u.display_name'])
    .where('m.request_id', '=', requestId)
    .orderBy('m.created_at')
    .execute();
}

export function listRemediationPlans(trx: Executor, requestId: string) {
  return trx.selectFrom('remediation_plan').selectAll().where('request_id', '=', requestId).orderBy('proposed_at').execute();
}

/** Connections with their last decided request, for the re-assessment due list. */
export function listConnectionsWithLastDecision(trx: Executor, bankId: string) {
  return trx
    .selectFrom('connection as c')
    .innerJoin('organisation as k', 'k.id', 'c.connector_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('assessment_request as r')
          .select(['r.id as request_id', 'r.result', 'r.result_approved_at', 'r.template_id'])
          .whereRef('r.connection_id', '=', 'c.id')
          .where('r.state', '=', 'decided')
          .orderBy('r.result_approved_at', 'desc')
          .limit(1)
          .as('last'),
      (j) => j.onTrue(),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('assessment_request as o')
          .select(['o.id as open_request_id', 'o.due_date as open_due_date'])
          .whereRef('o.connection_id', '=', 'c.id')
          .where('o.state', 'in', ['sent', 'submitted', 'clarification'])
          .orderBy('o.sent_at', 'desc')
          .limit(1)
          .as('open'),
      (j) => j.onTrue(),
    )
    .select(['c.id', 'c.service_name', 'c.api_type', 'c.access', 'c.status', 'c.reassessment_months', 'c.contract_date', 'k.name as connector_name'])
    .select(['last.request_id', 'last.result', 'last.result_approved_at', 'last.template_id', 'open.open_request_id', 'open.open_due_date'])
    .where('c.bank_id', '=', bankId)
    .orderBy('k.name')
    .orderBy('c.service_name')
    .execute();
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

export function membersEmails(trx: Executor, orgId: string) {
  return trx
    .selectFrom('membership')
    .innerJoin('user_account', 'user_account.id', 'membership.user_id')
    .select('user_account.email')
    .where('membership.organisation_id', '=', orgId)
    .where('user_account.disabled_at', 'is', null)
    .execute();
}

// Answer-sheet mappings (a bank's own Excel layout; column_mapping of kind 'answerSheet') -------

export function listAnswerSheetMappings(trx: Executor, bankId: string) {
  return trx.selectFrom('column_mapping').selectAll().where('organisation_id', '=', bankId).where('kind', '=', 'answerSheet').orderBy('name').execute();
}

export function findAnswerSheetMapping(trx: Executor, bankId: string, name: string) {
  return trx.selectFrom('column_mapping').selectAll().where('organisation_id', '=', bankId).where('kind', '=', 'answerSheet').where('name', '=', name).executeTakeFirst();
}

/** Saves a mapping under its name, replacing the bank's mapping of that name. */
export function upsertAnswerSheetMapping(trx: Executor, v: { bankId: string; name: string; mapping: unknown; userId: string }) {
  return trx
    .insertInto('column_mapping')
    .values({ organisation_id: v.bankId, kind: 'answerSheet', name: v.name, mapping: JSON.stringify(v.mapping), created_by: v.userId })
    .onConflict((oc) => oc.columns(['organisation_id', 'kind', 'name']).doUpdateSet({ mapping: JSON.stringify(v.mapping) }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type { ApiType };
