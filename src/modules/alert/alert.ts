/**
 * 注意喚起: when an incident needs prompt warning, the secretariat publishes an alert to chosen
 * audiences (all banks, all connectors, named organisations), linked to incidents and checklist
 * items. Recipients see it on sign-in and acknowledge it; the secretariat sees who has not. E-mail
 * goes out over SMTP when TSUNAGU_SMTP_URL is set.
 */
import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Executor } from '../../db/database.js';
import { invalid, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { parseOrThrow } from '../../lib/validate.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import { can, type AuthContext } from '../identity/index.js';
import * as repo from './alert.repo.js';

export const alertInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1),
  severity: z.enum(['info', 'warning', 'critical']).default('warning'),
  audience: z.strictObject({
    allBanks: z.boolean().default(false),
    allConnectors: z.boolean().default(false),
    organisationIds: z.array(z.string().uuid()).default([]),
  }),
  incidentIds: z.array(z.string().uuid()).default([]),
  itemNumbers: z.array(z.number().int().positive()).default([]),
});

/** `auth` is null for the operator (the CLI): the alert is then published by no user. */
export async function publishAlert(args: { trx: Executor; actor: AuditActor; auth: AuthContext | null; input: unknown }) {
  const { trx } = args;
  const v = parseOrThrow(alertInput, args.input, 'alert.invalid');
  const types = [...(v.audience.allBanks ? ['bank'] : []), ...(v.audience.allConnectors ? ['connector'] : [])] as ('bank' | 'connector')[];
  const byType = types.length ? await repo.listOrganisationIdsOfTypes(trx, types) : [];
  const named = v.audience.organisationIds.length ? await repo.findOrganisationIds(trx, v.audience.organisationIds) : [];
  if (named.length !== new Set(v.audience.organisationIds).size) {
    throw invalid('alert.invalid', '宛先の組織が見つかりません', 'an addressed organisation does not exist', [{ where: '/audience/organisationIds', messageJa: '存在しない組織が指定されています', messageEn: 'unknown organisation' }]);
  }
  const recipients = [...new Set([...byType, ...named].map((o) => o.id))];
  if (!recipients.length) {
    throw invalid('alert.no_audience', '宛先がありません', 'the alert has no audience', [{ where: '/audience', messageJa: '全金融機関・全電子決済等代行業者・個別の組織のいずれかを指定してください', messageEn: 'choose all banks, all connectors or named organisations' }]);
  }
  if (v.incidentIds.length) {
    const found = await repo.findIncidentIds(trx, v.incidentIds);
    if (found.length !== new Set(v.incidentIds).size) throw invalid('alert.invalid', 'インシデントが見つかりません', 'an incident does not exist', [{ where: '/incidentIds', messageJa: '存在しないインシデントが指定されています', messageEn: 'unknown incident' }]);
  }
  const alert = await repo.insertAlert(trx, { title: v.title, body: v.body, severity: v.severity, all_banks: v.audience.allBanks, all_connectors: v.audience.allConnectors, incident_ids: v.incidentIds, item_numbers: v.itemNumbers, published_by: args.auth?.userId ?? null });
  await repo.insertRecipients(trx, alert.id, recipients);
  if (v.incidentIds.length) await repo.markIncidentsAlerted(trx, v.incidentIds);
  await recordAudit(trx, args.actor, { action: 'alert.published', targetType: 'alert', targetId: alert.id, details: { title: v.title, recipients: recipients.length, severity: v.severity } });
  return { id: alert.id, recipients: recipients.length };
}

/** Alerts addressed to the caller's organisation (every alert for the secretariat), unacknowledged first. */
export async function myAlerts(args: { trx: Executor; auth: AuthContext }) {
  const { trx, auth } = args;
  const rows = await repo.listAlertsForUser(trx, auth.userId, can(auth, 'alert.publish') ? null : auth.organisation.id);
  return rows
    .map((r) => ({ id: r.id, title: r.title, body: r.body, severity: r.severity, itemNumbers: r.item_numbers, publishedAt: new Date(r.published_at).toISOString(), acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : null }))
    .sort((a, b) => Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null));
}

/** Every alert, newest first, with how many of its recipient organisations have acknowledged it. */
export async function listAlerts(args: { trx: Executor }) {
  const rows = await repo.listAlertsWithCounts(args.trx);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    severity: r.severity,
    allBanks: r.all_banks,
    allConnectors: r.all_connectors,
    incidentIds: r.incident_ids,
    itemNumbers: r.item_numbers,
    publishedAt: new Date(r.published_at).toISOString(),
    recipients: Number(r.recipients ?? 0),
    acknowledged: Number(r.acknowledged ?? 0),
  }));
}

const alertNotFound = () => notFound('alert.not_found', '注意喚起が見つかりません', 'alert not found');

export async function acknowledgeAlert(args: { trx: Executor; actor: AuditActor; auth: AuthContext; alertId: string }) {
  const { trx, auth } = args;
  if (!isUuid(args.alertId)) throw alertNotFound();
  const addressed = await repo.findRecipient(trx, auth.organisation.id, args.alertId);
  if (!addressed) throw alertNotFound();
  await repo.insertAcknowledgement(trx, auth.organisation.id, { alert_id: args.alertId, user_id: auth.userId });
  await recordAudit(trx, args.actor, { action: 'alert.acknowledged', targetType: 'alert', targetId: args.alertId });
}

/** For the secretariat: each recipient organisation, its users, and who has acknowledged. */
export async function alertStatus(args: { trx: Executor; alertId: string }) {
  const { trx } = args;
  if (!isUuid(args.alertId)) throw alertNotFound();
  const alert = await repo.findAlert(trx, args.alertId);
  if (!alert) throw alertNotFound();
  const rows = await repo.listRecipientUsers(trx, args.alertId);
  const byOrg = new Map<string, { organisationId: string; name: string; type: string; emailedAt: string | null; acknowledged: boolean; users: { email: string; acknowledgedAt: string | null }[] }>();
  for (const r of rows) {
    const o = byOrg.get(r.organisation_id) ?? { organisationId: r.organisation_id, name: r.name, type: r.type, emailedAt: r.emailed_at ? new Date(r.emailed_at).toISOString() : null, acknowledged: false, users: [] };
    if (r.email) o.users.push({ email: r.email, acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : null });
    o.acknowledged ||= r.acknowledged_at !== null;
    byOrg.set(r.organisation_id, o);
  }
  const organisations = [...byOrg.values()];
  return { id: alert.id, title: alert.title, organisations, notAcknowledged: organisations.filter((o) => !o.acknowledged).map((o) => o.name) };
}

/**
 * Sends the alert by e-mail to every member of every recipient organisation not yet e-mailed, when
 * TSUNAGU_SMTP_URL is set. Runs after the alert is committed; marks each organisation as e-mailed.
 */
export async function emailAlert(args: { trx: Executor; alertId: string; smtpUrl?: string | undefined; from?: string }) {
  const smtpUrl = args.smtpUrl ?? process.env.TSUNAGU_SMTP_URL;
  if (!smtpUrl) return { sent: 0 };
  const { trx } = args;
  const alert = (await repo.findAlert(trx, args.alertId))!;
  const pending = await repo.listPendingEmailRecipients(trx, args.alertId);
  if (!pending.length) return { sent: 0 };
  const transport = nodemailer.createTransport(smtpUrl);
  const severity = { info: 'お知らせ', warning: '注意喚起', critical: '【重要】注意喚起' }[alert.severity];
  const items = alert.item_numbers.length ? `\n\n関連する確認項目: ${alert.item_numbers.join('、')}` : '';
  await transport.sendMail({
    from: args.from ?? process.env.TSUNAGU_MAIL_FROM ?? 'Tsunagu <no-reply@tsunagu.local>',
    // Recipients are hidden from each other.
    bcc: [...new Set(pending.map((p) => p.email))],
    subject: `[Tsunagu] ${severity}: ${alert.title}`,
    text: `${alert.body}${items}\n\nTsunagu にサインインして「確認しました」を押してください。`,
  });
  const orgs = [...new Set(pending.map((p) => p.organisation_id))];
  await repo.markRecipientsEmailed(trx, args.alertId, orgs);
  await recordAudit(trx, { userId: null, organisationId: null, ip: null }, { action: 'alert.emailed', targetType: 'alert', targetId: args.alertId, details: { organisations: orgs.length, recipients: new Set(pending.map((p) => p.email)).size } });
  return { sent: new Set(pending.map((p) => p.email)).size };
}
