/**
 * The request workbook as a bank's protected sheet: opened again with ExcelJS, as Excel would read it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { renderRequestWorkbook, type RequestWorkbookView } from './assessment-workbook.js';

const answer = (a: Partial<NonNullable<RequestWorkbookView['items'][number]['answer']>>) => ({ choice: null, explanation: null, currentState: null, issues: null, improvementPlan: null, ...a });

const view: RequestWorkbookView = {
  requestId: '6f1c2a9e-1111-4222-8333-444455556666',
  bank: 'つなぐ銀行',
  connector: 'テスト電代株式会社',
  serviceName: 'かんたん家計簿',
  apiType: 'read',
  access: 'private',
  template: '参照系チェックシート',
  checklist: { name: 'API接続チェックリスト（サンプル）', edition: '第1版', sample: true },
  dueDate: '2026-01-30',
  exportedOn: '2025-12-01',
  scheme: 'yes_no',
  hearingEditable: true,
  hearing: [
    { key: 'purpose', label: 'API 接続の目的・サービスの概要', kind: 'text', choices: [], required: true, answer: '@SUM(1+1)' },
    { key: 'accessType', label: '利用者のアクセス方法', kind: 'choice', choices: ['Web', 'スマートフォンアプリ', 'その他'], required: true, answer: null },
    { key: 'channel', label: '接続経路', kind: 'choice', choices: ['専用線, VPN', 'インターネット'], required: false, answer: null },
  ],
  items: [
    { label: 'Sec-1', number: 1, category: '情報・セキュリティ管理態勢', text: '方針・規程を定めているか。', references: 'FISC 安全対策基準 統1, 統4', editable: true, answer: answer({ choice: 'yes' }) },
    { label: 'Sec-2', number: 3, category: '外部委託管理', text: '外部委託先を評価しているか。', references: '', editable: true, answer: answer({ choice: 'no', explanation: '=HYPERLINK("http://example.invalid","x")' }) },
    { label: 'Sec-3', number: 4, category: 'システム開発・運用管理', text: '認証情報を暗号化しているか。', references: '', editable: false, answer: null },
  ],
};

async function open(v: RequestWorkbookView) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderRequestWorkbook(v)) as unknown as ArrayBuffer);
  return wb;
}

function unlockedCells(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (c) => c.protection?.locked === false && out.push(c.address)));
  return out;
}

describe('request workbook (回答票)', () => {
  it('has the instructions, hearing and checklist sheets, and the request in a very hidden sheet', async () => {
    const wb = await open(view);
    assert.deepEqual(wb.worksheets.map((w) => [w.name, w.state]), [['はじめに', 'visible'], ['ヒアリング', 'visible'], ['チェックリスト', 'visible'], ['_tsunagu', 'veryHidden']]);
    const meta = wb.getWorksheet('_tsunagu')!;
    assert.deepEqual([meta.getCell('B1').value, meta.getCell('B2').value, meta.getCell('B3').value], ['tsunagu.assessment-workbook/v1', view.requestId, 'yes_no']);
    const intro = wb.getWorksheet('はじめに')!;
    const rows: Record<string, string> = {};
    intro.eachRow((r) => (rows[String(r.getCell(1).value)] = String(r.getCell(2).value)));
    assert.equal(rows['金融機関'], 'つなぐ銀行');
    assert.equal(rows['電子決済等代行業者'], 'テスト電代株式会社');
    assert.equal(rows['API の種類'], '参照系（口座情報取得）');
    assert.equal(rows['アクセスの形態'], '非公開（個別接続）');
    assert.equal(rows['回答期限'], '2026年1月30日');
    assert.match(rows['チェックリスト']!, /サンプル/);
    const text = Object.values(rows).join('\n');
    assert.match(text, /黄色のセルだけが入力欄です/);
    assert.match(text, /「いいえ」「該当なし」の場合は、②欄にその理由/);
  });

  it('protects every sheet and unlocks only the answer cells of the items the connector may change', async () => {
    const wb = await open(view);
    // exceljs reads the protection back but does not declare it.
    for (const ws of wb.worksheets) assert.equal((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet, true, ws.name);
    assert.deepEqual(unlockedCells(wb.getWorksheet('チェックリスト')!), ['E4', 'F4', 'E5', 'F5']);
    assert.deepEqual(unlockedCells(wb.getWorksheet('ヒアリング')!), ['D4', 'D5', 'D6']);
    assert.deepEqual(unlockedCells(wb.getWorksheet('はじめに')!), []);
    const ws = wb.getWorksheet('チェックリスト')!;
    assert.deepEqual((ws.getRow(3).values as unknown[]).slice(1), ['行内番号', 'No.', '区分', '確認項目', '回答', '②欄（いいえ・該当なしの理由）', '関連規定']);
    assert.deepEqual([ws.getCell('A5').value, ws.getCell('B5').value, ws.getCell('E4').value, ws.getCell('G4').value], ['Sec-2', 3, 'はい', 'FISC 安全対策基準 統1, 統4']);
  });

  it('offers はい／いいえ／該当なし and the hearing choices as lists, with Japanese input and error messages', async () => {
    const wb = await open(view);
    const ws = wb.getWorksheet('チェックリスト')!;
    const choice = ws.getCell('E4').dataValidation;
    assert.equal(choice.type, 'list');
    assert.deepEqual(choice.formulae, ['"はい,いいえ,該当なし"']);
    assert.equal(choice.showInputMessage, true);
    assert.equal(choice.promptTitle, '回答');
    assert.match(choice.prompt!, /「はい」「いいえ」「該当なし」から選んでください/);
    assert.equal(choice.showErrorMessage, true);
    assert.match(choice.error!, /いずれかを選んでください/);
    const reason = ws.getCell('F4').dataValidation;
    assert.equal(reason.type, 'textLength');
    assert.deepEqual(reason.formulae, [10000]);
    assert.match(reason.prompt!, /理由/);
    assert.equal(ws.getCell('E6').dataValidation, undefined, 'a locked item has no dropdown');
    const h = wb.getWorksheet('ヒアリング')!;
    assert.deepEqual(h.getCell('D5').dataValidation.formulae, ['"Web,スマートフォンアプリ,その他"']);
    // A choice with a comma cannot go in an inline list: it is read from the hidden sheet.
    assert.deepEqual(h.getCell('D6').dataValidation.formulae, ["'_tsunagu'!$I$1:$I$2"]);
    assert.equal(wb.getWorksheet('_tsunagu')!.getCell('I1').value, '専用線, VPN');
    assert.equal(h.getCell('D4').dataValidation.type, 'textLength');
  });

  it('prints on A4 landscape fitted to the width, repeating and freezing the header row', async () => {
    const wb = await open(view);
    for (const name of ['ヒアリング', 'チェックリスト']) {
      const ws = wb.getWorksheet(name)!;
      assert.equal(ws.pageSetup.paperSize, 9, name);
      assert.equal(ws.pageSetup.orientation, 'landscape', name);
      assert.equal(ws.pageSetup.fitToPage, true, name);
      assert.equal(ws.pageSetup.fitToWidth, 1, name);
      assert.equal(ws.pageSetup.fitToHeight, 0, name);
      assert.equal(ws.pageSetup.printTitlesRow, '3:3', name);
      assert.deepEqual([ws.views[0]?.state, (ws.views[0] as { ySplit?: number }).ySplit], ['frozen', 3], name);
    }
    assert.equal(wb.getWorksheet('はじめに')!.pageSetup.orientation, 'landscape');
  });

  it('neutralises a formula-looking answer as text in every sheet', async () => {
    const wb = await open(view);
    const cell = wb.getWorksheet('チェックリスト')!.getCell('F5');
    assert.equal(cell.type, ExcelJS.ValueType.String);
    assert.equal(cell.value, `'=HYPERLINK("http://example.invalid","x")`);
    assert.equal(wb.getWorksheet('ヒアリング')!.getCell('D4').value, "'@SUM(1+1)");
  });

  it('writes the self-assessment columns 現状・課題・改善計画, and a locked copy when nothing may change', async () => {
    const wb = await open({ ...view, scheme: 'self_assessment', hearingEditable: false, items: view.items.map((i) => ({ ...i, editable: false, references: '', answer: answer({ currentState: '対応済み' }) })) });
    const ws = wb.getWorksheet('チェックリスト')!;
    assert.deepEqual((ws.getRow(3).values as unknown[]).slice(1), ['行内番号', 'No.', '区分', '確認項目', '現状', '課題', '改善計画']);
    assert.equal(ws.getCell('E4').value, '対応済み');
    for (const s of wb.worksheets) assert.deepEqual(unlockedCells(s), [], s.name);
    const intro = wb.getWorksheet('はじめに')!;
    let text = '';
    intro.eachRow((r) => r.eachCell((c) => (text += `${String(c.value)}\n`)));
    assert.match(text, /閲覧用です/);
    assert.match(text, /「現状」欄に現在の対応状況を必ず記入してください/);
  });
});
