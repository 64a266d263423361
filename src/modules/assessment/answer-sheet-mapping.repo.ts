/** Answer-sheet mapping queries (column_mapping of kind 'answerSheet'); the bank is in every WHERE clause. */
import type { Executor } from '../../db/database.js';

/** Deletes the bank's mapping of that name; returns it, or undefined when the bank has none so named. */
export function deleteAnswerSheetMappingRow(trx: Executor, bankId: string, name: string) {
  return trx.deleteFrom('column_mapping').where('organisation_id', '=', bankId).where('kind', '=', 'answerSheet').where('name', '=', name).returningAll().executeTakeFirst();
}

export function listAnswerSheetMappings(trx: Executor, bankId: string) {
  return trx.selectFrom('column_mapping').selectAll().where('organisation_id', '=', bankId).where('kind', '=', 'answerSheet').orderBy('name').execute();
}

export function findAnswerSheetMapping(trx: Executor, bankId: string, name: string) {
  return trx.selectFrom('column_mapping').selectAll().where('organisation_id', '=', bankId).where('kind', '=', 'answerSheet').where('name', '=', name).executeTakeFirst();
}

/** Saves a mapping under its name, replacing the bank's mapping of that name. */
export function upsertAnswerSheetMapping(trx: Executor, v: { bankId: string; name: string; mapping: unknown; userId: string }) {
  return trx
    .insertInto('column_mapping')
    .values({ organisation_id: v.bankId, kind: 'answerSheet', name: v.name, mapping: JSON.stringify(v.mapping), created_by: v.userId })
    .onConflict((oc) => oc.columns(['organisation_id', 'kind', 'name']).doUpdateSet({ mapping: JSON.stringify(v.mapping) }))
    .returningAll()
    .executeTakeFirstOrThrow();
}
