/**
 * Assessments end to end through the API, as the "done when" tells it: a bank tailors a
 * 参照系 template and sends it; the connector answers and submits; the bank asks for clarification on
 * one item, gets it, and accepts with a condition approved by a second person; a second bank receives
 * the same master answers with consent and reviews independently; a new checklist edition changes two
 * items and only those two are asked again. Plus isolation between organisations and evidence files.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { buildApp } from '../../http/app.js';
import { todayInJapan } from '../../lib/dates.js';
import { describeEachDatabase } from '../../testing/db.js';
import { createMember, signedIn, signInAs, type SignedIn } from '../../testing/auth.js';
import { checklistV1, checklistV2, importChecklist } from './assessment.fixture.js';
import { addDays } from './reassessment.js';
import * as requestRepo from './request.repo.js';
import * as reviewRepo from './review.repo.js';

const DUE = addDays(todayInJapan(), 30);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describeEachDatabase('assessments (回答依頼・回答・確認・判定)', (ctx) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let bankA: SignedIn; // editor: templates, connections, requests
  let reviewerA: SignedIn; // reviews items and proposes the result
  let approverA: SignedIn; // approves (four eyes)
  let bankB: SignedIn;
  let reviewerB: SignedIn;
  let approverB: SignedIn;
  let connector: SignedIn;
  let otherConnector: SignedIn;
  let connectionA: string;
  let templateA: string;
  let requestA: string;
  let evidenceId: string;
  let requestB: string;

  const call = async (who: SignedIn, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const r = await app.inject({ method, url, headers: who.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: r.statusCode, json: r.body ? (r.json() as any) : null, body: r.body, headers: r.headers };
  };
  const ok = async (who: SignedIn, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const r = await call(who, method, url, payload);
    assert.ok(r.status < 300, `${method} ${url} → ${r.status} ${r.body}`);
    return r.json;
  };
  const yes = (n: number) => ({ number: n, choice: 'yes' as const });

  before(async () => {
    app = await buildApp({ db: ctx.db, signInRateLimit: 1000 });
    await importChecklist(ctx.db, checklistV1);
    bankA = await signedIn(app, ctx.db, { type: 'bank', role: 'editor' });
    const r1 = await createMember(ctx.db, { type: 'bank', role: 'reviewer', organisationId: bankA.organisationId });
    reviewerA = { ...(await signInAs(app, r1.email)), ...r1 };
    const a1 = await createMember(ctx.db, { type: 'bank', role: 'reviewer', organisationId: bankA.organisationId });
    approverA = { ...(await signInAs(app, a1.email)), ...a1 };
    bankB = await signedIn(app, ctx.db, { type: 'bank', role: 'editor' });
    const r2 = await createMember(ctx.db, { type: 'bank', role: 'reviewer', organisationId: bankB.organisationId });
    reviewerB = { ...(await signInAs(app, r2.email)), ...r2 };
    const a2 = await createMember(ctx.db, { type: 'bank', role: 'reviewer', organisationId: bankB.organisationId });
    approverB = { ...(await signInAs(app, a2.email)), ...a2 };
    connector = await signedIn(app, ctx.db, { type: 'connector', role: 'editor' });
    otherConnector = await signedIn(app, ctx.db, { type: 'connector', role: 'editor' });
  });

  it('refuses a template that excludes an item without a reason, naming the item in Japanese', async () => {
    const r = await call(bankA, 'POST', '/api/assessment-templates', {
      name: '参照系チェックシート',
      checklist: { ruleSet: 'test-checklist', edition: '第1版' },
      answerScheme: 'yes_no',
      apiTypes: ['read'],
      accessTypes: ['private'],
      labelPrefix: 'Sec-',
      items: [{ number: 7, included: false }],
    });
    assert.equal(r.status, 400);
    assert.deepEqual(
      r.json.error.problems.map((p: any) => [p.where, p.messageJa]),
      [['/items/0/exclusionReason', 'No.7 を対象外とする理由を記入してください']],
    );
  });

  it('tailors a 参照系 template: bank labels Sec-N, an exclusion with its reason, 更新系-only items left out', async () => {
    const t = await ok(bankA, 'POST', '/api/assessment-templates', {
      name: '参照系チェックシート',
      checklist: { ruleSet: 'test-checklist', edition: '第1版' },
      answerScheme: 'yes_no',
      apiTypes: ['read'],
      accessTypes: ['private'],
      labelPrefix: 'Sec-',
      items: [{ number: 7, included: false, exclusionReason: '問合せ窓口は契約時に別途確認する' }],
    });
    templateA = t.id;
    const view = await ok(bankA, 'GET', `/api/assessment-templates/${templateA}`);
    const included = view.items.filter((i: any) => i.included).map((i: any) => [i.number, i.label]);
    // Items 1–5 are asked, labelled in order; 6 is 更新系 only; 7 is excluded by the bank.
    assert.deepEqual(included, [[1, 'Sec-1'], [2, 'Sec-2'], [3, 'Sec-3'], [4, 'Sec-4'], [5, 'Sec-5']]);
    assert.equal(view.items.find((i: any) => i.number === 7).exclusionReason, '問合せ窓口は契約時に別途確認する');
    assert.equal(view.items.find((i: any) => i.number === 6).included, false);
    assert.equal(view.items.find((i: any) => i.number === 2).text, '情報セキュリティに関する責任者を定めているか。');
  });

  it('registers a connection and sends the request to the connector, who sees it in its inbox with the due date', async () => {
    connectionA = (await ok(bankA, 'POST', '/api/connections', { connectorId: connector.organisationId, serviceName: 'かんたん家計簿', apiType: 'read', access: 'private', status: 'reviewing' })).id;
    const sent = await ok(bankA, 'POST', '/api/assessment-requests', { templateId: templateA, connectionId: connectionA, dueDate: DUE });
    requestA = sent.id;
    assert.equal(sent.items, 5);
    const inbox = await ok(connector, 'GET', '/api/assessment-requests');
    assert.deepEqual(inbox.map((r: any) => [r.id, r.dueDate, r.state, r.side]), [[requestA, DUE, 'sent', 'connector']]);
    const notes = await ok(connector, 'GET', '/api/notifications');
    assert.ok(notes.some((n: any) => n.kind === 'request_received' && n.link === `/assessment/requests/${requestA}`));
  });

  it('does not return requests, connections or templates of another organisation', async () => {
    for (const who of [otherConnector, bankB]) {
      assert.equal((await call(who, 'GET', `/api/assessment-requests/${requestA}`)).status, 404);
      assert.deepEqual(await ok(who, 'GET', '/api/assessment-requests'), []);
      assert.deepEqual(await ok(who, 'GET', '/api/connections'), []);
    }
    assert.equal((await call(bankB, 'GET', `/api/assessment-templates/${templateA}`)).status, 404);
    assert.equal((await call(otherConnector, 'PUT', `/api/assessment-requests/${requestA}/answers`, { items: [yes(1)] })).status, 404);
    assert.equal((await call(bankB, 'PUT', `/api/assessment-requests/${requestA}/items/1/review`, { verdict: 'accepted' })).status, 404);
  });

  it('keeps evidence files whose type matches their content, and refuses one whose content is not what its name says', async () => {
    const up = await app.inject({ method: 'POST', url: `/api/evidence-files?fileName=${encodeURIComponent('セキュリティ規程.pdf')}`, headers: { ...connector.headers, 'content-type': 'application/octet-stream' }, payload: PDF });
    assert.equal(up.statusCode, 201, up.body);
    evidenceId = up.json().id;
    assert.equal(up.json().contentType, 'application/pdf');
    assert.match(up.json().sha256, /^[0-9a-f]{64}$/);
    const bad = await app.inject({ method: 'POST', url: '/api/evidence-files?fileName=invoice.pdf', headers: { ...connector.headers, 'content-type': 'application/octet-stream' }, payload: Buffer.from('MZ\x90\x00 this is an executable') });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'assessment.evidence_type');
  });

  it('answers partly from master answers and partly in the request, and cannot submit while answers are missing', async () => {
    await ok(connector, 'PUT', '/api/master-answers?ruleSet=test-checklist&edition=第1版', {
      answers: [
        { ...yes(1), evidenceIds: [evidenceId] },
        yes(2),
        { number: 3, choice: 'no', explanation: '外部委託は行っていないため選定基準はない' },
        // A conditional answer: for another service only; it must not be used for かんたん家計簿.
        { number: 4, choice: 'no', explanation: '別サービスでは平文', scopeService: '別サービス' },
      ],
    });
    const filled = await ok(connector, 'POST', `/api/assessment-requests/${requestA}/prefill`);
    assert.equal(filled.filled, 3);
    const r = await call(connector, 'POST', `/api/assessment-requests/${requestA}/submit`);
    assert.equal(r.status, 400);
    const missing = r.json.error.problems.map((p: any) => p.where);
    assert.ok(missing.includes('/items/Sec-4/choice') && missing.includes('/items/Sec-5/choice'), JSON.stringify(missing));
    assert.ok(missing.includes('/hearing/purpose'));
    const noExplanation = await ok(connector, 'PUT', `/api/assessment-requests/${requestA}/answers`, { items: [{ number: 5, choice: 'na' }] });
    assert.equal(noExplanation.changed, 1);
    const again = await call(connector, 'POST', `/api/assessment-requests/${requestA}/submit`);
    assert.ok(again.json.error.problems.some((p: any) => p.where === '/items/Sec-5/explanation' && p.messageJa === 'Sec-5: 「該当なし」の場合は②欄に説明を記入してください'));
  });

  it('submits a frozen snapshot; saving the same answers again changes nothing', async () => {
    const answers = {
      items: [yes(4), { number: 5, choice: 'yes', explanation: null }],
      hearing: { purpose: '家計簿サービスへの口座残高・入出金明細の取得', accessType: 'スマートフォンアプリ', contact: 'セキュリティ室 山田 03-0000-0000' },
    };
    assert.equal((await ok(connector, 'PUT', `/api/assessment-requests/${requestA}/answers`, answers)).changed, 2);
    assert.deepEqual(await ok(connector, 'PUT', `/api/assessment-requests/${requestA}/answers`, answers), { changed: 0, hearingChanged: false });
    const s = await ok(connector, 'POST', `/api/assessment-requests/${requestA}/submit`);
    assert.equal(s.version, 1);
    const view = await ok(bankA, 'GET', `/api/assessment-requests/${requestA}`);
    assert.equal(view.state, 'submitted');
    assert.deepEqual(view.items.map((i: any) => [i.label, i.answer.choice]), [['Sec-1', 'yes'], ['Sec-2', 'yes'], ['Sec-3', 'no'], ['Sec-4', 'yes'], ['Sec-5', 'yes']]);
    assert.equal(view.items[0].answer.evidence[0].fileName, 'セキュリティ規程.pdf');
    assert.equal(view.hearing.purpose, '家計簿サービスへの口座残高・入出金明細の取得');
    // Submitted answers cannot change until the bank asks.
    assert.equal((await call(connector, 'PUT', `/api/assessment-requests/${requestA}/answers`, { items: [yes(3)] })).status, 409);
  });

  it('lets the bank download evidence a submission cites (audited), and no one else', async () => {
    const d = await app.inject({ method: 'GET', url: `/api/evidence-files/${evidenceId}`, headers: bankA.headers });
    assert.equal(d.statusCode, 200);
    assert.ok(d.rawPayload.equals(PDF));
    assert.match(String(d.headers['content-disposition']), /filename\*=UTF-8''%E3%82%BB/);
    assert.equal((await call(bankB, 'GET', `/api/evidence-files/${evidenceId}`)).status, 404);
    assert.equal((await call(otherConnector, 'GET', `/api/evidence-files/${evidenceId}`)).status, 404);
    const audit = await ctx.db.selectFrom('audit_entry').select('actor_user_id').where('action', '=', 'assessment.evidence_downloaded').where('target_id', '=', evidenceId).execute();
    assert.deepEqual(audit.map((a) => a.actor_user_id), [bankA.userId]);
  });

  it('asks for clarification on one item; the connector may change only that item, replies in its thread and resubmits', async () => {
    for (const n of [1, 2, 4, 5]) await ok(reviewerA, 'PUT', `/api/assessment-requests/${requestA}/items/${n}/review`, { verdict: 'accepted' });
    await ok(reviewerA, 'PUT', `/api/assessment-requests/${requestA}/items/3/review`, { verdict: 'clarification' });
    await ok(reviewerA, 'POST', `/api/assessment-requests/${requestA}/items/3/messages`, { body: 'システム保守を委託していませんか。委託先があれば選定基準を教えてください。' });
    assert.equal((await ok(connector, 'GET', `/api/assessment-requests/${requestA}`)).state, 'clarification');
    const locked = await call(connector, 'PUT', `/api/assessment-requests/${requestA}/answers`, { items: [{ number: 1, choice: 'no', explanation: 'x' }] });
    assert.equal(locked.status, 400);
    assert.match(locked.json.error.problems[0].messageJa, /Sec-1: 説明依頼の対象ではない項目は変更できません/);
    await ok(connector, 'POST', `/api/assessment-requests/${requestA}/items/3/messages`, { body: 'クラウド基盤を委託しています。選定基準を回答に追記しました。' });
    await ok(connector, 'PUT', `/api/assessment-requests/${requestA}/answers`, { items: [{ number: 3, choice: 'yes', explanation: 'クラウド事業者を選定基準（第三者認証の有無等）により評価' }] });
    assert.equal((await ok(connector, 'POST', `/api/assessment-requests/${requestA}/submit`)).version, 2);
    const view = await ok(bankA, 'GET', `/api/assessment-requests/${requestA}`);
    const item3 = view.items.find((i: any) => i.number === 3);
    assert.equal(item3.changedInLatest, true);
    assert.equal(view.items.find((i: any) => i.number === 1).changedInLatest, false);
    assert.deepEqual(item3.messages.map((m: any) => m.side), ['bank', 'connector']);
    assert.equal(item3.review.stale, true);
  });

  it('accepts with a condition, approved by a second person only, after the connector accepts the remediation plan', async () => {
    await ok(reviewerA, 'PUT', `/api/assessment-requests/${requestA}/items/3/review`, { verdict: 'accepted_with_condition', condition: '委託先の評価結果を年1回報告すること' });
    const plan = await ok(reviewerA, 'POST', `/api/assessment-requests/${requestA}/items/3/remediation`, { description: '委託先評価の結果を報告する', dueDate: addDays(todayInJapan(), 90) });
    const conforming = await call(reviewerA, 'POST', `/api/assessment-requests/${requestA}/result`, { result: 'conforming' });
    assert.equal(conforming.status, 400);
    await ok(reviewerA, 'POST', `/api/assessment-requests/${requestA}/result`, { result: 'conditional' });
    const self = await call(reviewerA, 'POST', `/api/assessment-requests/${requestA}/result/decision`, { approve: true });
    assert.equal(self.status, 403);
    assert.equal(self.json.error.code, 'assessment.four_eyes');
    const pending = await call(approverA, 'POST', `/api/assessment-requests/${requestA}/result/decision`, { approve: true });
    assert.equal(pending.json.error.code, 'assessment.remediation_pending');
    await ok(connector, 'POST', `/api/assessment-requests/${requestA}/remediation/${plan.id}`, { action: 'accept' });
    await ok(approverA, 'POST', `/api/assessment-requests/${requestA}/result/decision`, { approve: true });
    const view = await ok(bankA, 'GET', `/api/assessment-requests/${requestA}`);
    assert.equal(view.state, 'decided');
    assert.equal(view.result.value, 'conditional');
    assert.equal(view.result.suggested, 'conditional');
    assert.ok(view.result.approvedAt && view.result.proposedAt);
    const row = await ctx.db.selectFrom('assessment_request').select(['result_proposed_by', 'result_approved_by']).where('id', '=', requestA).executeTakeFirstOrThrow();
    assert.deepEqual([row.result_proposed_by, row.result_approved_by], [reviewerA.userId, approverA.userId]);
  });

  it('shares the master answers with a second bank by consent; its request is pre-filled and reviewed independently', async () => {
    const notShared = await call(bankB, 'GET', `/api/master-answers?ruleSet=test-checklist&edition=${encodeURIComponent('第1版')}&connectorId=${connector.organisationId}`);
    assert.equal(notShared.status, 404);
    await ok(connector, 'POST', '/api/answer-shares', { bankId: bankB.organisationId });
    const shared = await ok(bankB, 'GET', `/api/master-answers?ruleSet=test-checklist&edition=${encodeURIComponent('第1版')}&connectorId=${connector.organisationId}`);
    assert.equal(shared.items.find((i: any) => i.number === 1).answers[0].choice, 'yes');
    const t = await ok(bankB, 'POST', '/api/assessment-templates', { name: 'B銀行 参照系', checklist: { ruleSet: 'test-checklist', edition: '第1版' }, answerScheme: 'yes_no', apiTypes: ['read'], accessTypes: ['private'], labelPrefix: 'B-' });
    const c = await ok(bankB, 'POST', '/api/connections', { connectorId: connector.organisationId, serviceName: 'かんたん家計簿', apiType: 'read', access: 'private' });
    const req = await ok(bankB, 'POST', '/api/assessment-requests', { templateId: t.id, connectionId: c.id, dueDate: DUE });
    // Items 1–3 come from the master set; item 4's master answer is for another service only.
    assert.equal(req.prefilled, 3);
    requestB = req.id;
    const mine = await ok(connector, 'GET', `/api/assessment-requests/${req.id}`);
    assert.deepEqual(mine.items.map((i: any) => [i.label, i.answer?.choice ?? null]), [['B-1', 'yes'], ['B-2', 'yes'], ['B-3', 'no'], ['B-4', null], ['B-5', null], ['B-6', null]]);
    await ok(connector, 'PUT', `/api/assessment-requests/${req.id}/answers`, {
      items: [yes(4), yes(5), yes(7)],
      hearing: { purpose: '家計簿サービス', accessType: 'Web', contact: 'セキュリティ室' },
      saveToMaster: true,
    });
    await ok(connector, 'POST', `/api/assessment-requests/${req.id}/submit`);
    const bView = await ok(bankB, 'GET', `/api/assessment-requests/${req.id}`);
    // Bank A's verdicts are Bank A's: Bank B starts with none.
    assert.deepEqual(bView.items.map((i: any) => i.review), [null, null, null, null, null, null]);
    for (const n of [1, 2, 3, 4, 5, 7]) await ok(reviewerB, 'PUT', `/api/assessment-requests/${req.id}/items/${n}/review`, { verdict: 'accepted' });
    await ok(reviewerB, 'POST', `/api/assessment-requests/${req.id}/result`, { result: 'conforming' });
    await ok(approverB, 'POST', `/api/assessment-requests/${req.id}/result/decision`, { approve: true });
    assert.equal((await ok(bankA, 'GET', `/api/assessment-requests/${requestA}`)).result.value, 'conditional');
  });

  it('shows the connector where its answers to the two banks disagree', async () => {
    const d = await ok(connector, 'GET', '/api/answer-disagreements');
    assert.deepEqual(d.map((x: any) => x.number), [3]);
    assert.deepEqual(d[0].answers.map((a: any) => [a.label, a.answer.choice]).sort(), [['B-3', 'no'], ['Sec-3', 'yes']]);
  });

  it('stops future updates when consent is revoked, and never touches a snapshot already submitted', async () => {
    const before = await ok(bankB, 'GET', `/api/assessment-requests/${requestB}/submission`);
    // While shared, the bank sees where the master answers moved on since its snapshot.
    await ok(connector, 'PUT', '/api/master-answers?ruleSet=test-checklist&edition=' + encodeURIComponent('第1版'), { answers: [{ number: 2, choice: 'no', explanation: '責任者を選任中' }] });
    const live = await ok(bankB, 'GET', `/api/assessment-requests/${requestB}`);
    assert.deepEqual(live.items.filter((i: any) => i.masterUpdated).map((i: any) => i.label), ['B-2']);
    await ok(connector, 'DELETE', `/api/answer-shares/${bankB.organisationId}`);
    assert.equal((await call(bankB, 'GET', `/api/master-answers?ruleSet=test-checklist&edition=${encodeURIComponent('第1版')}&connectorId=${connector.organisationId}`)).status, 404);
    await ok(connector, 'PUT', '/api/master-answers?ruleSet=test-checklist&edition=' + encodeURIComponent('第1版'), { answers: [{ number: 1, choice: 'no', explanation: '方針を改定中' }] });
    const after = await ok(bankB, 'GET', `/api/assessment-requests/${requestB}/submission`);
    assert.deepEqual(after, before);
    assert.equal(after.content.items[0].answer.choice, 'yes');
    const revoked = await ok(bankB, 'GET', `/api/assessment-requests/${requestB}`);
    assert.equal(revoked.shared, false);
    assert.ok(revoked.items.every((i: any) => i.masterUpdated === null));
    await assert.rejects(ctx.db.updateTable('submission').set({ sha256: 'x' }).where('request_id', '=', requestB).execute(), /frozen/);
  });

  it('shows which items a new checklist edition changes, and re-asks only those two in the re-assessment', async () => {
    await importChecklist(ctx.db, checklistV2);
    const view = await ok(bankA, 'GET', `/api/assessment-requests/${requestA}`);
    assert.equal(view.newerEdition.label, '第2版');
    assert.deepEqual(view.newerEdition.items.map((i: any) => [i.number, i.change]), [[2, 'changed'], [5, 'changed']]);
    assert.deepEqual(view.items.filter((i: any) => i.review?.stale).map((i: any) => i.label), ['Sec-2', 'Sec-5']);
    const up = await ok(bankA, 'POST', `/api/assessment-templates/${templateA}/upgrade`, {});
    const t2 = await ok(bankA, 'GET', `/api/assessment-templates/${up.id}`);
    assert.equal(t2.checklist.edition, '第2版');
    assert.deepEqual(t2.items.filter((i: any) => i.included).map((i: any) => i.label), ['Sec-1', 'Sec-2', 'Sec-3', 'Sec-4', 'Sec-5']);
    const re = await ok(bankA, 'POST', '/api/reassessments', { connectionId: connectionA, dueDate: DUE });
    assert.deepEqual([re.reasked, re.verdicts, re.answers], [2, 3, 5]);
    const mine = await ok(connector, 'GET', `/api/assessment-requests/${re.id}`);
    assert.deepEqual(mine.items.filter((i: any) => i.mustReanswer).map((i: any) => i.label), ['Sec-2', 'Sec-5']);
    // Answers carried from the last snapshot, not from the master set changed since.
    assert.equal(mine.items[0].answer.choice, 'yes');
    const blocked = await call(connector, 'POST', `/api/assessment-requests/${re.id}/submit`);
    assert.deepEqual(blocked.json.error.problems.map((p: any) => p.where), ['/items/Sec-2', '/items/Sec-5']);
    await ok(connector, 'PUT', `/api/assessment-requests/${re.id}/answers`, { items: [yes(2), { number: 5, choice: 'yes', explanation: 'トークンは1時間で失効、失効 API あり' }] });
    await ok(connector, 'POST', `/api/assessment-requests/${re.id}/submit`);
    const bank = await ok(bankA, 'GET', `/api/assessment-requests/${re.id}`);
    assert.deepEqual(
      bank.items.map((i: any) => [i.label, i.change, i.review?.verdict ?? null, i.review?.carried ?? null, i.previousReview?.stale ?? null]),
      [
        ['Sec-1', 'unchanged', 'accepted', true, null],
        ['Sec-2', 'changed', null, null, true],
        ['Sec-3', 'unchanged', 'accepted_with_condition', true, null],
        ['Sec-4', 'unchanged', 'accepted', true, null],
        ['Sec-5', 'changed', null, null, true],
      ],
    );
  });

  it('removes a conditional master answer (recorded in the audit log), and refuses to remove the general one', async () => {
    const url = `/api/master-answers?ruleSet=test-checklist&edition=${encodeURIComponent('第1版')}`;
    const general = await call(connector, 'PUT', url, { answers: [{ number: 4, remove: true }] });
    assert.equal(general.status, 400);
    assert.deepEqual(general.json.error.problems.map((p: any) => p.where), ['/answers/0/remove']);
    assert.deepEqual(await ok(connector, 'PUT', url, { answers: [{ number: 4, scopeService: '別サービス', remove: true }] }), { changed: 1 });
    const item4 = (await ok(connector, 'GET', url)).items.find((i: any) => i.number === 4);
    assert.deepEqual(item4.answers.map((a: any) => a.scopeService), ['']);
    const audit = await ctx.db.selectFrom('audit_entry').select('details').where('action', '=', 'assessment.master_answers_saved').orderBy('occurred_at', 'desc').executeTakeFirstOrThrow();
    assert.equal((audit.details as any).removed[0].answer.explanation, '別サービスでは平文');
    // The removed answer's history stays, its removal the newest version; added again, it goes on from there.
    const history = async () => (await ok(connector, 'GET', `/api/master-answers/history?ruleSet=test-checklist&edition=${encodeURIComponent('第1版')}&number=4`)).filter((h: any) => h.scopeService === '別サービス');
    const afterRemoval = await history();
    assert.ok(afterRemoval.length >= 2, JSON.stringify(afterRemoval));
    assert.equal(afterRemoval[0].removed, true);
    assert.equal(afterRemoval[0].answer.explanation, '別サービスでは平文');
    assert.deepEqual(afterRemoval.slice(1).map((h: any) => h.removed), afterRemoval.slice(1).map(() => false));
    assert.deepEqual(afterRemoval.map((h: any) => h.version), afterRemoval.map((_: unknown, i: number) => afterRemoval.length - i));
    await ok(connector, 'PUT', url, { answers: [{ number: 4, scopeService: '別サービス', choice: 'yes' }] });
    const again = await history();
    assert.deepEqual([again[0].version, again[0].removed, again[0].answer.choice], [afterRemoval.length + 1, false, 'yes']);
    assert.equal(again.length, afterRemoval.length + 1);
  });

  it('changes nothing of a request when the organisation in an update is not the request’s own', async () => {
    const row = () => ctx.db.selectFrom('assessment_request').selectAll().where('id', '=', requestA).executeTakeFirstOrThrow();
    const before = await row();
    const plan = await ctx.db.selectFrom('remediation_plan').selectAll().where('request_id', '=', requestA).executeTakeFirstOrThrow();
    const other = bankB.organisationId;
    const updated = async (q: Promise<{ numUpdatedRows: bigint }[] | { numUpdatedRows: bigint }>) => {
      const r = await q;
      return (Array.isArray(r) ? r : [r]).reduce((n, x) => n + Number(x.numUpdatedRows), 0);
    };
    assert.equal(await updated(requestRepo.setRequestState(ctx.db, other, requestA, 'sent')), 0);
    assert.equal(await updated(requestRepo.setRequestHearingAnswers(ctx.db, other, requestA, { x: 'y' })), 0);
    assert.equal(await updated(reviewRepo.setProposedResult(ctx.db, other, requestA, { result: 'non_conforming', comment: null, proposedBy: bankB.userId })), 0);
    assert.equal(await updated(reviewRepo.clearProposedResult(ctx.db, other, requestA)), 0);
    assert.equal(await updated(reviewRepo.setResultApproved(ctx.db, other, requestA, bankB.userId)), 0);
    // A plan moves only for the request's own connector, and only under its own request.
    assert.equal(await updated(reviewRepo.setRemediationPlanState(ctx.db, otherConnector.organisationId, requestA, plan.id, 'completed', otherConnector.userId)), 0);
    assert.equal(await updated(reviewRepo.setRemediationPlanState(ctx.db, connector.organisationId, requestB, plan.id, 'completed', connector.userId)), 0);
    assert.deepEqual(await row(), before);
    assert.deepEqual(await ctx.db.selectFrom('remediation_plan').selectAll().where('id', '=', plan.id).executeTakeFirstOrThrow(), plan);
  });
});
