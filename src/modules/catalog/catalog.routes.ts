/** HTTP routes of the catalog: thin handlers over the use cases. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOfRequest, requireAuth } from '../../http/auth.js';
import { contentDisposition } from '../../http/download.js';
import { inTransaction } from '../../http/tx.js';
import { invalid } from '../../lib/errors.js';
import { recordAudit } from '../audit/index.js';
import { checklistRoutes } from './checklist.routes.js';
import { catalog } from './index.js';

const ruleSetParams = z.object({ ruleSet: z.string().min(1) });
const editionParams = ruleSetParams.extend({ edition: z.string().min(1) });

export async function catalogRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const db = root.db;

  app.get('/rule-sets', { preValidation: requireAuth('catalog.read'), schema: { tags: ['catalog'], summary: '規程・基準の一覧 / list rule sets' } }, async () =>
    catalog.listRuleSets({ trx: db }),
  );

  app.get('/rule-sets/:ruleSet', { preValidation: requireAuth('catalog.read'), schema: { tags: ['catalog'], summary: '規程・基準と版の一覧 / a rule set with its editions', params: ruleSetParams } }, async (req) =>
    catalog.getRuleSet({ trx: db, code: req.params.ruleSet }),
  );

  app.get(
    '/rule-sets/:ruleSet/editions/:edition',
    { preValidation: requireAuth('catalog.read'), schema: { tags: ['catalog'], summary: '版（一部改訂を含む） / an edition with its partial revisions', params: editionParams } },
    async (req) => catalog.getEdition({ trx: db, ruleSetCode: req.params.ruleSet, label: req.params.edition }),
  );

  app.get(
    '/rule-sets/:ruleSet/editions/:edition/provisions',
    {
      preValidation: requireAuth('catalog.read'),
      schema: {
        tags: ['catalog'],
        summary: '基準項目の一覧・検索 / provisions, searchable by code or text',
        params: editionParams,
        querystring: z.object({ q: z.string().optional() }),
      },
    },
    async (req) => catalog.listProvisions({ trx: db, ruleSetCode: req.params.ruleSet, label: req.params.edition, q: req.query.q }),
  );

  app.get(
    '/rule-sets/:ruleSet/editions/:edition/provisions/:code',
    {
      preValidation: requireAuth('catalog.read'),
      schema: {
        tags: ['catalog'],
        summary: '基準項目とそれを関連規定とする確認項目 / a provision and the checklist items citing it',
        params: editionParams.extend({ code: z.string().min(1) }),
      },
    },
    async (req) => catalog.getProvision({ trx: db, ruleSetCode: req.params.ruleSet, label: req.params.edition, code: req.params.code }),
  );

  app.get(
    '/rule-sets/:ruleSet/editions/:edition/items',
    { preValidation: requireAuth('catalog.read'), schema: { tags: ['catalog'], summary: '確認項目と関連規定 / checklist items with their cross-references', params: editionParams } },
    async (req) => catalog.listChecklistItems({ trx: db, ruleSetCode: req.params.ruleSet, label: req.params.edition }),
  );

  app.get(
    '/rule-sets/:ruleSet/editions/:edition/items/:number',
    {
      preValidation: requireAuth('catalog.read'),
      schema: {
        tags: ['catalog'],
        summary: '確認項目 / one checklist item',
        params: editionParams.extend({ number: z.coerce.number().int().positive() }),
      },
    },
    async (req) => catalog.getChecklistItem({ trx: db, ruleSetCode: req.params.ruleSet, label: req.params.edition, number: req.params.number }),
  );

  app.get(
    '/rule-sets/:ruleSet/editions/:edition/export',
    {
      preValidation: requireAuth('catalog.read'),
      schema: {
        tags: ['catalog'],
        summary: '交換形式で出力 / export in the interchange format',
        params: editionParams,
        querystring: z.object({ format: z.enum(['yaml', 'json']).default('yaml') }),
      },
    },
    async (req, reply) => {
      const doc = await inTransaction(db, async (trx) => {
        const d = await catalog.exportEdition({ trx, ruleSetCode: req.params.ruleSet, label: req.params.edition });
        await recordAudit(trx, actorOfRequest(req), { action: 'catalog.exported', targetType: d.kind, targetId: `${req.params.ruleSet} ${req.params.edition}`, details: { format: req.query.format } });
        return d;
      });
      const body = catalog.serializeInterchange(doc, req.query.format);
      const name = `${req.params.ruleSet}-${req.params.edition}.${req.query.format}`;
      return reply
        .header('content-type', req.query.format === 'json' ? 'application/json; charset=utf-8' : 'application/yaml; charset=utf-8')
        .header('content-disposition', contentDisposition(name))
        .send(body);
    },
  );

  app.post(
    '/imports',
    {
      preValidation: requireAuth('catalog.write'),
      schema: {
        tags: ['catalog'],
        summary: '交換形式の取り込み（JSON または YAML、全件成功か何もしないか） / import an interchange document, all or nothing',
        querystring: z.object({ fileName: z.string().optional() }),
      },
    },
    async (req, reply) => {
      let text: string;
      let fileName = req.query.fileName ?? 'upload.json';
      if (typeof req.body === 'string') {
        text = req.body;
        if (!req.query.fileName) fileName = 'upload.yaml';
      } else if (req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body)) {
        text = JSON.stringify(req.body);
        fileName = fileName.endsWith('.json') ? fileName : `${fileName}.json`;
      } else {
        throw invalid('catalog.import_body_missing', '取り込む文書を本文に指定してください', 'send the document as the request body');
      }
      const doc = catalog.parseInterchange(text, fileName);
      const result = await inTransaction(db, (trx) => catalog.importDocument({ trx, doc, actor: actorOfRequest(req), fileName }));
      return reply.status(201).send(result);
    },
  );

  await checklistRoutes(root);
}
