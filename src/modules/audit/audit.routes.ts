/** HTTP routes of the audit log: search, export, verify. Each organisation sees its own part. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOfRequest, requireAuth } from '../../http/auth.js';
import { contentDisposition } from '../../http/download.js';
import { inTransaction } from '../../http/tx.js';
import { can } from '../identity/index.js';
import { AUDIT_ACTIONS } from './audit.events.js';
import { searchEntries, type AuditQuery } from './audit.repo.js';
import { exportAudit } from './export-audit.js';
import { verifyAudit } from './verify-audit.js';

const query = z.object({
  action: z.string().optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  q: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The chains a reader may see: every chain for secretariat admins and auditors, else their own. */
function visibleChains(req: FastifyRequest): AuditQuery['chains'] {
  return can(req.auth!, 'audit.read.all') ? 'all' : [req.auth!.organisation.id];
}

function toQuery(req: FastifyRequest, q: z.infer<typeof query>): AuditQuery {
  return {
    chains: visibleChains(req),
    action: q.action,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    q: q.q,
    limit: q.limit,
    offset: q.offset,
  };
}

export async function auditRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const db = root.db;

  app.get('/audit', { preValidation: requireAuth('audit.read.own'), schema: { tags: ['audit'], summary: '監査ログの検索 / search the audit log', querystring: query } }, async (req) => {
    const rows = await searchEntries(db, toQuery(req, req.query));
    return rows.map((r) => ({
      id: r.id,
      chain: r.chain,
      seq: Number(r.seq),
      occurredAt: new Date(r.occurred_at).toISOString(),
      action: r.action,
      actionJa: AUDIT_ACTIONS[r.action as keyof typeof AUDIT_ACTIONS] ?? r.action,
      actor: { userId: r.actor_user_id, email: r.actor_email, organisationId: r.actor_organisation_id, organisationName: r.actor_organisation_name },
      target: { type: r.target_type, id: r.target_id },
      changes: r.changes,
      details: r.details,
      ip: r.ip,
    }));
  });

  app.get(
    '/audit/export',
    { preValidation: requireAuth('audit.read.own'), schema: { tags: ['audit'], summary: '監査ログの出力（CSV・JSON） / export the audit log', querystring: query.extend({ format: z.enum(['csv', 'json']).default('csv') }) } },
    async (req, reply) => {
      const body = await inTransaction(db, (trx) => exportAudit({ trx, actor: actorOfRequest(req), query: { ...toQuery(req, req.query), limit: 10000 }, format: req.query.format }));
      return reply
        .header('content-type', req.query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .header('content-disposition', contentDisposition(`監査ログ.${req.query.format}`))
        .send(body);
    },
  );

  app.get('/audit/verify', { preValidation: requireAuth('audit.read.all'), schema: { tags: ['audit'], summary: 'ハッシュチェーンの検証 / verify the hash chains' } }, async () => verifyAudit({ trx: db }));
}
