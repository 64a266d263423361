/**
 * The Excel round trip of a request (回答依頼): the request exported as the workbook banks send today
 * (src/render/assessment-workbook.ts), and a filled workbook imported back — Tsunagu's own, or a
 * bank's existing layout read through the bank's saved column mapping (kind 'answerSheet').
 *
 * An import is all or nothing. It refuses only what cannot be saved — a word the answer column does
 * not know, a label that is not in the request, a workbook of another request, a label or No. that was
 * changed, a text over 10,000 characters — and reports each at its cell (シート「チェックリスト」E12)
 * in Japanese and English. Unfinished answers are saved, as on the web; what still keeps the request
 * from being submitted comes back as notes at their cells. Only the answers that differ from the saved
 * ones are written, in one batch (saveRequestAnswers), so importing the same file again changes nothing.
 */
import type ExcelJS from 'exceljs';
import type { Executor } from '../../db/database.js';
import { todayInJapan } from '../../lib/dates.js';
import { AppError, conflict, invalid, type Problem } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { cellAddress as address, cellProblem, loadWorkbook, sheetProblem } from '../../lib/xlsx-read.js';
import {
  ANSWER_COLUMNS,
  ANSWER_MAX_LENGTH,
  checklistColumns,
  HEADER_ROW,
  HEARING_ANSWER_COLUMN,
  HEARING_QUESTION_COLUMN,
  META_FIRST_ROW,
  renderRequestWorkbook,
  SHEETS,
  WORKBOOK_FORMAT,
  type AnswerField,
  type RequestWorkbookView,
} from '../../render/assessment-workbook.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import { formatReferences, headerKey } from '../catalog/checklist-workbook.layout.js';
import { catalog } from '../catalog/index.js';
import type { AuthContext } from '../identity/index.js';
import { CHOICE_WORDS, FIELD_COLUMN, FIELD_JA, labelKey, locateMappedLayout, read, readAnswerCell, requireMapping, type AnswerSheetMapping, type Words } from './answer-sheet-mapping.js';
import * as repo from './assessment.repo.js';
import { answerProblems, LABELS } from './assessment.schema.js';
import { getRequest, requestHeading, requestNotFound, requireRequest, saveRequestAnswers } from './requests.js';

type RequestRow = Awaited<ReturnType<typeof requireRequest>>;
type ItemRow = Pick<Awaited<ReturnType<typeof repo.listRequestItems>>[number], 'item_number' | 'label' | 'must_reanswer'>;
type AnswerRow = Awaited<ReturnType<typeof repo.listRequestAnswers>>[number];

// ---------------------------------------------------------------------------------------------
// Export

const fileSafe = (s: string) => s.replace(/[\\/:*?"<>|\r\n\t]+/g, '_').trim();

/** 関連規定 as one line per cited rule set, by its short name: "FISC 安全対策基準 統14, 監1". */
function referencesText(refs: { ruleSet: string; ruleSetName: string; provision: string; subPart: string | null }[], shortNames: Map<string, string>): string {
  const f = formatReferences(refs.map((r) => ({ ruleSetName: shortNames.get(r.ruleSet) ?? r.ruleSetName, provision: r.provision, subPart: r.subPart })));
  if (!f.references) return '';
  const codes = f.codes.split('\n');
  return f.references
    .split('\n')
    .map((name, i) => `${name} ${codes[i] ?? ''}`.trim())
    .join('\n');
}

/**
 * The request as a workbook, for either side: the connector's working answers (its answer cells
 * unlocked while it may change them), or for the bank the latest submission (all locked). Audited.
 */
export async function exportRequestWorkbook(args: { trx: Executor; actor: AuditActor; auth: AuthContext; id: string }): Promise<{ fileName: string; bytes: Buffer }> {
  const { trx } = args;
  const req = await getRequest({ trx, auth: args.auth, id: args.id });
  const items = new Map((await catalog.listChecklistItems({ trx, ruleSetCode: req.checklist.ruleSet, label: req.checklist.edition })).map((i) => [i.number, i]));
  const shortNames = new Map((await catalog.repo.listRuleSets(trx)).map((r) => [r.code, r.short_name ?? r.name]));
  const connector = req.side === 'connector';
  const view: RequestWorkbookView = {
    requestId: req.id,
    ...requestHeading(req),
    dueDate: req.dueDate!,
    exportedOn: todayInJapan(),
    hearingEditable: connector && req.state === 'sent',
    hearing: req.hearingQuestions.map((q) => ({ key: q.key, label: q.label, kind: q.kind, choices: q.choices ?? [], required: q.required, answer: (req.hearing as Record<string, string | null>)[q.key] ?? null })),
    items: req.items.map((i) => ({
      label: i.label,
      number: i.number,
      category: i.category ?? '',
      text: i.text ?? '',
      references: referencesText(items.get(i.number)?.references ?? [], shortNames),
      // What saveRequestAnswers accepts: any item while the request is open, only those asked about during a clarification.
      editable: connector && (req.state === 'sent' || (req.state === 'clarification' && ['clarification', 'not_met'].includes(i.review?.verdict ?? ''))),
      answer: i.answer,
    })),
  };
  await recordAudit(trx, args.actor, { action: 'assessment.exported', targetType: 'assessment_request', targetId: req.id, details: { document: 'workbook', format: 'xlsx', side: req.side, items: view.items.length } });
  const bytes = await renderRequestWorkbook(view);
  return { fileName: `回答票_${fileSafe(req.bank.name)}_${fileSafe(req.connection.serviceName)}.xlsx`, bytes };
}

// ---------------------------------------------------------------------------------------------
// Reading cells

/** A cell's cleaned text; `col` is 0-based, as in the addresses problems name. */

// ---------------------------------------------------------------------------------------------
// Parsing a workbook

interface ParsedRow {
  item: ItemRow;
  /** Cell address of the row's label. */
  labelCell: string;
  cells: Partial<Record<AnswerField, string>>;
  /** The cell's text ('' when empty), or the choice; only for the columns the workbook has. */
  values: Partial<Record<AnswerField, string | null>>;
}

interface Parsed {
  sheet: string;
  fields: AnswerField[];
  rows: ParsedRow[];
  hearing: { key: string; cell: string; value: string }[];
  problems: Problem[];
}

function readOwnLayout(wb: ExcelJS.Workbook, r: RequestRow, items: ItemRow[]): Parsed {
  const meta = wb.getWorksheet(SHEETS.meta);
  if (!meta) {
    throw invalid(
      'assessment.workbook_unknown',
      `このブックは Tsunagu で出力した回答票ではありません（シート「${SHEETS.meta}」がありません）。回答依頼の画面から出力したブックに回答するか、金融機関が登録した列の対応付けを指定してください`,
      `this is not a workbook exported by Tsunagu (it has no sheet ${SHEETS.meta}); answer the workbook exported from the request, or name the bank's column mapping`,
    );
  }
  const format = read(meta, 1, 1);
  if (format !== WORKBOOK_FORMAT) {
    throw invalid('assessment.workbook_format', `回答票の形式「${format}」には対応していません（対応: ${WORKBOOK_FORMAT}）。回答依頼の画面から出力し直してください`, `unsupported workbook format "${format}" (expected ${WORKBOOK_FORMAT}); export the request again`);
  }
  const requestId = read(meta, 1, 2);
  if (requestId !== r.id) {
    throw invalid(
      'assessment.workbook_other_request',
      `このブックは別の回答依頼（ID: ${requestId}）のものです。何も取り込んでいません。この回答依頼の画面から出力したブックを使ってください`,
      `this workbook belongs to another request (${requestId}); nothing was imported. Use the workbook exported from this request`,
    );
  }
  const entries: { sheet: string; row: number; key: string; number: string }[] = [];
  for (let row = META_FIRST_ROW; row <= meta.rowCount; row++) {
    const sheet = read(meta, 0, row);
    if (sheet) entries.push({ sheet, row: Number(read(meta, 1, row)), key: read(meta, 2, row), number: read(meta, 3, row) });
  }
  const fields = ANSWER_COLUMNS[r.answer_scheme].map((c) => c.key as AnswerField);
  const p: Parsed = { sheet: SHEETS.checklist, fields, rows: [], hearing: [], problems: [] };

  const hearing = wb.getWorksheet(SHEETS.hearing);
  if (!hearing) p.problems.push(sheetProblem(SHEETS.hearing, 'シートがありません', 'the sheet is missing'));
  else {
    const questions = new Map(r.hearing_questions.map((q) => [q.key, q]));
    for (const e of entries.filter((x) => x.sheet === SHEETS.hearing)) {
      const q = questions.get(e.key);
      if (!q) continue;
      const question = read(hearing, HEARING_QUESTION_COLUMN, e.row);
      if (question !== q.label.normalize('NFC').trim()) {
        p.problems.push(cellProblem(SHEETS.hearing, HEARING_QUESTION_COLUMN, e.row, `質問が「${q.label}」ではありません。行を入れ替えたり質問を書き換えたりしないでください`, `the question should read "${q.label}"; do not move rows or edit questions`));
        continue;
      }
      const value = read(hearing, HEARING_ANSWER_COLUMN, e.row);
      if (value.length > ANSWER_MAX_LENGTH) p.problems.push(cellProblem(SHEETS.hearing, HEARING_ANSWER_COLUMN, e.row, `回答が ${value.length.toLocaleString('ja-JP')} 字あります。1万字以内にしてください`, `the answer has ${value.length} characters; at most 10,000`));
      else if (value && q.kind === 'choice' && q.choices?.length && !q.choices.some((c) => c.normalize('NFC').trim() === value)) {
        p.problems.push(cellProblem(SHEETS.hearing, HEARING_ANSWER_COLUMN, e.row, `「${value}」は選択肢にありません（${q.choices.join('・')}）`, `"${value}" is not one of the choices (${q.choices.join(', ')})`));
      }
      p.hearing.push({ key: q.key, cell: address(SHEETS.hearing, HEARING_ANSWER_COLUMN, e.row), value });
    }
  }

  const ws = wb.getWorksheet(SHEETS.checklist);
  if (!ws) {
    p.problems.push(sheetProblem(SHEETS.checklist, 'シートがありません', 'the sheet is missing'));
    return p;
  }
  const columns = checklistColumns(r.answer_scheme, false);
  const before = p.problems.length;
  columns.forEach((c, i) => {
    const got = read(ws, i, HEADER_ROW);
    if (headerKey(got) !== headerKey(c.header)) {
      p.problems.push(cellProblem(SHEETS.checklist, i, HEADER_ROW, `見出しが「${c.header}」ではありません（「${got}」）。列を移動・挿入・削除しないでください`, `the header should be "${c.header}" (found "${got}"); do not move, insert or delete columns`));
    }
  });
  // With a column moved, every cell below would be read in the wrong place: say only that.
  if (p.problems.length > before) return p;
  const col = new Map(columns.map((c, i) => [c.key, i]));
  const byLabel = new Map(items.map((i) => [i.label, i]));
  const words: Words = { lookup: CHOICE_WORDS, extra: [] };
  let lastRow = HEADER_ROW;
  for (const e of entries.filter((x) => x.sheet === SHEETS.checklist)) {
    lastRow = Math.max(lastRow, e.row);
    const item = byLabel.get(e.key);
    const label = read(ws, 0, e.row);
    if (!item) {
      p.problems.push(cellProblem(SHEETS.checklist, 0, e.row, `行内番号「${e.key}」はこの回答依頼にありません`, `label ${e.key} is not in this request`));
      continue;
    }
    if (label !== e.key) {
      p.problems.push(cellProblem(SHEETS.checklist, 0, e.row, `行内番号が「${e.key}」から「${label}」に変わっています。行内番号・No. の列は変更しないでください`, `the label was changed from ${e.key} to "${label}"; do not edit the label or No. columns`));
      continue;
    }
    const number = read(ws, 1, e.row);
    if (number !== String(item.item_number)) {
      p.problems.push(cellProblem(SHEETS.checklist, 1, e.row, `No. が「${item.item_number}」から「${number}」に変わっています。行内番号・No. の列は変更しないでください`, `No. was changed from ${item.item_number} to "${number}"; do not edit the label or No. columns`));
      continue;
    }
    const row: ParsedRow = { item, labelCell: address(SHEETS.checklist, 0, e.row), cells: {}, values: {} };
    for (const f of fields) {
      const c = col.get(f)!;
      row.cells[f] = address(SHEETS.checklist, c, e.row);
      row.values[f] = readAnswerCell(p.problems, ws, f, c, e.row, words);
    }
    p.rows.push(row);
  }
  // Rows below the request's: a label there is not the request's, and answers there belong to no item.
  for (let rr = lastRow + 1; rr <= ws.rowCount; rr++) {
    const label = read(ws, 0, rr);
    if (label) p.problems.push(cellProblem(SHEETS.checklist, 0, rr, `行内番号「${label}」はこの回答依頼にありません`, `label ${label} is not in this request`));
    else {
      const filled = fields.find((f) => read(ws, col.get(f)!, rr));
      if (filled) p.problems.push(cellProblem(SHEETS.checklist, col.get(filled)!, rr, 'この行は確認項目の行ではありません。回答は行内番号のある行に記入してください', 'this row is not an item of the request; answer in the rows with a label'));
    }
  }
  return p;
}

/** A bank's own layout, through its mapping. */
function readMappedLayout(wb: ExcelJS.Workbook, m: AnswerSheetMapping, mappingName: string, r: RequestRow, items: ItemRow[]): Parsed {
  // Only the columns of the request's scheme are read.
  const schemeFields = new Set<AnswerField>(ANSWER_COLUMNS[r.answer_scheme].map((c) => c.key as AnswerField));
  if (!FIELD_COLUMN.some(([f, c]) => schemeFields.has(f) && m.columns[c])) {
    const need = r.answer_scheme === 'yes_no' ? '回答（answer）' : '現状（currentState）';
    throw invalid('assessment.mapping_scheme', `列の対応付け「${mappingName}」には、この回答依頼の回答形式（${LABELS.scheme[r.answer_scheme]}）の列がありません。${need}の列を指定してください`, `mapping ${mappingName} has no column for this request's answer scheme (${r.answer_scheme})`);
  }
  const { ws, headerRow, col, fields, words, problems } = locateMappedLayout(wb, m, mappingName, schemeFields);
  const p: Parsed = { sheet: ws.name, fields, rows: [], hearing: [], problems };
  if (p.problems.length) return p;
  const byLabel = new Map(items.map((i) => [labelKey(i.label), i]));
  const seen = new Map<number, string>();
  const labelCol = col.get('label')!;
  for (let row = headerRow + 1; row <= ws.rowCount; row++) {
    const label = read(ws, labelCol, row);
    const filled = p.fields.find((f) => read(ws, col.get(f)!, row));
    if (!label) {
      if (filled) p.problems.push(cellProblem(ws.name, labelCol, row, `行内番号がありません（${FIELD_JA[filled]}が記入された行です）`, `the row has an answer but no label`));
      continue;
    }
    const item = byLabel.get(labelKey(label));
    if (!item) {
      // Headings and notes between the items have no answers: only an answered row must be the request's.
      if (filled) p.problems.push(cellProblem(ws.name, labelCol, row, `行内番号「${label}」はこの回答依頼にありません`, `label ${label} is not in this request`));
      continue;
    }
    const here = address(ws.name, labelCol, row);
    if (seen.has(item.item_number)) {
      p.problems.push(cellProblem(ws.name, labelCol, row, `行内番号「${label}」の行が ${seen.get(item.item_number)!.replace(/^シート「[^」]*」/, '')} にもあります`, `label ${label} also appears in ${seen.get(item.item_number)}`));
      continue;
    }
    seen.set(item.item_number, here);
    if (col.has('number')) {
      const number = read(ws, col.get('number')!, row);
      if (number !== String(item.item_number)) {
        p.problems.push(cellProblem(ws.name, col.get('number')!, row, `No. が「${number}」ですが、${item.label} は No.${item.item_number} です`, `No. is "${number}" but ${item.label} is item ${item.item_number}`));
        continue;
      }
    }
    const parsed: ParsedRow = { item, labelCell: here, cells: {}, values: {} };
    for (const f of p.fields) {
      parsed.cells[f] = address(ws.name, col.get(f)!, row);
      parsed.values[f] = readAnswerCell(p.problems, ws, f, col.get(f)!, row, words);
    }
    p.rows.push(parsed);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Import

const emptyToNull = (s: string | null | undefined) => (s === null || s === undefined || !s.trim() ? null : s.trim());

const COLUMN_OF: Record<AnswerField, keyof AnswerRow> = { choice: 'choice', explanation: 'explanation', currentState: 'current_state', issues: 'issues', improvementPlan: 'improvement_plan' };

function workbookInvalid(problems: Problem[]): AppError {
  const n = problems.length;
  return invalid('assessment.workbook_invalid', `ブックに ${n} 件の問題があります。何も取り込んでいません`, `The workbook has ${n} problem${n === 1 ? '' : 's'}; nothing was imported`, problems);
}

/** The problems saveRequestAnswers found, moved from /items/<i> and /hearing/<key> to the cells. */
function placed(e: unknown, sent: { cell: string }[], hearing: Map<string, string>): never {
  if (!(e instanceof AppError) || !e.problems.length) throw e;
  const problems = e.problems.map((p): Problem => {
    const item = /^\/items\/(\d+)/.exec(p.where);
    const key = /^\/hearing\/([^/]+)/.exec(p.where);
    const cell = item ? sent[Number(item[1])]?.cell : key ? hearing.get(key[1]!) : p.where === '/hearing' ? `シート「${SHEETS.hearing}」` : undefined;
    if (!cell) return p;
    const en = cell.replace(/^シート「([^」]*)」/, 'sheet $1 ');
    return { where: cell, messageJa: `${cell}: ${p.messageJa}`, messageEn: `${en}: ${p.messageEn}` };
  });
  throw new AppError(e.code === 'assessment.answer_invalid' ? 'assessment.workbook_invalid' : e.code, e.kind, { ja: `${e.messageJa}。何も取り込んでいません`, en: `${e.messageEn}; nothing was imported` }, problems);
}

export interface WorkbookImportResult {
  requestId: string;
  /** The sheet the answers were read from. */
  sheet: string;
  mapping: string | null;
  /** Answer rows read, and hearing answers read. */
  rows: number;
  hearing: number;
  /** Items whose answer changed; whether a hearing answer changed. */
  changed: number;
  hearingChanged: boolean;
  /** What still keeps the request from being submitted, at its cell (not an error: saved as it is). */
  notes: Problem[];
}

/**
 * Imports a filled workbook into a request (connector side), in the caller's transaction: the
 * request is looked up first (another organisation's is not found, whatever the file), then the
 * whole workbook is checked, then the answers that differ are saved with source 'import'.
 *
 * @throws AppError `assessment.request_not_found`, `assessment.workbook_missing`,
 *   `assessment.workbook_unreadable`, `assessment.workbook_unknown`, `assessment.workbook_other_request`,
 *   `assessment.workbook_invalid` (every problem at its cell), `assessment.mapping_not_found`,
 *   `assessment.request_not_open` (409).
 */
export async function importRequestWorkbook(args: {
  trx: Executor;
  actor: AuditActor;
  auth: AuthContext;
  id: string;
  data: Buffer | undefined;
  fileName?: string | undefined;
  /** The name of the bank's answer-sheet mapping, for a workbook in the bank's own layout. */
  mapping?: string | undefined;
}): Promise<WorkbookImportResult> {
  const { trx, auth } = args;
  const fileName = args.fileName ?? 'workbook.xlsx';
  // ExcelJS reads the file while the database looks the request up (on PostgreSQL the two overlap); the
  // request's own errors still come first, whatever the file holds.
  const reading = args.data?.length ? loadWorkbook(args.data, { fileName, errorCode: 'assessment.workbook_unreadable' }) : null;
  reading?.catch(() => {});
  // The request, its items and its answers in one read (as requireRequest: a party to it, and here its connector).
  const found = isUuid(args.id) ? await repo.findRequestWithItemsAndAnswers(trx, auth.organisation.id, args.id) : undefined;
  if (!found || found.connector_id !== auth.organisation.id) throw requestNotFound();
  const { items, answers, ...r } = found;
  if (!args.data?.length) throw invalid('assessment.workbook_missing', 'Excel ブック（.xlsx）を指定してください', `send the .xlsx file (${fileName} is empty)`);
  if (r.state !== 'sent' && r.state !== 'clarification') {
    throw conflict('assessment.request_not_open', `この回答依頼は「${LABELS.requestState[r.state]}」のため回答を取り込めません`, `the request is ${r.state}; answers cannot change`);
  }
  const mapping = args.mapping ? await requireMapping(trx, r.bank_id, args.mapping) : null;
  const wb = await reading!;
  const p = mapping ? readMappedLayout(wb, mapping, args.mapping!, r, items) : readOwnLayout(wb, r, items);
  if (p.problems.length) throw workbookInvalid(p.problems);

  const existing = new Map(answers.map((a) => [a.item_number, a]));
  const sent: { cell: string; input: Record<string, unknown> }[] = [];
  const notes: Problem[] = [];
  const note = (cell: string, ja: string, en: string) => notes.push({ where: cell, messageJa: `${cell}: ${ja}`, messageEn: `${cell.replace(/^シート「([^」]*)」/, 'sheet $1 ')}: ${en}` });
  for (const row of p.rows) {
    const e = existing.get(row.item.item_number);
    const merged: Record<AnswerField, string | null> = { choice: e?.choice ?? null, explanation: e?.explanation ?? null, currentState: e?.current_state ?? null, issues: e?.issues ?? null, improvementPlan: e?.improvement_plan ?? null };
    const differing = p.fields.filter((f) => emptyToNull(row.values[f]) !== ((e?.[COLUMN_OF[f]] as string | null | undefined) ?? null));
    if (differing.length) {
      const input: Record<string, unknown> = { number: row.item.item_number };
      for (const f of p.fields) {
        input[f] = emptyToNull(row.values[f]);
        merged[f] = input[f] as string | null;
      }
      sent.push({ cell: row.cells[differing[0]!]!, input });
    } else if (e && !e.confirmed && row.item.must_reanswer) {
      // The same words as the answer carried over are not yet an answer to the changed item.
      note(row.labelCell, `${row.item.label} は内容が変わった確認項目です。回答を見直して書き換えるか、画面で確認して保存してください`, `${row.item.label} changed in the new edition; revise its answer, or confirm it on the web`);
    }
    for (const pr of answerProblems(r.answer_scheme, merged as never, row.item.label)) {
      const field = pr.where.split('/').pop() as AnswerField;
      const strip = (s: string) => (s.startsWith(`${row.item.label}: `) ? s.slice(row.item.label.length + 2) : s);
      note(row.cells[field] ?? row.labelCell, strip(pr.messageJa), strip(pr.messageEn));
    }
  }
  const hearing: Record<string, string> = {};
  for (const h of p.hearing) if (h.value !== (r.hearing_answers[h.key] ?? '').trim()) hearing[h.key] = h.value;
  const hearingCells = new Map(p.hearing.map((h) => [h.key, h.cell]));
  for (const q of r.hearing_questions) {
    const cell = hearingCells.get(q.key);
    if (cell && q.required && !(hearing[q.key] ?? r.hearing_answers[q.key] ?? '').trim()) note(cell, `「${q.label}」は必須です`, `"${q.label}" is required`);
  }

  let saved = { changed: 0, hearingChanged: false };
  if (sent.length || Object.keys(hearing).length) {
    try {
      saved = await saveRequestAnswers({
        trx,
        actor: args.actor,
        auth,
        id: r.id,
        input: { items: sent.map((s) => s.input), ...(Object.keys(hearing).length ? { hearing } : {}) },
        source: 'import',
        audit: { action: 'assessment.imported', details: { fileName, sheet: p.sheet, mapping: args.mapping ?? null, rows: p.rows.length } },
        loaded: { request: r, items, answers },
      });
    } catch (e) {
      placed(e, sent, hearingCells);
    }
  }
  return { requestId: r.id, sheet: p.sheet, mapping: args.mapping ?? null, rows: p.rows.length, hearing: p.hearing.length, changed: saved.changed, hearingChanged: saved.hearingChanged, notes };
}
