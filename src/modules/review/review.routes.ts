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
import { addEvidence, listEvidence, REGISTER_NAMES, updateApiAdoption, type RegisterName } from './evidence.js';
import { reviewDashboard } from './dashboard.js';
import { conclusion } from './review.schema.js';
import { addComment, listComments, listMeetings, publishMinutes, recordMeeting } from './meetings.js';
import { can } from '../identity/index.js';
import { createCorrection, createCycle, cycleEvidence, linkEvidence, moveState, updateConsideration, updateDecision } from './workflow.js';
import { isoDate } from '../catalog/interchange.schema.js';
import { todayInJapan } from '../../lib/dates.js';

export async function reviewRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const db = root.db;

  const register = z.string().refine((r) => (REGISTER_NAMES as string[]).includes(r), { message: `one of ${REGISTER_NAMES.join(', ')}` });
  const byId = z.object({ id: z.string() });

  app.get(
    '/evidence/:register',
    { preValidation: requireAuth('review.manage'), schema: { tags: ['review'], summary: '検討資料の一覧（年度で絞り込み） / an evidence register', params: z.object({ register }), querystring: z.object({ fiscalYear: z.coerce.number().int().optional() }) } },
    async (req) => listEvidence(db, req.params.register as RegisterName, req.query.fiscalYear),
  );

  app.post(
    '/evidence/:register',
    { preValidation: requireAuth('review.manage'), schema: { tags: ['review'], summary: '検討資料の登録 / add to an evidence register', params: z.object({ register }) } },
    async (req, reply) => reply.status(201).send(await inTransaction(db, (trx) => addEvidence({ trx, actor: actorOfRequest(req), register: req.params.register as RegisterName, input: req.body }))),
  );

  app.post(
    '/feedback',
    {
      preValidation: requireAuth('review.feedback'),
      schema: {
        tags: ['review'],
        summary: '意見・要望の提出（金融機関・電子決済等代行業者・協会） / submit feedback for the review',
        body: z.strictObject({ channel: z.enum(['exchange', 'survey', 'meeting', 'other']).default('other'), content: z.string().trim().min(1), requestsRevision: z.boolean().default(false), relatedItems: z.array(z.number().int().positive()).default([]) }),
      },
    },
    async (req, reply) => {
      const org = req.auth!.organisation;
      const r = await inTransaction(db, (trx) =>
        addEvidence({
          trx,
          actor: actorOfRequest(req),
          register: 'feedback',
          input: { organisationName: org.name, organisationType: org.type, receivedOn: todayInJapan(), ...req.body },
          submittedBy: org.id,
        }),
      );
      return reply.status(201).send(r);
    },
  );

  app.get(
    '/review-dashboard',
    { preValidation: requireAuth('review.manage'), schema: { tags: ['review'], summary: '事務局のダッシュボード（進捗・資料・インシデント・更新系API・注意喚起） / the secretariat dashboard', querystring: z.object({ checklist: z.string().default('api-checklist') }) } },
    async (req) => reviewDashboard({ trx: db, checklist: req.query.checklist }),
  );

  app.get('/evidence-summary/update-api', { preValidation: requireAuth('review.read'), schema: { tags: ['review'], summary: '更新系APIの提供状況（年度別） / 更新系 API adoption per 年度' } }, async () => updateApiAdoption(db));

  app.post(
    '/review-cycles',
    { preValidation: requireAuth('review.manage'), schema: { tags: ['review'], summary: '見直し検討の開始（検討事項と資料を事前入力） / open a review cycle', body: z.object({ checklist: z.string().default('api-checklist'), fiscalYear: z.number().int().min(2000).max(2100) }) } },
    async (req, reply) => reply.status(201).send(await inTransaction(db, (trx) => createCycle({ trx, actor: actorOfRequest(req), checklist: req.body.checklist, fiscalYear: req.body.fiscalYear }))),
  );

  app.get('/review-cycles/by-id/:id/evidence', { preValidation: requireAuth('review.manage'), schema: { tags: ['review'], summary: '検討事項ごとの資料と示唆 / evidence per consideration', params: byId } }, async (req) => cycleEvidence({ trx: db, cycleId: req.params.id }));

  app.post(
    '/review-cycles/by-id/:id/evidence-links',
    { preValidation: requireAuth('review.manage'), schema: { tags: ['review'], summary: '資料を検討事項に結び付ける / link evidence by hand', params: byId, body: z.object({ key: z.string(), register, evidenceId: z.string() }) } },
    async (req) => {
      await inTransaction(db, (trx) => linkEvidence({ trx, actor: actorOfRequest(req), cycleId: req.params.id, ...req.body }));
      return { ok: true };
    },
  );

  app.patch(
    '/review-cycles/by-id/:id/considerations/:key',
    {
      preValidation: requireAuth('review.manage'),
      schema: { tags: ['review'], summary: '評価・結論・理由の編集 / edit a finding, conclusion and reason', params: byId.extend({ key: z.string() }), body: z.strictObject({ finding: z.string().nullable().optional(), conclusion: conclusion.nullable().optional(), reason: z.string().nullable().optional() }) },
    },
    async (req) => {
      await inTransaction(db, (trx) => updateConsideration({ trx, actor: actorOfRequest(req), cycleId: req.params.id, key: req.params.key, ...req.body }));
      return { ok: true };
    },
  );

  app.patch(
    '/review-cycles/by-id/:id/decision',
    {
      preValidation: requireAuth('review.manage'),
      schema: {
        tags: ['review'],
        summary: '判断（上書きと理由、大幅な見直し、文書の文言） / the decision',
        params: byId,
        body: z.strictObject({
          decisionOverride: conclusion.nullable().optional(),
          overrideReason: z.string().nullable().optional(),
          majorRevision: z.boolean().optional(),
          expertPanelDate: isoDate.nullable().optional(),
          decisionStatement: z.string().nullable().optional(),
          policyText: z.string().nullable().optional(),
          documentDate: isoDate.nullable().optional(),
        }),
      },
    },
    async (req) => {
      await inTransaction(db, (trx) => updateDecision({ trx, actor: actorOfRequest(req), cycleId: req.params.id, patch: req.body }));
      return { ok: true };
    },
  );

  app.post(
    '/review-cycles/by-id/:id/state',
    { preValidation: requireAuth('review.manage'), schema: { tags: ['review'], summary: '状態の変更（作成中→審議中→決定→公表） / move the state', params: byId, body: z.object({ to: z.enum(['draft', 'deliberation', 'decided', 'published']) }) } },
    async (req) => {
      await inTransaction(db, (trx) => moveState({ trx, actor: actorOfRequest(req), cycleId: req.params.id, to: req.body.to }));
      return { ok: true };
    },
  );

  app.post('/review-cycles/by-id/:id/corrections', { preValidation: requireAuth('review.manage'), schema: { tags: ['review'], summary: '公表後の訂正版 / a correction of a published review', params: byId } }, async (req, reply) =>
    reply.status(201).send(await inTransaction(db, (trx) => createCorrection({ trx, actor: actorOfRequest(req), cycleId: req.params.id }))),
  );

  app.post('/meetings', { preValidation: requireAuth('review.manage'), schema: { tags: ['review'], summary: '連絡会の記録 / record a 連絡会 meeting' } }, async (req, reply) =>
    reply.status(201).send(await inTransaction(db, (trx) => recordMeeting({ trx, actor: actorOfRequest(req), input: req.body }))),
  );

  app.post(
    '/meetings/:id/minutes',
    { preValidation: requireAuth('review.manage'), schema: { tags: ['review'], summary: '議事要旨の公表 / publish the minutes', params: byId, body: z.object({ minutes: z.string() }) } },
    async (req) => {
      await inTransaction(db, (trx) => publishMinutes({ trx, actor: actorOfRequest(req), meetingId: req.params.id, minutes: req.body.minutes }));
      return { ok: true };
    },
  );

  app.get('/meetings', { preValidation: requireAuth('review.read'), schema: { tags: ['review'], summary: '連絡会と議事要旨 / meetings and their minutes' } }, async (req) =>
    listMeetings({ trx: db, secretariat: can(req.auth!, 'review.manage') }),
  );

  app.post(
    '/review-cycles/by-id/:id/comments',
    { preValidation: requireAuth('review.comment'), schema: { tags: ['review'], summary: '審議中の見直し検討への意見 / comment on a review under deliberation', params: byId, body: z.object({ considerationKey: z.string().nullable().optional(), body: z.string() }) } },
    async (req, reply) =>
      reply.status(201).send(await inTransaction(db, (trx) => addComment({ trx, actor: actorOfRequest(req), auth: req.auth!, cycleId: req.params.id, considerationKey: req.body.considerationKey, body: req.body.body }))),
  );

  app.get('/review-cycles/by-id/:id/comments', { preValidation: requireAuth('review.read'), schema: { tags: ['review'], summary: '意見の一覧 / comments', params: byId } }, async (req) => listComments({ trx: db, cycleId: req.params.id }));

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
