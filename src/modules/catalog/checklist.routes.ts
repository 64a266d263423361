/**
 * HTTP routes of the checklist's content: item changes between editions, FISC-layout workbooks in and
 * out, and an organisation's saved column mappings. Thin handlers over the catalog's use cases.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOfRequest, requireAuth } from '../../http/auth.js';
import { contentDisposition } from '../../http/download.js';
import { jsonQueryParam } from '../../http/query.js';
import { inTransaction } from '../../http/tx.js';
import { invalid } from '../../lib/errors.js';
import { renderChecklistWorkbook } from '../../render/checklist-workbook.js';
import { recordAudit } from '../audit/index.js';
import { catalog } from './index.js';
import { partialDate } from './interchange.schema.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function checklistRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const db = root.db;

  app.get(
    '/rule-sets/:ruleSet/item-changes',
    {
      preValidation: requireAuth('catalog.read'),
      schema: {
        tags: ['catalog'],
        summary: '2つの版の間の確認項目の変更（追加・変更・削除） / item changes between two checklist editions',
        params: z.object({ ruleSet: z.string().min(1) }),
        querystring: z.object({ from: z.string().min(1), to: z.string().min(1) }),
      },
    },
    async (req) => catalog.compareChecklistEditions({ trx: db, ruleSet: req.params.ruleSet, from: req.query.from, to: req.query.to }),
  );

  app.get(
    '/rule-sets/:ruleSet/editions/:edition/workbook',
    {
      preValidation: requireAuth('catalog.read'),
      schema: {
        tags: ['catalog'],
        summary: 'チェックリストの版を Excel（FISC形式）で出力 / a checklist edition as an xlsx workbook in FISC’s layout',
        params: z.object({ ruleSet: z.string().min(1), edition: z.string().min(1) }),
      },
    },
    async (req, reply) => {
      const view = await inTransaction(db, async (trx) => {
        const v = await catalog.getChecklistWorkbookView({ trx, ruleSetCode: req.params.ruleSet, label: req.params.edition });
        await recordAudit(trx, actorOfRequest(req), { action: 'catalog.exported', targetType: 'checklistEdition', targetId: `${req.params.ruleSet} ${req.params.edition}`, details: { format: 'xlsx' } });
        return v;
      });
      const body = await renderChecklistWorkbook(view);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition(`${view.ruleSet.name}-${view.edition.label}.xlsx`))
        .send(body);
    },
  );

  app.post(
    '/checklist-workbooks',
    {
      preValidation: requireAuth('catalog.write'),
      schema: {
        tags: ['catalog'],
        summary: 'Excel ブック（FISC形式、または保存した列の対応付け）からチェックリストの版を取り込む / import a checklist edition from a workbook',
        description: `Body: the raw .xlsx file (${XLSX}). All or nothing; every problem at its cell.`,
        querystring: z.object({
          ruleSet: z.string().min(1),
          label: z.string().min(1),
          publishedOn: partialDate.optional(),
          basedOn: z.string().min(1).optional(),
          name: z.string().min(1).optional(),
          mapping: z.string().min(1).optional(),
          fileName: z.string().min(1).default('checklist.xlsx'),
        }),
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) {
        throw invalid('catalog.workbook_body_missing', 'Excel ブック（.xlsx）を本文に指定してください', `send the .xlsx file as the request body (${XLSX})`);
      }
      const q = req.query;
      const data = req.body;
      const result = await inTransaction(db, (trx) =>
        catalog.importChecklistWorkbook({
          trx,
          actor: actorOfRequest(req),
          data,
          fileName: q.fileName,
          ruleSet: q.ruleSet,
          label: q.label,
          publishedOn: q.publishedOn,
          basedOn: q.basedOn,
          name: q.name,
          mapping: q.mapping,
          organisationId: req.auth!.organisation.id,
        }),
      );
      return reply.status(201).send(result);
    },
  );

  // The column-mapping form's two steps before saving: nothing is stored.
  app.post(
    '/checklist-workbooks/inspect',
    {
      preValidation: requireAuth('catalog.write'),
      schema: {
        tags: ['catalog'],
        summary: 'チェックリストのブックのシートと先頭40行を読む（列の対応付けの作成用、保存しない） / the sheets and first rows of a sample checklist workbook',
        description: `Body: the raw .xlsx file (${XLSX}).`,
        querystring: z.object({ fileName: z.string().min(1).optional() }),
      },
    },
    async (req) => catalog.inspectChecklistWorkbook({ data: Buffer.isBuffer(req.body) ? req.body : undefined, fileName: req.query.fileName }),
  );

  app.post(
    '/checklist-workbooks/try',
    {
      preValidation: requireAuth('catalog.write'),
      schema: {
        tags: ['catalog'],
        summary: '列の対応付けを見本のブックで試す（保存しない） / try a column mapping on a sample checklist workbook',
        description: `Body: the raw .xlsx file (${XLSX}); \`mapping\`: the mapping as JSON.`,
        querystring: z.object({ mapping: z.string().min(1), fileName: z.string().min(1).optional() }),
      },
    },
    async (req) => catalog.tryChecklistWorkbookMapping({ trx: db, data: Buffer.isBuffer(req.body) ? req.body : undefined, fileName: req.query.fileName, mapping: jsonQueryParam(req.query.mapping) }),
  );

  app.get(
    '/column-mappings',
    {
      preValidation: requireAuth('catalog.read'),
      schema: {
        tags: ['catalog'],
        summary: '自組織の列の対応付けの一覧 / the organisation’s saved column mappings',
        querystring: z.object({ kind: z.enum(['checklistWorkbook', 'answerSheet']).optional() }),
      },
    },
    async (req) => catalog.listColumnMappings({ trx: db, organisationId: req.auth!.organisation.id, kind: req.query.kind }),
  );

  app.post(
    '/column-mappings',
    {
      preValidation: requireAuth('catalog.write'),
      schema: {
        tags: ['catalog'],
        summary: '列の対応付けを保存（チェックリストのブック用） / save a column mapping for checklist workbooks',
        body: z.object({ kind: z.literal('checklistWorkbook'), name: z.string().trim().min(1), mapping: z.record(z.string(), z.unknown()) }),
      },
    },
    async (req, reply) => {
      const b = req.body;
      const created = await inTransaction(db, (trx) =>
        catalog.createColumnMapping({ trx, actor: actorOfRequest(req), organisationId: req.auth!.organisation.id, kind: b.kind, name: b.name, mapping: b.mapping }),
      );
      return reply.status(201).send(created);
    },
  );
}
