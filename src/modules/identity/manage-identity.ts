/**
 * Organisations, users, invitations, MFA enrolment and API tokens. Each use case checks its policy
 * and records an audit entry in the caller's transaction.
 */
import QRCode from 'qrcode';
import { Secret } from 'otpauth';
import type { Executor } from '../../db/database.js';
import { AppError, invalid, notFound, type Problem } from '../../lib/errors.js';
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '../audit/index.js';
import { identityConfig } from './identity.config.js';
import { can, TOKEN_SCOPES, type AuthContext, type PolicyName } from './identity.policy.js';
import * as repo from './identity.repo.js';
import { hashPassword, passwordProblems } from './password.js';
import { randomPassword, randomToken, sha256Hex } from './secrets.js';
import { checkSecondFactor, totpFor, type SessionState } from './sign-in.js';

export const forbidden = () =>
  new AppError('auth.forbidden', 'forbidden', { ja: 'この操作を行う権限がありません', en: 'You are not allowed to do this' });

export function authorize(a: AuthContext, policy: PolicyName) {
  if (!can(a, policy)) throw forbidden();
}

export const actorOfAuth = (a: AuthContext, ip: string | null = null): AuditActor => ({ userId: a.userId, organisationId: a.organisation.id, ip });

const ORG_TYPES = ['secretariat', 'bank', 'connector', 'association', 'auditor'] as const;
const ROLES = ['admin', 'editor', 'reviewer', 'viewer'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkEmail(email: string, problems: Problem[], where = '/email') {
  if (!EMAIL.test(email.trim())) problems.push({ where, messageJa: 'メールアドレスの形式が正しくありません', messageEn: 'not a valid e-mail address' });
}

function throwIf(problems: Problem[]) {
  if (problems.length) throw invalid('identity.invalid', '入力内容に誤りがあります', 'The input is not valid', problems);
}

/**
 * First start on an empty database: the secretariat organisation and its first admin, with a random
 * password returned once (to be printed to the console). Never a fixed default password.
 */
export async function bootstrapFirstAdmin(args: { trx: Executor; email?: string }) {
  if ((await repo.countOrganisations(args.trx)) > 0) return null;
  const email = (args.email ?? process.env.TSUNAGU_ADMIN_EMAIL ?? 'admin@tsunagu.local').trim().toLowerCase();
  const org = await repo.insertOrganisation(args.trx, { type: 'secretariat', name: '金融情報システムセンター（FISC）事務局', name_en: 'FISC Secretariat', registration_number: null });
  const password = randomPassword();
  const user = await repo.insertUser(args.trx, { email, display_name: '管理者', password_hash: await hashPassword(password) });
  await repo.upsertMembership(args.trx, { user_id: user.id, organisation_id: org.id, role: 'admin' });
  await recordAudit(args.trx, SYSTEM_ACTOR, { action: 'identity.organisation_created', organisationId: org.id, targetType: 'organisation', targetId: org.id, details: { type: org.type, name: org.name, bootstrap: true } });
  await recordAudit(args.trx, SYSTEM_ACTOR, { action: 'identity.user_created', organisationId: org.id, targetType: 'user', targetId: user.id, details: { email, role: 'admin', bootstrap: true } });
  return { organisationId: org.id, email, password };
}

export async function createOrganisation(args: {
  trx: Executor;
  actor: AuditActor;
  auth: AuthContext | null;
  type: string;
  name: string;
  nameEn?: string | null;
  registrationNumber?: string | null;
  isDemo?: boolean;
}) {
  if (args.auth) authorize(args.auth, 'organisation.create');
  const problems: Problem[] = [];
  if (!ORG_TYPES.includes(args.type as never)) problems.push({ where: '/type', messageJa: `組織の種別「${args.type}」は使えません`, messageEn: `unknown organisation type ${args.type}` });
  if (!args.name.trim()) problems.push({ where: '/name', messageJa: '組織名を入力してください', messageEn: 'the name is required' });
  if (args.type === 'connector' && !args.registrationNumber?.trim()) {
    problems.push({ where: '/registrationNumber', messageJa: '電子決済等代行業者の登録番号（例：関東財務局長（電代）第1号）を入力してください', messageEn: 'a connector needs its registration number' });
  }
  throwIf(problems);
  const org = await repo.insertOrganisation(args.trx, {
    type: args.type as repo.OrganisationType,
    name: args.name.trim(),
    name_en: args.nameEn?.trim() || null,
    registration_number: args.registrationNumber?.trim() || null,
    is_demo: args.isDemo ?? false,
  });
  await recordAudit(args.trx, args.actor, { action: 'identity.organisation_created', organisationId: org.id, targetType: 'organisation', targetId: org.id, details: { type: org.type, name: org.name } });
  return org;
}

/** Creates a user (or adds an existing one) in an organisation with a role. */
export async function addUser(args: {
  trx: Executor;
  actor: AuditActor;
  auth: AuthContext | null;
  organisationId: string;
  email: string;
  displayName: string;
  role: string;
  password?: string | null;
  isDemo?: boolean;
}) {
  if (args.auth && !mayManageMembersOf(args.auth, args.organisationId)) throw forbidden();
  const problems: Problem[] = [];
  checkEmail(args.email, problems);
  if (!ROLES.includes(args.role as never)) problems.push({ where: '/role', messageJa: `役割「${args.role}」は使えません`, messageEn: `unknown role ${args.role}` });
  if (args.password) problems.push(...passwordProblems(args.password, args.email));
  throwIf(problems);
  const org = await repo.findOrganisation(args.trx, args.organisationId);
  if (!org) throw notFound('identity.organisation_not_found', '組織が見つかりません', 'organisation not found');
  let user = await repo.findUserByEmail(args.trx, args.email);
  if (!user) {
    user = await repo.insertUser(args.trx, {
      email: args.email,
      display_name: args.displayName.trim() || args.email,
      password_hash: args.password ? await hashPassword(args.password) : null,
      is_demo: args.isDemo ?? false,
    });
  }
  await repo.upsertMembership(args.trx, { user_id: user.id, organisation_id: org.id, role: args.role as repo.Role });
  await recordAudit(args.trx, args.actor, { action: 'identity.user_created', organisationId: org.id, targetType: 'user', targetId: user.id, details: { email: user.email, role: args.role } });
  return user;
}

/** Sets a new password (random when none is given, returned once), unlocks, and ends all sessions. */
export async function resetPassword(args: { trx: Executor; actor: AuditActor; email: string; password?: string | null }) {
  const user = await repo.findUserByEmail(args.trx, args.email);
  if (!user) throw notFound('identity.user_not_found', `利用者 ${args.email} が見つかりません`, `user ${args.email} not found`);
  const password = args.password || randomPassword();
  throwIf(passwordProblems(password, user.email));
  await repo.updateUser(args.trx, user.id, { password_hash: await hashPassword(password), password_changed_at: new Date(), failed_attempts: 0, locked_at: null });
  const ended = await repo.revokeSessionsOf(args.trx, user.id);
  const home = (await repo.membershipsOf(args.trx, user.id))[0]?.organisation_id ?? null;
  await recordAudit(args.trx, args.actor, { action: 'identity.password_reset', organisationId: home, targetType: 'user', targetId: user.id, details: { sessionsEnded: ended, wasLocked: user.locked_at !== null } });
  return { email: user.email, password: args.password ? null : password };
}

/** Unlocks an account locked by failed sign-ins (an admin of one of its organisations, or the secretariat). */
export async function unlockUser(args: { trx: Executor; actor: AuditActor; auth: AuthContext | null; userId: string }) {
  const user = await repo.findUser(args.trx, args.userId);
  if (!user) throw notFound('identity.user_not_found', '利用者が見つかりません', 'user not found');
  const memberships = await repo.membershipsOf(args.trx, user.id);
  if (args.auth) {
    const sameOrgAdmin = memberships.some((m) => m.organisation_id === args.auth!.organisation.id) && can(args.auth, 'members.manage');
    if (!sameOrgAdmin && !can(args.auth, 'organisation.create')) throw notFound('identity.user_not_found', '利用者が見つかりません', 'user not found');
  }
  await repo.updateUser(args.trx, user.id, { failed_attempts: 0, locked_at: null });
  await recordAudit(args.trx, args.actor, { action: 'auth.unlocked', organisationId: memberships[0]?.organisation_id ?? null, targetType: 'user', targetId: user.id, changes: { locked_at: [user.locked_at, null] } });
}

/** Starts MFA enrolment: a new secret and its QR code (otpauth URI as a PNG data URL). */
export async function beginMfaEnrolment(args: { trx: Executor; state: SessionState }) {
  const secret = new Secret({ size: 20 }).base32;
  await repo.updateUser(args.trx, args.state.user.id, { mfa_secret: secret, mfa_enabled_at: null });
  const uri = totpFor(secret, args.state.user.email, identityConfig().totpIssuer).toString();
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 240 }) };
}

/** Confirms enrolment with a first code; returns ten recovery codes, shown once. */
export async function confirmMfaEnrolment(args: { trx: Executor; state: SessionState; code: string; ip: string | null }) {
  const { trx, state } = args;
  const user = (await repo.findUser(trx, state.user.id))!;
  if (!user.mfa_secret || user.mfa_enabled_at) {
    throw invalid('auth.mfa_not_enrolling', '先に二要素認証の登録を開始してください', 'start MFA enrolment first');
  }
  const ok = await checkSecondFactor(trx, { ...user, mfa_secret: user.mfa_secret }, args.code, identityConfig().totpIssuer);
  if (ok !== 'totp') throw invalid('auth.mfa_code_invalid', '確認コードが正しくありません', 'the code is not correct', [{ where: '/code', messageJa: '認証アプリに表示された6桁のコードを入力してください', messageEn: 'enter the 6-digit code from your authenticator app' }]);
  const codes = Array.from({ length: 10 }, () => randomToken(8).replace(/[-_]/g, 'x').slice(0, 10).toLowerCase());
  await repo.replaceRecoveryCodes(trx, user.id, codes.map((c) => sha256Hex(c)));
  await repo.updateUser(trx, user.id, { mfa_enabled_at: new Date() });
  await repo.touchSession(trx, state.session.id, { mfa_verified: true });
  const home = state.session.organisation_id;
  await recordAudit(trx, { userId: user.id, organisationId: home, ip: args.ip }, { action: 'identity.user_created', targetType: 'user', targetId: user.id, details: { mfaEnrolled: true } });
  return { recoveryCodes: codes };
}

/** The second step of sign-in: a TOTP code or a recovery code. */
export async function verifySessionMfa(args: { trx: Executor; state: SessionState; code: string; ip: string | null }) {
  const { trx, state } = args;
  if (!state.user.mfa_enabled_at) throw invalid('auth.mfa_not_enrolled', '二要素認証が登録されていません', 'MFA is not enrolled');
  const kind = await checkSecondFactor(trx, state.user, args.code, identityConfig().totpIssuer);
  const actor = { userId: state.user.id, organisationId: state.session.organisation_id, ip: args.ip };
  if (!kind) {
    await recordAudit(trx, actor, { action: 'auth.sign_in_failed', targetType: 'user', targetId: state.user.id, details: { reason: 'second_factor' } });
    return { error: invalid('auth.mfa_code_invalid', '確認コードが正しくありません', 'the code is not correct') };
  }
  await repo.touchSession(trx, state.session.id, { mfa_verified: true });
  await recordAudit(trx, actor, { action: 'auth.sign_in', targetType: 'session', targetId: state.session.id, details: { secondFactor: kind } });
  return { ok: true as const, kind };
}

/** Creates an API token for the signed-in user's organisation; the token is returned once. */
export async function createApiToken(args: { trx: Executor; auth: AuthContext; ip: string | null; name: string; scopes: string[]; expiresInDays: number }) {
  authorize(args.auth, 'apiToken.manage');
  const problems: Problem[] = [];
  if (!args.name.trim()) problems.push({ where: '/name', messageJa: 'トークンの名前を入力してください', messageEn: 'a name is required' });
  const bad = args.scopes.filter((s) => !TOKEN_SCOPES.includes(s as never));
  if (bad.length || !args.scopes.length) problems.push({ where: '/scopes', messageJa: `権限の範囲は ${TOKEN_SCOPES.join('、')} から選んでください`, messageEn: `scopes must be chosen from ${TOKEN_SCOPES.join(', ')}` });
  if (!(args.expiresInDays >= 1 && args.expiresInDays <= 366)) problems.push({ where: '/expiresInDays', messageJa: '有効期間は1〜366日で指定してください', messageEn: 'the lifetime must be 1–366 days' });
  throwIf(problems);
  const prefix = randomToken(6).slice(0, 8);
  const token = `tsu_${prefix}_${randomToken(32)}`;
  const row = await repo.insertApiToken(args.trx, {
    organisation_id: args.auth.organisation.id,
    user_id: args.auth.userId,
    name: args.name.trim(),
    token_hash: sha256Hex(token),
    token_prefix: prefix,
    scopes: args.scopes,
    expires_at: new Date(Date.now() + args.expiresInDays * 86_400_000),
  });
  await recordAudit(args.trx, actorOfAuth(args.auth, args.ip), { action: 'identity.user_created', targetType: 'api_token', targetId: row.id, details: { apiToken: row.name, scopes: row.scopes } });
  return { id: row.id, name: row.name, token, scopes: row.scopes, expiresAt: row.expires_at };
}

/** Invites someone to an organisation by link; the token in the link is returned once. */
/** Organisation admins manage their own organisation; secretariat admins every organisation (to add its first admin). */
export function mayManageMembersOf(auth: AuthContext, organisationId: string): boolean {
  return (auth.organisation.id === organisationId && can(auth, 'members.manage')) || can(auth, 'organisation.create');
}

export async function inviteUser(args: { trx: Executor; auth: AuthContext; ip: string | null; organisationId: string; email: string; role: string }) {
  if (!mayManageMembersOf(args.auth, args.organisationId)) throw forbidden();
  if (!(await repo.findOrganisation(args.trx, args.organisationId))) throw notFound('identity.organisation_not_found', '組織が見つかりません', 'organisation not found');
  const problems: Problem[] = [];
  checkEmail(args.email, problems);
  if (!ROLES.includes(args.role as never)) problems.push({ where: '/role', messageJa: `役割「${args.role}」は使えません`, messageEn: `unknown role ${args.role}` });
  throwIf(problems);
  const token = randomToken();
  const inv = await repo.insertInvitation(args.trx, {
    organisation_id: args.organisationId,
    email: args.email,
    role: args.role as repo.Role,
    token_hash: sha256Hex(token),
    expires_at: new Date(Date.now() + identityConfig().invitationTtlMs),
    created_by: args.auth.userId,
  });
  await recordAudit(args.trx, actorOfAuth(args.auth, args.ip), { action: 'identity.user_created', targetType: 'invitation', targetId: inv.id, details: { invited: inv.email, role: inv.role, expiresAt: inv.expires_at } });
  return { id: inv.id, email: inv.email, role: inv.role, expiresAt: inv.expires_at, token };
}

/** Accepts an invitation: creates the user (or adds the existing one) with the invited role. */
export async function acceptInvitation(args: { trx: Executor; ip: string | null; token: string; displayName: string; password: string }) {
  const inv = await repo.findInvitationByTokenHash(args.trx, sha256Hex(args.token));
  if (!inv || inv.accepted_at || inv.revoked_at || new Date(inv.expires_at).getTime() <= Date.now()) {
    throw invalid('identity.invitation_invalid', '招待リンクが無効です（期限切れ・使用済みを含む）。招待した管理者に再送を依頼してください。', 'The invitation link is not valid (expired or already used). Ask for a new one.');
  }
  const existing = await repo.findUserByEmail(args.trx, inv.email);
  const user = await addUser({
    trx: args.trx,
    actor: { userId: existing?.id ?? null, organisationId: inv.organisation_id, ip: args.ip },
    auth: null,
    organisationId: inv.organisation_id,
    email: inv.email,
    displayName: args.displayName,
    role: inv.role,
    password: existing ? null : args.password,
  });
  await repo.markInvitationAccepted(args.trx, inv.id);
  return { email: user.email, organisationId: inv.organisation_id, role: inv.role };
}
