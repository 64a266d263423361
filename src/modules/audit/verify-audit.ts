/**
 * Proves the audit log: every chain is recomputed from its first entry; an edited entry, a deleted
 * one, entries swapped in order, or a cut-off tail are each reported with the chain and position.
 */
import type { Executor } from '../../db/database.js';
import * as repo from './audit.repo.js';
import { GENESIS, entryHash } from './chain.js';

export type AuditBreak =
  | { chain: string; seq: number; kind: 'edited'; messageJa: string; messageEn: string }
  | { chain: string; seq: number; kind: 'missing' | 'out_of_order'; messageJa: string; messageEn: string }
  | { chain: string; seq: number; kind: 'truncated'; messageJa: string; messageEn: string };

export interface AuditVerification {
  ok: boolean;
  chains: number;
  entries: number;
  breaks: AuditBreak[];
}

export async function verifyAudit(args: { trx: Executor }): Promise<AuditVerification> {
  const { trx } = args;
  const { heads, chains } = await repo.listChains(trx);
  const breaks: AuditBreak[] = [];
  let entries = 0;
  for (const chain of chains) {
    let prevHash = GENESIS;
    let expectedSeq = 1;
    let lastSeq = 0;
    let lastHash = GENESIS;
    for await (const e of repo.readChain(trx, chain)) {
      entries++;
      const seq = Number(e.seq);
      if (seq !== expectedSeq) {
        breaks.push({
          chain,
          seq: expectedSeq,
          kind: 'missing',
          messageJa: `チェーン ${chain} の ${expectedSeq} 番目から ${seq - 1} 番目の記録がありません（削除の可能性）`,
          messageEn: `chain ${chain}: entries ${expectedSeq}–${seq - 1} are missing (deleted?)`,
        });
      } else if (e.prev_hash !== prevHash) {
        breaks.push({
          chain,
          seq,
          kind: 'out_of_order',
          messageJa: `チェーン ${chain} の ${seq} 番目の記録が直前の記録とつながりません（順序の入替え・削除の可能性）`,
          messageEn: `chain ${chain}: entry ${seq} does not follow the one before it (reordered or deleted?)`,
        });
      }
      const recomputed = entryHash(e.prev_hash, {
        chain: e.chain,
        seq,
        occurredAt: new Date(e.occurred_at),
        actorUserId: e.actor_user_id,
        actorOrganisationId: e.actor_organisation_id,
        action: e.action,
        targetType: e.target_type,
        targetId: e.target_id,
        changes: e.changes,
        details: e.details,
        ip: e.ip,
      });
      if (recomputed !== e.hash) {
        breaks.push({
          chain,
          seq,
          kind: 'edited',
          messageJa: `チェーン ${chain} の ${seq} 番目の記録の内容がハッシュと一致しません（改ざんの可能性）`,
          messageEn: `chain ${chain}: entry ${seq} does not match its hash (edited?)`,
        });
      }
      prevHash = e.hash;
      expectedSeq = seq + 1;
      lastSeq = seq;
      lastHash = e.hash;
    }
    const head = heads.get(chain);
    if (head && (Number(head.seq) !== lastSeq || head.hash !== lastHash)) {
      breaks.push({
        chain,
        seq: Number(head.seq),
        kind: 'truncated',
        messageJa: `チェーン ${chain} の末尾の記録（${head.seq} 番目まで）が失われています`,
        messageEn: `chain ${chain}: the tail up to entry ${head.seq} is missing`,
      });
    }
  }
  return { ok: breaks.length === 0, chains: chains.length, entries, breaks };
}
