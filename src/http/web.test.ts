import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { createTestDatabase } from '../testing/db.js';
import type { Database } from '../db/database.js';
import { buildApp } from './app.js';
import { NOT_BUILT, registerWeb, webFallback } from './web.js';

/** A server wired like app.ts: an API route, the web app, and a JSON 404 unless the web app answers. */
async function serverFor(dist: string): Promise<FastifyInstance> {
  const app = Fastify();
  app.setNotFoundHandler((req, reply) => {
    if (webFallback(req, reply, dist)) return reply;
    return reply.status(404).send({ error: { code: 'request.route_not_found' } });
  });
  app.get('/api/health', async () => ({ ok: true }));
  await registerWeb(app, dist);
  return app;
}

describe('serving the web app', () => {
  let dist: string;
  let app: FastifyInstance;
  before(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'tsunagu-web-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await serverFor(dist);
  });
  after(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and for client-side routes, never cached', async () => {
    for (const url of ['/', '/catalog', `/catalog/fisc/${encodeURIComponent('第12版')}/provisions/${encodeURIComponent('3.用語の解説(2)')}`, '/analyses/1?x=1']) {
      const r = await app.inject({ url });
      assert.equal(r.statusCode, 200, url);
      assert.match(r.headers['content-type'] as string, /^text\/html/, url);
      assert.equal(r.body, '<!doctype html><div id="root"></div>', url);
      assert.equal(r.headers['cache-control'], 'no-cache', url);
    }
  });

  it('serves built assets with a long cache lifetime', async () => {
    const r = await app.inject({ url: '/assets/index-abc123.js' });
    assert.equal(r.statusCode, 200);
    assert.match(r.headers['content-type'] as string, /javascript/);
    assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('answers a missing asset with a 404, not with index.html', async () => {
    const r = await app.inject({ url: '/assets/index-old999.js' });
    assert.equal(r.statusCode, 404);
    assert.equal(r.json().error.code, 'request.route_not_found');
  });

  it('leaves unknown /api routes and non-GET requests to the JSON 404', async () => {
    for (const [method, url] of [['GET', '/api/nope'], ['GET', '/api'], ['POST', '/catalog'], ['DELETE', '/']] as const) {
      const r = await app.inject({ method, url });
      assert.equal(r.statusCode, 404, `${method} ${url}`);
      assert.equal(r.json().error.code, 'request.route_not_found', `${method} ${url}`);
    }
    assert.deepEqual((await app.inject({ url: '/api/health' })).json(), { ok: true });
  });

  it('tells, in Japanese and English, to build the web app when web/dist is missing', async () => {
    const missing = await serverFor(path.join(dist, 'no-such-dist'));
    try {
      const r = await missing.inject({ url: '/catalog' });
      assert.equal(r.statusCode, 200);
      assert.equal(r.body, NOT_BUILT);
      assert.match(r.body, /ビルドされていません/);
      assert.match(r.body, /npm run build:web/);
      assert.match(r.body, /The web app is not built/);
      assert.equal((await missing.inject({ url: '/api/nope' })).statusCode, 404);
    } finally {
      await missing.close();
    }
  });
});

describe('the web app inside the real application', () => {
  let database: Database;
  let app: FastifyInstance;
  before(async () => {
    database = await createTestDatabase('pglite');
    app = await buildApp({ db: database.db });
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('answers client-side routes with HTML and unknown API routes with a JSON 404', async () => {
    const page = await app.inject({ url: '/catalog/fisc-security-standards' });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /^text\/html/);
    const api = await app.inject({ url: '/api/no-such-thing' });
    assert.equal(api.statusCode, 404);
    assert.match(api.headers['content-type'] as string, /^application\/json/);
    assert.equal(api.json().error.code, 'request.route_not_found');
    assert.ok(api.json().error.messageJa);
  });
});
