/**
 * A bank's own answer sheet (its existing Excel layout) read through a saved column mapping (kind
 * 'answerSheet'): the mapping's shape, saving, listing and deleting it, and the two steps the web form
 * takes before saving — looking into a sample workbook (its sheets and first rows, to pick the header
 * row and the columns from) and trying a mapping on it (what an import would read, row by row, and
 * every problem at its cell). Also the cell reading shared with the import (request-workbook.ts).
 */
import type ExcelJS from 'exceljs';
import { z } from 'zod';
import type { Executor } from '../../db/database.js';
import { columnLetter } from '../../lib/csv.js';
import { invalid, notFound, type Problem } from '../../lib/errors.js';
import { parseOrThrow } from '../../lib/validate.js';
import { cellProblem, cellText, cleanCellText as clean, columnIndex, loadWorkbook, previewSheets, sheetProblem, type SheetPreview } from '../../lib/xlsx-read.js';
import { ANSWER_MAX_LENGTH, type AnswerField } from '../../render/assessment-workbook.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import { headerKey } from '../catalog/checklist-workbook.layout.js';
import { columnRef, isColumnLetter } from '../catalog/checklist-workbook.schema.js';
import type { AuthContext } from '../identity/index.js';
import * as repo from './answer-sheet-mapping.repo.js';
import { LABELS } from './assessment.schema.js';
import { requireRequest } from './requests.js';

/**
 * Where a bank's own answer sheet keeps what Tsunagu's keeps: the label (行内番号) of each row, and
 * the answer columns of the request's scheme. Columns by letter (`C`) or by the text of their header
 * cell (`回答`), compared like FISC's headers (NFKC, no spaces, any case).
 */
export const answerSheetMapping = z
  .strictObject({
    /** The worksheet to read; the first visible one when omitted. */
    sheet: z.string().trim().min(1).optional(),
    /** The 1-based header row; found by the header names when omitted. Answers start below it. */
    headerRow: z.number().int().positive().optional(),
    columns: z.strictObject({
      /** 行内番号 — the bank's label of the item (Sec-3). */
      label: columnRef,
      /** No. — checked against the request when given. */
      number: columnRef.optional(),
      /** 確認項目 — the question; not read (the bank's wording may differ), documented for people. */
      question: columnRef.optional(),
      /** yes/no/na, in the words of `answerWords` (はい/いいえ/該当なし are always understood). */
      answer: columnRef.optional(),
      /** The ②欄. */
      explanation: columnRef.optional(),
      currentState: columnRef.optional(),
      issues: columnRef.optional(),
      improvementPlan: columnRef.optional(),
    }),
    /** The words of the answer column: { "○": "yes", "×": "no", "－": "na" }. */
    answerWords: z.record(z.string().trim().min(1), z.enum(['yes', 'no', 'na'])).default({}),
  })
  .superRefine((m, ctx) => {
    const refs = Object.values(m.columns).filter((v): v is string => typeof v === 'string');
    if (m.headerRow === undefined && refs.every(isColumnLetter)) {
      ctx.addIssue({ code: 'custom', path: ['headerRow'], message: '列を列番号（A, B …）だけで指定する場合は見出し行（headerRow）を指定してください / give headerRow when every column is given by its letter' });
    }
    if (!m.columns.answer && !m.columns.currentState) {
      ctx.addIssue({ code: 'custom', path: ['columns', 'answer'], message: '回答（answer）か現状（currentState）の列を指定してください / give the answer column or the currentState column' });
    }
  });
export type AnswerSheetMapping = z.infer<typeof answerSheetMapping>;

const mappingName = z.string().trim().min(1).max(100);
const mappingInput = z.strictObject({ name: mappingName, mapping: answerSheetMapping });

/** JSON with keys sorted (jsonb keeps its own key order), to tell whether a mapping changed. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

function presentMapping(r: Awaited<ReturnType<typeof repo.listAnswerSheetMappings>>[number]) {
  return { id: r.id, name: r.name, mapping: r.mapping, createdAt: new Date(r.created_at).toISOString() };
}

const mappingNotFound = (name: string) => notFound('assessment.mapping_not_found', `金融機関の列の対応付け「${name}」が見つかりません`, `the bank has no answer-sheet mapping named ${name}`);

/** A bank saves (or replaces) one of its answer-sheet mappings under a name. */
export async function saveAnswerSheetMapping(args: { trx: Executor; actor: AuditActor; auth: AuthContext; name: string; mapping: unknown }) {
  const { trx, auth } = args;
  const v = parseOrThrow(mappingInput, { name: args.name.normalize('NFC'), mapping: args.mapping }, 'assessment.mapping_invalid');
  const before = await repo.findAnswerSheetMapping(trx, auth.organisation.id, v.name);
  if (before && canonical(before.mapping) === canonical(v.mapping)) return { ...presentMapping(before), changed: false };
  const row = await repo.upsertAnswerSheetMapping(trx, { bankId: auth.organisation.id, name: v.name, mapping: v.mapping, userId: auth.userId });
  await recordAudit(trx, args.actor, {
    action: 'assessment.mapping_saved',
    targetType: 'column_mapping',
    targetId: row.id,
    details: { kind: 'answerSheet', name: v.name, created: !before },
    ...(before ? { changes: { mapping: [before.mapping, v.mapping] } } : {}),
  });
  return { ...presentMapping(row), changed: true };
}

/**
 * A bank deletes one of its answer-sheet mappings. Imports already made through it keep what they
 * saved (the audit record of each names the mapping); a connector can no longer choose it.
 *
 * @throws AppError `assessment.mapping_not_found` (also for another organisation's mapping).
 */
export async function deleteAnswerSheetMapping(args: { trx: Executor; actor: AuditActor; auth: AuthContext; name: string }) {
  const name = args.name.normalize('NFC').trim();
  const row = await repo.deleteAnswerSheetMappingRow(args.trx, args.auth.organisation.id, name);
  if (!row) throw mappingNotFound(name);
  await recordAudit(args.trx, args.actor, { action: 'assessment.mapping_deleted', targetType: 'column_mapping', targetId: row.id, details: { kind: 'answerSheet', name }, changes: { mapping: [row.mapping, null] } });
  return { deleted: true as const, name };
}

/** The bank's answer-sheet mappings; with a request, those of the bank that sent it (for its connector). */
export async function listAnswerSheetMappings(args: { trx: Executor; auth: AuthContext; requestId?: string }) {
  const bankId = args.requestId ? (await requireRequest(args.trx, args.auth, args.requestId)).bank_id : args.auth.organisation.id;
  return (await repo.listAnswerSheetMappings(args.trx, bankId)).map(presentMapping);
}

/** The bank's mapping of that name, checked again (it was saved by an older version, perhaps). */
export async function requireMapping(trx: Executor, bankId: string, name: string): Promise<AnswerSheetMapping> {
  const row = await repo.findAnswerSheetMapping(trx, bankId, name.normalize('NFC').trim());
  if (!row) throw mappingNotFound(name);
  return parseOrThrow(answerSheetMapping, row.mapping, 'assessment.mapping_invalid');
}

// ---------------------------------------------------------------------------------------------
// Reading cells (shared with the import)

/** A cell's text, cleaned; `col` 0-based, `row` 1-based. */
export const read = (ws: ExcelJS.Worksheet, col: number, row: number) => clean(cellText(ws.getRow(row).getCell(col + 1).value));

/** Labels compare in NFKC without spaces and case: 「Ｓｅｃ－３」 is Sec-3. */
export const labelKey = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
const wordKey = labelKey;

export const CHOICE_WORDS: Record<string, 'yes' | 'no' | 'na'> = Object.fromEntries(
  [
    [LABELS.choice.yes, 'yes'],
    [LABELS.choice.no, 'no'],
    [LABELS.choice.na, 'na'],
    ['yes', 'yes'],
    ['no', 'no'],
    ['n/a', 'na'],
    ['na', 'na'],
  ].map(([w, c]) => [wordKey(w!), c]),
) as Record<string, 'yes' | 'no' | 'na'>;

const CHOICE_ORDER = ['yes', 'no', 'na'];

export const FIELD_JA: Record<AnswerField, string> = { choice: '回答', explanation: '②欄', currentState: '現状', issues: '課題', improvementPlan: '改善計画' };

/** The words an answer column understands: はい/いいえ/該当なし (and yes/no/n/a), plus a mapping's own. */
export interface Words {
  lookup: Record<string, 'yes' | 'no' | 'na'>;
  /** A mapping's own words, as written, for the message. */
  extra: string[];
}

function wordsOf(m: AnswerSheetMapping): Words {
  return {
    lookup: { ...CHOICE_WORDS, ...Object.fromEntries(Object.entries(m.answerWords).map(([w, c]) => [wordKey(w), c])) },
    extra: Object.entries(m.answerWords)
      .sort((a, b) => CHOICE_ORDER.indexOf(a[1]) - CHOICE_ORDER.indexOf(b[1]))
      .map(([w]) => w),
  };
}

/** One answer cell, checked: a known choice word, a text of allowed length. Problems go to `problems`. */
export function readAnswerCell(problems: Problem[], ws: ExcelJS.Worksheet, field: AnswerField, col: number, row: number, words: Words): string | null {
  const text = read(ws, col, row);
  if (field === 'choice') {
    if (!text) return null;
    const choice = words.lookup[wordKey(text)];
    if (!choice) {
      const extra = words.extra.length ? `（この様式では ${words.extra.map((w) => `「${w}」`).join('')} も使えます）` : '';
      const extraEn = words.extra.length ? ` (or, in this layout, ${words.extra.join(' ')})` : '';
      problems.push(cellProblem(ws.name, col, row, `「${text}」は回答として使えません。「はい」「いいえ」「該当なし」のいずれかにしてください${extra}`, `"${text}" is not an answer; use yes (はい), no (いいえ) or n/a (該当なし)${extraEn}`));
    }
    return choice ?? null;
  }
  if (text.length > ANSWER_MAX_LENGTH) {
    problems.push(cellProblem(ws.name, col, row, `${FIELD_JA[field]}が ${text.length.toLocaleString('ja-JP')} 字あります。1万字以内にしてください`, `${field} has ${text.length} characters; at most 10,000`));
  }
  return text;
}

const MAX_HEADER_ROW = 30;

/** Which mapping column holds which answer field. */
export const FIELD_COLUMN: [AnswerField, keyof AnswerSheetMapping['columns']][] = [
  ['choice', 'answer'],
  ['explanation', 'explanation'],
  ['currentState', 'currentState'],
  ['issues', 'issues'],
  ['improvementPlan', 'improvementPlan'],
];

/** Where a mapping finds things in a workbook: the sheet, the header row, and each column (0-based). */
export interface MappedLayout {
  ws: ExcelJS.Worksheet;
  headerRow: number;
  /** label, number, and the answer fields read. */
  col: Map<string, number>;
  fields: AnswerField[];
  words: Words;
  /** A header named by the mapping that the header row does not have. */
  problems: Problem[];
}

const layoutInvalid = (problems: Problem[]) => invalid('assessment.workbook_invalid', 'ブックに問題があります。何も取り込んでいません', 'the workbook has a problem; nothing was imported', problems);

/**
 * Finds a mapping's sheet, header row and columns in a workbook. `fields` limits the answer columns
 * read to a request's scheme; without it, every answer column the mapping names is read.
 *
 * @throws AppError `assessment.workbook_invalid` when the sheet is missing or no row in the first 30
 *   has the mapping's headers.
 */
export function locateMappedLayout(wb: ExcelJS.Workbook, m: AnswerSheetMapping, name: string, fields?: ReadonlySet<AnswerField>): MappedLayout {
  const visible = wb.worksheets.filter((w) => w.state !== 'hidden' && w.state !== 'veryHidden');
  const ws = m.sheet ? wb.getWorksheet(m.sheet) : visible[0];
  if (!ws) {
    throw layoutInvalid([sheetProblem(m.sheet ?? '', `シートがありません（列の対応付け「${name}」。あるシート: ${visible.map((w) => w.name).join('、')}）`, `no such sheet (mapping ${name}; sheets: ${visible.map((w) => w.name).join(', ')})`)]);
  }
  const mapped = FIELD_COLUMN.filter(([f, c]) => m.columns[c] && (!fields || fields.has(f)));
  const refs: [string, string][] = [['label', m.columns.label], ...(m.columns.number ? [['number', m.columns.number] as [string, string]] : []), ...mapped.map(([f, c]) => [f, m.columns[c]!] as [string, string])];
  const byHeader = refs.filter(([, ref]) => !isColumnLetter(ref));
  let headerRow = m.headerRow;
  if (headerRow === undefined) {
    const keys = byHeader.map(([, ref]) => headerKey(ref));
    for (let row = 1; row <= Math.min(MAX_HEADER_ROW, ws.rowCount) && headerRow === undefined; row++) {
      const cells = new Set<string>();
      ws.getRow(row).eachCell((c) => cells.add(headerKey(clean(cellText(c.value)))));
      if (keys.every((k) => cells.has(k))) headerRow = row;
    }
    if (headerRow === undefined) {
      throw layoutInvalid([
        sheetProblem(ws.name, `列の対応付け「${name}」の見出し（${byHeader.map(([, x]) => x).join('・')}）が揃った行が上から${MAX_HEADER_ROW}行以内にありません`, `no row in the first ${MAX_HEADER_ROW} has all the headers of mapping ${name} (${byHeader.map(([, x]) => x).join(', ')})`),
      ]);
    }
  }
  const col = new Map<string, number>();
  const problems: Problem[] = [];
  const header: string[] = [];
  ws.getRow(headerRow).eachCell({ includeEmpty: true }, (c, n) => (header[n - 1] = headerKey(clean(cellText(c.value)))));
  for (const [key, ref] of refs) {
    if (isColumnLetter(ref)) col.set(key, columnIndex(ref));
    else {
      const i = header.findIndex((h) => h === headerKey(ref));
      if (i === -1) problems.push({ where: `シート「${ws.name}」${headerRow}行目`, messageJa: `シート「${ws.name}」${headerRow}行目: 見出し「${ref}」の列がありません（列の対応付け「${name}」）`, messageEn: `sheet ${ws.name} row ${headerRow}: no column headed ${ref} (mapping ${name})` });
      else col.set(key, i);
    }
  }
  return { ws, headerRow, col, fields: mapped.map(([f]) => f), words: wordsOf(m), problems };
}

// ---------------------------------------------------------------------------------------------
// The web form's two steps: look into a sample workbook, try a mapping on it

/**
 * The visible sheets of a bank's existing answer sheet and their first 40 rows, for choosing the
 * header row and columns of a mapping. Nothing is saved.
 *
 * @throws AppError `assessment.workbook_missing`, `assessment.workbook_unreadable`.
 */
export async function inspectAnswerSheet(args: { data: Buffer | undefined; fileName?: string | undefined }): Promise<{ fileName: string; sheets: SheetPreview[] }> {
  const fileName = args.fileName ?? 'workbook.xlsx';
  if (!args.data?.length) throw invalid('assessment.workbook_missing', 'Excel ブック（.xlsx）を指定してください', `send the .xlsx file (${fileName} is empty)`);
  const wb = await loadWorkbook(args.data, { fileName, errorCode: 'assessment.workbook_unreadable' });
  return { fileName, sheets: previewSheets(wb) };
}

const TRY_ROWS = 200;

export interface MappingTrial {
  sheet: string;
  headerRow: number;
  /** Each mapped column by its letter: label, number, choice, explanation… */
  columns: Record<string, string>;
  /** The rows an import would read as items (those with a label), at most 200. */
  rows: { row: number; label: string; number: string | null; values: Partial<Record<AnswerField, string | null>> }[];
  /** Rows with a label beyond the first 200. */
  more: number;
  /** What an import would refuse, at its cell (an unknown answer word, an answer without a label…). */
  problems: Problem[];
}

/**
 * Reads a sample workbook through a mapping that need not be saved yet: the sheet, header row and
 * columns it finds, and the rows an import would read. Whether each label belongs to a request is
 * not checked here (there is no request); everything else an import checks in the cells is.
 *
 * @throws AppError `assessment.mapping_invalid` (the mapping, at its JSON pointer),
 *   `assessment.workbook_missing`, `assessment.workbook_unreadable`, `assessment.workbook_invalid`.
 */
export async function tryAnswerSheetMapping(args: { data: Buffer | undefined; fileName?: string | undefined; mapping: unknown }): Promise<MappingTrial> {
  const m = parseOrThrow(answerSheetMapping, args.mapping, 'assessment.mapping_invalid');
  const fileName = args.fileName ?? 'workbook.xlsx';
  if (!args.data?.length) throw invalid('assessment.workbook_missing', 'Excel ブック（.xlsx）を指定してください', `send the .xlsx file (${fileName} is empty)`);
  const wb = await loadWorkbook(args.data, { fileName, errorCode: 'assessment.workbook_unreadable' });
  const layout = locateMappedLayout(wb, m, '（保存前）');
  const { ws, col, fields, words } = layout;
  const columns = Object.fromEntries([...col].map(([k, i]) => [k, columnLetter(i)]));
  const trial: MappingTrial = { sheet: ws.name, headerRow: layout.headerRow, columns, rows: [], more: 0, problems: [...layout.problems] };
  if (trial.problems.length) return trial;
  const labelCol = col.get('label')!;
  const seen = new Map<string, number>();
  for (let row = layout.headerRow + 1; row <= ws.rowCount; row++) {
    const label = read(ws, labelCol, row);
    const filled = fields.find((f) => read(ws, col.get(f)!, row));
    if (!label) {
      if (filled) trial.problems.push(cellProblem(ws.name, labelCol, row, `行内番号がありません（${FIELD_JA[filled]}が記入された行です）`, 'the row has an answer but no label'));
      continue;
    }
    const key = labelKey(label);
    if (seen.has(key)) {
      trial.problems.push(cellProblem(ws.name, labelCol, row, `行内番号「${label}」の行が ${columnLetter(labelCol)}${seen.get(key)} にもあります`, `label ${label} also appears in row ${seen.get(key)}`));
      continue;
    }
    seen.set(key, row);
    if (trial.rows.length >= TRY_ROWS) {
      trial.more++;
      continue;
    }
    const values: MappingTrial['rows'][number]['values'] = {};
    for (const f of fields) values[f] = readAnswerCell(trial.problems, ws, f, col.get(f)!, row, words);
    trial.rows.push({ row, label, number: col.has('number') ? read(ws, col.get('number')!, row) || null : null, values });
  }
  return trial;
}
