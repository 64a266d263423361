/**
 * The revision analysis (図表1) in the browser: the reference analysis with its 17 rows, the old/new
 * view, editing a summary (and finding the edit in the audit log), refusing a judgment without a
 * reason, creating an analysis through the form (deletions struck through), switching language.
 * Browsing the catalog is in e2e/catalog/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { catalog, type InterchangeDocument } from '../../src/modules/catalog/index.js';
import { shot, signedInPage, startHarness, type Harness } from '../support.js';

/** A small standard with two editions whose texts differ, so that the computed diff has both spans. */
const fixture = (label: string, publishedOn: string, provisions: { code: string; title: string; text: string }[], basedOn?: string): InterchangeDocument => ({
  format: 'tsunagu.catalog/v1',
  kind: 'ruleSetEdition',
  ruleSet: { code: 'e2e-standard', name: 'E2E テスト用基準', shortName: 'E2E 基準', kind: 'standard' },
  edition: { label, publishedOn, status: 'published', partialRevisions: [], ...(basedOn ? { basedOn } : {}) },
  provisions: provisions.map((p) => ({ ...p, kind: 'standard', textIsExcerpt: false })),
});

describe('the revision analysis (図表1) in the browser', () => {
  let h: Harness;
  let ctx: BrowserContext;
  let page: Page;

  before(async () => {
    h = await startHarness();
    await h.database.db.transaction().execute(async (trx) => {
      await catalog.importDocument({
        trx,
        doc: fixture('初版', '2023-04-01', [
          { code: '実1', title: '認証', text: '利用者の認証には、パスワードを用いること。' },
          { code: '実2', title: '旧規定', text: 'この規定は廃止される。' },
        ]),
      });
      await catalog.importDocument({
        trx,
        doc: fixture(
          '第2版',
          '2025-01-30',
          [
            { code: '実1', title: '認証', text: '利用者の認証には、多要素認証を用いること。' },
            { code: '実3', title: '新規定', text: 'この規定は新設される。' },
          ],
          '初版',
        ),
      });
    });
    ({ ctx, page } = await signedInPage(h, h.admin));
  });
  after(async () => {
    await ctx?.close();
    await h?.close();
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
    await page.getByRole('button', { name: 'メニュー' }).waitFor();
    const fits = await page.evaluate('document.documentElement.scrollWidth <= 768');
    assert.equal(fits, true, 'the table fits a 768px tablet without scrolling sideways');
    const judgment = await rows.nth(0).getByRole('cell').nth(3).locator('.mantine-Badge-label').evaluate((el) => el.scrollWidth <= el.clientWidth);
    assert.equal(judgment, true, 'the judgment badge is not cut off');
    await shot(page, 'analysis-768');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('shows a recorded row side by side, saying that the old text is not available', async () => {
    const row = page.getByTestId('zuhyo1-row').nth(6);
    const toggle = row.getByRole('button', { name: '新旧対照' });
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const view = page.getByTestId('side-by-side');
    await view.getByText('旧本文なし（公表資料の記載のみ）').waitFor();
    assert.equal(await view.getByTestId('new-text').locator('u').first().innerText(), 'サイバーセキュリティ (コンピュータウイルスへの対応等)');
    await view.scrollIntoViewIfNeeded();
    await shot(page, 'analysis-side-by-side', { fullPage: false });
    await toggle.click();
    assert.equal(await view.count(), 0);
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
    assert.equal(await form.getByLabel('理由').getAttribute('aria-invalid'), 'true', 'the reason field is marked');
    await form.scrollIntoViewIfNeeded();
    await shot(page, 'analysis-judgment-error', { fullPage: false });
  });

  it('creates an analysis through the form and strikes through deleted text with a label for screen readers', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '改訂内容の分析' }).click();
    await page.getByRole('heading', { name: '分析を作成' }).waitFor();
    const pick = async (label: string, option: string) => {
      await page.getByRole('combobox', { name: label, exact: true }).click();
      await page.getByRole('option', { name: option, exact: true }).click();
    };
    await pick('規程・基準', 'E2E 基準');
    await pick('旧版', '初版');
    await pick('新版', '第2版');
    await page.getByRole('button', { name: '作成' }).click();
    await page.getByRole('heading', { name: 'E2E 基準 初版 → 第2版 改訂内容の分析' }).waitFor();
    await page.getByText(/初版（2023年4月1日） → 第2版（2025年1月30日）/).waitFor();
    const rows = page.getByTestId('zuhyo1-row');
    assert.equal(await rows.count(), 3, '実1 changed, 実2 removed, 実3 new');
    const changed = rows.filter({ hasText: '実1' });
    assert.equal((await changed.getByRole('cell').first().innerText()).trim(), '-', 'no checklist item cites it');
    const del = changed.locator('del');
    assert.equal(await del.first().evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { textDecorationLine: string } }).getComputedStyle(el).textDecorationLine), 'line-through');
    assert.equal(await del.first().textContent(), 'パスワード');
    // What a screen reader gets: the deletion announced as such, the underlined part marked too.
    const spoken = await changed.getByRole('cell').nth(2).ariaSnapshot();
    assert.match(spoken, /deletion: "削除: パスワード"/);
    assert.match(spoken, /下線部: 多要素認証/);
    assert.equal(await changed.locator('u').first().innerText(), '多要素認証');
    await changed.getByText('【下線部変更】', { exact: true }).waitFor();
    await rows.filter({ hasText: '実3' }).getByText('新設', { exact: true }).waitFor();
    await rows.filter({ hasText: '実2' }).getByText('廃止', { exact: true }).waitFor();
    await changed.getByRole('button', { name: '新旧対照' }).click();
    const view = page.getByTestId('side-by-side');
    assert.equal(await view.getByTestId('old-text').innerText(), '利用者の認証には、パスワードを用いること。');
    assert.equal(await view.getByTestId('old-text').locator('del').count(), 1);
    assert.equal(await view.getByTestId('new-text').innerText(), '利用者の認証には、多要素認証を用いること。');
    assert.equal(await view.getByTestId('new-text').locator('u').innerText(), '多要素認証');
    await shot(page, 'analysis-created');
    await page.getByRole('link', { name: '改訂内容の分析', exact: false }).first().click();
    await page.getByTestId('analyses').getByRole('link', { name: 'E2E 基準 初版 → 第2版 改訂内容の分析' }).waitFor();
  });

  it('switches to English and shows the 図表1 headers and errors in English', async () => {
    await page.getByRole('link', { name: 'チェックリストに関連規定として明記されている安全対策基準の主な改訂内容' }).click();
    await page.getByTestId('zuhyo1-row').first().waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    for (const name of ['Checklist', 'Provision', 'Main changes', 'Judgment']) await page.getByRole('columnheader', { name, exact: true }).waitFor();
    await page.getByRole('columnheader', { name: 'Main changes' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    const row = page.getByTestId('zuhyo1-row').nth(3);
    await row.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: /^Edit 3\.用語の解説/ });
    await form.getByRole('radio', { name: 'Revision needed' }).check();
    await form.getByLabel('Reason').fill('');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('alert').getByText('a judgment needs a reason').waitFor();
    assert.doesNotMatch(await form.getByRole('alert').innerText(), /理由/, 'the English message only');
    await form.scrollIntoViewIfNeeded();
    await shot(page, 'analysis-english', { fullPage: false });
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
