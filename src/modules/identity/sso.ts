/**
 * Single sign-on with OpenID Connect for organisations that have an identity provider: the
 * authorisation code flow with PKCE, state and nonce. A user signs in through SSO only as an existing
 * member of the organisation that owns the provider; the provider's own sign-in (and MFA) stands for
 * ours, so the session is fully signed in.
 */
import * as oidc from 'openid-client';
import type { Executor } from '../../db/database.js';
import { AppError, conflict, invalid, type Problem } from '../../lib/errors.js';
import { recordAudit } from '../audit/index.js';
import { identityConfig } from './identity.config.js';
import type { AuthContext } from './identity.policy.js';
import * as repo from './identity.repo.js';
import { forbidden, mayManageMembersOf, actorOfAuth } from './manage-identity.js';
import { randomToken, sha256Hex } from './secrets.js';
import type { ClientInfo } from './sign-in.js';

const ATTEMPT_TTL_MS = 10 * 60_000;

const ssoError = (ja: string, en: string) => new AppError('auth.sso_failed', 'unauthenticated', { ja, en });

function isLoopback(url: URL) {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

/** Discovery of the provider. Plain http is allowed only for a provider on this machine (tests, development). */
async function discover(p: { issuer: string; client_id: string; client_secret: string }) {
  const url = new URL(p.issuer);
  const options = url.protocol === 'http:' && isLoopback(url) ? { execute: [oidc.allowInsecureRequests] } : undefined;
  return oidc.discovery(url, p.client_id, p.client_secret, undefined, options);
}

export async function configureSso(args: {
  trx: Executor;
  auth: AuthContext;
  ip: string | null;
  organisationId: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  emailDomain: string;
}) {
  if (!mayManageMembersOf(args.auth, args.organisationId)) throw forbidden();
  const problems: Problem[] = [];
  let issuer: URL | null = null;
  try {
    issuer = new URL(args.issuer);
  } catch {
    problems.push({ where: '/issuer', messageJa: 'Issuer の URL が正しくありません', messageEn: 'the issuer is not a URL' });
  }
  if (issuer && issuer.protocol !== 'https:' && !isLoopback(issuer)) {
    problems.push({ where: '/issuer', messageJa: 'Issuer は https で指定してください', messageEn: 'the issuer must use https' });
  }
  const domain = args.emailDomain.trim().toLowerCase().replace(/^@/, '');
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain)) problems.push({ where: '/emailDomain', messageJa: 'メールアドレスのドメイン（例：bank.example.jp）を指定してください', messageEn: 'give an e-mail domain such as bank.example.jp' });
  if (!args.clientId.trim() || !args.clientSecret) problems.push({ where: '/clientId', messageJa: 'クライアント ID とシークレットを指定してください', messageEn: 'client id and secret are required' });
  // A domain sends its users to one organisation's identity provider: an organisation's own admin may name only
  // the domain of their own e-mail address (the secretariat, which admits organisations, may name any).
  const ownDomain = args.auth.email.trim().toLowerCase().split('@')[1] ?? '';
  if (!problems.length && args.auth.organisation.type !== 'secretariat' && domain !== ownDomain) {
    problems.push({
      where: '/emailDomain',
      messageJa: `設定できるのはご自身のメールアドレスのドメイン（${ownDomain}）だけです。別のドメインは事務局に依頼してください`,
      messageEn: `you can set only the domain of your own e-mail address (${ownDomain}); ask the secretariat for another domain`,
    });
  }
  if (problems.length) throw invalid('identity.sso_invalid', 'シングルサインオンの設定に誤りがあります', 'The single sign-on settings are not valid', problems);
  if (await repo.findOtherSsoProviderOfDomain(args.trx, args.organisationId, domain)) {
    throw conflict('identity.sso_domain_taken', `ドメイン ${domain} は別の組織のシングルサインオンに設定されています`, `the domain ${domain} is already set up for another organisation's single sign-on`);
  }
  await repo.upsertSsoProvider(args.trx, args.organisationId, { issuer: issuer!.toString().replace(/\/$/, ''), client_id: args.clientId.trim(), client_secret: args.clientSecret, email_domain: domain });
  // The secret is never written to the audit log.
  await recordAudit(args.trx, actorOfAuth(args.auth, args.ip), { action: 'identity.sso_configured', organisationId: args.organisationId, targetType: 'sso_provider', targetId: args.organisationId, details: { issuer: args.issuer, clientId: args.clientId, emailDomain: domain } });
}

/** Starts SSO for an e-mail address: the URL to send the browser to, and the attempt to bind to it. */
export async function startSso(args: { trx: Executor; email: string; redirectUri: string }) {
  const domain = args.email.trim().toLowerCase().split('@')[1] ?? '';
  const p = await repo.findEnabledSsoProviderByDomain(args.trx, domain);
  if (!p) {
    throw invalid('auth.sso_not_configured', 'このメールアドレスの組織はシングルサインオンを設定していません。パスワードでサインインしてください。', 'No single sign-on is set up for this e-mail address; sign in with a password.');
  }
  const config = await discover(p);
  const state = randomToken();
  const nonce = randomToken();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const attempt = await repo.insertSsoAttempt(args.trx, { organisation_id: p.organisation_id, state: sha256Hex(state), nonce, code_verifier: codeVerifier });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: args.redirectUri,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    login_hint: args.email.trim(),
  });
  return { redirectUrl: url.toString(), attemptId: attempt.id };
}

/**
 * Completes SSO: checks the attempt belongs to this browser, exchanges the code, and signs in the
 * member whose e-mail the provider vouches for. Failures are returned so that their audit is kept.
 */
export async function finishSso(args: {
  trx: Executor;
  attemptId: string | undefined;
  callbackUrl: URL;
  client: ClientInfo;
}): Promise<{ error: AppError } | { token: string; csrfToken: string; expiresAt: Date }> {
  const { trx, client } = args;
  const state = args.callbackUrl.searchParams.get('state') ?? '';
  const attempt = await repo.findSsoAttemptByStateHash(trx, sha256Hex(state));
  if (!attempt || attempt.used_at || attempt.id !== args.attemptId || Date.now() - new Date(attempt.created_at).getTime() > ATTEMPT_TTL_MS) {
    return { error: ssoError('シングルサインオンをやり直してください（期限切れ、または別のブラウザで開始されています）', 'Please start single sign-on again (expired, or started in another browser)') };
  }
  await repo.markSsoAttemptUsed(trx, attempt.id);
  const p = (await repo.findSsoProvider(trx, attempt.organisation_id))!;
  let email: string | undefined;
  try {
    const config = await discover(p);
    const tokens = await oidc.authorizationCodeGrant(config, args.callbackUrl, { pkceCodeVerifier: attempt.code_verifier, expectedState: state, expectedNonce: attempt.nonce });
    const idClaims = tokens.claims();
    // Providers that follow the spec strictly put the e-mail in userinfo, not in the ID token.
    const claims = typeof idClaims?.email === 'string' ? idClaims : await oidc.fetchUserInfo(config, tokens.access_token, idClaims!.sub);
    if (claims.email_verified === false) throw new Error('email not verified');
    email = typeof claims.email === 'string' ? claims.email.toLowerCase() : undefined;
  } catch (e) {
    await recordAudit(trx, { userId: null, organisationId: attempt.organisation_id, ip: client.ip }, { action: 'auth.sign_in_failed', details: { reason: 'sso', error: (e as Error).message.slice(0, 200) } });
    return { error: ssoError('ID プロバイダーでの認証を確認できませんでした', 'The identity provider’s answer could not be verified') };
  }
  const user = email ? await repo.findUserByEmail(trx, email) : undefined;
  const member = user ? (await repo.membershipsOf(trx, user.id)).find((m) => m.organisation_id === attempt.organisation_id) : undefined;
  if (!user || !member || user.disabled_at || user.locked_at) {
    await recordAudit(trx, { userId: user?.id ?? null, organisationId: attempt.organisation_id, ip: client.ip }, { action: 'auth.sign_in_failed', details: { reason: 'sso_not_member', email: email ?? null } });
    return { error: ssoError('この組織の利用者として登録されていません。組織の管理者に招待を依頼してください。', 'You are not a member of this organisation; ask its admin for an invitation.') };
  }
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(Date.now() + identityConfig().sessionAbsoluteMs);
  const session = await repo.insertSession(trx, {
    token_hash: sha256Hex(token),
    user_id: user.id,
    organisation_id: attempt.organisation_id,
    mfa_verified: true,
    csrf_token: csrfToken,
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 300) ?? null,
    expires_at: expiresAt,
  });
  await recordAudit(trx, { userId: user.id, organisationId: attempt.organisation_id, ip: client.ip }, { action: 'auth.sign_in', targetType: 'session', targetId: session.id, details: { method: 'sso', issuer: p.issuer } });
  return { token, csrfToken, expiresAt };
}

/** An organisation's SSO settings, without the secret. */
export async function getSsoSettings(args: { trx: Executor; organisationId: string }) {
  const p = await repo.findSsoSettings(args.trx, args.organisationId);
  return p ? { issuer: p.issuer, clientId: p.client_id, emailDomain: p.email_domain, enabled: p.enabled } : null;
}
