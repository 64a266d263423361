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

export const NOT_BUILT = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Tsunagu</title></head><body>
<h1>Tsunagu</h1><p>Web アプリがビルドされていません。<code>npm run build:web</code>（または <code>npm start</code>）を実行してください。</p>
<p lang="en">The web app is not built. Run <code>npm run build:web</code> (or <code>npm start</code>).</p></body></html>`;

/** Serves web/dist at '/'. Call after the API routes; the not-found handler calls `webFallback`. */
export async function registerWeb(app: FastifyInstance, dist = WEB_DIST): Promise<void> {
  if (!existsSync(path.join(dist, 'index.html'))) return;
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    // Our own Cache-Control below (the plugin's default would override it with max-age=0).
    cacheControl: false,
    setHeaders(res, filePath) {
      // Vite names built assets by content hash: they never change. index.html must always be fresh.
      res.setHeader('cache-control', filePath.startsWith(path.join(dist, 'assets') + path.sep) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}

/**
 * For the app's not-found handler: a GET outside /api gets the SPA (or a note that it is not built).
 * Returns false (leaving the JSON 404 to the caller) for /api, for other methods, and for a missing
 * file under /assets/ — a stale script must fail as a 404, not load index.html as JavaScript.
 */
export function webFallback(req: FastifyRequest, reply: FastifyReply, dist = WEB_DIST): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const pathname = req.url.split('?')[0]!;
  if (pathname === '/api' || pathname.startsWith('/api/') || pathname.startsWith('/assets/')) return false;
  if (existsSync(path.join(dist, 'index.html'))) {
    void reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html', dist);
  } else {
    void reply.type('text/html; charset=utf-8').send(NOT_BUILT);
  }
  return true;
}
