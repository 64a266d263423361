/** HTTP routes of sign-in, MFA, the signed-in user, organisations, members, invitations, API tokens. */
import '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOfRequest, requireAuth, SESSION_COOKIE, unauthenticated } from '../../http/auth.js';
import { inTransaction } from '../../http/tx.js';
import { isUuid } from '../../lib/ids.js';
import { notFound } from '../../lib/errors.js';
import {
  acceptInvitation,
  addUser,
  beginMfaEnrolment,
  can,
  confirmMfaEnrolment,
  createApiToken,
  createOrganisation,
  forbidden,
  identityRepo,
  inviteUser,
  mayManageMembersOf,
  mfaRequired,
  permissionsOf,
  signIn,
  TOKEN_SCOPES,
  unlockUser,
  verifySessionMfa,
  configureSso,
  startSso,
  finishSso,
  getSsoSettings,
} from './index.js';

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
    expires: expiresAt,
  });
}

export const SSO_COOKIE = 'tsunagu_sso';

/** Where the identity provider sends the browser back: TSUNAGU_PUBLIC_URL, or this request's origin. */
function callbackUrl(req: FastifyRequest): string {
  const base = process.env.TSUNAGU_PUBLIC_URL?.replace(/\/$/, '') ?? `${req.protocol}://${req.host}`;
  return `${base}/api/auth/sso/callback`;
}

const requireSession = async (req: FastifyRequest) => {
  if (!req.sessionState) throw unauthenticated();
};

export async function identityRoutes(root: FastifyInstance, opts: { signInRateLimit: number }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const db = root.db;

  const orgParams = z.object({ id: z.string() });
  /** Members, invitations: only an admin of that organisation; another organisation's id is 404. */
  const ownOrg = (req: FastifyRequest<{ Params: { id: string } }>) => {
    if (!isUuid(req.params.id) || !mayManageMembersOf(req.auth!, req.params.id)) {
      throw notFound('identity.organisation_not_found', '組織が見つかりません', 'organisation not found');
    }
  };
  /** Runs before validation, so that another organisation's id is 404 whatever the body. */
  const ownOrgFirst = async (req: FastifyRequest) => ownOrg(req as FastifyRequest<{ Params: { id: string } }>);

  app.post(
    '/auth/sign-in',
    {
      config: { rateLimit: { max: opts.signInRateLimit, timeWindow: '1 minute' } },
      schema: { tags: ['identity'], summary: 'サインイン / sign in', body: z.object({ email: z.string().min(1), password: z.string().min(1) }) },
    },
    async (req, reply) => {
      const r = await inTransaction(db, (trx) =>
        signIn({ trx, email: req.body.email, password: req.body.password, client: { ip: req.ip, userAgent: req.headers['user-agent'] ?? null } }),
      );
      if ('error' in r) throw r.error;
      setSessionCookie(req, reply, r.token, r.expiresAt);
      return { secondFactor: r.secondFactor, csrfToken: r.csrfToken };
    },
  );

  app.post(
    '/auth/mfa',
    { preValidation: requireSession, config: { rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { tags: ['identity'], summary: '二要素認証のコード / the second factor', body: z.object({ code: z.string().min(1) }) } },
    async (req) => {
      const r = await inTransaction(db, (trx) => verifySessionMfa({ trx, state: req.sessionState!, code: req.body.code, ip: req.ip }));
      if ('error' in r) throw r.error;
      return { ok: true, method: r.kind };
    },
  );

  app.post('/auth/mfa/enrol', { preValidation: requireSession, schema: { tags: ['identity'], summary: '二要素認証の登録開始（QR コード） / start MFA enrolment' } }, async (req) => {
    if (req.sessionState!.user.mfa_enabled_at && !req.auth) throw forbidden();
    return inTransaction(db, (trx) => beginMfaEnrolment({ trx, state: req.sessionState! }));
  });

  app.post(
    '/auth/mfa/confirm',
    { preValidation: requireSession, schema: { tags: ['identity'], summary: '二要素認証の登録完了（回復コードを返す） / confirm MFA enrolment', body: z.object({ code: z.string().min(1) }) } },
    async (req) => inTransaction(db, (trx) => confirmMfaEnrolment({ trx, state: req.sessionState!, code: req.body.code, ip: req.ip })),
  );

  app.post(
    '/auth/sso/start',
    {
      config: { rateLimit: { max: opts.signInRateLimit, timeWindow: '1 minute' } },
      schema: { tags: ['identity'], summary: 'シングルサインオンの開始 / start single sign-on (OpenID Connect)', body: z.object({ email: z.string().min(3) }) },
    },
    async (req, reply) => {
      const r = await inTransaction(db, (trx) => startSso({ trx, email: req.body.email, redirectUri: callbackUrl(req) }));
      // Lax: the identity provider sends the browser back with a top-level navigation.
      reply.setCookie(SSO_COOKIE, r.attemptId, { path: '/api/auth/sso', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: 600 });
      return { redirectUrl: r.redirectUrl };
    },
  );

  app.get('/auth/sso/callback', { schema: { tags: ['identity'], summary: 'シングルサインオンの戻り先 / single sign-on callback' } }, async (req, reply) => {
    const url = new URL(callbackUrl(req));
    url.search = new URL(req.url, 'http://x').search;
    const r = await inTransaction(db, (trx) =>
      finishSso({ trx, attemptId: req.cookies[SSO_COOKIE], callbackUrl: url, client: { ip: req.ip, userAgent: req.headers['user-agent'] ?? null } }),
    );
    reply.clearCookie(SSO_COOKIE, { path: '/api/auth/sso' });
    if ('error' in r) return reply.redirect(`/?ssoError=${encodeURIComponent(`${r.error.messageJa}\n${r.error.messageEn}`)}`);
    setSessionCookie(req, reply, r.token, r.expiresAt);
    return reply.redirect('/');
  });

  app.get(
    '/organisations/:id/sso',
    { preValidation: [requireAuth('members.manage'), ownOrgFirst], schema: { tags: ['identity'], summary: 'シングルサインオンの設定（シークレットは返さない） / SSO settings, without the secret', params: z.object({ id: z.string() }) } },
    async (req) => {
        return getSsoSettings({ trx: db, organisationId: req.params.id });
    },
  );

  app.put(
    '/organisations/:id/sso',
    {
      preValidation: [requireAuth('members.manage'), ownOrgFirst],
      schema: {
        tags: ['identity'],
        summary: 'シングルサインオンの設定 / set up single sign-on',
        params: z.object({ id: z.string() }),
        body: z.object({ issuer: z.string(), clientId: z.string(), clientSecret: z.string(), emailDomain: z.string() }),
      },
    },
    async (req) => {
        await inTransaction(db, (trx) => configureSso({ trx, auth: req.auth!, ip: req.ip, organisationId: req.params.id, ...req.body }));
      return { ok: true };
    },
  );

  app.post('/auth/sign-out', { schema: { tags: ['identity'], summary: 'サインアウト / sign out' } }, async (req, reply) => {
    if (req.sessionState) await identityRepo.touchSession(db, req.sessionState.session.id, { revoked_at: new Date() });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.post('/auth/sign-out-everywhere', { preValidation: requireSession, schema: { tags: ['identity'], summary: 'すべての端末からサインアウト / sign out everywhere' } }, async (req, reply) => {
    const n = await identityRepo.revokeSessionsOf(db, req.sessionState!.user.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true, sessionsEnded: n };
  });

  app.get('/me', { schema: { tags: ['identity'], summary: 'サインイン中の利用者と権限 / the signed-in user and what they may do' } }, async (req) => {
    const state = req.sessionState;
    if (!req.auth && !state) throw unauthenticated();
    const userId = req.auth?.userId ?? state!.user.id;
    const user = (await identityRepo.findUser(db, userId))!;
    const memberships = await identityRepo.membershipsOf(db, userId);
    return {
      user: { id: user.id, email: user.email, displayName: user.display_name, locale: user.locale },
      organisation: req.auth?.organisation ?? null,
      role: req.auth?.role ?? null,
      memberships: memberships.map((m) => ({ organisationId: m.organisation_id, name: m.name, type: m.type, role: m.role, isDemo: m.is_demo })),
      mfa: {
        enrolled: user.mfa_enabled_at !== null,
        required: mfaRequired(memberships),
        pending: state ? !state.session.mfa_verified : false,
      },
      permissions: req.auth ? permissionsOf(req.auth) : null,
      csrfToken: state?.session.csrf_token ?? null,
    };
  });

  app.put(
    '/me/organisation',
    { preValidation: requireSession, schema: { tags: ['identity'], summary: '操作する組織の切替え（複数の組織に所属する場合） / act for another of your organisations', body: z.object({ organisationId: z.string() }) } },
    async (req) => {
      const memberships = await identityRepo.membershipsOf(db, req.sessionState!.user.id);
      if (!memberships.some((m) => m.organisation_id === req.body.organisationId)) {
        throw notFound('identity.organisation_not_found', '組織が見つかりません', 'organisation not found');
      }
      await identityRepo.touchSession(db, req.sessionState!.session.id, { organisation_id: req.body.organisationId });
      return { ok: true };
    },
  );

  app.get('/organisations', { preValidation: requireAuth('organisation.list'), schema: { tags: ['identity'], summary: '組織の一覧 / organisations' } }, async () =>
    (await identityRepo.listOrganisations(db)).map((o) => ({ id: o.id, type: o.type, name: o.name, nameEn: o.name_en, registrationNumber: o.registration_number, isDemo: o.is_demo })),
  );

  app.post(
    '/organisations',
    {
      preValidation: requireAuth('organisation.create'),
      schema: {
        tags: ['identity'],
        summary: '組織の作成（事務局） / create an organisation (secretariat)',
        body: z.object({ type: z.string(), name: z.string(), nameEn: z.string().nullable().optional(), registrationNumber: z.string().nullable().optional() }),
      },
    },
    async (req, reply) => {
      const org = await inTransaction(db, (trx) =>
        createOrganisation({ trx, actor: actorOfRequest(req), auth: req.auth, type: req.body.type, name: req.body.name, nameEn: req.body.nameEn, registrationNumber: req.body.registrationNumber }),
      );
      return reply.status(201).send({ id: org.id, type: org.type, name: org.name });
    },
  );


  app.get('/organisations/:id/members', { preValidation: [requireAuth('members.manage'), ownOrgFirst], schema: { tags: ['identity'], summary: '組織の利用者 / members', params: orgParams } }, async (req) => {
    return (await identityRepo.membersOf(db, req.params.id)).map((m) => ({
      id: m.id,
      email: m.email,
      displayName: m.display_name,
      role: m.role,
      mfaEnrolled: m.mfa_enabled_at !== null,
      locked: m.locked_at !== null,
      disabled: m.disabled_at !== null,
    }));
  });

  app.post(
    '/organisations/:id/members',
    {
      preValidation: [requireAuth('members.manage'), ownOrgFirst],
      schema: { tags: ['identity'], summary: '利用者の追加 / add a member', params: orgParams, body: z.object({ email: z.string(), displayName: z.string(), role: z.string(), password: z.string().min(1) }) },
    },
    async (req, reply) => {
        const u = await inTransaction(db, (trx) =>
        addUser({ trx, actor: actorOfRequest(req), auth: req.auth, organisationId: req.params.id, email: req.body.email, displayName: req.body.displayName, role: req.body.role, password: req.body.password }),
      );
      return reply.status(201).send({ id: u.id, email: u.email });
    },
  );

  app.post(
    '/organisations/:id/invitations',
    {
      preValidation: [requireAuth('members.manage'), ownOrgFirst],
      schema: { tags: ['identity'], summary: '招待リンクの発行 / invite by link', params: orgParams, body: z.object({ email: z.string(), role: z.string() }) },
    },
    async (req, reply) => {
        const inv = await inTransaction(db, (trx) => inviteUser({ trx, auth: req.auth!, ip: req.ip, organisationId: req.params.id, email: req.body.email, role: req.body.role }));
      return reply.status(201).send({ ...inv, link: `/invitations/${inv.token}` });
    },
  );

  app.post(
    '/invitations/accept',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags: ['identity'], summary: '招待の受諾 / accept an invitation', body: z.object({ token: z.string().min(1), displayName: z.string(), password: z.string() }) },
    },
    async (req, reply) => {
      const r = await inTransaction(db, (trx) => acceptInvitation({ trx, ip: req.ip, token: req.body.token, displayName: req.body.displayName, password: req.body.password }));
      return reply.status(201).send(r);
    },
  );

  app.post('/users/:id/unlock', { preValidation: requireAuth('members.manage'), schema: { tags: ['identity'], summary: 'ロック解除 / unlock an account', params: orgParams } }, async (req) => {
    if (!isUuid(req.params.id)) throw notFound('identity.user_not_found', '利用者が見つかりません', 'user not found');
    await inTransaction(db, (trx) => unlockUser({ trx, actor: actorOfRequest(req), auth: req.auth, userId: req.params.id }));
    return { ok: true };
  });

  app.get('/me/tokens', { preValidation: requireAuth('apiToken.manage'), schema: { tags: ['identity'], summary: 'API トークンの一覧 / API tokens' } }, async (req) =>
    (await identityRepo.listApiTokens(db, req.auth!.organisation.id, req.auth!.userId)).map((t) => ({
      id: t.id,
      name: t.name,
      prefix: `tsu_${t.token_prefix}_…`,
      scopes: t.scopes,
      expiresAt: t.expires_at,
      lastUsedAt: t.last_used_at,
      revokedAt: t.revoked_at,
    })),
  );

  app.post(
    '/me/tokens',
    {
      preValidation: requireAuth('apiToken.manage'),
      schema: {
        tags: ['identity'],
        summary: 'API トークンの発行（一度だけ表示） / create an API token (shown once)',
        body: z.object({ name: z.string(), scopes: z.array(z.enum(TOKEN_SCOPES)), expiresInDays: z.number().int() }),
      },
    },
    async (req, reply) => reply.status(201).send(await inTransaction(db, (trx) => createApiToken({ trx, auth: req.auth!, ip: req.ip, name: req.body.name, scopes: req.body.scopes, expiresInDays: req.body.expiresInDays }))),
  );

  app.delete('/me/tokens/:id', { preValidation: requireAuth('apiToken.manage'), schema: { tags: ['identity'], summary: 'API トークンの失効 / revoke an API token', params: orgParams } }, async (req) => {
    const ok = isUuid(req.params.id) && (await identityRepo.revokeApiToken(db, req.auth!.organisation.id, req.auth!.userId, req.params.id));
    if (!ok) throw notFound('identity.token_not_found', 'API トークンが見つかりません', 'API token not found');
    return { ok: true };
  });

}
