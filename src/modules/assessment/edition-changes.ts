/**
 * What a newer edition of a checklist means for templates and assessments: which items are new,
 * changed or removed. Unchanged items keep their answers and verdicts; changed and new ones are asked
 * again.
 */
import type { Executor } from '../../db/database.js';
import { catalog } from '../catalog/index.js';

type EditionRow = NonNullable<Awaited<ReturnType<typeof catalog.repo.findEditionById>>>;

/** The newest published edition of the same checklist after this one, if any. */
export async function newerEdition(trx: Executor, edition: EditionRow): Promise<EditionRow | null> {
  const editions = await catalog.repo.listEditions(trx, edition.rule_set_id);
  const later = editions.filter(
    (e) => e.id !== edition.id && e.status !== 'draft' && ((e.published_on ?? '') > (edition.published_on ?? '') || ((e.published_on ?? '') === (edition.published_on ?? '') && new Date(e.created_at) > new Date(edition.created_at))),
  );
  later.sort((a, b) => (b.published_on ?? '').localeCompare(a.published_on ?? '') || new Date(b.created_at).getTime() - new Date(a.created_at).getTime());
  return (later[0] as EditionRow | undefined) ?? null;
}

export interface ItemChange {
  number: number;
  change: 'added' | 'changed' | 'removed' | 'unchanged';
  fields: string[];
}

/** Item by item, from one edition of a checklist to another (by item number). */
export async function editionItemChanges(trx: Executor, fromEditionId: string, toEditionId: string): Promise<ItemChange[]> {
  if (fromEditionId === toEditionId) {
    const ed = (await catalog.repo.findEditionById(trx, fromEditionId))!;
    return (await catalog.repo.listChecklistItems(trx, ed.id)).map((i) => ({ number: i.number, change: 'unchanged' as const, fields: [] }));
  }
  const [from, to] = await Promise.all([catalog.repo.findEditionById(trx, fromEditionId), catalog.repo.findEditionById(trx, toEditionId)]);
  const ruleSet = (await catalog.repo.findRuleSetById(trx, from!.rule_set_id))!;
  const r = await catalog.compareChecklistEditions({ trx, ruleSet: ruleSet.code, from: from!.label, to: to!.label });
  return r.rows.map((i) => ({ number: i.number, change: i.change, fields: i.fields }));
}
