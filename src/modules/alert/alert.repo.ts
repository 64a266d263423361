/**
 * Alert queries. An alert is the secretariat's and is read in full only by it; what a recipient
 * organisation reads or changes (its alerts, its acknowledgements) takes that organisation and keeps it
 * in the WHERE clause.
 */
import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AlertTable } from '../../db/types.js';

export async function listOrganisationIdsOfTypes(trx: Executor, types: ('bank' | 'connector')[]) {
  return trx.selectFrom('organisation').select('id').where('type', 'in', types).execute();
}

/** Which of these organisations exist. */
export async function findOrganisationIds(trx: Executor, ids: string[]) {
  return trx.selectFrom('organisation').select('id').where('id', 'in', ids).execute();
}

/** Which of these incidents exist. */
export async function findIncidentIds(trx: Executor, ids: string[]) {
  return trx.selectFrom('incident').select('id').where('id', 'in', ids).execute();
}

export async function markIncidentsAlerted(trx: Executor, ids: string[]) {
  await trx.updateTable('incident').set({ alert_issued: true }).where('id', 'in', ids).execute();
}

export async function insertAlert(trx: Executor, v: Insertable<AlertTable>) {
  return trx.insertInto('alert').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function insertRecipients(trx: Executor, alertId: string, organisationIds: string[]) {
  await trx.insertInto('alert_recipient').values(organisationIds.map((organisation_id) => ({ alert_id: alertId, organisation_id }))).execute();
}

export async function findAlert(trx: Executor, id: string) {
  return trx.selectFrom('alert').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Alerts, newest first, with when this user acknowledged each: those addressed to `organisationId`, or
 * every alert when it is null (the secretariat).
 */
export async function listAlertsForUser(trx: Executor, userId: string, organisationId: string | null) {
  let q = trx
    .selectFrom('alert')
    .leftJoin('alert_acknowledgement as ack', (j) => j.onRef('ack.alert_id', '=', 'alert.id').on('ack.user_id', '=', userId))
    .select(['alert.id', 'alert.title', 'alert.body', 'alert.severity', 'alert.item_numbers', 'alert.published_at', 'ack.acknowledged_at']);
  if (organisationId !== null) {
    q = q.where((eb) => eb.exists(eb.selectFrom('alert_recipient').select('alert_recipient.alert_id').whereRef('alert_recipient.alert_id', '=', 'alert.id').where('alert_recipient.organisation_id', '=', organisationId)));
  }
  return q.orderBy('alert.published_at', 'desc').execute();
}

/** Every alert, newest first, with how many organisations it is addressed to and how many have acknowledged it. */
export async function listAlertsWithCounts(trx: Executor) {
  return trx
    .selectFrom('alert')
    .select((eb) => [
      'alert.id',
      'alert.title',
      'alert.severity',
      'alert.all_banks',
      'alert.all_connectors',
      'alert.incident_ids',
      'alert.item_numbers',
      'alert.published_at',
      eb.selectFrom('alert_recipient').select((e) => e.fn.countAll<number>().as('n')).whereRef('alert_recipient.alert_id', '=', 'alert.id').as('recipients'),
      eb
        .selectFrom('alert_acknowledgement')
        .select((e) => e.fn.count<number>('alert_acknowledgement.organisation_id').distinct().as('n'))
        .whereRef('alert_acknowledgement.alert_id', '=', 'alert.id')
        .as('acknowledged'),
    ])
    .orderBy('alert.published_at', 'desc')
    .execute();
}

export async function findRecipient(trx: Executor, organisationId: string, alertId: string) {
  return trx.selectFrom('alert_recipient').select('alert_id').where('alert_id', '=', alertId).where('organisation_id', '=', organisationId).executeTakeFirst();
}

/** Records a user's acknowledgement; a second one by the same user is ignored. */
export async function insertAcknowledgement(trx: Executor, organisationId: string, v: { alert_id: string; user_id: string }) {
  await trx
    .insertInto('alert_acknowledgement')
    .values({ alert_id: v.alert_id, user_id: v.user_id, organisation_id: organisationId })
    .onConflict((oc) => oc.columns(['alert_id', 'user_id']).doNothing())
    .execute();
}

/** Each recipient organisation of an alert with its users (one row each) and when each acknowledged. */
export async function listRecipientUsers(trx: Executor, alertId: string) {
  return trx
    .selectFrom('alert_recipient')
    .innerJoin('organisation', 'organisation.id', 'alert_recipient.organisation_id')
    .leftJoin('membership', 'membership.organisation_id', 'alert_recipient.organisation_id')
    .leftJoin('user_account', 'user_account.id', 'membership.user_id')
    .leftJoin('alert_acknowledgement as ack', (j) => j.onRef('ack.alert_id', '=', 'alert_recipient.alert_id').onRef('ack.user_id', '=', 'user_account.id'))
    .select(['organisation.id as organisation_id', 'organisation.name', 'organisation.type', 'alert_recipient.emailed_at', 'user_account.email', 'ack.acknowledged_at'])
    .where('alert_recipient.alert_id', '=', alertId)
    .orderBy('organisation.name')
    .orderBy('user_account.email')
    .execute();
}

/** The enabled users of the recipient organisations not yet e-mailed. */
export async function listPendingEmailRecipients(trx: Executor, alertId: string) {
  return trx
    .selectFrom('alert_recipient')
    .innerJoin('membership', 'membership.organisation_id', 'alert_recipient.organisation_id')
    .innerJoin('user_account', 'user_account.id', 'membership.user_id')
    .select(['alert_recipient.organisation_id', 'user_account.email'])
    .where('alert_recipient.alert_id', '=', alertId)
    .where('alert_recipient.emailed_at', 'is', null)
    .where('user_account.disabled_at', 'is', null)
    .execute();
}

export async function markRecipientsEmailed(trx: Executor, alertId: string, organisationIds: string[]) {
  await trx.updateTable('alert_recipient').set({ emailed_at: new Date() }).where('alert_id', '=', alertId).where('organisation_id', 'in', organisationIds).execute();
}
