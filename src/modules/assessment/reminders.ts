/**
 * Reminders of a request's due date: a week before (to the connector) and once overdue (to both
 * sides), in the app and by e-mail when TSUNAGU_SMTP_URL is set. Several app processes may run this
 * at once against one PostgreSQL: the reminder row's primary key lets exactly one of them create each
 * reminder, and e-mails are claimed with FOR UPDATE SKIP LOCKED, so none is sent twice.
 */
import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import type { Database, Executor } from '../../db/database.js';
import { todayInJapan, toIsoDate } from '../../lib/dates.js';
import { recordAudit, SYSTEM_ACTOR } from '../audit/index.js';
import * as repo from './assessment.repo.js';
import { notify } from './notifications.js';
import { addDays } from './reassessment.js';

export const DUE_SOON_DAYS = 7;

/** Creates the reminders due today (idempotent): returns how many were created. */
export async function createDueReminders(args: { trx: Executor; today?: string }) {
  const today = args.today ?? todayInJapan();
  const open = await args.trx
    .selectFrom('assessment_request as r')
    .innerJoin('organisation as b', 'b.id', 'r.bank_id')
    .innerJoin('organisation as c', 'c.id', 'r.connector_id')
    .innerJoin('connection as k', 'k.id', 'r.connection_id')
    .select(['r.id', 'r.bank_id', 'r.connector_id', 'r.due_date', 'b.name as bank_name', 'c.name as connector_name', 'k.service_name'])
    .where('r.state', 'in', ['sent', 'clarification'])
    .where('r.due_date', '<=', addDays(today, DUE_SOON_DAYS))
    .execute();
  let created = 0;
  for (const r of open) {
    const due = toIsoDate(r.due_date)!;
    const kind = due < today ? 'overdue' : 'due_soon';
    const row = await args.trx.insertInto('assessment_reminder').values({ request_id: r.id, kind, sent_on: today }).onConflict((oc) => oc.columns(['request_id', 'kind']).doNothing()).returning('request_id').executeTakeFirst();
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
      const rem = await trx
        .selectFrom('assessment_reminder as m')
        .innerJoin('assessment_request as r', 'r.id', 'm.request_id')
        .innerJoin('organisation as b', 'b.id', 'r.bank_id')
        .innerJoin('connection as k', 'k.id', 'r.connection_id')
        .select(['m.request_id', 'm.kind', 'r.bank_id', 'r.connector_id', 'r.due_date', 'b.name as bank_name', 'k.service_name'])
        .where('m.emailed_at', 'is', null)
        .orderBy('m.sent_on')
        .limit(1)
        .modifyEnd(sql`for update of m skip locked`)
        .executeTakeFirst();
      if (!rem) return true;
      const to = [...(await repo.membersEmails(trx, rem.connector_id)), ...(rem.kind === 'overdue' ? await repo.membersEmails(trx, rem.bank_id) : [])].map((m) => m.email);
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
      await trx.updateTable('assessment_reminder').set({ emailed_at: new Date() }).where('request_id', '=', rem.request_id).where('kind', '=', rem.kind).execute();
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
