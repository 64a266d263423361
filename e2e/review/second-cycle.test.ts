/**
 * A second cycle in the browser (after the 2024年度 reference): an incident that requires a revision
 * and a bank's request for one make (1) and (2) suggest 見直し要; the conclusions derive 要; an
 * override needs its reason and the major revision the 有識者検討会 date (both refused in Japanese);
 * a 連絡会 member comments and the meeting's minutes are published; decided, published, the PDF
 * downloaded; a correction leaves the published version readable; the dashboard follows.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { shot, signedInPage, startHarness, type Harness } from '../support.js';
import { addEvidence, memberOf, pick } from './steps.js';

const FY = 2025;
const CONSIDERATIONS = [
  ['(1) ユーザーの使用状況や要望', 'needed', '更新系APIの確認項目を具体化する要望があった。', '要望に応じて確認項目を見直す'],
  ['(2) オープン API に関するインシデントの発生状況', 'needed', 'トークンの管理不備による不正送金が発生した。', '再発防止策を確認項目に加える'],
  ['(3) オープン API に関する標準化の動向', 'not_needed', '見直しを要する動向はない。', '該当する動向がないため'],
  ['(4) 認定電子決済等代行事業者協会の自主基準', 'not_needed', '自主基準の改定はない。', '改定がないため'],
  ['(5) チェックリストの関連規程等の改訂', 'not_needed', '関連規程の改訂はない。', '改訂がないため'],
  ['(6) 更新系APIのサービス提供状況', 'not_needed', '提供状況に大きな変化はない。', '引き続き確認する'],
] as const;

describe('a second review cycle in the browser, to 要 and the expert panel', () => {
  let h: Harness;
  let ctx: BrowserContext;
  let page: Page;
  let bank: Awaited<ReturnType<typeof memberOf>>;
  const region = (name: string) => page.getByRole('region', { name });
  const decision = () => page.getByRole('form', { name: '判断' });

  before(async () => {
    h = await startHarness();
    bank = await memberOf(h, 'bank', 'つなぐ銀行', 'reviewer', 'reviewer@tsunagu-bank.example.jp');
    ({ ctx, page } = await signedInPage(h, h.admin, { locale: 'ja-JP', acceptDownloads: true }));
  });
  after(async () => {
    await ctx?.close();
    await h?.close();
  });

  it('records an incident requiring a revision and a feedback entry asking for one', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '検討資料' }).click();
    await addEvidence(page, 'インシデント', { 発生日: `${FY}-08-20`, 概要: 'アクセストークンの管理不備による不正送金', 当事者: 'C銀行、D社', 深刻度: { pick: '重大' }, '関連する確認項目（No.）': '39', 見直しを要する: true });
    await addEvidence(page, '意見・要望', { 受付日: `${FY}-10-01`, 組織名: 'つなぐ銀行', 組織の種別: { pick: '金融機関' }, 経路: { pick: '会合' }, 内容: '更新系APIの確認項目を具体化してほしい', 見直しを求める: true });
  });

  it('opens the 2025年度 cycle, where (1) and (2) suggest 見直し要', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '見直し検討・対応方針' }).click();
    // The evidence screen has a 年度 select too: wait until the reviews page has replaced it.
    await page.getByTestId('reviews').waitFor();
    await page.getByRole('textbox', { name: '年度' }).fill(String(FY));
    await page.getByRole('button', { name: '見直し検討を開始' }).click();
    await page.getByTestId('cycle-state').getByText('作成中').waitFor();
    await region(CONSIDERATIONS[0][0]).getByText('示唆: 見直し要').waitFor();
    await region(CONSIDERATIONS[1][0]).getByText('示唆: 見直し要').waitFor();
    for (const [name] of CONSIDERATIONS.slice(2)) await region(name).getByText('示唆: 見直し不要').waitFor();
    await region(CONSIDERATIONS[1][0]).getByText('アクセストークンの管理不備による不正送金（深刻度: 重大）［見直しを要する］').waitFor();
  });

  it('derives 要 from the conclusions', async () => {
    for (const [name, conclusion, finding, reason] of CONSIDERATIONS) {
      const r = region(name);
      await r.getByLabel('評価').fill(finding);
      await r.getByRole('radio', { name: conclusion === 'needed' ? '見直し要' : '見直し不要' }).check();
      await r.getByLabel('理由').fill(reason);
      await r.getByRole('button', { name: '保存' }).click();
      await r.getByText('保存しました').waitFor();
    }
    await page.getByTestId('cycle-decision').getByText('要', { exact: true }).waitFor();
    assert.equal(await decision().getByTestId('derived-decision').innerText(), '見直し要');
  });

  it('refuses an override without a reason, in Japanese', async () => {
    await pick(page, decision(), '判断の上書き', '見直し不要');
    await decision().getByRole('button', { name: '判断を保存' }).click();
    await decision().getByRole('alert').getByText('判断の内容に誤りがあります').waitFor();
    await decision().getByText('検討事項の結論と異なる判断には理由が必要です').waitFor();
    await pick(page, decision(), '判断の上書き', '上書きしない（結論から導かれる判断）');
  });

  it('takes the major-revision path only with the 有識者検討会 date', async () => {
    const form = decision();
    await form.getByRole('checkbox', { name: '大幅な見直し（有識者検討会を開催する）' }).check();
    await form.getByLabel('【対応方針】の文言').fill('インシデントの発生と利用者の要望を踏まえ、チェックリストを大幅に見直す。');
    await form.getByLabel('3 今年度の対応方針（本文）').fill('2025 年度は有識者検討会を開催し、チェックリストを大幅に見直すこととしたい。');
    await form.getByRole('button', { name: '判断を保存' }).click();
    const dateField = form.getByLabel('有識者検討会の開催日');
    const errorId = (await dateField.getAttribute('aria-describedby'))!.split(' ').find((x) => x.includes('error'))!;
    assert.equal((await page.locator(`[id="${errorId}"]`).innerText()).trim(), '大幅な見直しには有識者検討会の開催日が必要です');
    await form.scrollIntoViewIfNeeded();
    await shot(page, 'second-cycle-1-panel-date-missing', { fullPage: false });
    await dateField.fill(`${FY + 1}-02-20`);
    await form.getByRole('button', { name: '判断を保存' }).click();
    await form.getByRole('status').getByText('保存しました').waitFor();
    await page.getByTestId('cycle-decision').getByText('要・有識者検討会').waitFor();
  });

  it('goes to deliberation, where a 連絡会 member comments on (2)', async () => {
    await page.getByRole('button', { name: '→ 審議中' }).click();
    await page.getByTestId('cycle-state').getByText('審議中').waitFor();
    const { ctx: bctx, page: p } = await signedInPage(h, { email: bank.email }, { locale: 'ja-JP' });
    await p.getByRole('navigation').getByRole('link', { name: '見直し検討・対応方針' }).click();
    await p.getByTestId('reviews').getByRole('link', { name: `${FY}年度` }).click();
    await p.getByTestId('cycle-state').getByText('審議中').waitFor();
    assert.equal(await p.getByRole('button', { name: '→ 決定' }).count(), 0, 'members do not move states');
    await pick(p, p, '検討事項（任意）', CONSIDERATIONS[1][0]);
    await p.getByLabel('意見', { exact: true }).fill('トークンの保管方法を確認項目に加えるべき');
    await p.getByRole('button', { name: '保存' }).click();
    await p.getByText(`つなぐ銀行（${CONSIDERATIONS[1][0]}）: トークンの保管方法を確認項目に加えるべき`).waitFor();
    await bctx.close();
  });

  it('records the 連絡会 meeting and publishes its minutes, which members then read', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '連絡会' }).click();
    const form = page.getByRole('form', { name: '連絡会を記録' });
    await form.getByRole('button', { name: '連絡会を記録' }).click();
    await form.getByText('YYYY-MM-DD 形式の日付を指定してください').waitFor();
    await form.getByLabel('開催日').fill(`${FY + 1}-01-20`);
    await form.getByLabel('会合名').fill(`${FY}年度 API接続チェックリスト連絡会`);
    await pick(page, form, '見直し検討', `${FY}年度 v1（審議中）`);
    await form.getByRole('textbox', { name: '出席組織' }).or(form.getByRole('combobox', { name: '出席組織' })).first().click();
    await page.getByRole('option', { name: 'つなぐ銀行（金融機関）' }).click();
    await form.getByLabel('議題').fill('見直し要否の審議');
    await form.getByRole('button', { name: '連絡会を記録' }).click();
    await form.getByRole('status').getByText('記録しました').waitFor();
    const meeting = page.getByRole('article', { name: `2026年1月20日 ${FY}年度 API接続チェックリスト連絡会` });
    await meeting.getByText('出席組織: つなぐ銀行').waitFor();
    await meeting.getByLabel('議事要旨').fill('インシデントと要望を踏まえ、見直し要（有識者検討会）と判断した。');
    await meeting.getByRole('button', { name: '議事要旨を公表' }).click();
    await meeting.getByText(/議事要旨: 公表 2026年/).waitFor();
    await shot(page, 'second-cycle-2-meeting');

    const { ctx: bctx, page: p } = await signedInPage(h, { email: bank.email }, { locale: 'ja-JP' });
    await p.getByRole('navigation').getByRole('link', { name: '連絡会' }).click();
    await p.getByText('インシデントと要望を踏まえ、見直し要（有識者検討会）と判断した。').waitFor();
    assert.equal(await p.getByRole('form', { name: '連絡会を記録' }).count(), 0);
    await bctx.close();
  });

  it('is decided and published, and its PDF downloads', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '見直し検討・対応方針' }).click();
    await page.getByTestId('reviews').getByRole('link', { name: `${FY}年度` }).click();
    await page.getByText(`つなぐ銀行（${CONSIDERATIONS[1][0]}）: トークンの保管方法を確認項目に加えるべき`).waitFor();
    await page.getByRole('button', { name: '→ 決定' }).click();
    await page.getByTestId('cycle-state').getByText('決定').waitFor();
    await page.getByRole('button', { name: '→ 公表' }).click();
    await page.getByTestId('cycle-state').getByText('公表').waitFor();
    assert.equal(await page.getByTestId('cycle-decision').innerText(), '要・有識者検討会');
    await shot(page, 'second-cycle-3-published');

    const pdfLink = page.getByRole('link', { name: 'PDF', exact: true });
    const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
    assert.equal(download.suggestedFilename(), `${FY}年度 API接続チェックリスト見直し要否 対応方針.pdf`);
    assert.equal(readFileSync((await download.path())!).subarray(0, 5).toString(), '%PDF-');
    const r = await page.request.get(new URL((await pdfLink.getAttribute('href'))!, h.baseUrl).toString());
    assert.equal(r.headers()['content-type'], 'application/pdf');
    assert.equal((await r.body()).subarray(0, 5).toString(), '%PDF-');
    const md = await page.request.get(new URL((await page.getByRole('link', { name: 'Markdown' }).getAttribute('href'))!, h.baseUrl).toString());
    assert.match(await md.text(), /【対応方針】API接続チェックリストの見直しは「要」とする。/);
  });

  it('shows the published cycle’s progress on the dashboard', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'ダッシュボード' }).click();
    const current = page.getByTestId('current-cycle');
    await current.getByRole('link', { name: `${FY}年度の見直し検討` }).waitFor();
    await current.getByText('公表', { exact: true }).waitFor();
    await current.getByText('結論 6 / 6 件').waitFor();
    await current.getByText('意見 1 件').waitFor();
    await current.getByText('判断: 要・有識者検討会').waitFor();
    const rowOf = (testId: string, text: string) => page.getByTestId(testId).getByRole('row').filter({ hasText: text }).getByRole('cell').allInnerTexts();
    assert.deepEqual(await rowOf('evidence-table', 'ユーザーの使用状況や要望'), ['(1) ユーザーの使用状況や要望', '1', '見直し要']);
    assert.deepEqual(await rowOf('incidents-table', `${FY}年度`), [`${FY}年度`, '0', '0', '0', '1', '1']);
    await page.getByRole('heading', { name: 'インシデントの件数（年度別）' }).waitFor();
    await page.getByRole('img', { name: `${FY}年度 1件` }).waitFor();
    await shot(page, 'second-cycle-4-dashboard');
  });

  it('corrects the published cycle as v2 and keeps v1 readable through the version switcher', async () => {
    await page.getByTestId('current-cycle').getByRole('link', { name: `${FY}年度の見直し検討` }).click();
    await page.getByRole('button', { name: '訂正版を作成' }).click();
    await page.getByTestId('cycle-state').getByText('作成中').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('version'), '2');
    await page.getByRole('heading', { name: `${FY}年度 見直し検討・対応方針 (v2)` }).waitFor();
    const v2Finding = region(CONSIDERATIONS[0][0]).getByLabel('評価');
    await v2Finding.fill('訂正後の評価。');
    await region(CONSIDERATIONS[0][0]).getByRole('button', { name: '保存' }).click();
    await region(CONSIDERATIONS[0][0]).getByText('保存しました').waitFor();

    await pick(page, page, 'バージョン', 'v1（公表）');
    await page.getByTestId('cycle-state').getByText('公表').waitFor();
    await page.getByRole('status').getByText('これは v1 です。最新は v2 です。').waitFor();
    assert.equal(await region(CONSIDERATIONS[0][0]).getByLabel('評価').inputValue(), CONSIDERATIONS[0][2]);
    assert.equal(await page.getByRole('button', { name: '→ 審議中' }).count(), 0, 'an old version is not moved');
    assert.match((await page.getByRole('link', { name: 'PDF', exact: true }).getAttribute('href'))!, /version=1$/);
    await shot(page, 'second-cycle-5-v1');
    await pick(page, page, 'バージョン', 'v2（作成中）');
    await page.getByTestId('cycle-state').getByText('作成中').waitFor();
    assert.equal(await region(CONSIDERATIONS[0][0]).getByLabel('評価').inputValue(), '訂正後の評価。');
  });
});
