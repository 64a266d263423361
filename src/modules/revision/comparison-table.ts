/**
 * Reading a 新旧対照表 (old/new comparison table) from CSV or xlsx.
 *
 * The table has a header row naming the columns 基準番号, 旧 and 新 (and optionally 見出し); each row
 * below is one provision. An empty 旧 means a new provision, an empty 新 a removed one. CSV may be
 * UTF-8 (with or without BOM) or Shift_JIS (CP932) as Excel saves it; for xlsx the first worksheet is
 * read. Every problem is collected and reported with its cell address (B4, or シート「新旧対照表」B4)
 * before anything is returned, so that a user can fix the whole file in one go.
 */
import path from 'node:path';
import { CsvSyntaxError, columnLetter, decodeText, parseCsv } from '../../lib/csv.js';
import { AppError, invalid, type Problem } from '../../lib/errors.js';
import { normalizeProvisionCode } from '../../lib/provision-code.js';
import { cellText, cleanCellText, loadWorkbook } from '../../lib/xlsx-read.js';

export interface ComparisonTableRow {
  /** Provision code, normalised (実 103 - 1 → 実103-1). */
  code: string;
  /** The text before the revision; null for a new provision (empty 旧). */
  oldText: string | null;
  /** The text after the revision; null for a removed provision (empty 新). */
  newText: string | null;
  /** 見出し, when the table has that column and the cell is filled. */
  title: string | null;
  /** The row, for messages about it: 'シート「新旧対照表」 3行目', or '3行目' for CSV. */
  where: string;
}

type Column = 'code' | 'old' | 'new' | 'title';

/** Accepted header names, compared after {@link headerKey}. The first is the one shown in messages. */
const HEADER_NAMES: Record<Column, string[]> = {
  code: ['基準番号', '番号', 'code', '基準項目', '基準項目番号'],
  old: ['旧', '改訂前', 'old', '旧本文', '改正前'],
  new: ['新', '改訂後', 'new', '新本文', '改正後'],
  title: ['見出し', 'title', '基準項目名', '項目名'],
};
const REQUIRED: Column[] = ['code', 'old', 'new'];
const COLUMN_EN: Record<Column, string> = { code: 'provision code', old: 'old text', new: 'new text', title: 'title' };

/**
 * The comparable form of a header cell: NFKC, no spaces, lower case, and without a trailing
 * parenthesised note, so that 「改訂前（第12版）」 and 「 OLD 」 are recognised.
 */
function headerKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .toLowerCase()
    .replace(/(?:\([^()]*\)|【[^【】]*】|\[[^[\]]*\])$/, '');
}

const COLUMN_OF_KEY = new Map<string, Column>(
  (Object.entries(HEADER_NAMES) as [Column, string[]][]).flatMap(([col, names]) => names.map((n) => [headerKey(n), col] as const)),
);

/** How many non-empty rows above the header (a title such as 「新旧対照表」) are skipped at most. */
const MAX_ROWS_BEFORE_HEADER = 10;

/** A row of cells as a spreadsheet numbers them: `number` is 1-based, `cells[0]` is column A. */
interface GridRow {
  number: number;
  cells: string[];
}

interface Grid {
  rows: GridRow[];
  /** Prefix of cell addresses: シート「…」 for xlsx, '' for CSV. */
  sheet: string;
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const isZip = (data: Buffer) => ZIP_SIGNATURE.every((b, i) => data[i] === b);

/**
 * Parses a comparison table. `fileName` decides the format (.csv or .xlsx); an xlsx file saved under a
 * .csv name is still read as xlsx.
 *
 * @throws AppError `revision.comparison_table_empty` (no bytes, no rows, or no rows below the header),
 *   `revision.comparison_table_unsupported_format` (not .csv or .xlsx),
 *   `revision.comparison_table_unreadable` (not a readable xlsx, or a CSV quote never closed),
 *   `revision.comparison_table_invalid` (missing columns or bad rows, with one problem per cell).
 */
export async function parseComparisonTable(data: Buffer, fileName: string): Promise<ComparisonTableRow[]> {
  const ext = path.extname(fileName).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') {
    throw invalid(
      'revision.comparison_table_unsupported_format',
      `新旧対照表は CSV（.csv）か Excel ブック（.xlsx）で指定してください（${fileName}）`,
      `a comparison table must be a .csv or .xlsx file (got ${fileName})`,
    );
  }
  if (!data.length) throw emptyTable(fileName);
  const grid = ext === '.xlsx' || isZip(data) ? await readXlsx(data, fileName) : readCsv(data, fileName);
  return readTable(grid, fileName);
}

function emptyTable(fileName: string, detail?: { ja: string; en: string }): AppError {
  return invalid(
    'revision.comparison_table_empty',
    `新旧対照表 ${fileName} が空です${detail ? `（${detail.ja}）` : ''}`,
    `the comparison table ${fileName} is empty${detail ? ` (${detail.en})` : ''}`,
  );
}

function readCsv(data: Buffer, fileName: string): Grid {
  let records: string[][];
  try {
    records = parseCsv(decodeText(data).text);
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    const cell = `${columnLetter(e.column - 1)}${e.row}`;
    throw invalid(
      'revision.comparison_table_unreadable',
      `${fileName} を CSV として読めません`,
      `cannot read ${fileName} as CSV`,
      [
        {
          where: cell,
          messageJa: `セル ${cell}: 「"」で始まる項目が閉じられていません`,
          messageEn: `cell ${cell}: a field starting with a quote (") is never closed`,
        },
      ],
    );
  }
  return { rows: records.map((cells, i) => ({ number: i + 1, cells })), sheet: '' };
}

async function readXlsx(data: Buffer, fileName: string): Promise<Grid> {
  const wb = await loadWorkbook(data, { fileName, errorCode: 'revision.comparison_table_unreadable' });
  const ws = wb.worksheets[0];
  if (!ws) throw emptyTable(fileName, { ja: 'シートがありません', en: 'it has no worksheet' });
  const rows: GridRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      // A merged range keeps its value in the top-left cell; exceljs repeats it in the others.
      if (cell.isMerged && cell.master !== cell) return;
      cells[col - 1] = cellText(cell.value);
    });
    rows.push({ number, cells: Array.from(cells, (c) => c ?? '') });
  });
  return { rows, sheet: `シート「${ws.name}」` };
}

/**
 * Prose as written. Tsunagu exports no 新旧対照表, so a leading apostrophe in one is the author's
 * text, not an export's formula guard, and stays.
 */
const cleanText = (s: string | undefined) => cleanCellText(s, { keepApostrophe: true });

function findHeader(grid: Grid): { row: GridRow; columns: Map<Column, number>; problems: Problem[] } | null {
  const candidates = grid.rows.filter((r) => r.cells.some((c) => cleanText(c) !== '')).slice(0, MAX_ROWS_BEFORE_HEADER + 1);
  if (!candidates.length) return null;
  const read = (row: GridRow) => {
    const columns = new Map<Column, number>();
    const problems: Problem[] = [];
    row.cells.forEach((cell, i) => {
      const col = COLUMN_OF_KEY.get(headerKey(cell));
      if (!col) return;
      if (columns.has(col)) {
        const addr = `${grid.sheet}${columnLetter(i)}${row.number}`;
        const first = `${columnLetter(columns.get(col)!)}${row.number}`;
        problems.push({
          where: addr,
          messageJa: `セル ${addr}: 「${HEADER_NAMES[col][0]}」の列が ${first} にもあります`,
          messageEn: `cell ${addr}: a second ${COLUMN_EN[col]} column (the first is ${first})`,
        });
      } else columns.set(col, i);
    });
    return { row, columns, problems };
  };
  // The first non-empty row is the header, unless it is a title above the header (「新旧対照表」).
  const withAll = candidates.map(read).find((h) => REQUIRED.every((c) => h.columns.has(c)));
  return withAll ?? read(candidates[0]!);
}

function readTable(grid: Grid, fileName: string): ComparisonTableRow[] {
  const header = findHeader(grid);
  if (!header) throw emptyTable(fileName);
  const rowLabel = (n: number) => (grid.sheet ? `${grid.sheet} ${n}行目` : `${n}行目`);
  const missing = REQUIRED.filter((c) => !header.columns.has(c));
  if (missing.length || header.problems.length) {
    const problems = [
      ...missing.map((c) => ({
        where: rowLabel(header.row.number),
        messageJa: `見出し行（${header.row.number}行目）に「${HEADER_NAMES[c][0]}」の列がありません（見出しは ${HEADER_NAMES[c].join('・')} のいずれか）`,
        messageEn: `the header row (row ${header.row.number}) has no ${COLUMN_EN[c]} column (headed ${HEADER_NAMES[c].join(', ')})`,
      })),
      ...header.problems,
    ];
    throw tableInvalid(problems);
  }
  const col = (c: Column) => header.columns.get(c);
  const addr = (c: Column, row: GridRow) => `${grid.sheet}${columnLetter(col(c)!)}${row.number}`;

  const problems: Problem[] = [];
  const rows: ComparisonTableRow[] = [];
  const firstCell = new Map<string, string>();
  for (const row of grid.rows.filter((r) => r.number > header.row.number)) {
    if (row.cells.every((c) => cleanText(c) === '')) continue;
    const at = (c: Column) => {
      const i = col(c);
      return i === undefined ? '' : cleanText(row.cells[i]);
    };
    const rawCode = at('code');
    const oldText = at('old');
    const newText = at('new');
    const code = rawCode ? normalizeProvisionCode(rawCode) : '';
    let ok = true;
    if (!code) {
      const a = addr('code', row);
      problems.push({ where: a, messageJa: `セル ${a}: 基準番号が空欄です`, messageEn: `cell ${a}: the provision code is empty` });
      ok = false;
    } else if (firstCell.has(code)) {
      const a = addr('code', row);
      const first = firstCell.get(code)!;
      problems.push({
        where: a,
        messageJa: `セル ${a}: 基準番号「${code}」が重複しています（${first} と同じ）`,
        messageEn: `cell ${a}: duplicate provision code ${code} (same as ${first})`,
      });
      ok = false;
    } else {
      firstCell.set(code, addr('code', row));
    }
    if (!oldText && !newText) {
      const a = addr('old', row);
      problems.push({ where: a, messageJa: `セル ${a}: 旧・新のどちらかに本文が必要です`, messageEn: `cell ${a}: either old or new text is required` });
      ok = false;
    }
    if (!ok) continue;
    rows.push({
      code,
      oldText: oldText || null,
      newText: newText || null,
      title: at('title') || null,
      where: rowLabel(row.number),
    });
  }
  if (problems.length) throw tableInvalid(problems);
  if (!rows.length) {
    throw emptyTable(fileName, {
      ja: `見出し行（${header.row.number}行目）の下に行がありません`,
      en: `there are no rows below the header row (row ${header.row.number})`,
    });
  }
  return rows;
}

function tableInvalid(problems: Problem[]): AppError {
  return new AppError(
    'revision.comparison_table_invalid',
    'invalid',
    {
      ja: `新旧対照表に ${problems.length} 件の問題があります。何も取り込んでいません`,
      en: `The comparison table has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported`,
    },
    problems,
  );
}
