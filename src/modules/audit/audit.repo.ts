/** Audit log queries. Entries are only ever inserted; the chain head is locked per chain. */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AuditEntryTable } from '../../db/types.js';

/** Locks the head of one chain for this transaction (other chains are not blocked). */
/**
 * Creates the chain's head on first use and locks it, in one statement: an upsert that changes
 * nothing still takes the row lock (as SELECT … FOR UPDATE would) and returns the head as it is.
 */
export async function lockChainHead(trx: Executor, chain: string, genesis: string) {
  return trx
    .insertInto('audit_chain_head')
    .values({ chain, seq: 0, hash: genesis })
    .onConflict((oc) => oc.column('chain').doUpdateSet((eb) => ({ chain: eb.ref('excluded.chain') })))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Appends the entry and moves the chain's head to it, in one statement (every audited write pays for this). */
export async function insertEntry(trx: Executor, e: Omit<AuditEntryTable, 'id'>) {
  await trx
    .with('entry', (db) =>
      db
        .insertInto('audit_entry')
        .values({ ...e, changes: e.changes === null ? null : (JSON.stringify(e.changes) as never), details: e.details === null ? null : (JSON.stringify(e.details) as never) })
        .returning('chain'),
    )
    .updateTable('audit_chain_head')
    .set({ seq: e.seq, hash: e.hash })
    .where('chain', '=', e.chain)
    .execute();
}

export async function listChains(trx: Executor) {
  const heads = await trx.selectFrom('audit_chain_head').selectAll().orderBy('chain').execute();
  const inEntries = await trx.selectFrom('audit_entry').select('chain').distinct().execute();
  const names = new Set([...heads.map((h) => h.chain), ...inEntries.map((r) => r.chain)]);
  return { heads: new Map(heads.map((h) => [h.chain, h])), chains: [...names].sort() };
}

/** One chain in stored order (by seq), read in pages to keep memory flat on long chains. */
export async function* readChain(trx: Executor, chain: string, pageSize = 2000) {
  let after = -1;
  for (;;) {
    const rows = await trx
      .selectFrom('audit_entry')
      .selectAll()
      .where('chain', '=', chain)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (!rows.length) return;
    yield* rows;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

export interface AuditQuery {
  /** Chains the reader may see: 'system' and/or organisation ids. */
  chains: string[] | 'all';
  action?: string | undefined;
  actorUserId?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  q?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export async function searchEntries(trx: Executor, q: AuditQuery) {
  let query = trx
    .selectFrom('audit_entry')
    .leftJoin('user_account', 'user_account.id', 'audit_entry.actor_user_id')
    .leftJoin('organisation', 'organisation.id', 'audit_entry.actor_organisation_id')
    .select([
      'audit_entry.id',
      'audit_entry.chain',
      'audit_entry.seq',
      'audit_entry.occurred_at',
      'audit_entry.actor_user_id',
      'audit_entry.actor_organisation_id',
      'user_account.email as actor_email',
      'organisation.name as actor_organisation_name',
      'audit_entry.action',
      'audit_entry.target_type',
      'audit_entry.target_id',
      'audit_entry.changes',
      'audit_entry.details',
      'audit_entry.ip',
      'audit_entry.hash',
    ]);
  if (q.chains !== 'all') {
    if (!q.chains.length) return [];
    query = query.where('audit_entry.chain', 'in', q.chains);
  }
  if (q.action) query = query.where('audit_entry.action', '=', q.action);
  if (q.actorUserId) query = query.where('audit_entry.actor_user_id', '=', q.actorUserId);
  if (q.targetType) query = query.where('audit_entry.target_type', '=', q.targetType);
  if (q.targetId) query = query.where('audit_entry.target_id', '=', q.targetId);
  if (q.from) query = query.where('audit_entry.occurred_at', '>=', q.from);
  if (q.to) query = query.where('audit_entry.occurred_at', '<', q.to);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('audit_entry.action', 'like', like), eb(sql<string>`audit_entry.changes::text`, 'like', like), eb(sql<string>`audit_entry.details::text`, 'like', like)]));
  }
  return query
    .orderBy('audit_entry.occurred_at', 'desc')
    .orderBy('audit_entry.chain')
    .orderBy('audit_entry.seq', 'desc')
    .limit(Math.min(q.limit ?? 200, 10000))
    .offset(q.offset ?? 0)
    .execute();
}
