/**
 * A request (回答依頼) as the xlsx workbook banks send today: an instructions sheet 「はじめに」, the
 * hearing sheet 「ヒアリング」 (question / answer) and the checklist sheet 「チェックリスト」 with the
 * bank's labels (行内番号), No., 区分, 確認項目, the answer columns of the request's scheme and 関連規定.
 * Every sheet is protected (without a password: the protection keeps the layout, it is no secret),
 * and only the yellow answer cells are unlocked; answer cells carry dropdowns or length checks with
 * Japanese input and error messages; A4 landscape, fitted to the page width, the header row repeated
 * on every page and frozen on screen.
 *
 * A very hidden sheet 「_tsunagu」 names the format, the request and, for every answer row, the label
 * and row it was written with, so the import (src/modules/assessment/request-workbook.ts) knows the
 * request and notices a moved or edited label. The layout below is shared by both.
 *
 * Every text from the data goes through escapeFormula (see analysis-xlsx.ts); the import takes the
 * apostrophe off again.
 */
import type ExcelJS from 'exceljs';
import { columnLetter, escapeFormula } from '../lib/csv.js';
import { formatJaDate } from '../lib/dates.js';
import { LABELS, type AnswerSchemeName, type RequestHeading } from '../modules/assessment/assessment.schema.js';
import { addTextRow, BORDER, newWorkbook, rowHeight, safeValue, sheetOptions, solidFill, writeHeaderRow, writeTitleRows } from './xlsx-common.js';

export const WORKBOOK_FORMAT = 'tsunagu.assessment-workbook/v1';
export const SHEETS = { instructions: 'はじめに', hearing: 'ヒアリング', checklist: 'チェックリスト', meta: '_tsunagu' } as const;
/** The header row of the hearing and checklist sheets; answers start below it. */
export const HEADER_ROW = 3;
/** The longest text an answer cell takes (the import refuses longer ones; Excel's own limit is 32,767). */
export const ANSWER_MAX_LENGTH = 10_000;
/** The meta sheet: key/value rows 1–4, then from META_FIRST_ROW one row per answer row (sheet, row, key, number). */
export const META_FIRST_ROW = 7;
/** Choice lists that cannot be written inline in a validation go to the meta sheet from this column (0-based: I). */
const META_LIST_COLUMN = 8;

export type AnswerField = 'choice' | 'explanation' | 'currentState' | 'issues' | 'improvementPlan';
export type ChecklistColumnKey = 'label' | 'number' | 'category' | 'text' | AnswerField | 'references';

export interface ChecklistColumn {
  key: ChecklistColumnKey;
  header: string;
  /** Width in Excel's units. */
  width: number;
  answer?: true;
}

/** The answer columns of each scheme, in order. */
export const ANSWER_COLUMNS: Record<AnswerSchemeName, readonly ChecklistColumn[]> = {
  yes_no: [
    { key: 'choice', header: '回答', width: 11, answer: true },
    { key: 'explanation', header: '②欄（いいえ・該当なしの理由）', width: 48, answer: true },
  ],
  self_assessment: [
    { key: 'currentState', header: '現状', width: 36, answer: true },
    { key: 'issues', header: '課題', width: 28, answer: true },
    { key: 'improvementPlan', header: '改善計画', width: 32, answer: true },
  ],
};

/** The checklist sheet's columns for a scheme; 関連規定 last, when any item cites a rule. */
export function checklistColumns(scheme: AnswerSchemeName, withReferences: boolean): ChecklistColumn[] {
  return [
    { key: 'label', header: '行内番号', width: 10 },
    { key: 'number', header: 'No.', width: 6 },
    { key: 'category', header: '区分', width: 16 },
    { key: 'text', header: '確認項目', width: 54 },
    ...ANSWER_COLUMNS[scheme],
    ...(withReferences ? [{ key: 'references' as const, header: '関連規定', width: 24 }] : []),
  ];
}

/** The hearing sheet's columns: No. / 質問 / 必須 / 回答. */
export const HEARING_COLUMNS = [
  { key: 'number', header: 'No.', width: 6 },
  { key: 'question', header: '質問', width: 46 },
  { key: 'required', header: '必須', width: 8 },
  { key: 'answer', header: '回答', width: 70 },
] as const;
export const HEARING_ANSWER_COLUMN = HEARING_COLUMNS.findIndex((c) => c.key === 'answer');
export const HEARING_QUESTION_COLUMN = HEARING_COLUMNS.findIndex((c) => c.key === 'question');

export interface RequestWorkbookView extends RequestHeading {
  requestId: string;
  /** YYYY-MM-DD */
  dueDate: string;
  /** YYYY-MM-DD, the day of the export in Japan. */
  exportedOn: string;
  /** False when the hearing answers cannot change (after submission, or the bank's copy). */
  hearingEditable: boolean;
  hearing: { key: string; label: string; kind: 'text' | 'choice'; choices: string[]; required: boolean; answer: string | null }[];
  items: {
    label: string;
    number: number;
    category: string;
    text: string;
    /** One line per cited rule set: "FISC 安全対策基準 統14, 監1". */
    references: string;
    /** Whether the connector may change this item's answer now (unlocked, yellow). */
    editable: boolean;
    answer: { choice: 'yes' | 'no' | 'na' | null; explanation: string | null; currentState: string | null; issues: string | null; improvementPlan: string | null } | null;
  }[];
}

const ANSWER_FILL = 'FFFFF2A8';
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true };
const CHOICES = [LABELS.choice.yes, LABELS.choice.no, LABELS.choice.na];

/** The sheet's name in the footer: the workbook has three sheets to tell apart on paper. */
const requestSheetOptions = (printTitles: boolean) => sheetOptions({ ...(printTitles ? { headerRow: HEADER_ROW } : {}), footer: '&A　&P / &N' });

function titleRows(ws: ExcelJS.Worksheet, columns: number, title: string, note: string) {
  writeTitleRows(ws, columns, title, note);
  // The note is an instruction of one or two lines: wrapped in a row tall enough for two.
  ws.getCell('A2').alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(2).height = 32;
}

/** An unlocked, yellow answer cell. */
function answerCell(cell: ExcelJS.Cell, validation: ExcelJS.DataValidation) {
  cell.protection = { locked: false };
  cell.fill = solidFill(ANSWER_FILL);
  cell.dataValidation = validation;
}

const textLength = (promptTitle: string, prompt: string): ExcelJS.DataValidation => ({
  type: 'textLength',
  operator: 'lessThanOrEqual',
  formulae: [ANSWER_MAX_LENGTH],
  allowBlank: true,
  showInputMessage: true,
  promptTitle,
  prompt,
  showErrorMessage: true,
  errorStyle: 'stop',
  errorTitle: '文字数の上限',
  error: '1万字以内で入力してください。',
});

const TEXT_PROMPTS: Record<Exclude<AnswerField, 'choice'>, [string, string]> = {
  explanation: ['②欄（理由）', '「いいえ」「該当なし」の場合は、その理由や代わりの対策を記入してください（必須）。'],
  currentState: ['現状', '現在の対応状況を記入してください（必須）。'],
  issues: ['課題', '課題があれば記入してください。課題を書いた場合は改善計画も記入してください。'],
  improvementPlan: ['改善計画', '課題に対する改善の内容と実施時期を記入してください。'],
};

const CHOICE_VALIDATION: ExcelJS.DataValidation = {
  type: 'list',
  formulae: [`"${CHOICES.join(',')}"`],
  allowBlank: true,
  showInputMessage: true,
  promptTitle: '回答',
  prompt: '「はい」「いいえ」「該当なし」から選んでください。「いいえ」「該当なし」の場合は②欄に理由を記入してください。',
  showErrorMessage: true,
  errorStyle: 'stop',
  errorTitle: '回答',
  error: '「はい」「いいえ」「該当なし」のいずれかを選んでください。',
};

function instructions(wb: ExcelJS.Workbook, v: RequestWorkbookView, editable: boolean) {
  const ws = wb.addWorksheet(SHEETS.instructions, requestSheetOptions(false));
  ws.columns = [{ width: 26 }, { width: 96 }];
  ws.getCell('A1').value = 'API接続チェックリスト 回答票';
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.mergeCells('A1:B1');
  const facts: [string, string][] = [
    ['金融機関', v.bank],
    ['電子決済等代行業者', v.connector],
    ['サービス', v.serviceName],
    ['API の種類', LABELS.apiType[v.apiType]],
    ['アクセスの形態', LABELS.access[v.access]],
    ['確認シート', v.template],
    ['チェックリスト', `${v.checklist.name} ${v.checklist.edition}${v.checklist.sample ? '（サンプル: 確認項目の文言は Tsunagu が作成したもので、FISC の文言ではありません）' : ''}`],
    ['回答期限', formatJaDate(v.dueDate)],
    ['回答形式', LABELS.scheme[v.scheme]],
    ['出力日', formatJaDate(v.exportedOn)],
    ['回答依頼 ID', v.requestId],
  ];
  let r = 3;
  for (const [k, val] of facts) {
    ws.getCell(`A${r}`).value = k;
    ws.getCell(`A${r}`).font = { bold: true };
    ws.getCell(`B${r}`).value = escapeFormula(val);
    ws.getCell(`B${r}`).alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = rowHeight([k, val], [26, 96]);
    r++;
  }
  r++;
  ws.getCell(`A${r}`).value = '回答のしかた';
  ws.getCell(`A${r}`).font = { bold: true, size: 12 };
  r++;
  const how =
    v.scheme === 'yes_no'
      ? '「チェックリスト」シートの「回答」欄で「はい」「いいえ」「該当なし」を選んでください。「いいえ」「該当なし」の場合は、②欄にその理由（代わりの対策など）を必ず記入してください。'
      : '「チェックリスト」シートの「現状」欄に現在の対応状況を必ず記入してください。課題がある場合は「課題」欄に書き、「改善計画」欄に改善の内容と実施時期を記入してください。';
  const steps = editable
    ? [
        '黄色のセルだけが入力欄です。ほかのセルは保護されていて変更できません（保護にパスワードはありませんが、保護を外して行・列や行内番号を変えると取り込めなくなります）。',
        '「ヒアリング」シートの質問に回答してください。選択肢のある質問は、セルのリストから選びます。',
        how,
        '記入は途中でもかまいません。Tsunagu の回答依頼の画面の「Excel から取り込み」（またはコマンド tsunagu assessment import-xlsx）を使うと、入力した回答が保存されます。同じファイルを何度取り込んでも結果は変わりません。問題があるときはシート名とセル番地（例: シート「チェックリスト」F12）で示し、何も保存しません。',
        '取り込んだだけでは金融機関に送られません。回答がそろったら Tsunagu の画面から提出してください。',
        `各欄は1万字までです。「=」「+」「-」「@」で始まる文字は、数式として動かないよう先頭に「'」を付けて表示しています（取り込むときに外します）。`,
        `このブックはこの回答依頼（ID: ${v.requestId}）専用です。ほかの回答依頼には取り込めません。`,
      ]
    : ['このブックは閲覧用です。回答欄は保護されていて、この回答依頼には今は取り込めません。', how];
  steps.forEach((s, i) => {
    ws.getCell(`A${r}`).value = `${i + 1}.`;
    ws.getCell(`A${r}`).alignment = { horizontal: 'right', vertical: 'top' };
    ws.getCell(`B${r}`).value = escapeFormula(s);
    ws.getCell(`B${r}`).alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = rowHeight(['', s], [26, 96]);
    r++;
  });
  r++;
  ws.getCell(`A${r}`).value = '入力欄';
  ws.getCell(`A${r}`).fill = solidFill(ANSWER_FILL);
  ws.getCell(`A${r}`).border = BORDER;
  ws.getCell(`B${r}`).value = 'この色のセルに入力します。';
  return ws;
}

function hearingSheet(wb: ExcelJS.Workbook, v: RequestWorkbookView, lists: string[][], metaRows: (string | number)[][]) {
  const ws = wb.addWorksheet(SHEETS.hearing, requestSheetOptions(true));
  ws.columns = HEARING_COLUMNS.map((c) => ({ width: c.width }));
  titleRows(ws, HEARING_COLUMNS.length, `ヒアリング項目 — ${v.serviceName}`, v.hearingEditable ? '黄色の「回答」欄に記入してください。「必須」の質問は提出までに回答が必要です。' : 'ヒアリング項目の回答（閲覧用）');
  writeHeaderRow(ws, HEADER_ROW, HEARING_COLUMNS.map((c) => c.header));
  const widths = HEARING_COLUMNS.map((c) => c.width);
  v.hearing.forEach((q, i) => {
    const answer = q.answer ?? '';
    const row = addTextRow(ws, [i + 1, escapeFormula(q.label), q.required ? '必須' : '任意', safeValue(answer || null)], [String(i + 1), q.label, '必須', answer], widths);
    metaRows.push([SHEETS.hearing, row.number, q.key, '']);
    if (!v.hearingEditable) return;
    const cell = row.getCell(HEARING_ANSWER_COLUMN + 1);
    if (q.kind === 'choice' && q.choices.length) {
      const inline = `"${q.choices.join(',')}"`;
      let formula = inline;
      // An inline list cannot hold commas or more than 255 characters: put those on the meta sheet.
      if (q.choices.some((c) => c.includes(',') || c.includes('"')) || inline.length > 255) {
        const col = columnLetter(META_LIST_COLUMN + lists.length);
        lists.push(q.choices);
        formula = `'${SHEETS.meta}'!$${col}$1:$${col}$${q.choices.length}`;
      }
      answerCell(cell, {
        type: 'list',
        formulae: [formula],
        allowBlank: true,
        showInputMessage: true,
        promptTitle: '回答',
        prompt: `リストから選んでください（${q.choices.join('・')}）。`.slice(0, 250),
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: '回答',
        error: 'リストにある選択肢から選んでください。',
      });
    } else {
      answerCell(cell, textLength('回答', `${q.label}${q.required ? '（必須）' : ''}`.slice(0, 250)));
    }
  });
  return ws;
}

function checklistSheet(wb: ExcelJS.Workbook, v: RequestWorkbookView, metaRows: (string | number)[][]) {
  const withReferences = v.items.some((i) => i.references);
  const columns = checklistColumns(v.scheme, withReferences);
  const ws = wb.addWorksheet(SHEETS.checklist, requestSheetOptions(true));
  ws.columns = columns.map((c) => ({ width: c.width }));
  const anyEditable = v.items.some((i) => i.editable);
  const note = anyEditable
    ? v.scheme === 'yes_no'
      ? '黄色の欄に回答してください。「回答」はリストから選び、「いいえ」「該当なし」の場合は②欄に理由を記入します。'
      : '黄色の欄に回答してください。「現状」は必須、課題を書いた場合は「改善計画」も記入します。'
    : '回答（閲覧用）';
  titleRows(ws, columns.length, `${v.bank}　確認シート「${v.template}」　${v.serviceName}`, note);
  writeHeaderRow(ws, HEADER_ROW, columns.map((c) => c.header));
  const widths = columns.map((c) => c.width);
  for (const item of v.items) {
    const a = item.answer;
    const texts = columns.map((c): string => {
      switch (c.key) {
        case 'label':
          return item.label;
        case 'number':
          return String(item.number);
        case 'category':
          return item.category;
        case 'text':
          return item.text;
        case 'references':
          return item.references;
        case 'choice':
          return a?.choice ? LABELS.choice[a.choice] : '';
        default:
          return a?.[c.key] ?? '';
      }
    });
    // The number stays a number (a value, not text); every text is neutralised.
    const row = addTextRow(ws, columns.map((c, i) => (c.key === 'number' ? item.number : safeValue(texts[i] || null))), texts, widths);
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (!c.answer || !item.editable) return;
      if (c.key === 'choice') answerCell(cell, CHOICE_VALIDATION);
      else answerCell(cell, textLength(...TEXT_PROMPTS[c.key as Exclude<AnswerField, 'choice'>]));
    });
    const choice = columns.findIndex((c) => c.key === 'choice');
    if (choice >= 0) row.getCell(choice + 1).alignment = { horizontal: 'center', vertical: 'top' };
    metaRows.push([SHEETS.checklist, row.number, item.label, item.number]);
  }
  ws.autoFilter = `A${HEADER_ROW}:${columnLetter(columns.length - 1)}${HEADER_ROW + v.items.length}`;
  return ws;
}

export async function renderRequestWorkbook(v: RequestWorkbookView): Promise<Buffer> {
  const wb = newWorkbook(`回答票 ${v.bank} ${v.serviceName}`);
  const editable = v.hearingEditable || v.items.some((i) => i.editable);
  const metaRows: (string | number)[][] = [];
  const lists: string[][] = [];
  const sheets = [instructions(wb, v, editable), hearingSheet(wb, v, lists, metaRows), checklistSheet(wb, v, metaRows)];
  const meta = wb.addWorksheet(SHEETS.meta, { state: 'veryHidden' });
  const facts: [string, string][] = [
    ['format', WORKBOOK_FORMAT],
    ['requestId', v.requestId],
    ['scheme', v.scheme],
    ['exportedOn', v.exportedOn],
  ];
  facts.forEach(([k, val], i) => {
    meta.getCell(`A${i + 1}`).value = k;
    meta.getCell(`B${i + 1}`).value = val;
  });
  meta.getRow(META_FIRST_ROW - 1).values = ['sheet', 'row', 'key', 'number'];
  metaRows.forEach((r, i) => (meta.getRow(META_FIRST_ROW + i).values = r.map((x) => (typeof x === 'string' ? escapeFormula(x) : x))));
  lists.forEach((choices, k) => choices.forEach((c, i) => (meta.getCell(`${columnLetter(META_LIST_COLUMN + k)}${i + 1}`).value = escapeFormula(c))));
  for (const ws of [...sheets, meta]) await ws.protect('', PROTECTION);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
