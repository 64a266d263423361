/** Review queries. */
import type { Executor } from '../../db/database.js';
import type { ReviewConsiderationTable, ReviewCycleTable } from '../../db/types.js';

export async function findLatestAnalysisId(trx: Executor, ruleSetCode: string, from: string, to: string) {
  const r = await trx
    .selectFrom('revision_analysis')
    .innerJoin('rule_set', 'rule_set.id', 'revision_analysis.rule_set_id')
    .innerJoin('edition as f', 'f.id', 'revision_analysis.from_edition_id')
    .innerJoin('edition as t', 't.id', 'revision_analysis.to_edition_id')
    .select('revision_analysis.id')
    .where('rule_set.code', '=', ruleSetCode)
    .where('f.label', '=', from)
    .where('t.label', '=', to)
    .orderBy('revision_analysis.created_at', 'desc')
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function latestVersion(trx: Executor, checklistId: string, fiscalYear: number) {
  const r = await trx
    .selectFrom('review_cycle')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('checklist_rule_set_id', '=', checklistId)
    .where('fiscal_year', '=', fiscalYear)
    .executeTakeFirst();
  return Number(r?.v ?? 0);
}

export async function upsertRule(
  trx: Executor,
  v: { checklist_rule_set_id: string; label: string; source: string; title: string; body: string; monitored_intro: string | null; monitored: string[] },
) {
  const existing = await trx.selectFrom('review_rule').selectAll().where('checklist_rule_set_id', '=', v.checklist_rule_set_id).where('label', '=', v.label).executeTakeFirst();
  if (existing) return existing;
  return trx.insertInto('review_rule').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function findRule(trx: Executor, id: string) {
  return trx.selectFrom('review_rule').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCycle(trx: Executor, v: Omit<ReviewCycleTable, 'id' | 'created_at' | 'version' | 'major_revision'> & { version: number; major_revision: boolean }) {
  return trx.insertInto('review_cycle').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function insertConsiderations(trx: Executor, rows: Omit<ReviewConsiderationTable, 'id'>[]) {
  if (rows.length) await trx.insertInto('review_consideration').values(rows as never).execute();
}

export async function findCycle(trx: Executor, checklistCode: string, fiscalYear: number, version?: number) {
  let q = trx
    .selectFrom('review_cycle')
    .innerJoin('rule_set', 'rule_set.id', 'review_cycle.checklist_rule_set_id')
    .selectAll('review_cycle')
    .select(['rule_set.code as checklist_code', 'rule_set.name as checklist_name'])
    .where('rule_set.code', '=', checklistCode)
    .where('review_cycle.fiscal_year', '=', fiscalYear);
  if (version !== undefined) q = q.where('review_cycle.version', '=', version);
  return q.orderBy('review_cycle.version', 'desc').executeTakeFirst();
}

export async function listConsiderations(trx: Executor, cycleId: string) {
  return trx.selectFrom('review_consideration').selectAll().where('cycle_id', '=', cycleId).orderBy('position').execute();
}

export async function listCycles(trx: Executor) {
  return trx
    .selectFrom('review_cycle')
    .innerJoin('rule_set', 'rule_set.id', 'review_cycle.checklist_rule_set_id')
    .select(['review_cycle.id', 'rule_set.code as checklist_code', 'review_cycle.fiscal_year', 'review_cycle.version', 'review_cycle.state', 'review_cycle.document_date'])
    .orderBy('review_cycle.fiscal_year', 'desc')
    .orderBy('review_cycle.version', 'desc')
    .execute();
}
