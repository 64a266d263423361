import assert from 'node:assert/strict';
import { it } from 'node:test';
import { comparableForm } from '../../lib/text.js';
import { describeEachDatabase } from '../../testing/db.js';
import { getAnalysis, listAnalyses } from '../revision/index.js';
import { catalog } from '../catalog/index.js';
import { loadReferenceData, loadReferenceDataIfEmpty } from './load-reference.js';

/**
 * 〔図表1〕 of the seed document, transcribed by hand from the seed: checklist items (none = "-"),
 * the provision column (its start), the tag as printed, and the summary line.
 */
const ZUHYO1: [number[], string, string, string][] = [
  [[], '1.安全対策基準の意義', '【下線部追加】', '金融関連サービスを重要インフラとして防護する必要がある旨の記載を追加'],
  [[], '1.安全対策基準の意義', '【下線部変更】', '用語定義の見直しに伴う脚注の修正'],
  [[], '1.総論 (3) (脚注 21)', '【下線部変更】', '用語定義の見直しに伴う脚注の修正'],
  [[], '3.用語の解説 (2)', '【下線部変更】', '定義の記載を改善'],
  [[], '3.用語の解説 (2)', '【下線部追加】', '金融機関の用語解説を追記'],
  [[], '3.用語の解説 (2)', '【下線部変更】', '金融機関等の用語定義を見直し'],
  [[3], '統 14 セキュリティ教育を行うこと。', '【下線部変更】', 'セキュリティ意識向上のための教育テーマとして、サイバーセキュリティを追記'],
  [[10], '統 21 外部委託先と安全対策', '【下線部変更・削除】', '分かりやすい表現に見直し'],
  [[10], '統 22 外部委託先の要員にルールを遵守させ、その遵守状況を確認すること。', '【下線部変更】', '用語の見直し'],
  [[39], '統 27 FinTech 企業がダイレクトチャネルを通じて', '【下線部変更】', '用語の見直し'],
  [[22], '実 1 他人に暗証番号・パスワード等を知られないための対策を講ずること。', '【下線部変更】', 'パスワード関連基準 一覧に実 147 を追記'],
  [[22], '実 16', '【下線部削除】', '用語の見直し'],
  [[], '実 21 コンピュータウイルス等の不正プログラムの検知対策を講ずる', '【下線部変更】', '分かりやすい表現に見直し'],
  [[21], '実 27 各種資源、システムへのアクセス権限の付与、見直し手続きを明確にすること。', '【下線部変更】', '分かりやすい表現に見直し'],
  [[33], '実 142 QR コード決済における安全対策を講ずること。', '【下線部変更】', '用語の見直し'],
  [[33], '実 144 QR コード決済利用上の留意事項を顧客に注意喚起すること。', '【下線部変更】', '用語の見直し'],
  [[3], '監 1 システム監査体制を整備すること。', '【下線部変更】', '指針の変更に伴い修正'],
];

describeEachDatabase('reference data (the seed’s 図表1)', (ctx) => {
  it('loads into an empty database once', async () => {
    const first = await ctx.db.transaction().execute((trx) => loadReferenceDataIfEmpty({ trx }));
    assert.ok(first);
    const second = await ctx.db.transaction().execute((trx) => loadReferenceDataIfEmpty({ trx }));
    assert.equal(second, null);
  });

  it('reproduces the 17 rows of 図表1 with their items, provisions, tags and summaries', async () => {
    const [stored] = await listAnalyses({ trx: ctx.db });
    const a = await getAnalysis({ trx: ctx.db, id: stored!.id });
    assert.equal(a.rows.length, 17);
    a.rows.forEach((row, i) => {
      const [items, provision, tag, summary] = ZUHYO1[i]!;
      const label = `row ${i + 1}`;
      assert.deepEqual([...new Set(row.items.map((x) => x.number))], items, label);
      assert.ok(comparableForm(row.provisionLabel).startsWith(comparableForm(provision)), `${label}: ${row.provisionLabel}`);
      assert.equal(row.tag, tag, label);
      assert.equal(comparableForm(row.summary ?? ''), comparableForm(summary), label);
      assert.equal(row.revisionNeeded, false, label);
      assert.match(row.reason ?? '', /見直しを要するものではない/);
    });
  });

  it('names checklist items as the seed does, with the objective where the seed gives one', async () => {
    const [stored] = await listAnalyses({ trx: ctx.db });
    const a = await getAnalysis({ trx: ctx.db, id: stored!.id });
    const item39 = a.rows[9]!.items[0]!;
    assert.equal(item39.category, 'APIセキュリティ機能');
    assert.equal(item39.objective, '利用者の利便性と、リスクに見合った利用者保護を実現する認証強度とする。');
    const item3 = a.rows[6]!.items[0]!;
    assert.equal(item3.category, '情報・セキュリティ管理態勢');
    assert.equal(item3.objective, null);
  });

  it('agrees with the computed comparison wherever the old text is known', async () => {
    const [stored] = await listAnalyses({ trx: ctx.db });
    const a = await getAnalysis({ trx: ctx.db, id: stored!.id });
    const both = a.rows.filter((r) => r.source === 'both');
    assert.ok(both.length >= 1, 'the 金融機関 term has a derivable old text');
    for (const r of both) assert.equal(r.disagreement, null, r.provisionLabel);
    const kinyu = a.rows[4]!;
    assert.deepEqual(kinyu.provisionCodes, ['3.用語の解説(2) 金融機関']);
    assert.equal(kinyu.source, 'both');
  });

  it('marks quoted texts as excerpts and invents no old texts', async () => {
    const p12 = await catalog.listProvisions({ trx: ctx.db, ruleSetCode: 'fisc-security-standards', label: '第12版' });
    assert.ok(p12.filter((p) => p.text !== null).every((p) => p.textIsExcerpt));
    const p11 = await catalog.listProvisions({ trx: ctx.db, ruleSetCode: 'fisc-security-standards', label: '第11版' });
    const known = p11.filter((p) => p.text !== null).map((p) => p.code);
    assert.deepEqual(known, ['3.用語の解説(2) 金融機関']);
  });

  it('refuses to load the reference data twice', async () => {
    await assert.rejects(ctx.db.transaction().execute((trx) => loadReferenceData({ trx })));
  });
});
