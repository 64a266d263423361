import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SYSTEM_ACTOR } from '../audit/index.js';
import { describeEachDatabase } from '../../testing/db.js';
import { loadReferenceData } from '../reference/load-reference.js';
import { loadSampleChecklist, SAMPLE_CHECKLIST, SAMPLE_DIR } from '../reference/load-sample.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catalog } from './index.js';
import { comparableWording, compareChecklistEditions, diffChecklistItems, type ComparableItem } from './item-changes.js';

const item = (o: Partial<ComparableItem> & { number: number }): ComparableItem => ({ category: '区分A', text: '確認するか。', ...o });

describe('diffChecklistItems', () => {
  it('marks items only in the new list as added and only in the old list as removed, in number order', () => {
    const rows = diffChecklistItems([item({ number: 2 }), item({ number: 5 })], [item({ number: 5 }), item({ number: 1 })]);
    assert.deepEqual(rows, [
      { number: 1, change: 'added', fields: [] },
      { number: 2, change: 'removed', fields: [] },
      { number: 5, change: 'unchanged', fields: [] },
    ]);
  });

  it('names every field that differs, in the documented order', () => {
    const before = item({ number: 7, text: 'A をしているか。', objective: '目標1', guidance: null, category: '区分A', subjectParty: '電子決済等代行業者', appliesTo: ['read'], references: [{ ruleSet: 'fisc', provision: '統14' }], remarks: null });
    const after = item({ number: 7, text: 'B をしているか。', objective: '目標1', guidance: '観点', category: '区分B', subjectParty: '金融機関', appliesTo: ['read', 'write'], references: [{ ruleSet: 'fisc', provision: '統21' }], remarks: '備考あり' });
    assert.deepEqual(diffChecklistItems([before], [after]), [
      { number: 7, change: 'changed', fields: ['text', 'guidance', 'category', 'subjectParty', 'appliesTo', 'references', 'remarks'] },
    ]);
  });

  it('ignores a change of Unicode form or of white space in the text, but not a change of wording', () => {
    const nfd = 'ガイドラインを見直しているか。'.normalize('NFD');
    const rows = diffChecklistItems(
      [item({ number: 1, text: 'APIの通信を TLS で\n暗号化しているか。' }), item({ number: 2, text: nfd }), item({ number: 3, text: 'OAuth 2.0 を使うか。' })],
      [item({ number: 1, text: '  APIの通信をTLSで暗号化しているか。 ' }), item({ number: 2, text: 'ガイドラインを見直しているか。' }), item({ number: 3, text: 'OAuth2.0 を使うか。' })],
    );
    assert.deepEqual(
      rows.map((r) => [r.number, r.change, r.fields]),
      [
        [1, 'unchanged', []],
        [2, 'unchanged', []],
        [3, 'changed', ['text']],
      ],
    );
  });

  it('treats a missing, null and empty field alike, and cross-references as a set of loosely written codes', () => {
    const rows = diffChecklistItems(
      [item({ number: 1, remarks: null, references: [{ ruleSet: 'fisc', provision: '実 103 - 1' }, { ruleSet: 'zengin', provision: '3.3.1', subPart: 'ｄ' }], appliesTo: ['write', 'read'] })],
      [item({ number: 1, remarks: '', references: [{ ruleSet: 'zengin', provision: '3.3.1', subPart: 'd' }, { ruleSet: 'fisc', provision: '実103-1' }], appliesTo: ['read', 'write'] })],
    );
    assert.deepEqual(rows, [{ number: 1, change: 'unchanged', fields: [] }]);
  });

  it('sees a cross-reference to another rule set with the same code as a change', () => {
    const rows = diffChecklistItems([item({ number: 1, references: [{ ruleSet: 'a', provision: '統14' }] })], [item({ number: 1, references: [{ ruleSet: 'b', provision: '統14' }] })]);
    assert.deepEqual(rows[0]!.fields, ['references']);
  });
});

describe('comparableWording', () => {
  it('drops spaces next to Japanese characters and keeps those between Latin words', () => {
    assert.equal(comparableWording(' APIの通信を TLS で\n暗号化 '), 'APIの通信をTLSで暗号化');
    assert.equal(comparableWording('OAuth 2.0'), 'OAuth 2.0');
    assert.equal(comparableWording(null), '');
  });
});

describeEachDatabase('item changes between two checklist editions', (ctx) => {
  before(async () => {
    await ctx.db.transaction().execute(async (trx) => {
      await loadReferenceData({ trx });
      await loadSampleChecklist({ trx, actor: SYSTEM_ACTOR });
      const second = readFileSync(path.join(SAMPLE_DIR, 'api-checklist-sample-2.yaml'), 'utf8');
      await catalog.importDocument({ trx, doc: catalog.parseInterchange(second, 'api-checklist-sample-2.yaml') });
    });
  });

  it('finds exactly two changed items from サンプル第1版 to サンプル第2版, both in their wording', async () => {
    const r = await compareChecklistEditions({ trx: ctx.db, ruleSet: SAMPLE_CHECKLIST.ruleSet, from: SAMPLE_CHECKLIST.first, to: SAMPLE_CHECKLIST.second });
    const changed = r.rows.filter((x) => x.change !== 'unchanged');
    assert.deepEqual(
      changed.map((x) => [x.number, x.change, x.fields]),
      [
        [27, 'changed', ['text']],
        [40, 'changed', ['text']],
      ],
    );
    assert.deepEqual(r.counts, { added: 0, changed: 2, removed: 0, unchanged: r.rows.length - 2 });
    const row40 = changed[1]!;
    assert.match(row40.after!.text!, /TLS 1\.2 以上/);
    assert.doesNotMatch(row40.before!.text!, /TLS 1\.2 以上/);
  });

  it('finds nothing changed when an edition is compared with itself', async () => {
    const r = await compareChecklistEditions({ trx: ctx.db, ruleSet: SAMPLE_CHECKLIST.ruleSet, from: SAMPLE_CHECKLIST.first, to: SAMPLE_CHECKLIST.first });
    assert.ok(r.rows.length > 0);
    assert.ok(r.rows.every((x) => x.change === 'unchanged'));
  });

  it('refuses a rule set that is not a checklist, and an unknown edition', async () => {
    await assert.rejects(compareChecklistEditions({ trx: ctx.db, ruleSet: 'fisc-security-standards', from: '第11版', to: '第12版' }), { code: 'catalog.not_a_checklist' });
    await assert.rejects(compareChecklistEditions({ trx: ctx.db, ruleSet: SAMPLE_CHECKLIST.ruleSet, from: SAMPLE_CHECKLIST.first, to: '第99版' }), { code: 'catalog.edition_not_found' });
  });
});
