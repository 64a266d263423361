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
import { columnLetter } from '../lib/csv.js';
import { FISC_COLUMNS, WORKBOOK_SHEET } from '../modules/catalog/checklist-workbook.layout.js';
import type { ChecklistWorkbookView } from '../modules/catalog/checklist-workbook.js';
import { addTextRow, newWorkbook, safeValue, sheetOptions, solidFill, writeHeaderRow, writeTitleRows } from './xlsx-common.js';

const HEADER_ROW = 3;
const ANSWER_FILL = 'FFFFF8DC';
const WIDTHS = FISC_COLUMNS.map((c) => c.width);

/** 2018-10 → 2018年10月; 2025-01-30 → 2025年1月30日. */
function japaneseDate(d: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(d);
  return m ? `${m[1]}年${Number(m[2])}月${m[3] ? `${Number(m[3])}日` : ''}` : d;
}

export async function renderChecklistWorkbook(view: ChecklistWorkbookView): Promise<Buffer> {
  const wb = newWorkbook(`${view.ruleSet.name} ${view.edition.label}`);
  const ws = wb.addWorksheet(WORKBOOK_SHEET, sheetOptions({ headerRow: HEADER_ROW }));
  ws.columns = WIDTHS.map((width) => ({ width }));
  const last = columnLetter(FISC_COLUMNS.length - 1);

  const notes = [
    view.edition.publishedOn ? `公表: ${japaneseDate(view.edition.publishedOn)}` : null,
    view.ruleSet.sample ? 'サンプル: 確認項目の文言は Tsunagu が作成したもので、FISC の API接続チェックリストの文言ではありません。' : null,
    '現状・課題・改善計画の欄に記入してください。',
  ].filter(Boolean);
  writeTitleRows(ws, FISC_COLUMNS.length, `${view.ruleSet.name}　${view.edition.label}`, notes.join('　'));
  writeHeaderRow(ws, HEADER_ROW, FISC_COLUMNS.map((c) => c.header));

  for (const item of view.rows) {
    const texts = FISC_COLUMNS.map((c) => (c.answer ? '' : c.field === 'number' ? String(item.number) : item[c.field as Exclude<keyof typeof item, 'number'>]));
    // The number stays a number (a value, not text); every text is neutralised.
    const r = addTextRow(ws, FISC_COLUMNS.map((c, i) => (c.field === 'number' ? item.number : safeValue(texts[i]!))), texts, WIDTHS);
    FISC_COLUMNS.forEach((c, i) => {
      if (c.answer) r.getCell(i + 1).fill = solidFill(ANSWER_FILL);
    });
  }
  ws.autoFilter = `A${HEADER_ROW}:${last}${HEADER_ROW + view.rows.length}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
