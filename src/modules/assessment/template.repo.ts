/** Queries of a bank's templates (確認シート) and their items. */
import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AssessmentTemplateTable, HearingQuestion, TemplateItemTable } from '../../db/types.js';

export function findTemplate(trx: Executor, bankId: string, id: string) {
  return trx.selectFrom('assessment_template').selectAll().where('id', '=', id).where('bank_id', '=', bankId).executeTakeFirst();
}

/** A template's name by id alone, for a request the caller is already known to be a party to. */
export function findTemplateName(trx: Executor, id: string) {
  return trx.selectFrom('assessment_template').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

/** The bank's newest template carried over from this one, if any. */
export function findTemplateBasedOn(trx: Executor, bankId: string, templateId: string) {
  return trx.selectFrom('assessment_template').select('id').where('bank_id', '=', bankId).where('based_on_template_id', '=', templateId).orderBy('created_at', 'desc').executeTakeFirst();
}

export function listTemplates(trx: Executor, bankId: string) {
  return trx
    .selectFrom('assessment_template')
    .innerJoin('edition', 'edition.id', 'assessment_template.checklist_edition_id')
    .innerJoin('rule_set', 'rule_set.id', 'edition.rule_set_id')
    .selectAll('assessment_template')
    .select(['edition.label as edition_label', 'rule_set.code as rule_set_code', 'rule_set.name as rule_set_name'])
    .select((eb) => eb.selectFrom('template_item').select(eb.fn.countAll<number>().as('n')).whereRef('template_item.template_id', '=', 'assessment_template.id').where('included', '=', true).as('included_count'))
    .where('assessment_template.bank_id', '=', bankId)
    .orderBy('assessment_template.created_at', 'desc')
    .execute();
}

export function listTemplateItems(trx: Executor, templateId: string) {
  return trx.selectFrom('template_item').selectAll().where('template_id', '=', templateId).orderBy('position').orderBy('item_number').execute();
}

export function insertTemplate(trx: Executor, bankId: string, v: Omit<Insertable<AssessmentTemplateTable>, 'bank_id' | 'hearing_questions'> & { hearing_questions: HearingQuestion[] }) {
  return trx
    .insertInto('assessment_template')
    .values({ ...v, bank_id: bankId, hearing_questions: JSON.stringify(v.hearing_questions) as never })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function insertTemplateItems(trx: Executor, templateId: string, items: Omit<Insertable<TemplateItemTable>, 'template_id'>[]) {
  return trx.insertInto('template_item').values(items.map((x) => ({ ...x, template_id: templateId }))).execute();
}

/** Archives the bank's template (once carried over to a newer edition). */
export function archiveTemplate(trx: Executor, bankId: string, id: string) {
  return trx.updateTable('assessment_template').set({ status: 'archived', updated_at: new Date() }).where('id', '=', id).where('bank_id', '=', bankId).execute();
}

/** The items of a checklist edition named by its rule set's code and its label, with the API types they apply to. */
export function listChecklistItemsOfEdition(trx: Executor, ruleSetCode: string, editionLabel: string) {
  return trx
    .selectFrom('checklist_item')
    .innerJoin('edition', 'edition.id', 'checklist_item.edition_id')
    .innerJoin('rule_set', 'rule_set.id', 'edition.rule_set_id')
    .select(['checklist_item.number', 'checklist_item.applies_to'])
    .where('rule_set.code', '=', ruleSetCode)
    .where('edition.label', '=', editionLabel)
    .execute();
}
