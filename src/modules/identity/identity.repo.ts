/** Identity queries: organisations, users, memberships, sessions, recovery codes, invitations, API tokens, single sign-on. */
import type { Executor } from '../../db/database.js';
import type { MembershipTable, OrganisationTable } from '../../db/types.js';

export type OrganisationType = OrganisationTable['type'];
export type Role = MembershipTable['role'];

export async function countOrganisations(trx: Executor) {
  const r = await trx.selectFrom('organisation').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertOrganisation(
  trx: Executor,
  v: { type: OrganisationType; name: string; name_en: string | null; registration_number: string | null; is_demo?: boolean },
) {
  return trx.insertInto('organisation').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function findOrganisation(trx: Executor, id: string) {
  return trx.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listOrganisations(trx: Executor, onlyIds?: string[]) {
  let q = trx.selectFrom('organisation').selectAll();
  if (onlyIds) {
    if (!onlyIds.length) return [];
    q = q.where('id', 'in', onlyIds);
  }
  return q.orderBy('type').orderBy('name').execute();
}

export async function findUserByEmail(trx: Executor, email: string) {
  return trx.selectFrom('user_account').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function findUser(trx: Executor, id: string) {
  return trx.selectFrom('user_account').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(trx: Executor, v: { email: string; display_name: string; password_hash: string | null; is_demo?: boolean }) {
  return trx
    .insertInto('user_account')
    .values({ ...v, email: v.email.trim().toLowerCase(), password_changed_at: v.password_hash ? new Date() : null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateUser(
  trx: Executor,
  id: string,
  patch: Partial<{
    password_hash: string | null;
    password_changed_at: Date | null;
    mfa_secret: string | null;
    mfa_enabled_at: Date | null;
    failed_attempts: number;
    locked_at: Date | null;
    disabled_at: Date | null;
    display_name: string;
    locale: string;
  }>,
) {
  return trx.updateTable('user_account').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function upsertMembership(trx: Executor, v: { user_id: string; organisation_id: string; role: Role }) {
  await trx
    .insertInto('membership')
    .values(v)
    .onConflict((oc) => oc.columns(['user_id', 'organisation_id']).doUpdateSet({ role: v.role }))
    .execute();
}

export async function membershipsOf(trx: Executor, userId: string) {
  return trx
    .selectFrom('membership')
    .innerJoin('organisation', 'organisation.id', 'membership.organisation_id')
    .select(['membership.organisation_id', 'membership.role', 'organisation.type', 'organisation.name', 'organisation.name_en', 'organisation.is_demo'])
    .where('membership.user_id', '=', userId)
    .orderBy('organisation.type')
    .orderBy('organisation.name')
    .execute();
}

/** Members of one organisation (the tenant is in the WHERE clause). */
export async function membersOf(trx: Executor, organisationId: string) {
  return trx
    .selectFrom('membership')
    .innerJoin('user_account', 'user_account.id', 'membership.user_id')
    .select([
      'user_account.id',
      'user_account.email',
      'user_account.display_name',
      'user_account.mfa_enabled_at',
      'user_account.locked_at',
      'user_account.disabled_at',
      'membership.role',
    ])
    .where('membership.organisation_id', '=', organisationId)
    .orderBy('user_account.email')
    .execute();
}

export async function insertSession(
  trx: Executor,
  v: { token_hash: string; user_id: string; organisation_id: string | null; mfa_verified: boolean; csrf_token: string; ip: string | null; user_agent: string | null; expires_at: Date },
) {
  return trx.insertInto('session').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function findSessionByTokenHash(trx: Executor, tokenHash: string) {
  return trx.selectFrom('session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchSession(trx: Executor, id: string, patch: Partial<{ last_seen_at: Date; mfa_verified: boolean; organisation_id: string | null; revoked_at: Date | null }>) {
  await trx.updateTable('session').set(patch).where('id', '=', id).execute();
}

export async function revokeSessionsOf(trx: Executor, userId: string) {
  const r = await trx.updateTable('session').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function replaceRecoveryCodes(trx: Executor, userId: string, hashes: string[]) {
  await trx.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  if (hashes.length) await trx.insertInto('recovery_code').values(hashes.map((code_hash) => ({ user_id: userId, code_hash }))).execute();
}

export async function useRecoveryCode(trx: Executor, userId: string, codeHash: string) {
  const r = await trx
    .updateTable('recovery_code')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertInvitation(
  trx: Executor,
  v: { organisation_id: string; email: string; role: Role; token_hash: string; expires_at: Date; created_by: string | null },
) {
  return trx.insertInto('invitation').values({ ...v, email: v.email.trim().toLowerCase() }).returningAll().executeTakeFirstOrThrow();
}

export async function findInvitationByTokenHash(trx: Executor, tokenHash: string) {
  return trx.selectFrom('invitation').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function markInvitationAccepted(trx: Executor, id: string) {
  await trx.updateTable('invitation').set({ accepted_at: new Date() }).where('id', '=', id).execute();
}

export async function listInvitations(trx: Executor, organisationId: string) {
  return trx.selectFrom('invitation').selectAll().where('organisation_id', '=', organisationId).orderBy('created_at', 'desc').execute();
}

export async function insertApiToken(
  trx: Executor,
  v: { organisation_id: string; user_id: string; name: string; token_hash: string; token_prefix: string; scopes: string[]; expires_at: Date },
) {
  return trx.insertInto('api_token').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function findApiTokenByHash(trx: Executor, tokenHash: string) {
  return trx.selectFrom('api_token').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function listApiTokens(trx: Executor, organisationId: string, userId: string) {
  return trx
    .selectFrom('api_token')
    .select(['id', 'name', 'token_prefix', 'scopes', 'expires_at', 'last_used_at', 'revoked_at', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeApiToken(trx: Executor, organisationId: string, userId: string, id: string) {
  const r = await trx
    .updateTable('api_token')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function touchApiToken(trx: Executor, id: string) {
  await trx.updateTable('api_token').set({ last_used_at: new Date() }).where('id', '=', id).execute();
}

// Single sign-on -------------------------------------------------------------------------------

/** Sets an organisation's identity provider, enabling it again if it was disabled. */
export async function upsertSsoProvider(trx: Executor, organisationId: string, v: { issuer: string; client_id: string; client_secret: string; email_domain: string }) {
  await trx
    .insertInto('sso_provider')
    .values({ organisation_id: organisationId, ...v })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ ...v, enabled: true }))
    .execute();
}

export async function findSsoProvider(trx: Executor, organisationId: string) {
  return trx.selectFrom('sso_provider').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
}

/** The enabled provider for an e-mail domain, of whichever organisation set it up (before sign-in). */
export async function findEnabledSsoProviderByDomain(trx: Executor, emailDomain: string) {
  return trx.selectFrom('sso_provider').selectAll().where('email_domain', '=', emailDomain).where('enabled', '=', true).executeTakeFirst();
}

/** Whether another organisation's provider already holds an e-mail domain (a domain leads to one organisation). */
export async function findOtherSsoProviderOfDomain(trx: Executor, organisationId: string, emailDomain: string) {
  return trx.selectFrom('sso_provider').select(['organisation_id']).where('email_domain', '=', emailDomain).where('organisation_id', '<>', organisationId).executeTakeFirst();
}

/** An organisation's provider settings without the client secret. */
export async function findSsoSettings(trx: Executor, organisationId: string) {
  return trx.selectFrom('sso_provider').select(['issuer', 'client_id', 'email_domain', 'enabled']).where('organisation_id', '=', organisationId).executeTakeFirst();
}

export async function insertSsoAttempt(trx: Executor, v: { organisation_id: string; state: string; nonce: string; code_verifier: string }) {
  return trx.insertInto('sso_attempt').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function findSsoAttemptByStateHash(trx: Executor, stateHash: string) {
  return trx.selectFrom('sso_attempt').selectAll().where('state', '=', stateHash).executeTakeFirst();
}

export async function markSsoAttemptUsed(trx: Executor, id: string) {
  await trx.updateTable('sso_attempt').set({ used_at: new Date() }).where('id', '=', id).execute();
}
