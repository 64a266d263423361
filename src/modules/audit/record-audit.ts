/**
 * Appending to the audit log, in the caller's transaction, so that an entry exists exactly when the
 * change it records was committed.
 */
import type { Executor } from '../../db/database.js';
import type { AuditAction } from './audit.events.js';
import * as repo from './audit.repo.js';
import { GENESIS, entryHash } from './chain.js';

export interface AuditActor {
  userId: string | null;
  organisationId: string | null;
  ip?: string | null | undefined;
}

/** The actor for work done by the system itself (reference data, migrations, the CLI as operator). */
export const SYSTEM_ACTOR: AuditActor = { userId: null, organisationId: null, ip: null };

export interface AuditInput {
  action: AuditAction;
  /** Whose part of the log: an organisation id, or null for the system chain. */
  organisationId?: string | null | undefined;
  targetType?: string | null | undefined;
  targetId?: string | null | undefined;
  /** Field → [before, after] for what changed. */
  changes?: Record<string, [unknown, unknown]> | null | undefined;
  details?: Record<string, unknown> | null | undefined;
}

/** Only the fields whose value changed, as field → [before, after]. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of Object.keys(after)) {
    const a = before[k] ?? null;
    const b = after[k] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) out[k] = [a, b];
  }
  return out;
}

export async function recordAudit(trx: Executor, actor: AuditActor, input: AuditInput): Promise<{ chain: string; seq: number; hash: string }> {
  const chain = input.organisationId ?? actor.organisationId ?? 'system';
  const head = await repo.lockChainHead(trx, chain, GENESIS);
  const seq = Number(head.seq) + 1;
  // Millisecond precision: what both drivers return, so the hash can be recomputed from the row.
  const occurredAt = new Date(Math.floor(Date.now()));
  const fields = {
    chain,
    seq,
    occurredAt,
    actorUserId: actor.userId,
    actorOrganisationId: actor.organisationId,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    changes: input.changes ?? null,
    details: input.details ?? null,
    ip: actor.ip ?? null,
  };
  const hash = entryHash(head.hash, fields);
  await repo.insertEntry(trx, {
    chain,
    seq,
    occurred_at: occurredAt,
    actor_user_id: fields.actorUserId,
    actor_organisation_id: fields.actorOrganisationId,
    action: fields.action,
    target_type: fields.targetType,
    target_id: fields.targetId,
    changes: fields.changes,
    details: fields.details,
    ip: fields.ip,
    prev_hash: head.hash,
    hash,
  });
  return { chain, seq, hash };
}
