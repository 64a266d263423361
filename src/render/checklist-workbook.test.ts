import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { ChecklistWorkbookView } from '../modules/catalog/index.js';
import { renderChecklistWorkbook } from './checklist-workbook.js';

const row = (o: Partial<ChecklistWorkbookView['rows'][number]> & { number: number }): ChecklistWorkbookView['rows'][number] => ({
  category: '情報・セキュリティ管理態勢',
  text: '責任者を定めているか。',
  subjectParty: '電子決済等代行業者',
  references: '',
  referenceCodes: '',
  remarks: '',
  objective: '',
  guidance: '',
  appliesTo: '',
  ...o,
});

const view: ChecklistWorkbookView = {
  ruleSet: { code: 'api-checklist-sample', name: 'API接続チェックリスト（サンプル）', sample: true },
  edition: { label: 'サンプル第1版', publishedOn: '2025-04' },
  rows: [
    row({ number: 1, references: 'FISC 安全対策基準\n全銀協報告書（サンプル）', referenceCodes: '統14, 監1\n3.3.1 d', objective: '責任の所在を明確にする。', appliesTo: '参照系・更新系' }),
    row({ number: 2, text: '=HYPERLINK("http://example.invalid","x")', remarks: '@SUM(A1)' }),
  ],
};

async function load(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb.worksheets[0]!;
}

describe('the checklist workbook in FISC’s layout', () => {
  it('has a title row, FISC’s header row then Tsunagu’s three columns, and one row per item', async () => {
    const ws = await load(await renderChecklistWorkbook(view));
    assert.equal(ws.name, 'チェックリスト');
    assert.equal(ws.getCell('A1').value, 'API接続チェックリスト（サンプル）　サンプル第1版');
    assert.match(String(ws.getCell('A2').value), /^公表: 2025年4月　サンプル: 確認項目の文言は Tsunagu が作成したもので、FISC の API接続チェックリストの文言ではありません。/);
    assert.deepEqual((ws.getRow(3).values as unknown[]).slice(1), [
      'No.', '区分', '確認項目', '対象', '現状', '課題', '改善計画', '関連規定', '関連規定の該当箇所', '備考', 'セキュリティ目標', '解説', '参照系・更新系',
    ]);
    assert.deepEqual((ws.getRow(4).values as unknown[]).slice(1), [
      1, '情報・セキュリティ管理態勢', '責任者を定めているか。', '電子決済等代行業者', '', '', '', 'FISC 安全対策基準\n全銀協報告書（サンプル）', '統14, 監1\n3.3.1 d', '', '責任の所在を明確にする。', '', '参照系・更新系',
    ]);
    assert.equal(ws.rowCount, 5);
  });

  it('leaves the answer columns 現状・課題・改善計画 empty and shaded for the respondent', async () => {
    const ws = await load(await renderChecklistWorkbook(view));
    for (const col of ['E', 'F', 'G']) {
      const c = ws.getCell(`${col}4`);
      assert.equal(c.value, '', col);
      assert.equal((c.fill as ExcelJS.FillPattern).fgColor?.argb, 'FFFFF8DC', col);
    }
    assert.notEqual((ws.getCell('C4').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb, 'FFFFF8DC', 'the question is not an answer cell');
  });

  it('prints on A4 landscape, one page wide, with the header row repeated and frozen', async () => {
    const ws = await load(await renderChecklistWorkbook(view));
    assert.equal(ws.pageSetup.paperSize, 9);
    assert.equal(ws.pageSetup.orientation, 'landscape');
    assert.equal(ws.pageSetup.fitToWidth, 1);
    assert.equal(ws.pageSetup.printTitlesRow, '3:3');
    assert.equal(ws.views[0]?.state, 'frozen');
    assert.equal((ws.views[0] as ExcelJS.WorksheetViewFrozen).ySplit, 3);
  });

  it('neutralises texts that would run as formulas', async () => {
    const ws = await load(await renderChecklistWorkbook(view));
    assert.equal(ws.getCell('C5').value, `'=HYPERLINK("http://example.invalid","x")`);
    assert.equal(ws.getCell('J5').value, `'@SUM(A1)`);
    assert.equal(ws.getCell('C5').formula, undefined);
  });

  it('says nothing about samples for a checklist that is not one', async () => {
    const ws = await load(await renderChecklistWorkbook({ ...view, ruleSet: { code: 'api-checklist', name: 'API接続チェックリスト', sample: false }, edition: { label: '2018年10月版', publishedOn: null } }));
    assert.equal(ws.getCell('A2').value, '現状・課題・改善計画の欄に記入してください。');
  });
});
