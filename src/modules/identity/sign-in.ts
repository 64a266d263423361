/**
 * Signing in: password (argon2id), lockout after consecutive failures, a second factor (TOTP or a
 * recovery code) where required or enrolled, and database sessions whose token only the browser
 * holds (the database keeps its SHA-256). API tokens resolve to the same AuthContext.
 */
import { TOTP, Secret } from 'otpauth';
import type { Executor } from '../../db/database.js';
import { AppError } from '../../lib/errors.js';
import { recordAudit } from '../audit/index.js';
import { identityConfig, type IdentityConfig } from './identity.config.js';
import type { AuthContext } from './identity.policy.js';
import { mfaRequired } from './identity.policy.js';
import * as repo from './identity.repo.js';
import { dummyHash, verifyPassword } from './password.js';
import { randomToken, sha256Hex } from './secrets.js';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

const badCredentials = () =>
  new AppError('auth.invalid_credentials', 'unauthenticated', {
    ja: 'メールアドレスまたはパスワードが正しくありません',
    en: 'The e-mail address or password is incorrect',
  });

export const lockedError = () =>
  new AppError('auth.locked', 'forbidden', {
    ja: 'アカウントがロックされています。組織の管理者または事務局にロック解除を依頼してください。',
    en: 'The account is locked. Ask your organisation admin or the secretariat to unlock it.',
  });

export interface SignInResult {
  /** The session token for the cookie: shown once, never stored. */
  token: string;
  csrfToken: string;
  /** 'totp': enter a code; 'enrol': MFA is required and must be set up first; null: signed in. */
  secondFactor: 'totp' | 'enrol' | null;
  expiresAt: Date;
}

/**
 * A failed sign-in is returned, not thrown, so that the caller commits the failure count, the lock
 * and their audit entries before answering.
 */
export async function signIn(args: {
  trx: Executor;
  email: string;
  password: string;
  client: ClientInfo;
  config?: IdentityConfig;
}): Promise<SignInResult | { error: AppError }> {
  const { trx, client } = args;
  const config = args.config ?? identityConfig();
  const user = await repo.findUserByEmail(trx, args.email);
  if (!user) {
    await verifyPassword(await dummyHash(), args.password);
    await recordAudit(trx, { userId: null, organisationId: null, ip: client.ip }, { action: 'auth.sign_in_failed', details: { email: args.email.trim().toLowerCase(), reason: 'unknown_user' } });
    return { error: badCredentials() };
  }
  const memberships = await repo.membershipsOf(trx, user.id);
  const home = memberships[0]?.organisation_id ?? null;
  const actor = { userId: user.id, organisationId: home, ip: client.ip };
  if (user.disabled_at) return { error: badCredentials() };
  if (user.locked_at) {
    await recordAudit(trx, actor, { action: 'auth.sign_in_failed', targetType: 'user', targetId: user.id, details: { reason: 'locked' } });
    return { error: lockedError() };
  }
  if (!(await verifyPassword(user.password_hash, args.password))) {
    const failed = user.failed_attempts + 1;
    const lock = failed >= config.lockoutThreshold;
    await repo.updateUser(trx, user.id, { failed_attempts: failed, locked_at: lock ? new Date() : null });
    await recordAudit(trx, actor, { action: 'auth.sign_in_failed', targetType: 'user', targetId: user.id, details: { reason: 'password', consecutiveFailures: failed } });
    if (lock) {
      await recordAudit(trx, actor, { action: 'auth.locked', targetType: 'user', targetId: user.id, details: { consecutiveFailures: failed } });
      return { error: lockedError() };
    }
    return { error: badCredentials() };
  }
  if (user.failed_attempts) await repo.updateUser(trx, user.id, { failed_attempts: 0 });
  const secondFactor: SignInResult['secondFactor'] = user.mfa_enabled_at ? 'totp' : mfaRequired(memberships) ? 'enrol' : null;
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(Date.now() + config.sessionAbsoluteMs);
  const session = await repo.insertSession(trx, {
    token_hash: sha256Hex(token),
    user_id: user.id,
    organisation_id: home,
    mfa_verified: secondFactor === null,
    csrf_token: csrfToken,
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 300) ?? null,
    expires_at: expiresAt,
  });
  await recordAudit(trx, actor, { action: 'auth.sign_in', targetType: 'session', targetId: session.id, details: { secondFactor, userAgent: client.userAgent?.slice(0, 120) ?? null } });
  return { token, csrfToken, secondFactor, expiresAt };
}

export function totpFor(secretBase32: string, email: string, issuer: string) {
  return new TOTP({ issuer, label: email, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

/** Checks a TOTP code (±1 step) or an unused recovery code for the user. */
export async function checkSecondFactor(trx: Executor, user: { id: string; email: string; mfa_secret: string | null }, code: string, issuer: string): Promise<'totp' | 'recovery' | null> {
  const c = code.normalize('NFKC').replace(/[\s-]/g, '');
  if (user.mfa_secret && /^\d{6}$/.test(c)) {
    if (totpFor(user.mfa_secret, user.email, issuer).validate({ token: c, window: 1 }) !== null) return 'totp';
  }
  if (c.length >= 10 && (await repo.useRecoveryCode(trx, user.id, sha256Hex(c.toLowerCase())))) return 'recovery';
  return null;
}

export interface SessionState {
  session: NonNullable<Awaited<ReturnType<typeof repo.findSessionByTokenHash>>>;
  user: NonNullable<Awaited<ReturnType<typeof repo.findUser>>>;
}

/** The live session for a token, or null when unknown, revoked, expired or idle too long. */
export async function resolveSession(trx: Executor, token: string, config: IdentityConfig = identityConfig()): Promise<SessionState | null> {
  if (!token) return null;
  const session = await repo.findSessionByTokenHash(trx, sha256Hex(token));
  if (!session || session.revoked_at) return null;
  const now = Date.now();
  if (new Date(session.expires_at).getTime() <= now) return null;
  if (now - new Date(session.last_seen_at).getTime() > config.sessionIdleMs) return null;
  const user = await repo.findUser(trx, session.user_id);
  if (!user || user.disabled_at || user.locked_at) return null;
  // Only write when it matters, so that reads stay cheap.
  if (now - new Date(session.last_seen_at).getTime() > 60_000) await repo.touchSession(trx, session.id, { last_seen_at: new Date(now) });
  return { session, user };
}

/** The AuthContext of a fully signed-in session (second factor done), acting for its organisation. */
export async function authContextOfSession(trx: Executor, s: SessionState): Promise<AuthContext | null> {
  if (!s.session.mfa_verified) return null;
  const memberships = await repo.membershipsOf(trx, s.user.id);
  const m = memberships.find((x) => x.organisation_id === s.session.organisation_id) ?? memberships[0];
  if (!m) return null;
  return {
    userId: s.user.id,
    email: s.user.email,
    displayName: s.user.display_name,
    organisation: { id: m.organisation_id, type: m.type, name: m.name },
    role: m.role,
    via: 'session',
    scopes: null,
    sessionId: s.session.id,
  };
}

/**
 * The AuthContext of a user on whose behalf the operator acts (the CLI's `--as EMAIL`): the user's
 * membership, or the one in `organisationId` when the user belongs to several organisations. A
 * disabled or locked user cannot be acted for.
 *
 * @throws AppError `identity.user_not_found`, `identity.organisation_ambiguous`.
 */
export async function authContextOfUser(trx: Executor, email: string, organisationId?: string): Promise<AuthContext> {
  const user = await repo.findUserByEmail(trx, email.trim());
  if (!user || user.disabled_at || user.locked_at) {
    throw new AppError('identity.user_not_found', 'not_found', { ja: `利用者 ${email} が見つかりません（無効・ロック中を含む）`, en: `no active user ${email}` });
  }
  const memberships = await repo.membershipsOf(trx, user.id);
  const m = organisationId ? memberships.find((x) => x.organisation_id === organisationId) : memberships.length === 1 ? memberships[0] : undefined;
  if (!m) {
    if (!organisationId && memberships.length > 1) {
      const list = memberships.map((x) => `${x.name}（${x.organisation_id}）`).join('、');
      throw new AppError('identity.organisation_ambiguous', 'invalid', { ja: `${email} は複数の組織に所属しています。組織を指定してください: ${list}`, en: `${email} belongs to several organisations; name one: ${list}` });
    }
    throw new AppError('identity.user_not_found', 'not_found', { ja: `利用者 ${email} はその組織に所属していません`, en: `${email} is not a member of that organisation` });
  }
  // Not a session and not a token: the operator vouches for the user, as a signed-in session would.
  return { userId: user.id, email: user.email, displayName: user.display_name, organisation: { id: m.organisation_id, type: m.type, name: m.name }, role: m.role, via: 'session', scopes: null, sessionId: null };
}

/** API tokens look like tsu_<prefix>_<secret>; only the hash of the whole token is stored. */
export async function resolveApiToken(trx: Executor, token: string): Promise<AuthContext | null> {
  if (!/^tsu_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{20,}$/.test(token)) return null;
  const t = await repo.findApiTokenByHash(trx, sha256Hex(token));
  if (!t || t.revoked_at || new Date(t.expires_at).getTime() <= Date.now()) return null;
  const user = await repo.findUser(trx, t.user_id);
  if (!user || user.disabled_at || user.locked_at) return null;
  const m = (await repo.membershipsOf(trx, user.id)).find((x) => x.organisation_id === t.organisation_id);
  if (!m) return null;
  if (!t.last_used_at || Date.now() - new Date(t.last_used_at).getTime() > 60_000) await repo.touchApiToken(trx, t.id);
  return {
    userId: user.id,
    email: user.email,
    displayName: user.display_name,
    organisation: { id: m.organisation_id, type: m.type, name: m.name },
    role: m.role,
    via: 'token',
    scopes: t.scopes,
    sessionId: null,
  };
}
