/** Exporting the audit log as CSV (formula injection neutralised) or JSON. The export is itself audited. */
import type { Executor } from '../../db/database.js';
import { toCsv } from '../../lib/csv.js';
import { AUDIT_ACTIONS } from './audit.events.js';
import { searchEntries, type AuditQuery } from './audit.repo.js';
import { recordAudit, type AuditActor } from './record-audit.js';

export async function exportAudit(args: { trx: Executor; actor: AuditActor; query: AuditQuery; format: 'csv' | 'json' }) {
  const rows = await searchEntries(args.trx, { ...args.query, limit: args.query.limit ?? 10000 });
  await recordAudit(args.trx, args.actor, {
    action: 'audit.exported',
    details: { format: args.format, entries: rows.length, action: args.query.action ?? null },
  });
  const entries = rows.map((r) => ({
    occurredAt: new Date(r.occurred_at).toISOString(),
    chain: r.chain,
    seq: Number(r.seq),
    action: r.action,
    actionJa: AUDIT_ACTIONS[r.action as keyof typeof AUDIT_ACTIONS] ?? r.action,
    actorEmail: r.actor_email,
    actorOrganisation: r.actor_organisation_name,
    targetType: r.target_type,
    targetId: r.target_id,
    changes: r.changes,
    details: r.details,
    ip: r.ip,
    hash: r.hash,
  }));
  if (args.format === 'json') return `${JSON.stringify(entries, null, 2)}\n`;
  return toCsv([
    ['日時', 'チェーン', '番号', '操作', '操作（日本語）', '利用者', '組織', '対象種別', '対象', '変更内容', '詳細', 'IP', 'ハッシュ'],
    ...entries.map((e) => [
      e.occurredAt,
      e.chain,
      e.seq,
      e.action,
      e.actionJa,
      e.actorEmail,
      e.actorOrganisation,
      e.targetType,
      e.targetId,
      e.changes === null ? '' : JSON.stringify(e.changes),
      e.details === null ? '' : JSON.stringify(e.details),
      e.ip,
      e.hash,
    ]),
  ]);
}
