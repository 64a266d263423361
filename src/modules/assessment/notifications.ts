/**
 * In-app notifications of an organisation: a request received, an answer submitted, a clarification
 * asked, a reminder before or after the due date. Shown in the app; e-mailed only for reminders.
 */
import type { Executor } from '../../db/database.js';
import { notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import * as notificationRepo from './notification.repo.js';

export async function notify(trx: Executor, n: { organisationId: string; kind: string; title: string; body: string; link?: string | null }) {
  await notificationRepo.insertNotification(trx, { ...n, link: n.link ?? null });
}

/** The organisation's notifications, newest first (the latest 200). */
export async function listNotifications(args: { trx: Executor; organisationId: string }) {
  const rows = await notificationRepo.listNotifications(args.trx, args.organisationId);
  return rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: new Date(r.created_at).toISOString(), readAt: r.read_at ? new Date(r.read_at).toISOString() : null }));
}

export async function markNotificationRead(args: { trx: Executor; organisationId: string; id: string }) {
  const r = isUuid(args.id) ? await notificationRepo.markNotificationRead(args.trx, args.organisationId, args.id) : undefined;
  if (!r) {
    const exists = isUuid(args.id) ? await notificationRepo.findNotification(args.trx, args.organisationId, args.id) : undefined;
    if (!exists) throw notFound('assessment.notification_not_found', 'お知らせが見つかりません', 'notification not found');
  }
}
