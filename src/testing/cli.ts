/**
 * Running the CLI in tests as a user would: `run` captures what a command prints and its exit code,
 * `useDatabase` points the CLI at a fresh database of a kind through the environment
 * (TSUNAGU_DATA_DIR for PGlite, DATABASE_URL for PostgreSQL) and gives back a function that drops it
 * and restores the environment.
 *
 * @example
 * const restore = await useDatabase('pglite', { TSUNAGU_NO_REFERENCE: '1' });
 * const r = await run(['catalog', 'rule-sets', '--json']);
 * assert.equal(r.code, EXIT.ok, r.err);
 * await restore();
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../cli/program.js';
import type { Database } from '../db/database.js';
import { createTestDatabase, type DbKind } from './db.js';

/** Runs `tsunagu <args>` in this process; stdout and stderr as text. */
export async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/**
 * Points the CLI at a fresh, empty database of the given kind; `env` sets more variables until the
 * returned function restores them (undefined removes one). The CLI's first command loads the
 * reference data into it unless TSUNAGU_NO_REFERENCE is 1.
 */
export async function useDatabase(kind: DbKind, env: Record<string, string | undefined> = {}): Promise<() => Promise<void>> {
  const saved = Object.fromEntries(['DATABASE_URL', 'TSUNAGU_DATA_DIR', ...Object.keys(env)].map((k) => [k, process.env[k]]));
  const setEnv = (vars: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  setEnv(env);
  let pg: Database | undefined;
  let dir: string | undefined;
  if (kind === 'postgres') {
    pg = await createTestDatabase('postgres');
    setEnv({ DATABASE_URL: pg.location, TSUNAGU_DATA_DIR: undefined });
  } else {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tsunagu-cli-'));
    setEnv({ DATABASE_URL: undefined, TSUNAGU_DATA_DIR: dir });
  }
  return async () => {
    await pg?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    setEnv(saved);
  };
}
