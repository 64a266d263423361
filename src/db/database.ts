/**
 * The database: embedded PGlite in a data folder by default, PostgreSQL when DATABASE_URL is set.
 * Both go through node-postgres and Kysely's PostgresDialect, so queries behave the same.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, Migrator, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import type { DB } from './types.js';

export type { DB } from './types.js';
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Database {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  /** Where the data lives: the PGlite folder, or the PostgreSQL URL without its password. */
  location: string;
  close(): Promise<void>;
}

// pg returns int8 (count(*)) as string; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
// date columns are calendar dates: keep them as YYYY-MM-DD, never shifted by a time zone.
pg.types.setTypeParser(1082, (v) => v);

export interface OpenOptions {
  /** postgres://… ; when absent, PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite folder; 'memory://' for an in-memory database (tests). */
  dataDir?: string | undefined;
}

export function resolveOpenOptions(env: NodeJS.ProcessEnv = process.env): OpenOptions {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.TSUNAGU_DATA_DIR || path.resolve('data', 'db'),
  };
}

export async function openDatabase(opts: OpenOptions = resolveOpenOptions()): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', location: redactUrl(opts.databaseUrl), close: () => db.destroy() };
  }
  const dataDir = opts.dataDir ?? path.resolve('data', 'db');
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir);
  await pglite.waitReady;
  const pool = new pg.Pool(createPgConfig(pglite));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    location: dataDir,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
