import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparableForm } from '../../lib/text.js';
import type { Segment } from './analysis.types.js';
import { diffTexts, mergeSegments, sidesOf } from './diff.js';

const changed = (segments: Segment[]) => segments.filter((s) => s.kind !== 'equal').map((s) => [s.kind, s.text]);

describe('Japanese diff', () => {
  it('finds an inserted phrase inside Japanese text without spaces', () => {
    const s = diffTexts('CD/ATM等を利用したカード取引', 'CD/ATM等やデビットカード端末を利用したカード取引');
    assert.deepEqual(changed(s), [['inserted', 'やデビットカード端末']]);
  });

  it('reads a rewritten phrase as one deleted span followed by one inserted span', () => {
    const s = diffTexts('検知システムの運用状況の監視や、稼働履歴の分析', '検知システムの運転状況監視や、稼働履歴の分析');
    assert.deepEqual(changed(s), [
      ['deleted', '運用状況の'],
      ['inserted', '運転状況'],
    ]);
  });

  it('keeps separate insertions apart when a long unchanged stretch lies between them', () => {
    const s = diffTexts('(6)コンピュータウイルスへの対応', '(6)サイバーセキュリティ（コンピュータウイルスへの対応等）');
    assert.deepEqual(changed(s), [
      ['inserted', 'サイバーセキュリティ（'],
      ['inserted', '等）'],
    ]);
  });

  it('finds a deleted sentence', () => {
    const s = diffTexts('以下を契約に盛り込むことが望ましい。なお、詳細は別に定める。', '以下を契約に盛り込むことが望ましい。');
    assert.deepEqual(changed(s), [['deleted', 'なお、詳細は別に定める。']]);
  });

  it('treats a change of spaces or of full/half-width form alone as no change', () => {
    assert.deepEqual(changed(diffTexts('CD/ATM 等を利用', 'CD/ATM等を利用')), []);
    assert.deepEqual(changed(diffTexts('ＱＲコード決済（１）', 'QRコード決済(1)')), []);
  });

  it('rebuilds both texts from its segments', () => {
    let seed = 20241;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const words = ['金融機関', '等は', '、', '外部委託先', 'の', '安全対策', 'を', '講ずる', 'こと', '。', 'クラウド', 'サービス', 'における', '権限', 'API', '接続'];
    const text = (n: number) => Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join('');
    for (let i = 0; i < 200; i++) {
      const a = text(5 + Math.floor(rand() * 40));
      const b = rand() < 0.5 ? a.slice(0, Math.floor(rand() * a.length)) + text(3) + a.slice(Math.floor(rand() * a.length)) : text(5 + Math.floor(rand() * 40));
      const s = diffTexts(a, b);
      const sides = sidesOf(s);
      assert.equal(comparableForm(sides.oldText), comparableForm(a), `old side of pair ${i}`);
      assert.equal(sides.newText, b, `new side of pair ${i}`);
    }
  });

  it('merges interleaved deletions and insertions around short glue, but not pure insertions', () => {
    assert.deepEqual(
      mergeSegments([
        { kind: 'deleted', text: '運用' },
        { kind: 'inserted', text: '運転' },
        { kind: 'equal', text: '状況' },
        { kind: 'deleted', text: 'の' },
        { kind: 'equal', text: '監視を行う' },
      ]),
      [
        { kind: 'deleted', text: '運用状況の' },
        { kind: 'inserted', text: '運転状況' },
        { kind: 'equal', text: '監視を行う' },
      ],
    );
    const insertions: Segment[] = [
      { kind: 'inserted', text: 'A' },
      { kind: 'equal', text: 'の' },
      { kind: 'inserted', text: 'B' },
    ];
    assert.deepEqual(mergeSegments(insertions), insertions);
  });

  it('falls back to one replacement when the diff library gives up', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `項目${i}は甲である。`).join('');
    const b = Array.from({ length: 3000 }, (_, i) => `項目${i}は乙である。`).join('');
    const s = diffTexts(a, b, { timeoutMs: 0 });
    const sides = sidesOf(s);
    assert.equal(sides.oldText, a);
    assert.equal(sides.newText, b);
  });
});
