/**
 * The authorisation matrix: every route × every kind of member × another organisation's object.
 * A route added without an entry here fails the first test, so no route escapes the matrix.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { can, type AuthContext, type PolicyName } from '../modules/identity/index.js';
import { describeEachDatabase } from '../testing/db.js';
import { signedIn, type SignedIn } from '../testing/auth.js';
import { buildApp } from './app.js';
import { checklistV1, importChecklist } from '../modules/assessment/assessment.fixture.js';

type Guard =
  /** No sign-in needed. */
  | { public: true }
  /** A session is enough, even before the second factor (sign-in steps, sign-out, /me). */
  | { session: true }
  | { policy: PolicyName; ownOrg?: 'organisation' | 'user' | 'token' | 'connection' | 'template' | 'request' | 'evidence' | 'notification' | 'mapping' };

const MATRIX: Record<string, Guard> = {
  'GET /api/health': { public: true },
  'GET /api/openapi.json': { public: true },
  'POST /api/auth/sign-in': { public: true },
  'POST /api/invitations/accept': { public: true },
  'POST /api/auth/sso/start': { public: true },
  'GET /api/auth/sso/callback': { public: true },
  'GET /api/organisations/:id/sso': { policy: 'members.manage', ownOrg: 'organisation' },
  'PUT /api/organisations/:id/sso': { policy: 'members.manage', ownOrg: 'organisation' },
  'POST /api/auth/sign-out': { public: true },
  'POST /api/auth/mfa': { session: true },
  'POST /api/auth/mfa/enrol': { session: true },
  'POST /api/auth/mfa/confirm': { session: true },
  'POST /api/auth/sign-out-everywhere': { session: true },
  'GET /api/me': { session: true },
  'PUT /api/me/organisation': { session: true },
  'GET /api/organisations': { policy: 'organisation.list' },
  'POST /api/organisations': { policy: 'organisation.create' },
  'GET /api/organisations/:id/members': { policy: 'members.manage', ownOrg: 'organisation' },
  'POST /api/organisations/:id/members': { policy: 'members.manage', ownOrg: 'organisation' },
  'POST /api/organisations/:id/invitations': { policy: 'members.manage', ownOrg: 'organisation' },
  'POST /api/users/:id/unlock': { policy: 'members.manage', ownOrg: 'user' },
  'GET /api/me/tokens': { policy: 'apiToken.manage' },
  'POST /api/me/tokens': { policy: 'apiToken.manage' },
  'DELETE /api/me/tokens/:id': { policy: 'apiToken.manage', ownOrg: 'token' },
  'GET /api/rule-sets': { policy: 'catalog.read' },
  'GET /api/rule-sets/:ruleSet': { policy: 'catalog.read' },
  'GET /api/rule-sets/:ruleSet/editions/:edition': { policy: 'catalog.read' },
  'GET /api/rule-sets/:ruleSet/editions/:edition/provisions': { policy: 'catalog.read' },
  'GET /api/rule-sets/:ruleSet/editions/:edition/provisions/:code': { policy: 'catalog.read' },
  'GET /api/rule-sets/:ruleSet/editions/:edition/items': { policy: 'catalog.read' },
  'GET /api/rule-sets/:ruleSet/editions/:edition/items/:number': { policy: 'catalog.read' },
  'GET /api/rule-sets/:ruleSet/editions/:edition/export': { policy: 'catalog.read' },
  'POST /api/imports': { policy: 'catalog.write' },
  'GET /api/rule-sets/:ruleSet/item-changes': { policy: 'catalog.read' },
  'GET /api/rule-sets/:ruleSet/editions/:edition/workbook': { policy: 'catalog.read' },
  'POST /api/checklist-workbooks': { policy: 'catalog.write' },
  'POST /api/checklist-workbooks/inspect': { policy: 'catalog.write' },
  'POST /api/checklist-workbooks/try': { policy: 'catalog.write' },
  'GET /api/column-mappings': { policy: 'catalog.read' },
  'POST /api/column-mappings': { policy: 'catalog.write' },
  'GET /api/comparisons': { policy: 'revision.read' },
  'GET /api/analyses': { policy: 'revision.read' },
  'POST /api/analyses': { policy: 'revision.create' },
  'POST /api/analyses/from-table': { policy: 'revision.create' },
  'GET /api/analyses/:id': { policy: 'revision.read' },
  'PATCH /api/analyses/:id/rows/:rowId': { policy: 'revision.judge' },
  'GET /api/review-cycles': { policy: 'review.read' },
  'GET /api/evidence/:register': { policy: 'review.manage' },
  'POST /api/evidence/:register': { policy: 'review.manage' },
  'POST /api/feedback': { policy: 'review.feedback' },
  'GET /api/evidence-summary/update-api': { policy: 'review.read' },
  'GET /api/review-dashboard': { policy: 'review.manage' },
  'POST /api/review-cycles': { policy: 'review.manage' },
  'GET /api/review-cycles/by-id/:id/evidence': { policy: 'review.manage' },
  'POST /api/review-cycles/by-id/:id/evidence-links': { policy: 'review.manage' },
  'PATCH /api/review-cycles/by-id/:id/considerations/:key': { policy: 'review.manage' },
  'PATCH /api/review-cycles/by-id/:id/decision': { policy: 'review.manage' },
  'POST /api/review-cycles/by-id/:id/state': { policy: 'review.manage' },
  'POST /api/review-cycles/by-id/:id/corrections': { policy: 'review.manage' },
  'POST /api/meetings': { policy: 'review.manage' },
  'POST /api/meetings/:id/minutes': { policy: 'review.manage' },
  'GET /api/meetings': { policy: 'review.read' },
  'POST /api/review-cycles/by-id/:id/comments': { policy: 'review.comment' },
  'GET /api/review-cycles/by-id/:id/comments': { policy: 'review.read' },
  'GET /api/review-cycles/:checklist/:fiscalYear': { policy: 'review.read' },
  'POST /api/alerts': { policy: 'alert.publish' },
  'GET /api/alerts': { policy: 'alert.read' },
  'POST /api/alerts/:id/acknowledge': { policy: 'alert.read' },
  'GET /api/alerts/:id/status': { policy: 'alert.publish' },
  'GET /api/connections': { policy: 'assessment.read' },
  'POST /api/connections': { policy: 'assessment.manage' },
  'PATCH /api/connections/:id': { policy: 'assessment.manage', ownOrg: 'connection' },
  'GET /api/assessment-templates': { policy: 'assessment.read' },
  'POST /api/assessment-templates': { policy: 'assessment.manage' },
  'GET /api/assessment-templates/defaults': { policy: 'assessment.manage' },
  'GET /api/assessment-templates/:id': { policy: 'assessment.read', ownOrg: 'template' },
  'POST /api/assessment-templates/:id/upgrade': { policy: 'assessment.manage', ownOrg: 'template' },
  'GET /api/answer-sets': { policy: 'assessment.read' },
  'GET /api/master-answers': { policy: 'assessment.read' },
  'PUT /api/master-answers': { policy: 'assessment.answer' },
  'GET /api/master-answers/history': { policy: 'assessment.answer' },
  'GET /api/answer-shares': { policy: 'assessment.read' },
  'POST /api/answer-shares': { policy: 'assessment.answer' },
  'DELETE /api/answer-shares/:bankId': { policy: 'assessment.answer' },
  'POST /api/evidence-files': { policy: 'assessment.answer' },
  'GET /api/evidence-files': { policy: 'assessment.answer' },
  'GET /api/evidence-files/:id': { policy: 'assessment.read', ownOrg: 'evidence' },
  'GET /api/assessment-requests': { policy: 'assessment.read' },
  'POST /api/assessment-requests': { policy: 'assessment.manage' },
  'GET /api/assessment-requests/:id': { policy: 'assessment.read', ownOrg: 'request' },
  'GET /api/assessment-requests/:id/submission': { policy: 'assessment.read', ownOrg: 'request' },
  'POST /api/assessment-requests/:id/prefill': { policy: 'assessment.answer', ownOrg: 'request' },
  'GET /api/assessment-requests/:id/workbook': { policy: 'assessment.read', ownOrg: 'request' },
  'PUT /api/assessment-requests/:id/workbook': { policy: 'assessment.answer', ownOrg: 'request' },
  'GET /api/assessment-requests/:id/results': { policy: 'assessment.read', ownOrg: 'request' },
  'GET /api/assessment-requests/:id/answer-sheet-mappings': { policy: 'assessment.read', ownOrg: 'request' },
  'GET /api/answer-sheet-mappings': { policy: 'assessment.manage' },
  'PUT /api/answer-sheet-mappings/:name': { policy: 'assessment.manage' },
  'DELETE /api/answer-sheet-mappings/:name': { policy: 'assessment.manage', ownOrg: 'mapping' },
  'POST /api/answer-sheet-layouts/inspect': { policy: 'assessment.manage' },
  'POST /api/answer-sheet-layouts/try': { policy: 'assessment.manage' },
  'PUT /api/assessment-requests/:id/answers': { policy: 'assessment.answer', ownOrg: 'request' },
  'POST /api/assessment-requests/:id/submit': { policy: 'assessment.answer', ownOrg: 'request' },
  'POST /api/assessment-requests/:id/withdraw': { policy: 'assessment.manage', ownOrg: 'request' },
  'PUT /api/assessment-requests/:id/items/:number/review': { policy: 'assessment.review', ownOrg: 'request' },
  'POST /api/assessment-requests/:id/items/:number/messages': { policy: 'assessment.message', ownOrg: 'request' },
  'POST /api/assessment-requests/:id/items/:number/remediation': { policy: 'assessment.review', ownOrg: 'request' },
  'POST /api/assessment-requests/:id/remediation/:planId': { policy: 'assessment.answer', ownOrg: 'request' },
  'POST /api/assessment-requests/:id/result': { policy: 'assessment.review', ownOrg: 'request' },
  'POST /api/assessment-requests/:id/result/decision': { policy: 'assessment.approve', ownOrg: 'request' },
  'GET /api/reassessments': { policy: 'assessment.manage' },
  'POST /api/reassessments': { policy: 'assessment.manage' },
  'GET /api/answer-disagreements': { policy: 'assessment.answer' },
  'GET /api/assessment-dashboard': { policy: 'assessment.manage' },
  'GET /api/notifications': { policy: 'notification.read' },
  'POST /api/notifications/:id/read': { policy: 'notification.read', ownOrg: 'notification' },
  'GET /api/audit': { policy: 'audit.read.own' },
  'GET /api/audit/export': { policy: 'audit.read.own' },
  'GET /api/audit/verify': { policy: 'audit.read.all' },
};

const PROFILES = [
  ['secretariat', 'admin'],
  ['secretariat', 'editor'],
  ['secretariat', 'reviewer'],
  ['secretariat', 'viewer'],
  ['bank', 'admin'],
  ['bank', 'viewer'],
  ['connector', 'admin'],
  ['connector', 'editor'],
  ['association', 'viewer'],
  ['auditor', 'viewer'],
] as const;

const fill = (url: string, ids: Record<string, string>) =>
  url.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(ids[name] ?? '00000000-0000-4000-8000-000000000000'));

describeEachDatabase('authorisation matrix', (ctx) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  const members = new Map<string, SignedIn>();
  let other: SignedIn;
  let otherToken: string;
  const assessmentIds: Record<string, string> = {};

  before(async () => {
    app = await buildApp({ db: ctx.db, signInRateLimit: 10000 });
    for (const [type, role] of PROFILES) members.set(`${type} ${role}`, await signedIn(app, ctx.db, { type, role }));
    other = await signedIn(app, ctx.db, { type: 'bank', role: 'admin' });
    const t = await app.inject({ method: 'POST', url: '/api/me/tokens', headers: other.headers, payload: { name: 'other', scopes: ['catalog:read'], expiresInDays: 1 } });
    otherToken = t.json().id;
    // Another bank's assessment with another connector: a connection, a template, a request, an evidence file, a notification.
    await importChecklist(ctx.db, checklistV1);
    const otherConnector = await signedIn(app, ctx.db, { type: 'connector', role: 'editor' });
    const post = async (who: SignedIn, url: string, payload: object) => {
      const r = await app.inject({ method: 'POST', url, headers: who.headers, payload });
      assert.ok(r.statusCode < 300, `${url}: ${r.body}`);
      return r.json().id as string;
    };
    assessmentIds.connection = await post(other, '/api/connections', { connectorId: otherConnector.organisationId, serviceName: '他行のサービス', apiType: 'read', access: 'private' });
    assessmentIds.template = await post(other, '/api/assessment-templates', { name: '他行', checklist: { ruleSet: 'test-checklist', edition: '第1版' }, answerScheme: 'yes_no', apiTypes: ['read'], accessTypes: ['private'] });
    assessmentIds.request = await post(other, '/api/assessment-requests', { templateId: assessmentIds.template, connectionId: assessmentIds.connection, dueDate: '2099-12-31' });
    const up = await app.inject({ method: 'POST', url: '/api/evidence-files?fileName=a.pdf', headers: { ...otherConnector.headers, 'content-type': 'application/octet-stream' }, payload: Buffer.from('%PDF-1.4 x') });
    assessmentIds.evidence = up.json().id;
    const mapped = await app.inject({ method: 'PUT', url: `/api/answer-sheet-mappings/${encodeURIComponent('他行の様式')}`, headers: other.headers, payload: { mapping: { columns: { label: '行内番号', answer: '回答' } } } });
    assert.equal(mapped.statusCode, 200, mapped.body);
    assessmentIds.mapping = '他行の様式';
    assessmentIds.notification = (await ctx.db.selectFrom('notification').select('id').where('organisation_id', '=', otherConnector.organisationId).executeTakeFirstOrThrow()).id;
  });

  it('has an entry for every route, and every entry is a route', async () => {
    await app.ready();
    const registered = app.routeList.filter((r) => r.url.startsWith('/api/')).map((r) => `${r.method} ${r.url}`);
    assert.deepEqual([...new Set(registered)].sort(), Object.keys(MATRIX).sort());
  });

  it('answers 401 with no data to every protected route without sign-in', async () => {
    for (const [key, guard] of Object.entries(MATRIX)) {
      if ('public' in guard) continue;
      const [method, url] = key.split(' ') as [string, string];
      const r = await app.inject({ method: method as 'GET', url: fill(url, {}), payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
      assert.equal(r.statusCode, 401, key);
      assert.deepEqual(Object.keys(r.json()), ['error'], key);
    }
  });

  it('answers 403 with no data where the member’s role or organisation type may not', async () => {
    for (const [profile, s] of members) {
      const [type, role] = profile.split(' ') as [AuthContext['organisation']['type'], AuthContext['role']];
      const ctxAuth: AuthContext = { userId: s.userId, email: s.email, displayName: '', organisation: { id: s.organisationId, type, name: '' }, role, via: 'session', scopes: null, sessionId: null };
      for (const [key, guard] of Object.entries(MATRIX)) {
        if (!('policy' in guard) || can(ctxAuth, guard.policy)) continue;
        const [method, url] = key.split(' ') as [string, string];
        const r = await app.inject({ method: method as 'GET', url: fill(url, { ruleSet: 'x', edition: 'x', code: 'x', number: '1' }), headers: s.headers, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
        assert.equal(r.statusCode, 403, `${profile}: ${key}`);
        assert.deepEqual(Object.keys(r.json()), ['error'], `${profile}: ${key}`);
      }
    }
  });

  it('answers 404 with no data for another organisation’s objects, whatever the role', async () => {
    const ids: Record<string, string> = { organisation: other.organisationId, user: other.userId, token: otherToken, ...assessmentIds };
    for (const [profile, s] of members) {
      for (const [key, guard] of Object.entries(MATRIX)) {
        if (!('ownOrg' in guard) || !guard.ownOrg) continue;
        const [method, url] = key.split(' ') as [string, string];
        const id = ids[guard.ownOrg]!;
        const r = await app.inject({ method: method as 'GET', url: fill(url, { id, name: id, number: '1' }), headers: s.headers, payload: method === 'GET' || method === 'DELETE' ? undefined : { email: 'x@example.jp', role: 'viewer', displayName: 'x', password: 'Aa1!aaaaaaaaaa' } });
        // Secretariat admins administer every organisation (its first admin, unlocking): theirs alone.
        if (profile === 'secretariat admin' && (guard.ownOrg === 'organisation' || guard.ownOrg === 'user')) {
          // Allowed: answered on its merits (2xx, or 400 for the matrix's placeholder body), never 401/403/404.
          assert.ok(![401, 403, 404].includes(r.statusCode), `${profile}: ${key} → ${r.statusCode}`);
          continue;
        }
        assert.ok([403, 404].includes(r.statusCode), `${profile}: ${key} → ${r.statusCode}`);
        assert.ok(!r.body.includes(other.email), `${profile}: ${key} leaks the other organisation's data`);
        assert.deepEqual(Object.keys(r.json()), ['error'], `${profile}: ${key}`);
      }
    }
    // Nor could anybody delete the other bank's mapping.
    assert.deepEqual((await app.inject({ url: '/api/answer-sheet-mappings', headers: other.headers })).json().map((m: { name: string }) => m.name), ['他行の様式']);
    // The other organisation's token still works: nobody else could revoke it.
    const still = await app.inject({ url: '/api/me/tokens', headers: other.headers });
    assert.equal(still.json()[0].revokedAt, null);
  });
});
