/** HTTP routes of the revision analysis (図表1). */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOfRequest, requireAuth } from '../../http/auth.js';
import { contentDisposition } from '../../http/download.js';
import { inTransaction } from '../../http/tx.js';
import { recordAudit } from '../audit/index.js';
import { invalid } from '../../lib/errors.js';
import { partialDate } from '../catalog/interchange.schema.js';
import { renderAnalysisHtml } from '../../render/analysis-html.js';
import { renderAnalysisMarkdown } from '../../render/analysis-markdown.js';
import { renderAnalysisXlsx } from '../../render/analysis-xlsx.js';
import type { AnalysisView } from './analysis.types.js';
import { compareEditions, presentComparison } from './compare-editions.js';
import { parseComparisonTable } from './comparison-table.js';
import { createAnalysis, createAnalysisFromTable, getAnalysis, listAnalyses, updateAnalysisRow } from './manage-analysis.js';

export const analysisFormat = z.enum(['json', 'markdown', 'html', 'xlsx']).default('json');
const checklistQuery = {
  checklistRuleSet: z.string().min(1).optional(),
  checklistEdition: z.string().min(1).optional(),
};
const lang = z.enum(['ja', 'en']).default('ja');

function checklistChoice(q: { checklistRuleSet?: string | undefined; checklistEdition?: string | undefined }) {
  if (!q.checklistRuleSet && !q.checklistEdition) return null;
  if (!q.checklistRuleSet || !q.checklistEdition) {
    throw invalid(
      'revision.checklist_incomplete',
      'チェックリストを指定する場合は checklistRuleSet と checklistEdition の両方が必要です',
      'give both checklistRuleSet and checklistEdition to choose a checklist',
    );
  }
  return { ruleSetCode: q.checklistRuleSet, label: q.checklistEdition };
}

/** Sends an analysis in the requested format. */
export async function sendAnalysis(reply: FastifyReply, a: AnalysisView, format: z.infer<typeof analysisFormat>, language: 'ja' | 'en') {
  const base = `${a.ruleSet.code}-${a.from?.label ?? ''}-${a.to.label}-改訂内容の分析`;
  switch (format) {
    case 'markdown':
      return reply
        .header('content-type', 'text/markdown; charset=utf-8')
        .header('content-disposition', contentDisposition(`${base}.md`, 'inline'))
        .send(renderAnalysisMarkdown(a, { lang: language }));
    case 'html':
      return reply.header('content-type', 'text/html; charset=utf-8').send(renderAnalysisHtml(a, { lang: language }));
    case 'xlsx':
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(`${base}.xlsx`))
        .send(await renderAnalysisXlsx(a, { lang: language }));
    default:
      return reply.send(a);
  }
}

export async function revisionRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const db = root.db;

  app.get(
    '/comparisons',
    {
      preValidation: requireAuth('revision.read'),
      schema: {
        tags: ['revision'],
        summary: '2つの版の比較（保存しない） / compare two editions without storing',
        querystring: z.object({ ruleSet: z.string().min(1), from: z.string().min(1), to: z.string().min(1), format: analysisFormat, lang, ...checklistQuery }),
      },
    },
    async (req, reply) => {
      const c = await compareEditions({ trx: db, ruleSetCode: req.query.ruleSet, from: req.query.from, to: req.query.to, checklist: checklistChoice(req.query) });
      return sendAnalysis(reply, presentComparison(c), req.query.format, req.query.lang);
    },
  );

  app.get('/analyses', { preValidation: requireAuth('revision.read'), schema: { tags: ['revision'], summary: '保存された分析の一覧 / stored analyses' } }, async () => listAnalyses({ trx: db }));

  app.post(
    '/analyses',
    {
      preValidation: requireAuth('revision.create'),
      schema: {
        tags: ['revision'],
        summary: '2つの版を比較して分析を保存 / compare two editions and store the analysis',
        body: z.object({ ruleSet: z.string().min(1), from: z.string().min(1), to: z.string().min(1), title: z.string().min(1).optional(), ...checklistQuery }),
      },
    },
    async (req, reply) => {
      const a = await inTransaction(db, (trx) =>
        createAnalysis({ trx, ruleSetCode: req.body.ruleSet, from: req.body.from, to: req.body.to, title: req.body.title, checklist: checklistChoice(req.body), actor: actorOfRequest(req) }),
      );
      return reply.status(201).send(a);
    },
  );

  app.post(
    '/analyses/from-table',
    {
      preValidation: requireAuth('revision.create'),
      schema: {
        tags: ['revision'],
        summary: '新旧対照表（CSV・xlsx）から新しい版と分析を作成 / create an edition and its analysis from a comparison table',
        description: 'Body: the raw file (text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet).',
        querystring: z.object({
          ruleSet: z.string().min(1),
          base: z.string().min(1),
          newLabel: z.string().min(1),
          publishedOn: partialDate,
          fileName: z.string().min(1),
          title: z.string().min(1).optional(),
          ...checklistQuery,
        }),
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) {
        throw invalid('revision.table_body_missing', '新旧対照表のファイルを本文に指定してください', 'send the comparison table file as the request body');
      }
      const rows = await parseComparisonTable(req.body, req.query.fileName);
      const q = req.query;
      const a = await inTransaction(db, (trx) =>
        createAnalysisFromTable({ trx, ruleSetCode: q.ruleSet, base: q.base, newLabel: q.newLabel, publishedOn: q.publishedOn, rows, title: q.title, checklist: checklistChoice(q), actor: actorOfRequest(req), fileName: q.fileName }),
      );
      return reply.status(201).send(a);
    },
  );

  app.get(
    '/analyses/:id',
    {
      preValidation: requireAuth('revision.read'),
      schema: {
        tags: ['revision'],
        summary: '分析（JSON・Markdown・HTML・xlsx） / an analysis as JSON, Markdown, HTML or xlsx',
        params: z.object({ id: z.string() }),
        querystring: z.object({ format: analysisFormat, lang }),
      },
    },
    async (req, reply) => {
      const a = await getAnalysis({ trx: db, id: req.params.id });
      if (req.query.format !== 'json') {
        await inTransaction(db, (trx) =>
          recordAudit(trx, actorOfRequest(req), { action: 'revision.analysis_exported', targetType: 'revision_analysis', targetId: a.id, details: { format: req.query.format, lang: req.query.lang } }),
        );
      }
      return sendAnalysis(reply, a, req.query.format, req.query.lang);
    },
  );

  app.patch(
    '/analyses/:id/rows/:rowId',
    {
      preValidation: requireAuth('revision.judge'),
      schema: {
        tags: ['revision'],
        summary: '要約・見直し要否の判断の編集 / edit a row summary and judgment',
        params: z.object({ id: z.string(), rowId: z.string() }),
        body: z
          .object({
            summary: z.string().nullable().optional(),
            revisionNeeded: z.boolean().nullable().optional(),
            reason: z.string().nullable().optional(),
          })
          .strict(),
      },
    },
    async (req) =>
      inTransaction(db, (trx) =>
        updateAnalysisRow({
          trx,
          analysisId: req.params.id,
          rowId: req.params.rowId,
          summary: req.body.summary,
          revisionNeeded: req.body.revisionNeeded,
          reason: req.body.reason,
          actor: actorOfRequest(req),
        }),
      ),
  );
}
