import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { AppError } from './errors.js';
import { cellAddress, cellProblem, cellText, cleanCellText, columnIndex, loadWorkbook, sheetProblem } from './xlsx-read.js';

/** A 1×1 PNG, for a picture and a sheet background. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A workbook with every worksheet part loadWorkbook skips, and every kind of value an import reads. */
async function busyWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('チェックリスト', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3', margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 } },
    views: [{ state: 'frozen', xSplit: 0, ySplit: 3 }],
    headerFooter: { oddFooter: '&P / &N' },
  });
  ws.columns = [{ width: 6 }, { width: 18 }, { width: 56 }, { width: 20 }];
  ws.getCell('A1').value = '表題';
  ws.mergeCells('A1:D1');
  ws.getRow(3).values = ['No.', '区分', '確認項目', '備考'];
  ws.addRow([1, '外部委託管理', { richText: [{ text: '委託先を' }, { text: '評価', font: { underline: true } }, { text: 'しているか。' }] }, { text: '手順書', hyperlink: 'https://example.test/a' }]);
  ws.addRow([2, null, "'=HYPERLINK(\"x\")", { formula: '1+1', result: 2 }]);
  ws.addRow([3, 'システム開発', new Date(Date.UTC(2025, 0, 30)), { error: '#N/A' }]);
  ws.mergeCells('B4:B5');
  ws.getCell('C4').dataValidation = { type: 'textLength', operator: 'lessThanOrEqual', formulae: [10], allowBlank: true };
  ws.getCell('D6').dataValidation = { type: 'list', formulae: ['"はい,いいえ"'], allowBlank: true };
  ws.addConditionalFormatting({ ref: 'A4:A6', rules: [{ type: 'dataBar', priority: 1, cfvo: [{ type: 'min' }, { type: 'max' }] } as ExcelJS.ConditionalFormattingRule] });
  ws.getRow(5).addPageBreak();
  ws.autoFilter = 'A3:D6';
  const image = wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' });
  ws.addImage(image, 'F2:G4');
  ws.addBackgroundImage(image);
  const t = wb.addWorksheet('表');
  t.addTable({ name: 'T1', ref: 'A1', headerRow: true, columns: [{ name: '行内番号' }, { name: '回答' }], rows: [['Sec-1', 'はい']] });
  wb.addWorksheet('隠し', { state: 'veryHidden' }).getCell('B2').value = 'request-id';
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** What an import can read from a worksheet: names, states, every cell's text, merges and links. */
function readable(wb: ExcelJS.Workbook) {
  return wb.worksheets.map((ws) => {
    const cells: string[] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      for (let c = 1; c <= ws.columnCount; c++) {
        const cell = ws.getRow(r).getCell(c);
        cells.push(`${cell.address}=${cellText(cell.value)}${cell.isMerged ? ` merged:${cell.master.address}` : ''}${cell.hyperlink ? ` link:${cell.hyperlink}` : ''}`);
      }
    }
    return { name: ws.name, state: ws.state, rowCount: ws.rowCount, columnCount: ws.columnCount, widths: ws.columns?.map((c) => c.width), cells };
  });
}

describe('loadWorkbook', () => {
  it('reads every value, merge, link and column an import reads, skipping validations, formatting, protection, printing, pictures and tables', async () => {
    const bytes = await busyWorkbook();
    const full = new ExcelJS.Workbook();
    await full.xlsx.load(bytes as unknown as ArrayBuffer);
    const lean = await loadWorkbook(bytes, { fileName: 'busy.xlsx', errorCode: 'test.unreadable' });
    assert.deepEqual(readable(lean), readable(full));
    const c = readable(lean)[0]!.cells;
    assert.ok(c.includes('B5=外部委託管理 merged:B4'));
    assert.ok(c.includes('D4=手順書 link:https://example.test/a'));
    assert.ok(c.includes('C6=2025-01-30'));

    // The parts were there, and were skipped.
    const [ws, table] = [full.worksheets[0]!, full.worksheets[1]!];
    const [leanWs, leanTable] = [lean.worksheets[0]!, lean.worksheets[1]!];
    assert.ok(ws.getCell('C4').dataValidation);
    assert.equal(leanWs.getCell('C4').dataValidation, undefined);
    // exceljs types do not declare the protection it reads back.
    const protection = (w: ExcelJS.Worksheet) => (w as unknown as { sheetProtection?: unknown }).sheetProtection;
    assert.ok(protection(ws));
    assert.equal(protection(leanWs), undefined);
    assert.equal(ws.getImages().length, 1);
    assert.equal(leanWs.getImages().length, 0);
    assert.ok(ws.autoFilter);
    assert.equal(leanWs.autoFilter, undefined);
    assert.ok(table.getTable('T1'));
    assert.equal(leanTable.getTable('T1'), undefined);
  });

  it('refuses bytes that are not an xlsx workbook with the caller’s code, in both languages', async () => {
    await assert.rejects(loadWorkbook(Buffer.from('not a workbook'), { fileName: 'a.xlsx', errorCode: 'test.unreadable' }), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, 'test.unreadable');
      assert.equal(e.kind, 'invalid');
      assert.match(e.messageJa, /a\.xlsx を Excel ブック（\.xlsx）として読めません/);
      assert.match(e.messageEn, /cannot read a\.xlsx as an Excel workbook/);
      return true;
    });
  });
});

describe('cell text', () => {
  it('reads rich text, formula results, links, dates and errors as the text a cell shows', () => {
    assert.equal(cellText({ richText: [{ text: '統' }, { text: '14' }] }), '統14');
    assert.equal(cellText({ formula: 'A1*2', result: 6 } as ExcelJS.CellValue), '6');
    assert.equal(cellText({ text: '手順書', hyperlink: 'https://example.test' }), '手順書');
    assert.equal(cellText(new Date(Date.UTC(2025, 0, 30))), '2025-01-30');
    assert.equal(cellText({ error: '#N/A' } as ExcelJS.CellValue), '#N/A');
    assert.equal(cellText(null), '');
    assert.equal(cellText(undefined), '');
  });

  it('cleans prose: NFC, LF line ends, trimmed, and the export’s formula apostrophe taken off unless asked to keep it', () => {
    assert.equal(cleanCellText(' か\u3099\r\nき\r '), 'が\nき');
    assert.equal(cleanCellText("'=SUM(A1)"), '=SUM(A1)');
    assert.equal(cleanCellText("'@x"), '@x');
    assert.equal(cleanCellText("'abc"), "'abc");
    assert.equal(cleanCellText("'=SUM(A1)", { keepApostrophe: true }), "'=SUM(A1)");
    assert.equal(cleanCellText(undefined), '');
  });
});

describe('cell addresses', () => {
  it('names a cell and a sheet as problems do, in Japanese and English', () => {
    assert.equal(cellAddress('チェックリスト', 2, 12), 'シート「チェックリスト」C12');
    assert.deepEqual(cellProblem('チェックリスト', 4, 12, '回答が空です', 'no answer'), {
      where: 'シート「チェックリスト」E12',
      messageJa: 'シート「チェックリスト」E12: 回答が空です',
      messageEn: 'sheet チェックリスト E12: no answer',
    });
    assert.deepEqual(sheetProblem('ヒアリング', 'シートがありません', 'the sheet is missing'), {
      where: 'シート「ヒアリング」',
      messageJa: 'シート「ヒアリング」: シートがありません',
      messageEn: 'sheet ヒアリング: the sheet is missing',
    });
  });

  it('turns column letters into 0-based indexes', () => {
    assert.deepEqual(['A', 'z', 'AA', ' ab '].map(columnIndex), [0, 25, 26, 27]);
  });
});
