/**
 * A bank's own Excel answer sheet in the browser, as its compliance officer registers it: a sample
 * workbook chosen, its sheets and first rows shown, the header row and each column picked from the
 * headers, the answer words ○ × － given, the mapping tried on the sample (a word it does not know
 * shown at its cell), saved under a name and listed; the connector then imports a workbook filled in
 * that layout into the bank's request; the bank deletes the layout and the connector can no longer
 * choose it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { todayInJapan } from '../../src/lib/dates.js';
import { checklistV1, importChecklist } from '../../src/modules/assessment/assessment.fixture.js';
import { addDays } from '../../src/modules/assessment/reassessment.js';
import { memberOf, pick } from '../review/steps.js';
import { shot, signedInPage, startHarness, textsOf, type Harness } from '../support.js';
import { apiSession, chooseFile, type ApiSession } from './connector-steps.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The bank's sheet as it has been e-mailing it: a cover sheet, then the checklist under a title. */
async function bankWorkbook(answers: Record<string, [string, string]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('表紙').addRow(['API接続 セキュリティチェックシート（みなと銀行様式）']);
  const ws = wb.addWorksheet('チェックシート');
  ws.addRow(['みなと銀行 API接続 セキュリティチェックシート']);
  ws.addRow(['記入日:', '']);
  ws.addRow([]);
  ws.addRow(['項番', '確認内容', '回答（○×－）', '補足説明']);
  ws.addRow(['■ 情報セキュリティ管理態勢']);
  for (const label of ['M-1', 'M-2', 'M-3']) ws.addRow([label, `（${label} の確認内容）`, ...(answers[label] ?? ['', ''])]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('a bank’s own answer-sheet layout in the browser', () => {
  let h: Harness;
  let bankCtx: BrowserContext;
  let bank: Page;
  let bankApi: ApiSession;
  let request: string;
  let connectorEmail: string;

  before(async () => {
    h = await startHarness();
    await importChecklist(h.database.db, checklistV1);
    const connector = await memberOf(h, 'connector', 'みなとペイ株式会社', 'editor', 'security@minato-pay.example.jp');
    connectorEmail = connector.email;
    const b = await memberOf(h, 'bank', 'みなと銀行', 'editor', 'editor@minato-bank.example.jp');
    bankApi = await apiSession(h.baseUrl, b.email);
    const template = await bankApi.ok('POST', '/api/assessment-templates', {
      name: 'みなと銀行 参照系',
      checklist: { ruleSet: 'test-checklist', edition: '第1版' },
      answerScheme: 'yes_no',
      apiTypes: ['read'],
      accessTypes: ['private'],
      labelPrefix: 'M-',
    });
    const connection = await bankApi.ok('POST', '/api/connections', { connectorId: connector.organisationId, serviceName: 'みなと家計簿', apiType: 'read', access: 'private' });
    request = (await bankApi.ok('POST', '/api/assessment-requests', { templateId: template.id, connectionId: connection.id, dueDate: addDays(todayInJapan(), 30) })).id;
    ({ ctx: bankCtx, page: bank } = await signedInPage(h, { email: b.email }, { locale: 'ja-JP' }));
  });
  after(async () => {
    await bankCtx?.close();
    await h?.close();
  });

  it('registers the bank’s layout from a sample workbook: header row and columns picked, tried, saved and listed', async () => {
    await bank.getByRole('navigation').getByRole('link', { name: '回答票の様式', exact: true }).click();
    await bank.getByRole('heading', { name: '回答票の様式（自行の Excel 様式の列の対応付け）' }).waitFor();
    await bank.getByText('登録済みの様式はありません').waitFor();
    const form = bank.getByRole('region', { name: '様式を登録する' });
    const sample = await bankWorkbook({ 'M-1': ['○', ''], 'M-2': ['△', ''], 'M-3': ['－', '認証情報を保持しない'] });
    await chooseFile(bank, form.getByRole('button', { name: 'ブックを選ぶ' }), { name: 'みなと銀行様式.xlsx', mimeType: XLSX, buffer: sample });
    await form.getByText('見本: みなと銀行様式.xlsx').waitFor();
    // The sheet with the checklist is chosen (it has the most rows), and its first rows are shown.
    assert.equal(await form.getByRole('combobox', { name: 'シート' }).inputValue(), 'チェックシート');
    const grid = form.getByTestId('layout-preview');
    await grid.getByRole('cell', { name: '補足説明' }).waitFor();
    await pick(bank, form, '見出し行', '4行目: 項番 / 確認内容 / 回答（○×－） / 補足説明');
    await pick(bank, form, '行内番号（必須）', 'A列: 項番');
    await pick(bank, form, '確認項目（読みません・記録用）', 'B列: 確認内容');
    await pick(bank, form, '回答（はい／いいえ／該当なし）', 'C列: 回答（○×－）');
    await pick(bank, form, '②欄（説明）', 'D列: 補足説明');
    await form.getByRole('textbox', { name: '「はい」と読む語' }).fill('○');
    await form.getByRole('textbox', { name: '「いいえ」と読む語' }).fill('×');
    await form.getByRole('textbox', { name: '「該当なし」と読む語' }).fill('－、ー');
    await form.getByRole('button', { name: 'このブックで試す' }).click();
    const trial = form.getByTestId('layout-trial');
    await trial.getByText('チェックシート の 4行目を見出しとして、4 行を読みました').waitFor();
    // What an import would refuse, at its cell: △ is none of the words.
    assert.deepEqual(await textsOf(trial.getByTestId('layout-trial-problems').locator('p')), [
      'シート「チェックシート」C7: 「△」は回答として使えません。「はい」「いいえ」「該当なし」のいずれかにしてください（この様式では 「○」「×」「－」「ー」 も使えます）',
    ]);
    const rows = await textsOf(trial.getByRole('table').getByRole('row'));
    assert.deepEqual(
      rows.slice(1).map((r) => r.split('\t').map((x) => x.trim())),
      [
        ['5', '■ 情報セキュリティ管理態勢', '', ''],
        ['6', 'M-1', 'はい', ''],
        ['7', 'M-2', '', ''],
        ['8', 'M-3', '該当なし', '認証情報を保持しない'],
      ],
    );
    await shot(bank, 'layouts-1-tried');
    assert.equal(await form.getByRole('textbox', { name: '様式の名前' }).inputValue(), 'みなと銀行様式');
    await form.getByRole('textbox', { name: '様式の名前' }).fill('みなと銀行 2024年様式');
    await form.getByRole('button', { name: '保存する' }).click();
    await form.getByRole('status').getByText('様式「みなと銀行 2024年様式」を保存しました').waitFor();
    const saved = bank.getByTestId('layouts').getByRole('row').filter({ hasText: 'みなと銀行 2024年様式' });
    await saved.waitFor();
    const cells = await saved.getByRole('cell').allInnerTexts();
    assert.deepEqual(cells.slice(0, 3), ['みなと銀行 2024年様式', 'チェックシート', '4行目']);
    assert.match(cells[3]!, /行内番号: 項番[\s\S]*回答: 回答（○×－）[\s\S]*②欄: 補足説明/);
    assert.equal(cells[4], '○ = はい / × = いいえ / ー・－ = 該当なし');
    await shot(bank, 'layouts-2-saved');
    // The screen reads in English too, and fits a tablet.
    await bank.getByRole('button', { name: 'English' }).click();
    await bank.getByRole('heading', { name: 'Answer-sheet layouts (column mappings of your own Excel sheets)' }).waitFor();
    await bank.getByTestId('layouts').getByRole('cell', { name: '○ = Yes / × = No / ー・－ = N/A' }).waitFor();
    await bank.setViewportSize({ width: 768, height: 1000 });
    await shot(bank, 'layouts-3-english-768');
    await bank.setViewportSize({ width: 1280, height: 900 });
    await bank.getByRole('button', { name: '日本語' }).click();
    await bank.getByRole('heading', { name: '回答票の様式（自行の Excel 様式の列の対応付け）' }).waitFor();
    // Saving the same again says so and changes nothing.
    await form.getByRole('button', { name: '保存する' }).click();
    await form.getByRole('status').getByText('様式「みなと銀行 2024年様式」は同じ内容で登録済みです').waitFor();
  });

  it('lets the connector import a workbook filled in that layout into the bank’s request', async () => {
    const { ctx, page } = await signedInPage(h, { email: connectorEmail }, { locale: 'ja-JP' });
    try {
      await page.goto(`${h.baseUrl}/assessment/inbox/${request}`);
      await pick(page, page, '取り込む Excel の様式', '金融機関の様式「みなと銀行 2024年様式」');
      const filled = await bankWorkbook({ 'M-1': ['○', ''], 'M-2': ['×', '外部委託はしていない'], 'M-3': ['ー', '認証情報を保持しない'] });
      await chooseFile(page, page.getByRole('button', { name: 'Excel から取り込み' }), { name: 'みなと銀行_回答.xlsx', mimeType: XLSX, buffer: filled });
      await page.getByTestId('import-result').getByText(/^Excel から取り込みました（3 件を更新）/).waitFor();
      // Saved as the connector's draft answers (the bank sees them once submitted).
      const saved = await h.database.db.selectFrom('request_answer').select(['item_number', 'choice', 'explanation', 'source']).where('request_id', '=', request).orderBy('item_number').execute();
      assert.deepEqual(
        saved.map((a) => [a.item_number, a.choice, a.explanation, a.source]),
        [
          [1, 'yes', null, 'import'],
          [2, 'no', '外部委託はしていない', 'import'],
          [3, 'na', '認証情報を保持しない', 'import'],
        ],
      );
    } finally {
      await ctx.close();
    }
  });

  it('deletes the layout after asking, and the connector can no longer choose it', async () => {
    await bank.getByRole('button', { name: '様式「みなと銀行 2024年様式」を削除' }).click();
    const dialog = bank.getByRole('dialog', { name: '様式「みなと銀行 2024年様式」を削除' });
    await dialog.getByText('すでに取り込んだ回答はそのまま残ります').waitFor();
    await dialog.getByRole('button', { name: '削除', exact: true }).click();
    await bank.getByRole('status').getByText('様式「みなと銀行 2024年様式」を削除しました').waitFor();
    await bank.getByText('登録済みの様式はありません').waitFor();
    assert.deepEqual(await bankApi.ok('GET', `/api/assessment-requests/${request}/answer-sheet-mappings`), []);
    const audited = await h.database.db.selectFrom('audit_entry').select(['details']).where('action', '=', 'assessment.mapping_deleted').execute();
    assert.deepEqual(audited.map((a) => (a.details as { name: string }).name), ['みなと銀行 2024年様式']);
  });
});
