/**
 * The evidence registers in the browser, as the secretariat keeps them through a year: entries added
 * on each register's tab (and refused field by field, in Japanese), a bank's feedback sent from its
 * own screen, the 年度 filter; then the year's cycle opens with every consideration pre-filled with
 * that evidence, and an older entry is linked to a consideration by hand.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { shot, signedInPage, startHarness, textsOf, type Harness } from '../support.js';
import { addEvidence, fillForm, memberOf, pick } from './steps.js';

// A past 年度 whose evidence is all dated: 2025-04-01 to 2026-03-31. The 2024年度 reference cycle's
// document is dated 2025-01-30, so the 2025年度 cycle weighs what came after it.
const FY = 2025;

describe('the evidence registers in the browser', () => {
  let h: Harness;
  let ctx: BrowserContext;
  let page: Page;

  before(async () => {
    h = await startHarness();
    ({ ctx, page } = await signedInPage(h, h.admin, { locale: 'ja-JP' }));
  });
  after(async () => {
    await ctx?.close();
    await h?.close();
  });

  it('opens on the secretariat’s dashboard', async () => {
    await page.getByRole('heading', { name: 'ダッシュボード', level: 2 }).waitFor();
    assert.match(new URL(page.url()).pathname, /^\/dashboard$/);
    // The reference 2024年度 review is the only one so far.
    await page.getByTestId('current-cycle').getByRole('link', { name: '2024年度の見直し検討' }).waitFor();
  });

  it('refuses an incident without its date, summary, parties and severity, naming each field in Japanese', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '検討資料' }).click();
    await page.getByRole('tab', { name: 'インシデント' }).click();
    const form = page.getByRole('form', { name: 'インシデントに登録' });
    await form.getByRole('button', { name: '登録', exact: true }).click();
    await form.getByRole('alert').getByText('入力内容に 4 件の問題があります').waitFor();
    // Each message stands at its field (Mantine links it to the input as its description).
    const errorOf = async (label: string) => {
      const id = await form.getByLabel(label, { exact: true }).first().getAttribute('aria-describedby');
      assert.ok(id, `${label} has an error`);
      return (await page.locator(`[id="${id!.split(' ').find((x) => x.includes('error'))}"]`).innerText()).trim();
    };
    assert.equal(await errorOf('発生日'), 'YYYY-MM-DD 形式の日付を指定してください');
    assert.equal(await errorOf('概要'), '空にはできません');
    assert.equal(await errorOf('当事者'), '空にはできません');
    assert.equal(await errorOf('深刻度'), '必須の項目「severity」がありません');
    await shot(page, 'evidence-1-refused');
    // Nothing was recorded.
    await page.getByText('登録された資料はありません').waitFor();
  });

  it('records a year’s evidence on each register’s tab, every value in words', async () => {
    await addEvidence(page, '意見・要望', {
      受付日: `${FY}-05-12`,
      組織名: 'つなぐ銀行',
      組織の種別: { pick: '金融機関' },
      経路: { pick: '意見交換' },
      内容: '確認項目の解説を充実してほしい',
      // Typed in full-width digits with a Japanese comma, as people do.
      '関連する確認項目（No.）': '２２、３９',
    });
    const feedback = page.getByTestId('register-feedback');
    const row = feedback.getByRole('row').filter({ hasText: 'つなぐ銀行' });
    await row.waitFor();
    assert.deepEqual(await row.getByRole('cell').allInnerTexts(), ['2025年5月12日', 'つなぐ銀行', '金融機関', '意見交換', '確認項目の解説を充実してほしい', 'いいえ', '22、39']);

    await page.getByRole('tab', { name: 'インシデント' }).click();
    const incidentForm = page.getByRole('form', { name: 'インシデントに登録' });
    await fillForm(page, incidentForm, { 発生日: `${FY}-06-10`, 概要: '電子決済等代行業者経由の不正アクセス', 当事者: 'A銀行、B社', 金融機関: true, 電子決済等代行業者: true, 深刻度: { pick: '高' }, '関連する確認項目（No.）': '22' });
    await incidentForm.getByRole('button', { name: '登録', exact: true }).click();
    await incidentForm.getByRole('status').getByText('登録しました').waitFor();
    const incident = page.getByTestId('register-incident').getByRole('row').filter({ hasText: '不正アクセス' });
    await incident.waitFor();
    assert.deepEqual(await incident.getByRole('cell').allInnerTexts(), ['2025年6月10日', '電子決済等代行業者経由の不正アクセス', 'A銀行、B社', '金融機関、電子決済等代行業者', '高', '22', 'いいえ', 'いいえ']);

    await addEvidence(page, '標準化の動向', { 確認日: `${FY}-07-01`, 策定主体: 'OpenID Foundation', 仕様: 'FAPI 2.0', 概要: 'FAPI 2.0 Security Profile の最終版が公表された', 関連性: { pick: '注視' } });
    await page.getByTestId('register-standardTrend').getByRole('cell', { name: '注視' }).waitFor();
    await addEvidence(page, '自主基準', { 改定日: `${FY}-09-01`, 版: '第3版', 概要: '電子決済等代行業者の自主基準の改定' });
    await page.getByTestId('register-selfRegulation').getByRole('cell', { name: '第3版' }).waitFor();
    await addEvidence(page, '更新系APIの提供状況', { 年度: String(FY), 金融機関名: 'つなぐ銀行', 更新系APIを提供している: true });
    await addEvidence(page, '更新系APIの提供状況', { 年度: String(FY), 金融機関名: 'みらい銀行' });
    const updateApi = page.getByTestId('register-updateApi');
    await updateApi.getByRole('row').filter({ hasText: 'みらい銀行' }).waitFor();
    assert.deepEqual(await updateApi.getByRole('row').filter({ hasText: 'みらい銀行' }).getByRole('cell').allInnerTexts(), ['2025年度', 'みらい銀行', 'いいえ']);
    await shot(page, 'evidence-2-update-api');
  });

  it('records an older entry that falls before the 年度’s period', async () => {
    await addEvidence(page, '意見・要望', { 受付日: '2024-12-01', 組織名: 'B社', 組織の種別: { pick: '電子決済等代行業者' }, 経路: { pick: 'アンケート' }, 内容: '前年の要望（持ち越し）', 見直しを求める: true });
    // The 年度 filter: 2024年度 shows the older entry only, 2025年度 the year's.
    // Both entries are listed before the filter applies: wait for the other year's entry to go.
    await pick(page, page, '年度', '2024年度');
    await page.getByTestId('register-feedback').getByText('確認項目の解説を充実してほしい').waitFor({ state: 'detached' });
    await page.getByTestId('register-feedback').getByText('前年の要望（持ち越し）').waitFor();
    await pick(page, page, '年度', `${FY}年度`);
    await page.getByTestId('register-feedback').getByText('前年の要望（持ち越し）').waitFor({ state: 'detached' });
    await page.getByTestId('register-feedback').getByText('確認項目の解説を充実してほしい').waitFor();
    await shot(page, 'evidence-3-feedback');
  });

  it('reads the registers in English too', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Evidence', level: 2 }).waitFor();
    await page.getByRole('tab', { name: 'Feedback' }).click();
    const row = page.getByTestId('register-feedback').getByRole('row').filter({ hasText: 'つなぐ銀行' });
    assert.deepEqual(await row.getByRole('cell').allInnerTexts(), ['2025-05-12', 'つなぐ銀行', 'Bank', 'Exchange of views', '確認項目の解説を充実してほしい', 'No', '22、39']);
    await page.getByRole('tab', { name: 'Incidents' }).click();
    await page.getByTestId('register-incident').getByRole('cell', { name: 'High', exact: true }).waitFor();
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('heading', { name: '検討資料', level: 2 }).waitFor();
    await page.getByRole('tab', { name: '意見・要望' }).click();
  });

  it('lets a bank send its feedback from its own screen, dated today and carrying its name', async () => {
    const bank = await memberOf(h, 'bank', 'さくら信用金庫', 'editor', 'editor@sakura.example.jp');
    const { ctx: bctx, page: p } = await signedInPage(h, { email: bank.email, password: 'Tsunagu-test-2025!' }, { locale: 'ja-JP' });
    // Not the secretariat: a bank's editor starts on the bank's own dashboard, and the registers are not offered.
    await p.getByRole('heading', { name: 'ダッシュボード', level: 2 }).waitFor();
    assert.equal(await p.getByRole('navigation').getByRole('link', { name: '検討資料' }).count(), 0);
    await p.getByRole('navigation').getByRole('link', { name: '意見・要望を送る' }).click();
    await p.getByRole('button', { name: '送信' }).click();
    await p.getByRole('alert').getByText('内容を入力してください').first().waitFor();
    await pick(p, p, '経路', 'アンケート');
    await p.getByLabel('内容').fill('更新系APIの確認項目を具体化してほしい');
    await p.getByLabel('関連する確認項目（No.）').fill('39');
    await p.getByRole('checkbox', { name: '見直しを求める' }).check();
    await p.getByRole('button', { name: '送信' }).click();
    await p.getByRole('status').getByText('送信しました').waitFor();
    await shot(p, 'evidence-4-member-feedback');
    assert.equal((await p.request.get(`${h.baseUrl}/api/evidence/feedback`)).status(), 403, 'members do not read the registers');
    await bctx.close();

    await page.reload();
    await pick(page, page, '年度', 'すべての年度');
    const row = page.getByTestId('register-feedback').getByRole('row').filter({ hasText: 'さくら信用金庫' });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    assert.deepEqual(cells.slice(1), ['さくら信用金庫', '金融機関', 'アンケート', '更新系APIの確認項目を具体化してほしい', 'はい', '39']);
    assert.match(cells[0]!, /^\d{4}年\d{1,2}月\d{1,2}日$/);
  });

  it('opens the 年度’s cycle with each consideration pre-filled with that evidence', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '見直し検討・対応方針' }).click();
    await page.getByTestId('reviews').waitFor();
    await page.getByRole('textbox', { name: '年度' }).fill(String(FY));
    await page.getByRole('button', { name: '見直し検討を開始' }).click();
    await page.getByTestId('cycle-state').getByText('作成中').waitFor();
    const region = (name: string) => page.getByRole('region', { name });
    // Each entry: its register's name, then its headline.
    const listed = async (key: string) => (await textsOf(page.getByTestId(`evidence-${key}`).getByRole('listitem'))).map((x) => x.replace(/\s*\n\s*/g, ' '));
    assert.deepEqual(await listed('usage'), ['意見・要望 2025年5月12日 つなぐ銀行（意見交換）: 確認項目の解説を充実してほしい']);
    assert.deepEqual(await listed('incidents'), ['インシデント 2025年6月10日 電子決済等代行業者経由の不正アクセス（深刻度: 高）']);
    assert.deepEqual(await listed('standards'), ['標準化の動向 2025年7月1日 OpenID Foundation FAPI 2.0: FAPI 2.0 Security Profile の最終版が公表された（注視）']);
    assert.deepEqual(await listed('selfRegulation'), ['自主基準 2025年9月1日 第3版: 電子決済等代行業者の自主基準の改定']);
    assert.deepEqual((await listed('updateApi')).sort(), ['更新系APIの提供状況 2025年度 つなぐ銀行: 更新系APIを提供している はい', '更新系APIの提供状況 2025年度 みらい銀行: 更新系APIを提供している いいえ']);
    await region('(5) チェックリストの関連規程等の改訂').getByText('結び付けた資料はありません').waitFor();
    // Nothing asks for a revision among the year's entries.
    assert.equal(await page.getByText('示唆: 見直し要').count(), 0);
    await shot(page, 'evidence-5-cycle-prefilled');
  });

  it('links the older feedback to (1) by hand, after which (1) suggests 見直し要', async () => {
    const usage = page.getByRole('region', { name: '(1) ユーザーの使用状況や要望' });
    await usage.getByRole('button', { name: '資料を結び付ける' }).click();
    await pick(page, usage, '資料', '2024年12月1日 B社（アンケート）: 前年の要望（持ち越し）［見直しを求める］');
    await usage.getByRole('button', { name: '結び付ける', exact: true }).click();
    await usage.getByRole('status').getByText('結び付けました').waitFor();
    await usage.getByText('前年の要望（持ち越し）').first().waitFor();
    assert.equal(await page.getByTestId('evidence-usage').getByRole('listitem').count(), 2);
    await usage.getByText('示唆: 見直し要').waitFor();
    await usage.scrollIntoViewIfNeeded();
    await shot(page, 'evidence-6-linked', { fullPage: false });
  });
});
