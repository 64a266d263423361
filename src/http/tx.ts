import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/database.js';

/** Runs one use case in one transaction. */
export function inTransaction<T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
