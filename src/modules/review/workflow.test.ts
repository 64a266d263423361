/**
 * A year's review through the API as the secretariat runs it: evidence recorded, a cycle opened with
 * its considerations pre-filled, findings and conclusions, deliberation, decision, publication, the
 * frozen result and its correction.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { buildApp } from '../../http/app.js';
import { describeEachDatabase } from '../../testing/db.js';
import { signedIn, type SignedIn } from '../../testing/auth.js';
import { fiscalYearOf, formatJaDate, todayInJapan } from '../../lib/dates.js';
import { loadReferenceDataIfEmpty } from '../reference/load-reference.js';

/** Members' feedback is dated today, so the cycle is the current 年度's. */
const FY = fiscalYearOf(todayInJapan());

describeEachDatabase('the yearly review workflow', (ctx) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let sec: SignedIn;
  let bank: SignedIn;
  let cycleId: string;
  const call = (s: SignedIn, o: InjectOptions) => app.inject({ ...o, headers: { ...s.headers, ...((o.headers as Record<string, string>) ?? {}) } });

  before(async () => {
    await ctx.db.transaction().execute((trx) => loadReferenceDataIfEmpty({ trx }));
    app = await buildApp({ db: ctx.db, signInRateLimit: 1000 });
    sec = await signedIn(app, ctx.db, { type: 'secretariat', role: 'editor' });
    bank = await signedIn(app, ctx.db, { type: 'bank', role: 'editor' });
  });

  it('records evidence all year, and members submit feedback', async () => {
    const incident = await call(sec, {
      method: 'POST',
      url: '/api/evidence/incident',
      payload: { occurredOn: `${FY}-06-10`, summary: '電子決済等代行業者経由の不正送金', parties: 'A銀行、B社', partyTypes: ['bank', 'connector'], severity: 'high', relatedItems: [22], alertIssued: true, requiresRevision: true },
    });
    assert.equal(incident.statusCode, 201, incident.body);
    const bad = await call(sec, { method: 'POST', url: '/api/evidence/incident', payload: { occurredOn: '2025-13-01', summary: '', parties: 'x', severity: 'extreme' } });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().error.problems.map((p: { where: string }) => p.where).sort(), ['/occurredOn', '/severity', '/summary']);
    assert.ok(bad.json().error.problems.every((p: { messageJa: string; messageEn: string }) => p.messageJa && p.messageEn));
    for (const y of [[FY - 1, 'A銀行', false], [FY - 1, 'B銀行', true], [FY, 'A銀行', true], [FY, 'B銀行', true]] as const) {
      await call(sec, { method: 'POST', url: '/api/evidence/updateApi', payload: { fiscalYear: y[0], bankName: y[1], offersUpdateApi: y[2] } });
    }
    const fb = await call(bank, { method: 'POST', url: '/api/feedback', payload: { channel: 'exchange', content: '更新系APIの確認項目を具体化してほしい', requestsRevision: true, relatedItems: [39] } });
    assert.equal(fb.statusCode, 201, fb.body);
    const adoption = await call(bank, { url: '/api/evidence-summary/update-api' });
    assert.deepEqual(adoption.json(), [
      { fiscalYear: FY - 1, banks: 2, offering: 1 },
      { fiscalYear: FY, banks: 2, offering: 2 },
    ]);
  });

  it('opens the current 年度’s cycle with the default considerations and the year’s evidence', async () => {
    const r = await call(sec, { method: 'POST', url: '/api/review-cycles', payload: { fiscalYear: FY } });
    assert.equal(r.statusCode, 201, r.body);
    cycleId = r.json().id;
    const again = await call(sec, { method: 'POST', url: '/api/review-cycles', payload: { fiscalYear: FY } });
    assert.equal(again.statusCode, 409);
    const ev = (await call(sec, { url: `/api/review-cycles/by-id/${cycleId}/evidence` })).json() as { key: string; evidence: unknown[]; suggested: string }[];
    assert.deepEqual(ev.map((e) => e.key), ['usage', 'incidents', 'standards', 'selfRegulation', 'relatedRules', 'updateApi']);
    const by = Object.fromEntries(ev.map((e) => [e.key, e]));
    assert.equal(by.incidents!.evidence.length, 1);
    assert.equal(by.incidents!.suggested, 'needed');
    assert.equal(by.usage!.evidence.length, 1, 'the bank’s feedback, given after the 2024 document (2025-01-30)');
    assert.equal(by.standards!.suggested, 'not_needed');
    assert.equal(by.updateApi!.evidence.length, 2);
  });

  it('cannot be decided before every consideration is concluded, with reasons', async () => {
    const early = await call(sec, { method: 'POST', url: `/api/review-cycles/by-id/${cycleId}/state`, payload: { to: 'decided' } });
    assert.equal(early.statusCode, 409, 'draft cannot jump to decided');
    const noReason = await call(sec, { method: 'PATCH', url: `/api/review-cycles/by-id/${cycleId}/considerations/incidents`, payload: { conclusion: 'needed' } });
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().error.problems[0].messageJa, '見直し要／不要の理由を入力してください');
    for (const [key, c] of [['usage', 'needed'], ['incidents', 'needed'], ['standards', 'not_needed'], ['selfRegulation', 'not_needed'], ['relatedRules', 'not_needed']] as const) {
      const r = await call(sec, { method: 'PATCH', url: `/api/review-cycles/by-id/${cycleId}/considerations/${key}`, payload: { finding: `${key} の評価。`, conclusion: c, reason: `${key} の理由` } });
      assert.equal(r.statusCode, 200, r.body);
    }
    assert.equal((await call(sec, { method: 'POST', url: `/api/review-cycles/by-id/${cycleId}/state`, payload: { to: 'deliberation' } })).statusCode, 200);
    const notReady = await call(sec, { method: 'POST', url: `/api/review-cycles/by-id/${cycleId}/state`, payload: { to: 'decided' } });
    assert.equal(notReady.statusCode, 400);
    assert.deepEqual(notReady.json().error.problems.map((p: { where: string }) => p.where), ['/considerations/updateApi/conclusion']);
    assert.equal(notReady.json().error.problems[0].messageJa, '検討事項「(6) 更新系APIのサービス提供状況」の結論がありません');
  });

  it('takes 連絡会 members’ comments during deliberation, and records the meeting and its minutes', async () => {
    const reviewer = await signedIn(app, ctx.db, { type: 'connector', role: 'reviewer' });
    const c = await call(reviewer, { method: 'POST', url: `/api/review-cycles/by-id/${cycleId}/comments`, payload: { considerationKey: 'incidents', body: 'インシデントの再発防止策を確認項目に加えるべき' } });
    assert.equal(c.statusCode, 201, c.body);
    const list = await call(bank, { url: `/api/review-cycles/by-id/${cycleId}/comments` });
    assert.deepEqual(list.json().map((x: { body: string }) => x.body), ['インシデントの再発防止策を確認項目に加えるべき']);
    const m = await call(sec, { method: 'POST', url: '/api/meetings', payload: { cycleId, heldOn: `${FY + 1}-01-20`, title: `${FY}年度 API接続チェックリスト連絡会`, agenda: '見直し要否の審議', attendeeIds: [bank.organisationId, reviewer.organisationId] } });
    assert.equal(m.statusCode, 201, m.body);
    const before = (await call(bank, { url: '/api/meetings' })).json();
    assert.equal(before[0].minutes, null);
    assert.equal((await call(sec, { method: 'POST', url: `/api/meetings/${m.json().id}/minutes`, payload: { minutes: '見直し要と判断した。' } })).statusCode, 200);
    const after = (await call(bank, { url: '/api/meetings' })).json();
    assert.equal(after[0].minutes, '見直し要と判断した。');
    assert.equal(after[0].attendees.length, 2);
  });

  it('reaches 要 with the expert-panel path, is published, and is then frozen', async () => {
    await call(sec, { method: 'PATCH', url: `/api/review-cycles/by-id/${cycleId}/considerations/updateApi`, payload: { conclusion: 'not_needed', reason: '提供状況を引き続き確認する' } });
    const panel = await call(sec, { method: 'PATCH', url: `/api/review-cycles/by-id/${cycleId}/decision`, payload: { majorRevision: true } });
    assert.equal(panel.statusCode, 400, 'a major revision needs the panel date');
    const ok = await call(sec, { method: 'PATCH', url: `/api/review-cycles/by-id/${cycleId}/decision`, payload: { majorRevision: true, expertPanelDate: `${FY + 1}-02-20`, decisionStatement: 'インシデントと要望を踏まえ、チェックリストを見直す。', policyText: `${FY} 年度はチェックリストを大幅に見直すこととしたい。` } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await call(sec, { method: 'POST', url: `/api/review-cycles/by-id/${cycleId}/state`, payload: { to: 'decided' } })).statusCode, 200);
    assert.equal((await call(sec, { method: 'POST', url: `/api/review-cycles/by-id/${cycleId}/state`, payload: { to: 'published' } })).statusCode, 200);
    const doc = await call(bank, { url: `/api/review-cycles/api-checklist/${FY}?format=markdown` });
    assert.match(doc.body, /【対応方針】API接続チェックリストの見直しは「要」とする。/);
    assert.ok(doc.body.includes(`有識者検討会（${formatJaDate(`${FY + 1}-02-20`)}）において審議する。`));
    const json = await call(bank, { url: `/api/review-cycles/api-checklist/${FY}` });
    assert.equal(json.json().decision.labelJa, '要・有識者検討会');
    const late = await call(bank, { method: 'POST', url: `/api/review-cycles/by-id/${cycleId}/comments`, payload: { body: '公表後の意見' } });
    assert.equal(late.statusCode, 409);
    const edit = await call(sec, { method: 'PATCH', url: `/api/review-cycles/by-id/${cycleId}/considerations/usage`, payload: { finding: '書き換え' } });
    assert.equal(edit.statusCode, 409);
    assert.equal(edit.json().error.code, 'review.frozen');
  });

  it('corrects a published review as a new version, keeping both readable', async () => {
    const c = await call(sec, { method: 'POST', url: `/api/review-cycles/by-id/${cycleId}/corrections` });
    assert.equal(c.statusCode, 201);
    assert.equal(c.json().version, 2);
    await call(sec, { method: 'PATCH', url: `/api/review-cycles/by-id/${c.json().id}/considerations/usage`, payload: { finding: '訂正後の評価。' } });
    const v1 = (await call(bank, { url: `/api/review-cycles/api-checklist/${FY}?version=1` })).json();
    const v2 = (await call(bank, { url: `/api/review-cycles/api-checklist/${FY}` })).json();
    assert.equal(v1.considerations[0].finding, 'usage の評価。');
    assert.equal(v2.considerations[0].finding, '訂正後の評価。');
    assert.equal(v2.state, 'draft');
  });

  it('lets only the secretariat move states, and audits every move', async () => {
    const r = await call(bank, { method: 'POST', url: `/api/review-cycles/by-id/${cycleId}/state`, payload: { to: 'draft' } });
    assert.equal(r.statusCode, 403);
    const moves = await ctx.db.selectFrom('audit_entry').select('changes').where('action', '=', 'review.state_changed').execute();
    assert.deepEqual(moves.map((m) => (m.changes as { state: [string, string] }).state), [
      ['draft', 'deliberation'],
      ['deliberation', 'decided'],
      ['decided', 'published'],
    ]);
  });
});
