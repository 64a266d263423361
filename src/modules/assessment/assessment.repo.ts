/**
 * Kysely queries of the assessment module, one repo file per thing (connections, templates, master
 * answers, evidence, requests, review, …), all re-exported here. Every query that reads or changes an
 * organisation's data takes that organisation and keeps it in the WHERE clause: a bank sees only what
 * it sent and what was shared with it; a connector only its own requests and answers.
 */
import type { Executor } from '../../db/database.js';
import type { ApiType } from './assessment.schema.js';

export * from './connection.repo.js';
export * from './evidence.repo.js';
export * from './master-answer.repo.js';
export * from './organisation.repo.js';
export * from './request.repo.js';
export * from './review.repo.js';
export * from './template.repo.js';

// Answer-sheet mappings (a bank's own Excel layout; column_mapping of kind 'answerSheet') -------

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

export type { ApiType };
