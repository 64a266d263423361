/**
 * Review queries: cycles and their considerations, the evidence registers and their links, meetings
 * and comments, and what the secretariat's dashboard counts. Review data is the secretariat's, kept for
 * the whole 連絡会, not per organisation; a comment records the organisation that wrote it.
 */
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ConsiderationEvidenceTable, ReviewConsiderationTable, ReviewCycleTable } from '../../db/types.js';

/** The tables of the evidence registers (REGISTERS in evidence.ts). */
export type RegisterTable = 'feedback' | 'incident' | 'standard_trend' | 'self_regulation_change' | 'update_api_status';

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

export async function findLatestRule(trx: Executor, checklistId: string) {
  return trx.selectFrom('review_rule').selectAll().where('checklist_rule_set_id', '=', checklistId).orderBy('created_at', 'desc').executeTakeFirst();
}

export async function insertCycle(trx: Executor, v: Omit<ReviewCycleTable, 'id' | 'created_at' | 'version' | 'major_revision'> & { version: number; major_revision: boolean }) {
  return trx.insertInto('review_cycle').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function insertConsiderations(trx: Executor, rows: Omit<ReviewConsiderationTable, 'id'>[]) {
  if (rows.length) await trx.insertInto('review_consideration').values(rows as never).execute();
}

/** The cycles of a checklist, by its code. */
function cyclesOfChecklist(trx: Executor, checklistCode: string) {
  return trx
    .selectFrom('review_cycle')
    .innerJoin('rule_set', 'rule_set.id', 'review_cycle.checklist_rule_set_id')
    .selectAll('review_cycle')
    .where('rule_set.code', '=', checklistCode);
}

export async function findCycle(trx: Executor, checklistCode: string, fiscalYear: number, version?: number) {
  let q = cyclesOfChecklist(trx, checklistCode)
    .select(['rule_set.code as checklist_code', 'rule_set.name as checklist_name'])
    .where('review_cycle.fiscal_year', '=', fiscalYear);
  if (version !== undefined) q = q.where('review_cycle.version', '=', version);
  return q.orderBy('review_cycle.version', 'desc').executeTakeFirst();
}

/** The latest version of the latest 年度's cycle of a checklist. */
export async function findLatestCycle(trx: Executor, checklistCode: string) {
  return cyclesOfChecklist(trx, checklistCode).orderBy('review_cycle.fiscal_year', 'desc').orderBy('review_cycle.version', 'desc').executeTakeFirst();
}

export async function findCycleById(trx: Executor, id: string) {
  return trx.selectFrom('review_cycle').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCycleOfYear(trx: Executor, checklistId: string, fiscalYear: number) {
  return trx.selectFrom('review_cycle').select('id').where('checklist_rule_set_id', '=', checklistId).where('fiscal_year', '=', fiscalYear).executeTakeFirst();
}

/** The latest cycle of a checklist before a 年度 that has its document date. */
export async function findPreviousDocumentedCycle(trx: Executor, checklistId: string, fiscalYear: number) {
  return trx
    .selectFrom('review_cycle')
    .select('document_date')
    .where('checklist_rule_set_id', '=', checklistId)
    .where('fiscal_year', '<', fiscalYear)
    .where('document_date', 'is not', null)
    .orderBy('fiscal_year', 'desc')
    .orderBy('version', 'desc')
    .executeTakeFirst();
}

export async function updateCycle(trx: Executor, id: string, patch: Updateable<ReviewCycleTable>) {
  await trx.updateTable('review_cycle').set(patch).where('id', '=', id).execute();
}

export async function listConsiderations(trx: Executor, cycleId: string) {
  return trx.selectFrom('review_consideration').selectAll().where('cycle_id', '=', cycleId).orderBy('position').execute();
}

export async function listConclusions(trx: Executor, cycleId: string) {
  return trx.selectFrom('review_consideration').select('conclusion').where('cycle_id', '=', cycleId).execute();
}

export async function findConsideration(trx: Executor, cycleId: string, key: string) {
  return trx.selectFrom('review_consideration').selectAll().where('cycle_id', '=', cycleId).where('key', '=', key).executeTakeFirst();
}

export async function insertConsideration(trx: Executor, v: Insertable<ReviewConsiderationTable>) {
  return trx.insertInto('review_consideration').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function updateConsideration(trx: Executor, id: string, patch: Updateable<ReviewConsiderationTable>) {
  await trx.updateTable('review_consideration').set(patch).where('id', '=', id).execute();
}

/** The latest analysis of an edition published from `fromMonth` (YYYY-MM) to `to`. */
export async function findLatestAnalysisPublishedBetween(trx: Executor, fromMonth: string, to: string) {
  return trx
    .selectFrom('revision_analysis')
    .innerJoin('edition as t', 't.id', 'revision_analysis.to_edition_id')
    .select('revision_analysis.id')
    .where('t.published_on', '>=', fromMonth)
    .where('t.published_on', '<=', to)
    .orderBy('revision_analysis.created_at', 'desc')
    .executeTakeFirst();
}

export async function listAnalysisRevisionNeeded(trx: Executor, analysisId: string) {
  return trx.selectFrom('analysis_row').select('revision_needed').where('analysis_id', '=', analysisId).execute();
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

// Evidence registers and their links to considerations ----------------------------------------

export async function insertRegisterEntry(trx: Executor, table: RegisterTable, values: Record<string, unknown>) {
  const row = await trx.insertInto(table as never).values(values as never).returning('id' as never).executeTakeFirstOrThrow();
  return row as { id: string };
}

/**
 * A register's entries ordered by `orderBy`: those with `dateColumn` from `from` to `to`, or those of
 * a 年度 (update-API status), or all of them when there is no filter.
 */
export async function listRegisterEntries(
  trx: Executor,
  table: RegisterTable,
  orderBy: string,
  filter?: { dateColumn: string; from: string; to: string } | { fiscalYear: number },
) {
  let q = trx.selectFrom(table as never).selectAll();
  if (filter && 'dateColumn' in filter) q = q.where(filter.dateColumn as never, '>=', filter.from as never).where(filter.dateColumn as never, '<=', filter.to as never);
  else if (filter) q = q.where('fiscal_year' as never, '=', filter.fiscalYear as never);
  return (await q.orderBy(orderBy as never).execute()) as Record<string, unknown>[];
}

export async function findRegisterEntry(trx: Executor, table: RegisterTable, id: string) {
  return (await trx.selectFrom(table as never).selectAll().where('id' as never, '=', id as never).executeTakeFirst()) as Record<string, unknown> | undefined;
}

/** 更新系 API status per 年度: how many banks are recorded, and how many offer update APIs. */
export async function countUpdateApiStatus(trx: Executor) {
  return trx
    .selectFrom('update_api_status')
    .select((eb) => ['fiscal_year', eb.fn.countAll<number>().as('banks'), eb.fn.sum<number>(eb.case().when('offers_update_api', '=', true).then(1).else(0).end()).as('offering')])
    .groupBy('fiscal_year')
    .orderBy('fiscal_year')
    .execute();
}

export async function listEvidenceLinks(trx: Executor, considerationId: string) {
  return trx.selectFrom('consideration_evidence').selectAll().where('consideration_id', '=', considerationId).execute();
}

export async function insertEvidenceLinks(trx: Executor, rows: ConsiderationEvidenceTable[]) {
  if (rows.length) await trx.insertInto('consideration_evidence').values(rows).execute();
}

/** Links an entry to a consideration; a link that exists already is left as it is. */
export async function insertEvidenceLink(trx: Executor, v: ConsiderationEvidenceTable) {
  await trx.insertInto('consideration_evidence').values(v).onConflict((oc) => oc.doNothing()).execute();
}

// Meetings and comments -------------------------------------------------------------------------

/** Which of these organisations exist. */
export async function findOrganisationIds(trx: Executor, ids: string[]) {
  return trx.selectFrom('organisation').select('id').where('id', 'in', ids).execute();
}

export async function listOrganisationNames(trx: Executor) {
  return trx.selectFrom('organisation').select(['id', 'name']).execute();
}

export async function insertMeeting(trx: Executor, v: { cycle_id: string | null; held_on: string; title: string; agenda: string; attendee_ids: string[] }) {
  return trx.insertInto('meeting').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function findMeeting(trx: Executor, id: string) {
  return trx.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function publishMeetingMinutes(trx: Executor, id: string, minutes: string) {
  await trx.updateTable('meeting').set({ minutes, minutes_published_at: new Date() }).where('id', '=', id).execute();
}

/** Meetings, the latest first, with the 年度 of the cycle they deliberate. */
export async function listMeetings(trx: Executor) {
  return trx
    .selectFrom('meeting')
    .leftJoin('review_cycle', 'review_cycle.id', 'meeting.cycle_id')
    .selectAll('meeting')
    .select('review_cycle.fiscal_year')
    .orderBy('meeting.held_on', 'desc')
    .execute();
}

export async function insertComment(trx: Executor, v: { cycle_id: string; consideration_key: string | null; organisation_id: string; user_id: string | null; body: string }) {
  return trx.insertInto('review_comment').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function countComments(trx: Executor, cycleId: string) {
  return trx.selectFrom('review_comment').select((eb) => eb.fn.countAll<string>().as('n')).where('cycle_id', '=', cycleId).executeTakeFirstOrThrow();
}

/** A cycle's comments, oldest first, with the name of the organisation that wrote each. */
export async function listComments(trx: Executor, cycleId: string) {
  return trx
    .selectFrom('review_comment')
    .innerJoin('organisation', 'organisation.id', 'review_comment.organisation_id')
    .select(['review_comment.id', 'review_comment.consideration_key', 'review_comment.body', 'review_comment.created_at', 'organisation.name as organisation'])
    .where('review_comment.cycle_id', '=', cycleId)
    .orderBy('review_comment.created_at')
    .execute();
}

// The dashboard ------------------------------------------------------------------------------------

/** Incidents per 年度 and severity. */
export async function countIncidentsByFiscalYear(trx: Executor) {
  // 年度 of a date: April–March, named by its starting year (the year of the date three months earlier).
  const fy = sql<number>`cast(extract(year from (occurred_on - interval '3 months')) as integer)`;
  return trx
    .selectFrom('incident')
    .select([fy.as('fiscal_year'), 'severity', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy([fy, 'severity'])
    .execute();
}

/**
 * The latest alerts with how many recipient organisations each has, and in how many of them at least
 * one member has acknowledged it.
 */
export async function listLatestAlertCounts(trx: Executor, limit: number) {
  return trx
    .selectFrom('alert')
    .select((eb) => [
      'alert.id',
      'alert.title',
      'alert.severity',
      'alert.published_at',
      eb.selectFrom('alert_recipient').select((e) => e.fn.countAll<string>().as('n')).whereRef('alert_recipient.alert_id', '=', 'alert.id').as('recipients'),
      eb
        .selectFrom('alert_recipient')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('alert_recipient.alert_id', '=', 'alert.id')
        .where((e) => e.exists(e.selectFrom('alert_acknowledgement as ack').select('ack.alert_id').whereRef('ack.alert_id', '=', 'alert_recipient.alert_id').whereRef('ack.organisation_id', '=', 'alert_recipient.organisation_id')))
        .as('acknowledged'),
    ])
    .orderBy('alert.published_at', 'desc')
    .orderBy('alert.id')
    .limit(limit)
    .execute();
}
