import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SYSTEM_ACTOR } from '../audit/index.js';
import { catalog } from '../catalog/index.js';
import type { InterchangeDocument } from '../catalog/index.js';
import { describeEachDatabase } from '../../testing/db.js';
import { loadReferenceData, REFERENCE_DIR } from './load-reference.js';
import { loadSampleChecklist, SAMPLE_CHECKLIST, SAMPLE_DIR } from './load-sample.js';

type Checklist = Extract<InterchangeDocument, { kind: 'checklistEdition' }>;
const read = (dir: string, file: string) => catalog.parseInterchange(readFileSync(path.join(dir, file), 'utf8'), file) as Checklist;

const first = read(SAMPLE_DIR, 'api-checklist-sample-1.yaml');
const second = read(SAMPLE_DIR, 'api-checklist-sample-2.yaml');
const reference = read(REFERENCE_DIR, 'api-checklist-2018-10.yaml');

/** The categories of the sample, in order, as docs/formats.md and data/sample/README.md list them. */
const CATEGORIES = [
  '情報・セキュリティ管理態勢',
  '外部委託管理',
  'システム開発・運用管理',
  'サービスシステムのセキュリティ機能',
  'APIセキュリティ機能',
  '利用者保護',
  '不正利用対策',
  '障害・インシデント対応',
  '監査・点検',
];

describe('the sample checklist (data/sample)', () => {
  it('is marked as a sample, in its flag and in its name', () => {
    assert.equal(first.ruleSet.code, 'api-checklist-sample');
    assert.equal(first.ruleSet.sample, true);
    assert.equal(first.ruleSet.name, 'API接続チェックリスト（サンプル）');
    assert.equal(first.edition.label, 'サンプル第1版');
    assert.equal(second.edition.label, 'サンプル第2版');
    assert.equal(second.edition.basedOn, 'サンプル第1版');
    assert.match(first.edition.source ?? '', /FISC の API接続チェックリストの文言ではない/);
  });

  it('has between 55 and 65 items numbered 1…N in 9 categories, in order, each category one run', () => {
    const n = first.items.length;
    assert.ok(n >= 55 && n <= 65, `${n} items`);
    assert.deepEqual(
      first.items.map((i) => i.number),
      Array.from({ length: n }, (_, i) => i + 1),
    );
    const runs = first.items.map((i) => i.category).filter((c, i, all) => c !== all[i - 1]);
    assert.deepEqual(runs, CATEGORIES);
  });

  it('gives every item a question, a subject party and its 参照系/更新系, with 更新系 carrying more items than 参照系', () => {
    for (const i of first.items) {
      assert.ok(i.text && i.text.endsWith('か。'), `item ${i.number} asks a question`);
      assert.ok(i.subjectParty, `item ${i.number} names its subject party`);
      assert.ok(i.appliesTo?.length, `item ${i.number} says 参照系/更新系`);
    }
    const read = first.items.filter((i) => i.appliesTo!.includes('read')).length;
    const write = first.items.filter((i) => i.appliesTo!.includes('write')).length;
    assert.ok(write > read, `更新系 ${write} > 参照系 ${read}`);
  });

  it('keeps the numbers, categories, objectives and exactly the cross-references of the six items the seed names', () => {
    assert.deepEqual(
      reference.items.map((i) => i.number),
      [3, 10, 21, 22, 33, 39],
    );
    for (const ref of reference.items) {
      const s = first.items.find((i) => i.number === ref.number)!;
      assert.equal(s.category, ref.category, `item ${ref.number}`);
      assert.equal(s.objective ?? null, ref.objective ?? null, `item ${ref.number}`);
      assert.deepEqual(s.references, ref.references, `item ${ref.number}`);
    }
  });

  it('gives an objective to every item but the three the seed prints without one', () => {
    const without = first.items.filter((i) => !i.objective).map((i) => i.number);
    assert.deepEqual(without, [3, 10, 33]);
  });

  it('changes exactly two items from サンプル第1版 to サンプル第2版, in their wording only', () => {
    const rows = catalog.diffChecklistItems(first.items, second.items).filter((r) => r.change !== 'unchanged');
    assert.deepEqual(rows, [
      { number: 27, change: 'changed', fields: ['text'] },
      { number: 40, change: 'changed', fields: ['text'] },
    ]);
  });
});

describeEachDatabase('loading the sample checklist', (ctx) => {
  it('imports サンプル第1版 and the sample report it cites, after the reference data', async () => {
    const r = await ctx.db.transaction().execute(async (trx) => {
      await loadReferenceData({ trx });
      return loadSampleChecklist({ trx, actor: SYSTEM_ACTOR });
    });
    assert.deepEqual(
      r.map((x) => [x.ruleSet, x.edition]),
      [
        ['zengin-open-api-report-sample', 'サンプル（節番号のみ）'],
        ['api-checklist-sample', 'サンプル第1版'],
      ],
    );
    const items = await catalog.listChecklistItems({ trx: ctx.db, ruleSetCode: SAMPLE_CHECKLIST.ruleSet, label: SAMPLE_CHECKLIST.first });
    assert.equal(items.length, first.items.length);
    const item22 = items.find((i) => i.number === 22)!;
    assert.match(item22.text ?? '', /アカウントのロック/);
    assert.deepEqual(
      item22.references.map((x) => x.provision),
      ['実1', '実8', '実26', '実16'],
    );
  });

  it('does nothing when サンプル第1版 is already there', async () => {
    const again = await ctx.db.transaction().execute((trx) => loadSampleChecklist({ trx, actor: SYSTEM_ACTOR }));
    assert.deepEqual(again, []);
    const rs = await catalog.getRuleSet({ trx: ctx.db, code: SAMPLE_CHECKLIST.ruleSet });
    assert.deepEqual(
      rs.editions.map((e) => e.label),
      ['サンプル第1版'],
    );
  });

  it('lists the sample rule sets as samples and the reference data as not', async () => {
    const rows = await catalog.listRuleSets({ trx: ctx.db });
    assert.deepEqual(
      rows.filter((r) => r.sample).map((r) => r.code),
      ['api-checklist-sample', 'zengin-open-api-report-sample'],
    );
    assert.ok(rows.every((r) => !r.sample || r.name.includes('サンプル')));
  });

  it('never stands in for the real checklist as the default source of a revision’s impact, however recent', async () => {
    // A dated sample edition newer than 2018年10月版: without the sample rule it would be the latest.
    const dated = { ...first, edition: { ...first.edition, label: 'サンプル（日付あり）', publishedOn: '2030-04' } };
    await ctx.db.transaction().execute((trx) => catalog.importDocument({ trx, doc: dated }));
    const fisc = await catalog.repo.findRuleSetByCode(ctx.db, 'fisc-security-standards');
    const latest = await catalog.repo.findLatestCitingChecklistEdition(ctx.db, fisc!.id);
    assert.equal(latest?.rule_set_code, 'api-checklist');
  });
});
