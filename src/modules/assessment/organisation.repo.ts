/** Queries of organisations and their members, as the assessment module needs them. */
import type { Executor } from '../../db/database.js';

export function membersEmails(trx: Executor, orgId: string) {
  return trx
    .selectFrom('membership')
    .innerJoin('user_account', 'user_account.id', 'membership.user_id')
    .select('user_account.email')
    .where('membership.organisation_id', '=', orgId)
    .where('user_account.disabled_at', 'is', null)
    .execute();
}
