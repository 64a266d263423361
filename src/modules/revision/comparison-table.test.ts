import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../../lib/errors.js';
import { parseComparisonTable, type ComparisonTableRow } from './comparison-table.js';

/** Files made by scripts/make-fixtures.ts; the addresses below are written from its tables. */
const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url));

/** The content of the good fixtures, without `where`. */
const EXPECTED: Omit<ComparisonTableRow, 'where'>[] = [
  {
    code: '統14',
    oldText: '教育テーマとしては、以下の例がある。 (6) サイバーセキュリティ (コンピュータウイルスへの対応等)',
    newText: '教育テーマとしては、以下の例がある。 (6) サイバーセキュリティ (コンピュータウイルスへの対応等)、(7) （サンプル）生成AIの利用に伴うリスク',
    title: 'セキュリティ教育を行うこと。',
  },
  { code: '実14-1', oldText: null, newText: '（サンプル）API接続先の認証情報を適切に管理すること。', title: '（サンプル）認証情報の管理' },
  {
    code: '実21',
    oldText:
      '1-(2)アクセス履歴による検知システムの 運転状況監視 や、稼働履歴の分析等により、 運転状況の異常、重要ファイルへの不正アクセス、異常なパスワードエラー回数等を確認し、不正行為を検知する。',
    newText: null,
    title: 'コンピュータウイルス等の不正プログラムの検知対策を講ずること。',
  },
  {
    code: '実16',
    oldText: '(2) CD/ATM 等やデビットカード端末 を利用したカード取引においては、暗証番号が規定回数誤入力された場合、以後のカード取引を禁止する。',
    newText:
      '(2) CD/ATM 等やデビットカード端末 を利用したカード取引においては、暗証番号が規定回数誤入力された場合、以後のカード取引を禁止する。\n(3) （サンプル）生体認証, "パスキー"等を利用する場合は、その認証情報を適切に管理する。',
    title: null,
  },
];

const withoutWhere = (rows: ComparisonTableRow[]) => rows.map(({ where: _where, ...rest }) => rest);

/** Runs `fn`, expecting an AppError, and returns it. */
async function appError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof AppError, `expected an AppError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected an error');
}

async function xlsxOf(sheetName: string, rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  rows.forEach((r, i) => r.forEach((v, j) => v !== null && (ws.getRow(i + 1).getCell(j + 1).value = v)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('parseComparisonTable: reading', () => {
  it('reads a Shift_JIS (CP932) CSV as Excel writes it', async () => {
    const rows = await parseComparisonTable(fixture('comparison-table-cp932.csv'), 'comparison-table-cp932.csv');
    assert.deepEqual(withoutWhere(rows), EXPECTED);
  });

  it('reads the same table from UTF-8 CSV with a BOM and from xlsx', async () => {
    const utf8 = await parseComparisonTable(fixture('comparison-table-utf8.csv'), 'comparison-table-utf8.csv');
    const xlsx = await parseComparisonTable(fixture('comparison-table.xlsx'), 'comparison-table.xlsx');
    assert.deepEqual(withoutWhere(utf8), EXPECTED);
    assert.deepEqual(withoutWhere(xlsx), EXPECTED);
  });

  it('reads UTF-8 CSV without a BOM', async () => {
    const rows = await parseComparisonTable(Buffer.from('基準番号,旧,新\n統14,旧い本文,新しい本文\n'), 't.csv');
    assert.deepEqual(withoutWhere(rows), [{ code: '統14', oldText: '旧い本文', newText: '新しい本文', title: null }]);
  });

  it('names each row by its spreadsheet row, skipping the empty row 4, and names the sheet for xlsx', async () => {
    const csv = await parseComparisonTable(fixture('comparison-table-cp932.csv'), 'x.csv');
    assert.deepEqual(csv.map((r) => r.where), ['2行目', '3行目', '5行目', '6行目']);
    const xlsx = await parseComparisonTable(fixture('comparison-table.xlsx'), 'x.xlsx');
    assert.deepEqual(xlsx.map((r) => r.where), ['シート「新旧対照表」 2行目', 'シート「新旧対照表」 3行目', 'シート「新旧対照表」 5行目', 'シート「新旧対照表」 6行目']);
  });

  it('takes an empty 旧 as a new provision and an empty 新 as a removed one', async () => {
    const rows = await parseComparisonTable(fixture('comparison-table-cp932.csv'), 'x.csv');
    assert.deepEqual(rows.filter((r) => r.oldText === null).map((r) => r.code), ['実14-1']);
    assert.deepEqual(rows.filter((r) => r.newText === null).map((r) => r.code), ['実21']);
  });

  it('normalises codes with full-width digits and stray spaces', async () => {
    const csv = ['基準番号,旧,新', '統１４,a,b', '実 103 - 1,c,d', 'Ｐ１６,e,f', 'A1,g,h'].join('\r\n');
    const rows = await parseComparisonTable(iconv.encode(csv, 'cp932'), 't.csv');
    assert.deepEqual(rows.map((r) => r.code), ['統14', '実103-1', '実16', '監1']);
  });

  it('keeps text as written but NFC, with CRLF as LF and surrounding whitespace trimmed', async () => {
    const decomposed = 'テ\u3099スト'; // デ written as テ + combining dakuten
    const csv = `基準番号,旧,新\r\n統14,"  一行目\r\n  二行目  ",${decomposed}\r\n`;
    const [row] = await parseComparisonTable(Buffer.from(csv), 't.csv');
    assert.equal(row!.oldText, '一行目\n  二行目');
    assert.equal(row!.newText, 'デスト');
  });

  it('accepts the alternative headers, in any case and width, with a note in brackets', async () => {
    const csv = ['Ｃｏｄｅ, OLD ,改訂後（第13版）,Title,備考', 'C14,旧,新,見出し,無視される'].join('\n');
    const rows = await parseComparisonTable(Buffer.from(csv), 't.csv');
    assert.deepEqual(withoutWhere(rows), [{ code: '統14', oldText: '旧', newText: '新', title: '見出し' }]);
    const jp = ['基準項目,改訂前,改訂後,基準項目名', '統14,旧,新,見出し'].join('\n');
    assert.deepEqual(withoutWhere(await parseComparisonTable(Buffer.from(jp), 't.csv')), withoutWhere(rows));
  });

  it('finds the header below a title row and counts rows from the top of the sheet', async () => {
    const csv = ['新旧対照表（第13版案）,,', ',,', '番号,旧,新', '統14,旧,新'].join('\r\n');
    const rows = await parseComparisonTable(Buffer.from(csv), 't.csv');
    assert.deepEqual(rows.map((r) => [r.code, r.where]), [['統14', '4行目']]);
  });

  it('reads rich text and formula results from xlsx cells as plain text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表');
    ws.addRow(['基準番号', '旧', '新', '見出し']);
    ws.addRow(['実16', { formula: '"旧"&"本文"', result: '旧本文' }, { richText: [{ text: '新' }, { text: '本文', font: { underline: true } }] }, 42]);
    const rows = await parseComparisonTable(Buffer.from(await wb.xlsx.writeBuffer()), 't.xlsx');
    assert.deepEqual(withoutWhere(rows), [{ code: '実16', oldText: '旧本文', newText: '新本文', title: '42' }]);
  });

  it('reads an xlsx workbook saved under a .csv name as xlsx', async () => {
    const rows = await parseComparisonTable(fixture('comparison-table.xlsx'), 'renamed.csv');
    assert.deepEqual(withoutWhere(rows), EXPECTED);
  });
});

describe('parseComparisonTable: problems', () => {
  it('reports every bad row of the bad fixture by its cell address, in one error', async () => {
    const e = await appError(parseComparisonTable(fixture('comparison-table-bad.csv'), 'comparison-table-bad.csv'));
    assert.equal(e.code, 'revision.comparison_table_invalid');
    assert.equal(e.kind, 'invalid');
    assert.deepEqual(e.problems, [
      { where: 'A3', messageJa: 'セル A3: 基準番号が空欄です', messageEn: 'cell A3: the provision code is empty' },
      { where: 'B4', messageJa: 'セル B4: 旧・新のどちらかに本文が必要です', messageEn: 'cell B4: either old or new text is required' },
      {
        where: 'A5',
        messageJa: 'セル A5: 基準番号「統14」が重複しています（A2 と同じ）',
        messageEn: 'cell A5: duplicate provision code 統14 (same as A2)',
      },
      { where: 'B6', messageJa: 'セル B6: 旧・新のどちらかに本文が必要です', messageEn: 'cell B6: either old or new text is required' },
    ]);
    assert.equal(e.messageJa, '新旧対照表に 4 件の問題があります。何も取り込んでいません');
  });

  it('names the sheet in the cell address of an xlsx problem', async () => {
    const buf = await xlsxOf('新旧対照表', [['基準番号', '旧', '新'], ['統14', 'a', 'b'], ['統 14', null, null], [null, 'c', null]]);
    const e = await appError(parseComparisonTable(buf, 't.xlsx'));
    assert.deepEqual(
      e.problems.map((p) => p.where),
      ['シート「新旧対照表」A3', 'シート「新旧対照表」B3', 'シート「新旧対照表」A4'],
    );
    assert.equal(e.problems[1]!.messageJa, 'セル シート「新旧対照表」B3: 旧・新のどちらかに本文が必要です');
  });

  it('addresses cells by the columns the header puts them in', async () => {
    const e = await appError(parseComparisonTable(Buffer.from('見出し,新,旧,基準番号\nx,,,統14\n'), 't.csv'));
    assert.deepEqual(e.problems.map((p) => p.where), ['C2']);
  });

  it('names every missing column and the header row', async () => {
    const e = await appError(parseComparisonTable(Buffer.from('\n番号,備考\n統14,a\n'), 't.csv'));
    assert.equal(e.code, 'revision.comparison_table_invalid');
    assert.deepEqual(e.problems.map((p) => p.where), ['2行目', '2行目']);
    assert.match(e.problems[0]!.messageJa, /^見出し行（2行目）に「旧」の列がありません/);
    assert.match(e.problems[1]!.messageEn, /^the header row \(row 2\) has no new text column/);
  });

  it('names the header row with its sheet for xlsx', async () => {
    const e = await appError(parseComparisonTable(await xlsxOf('Sheet1', [['基準番号', '旧'], ['統14', 'a']]), 't.xlsx'));
    assert.deepEqual(e.problems.map((p) => p.where), ['シート「Sheet1」 1行目']);
  });

  it('refuses a header with the same column twice, at the second cell', async () => {
    const e = await appError(parseComparisonTable(Buffer.from('基準番号,旧,新,改訂後\n統14,a,b,c\n'), 't.csv'));
    assert.deepEqual(e.problems.map((p) => p.where), ['D1']);
    assert.match(e.problems[0]!.messageJa, /「新」の列が C1 にもあります/);
  });

  it('refuses a file that is not .csv or .xlsx', async () => {
    for (const name of ['t.xls', 't.txt', 'noext']) {
      const e = await appError(parseComparisonTable(Buffer.from('基準番号,旧,新\n'), name));
      assert.equal(e.code, 'revision.comparison_table_unsupported_format');
    }
  });

  it('refuses an empty file, a file with only a BOM, and a header without rows', async () => {
    for (const [bytes, name] of [
      [Buffer.alloc(0), 'a.csv'],
      [Buffer.alloc(0), 'a.xlsx'],
      [Buffer.from('\uFEFF', 'utf8'), 'a.csv'],
      [Buffer.from('\r\n,,\r\n'), 'a.csv'],
      [Buffer.from('基準番号,旧,新\r\n,,\r\n'), 'a.csv'],
    ] as const) {
      const e = await appError(parseComparisonTable(bytes, name));
      assert.equal(e.code, 'revision.comparison_table_empty', JSON.stringify(bytes.toString()));
    }
  });

  it('refuses an xlsx file that cannot be read', async () => {
    const e = await appError(parseComparisonTable(Buffer.from('not a workbook'), 't.xlsx'));
    assert.equal(e.code, 'revision.comparison_table_unreadable');
    assert.ok(e.messageJa.includes('t.xlsx') && e.messageEn.includes('t.xlsx'));
  });

  it('refuses a CSV whose quoted field is never closed, naming the cell where it starts', async () => {
    const e = await appError(parseComparisonTable(Buffer.from('基準番号,旧,新\r\n統14,"a,b\r\n'), 't.csv'));
    assert.equal(e.code, 'revision.comparison_table_unreadable');
    assert.deepEqual(e.problems.map((p) => p.where), ['B2']);
  });
});
