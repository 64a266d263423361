/** HTTP routes of assessments: connections, templates, master answers, sharing, requests, review, re-assessment. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOfRequest, requireAuth } from '../../http/auth.js';
import { contentDisposition } from '../../http/download.js';
import { inTransaction } from '../../http/tx.js';
import { isoDate } from '../catalog/interchange.schema.js';
import { createConnection, listConnections, updateConnection } from './connections.js';
import { downloadEvidence, listEvidenceFiles, uploadEvidence } from './evidence-files.js';
import { decideResult, postMessage, proposeRemediation, proposeResult, respondRemediation, reviewItem } from './item-review.js';
import { getMasterAnswers, grantShare, listAnswerSets, listShares, masterAnswerHistory, revokeShare, saveMasterAnswers } from './master-answers.js';
import { listNotifications, markNotificationRead } from './notifications.js';
import { answerDisagreements, bankDashboard } from './overview.js';
import { createReassessment, dueReassessments } from './reassessment.js';
import { createRequest, getRequest, getSubmission, listRequests, prefillFromMaster, saveRequestAnswers, submitRequest, withdrawRequest } from './requests.js';
import { DEFAULT_HEARING_QUESTIONS } from './assessment.schema.js';
import { createTemplate, getTemplate, listTemplates, upgradeTemplate } from './templates.js';
import { workbookRoutes } from './workbook.routes.js';

export async function assessmentRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const db = root.db;
  const tags = ['assessment'];
  const byId = z.object({ id: z.string() });
  const byItem = z.object({ id: z.string(), number: z.coerce.number().int().positive() });
  const edition = z.object({ ruleSet: z.string(), edition: z.string() });
  const run = <T>(fn: Parameters<typeof inTransaction<T>>[1]) => inTransaction(db, fn);
  await workbookRoutes(root);

  // Connections (bank × connector × service)
  app.get('/connections', { preValidation: requireAuth('assessment.read'), schema: { tags, summary: 'API接続の一覧 / connections' } }, async (req) => listConnections({ trx: db, auth: req.auth! }));
  app.post('/connections', { preValidation: requireAuth('assessment.manage'), schema: { tags, summary: 'API接続の登録 / register a connection' } }, async (req, reply) =>
    reply.status(201).send(await run((trx) => createConnection({ trx, actor: actorOfRequest(req), auth: req.auth!, input: req.body }))),
  );
  app.patch('/connections/:id', { preValidation: requireAuth('assessment.manage'), schema: { tags, summary: 'API接続の変更（状態・契約日・再確認の間隔） / update a connection', params: byId } }, async (req) => {
    await run((trx) => updateConnection({ trx, actor: actorOfRequest(req), auth: req.auth!, id: req.params.id, input: req.body }));
    return { ok: true };
  });

  // Templates (a bank's tailoring of a checklist edition)
  app.get('/assessment-templates', { preValidation: requireAuth('assessment.read'), schema: { tags, summary: '確認シートの一覧 / templates' } }, async (req) => listTemplates({ trx: db, auth: req.auth! }));
  app.post('/assessment-templates', { preValidation: requireAuth('assessment.manage'), schema: { tags, summary: '確認シートの作成 / create a template' } }, async (req, reply) =>
    reply.status(201).send(await run((trx) => createTemplate({ trx, actor: actorOfRequest(req), auth: req.auth!, input: req.body }))),
  );
  // What a new template asks besides the checklist unless the bank edits it: the form starts from these.
  app.get('/assessment-templates/defaults', { preValidation: requireAuth('assessment.manage'), schema: { tags, summary: '確認シートの既定のヒアリング項目 / default hearing questions of a new template' } }, async () => ({
    hearingQuestions: DEFAULT_HEARING_QUESTIONS,
  }));
  app.get('/assessment-templates/:id', { preValidation: requireAuth('assessment.read'), schema: { tags, summary: '確認シート（新しい版での変更を含む） / a template', params: byId } }, async (req) => getTemplate({ trx: db, auth: req.auth!, id: req.params.id }));
  app.post(
    '/assessment-templates/:id/upgrade',
    { preValidation: requireAuth('assessment.manage'), schema: { tags, summary: '確認シートを新しい版へ移行 / carry a template over to a newer edition', params: byId, body: z.object({ edition: z.string().optional() }).default({}) } },
    async (req, reply) => reply.status(201).send(await run((trx) => upgradeTemplate({ trx, actor: actorOfRequest(req), auth: req.auth!, id: req.params.id, toEdition: req.body.edition }))),
  );

  // Master answers, evidence and sharing (connector side)
  app.get('/answer-sets', { preValidation: requireAuth('assessment.read'), schema: { tags, summary: '回答（マスター）の一覧 / master answer sets' } }, async (req) => listAnswerSets({ trx: db, auth: req.auth! }));
  app.get(
    '/master-answers',
    { preValidation: requireAuth('assessment.read'), schema: { tags, summary: '回答（マスター）。金融機関は共有された場合のみ / master answers (banks: when shared)', querystring: edition.extend({ connectorId: z.string().optional() }) } },
    async (req) => run((trx) => getMasterAnswers({ trx, actor: actorOfRequest(req), auth: req.auth!, ruleSet: req.query.ruleSet, edition: req.query.edition, connectorId: req.query.connectorId })),
  );
  app.put(
    '/master-answers',
    { preValidation: requireAuth('assessment.answer'), schema: { tags, summary: '回答（マスター）の保存 / save master answers', querystring: edition, body: z.object({ answers: z.array(z.unknown()) }) } },
    async (req) => run((trx) => saveMasterAnswers({ trx, actor: actorOfRequest(req), auth: req.auth!, ruleSet: req.query.ruleSet, edition: req.query.edition, answers: req.body.answers })),
  );
  app.get(
    '/master-answers/history',
    { preValidation: requireAuth('assessment.answer'), schema: { tags, summary: '回答（マスター）の履歴 / history of an item', querystring: edition.extend({ number: z.coerce.number().int().positive() }) } },
    async (req) => masterAnswerHistory({ trx: db, auth: req.auth!, ruleSet: req.query.ruleSet, edition: req.query.edition, number: req.query.number }),
  );
  app.get('/answer-shares', { preValidation: requireAuth('assessment.read'), schema: { tags, summary: '回答の共有（同意）の一覧 / sharing consents' } }, async (req) => listShares({ trx: db, auth: req.auth! }));
  app.post('/answer-shares', { preValidation: requireAuth('assessment.answer'), schema: { tags, summary: '金融機関への共有に同意 / consent to share with a bank', body: z.object({ bankId: z.string() }) } }, async (req, reply) =>
    reply.status(201).send(await run((trx) => grantShare({ trx, actor: actorOfRequest(req), auth: req.auth!, bankId: req.body.bankId }))),
  );
  app.delete('/answer-shares/:bankId', { preValidation: requireAuth('assessment.answer'), schema: { tags, summary: '共有の取り消し（提出済みの回答はそのまま） / revoke (submitted snapshots stay)', params: z.object({ bankId: z.string() }) } }, async (req) => {
    await run((trx) => revokeShare({ trx, actor: actorOfRequest(req), auth: req.auth!, bankId: req.params.bankId }));
    return { ok: true };
  });
  app.post(
    '/evidence-files',
    {
      preValidation: requireAuth('assessment.answer'),
      schema: { tags, summary: '資料ファイルの登録（本文はファイルそのもの） / upload an evidence file (the body is the file)', querystring: z.object({ fileName: z.string() }) },
    },
    async (req, reply) => {
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return reply.status(201).send(await run((trx) => uploadEvidence({ trx, actor: actorOfRequest(req), auth: req.auth!, fileName: req.query.fileName, bytes })));
    },
  );
  app.get('/evidence-files', { preValidation: requireAuth('assessment.answer'), schema: { tags, summary: '自組織の資料ファイル / own evidence files' } }, async (req) => listEvidenceFiles({ trx: db, auth: req.auth! }));
  app.get('/evidence-files/:id', { preValidation: requireAuth('assessment.read'), schema: { tags, summary: '資料ファイルのダウンロード（監査ログに記録） / download (audited)', params: byId } }, async (req, reply) => {
    const f = await run((trx) => downloadEvidence({ trx, actor: actorOfRequest(req), auth: req.auth!, id: req.params.id }));
    return reply.header('content-type', f.contentType).header('content-disposition', contentDisposition(f.fileName)).header('x-content-sha256', f.sha256).send(f.bytes);
  });

  // Requests
  app.get('/assessment-requests', { preValidation: requireAuth('assessment.read'), schema: { tags, summary: '回答依頼の一覧（金融機関: 送付分、電子決済等代行業者: 受信分） / requests' } }, async (req) => listRequests({ trx: db, auth: req.auth! }));
  app.post('/assessment-requests', { preValidation: requireAuth('assessment.manage'), schema: { tags, summary: '回答依頼の送付 / send a request' } }, async (req, reply) =>
    reply.status(201).send(await run((trx) => createRequest({ trx, actor: actorOfRequest(req), auth: req.auth!, input: req.body }))),
  );
  app.get('/assessment-requests/:id', { preValidation: requireAuth('assessment.read'), schema: { tags, summary: '回答依頼（回答・確認・メッセージ・改善計画・判定） / a request', params: byId } }, async (req) => getRequest({ trx: db, auth: req.auth!, id: req.params.id }));
  app.get(
    '/assessment-requests/:id/submission',
    { preValidation: requireAuth('assessment.read'), schema: { tags, summary: '提出された回答（スナップショット） / a submission as received', params: byId, querystring: z.object({ version: z.coerce.number().int().positive().optional() }) } },
    async (req) => getSubmission({ trx: db, auth: req.auth!, id: req.params.id, version: req.query.version }),
  );
  app.post('/assessment-requests/:id/prefill', { preValidation: requireAuth('assessment.answer'), schema: { tags, summary: 'マスター回答から入力 / pre-fill from master answers', params: byId } }, async (req) =>
    run((trx) => prefillFromMaster({ trx, actor: actorOfRequest(req), auth: req.auth!, id: req.params.id })),
  );
  app.put('/assessment-requests/:id/answers', { preValidation: requireAuth('assessment.answer'), schema: { tags, summary: '回答の保存 / save answers', params: byId } }, async (req) =>
    run((trx) => saveRequestAnswers({ trx, actor: actorOfRequest(req), auth: req.auth!, id: req.params.id, input: req.body })),
  );
  app.post('/assessment-requests/:id/submit', { preValidation: requireAuth('assessment.answer'), schema: { tags, summary: '提出（スナップショットを固定） / submit', params: byId } }, async (req) =>
    run((trx) => submitRequest({ trx, actor: actorOfRequest(req), auth: req.auth!, id: req.params.id })),
  );
  app.post('/assessment-requests/:id/withdraw', { preValidation: requireAuth('assessment.manage'), schema: { tags, summary: '回答依頼の取り下げ / withdraw', params: byId } }, async (req) => {
    await run((trx) => withdrawRequest({ trx, actor: actorOfRequest(req), auth: req.auth!, id: req.params.id }));
    return { ok: true };
  });

  // Item review, threads, remediation, result
  app.put('/assessment-requests/:id/items/:number/review', { preValidation: requireAuth('assessment.review'), schema: { tags, summary: '項目ごとの確認 / judge an item', params: byItem } }, async (req) => {
    await run((trx) => reviewItem({ trx, actor: actorOfRequest(req), auth: req.auth!, id: req.params.id, number: req.params.number, input: req.body }));
    return { ok: true };
  });
  app.post(
    '/assessment-requests/:id/items/:number/messages',
    { preValidation: requireAuth('assessment.message'), schema: { tags, summary: '項目へのメッセージ / write in an item’s thread', params: byItem } },
    async (req, reply) => reply.status(201).send(await run((trx) => postMessage({ trx, actor: actorOfRequest(req), auth: req.auth!, id: req.params.id, number: req.params.number, input: req.body }))),
  );
  app.post('/assessment-requests/:id/items/:number/remediation', { preValidation: requireAuth('assessment.review'), schema: { tags, summary: '改善計画の提示 / propose a remediation plan', params: byItem } }, async (req, reply) =>
    reply.status(201).send(await run((trx) => proposeRemediation({ trx, actor: actorOfRequest(req), auth: req.auth!, id: req.params.id, number: req.params.number, input: req.body }))),
  );
  app.post(
    '/assessment-requests/:id/remediation/:planId',
    { preValidation: requireAuth('assessment.answer'), schema: { tags, summary: '改善計画への合意・完了報告 / accept or complete a plan', params: byId.extend({ planId: z.string() }) } },
    async (req) => {
      await run((trx) => respondRemediation({ trx, actor: actorOfRequest(req), auth: req.auth!, id: req.params.id, planId: req.params.planId, input: req.body }));
      return { ok: true };
    },
  );
  app.post('/assessment-requests/:id/result', { preValidation: requireAuth('assessment.review'), schema: { tags, summary: '判定案（適合・条件付適合・不適合） / propose the result', params: byId } }, async (req) => {
    await run((trx) => proposeResult({ trx, actor: actorOfRequest(req), auth: req.auth!, id: req.params.id, input: req.body }));
    return { ok: true };
  });
  app.post(
    '/assessment-requests/:id/result/decision',
    { preValidation: requireAuth('assessment.approve'), schema: { tags, summary: '判定の承認・差し戻し（作成者以外） / approve or send back (four eyes)', params: byId } },
    async (req) => run((trx) => decideResult({ trx, actor: actorOfRequest(req), auth: req.auth!, id: req.params.id, input: req.body })),
  );

  // Re-assessment, overviews, notifications
  app.get('/reassessments', { preValidation: requireAuth('assessment.manage'), schema: { tags, summary: '定期確認の予定（期限切れ・間近） / re-assessments due' } }, async (req) => dueReassessments({ trx: db, auth: req.auth! }));
  app.post(
    '/reassessments',
    { preValidation: requireAuth('assessment.manage'), schema: { tags, summary: '定期確認の回答依頼（前回の提出から事前入力） / send a re-assessment', body: z.object({ connectionId: z.string(), dueDate: isoDate, templateId: z.string().optional() }) } },
    async (req, reply) => reply.status(201).send(await run((trx) => createReassessment({ trx, actor: actorOfRequest(req), auth: req.auth!, ...req.body }))),
  );
  app.get('/answer-disagreements', { preValidation: requireAuth('assessment.answer'), schema: { tags, summary: '金融機関ごとに異なる回答 / answers that differ between banks' } }, async (req) => answerDisagreements({ trx: db, auth: req.auth! }));
  app.get('/assessment-dashboard', { preValidation: requireAuth('assessment.manage'), schema: { tags, summary: '金融機関のダッシュボード / the bank’s dashboard' } }, async (req) => bankDashboard({ trx: db, auth: req.auth! }));
  app.get('/notifications', { preValidation: requireAuth('notification.read'), schema: { tags, summary: 'お知らせ / notifications' } }, async (req) => listNotifications({ trx: db, organisationId: req.auth!.organisation.id }));
  app.post('/notifications/:id/read', { preValidation: requireAuth('notification.read'), schema: { tags, summary: '既読にする / mark as read', params: byId } }, async (req) => {
    await run((trx) => markNotificationRead({ trx, organisationId: req.auth!.organisation.id, id: req.params.id }));
    return { ok: true };
  });
}
