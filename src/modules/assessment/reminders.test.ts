/**
 * Due-date reminders: a week before (to the connector), once overdue (to both sides), in the app and by
 * e-mail to a real SMTP server on 127.0.0.1; running again sends nothing twice — also with two app
 * processes on one PostgreSQL at once.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../../db/database.js';
import { buildApp } from '../../http/app.js';
import { todayInJapan } from '../../lib/dates.js';
import { describeEachDatabase } from '../../testing/db.js';
import { signedIn, type SignedIn } from '../../testing/auth.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../testing/smtp.js';
import { checklistV1, importChecklist } from './assessment.fixture.js';
import { addDays } from './reassessment.js';
import { createDueReminders, emailReminders, runReminders } from './reminders.js';

describeEachDatabase('due-date reminders (回答期限の通知)', (ctx) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let smtp: TestSmtpServer;
  let smtpUrl: string;
  let mails: ReceivedMail[];
  let bank: SignedIn;
  let connector: SignedIn;
  let requestId: string;
  const due = addDays(todayInJapan(), 10);

  before(async () => {
    smtp = await startSmtpServer();
    smtpUrl = smtp.url;
    mails = smtp.mails;
    app = await buildApp({ db: ctx.db, signInRateLimit: 1000 });
    await importChecklist(ctx.db, checklistV1);
    bank = await signedIn(app, ctx.db, { type: 'bank', role: 'editor' });
    connector = await signedIn(app, ctx.db, { type: 'connector', role: 'editor' });
    const post = async (url: string, payload: object) => {
      const r = await app.inject({ method: 'POST', url, headers: bank.headers, payload });
      assert.ok(r.statusCode < 300, r.body);
      return r.json().id as string;
    };
    const connection = await post('/api/connections', { connectorId: connector.organisationId, serviceName: '家計簿', apiType: 'read', access: 'private' });
    const template = await post('/api/assessment-templates', { name: 'シート', checklist: { ruleSet: 'test-checklist', edition: '第1版' }, answerScheme: 'yes_no', apiTypes: ['read'], accessTypes: ['private'] });
    requestId = await post('/api/assessment-requests', { templateId: template, connectionId: connection, dueDate: due });
  });
  after(async () => {
    await smtp.close();
  });

  const notes = async (who: SignedIn) => (await app.inject({ url: '/api/notifications', headers: who.headers })).json().filter((n: any) => n.kind === 'reminder');

  it('sends nothing while the due date is more than a week away', async () => {
    const r = await runReminders({ db: ctx.db, today: addDays(due, -8), smtpUrl });
    assert.deepEqual(r, { created: 0, sent: 0 });
  });

  it('reminds the connector a week before, in the app and by e-mail, once', async () => {
    const r = await runReminders({ db: ctx.db, today: addDays(due, -7), smtpUrl });
    assert.deepEqual(r, { created: 1, sent: 1 });
    assert.deepEqual(mails.map((m) => m.to), [[connector.email]]);
    assert.match(mails[0]!.data, /Subject: =\?UTF-8\?/);
    assert.equal((await notes(connector)).length, 1);
    assert.equal((await notes(bank)).length, 0);
    assert.deepEqual(await runReminders({ db: ctx.db, today: addDays(due, -6), smtpUrl }), { created: 0, sent: 0 });
  });

  it('tells both sides once the due date has passed', async () => {
    const r = await runReminders({ db: ctx.db, today: addDays(due, 1), smtpUrl });
    assert.deepEqual(r, { created: 1, sent: 2 });
    assert.deepEqual(mails[1]!.to.sort(), [bank.email, connector.email].sort());
    assert.equal((await notes(bank)).length, 1);
    assert.equal((await notes(connector)).length, 2);
  });

  it('stops reminding once the connector has submitted', async () => {
    await ctx.db.deleteFrom('assessment_reminder').where('request_id', '=', requestId).execute();
    await ctx.db.updateTable('assessment_request').set({ state: 'submitted' }).where('id', '=', requestId).execute();
    assert.deepEqual(await runReminders({ db: ctx.db, today: addDays(due, 2), smtpUrl }), { created: 0, sent: 0 });
    await ctx.db.updateTable('assessment_request').set({ state: 'sent' }).where('id', '=', requestId).execute();
  });

  // PGlite has a single process owning its data folder; several processes share only a PostgreSQL server.
  if (ctx.kind === 'postgres') {
    it('never e-mails a reminder twice when two app processes run at once', async () => {
      const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(ctx.db);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${rows[0]!.db}`;
      // A second process: another connection pool to the same database.
      const second = await openDatabase({ databaseUrl: url.toString() });
      try {
        await ctx.db.deleteFrom('assessment_reminder').where('request_id', '=', requestId).execute();
        const before = mails.length;
        const [a, b] = await Promise.all([
          ctx.db.transaction().execute((trx) => createDueReminders({ trx, today: addDays(due, -3) })),
          second.db.transaction().execute((trx) => createDueReminders({ trx, today: addDays(due, -3) })),
        ]);
        assert.equal(a.created + b.created, 1);
        const [x, y] = await Promise.all([emailReminders({ db: ctx.db, smtpUrl }), emailReminders({ db: second.db, smtpUrl })]);
        assert.equal(x.sent + y.sent, 1);
        assert.equal(mails.length, before + 1);
      } finally {
        await second.close();
      }
    });
  }
});
