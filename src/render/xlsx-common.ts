/**
 * What every workbook Tsunagu writes has in common, so that 図表1, the checklist, the request workbook
 * and the results print and look alike: A4 landscape fitted to the page width with the header row
 * repeated on every page and frozen on screen, a bold shaded header row, framed rows of wrapped text
 * as tall as their text, and every text from the data neutralised against formula injection.
 *
 * @example
 * const wb = newWorkbook('確認結果 つなぐ銀行');
 * const ws = wb.addWorksheet('確認結果', sheetOptions({ headerRow: 3 }));
 * ws.columns = [10, 54].map((width) => ({ width }));
 * writeTitleRows(ws, 2, '確認結果', 'つなぐ銀行');
 * writeHeaderRow(ws, 3, ['行内番号', '確認項目']);
 * const texts = ['Sec-1', '=1+1'];
 * addTextRow(ws, texts.map(safeValue), texts, [10, 54]); // B4 holds "'=1+1"
 */
import ExcelJS from 'exceljs';
import { columnLetter, escapeFormula } from '../lib/csv.js';

const THIN = { style: 'thin' } as const;
/** A thin line on every side of a cell. */
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = 'FFEEF2F7';

/**
 * A solid background of one colour (ARGB).
 *
 * @example
 * cell.fill = solidFill('FFFFF2A8'); // the yellow of an answer cell
 */
export function solidFill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/**
 * A workbook written by Tsunagu, titled.
 *
 * @example
 * const wb = newWorkbook('回答票 つなぐ銀行 かんたん家計簿');
 */
export function newWorkbook(title: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tsunagu';
  wb.lastModifiedBy = 'Tsunagu';
  wb.title = title;
  return wb;
}

/**
 * Print and view settings of a sheet: A4 landscape, one page wide, centred, with a page-number
 * footer; with `headerRow`, that row repeated at the top of every printed page and frozen on screen.
 *
 * @example
 * wb.addWorksheet('図表1', sheetOptions({ headerRow: 3 }));
 * wb.addWorksheet('はじめに', sheetOptions({ footer: '&A　&P / &N' })); // no table: nothing repeated
 */
export function sheetOptions(opts: { headerRow?: number; footer?: string } = {}): Partial<ExcelJS.AddWorksheetOptions> {
  const h = opts.headerRow;
  return {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
      ...(h !== undefined ? { printTitlesRow: `${h}:${h}` } : {}),
    },
    ...(h !== undefined ? { views: [{ state: 'frozen', xSplit: 0, ySplit: h, topLeftCell: `A${h + 1}`, activeCell: `A${h + 1}` }] } : {}),
    headerFooter: { oddFooter: opts.footer ?? '&P / &N' },
  } as Partial<ExcelJS.AddWorksheetOptions>;
}

/**
 * A value for a cell: a number stays a number (a value, not text), a text is neutralised with
 * escapeFormula, null leaves the cell empty.
 *
 * @example
 * safeValue('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 * safeValue(-5)                // -5
 */
export function safeValue(v: string | number | null): string | number | null {
  return typeof v === 'string' ? escapeFormula(v) : v;
}

/**
 * The title in A1 (bold, larger) and, when given, a note in A2, each merged across the table's
 * `columns` columns.
 *
 * @example
 * writeTitleRows(ws, 7, '第11版 → 第12版の改訂内容', '新設 1・廃止 0・改訂 16');
 */
export function writeTitleRows(ws: ExcelJS.Worksheet, columns: number, title: string, note?: string): void {
  const last = columnLetter(columns - 1);
  ws.getCell('A1').value = escapeFormula(title);
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.mergeCells(`A1:${last}1`);
  if (note === undefined) return;
  ws.getCell('A2').value = escapeFormula(note);
  ws.mergeCells(`A2:${last}2`);
}

/**
 * The header row: neutralised texts, bold, wrapped, on a pale blue-grey, framed; centred unless
 * `centred` is false.
 *
 * @example
 * writeHeaderRow(ws, 3, ['No.', '区分', '確認項目']);
 */
export function writeHeaderRow(ws: ExcelJS.Worksheet, row: number, headers: string[], opts: { centred?: boolean } = {}): ExcelJS.Row {
  const r = ws.getRow(row);
  r.values = headers.map(escapeFormula);
  r.font = { bold: true };
  r.alignment = { wrapText: true, vertical: 'middle', ...(opts.centred === false ? {} : { horizontal: 'center' as const }) };
  r.eachCell((c) => {
    c.fill = solidFill(HEADER_FILL);
    c.border = BORDER;
  });
  return r;
}

/** Display width in Excel's units (one for Latin, about two for full-width Japanese characters). */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/**
 * The height of a row of wrapped texts in columns of `widths`. Excel does not grow a row to fit
 * wrapped text in a file it opens: estimate the lines the tallest cell needs, so that no text is
 * hidden on screen or on paper.
 *
 * @example
 * rowHeight(['短い', 'a\nb\nc'], [10, 10]) // 52: three lines
 */
export function rowHeight(texts: string[], widths: readonly number[]): number {
  let lines = 1;
  texts.forEach((t, i) => {
    const usable = (widths[i] ?? 10) - 2;
    const n = t.split(/\r\n|\r|\n/).reduce((sum, l) => sum + Math.max(1, Math.ceil(displayWidth(l) / usable)), 0);
    lines = Math.max(lines, n);
  });
  return Math.min(409, Math.ceil(lines * 16 + 4));
}

/**
 * Adds a row of the table: wrapped, top-aligned, every cell framed, as tall as `texts` need in
 * columns of `widths`. `values` are written as given (neutralise them first: safeValue, or rich
 * text); `texts` are what the cells show, before any neutralising apostrophe.
 *
 * @example
 * const texts = ['Sec-1', '7', text];
 * addTextRow(ws, ['Sec-1', 7, safeValue(text)], texts, [10, 6, 54]);
 */
export function addTextRow(ws: ExcelJS.Worksheet, values: ExcelJS.CellValue[], texts: string[], widths: readonly number[]): ExcelJS.Row {
  const r = ws.addRow(values);
  r.alignment = { wrapText: true, vertical: 'top' };
  r.height = rowHeight(texts, widths);
  r.eachCell({ includeEmpty: true }, (c) => (c.border = BORDER));
  return r;
}
