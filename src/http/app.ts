/**
 * The Fastify application: API under /api, OpenAPI at /api/openapi.json, errors as JSON with stable
 * codes and Japanese/English messages. Never an internal message on a 500.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/database.js';
import { describeIssue } from '../lib/validate.js';
import { AppError, httpStatusOf } from '../lib/errors.js';
import { alertRoutes } from '../modules/alert/alert.routes.js';
import { assessmentRoutes } from '../modules/assessment/assessment.routes.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { catalogRoutes } from '../modules/catalog/catalog.routes.js';
import { identityRoutes } from '../modules/identity/identity.routes.js';
import { resolveCaller } from './auth.js';
import { registerWeb, webFallback } from './web.js';
import { reviewRoutes } from '../modules/review/review.routes.js';
import { revisionRoutes } from '../modules/revision/revision.routes.js';

export interface AppOptions {
  db: Kysely<DB>;
  logger?: boolean;
  /** Sign-in attempts per minute and address (default 20, or TSUNAGU_SIGNIN_RATE_LIMIT). */
  signInRateLimit?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>;
    /** Every route registered, for the authorisation matrix test and the docs. */
    routeList: { method: string; url: string }[];
  }
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] } : false,
    bodyLimit: 20 * 1024 * 1024,
  });
  app.decorate('db', opts.db);
  const routeList: { method: string; url: string }[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (r) => {
    for (const m of Array.isArray(r.method) ? r.method : [r.method]) if (m !== 'HEAD') routeList.push({ method: m, url: r.url });
  });
  app.decorateRequest('auth', null);
  app.decorateRequest('sessionState', null);
  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Component libraries inject styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // QR codes for MFA enrolment are data: URLs.
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        // Served over plain HTTP on 127.0.0.1 by default: do not force https sub-resources.
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only makes sense over HTTPS; behind a TLS proxy it is the proxy's to send.
    strictTransportSecurity: false,
  });
  await app.register(fastifyRateLimit, { global: false });
  app.addHook('onRequest', resolveCaller);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Spreadsheets and CSV arrive as raw bytes; YAML as text.
  app.addContentTypeParser(
    ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream', 'application/pdf', 'image/png', 'image/jpeg'],
    { parseAs: 'buffer' },
    (_req, body, done) => done(null, body),
  );
  app.addContentTypeParser(['application/yaml', 'text/yaml', 'application/x-yaml'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Tsunagu API',
        description: 'API接続チェックリストの管理 — catalogs and revision analysis (図表1). Errors: `{ error: { code, message, messageJa, messageEn, problems? } }`.',
        version: '0.1.0',
      },
      tags: [
        { name: 'catalog', description: '規程・基準、版、基準項目、確認項目、関連規定' },
        { name: 'revision', description: '改訂内容の分析（図表1）' },
        { name: 'identity', description: 'サインイン、組織、利用者、API トークン' },
        { name: 'review', description: '見直し検討と対応方針' },
        { name: 'alert', description: '注意喚起' },
        { name: 'assessment', description: 'API接続先の確認：確認シート、回答依頼、回答（マスター）と共有、項目ごとの確認、判定' },
        { name: 'audit', description: '監査ログ' },
      ],
    },
    transform: jsonSchemaTransform,
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(httpStatusOf(err.kind)).send(err.toJSON());
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const problems = err.validation.map((v) => {
        const described = describeRouteIssue(v);
        return { where: `${err.validationContext ?? ''}${v.instancePath || ''}` || '/', messageJa: described.ja, messageEn: described.en };
      });
      return reply.status(400).send(new AppError('request.invalid', 'invalid', { ja: 'リクエストの内容に誤りがあります', en: 'The request is not valid' }, problems).toJSON());
    }
    const e = err as { statusCode?: number; code?: string };
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      if (e.statusCode === 429) {
        return reply.status(429).send(
          new AppError('request.rate_limited', 'invalid', { ja: '短時間に試行が多すぎます。しばらく待ってからやり直してください。', en: 'Too many attempts; wait a moment and try again.' }).toJSON(),
        );
      }
      const code = e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'request.unsupported_media_type' : 'request.invalid';
      return reply.status(e.statusCode).send(
        new AppError(code, 'invalid', { ja: 'リクエストを処理できません', en: 'The request cannot be processed' }).toJSON(),
      );
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(
      new AppError('internal', 'internal', { ja: 'サーバー内部でエラーが発生しました', en: 'An internal error occurred' }).toJSON(),
    );
  });
  app.setNotFoundHandler((req, reply) => {
    if (webFallback(req, reply)) return reply;
    return reply.status(404).send(
      new AppError('request.route_not_found', 'not_found', {
        ja: `${req.method} ${req.url.split('?')[0]} はありません`,
        en: `no route ${req.method} ${req.url.split('?')[0]}`,
      }).toJSON(),
    );
  });

  await app.register(identityRoutes, { prefix: '/api', signInRateLimit: opts.signInRateLimit ?? Number(process.env.TSUNAGU_SIGNIN_RATE_LIMIT ?? 20) });
  await app.register(catalogRoutes, { prefix: '/api' });
  await app.register(revisionRoutes, { prefix: '/api' });
  await app.register(reviewRoutes, { prefix: '/api' });
  await app.register(alertRoutes, { prefix: '/api' });
  await app.register(assessmentRoutes, { prefix: '/api' });
  await app.register(auditRoutes, { prefix: '/api' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/health', { schema: { hide: true } }, async () => ({ ok: true }));
  await registerWeb(app);
  return app;
}

/**
 * A route's own validation problem (params, query string, body schema) worded as parseOrThrow words
 * its problems. The issue reaches here without its input: a wrong type is told by zod's message.
 */
function describeRouteIssue(v: { keyword: string; instancePath: string; message?: string; params: Record<string, unknown> }): { ja: string; en: string } {
  const path = v.instancePath.split('/').filter(Boolean);
  const message = v.message ?? 'invalid value';
  if (v.keyword === 'invalid_type') {
    const field = path[path.length - 1];
    if (field && /received undefined/.test(message)) return { ja: `必須の項目「${field}」がありません`, en: `required field "${field}" is missing` };
    return { ja: `値の種類が正しくありません（${message}）`, en: message };
  }
  // No input reaches here: null stands for "something was given" (an empty choice reads as missing otherwise).
  const d = describeIssue({ ...v.params, input: null, code: v.keyword, path, message } as never);
  return d.ja ? d : { ja: `入力が正しくありません（${message}）`, en: message };
}
