import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from './analyse.js';
import type { CitingItem, ProvisionVersion } from './analysis.types.js';

const v = (code: string, text: string | null, position: number, title: string | null = null): ProvisionVersion => ({ code, kind: 'standard', title, text, position });
const item = (number: number, provisionCode: string, subPart: string | null = null): CitingItem => ({
  number,
  category: '外部委託管理',
  objective: null,
  provisionCode,
  subPart,
});
const codesOf = (rows: { provisionCodes: string[] }[]) => rows.map((r) => r.provisionCodes.join('+'));

describe('revision analysis (pure)', () => {
  const from = [
    v('1.安全対策基準の意義', '目安である。', 0),
    v('統14', '教育テーマとしては、以下の例がある。', 1, 'セキュリティ教育を行うこと。'),
    v('統21', 'クラウド事業者と契約を締結すること。', 2),
    v('実5', '廃止される基準。', 3),
    v('監1', 'システム監査体制を整備すること。', 4),
  ];
  const to = [
    v('1.安全対策基準の意義', '目安である。', 0),
    v('統14', '教育テーマとしては、以下の例がある。(6)サイバーセキュリティ', 1, 'セキュリティ教育を行うこと。'),
    v('統21', 'クラウド事業者と 契約を締結すること。', 2),
    v('実3', '新しい基準。', 3),
    v('監1', 'システム監査体制を整備すること。', 4),
  ];
  const citations = new Map([
    ['統14', [item(3, '統14')]],
    ['実5', [item(10, '実5')]],
    ['監1', [item(3, '監1')]],
  ]);

  it('counts every provision once and lists only new, removed and changed ones', () => {
    const r = analyse({ from, to, citations });
    // 1.安全対策基準の意義 and 監1 are identical; 統21 differs by a space only.
    assert.deepEqual(r.counts, { new: 1, removed: 1, changed: 1, unchanged: 3, unknown: 0 });
    assert.deepEqual(
      r.rows.map((x) => [x.provisionCodes[0], x.change, x.tag, x.source]),
      [
        ['統14', 'changed', '【下線部追加】', 'computed'],
        ['実3', 'new', '新設', 'computed'],
        ['実5', 'removed', '廃止', 'computed'],
      ],
    );
    assert.deepEqual(r.rows.map((x) => x.position), [0, 1, 2]);
  });

  it('gives a changed row both texts and the diff, a new row one inserted segment, a removed row one deleted segment', () => {
    const [changed, added, removed] = analyse({ from, to, citations }).rows;
    assert.equal(changed!.oldText, '教育テーマとしては、以下の例がある。');
    assert.equal(changed!.newText, '教育テーマとしては、以下の例がある。(6)サイバーセキュリティ');
    assert.deepEqual(changed!.segments, [
      { kind: 'equal', text: '教育テーマとしては、以下の例がある。' },
      { kind: 'inserted', text: '(6)サイバーセキュリティ' },
    ]);
    assert.deepEqual(added!.segments, [{ kind: 'inserted', text: '新しい基準。' }]);
    assert.equal(added!.oldText, null);
    assert.deepEqual(removed!.segments, [{ kind: 'deleted', text: '廃止される基準。' }]);
    assert.equal(removed!.newText, null);
  });

  it('labels a FISC code with its title and any other code by the code alone', () => {
    const r = analyse({ from, to, citations });
    assert.equal(r.rows[0]!.provisionLabel, '統14 セキュリティ教育を行うこと。');
    assert.equal(r.rows[1]!.provisionLabel, '実3');
    const terms = analyse({ from: [v('3.用語の解説(2) 金融機関', '金融機関', 0, '金融機関')], to: [v('3.用語の解説(2) 金融機関', '金融機関 銀行等をいう。', 0, '金融機関')], citations: new Map() });
    assert.equal(terms.rows[0]!.provisionLabel, '3.用語の解説(2) 金融機関');
  });

  it('ties each row to the checklist items citing its provisions, or none', () => {
    const r = analyse({ from, to, citations });
    assert.deepEqual(r.rows.map((x) => x.items.map((i) => i.number)), [[3], [], [10]]);
  });

  it('lists unchanged provisions only when asked, with no tag', () => {
    const r = analyse({ from, to, citations, includeUnchanged: true });
    assert.deepEqual(codesOf(r.rows), ['1.安全対策基準の意義', '統14', '統21', '実3', '実5', '監1']);
    const unchanged = r.rows.find((x) => x.provisionCodes[0] === '統21')!;
    assert.equal(unchanged.change, 'unchanged');
    assert.equal(unchanged.tag, null);
    assert.deepEqual(unchanged.segments, [{ kind: 'equal', text: 'クラウド事業者と 契約を締結すること。' }]);
  });

  it('counts a provision whose old or new text is not known as unknown, and lists it only when asked', () => {
    const f = [v('実1', null, 0), v('実2', 'ある。', 1)];
    const t = [v('実1', '本文。', 0), v('実2', null, 1)];
    const r = analyse({ from: f, to: t, citations: new Map() });
    assert.deepEqual(r.counts, { new: 0, removed: 0, changed: 0, unchanged: 0, unknown: 2 });
    assert.deepEqual(r.rows, []);
    const listed = analyse({ from: f, to: t, citations: new Map(), includeUnknown: true });
    assert.deepEqual(listed.rows.map((x) => [x.provisionCodes[0], x.change, x.tag, x.oldText, x.newText]), [
      ['実1', 'unknown', null, null, '本文。'],
      ['実2', 'unknown', null, 'ある。', null],
    ]);
  });

  it('treats every provision as new when there is no earlier edition', () => {
    const r = analyse({ from: null, to: [v('統1', 'a', 0), v('統2', 'b', 1)], citations: new Map() });
    assert.deepEqual(r.counts, { new: 2, removed: 0, changed: 0, unchanged: 0, unknown: 0 });
    assert.deepEqual(r.rows.map((x) => x.tag), ['新設', '新設']);
  });

  it('sorts a row’s items by number and lists each (number, provision, sub-part) once', () => {
    const r = analyse({
      from: [],
      to: [v('実1', 'a', 0)],
      citations: new Map([['実1', [item(22, '実1'), item(5, '実1', '(2)'), item(22, '実1'), item(5, '実1', '(3)')]]]),
    });
    assert.deepEqual(r.rows[0]!.items.map((i) => [i.number, i.subPart]), [
      [5, '(2)'],
      [5, '(3)'],
      [22, null],
    ]);
  });
});

describe('revision analysis: where rows sit', () => {
  it('places a removed provision after its predecessor in the old edition', () => {
    const r = analyse({
      from: [v('1.総論', 'a', 0), v('2.用語', 'b', 1), v('3.構成', 'c', 2)],
      to: [v('1.総論', 'a', 0), v('3.構成', 'x', 1)],
      citations: new Map(),
    });
    assert.deepEqual(codesOf(r.rows), ['2.用語', '3.構成']);
  });

  it('places a removed FISC provision among the new ones of the same gap by its code', () => {
    const r = analyse({
      from: [v('統1', 'a', 0), v('実2', 'b', 1), v('監1', 'c', 2)],
      to: [v('統1', 'a', 0), v('実1', 'x', 1), v('実3', 'y', 2), v('監1', 'c', 3)],
      citations: new Map(),
    });
    assert.deepEqual(codesOf(r.rows), ['実1', '実2', '実3']);
  });

  it('keeps several removed provisions in their old order', () => {
    const r = analyse({
      from: [v('統1', 'a', 0), v('統2', 'b', 1), v('統3', 'c', 2), v('統4', 'd', 3)],
      to: [v('統1', 'a', 0), v('統4', 'd', 1)],
      citations: new Map(),
    });
    assert.deepEqual(codesOf(r.rows), ['統2', '統3']);
  });

  it('orders rows by position in the new edition, not by the order of the input', () => {
    const r = analyse({
      from: [v('統2', 'b', 1), v('統1', 'a', 0)],
      to: [v('統2', 'bb', 1), v('統1', 'aa', 0)],
      citations: new Map(),
    });
    assert.deepEqual(codesOf(r.rows), ['統1', '統2']);
  });

  it('stays fast on a large edition with many removed and new provisions', () => {
    const n = 20000;
    const f = Array.from({ length: n }, (_, i) => v(`実${i * 2 + 1}`, `本文${i}`, i));
    const t = Array.from({ length: n }, (_, i) => v(i % 2 ? `実${i * 2 + 1}` : `実${i * 2 + 2}`, `本文${i}`, i));
    const started = Date.now();
    const r = analyse({ from: f, to: t, citations: new Map() });
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    assert.equal(r.counts.new, n / 2);
    assert.equal(r.counts.removed, n / 2);
    assert.deepEqual(codesOf(r.rows.slice(0, 3)), ['実1', '実2', '実5']);
  });
});

describe('revision analysis: recorded comparisons', () => {
  it('takes a recorded row as printed, covering several provisions in one row', () => {
    const f = [v('実1', null, 0), v('実8', null, 1), v('実16', null, 2)];
    const t = [v('実1', '一覧 実147', 0), v('実8', '一覧 実147', 1), v('実16', '監視', 2)];
    const r = analyse({
      from: f,
      to: t,
      citations: new Map([
        ['実8', [item(22, '実8')]],
        ['実1', [item(22, '実1')]],
      ]),
      recorded: [{ provisions: ['実1', '実8'], label: '実1 他人に暗証番号・パスワード等を知られないための対策を講ずること。 実8. 本人確認機能を設けること。', printedText: '基準番号 <u>実 147</u>', tag: '【下線部変更】', summary: 'パスワード関連基準 一覧に実 147 を追記' }],
    });
    assert.equal(r.rows.length, 1, 'the unknown 実16 is not listed');
    const row = r.rows[0]!;
    assert.deepEqual(row.provisionCodes, ['実1', '実8']);
    assert.equal(row.source, 'recorded');
    assert.equal(row.change, 'changed');
    assert.equal(row.tag, '【下線部変更】');
    assert.equal(row.provisionLabel, '実1 他人に暗証番号・パスワード等を知られないための対策を講ずること。 実8. 本人確認機能を設けること。');
    assert.equal(row.summary, 'パスワード関連基準 一覧に実 147 を追記');
    assert.equal(row.newText, '基準番号 実 147');
    assert.equal(row.oldText, null);
    assert.equal(row.disagreement, null);
    assert.deepEqual(row.segments, [
      { kind: 'equal', text: '基準番号 ' },
      { kind: 'underlined', text: '実 147' },
    ]);
    assert.deepEqual(row.items.map((i) => [i.number, i.provisionCode]), [
      [22, '実1'],
      [22, '実8'],
    ]);
    assert.deepEqual(r.counts, { new: 0, removed: 0, changed: 2, unchanged: 0, unknown: 1 });
  });

  it('labels a recorded row without a label by its codes and titles', () => {
    const r = analyse({
      from: [v('統22', null, 0, 'ルールを遵守させること。')],
      to: [v('統22', null, 0, '外部委託先の要員にルールを遵守させ、その遵守状況を確認すること。'), v('実1', null, 1, '対策を講ずること。')],
      citations: new Map(),
      recorded: [{ provisions: ['統22', '実1'], printedText: '<u>入退管理ルール</u>', tag: '【下線部変更】' }],
    });
    assert.equal(r.rows[0]!.provisionLabel, '統22 外部委託先の要員にルールを遵守させ、その遵守状況を確認すること。、実1 対策を講ずること。');
    assert.equal(r.rows[0]!.summary, null);
  });

  it('places a recorded row where its first provision is', () => {
    const t = [v('統1', 'a', 0), v('統2', 'b', 1), v('統3', 'c', 2)];
    const f = [v('統1', 'a0', 0), v('統2', null, 1), v('統3', 'c0', 2)];
    const r = analyse({ from: f, to: t, citations: new Map(), recorded: [{ provisions: ['統2'], printedText: '<u>b</u>', tag: '【下線部追加】' }] });
    assert.deepEqual(codesOf(r.rows), ['統1', '統2', '統3']);
    assert.deepEqual(r.rows.map((x) => x.source), ['computed', 'recorded', 'computed']);
  });

  it('marks a recorded row that agrees with the computed comparison as from both', () => {
    const r = analyse({
      from: [v('統14', '教育を行う。', 0)],
      to: [v('統14', '教育を定期的に行う。', 0)],
      citations: new Map(),
      recorded: [{ provisions: ['統14'], printedText: '教育を<u>定期的に</u>行う。', tag: '【 下線部追加 】' }],
    });
    assert.equal(r.rows[0]!.source, 'both');
    assert.equal(r.rows[0]!.disagreement, null);
    assert.equal(r.rows[0]!.tag, '【 下線部追加 】', 'the tag as recorded');
    assert.equal(r.rows[0]!.oldText, '教育を行う。');
  });

  it('records a disagreement when a recorded row and the computed comparison differ, and keeps the recorded row', () => {
    const r = analyse({
      from: [v('統14', '教育を行う。', 0)],
      to: [v('統14', '教育を定期的に行う。', 0)],
      citations: new Map(),
      recorded: [{ provisions: ['統14'], printedText: '教育を<u>定期的に</u>行う。', tag: '【下線部削除】' }],
    });
    assert.equal(r.rows[0]!.source, 'both');
    assert.equal(r.rows[0]!.tag, '【下線部削除】');
    assert.match(r.rows[0]!.disagreement ?? '', /改訂区分が異なります/);
  });

  it('counts the codes of a recorded 新設 or 廃止 row as new or removed', () => {
    const r = analyse({
      from: [v('実1', null, 0)],
      to: [v('実1', null, 0), v('実147', null, 1)],
      citations: new Map(),
      recorded: [
        { provisions: ['実147'], printedText: '<u>テレワークにおけるデータの保護</u>', tag: '新設' },
        { provisions: ['実1'], printedText: '対策', tag: '【下線部変更】' },
      ],
    });
    assert.deepEqual(r.counts, { new: 1, removed: 0, changed: 1, unchanged: 0, unknown: 0 });
    assert.deepEqual(r.rows.map((x) => x.change), ['changed', 'new']);
  });
});
