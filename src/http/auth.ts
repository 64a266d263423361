/**
 * Who is calling: a session cookie (with CSRF protection on writes) or an API token (Bearer).
 * `requireAuth(policy)` is the preHandler every protected route uses.
 */
import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import type { AuditActor } from '../modules/audit/index.js';
import {
  authContextOfSession,
  can,
  forbidden,
  resolveApiToken,
  resolveSession,
  type AuthContext,
  type PolicyName,
  type SessionState,
} from '../modules/identity/index.js';
import { safeEqual } from '../modules/identity/secrets.js';

export const SESSION_COOKIE = 'tsunagu_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The fully signed-in caller, when there is one. */
    auth: AuthContext | null;
    /** The session behind the cookie, even before the second factor. */
    sessionState: SessionState | null;
  }
}

export const unauthenticated = () =>
  new AppError('auth.required', 'unauthenticated', { ja: 'サインインしてください', en: 'Please sign in' });

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** onRequest hook: resolves the caller; checks CSRF for cookie-authenticated writes. */
export async function resolveCaller(req: FastifyRequest) {
  req.auth = null;
  req.sessionState = null;
  if (!req.url.startsWith('/api/')) return;
  const db = req.server.db;
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    req.auth = await resolveApiToken(db, header.slice(7).trim());
    if (!req.auth) throw new AppError('auth.token_invalid', 'unauthenticated', { ja: 'API トークンが無効です（期限切れ・失効を含む）', en: 'The API token is not valid (expired or revoked?)' });
    return;
  }
  const token = req.cookies?.[SESSION_COOKIE];
  if (!token) return;
  req.sessionState = await resolveSession(db, token);
  if (!req.sessionState) return;
  if (!SAFE.has(req.method)) {
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !safeEqual(sent, req.sessionState.session.csrf_token)) {
      throw new AppError('auth.csrf', 'forbidden', {
        ja: '画面を再読み込みしてからやり直してください（CSRF トークンが一致しません）',
        en: 'Reload the page and try again (CSRF token mismatch)',
      });
    }
  }
  req.auth = await authContextOfSession(db, req.sessionState);
}

/** preHandler: the caller must be signed in (second factor done) and pass the policy. */
export function requireAuth(policy?: PolicyName) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    if (!req.auth) throw unauthenticated();
    if (policy && !can(req.auth, policy)) throw forbidden();
  };
}

export function actorOfRequest(req: FastifyRequest): AuditActor {
  return { userId: req.auth?.userId ?? null, organisationId: req.auth?.organisation.id ?? null, ip: req.ip };
}
