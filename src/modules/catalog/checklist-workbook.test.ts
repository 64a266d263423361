import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { AppError } from '../../lib/errors.js';
import { renderChecklistWorkbook } from '../../render/checklist-workbook.js';
import { describeEachDatabase } from '../../testing/db.js';
import { SYSTEM_ACTOR } from '../audit/index.js';
import { createOrganisation } from '../identity/index.js';
import { loadReferenceData } from '../reference/load-reference.js';
import { loadSampleChecklist, SAMPLE_CHECKLIST } from '../reference/load-sample.js';
import { parseReferenceCode, readChecklistWorkbook, resolveRuleSet, type RuleSetRef } from './checklist-workbook.js';
import { catalog } from './index.js';

const FISC_HEADER = ['No.', '区分', '確認項目', '対象', '現状', '課題', '改善計画', '関連規定', '関連規定の該当箇所', '備考'];

/** A workbook with one sheet of these rows (row 1 first); `merge` ranges such as 'B4:B5'. */
async function workbook(rows: (string | number | null)[][], o: { sheet?: string; merge?: string[]; extraSheetFirst?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (o.extraSheetFirst) wb.addWorksheet('記入要領').addRow(['この様式の使い方']);
  const ws = wb.addWorksheet(o.sheet ?? 'チェックリスト');
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 1);
    r.forEach((v, j) => {
      if (v !== null) row.getCell(j + 1).value = v;
    });
  });
  for (const m of o.merge ?? []) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const RULE_SETS: RuleSetRef[] = [
  { code: 'fisc-security-standards', name: '金融機関等コンピュータシステムの安全対策基準・解説書', shortName: 'FISC 安全対策基準' },
  { code: 'zengin-open-api-report-sample', name: 'オープンAPIのあり方に関する検討会報告書（サンプル：節番号のみ）', shortName: '全銀協報告書（サンプル）' },
  { code: 'api-guidelines', name: 'APIガイドライン', shortName: null },
];

/** FISC's layout: a title, a blank row, the header in row 3; items from row 4. */
const fiscRows = (items: (string | number | null)[][]) => [['API接続チェックリスト（テスト）'], [], FISC_HEADER, ...items];

const problemsOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    return { code: e.code, problems: e.problems };
  }
  assert.fail('expected an error');
};

describe('reading a checklist workbook in FISC’s layout', () => {
  it('finds the header under the title, ignores the answer columns, and reads each item', async () => {
    const data = await workbook(
      fiscRows([
        [1, '情報・セキュリティ管理態勢', '責任者を定めているか。', '電子決済等代行業者', '定めている', '', '', '安全対策基準', '統 14, 監１', '組織図を添付'],
        [2, null, '方針を策定しているか。', '電子決済等代行業者', null, null, null, 'FISC安全対策基準\n全銀協報告書', '実 103 - 1\n3.3.1 d', null],
        [3, 'システム開発・運用管理', '権限を見直しているか。', null, null, null, null, 'api-guidelines', 'C14', null],
      ]),
    );
    const r = await readChecklistWorkbook(data, { fileName: 'x.xlsx', ruleSets: RULE_SETS });
    assert.equal(r.sheet, 'チェックリスト');
    assert.equal(r.title, 'API接続チェックリスト（テスト）');
    assert.equal(r.headerRow, 3);
    assert.deepEqual(r.items, [
      {
        number: 1,
        category: '情報・セキュリティ管理態勢',
        text: '責任者を定めているか。',
        subjectParty: '電子決済等代行業者',
        references: [
          { ruleSet: 'fisc-security-standards', provision: '統14' },
          { ruleSet: 'fisc-security-standards', provision: '監1' },
        ],
        remarks: '組織図を添付',
      },
      {
        number: 2,
        // An empty 区分 continues the one above, as FISC's sheets write a category once per group.
        category: '情報・セキュリティ管理態勢',
        text: '方針を策定しているか。',
        subjectParty: '電子決済等代行業者',
        references: [
          { ruleSet: 'fisc-security-standards', provision: '実103-1' },
          { ruleSet: 'zengin-open-api-report-sample', provision: '3.3.1', subPart: 'd' },
        ],
      },
      {
        number: 3,
        category: 'システム開発・運用管理',
        text: '権限を見直しているか。',
        references: [{ ruleSet: 'api-guidelines', provision: '統14' }],
      },
    ]);
    assert.equal(r.cells.get('/items/1/references/1/provision'), 'シート「チェックリスト」I5');
    assert.equal(r.cells.get('/items/2/text'), 'シート「チェックリスト」C6');
  });

  it('reads a 区分 merged over several rows as the category of each, and finds the checklist sheet behind another', async () => {
    const data = await workbook(
      fiscRows([
        [1, '外部委託管理', '委託先を評価しているか。', null, null, null, null, null, null, null],
        [2, null, '契約に盛り込んでいるか。', null, null, null, null, null, null, null],
        [3, '利用者保護', '同意を得ているか。', null, null, null, null, null, null, null],
      ]),
      { merge: ['B4:B5'], extraSheetFirst: true },
    );
    const r = await readChecklistWorkbook(data, { fileName: 'x.xlsx', ruleSets: RULE_SETS });
    assert.deepEqual(
      r.items.map((i) => [i.number, i.category]),
      [
        [1, '外部委託管理'],
        [2, '外部委託管理'],
        [3, '利用者保護'],
      ],
    );
  });

  it('reports an empty question at its cell, in Japanese and in English', async () => {
    const rows: (string | number | null)[][] = [];
    for (let n = 1; n <= 9; n++) rows.push([n, '情報・セキュリティ管理態勢', n === 9 ? null : `確認${n}をしているか。`, null, null, null, null, null, null, null]);
    const { code, problems } = await problemsOf(readChecklistWorkbook(await workbook(fiscRows(rows)), { fileName: 'x.xlsx', ruleSets: RULE_SETS }));
    assert.equal(code, 'catalog.workbook_invalid');
    assert.deepEqual(problems, [
      { where: 'シート「チェックリスト」C12', messageJa: 'シート「チェックリスト」C12: 確認項目が空です', messageEn: 'sheet チェックリスト C12: the question (確認項目) is empty' },
    ]);
  });

  it('reports every problem of the sheet at once, each at its cell', async () => {
    const data = await workbook(
      fiscRows([
        ['一', '情報・セキュリティ管理態勢', 'a をしているか。', null, null, null, null, null, null, null],
        [2, '情報・セキュリティ管理態勢', 'b をしているか。', null, null, null, null, '安全対策ガイド', '統1', null],
        [2, '情報・セキュリティ管理態勢', 'c をしているか。', null, null, null, null, 'FISC 安全対策基準\n全銀協報告書', '統1\n3.3.1\n3.3.2', null],
        [4, '情報・セキュリティ管理態勢', 'd をしているか。', null, null, null, null, '安全対策基準', null, null],
      ]),
    );
    const { problems } = await problemsOf(readChecklistWorkbook(data, { fileName: 'x.xlsx', ruleSets: RULE_SETS }));
    assert.deepEqual(
      problems.map((p) => p.where),
      ['シート「チェックリスト」A4', 'シート「チェックリスト」H5', 'シート「チェックリスト」A6', 'シート「チェックリスト」I6', 'シート「チェックリスト」I7'],
    );
    assert.match(problems[0]!.messageJa, /No\.「一」は正の整数ではありません/);
    assert.match(problems[1]!.messageJa, /関連規定「安全対策ガイド」に当たる規程・基準がカタログにありません/);
    assert.match(problems[2]!.messageJa, /No\. 2 が重複しています（A5 と同じ）/);
    assert.match(problems[3]!.messageEn, /2 related rules but 3 lines/);
    assert.match(problems[4]!.messageJa, /関連規定の該当箇所が空です/);
  });

  it('says where the header was looked for when the sheet is not in FISC’s layout', async () => {
    const data = await workbook([['番号', '質問', '回答']]);
    const { problems } = await problemsOf(readChecklistWorkbook(data, { fileName: 'x.xlsx', ruleSets: RULE_SETS }));
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.where, 'シート「チェックリスト」');
    assert.match(problems[0]!.messageJa, /見出し行（No\. \/ 区分 \/ 確認項目 …）が見つかりません/);
  });

  it('refuses a file that is not a workbook', async () => {
    const { code } = await problemsOf(readChecklistWorkbook(Buffer.from('No.,区分\n1,a\n'), { fileName: 'x.xlsx', ruleSets: RULE_SETS }));
    assert.equal(code, 'catalog.workbook_unreadable');
  });
});

describe('reading another layout through a column mapping', () => {
  const bankRows = [
    ['A銀行 API接続 確認シート'],
    ['項番', '質問内容', '回答', '根拠', '根拠規定'],
    ['1', '責任者を定めていますか。', 'はい', 'FISC', '統14'],
    ['2', '教育を行っていますか。', '', '', ''],
  ];

  it('finds the columns by their headers, with a category for every item and aliases for rule sets', async () => {
    const r = await readChecklistWorkbook(await workbook(bankRows, { sheet: '確認シート' }), {
      fileName: 'bank.xlsx',
      ruleSets: RULE_SETS,
      mapping: { columns: { number: '項番', text: '質問内容', references: '根拠', referenceCodes: '根拠規定' }, defaultCategory: 'A銀行の確認事項', ruleSets: { FISC: 'fisc-security-standards' } },
    });
    assert.equal(r.headerRow, 2);
    assert.deepEqual(r.items, [
      { number: 1, category: 'A銀行の確認事項', text: '責任者を定めていますか。', references: [{ ruleSet: 'fisc-security-standards', provision: '統14' }] },
      { number: 2, category: 'A銀行の確認事項', text: '教育を行っていますか。', references: [] },
    ]);
  });

  it('finds the columns by their letters below the given header row', async () => {
    const r = await readChecklistWorkbook(await workbook(bankRows), {
      fileName: 'bank.xlsx',
      ruleSets: RULE_SETS,
      mapping: { headerRow: 2, columns: { number: 'A', text: 'b' }, defaultCategory: '確認事項' },
    });
    assert.deepEqual(
      r.items.map((i) => [i.number, i.text]),
      [
        [1, '責任者を定めていますか。'],
        [2, '教育を行っていますか。'],
      ],
    );
  });

  it('names the header the mapping expects when the sheet lacks it', async () => {
    const { problems } = await problemsOf(
      readChecklistWorkbook(await workbook(bankRows), { fileName: 'bank.xlsx', ruleSets: RULE_SETS, mapping: { headerRow: 2, columns: { number: '項番', text: '確認内容' }, defaultCategory: 'x' } }),
    );
    assert.deepEqual(
      problems.map((p) => [p.where, p.messageJa]),
      [['シート「チェックリスト」 2行目', 'シート「チェックリスト」2行目: 見出し行に「確認内容」の列がありません（確認項目）']],
    );
  });
});

describe('the 関連規定 columns', () => {
  it('name a rule set by its code, name or short name, with or without a bracketed note', () => {
    assert.deepEqual(resolveRuleSet('安全対策基準', RULE_SETS), { code: 'fisc-security-standards' });
    assert.deepEqual(resolveRuleSet('ＦＩＳＣ安全対策基準', RULE_SETS), { code: 'fisc-security-standards' });
    assert.deepEqual(resolveRuleSet('全銀協報告書', RULE_SETS), { code: 'zengin-open-api-report-sample' });
    assert.deepEqual(resolveRuleSet('api-guidelines', RULE_SETS), { code: 'api-guidelines' });
    assert.deepEqual(resolveRuleSet('報告書', RULE_SETS), { code: 'zengin-open-api-report-sample' });
    assert.deepEqual(resolveRuleSet('マニュアル', RULE_SETS), { unknown: true });
    assert.deepEqual(resolveRuleSet('基準', [...RULE_SETS, { code: 'other', name: '別の基準', shortName: null }]), { ambiguous: ['fisc-security-standards', 'other'] });
  });

  it('write codes loosely, and a section with its sub-part letter', () => {
    assert.deepEqual(parseReferenceCode(' 実 103 - 1 '), { provision: '実103-1' });
    assert.deepEqual(parseReferenceCode('Ｃ１４'), { provision: '統14' });
    assert.deepEqual(parseReferenceCode('3.3.1 d'), { provision: '3.3.1', subPart: 'd' });
    assert.deepEqual(parseReferenceCode('3.3.3-e'), { provision: '3.3.3', subPart: 'e' });
    assert.deepEqual(parseReferenceCode('3.3.2'), { provision: '3.3.2' });
  });
});

describeEachDatabase('importing a checklist workbook', (ctx) => {
  let bankId: string;
  let otherBankId: string;
  before(async () => {
    await ctx.db.transaction().execute(async (trx) => {
      await loadReferenceData({ trx });
      await loadSampleChecklist({ trx, actor: SYSTEM_ACTOR });
      bankId = (await createOrganisation({ trx, actor: SYSTEM_ACTOR, auth: null, type: 'secretariat', name: 'テスト事務局A' })).id;
      otherBankId = (await createOrganisation({ trx, actor: SYSTEM_ACTOR, auth: null, type: 'secretariat', name: 'テスト事務局B' })).id;
    });
  });
  const editions = async (code: string) => (await catalog.getRuleSet({ trx: ctx.db, code })).editions.map((e) => e.label);
  const importIt = (data: Buffer, o: Partial<Parameters<typeof catalog.importChecklistWorkbook>[0]> = {}) =>
    ctx.db.transaction().execute((trx) =>
      catalog.importChecklistWorkbook({ trx, actor: SYSTEM_ACTOR, data, fileName: 'fisc.xlsx', ruleSet: 'api-checklist', label: '2025年4月版', ...o }),
    );

  it('imports a FISC-layout workbook as a new edition through the catalog’s import', async () => {
    const data = await workbook(
      fiscRows([
        [3, '情報・セキュリティ管理態勢', '教育を行っているか。', '電子決済等代行業者', null, null, null, '安全対策基準', '統14, 監1', null],
        [22, 'システム開発・運用管理', '認証しているか。', '電子決済等代行業者', null, null, null, 'FISC安全対策基準\n全銀協報告書', '実1, 実8\n3.3.3 e', '備考欄'],
      ]),
    );
    const r = await importIt(data, { publishedOn: '2025-04' });
    assert.deepEqual(r.counts, { items: 2, crossReferences: 5 });
    const items = await catalog.listChecklistItems({ trx: ctx.db, ruleSetCode: 'api-checklist', label: '2025年4月版' });
    assert.deepEqual(
      items.map((i) => [i.number, i.text, i.remarks, i.references.map((x) => `${x.ruleSet} ${x.provision}${x.subPart ? ` ${x.subPart}` : ''}`)]),
      [
        [3, '教育を行っているか。', null, ['fisc-security-standards 統14', 'fisc-security-standards 監1']],
        [22, '認証しているか。', '備考欄', ['fisc-security-standards 実1', 'fisc-security-standards 実8', 'zengin-open-api-report-sample 3.3.3 e']],
      ],
    );
    const ed = await catalog.getEdition({ trx: ctx.db, ruleSetCode: 'api-checklist', label: '2025年4月版' });
    assert.equal(ed.publishedOn, '2025-04');
  });

  it('refuses to import the same workbook as the same edition again, and changes nothing', async () => {
    const before = await editions('api-checklist');
    const data = await workbook(fiscRows([[1, '区分', '何かをしているか。', null, null, null, null, null, null, null]]));
    const { code } = await problemsOf(importIt(data));
    assert.equal(code, 'catalog.edition_exists');
    assert.deepEqual(await editions('api-checklist'), before);
  });

  it('reports a code the catalog does not have at its cell and writes nothing', async () => {
    const data = await workbook(
      fiscRows([
        [1, '情報・セキュリティ管理態勢', 'a をしているか。', null, null, null, null, '安全対策基準', '統14', null],
        [2, '情報・セキュリティ管理態勢', 'b をしているか。', null, null, null, null, '安全対策基準', '統14, 統999', null],
      ]),
    );
    const { code, problems } = await problemsOf(importIt(data, { label: '壊れた版' }));
    assert.equal(code, 'catalog.import_invalid');
    assert.deepEqual(
      problems.map((p) => [p.where, p.messageJa, p.messageEn]),
      [['シート「チェックリスト」I5', 'シート「チェックリスト」I5: 「fisc-security-standards」に基準番号「統999」がありません', 'sheet チェックリスト I5: rule set fisc-security-standards has no provision 統999']],
    );
    assert.ok(!(await editions('api-checklist')).includes('壊れた版'));
  });

  it('exports サンプル第1版 in FISC’s layout and imports it back as a new edition with equal items', async () => {
    const view = await catalog.getChecklistWorkbookView({ trx: ctx.db, ruleSetCode: SAMPLE_CHECKLIST.ruleSet, label: SAMPLE_CHECKLIST.first });
    const data = await renderChecklistWorkbook(view);
    const r = await importIt(data, { ruleSet: SAMPLE_CHECKLIST.ruleSet, label: 'サンプル第1版（Excel）' });
    assert.equal(r.counts.items, view.rows.length);
    const [a, b] = await Promise.all(
      [SAMPLE_CHECKLIST.first, 'サンプル第1版（Excel）'].map((label) => catalog.listChecklistItems({ trx: ctx.db, ruleSetCode: SAMPLE_CHECKLIST.ruleSet, label })),
    );
    assert.equal(a!.length, 60);
    assert.deepEqual(b, a);
    const rs = await catalog.getRuleSet({ trx: ctx.db, code: SAMPLE_CHECKLIST.ruleSet });
    assert.equal(rs.sample, true, 'the rule set stays a sample');
  });

  it('keeps a text that starts like a formula as text through export and import', async () => {
    const data = await workbook(fiscRows([[1, '区分', '=HYPERLINK("http://example.invalid","押してください")', null, null, null, null, null, null, '+81 を付けるか']]));
    await importIt(data, { label: '式の版' });
    const view = await catalog.getChecklistWorkbookView({ trx: ctx.db, ruleSetCode: 'api-checklist', label: '式の版' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderChecklistWorkbook(view)) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const cell = wb.worksheets[0]!.getCell('C4');
    assert.equal(cell.value, `'=HYPERLINK("http://example.invalid","押してください")`);
    assert.equal(cell.formula, undefined);
    await importIt(await renderChecklistWorkbook(view), { label: '式の版（再）' });
    const items = await catalog.listChecklistItems({ trx: ctx.db, ruleSetCode: 'api-checklist', label: '式の版（再）' });
    assert.equal(items[0]!.text, '=HYPERLINK("http://example.invalid","押してください")');
    assert.equal(items[0]!.remarks, '+81 を付けるか');
  });

  it('imports another layout through the organisation’s saved mapping, which another organisation cannot use', async () => {
    await ctx.db.transaction().execute((trx) =>
      catalog.createColumnMapping({
        trx,
        actor: { userId: null, organisationId: bankId },
        organisationId: bankId,
        kind: 'checklistWorkbook',
        name: 'A銀行様式',
        mapping: { columns: { number: '項番', category: '分類', text: '質問内容' } },
      }),
    );
    const data = await workbook([['項番', '分類', '質問内容'], [1, '管理態勢', '責任者はいますか。']], { sheet: 'Sheet1' });
    const { code } = await problemsOf(importIt(data, { label: '様式の版', mapping: 'A銀行様式', organisationId: otherBankId }));
    assert.equal(code, 'catalog.column_mapping_not_found');
    const r = await importIt(data, { label: '様式の版', mapping: 'A銀行様式', organisationId: bankId });
    assert.equal(r.sheet, 'Sheet1');
    const items = await catalog.listChecklistItems({ trx: ctx.db, ruleSetCode: 'api-checklist', label: '様式の版' });
    assert.deepEqual(items.map((i) => [i.number, i.category, i.text]), [[1, '管理態勢', '責任者はいますか。']]);
  });

  it('lists only the organisation’s own mappings and refuses a second one of the same name', async () => {
    assert.deepEqual((await catalog.listColumnMappings({ trx: ctx.db, organisationId: bankId })).map((m) => m.name), ['A銀行様式']);
    assert.deepEqual(await catalog.listColumnMappings({ trx: ctx.db, organisationId: otherBankId }), []);
    const { code } = await problemsOf(
      ctx.db.transaction().execute((trx) =>
        catalog.createColumnMapping({ trx, actor: SYSTEM_ACTOR, organisationId: bankId, kind: 'checklistWorkbook', name: 'A銀行様式', mapping: { columns: { number: 'A', text: 'B' }, headerRow: 1, defaultCategory: 'x' } }),
      ),
    );
    assert.equal(code, 'catalog.column_mapping_exists');
  });

  it('refuses a mapping with every problem at its pointer', async () => {
    const { code, problems } = await problemsOf(
      ctx.db.transaction().execute((trx) => catalog.createColumnMapping({ trx, actor: SYSTEM_ACTOR, organisationId: bankId, kind: 'checklistWorkbook', name: '壊れた様式', mapping: { columns: { number: 'A', text: 'B', references: 'C' } } })),
    );
    assert.equal(code, 'catalog.column_mapping_invalid');
    assert.deepEqual(problems.map((p) => p.where).sort(), ['/mapping/columns/category', '/mapping/columns/referenceCodes', '/mapping/headerRow']);
  });
});
