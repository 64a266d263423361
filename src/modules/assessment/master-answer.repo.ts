/** Queries of a connector's answer sets, master answers and their revisions, and its consents to share them. */
import type { Executor } from '../../db/database.js';

export function findAnswerSet(trx: Executor, connectorId: string, editionId: string) {
  return trx.selectFrom('answer_set').selectAll().where('connector_id', '=', connectorId).where('checklist_edition_id', '=', editionId).executeTakeFirst();
}

/** The connector's newest answer set for an older edition of the same checklist, to carry over from. */
export function findLatestAnswerSetOfRuleSet(trx: Executor, connectorId: string, ruleSetId: string, exceptEditionId: string) {
  return trx
    .selectFrom('answer_set')
    .innerJoin('edition', 'edition.id', 'answer_set.checklist_edition_id')
    .selectAll('answer_set')
    .where('answer_set.connector_id', '=', connectorId)
    .where('edition.rule_set_id', '=', ruleSetId)
    .where('answer_set.checklist_edition_id', '<>', exceptEditionId)
    .orderBy('edition.published_on', (ob) => ob.desc().nullsLast())
    .orderBy('answer_set.created_at', 'desc')
    .executeTakeFirst();
}

export function listMasterAnswers(trx: Executor, answerSetId: string) {
  return trx.selectFrom('master_answer').selectAll().where('answer_set_id', '=', answerSetId).orderBy('item_number').orderBy('scope_service').orderBy('scope_api_type').execute();
}

export function listAnswerSets(trx: Executor, connectorId: string) {
  return trx
    .selectFrom('answer_set')
    .innerJoin('edition', 'edition.id', 'answer_set.checklist_edition_id')
    .innerJoin('rule_set', 'rule_set.id', 'edition.rule_set_id')
    .select(['answer_set.id', 'answer_set.checklist_edition_id', 'edition.label as edition_label', 'rule_set.code as rule_set_code', 'rule_set.name as rule_set_name'])
    .select((eb) => eb.selectFrom('master_answer').select(eb.fn.countAll<number>().as('n')).whereRef('master_answer.answer_set_id', '=', 'answer_set.id').as('answers'))
    .select((eb) => eb.selectFrom('master_answer').select(eb.fn.countAll<number>().as('n')).whereRef('master_answer.answer_set_id', '=', 'answer_set.id').where('needs_reanswer', '=', true).as('needs_reanswer'))
    .where('answer_set.connector_id', '=', connectorId)
    .orderBy('rule_set.code')
    .orderBy('edition.published_on', (ob) => ob.desc().nullsLast())
    .execute();
}

export function listMasterAnswerHistory(trx: Executor, connectorId: string, answerSetId: string, itemNumber: number) {
  return trx
    .selectFrom('master_answer_revision as r')
    .innerJoin('master_answer as m', 'm.id', 'r.master_answer_id')
    .innerJoin('answer_set as s', 's.id', 'm.answer_set_id')
    .leftJoin('user_account as u', 'u.id', 'r.changed_by')
    .select(['r.version', 'r.answer', 'r.changed_at', 'u.display_name', 'm.scope_service', 'm.scope_api_type'])
    .where('s.connector_id', '=', connectorId)
    .where('s.id', '=', answerSetId)
    .where('m.item_number', '=', itemNumber)
    .orderBy('m.scope_service')
    .orderBy('m.scope_api_type')
    .orderBy('r.version', 'desc')
    .execute();
}

// Sharing -------------------------------------------------------------------------------------

export function findActiveShare(trx: Executor, connectorId: string, bankId: string) {
  return trx.selectFrom('answer_share').selectAll().where('connector_id', '=', connectorId).where('bank_id', '=', bankId).where('revoked_at', 'is', null).executeTakeFirst();
}

export function listShares(trx: Executor, orgId: string) {
  return trx
    .selectFrom('answer_share')
    .innerJoin('organisation as b', 'b.id', 'answer_share.bank_id')
    .innerJoin('organisation as c', 'c.id', 'answer_share.connector_id')
    .selectAll('answer_share')
    .select(['b.name as bank_name', 'c.name as connector_name'])
    .where((eb) => eb.or([eb('answer_share.connector_id', '=', orgId), eb('answer_share.bank_id', '=', orgId)]))
    .orderBy('answer_share.granted_at', 'desc')
    .execute();
}
