import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { analysisFixture as a } from './analysis.fixture.js';
import { checklistCell, formatJaPartialDate } from './analysis-common.js';
import { renderAnalysisHtml } from './analysis-html.js';
import { renderAnalysisMarkdown } from './analysis-markdown.js';
import { renderAnalysisText } from './analysis-text.js';
import { renderAnalysisXlsx } from './analysis-xlsx.js';

describe('analysis renderers', () => {
  it('names each citing item once, with its objective when known, or "-"', () => {
    assert.equal(checklistCell(a.rows[0]!), '3. 情報・セキュリティ管理態勢');
    assert.equal(checklistCell(a.rows[1]!), '-');
    assert.equal(checklistCell(a.rows[2]!), '22. システム開発・運用管理 システムアクセス時の認証を実施する。');
  });

  it('writes partial dates the Japanese way', () => {
    assert.equal(formatJaPartialDate('2024-03'), '2024年3月');
    assert.equal(formatJaPartialDate('2025-01-30'), '2025年1月30日');
    assert.equal(formatJaPartialDate(null), '公表日不明');
  });

  it('renders Markdown with <u> for underlines, ~~ for deletions, and escaped cells', () => {
    const md = renderAnalysisMarkdown(a);
    assert.match(md, /<u>サイバーセキュリティ \(コンピュータウイルスへの対応等\)<\/u><br>【下線部変更】<br>・セキュリティ意識向上/);
    assert.match(md, /~~運用状況の~~<u>運転状況<\/u>/);
    assert.match(md, /\| - \| 実21 /);
    assert.match(md, /A\\\|B 列/);
    assert.match(md, /&lt;script&gt;/);
    assert.match(md, /\| チェックリスト \| 安全対策基準 \| 主な改訂内容 \| 見直し要否 \|/);
    assert.match(renderAnalysisMarkdown(a, { lang: 'en' }), /\| Checklist \| Provision \| Main changes \| Judgment \|/);
  });

  it('renders HTML with everything escaped, deletions visible and announced', () => {
    const html = renderAnalysisHtml(a);
    assert.match(html, /^<!doctype html>\n<html lang="ja">/);
    assert.match(html, /<u>サイバーセキュリティ \(コンピュータウイルスへの対応等\)<\/u>/);
    assert.match(html, /<del><span class="sr-only">削除:<\/span>運用状況の<\/del>/);
    assert.ok(!html.includes('<script>alert'), 'user text is escaped');
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /2024年3月/);
  });

  it('renders plain text with marked spans for the terminal', () => {
    const t = renderAnalysisText(a);
    assert.match(t, /^1\. 統 14 セキュリティ教育を行うこと。$/m);
    assert.match(t, /［－運用状況の］［＋運転状況］/);
  });

  it('writes an xlsx with rich-text spans, neutralised formulas, frozen header and print settings', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderAnalysisXlsx(a)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('図表1')!;
    assert.equal(ws.getCell('A3').value, 'チェックリスト');
    const changes = ws.getCell('C5').value as ExcelJS.CellRichTextValue;
    const runs = changes.richText.map((r) => [r.text, r.font?.underline ?? false, r.font?.strike ?? false]);
    assert.deepEqual(runs, [
      ['検知システムの', false, false],
      ['運用状況の', false, true],
      ['運転状況', true, false],
      ['監視や', false, false],
    ]);
    assert.equal(ws.getCell('E6').value, '\'=HYPERLINK("http://example.invalid","x")');
    assert.equal(ws.getCell('E6').type, ExcelJS.ValueType.String);
    assert.equal(ws.getCell('G6').value, "'+要確認");
    assert.equal(ws.views[0]?.state, 'frozen');
    assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 3);
    assert.equal(ws.pageSetup.orientation, 'landscape');
    assert.equal(ws.pageSetup.printTitlesRow, '3:3');
  });
});
