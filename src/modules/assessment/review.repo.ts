/** Queries of a bank's review of a request: item verdicts, message threads, remediation plans. */
import type { Executor } from '../../db/database.js';

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
