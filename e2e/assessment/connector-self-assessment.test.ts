/**
 * A request in FISC's self-assessment scheme (現状・課題・改善計画) for a 更新系 connection, answered by
 * the connector in the browser: the refusal names an issue without its improvement plan and puts the
 * keyboard in that field; the submitted answers read as text, in Japanese and in English. The bank's
 * side is played through the API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { todayInJapan } from '../../src/lib/dates.js';
import { checklistV1, importChecklist } from '../../src/modules/assessment/assessment.fixture.js';
import { addDays } from '../../src/modules/assessment/reassessment.js';
import { createMember } from '../../src/testing/auth.js';
import { memberOf, pick } from '../review/steps.js';
import { shot, signedInPage, startHarness, type Harness, textsOf } from '../support.js';
import { apiSession, type ApiSession } from './connector-steps.js';

describe('a self-assessment request (現状・課題・改善計画) answered by the connector', () => {
  let h: Harness;
  let ctx: BrowserContext;
  let page: Page;
  let bank: ApiSession;
  let requestId: string;
  let connectorId: string;
  const item = (label: string) => page.getByRole('article', { name: label, exact: true });
  const actions = () => page.getByRole('region', { name: '保存と提出' });

  before(async () => {
    h = await startHarness();
    await importChecklist(h.database.db, checklistV1);
    const connector = await memberOf(h, 'connector', 'らくらくペイ株式会社', 'editor', 'security@rakuraku-pay.example.jp');
    const b = await memberOf(h, 'bank', 'みらい銀行', 'editor', 'editor@mirai-bank.example.jp');
    bank = await apiSession(h.baseUrl, b.email);
    connectorId = connector.organisationId;
    const t = await bank.ok('POST', '/api/assessment-templates', {
      name: '更新系 自己評価シート',
      checklist: { ruleSet: 'test-checklist', edition: '第1版' },
      answerScheme: 'self_assessment',
      apiTypes: ['write'],
      accessTypes: ['public'],
      labelPrefix: 'U-',
    });
    const c = await bank.ok('POST', '/api/connections', { connectorId: connector.organisationId, serviceName: 'らくらく送金', apiType: 'write', access: 'public' });
    requestId = (await bank.ok('POST', '/api/assessment-requests', { templateId: t.id, connectionId: c.id, dueDate: addDays(todayInJapan(), 5) })).id;
    ({ ctx, page } = await signedInPage(h, { email: connector.email }, { locale: 'ja-JP' }));
  });
  after(async () => {
    await ctx?.close();
    await h?.close();
  });

  it('shows the 更新系 request due in five days, and asks 現状・課題・改善計画 for each of its seven items', async () => {
    const row = page.getByTestId('inbox').getByRole('row').filter({ hasText: 'みらい銀行' });
    await row.getByText('あと 5 日').waitFor();
    assert.equal((await row.getByRole('cell').allInnerTexts())[2], '更新系');
    await row.getByRole('link', { name: 'らくらく送金' }).click();
    await page.getByRole('heading', { name: 'みらい銀行　らくらく送金' }).waitFor();
    assert.equal(await page.getByRole('article').count(), 7);
    // 更新系 only: No.6 is asked here.
    await item('U-6').getByText('決済指図の内容を利用者に確認させる仕組みを設けているか。').waitFor();
    assert.equal(await page.getByRole('radio').count(), 0, 'no はい／いいえ in this scheme');
    for (const field of ['現状', '課題', '改善計画']) await item('U-1').getByRole('textbox', { name: field }).waitFor();
    // The prefill has nothing to bring: no master answers yet.
    await page.getByRole('button', { name: 'マスター回答から入力' }).click();
    await page.getByTestId('status').getByText('0 項目をマスター回答から入力しました').waitFor();
  });

  it('refuses an issue without its improvement plan, and the link puts the keyboard in the plan', async () => {
    for (const n of [1, 3, 4, 5, 6, 7]) await item(`U-${n}`).getByRole('textbox', { name: '現状' }).fill(`No.${n} の対策を規程に定め、運用している`);
    await item('U-2').getByRole('textbox', { name: '現状' }).fill('責任者は兼務で置いている');
    await item('U-2').getByRole('textbox', { name: '課題' }).fill('専任の責任者がいない');
    await page.getByRole('textbox', { name: 'API 接続の目的・サービスの概要' }).fill('個人間送金サービスの決済指図');
    await pick(page, page, '利用者のアクセス方法', 'スマートフォンアプリ');
    await page.getByRole('textbox', { name: 'セキュリティ責任者（部署・氏名・連絡先）' }).fill('リスク管理部 佐藤');
    await actions().getByRole('button', { name: '提出する' }).click();
    const problems = page.getByTestId('problems');
    await problems.getByText('提出できません。未回答・記入漏れが 1 件あります').waitFor();
    assert.deepEqual(await problems.getByRole('listitem').allInnerTexts(), ['U-2: 課題がある場合は改善計画を記入してください']);
    await shot(page, 'connector-self-1-refused', { fullPage: false });
    await problems.getByRole('button', { name: 'U-2: 課題がある場合は改善計画を記入してください' }).click();
    assert.equal(await page.evaluate("document.activeElement?.getAttribute('data-field')"), 'improvementPlan');
    assert.equal(await page.evaluate("document.activeElement?.closest('article')?.getAttribute('aria-label')"), 'U-2');
    // What was typed before the refusal was saved: the answers are the server's now.
    const saved = await page.request.get(`${h.baseUrl}/api/assessment-requests/${requestId}`);
    assert.equal((await saved.json()).items[1].answer.issues, '専任の責任者がいない');
  });

  it('submits with the plan, and the answers read as text, in Japanese and in English', async () => {
    await item('U-2').getByRole('textbox', { name: '改善計画' }).fill('2027年3月までに専任の責任者を置く');
    await actions().getByRole('button', { name: '提出する' }).click();
    await page.getByTestId('status').getByText('提出しました（第1版）。金融機関は提出された回答を保持します。').waitFor();
    const u2 = item('U-2').getByRole('table', { name: 'U-2 の回答' });
    assert.deepEqual(await textsOf(u2.getByRole('cell')), ['責任者は兼務で置いている', '専任の責任者がいない', '2027年3月までに専任の責任者を置く']);
    assert.deepEqual(await u2.getByRole('rowheader').allInnerTexts(), ['現状', '課題', '改善計画']);
    const submitted = await bank.ok('GET', `/api/assessment-requests/${requestId}/submission`);
    assert.equal(submitted.content.scheme, 'self_assessment');
    assert.equal(submitted.content.items[1].answer.improvementPlan, '2027年3月までに専任の責任者を置く');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('submitted-notice').getByText(/^Submitted \(v1, \d{4}-\d{2}-\d{2} \d{2}:\d{2}\)$/).waitFor();
    const en = item('U-2').getByRole('table', { name: 'Answer to U-2' });
    assert.deepEqual(await textsOf(en.getByRole('rowheader')), ['Current state', 'Issues', 'Improvement plan']);
    await page.getByTestId('request-state').getByText('Submitted').waitFor();
    await shot(page, 'connector-self-2-english');
    await page.getByRole('button', { name: '日本語' }).click();
  });

  it('lets a viewer of the connector read the request and the master answers, and change nothing', async () => {
    const viewer = await createMember(h.database.db, { type: 'connector', role: 'viewer', organisationId: connectorId, email: 'viewer@rakuraku-pay.example.jp' });
    const { ctx: c, page: p } = await signedInPage(h, { email: viewer.email }, { locale: 'ja-JP' });
    await p.getByRole('heading', { name: '回答依頼の受信箱' }).waitFor();
    assert.deepEqual(await p.getByRole('navigation').getByRole('link').allInnerTexts().then((x) => x.slice(0, 4)), ['回答依頼（受信箱）', '回答（マスター）', '共有設定', 'カタログ']);
    await p.getByTestId('inbox').getByRole('link', { name: 'らくらく送金' }).click();
    await p.getByRole('article', { name: 'U-2', exact: true }).getByRole('table', { name: 'U-2 の回答' }).waitFor();
    assert.equal(await p.getByRole('textbox').count(), 0);
    assert.equal(await p.getByRole('region', { name: '保存と提出' }).count(), 0);
    assert.equal(await p.getByRole('button', { name: 'この項目について金融機関にメッセージを送る' }).count(), 0);
    await p.getByRole('navigation').getByRole('link', { name: '共有設定' }).click();
    await p.getByTestId('revoke-explanation').waitFor();
    assert.equal(await p.getByRole('button', { name: '共有に同意する' }).count(), 0);
    await c.close();
  });
});
