/**
 * A checklist edition as an xlsx workbook in FISC's layout: a title row, the header row (No. / 区分 /
 * 確認項目 / 対象 / 現状 / 課題 / 改善計画 / 関連規定 / 関連規定の該当箇所 / 備考, then Tsunagu's セキュリティ目標 /
 * 解説 / 参照系・更新系), one row per item with the answer columns empty, A4 landscape with the header row
 * repeated on every page. `importChecklistWorkbook` reads it back without loss.
 *
 * Every text from the data goes through escapeFormula (see analysis-xlsx.ts): a text such as
 * `=HYPERLINK(…)` would become a live formula once someone edits the cell or saves the sheet as CSV.
 * The reader takes the apostrophe off again.
 */
import ExcelJS from 'exceljs';
import { columnLetter, escapeFormula } from '../lib/csv.js';
import { FISC_COLUMNS, WORKBOOK_SHEET } from '../modules/catalog/checklist-workbook.layout.js';
import type { ChecklistWorkbookView } from '../modules/catalog/checklist-workbook.js';

const HEADER_ROW = 3;
const ANSWER_FILL = 'FFFFF8DC';
const HEADER_FILL = 'FFEEF2F7';
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Display width in Excel's units (one for Latin, about two for full-width Japanese characters). */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Excel does not grow a row to fit wrapped text in a file it opens: estimate the lines needed. */
function rowHeight(texts: string[]): number {
  let lines = 1;
  texts.forEach((t, i) => {
    const usable = (FISC_COLUMNS[i]?.width ?? 10) - 2;
    const n = t.split(/\r\n|\r|\n/).reduce((sum, l) => sum + Math.max(1, Math.ceil(displayWidth(l) / usable)), 0);
    lines = Math.max(lines, n);
  });
  return Math.min(409, Math.ceil(lines * 16 + 4));
}

/** 2018-10 → 2018年10月; 2025-01-30 → 2025年1月30日. */
function japaneseDate(d: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(d);
  return m ? `${m[1]}年${Number(m[2])}月${m[3] ? `${Number(m[3])}日` : ''}` : d;
}

export async function renderChecklistWorkbook(view: ChecklistWorkbookView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tsunagu';
  wb.lastModifiedBy = 'Tsunagu';
  wb.title = `${view.ruleSet.name} ${view.edition.label}`;
  const ws = wb.addWorksheet(WORKBOOK_SHEET, {
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
  ws.columns = FISC_COLUMNS.map((c) => ({ width: c.width }));
  const last = columnLetter(FISC_COLUMNS.length - 1);

  ws.getCell('A1').value = escapeFormula(`${view.ruleSet.name}　${view.edition.label}`);
  ws.getCell('A1').font = { bold: true, size: 14 };
  const notes = [
    view.edition.publishedOn ? `公表: ${japaneseDate(view.edition.publishedOn)}` : null,
    view.ruleSet.sample ? 'サンプル: 確認項目の文言は Tsunagu が作成したもので、FISC の API接続チェックリストの文言ではありません。' : null,
    '現状・課題・改善計画の欄に記入してください。',
  ].filter(Boolean);
  ws.getCell('A2').value = escapeFormula(notes.join('　'));
  ws.mergeCells(`A1:${last}1`);
  ws.mergeCells(`A2:${last}2`);

  const header = ws.getRow(HEADER_ROW);
  header.values = FISC_COLUMNS.map((c) => escapeFormula(c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    c.border = BORDER;
  });

  for (const item of view.rows) {
    const texts = FISC_COLUMNS.map((c) => (c.answer ? '' : c.field === 'number' ? String(item.number) : item[c.field as Exclude<keyof typeof item, 'number'>]));
    // The number stays a number (a value, not text); every text is neutralised.
    const r = ws.addRow(FISC_COLUMNS.map((c, i) => (c.field === 'number' ? item.number : escapeFormula(texts[i]!))));
    r.alignment = { wrapText: true, vertical: 'top' };
    r.height = rowHeight(texts);
    FISC_COLUMNS.forEach((c, i) => {
      const cell = r.getCell(i + 1);
      cell.border = BORDER;
      if (c.answer) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: ANSWER_FILL } };
    });
  }
  ws.autoFilter = `A${HEADER_ROW}:${last}${HEADER_ROW + view.rows.length}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
