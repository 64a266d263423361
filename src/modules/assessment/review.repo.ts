/** Queries of a bank's review of a request: item verdicts, message threads, remediation plans. */
import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AssessmentRequestTable, ItemMessageTable, ItemReviewTable, RemediationPlanTable } from '../../db/types.js';

export function listItemReviews(trx: Executor, requestId: string) {
  return trx.selectFrom('item_review').leftJoin('user_account as u', 'u.id', 'item_review.reviewed_by').selectAll('item_review').select('u.display_name as reviewer_name').where('request_id', '=', requestId).execute();
}

export function findItemReview(trx: Executor, requestId: string, itemNumber: number) {
  return trx.selectFrom('item_review').selectAll().where('request_id', '=', requestId).where('item_number', '=', itemNumber).executeTakeFirst();
}

export function insertItemReview(trx: Executor, values: Insertable<ItemReviewTable>) {
  return trx.insertInto('item_review').values(values).execute();
}

/** Writes an item's verdict, over the one it had. */
export function upsertItemReview(trx: Executor, requestId: string, itemNumber: number, values: Omit<Insertable<ItemReviewTable>, 'request_id' | 'item_number'>) {
  return trx
    .insertInto('item_review')
    .values({ ...values, request_id: requestId, item_number: itemNumber })
    .onConflict((oc) => oc.columns(['request_id', 'item_number']).doUpdateSet(values))
    .execute();
}

export function insertItemMessage(trx: Executor, values: Insertable<ItemMessageTable>) {
  return trx.insertInto('item_message').values(values).returning('id').executeTakeFirstOrThrow();
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

export function findRemediationPlan(trx: Executor, requestId: string, planId: string) {
  return trx.selectFrom('remediation_plan').selectAll().where('id', '=', planId).where('request_id', '=', requestId).executeTakeFirst();
}

export function insertRemediationPlan(trx: Executor, values: Insertable<RemediationPlanTable>) {
  return trx.insertInto('remediation_plan').values(values).returning('id').executeTakeFirstOrThrow();
}

/** The connector moves a plan of one of its requests to accepted (by that user) or completed, stamping when. */
export function setRemediationPlanState(trx: Executor, connectorId: string, requestId: string, planId: string, to: 'accepted' | 'completed', userId: string) {
  return trx
    .updateTable('remediation_plan')
    .set(to === 'accepted' ? { state: to, accepted_by: userId, accepted_at: new Date() } : { state: to, completed_at: new Date() })
    .where('id', '=', planId)
    .where('request_id', '=', requestId)
    .where('request_id', 'in', trx.selectFrom('assessment_request').select('id').where('connector_id', '=', connectorId))
    .execute();
}

// The overall result, on one of the bank's requests. ------------------------------------------

/** A reviewer's proposed result, clearing any earlier approval. */
export function setProposedResult(trx: Executor, bankId: string, requestId: string, v: { result: NonNullable<AssessmentRequestTable['result']>; comment: string | null; proposedBy: string }) {
  return trx
    .updateTable('assessment_request')
    .set({ result: v.result, result_comment: v.comment, result_proposed_by: v.proposedBy, result_proposed_at: new Date(), result_approved_by: null, result_approved_at: null })
    .where('id', '=', requestId)
    .where('bank_id', '=', bankId)
    .execute();
}

/** The approver sends the proposal back. */
export function clearProposedResult(trx: Executor, bankId: string, requestId: string) {
  return trx.updateTable('assessment_request').set({ result_proposed_by: null, result_proposed_at: null }).where('id', '=', requestId).where('bank_id', '=', bankId).execute();
}

/** The approver decides the proposed result: the request is decided. */
export function setResultApproved(trx: Executor, bankId: string, requestId: string, approvedBy: string) {
  return trx.updateTable('assessment_request').set({ state: 'decided', result_approved_by: approvedBy, result_approved_at: new Date() }).where('id', '=', requestId).where('bank_id', '=', bankId).execute();
}
