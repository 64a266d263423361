import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { buildApp } from '../../http/app.js';
import { describeEachDatabase } from '../../testing/db.js';
import { signedIn, signInAs, type SignedIn } from '../../testing/auth.js';

describeEachDatabase('audit log over HTTP', (ctx) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let bankA: SignedIn;
  let bankB: SignedIn;
  let secretariat: SignedIn;
  before(async () => {
    app = await buildApp({ db: ctx.db, signInRateLimit: 1000 });
    bankA = await signedIn(app, ctx.db, { type: 'bank', role: 'admin' });
    bankB = await signedIn(app, ctx.db, { type: 'bank', role: 'admin' });
    secretariat = await signedIn(app, ctx.db, { type: 'secretariat', role: 'admin' });
    // Something in bank B's part of the log that looks like a formula.
    const inv = await app.inject({ method: 'POST', url: `/api/organisations/${bankB.organisationId}/invitations`, headers: bankB.headers, payload: { email: '=cmd@b.example.jp', role: 'viewer' } });
    await app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token: inv.json().token, displayName: '=HYPERLINK("x")', password: 'Formula-Test-2025' } });
    await signInAs(app, '=cmd@b.example.jp', 'Formula-Test-2025');
  });

  it('does not return audit entries of another organisation', async () => {
    const r = await app.inject({ url: '/api/audit', headers: bankA.headers });
    assert.equal(r.statusCode, 200);
    const entries = r.json() as { chain: string }[];
    assert.ok(entries.length > 0);
    assert.ok(entries.every((e) => e.chain === bankA.organisationId));
    assert.ok(!r.body.includes('b.example.jp'));
  });

  it('shows the secretariat admin every part, and searches by action', async () => {
    const r = await app.inject({ url: '/api/audit?action=auth.sign_in', headers: secretariat.headers });
    const chains = new Set((r.json() as { chain: string; action: string }[]).map((e) => e.chain));
    assert.ok(chains.has(bankA.organisationId) && chains.has(bankB.organisationId));
    assert.ok((r.json() as { action: string }[]).every((e) => e.action === 'auth.sign_in'));
    const v = await app.inject({ url: '/api/audit/verify', headers: secretariat.headers });
    assert.equal(v.json().ok, true);
  });

  it('exports CSV with formula injection neutralised, and records the export', async () => {
    const r = await app.inject({ url: '/api/audit/export?format=csv', headers: bankB.headers });
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-disposition']), /filename\*=UTF-8''%E7%9B%A3%E6%9F%BB/);
    const lines = r.body.split('\r\n');
    assert.ok(lines[0]!.startsWith('\uFEFF日時,'));
    // The actor's e-mail column of the sign-in entry starts with '=': written as text.
    assert.ok(r.body.includes(",'=cmd@b.example.jp,"), 'the e-mail cell is escaped');
    assert.ok(!/(^|,)"?=/m.test(r.body), 'no cell starts with =');
    const after = await app.inject({ url: '/api/audit?action=audit.exported', headers: bankB.headers });
    assert.equal(after.json().length, 1);
  });
});
