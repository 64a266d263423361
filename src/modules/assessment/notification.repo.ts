/** Queries of an organisation's in-app notifications. */
import type { Executor } from '../../db/database.js';

export function insertNotification(trx: Executor, n: { organisationId: string; kind: string; title: string; body: string; link: string | null }) {
  return trx.insertInto('notification').values({ organisation_id: n.organisationId, kind: n.kind, title: n.title, body: n.body, link: n.link }).execute();
}

/** The organisation's latest 200 notifications, newest first. */
export function listNotifications(trx: Executor, organisationId: string) {
  return trx.selectFrom('notification').selectAll().where('organisation_id', '=', organisationId).orderBy('created_at', 'desc').limit(200).execute();
}

export function findNotification(trx: Executor, organisationId: string, id: string) {
  return trx.selectFrom('notification').select('id').where('id', '=', id).where('organisation_id', '=', organisationId).executeTakeFirst();
}

/** Marks the organisation's notification read; returns it, or undefined when it was read already or is not the organisation's. */
export function markNotificationRead(trx: Executor, organisationId: string, id: string) {
  return trx.updateTable('notification').set({ read_at: new Date() }).where('id', '=', id).where('organisation_id', '=', organisationId).where('read_at', 'is', null).returning('id').executeTakeFirst();
}
