/**
 * The bank's side of an assessment in the browser, as its people would do it: an editor registers a
 * connection and tailors a 参照系 template (told in Japanese when an exclusion has no reason), and
 * sends the request; the connector answers through the API; a reviewer reviews item by item, asks for
 * clarification on one item in its thread, sees the reply and the updated answer flagged, accepts it
 * with a condition and a remediation plan, proposes 条件付適合 and is refused approving it; a second
 * reviewer approves. Then a second checklist edition is imported: the changed items are flagged, the
 * template carried over and the re-assessment sent. Also notifications, shared answers, the
 * dashboard, the downloads, English, and a 768px tablet.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../src/http/app.js';
import { todayInJapan } from '../../src/lib/dates.js';
import { checklistV1, checklistV2, importChecklist } from '../../src/modules/assessment/assessment.fixture.js';
import { addDays } from '../../src/modules/assessment/reassessment.js';
import { loadSampleChecklist } from '../../src/modules/reference/load-sample.js';
import { createMember, signInAs, type SignedIn } from '../../src/testing/auth.js';
import { memberOf, pick } from '../review/steps.js';
import { shot, signedInPage, startHarness, type Harness, textsOf } from '../support.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const CONNECTOR = 'かけはしペイ株式会社';
const SERVICE = 'かんたん家計簿';

describe('assessments in the browser: the bank', () => {
  let h: Harness;
  let api: Awaited<ReturnType<typeof buildApp>>;
  let connector: SignedIn;
  let bankId: string;
  let editor: { c: BrowserContext; p: Page };
  let reviewer: { c: BrowserContext; p: Page };
  let requestId: string;
  let evidenceId: string;
  const emails = { editor: 'editor@tsunagu-bank.example.jp', reviewer: 'reviewer@tsunagu-bank.example.jp', approver: 'approver@tsunagu-bank.example.jp' };

  /** The connector's side, through the API. */
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const r = await api.inject({ method, url, headers: connector.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
    assert.ok(r.statusCode < 300, `${method} ${url} → ${r.statusCode} ${r.body}`);
    return r.body ? r.json() : null;
  };

  async function asMember(email: string, width = 1280) {
    const { ctx: c, page: p } = await signedInPage(h, { email }, { viewport: { width, height: 900 }, locale: 'ja-JP', acceptDownloads: true });
    return { c, p };
  }
  const nav = (p: Page, name: string) => p.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name, exact: true }).click();
  const openRequest = async (p: Page, id: string, item?: number) => {
    await p.goto(`${h.baseUrl}/assessment/requests/${id}${item ? `?item=${item}` : ''}`);
    await p.getByTestId('item-list').waitFor();
  };
  const listEntry = (p: Page, label: string) => p.getByTestId('item-list').getByRole('link').filter({ hasText: label });

  before(async () => {
    h = await startHarness();
    api = await buildApp({ db: h.database.db, signInRateLimit: 1000 });
    await importChecklist(h.database.db, checklistV1);
    // The 60-item サンプル checklist too: the template form at its realistic size.
    await h.database.db.transaction().execute((trx) => loadSampleChecklist({ trx }));
    const bank = await memberOf(h, 'bank', 'つなぐ銀行', 'editor', emails.editor);
    bankId = bank.organisationId;
    await createMember(h.database.db, { type: 'bank', role: 'reviewer', organisationId: bankId, email: emails.reviewer });
    await createMember(h.database.db, { type: 'bank', role: 'reviewer', organisationId: bankId, email: emails.approver });
    const k = await memberOf(h, 'connector', CONNECTOR, 'editor', 'editor@kakehashi-pay.example.jp');
    connector = { ...(await signInAs(api, k.email)), organisationId: k.organisationId, userId: k.userId };
    editor = await asMember(emails.editor);
  });
  after(async () => {
    await editor?.c.close();
    await reviewer?.c.close();
    await api?.close();
    await h?.close();
  });

  it('lands a bank editor on the bank dashboard, with the bank’s entries in the navigation', async () => {
    const { p } = editor;
    await p.getByRole('heading', { name: 'ダッシュボード', level: 2 }).waitFor();
    assert.match(p.url(), /\/assessment\/dashboard$/);
    const links = await p.getByRole('navigation', { name: 'メニュー' }).getByRole('link').allInnerTexts();
    assert.deepEqual(links.slice(0, 6), ['ダッシュボード', '回答依頼', '確認シート', 'API接続', '共有された回答', '回答票の様式']);
  });

  it('registers a connection to a connector and moves it to 契約済 with its contract date', async () => {
    const { p } = editor;
    await nav(p, 'API接続');
    await p.getByText('API接続はまだありません').waitFor();
    const form = p.getByRole('form', { name: 'API接続を登録' });
    await pick(p, form, '電子決済等代行業者', `${CONNECTOR}（関東財務局長（電代）第1号）`);
    await form.getByLabel('サービス名').fill(SERVICE);
    await pick(p, form, '状態', '審査中');
    await form.getByRole('button', { name: '登録' }).click();
    await form.getByRole('status').getByText('登録しました').waitFor();
    const row = p.getByTestId('connections').getByRole('row').filter({ hasText: SERVICE });
    assert.deepEqual((await textsOf(row.getByRole('cell'))).slice(0, 7), [CONNECTOR, SERVICE, '参照系', '非公開（個別接続）', '審査中', '—', '12か月']);
    await row.getByRole('button', { name: `${CONNECTOR} ${SERVICE} の変更` }).click();
    const dialog = p.getByRole('dialog', { name: `${CONNECTOR} ${SERVICE} の変更` });
    // Only the statuses the connection may move to are offered.
    await dialog.getByRole('combobox', { name: '状態' }).click();
    assert.deepEqual(await p.getByRole('option').allInnerTexts(), ['審査中', '契約済', '申請中', '終了']);
    await p.getByRole('option', { name: '契約済', exact: true }).click();
    await dialog.getByLabel('契約日').fill('2026-04-01');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByRole('cell', { name: '契約済' }).waitFor();
    await row.getByRole('cell', { name: '2026年4月1日' }).waitFor();
    await shot(p, 'assessment-bank-1-connections');
  });

  it('tailors a 参照系 template, told in Japanese at the row when an excluded item has no reason', async () => {
    const { p } = editor;
    await nav(p, '確認シート');
    await p.getByRole('link', { name: '確認シートを作成' }).click();
    const form = p.getByRole('form', { name: '確認シートを作成' });
    await form.getByLabel('シート名').fill('参照系チェックシート');
    await pick(p, form, 'チェックリストの版', 'テスト用チェックリスト 第1版');
    const items = form.getByTestId('template-items');
    await items.getByRole('row').nth(7).waitFor();
    // Item 6 is 更新系 only: it cannot be included in a 参照系 sheet.
    assert.equal(await items.getByRole('checkbox', { name: 'No.6 を対象にする' }).isDisabled(), true);
    await items.getByRole('row').filter({ hasText: 'このシートの API 種別には適用されません（更新系のみ）' }).waitFor();
    // The labels the items will get, before any is typed.
    assert.equal(await items.getByRole('textbox', { name: 'No.5 の行内番号' }).getAttribute('placeholder'), 'Sec-5');
    await items.getByRole('checkbox', { name: 'No.7 を対象にする' }).uncheck();
    await form.getByRole('button', { name: '作成', exact: true }).click();
    await form.getByTestId('template-errors').getByText('確認シートに 1 件の問題があります').waitFor();
    const reason = items.getByRole('textbox', { name: 'No.7 を対象外とする理由' });
    assert.equal(await reason.getAttribute('aria-invalid'), 'true');
    await items.getByText('No.7 を対象外とする理由を記入してください').waitFor();
    await shot(p, 'assessment-bank-2-template-reason-missing');
    await reason.fill('問合せ窓口は契約時に別途確認する');
    await form.getByRole('button', { name: '作成', exact: true }).click();
    await p.getByRole('heading', { name: '参照系チェックシート', level: 2 }).waitFor();
    const cells = async (n: number) => (await textsOf(p.getByTestId('template-view-items').locator(`tr[data-number="${n}"]`).getByRole('cell'))).map((x) => x.trim());
    assert.deepEqual((await cells(1)).slice(0, 2), ['Sec-1', '1']);
    assert.deepEqual((await cells(5)).slice(0, 2), ['Sec-5', '5']);
    assert.match((await cells(7))[4]!, /対象外\s*理由: 問合せ窓口は契約時に別途確認する/);
    assert.match((await cells(6))[4]!, /対象外\s*理由: このシートの API 種別には適用されない確認項目/);
    await shot(p, 'assessment-bank-3-template');
  });

  it('sends the request to the connector, who receives it', async () => {
    const { p } = editor;
    await nav(p, '回答依頼');
    const form = p.getByRole('form', { name: '回答依頼を送付' });
    await pick(p, form, '確認シート', '参照系チェックシート（第1版）');
    await pick(p, form, 'API接続', `${CONNECTOR} ${SERVICE}（参照系）`);
    await form.getByRole('button', { name: '送付' }).click();
    await form.getByRole('status').getByText('回答依頼を送付しました（5 項目）').waitFor();
    const row = p.getByTestId('requests').getByRole('row').filter({ hasText: SERVICE });
    await row.getByText('回答依頼中').waitFor();
    await row.getByText(`参照系チェックシート（第1版）`).waitFor();
    const inbox = await call('GET', '/api/assessment-requests');
    assert.equal(inbox.length, 1);
    requestId = inbox[0].id;
  });

  it('(the connector answers with evidence and submits, through the API)', async () => {
    const up = await api.inject({ method: 'POST', url: `/api/evidence-files?fileName=${encodeURIComponent('セキュリティ規程.pdf')}`, headers: { ...connector.headers, 'content-type': 'application/octet-stream' }, payload: PDF });
    assert.equal(up.statusCode, 201, up.body);
    evidenceId = up.json().id;
    await call('PUT', `/api/assessment-requests/${requestId}/answers`, {
      items: [
        { number: 1, choice: 'yes', explanation: '情報セキュリティ基本方針を取締役会で承認（2025年4月）', evidenceIds: [evidenceId] },
        { number: 2, choice: 'yes' },
        { number: 3, choice: 'no', explanation: '外部委託は行っていないため選定基準はない' },
        { number: 4, choice: 'yes' },
        { number: 5, choice: 'yes', explanation: 'アクセストークンの有効期限は1時間' },
      ],
      hearing: { purpose: '家計簿サービスへの口座残高・入出金明細の取得', accessType: 'スマートフォンアプリ', contact: 'セキュリティ室 山田 03-0000-0000' },
    });
    assert.equal((await call('POST', `/api/assessment-requests/${requestId}/submit`)).version, 1);
  });

  it('reviews item by item: the answer, its evidence and the thread side by side; asks for clarification on one item with a message', async () => {
    reviewer = await asMember(emails.reviewer);
    const { p } = reviewer;
    // A reviewer (not an editor) starts from the requests.
    await p.getByRole('heading', { name: '回答依頼', level: 2 }).waitFor();
    await p.getByTestId('requests').getByRole('link', { name: CONNECTOR }).click();
    await p.getByRole('heading', { name: `${CONNECTOR} ${SERVICE}` }).waitFor();
    const panel = p.getByTestId('item-panel');
    await panel.getByRole('heading', { name: /Sec-1/ }).waitFor();
    await panel.getByTestId('question').getByText('情報セキュリティに関する方針・規程を定め、経営陣が承認しているか。').waitFor();
    await panel.getByTestId('answer').getByText('はい').waitFor();
    await panel.getByText('情報セキュリティ基本方針を取締役会で承認（2025年4月）').waitFor();
    const file = panel.getByRole('link', { name: 'セキュリティ規程.pdf' });
    assert.equal(await file.getAttribute('href'), `/api/evidence-files/${evidenceId}`);
    const dl = await p.request.get(`${h.baseUrl}/api/evidence-files/${evidenceId}`);
    assert.equal(dl.status(), 200);
    assert.ok(Buffer.from(await dl.body()).equals(PDF));
    // The answer and the thread sit side by side at 1280px.
    const answerBox = (await panel.getByRole('region', { name: '回答', exact: true }).boundingBox())!;
    const threadBox = (await panel.getByRole('region', { name: 'メッセージ（Sec-1）' }).boundingBox())!;
    assert.ok(threadBox.x > answerBox.x + answerBox.width - 1 && Math.abs(threadBox.y - answerBox.y) < 200, JSON.stringify({ answerBox, threadBox }));
    await shot(p, 'assessment-bank-4-review-item');
    for (const label of ['Sec-1', 'Sec-2', 'Sec-4', 'Sec-5']) {
      await listEntry(p, label).click();
      const verdict = p.getByRole('region', { name: `確認（${label}）` });
      await verdict.getByRole('button', { name: '確認済み', exact: true }).click();
      await verdict.getByRole('status').getByText(`${label} を「確認済み」にしました`).waitFor();
      await listEntry(p, label).getByTestId('verdict').getByText('確認済み').waitFor();
    }
    await listEntry(p, 'Sec-3').click();
    await panel.getByText('外部委託は行っていないため選定基準はない').waitFor();
    await p.getByRole('region', { name: '確認（Sec-3）' }).getByRole('button', { name: '要確認', exact: true }).click();
    await listEntry(p, 'Sec-3').getByTestId('verdict').getByText('要確認').waitFor();
    const thread = p.getByRole('region', { name: 'メッセージ（Sec-3）' });
    await thread.getByLabel('メッセージを書く').fill('システム保守を委託していませんか。委託先があれば選定基準を教えてください。');
    await thread.getByRole('button', { name: '送信' }).click();
    await thread.getByTestId('thread').getByText('システム保守を委託していませんか。').waitFor();
    await p.getByText('説明依頼中').first().waitFor();
    // The connector sees the question in the item's thread.
    const mine = await call('GET', `/api/assessment-requests/${requestId}`);
    assert.equal(mine.state, 'clarification');
    assert.deepEqual(mine.items.find((i: any) => i.number === 3).messages.map((m: any) => m.side), ['bank']);
  });

  it('(the connector replies in the thread, updates the answer and resubmits, through the API)', async () => {
    await call('POST', `/api/assessment-requests/${requestId}/items/3/messages`, { body: 'クラウド基盤を委託しています。選定基準を回答に追記しました。' });
    await call('PUT', `/api/assessment-requests/${requestId}/answers`, { items: [{ number: 3, choice: 'yes', explanation: 'クラウド事業者を選定基準（第三者認証の有無等）により評価' }] });
    assert.equal((await call('POST', `/api/assessment-requests/${requestId}/submit`)).version, 2);
  });

  it('sees the reply and the updated answer flagged, and accepts it with a condition and a remediation plan', async () => {
    const { p } = reviewer;
    await openRequest(p, requestId, 3);
    const entry = listEntry(p, 'Sec-3');
    await entry.getByText('回答更新あり').waitFor();
    await entry.getByText('要再確認').waitFor();
    assert.equal(await listEntry(p, 'Sec-1').getByText('回答更新あり').count(), 0, 'only the item whose answer changed');
    const panel = p.getByTestId('item-panel');
    await panel.getByText('クラウド事業者を選定基準（第三者認証の有無等）により評価').waitFor();
    await p.getByRole('region', { name: 'メッセージ（Sec-3）' }).getByTestId('thread').getByText('クラウド基盤を委託しています。選定基準を回答に追記しました。').waitFor();
    await shot(p, 'assessment-bank-5-clarified');
    const verdict = p.getByRole('region', { name: '確認（Sec-3）' });
    // Without a condition the server says what is missing, at the field.
    await verdict.getByRole('button', { name: '条件付きで確認', exact: true }).click();
    await verdict.getByRole('alert').getByText('条件付きで確認する場合は条件を記入してください').waitFor();
    await verdict.getByLabel('条件・所見').fill('委託先の評価結果を年1回報告すること');
    await verdict.getByRole('button', { name: '条件付きで確認', exact: true }).click();
    await verdict.getByRole('status').getByText('Sec-3 を「条件付きで確認」にしました').waitFor();
    await entry.getByTestId('verdict').getByText('条件付きで確認').waitFor();
    const plan = p.getByRole('region', { name: '改善計画（Sec-3）' });
    await plan.getByLabel('改善の内容').fill('委託先評価の結果を年1回報告する');
    await plan.getByLabel('改善の期限').fill(addDays(todayInJapan(), 90));
    await plan.getByRole('button', { name: '改善計画を提示' }).click();
    await plan.getByTestId('remediation').getByText('委託先評価の結果を年1回報告する').waitFor();
    assert.equal(await plan.getByTestId('plan-state').innerText(), '提示');
  });

  it('proposes 条件付適合 and is refused approving it, in Japanese', async () => {
    const { p } = reviewer;
    const result = p.getByTestId('result-panel');
    await result.getByText('確認済み 5 / 5 項目').waitFor();
    assert.equal(await result.getByRole('radio', { name: '条件付適合' }).isChecked(), true, 'the suggested result is chosen first');
    // 適合 cannot be proposed while an item carries a condition.
    await result.getByRole('radio', { name: '適合', exact: true }).check();
    await result.getByRole('button', { name: '判定案を提出' }).click();
    await result.getByRole('alert').getByText(/「条件付適合」です。条件付き・未充足の項目があるときは「適合」にできません/).waitFor();
    await result.getByRole('radio', { name: '条件付適合' }).check();
    await result.getByRole('button', { name: '判定案を提出' }).click();
    await result.getByRole('status').getByText('判定案を提出しました。別の確認者の承認を待っています。').waitFor();
    await result.getByTestId('result').getByText('承認待ち').waitFor();
    await result.getByRole('button', { name: '承認', exact: true }).click();
    await result.getByRole('alert').getByText('判定案を作成した人・項目を確認した人は承認できません（四つの目の原則）。別の確認者に承認を依頼してください。').waitFor();
    await shot(p, 'assessment-bank-6-four-eyes');
  });

  it('is approved by a second reviewer once the connector has accepted the plan', async () => {
    const view = await call('GET', `/api/assessment-requests/${requestId}`);
    const planId = view.items.find((i: any) => i.number === 3).remediation[0].id;
    await call('POST', `/api/assessment-requests/${requestId}/remediation/${planId}`, { action: 'accept' });
    const approver = await asMember(emails.approver);
    const { p } = approver;
    await openRequest(p, requestId, 3);
    await p.getByRole('region', { name: '改善計画（Sec-3）' }).getByTestId('plan-state').getByText('合意済み').waitFor();
    const result = p.getByTestId('result-panel');
    await result.getByLabel('承認・差し戻しのコメント').fill('条件の履行を年次で確認する');
    await result.getByRole('button', { name: '承認', exact: true }).click();
    await result.getByRole('status').getByText('承認しました').waitFor();
    await result.getByTestId('result').getByText('条件付適合').waitFor();
    await result.getByTestId('result').getByText(/承認: bank reviewer/).waitFor();
    await p.getByText('判定済み').first().waitFor();
    // Decided: no verdict buttons any more.
    assert.equal(await p.getByRole('button', { name: '確認済み', exact: true }).count(), 0);
    await shot(p, 'assessment-bank-7-decided');
    const mine = await call('GET', `/api/assessment-requests/${requestId}`);
    assert.deepEqual([mine.state, mine.result.value], ['decided', 'conditional']);
    await approver.c.close();
  });

  it('offers the request workbook and the results as downloads', async () => {
    const { p } = editor;
    await openRequest(p, requestId);
    const downloads = p.getByRole('region', { name: 'ダウンロード' });
    const expected: [string, string, RegExp][] = [
      ['回答依頼のブック（xlsx）', `/api/assessment-requests/${requestId}/workbook`, /spreadsheetml/],
      ['確認結果（xlsx）', `/api/assessment-requests/${requestId}/results?format=xlsx`, /spreadsheetml/],
      ['確認結果（CSV）', `/api/assessment-requests/${requestId}/results?format=csv`, /text\/csv/],
      ['確認結果（PDF）', `/api/assessment-requests/${requestId}/results?format=pdf`, /application\/pdf/],
    ];
    for (const [name, href, type] of expected) {
      assert.equal(await downloads.getByRole('link', { name }).getAttribute('href'), href);
      const r = await p.request.get(`${h.baseUrl}${href}`);
      assert.equal(r.status(), 200, `${href} → ${r.status()} ${r.status() === 200 ? '' : await r.text()}`);
      assert.match(r.headers()['content-type']!, type);
    }
  });

  it('flags the items a new checklist edition changes, carries the template over and sends the re-assessment', async () => {
    await importChecklist(h.database.db, checklistV2);
    const { p } = editor;
    await openRequest(p, requestId);
    await p.getByTestId('newer-edition').getByText(/新しい版「第2版」が公表されています。変更される項目: Sec-2、Sec-5。/).waitFor();
    for (const label of ['Sec-2', 'Sec-5']) await listEntry(p, label).getByText('新しい版で変更').waitFor();
    assert.equal(await listEntry(p, 'Sec-1').getByText('新しい版で変更').count(), 0);
    await shot(p, 'assessment-bank-8-newer-edition');
    await p.getByTestId('newer-edition').getByRole('link', { name: '確認シート' }).click();
    const newer = p.getByRole('region', { name: '新しい版「第2版」が公表されています' });
    await newer.getByText('新しい版で追加 0・変更 2・削除 0 項目').waitFor();
    await newer.getByText('アクセストークンの有効期限を設定し、失効の仕組みを設けているか。').waitFor();
    const changes = await newer.getByTestId('newer-edition-changes').getByRole('row').allInnerTexts();
    assert.equal(changes.length, 3);
    assert.match(changes[1]!, /^2\s+Sec-2\s+変更\s+確認項目\s+情報セキュリティに関する責任者を定め、その役割と権限を文書化しているか。/);
    assert.match(changes[2]!, /^5\s+Sec-5\s+変更\s+確認項目\s+アクセストークンの有効期限を設定し、失効の仕組みを設けているか。/);
    await shot(p, 'assessment-bank-9-template-newer-edition');
    await newer.getByRole('button', { name: '新しい版へ移行' }).click();
    await p.getByRole('status').getByText('新しい版へ移行しました').waitFor();
    await p.getByText('テスト用チェックリスト 第2版').waitFor();
    const labels = await p.getByTestId('template-view-items').getByRole('row').allInnerTexts();
    assert.deepEqual(labels.slice(1).map((r) => r.split(/\s+/)[0]), ['Sec-1', 'Sec-2', 'Sec-3', 'Sec-4', 'Sec-5', '—', '—']);
    await nav(p, '回答依頼');
    const due = p.getByRole('region', { name: '定期確認' });
    const row = due.getByTestId('reassessments').getByRole('row').filter({ hasText: SERVICE });
    await row.getByText('条件付適合').waitFor();
    await row.getByText('予定どおり').waitFor();
    await row.getByRole('button', { name: `${CONNECTOR} ${SERVICE} の再確認を依頼` }).click();
    const dialog = p.getByRole('dialog', { name: `${CONNECTOR} ${SERVICE} の再確認を依頼` });
    await dialog.getByRole('button', { name: '再確認を依頼' }).click();
    await due.getByRole('status').getByText('再確認を依頼しました（尋ね直す項目 2・引き継いだ確認 3）').waitFor();
    await row.getByText('確認中').waitFor();
    const requests = p.getByTestId('requests').getByRole('row').filter({ hasText: '再確認' });
    await requests.getByText('参照系チェックシート（第2版）').waitFor();
    await requests.getByText('回答依頼中').waitFor();
    await shot(p, 'assessment-bank-10-reassessment-sent');
  });

  it('shows the re-assessment with the unchanged verdicts carried and only the changed items to review again', async () => {
    const inbox = await call('GET', '/api/assessment-requests');
    const re = inbox.find((r: any) => r.reassessment);
    const mine = await call('GET', `/api/assessment-requests/${re.id}`);
    assert.deepEqual(mine.items.filter((i: any) => i.mustReanswer).map((i: any) => i.label), ['Sec-2', 'Sec-5']);
    await call('PUT', `/api/assessment-requests/${re.id}/answers`, { items: [{ number: 2, choice: 'yes', explanation: '責任者の役割と権限を規程に記載' }, { number: 5, choice: 'yes', explanation: 'トークンは1時間で失効、失効 API あり' }] });
    await call('POST', `/api/assessment-requests/${re.id}/submit`);
    const { p } = reviewer;
    await openRequest(p, re.id);
    await p.getByText('再確認（前回の回答依頼を引き継ぎ）').waitFor();
    const sec1 = listEntry(p, 'Sec-1');
    await sec1.getByText('前回の確認を引継ぎ').waitFor();
    assert.equal(await sec1.getByTestId('verdict').innerText(), '確認済み');
    assert.equal(await listEntry(p, 'Sec-3').getByTestId('verdict').innerText(), '条件付きで確認');
    for (const label of ['Sec-2', 'Sec-5']) {
      await listEntry(p, label).getByText('前回から変更').waitFor();
      assert.equal(await listEntry(p, label).getByTestId('verdict').innerText(), '未確認');
    }
    await listEntry(p, 'Sec-2').click();
    await p.getByTestId('previous-review').getByText('前回の確認（項目が変わったため再確認が必要）: 確認済み').waitFor();
    await p.getByTestId('question').getByText('情報セキュリティに関する責任者を定め、その役割と権限を文書化しているか。').waitFor();
    await shot(p, 'assessment-bank-11-reassessment-review');
  });

  it('shows the unread notifications in the header and marks them read', async () => {
    const { p } = editor;
    await nav(p, 'ダッシュボード');
    const bell = p.getByTestId('notification-bell');
    await bell.click();
    await p.getByRole('heading', { name: 'お知らせ', level: 2 }).waitFor();
    await p.getByTestId('notifications').waitFor();
    const unread = await p.getByTestId('notifications').getByText('未読', { exact: true }).count();
    assert.ok(unread >= 3, `unread ${unread}`);
    await p.locator(`[data-testid="notification-bell"][data-unread="${unread}"]`).waitFor();
    assert.equal(await bell.getAttribute('aria-label'), `お知らせ（未読 ${unread} 件）`);
    const note = p.getByRole('article').filter({ hasText: `${CONNECTOR} が回答を提出しました` }).first();
    await note.getByText('未読').waitFor();
    await shot(p, 'assessment-bank-12-notifications');
    await note.getByRole('button', { name: '既読にする' }).click();
    await note.getByText(/・ 既読 \d{4}年/).waitFor();
    await p.locator(`[data-testid="notification-bell"][data-unread="${unread - 1}"]`).waitFor();
    // Opening a notification's link goes to the request it names.
    await p.getByRole('article').filter({ hasText: `${CONNECTOR} が回答を提出しました` }).nth(1).getByRole('link').click();
    await p.getByTestId('item-list').waitFor();
    assert.match(p.url(), /\/assessment\/requests\/[0-9a-f-]{36}$/);
  });

  it('shows the answers a connector shares by consent, as they stand now', async () => {
    const { p } = editor;
    await nav(p, '共有された回答');
    await p.getByText('回答を共有している電子決済等代行業者はありません').waitFor();
    await call('PUT', `/api/master-answers?ruleSet=test-checklist&edition=${encodeURIComponent('第1版')}`, {
      answers: [
        { number: 1, choice: 'yes', explanation: '基本方針は取締役会で承認', evidenceIds: [evidenceId] },
        { number: 4, choice: 'no', explanation: '別サービスでは平文で保管', scopeService: '別サービス' },
      ],
    });
    await call('POST', '/api/answer-shares', { bankId });
    await p.reload();
    const shares = p.getByTestId('shares');
    await shares.getByRole('row').filter({ hasText: CONNECTOR }).getByText('共有中').waitFor();
    const form = p.getByRole('form', { name: '回答を表示' });
    await pick(p, form, '電子決済等代行業者', CONNECTOR);
    await pick(p, form, 'チェックリストの版', 'テスト用チェックリスト 第1版');
    await form.getByRole('button', { name: '回答を表示' }).click();
    const table = p.getByTestId('master-answers');
    const first = table.getByRole('row').filter({ hasText: '基本方針は取締役会で承認' });
    await first.getByText('対象: すべての接続').waitFor();
    await first.getByRole('link', { name: 'セキュリティ規程.pdf' }).waitFor();
    await table.getByRole('row').filter({ hasText: '別サービスでは平文で保管' }).getByText('対象: 別サービス').waitFor();
    await shot(p, 'assessment-bank-13-shared-answers');
    // With consent, the review screen says where the master answer moved on since the snapshot.
    await openRequest(p, requestId, 1);
    await listEntry(p, 'Sec-1').getByText('マスター回答が更新されています').waitFor();
    await p.getByTestId('item-panel').getByText('共有された回答（マスター）が、この提出の後で更新されています。').waitFor();
    // …and the snapshot is what the bank received.
    await p.getByTestId('item-panel').getByText('情報セキュリティ基本方針を取締役会で承認（2025年4月）').waitFor();
    assert.equal(await listEntry(p, 'Sec-2').getByText('マスター回答が更新されています').count(), 0);
  });

  it('keeps a template’s own labels, order and API-type restrictions; sends it for a 更新系 connection, shows it overdue, and withdraws it', async () => {
    const { p } = editor;
    await nav(p, '確認シート');
    await p.getByRole('link', { name: '確認シートを作成' }).click();
    const form = p.getByRole('form', { name: '確認シートを作成' });
    await form.getByLabel('シート名').fill('参照系・更新系シート');
    await pick(p, form, 'チェックリストの版', 'テスト用チェックリスト 第2版');
    await form.getByRole('checkbox', { name: '更新系（決済指図伝達）' }).check();
    const items = form.getByTestId('template-items');
    await items.locator('tr[data-number="7"]').waitFor();
    assert.equal(await items.getByRole('checkbox', { name: 'No.6 を対象にする' }).isDisabled(), false, 'a 更新系 item applies now');
    await items.getByRole('button', { name: 'No.2 を上へ' }).click();
    assert.deepEqual(await items.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number'))), ['2', '1', '3', '4', '5', '6', '7']);
    await items.getByRole('textbox', { name: 'No.3 の行内番号' }).fill('Sec-99');
    await pick(p, items, 'No.4 の API種別の限定', '更新系のみ');
    await form.getByRole('button', { name: '作成', exact: true }).click();
    await p.getByRole('heading', { name: '参照系・更新系シート', level: 2 }).waitFor();
    const view = p.getByTestId('template-view-items');
    const row = async (n: number) => (await textsOf(view.locator(`tr[data-number="${n}"]`).getByRole('cell'))).map((x) => x.trim());
    assert.deepEqual(await view.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number'))), ['2', '1', '3', '4', '5', '6', '7']);
    assert.deepEqual((await row(2)).slice(0, 2), ['Sec-1', '2']);
    assert.deepEqual((await row(1)).slice(0, 2), ['Sec-2', '1']);
    assert.deepEqual((await row(3)).slice(0, 2), ['Sec-99', '3']);
    assert.deepEqual([(await row(4))[0], (await row(4))[3]], ['Sec-3', '更新系']);
    // The checklist itself restricts No.6 to 更新系.
    assert.deepEqual([(await row(6))[0], (await row(6))[3]], ['Sec-5', '更新系']);

    await nav(p, 'API接続');
    const reg = p.getByRole('form', { name: 'API接続を登録' });
    await pick(p, reg, '電子決済等代行業者', `${CONNECTOR}（関東財務局長（電代）第1号）`);
    await reg.getByLabel('サービス名').fill('かんたん送金');
    await pick(p, reg, 'API種別', '更新系（決済指図伝達）');
    await reg.getByRole('button', { name: '登録' }).click();
    await reg.getByRole('status').getByText('登録しました').waitFor();

    await nav(p, '回答依頼');
    const send = p.getByRole('form', { name: '回答依頼を送付' });
    await pick(p, send, '確認シート', '参照系・更新系シート（第2版）');
    await pick(p, send, 'API接続', `${CONNECTOR} かんたん送金（更新系）`);
    await send.getByRole('button', { name: '送付' }).click();
    await send.getByRole('status').getByText('回答依頼を送付しました（7 項目）').waitFor();
    const sent = (await call('GET', '/api/assessment-requests')).find((r: any) => r.serviceName === 'かんたん送金');
    // Past its due date (a request cannot be sent so, so the date is moved in the database).
    await h.database.db.updateTable('assessment_request').set({ due_date: addDays(todayInJapan(), -1) }).where('id', '=', sent.id).execute();
    await p.reload();
    const late = p.getByTestId('requests').getByRole('row').filter({ hasText: 'かんたん送金' });
    await late.getByText('期限超過').waitFor();
    assert.equal(await late.getAttribute('data-overdue'), 'true');
    await shot(p, 'assessment-bank-14-overdue');
    await late.getByRole('link', { name: CONNECTOR }).click();
    await p.getByRole('status').getByText('まだ提出されていません').waitFor();
    await p.getByRole('button', { name: '回答依頼を取り下げる' }).click();
    const dialog = p.getByRole('dialog', { name: '回答依頼を取り下げる' });
    await dialog.getByText('電子決済等代行業者に通知されます').waitFor();
    await dialog.getByRole('button', { name: '回答依頼を取り下げる' }).click();
    await dialog.waitFor({ state: 'detached' });
    await p.getByText('取り下げ', { exact: true }).first().waitFor();
    assert.equal(await p.getByRole('button', { name: '回答依頼を取り下げる' }).count(), 0);
    assert.equal((await call('GET', `/api/assessment-requests/${sent.id}`)).state, 'withdrawn');
  });

  it('shows the dashboard’s figures in charts and tables', async () => {
    const { p } = editor;
    await nav(p, 'ダッシュボード');
    const byStatus = await textsOf(p.getByTestId('connections-by-status').getByRole('row'));
    assert.ok(byStatus.some((r) => /^契約済\s+1$/.test(r)), JSON.stringify(byStatus));
    const byState = await textsOf(p.getByTestId('requests-by-state').getByRole('row'));
    assert.ok(byState.some((r) => /^判定済み\s+1$/.test(r)) && byState.some((r) => /^提出済み\s+1$/.test(r)), JSON.stringify(byState));
    const results = await textsOf(p.getByTestId('results-per-year').getByRole('row'));
    assert.match(results[1]!, /^\d{4}年度\s+0\s+1\s+0$/);
    await p.getByTestId('awaiting-review').getByRole('link', { name: `${CONNECTOR} ${SERVICE}` }).waitFor();
    await p.getByRole('img', { name: /判定（年度別）|年度 適合 0 条件付適合 1 不適合 0/ }).first().waitFor();
    await shot(p, 'assessment-bank-15-dashboard');
  });

  it('reads in English', async () => {
    const { p } = reviewer;
    await openRequest(p, requestId, 3);
    await p.getByRole('button', { name: 'English' }).click();
    await p.getByRole('region', { name: 'Result', exact: true }).getByText('Conditionally conforming').first().waitFor();
    await listEntry(p, 'Sec-3').getByText('Accepted with condition').waitFor();
    await p.getByRole('region', { name: 'Remediation plan (Sec-3)' }).getByText('Accepted', { exact: true }).waitFor();
    await shot(p, 'assessment-bank-16-english');
    await p.getByRole('button', { name: '日本語' }).click();
    await p.getByRole('region', { name: '判定', exact: true }).waitFor();
  });

  it('fits a 768px tablet: the item list above the item, nothing overflowing', async () => {
    const tablet = await asMember(emails.reviewer, 768);
    const { p } = tablet;
    await openRequest(p, requestId, 3);
    const list = (await p.getByRole('region', { name: '確認項目の一覧' }).boundingBox())!;
    const panel = (await p.getByTestId('item-panel').boundingBox())!;
    assert.ok(panel.y > list.y + list.height - 1, 'the item comes below the list');
    const overflow = await p.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.equal(overflow, 0, 'no horizontal scrolling of the page');
    await shot(p, 'assessment-bank-17-review-768');
    // A reviewer does not tailor templates: the address says so instead of showing a form that would fail.
    await p.goto(`${h.baseUrl}/assessment/templates/new`);
    await p.getByRole('status').getByText('確認シートを作成できるのは、金融機関の編集者と管理者です。').waitFor();
    await tablet.c.close();
  });

  it('fits the new-template form to a 768px tablet for a bank editor', async () => {
    const tablet = await asMember(emails.editor, 768);
    const { p } = tablet;
    await p.goto(`${h.baseUrl}/assessment/templates/new`);
    const form = p.getByRole('form', { name: '確認シートを作成' });
    await form.getByRole('combobox', { name: 'チェックリストの版' }).click();
    // The サンプル checklist is marked as ours wherever it is offered.
    await p.getByRole('option', { name: /API接続チェックリスト（サンプル） サンプル第1版/ }).getByTestId('sample-badge').waitFor();
    await p.getByRole('option', { name: /API接続チェックリスト（サンプル） サンプル第1版/ }).click();
    await form.getByTestId('sample-badge').waitFor();
    await form.getByTestId('template-items').locator('tr[data-number="60"]').waitFor();
    assert.equal(await form.getByTestId('template-items').locator('tbody tr').count(), 60);
    // 更新系-only items (No.33, 34, 43, 51, 52) cannot be included in a 参照系 sheet.
    assert.equal(await form.getByRole('checkbox', { name: 'No.33 を対象にする' }).isDisabled(), true);
    assert.equal(await p.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'), 0);
    // The item table fits the tablet's width without scrolling sideways.
    const table = (await form.getByTestId('template-items').boundingBox())!;
    const section = (await form.getByRole('region', { name: '確認項目の選択' }).boundingBox())!;
    assert.ok(table.x + table.width <= section.x + section.width, JSON.stringify({ table, section }));
    await shot(p, 'assessment-bank-18-new-template-768');
    await form.getByRole('checkbox', { name: 'No.31 を対象にする' }).uncheck();
    await form.getByTestId('template-items').locator('tr[data-number="29"]').scrollIntoViewIfNeeded();
    await shot(p, 'assessment-bank-19-template-items-768', { fullPage: false });
    await tablet.c.close();
  });
});
