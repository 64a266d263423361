/**
 * API接続 status moves: a connection tells which statuses it may move to next (the web app offers only
 * those), and a move it may not make is refused naming both statuses in Japanese.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { buildApp } from '../../http/app.js';
import { describeEachDatabase } from '../../testing/db.js';
import { signedIn, type SignedIn } from '../../testing/auth.js';

describeEachDatabase('connection statuses (API接続の状態)', (ctx) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let bank: SignedIn;
  let connector: SignedIn;

  before(async () => {
    app = await buildApp({ db: ctx.db, signInRateLimit: 1000 });
    bank = await signedIn(app, ctx.db, { type: 'bank', role: 'editor' });
    connector = await signedIn(app, ctx.db, { type: 'connector', role: 'editor' });
  });

  const list = async () => (await app.inject({ method: 'GET', url: '/api/connections', headers: bank.headers })).json() as { id: string; status: string; nextStatuses: string[] }[];

  it('lists the statuses a connection may move to next, and refuses another move in Japanese', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/connections', headers: bank.headers, payload: { connectorId: connector.organisationId, serviceName: '家計簿', apiType: 'read', access: 'private' } });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    assert.deepEqual((await list()).map((c) => [c.status, c.nextStatuses]), [['applied', ['reviewing', 'terminated']]]);
    const refused = await app.inject({ method: 'PATCH', url: `/api/connections/${id}`, headers: bank.headers, payload: { status: 'contracted' } });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().error.messageJa, '状態を「申請中」から「契約済」には変更できません');
    const moved = await app.inject({ method: 'PATCH', url: `/api/connections/${id}`, headers: bank.headers, payload: { status: 'reviewing' } });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.deepEqual((await list()).map((c) => [c.status, c.nextStatuses]), [['reviewing', ['contracted', 'applied', 'terminated']]]);
  });
});
