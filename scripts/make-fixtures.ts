/**
 * Writes the 新旧対照表 test fixtures in test/fixtures/ from one table, so that the CSV (CP932 and
 * UTF-8 with BOM) and xlsx versions hold the same content. The tests assert exact cell addresses in these files: change
 * the expectations in src/modules/revision/comparison-table.test.ts with them.
 *
 * Run: node --import tsx scripts/make-fixtures.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures');

/**
 * The good table, as a spreadsheet shows it (row 4 is left empty on purpose). Its 旧 texts are those of
 * 安全対策基準 第12版 in data/reference/, so that the README's tour can apply it to that edition. Row 2
 * changes 統14 (its code written with full-width digits), row 3 adds 実14-1 (empty 旧, code written
 * loosely), row 5 removes 実21 (empty 新), row 6 changes 実16 with a comma, quotes and a line break in
 * 新. Added wording is marked （サンプル）: it is not FISC's.
 */
export const GOOD_TABLE: string[][] = [
  ['基準番号', '旧', '新', '見出し'],
  [
    '統１４',
    '教育テーマとしては、以下の例がある。 (6) サイバーセキュリティ (コンピュータウイルスへの対応等)',
    '教育テーマとしては、以下の例がある。 (6) サイバーセキュリティ (コンピュータウイルスへの対応等)、(7) （サンプル）生成AIの利用に伴うリスク',
    'セキュリティ教育を行うこと。',
  ],
  ['実 14 - 1', '', '（サンプル）API接続先の認証情報を適切に管理すること。', '（サンプル）認証情報の管理'],
  ['', '', '', ''],
  [
    '実21',
    '1-(2)アクセス履歴による検知システムの 運転状況監視 や、稼働履歴の分析等により、 運転状況の異常、重要ファイルへの不正アクセス、異常なパスワードエラー回数等を確認し、不正行為を検知する。',
    '',
    'コンピュータウイルス等の不正プログラムの検知対策を講ずること。',
  ],
  [
    '実16',
    '(2) CD/ATM 等やデビットカード端末 を利用したカード取引においては、暗証番号が規定回数誤入力された場合、以後のカード取引を禁止する。',
    '(2) CD/ATM 等やデビットカード端末 を利用したカード取引においては、暗証番号が規定回数誤入力された場合、以後のカード取引を禁止する。\r\n(3) （サンプル）生体認証, "パスキー"等を利用する場合は、その認証情報を適切に管理する。',
    '',
  ],
];

/** A UTF-8 (with BOM) table with problems in A3, B4, A5 and B6; row 7 is empty and row 8 is good. */
export const BAD_TABLE: string[][] = [
  ['基準番号', '旧', '新', '見出し'],
  ['統14', '旧本文', '新本文', ''],
  ['', '基準番号のない行', '', ''],
  ['実16', '', '', '本文のない行'],
  ['統 14', '別の旧本文', '別の新本文', ''],
  ['実20', '', '', ''],
  ['', '', '', ''],
  ['監1', '監査法人を利用した監査を行う。', '', ''],
];

function csv(rows: string[][]): string {
  const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return rows.map((r) => `${r.map(field).join(',')}\r\n`).join('');
}

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // Fixed dates keep the file the same from one run to the next, apart from the zip's own times.
  wb.created = wb.modified = new Date('2025-01-30T00:00:00Z');
  const ws = wb.addWorksheet('新旧対照表');
  rows.forEach((r, i) => {
    if (r.every((c) => c === '')) return;
    const row = ws.getRow(i + 1);
    r.forEach((c, j) => {
      if (c !== '') row.getCell(j + 1).value = c.replace(/\r\n/g, '\n');
    });
  });
  // As people write them: the inserted words underlined (rich text), and a 見出し made by a formula.
  ws.getCell('C2').value = {
    richText: [
      { text: '教育テーマとしては、以下の例がある。 (6) サイバーセキュリティ (コンピュータウイルスへの対応等)' },
      { text: '、(7) （サンプル）生成AIの利用に伴うリスク', font: { underline: true } },
    ],
  };
  ws.getCell('D3').value = { formula: '"（サンプル）"&"認証情報の管理"', result: '（サンプル）認証情報の管理' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function main() {
  mkdirSync(FIXTURES_DIR, { recursive: true });
  writeFileSync(path.join(FIXTURES_DIR, 'comparison-table-cp932.csv'), iconv.encode(csv(GOOD_TABLE), 'cp932'));
  writeFileSync(path.join(FIXTURES_DIR, 'comparison-table-utf8.csv'), Buffer.from(`\uFEFF${csv(GOOD_TABLE)}`, 'utf8'));
  writeFileSync(path.join(FIXTURES_DIR, 'comparison-table.xlsx'), await xlsx(GOOD_TABLE));
  writeFileSync(path.join(FIXTURES_DIR, 'comparison-table-bad.csv'), Buffer.from(`\uFEFF${csv(BAD_TABLE)}`, 'utf8'));
  console.error(`wrote comparison-table-{cp932,utf8,bad}.csv and comparison-table.xlsx in ${FIXTURES_DIR}`);
}

await main();
