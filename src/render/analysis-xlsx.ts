/**
 * 図表1 as an xlsx workbook for people who work in Excel: one sheet, the changed text as rich text
 * (underlined new text, red struck-through deletions), tag, summary, judgment and reason in columns of
 * their own so they can be filtered, A4 landscape with the header row repeated on every page.
 *
 * Every text from the data goes through escapeFormula: a string cell is never evaluated here, but a
 * text such as `=HYPERLINK(…)` becomes a live formula as soon as someone edits the cell or saves the
 * sheet as CSV, so it is neutralised with a leading apostrophe.
 */
import ExcelJS from 'exceljs';
import { columnLetter, escapeFormula } from '../lib/csv.js';
import type { AnalysisView, Segment } from '../modules/revision/analysis.types.js';
import { checklistCell, checklistText, countsText, headers, isUnderlined, judgmentLabel, provisionHeader, rangeText, type Lang } from './analysis-common.js';

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

/** Display width in Excel's units (one for Latin, about two for full-width Japanese characters). */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/**
 * Excel does not grow a row to fit wrapped text in a file it opens: estimate the lines the tallest
 * cell needs, so that no text is hidden on screen or on paper.
 */
function rowHeight(texts: string[]): number {
  let lines = 1;
  texts.forEach((t, i) => {
    const usable = (COLUMN_WIDTHS[i] ?? 10) - 2;
    const n = t.split(/\r\n|\r|\n/).reduce((sum, l) => sum + Math.max(1, Math.ceil(displayWidth(l) / usable)), 0);
    lines = Math.max(lines, n);
  });
  return Math.min(409, Math.ceil(lines * 16 + 4));
}

export async function renderAnalysisXlsx(a: AnalysisView, opts: { lang?: Lang } = {}): Promise<Buffer> {
  const lang = opts.lang ?? 'ja';
  const h = headers(lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tsunagu';
  wb.lastModifiedBy = 'Tsunagu';
  wb.title = a.title;
  // Stable properties: the same analysis gives the same workbook metadata whenever it is exported.
  const created = new Date(a.createdAt);
  if (!Number.isNaN(created.getTime())) {
    wb.created = created;
    wb.modified = created;
  }
  const ws = wb.addWorksheet(lang === 'ja' ? '図表1' : 'Table 1', {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `A${HEADER_ROW + 1}` }],
    headerFooter: { oddFooter: '&P / &N' },
  });
  ws.columns = COLUMN_WIDTHS.map((width) => ({ width }));
  const lastColumn = columnLetter(COLUMN_WIDTHS.length - 1);

  ws.getCell('A1').value = escapeFormula(a.title);
  ws.getCell('A1').font = { bold: true, size: 14 };
  const meta = [`${a.ruleSet.name}　${rangeText(a, lang)}`, countsText(a, lang), checklistText(a, lang)].filter(Boolean).join('　');
  ws.getCell('A2').value = escapeFormula(meta);
  ws.mergeCells(`A1:${lastColumn}1`);
  ws.mergeCells(`A2:${lastColumn}2`);

  const header = ws.getRow(HEADER_ROW);
  header.values = [h.checklist, provisionHeader(a, lang), h.changes, h.tag, h.summary, h.judgment, h.reason].map(escapeFormula);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF2F7' } };
    c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  });

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
    const r = ws.addRow(values);
    r.alignment = { wrapText: true, vertical: 'top' };
    r.height = rowHeight(texts);
    r.eachCell({ includeEmpty: true }, (c) => {
      c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    });
  }
  ws.autoFilter = `A${HEADER_ROW}:${lastColumn}${HEADER_ROW + a.rows.length}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
