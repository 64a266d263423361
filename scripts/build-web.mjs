#!/usr/bin/env node
// Builds the web app (web/ → web/dist) with Vite when the build is missing or older than its sources.
// Used by `npm start`, `npm test` and `npm run build:web`.
import { existsSync, readdirSync, statSync } from 'node:fs';
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
  await build({ configFile: path.join(web, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await ensureWebBuilt({ force: process.argv.includes('--force') });
}
