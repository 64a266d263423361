/**
 * Alerts end to end: the secretariat publishes to all banks and one named connector, recipients see
 * and acknowledge, others see nothing, the secretariat sees who has not, and e-mail reaches a real
 * SMTP server on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildApp } from '../../http/app.js';
import { describeEachDatabase } from '../../testing/db.js';
import { signedIn, type SignedIn } from '../../testing/auth.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../testing/smtp.js';

describeEachDatabase('alerts (注意喚起)', (ctx) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let smtp: TestSmtpServer;
  let mails: ReceivedMail[];
  let sec: SignedIn;
  let bankA: SignedIn;
  let bankB: SignedIn;
  let connector: SignedIn;
  let otherConnector: SignedIn;
  let alertId: string;

  before(async () => {
    smtp = await startSmtpServer();
    mails = smtp.mails;
    process.env.TSUNAGU_SMTP_URL = smtp.url;
    app = await buildApp({ db: ctx.db, signInRateLimit: 1000 });
    sec = await signedIn(app, ctx.db, { type: 'secretariat', role: 'editor' });
    bankA = await signedIn(app, ctx.db, { type: 'bank', role: 'viewer' });
    bankB = await signedIn(app, ctx.db, { type: 'bank', role: 'viewer' });
    connector = await signedIn(app, ctx.db, { type: 'connector', role: 'editor' });
    otherConnector = await signedIn(app, ctx.db, { type: 'connector', role: 'editor' });
  });
  after(async () => {
    delete process.env.TSUNAGU_SMTP_URL;
    await smtp.close();
  });

  it('refuses an alert without an audience, in Japanese', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/alerts', headers: sec.headers, payload: { title: 'x', body: 'y', audience: {} } });
    assert.equal(r.statusCode, 400);
    assert.match(r.json().error.problems[0].messageJa, /全金融機関・全電子決済等代行業者・個別の組織/);
  });

  it('publishes to all banks and one named connector, linked to an incident, and e-mails their members', async () => {
    const inc = await app.inject({ method: 'POST', url: '/api/evidence/incident', headers: sec.headers, payload: { occurredOn: '2026-10-01', summary: 'トークン漏えい', parties: 'C社', severity: 'critical' } });
    const r = await app.inject({
      method: 'POST',
      url: '/api/alerts',
      headers: sec.headers,
      payload: { title: 'アクセストークンの管理について', body: 'トークンの保管方法を確認してください。', severity: 'critical', audience: { allBanks: true, organisationIds: [connector.organisationId] }, incidentIds: [inc.json().id], itemNumbers: [39] },
    });
    assert.equal(r.statusCode, 201, r.body);
    alertId = r.json().id;
    assert.equal(r.json().recipients, 3);
    assert.equal(mails.length, 1);
    assert.deepEqual(mails[0]!.to.sort(), [bankA.email, bankB.email, connector.email].sort());
    assert.ok(!mails[0]!.to.includes(otherConnector.email));
    assert.match(mails[0]!.data, /Subject: =\?UTF-8\?/);
    const incident = await ctx.db.selectFrom('incident').select('alert_issued').where('id', '=', inc.json().id).executeTakeFirstOrThrow();
    assert.equal(incident.alert_issued, true);
  });

  it('shows the alert to its recipients, unacknowledged, and lets them acknowledge', async () => {
    const list = await app.inject({ url: '/api/alerts', headers: bankA.headers });
    assert.deepEqual(list.json().map((a: { title: string; acknowledgedAt: string | null }) => [a.title, a.acknowledgedAt]), [['アクセストークンの管理について', null]]);
    const ack = await app.inject({ method: 'POST', url: `/api/alerts/${alertId}/acknowledge`, headers: bankA.headers });
    assert.equal(ack.statusCode, 200);
    const again = await app.inject({ url: '/api/alerts', headers: bankA.headers });
    assert.ok(again.json()[0].acknowledgedAt);
  });

  it('does not return alerts of another organisation’s audience', async () => {
    const list = await app.inject({ url: '/api/alerts', headers: otherConnector.headers });
    assert.deepEqual(list.json(), []);
    const ack = await app.inject({ method: 'POST', url: `/api/alerts/${alertId}/acknowledge`, headers: otherConnector.headers });
    assert.equal(ack.statusCode, 404);
    assert.ok(!ack.body.includes('アクセストークン'));
  });

  it('tells the secretariat who has not acknowledged', async () => {
    const s = await app.inject({ url: `/api/alerts/${alertId}/status`, headers: sec.headers });
    assert.equal(s.statusCode, 200);
    const names = s.json().notAcknowledged as string[];
    assert.equal(names.length, 2);
    assert.ok(s.json().organisations.every((o: { emailedAt: string | null }) => o.emailedAt));
    const forbidden = await app.inject({ url: `/api/alerts/${alertId}/status`, headers: bankA.headers });
    assert.equal(forbidden.statusCode, 403);
  });
});
