#!/usr/bin/env node
// `npm test`: every *.test.ts under src/ (and e2e/ once it exists), on PGlite, and on PostgreSQL too
// when TEST_DATABASE_URL is set. Node 20's test runner takes no globs, so files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function find(dir, out = []) {
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e === 'node_modules' || e.startsWith('.')) continue;
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) find(p, out);
    else if (p.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
const files = only.length ? only : [...find('src'), ...find('bench'), ...find('e2e')].sort();
if (!files.length) {
  console.error('no test files found');
  process.exit(1);
}
// Install (or name) what the browser and PDF tests need once, before test files run in parallel:
// two files each calling apt-get at the same time fail on dpkg's lock.
const { ensureBrowser, ensurePdfTools } = await import('./ensure-browser.mjs');
if (files.some((f) => f.startsWith('e2e'))) {
  ensureBrowser();
  // Build the web app once here rather than in each browser test file at the same moment.
  const { ensureWebBuilt } = await import('./build-web.mjs');
  await ensureWebBuilt({ quiet: true });
}
ensurePdfTools();
// The type check of the server, tests and web app is part of the suite (only on a whole run).
if (!only.length) {
  for (const project of ['tsconfig.json', 'web/tsconfig.json']) {
    const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', project], { stdio: 'inherit' });
    if (tsc.status !== 0) {
      console.error(`type check failed: tsc -p ${project}`);
      process.exit(tsc.status ?? 1);
    }
  }
}
const dbs = process.env.TEST_DATABASE_URL ? 'PGlite + PostgreSQL' : 'PGlite (set TEST_DATABASE_URL to add PostgreSQL)';
console.error(`running ${files.length} test files on ${dbs}`);
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
