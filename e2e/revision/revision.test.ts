/**
 * The catalog and the reference analysis (図表1) in the browser: browse, see the 17 rows, edit a
 * summary and find the edit in the audit log, refuse a judgment without a reason, switch language.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { shot, signInThroughUi, startHarness, type Harness } from '../support.js';

describe('catalog and 図表1 in the browser', () => {
  let h: Harness;
  let ctx: BrowserContext;
  let page: Page;

  before(async () => {
    h = await startHarness();
    ctx = await h.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await ctx.newPage();
    await signInThroughUi(page, h.baseUrl, h.admin.email, h.admin.password);
  });
  after(async () => {
    await ctx?.close();
    await h?.close();
  });

  it('browses from the rule sets to a provision and the checklist item citing it', async () => {
    await page.getByRole('link', { name: 'FISC 安全対策基準' }).click();
    await page.getByRole('link', { name: '第12版' }).click();
    await page.getByLabel('基準番号または本文で検索').fill('実 １６');
    await page.getByTestId('provisions').getByRole('row').nth(1).getByRole('link', { name: '実16' }).waitFor();
    assert.equal(await page.getByTestId('provisions').getByRole('row').count(), 2, 'header and one provision');
    await shot(page, 'catalog-search');
    await page.getByRole('link', { name: '実16' }).click();
    await page.getByTestId('cited-by').getByText('22. システム開発・運用管理 システムアクセス時の認証を実施する。').waitFor();
    await page.getByText('抜粋').waitFor();
    await shot(page, 'catalog-provision');
  });

  it('shows the reference analysis with its 17 rows, underlines and "-" rows', async () => {
    await page.getByRole('link', { name: '改訂内容の分析' }).first().click();
    await page.getByRole('link', { name: 'チェックリストに関連規定として明記されている安全対策基準の主な改訂内容' }).click();
    const rows = page.getByTestId('zuhyo1-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 17);
    assert.equal(await rows.nth(6).locator('u').first().innerText(), 'サイバーセキュリティ (コンピュータウイルスへの対応等)');
    assert.equal((await rows.nth(0).getByRole('cell').first().innerText()).trim(), '-');
    assert.match(await rows.nth(9).getByRole('cell').first().innerText(), /^39\. APIセキュリティ機能/);
    await shot(page, 'analysis-1280');
    await page.setViewportSize({ width: 768, height: 1024 });
    await shot(page, 'analysis-768');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('saves an edited summary, which survives a reload and appears in the audit log', async () => {
    const row = page.getByTestId('zuhyo1-row').nth(8);
    await row.getByRole('button', { name: '編集' }).click();
    const form = page.getByRole('form', { name: /編集 統22/ });
    await form.getByLabel('要約（1行）').fill('データセンターの用語の見直し');
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByText('保存しました').waitFor();
    await page.reload();
    await page.getByTestId('zuhyo1-row').nth(8).getByText('・データセンターの用語の見直し').waitFor();
    await page.getByRole('link', { name: '監査ログ' }).click();
    await page.getByTestId('audit').getByText('"データセンターの用語の見直し"', { exact: false }).waitFor();
    await shot(page, 'audit-log');
  });

  it('refuses a judgment without a reason, in Japanese', async () => {
    await page.goBack();
    const row = page.getByTestId('zuhyo1-row').nth(3);
    await row.getByRole('button', { name: '編集' }).click();
    const form = page.getByRole('form', { name: /編集 3\.用語の解説/ });
    await form.getByRole('radio', { name: '見直し要' }).check();
    await form.getByLabel('理由').fill('');
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByRole('alert').getByText('見直し要否の判断には理由が必要です').waitFor();
    await shot(page, 'analysis-judgment-error');
  });

  it('switches to English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('columnheader', { name: 'Main changes' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await shot(page, 'analysis-english');
    await page.getByRole('button', { name: '日本語' }).click();
  });

  it('lists the 2024年度 review and downloads its policy document as PDF', async () => {
    await page.getByRole('link', { name: '見直し検討・対応方針' }).click();
    await page.getByTestId('reviews').getByText('2024年度').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF' }).click()]);
    assert.match(download.suggestedFilename(), /2024年度 API接続チェックリスト見直し要否 対応方針\.pdf/);
    const file = await download.path();
    const { readFileSync } = await import('node:fs');
    assert.equal(readFileSync(file).subarray(0, 5).toString(), '%PDF-');
    await shot(page, 'reviews');
  });
});
