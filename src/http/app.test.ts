import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { before, it } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { catalog } from '../modules/catalog/index.js';
import { describeEachDatabase } from '../testing/db.js';
import { checklist, standards11, standards12 } from '../testing/fixtures.js';
import { signedIn, type SignedIn } from '../testing/auth.js';
import { buildApp } from './app.js';

const enc = encodeURIComponent;

describeEachDatabase('HTTP API', (ctx) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let secretariat: SignedIn;
  /** Every call as a signed-in secretariat editor (cookie and CSRF token). */
  const call = (o: InjectOptions) => app.inject({ ...o, headers: { ...secretariat.headers, ...((o.headers as Record<string, string> | undefined) ?? {}) } });
  before(async () => {
    app = await buildApp({ db: ctx.db });
    secretariat = await signedIn(app, ctx.db, { type: 'secretariat', role: 'editor' });
  });

  it('imports documents posted as YAML and as JSON', async () => {
    const r1 = await call({ method: 'POST', url: '/api/imports', headers: { 'content-type': 'application/yaml' }, payload: standards11 });
    assert.equal(r1.statusCode, 201, r1.body);
    assert.deepEqual(r1.json().counts, { provisions: 5 });
    const doc = catalog.parseInterchange(standards12, 'x.yaml');
    const r2 = await call({ method: 'POST', url: '/api/imports', payload: doc });
    assert.equal(r2.statusCode, 201, r2.body);
    const r3 = await call({ method: 'POST', url: '/api/imports', headers: { 'content-type': 'application/yaml' }, payload: checklist });
    assert.equal(r3.statusCode, 201, r3.body);
  });

  it('rejects an invalid document with every problem and its pointer', async () => {
    const bad = standards11.replace('label: 第1版', 'label: 第5版').replace('publishedOn: 2023-03', 'publishedOn: 2023-13').replace('kind: standard\n  publisher', 'kind: rules\n  publisher');
    const r = await call({ method: 'POST', url: '/api/imports', headers: { 'content-type': 'application/yaml' }, payload: bad });
    assert.equal(r.statusCode, 400);
    const body = r.json();
    assert.equal(body.error.code, 'catalog.interchange_invalid');
    const wheres = body.error.problems.map((p: { where: string }) => p.where.replace(/ \(line \d+\)$/, '')).sort();
    assert.deepEqual(wheres, ['/edition/publishedOn', '/ruleSet/kind']);
    for (const p of body.error.problems) {
      assert.ok(p.messageJa && p.messageEn);
    }
    const editions = await call({ url: '/api/rule-sets/test-standards' });
    assert.deepEqual(editions.json().editions.map((e: { label: string }) => e.label), ['第1版', '第2版']);
  });

  it('lists rule sets, editions, provisions and items, in both directions', async () => {
    const rs = (await call({ url: '/api/rule-sets' })).json();
    assert.deepEqual(rs.map((r: { code: string }) => r.code), ['test-checklist', 'test-standards']);
    const provisions = await call({ url: `/api/rule-sets/test-standards/editions/${enc('第2版')}/provisions?q=${enc('実 16')}` });
    assert.deepEqual(provisions.json().map((p: { code: string }) => p.code), ['実16']);
    const p = await call({ url: `/api/rule-sets/test-standards/editions/${enc('第2版')}/provisions/${enc('統14')}` });
    assert.deepEqual(p.json().citedBy.map((c: { number: number }) => c.number), [3]);
    const item = await call({ url: `/api/rule-sets/test-checklist/editions/${enc('2018年10月版')}/items/22` });
    assert.deepEqual(item.json().references.map((r: { provision: string }) => r.provision), ['実16']);
  });

  it('answers 404 with a stable code and both languages', async () => {
    const r = await call({ url: `/api/rule-sets/test-standards/editions/${enc('第9版')}` });
    assert.equal(r.statusCode, 404);
    assert.equal(r.json().error.code, 'catalog.edition_not_found');
    assert.match(r.json().error.messageJa, /第9版/);
    assert.match(r.json().error.messageEn, /not found/);
    const route = await call({ url: '/api/nothing-here' });
    assert.equal(route.statusCode, 404);
    assert.equal(route.json().error.code, 'request.route_not_found');
    const bad = await call({ url: `/api/analyses/not-a-uuid` });
    assert.equal(bad.statusCode, 404);
  });

  it('creates an analysis, edits a row, and shows it in every format', async () => {
    const created = await call({ method: 'POST', url: '/api/analyses', payload: { ruleSet: 'test-standards', from: '第1版', to: '第2版' } });
    assert.equal(created.statusCode, 201, created.body);
    const a = created.json();
    const row = a.rows.find((r: { provisionCodes: string[] }) => r.provisionCodes[0] === '統14');
    const patched = await call({
      method: 'PATCH',
      url: `/api/analyses/${a.id}/rows/${row.id}`,
      payload: { summary: '用語の見直し', revisionNeeded: false, reason: '確認項目3で確認済み' },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().summary, '用語の見直し');
    const noReason = await call({ method: 'PATCH', url: `/api/analyses/${a.id}/rows/${row.id}`, payload: { revisionNeeded: true, reason: null } });
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().error.problems[0].where, '/reason');

    const md = await call({ url: `/api/analyses/${a.id}?format=markdown` });
    assert.match(md.headers['content-type'] as string, /text\/markdown/);
    assert.match(md.body, /<u>サイバーセキュリティ（<\/u>/);
    assert.match(md.body, /用語の見直し/);
    const html = await call({ url: `/api/analyses/${a.id}?format=html` });
    assert.match(html.body, /<u>サイバーセキュリティ（<\/u>/);
    const xlsx = await call({ url: `/api/analyses/${a.id}?format=xlsx` });
    assert.match(xlsx.headers['content-disposition'] as string, /filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.equal(wb.worksheets.length, 1);
    const list = await call({ url: '/api/analyses' });
    assert.equal(list.json().length, 1);
  });

  it('compares without storing', async () => {
    const r = await call({ url: `/api/comparisons?ruleSet=test-standards&from=${enc('第1版')}&to=${enc('第2版')}` });
    assert.equal(r.statusCode, 200);
    assert.deepEqual(r.json().counts, { new: 1, removed: 1, changed: 1, unchanged: 3, unknown: 0 });
    assert.equal((await call({ url: '/api/analyses' })).json().length, 1);
  });

  it('creates an edition from an uploaded xlsx comparison table, and rejects a bad CSV by cell', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('新旧対照表');
    ws.addRow(['基準番号', '旧', '新']);
    ws.addRow(['実16', 'CD/ATM 等を利用したカード取引においては、暗証番号が規定回数誤入力された場合、以後のカード取引を禁止する。', 'CD/ATM 等やデビットカード端末を利用したカード取引においては、暗証番号が規定回数誤入力された場合、以後のカード取引を禁止する。']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const q = `ruleSet=test-standards&base=${enc('第2版')}&newLabel=${enc('第3版')}&publishedOn=2025-03&fileName=t.xlsx`;
    const r = await call({
      method: 'POST',
      url: `/api/analyses/from-table?${q}`,
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      payload: buf,
    });
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual(r.json().rows.map((x: { tag: string }) => x.tag), ['【下線部追加】']);
    assert.deepEqual(r.json().rows[0].items.map((i: { number: number }) => i.number), [22]);

    const badCsv = iconv.encode('基準番号,旧,新\r\n実16,,\r\n', 'cp932');
    const q2 = `ruleSet=test-standards&base=${enc('第2版')}&newLabel=${enc('第4版')}&publishedOn=2025-03&fileName=t.csv`;
    const bad = await call({ method: 'POST', url: `/api/analyses/from-table?${q2}`, headers: { 'content-type': 'text/csv' }, payload: badCsv });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'revision.comparison_table_invalid');
    assert.match(bad.json().error.problems[0].where, /B2|C2/);
  });

  it('exports an edition and records the export in the audit log', async () => {
    const r = await call({ url: `/api/rule-sets/test-standards/editions/${enc('第1版')}/export?format=json` });
    assert.equal(r.statusCode, 200);
    assert.equal(r.json().kind, 'ruleSetEdition');
    const audit = await call({ url: '/api/audit?action=catalog.exported' });
    assert.equal(audit.statusCode, 403, 'an editor may not read the audit log');
    const rows = await ctx.db.selectFrom('audit_entry').select(['action', 'target_id']).where('action', '=', 'catalog.exported').execute();
    assert.deepEqual(rows, [{ action: 'catalog.exported', target_id: 'test-standards 第1版' }]);
  });

  it('publishes an OpenAPI document listing the endpoints', async () => {
    const r = await call({ url: '/api/openapi.json' });
    assert.equal(r.statusCode, 200);
    const paths = Object.keys(r.json().paths);
    for (const p of ['/api/rule-sets', '/api/imports', '/api/analyses', '/api/analyses/{id}/rows/{rowId}', '/api/comparisons']) {
      assert.ok(paths.includes(p), `${p} missing from ${paths.join(', ')}`);
    }
  });
});
