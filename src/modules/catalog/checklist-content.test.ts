import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { AppError } from '../../lib/errors.js';
import { describeEachDatabase } from '../../testing/db.js';
import { standards11 } from '../../testing/fixtures.js';
import { catalog } from './index.js';

/** A sample checklist with an item's question (確認項目) and remarks (備考). */
const sampleChecklist = (o: { label?: string; sample?: boolean; name?: string } = {}) => `
format: tsunagu.catalog/v1
kind: checklistEdition
ruleSet:
  code: test-sample-checklist
  name: ${o.name ?? 'テスト用チェックリスト（サンプル）'}
  kind: checklist
${o.sample === false ? '' : '  sample: true\n'}edition:
  label: ${o.label ?? 'サンプル第1版'}
items:
  - number: 1
    category: 情報・セキュリティ管理態勢
    text: |-
      セキュリティ管理の責任者を定めているか。
      その権限を文書にしているか。
    objective: 責任の所在を明確にする。
    references:
      - ruleSet: test-standards
        provision: 統 14
    remarks: 組織図を添付すること。
  - number: 2
    category: 情報・セキュリティ管理態勢
    text: 教育を行っているか。
`;

const parse = (text: string) => catalog.parseInterchange(text, 'doc.yaml');

describe('the interchange format for the checklist’s content', () => {
  it('reads an item’s question and remarks and a rule set’s sample flag', () => {
    const doc = parse(sampleChecklist());
    assert.equal(doc.kind, 'checklistEdition');
    if (doc.kind !== 'checklistEdition') return;
    assert.equal(doc.ruleSet.sample, true);
    assert.equal(doc.items[0]!.text, 'セキュリティ管理の責任者を定めているか。\nその権限を文書にしているか。');
    assert.equal(doc.items[0]!.remarks, '組織図を添付すること。');
    assert.equal(doc.items[1]!.remarks, undefined);
  });

  it('refuses a sample whose name does not say サンプル, at the name', () => {
    assert.throws(
      () => parse(sampleChecklist({ name: 'テスト用チェックリスト' })),
      (e: AppError) => e.code === 'catalog.interchange_invalid' && e.problems.some((p) => p.where.startsWith('/ruleSet/name') && p.messageJa.includes('サンプル')),
    );
  });

  it('refuses an empty question with its pointer', () => {
    assert.throws(
      () => parse(sampleChecklist().replace('    text: 教育を行っているか。', '    text: "  "')),
      (e: AppError) => e.problems.some((p) => p.where.startsWith('/items/1/text')),
    );
  });

  it('writes the question, the remarks and the sample flag back, in the schema’s order', () => {
    const yaml = catalog.serializeInterchange(parse(sampleChecklist()), 'yaml');
    assert.match(yaml, /  sample: true\n/);
    const keys = [...yaml.split('- number: 1')[1]!.split('- number: 2')[0]!.matchAll(/^ {4}(\w+):/gm)].map((m) => m[1]);
    assert.deepEqual(keys, ['category', 'text', 'objective', 'references', 'remarks']);
  });
});

describeEachDatabase('the checklist’s content in the catalog', (ctx) => {
  before(async () => {
    await ctx.db.transaction().execute(async (trx) => {
      await catalog.importDocument({ trx, doc: parse(standards11) });
      await catalog.importDocument({ trx, doc: parse(sampleChecklist()) });
    });
  });

  it('stores and shows the question and remarks of each item, and the sample flag of its rule set', async () => {
    const items = await catalog.listChecklistItems({ trx: ctx.db, ruleSetCode: 'test-sample-checklist', label: 'サンプル第1版' });
    assert.equal(items[0]!.text, 'セキュリティ管理の責任者を定めているか。\nその権限を文書にしているか。');
    assert.equal(items[0]!.remarks, '組織図を添付すること。');
    assert.equal(items[1]!.remarks, null);
    const rs = await catalog.getRuleSet({ trx: ctx.db, code: 'test-sample-checklist' });
    assert.equal(rs.sample, true);
    const standards = await catalog.getRuleSet({ trx: ctx.db, code: 'test-standards' });
    assert.equal(standards.sample, false);
    const p = await catalog.getProvision({ trx: ctx.db, ruleSetCode: 'test-standards', label: '第1版', code: '統14' });
    assert.deepEqual(
      p.citedBy.map((c) => [c.checklist, c.checklistSample, c.number, c.text?.split('\n')[0]]),
      [['test-sample-checklist', true, 1, 'セキュリティ管理の責任者を定めているか。']],
    );
  });

  it('exports the content and imports it back as another edition without loss', async () => {
    const doc = await catalog.exportEdition({ trx: ctx.db, ruleSetCode: 'test-sample-checklist', label: 'サンプル第1版' });
    const yaml = catalog.serializeInterchange(doc, 'yaml').replace('label: サンプル第1版', 'label: サンプル第2版');
    await ctx.db.transaction().execute((trx) => catalog.importDocument({ trx, doc: parse(yaml) }));
    const [a, b] = await Promise.all(['サンプル第1版', 'サンプル第2版'].map((label) => catalog.listChecklistItems({ trx: ctx.db, ruleSetCode: 'test-sample-checklist', label })));
    assert.deepEqual(b, a);
  });

  it('refuses to add an edition to a sample rule set without the sample flag, writing nothing', async () => {
    await assert.rejects(
      ctx.db.transaction().execute((trx) => catalog.importDocument({ trx, doc: parse(sampleChecklist({ label: 'サンプル第3版', sample: false })) })),
      (e: AppError) => e.code === 'catalog.import_invalid' && e.problems.some((p) => p.where === '/ruleSet/sample'),
    );
    const rs = await catalog.getRuleSet({ trx: ctx.db, code: 'test-sample-checklist' });
    assert.ok(!rs.editions.some((e) => e.label === 'サンプル第3版'));
  });

  it('refuses to mark a publication’s rule set as a sample', async () => {
    const doc = parse(standards11.replace('  kind: standard\n  publisher', '  kind: standard\n  sample: true\n  publisher').replace('name: テスト用安全対策基準', 'name: テスト用安全対策基準（サンプル）').replace('label: 第1版', 'label: 第9版'));
    await assert.rejects(
      ctx.db.transaction().execute((trx) => catalog.importDocument({ trx, doc })),
      (e: AppError) => e.problems.some((p) => p.where === '/ruleSet/sample' && p.messageEn.includes('not a sample')),
    );
  });
});
