/**
 * Saved column mappings of an organisation: list, save, look up by name. Kind 'checklistWorkbook' is
 * how a checklist workbook of another layout is read (checklist-workbook.ts); 'answerSheet' is for
 * the assessment module's answer sheets and is validated there.
 */
import type { Executor } from '../../db/database.js';
import { AppError, conflict, notFound, type Problem } from '../../lib/errors.js';
import { jsonPointerOf, safeParseBilingual } from '../../lib/validate.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import { checklistWorkbookMapping, type ChecklistWorkbookMapping, type ColumnMappingKind } from './checklist-workbook.schema.js';
import * as repo from './column-mapping.repo.js';

function present(r: Awaited<ReturnType<typeof repo.listColumnMappings>>[number]) {
  return { id: r.id, kind: r.kind, name: r.name, mapping: r.mapping, createdAt: new Date(r.created_at).toISOString() };
}

export async function listColumnMappings(args: { trx: Executor; organisationId: string; kind?: ColumnMappingKind | undefined }) {
  return (await repo.listColumnMappings(args.trx, args.organisationId, args.kind)).map(present);
}

/** A 'checklistWorkbook' mapping, checked; every problem at its JSON pointer under /mapping. */
export function parseChecklistWorkbookMapping(value: unknown): ChecklistWorkbookMapping {
  const r = safeParseBilingual(checklistWorkbookMapping, value);
  if (r.success) return r.data;
  const problems: Problem[] = r.found.map((f) => ({ where: `/mapping${jsonPointerOf(f.path) === '/' ? '' : jsonPointerOf(f.path)}`, messageJa: f.ja, messageEn: f.en }));
  throw new AppError(
    'catalog.column_mapping_invalid',
    'invalid',
    { ja: `列の対応付けに ${problems.length} 件の問題があります`, en: `The column mapping has ${problems.length} problem${problems.length === 1 ? '' : 's'}` },
    problems,
  );
}

/**
 * Saves a mapping under a name unique for the organisation and kind, with its audit entry.
 *
 * @throws AppError `catalog.column_mapping_invalid`, `catalog.column_mapping_exists` (409).
 */
export async function createColumnMapping(args: {
  trx: Executor;
  actor: AuditActor;
  organisationId: string;
  kind: 'checklistWorkbook';
  name: string;
  mapping: unknown;
}) {
  const mapping = parseChecklistWorkbookMapping(args.mapping);
  const name = args.name.normalize('NFC').trim();
  if (await repo.findColumnMapping(args.trx, args.organisationId, args.kind, name)) {
    throw conflict('catalog.column_mapping_exists', `列の対応付け「${name}」は既に登録されています`, `a column mapping named ${name} already exists`);
  }
  const row = await repo.insertColumnMapping(args.trx, {
    organisation_id: args.organisationId,
    kind: args.kind,
    name,
    mapping,
    created_by: args.actor.userId,
  });
  await recordAudit(args.trx, args.actor, {
    action: 'catalog.column_mapping_created',
    organisationId: args.organisationId,
    targetType: 'column_mapping',
    targetId: row.id,
    details: { kind: args.kind, name },
  });
  return present(row);
}

/** The organisation's 'checklistWorkbook' mapping of that name. */
export async function requireChecklistWorkbookMapping(trx: Executor, organisationId: string, name: string): Promise<ChecklistWorkbookMapping> {
  const row = await repo.findColumnMapping(trx, organisationId, 'checklistWorkbook', name);
  if (!row) {
    throw notFound('catalog.column_mapping_not_found', `列の対応付け「${name}」が見つかりません`, `column mapping ${name} not found`);
  }
  return parseChecklistWorkbookMapping(row.mapping);
}
