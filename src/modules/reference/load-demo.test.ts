/** `tsunagu demo load`: the tour's whole loop — demo organisations, the サンプル checklist, a 17-item 参照系 sheet, a submitted assessment. */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { getRequest, getTemplate } from '../assessment/index.js';
import type { AuthContext } from '../identity/index.js';
import { describeEachDatabase } from '../../testing/db.js';
import { loadDemoData } from './load-demo.js';
import { loadReferenceDataIfEmpty } from './load-reference.js';
import { SAMPLE_DIR } from './load-sample.js';
import { catalog } from '../catalog/index.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';

describeEachDatabase('demo data', (ctx) => {
  let loaded: Awaited<ReturnType<typeof loadDemoData>>;
  let bank: AuthContext;

  before(async () => {
    await ctx.db.transaction().execute((trx) => loadReferenceDataIfEmpty({ trx }));
    loaded = await ctx.db.transaction().execute((trx) => loadDemoData({ trx }));
    const b = await ctx.db.selectFrom('organisation').select(['id', 'name']).where('name', '=', 'デモ銀行').executeTakeFirstOrThrow();
    const u = await ctx.db.selectFrom('user_account').select(['id', 'email']).where('email', '=', 'demo-bank-admin@demo.tsunagu.local').executeTakeFirstOrThrow();
    bank = { userId: u.id, email: u.email, displayName: '', organisation: { id: b.id, type: 'bank', name: b.name }, role: 'admin', via: 'session', scopes: null, sessionId: null };
  });

  it('gives デモ銀行 a 参照系 template of 17 items of the サンプル checklist labelled Sec-1 to Sec-17', async () => {
    const t = await getTemplate({ trx: ctx.db, auth: bank, id: loaded.assessment.templateId });
    assert.equal(t.checklist.ruleSet, 'api-checklist-sample');
    assert.equal(t.checklist.sample, true);
    const included = t.items.filter((i) => i.included);
    assert.deepEqual(included.map((i) => i.label), Array.from({ length: 17 }, (_, i) => `Sec-${i + 1}`));
    assert.deepEqual(included.map((i) => i.number), [1, 2, 3, 9, 10, 21, 22, 25, 26, 27, 35, 36, 37, 39, 40, 46, 56]);
    // Every other item is excluded with a reason; No.33 (更新系 only) because this is a 参照系 sheet.
    assert.ok(t.items.filter((i) => !i.included).every((i) => i.exclusionReason));
    assert.equal(t.items.find((i) => i.number === 33)!.exclusionReason, 'このシートの API 種別には適用されない確認項目');
  });

  it('has デモ電代株式会社’s answers submitted, awaiting the bank’s review', async () => {
    const r = await getRequest({ trx: ctx.db, auth: bank, id: loaded.assessment.requestId });
    assert.equal(r.state, 'submitted');
    assert.equal(r.submissions.length, 1);
    assert.equal(r.items.length, 17);
    assert.equal(r.items.find((i) => i.label === 'Sec-5')!.answer!.choice, 'na');
    assert.ok(r.items.every((i) => i.review === null));
    assert.equal(r.shared, true);
    assert.equal(r.connector.name, 'デモ電代株式会社');
  });

  it('flags exactly the two items サンプル第2版 rewords on the demo request (Sec-10 = No.27, Sec-15 = No.40)', async () => {
    const yaml = readFileSync(path.join(SAMPLE_DIR, 'api-checklist-sample-2.yaml'), 'utf8');
    await ctx.db.transaction().execute((trx) => catalog.importDocument({ trx, doc: catalog.parseInterchange(yaml, 'api-checklist-sample-2.yaml') }));
    const r = await getRequest({ trx: ctx.db, auth: bank, id: loaded.assessment.requestId });
    assert.equal(r.newerEdition?.label, 'サンプル第2版');
    assert.deepEqual(r.newerEdition?.items.map((i) => [i.number, i.change]), [[27, 'changed'], [40, 'changed']]);
    assert.deepEqual(r.items.filter((i) => [27, 40].includes(i.number)).map((i) => i.label), ['Sec-10', 'Sec-15']);
  });

  it('refuses a second load and writes nothing', async () => {
    const before = await ctx.db.selectFrom('assessment_request').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await assert.rejects(ctx.db.transaction().execute((trx) => loadDemoData({ trx })), /demo organisations already exist/);
    const after = await ctx.db.selectFrom('assessment_request').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });
});
