/** Queries of organisations and their members, as the assessment module needs them. */
import type { Executor } from '../../db/database.js';

/** Any organisation by id: the other party a bank connects to or a connector shares with. */
export function findOrganisation(trx: Executor, id: string) {
  return trx.selectFrom('organisation').select(['id', 'type', 'name']).where('id', '=', id).executeTakeFirst();
}

/** The parties of a request, by id. */
export function listOrganisations(trx: Executor, ids: string[]) {
  return trx.selectFrom('organisation').select(['id', 'name', 'registration_number']).where('id', 'in', ids).execute();
}

/** The first member of the demo organisation of that type (the bank's by role, the connector's by e-mail). */
export function findDemoMember(trx: Executor, type: 'bank' | 'connector') {
  return trx
    .selectFrom('organisation as o')
    .innerJoin('membership as m', 'm.organisation_id', 'o.id')
    .innerJoin('user_account as u', 'u.id', 'm.user_id')
    .select(['o.id as organisation_id', 'o.name', 'u.id as user_id', 'u.email', 'u.display_name', 'm.role'])
    .where('o.is_demo', '=', true)
    .where('o.type', '=', type)
    .orderBy(type === 'bank' ? 'm.role' : 'u.email')
    .executeTakeFirst();
}

export function listUserNames(trx: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return trx.selectFrom('user_account').select(['id', 'display_name']).where('id', 'in', ids).execute();
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
