/** Column mapping queries. Mappings belong to an organisation: every query has it in its WHERE clause. */
import type { Executor } from '../../db/database.js';
import type { ColumnMappingKind } from './checklist-workbook.schema.js';

export async function listColumnMappings(trx: Executor, organisationId: string, kind?: ColumnMappingKind) {
  let q = trx.selectFrom('column_mapping').selectAll().where('organisation_id', '=', organisationId);
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('kind').orderBy('name').execute();
}

export async function findColumnMapping(trx: Executor, organisationId: string, kind: ColumnMappingKind, name: string) {
  return trx
    .selectFrom('column_mapping')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', kind)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertColumnMapping(
  trx: Executor,
  v: { organisation_id: string; kind: ColumnMappingKind; name: string; mapping: Record<string, unknown>; created_by: string | null },
) {
  return trx
    .insertInto('column_mapping')
    .values({ ...v, mapping: JSON.stringify(v.mapping) })
    .returningAll()
    .executeTakeFirstOrThrow();
}
