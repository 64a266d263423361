import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { AnalysisView } from '../modules/revision/analysis.types.js';
import { analysisFixture as a } from './analysis.fixture.js';
import { renderAnalysisXlsx } from './analysis-xlsx.js';

async function load(view: AnalysisView, lang?: 'ja' | 'en'): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderAnalysisXlsx(view, lang ? { lang } : {})) as unknown as ArrayBuffer);
  return wb;
}

/** Each run of a rich-text cell as [text, underlined, struck through]. */
function runs(cell: ExcelJS.Cell): [string, boolean, boolean][] {
  const v = cell.value as ExcelJS.CellRichTextValue;
  assert.ok(Array.isArray(v?.richText), `${cell.address} holds rich text`);
  return v.richText.map((r) => [r.text, Boolean(r.font?.underline), Boolean(r.font?.strike)]);
}

describe('renderAnalysisXlsx', () => {
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  before(async () => {
    wb = await load(a);
    ws = wb.getWorksheet('図表1')!;
  });

  it('writes one sheet named 図表1, and Table 1 in English', async () => {
    assert.equal(wb.worksheets.length, 1);
    assert.ok(ws, 'sheet 図表1 exists');
    const en = await load(a, 'en');
    assert.equal(en.worksheets[0]!.name, 'Table 1');
    assert.deepEqual((en.worksheets[0]!.getRow(3).values as unknown[]).slice(1), ['Checklist', 'Provision', 'Main changes', 'Tag', 'Summary', 'Judgment', 'Reason']);
  });

  it('records Tsunagu as the creator of the workbook', () => {
    assert.equal(wb.creator, 'Tsunagu');
  });

  it('starts with the title, then the header row in bold', () => {
    assert.equal(ws.getCell('A1').value, 'FISC 安全対策基準 第11版 → 第12版 改訂内容の分析');
    assert.deepEqual((ws.getRow(3).values as unknown[]).slice(1), ['チェックリスト', '安全対策基準', '主な改訂内容', '改訂区分', '要約', '見直し要否', '理由']);
    for (const col of ['A', 'D', 'G']) assert.equal(ws.getCell(`${col}3`).font?.bold, true, `${col}3 is bold`);
  });

  it('writes one row per analysis row, with the checklist, provision, tag, summary, judgment and reason', () => {
    assert.equal(ws.rowCount, 7);
    assert.equal(ws.getCell('A4').value, '3. 情報・セキュリティ管理態勢');
    assert.equal(ws.getCell('B4').value, '統 14 セキュリティ教育を行うこと。');
    assert.equal(ws.getCell('D4').value, '【下線部変更】');
    assert.equal(ws.getCell('E4').value, 'セキュリティ意識向上のための教育テーマとして、サイバーセキュリティを追記');
    assert.equal(ws.getCell('F4').value, '見直し不要');
    assert.equal(ws.getCell('G4').value, '既存の確認項目で確認できる');
    assert.equal(ws.getCell('A5').value, '-');
    assert.equal(ws.getCell('F5').value, '未判断');
    assert.equal(ws.getCell('A7').value, '33. サービスシステムのセキュリティ機能\n39. APIセキュリティ機能 利用者の利便性と、リスクに見合った利用者保護を実現する認証強度とする。');
  });

  it('underlines the printed underline of 統14 in the rich text of 主な改訂内容', () => {
    assert.deepEqual(runs(ws.getCell('C4')), [
      ['教育テーマとしては、以下の例がある。 (6) ', false, false],
      ['サイバーセキュリティ (コンピュータウイルスへの対応等)', true, false],
    ]);
  });

  it('strikes the deleted run through in red and underlines the inserted run', () => {
    assert.deepEqual(runs(ws.getCell('C5')), [
      ['検知システムの', false, false],
      ['運用状況の', false, true],
      ['運転状況', true, false],
      ['監視や', false, false],
    ]);
    const deleted = (ws.getCell('C5').value as ExcelJS.CellRichTextValue).richText[1]!;
    assert.equal(deleted.font?.color?.argb, 'FFC00000');
  });

  it('stores a formula-looking summary as text behind an apostrophe, never as a formula', () => {
    const cell = ws.getCell('E7');
    assert.equal(cell.type, ExcelJS.ValueType.String);
    assert.equal(cell.value, "'=cmd|' /C calc'!A0");
    assert.equal(cell.formula, undefined);
    assert.equal(ws.getCell('E6').value, '\'=HYPERLINK("http://example.invalid","x")');
    assert.equal(ws.getCell('G6').value, "'+要確認");
  });

  it('puts the apostrophe before a changed text that starts like a formula, keeping its underline', async () => {
    const view: AnalysisView = { ...a, rows: [{ ...a.rows[0]!, segments: [{ kind: 'inserted', text: '=1+1' }, { kind: 'equal', text: ' を追加' }] }] };
    const sheet = (await load(view)).getWorksheet('図表1')!;
    assert.deepEqual(runs(sheet.getCell('C4')), [
      ["'=1+1", true, false],
      [' を追加', false, false],
    ]);
  });

  it('wraps the text of the rows', () => {
    assert.equal(ws.getCell('C5').alignment?.wrapText, true);
    assert.equal(ws.getCell('A7').alignment?.wrapText, true);
  });

  it('freezes the panes below the header row', () => {
    const view = ws.views[0] as ExcelJS.WorksheetViewFrozen;
    assert.equal(view.state, 'frozen');
    assert.equal(view.ySplit, 3);
  });

  it('filters on the header row over all the rows', () => {
    assert.equal(ws.autoFilter, 'A3:G7');
  });

  it('prints on A4 landscape, one page wide, repeating the header row on every page', () => {
    assert.equal(ws.pageSetup.orientation, 'landscape');
    assert.equal(ws.pageSetup.paperSize, 9);
    assert.equal(ws.pageSetup.fitToWidth, 1);
    assert.equal(ws.pageSetup.printTitlesRow, '3:3');
  });

  it('writes a workbook with the header row only when no provision changed', async () => {
    const sheet = (await load({ ...a, rows: [] })).getWorksheet('図表1')!;
    assert.equal(sheet.rowCount, 3);
    assert.equal(sheet.autoFilter, 'A3:G3');
  });
});
