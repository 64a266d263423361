/**
 * Opens the database for the server or a CLI command: migrates, and loads the reference data on the
 * first start of an empty database. PGlite has one owner: a lock file in the data folder stops a
 * second process (say, the CLI while the server runs) from opening it.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../lib/errors.js';
import { bootstrapFirstAdmin } from '../modules/identity/index.js';
import { loadReferenceDataIfEmpty } from '../modules/reference/load-reference.js';
import { migrateToLatest, openDatabase, resolveOpenOptions, type Database, type OpenOptions } from './database.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function takeLock(dataDir: string): () => void {
  const file = path.join(dataDir, '.tsunagu.lock');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new AppError('db.busy', 'conflict', {
        ja: `データフォルダ ${dataDir} は別のプロセス（PID ${pid}）が使用中です。サーバーを止めるか、DATABASE_URL で PostgreSQL を使ってください。`,
        en: `The data folder ${dataDir} is in use by another process (PID ${pid}). Stop the server, or use PostgreSQL via DATABASE_URL.`,
      });
    }
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

export interface FirstAdmin {
  email: string;
  /** Random, printed once to the console; never stored in clear. */
  password: string;
}

export async function openReady(opts: OpenOptions & { loadReference?: boolean } = resolveOpenOptions()): Promise<
  Database & { referenceLoaded: boolean; firstAdmin: FirstAdmin | null }
> {
  let release = () => {};
  if (!opts.databaseUrl && opts.dataDir && !opts.dataDir.startsWith('memory://')) {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(opts.dataDir, { recursive: true });
    release = takeLock(opts.dataDir);
  }
  const database = await openDatabase(opts);
  try {
    await migrateToLatest(database.db);
    let referenceLoaded = false;
    if (opts.loadReference !== false && process.env.TSUNAGU_NO_REFERENCE !== '1') {
      referenceLoaded = (await database.db.transaction().execute((trx) => loadReferenceDataIfEmpty({ trx }))) !== null;
    }
    const created = await database.db.transaction().execute((trx) => bootstrapFirstAdmin({ trx }));
    const firstAdmin = created ? { email: created.email, password: created.password } : null;
    const close = database.close;
    return {
      ...database,
      referenceLoaded,
      firstAdmin,
      close: async () => {
        await close();
        release();
      },
    };
  } catch (e) {
    await database.close();
    release();
    throw e;
  }
}
