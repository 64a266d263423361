/**
 * The catalog in the browser: rule sets → editions → provisions (searchable by loosely written codes)
 * and checklist items with their cross-references, followed in both directions; at 1280px and on a
 * 768px tablet.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { shot, signInThroughUi, startHarness, type Harness } from '../support.js';

describe('the catalog in the browser', () => {
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

  it('lists the rule sets with their kinds in Japanese', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'カタログ' }).click();
    await page.getByRole('heading', { name: '規程・基準' }).waitFor();
    const fisc = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'FISC 安全対策基準' }) });
    await fisc.getByText('金融機関等コンピュータシステムの安全対策基準・解説書').waitFor();
    await fisc.getByRole('cell', { name: '基準', exact: true }).waitFor();
    const checklist = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'API接続チェックリスト' }) });
    await checklist.getByRole('cell', { name: 'チェックリスト', exact: true }).waitFor();
    await shot(page, 'catalog-1-rule-sets');
  });

  it('shows an edition published as 2024-03 as 2024年3月', async () => {
    await page.getByRole('link', { name: 'FISC 安全対策基準' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: '第12版' }) });
    assert.equal((await row.getByRole('cell').nth(1).innerText()).trim(), '2024年3月');
  });

  it('finds 実16 when searching for the loosely written "実 16" and shows the checklist item citing it', async () => {
    await page.getByRole('link', { name: '第12版' }).click();
    const search = page.getByRole('searchbox', { name: '基準番号または本文で検索' });
    await search.fill('実 16');
    await page.getByRole('status').getByText('1 件').waitFor();
    const table = page.getByTestId('provisions');
    assert.equal(await table.getByRole('row').count(), 2, 'the header and one provision');
    await shot(page, 'catalog-2-search');
    await table.getByRole('link', { name: '実16' }).click();
    await page.getByRole('heading', { level: 2, name: /^実16/ }).waitFor();
    await page.getByText('抜粋', { exact: true }).waitFor();
    await page.getByTestId('cited-by').getByText('22. システム開発・運用管理 システムアクセス時の認証を実施する。').waitFor();
    await shot(page, 'catalog-3-provision');
  });

  it('says so when no provision matches a search', async () => {
    await page.goBack();
    const search = page.getByRole('searchbox', { name: '基準番号または本文で検索' });
    await search.fill('該当しない語句ＸＹＺ');
    await page.getByRole('status').getByText('該当する基準項目はありません').waitFor();
    assert.equal(await page.getByTestId('provisions').getByRole('row').count(), 1, 'only the header');
  });

  it('lists the checklist items with their cross-references and follows one to its provision', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'カタログ' }).click();
    await page.getByRole('link', { name: 'API接続チェックリスト', exact: true }).click();
    await page.getByRole('link', { name: '2018年10月版' }).click();
    const item22 = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '22', exact: true }) });
    await item22.getByText('システムアクセス時の認証を実施する。').waitFor();
    const refs = await item22.getByRole('link').allInnerTexts();
    assert.deepEqual(refs.map((r) => r.trim()).sort(), ['実1', '実16', '実26', '実8']);
    await shot(page, 'catalog-4-checklist-items');
    await item22.getByRole('link', { name: '実16' }).click();
    await page.waitForURL(/\/catalog\/fisc-security-standards\/.+\/provisions\/%E5%AE%9F16$/);
    await page.getByRole('heading', { level: 2, name: /^実16/ }).waitFor();
    await page.getByTestId('cited-by').getByText(/^22\. システム開発・運用管理/).waitFor();
  });

  it('folds the navigation behind a menu button on a 768px tablet and keeps the header on one line', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto(`${h.baseUrl}/catalog/api-checklist/${encodeURIComponent('2018年10月版')}`);
    await page.getByRole('row').nth(1).waitFor();
    const menu = page.getByRole('button', { name: 'メニュー' });
    await menu.waitFor();
    assert.equal(await page.getByRole('navigation').isVisible(), false, 'the navigation is folded away');
    for (const name of ['English', 'サインアウト']) {
      const b = page.getByRole('button', { name });
      assert.ok(await isFullyShown(b), `${name} is not cut off`);
    }
    const header = await page.locator('header').boundingBox();
    assert.equal(header?.height, 60);
    await shot(page, 'catalog-5-items-768');
    await menu.click();
    await page.getByRole('navigation').getByRole('link', { name: 'カタログ' }).waitFor();
    // The menu slides in: wait until it has arrived before the screenshot.
    await page.waitForFunction(() => {
      const w = globalThis as unknown as { document: { querySelector(s: string): unknown }; getComputedStyle(e: unknown): { transform: string } };
      return w.getComputedStyle(w.document.querySelector('nav')).transform === 'none';
    });
    await shot(page, 'catalog-6-menu-768');
    await page.getByRole('navigation').getByRole('link', { name: '改訂内容の分析' }).click();
    await page.getByRole('heading', { name: '改訂内容の分析' }).waitFor();
    assert.equal(await page.getByRole('navigation').isVisible(), false, 'the menu closes after navigating');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('can be used with the keyboard alone, with a visible focus ring', async () => {
    await page.goto(`${h.baseUrl}/catalog/fisc-security-standards/${encodeURIComponent('第12版')}`);
    const search = page.getByRole('searchbox', { name: '基準番号または本文で検索' });
    await search.waitFor();
    const focused = (what: string) => page.evaluate(`document.activeElement?.${what}`);
    for (let i = 0; i < 40 && !(await search.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('実１６');
    await page.getByRole('status').getByText('1 件').waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await focused('textContent'), '実16');
    const ring = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    assert.notEqual(ring, 'none', 'the focused link shows a focus ring');
    await shot(page, 'catalog-7-keyboard-focus', { fullPage: false });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: /^実16/ }).waitFor();
  });

  it('switches the catalog to English and keeps the choice after a reload', async () => {
    await page.goto(`${h.baseUrl}/catalog`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Rule sets' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.reload();
    await page.getByRole('columnheader', { name: 'Editions' }).waitFor();
    await page.getByRole('cell', { name: 'Checklist', exact: true }).waitFor();
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('heading', { name: '規程・基準' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
  });
});

/** True when the element's text is not clipped (scrollWidth fits its box). */
async function isFullyShown(locator: ReturnType<Page['getByRole']>): Promise<boolean> {
  // Runs in the page (the tests are type-checked without the DOM library).
  return locator.evaluate((el) => {
    const label = el.querySelector('.mantine-Button-label') ?? el;
    return label.scrollWidth <= label.clientWidth + 1 && el.getBoundingClientRect().right <= (globalThis as unknown as { innerWidth: number }).innerWidth;
  });
}
