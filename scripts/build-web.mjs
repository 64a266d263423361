#!/usr/bin/env node
// Builds the web app (web/ → web/dist) with Vite when the build is missing or older than its sources.
// Used by `npm start`, `npm test` and `npm run build:web`.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const built = path.join(web, 'dist', 'index.html');

function newest(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(p).map((e) => newest(path.join(p, e))));
}

export async function ensureWebBuilt({ force = false, quiet = false } = {}) {
  const sources = [path.join(web, 'src'), path.join(web, 'index.html'), path.join(web, 'vite.config.ts')];
  if (!force && existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newest))) return false;
  const { build } = await import('vite');
  // Build beside web/dist and swap it in, so that a server (or a second build) never sees a half-written
  // folder: browser test files run in parallel and may each find the build stale.
  const tmp = path.join(web, `dist.tmp-${process.pid}-${Date.now()}`);
  await build({ configFile: path.join(web, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info', build: { outDir: tmp, emptyOutDir: true } });
  const dist = path.join(web, 'dist');
  const old = path.join(web, `dist.old-${process.pid}-${Date.now()}`);
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(tmp, dist);
  rmSync(old, { recursive: true, force: true });
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await ensureWebBuilt({ force: process.argv.includes('--force') });
}
