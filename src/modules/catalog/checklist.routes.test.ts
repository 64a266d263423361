import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, it } from 'node:test';
import ExcelJS from 'exceljs';
import { buildApp } from '../../http/app.js';
import { signedIn, type SignedIn } from '../../testing/auth.js';
import { describeEachDatabase } from '../../testing/db.js';
import { SYSTEM_ACTOR } from '../audit/index.js';
import { loadReferenceData } from '../reference/load-reference.js';
import { loadSampleChecklist, SAMPLE_DIR } from '../reference/load-sample.js';
import { catalog } from './index.js';

const enc = encodeURIComponent;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function fiscWorkbook(items: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('チェックリスト');
  ws.addRow(['テスト用チェックリスト']);
  ws.addRow(['No.', '区分', '確認項目', '対象', '現状', '課題', '改善計画', '関連規定', '関連規定の該当箇所', '備考']);
  for (const i of items) ws.addRow(i);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeEachDatabase('checklist content over HTTP', (ctx) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let editor: SignedIn;
  let otherSecretariat: SignedIn;
  let bank: SignedIn;
  before(async () => {
    await ctx.db.transaction().execute(async (trx) => {
      await loadReferenceData({ trx });
      await loadSampleChecklist({ trx, actor: SYSTEM_ACTOR });
      const second = readFileSync(path.join(SAMPLE_DIR, 'api-checklist-sample-2.yaml'), 'utf8');
      await catalog.importDocument({ trx, doc: catalog.parseInterchange(second, 'api-checklist-sample-2.yaml') });
    });
    app = await buildApp({ db: ctx.db });
    editor = await signedIn(app, ctx.db, { type: 'secretariat', role: 'editor' });
    otherSecretariat = await signedIn(app, ctx.db, { type: 'secretariat', role: 'editor' });
    bank = await signedIn(app, ctx.db, { type: 'bank', role: 'admin' });
  });

  it('answers the item changes between two checklist editions', async () => {
    const r = await app.inject({ url: `/api/rule-sets/api-checklist-sample/item-changes?from=${enc('サンプル第1版')}&to=${enc('サンプル第2版')}`, headers: bank.headers });
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json();
    assert.deepEqual(body.counts, { added: 0, changed: 2, removed: 0, unchanged: 58 });
    assert.deepEqual(
      body.rows.filter((x: { change: string }) => x.change === 'changed').map((x: { number: number; fields: string[] }) => [x.number, x.fields]),
      [
        [27, ['text']],
        [40, ['text']],
      ],
    );
    const missing = await app.inject({ url: `/api/rule-sets/api-checklist-sample/item-changes?from=${enc('サンプル第1版')}`, headers: bank.headers });
    assert.equal(missing.statusCode, 400);
  });

  it('shows the sample flag and each item’s question in the catalog API', async () => {
    const list = (await app.inject({ url: '/api/rule-sets', headers: bank.headers })).json();
    assert.equal(list.find((r: { code: string }) => r.code === 'api-checklist-sample').sample, true);
    assert.equal(list.find((r: { code: string }) => r.code === 'api-checklist').sample, false);
    const item = (await app.inject({ url: `/api/rule-sets/api-checklist-sample/editions/${enc('サンプル第1版')}/items/39`, headers: bank.headers })).json();
    assert.match(item.text, /参照系・更新系の別/);
    assert.equal(item.objective, '利用者の利便性と、リスクに見合った利用者保護を実現する認証強度とする。');
  });

  it('downloads an edition as a FISC-layout workbook under its Japanese name, and audits the download', async () => {
    const r = await app.inject({ url: `/api/rule-sets/api-checklist-sample/editions/${enc('サンプル第1版')}/workbook`, headers: bank.headers });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.headers['content-type'], XLSX);
    assert.match(String(r.headers['content-disposition']), new RegExp(`filename\\*=UTF-8''${enc('API接続チェックリスト（サンプル）-サンプル第1版.xlsx').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
    assert.equal(wb.worksheets[0]!.getCell('C3').value, '確認項目');
    assert.equal(wb.worksheets[0]!.rowCount, 3 + 60);
    const audit = await ctx.db.selectFrom('audit_entry').select(['action', 'details']).where('action', '=', 'catalog.exported').where('actor_user_id', '=', bank.userId).execute();
    assert.deepEqual(audit.map((a) => a.details), [{ format: 'xlsx' }]);
  });

  it('imports a workbook as a new edition, then refuses the same edition again with 409', async () => {
    const data = await fiscWorkbook([[1, '情報・セキュリティ管理態勢', '責任者を定めているか。', '電子決済等代行業者', null, null, null, '安全対策基準', '統14', null]]);
    const url = `/api/checklist-workbooks?ruleSet=api-checklist&label=${enc('2026年4月版')}&publishedOn=2026-04&fileName=${enc('チェックリスト.xlsx')}`;
    const r = await app.inject({ method: 'POST', url, headers: { ...editor.headers, 'content-type': XLSX }, payload: data });
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual(r.json().counts, { items: 1, crossReferences: 1 });
    const again = await app.inject({ method: 'POST', url, headers: { ...editor.headers, 'content-type': XLSX }, payload: data });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'catalog.edition_exists');
  });

  it('answers 400 with every problem at its cell, and writes nothing', async () => {
    const data = await fiscWorkbook([
      [1, '情報・セキュリティ管理態勢', null, null, null, null, null, null, null, null],
      [2, '情報・セキュリティ管理態勢', '教育しているか。', null, null, null, null, '安全対策基準', '統999', null],
    ]);
    const r = await app.inject({ method: 'POST', url: `/api/checklist-workbooks?ruleSet=api-checklist&label=${enc('壊れた版')}`, headers: { ...editor.headers, 'content-type': XLSX }, payload: data });
    assert.equal(r.statusCode, 400);
    assert.deepEqual(
      r.json().error.problems.map((p: { where: string; messageJa: string }) => [p.where, p.messageJa]),
      [['シート「チェックリスト」C3', 'シート「チェックリスト」C3: 確認項目が空です']],
    );
    const editions = (await app.inject({ url: '/api/rule-sets/api-checklist', headers: editor.headers })).json().editions.map((e: { label: string }) => e.label);
    assert.ok(!editions.includes('壊れた版'));
    const noBody = await app.inject({ method: 'POST', url: `/api/checklist-workbooks?ruleSet=api-checklist&label=x`, headers: editor.headers, payload: {} });
    assert.equal(noBody.statusCode, 400);
    assert.equal(noBody.json().error.code, 'catalog.workbook_body_missing');
  });

  it('saves a column mapping and imports another layout through it', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/column-mappings',
      headers: editor.headers,
      payload: { kind: 'checklistWorkbook', name: '銀行様式', mapping: { columns: { number: '項番', text: '質問' }, defaultCategory: '確認事項' } },
    });
    assert.equal(created.statusCode, 201, created.body);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('質問票');
    ws.addRow(['項番', '質問']);
    ws.addRow([1, '責任者はいますか。']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await app.inject({ method: 'POST', url: `/api/checklist-workbooks?ruleSet=api-checklist&label=${enc('銀行様式の版')}&mapping=${enc('銀行様式')}`, headers: { ...editor.headers, 'content-type': XLSX }, payload: data });
    assert.equal(r.statusCode, 201, r.body);
    const bad = await app.inject({ method: 'POST', url: '/api/column-mappings', headers: editor.headers, payload: { kind: 'checklistWorkbook', name: '壊れた', mapping: { columns: { number: 'A' } } } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'catalog.column_mapping_invalid');
  });

  it('looks into a workbook of another layout and tries a mapping on it before saving, citing the catalog’s rule sets', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('確認票');
    ws.addRow(['当行版 API 確認票']);
    ws.addRow(['項番', '分類', '質問内容', '根拠', '根拠箇所']);
    ws.addRow([1, '管理態勢', '責任者を定めているか。', 'FISC 安全対策基準', '統4']);
    ws.addRow([2, null, '規程を定めているか。', null, null]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const post = (url: string, body: Buffer, who = editor) => app.inject({ method: 'POST', url, headers: { ...who.headers, 'content-type': XLSX }, payload: body });
    const seen = await post(`/api/checklist-workbooks/inspect?fileName=${enc('確認票.xlsx')}`, data);
    assert.equal(seen.statusCode, 200, seen.body);
    assert.deepEqual(seen.json().sheets[0].rows[1].cells.map((c: { column: string; text: string }) => `${c.column}:${c.text}`), ['A:項番', 'B:分類', 'C:質問内容', 'D:根拠', 'E:根拠箇所']);
    const mapping = { headerRow: 2, columns: { number: '項番', category: '分類', text: '質問内容', references: '根拠', referenceCodes: '根拠箇所' } };
    const tried = await post(`/api/checklist-workbooks/try?mapping=${enc(JSON.stringify(mapping))}`, data);
    assert.equal(tried.statusCode, 200, tried.body);
    assert.deepEqual(tried.json(), {
      sheet: '確認票',
      title: '当行版 API 確認票',
      headerRow: 2,
      total: 2,
      items: [
        { number: 1, category: '管理態勢', text: '責任者を定めているか。', references: 'FISC 安全対策基準', referenceCodes: '統4' },
        // An empty 分類 takes the row above's, as on import.
        { number: 2, category: '管理態勢', text: '規程を定めているか。', references: '', referenceCodes: '' },
      ],
    });
    const invalidMapping = (await post(`/api/checklist-workbooks/try?mapping=${enc(JSON.stringify({ columns: { number: '項番' } }))}`, data)).json();
    assert.equal(invalidMapping.error.code, 'catalog.column_mapping_invalid');
    assert.deepEqual(invalidMapping.error.problems.map((p: { where: string; messageJa: string }) => [p.where, p.messageJa]), [['/mapping/columns/text', '必須の項目「text」がありません']]);
    const wrongHeader = (await post(`/api/checklist-workbooks/try?mapping=${enc(JSON.stringify({ ...mapping, columns: { ...mapping.columns, text: '質問' } }))}`, data)).json();
    assert.equal(wrongHeader.error.code, 'catalog.workbook_invalid');
    assert.equal((await post('/api/checklist-workbooks/inspect', data, bank)).statusCode, 403);
    // Nothing was saved by looking or trying.
    assert.deepEqual((await app.inject({ url: '/api/column-mappings', headers: editor.headers })).json().map((m: { name: string }) => m.name), ['銀行様式']);
  });

  it('does not return column mappings of another organisation', async () => {
    const own = (await app.inject({ url: '/api/column-mappings', headers: editor.headers })).json();
    assert.deepEqual(own.map((m: { name: string }) => m.name), ['銀行様式']);
    const other = await app.inject({ url: '/api/column-mappings', headers: otherSecretariat.headers });
    assert.equal(other.statusCode, 200);
    assert.deepEqual(other.json(), []);
    const viaOther = await app.inject({
      method: 'POST',
      url: `/api/checklist-workbooks?ruleSet=api-checklist&label=${enc('他組織の版')}&mapping=${enc('銀行様式')}`,
      headers: { ...otherSecretariat.headers, 'content-type': XLSX },
      payload: await fiscWorkbook([[1, '区分', '何か', null, null, null, null, null, null, null]]),
    });
    assert.equal(viaOther.statusCode, 404);
    assert.equal(viaOther.json().error.code, 'catalog.column_mapping_not_found');
  });
});
