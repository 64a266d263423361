/**
 * Importing a checklist edition from an Excel workbook in FISC's layout (No. / 区分 / 確認項目 / 対象 /
 * 現状 / 課題 / 改善計画 / 関連規定 / 関連規定の該当箇所 / 備考), or in another layout through a saved
 * column mapping; and the view that the FISC-layout export (src/render/checklist-workbook.ts) writes.
 *
 * The workbook becomes an interchange `checklistEdition` document that goes through the same checks
 * and the same import as a YAML file, so every catalog rule applies. Every problem — the workbook's
 * own and the import's — is reported at its cell (シート「チェックリスト」C12) in Japanese and English,
 * and nothing is written unless the whole workbook is right.
 */
import type { Executor } from '../../db/database.js';
import { columnLetter } from '../../lib/csv.js';
import { AppError, conflict, invalid, type Problem } from '../../lib/errors.js';
import { normalizeProvisionCode } from '../../lib/provision-code.js';
import { cellAddress, cellProblem, cellText, cleanCellText as clean, columnIndex, loadWorkbook, previewSheets, sheetProblem, type SheetPreview } from '../../lib/xlsx-read.js';
import type { AuditActor } from '../audit/index.js';
import * as repo from './catalog.repo.js';
import { FISC_COLUMNS, formatAppliesTo, formatReferences, headerKey, REQUIRED_COLUMNS, WORKBOOK_SHEET } from './checklist-workbook.layout.js';
import { isColumnLetter, MAPPED_FIELDS, type ChecklistWorkbookMapping, type MappedField } from './checklist-workbook.schema.js';
import { parseChecklistWorkbookMapping, requireChecklistWorkbookMapping } from './column-mappings.js';
import { importDocument, type ImportResult } from './import-document.js';
import { validateInterchange } from './interchange.js';
import { FORMAT_ID, type ChecklistEditionDocument, type ChecklistItemInput } from './interchange.schema.js';
import { listChecklistItems, requireEdition } from './read-catalog.js';

/** A rule set the 関連規定 column may name: by its code, name or short name. */
export interface RuleSetRef {
  code: string;
  name: string;
  shortName: string | null;
}

/** What was read: the items in the interchange shape, and for each JSON pointer the cell it came from. */
export interface WorkbookContent {
  sheet: string;
  /** The text above the header row (FISC's sheets have a title there), or null. */
  title: string | null;
  headerRow: number;
  items: ChecklistItemInput[];
  /** JSON pointer (/items/3/text) → cell address (C12), to place the import's problems. */
  cells: Map<string, string>;
}

/** How many rows from the top are searched for the header row. */
const MAX_HEADER_ROW = 30;

const FIELD_JA: Record<MappedField, string> = {
  number: 'No.',
  category: '区分',
  text: '確認項目',
  subjectParty: '対象',
  references: '関連規定',
  referenceCodes: '関連規定の該当箇所',
  remarks: '備考',
  objective: 'セキュリティ目標',
  guidance: '解説',
  appliesTo: '参照系・更新系',
};
const FIELD_EN: Record<MappedField, string> = {
  number: 'item number (No.)',
  category: 'category (区分)',
  text: 'question (確認項目)',
  subjectParty: 'subject party (対象)',
  references: 'related rules (関連規定)',
  referenceCodes: 'related provisions (関連規定の該当箇所)',
  remarks: 'remarks (備考)',
  objective: 'security objective (セキュリティ目標)',
  guidance: 'guidance (解説)',
  appliesTo: 'API type (参照系・更新系)',
};

// ---------------------------------------------------------------------------------------------
// Cells

type Grid = { name: string; rows: string[][] };

async function readGrids(data: Buffer, fileName: string): Promise<Grid[]> {
  const wb = await loadWorkbook(data, { fileName, errorCode: 'catalog.workbook_unreadable' });
  return wb.worksheets.map((ws) => {
    const rows: string[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      // A merged cell reads as its top-left cell's value, so a 区分 merged over several rows applies to each.
      for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(row.getCell(c).value));
      rows.push(cells);
    }
    return { name: ws.name, rows };
  });
}

// ---------------------------------------------------------------------------------------------
// Rule sets and codes in the 関連規定 columns

const ruleSetKey = (s: string) => s.normalize('NFKC').replace(/[\s「」『』"'“”]/g, '').toLowerCase();
const withoutNote = (s: string) => s.replace(/(?:\([^()]*\))$/, '');

/**
 * The rule set a 関連規定 line names: a mapping's alias, else the one whose code, name or short name
 * it is (a trailing note in brackets aside: 全銀協報告書（サンプル） is 全銀協報告書), else the one whose
 * name or short name contains it (安全対策基準 → FISC 安全対策基準).
 */
export function resolveRuleSet(written: string, ruleSets: readonly RuleSetRef[], aliases: Record<string, string> = {}): { code: string } | { unknown: true } | { ambiguous: string[] } {
  const k = ruleSetKey(written);
  for (const [alias, code] of Object.entries(aliases)) {
    if (ruleSetKey(alias) === k) return ruleSets.some((r) => r.code === code) ? { code } : { unknown: true };
  }
  const names = (r: RuleSetRef) => [r.name, ...(r.shortName ? [r.shortName] : [])].map(ruleSetKey);
  const exact = ruleSets.filter((r) => ruleSetKey(r.code) === k || names(r).some((n) => n === k || withoutNote(n) === k));
  if (exact.length === 1) return { code: exact[0]!.code };
  if (exact.length > 1) return { ambiguous: exact.map((r) => r.code) };
  const partial = k.length >= 2 ? ruleSets.filter((r) => names(r).some((n) => n.includes(k))) : [];
  if (partial.length === 1) return { code: partial[0]!.code };
  if (partial.length > 1) return { ambiguous: partial.map((r) => r.code) };
  return { unknown: true };
}

/**
 * One code of a 関連規定の該当箇所 cell: "実 103 - 1" → 実103-1, "C14" → 統14, and a section with a
 * sub-part letter "3.3.1 d" → provision 3.3.1, subPart d.
 */
export function parseReferenceCode(token: string): { provision: string; subPart?: string } {
  const t = token.normalize('NFKC').trim();
  const section = /^(\d+(?:\.\d+)+)\s*-?\s*([a-z])$/i.exec(t);
  if (section) return { provision: section[1]!, subPart: section[2]! };
  return { provision: normalizeProvisionCode(t) };
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

const APPLIES_TO: Record<string, 'read' | 'write' | 'both'> = {
  参照系: 'read',
  参照: 'read',
  read: 'read',
  更新系: 'write',
  更新: 'write',
  write: 'write',
  両方: 'both',
  共通: 'both',
  both: 'both',
};

// ---------------------------------------------------------------------------------------------
// Reading

interface Columns {
  grid: Grid;
  headerRow: number;
  /** Field → 0-based column. */
  at: Map<MappedField, number>;
}

function rowProblem(sheet: string, row: number, ja: string, en: string): Problem {
  return { where: `シート「${sheet}」 ${row}行目`, messageJa: `シート「${sheet}」${row}行目: ${ja}`, messageEn: `sheet ${sheet} row ${row}: ${en}` };
}

function workbookInvalid(problems: Problem[]): AppError {
  const n = problems.length;
  return new AppError(
    'catalog.workbook_invalid',
    'invalid',
    { ja: `チェックリストのブックに ${n} 件の問題があります。何も取り込んでいません`, en: `The checklist workbook has ${n} problem${n === 1 ? '' : 's'}; nothing was imported` },
    problems,
  );
}

/** FISC's layout: the first sheet (チェックリスト preferred) with a row holding No., 区分 and 確認項目. */
function findFiscColumns(grids: Grid[]): Columns | Problem[] {
  const ordered = [...grids.filter((g) => g.name === WORKBOOK_SHEET), ...grids.filter((g) => g.name !== WORKBOOK_SHEET)];
  const fieldOfKey = new Map<string, MappedField>();
  for (const c of FISC_COLUMNS) if (!c.answer) for (const n of c.names) fieldOfKey.set(headerKey(n), c.field as MappedField);
  for (const grid of ordered) {
    for (let r = 0; r < Math.min(grid.rows.length, MAX_HEADER_ROW); r++) {
      const at = new Map<MappedField, number>();
      const problems: Problem[] = [];
      grid.rows[r]!.forEach((cell, i) => {
        const field = fieldOfKey.get(headerKey(cell));
        if (!field) return;
        if (at.has(field)) {
          problems.push(
            cellProblem(grid.name, i, r + 1, `「${FIELD_JA[field]}」の列が ${columnLetter(at.get(field)!)}${r + 1} にもあります`, `a second ${FIELD_EN[field]} column (the first is ${columnLetter(at.get(field)!)}${r + 1})`),
          );
        } else at.set(field, i);
      });
      if (!REQUIRED_COLUMNS.every((f) => at.has(f))) continue;
      if (at.has('references') !== at.has('referenceCodes')) {
        const missing: MappedField = at.has('references') ? 'referenceCodes' : 'references';
        problems.push(rowProblem(grid.name, r + 1, `見出し行に「${FIELD_JA[missing]}」の列がありません（関連規定と該当箇所は両方必要です）`, `the header row has no ${FIELD_EN[missing]} column (related rules and provisions go together)`));
      }
      return problems.length ? problems : { grid, headerRow: r + 1, at };
    }
  }
  const names = REQUIRED_COLUMNS.map((f) => FIELD_JA[f]).join(' / ');
  const sheet = ordered[0]?.name ?? WORKBOOK_SHEET;
  return [
    sheetProblem(
      sheet,
      `見出し行（${names} …）が見つかりません（上から${MAX_HEADER_ROW}行以内に必要です）。別の様式のブックは列の対応付けを指定して取り込んでください`,
      `no header row (No. / 区分 / 確認項目 …) in the first ${MAX_HEADER_ROW} rows; import another layout with a column mapping`,
    ),
  ];
}

/** Another layout, through a saved mapping. */
function findMappedColumns(grids: Grid[], mapping: ChecklistWorkbookMapping): Columns | Problem[] {
  const grid = mapping.sheet ? grids.find((g) => g.name === mapping.sheet) : grids[0];
  if (!grid) {
    const ja = mapping.sheet ? `シート「${mapping.sheet}」がありません（あるシート: ${grids.map((g) => g.name).join('、')}）` : 'シートがありません';
    const en = mapping.sheet ? `there is no sheet ${mapping.sheet} (sheets: ${grids.map((g) => g.name).join(', ')})` : 'the workbook has no worksheet';
    return [{ where: mapping.sheet ? `シート「${mapping.sheet}」` : 'workbook', messageJa: ja, messageEn: en }];
  }
  const refs = MAPPED_FIELDS.flatMap((f) => (mapping.columns[f] ? [[f, mapping.columns[f]!] as const] : []));
  const byHeader = refs.filter(([, ref]) => !isColumnLetter(ref));
  let headerRow = mapping.headerRow;
  if (headerRow === undefined) {
    const keys = byHeader.map(([, ref]) => headerKey(ref));
    const r = grid.rows.slice(0, MAX_HEADER_ROW).findIndex((row) => keys.every((k) => row.some((c) => headerKey(c) === k)));
    if (r === -1) {
      return [
        sheetProblem(
          grid.name,
          `列の対応付けの見出し（${byHeader.map(([, ref]) => ref).join('・')}）が揃った行が上から${MAX_HEADER_ROW}行以内にありません`,
          `no row in the first ${MAX_HEADER_ROW} has all the mapping's headers (${byHeader.map(([, ref]) => ref).join(', ')})`,
        ),
      ];
    }
    headerRow = r + 1;
  }
  const header = grid.rows[headerRow - 1] ?? [];
  const at = new Map<MappedField, number>();
  const problems: Problem[] = [];
  for (const [field, ref] of refs) {
    if (isColumnLetter(ref)) {
      at.set(field, columnIndex(ref));
      continue;
    }
    const i = header.findIndex((c) => headerKey(c) === headerKey(ref));
    if (i === -1) {
      problems.push(rowProblem(grid.name, headerRow, `見出し行に「${ref}」の列がありません（${FIELD_JA[field]}）`, `the header row has no column headed ${ref} (${FIELD_EN[field]})`));
    } else at.set(field, i);
  }
  return problems.length ? problems : { grid, headerRow, at };
}

/**
 * Reads the items of a checklist workbook. Pure: the rule sets that 関連規定 may name are passed in.
 *
 * @throws AppError `catalog.workbook_unreadable`, `catalog.workbook_empty`, or `catalog.workbook_invalid`
 *   with every problem at its cell (where: シート「チェックリスト」C12).
 */
export async function readChecklistWorkbook(
  data: Buffer,
  opts: { fileName: string; ruleSets: readonly RuleSetRef[]; mapping?: ChecklistWorkbookMapping | undefined },
): Promise<WorkbookContent> {
  if (!data.length) throw invalid('catalog.workbook_empty', `${opts.fileName} が空です`, `${opts.fileName} is empty`);
  const grids = await readGrids(data, opts.fileName);
  if (!grids.length) throw invalid('catalog.workbook_empty', `${opts.fileName} にシートがありません`, `${opts.fileName} has no worksheet`);
  const found = opts.mapping ? findMappedColumns(grids, opts.mapping) : findFiscColumns(grids);
  if (Array.isArray(found)) throw workbookInvalid(found);
  const { grid, headerRow, at } = found;
  const aliases = opts.mapping?.ruleSets ?? {};
  const title = grid.rows
    .slice(0, headerRow - 1)
    .flatMap((r) => r.map((c) => clean(c)).filter(Boolean))
    .at(0) ?? null;

  const problems: Problem[] = [];
  const items: ChecklistItemInput[] = [];
  const cells = new Map<string, string>();
  const firstOfNumber = new Map<number, string>();
  let lastCategory: string | undefined;
  for (let r = headerRow; r < grid.rows.length; r++) {
    const row = grid.rows[r]!;
    const rowNo = r + 1;
    const get = (f: MappedField) => (at.has(f) ? clean(row[at.get(f)!]) : '');
    // A field the layout has no column for is reported at the row's No.
    const colOf = (f: MappedField) => at.get(f) ?? at.get('number')!;
    const addr = (f: MappedField) => cellAddress(grid.name, colOf(f), rowNo);
    if ([...at.values()].every((i) => !clean(row[i]))) continue;
    const i = items.length;
    const pointer = (...p: (string | number)[]) => `/items/${i}${p.map((x) => `/${x}`).join('')}`;
    let ok = true;
    const fail = (f: MappedField, ja: string, en: string) => {
      problems.push(cellProblem(grid.name, colOf(f), rowNo, ja, en));
      ok = false;
    };

    const rawNumber = get('number').normalize('NFKC').replace(/^no\.?\s*/i, '').replace(/\.$/, '');
    const number = /^\d+$/.test(rawNumber) ? Number(rawNumber) : NaN;
    if (!get('number')) fail('number', 'No. が空です', 'the item number (No.) is empty');
    else if (!Number.isSafeInteger(number) || number < 1) fail('number', `No.「${get('number')}」は正の整数ではありません`, `the item number ${JSON.stringify(get('number'))} is not a positive whole number`);
    else if (firstOfNumber.has(number)) fail('number', `No. ${number} が重複しています（${firstOfNumber.get(number)} と同じ）`, `duplicate item number ${number} (same as ${firstOfNumber.get(number)})`);
    else firstOfNumber.set(number, `${columnLetter(at.get('number')!)}${rowNo}`);

    // FISC's sheets write a 区分 once for its group (or merge the cell): an empty cell continues it.
    const category = get('category') || lastCategory || opts.mapping?.defaultCategory;
    if (!category) fail('category', '区分が空です', 'the category (区分) is empty');
    else lastCategory = category;

    const text = get('text');
    if (!text) fail('text', '確認項目が空です', 'the question (確認項目) is empty');

    let appliesTo: ('read' | 'write')[] | undefined;
    const rawApplies = get('appliesTo');
    if (rawApplies) {
      const set = new Set<'read' | 'write'>();
      for (const token of rawApplies.normalize('NFKC').toLowerCase().split(/[・、,/\s]+/).filter(Boolean)) {
        const t = APPLIES_TO[token];
        if (!t) {
          fail('appliesTo', `「${token}」は参照系・更新系のどちらでもありません（参照系、更新系、両方 のいずれか）`, `${JSON.stringify(token)} is neither 参照系 (read) nor 更新系 (write)`);
          continue;
        }
        if (t !== 'write') set.add('read');
        if (t !== 'read') set.add('write');
      }
      if (set.size) appliesTo = (['read', 'write'] as const).filter((x) => set.has(x));
    }

    const references: ChecklistItemInput['references'] = [];
    const refCells: { ruleSet: string; provision: string }[] = [];
    const names = lines(get('references'));
    const codeLines = lines(get('referenceCodes'));
    if (names.length && !codeLines.length) fail('referenceCodes', '関連規定の該当箇所が空です', 'the related provisions (関連規定の該当箇所) are empty');
    else if (!names.length && codeLines.length) fail('references', '関連規定（規程・基準の名前）が空です', 'the related rules (関連規定) are empty');
    else if (names.length > 1 && names.length !== codeLines.length) {
      fail('referenceCodes', `関連規定が ${names.length} 行、該当箇所が ${codeLines.length} 行で、行の対応が取れません（規程・基準ごとに1行ずつ書いてください）`, `${names.length} related rules but ${codeLines.length} lines of provisions: write one line per rule set`);
    } else {
      names.forEach((name, j) => {
        const resolved = resolveRuleSet(name, opts.ruleSets, aliases);
        if ('unknown' in resolved) {
          fail('references', `関連規定「${name}」に当たる規程・基準がカタログにありません（名前、略称、コードのいずれかで書いてください）`, `no rule set in the catalog is called ${JSON.stringify(name)} (write its name, short name or code)`);
          return;
        }
        if ('ambiguous' in resolved) {
          fail('references', `関連規定「${name}」に当たる規程・基準が複数あります（${resolved.ambiguous.join('、')}）。コードで書いてください`, `${JSON.stringify(name)} could be any of ${resolved.ambiguous.join(', ')}; write its code`);
          return;
        }
        const codes = names.length === 1 ? codeLines : [codeLines[j]!];
        for (const token of codes.flatMap((l) => l.split(/[,、，;；]/)).map((t) => t.trim()).filter(Boolean)) {
          const { provision, subPart } = parseReferenceCode(token);
          references.push({ ruleSet: resolved.code, provision, ...(subPart ? { subPart } : {}) });
          refCells.push({ ruleSet: addr('references'), provision: addr('referenceCodes') });
        }
      });
    }
    if (!ok) continue;

    const optional = (f: 'subjectParty' | 'remarks' | 'objective' | 'guidance') => get(f) || undefined;
    const item: ChecklistItemInput = {
      number,
      category: category!,
      text,
      ...(optional('objective') ? { objective: optional('objective') } : {}),
      ...(optional('guidance') ? { guidance: optional('guidance') } : {}),
      ...(optional('subjectParty') ? { subjectParty: optional('subjectParty') } : {}),
      ...(appliesTo ? { appliesTo } : {}),
      references,
      ...(optional('remarks') ? { remarks: optional('remarks') } : {}),
    };
    items.push(item);
    cells.set(pointer(), addr('number'));
    for (const f of MAPPED_FIELDS) if (at.has(f)) cells.set(pointer(f), addr(f));
    refCells.forEach((c, j) => {
      cells.set(pointer('references', j), c.provision);
      cells.set(pointer('references', j, 'ruleSet'), c.ruleSet);
      cells.set(pointer('references', j, 'provision'), c.provision);
      cells.set(pointer('references', j, 'subPart'), c.provision);
    });
  }
  if (problems.length) throw workbookInvalid(problems);
  if (!items.length) {
    throw invalid(
      'catalog.workbook_empty',
      `シート「${grid.name}」の見出し行（${headerRow}行目）の下に確認項目がありません`,
      `sheet ${grid.name} has no items below the header row (row ${headerRow})`,
    );
  }
  return { sheet: grid.name, title, headerRow, items, cells };
}

// ---------------------------------------------------------------------------------------------
// Importing

/** Where the use case's own inputs are named in problems that concern them. */
const PARAMETER_OF: Record<string, { ja: string; en: string }> = {
  '/edition/label': { ja: '版（label）', en: 'label' },
  '/edition/publishedOn': { ja: '公表日（publishedOn）', en: 'publishedOn' },
  '/edition/basedOn': { ja: '基にした版（basedOn）', en: 'basedOn' },
  '/ruleSet': { ja: '規程・基準（ruleSet）', en: 'ruleSet' },
};

/** The import's problems, moved from JSON pointers to the cells (or parameters) they came from. */
function placeProblems(e: unknown, content: WorkbookContent): never {
  if (!(e instanceof AppError) || !e.problems.length) throw e;
  const sheetPrefix = `シート「${content.sheet}」`;
  const problems = e.problems.map((p): Problem => {
    const pointer = p.where.replace(/ \(line \d+\)$/, '');
    let cell: string | undefined;
    for (let q = pointer; q && !cell; q = q.slice(0, q.lastIndexOf('/'))) cell = content.cells.get(q);
    if (cell) {
      const en = `sheet ${content.sheet} ${cell.slice(sheetPrefix.length)}`;
      return { where: cell, messageJa: `${cell}: ${p.messageJa}`, messageEn: `${en}: ${p.messageEn}` };
    }
    const param = Object.entries(PARAMETER_OF).find(([k]) => pointer === k || pointer.startsWith(`${k}/`))?.[1];
    return param ? { where: param.en, messageJa: `${param.ja}: ${p.messageJa}`, messageEn: `${param.en}: ${p.messageEn}` } : p;
  });
  throw new AppError(e.code, e.kind, { ja: e.messageJa, en: e.messageEn }, problems);
}

/**
 * Imports a workbook as a new edition of a checklist, in the caller's transaction; all or nothing.
 * The rule set is the catalog's (created with `name`, or the workbook's title, when it is new). With
 * `mapping` the organisation's saved column mapping of that name reads another layout.
 *
 * @throws AppError `catalog.edition_exists` (409) when the edition is already there — re-importing the
 *   same workbook changes nothing; `catalog.workbook_invalid` / `catalog.import_invalid` with every
 *   problem at its cell; `catalog.column_mapping_not_found`; `catalog.not_a_checklist`.
 */
export async function importChecklistWorkbook(args: {
  trx: Executor;
  actor: AuditActor;
  data: Buffer;
  fileName: string;
  ruleSet: string;
  label: string;
  publishedOn?: string | undefined;
  basedOn?: string | undefined;
  /** The name of a new rule set (default: the workbook's title). */
  name?: string | undefined;
  mapping?: string | undefined;
  /** Whose saved mappings `mapping` names. */
  organisationId?: string | null | undefined;
}): Promise<ImportResult & { sheet: string }> {
  const { trx } = args;
  const label = args.label.normalize('NFC').trim();
  const existing = await repo.findRuleSetByCode(trx, args.ruleSet);
  if (existing && existing.kind !== 'checklist') {
    throw invalid('catalog.not_a_checklist', `「${existing.name}」はチェックリストではありません`, `${existing.code} is not a checklist`);
  }
  if (existing && (await repo.findEdition(trx, existing.id, label))) {
    throw conflict(
      'catalog.edition_exists',
      `版「${label}」は「${existing.name}」に既に登録されています。同じブックを取り込み直しても何も変わりません（新しい版として取り込むには別の版名を指定してください）`,
      `edition ${label} of ${existing.code} already exists; importing the workbook again changes nothing (give another label to import it as a new edition)`,
    );
  }
  let mapping: ChecklistWorkbookMapping | undefined;
  if (args.mapping) {
    if (!args.organisationId) {
      throw invalid('catalog.column_mapping_organisation', '列の対応付けを使うには組織を指定してください', 'a column mapping belongs to an organisation: name it');
    }
    mapping = await requireChecklistWorkbookMapping(trx, args.organisationId, args.mapping);
  }
  const ruleSets = (await repo.listRuleSets(trx))
    .filter((r) => r.kind !== 'checklist')
    .map((r) => ({ code: r.code, name: r.name, shortName: r.short_name }));
  const content = await readChecklistWorkbook(args.data, { fileName: args.fileName, ruleSets, mapping });
  const name = existing?.name ?? args.name ?? content.title;
  if (!name) {
    throw invalid(
      'catalog.rule_set_name_missing',
      `規程・基準「${args.ruleSet}」は未登録です。名前（name）を指定するか、ブックの見出し行の上に表題を書いてください`,
      `rule set ${args.ruleSet} is new: give its name, or put a title above the header row`,
    );
  }
  const doc: ChecklistEditionDocument = {
    format: FORMAT_ID,
    kind: 'checklistEdition',
    ruleSet: {
      code: args.ruleSet,
      name,
      ...(existing?.short_name ? { shortName: existing.short_name } : {}),
      kind: 'checklist',
      ...(existing?.publisher ? { publisher: existing.publisher } : {}),
      ...(existing?.is_sample ? { sample: true } : {}),
    },
    edition: {
      label,
      ...(args.publishedOn ? { publishedOn: args.publishedOn } : {}),
      status: 'published',
      ...(args.basedOn ? { basedOn: args.basedOn } : {}),
      source: `Excel ブック ${args.fileName}（シート「${content.sheet}」）から取り込み`,
      partialRevisions: [],
    },
    items: content.items,
  };
  let checked;
  try {
    checked = validateInterchange(doc);
  } catch (e) {
    placeProblems(e, content);
  }
  try {
    const result = await importDocument({ trx, doc: checked, actor: args.actor, fileName: args.fileName });
    return { ...result, sheet: content.sheet };
  } catch (e) {
    placeProblems(e, content);
  }
}

// ---------------------------------------------------------------------------------------------
// Exporting: the view src/render/checklist-workbook.ts writes

export interface ChecklistWorkbookView {
  ruleSet: { code: string; name: string; sample: boolean };
  edition: { label: string; publishedOn: string | null };
  /** One row per item, every cell as it is written. */
  rows: {
    number: number;
    category: string;
    text: string;
    subjectParty: string;
    references: string;
    referenceCodes: string;
    remarks: string;
    objective: string;
    guidance: string;
    appliesTo: string;
  }[];
}

/** A checklist edition as the rows of FISC's layout; cited rule sets by their short name. */
export async function getChecklistWorkbookView(args: { trx: Executor; ruleSetCode: string; label: string }): Promise<ChecklistWorkbookView> {
  const { ruleSet, edition } = await requireEdition(args.trx, args.ruleSetCode, args.label);
  if (ruleSet.kind !== 'checklist') {
    throw invalid('catalog.not_a_checklist', `「${ruleSet.name}」はチェックリストではありません`, `${ruleSet.code} is not a checklist`);
  }
  const items = await listChecklistItems({ trx: args.trx, ruleSetCode: args.ruleSetCode, label: args.label });
  const shortNames = new Map((await repo.listRuleSets(args.trx)).map((r) => [r.code, r.short_name ?? r.name]));
  return {
    ruleSet: { code: ruleSet.code, name: ruleSet.name, sample: ruleSet.is_sample },
    edition: { label: edition.label, publishedOn: edition.published_on },
    rows: items.map((it) => {
      const refs = formatReferences(it.references.map((r) => ({ ruleSetName: shortNames.get(r.ruleSet) ?? r.ruleSetName, provision: r.provision, subPart: r.subPart })));
      return {
        number: it.number,
        category: it.category,
        text: it.text ?? '',
        subjectParty: it.subjectParty ?? '',
        references: refs.references,
        referenceCodes: refs.codes,
        remarks: it.remarks ?? '',
        objective: it.objective ?? '',
        guidance: it.guidance ?? '',
        appliesTo: formatAppliesTo(it.appliesTo),
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// The column-mapping form's two steps: look into a sample workbook, try a mapping on it

/**
 * The visible sheets of a checklist workbook in another layout and their first 40 rows, for choosing
 * the header row and the columns of a mapping. Nothing is saved.
 *
 * @throws AppError `catalog.workbook_empty`, `catalog.workbook_unreadable`.
 */
export async function inspectChecklistWorkbook(args: { data: Buffer | undefined; fileName?: string | undefined }): Promise<{ fileName: string; sheets: SheetPreview[] }> {
  const fileName = args.fileName ?? 'workbook.xlsx';
  if (!args.data?.length) throw invalid('catalog.workbook_empty', `${fileName} が空です`, `${fileName} is empty`);
  const wb = await loadWorkbook(args.data, { fileName, errorCode: 'catalog.workbook_unreadable' });
  return { fileName, sheets: previewSheets(wb) };
}

const TRY_ITEMS = 200;

/**
 * Reads a sample workbook through a mapping that need not be saved yet, as an import would: the
 * sheet, header row, title and items it finds (at most 200 shown), with 関連規定 resolved to the
 * catalog's rule sets. Nothing is saved.
 *
 * @throws AppError `catalog.column_mapping_invalid` (at /mapping/…), `catalog.workbook_empty`,
 *   `catalog.workbook_unreadable`, `catalog.workbook_invalid` with every problem at its cell.
 */
export async function tryChecklistWorkbookMapping(args: { trx: Executor; data: Buffer | undefined; fileName?: string | undefined; mapping: unknown }) {
  const mapping = parseChecklistWorkbookMapping(args.mapping);
  const fileName = args.fileName ?? 'workbook.xlsx';
  if (!args.data?.length) throw invalid('catalog.workbook_empty', `${fileName} が空です`, `${fileName} is empty`);
  const ruleSets = (await repo.listRuleSets(args.trx)).filter((r) => r.kind !== 'checklist').map((r) => ({ code: r.code, name: r.name, shortName: r.short_name }));
  const content = await readChecklistWorkbook(args.data, { fileName, ruleSets, mapping });
  // 関連規定 as the exported workbook writes it: by the rule set's short name.
  const shortNameOf = (code: string) => {
    const r = ruleSets.find((x) => x.code === code);
    return r?.shortName ?? r?.name ?? code;
  };
  return {
    sheet: content.sheet,
    title: content.title,
    headerRow: content.headerRow,
    total: content.items.length,
    items: content.items.slice(0, TRY_ITEMS).map((i) => {
      const refs = formatReferences(i.references.map((r) => ({ ruleSetName: shortNameOf(r.ruleSet), provision: r.provision, subPart: r.subPart ?? null })));
      return { number: i.number, category: i.category, text: i.text ?? null, references: refs.references, referenceCodes: refs.codes };
    }),
  };
}
