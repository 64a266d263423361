/**
 * The Excel round trip through the API, as a connector works: export the request, fill the workbook
 * in Excel (here: ExcelJS), import it; import it again and nothing changes; a workbook with mistakes
 * is refused at every cell concerned and nothing is written; another request's workbook is refused;
 * another organisation's request is not found; and a bank's own layout comes in through the mapping
 * the bank saved.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import ExcelJS from 'exceljs';
import { buildApp } from '../../http/app.js';
import { todayInJapan } from '../../lib/dates.js';
import { describeEachDatabase } from '../../testing/db.js';
import { signedIn, type SignedIn } from '../../testing/auth.js';
import { checklistV1, importChecklist } from './assessment.fixture.js';
import { addDays } from './reassessment.js';

const DUE = addDays(todayInJapan(), 30);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function open(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}
const save = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

describeEachDatabase('request workbooks (回答票の Excel 入出力)', (ctx) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let bank: SignedIn;
  let connector: SignedIn;
  let otherConnector: SignedIn;
  let request: string;
  let selfRequest: string;
  let filled: Buffer;

  const call = async (who: SignedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const r = await app.inject({ method, url, headers: who.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: r.statusCode, json: r.body && r.headers['content-type']?.toString().includes('json') ? (r.json() as any) : null, raw: r.rawPayload, headers: r.headers, body: r.body };
  };
  const ok = async (who: SignedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const r = await call(who, method, url, payload);
    assert.ok(r.status < 300, `${method} ${url} → ${r.status} ${r.body}`);
    return r.json;
  };
  const upload = async (who: SignedIn, id: string, bytes: Buffer, query = '') => {
    const r = await app.inject({ method: 'PUT', url: `/api/assessment-requests/${id}/workbook${query}`, headers: { ...who.headers, 'content-type': XLSX }, payload: bytes });
    return { status: r.statusCode, json: r.json() as any };
  };
  const download = async (who: SignedIn, id: string) => {
    const r = await app.inject({ method: 'GET', url: `/api/assessment-requests/${id}/workbook`, headers: who.headers });
    assert.equal(r.statusCode, 200, r.body);
    return { bytes: r.rawPayload, headers: r.headers };
  };
  const answers = async (id: string) =>
    (await ctx.db.selectFrom('request_answer').select(['item_number', 'choice', 'explanation', 'current_state', 'issues', 'improvement_plan', 'source']).where('request_id', '=', id).orderBy('item_number').execute()).map((a) => ({ ...a }));
  const auditCount = async (action: string) => Number((await ctx.db.selectFrom('audit_entry').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action as never).executeTakeFirstOrThrow()).n);

  before(async () => {
    app = await buildApp({ db: ctx.db, signInRateLimit: 1000 });
    await importChecklist(ctx.db, checklistV1);
    bank = await signedIn(app, ctx.db, { type: 'bank', role: 'editor' });
    connector = await signedIn(app, ctx.db, { type: 'connector', role: 'editor' });
    otherConnector = await signedIn(app, ctx.db, { type: 'connector', role: 'editor' });
    const base = { checklist: { ruleSet: 'test-checklist', edition: '第1版' }, apiTypes: ['read'], accessTypes: ['private'], labelPrefix: 'Sec-' };
    const yesNo = await ok(bank, 'POST', '/api/assessment-templates', { ...base, name: '参照系チェックシート', answerScheme: 'yes_no' });
    const selfAssessment = await ok(bank, 'POST', '/api/assessment-templates', { ...base, name: '自己評価シート', answerScheme: 'self_assessment' });
    const c1 = await ok(bank, 'POST', '/api/connections', { connectorId: connector.organisationId, serviceName: 'かんたん家計簿', apiType: 'read', access: 'private' });
    const c2 = await ok(bank, 'POST', '/api/connections', { connectorId: connector.organisationId, serviceName: '資産管理アプリ', apiType: 'read', access: 'private' });
    request = (await ok(bank, 'POST', '/api/assessment-requests', { templateId: yesNo.id, connectionId: c1.id, dueDate: DUE })).id;
    selfRequest = (await ok(bank, 'POST', '/api/assessment-requests', { templateId: selfAssessment.id, connectionId: c2.id, dueDate: DUE })).id;
    // One answer given on the web before the export.
    await ok(connector, 'PUT', `/api/assessment-requests/${request}/answers`, { items: [{ number: 1, choice: 'yes' }] });
  });

  it('exports the request as a workbook with the bank’s labels, pre-filled with the answers given on the web, under a Japanese file name', async () => {
    const { bytes, headers } = await download(connector, request);
    assert.equal(headers['content-type'], XLSX);
    assert.match(String(headers['content-disposition']), /filename\*=UTF-8''%E5%9B%9E%E7%AD%94%E7%A5%A8/); // 回答票
    const wb = await open(bytes);
    assert.deepEqual(wb.worksheets.map((w) => [w.name, w.state]), [['はじめに', 'visible'], ['ヒアリング', 'visible'], ['チェックリスト', 'visible'], ['_tsunagu', 'veryHidden']]);
    const ws = wb.getWorksheet('チェックリスト')!;
    assert.deepEqual((ws.getRow(3).values as unknown[]).slice(1), ['行内番号', 'No.', '区分', '確認項目', '回答', '②欄（いいえ・該当なしの理由）']);
    // Item 6 is 更新系 only: item 7 is the sixth of this 参照系 request.
    assert.deepEqual([4, 5, 6, 7, 8, 9].map((r) => [ws.getCell(`A${r}`).value, ws.getCell(`B${r}`).value]), [['Sec-1', 1], ['Sec-2', 2], ['Sec-3', 3], ['Sec-4', 4], ['Sec-5', 5], ['Sec-6', 7]]);
    assert.equal(ws.getCell('A10').value, null);
    assert.equal(ws.getCell('D5').value, '情報セキュリティに関する責任者を定めているか。');
    assert.equal(ws.getCell('E4').value, 'はい');
    assert.equal(ws.getCell('E5').value, null);
    const intro = wb.getWorksheet('はじめに')!;
    const texts: string[] = [];
    intro.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    assert.ok(texts.includes('かんたん家計簿'));
    assert.ok(texts.includes('参照系（口座情報取得）'));
    assert.ok(texts.includes(`${Number(DUE.slice(0, 4))}年${Number(DUE.slice(5, 7))}月${Number(DUE.slice(8, 10))}日`));
    const audit = await ctx.db.selectFrom('audit_entry').select(['actor_user_id', 'details']).where('action', '=', 'assessment.exported').where('target_id', '=', request).executeTakeFirstOrThrow();
    assert.equal(audit.actor_user_id, connector.userId);
    assert.equal((audit.details as any).document, 'workbook');
  });

  it('imports a filled workbook: answers saved as imported, unfinished ones reported at their cells, and the same file again changes nothing', async () => {
    const wb = await open((await download(connector, request)).bytes);
    const ws = wb.getWorksheet('チェックリスト')!;
    ws.getCell('E5').value = 'はい';
    ws.getCell('E6').value = 'いいえ'; // no reason in F6: allowed on import, reported as a note
    ws.getCell('E7').value = '該当なし';
    ws.getCell('F7').value = "'=HYPERLINK(\"http://example.invalid\")"; // typed as text in Excel, the apostrophe included
    ws.getCell('F8').value = '  トークンの有効期限は1時間\r\n失効 API あり  ';
    const h = wb.getWorksheet('ヒアリング')!;
    h.getCell('D5').value = '家計簿サービスへの残高・明細の取得';
    h.getCell('D6').value = 'スマートフォンアプリ';
    filled = await save(wb);

    const r = await upload(connector, request, filled);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.changed, 4);
    assert.equal(r.json.hearingChanged, true);
    assert.deepEqual(r.json.notes.map((n: any) => n.messageJa), [
      'シート「チェックリスト」F6: 「いいえ」の場合は②欄に説明を記入してください',
      'シート「チェックリスト」E8: 回答（はい／いいえ／該当なし）を選んでください',
      'シート「チェックリスト」E9: 回答（はい／いいえ／該当なし）を選んでください',
      'シート「ヒアリング」D8: 「セキュリティ責任者（部署・氏名・連絡先）」は必須です',
    ]);
    assert.deepEqual(
      (await answers(request)).map((a) => [a.item_number, a.choice, a.explanation, a.source]),
      [
        [1, 'yes', null, 'manual'],
        [2, 'yes', null, 'import'],
        [3, 'no', null, 'import'],
        [4, 'na', '=HYPERLINK("http://example.invalid")', 'import'],
        [5, null, 'トークンの有効期限は1時間\n失効 API あり', 'import'],
      ],
    );
    const view = await ok(connector, 'GET', `/api/assessment-requests/${request}`);
    assert.equal(view.hearing.accessType, 'スマートフォンアプリ');
    assert.equal(await auditCount('assessment.imported'), 1);

    const again = await upload(connector, request, filled);
    assert.equal(again.status, 200);
    assert.equal(again.json.changed, 0);
    assert.equal(again.json.hearingChanged, false);
    assert.equal(await auditCount('assessment.imported'), 1, 'an import that changes nothing writes nothing');

    // What the export now shows is what was imported, neutralised again: a round trip changes nothing either.
    const round = await open((await download(connector, request)).bytes);
    assert.equal(round.getWorksheet('チェックリスト')!.getCell('F7').value, `'=HYPERLINK("http://example.invalid")`);
    assert.equal((await upload(connector, request, await save(round))).json.changed, 0);
  });

  it('refuses a workbook with mistakes, naming every problem by sheet and cell in Japanese and English, and writes nothing', async () => {
    const before = await answers(request);
    const audits = await auditCount('assessment.answers_saved');
    const wb = await open(filled);
    const ws = wb.getWorksheet('チェックリスト')!;
    ws.getCell('E4').value = '○';
    ws.getCell('A5').value = 'Sec-20';
    ws.getCell('B6').value = 30;
    ws.getCell('F7').value = 'あ'.repeat(10_001);
    ws.getCell('E8').value = 'いいえ'; // a good change: not saved either
    ws.getCell('A10').value = 'Sec-99';
    ws.getCell('E10').value = 'はい';
    wb.getWorksheet('ヒアリング')!.getCell('D6').value = 'ファクス';
    const r = await upload(connector, request, await save(wb));
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'assessment.workbook_invalid');
    assert.match(r.json.error.messageJa, /何も取り込んでいません/);
    assert.deepEqual(r.json.error.problems.map((p: any) => p.where), [
      'シート「ヒアリング」D6',
      'シート「チェックリスト」E4',
      'シート「チェックリスト」A5',
      'シート「チェックリスト」B6',
      'シート「チェックリスト」F7',
      'シート「チェックリスト」A10',
    ]);
    const ja = r.json.error.problems.map((p: any) => p.messageJa);
    assert.equal(ja[1], 'シート「チェックリスト」E4: 「○」は回答として使えません。「はい」「いいえ」「該当なし」のいずれかにしてください');
    assert.equal(ja[2], 'シート「チェックリスト」A5: 行内番号が「Sec-2」から「Sec-20」に変わっています。行内番号・No. の列は変更しないでください');
    assert.match(ja[4], /②欄が 10,001 字あります。1万字以内にしてください/);
    assert.equal(ja[5], 'シート「チェックリスト」A10: 行内番号「Sec-99」はこの回答依頼にありません');
    assert.match(r.json.error.problems[0].messageEn, /^sheet ヒアリング D6: "ファクス" is not one of the choices/);
    assert.deepEqual(await answers(request), before);
    assert.equal(await auditCount('assessment.answers_saved'), audits);
  });

  it('refuses the workbook of another request, and a file that is not a workbook', async () => {
    const other = await download(connector, selfRequest);
    const r = await upload(connector, request, other.bytes);
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'assessment.workbook_other_request');
    assert.match(r.json.error.messageJa, new RegExp(`別の回答依頼（ID: ${selfRequest}）`));
    const junk = await upload(connector, request, Buffer.from('PK\x03\x04 not really a zip'));
    assert.equal(junk.json.error.code, 'assessment.workbook_unreadable');
  });

  it('answers 404 for another organisation’s request whatever the body, and lets only the connector import', async () => {
    assert.equal((await upload(otherConnector, request, filled)).status, 404);
    assert.equal((await call(otherConnector, 'PUT', `/api/assessment-requests/${request}/workbook`, { not: 'a workbook' })).status, 404);
    assert.equal((await call(otherConnector, 'GET', `/api/assessment-requests/${request}/workbook`)).status, 404);
    assert.equal((await upload(bank, request, filled)).status, 403);
  });

  it('gives the bank a locked copy of the submitted answers', async () => {
    const v = await ok(connector, 'GET', `/api/assessment-requests/${selfRequest}`);
    await ok(connector, 'PUT', `/api/assessment-requests/${selfRequest}/answers`, {
      items: v.items.map((i: any) => ({ number: i.number, currentState: `${i.label} の対応済み` })),
      hearing: { purpose: '資産管理', accessType: 'Web', contact: 'セキュリティ室' },
    });
    await ok(connector, 'POST', `/api/assessment-requests/${selfRequest}/submit`);
    const wb = await open((await download(bank, selfRequest)).bytes);
    const ws = wb.getWorksheet('チェックリスト')!;
    assert.deepEqual((ws.getRow(3).values as unknown[]).slice(1), ['行内番号', 'No.', '区分', '確認項目', '現状', '課題', '改善計画']);
    assert.equal(ws.getCell('E4').value, 'Sec-1 の対応済み');
    let unlocked = 0;
    for (const s of wb.worksheets) s.eachRow((row) => row.eachCell((c) => (unlocked += c.protection?.locked === false ? 1 : 0)));
    assert.equal(unlocked, 0);
    // After submission the connector cannot import either.
    const r = await upload(connector, selfRequest, await save(wb));
    assert.equal(r.status, 409);
    assert.equal(r.json.error.code, 'assessment.request_not_open');
  });

  it('during a clarification unlocks only the items asked about, and refuses a change to another at its cell', async () => {
    await ok(bank, 'PUT', `/api/assessment-requests/${selfRequest}/items/2/review`, { verdict: 'clarification' });
    const wb = await open((await download(connector, selfRequest)).bytes);
    const ws = wb.getWorksheet('チェックリスト')!;
    const unlocked: string[] = [];
    for (const s of wb.worksheets) s.eachRow((row) => row.eachCell({ includeEmpty: true }, (c) => c.protection?.locked === false && unlocked.push(`${s.name}!${c.address}`)));
    assert.deepEqual(unlocked, ['チェックリスト!E5', 'チェックリスト!F5', 'チェックリスト!G5']);
    ws.getCell('F5').value = '責任者の任命状況を確認中';
    ws.getCell('G5').value = '2026年2月までに任命し、規程に記載する';
    ws.getCell('E6').value = '書き換え';
    const refused = await upload(connector, selfRequest, await save(wb));
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.json.error.problems.map((p: any) => p.messageJa), ['シート「チェックリスト」E6: Sec-3: 説明依頼の対象ではない項目は変更できません']);
    ws.getCell('E6').value = 'Sec-3 の対応済み';
    const r = await upload(connector, selfRequest, await save(wb));
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.changed, 1);
    assert.deepEqual((await answers(selfRequest)).find((a) => a.item_number === 2), { item_number: 2, choice: null, explanation: null, current_state: 'Sec-2 の対応済み', issues: '責任者の任命状況を確認中', improvement_plan: '2026年2月までに任命し、規程に記載する', source: 'import' });
  });

  it('imports a bank’s own layout through the column mapping the bank saved, with its own answer words', async () => {
    const mapping = {
      sheet: 'セキュリティチェックシート',
      columns: { label: '項番', question: '確認内容', answer: '回答（○×－）', explanation: '補足説明' },
      answerWords: { '○': 'yes', '×': 'no', '－': 'na' },
    };
    const saved = await ok(bank, 'PUT', `/api/answer-sheet-mappings/${encodeURIComponent('当行様式2024')}`, { mapping });
    assert.equal(saved.changed, true);
    assert.equal((await ok(bank, 'PUT', `/api/answer-sheet-mappings/${encodeURIComponent('当行様式2024')}`, { mapping })).changed, false);
    const bad = await call(bank, 'PUT', `/api/answer-sheet-mappings/x`, { mapping: { columns: { label: 'B' } } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json.error.problems.map((p: any) => p.where).sort(), ['/mapping/columns/answer', '/mapping/headerRow']);
    assert.equal(await auditCount('assessment.mapping_saved'), 1);
    const visible = await ok(connector, 'GET', `/api/assessment-requests/${request}/answer-sheet-mappings`);
    assert.deepEqual(visible.map((m: any) => m.name), ['当行様式2024']);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('セキュリティチェックシート');
    ws.addRow(['API接続に関するセキュリティチェックシート']);
    ws.addRow(['回答者名:', 'テスト電代']);
    ws.addRow([]);
    ws.addRow(['項番', '確認内容', '回答（○×－）', '補足説明']);
    ws.addRow(['■ 情報・セキュリティ管理態勢']);
    ws.addRow(['Sec-1', '方針・規程', '○', '']);
    ws.addRow(['Ｓｅｃ－２', '責任者', '○', '']);
    ws.addRow(['Sec-3', '外部委託', '×', '外部委託はしていない']);
    ws.addRow(['Sec-4', '認証情報の暗号化', '－', '認証情報を保持しない']);
    const legacy = await save(wb);
    const r = await upload(connector, request, legacy, `?mapping=${encodeURIComponent('当行様式2024')}`);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.sheet, 'セキュリティチェックシート');
    assert.equal(r.json.rows, 4);
    assert.deepEqual(
      (await answers(request)).map((a) => [a.item_number, a.choice, a.explanation]),
      [
        [1, 'yes', null],
        [2, 'yes', null],
        [3, 'no', '外部委託はしていない'],
        [4, 'na', '認証情報を保持しない'],
        [5, null, 'トークンの有効期限は1時間\n失効 API あり'],
      ],
    );
    assert.equal((await upload(connector, request, legacy, `?mapping=${encodeURIComponent('当行様式2024')}`)).json.changed, 0);

    ws.getCell('C9').value = '△';
    ws.addRow(['Sec-8', '問合せ窓口', '○', '']);
    const wrong = await upload(connector, request, await save(wb), `?mapping=${encodeURIComponent('当行様式2024')}`);
    assert.deepEqual(wrong.json.error.problems.map((p: any) => p.messageJa), [
      'シート「セキュリティチェックシート」C9: 「△」は回答として使えません。「はい」「いいえ」「該当なし」のいずれかにしてください（この様式では 「○」「×」「－」 も使えます）',
      'シート「セキュリティチェックシート」A10: 行内番号「Sec-8」はこの回答依頼にありません',
    ]);
    // A route's own checks are worded like the rest: the results in a format there is none of.
    const format = await call(bank, 'GET', `/api/assessment-requests/${request}/results?format=docx`);
    assert.equal(format.status, 400);
    assert.deepEqual(format.json.error.problems, [{ where: 'querystring/format', messageJa: '次のいずれかを指定してください: xlsx, csv, pdf', messageEn: 'expected one of xlsx, csv, pdf' }]);
    const unknown = await upload(connector, request, legacy, '?mapping=none');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'assessment.mapping_not_found');
  });

  it('lets the bank look into its own answer sheet, try a mapping on it before saving, and delete a mapping', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表紙').addRow(['セキュリティチェックシート（2024年版）']);
    const ws = wb.addWorksheet('チェック表');
    ws.addRow(['API接続に関するチェック表']);
    ws.addRow([]);
    ws.addRow(['番号', '確認内容', '回答', '補足']);
    ws.addRow(['■ 管理態勢']);
    ws.addRow(['A-1', '方針・規程を定めているか', '○', '']);
    ws.addRow(['A-2', '責任者を定めているか', '△', '']);
    ws.addRow(['', '', '', '番号のない行の補足']);
    ws.addRow(['A-1', '重複', '×', '']);
    ws.addRow(['A-3', '=HYPERLINK("x")', '－', '該当しない']);
    wb.addWorksheet('隠し').state = 'hidden';
    const sample = await save(wb);
    const post = (url: string, bytes: Buffer, who = bank) => app.inject({ method: 'POST', url, headers: { ...who.headers, 'content-type': XLSX }, payload: bytes });

    const seen = await post(`/api/answer-sheet-layouts/inspect?fileName=${encodeURIComponent('当行様式.xlsx')}`, sample);
    assert.equal(seen.statusCode, 200, seen.body);
    const inspected = seen.json();
    assert.deepEqual(inspected.sheets.map((x: any) => x.name), ['表紙', 'チェック表']);
    const table = inspected.sheets[1];
    assert.equal(table.rowCount, 9);
    // Empty rows are left out; each cell by its column letter, as written (a formula-looking text too).
    assert.deepEqual(table.rows.map((r: any) => r.row), [1, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(table.rows[1].cells, [{ column: 'A', text: '番号' }, { column: 'B', text: '確認内容' }, { column: 'C', text: '回答' }, { column: 'D', text: '補足' }]);
    assert.deepEqual(table.rows[4].cells.map((c: any) => c.column), ['A', 'B', 'C']);

    const mapping = { sheet: 'チェック表', columns: { label: '番号', question: '確認内容', answer: '回答', explanation: '補足' }, answerWords: { '○': 'yes', '×': 'no', '－': 'na' } };
    const tried = await post(`/api/answer-sheet-layouts/try?mapping=${encodeURIComponent(JSON.stringify(mapping))}`, sample);
    assert.equal(tried.statusCode, 200, tried.body);
    const t = tried.json();
    assert.equal(t.headerRow, 3);
    assert.deepEqual(t.columns, { label: 'A', choice: 'C', explanation: 'D' });
    assert.deepEqual(t.rows.map((r: any) => [r.row, r.label, r.values.choice, r.values.explanation]), [
      [4, '■ 管理態勢', null, ''],
      [5, 'A-1', 'yes', ''],
      [6, 'A-2', null, ''],
      [9, 'A-3', 'na', '該当しない'],
    ]);
    assert.deepEqual(t.problems.map((p: any) => p.messageJa), [
      'シート「チェック表」C6: 「△」は回答として使えません。「はい」「いいえ」「該当なし」のいずれかにしてください（この様式では 「○」「×」「－」 も使えます）',
      'シート「チェック表」A7: 行内番号がありません（②欄が記入された行です）',
      'シート「チェック表」A8: 行内番号「A-1」の行が A5 にもあります',
    ]);
    // A header the sheet does not have, a mapping that is not one, a file that is not a workbook.
    const missing = (await post(`/api/answer-sheet-layouts/try?mapping=${encodeURIComponent(JSON.stringify({ ...mapping, columns: { ...mapping.columns, explanation: '備考' } }))}`, sample)).json();
    assert.equal(missing.error.code, 'assessment.workbook_invalid');
    assert.match(missing.error.problems[0].messageJa, /見出し（番号・回答・備考）が揃った行が上から30行以内にありません/);
    const invalidMapping = (await post(`/api/answer-sheet-layouts/try?mapping=${encodeURIComponent('{"columns":{"label":"B"}}')}`, sample)).json();
    assert.deepEqual(invalidMapping.error.problems.map((p: any) => p.where).sort(), ['/columns/answer', '/headerRow']);
    assert.equal((await post('/api/answer-sheet-layouts/inspect', Buffer.from('not a workbook'))).json().error.code, 'assessment.workbook_unreadable');
    // Only a bank's editors: the connector may not look.
    assert.equal((await post('/api/answer-sheet-layouts/inspect', sample, connector)).statusCode, 403);
    // Nothing of this was saved.
    assert.deepEqual((await ok(bank, 'GET', '/api/answer-sheet-mappings')).map((m: any) => m.name), ['当行様式2024']);

    await ok(bank, 'PUT', `/api/answer-sheet-mappings/${encodeURIComponent('チェック表様式')}`, { mapping });
    const del = await app.inject({ method: 'DELETE', url: `/api/answer-sheet-mappings/${encodeURIComponent('チェック表様式')}`, headers: bank.headers });
    assert.equal(del.statusCode, 200, del.body);
    assert.deepEqual((await ok(bank, 'GET', '/api/answer-sheet-mappings')).map((m: any) => m.name), ['当行様式2024']);
    assert.equal(await auditCount('assessment.mapping_deleted'), 1);
    const again = await app.inject({ method: 'DELETE', url: `/api/answer-sheet-mappings/${encodeURIComponent('チェック表様式')}`, headers: bank.headers });
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().error.code, 'assessment.mapping_not_found');
  });
});
