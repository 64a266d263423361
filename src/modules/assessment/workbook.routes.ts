/**
 * HTTP routes of the Excel round trip and the results files: a request as a workbook (both sides),
 * a filled workbook imported (the connector; the raw .xlsx as the body, optionally in the bank's own
 * layout through its saved mapping), the results as xlsx / CSV / PDF (both sides), and the banks'
 * answer-sheet mappings. The request is looked up before the body is looked at, so another
 * organisation's request is not found whatever is sent.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOfRequest, requireAuth } from '../../http/auth.js';
import { contentDisposition } from '../../http/download.js';
import { jsonQueryParam } from '../../http/query.js';
import { inTransaction } from '../../http/tx.js';
import { deleteAnswerSheetMapping, inspectAnswerSheet, listAnswerSheetMappings, saveAnswerSheetMapping, tryAnswerSheetMapping } from './answer-sheet-mapping.js';
import { exportRequestWorkbook, importRequestWorkbook } from './request-workbook.js';
import { exportRequestResults } from './results-export.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function workbookRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const db = root.db;
  const tags = ['assessment'];
  const byId = z.object({ id: z.string() });

  app.get(
    '/assessment-requests/:id/workbook',
    { preValidation: requireAuth('assessment.read'), schema: { tags, summary: '回答票（Excel: はじめに・ヒアリング・チェックリスト）の出力 / the request as a workbook', params: byId } },
    async (req, reply) => {
      const f = await inTransaction(db, (trx) => exportRequestWorkbook({ trx, actor: actorOfRequest(req), auth: req.auth!, id: req.params.id }));
      return reply.header('content-type', XLSX).header('content-disposition', contentDisposition(f.fileName)).send(f.bytes);
    },
  );

  app.put(
    '/assessment-requests/:id/workbook',
    {
      preValidation: requireAuth('assessment.answer'),
      schema: {
        tags,
        summary: '記入した回答票（Excel）の取り込み / import a filled workbook',
        description: `Body: the raw .xlsx file (${XLSX}). All or nothing; every problem at its cell. \`mapping\` names the bank's answer-sheet mapping for a workbook in the bank's own layout.`,
        params: byId,
        querystring: z.object({ mapping: z.string().min(1).optional(), fileName: z.string().min(1).optional() }),
      },
    },
    async (req) =>
      inTransaction(db, (trx) =>
        importRequestWorkbook({
          trx,
          actor: actorOfRequest(req),
          auth: req.auth!,
          id: req.params.id,
          data: Buffer.isBuffer(req.body) ? req.body : undefined,
          fileName: req.query.fileName,
          mapping: req.query.mapping,
        }),
      ),
  );

  app.get(
    '/assessment-requests/:id/results',
    {
      preValidation: requireAuth('assessment.read'),
      schema: { tags, summary: '確認結果の出力（xlsx・CSV・PDF） / the results as a file', params: byId, querystring: z.object({ format: z.enum(['xlsx', 'csv', 'pdf']).default('xlsx') }) },
    },
    async (req, reply) => {
      const f = await inTransaction(db, (trx) => exportRequestResults({ trx, actor: actorOfRequest(req), auth: req.auth!, id: req.params.id, format: req.query.format }));
      return reply.header('content-type', f.contentType).header('content-disposition', contentDisposition(f.fileName)).header('x-content-sha256', f.sha256).send(f.bytes);
    },
  );

  app.get(
    '/assessment-requests/:id/answer-sheet-mappings',
    { preValidation: requireAuth('assessment.read'), schema: { tags, summary: '依頼元の金融機関の回答票の列の対応付け（取り込み時に名前で指定） / the bank’s answer-sheet mappings', params: byId } },
    async (req) => listAnswerSheetMappings({ trx: db, auth: req.auth!, requestId: req.params.id }),
  );

  app.get('/answer-sheet-mappings', { preValidation: requireAuth('assessment.manage'), schema: { tags, summary: '自行の回答票の列の対応付け / own answer-sheet mappings' } }, async (req) =>
    listAnswerSheetMappings({ trx: db, auth: req.auth! }),
  );

  app.put(
    '/answer-sheet-mappings/:name',
    {
      preValidation: requireAuth('assessment.manage'),
      schema: { tags, summary: '回答票の列の対応付けを保存（同名は置き換え） / save an answer-sheet mapping', params: z.object({ name: z.string() }), body: z.object({ mapping: z.unknown() }) },
    },
    async (req) => inTransaction(db, (trx) => saveAnswerSheetMapping({ trx, actor: actorOfRequest(req), auth: req.auth!, name: req.params.name, mapping: req.body.mapping })),
  );

  app.delete(
    '/answer-sheet-mappings/:name',
    { preValidation: requireAuth('assessment.manage'), schema: { tags, summary: '回答票の列の対応付けを削除 / delete an answer-sheet mapping', params: z.object({ name: z.string() }) } },
    async (req) => inTransaction(db, (trx) => deleteAnswerSheetMapping({ trx, actor: actorOfRequest(req), auth: req.auth!, name: req.params.name })),
  );

  // The form's two steps before saving: nothing is stored, so no transaction.
  app.post(
    '/answer-sheet-layouts/inspect',
    {
      preValidation: requireAuth('assessment.manage'),
      schema: {
        tags,
        summary: '自行の回答票（Excel）のシートと先頭40行を読む（対応付けの作成用、保存しない） / the sheets and first rows of a sample answer sheet',
        description: `Body: the raw .xlsx file (${XLSX}).`,
        querystring: z.object({ fileName: z.string().min(1).optional() }),
      },
    },
    async (req) => inspectAnswerSheet({ data: Buffer.isBuffer(req.body) ? req.body : undefined, fileName: req.query.fileName }),
  );

  app.post(
    '/answer-sheet-layouts/try',
    {
      preValidation: requireAuth('assessment.manage'),
      schema: {
        tags,
        summary: '列の対応付けを見本の回答票で試す（保存しない） / try a mapping on a sample answer sheet',
        description: `Body: the raw .xlsx file (${XLSX}); \`mapping\`: the mapping as JSON.`,
        querystring: z.object({ mapping: z.string().min(1), fileName: z.string().min(1).optional() }),
      },
    },
    async (req) => tryAnswerSheetMapping({ data: Buffer.isBuffer(req.body) ? req.body : undefined, fileName: req.query.fileName, mapping: jsonQueryParam(req.query.mapping) }),
  );
}

