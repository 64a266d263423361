/**
 * The catalog in the browser: rule sets → editions → provisions (searchable by loosely written codes)
 * and checklist items with their cross-references, followed in both directions; at 1280px and on a
 * 768px tablet.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { catalog } from '../../src/modules/catalog/index.js';
import { SYSTEM_ACTOR } from '../../src/modules/audit/index.js';
import { loadSampleChecklist, SAMPLE_DIR } from '../../src/modules/reference/load-sample.js';
import { createMember } from '../../src/testing/auth.js';
import { shot, signedInPage, startHarness, type Harness } from '../support.js';
import { chooseFile } from '../assessment/connector-steps.js';
import { pick } from '../review/steps.js';

describe('the catalog in the browser', () => {
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
    await page.getByRole('link', { name: '2018年10月版', exact: true }).click();
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

describe('the sample checklist and checklist workbooks in the browser', () => {
  let h: Harness;
  let ctx: BrowserContext;
  let page: Page;
  let dir: string;

  before(async () => {
    h = await startHarness();
    // What the demo loader does, then the second sample edition as `tsunagu import` would.
    await h.database.db.transaction().execute(async (trx) => {
      await loadSampleChecklist({ trx, actor: SYSTEM_ACTOR });
      const second = readFileSync(path.join(SAMPLE_DIR, 'api-checklist-sample-2.yaml'), 'utf8');
      await catalog.importDocument({ trx, doc: catalog.parseInterchange(second, 'api-checklist-sample-2.yaml') });
    });
    dir = mkdtempSync(path.join(os.tmpdir(), 'tsunagu-e2e-workbook-'));
    ({ ctx, page } = await signedInPage(h, h.admin, { acceptDownloads: true }));
  });
  after(async () => {
    await ctx?.close();
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('marks the sample checklist サンプル in the list, on its page and on its editions', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'カタログ' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'API接続チェックリスト（サンプル）' }) });
    await row.getByTestId('sample-badge').getByText('サンプル', { exact: true }).waitFor();
    const real = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'API接続チェックリスト', exact: true }) });
    assert.equal(await real.getByTestId('sample-badge').count(), 0, 'the real checklist has no サンプル badge');
    await shot(page, 'catalog-8-sample-in-list');
    await row.getByRole('link', { name: 'API接続チェックリスト（サンプル）' }).click();
    await page.getByRole('heading', { level: 2, name: 'API接続チェックリスト（サンプル）' }).waitFor();
    await page.getByText('FISC の API接続チェックリストの文言ではありません').first().waitFor();
    assert.ok((await page.getByTestId('sample-badge').count()) >= 2, 'the breadcrumb and the title carry the badge');
    await page.getByRole('link', { name: 'サンプル第1版', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: /サンプル第1版/ }).waitFor();
    assert.ok((await page.getByTestId('sample-badge').count()) >= 2);
  });

  it('shows each item’s question in the list and the whole item in its view', async () => {
    const item22 = page.getByTestId('items').getByRole('row').filter({ has: page.getByRole('cell', { name: '22', exact: true }) });
    await item22.getByText(/利用者ID・パスワード等による本人確認を行い/).waitFor();
    assert.equal(await page.getByTestId('items').getByRole('row').count(), 61, 'the header and 60 items');
    await shot(page, 'catalog-9-sample-items', { fullPage: false });
    await page.getByTestId('items').getByRole('button', { name: '2', exact: true }).click();
    const view = page.getByTestId('item-view');
    await view.getByText('情報セキュリティに関する基本方針を策定して経営層の承認を得たうえで', { exact: false }).waitFor();
    await view.getByText('セキュリティ管理のルールを整備する。').waitFor();
    await view.getByText('電子決済等代行業者', { exact: true }).waitFor();
    await view.getByRole('cell', { name: '参照系・更新系', exact: true }).waitFor();
    await view.getByText('オープンAPIのあり方に関する検討会報告書（サンプル：節番号のみ）').waitFor();
    await view.getByRole('link', { name: '3.3.1 d' }).waitFor();
    assert.ok((await view.getByTestId('sample-badge').count()) >= 1, 'the cited sample report carries the badge');
    assert.match(page.url(), /\?item=2$/);
    // The modal fades in: wait until it is fully shown before the screenshot.
    await page.waitForFunction(() => {
      const w = globalThis as unknown as { document: { querySelector(s: string): unknown }; getComputedStyle(e: unknown): { opacity: string } };
      const el = w.document.querySelector('.mantine-Modal-content');
      return el !== null && w.getComputedStyle(el).opacity === '1';
    });
    await shot(page, 'catalog-10-item-view', { fullPage: false });
    await page.getByRole('button', { name: '閉じる' }).click();
    await view.waitFor({ state: 'detached' });
  });

  it('shows which items changed from the base edition on サンプル第2版', async () => {
    await page.goto(`${h.baseUrl}/catalog/api-checklist-sample/${encodeURIComponent('サンプル第2版')}`);
    const panel = page.getByTestId('item-changes');
    await panel.getByText('追加 0　変更 2　削除 0').waitFor();
    const numbers = await panel.getByRole('row').allInnerTexts();
    assert.deepEqual(
      numbers.slice(1).map((r) => r.split(/\s+/)[0]),
      ['27', '40'],
    );
    await panel.getByText(/TLS 1\.2 以上で暗号化/).waitFor();
    await shot(page, 'catalog-11-item-changes', { fullPage: false });
  });

  it('imports a workbook from the rule set page, showing every problem at its cell, then the fixed one', async () => {
    const header = ['No.', '区分', '確認項目', '対象', '現状', '課題', '改善計画', '関連規定', '関連規定の該当箇所', '備考'];
    const write = async (file: string, rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('チェックリスト');
      ws.addRow(['API接続チェックリスト（サンプル）取り込みテスト']);
      ws.addRow(header);
      for (const r of rows) ws.addRow(r);
      writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    };
    const bad = path.join(dir, 'bad.xlsx');
    await write(bad, [
      [1, '情報・セキュリティ管理態勢', '責任者を定めているか。', '電子決済等代行業者', '', '', '', '安全対策基準', '統14', ''],
      [2, '情報・セキュリティ管理態勢', '', '電子決済等代行業者', '', '', '', '安全対策基準', '統999', ''],
    ]);
    const good = path.join(dir, 'good.xlsx');
    await write(good, [
      [1, '情報・セキュリティ管理態勢', '責任者を定めているか。', '電子決済等代行業者', '', '', '', '安全対策基準\n全銀協報告書', '統14\n3.3.1 d', ''],
      [2, '情報・セキュリティ管理態勢', '教育を行っているか。', '電子決済等代行業者', '', '', '', '安全対策基準', '統 14', ''],
    ]);
    await page.goto(`${h.baseUrl}/catalog/api-checklist-sample`);
    const form = page.getByRole('form', { name: 'Excel ブック（FISC形式）から新しい版を取り込む' });
    await form.locator('input[type=file]').setInputFiles(bad);
    await form.getByLabel('新しい版の名前').fill('サンプル第3版');
    await form.getByRole('button', { name: '取り込む' }).click();
    const errors = page.getByTestId('import-errors');
    await errors.getByText('シート「チェックリスト」C4: 確認項目が空です').waitFor();
    await shot(page, 'catalog-12-workbook-errors');
    assert.equal(await page.getByRole('link', { name: 'サンプル第3版' }).count(), 0, 'nothing was imported');
    await form.locator('input[type=file]').setInputFiles(good);
    await form.getByRole('button', { name: '取り込む' }).click();
    await page.getByRole('status').getByText('取り込みました: サンプル第3版（確認項目 2）').waitFor();
    await page.getByRole('link', { name: 'サンプル第3版', exact: true }).waitFor();
    await shot(page, 'catalog-13-workbook-imported');
  });

  it('creates a column mapping for a workbook of another layout from a sample, tries it, and imports through it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('確認票');
    ws.addRow(['当行版 API 確認票']);
    ws.addRow(['項番', '質問内容', '根拠', '根拠箇所']);
    ws.addRow([1, '責任者を定めているか。', '安全対策基準', '統14']);
    ws.addRow([2, '教育を行っているか。', '', '']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await page.goto(`${h.baseUrl}/catalog/api-checklist-sample`);
    await page.getByRole('button', { name: '別の様式のブック用に列の対応付けを作成' }).click();
    const section = page.getByRole('region', { name: '列の対応付けを作成（FISC形式ではないブック用）' });
    await chooseFile(page, section.getByRole('button', { name: 'ブックを選ぶ' }), { name: '当行版確認票.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await section.getByTestId('layout-preview').getByRole('cell', { name: '根拠箇所' }).waitFor();
    await pick(page, section, '見出し行', '2行目: 項番 / 質問内容 / 根拠 / 根拠箇所');
    await pick(page, section, 'No.（必須）', 'A列: 項番');
    await pick(page, section, '確認項目（必須）', 'B列: 質問内容');
    await section.getByRole('button', { name: 'このブックで試す' }).click();
    // Without a category the mapping is refused, saying why at the 区分 field.
    await section.getByTestId('mapping-trial-errors').getByText('列の対応付けに 1 件の問題があります').waitFor();
    await section.getByText(/区分の列（columns\.category）か、すべての項目の区分（defaultCategory）を指定してください/).waitFor();
    await section.getByRole('textbox', { name: '区分の列がない場合、すべての項目の区分' }).fill('確認事項');
    await section.getByRole('combobox', { name: '関連規定', exact: true }).click();
    await page.getByRole('option', { name: 'C列: 根拠', exact: true }).click();
    await pick(page, section, '関連規定の該当箇所', 'D列: 根拠箇所');
    await section.getByRole('button', { name: 'このブックで試す' }).click();
    const trial = section.getByTestId('mapping-trial');
    await trial.getByText('シート「確認票」の 2行目を見出しとして 2 項目を読みました').waitFor();
    await trial.getByText('表題: 当行版 API 確認票').waitFor();
    const rows = await trial.getByRole('row').allInnerTexts();
    assert.deepEqual(rows.slice(1).map((r) => r.split('\t').map((x) => x.trim())), [
      ['1', '確認事項', '責任者を定めているか。', 'FISC 安全対策基準', '統14'],
      ['2', '確認事項', '教育を行っているか。', '', ''],
    ]);
    await section.getByRole('textbox', { name: '対応付けの名前' }).fill('当行版確認票');
    await section.getByRole('button', { name: '保存する' }).click();
    await section.getByRole('status').getByText('列の対応付け「当行版確認票」を保存しました。取り込みで選べます').waitFor();
    await shot(page, 'catalog-14-column-mapping');
    // The import form now offers it, chosen already.
    const form = page.getByRole('form', { name: 'Excel ブック（FISC形式）から新しい版を取り込む' });
    await form.getByRole('combobox', { name: '列の対応付け' }).waitFor();
    assert.equal(await form.getByRole('combobox', { name: '列の対応付け' }).inputValue(), '当行版確認票');
    const file = path.join(dir, 'own-layout.xlsx');
    writeFileSync(file, buffer);
    await form.locator('input[type=file]').setInputFiles(file);
    await form.getByLabel('新しい版の名前').fill('当行版');
    await form.getByRole('button', { name: '取り込む' }).click();
    await page.getByRole('status').getByText('取り込みました: 当行版（確認項目 2）').waitFor();
  });

  it('downloads a checklist edition as an Excel workbook in FISC’s layout', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'サンプル第1版 Excel（FISC形式）' }).click()]);
    assert.equal(download.suggestedFilename(), 'API接続チェックリスト（サンプル）-サンプル第1版.xlsx');
    const file = path.join(dir, 'download.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.getCell('C3').value, '確認項目');
    assert.equal(ws.getCell('A63').value, 60, 'item 60 in the last row, below the title, the note and the header');
  });

  it('hides the import form from a member who may not change the catalog', async () => {
    const m = await createMember(h.database.db, { type: 'bank', role: 'viewer' });
    const { ctx: other, page: p } = await signedInPage(h, { email: m.email });
    await p.goto(`${h.baseUrl}/catalog/api-checklist-sample`);
    await p.getByRole('heading', { level: 2, name: 'API接続チェックリスト（サンプル）' }).waitFor();
    await p.getByRole('link', { name: 'サンプル第1版 Excel（FISC形式）' }).waitFor();
    assert.equal(await p.getByRole('form', { name: 'Excel ブック（FISC形式）から新しい版を取り込む' }).count(), 0);
    await other.close();
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
