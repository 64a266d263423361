import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from './analyse.js';
import type { CitingItem, ProvisionVersion } from './analysis.types.js';

const v = (code: string, text: string | null, position: number, title: string | null = null): ProvisionVersion => ({ code, kind: 'standard', title, text, position });
const item = (number: number, provisionCode: string): CitingItem => ({ number, category: '外部委託管理', objective: null, provisionCode, subPart: null });

describe('revision analysis (pure)', () => {
  const from = [v('1.意義', '目安である。', 0), v('統14', '教育を行う。', 1, 'セキュリティ教育を行うこと。'), v('統21', '契約を締結する。', 2), v('実5', '廃止される基準。', 3), v('監1', '監査する。', 4)];
  const to = [v('1.意義', '目安である。', 0), v('統14', '教育を定期的に行う。', 1, 'セキュリティ教育を行うこと。'), v('統21', '契約を 締結する。', 2), v('実3', '新しい基準。', 3), v('監1', '監査する。', 4)];
  const citations = new Map([
    ['統14', [item(3, '統14')]],
    ['実5', [item(10, '実5')]],
    ['監1', [item(3, '監1')]],
  ]);

  it('classifies every provision once and lists only new, removed and changed ones', () => {
    const r = analyse({ from, to, citations });
    // 1.意義 and 監1 are identical; 統21 differs by a space only.
    assert.deepEqual(r.counts, { new: 1, removed: 1, changed: 1, unchanged: 3, unknown: 0 });
    assert.deepEqual(
      r.rows.map((x) => [x.provisionCodes[0], x.change, x.tag]),
      [
        ['統14', 'changed', '【下線部追加】'],
        ['実3', 'new', '新設'],
        ['実5', 'removed', '廃止'],
      ],
    );
  });

  it('ties each row to the checklist items citing its provisions, or none', () => {
    const r = analyse({ from, to, citations });
    assert.deepEqual(r.rows.map((x) => x.items.map((i) => i.number)), [[3], [], [10]]);
    assert.equal(r.rows[0]!.provisionLabel, '統14 セキュリティ教育を行うこと。');
  });

  it('lists unchanged provisions only when asked', () => {
    const r = analyse({ from, to, citations, includeUnchanged: true });
    assert.equal(r.rows.length, 6);
  });

  it('takes a recorded row as printed, covering several provisions in one row', () => {
    const f = [v('実1', null, 0), v('実8', null, 1), v('実16', null, 2)];
    const t = [v('実1', '一覧 実147', 0), v('実8', '一覧 実147', 1), v('実16', '監視', 2)];
    const r = analyse({
      from: f,
      to: t,
      citations: new Map([['実8', [item(22, '実8')]], ['実1', [item(22, '実1')]]]),
      recorded: [{ provisions: ['実1', '実8'], printedText: '一覧 <u>実147</u>', tag: '【下線部変更】', summary: '一覧に実147を追記' }],
    });
    assert.equal(r.rows.length, 1, 'the unknown 実16 is not listed');
    assert.deepEqual(r.rows[0]!.provisionCodes, ['実1', '実8']);
    assert.equal(r.rows[0]!.source, 'recorded');
    assert.deepEqual(r.rows[0]!.items.map((i) => [i.number, i.provisionCode]), [
      [22, '実1'],
      [22, '実8'],
    ]);
    assert.deepEqual(r.counts, { new: 0, removed: 0, changed: 2, unchanged: 0, unknown: 1 });
  });

  it('records a disagreement when a recorded row and the computed comparison differ', () => {
    const r = analyse({
      from: [v('統14', '教育を行う。', 0)],
      to: [v('統14', '教育を定期的に行う。', 0)],
      citations: new Map(),
      recorded: [{ provisions: ['統14'], printedText: '教育を<u>定期的に</u>行う。', tag: '【下線部削除】' }],
    });
    assert.equal(r.rows[0]!.source, 'both');
    assert.match(r.rows[0]!.disagreement ?? '', /改訂区分が異なります/);
  });

  it('places a removed FISC provision among the new edition by its code', () => {
    const r = analyse({
      from: [v('統1', 'a', 0), v('実2', 'b', 1), v('監1', 'c', 2)],
      to: [v('統1', 'a', 0), v('実1', 'x', 1), v('監1', 'c', 2)],
      citations: new Map(),
    });
    assert.deepEqual(r.rows.map((x) => x.provisionCodes[0]), ['実1', '実2']);
  });
});
