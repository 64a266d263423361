/**
 * The web app: the built single-page app in web/dist, with every non-API GET that is not a file
 * answered with index.html so that client-side routes survive a reload.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

const NOT_BUILT = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Tsunagu</title></head><body>
<h1>Tsunagu</h1><p>Web アプリがビルドされていません。<code>npm run build:web</code>（または <code>npm start</code>）を実行してください。</p>
<p lang="en">The web app is not built. Run <code>npm run build:web</code> (or <code>npm start</code>).</p></body></html>`;

export async function registerWeb(app: FastifyInstance, dist = WEB_DIST) {
  if (existsSync(path.join(dist, 'index.html'))) {
    await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false, index: ['index.html'] });
  }
}

/** For the app's not-found handler: a GET outside /api gets the SPA (or a note that it is not built). */
export function webFallback(req: FastifyRequest, reply: FastifyReply, dist = WEB_DIST): boolean {
  if (req.method !== 'GET' || req.url.startsWith('/api/') || req.url === '/api') return false;
  if (existsSync(path.join(dist, 'index.html'))) {
    void reply.type('text/html; charset=utf-8').sendFile('index.html', dist);
  } else {
    void reply.type('text/html; charset=utf-8').send(NOT_BUILT);
  }
  return true;
}
