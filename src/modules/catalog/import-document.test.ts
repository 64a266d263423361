import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AppError } from '../../lib/errors.js';
import { describeEachDatabase } from '../../testing/db.js';
import { checklist, standards11, standards12 } from '../../testing/fixtures.js';
import { catalog } from './index.js';

const parse = (text: string, name = 'doc.yaml') => catalog.parseInterchange(text, name);

describeEachDatabase('catalog import and browse', (ctx) => {
  it('imports rule-set editions and a checklist, normalising loose codes', async () => {
    await ctx.db.transaction().execute((trx) =>
      catalog.importDocuments({
        trx,
        documents: [
          { fileName: 'a.yaml', doc: parse(standards11) },
          { fileName: 'b.yaml', doc: parse(standards12) },
          { fileName: 'c.yaml', doc: parse(checklist) },
        ],
      }),
    );
    const provisions = await catalog.listProvisions({ trx: ctx.db, ruleSetCode: 'test-standards', label: '第1版' });
    assert.deepEqual(
      provisions.map((p) => p.code),
      ['1.意義', '統14', '実16', '実103-1', '監1'],
    );
  });

  it('finds a provision by a loosely written code', async () => {
    const found = await catalog.listProvisions({ trx: ctx.db, ruleSetCode: 'test-standards', label: '第2版', q: '統 １４' });
    assert.deepEqual(found.map((p) => p.code), ['統14']);
    const byText = await catalog.listProvisions({ trx: ctx.db, ruleSetCode: 'test-standards', label: '第2版', q: 'サイバー' });
    assert.deepEqual(byText.map((p) => p.code), ['統14']);
  });

  it('shows cross-references in both directions', async () => {
    const items = await catalog.listChecklistItems({ trx: ctx.db, ruleSetCode: 'test-checklist', label: '2018年10月版' });
    assert.deepEqual(
      items.map((i) => [i.number, i.references.map((r) => `${r.provision}${r.subPart ?? ''}`)]),
      [
        [3, ['統14', '監1']],
        [22, ['実16(2)']],
      ],
    );
    assert.deepEqual(items[1]!.appliesTo, ['read', 'write']);
    const p = await catalog.getProvision({ trx: ctx.db, ruleSetCode: 'test-standards', label: '第2版', code: 'P16' });
    assert.deepEqual(p.citedBy.map((c) => [c.checklist, c.number, c.subPart]), [['test-checklist', 22, '(2)']]);
  });

  it('keeps the partial revisions and the base edition of an edition', async () => {
    const e1 = await catalog.getEdition({ trx: ctx.db, ruleSetCode: 'test-standards', label: '第1版' });
    assert.deepEqual(e1.partialRevisions, [{ revisedOn: '2023-09-01', body: '連絡会', summary: '用語の修正' }]);
    const e2 = await catalog.getEdition({ trx: ctx.db, ruleSetCode: 'test-standards', label: '第2版' });
    assert.equal(e2.basedOn, '第1版');
  });

  it('round-trips an edition through export and import without loss', async () => {
    for (const [code, label, source] of [
      ['test-standards', '第1版', standards11],
      ['test-checklist', '2018年10月版', checklist],
    ] as const) {
      const exported = await catalog.exportEdition({ trx: ctx.db, ruleSetCode: code, label });
      for (const format of ['yaml', 'json'] as const) {
        const again = parse(catalog.serializeInterchange(exported, format), `x.${format}`);
        assert.deepEqual(again, exported);
      }
      // Everything the source file said is in the export (the parser fills defaults the same way).
      assert.deepEqual(JSON.parse(JSON.stringify(exported)), JSON.parse(JSON.stringify(stripUndefined(parse(source)))));
    }
  });

  it('rejects an edition that already exists and writes nothing', async () => {
    const before = await ctx.db.selectFrom('provision').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await assert.rejects(
      ctx.db.transaction().execute((trx) => catalog.importDocument({ trx, doc: parse(standards11) })),
      (e: AppError) => {
        assert.equal(e.code, 'catalog.import_invalid');
        assert.deepEqual(e.problems.map((p) => p.where), ['/edition/label']);
        assert.match(e.problems[0]!.messageJa, /既に登録されています/);
        return true;
      },
    );
    const after = await ctx.db.selectFrom('provision').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  it('reports every unknown cited provision with its pointer and imports nothing of a failed batch', async () => {
    const bad = checklist
      .replace('label: 2018年10月版', 'label: 2019年版')
      .replace('provision: A1', 'provision: 監99')
      .replace('ruleSet: test-standards\n        provision: 実16', 'ruleSet: no-such-rules\n        provision: 実16');
    const good = standards11.replace('label: 第1版', 'label: 第0版');
    await assert.rejects(
      ctx.db.transaction().execute((trx) =>
        catalog.importDocuments({
          trx,
          documents: [
            { fileName: 'good.yaml', doc: parse(good) },
            { fileName: 'bad.yaml', doc: parse(bad) },
          ],
        }),
      ),
      (e: AppError) => {
        assert.deepEqual(e.problems.map((p) => p.where), ['bad.yaml: /items/0/references/1/provision', 'bad.yaml: /items/1/references/0/ruleSet']);
        return true;
      },
    );
    const editions = await catalog.getRuleSet({ trx: ctx.db, code: 'test-standards' });
    assert.deepEqual(editions.editions.map((e) => e.label).sort(), ['第1版', '第2版']);
  });

  it('answers a clear not-found error for an unknown edition', async () => {
    await assert.rejects(catalog.listProvisions({ trx: ctx.db, ruleSetCode: 'test-standards', label: '第9版' }), (e: AppError) => {
      assert.equal(e.code, 'catalog.edition_not_found');
      assert.equal(e.kind, 'not_found');
      return true;
    });
  });
});

function stripUndefined<T>(v: T): T {
  return JSON.parse(JSON.stringify(v, (_k, x) => (x === null ? undefined : x))) as T;
}
