/**
 * The connector's side of assessments in the browser, as its security lead works: master answers
 * given once (with a conditional answer added and removed, and an item's history), two banks'
 * requests in one inbox (one overdue), a request pre-filled from the master answers, answered partly
 * on the web and partly in Excel, refused on submission with the missing items named and linked,
 * evidence uploaded (a disguised file refused) and attached, submitted and read-only; a clarification
 * answered in the item's thread and resubmitted; a remediation plan agreed; consent to share with a
 * second bank given and revoked with the explanation in both languages; a disagreement between the
 * two banks' answers; and a re-assessment after a new edition that asks again only the two changed
 * items. The banks' side is played through the API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { todayInJapan } from '../../src/lib/dates.js';
import { checklistV1, checklistV2, importChecklist } from '../../src/modules/assessment/assessment.fixture.js';
import { addDays } from '../../src/modules/assessment/reassessment.js';
import { loadSampleChecklist } from '../../src/modules/reference/load-sample.js';
import { createMember } from '../../src/testing/auth.js';
import { memberOf, pick } from '../review/steps.js';
import { shot, signedInPage, startHarness, type Harness, textsOf } from '../support.js';
import { apiSession, chooseFile, download, focusedArticle, type ApiSession } from './connector-steps.js';

const DUE = addDays(todayInJapan(), 30);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const EDITION = encodeURIComponent('第1版');

describe('the connector’s assessments in the browser', () => {
  let h: Harness;
  let ctx: BrowserContext;
  let page: Page;
  let connectorId: string;
  let bankA: ApiSession;
  let reviewerA: ApiSession;
  let approverA: ApiSession;
  let bankB: ApiSession;
  let bankBId: string;
  let connectionA: string;
  let templateA: string;
  let requestA: string;
  let requestB: string;

  const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  const item = (label: string) => page.getByRole('article', { name: label, exact: true });
  const actions = () => page.getByRole('region', { name: '保存と提出' });
  const status = () => page.getByTestId('status');
  /** Resizes the window and waits for the navigation to fold or unfold (its transition moves the page). */
  const atWidth = async (width: 768 | 1280) => {
    await page.setViewportSize(width === 768 ? { width, height: 1000 } : { width, height: 900 });
    await page.waitForTimeout(500);
  };

  before(async () => {
    h = await startHarness();
    await importChecklist(h.database.db, checklistV1);
    const connector = await memberOf(h, 'connector', 'つなぐペイ株式会社', 'editor', 'security@tsunagu-pay.example.jp');
    connectorId = connector.organisationId;
    const a = await memberOf(h, 'bank', 'つなぐ銀行', 'editor', 'editor@tsunagu-bank.example.jp');
    await createMember(h.database.db, { type: 'bank', role: 'reviewer', organisationId: a.organisationId, email: 'reviewer@tsunagu-bank.example.jp' });
    await createMember(h.database.db, { type: 'bank', role: 'reviewer', organisationId: a.organisationId, email: 'approver@tsunagu-bank.example.jp' });
    const b = await memberOf(h, 'bank', 'みらい銀行', 'editor', 'editor@mirai-bank.example.jp');
    bankBId = b.organisationId;
    bankA = await apiSession(h.baseUrl, a.email);
    reviewerA = await apiSession(h.baseUrl, 'reviewer@tsunagu-bank.example.jp');
    approverA = await apiSession(h.baseUrl, 'approver@tsunagu-bank.example.jp');
    bankB = await apiSession(h.baseUrl, b.email);

    // つなぐ銀行 tailors a 参照系 template (labels Sec-N, No.7 excluded with a reason) and sends it, due in 30 days.
    templateA = (
      await bankA.ok('POST', '/api/assessment-templates', {
        name: '参照系チェックシート',
        checklist: { ruleSet: 'test-checklist', edition: '第1版' },
        answerScheme: 'yes_no',
        apiTypes: ['read'],
        accessTypes: ['private'],
        labelPrefix: 'Sec-',
        items: [{ number: 7, included: false, exclusionReason: '問合せ窓口は契約時に別途確認する' }],
      })
    ).id;
    connectionA = (await bankA.ok('POST', '/api/connections', { connectorId, serviceName: 'かんたん家計簿', apiType: 'read', access: 'private', status: 'reviewing' })).id;
    requestA = (await bankA.ok('POST', '/api/assessment-requests', { templateId: templateA, connectionId: connectionA, dueDate: DUE })).id;
    // みらい銀行 asks too; its request is past its due date.
    const tB = await bankB.ok('POST', '/api/assessment-templates', { name: 'みらい銀行 参照系', checklist: { ruleSet: 'test-checklist', edition: '第1版' }, answerScheme: 'yes_no', apiTypes: ['read'], accessTypes: ['private'], labelPrefix: 'B-' });
    const cB = await bankB.ok('POST', '/api/connections', { connectorId, serviceName: 'かんたん家計簿', apiType: 'read', access: 'private' });
    requestB = (await bankB.ok('POST', '/api/assessment-requests', { templateId: tB.id, connectionId: cB.id, dueDate: DUE })).id;
    await h.database.db.updateTable('assessment_request').set({ due_date: addDays(todayInJapan(), -3) }).where('id', '=', requestB).execute();

    ({ ctx, page } = await signedInPage(h, { email: connector.email }, { locale: 'ja-JP' }));
  });
  after(async () => {
    await ctx?.close();
    await h?.close();
  });

  it('lands on the inbox, and keeps master answers once: a conditional answer added and removed, an item’s history', async () => {
    await page.getByRole('heading', { name: '回答依頼の受信箱' }).waitFor();
    await nav('回答（マスター）');
    await page.getByRole('heading', { name: '回答（マスター）' }).waitFor();
    await pick(page, page, 'チェックリスト', 'テスト用チェックリスト');
    await pick(page, page, '版', '第1版');
    const no = (n: number) => page.getByRole('article', { name: `No.${n}`, exact: true });
    await no(1).getByRole('radio', { name: 'はい' }).check();
    await no(2).getByRole('radio', { name: 'はい' }).check();
    await no(3).getByRole('radio', { name: 'いいえ' }).check();
    await no(3).getByRole('textbox', { name: '②欄（説明）' }).fill('外部委託は行っていないため選定基準はない');
    // A conditional answer for another service only: it must not be used for かんたん家計簿.
    await no(4).getByRole('button', { name: '条件付き回答を追加' }).click();
    const add = no(4).getByRole('form', { name: '条件付き回答を追加' });
    await add.getByRole('textbox', { name: 'サービス名' }).fill('別サービス');
    await add.getByRole('button', { name: '追加' }).click();
    const conditional = no(4).getByRole('group', { name: 'No.4 条件付き: サービス「別サービス」' });
    await conditional.getByRole('radio', { name: 'いいえ' }).check();
    await conditional.getByRole('textbox', { name: '②欄（説明）' }).fill('別サービスでは平文で保管');
    await page.getByRole('region', { name: '保存と提出' }).getByText('未保存の変更 4 件').waitFor();
    await page.getByRole('region', { name: '保存と提出' }).getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').getByText('保存しました（4 件を更新）').waitFor();
    await conditional.getByText(/^バージョン1・/).waitFor();
    const set = page.getByTestId('answer-sets').getByRole('row').filter({ hasText: 'テスト用チェックリスト' });
    await set.getByRole('cell').nth(2).getByText('4', { exact: true }).waitFor();
    await shot(page, 'connector-1-master-answers');
    const saved = await bankA.call('GET', `/api/master-answers?ruleSet=test-checklist&edition=${EDITION}&connectorId=${connectorId}`);
    assert.equal(saved.status, 404, 'not shared with つなぐ銀行');

    // On second thought the conditional answer goes: removed, and the general answer stays.
    await conditional.getByRole('button', { name: '削除（No.4 条件付き: サービス「別サービス」）' }).click();
    await page.getByRole('status').getByText('条件付き回答を削除しました').waitFor();
    assert.equal(await no(4).getByRole('group', { name: /条件付き/ }).count(), 0);
    await no(4).getByRole('group', { name: 'No.4 共通の回答' }).waitFor();
    // Its history stays: the removal is its newest version, what it said struck through.
    await no(4).getByRole('button', { name: '履歴' }).click();
    const removedRow = no(4).getByRole('table', { name: 'No.4 の履歴' }).getByRole('row').filter({ hasText: 'サービス「別サービス」' });
    await removedRow.filter({ hasText: 'バージョン2' }).getByText('削除', { exact: true }).waitFor();
    await removedRow.filter({ hasText: 'バージョン2' }).getByText('いいえ / 別サービスでは平文で保管').waitFor();
    await removedRow.filter({ hasText: 'バージョン1' }).getByText('いいえ / 別サービスでは平文で保管').waitFor();
    await no(4).getByRole('button', { name: '履歴' }).click();

    // No.3 is corrected; its history shows both versions.
    await no(3).getByRole('textbox', { name: '②欄（説明）' }).fill('外部委託は行っていないため選定基準は定めていない');
    await page.getByRole('region', { name: '保存と提出' }).getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').getByText('保存しました（1 件を更新）').waitFor();
    await no(3).getByRole('button', { name: '履歴' }).click();
    const history = no(3).getByRole('table', { name: 'No.3 の履歴' });
    await history.getByRole('row').filter({ hasText: 'バージョン2' }).getByText('いいえ / 外部委託は行っていないため選定基準は定めていない').waitFor();
    await history.getByRole('row').filter({ hasText: 'バージョン1' }).getByText('いいえ / 外部委託は行っていないため選定基準はない').waitFor();
  });

  it('shows both banks’ requests in one inbox, the overdue one highlighted', async () => {
    await nav('回答依頼（受信箱）');
    await page.getByTestId('inbox-summary').getByText('回答待ち 2 件（うち期限切れ 1 件）').waitFor();
    const inbox = page.getByTestId('inbox');
    const rowA = inbox.getByRole('row').filter({ hasText: 'つなぐ銀行' });
    const rowB = inbox.getByRole('row').filter({ hasText: 'みらい銀行' });
    await rowA.getByText('あと 30 日').waitFor();
    await rowB.getByText('期限切れ（3日超過）').waitFor();
    const [y, m, d] = DUE.split('-').map(Number);
    await rowA.getByText(`${y}年${m}月${d}日`).waitFor();
    const cells = await rowA.getByRole('cell').allInnerTexts();
    assert.equal(cells[2], '参照系');
    assert.equal(cells[4], '回答依頼中');
    // The overdue request comes first.
    assert.match((await inbox.getByRole('row').nth(1).innerText()), /みらい銀行/);
    await shot(page, 'connector-2-inbox');
    await atWidth(768);
    await shot(page, 'connector-2-inbox-768');
    await atWidth(1280);
  });

  it('pre-fills the request from the master answers, saves an answer given on the web, and is refused with the missing items linked', async () => {
    await page.getByTestId('inbox').getByRole('row').filter({ hasText: 'つなぐ銀行' }).getByRole('link', { name: 'かんたん家計簿' }).click();
    await page.getByRole('heading', { name: 'つなぐ銀行　かんたん家計簿' }).waitFor();
    await page.getByRole('button', { name: 'マスター回答から入力' }).click();
    await status().getByText('3 項目をマスター回答から入力しました').waitFor();
    assert.ok(await item('Sec-3').getByRole('radio', { name: 'いいえ' }).isChecked());
    await item('Sec-1').getByText('マスター回答から入力').waitFor();
    // No.4's general master answer is empty, and the removed conditional one is gone: Sec-4 is answered here.
    assert.equal(await item('Sec-4').getByRole('radio', { name: 'はい' }).isChecked(), false);
    await item('Sec-4').getByRole('radio', { name: 'はい' }).check();
    await actions().getByText('未保存の変更 1 件').waitFor();
    await actions().getByRole('button', { name: '保存' }).click();
    await status().getByText('保存しました（1 件を更新）').waitFor();

    await actions().getByRole('button', { name: '提出する' }).click();
    const problems = page.getByTestId('problems');
    await problems.getByText('提出できません。未回答・記入漏れが 4 件あります').waitFor();
    const lines = await problems.getByRole('listitem').allInnerTexts();
    assert.deepEqual(lines, [
      'ヒアリング「API 接続の目的・サービスの概要」に回答してください',
      'ヒアリング「利用者のアクセス方法」に回答してください',
      'ヒアリング「セキュリティ責任者（部署・氏名・連絡先）」に回答してください',
      'Sec-5: 回答（はい／いいえ／該当なし）を選んでください',
    ]);
    await shot(page, 'connector-3-refused');
    await problems.getByRole('button', { name: 'Sec-5: 回答（はい／いいえ／該当なし）を選んでください' }).click();
    assert.equal(await focusedArticle(page), 'Sec-5', 'the link puts the keyboard in Sec-5');
    await problems.getByRole('button', { name: /^ヒアリング「API 接続の目的/ }).click();
    assert.equal(await page.evaluate('document.activeElement?.id'), 'hearing-purpose');
  });

  it('answers Sec-5 in Excel: a wrong cell is named, the corrected workbook is taken in', async () => {
    const file = await download(page, page.getByRole('link', { name: 'Excel でダウンロード' }));
    assert.match(file.name, /\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('チェックリスト')!;
    let header = 0;
    sheet.eachRow((row, n) => {
      if (!header && row.values && (row.values as unknown[]).includes('行内番号')) header = n;
    });
    const headers = sheet.getRow(header).values as unknown[];
    const labelCol = headers.indexOf('行内番号');
    const choiceCol = headers.indexOf('回答');
    const explanationCol = headers.findIndex((v) => typeof v === 'string' && v.startsWith('②欄'));
    const rowOf = (label: string) => {
      let found = 0;
      sheet.eachRow((row, n) => {
        if (row.getCell(labelCol).value === label) found = n;
      });
      return found;
    };
    const [row4, row5] = [rowOf('Sec-4'), rowOf('Sec-5')];
    assert.ok(header && row4 && row5 && choiceCol > 0 && explanationCol > 0, 'the checklist sheet has labels and answer columns');
    // A right change to Sec-4 beside a wrong answer to Sec-5: nothing of the file is taken in.
    sheet.getRow(row4).getCell(explanationCol).value = '認証情報は暗号化して保管';
    const choiceCell = sheet.getRow(row5).getCell(choiceCol);
    choiceCell.value = 'たぶん';
    const wrong = Buffer.from(await wb.xlsx.writeBuffer());
    await chooseFile(page, page.getByRole('button', { name: 'Excel から取り込み' }), { name: '回答票.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: wrong });
    const result = page.getByTestId('import-result');
    await result.getByText(new RegExp(`シート「チェックリスト」${choiceCell.address}`)).waitFor();
    await shot(page, 'connector-4-excel-refused');
    assert.equal(await item('Sec-4').getByRole('textbox', { name: '②欄（説明）' }).inputValue(), '', 'all or nothing');

    sheet.getRow(row4).getCell(explanationCol).value = null;
    choiceCell.value = 'いいえ';
    sheet.getRow(row5).getCell(explanationCol).value = 'トークンの有効期限は運用で管理しており、設定値は次期リリースで導入する';
    const right = Buffer.from(await wb.xlsx.writeBuffer());
    await chooseFile(page, page.getByRole('button', { name: 'Excel から取り込み' }), { name: '回答票.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: right });
    await result.getByText(/^Excel から取り込みました（1 件を更新）/).waitFor();
    await item('Sec-5').getByText('Excel から取り込み').waitFor();
    assert.ok(await item('Sec-5').getByRole('radio', { name: 'いいえ' }).isChecked());
    assert.equal(await item('Sec-5').getByRole('textbox', { name: '②欄（説明）' }).inputValue(), 'トークンの有効期限は運用で管理しており、設定値は次期リリースで導入する');
  });

  it('refuses a disguised file, attaches an evidence PDF, and submits; the answers become read-only', async () => {
    const upload = item('Sec-1').getByRole('button', { name: 'アップロード（資料ファイル（Sec-1））' });
    await chooseFile(page, upload, { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 this is an executable') });
    await item('Sec-1').getByRole('alert').getByText(/このファイルの種類は受け付けられません/).waitFor();
    await chooseFile(page, upload, { name: 'セキュリティ規程.pdf', mimeType: 'application/pdf', buffer: PDF });
    await item('Sec-1').getByRole('status').getByText('「セキュリティ規程.pdf」をアップロードして添付しました（保存すると回答に反映されます）').waitFor();
    await page.getByRole('textbox', { name: 'API 接続の目的・サービスの概要' }).fill('家計簿サービスへの口座残高・入出金明細の取得');
    await pick(page, page, '利用者のアクセス方法', 'スマートフォンアプリ');
    await page.getByRole('textbox', { name: 'セキュリティ責任者（部署・氏名・連絡先）' }).fill('セキュリティ室 山田 03-0000-0000');
    await actions().getByText('未保存の変更 2 件').waitFor();
    await actions().getByRole('button', { name: '提出する' }).click();
    await status().getByText('提出しました（第1版）。金融機関は提出された回答を保持します。').waitFor();
    await page.getByTestId('request-state').getByText('提出済み').waitFor();
    await page.getByTestId('submitted-notice').getByText(/金融機関は提出された回答（スナップショット）を保持しています/).waitFor();
    // Read as text, as submitted: no inputs left.
    assert.equal(await page.getByRole('radio').count(), 0);
    assert.deepEqual(await textsOf(item('Sec-5').getByRole('table', { name: 'Sec-5 の回答' }).getByRole('cell')), ['いいえ', 'トークンの有効期限は運用で管理しており、設定値は次期リリースで導入する']);
    assert.equal(await actions().count(), 0, 'no save or submit after submission');
    await item('Sec-1').getByRole('link', { name: 'セキュリティ規程.pdf' }).waitFor();
    await shot(page, 'connector-5-submitted');
    const bankView = await bankA.ok('GET', `/api/assessment-requests/${requestA}`);
    assert.deepEqual(bankView.items.map((i: any) => [i.label, i.answer.choice]), [['Sec-1', 'yes'], ['Sec-2', 'yes'], ['Sec-3', 'no'], ['Sec-4', 'yes'], ['Sec-5', 'no']]);
    assert.equal(bankView.items[0].answer.evidence[0].fileName, 'セキュリティ規程.pdf');
  });

  it('answers a clarification on one item in its thread, changes only that item and resubmits', async () => {
    for (const n of [1, 2, 4, 5]) await reviewerA.ok('PUT', `/api/assessment-requests/${requestA}/items/${n}/review`, { verdict: 'accepted' });
    await reviewerA.ok('PUT', `/api/assessment-requests/${requestA}/items/3/review`, { verdict: 'clarification' });
    await reviewerA.ok('POST', `/api/assessment-requests/${requestA}/items/3/messages`, { body: 'システム保守を委託していませんか。委託先があれば選定基準を教えてください。' });
    await page.reload();
    await page.getByTestId('request-state').getByText('説明依頼中').waitFor();
    await page.getByTestId('clarification-notice').getByRole('button', { name: 'Sec-3' }).waitFor();
    await item('Sec-1').getByTestId('verdict').getByText('確認済み').waitFor();
    await item('Sec-3').getByTestId('verdict').getByText('要確認（説明依頼）').waitFor();
    // Only the item the bank asked about can change.
    assert.equal(await item('Sec-1').getByRole('radio').count(), 0);
    await item('Sec-1').getByRole('table', { name: 'Sec-1 の回答' }).getByText('はい').waitFor();
    assert.ok(await item('Sec-3').getByRole('radio', { name: 'はい' }).isEnabled());
    assert.deepEqual(await page.getByRole('radiogroup').count(), 1, 'only Sec-3 takes answers');
    const thread = item('Sec-3').getByRole('region', { name: 'Sec-3 のメッセージ' });
    await thread.getByText('システム保守を委託していませんか。委託先があれば選定基準を教えてください。').waitFor();
    await thread.getByRole('textbox', { name: 'Sec-3 への返信' }).fill('クラウド基盤を委託しています。選定基準を回答に追記しました。');
    await thread.getByRole('button', { name: '送信' }).click();
    await thread.getByText('クラウド基盤を委託しています。選定基準を回答に追記しました。').waitFor();
    await item('Sec-3').getByRole('radio', { name: 'はい' }).check();
    await item('Sec-3').getByRole('textbox', { name: '②欄（説明）' }).fill('クラウド事業者を選定基準（第三者認証の有無等）により評価している');
    await shot(page, 'connector-6-clarification');
    await actions().getByRole('button', { name: '再提出する' }).click();
    await status().getByText('提出しました（第2版）。金融機関は提出された回答を保持します。').waitFor();
    const bankView = await bankA.ok('GET', `/api/assessment-requests/${requestA}`);
    const sec3 = bankView.items.find((i: any) => i.label === 'Sec-3');
    assert.equal(sec3.answer.choice, 'yes');
    assert.equal(sec3.changedInLatest, true);
    assert.deepEqual(sec3.messages.map((m: any) => m.side), ['bank', 'connector']);
  });

  it('agrees to the remediation plan the bank proposes, and sees the result in the inbox', async () => {
    await reviewerA.ok('PUT', `/api/assessment-requests/${requestA}/items/3/review`, { verdict: 'accepted_with_condition', condition: '委託先の評価結果を年1回報告すること' });
    await reviewerA.ok('POST', `/api/assessment-requests/${requestA}/items/3/remediation`, { description: '委託先評価の結果を報告する', dueDate: addDays(todayInJapan(), 90) });
    await page.reload();
    const plans = item('Sec-3').getByRole('region', { name: 'Sec-3 の改善計画' });
    await plans.getByText('委託先評価の結果を報告する').waitFor();
    await plans.getByText('提示（合意待ち）').waitFor();
    await item('Sec-3').getByText('条件: 委託先の評価結果を年1回報告すること').waitFor();
    await plans.getByRole('button', { name: '改善計画に合意する' }).click();
    await plans.getByText('合意済み', { exact: true }).waitFor();
    await plans.getByRole('button', { name: '完了を報告する' }).waitFor();
    await shot(page, 'connector-7-remediation');
    await reviewerA.ok('POST', `/api/assessment-requests/${requestA}/result`, { result: 'conditional' });
    await approverA.ok('POST', `/api/assessment-requests/${requestA}/result/decision`, { approve: true });
    await page.reload();
    await page.getByTestId('result-notice').getByText('判定: 条件付適合').waitFor();
    await nav('回答依頼（受信箱）');
    const decided = page.getByTestId('inbox').getByRole('row').filter({ hasText: 'つなぐ銀行' });
    await decided.getByText('条件付適合').waitFor();
    const cells = await decided.getByRole('cell').allInnerTexts();
    assert.deepEqual(cells.slice(4), ['判定済み', '第2版', '条件付適合']);
  });

  it('consents to share with a second bank and revokes it, saying what revoking does (in Japanese and English)', async () => {
    await nav('共有設定');
    const explanation = '共有を取り消すと、今後の回答の更新はその金融機関に共有されません。既に提出した回答（スナップショット）は金融機関の手元に残り、書き換えられません。';
    await page.getByTestId('revoke-explanation').getByText(explanation).waitFor();
    await pick(page, page, '共有先の金融機関', 'みらい銀行');
    await page.getByRole('button', { name: '共有に同意する' }).click();
    await page.getByRole('status').getByText('みらい銀行 への共有に同意しました').waitFor();
    await page.getByTestId('active-shares').getByRole('row').filter({ hasText: 'みらい銀行' }).waitFor();
    assert.equal((await bankB.call('GET', `/api/master-answers?ruleSet=test-checklist&edition=${EDITION}&connectorId=${connectorId}`)).status, 200);
    await page.getByRole('button', { name: 'みらい銀行 への共有を取り消す' }).click();
    const dialog = page.getByRole('dialog', { name: 'みらい銀行 への共有を取り消しますか' });
    await dialog.getByText(explanation).waitFor();
    await page.waitForTimeout(400); // the dialog's opening transition
    await shot(page, 'connector-8-revoke-dialog');
    await dialog.getByRole('button', { name: '共有を取り消す' }).click();
    await page.getByRole('status').getByText('みらい銀行 への共有を取り消しました').waitFor();
    await page.getByTestId('past-shares').getByRole('row').filter({ hasText: 'みらい銀行' }).waitFor();
    assert.equal(await page.getByTestId('active-shares').count(), 0);
    assert.equal((await bankB.call('GET', `/api/master-answers?ruleSet=test-checklist&edition=${EDITION}&connectorId=${connectorId}`)).status, 404);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('revoke-explanation').getByText('When you revoke sharing, future updates to your answers are no longer shared with that bank. Answers you have already submitted (snapshots) stay with the bank and are never rewritten.').waitFor();
    await shot(page, 'connector-9-sharing-english');
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('heading', { name: '共有設定' }).waitFor();
  });

  it('answers the second bank’s request, also into the master answers, and sees where the two banks’ answers disagree', async () => {
    await nav('回答依頼（受信箱）');
    await page.getByTestId('inbox').getByRole('row').filter({ hasText: 'みらい銀行' }).getByRole('link', { name: 'かんたん家計簿' }).click();
    await page.getByRole('heading', { name: 'みらい銀行　かんたん家計簿' }).waitFor();
    await page.getByTestId('due-badge').getByText('期限切れ（3日超過）').waitFor();
    await page.getByRole('button', { name: 'マスター回答から入力' }).click();
    await status().getByText('3 項目をマスター回答から入力しました').waitFor();
    // B-4…B-6 come from a workbook in みらい銀行's own layout, read through the mapping the bank saved.
    await bankB.ok('PUT', `/api/answer-sheet-mappings/${encodeURIComponent('みらい銀行 様式')}`, {
      mapping: { columns: { label: '項番', question: '確認内容', answer: '回答', explanation: '理由' }, answerWords: { '○': 'yes', '×': 'no', '－': 'na' } },
    });
    await page.reload();
    await pick(page, page, '取り込む Excel の様式', '金融機関の様式「みらい銀行 様式」');
    const own = new ExcelJS.Workbook();
    const ws = own.addWorksheet('確認シート');
    ws.addRow(['項番', '確認内容', '回答', '理由']);
    for (const label of ['B-4', 'B-5', 'B-6']) ws.addRow([label, '（省略）', '○', null]);
    await chooseFile(page, page.getByRole('button', { name: 'Excel から取り込み' }), { name: 'みらい銀行_確認シート.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await own.xlsx.writeBuffer()) });
    await page.getByTestId('import-result').getByText(/^Excel から取り込みました（3 件を更新）/).waitFor();
    for (const label of ['B-4', 'B-5', 'B-6']) {
      await item(label).getByText('Excel から取り込み').waitFor();
      assert.ok(await item(label).getByRole('radio', { name: 'はい' }).isChecked(), label);
    }
    // The evidence uploaded for つなぐ銀行 is picked from the organisation's files, not uploaded again.
    await item('B-1').getByRole('combobox', { name: '資料ファイル（B-1）' }).click();
    await page.getByRole('option', { name: /^セキュリティ規程\.pdf/ }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('textbox', { name: 'API 接続の目的・サービスの概要' }).fill('家計簿サービス');
    await pick(page, page, '利用者のアクセス方法', 'Web');
    await page.getByRole('textbox', { name: 'セキュリティ責任者（部署・氏名・連絡先）' }).fill('セキュリティ室');
    await actions().getByRole('checkbox', { name: 'マスター回答にも反映' }).check();
    await actions().getByRole('button', { name: '提出する' }).click();
    await status().getByText('提出しました（第1版）。金融機関は提出された回答を保持します。').waitFor();
    const submittedB = await bankB.ok('GET', `/api/assessment-requests/${requestB}`);
    assert.deepEqual(submittedB.items[0].answer.evidence.map((e: any) => e.fileName), ['セキュリティ規程.pdf']);
    const mine = await (await page.request.get(`${h.baseUrl}/api/master-answers?ruleSet=test-checklist&edition=${EDITION}`)).json();
    assert.deepEqual(
      mine.items.map((i: any) => [i.number, i.answers.find((a: any) => a.scopeService === '')?.choice ?? null]),
      [[1, 'yes'], [2, 'yes'], [3, 'no'], [4, 'yes'], [5, 'yes'], [6, null], [7, 'yes']],
    );

    await nav('回答の食い違い');
    await page.getByRole('heading', { name: '回答の食い違い' }).waitFor();
    const no3 = page.getByRole('article', { name: 'テスト用チェックリスト 第1版 No.3' });
    const rowA = no3.getByRole('row').filter({ hasText: 'つなぐ銀行' });
    const rowB = no3.getByRole('row').filter({ hasText: 'みらい銀行' });
    assert.deepEqual(await textsOf(rowA.getByRole('cell')), ['つなぐ銀行', 'かんたん家計簿', '参照系（口座情報取得）', 'Sec-3', 'はい / クラウド事業者を選定基準（第三者認証の有無等）により評価している']);
    assert.deepEqual(await textsOf(rowB.getByRole('cell')), ['みらい銀行', 'かんたん家計簿', '参照系（口座情報取得）', 'B-3', 'いいえ / 外部委託は行っていないため選定基準は定めていない']);
    await shot(page, 'connector-10-disagreements');
    await rowA.getByRole('link', { name: 'Sec-3' }).click();
    await page.getByRole('heading', { name: 'つなぐ銀行　かんたん家計簿' }).waitFor();
    await page.waitForFunction("document.activeElement?.closest('article')?.getAttribute('aria-label') === 'Sec-3'");
  });

  it('in a re-assessment after a new edition, asks again only the two changed items', async () => {
    await importChecklist(h.database.db, checklistV2);
    await bankA.ok('POST', `/api/assessment-templates/${templateA}/upgrade`, {});
    const re = await bankA.ok('POST', '/api/reassessments', { connectionId: connectionA, dueDate: DUE });

    // The master answers for 第2版 start from 第1版's; the two changed items are flagged.
    await nav('回答（マスター）');
    await pick(page, page, 'チェックリスト', 'テスト用チェックリスト');
    await pick(page, page, '版', '第2版');
    const flagged = page.getByTestId('reanswer-notice');
    await flagged.getByText('新しい版で変更された 2 項目は、改めて回答してください').waitFor();
    await flagged.getByText('No.2、No.5').waitFor();
    await page.getByRole('checkbox', { name: '要再回答の項目だけ表示' }).check();
    assert.deepEqual(await page.getByRole('article').evaluateAll((xs) => xs.map((x) => x.getAttribute('aria-label'))), ['No.2', 'No.5']);
    await page.getByRole('article', { name: 'No.2', exact: true }).getByRole('button', { name: 'この回答のまま確定' }).click();
    await flagged.getByText('新しい版で変更された 1 項目は、改めて回答してください').waitFor();
    await page.getByTestId('answer-sets').getByRole('row').filter({ hasText: '第2版' }).getByText('1', { exact: true }).waitFor();
    await shot(page, 'connector-11-master-reanswer', { fullPage: false });

    await nav('回答依頼（受信箱）');
    const row = page.getByTestId('inbox').getByRole('row').filter({ hasText: '定期確認' });
    await row.getByText('回答依頼中').waitFor();
    await row.getByRole('link', { name: 'かんたん家計簿' }).click();
    await page.waitForURL(`**/assessment/inbox/${re.id}`);
    const notice = page.getByTestId('reassessment-notice');
    await notice.getByText(/変更・追加された 2 項目だけ/).waitFor();
    assert.deepEqual(await notice.getByRole('button').allInnerTexts(), ['Sec-2', 'Sec-5']);
    await item('Sec-2').getByTestId('reanswer').waitFor();
    await item('Sec-5').getByTestId('reanswer').waitFor();
    assert.deepEqual(await page.getByTestId('reanswer').allInnerTexts(), ['変更された確認項目：回答を見直してください', '変更された確認項目：回答を見直してください']);
    for (const label of ['Sec-1', 'Sec-3', 'Sec-4']) await item(label).getByTestId('carried').getByText('前回の回答を引き継ぎ').waitFor();
    assert.equal(await page.getByTestId('carried').count(), 3);
    await item('Sec-2').getByText('情報セキュリティに関する責任者を定め、その役割と権限を文書化しているか。').waitFor();
    await shot(page, 'connector-11-reassessment');
    await atWidth(768);
    await shot(page, 'connector-11-reassessment-768');
    await atWidth(1280);

    await actions().getByRole('button', { name: '提出する' }).click();
    await page.getByTestId('problems').getByText('提出できません。未回答・記入漏れが 2 件あります').waitFor();
    assert.deepEqual(await page.getByTestId('problems').getByRole('listitem').allInnerTexts(), [
      'Sec-2: 内容が変更された確認項目です。回答を確認して保存してください',
      'Sec-5: 内容が変更された確認項目です。回答を確認して保存してください',
    ]);
    await item('Sec-2').getByRole('button', { name: 'この回答のまま確定' }).click();
    await item('Sec-2').getByText('見直し済み').waitFor();
    await item('Sec-5').getByRole('radio', { name: 'はい' }).check();
    await item('Sec-5').getByRole('textbox', { name: '②欄（説明）' }).fill('トークンは1時間で失効し、失効 API も提供している');
    await actions().getByRole('button', { name: '提出する' }).click();
    await status().getByText('提出しました（第1版）。金融機関は提出された回答を保持します。').waitFor();
    const bank = await bankA.ok('GET', `/api/assessment-requests/${re.id}`);
    assert.deepEqual(
      bank.items.map((i: any) => [i.label, i.change, i.answer.choice, i.review?.carried ?? null]),
      [
        ['Sec-1', 'unchanged', 'yes', true],
        ['Sec-2', 'changed', 'yes', null],
        ['Sec-3', 'unchanged', 'yes', true],
        ['Sec-4', 'unchanged', 'yes', true],
        ['Sec-5', 'changed', 'yes', null],
      ],
    );
  });

  it('marks a sample checklist サンプル wherever its master answers are shown', async () => {
    await h.database.db.transaction().execute((trx) => loadSampleChecklist({ trx }));
    await nav('回答（マスター）');
    await pick(page, page, 'チェックリスト', 'API接続チェックリスト（サンプル）');
    await pick(page, page, '版', 'サンプル第1版');
    await page.getByRole('heading', { name: 'API接続チェックリスト（サンプル） サンプル第1版' }).waitFor();
    assert.equal(await page.getByRole('article').count(), 60);
    await page.getByTestId('answer-sets').getByRole('row').filter({ hasText: 'API接続チェックリスト（サンプル）' }).getByText('サンプル', { exact: true }).waitFor();
    await page.getByTestId('editor-heading').getByText('サンプル', { exact: true }).waitFor();
    assert.equal(await page.getByTestId('answer-sets').getByRole('row').filter({ hasText: 'テスト用チェックリスト' }).getByText('サンプル', { exact: true }).count(), 0);
    await shot(page, 'connector-14-sample', { fullPage: false });
  });

  it('reads on a tablet: the request and the master answers at 768px', async () => {
    await atWidth(768);
    await page.goto(`${h.baseUrl}/assessment/inbox/${requestA}`);
    await page.getByRole('heading', { name: 'つなぐ銀行　かんたん家計簿' }).waitFor();
    await shot(page, 'connector-12-request-768');
    await page.goto(`${h.baseUrl}/assessment/answers?ruleSet=test-checklist&edition=${EDITION}`);
    await page.getByRole('article', { name: 'No.1', exact: true }).waitFor();
    await shot(page, 'connector-13-master-768');
    // A notification's link (/assessment/requests/:id) opens the request on the connector's side.
    await page.goto(`${h.baseUrl}/assessment/requests/${requestB}`);
    await page.getByRole('heading', { name: 'みらい銀行　かんたん家計簿' }).waitFor();
    await atWidth(1280);
  });
});
