/** HTTP routes of the yearly review: cycles and their policy documents. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOfRequest, requireAuth } from '../../http/auth.js';
import { contentDisposition } from '../../http/download.js';
import { inTransaction } from '../../http/tx.js';
import { createHash } from 'node:crypto';
import { renderPolicyHtml, renderPolicyMarkdown, policyTitle } from '../../render/policy-document.js';
import { renderPolicyPdf } from '../../render/policy-pdf.js';
import { recordAudit } from '../audit/index.js';
import { getReviewCycle, listReviewCycles } from './manage-review.js';

export async function reviewRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const db = root.db;

  app.get('/review-cycles', { preValidation: requireAuth('review.read'), schema: { tags: ['review'], summary: '見直し検討の一覧 / review cycles' } }, async () => listReviewCycles({ trx: db }));

  app.get(
    '/review-cycles/:checklist/:fiscalYear',
    {
      preValidation: requireAuth('review.read'),
      schema: {
        tags: ['review'],
        summary: '見直し検討と対応方針（JSON・Markdown・HTML） / a review cycle and its policy document',
        params: z.object({ checklist: z.string(), fiscalYear: z.coerce.number().int() }),
        querystring: z.object({ format: z.enum(['json', 'markdown', 'html', 'pdf']).default('json'), version: z.coerce.number().int().positive().optional() }),
      },
    },
    async (req, reply) => {
      const c = await getReviewCycle({ trx: db, checklist: req.params.checklist, fiscalYear: req.params.fiscalYear, version: req.query.version });
      if (req.query.format === 'json') return c;
      const pdf = req.query.format === 'pdf' ? await renderPolicyPdf(c) : null;
      // The SHA-256 of a published PDF is kept in the audit log, so a copy can be checked later.
      const sha256 = pdf ? createHash('sha256').update(pdf).digest('hex') : null;
      await inTransaction(db, (trx) =>
        recordAudit(trx, actorOfRequest(req), { action: 'review.report_exported', targetType: 'review_cycle', targetId: c.id, details: { format: req.query.format, state: c.state, sha256 } }),
      );
      if (pdf) {
        return reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(`${policyTitle(c)}.pdf`)).header('x-content-sha256', sha256!).send(pdf);
      }
      if (req.query.format === 'markdown') {
        return reply.header('content-type', 'text/markdown; charset=utf-8').header('content-disposition', contentDisposition(`${policyTitle(c)}.md`, 'inline')).send(renderPolicyMarkdown(c));
      }
      return reply.header('content-type', 'text/html; charset=utf-8').send(renderPolicyHtml(c));
    },
  );
}
