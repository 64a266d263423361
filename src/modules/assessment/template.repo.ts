/** Queries of a bank's templates (確認シート) and their items. */
import type { Executor } from '../../db/database.js';

export function findTemplate(trx: Executor, bankId: string, id: string) {
  return trx.selectFrom('assessment_template').selectAll().where('id', '=', id).where('bank_id', '=', bankId).executeTakeFirst();
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
