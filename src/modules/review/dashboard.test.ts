/**
 * The secretariat's dashboard through the API. Every expected number below is counted by hand from
 * the entries this file records (see the comments next to them), not taken from the code's output.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { buildApp } from '../../http/app.js';
import { describeEachDatabase } from '../../testing/db.js';
import { createMember, signedIn, signInAs, type SignedIn } from '../../testing/auth.js';
import { loadReferenceDataIfEmpty } from '../reference/load-reference.js';

describeEachDatabase('the secretariat dashboard', (ctx) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let sec: SignedIn;
  let bankA: SignedIn;
  let bankB: SignedIn;
  let connector: SignedIn;
  const call = (s: SignedIn, o: InjectOptions) => app.inject({ ...o, headers: { ...s.headers, ...((o.headers as Record<string, string>) ?? {}) } });
  const ok = async (s: SignedIn, o: InjectOptions) => {
    const r = await call(s, o);
    assert.ok(r.statusCode < 300, `${o.method} ${o.url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };

  before(async () => {
    app = await buildApp({ db: ctx.db, signInRateLimit: 1000 });
    sec = await signedIn(app, ctx.db, { type: 'secretariat', role: 'editor' });
    bankA = await signedIn(app, ctx.db, { type: 'bank', role: 'reviewer' });
    bankB = await signedIn(app, ctx.db, { type: 'bank', role: 'viewer' });
    connector = await signedIn(app, ctx.db, { type: 'connector', role: 'editor' });
  });

  it('shows an empty dashboard before any cycle, evidence or alert', async () => {
    const d = await ok(sec, { url: '/api/review-dashboard' });
    assert.deepEqual(d, { cycle: null, evidence: [], incidents: [], updateApi: [], alerts: [] });
  });

  it('is for the secretariat only', async () => {
    const r = await call(bankA, { url: '/api/review-dashboard' });
    assert.equal(r.statusCode, 403);
    assert.deepEqual(Object.keys(r.json()), ['error']);
  });

  it('counts the current cycle’s progress, its evidence per consideration, incidents per 年度 and 更新系 API adoption', async () => {
    // The reference data brings the published 2024年度 cycle, whose document is dated 2025-01-30: the
    // 2026年度 cycle opened below weighs what happened from that date to 2027-03-31.
    await ctx.db.transaction().execute((trx) => loadReferenceDataIfEmpty({ trx }));
    const incidents = [
      ['2025-01-29', 'low', false], // 2024年度, the day before the period
      ['2025-06-01', 'high', true], // 2025年度, asks for a revision
      ['2026-03-31', 'medium', false], // 2025年度 (its last day)
      ['2026-04-01', 'critical', false], // 2026年度 (its first day)
      ['2028-04-01', 'low', false], // 2028年度, after the period; 2027年度 has none
    ] as const;
    for (const [occurredOn, severity, requiresRevision] of incidents) {
      await ok(sec, { method: 'POST', url: '/api/evidence/incident', payload: { occurredOn, summary: `${occurredOn} の事案`, parties: 'A銀行', severity, requiresRevision } });
    }
    await ok(sec, { method: 'POST', url: '/api/evidence/feedback', payload: { organisationName: 'A銀行', organisationType: 'bank', receivedOn: '2026-05-01', channel: 'survey', content: '確認項目の解説がほしい' } });
    await ok(sec, { method: 'POST', url: '/api/evidence/feedback', payload: { organisationName: 'B社', organisationType: 'connector', receivedOn: '2024-06-01', channel: 'exchange', content: '前回の見直し前の要望', requestsRevision: true } });
    await ok(sec, { method: 'POST', url: '/api/evidence/standardTrend', payload: { body: 'OpenID Foundation', specification: 'FAPI 2.0', observedOn: '2026-07-01', summary: '最終版の公表', relevance: 'watch' } });
    for (const [fiscalYear, bankName, offersUpdateApi] of [[2025, 'A銀行', true], [2025, 'B銀行', false], [2025, 'C銀行', false], [2026, 'A銀行', true], [2026, 'B銀行', true]] as const) {
      await ok(sec, { method: 'POST', url: '/api/evidence/updateApi', payload: { fiscalYear, bankName, offersUpdateApi } });
    }
    const cycle = await ok(sec, { method: 'POST', url: '/api/review-cycles', payload: { fiscalYear: 2026 } });
    await ok(sec, { method: 'PATCH', url: `/api/review-cycles/by-id/${cycle.id}/considerations/usage`, payload: { finding: '解説の要望のみ', conclusion: 'not_needed', reason: '解説で対応できる' } });
    await ok(sec, { method: 'PATCH', url: `/api/review-cycles/by-id/${cycle.id}/considerations/incidents`, payload: { finding: '不正送金の事案', conclusion: 'needed', reason: '再発防止策を確認項目に加える' } });
    await ok(sec, { method: 'POST', url: `/api/review-cycles/by-id/${cycle.id}/state`, payload: { to: 'deliberation' } });
    await ok(bankA, { method: 'POST', url: `/api/review-cycles/by-id/${cycle.id}/comments`, payload: { considerationKey: 'incidents', body: '賛成します' } });

    const d = await ok(sec, { url: '/api/review-dashboard' });
    // 2026 is later than the reference 2024年度: it is the current cycle. Two of six concluded, one
    // of them 要, so the decision is 要; one comment.
    assert.deepEqual(d.cycle, { id: cycle.id, checklist: 'api-checklist', fiscalYear: 2026, version: 1, state: 'deliberation', decision: { labelJa: '要', labelEn: 'needed' }, considerations: 6, concluded: 2, comments: 1, documentDate: null });
    assert.deepEqual(
      d.evidence.map((e: { key: string; count: number; suggested: string }) => [e.key, e.count, e.suggested]),
      [
        ['usage', 1, 'not_needed'], // the 2026-05-01 feedback; the 2024 one is before the period
        ['incidents', 3, 'needed'], // 2025-06-01 (asks for a revision), 2026-03-31, 2026-04-01
        ['standards', 1, 'not_needed'], // FAPI 2.0, to watch
        ['selfRegulation', 0, 'not_needed'],
        ['relatedRules', 0, 'not_needed'], // no edition published in the period
        ['updateApi', 2, 'not_needed'], // the two banks recorded for 2026年度
      ],
    );
    assert.equal(d.evidence[0].title, 'ユーザーの使用状況や要望');
    assert.deepEqual(d.incidents, [
      { fiscalYear: 2024, total: 1, low: 1, medium: 0, high: 0, critical: 0 },
      { fiscalYear: 2025, total: 2, low: 0, medium: 1, high: 1, critical: 0 },
      { fiscalYear: 2026, total: 1, low: 0, medium: 0, high: 0, critical: 1 },
      { fiscalYear: 2027, total: 0, low: 0, medium: 0, high: 0, critical: 0 },
      { fiscalYear: 2028, total: 1, low: 1, medium: 0, high: 0, critical: 0 },
    ]);
    assert.deepEqual(d.updateApi, [
      { fiscalYear: 2025, banks: 3, offering: 1 },
      { fiscalYear: 2026, banks: 2, offering: 2 },
    ]);
  });

  it('counts each alert’s recipient organisations and those where someone has acknowledged', async () => {
    const colleague = await createMember(ctx.db, { type: 'bank', role: 'viewer', organisationId: bankB.organisationId });
    const bankB2 = { ...(await signInAs(app, colleague.email)), organisationId: bankB.organisationId, userId: colleague.userId };
    const toBanks = await ok(sec, { method: 'POST', url: '/api/alerts', payload: { title: '銀行宛て', body: '確認してください', severity: 'critical', audience: { allBanks: true } } });
    const toConnector = await ok(sec, { method: 'POST', url: '/api/alerts', payload: { title: '電代業者宛て', body: '確認してください', audience: { organisationIds: [connector.organisationId] } } });
    // Both members of bank B acknowledge: one organisation. Bank A has not.
    await ok(bankB, { method: 'POST', url: `/api/alerts/${toBanks.id}/acknowledge` });
    await ok(bankB2, { method: 'POST', url: `/api/alerts/${toBanks.id}/acknowledge` });
    const d = await ok(sec, { url: '/api/review-dashboard' });
    assert.deepEqual(
      d.alerts.map((a: { id: string; title: string; severity: string; recipients: number; acknowledged: number }) => [a.id, a.title, a.severity, a.recipients, a.acknowledged]),
      [
        [toConnector.id, '電代業者宛て', 'warning', 1, 0], // the newest first; severity defaults to warning
        [toBanks.id, '銀行宛て', 'critical', 2, 1], // banks A and B; B only has acknowledged
      ],
    );
    assert.ok(d.alerts.every((a: { publishedAt: string }) => !Number.isNaN(Date.parse(a.publishedAt))));
  });
});
