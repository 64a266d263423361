/**
 * Reminders of a request's due date: a week before (to the connector) and once overdue (to both
 * sides), in the app and by e-mail when TSUNAGU_SMTP_URL is set. Several app processes may run this
 * at once against one PostgreSQL: the reminder row's primary key lets exactly one of them create each
 * reminder, and e-mails are claimed with FOR UPDATE SKIP LOCKED, so none is sent twice.
 */
import nodemailer from 'nodemailer';
import type { Database, Executor } from '../../db/database.js';
import { todayInJapan, toIsoDate } from '../../lib/dates.js';
import { recordAudit, SYSTEM_ACTOR } from '../audit/index.js';
import * as organisationRepo from './organisation.repo.js';
import { notify } from './notifications.js';
import { addDays } from './reassessment.js';
import * as reminderRepo from './reminder.repo.js';

export const DUE_SOON_DAYS = 7;

/** Creates the reminders due today (idempotent): returns how many were created. */
export async function createDueReminders(args: { trx: Executor; today?: string }) {
  const today = args.today ?? todayInJapan();
  const open = await reminderRepo.listOpenRequestsDueBy(args.trx, addDays(today, DUE_SOON_DAYS));
  let created = 0;
  for (const r of open) {
    const due = toIsoDate(r.due_date)!;
    const kind = due < today ? 'overdue' : 'due_soon';
    const row = await reminderRepo.insertReminder(args.trx, { requestId: r.id, kind, sentOn: today });
    if (!row) continue;
    created++;
    const link = `/assessment/requests/${r.id}`;
    if (kind === 'due_soon') {
      await notify(args.trx, { organisationId: r.connector_id, kind: 'reminder', title: `回答期限が近づいています（${due}）`, body: `${r.bank_name} からの回答依頼（${r.service_name}）の回答期限は ${due} です。`, link });
    } else {
      await notify(args.trx, { organisationId: r.connector_id, kind: 'reminder', title: `回答期限（${due}）を過ぎています`, body: `${r.bank_name} からの回答依頼（${r.service_name}）が未提出です。`, link });
      await notify(args.trx, { organisationId: r.bank_id, kind: 'reminder', title: `${r.connector_name} の回答が期限（${due}）を過ぎています`, body: `${r.service_name} の回答依頼が未提出です。`, link });
    }
    await recordAudit(args.trx, SYSTEM_ACTOR, { action: 'assessment.reminder_created', organisationId: r.bank_id, targetType: 'assessment_request', targetId: r.id, details: { kind, dueDate: due } });
  }
  return { created };
}

/** Sends the reminders not yet e-mailed, one transaction each, claimed so that no two processes send one. */
export async function emailReminders(args: { db: Database['db']; smtpUrl?: string | undefined; from?: string }) {
  const smtpUrl = args.smtpUrl ?? process.env.TSUNAGU_SMTP_URL;
  if (!smtpUrl) return { sent: 0 };
  const transport = nodemailer.createTransport(smtpUrl);
  let sent = 0;
  for (;;) {
    const done = await args.db.transaction().execute(async (trx) => {
      const rem = await reminderRepo.claimReminderToEmail(trx);
      if (!rem) return true;
      const to = [...(await organisationRepo.membersEmails(trx, rem.connector_id)), ...(rem.kind === 'overdue' ? await organisationRepo.membersEmails(trx, rem.bank_id) : [])].map((m) => m.email);
      const due = toIsoDate(rem.due_date)!;
      if (to.length) {
        await transport.sendMail({
          from: args.from ?? process.env.TSUNAGU_MAIL_FROM ?? 'Tsunagu <no-reply@tsunagu.local>',
          bcc: [...new Set(to)],
          subject: rem.kind === 'overdue' ? `[Tsunagu] 回答期限を過ぎています: ${rem.service_name}` : `[Tsunagu] 回答期限が近づいています: ${rem.service_name}`,
          text: `${rem.bank_name} からの回答依頼（${rem.service_name}）の回答期限は ${due} です。\n\nTsunagu にサインインして回答・提出してください。`,
        });
        sent += new Set(to).size;
      }
      await reminderRepo.markReminderEmailed(trx, rem.request_id, rem.kind);
      await recordAudit(trx, SYSTEM_ACTOR, { action: 'assessment.reminder_emailed', organisationId: rem.bank_id, targetType: 'assessment_request', targetId: rem.request_id, details: { kind: rem.kind, recipients: new Set(to).size } });
      return false;
    });
    if (done) break;
  }
  return { sent };
}

/** Creates today's reminders, then e-mails them. What the server runs periodically and the CLI on demand. */
export async function runReminders(args: { db: Database['db']; today?: string; smtpUrl?: string }) {
  const { created } = await args.db.transaction().execute((trx) => createDueReminders({ trx, today: args.today }));
  const { sent } = await emailReminders({ db: args.db, smtpUrl: args.smtpUrl });
  return { created, sent };
}
