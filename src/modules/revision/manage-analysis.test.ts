import assert from 'node:assert/strict';
import { it } from 'node:test';
import iconv from 'iconv-lite';
import { AppError } from '../../lib/errors.js';
import { describeEachDatabase } from '../../testing/db.js';
import { checklist, standards11, standards12 } from '../../testing/fixtures.js';
import { catalog } from '../catalog/index.js';
import { parseComparisonTable } from './comparison-table.js';
import { compareEditions, createAnalysis, createAnalysisFromTable, getAnalysis, listAnalyses, updateAnalysisRow } from './index.js';

describeEachDatabase('revision analysis', (ctx) => {
  it('loads the fixtures', async () => {
    await ctx.db.transaction().execute((trx) =>
      catalog.importDocuments({
        trx,
        documents: [standards11, standards12, checklist].map((t, i) => ({ fileName: `${i}.yaml`, doc: catalog.parseInterchange(t, `${i}.yaml`) })),
      }),
    );
  });

  it('classifies each provision and ties changed ones to the checklist items citing them', async () => {
    const c = await compareEditions({ trx: ctx.db, ruleSetCode: 'test-standards', from: '第1版', to: '第2版' });
    assert.deepEqual(c.counts, { new: 1, removed: 1, changed: 1, unchanged: 3, unknown: 0 });
    const byCode = Object.fromEntries(c.rows.map((r) => [r.provisionCodes.join(','), r]));
    assert.deepEqual(Object.keys(byCode).sort(), ['実103-1', '実14-1', '統14'].sort());
    assert.equal(byCode['統14']!.tag, '【下線部追加】');
    assert.deepEqual(
      byCode['統14']!.segments.filter((s) => s.kind === 'inserted').map((s) => s.text),
      ['サイバーセキュリティ（', '等）'],
    );
    assert.deepEqual(byCode['統14']!.items.map((i) => i.number), [3]);
    assert.equal(byCode['実14-1']!.tag, '新設');
    assert.equal(byCode['実103-1']!.tag, '廃止');
    assert.deepEqual(byCode['実103-1']!.items, []);
    assert.equal(c.checklistEdition?.label, '2018年10月版');
  });

  it('stores an analysis and keeps edited summaries and judgments', async () => {
    const a = await ctx.db.transaction().execute((trx) => createAnalysis({ trx, ruleSetCode: 'test-standards', from: '第1版', to: '第2版' }));
    const row = a.rows.find((r) => r.provisionCodes[0] === '統14')!;
    await ctx.db.transaction().execute((trx) =>
      updateAnalysisRow({ trx, analysisId: a.id, rowId: row.id, summary: '・教育テーマにサイバーセキュリティを追記', revisionNeeded: false, reason: '既存の確認項目で確認できる' }),
    );
    const again = await getAnalysis({ trx: ctx.db, id: a.id });
    const r = again.rows.find((x) => x.id === row.id)!;
    assert.equal(r.summary, '教育テーマにサイバーセキュリティを追記');
    assert.equal(r.revisionNeeded, false);
    assert.equal(r.reason, '既存の確認項目で確認できる');
    assert.ok((await listAnalyses({ trx: ctx.db })).some((x) => x.id === a.id));
  });

  it('refuses a judgment without a reason and a multi-line summary, changing nothing', async () => {
    const [first] = await listAnalyses({ trx: ctx.db });
    const a = await getAnalysis({ trx: ctx.db, id: first!.id });
    const row = a.rows.find((r) => r.provisionCodes[0] === '実14-1')!;
    await assert.rejects(
      ctx.db.transaction().execute((trx) => updateAnalysisRow({ trx, analysisId: a.id, rowId: row.id, revisionNeeded: true, summary: '一行目\n二行目' })),
      (e: AppError) => {
        assert.deepEqual(e.problems.map((p) => p.where).sort(), ['/reason', '/summary']);
        return true;
      },
    );
    const after = (await getAnalysis({ trx: ctx.db, id: a.id })).rows.find((r) => r.id === row.id)!;
    assert.equal(after.revisionNeeded, null);
    assert.equal(after.summary, null);
  });

  it('answers not found for an unknown or malformed analysis id', async () => {
    await assert.rejects(getAnalysis({ trx: ctx.db, id: 'nope' }), (e: AppError) => e.code === 'revision.analysis_not_found');
    await assert.rejects(getAnalysis({ trx: ctx.db, id: '00000000-0000-4000-8000-000000000000' }), (e: AppError) => e.code === 'revision.analysis_not_found');
  });

  it('creates a new edition and its analysis from a CP932 comparison table', async () => {
    const csv = [
      '基準番号,旧,新,見出し',
      '統１４,教育テーマとしては、以下の例がある。(6)サイバーセキュリティ（コンピュータウイルスへの対応等）,教育テーマとしては、以下の例がある。(6)サイバーセキュリティ,',
      '実 14 - 2,,テレワークにおける対策を講ずること。,テレワーク',
      '監1,監査法人を利用した監査を行う。,,',
    ].join('\r\n');
    const rows = await parseComparisonTable(iconv.encode(csv, 'cp932'), 'table.csv');
    const a = await ctx.db.transaction().execute((trx) =>
      createAnalysisFromTable({ trx, ruleSetCode: 'test-standards', base: '第2版', newLabel: '第3版案', publishedOn: '2025-03', rows }),
    );
    assert.deepEqual(
      a.rows.map((r) => [r.provisionCodes.join(), r.tag]),
      [
        ['統14', '【下線部削除】'],
        ['実14-2', '新設'],
        ['監1', '廃止'],
      ],
    );
    assert.deepEqual(a.rows[0]!.items.map((i) => i.number), [3]);
    const provisions = await catalog.listProvisions({ trx: ctx.db, ruleSetCode: 'test-standards', label: '第3版案' });
    assert.deepEqual(provisions.map((p) => p.code), ['1.意義', '統14', '実16', '実14-1', '実14-2']);
    const edition = await catalog.getEdition({ trx: ctx.db, ruleSetCode: 'test-standards', label: '第3版案' });
    assert.equal(edition.status, 'draft');
    assert.equal(edition.basedOn, '第2版');
  });

  it('rejects a table that does not fit its base edition and creates nothing', async () => {
    const csv = ['基準番号,旧,新', '統14,まったく違う旧本文,新本文', '実999,ある,ない', '実16,,重複する新設'].join('\n');
    const rows = await parseComparisonTable(Buffer.from(csv), 't.csv');
    await assert.rejects(
      ctx.db.transaction().execute((trx) =>
        createAnalysisFromTable({ trx, ruleSetCode: 'test-standards', base: '第2版', newLabel: '第4版', publishedOn: '2026-03', rows }),
      ),
      (e: AppError) => {
        assert.equal(e.code, 'revision.comparison_table_mismatch');
        assert.equal(e.problems.length, 3);
        return true;
      },
    );
    await assert.rejects(catalog.getEdition({ trx: ctx.db, ruleSetCode: 'test-standards', label: '第4版' }));
  });
});
