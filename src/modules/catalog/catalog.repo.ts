/** Catalog queries. Every function takes the executor; catalogs are shared reference data. */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ProvisionTable } from '../../db/types.js';

export async function findRuleSetByCode(trx: Executor, code: string) {
  return trx.selectFrom('rule_set').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listRuleSets(trx: Executor) {
  return trx
    .selectFrom('rule_set')
    .select((eb) => [
      'rule_set.id',
      'rule_set.code',
      'rule_set.name',
      'rule_set.short_name',
      'rule_set.kind',
      'rule_set.publisher',
      'rule_set.is_sample',
      eb.selectFrom('edition').whereRef('edition.rule_set_id', '=', 'rule_set.id').select(eb.fn.countAll<number>().as('n')).as('edition_count'),
    ])
    .orderBy('rule_set.code')
    .execute();
}

export async function insertRuleSet(
  trx: Executor,
  v: { code: string; name: string; short_name: string | null; kind: string; publisher: string | null; is_sample: boolean },
) {
  return trx.insertInto('rule_set').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function listEditions(trx: Executor, ruleSetId: string) {
  return trx
    .selectFrom('edition')
    .selectAll()
    .where('rule_set_id', '=', ruleSetId)
    // An edition whose date the source does not give is taken as the oldest.
    .orderBy(sql`published_on asc nulls first`)
    .orderBy('created_at')
    .execute();
}

export async function findEdition(trx: Executor, ruleSetId: string, label: string) {
  return trx.selectFrom('edition').selectAll().where('rule_set_id', '=', ruleSetId).where('label', '=', label).executeTakeFirst();
}

export async function findEditionById(trx: Executor, id: string) {
  return trx.selectFrom('edition').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertEdition(
  trx: Executor,
  v: { rule_set_id: string; label: string; published_on: string | null; status: string; based_on_edition_id: string | null; source: string | null },
) {
  return trx.insertInto('edition').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function listPartialRevisions(trx: Executor, editionId: string) {
  return trx.selectFrom('partial_revision').selectAll().where('edition_id', '=', editionId).orderBy('position').execute();
}

export async function insertPartialRevisions(
  trx: Executor,
  rows: { edition_id: string; position: number; revised_on: string; body: string; summary: string }[],
) {
  if (rows.length) await trx.insertInto('partial_revision').values(rows).execute();
}

/** A provision to insert: every column but the generated id. */
export type ProvisionRow = Omit<ProvisionTable, 'id'>;

export async function insertProvisions(trx: Executor, rows: ProvisionRow[]) {
  // Chunked: PostgreSQL allows at most 65,535 bind parameters per statement.
  for (let i = 0; i < rows.length; i += 500) {
    await trx.insertInto('provision').values(rows.slice(i, i + 500)).execute();
  }
}

export async function listProvisions(trx: Executor, editionId: string, opts: { q?: string | undefined } = {}) {
  let query = trx.selectFrom('provision').selectAll().where('edition_id', '=', editionId);
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('code', 'like', like), eb('title', 'like', like), eb('text', 'like', like)]));
  }
  return query.orderBy('position').execute();
}

export async function findProvision(trx: Executor, editionId: string, code: string) {
  return trx.selectFrom('provision').selectAll().where('edition_id', '=', editionId).where('code', '=', code).executeTakeFirst();
}

/** Which provision codes exist in any edition of a rule set (codes are stable across editions). */
export async function existingProvisionCodes(trx: Executor, ruleSetId: string, codes: string[]) {
  if (!codes.length) return new Set<string>();
  const rows = await trx
    .selectFrom('provision')
    .innerJoin('edition', 'edition.id', 'provision.edition_id')
    .select('provision.code')
    .distinct()
    .where('edition.rule_set_id', '=', ruleSetId)
    .where('provision.code', 'in', codes)
    .execute();
  return new Set(rows.map((r) => r.code));
}

export async function insertChecklistItems(
  trx: Executor,
  rows: {
    edition_id: string;
    number: number;
    category: string;
    text: string | null;
    objective: string | null;
    guidance: string | null;
    subject_party: string | null;
    applies_to: string[] | null;
    remarks: string | null;
  }[],
) {
  if (!rows.length) return [];
  return trx.insertInto('checklist_item').values(rows).returning(['id', 'number']).execute();
}

export async function insertCrossReferences(
  trx: Executor,
  rows: { checklist_item_id: string; position: number; target_rule_set_id: string; provision_code: string; sub_part: string | null }[],
) {
  for (let i = 0; i < rows.length; i += 500) {
    await trx.insertInto('cross_reference').values(rows.slice(i, i + 500)).execute();
  }
}

export async function listChecklistItems(trx: Executor, editionId: string) {
  return trx.selectFrom('checklist_item').selectAll().where('edition_id', '=', editionId).orderBy('number').execute();
}

export async function findChecklistItem(trx: Executor, editionId: string, number: number) {
  return trx.selectFrom('checklist_item').selectAll().where('edition_id', '=', editionId).where('number', '=', number).executeTakeFirst();
}

/** Cross-references of the items of a checklist edition, with the cited rule set's code. */
export async function listCrossReferencesOfEdition(trx: Executor, checklistEditionId: string) {
  return trx
    .selectFrom('cross_reference')
    .innerJoin('checklist_item', 'checklist_item.id', 'cross_reference.checklist_item_id')
    .innerJoin('rule_set', 'rule_set.id', 'cross_reference.target_rule_set_id')
    .select([
      'cross_reference.checklist_item_id',
      'checklist_item.number',
      'checklist_item.category',
      'checklist_item.objective',
      'cross_reference.position',
      'cross_reference.target_rule_set_id',
      'rule_set.code as rule_set_code',
      'rule_set.name as rule_set_name',
      'rule_set.is_sample as rule_set_is_sample',
      'cross_reference.provision_code',
      'cross_reference.sub_part',
    ])
    .where('checklist_item.edition_id', '=', checklistEditionId)
    .orderBy('checklist_item.number')
    .orderBy('cross_reference.position')
    .execute();
}

/** The checklist items (of any checklist edition) that cite a provision of a rule set. */
export async function listCitationsOfProvision(trx: Executor, ruleSetId: string, code: string) {
  return trx
    .selectFrom('cross_reference')
    .innerJoin('checklist_item', 'checklist_item.id', 'cross_reference.checklist_item_id')
    .innerJoin('edition', 'edition.id', 'checklist_item.edition_id')
    .innerJoin('rule_set', 'rule_set.id', 'edition.rule_set_id')
    .select([
      'rule_set.code as checklist_code',
      'rule_set.name as checklist_name',
      'rule_set.is_sample as checklist_is_sample',
      'edition.label as edition_label',
      'checklist_item.number',
      'checklist_item.category',
      'checklist_item.objective',
      'checklist_item.text',
      'cross_reference.sub_part',
    ])
    .where('cross_reference.target_rule_set_id', '=', ruleSetId)
    .where('cross_reference.provision_code', '=', code)
    .orderBy('rule_set.code')
    .orderBy(sql`edition.published_on asc nulls first`)
    .orderBy('checklist_item.number')
    .execute();
}

/** The latest published edition of a checklist that cites the given rule set. */
export async function findLatestCitingChecklistEdition(trx: Executor, targetRuleSetId: string) {
  return trx
    .selectFrom('edition')
    .innerJoin('rule_set', 'rule_set.id', 'edition.rule_set_id')
    .select(['edition.id', 'edition.label', 'rule_set.code as rule_set_code'])
    .where('rule_set.kind', '=', 'checklist')
    // A sample is for the tour: it never stands in for the real checklist by default.
    .where('rule_set.is_sample', '=', false)
    .where('edition.status', '!=', 'draft')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('cross_reference')
          .innerJoin('checklist_item', 'checklist_item.id', 'cross_reference.checklist_item_id')
          .whereRef('checklist_item.edition_id', '=', 'edition.id')
          .where('cross_reference.target_rule_set_id', '=', targetRuleSetId)
          .select(sql`1`.as('one')),
      ),
    )
    .orderBy(sql`edition.published_on desc nulls last`)
    .orderBy('edition.created_at', 'desc')
    .executeTakeFirst();
}

export async function insertRecordedComparison(
  trx: Executor,
  v: { rule_set_id: string; from_edition_id: string; to_edition_id: string; source: string },
) {
  return trx.insertInto('recorded_comparison').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function findRecordedComparison(trx: Executor, fromEditionId: string, toEditionId: string) {
  return trx
    .selectFrom('recorded_comparison')
    .selectAll()
    .where('from_edition_id', '=', fromEditionId)
    .where('to_edition_id', '=', toEditionId)
    .executeTakeFirst();
}

export async function listRecordedComparisons(trx: Executor, ruleSetId: string) {
  return trx
    .selectFrom('recorded_comparison')
    .innerJoin('edition as f', 'f.id', 'recorded_comparison.from_edition_id')
    .innerJoin('edition as t', 't.id', 'recorded_comparison.to_edition_id')
    .select(['recorded_comparison.id', 'recorded_comparison.source', 'f.label as from_label', 't.label as to_label'])
    .where('recorded_comparison.rule_set_id', '=', ruleSetId)
    .execute();
}

export async function insertRecordedRows(
  trx: Executor,
  rows: { recorded_comparison_id: string; position: number; provision_codes: string[]; label: string | null; printed_text: string; tag: string; summary: string | null }[],
) {
  if (rows.length) await trx.insertInto('recorded_row').values(rows).execute();
}

export async function listRecordedRows(trx: Executor, recordedComparisonId: string) {
  return trx.selectFrom('recorded_row').selectAll().where('recorded_comparison_id', '=', recordedComparisonId).orderBy('position').execute();
}

export async function countRuleSets(trx: Executor): Promise<number> {
  const r = await trx.selectFrom('rule_set').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findRuleSetById(trx: Executor, id: string) {
  return trx.selectFrom('rule_set').selectAll().where('id', '=', id).executeTakeFirst();
}
