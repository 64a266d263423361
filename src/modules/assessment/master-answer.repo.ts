/** Queries of a connector's answer sets, master answers and their revisions, and its consents to share them. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { MasterAnswerTable } from '../../db/types.js';

export function findAnswerSet(trx: Executor, connectorId: string, editionId: string) {
  return trx.selectFrom('answer_set').selectAll().where('connector_id', '=', connectorId).where('checklist_edition_id', '=', editionId).executeTakeFirst();
}

export function insertAnswerSet(trx: Executor, connectorId: string, v: { editionId: string; carriedFromAnswerSetId: string | null }) {
  return trx
    .insertInto('answer_set')
    .values({ connector_id: connectorId, checklist_edition_id: v.editionId, carried_from_answer_set_id: v.carriedFromAnswerSetId })
    .returningAll()
    .executeTakeFirstOrThrow();
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

/** One master answer of a set: the item's answer for that scope ('' for any service / API type). */
interface MasterAnswerKey {
  answerSetId: string;
  itemNumber: number;
  scopeService: string;
  scopeApiType: Selectable<MasterAnswerTable>['scope_api_type'];
}

export function findMasterAnswer(trx: Executor, k: MasterAnswerKey) {
  return trx.selectFrom('master_answer').selectAll().where('answer_set_id', '=', k.answerSetId).where('item_number', '=', k.itemNumber).where('scope_service', '=', k.scopeService).where('scope_api_type', '=', k.scopeApiType).executeTakeFirst();
}

export function insertMasterAnswer(trx: Executor, values: Insertable<MasterAnswerTable>) {
  return trx.insertInto('master_answer').values(values).returning('id').executeTakeFirstOrThrow();
}

export function updateMasterAnswer(trx: Executor, id: string, values: Updateable<MasterAnswerTable>) {
  return trx.updateTable('master_answer').set(values).where('id', '=', id).returning('id').executeTakeFirstOrThrow();
}

/** Deletes one master answer (its revisions stay, keyed by set, item and scope); returns it, or undefined when there was none. */
export function deleteMasterAnswer(trx: Executor, k: MasterAnswerKey) {
  return trx.deleteFrom('master_answer').where('answer_set_id', '=', k.answerSetId).where('item_number', '=', k.itemNumber).where('scope_service', '=', k.scopeService).where('scope_api_type', '=', k.scopeApiType).returningAll().executeTakeFirst();
}

/** One version of a master answer; `removed` records its removal (with its last content). */
export function insertMasterAnswerRevision(trx: Executor, v: MasterAnswerKey & { masterAnswerId: string | null; version: number; answer: Record<string, unknown>; changedBy: string | null; removed?: boolean }) {
  return trx
    .insertInto('master_answer_revision')
    .values({
      master_answer_id: v.masterAnswerId,
      answer_set_id: v.answerSetId,
      item_number: v.itemNumber,
      scope_service: v.scopeService,
      scope_api_type: v.scopeApiType,
      version: v.version,
      answer: JSON.stringify(v.answer) as never,
      changed_by: v.changedBy,
      removed: v.removed ?? false,
    })
    .execute();
}

/** The last version recorded for an answer's key, also of an answer since removed (0 when none). */
export async function lastRevisionVersion(trx: Executor, k: MasterAnswerKey): Promise<number> {
  const r = await trx
    .selectFrom('master_answer_revision')
    .select((eb) => eb.fn.max<number>('version').as('v'))
    .where('answer_set_id', '=', k.answerSetId)
    .where('item_number', '=', k.itemNumber)
    .where('scope_service', '=', k.scopeService)
    .where('scope_api_type', '=', k.scopeApiType)
    .executeTakeFirst();
  return Number(r?.v ?? 0);
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
    .innerJoin('answer_set as s', 's.id', 'r.answer_set_id')
    .leftJoin('user_account as u', 'u.id', 'r.changed_by')
    .select(['r.version', 'r.answer', 'r.changed_at', 'r.removed', 'u.display_name', 'r.scope_service', 'r.scope_api_type'])
    .where('s.connector_id', '=', connectorId)
    .where('s.id', '=', answerSetId)
    .where('r.item_number', '=', itemNumber)
    .orderBy('r.scope_service')
    .orderBy('r.scope_api_type')
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

export function insertShare(trx: Executor, connectorId: string, v: { bankId: string; grantedBy: string }) {
  return trx.insertInto('answer_share').values({ connector_id: connectorId, bank_id: v.bankId, granted_by: v.grantedBy }).returning('id').executeTakeFirstOrThrow();
}

export function revokeShare(trx: Executor, connectorId: string, v: { shareId: string; revokedBy: string }) {
  return trx.updateTable('answer_share').set({ revoked_at: new Date(), revoked_by: v.revokedBy }).where('id', '=', v.shareId).where('connector_id', '=', connectorId).execute();
}
