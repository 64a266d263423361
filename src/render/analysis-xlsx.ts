/**
 * 図表1 as an xlsx workbook for people who work in Excel: one sheet, the changed text as rich text
 * (underlined new text, red struck-through deletions), tag, summary, judgment and reason in columns of
 * their own so they can be filtered, A4 landscape with the header row repeated on every page.
 *
 * Every text from the data goes through escapeFormula: a string cell is never evaluated here, but a
 * text such as `=HYPERLINK(…)` becomes a live formula as soon as someone edits the cell or saves the
 * sheet as CSV, so it is neutralised with a leading apostrophe.
 */
import type ExcelJS from 'exceljs';
import { columnLetter, escapeFormula } from '../lib/csv.js';
import type { AnalysisView, Segment } from '../modules/revision/analysis.types.js';
import { checklistCell, checklistText, countsText, headers, isUnderlined, judgmentLabel, provisionHeader, rangeText, type Lang } from './analysis-common.js';
import { addTextRow, newWorkbook, sheetOptions, writeHeaderRow, writeTitleRows } from './xlsx-common.js';

const DELETED_RED = 'FFC00000';
const HEADER_ROW = 3;
const COLUMN_WIDTHS = [28, 34, 70, 18, 36, 14, 36];

/** The changed text as rich text runs; '' when the row has no text (the old text is unknown). */
export function richTextOf(segments: Segment[]): ExcelJS.CellRichTextValue | string {
  const runs: ExcelJS.RichText[] = segments
    .filter((s) => s.text)
    .map((s) => {
      if (isUnderlined(s)) return { text: s.text, font: { underline: true } };
      if (s.kind === 'deleted') return { text: s.text, font: { strike: true, color: { argb: DELETED_RED } } };
      return { text: s.text };
    });
  if (!runs.length) return '';
  // The cell's text is what a copy or a CSV export takes: it gets the same protection as plain cells.
  runs[0] = { ...runs[0]!, text: escapeFormula(runs[0]!.text) };
  return { richText: runs };
}

export async function renderAnalysisXlsx(a: AnalysisView, opts: { lang?: Lang } = {}): Promise<Buffer> {
  const lang = opts.lang ?? 'ja';
  const h = headers(lang);
  const wb = newWorkbook(a.title);
  // Stable properties: the same analysis gives the same workbook metadata whenever it is exported.
  const created = new Date(a.createdAt);
  if (!Number.isNaN(created.getTime())) {
    wb.created = created;
    wb.modified = created;
  }
  const ws = wb.addWorksheet(lang === 'ja' ? '図表1' : 'Table 1', sheetOptions({ headerRow: HEADER_ROW }));
  ws.columns = COLUMN_WIDTHS.map((width) => ({ width }));
  const lastColumn = columnLetter(COLUMN_WIDTHS.length - 1);

  const meta = [`${a.ruleSet.name}　${rangeText(a, lang)}`, countsText(a, lang), checklistText(a, lang)].filter(Boolean).join('　');
  writeTitleRows(ws, COLUMN_WIDTHS.length, a.title, meta);
  writeHeaderRow(ws, HEADER_ROW, [h.checklist, provisionHeader(a, lang), h.changes, h.tag, h.summary, h.judgment, h.reason], { centred: false });

  for (const row of a.rows) {
    const texts = [
      checklistCell(row),
      row.provisionLabel,
      row.segments.map((s) => s.text).join(''),
      row.tag ?? '',
      row.summary ?? '',
      judgmentLabel(row.revisionNeeded, lang),
      row.reason ?? '',
    ];
    const values = texts.map((t, i) => (i === 2 ? richTextOf(row.segments) : escapeFormula(t)));
    // '-' (no item cites the row) is our own mark, not text from the data: it stays as 図表1 prints it.
    if (!row.items.length) values[0] = '-';
    addTextRow(ws, values, texts, COLUMN_WIDTHS);
  }
  ws.autoFilter = `A${HEADER_ROW}:${lastColumn}${HEADER_ROW + a.rows.length}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
