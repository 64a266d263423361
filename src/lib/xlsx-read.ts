/**
 * Reading Excel workbooks that people send in: loading one for an import, the text a cell shows,
 * that text cleaned as prose, and the cell addresses problems are reported at
 * (シート「チェックリスト」C12). Shared by every importer of xlsx (新旧対照表, checklist workbooks,
 * request workbooks), so that they read a cell, and name it, the same way.
 *
 * @example
 * const wb = await loadWorkbook(bytes, { fileName: 'a.xlsx', errorCode: 'catalog.workbook_unreadable' });
 * const ws = wb.worksheets[0]!;
 * cleanCellText(cellText(ws.getCell('C4').value)) // "'=1+1" in the cell → '=1+1'
 * cellProblem(ws.name, 2, 4, '確認項目が空です', 'the question is empty').where // 'シート「…」C4'
 */
import ExcelJS from 'exceljs';
import { columnLetter } from './csv.js';
import { invalid, type Problem } from './errors.js';

/**
 * Worksheet parts an import never reads: validations, formatting, protection, printing, pictures,
 * tables, views and filters. ExcelJS skips their XML, which is part of every workbook Tsunagu exports
 * (protection, list validations, print settings, frozen panes, filters). Kept: `sheetData` (the
 * values), `mergeCells` (a merged 区分 reads as its top-left cell), `hyperlinks` (a linked cell's
 * text) and `cols`.
 */
const IGNORED_NODES = [
  'dataValidations',
  'conditionalFormatting',
  'sheetProtection',
  'pageSetup',
  'printOptions',
  'pageMargins',
  'headerFooter',
  'rowBreaks',
  'picture',
  'drawing',
  'tableParts',
  'extLst',
  'sheetViews',
  'autoFilter',
];

/**
 * Loads a workbook for reading its values. Only what an import reads is parsed (see IGNORED_NODES):
 * do not write the workbook back, it has lost its protection, validations and print settings.
 *
 * @throws AppError `errorCode` (invalid) when the bytes are not an xlsx workbook, telling the user to
 *   save it again as .xlsx.
 * @example
 * const wb = await loadWorkbook(data, { fileName: '回答票.xlsx', errorCode: 'assessment.workbook_unreadable' });
 * wb.getWorksheet('チェックリスト')
 */
export async function loadWorkbook(data: Buffer, opts: { fileName: string; errorCode: string }): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's types predate Node's generic Buffer; the runtime accepts any Buffer.
    await wb.xlsx.load(data as unknown as Parameters<typeof wb.xlsx.load>[0], { ignoreNodes: IGNORED_NODES });
  } catch {
    throw invalid(
      opts.errorCode,
      `${opts.fileName} を Excel ブック（.xlsx）として読めません。Excel で開いて .xlsx 形式で保存し直してください`,
      `cannot read ${opts.fileName} as an Excel workbook (.xlsx); open it in Excel and save it as .xlsx again`,
    );
  }
  return wb;
}

/**
 * The text a cell shows, for every kind of value exceljs returns: a formula as its cached result, a
 * date as YYYY-MM-DD, rich text joined, a hyperlink as its text, an error as #N/A etc.
 *
 * @example
 * cellText({ richText: [{ text: '統' }, { text: '14' }] }) // '統14'
 * cellText({ formula: 'A1*2', result: 6 })                 // '6'
 * cellText(null)                                          // ''
 */
export function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result);
    if ('hyperlink' in v) return cellText((v as { text?: ExcelJS.CellValue }).text);
    if ('error' in v) return String(v.error);
  }
  return '';
}

/**
 * A cell's text as prose is kept: NFC, line ends as LF, surrounding white space trimmed, and the
 * apostrophe that Tsunagu's exports put before a text starting with = + - @ (escapeFormula, against
 * formula injection) taken off again. `keepApostrophe` leaves it for files Tsunagu never wrote.
 *
 * @example
 * cleanCellText(" '=SUM(A1)\r\n")                          // '=SUM(A1)'
 * cleanCellText("'=SUM(A1)", { keepApostrophe: true })     // "'=SUM(A1)"
 * cleanCellText(undefined)                                 // ''
 */
export function cleanCellText(s: string | undefined, opts: { keepApostrophe?: boolean } = {}): string {
  const t = (s ?? '').normalize('NFC').replace(/\r\n?/g, '\n').trim();
  return !opts.keepApostrophe && /^'[=+\-@\t\r]/.test(t) ? t.slice(1) : t;
}

/**
 * A cell's address as problems name it; `col` is 0-based (column A is 0), `row` 1-based.
 *
 * @example
 * cellAddress('チェックリスト', 2, 12) // 'シート「チェックリスト」C12'
 */
export function cellAddress(sheet: string, col: number, row: number): string {
  return `シート「${sheet}」${columnLetter(col)}${row}`;
}

/**
 * A problem at a cell, in Japanese and English, each message led by the cell's address.
 *
 * @example
 * cellProblem('チェックリスト', 4, 12, '回答が空です', 'no answer')
 * // { where: 'シート「チェックリスト」E12', messageJa: 'シート「チェックリスト」E12: 回答が空です',
 * //   messageEn: 'sheet チェックリスト E12: no answer' }
 */
export function cellProblem(sheet: string, col: number, row: number, ja: string, en: string): Problem {
  const cell = `${columnLetter(col)}${row}`;
  return { where: `シート「${sheet}」${cell}`, messageJa: `シート「${sheet}」${cell}: ${ja}`, messageEn: `sheet ${sheet} ${cell}: ${en}` };
}

/**
 * A problem about a whole sheet (missing, or without a header row).
 *
 * @example
 * sheetProblem('ヒアリング', 'シートがありません', 'the sheet is missing').where // 'シート「ヒアリング」'
 */
export function sheetProblem(sheet: string, ja: string, en: string): Problem {
  return { where: `シート「${sheet}」`, messageJa: `シート「${sheet}」: ${ja}`, messageEn: `sheet ${sheet}: ${en}` };
}

/**
 * The 0-based index of a column given by its letters (any case, surrounding spaces ignored): the
 * inverse of columnLetter.
 *
 * @example
 * columnIndex('A')  // 0
 * columnIndex('aa') // 26
 */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.trim().toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A sheet's first rows as the mapping forms show them. */
export interface SheetPreview {
  name: string;
  /** All rows of the sheet (the preview shows the first 40). */
  rowCount: number;
  /** The first non-empty rows: the 1-based row number and each cell's text by column letter, cut at 80 characters. */
  rows: { row: number; cells: { column: string; text: string }[] }[];
}

const PREVIEW_ROWS = 40;
const PREVIEW_COLUMNS = 40;
const PREVIEW_TEXT = 80;

/**
 * The visible sheets of a workbook and their first 40 non-empty rows (40 columns, texts cut at 80
 * characters, as written), for a person choosing a header row and columns.
 *
 * @example
 * previewSheets(wb)[0] // { name: 'チェック表', rowCount: 9, rows: [{ row: 1, cells: [{ column: 'A', text: '番号' }, …] }, …] }
 */
export function previewSheets(wb: ExcelJS.Workbook): SheetPreview[] {
  return wb.worksheets
    .filter((w) => w.state !== 'hidden' && w.state !== 'veryHidden')
    .map((ws) => {
      const rows: SheetPreview['rows'] = [];
      for (let row = 1; row <= Math.min(PREVIEW_ROWS, ws.rowCount); row++) {
        const cells: SheetPreview['rows'][number]['cells'] = [];
        ws.getRow(row).eachCell((c, n) => {
          const text = cleanCellText(cellText(c.value), { keepApostrophe: true });
          if (n <= PREVIEW_COLUMNS && text) cells.push({ column: columnLetter(n - 1), text: text.length > PREVIEW_TEXT ? `${text.slice(0, PREVIEW_TEXT)}…` : text });
        });
        if (cells.length) rows.push({ row, cells });
      }
      return { name: ws.name, rowCount: ws.rowCount, rows };
    });
}
