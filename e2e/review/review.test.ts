/**
 * The yearly review in the browser, as the secretariat runs it: open the current 年度's cycle, see the
 * considerations pre-filled, be stopped from deciding early (in Japanese), conclude, decide, publish.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { fiscalYearOf, todayInJapan } from '../../src/lib/dates.js';
import { shot, signedInPage, startHarness, type Harness } from '../support.js';

const FY = fiscalYearOf(todayInJapan());

describe('the yearly review in the browser', () => {
  let h: Harness;
  let ctx: BrowserContext;
  let page: Page;

  before(async () => {
    h = await startHarness();
    ({ ctx, page } = await signedInPage(h, h.admin));
  });
  after(async () => {
    await ctx?.close();
    await h?.close();
  });

  it('opens the current 年度’s cycle with six considerations', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '見直し検討・対応方針' }).click();
    await page.getByTestId('reviews').waitFor();
    await page.getByRole('textbox', { name: '年度' }).fill(String(FY));
    await page.getByRole('button', { name: '見直し検討を開始' }).click();
    await page.getByTestId('cycle-state').getByText('作成中').waitFor();
    assert.equal(await page.getByRole('region').count(), 6);
    await shot(page, 'review-cycle-draft');
  });

  it('refuses to decide before every consideration is concluded, saying what is missing', async () => {
    await page.getByRole('button', { name: '→ 審議中' }).click();
    await page.getByTestId('cycle-state').getByText('審議中').waitFor();
    await page.getByRole('button', { name: '→ 決定' }).click();
    // Named as people read them, not by their key.
    await page.getByRole('alert').getByText('検討事項「(1) ユーザーの使用状況や要望」の結論がありません').waitFor();
  });

  it('concludes every consideration, decides 不要 and publishes', async () => {
    for (const region of await page.getByRole('region').all()) {
      await region.getByLabel('評価').fill('見直しを要する事象は確認できていない。');
      await region.getByRole('radio', { name: '見直し不要' }).check();
      await region.getByLabel('理由').fill('該当する事象がないため');
      await region.getByRole('button', { name: '保存' }).click();
      await region.getByText('保存しました').waitFor();
    }
    await page.getByRole('button', { name: '→ 決定' }).click();
    await page.getByTestId('cycle-state').getByText('決定').waitFor();
    await page.getByRole('button', { name: '→ 公表' }).click();
    await page.getByTestId('cycle-state').getByText('公表').waitFor();
    assert.equal(await page.getByTestId('cycle-decision').innerText(), '不要');
    await shot(page, 'review-cycle-published');
  });
});
