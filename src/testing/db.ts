/**
 * Tests against real databases: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set. Each
 * test file gets its own freshly migrated database (an in-memory PGlite, or a new PostgreSQL
 * database dropped afterwards), so files never see each other's data.
 */
import { randomBytes } from 'node:crypto';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { migrateToLatest, openDatabase, type Database } from '../db/database.js';

export type DbKind = 'pglite' | 'postgres';

export const databaseKinds: DbKind[] = ['pglite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];

export async function createTestDatabase(kind: DbKind): Promise<Database> {
  if (kind === 'pglite') {
    const d = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(d.db);
    return d;
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `tsunagu_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const d = await openDatabase({ databaseUrl: url.toString() });
  await migrateToLatest(d.db);
  return {
    ...d,
    close: async () => {
      await d.close();
      // No FORCE: killing a connection that is still closing would surface as an uncaught error in
      // the test process. Wait for the last connections to go instead.
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            await a.query(`DROP DATABASE IF EXISTS ${name}`);
            break;
          } catch (e) {
            if ((e as { code?: string }).code !== '55006' || attempt > 50) throw e;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      } finally {
        await a.end();
      }
    },
  };
}

/**
 * Declares the same tests once per database kind.
 *
 * @example
 * describeEachDatabase('catalog import', (ctx) => {
 *   it('imports an edition', async () => { await ctx.db.selectFrom('rule_set')… });
 * });
 */
export function describeEachDatabase(name: string, fn: (ctx: { readonly db: Database['db']; readonly kind: DbKind }) => void) {
  for (const kind of databaseKinds) {
    describe(`${name} (${kind})`, () => {
      let database: Database | undefined;
      const ctx = {
        get db() {
          if (!database) throw new Error('database not ready');
          return database.db;
        },
        kind,
      };
      before(async () => {
        database = await createTestDatabase(kind);
      });
      after(async () => {
        await database?.close();
      });
      fn(ctx);
    });
  }
}
