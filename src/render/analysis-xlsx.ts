/**
 * 図表1 as an xlsx workbook: the changed text as rich text (underlined insertions, red struck-through
 * deletions), A4 landscape with the header row repeated, every text cell formula-injection escaped.
 */
import ExcelJS from 'exceljs';
import { escapeFormula } from '../lib/csv.js';
import type { AnalysisView, Segment } from '../modules/revision/analysis.types.js';
import { checklistCell, countsText, headers, judgmentText, provisionHeader, rangeText, type Lang } from './analysis-common.js';

function richText(segments: Segment[]): ExcelJS.RichText[] {
  const runs: ExcelJS.RichText[] = segments.map((s) => {
    if (s.kind === 'inserted' || s.kind === 'underlined') return { text: s.text, font: { underline: true } };
    if (s.kind === 'deleted') return { text: s.text, font: { strike: true, color: { argb: 'FFB00020' } } };
    return { text: s.text };
  });
  // A rich text cell cannot start a formula, but keep the first run safe for copies into plain cells.
  if (runs[0]) runs[0] = { ...runs[0], text: escapeFormula(runs[0].text) };
  return runs;
}

export async function renderAnalysisXlsx(a: AnalysisView, opts: { lang?: Lang } = {}): Promise<Buffer> {
  const lang = opts.lang ?? 'ja';
  const h = headers(lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tsunagu';
  wb.created = new Date(a.createdAt);
  const ws = wb.addWorksheet(lang === 'ja' ? '図表1' : 'Table 1', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  ws.columns = [
    { key: 'checklist', width: 28 },
    { key: 'provision', width: 32 },
    { key: 'changes', width: 70 },
    { key: 'tag', width: 20 },
    { key: 'summary', width: 36 },
    { key: 'judgment', width: 14 },
    { key: 'reason', width: 40 },
  ];
  ws.getCell('A1').value = escapeFormula(a.title);
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A2').value = escapeFormula(`${a.ruleSet.name}　${rangeText(a, lang)}　${countsText(a, lang)}`);
  const header = ws.getRow(3);
  header.values = [h.checklist, provisionHeader(a, lang), h.changes, h.tag, h.summary, h.judgment, h.reason];
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF2F7' } };
    c.border = { bottom: { style: 'thin' } };
  });
  for (const row of a.rows) {
    const judgment = row.revisionNeeded === null ? judgmentText({ revisionNeeded: null, reason: null }, lang) : judgmentText({ revisionNeeded: row.revisionNeeded, reason: null }, lang);
    const r = ws.addRow([
      escapeFormula(checklistCell(row)),
      escapeFormula(row.provisionLabel),
      { richText: richText(row.segments) },
      escapeFormula(row.tag ?? ''),
      escapeFormula(row.summary ?? ''),
      judgment,
      escapeFormula(row.reason ?? ''),
    ]);
    r.alignment = { wrapText: true, vertical: 'top' };
  }
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: 7 } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
