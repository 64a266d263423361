/**
 * Alerts (注意喚起) in the browser: the secretariat publishes one to all banks, linked to an incident
 * of the register and a checklist item (refused in Japanese without an audience); a bank's user sees
 * it on sign-in and acknowledges it on the alerts page; a connector, not addressed, sees nothing; the
 * secretariat then sees the bank as acknowledged and the other bank as not.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { shot, signedInPage, startHarness, type Harness } from '../support.js';
import { addEvidence, memberOf, pick } from './steps.js';

const TITLE = 'アクセストークンの管理について';

describe('alerts in the browser', () => {
  let h: Harness;
  let ctx: BrowserContext;
  let page: Page;
  let tsunagu: Awaited<ReturnType<typeof memberOf>>;
  let connector: Awaited<ReturnType<typeof memberOf>>;

  before(async () => {
    h = await startHarness();
    tsunagu = await memberOf(h, 'bank', 'つなぐ銀行', 'viewer', 'viewer@tsunagu-bank.example.jp');
    await memberOf(h, 'bank', 'みらい銀行', 'viewer', 'viewer@mirai-bank.example.jp');
    connector = await memberOf(h, 'connector', 'つなぐペイ株式会社', 'editor', 'editor@tsunagu-pay.example.jp');
    ({ ctx, page } = await signedInPage(h, h.admin, { locale: 'ja-JP' }));
  });
  after(async () => {
    await ctx?.close();
    await h?.close();
  });

  async function asMember(email: string) {
    const { ctx: c, page: p } = await signedInPage(h, { email }, { locale: 'ja-JP' });
    return { c, p };
  }

  it('refuses an alert without an audience, saying so at the audience', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '検討資料' }).click();
    await addEvidence(page, 'インシデント', { 発生日: '2026-10-01', 概要: 'アクセストークンの漏えい', 当事者: 'E社', 深刻度: { pick: '重大' } });
    await page.getByRole('navigation').getByRole('link', { name: '注意喚起' }).click();
    const form = page.getByRole('form', { name: '注意喚起を発信' });
    await form.getByLabel('件名').fill(TITLE);
    await form.getByLabel('本文').fill('トークンの保管方法を確認してください。');
    await form.getByRole('button', { name: '発信', exact: true }).click();
    await form.getByRole('alert').getByText('宛先がありません').waitFor();
    await form.getByText('全金融機関・全電子決済等代行業者・個別の組織のいずれかを指定してください').waitFor();
  });

  it('publishes it to all banks, linked to the incident and item 39', async () => {
    const form = page.getByRole('form', { name: '注意喚起を発信' });
    await pick(page, form, '重要度', '重要');
    await form.getByRole('checkbox', { name: '全金融機関' }).check();
    await form.getByRole('textbox', { name: '関連するインシデント' }).or(form.getByRole('combobox', { name: '関連するインシデント' })).first().click();
    await page.getByRole('option', { name: /アクセストークンの漏えい/ }).click();
    await form.getByLabel('関連する確認項目（No.）').fill('39');
    await form.getByRole('button', { name: '発信', exact: true }).click();
    await form.getByRole('status').getByText('発信しました（宛先 2 組織）').waitFor();
    await page.getByRole('article', { name: TITLE }).getByText('確認項目: 39').waitFor();
    await shot(page, 'alerts-1-published');
    // The incident is now marked as alerted in its register.
    await page.getByRole('navigation').getByRole('link', { name: '検討資料' }).click();
    await page.getByRole('tab', { name: 'インシデント' }).click();
    const cells = await page.getByTestId('register-incident').getByRole('row').filter({ hasText: 'アクセストークンの漏えい' }).getByRole('cell').allInnerTexts();
    assert.equal(cells[6], 'はい', '注意喚起を発信した');
  });

  it('reaches a bank’s user on sign-in, who acknowledges it on the alerts page', async () => {
    const { c, p } = await asMember(tsunagu.email);
    await p.getByRole('alert').filter({ hasText: `注意喚起: ${TITLE}` }).waitFor();
    await p.getByRole('navigation').getByRole('link', { name: '注意喚起' }).click();
    const card = p.getByRole('article', { name: TITLE });
    await card.getByText('未確認').waitFor();
    await shot(p, 'alerts-2-bank-unacknowledged');
    await card.getByRole('button', { name: '確認しました' }).click();
    await card.getByTestId('acknowledged').getByText(/^確認済み /).waitFor();
    // Back on another page the banner is gone.
    await p.getByRole('navigation').getByRole('link', { name: 'カタログ' }).click();
    await p.getByRole('heading', { name: '規程・基準' }).waitFor();
    assert.equal(await p.getByRole('alert').filter({ hasText: TITLE }).count(), 0);
    await c.close();
  });

  it('does not reach a connector, who was not addressed', async () => {
    const { c, p } = await asMember(connector.email);
    await p.getByRole('navigation').getByRole('link', { name: '注意喚起' }).click();
    await p.getByText('注意喚起はありません').waitFor();
    assert.equal(await p.getByText(TITLE).count(), 0);
    await c.close();
  });

  it('shows the secretariat which bank has acknowledged and which has not', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '注意喚起' }).click();
    const card = page.getByRole('article', { name: TITLE });
    await card.getByRole('button', { name: '確認状況' }).click();
    await card.getByRole('status').getByText('未確認の組織: みらい銀行').waitFor();
    const state = async (org: string) => (await card.getByRole('row').filter({ hasText: org }).getByRole('cell').allInnerTexts())[1];
    assert.equal(await state('つなぐ銀行'), '確認済み');
    assert.equal(await state('みらい銀行'), '未確認');
    assert.equal(await card.getByRole('row').filter({ hasText: 'つなぐペイ株式会社' }).count(), 0);
    await shot(page, 'alerts-3-status');
    await page.getByRole('navigation').getByRole('link', { name: 'ダッシュボード' }).click();
    const row = page.getByTestId('alerts-table').getByRole('row').filter({ hasText: TITLE });
    await row.waitFor();
    assert.match((await row.getByRole('cell').allInnerTexts())[2]!, /^1 \/ 2/);
    await shot(page, 'alerts-4-dashboard');
  });
});
