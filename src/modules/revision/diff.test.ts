import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparableForm } from '../../lib/text.js';
import { seededRandom } from '../../testing/prng.js';
import type { Segment } from './analysis.types.js';
import { diffTexts, mergeSegments, placeChange, sameComparableForm, sidesOf, splitSentences, trimCommon } from './diff.js';

const eq = (text: string): Segment => ({ kind: 'equal', text });
const ins = (text: string): Segment => ({ kind: 'inserted', text });
const del = (text: string): Segment => ({ kind: 'deleted', text });
const changes = (segments: Segment[]) => segments.filter((s) => s.kind !== 'equal');

describe('Japanese diff', () => {
  it('finds an inserted phrase inside Japanese text written without spaces', () => {
    assert.deepEqual(diffTexts('CD/ATM等を利用したカード取引', 'CD/ATM等やデビットカード端末を利用したカード取引'), [
      eq('CD/ATM等'),
      ins('やデビットカード端末'),
      eq('を利用したカード取引'),
    ]);
  });

  it('reads a rewritten phrase as one deleted span followed by one inserted span, not scattered characters', () => {
    assert.deepEqual(diffTexts('検知システムの運用状況の監視や、稼働履歴の分析', '検知システムの運転状況監視や、稼働履歴の分析'), [
      eq('検知システムの'),
      del('運用状況の'),
      ins('運転状況'),
      eq('監視や、稼働履歴の分析'),
    ]);
  });

  it('shows a changed word whole rather than the characters that differ', () => {
    assert.deepEqual(diffTexts('運用', '利用'), [del('運用'), ins('利用')]);
    assert.deepEqual(diffTexts('店頭やATMのポスター', '店頭やATMコーナーのポスター'), [eq('店頭やATM'), ins('コーナー'), eq('のポスター')]);
  });

  it('finds a deleted sentence', () => {
    assert.deepEqual(diffTexts('以下を契約に盛り込むことが望ましい。なお、詳細は別に定める。', '以下を契約に盛り込むことが望ましい。'), [
      eq('以下を契約に盛り込むことが望ましい。'),
      del('なお、詳細は別に定める。'),
    ]);
  });

  it('keeps two insertions apart when a long unchanged stretch lies between them', () => {
    assert.deepEqual(diffTexts('(6)コンピュータウイルスへの対応', '(6)サイバーセキュリティ（コンピュータウイルスへの対応等）'), [
      eq('(6)'),
      ins('サイバーセキュリティ（'),
      eq('コンピュータウイルスへの対応'),
      ins('等）'),
    ]);
  });

  it('reads an insertion that repeats a word of the old text as one span', () => {
    assert.deepEqual(diffTexts('業務を受託する者。', '業務を受託する事業者又は、金融機関等にサービスを提供する事業者。'), [
      eq('業務を受託する'),
      ins('事業者又は、金融機関等にサービスを提供する事業'),
      eq('者。'),
    ]);
  });

  it('treats a change of spaces or of full/half-width form alone as no change: one equal segment of the new text', () => {
    assert.deepEqual(diffTexts('CD/ATM 等を利用', 'CD/ATM等を利用'), [eq('CD/ATM等を利用')]);
    assert.deepEqual(diffTexts('ＱＲコード決済（１）', 'QRコード決済(1)'), [eq('QRコード決済(1)')]);
    assert.deepEqual(diffTexts('基準番号　実 147', '基準番号 実147\n'), [eq('基準番号 実147\n')]);
  });

  it('keeps the old text exact where only the width changed next to a real insertion', () => {
    assert.deepEqual(diffTexts('ＣＤ／ＡＴＭ等を利用したカード取引', 'CD/ATM等やデビットカード端末を利用したカード取引'), [
      del('ＣＤ／ＡＴＭ'),
      ins('CD/ATM'),
      eq('等'),
      ins('やデビットカード端末'),
      eq('を利用したカード取引'),
    ]);
  });

  it('marks a space added inside a revised text as a span of its own, without disturbing the rest', () => {
    assert.deepEqual(diffTexts('API接続先の安全対策を確認する', 'API 接続先の安全対策を検証する'), [
      eq('API'),
      ins(' '),
      eq('接続先の安全対策を'),
      del('確認'),
      ins('検証'),
      eq('する'),
    ]);
  });

  it('compares long texts sentence by sentence and still finds the changed words', () => {
    const common = ['金融機関等は、外部委託先の安全対策を確認すること。', 'アクセス権限の付与及び見直しの手続きを明確にすること。', 'ログを取得し、一定期間保存すること。'];
    const oldText = [...common, '利用者の本人確認を行うこと。', ...common].join('');
    const newText = [...common, '利用者の本人確認を適切な強度の認証方式により行うこと。', ...common, '教育・訓練を計画的に実施すること。'].join('');
    assert.deepEqual(diffTexts(oldText, newText), [
      eq(common.join('') + '利用者の本人確認を'),
      ins('適切な強度の認証方式により'),
      eq('行うこと。' + common.join('')),
      ins('教育・訓練を計画的に実施すること。'),
    ]);
  });

  it('handles empty texts on either side', () => {
    assert.deepEqual(diffTexts('', ''), []);
    assert.deepEqual(diffTexts('', '新設の本文'), [ins('新設の本文')]);
    assert.deepEqual(diffTexts('廃止の本文', ''), [del('廃止の本文')]);
  });

  it('falls back to one exact replacement when the diff library gives up', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `項目${i}は甲である、`).join('');
    const b = Array.from({ length: 3000 }, (_, i) => `項目${i}は乙である、`).join('');
    const s = diffTexts(a, b, { timeoutMs: 0 });
    assert.deepEqual(sidesOf(s), { oldText: a, newText: b });
    assert.deepEqual(
      s.map((x) => x.kind),
      ['equal', 'deleted', 'inserted', 'equal'],
      'the common start and end, and one replacement for the middle',
    );
  });

  it('rebuilds the old text from equal+deleted and the new text from equal+inserted, for many generated pairs', () => {
    const r = seededRandom(20250130);
    const words = ['金融機関', '等は', '、', '外部委託先', 'の', '安全対策', 'を', '講ずる', 'こと', '。', 'クラウド', 'サービス', 'ＡＴＭ', 'ATM', ' ', '　', '（注）', '(注)', '実１４', '𠮷野', '\n', 'API', 'ｶﾞｲﾄﾞ'];
    const pick = () => words[Math.floor(r() * words.length)]!;
    const text = (n: number) => Array.from({ length: n }, pick).join('');
    for (let i = 0; i < 600; i++) {
      const a = text(Math.floor(r() * 60));
      let b: string;
      const how = r();
      if (how < 0.3) b = text(Math.floor(r() * 60));
      else {
        // Edit a copy at character positions (which may fall inside a word or a surrogate pair).
        b = a;
        for (let k = 0, n = 1 + Math.floor(r() * 4); k < n; k++) {
          const at = Math.floor(r() * (b.length + 1));
          const len = Math.floor(r() * 6);
          b = r() < 0.5 ? b.slice(0, at) + text(1 + Math.floor(r() * 3)) + b.slice(at) : b.slice(0, at) + b.slice(at + len);
        }
      }
      const s = diffTexts(a, b);
      if (comparableForm(a) === comparableForm(b)) {
        assert.deepEqual(s, b ? [eq(b)] : [], `pair ${i} differs only in form`);
        continue;
      }
      assert.deepEqual(sidesOf(s), { oldText: a, newText: b }, `pair ${i}: ${JSON.stringify([a, b])}`);
      assert.ok(s.every((x) => x.text.length > 0), `pair ${i}: no empty segment`);
      assert.ok(
        s.every((x, k) => k === 0 || x.kind !== s[k - 1]!.kind),
        `pair ${i}: adjacent segments of one kind are joined`,
      );
    }
  });

  it('gives the same result twice and does not change its input segments', () => {
    const input = [del('運用'), ins('運転'), eq('状況')];
    const copy = structuredClone(input);
    mergeSegments(input);
    assert.deepEqual(input, copy);
    assert.deepEqual(diffTexts('運用状況の監視', '運転状況監視'), diffTexts('運用状況の監視', '運転状況監視'));
  });
});

describe('merging diff segments for reading', () => {
  it('merges a deletion and an insertion interleaved with short equal runs into one deleted and one inserted span', () => {
    assert.deepEqual(mergeSegments([del('運用'), ins('運転'), eq('状況'), del('の'), eq('監視を行う')]), [
      del('運用状況の'),
      ins('運転状況'),
      eq('監視を行う'),
    ]);
  });

  it('merges across punctuation between the changes', () => {
    assert.deepEqual(mergeSegments([del('甲'), eq('、'), ins('乙'), eq('を定める')]), [del('甲、'), ins('、乙'), eq('を定める')]);
  });

  it('keeps insertions apart when the place has no deletion, so that 追加 stays 追加', () => {
    const insertions = [ins('A'), eq('の'), ins('B')];
    assert.deepEqual(mergeSegments(insertions), insertions);
  });

  it('does not merge changes separated by a long equal run', () => {
    const s = [del('甲'), eq('を定めるものとする'), ins('乙')];
    assert.deepEqual(mergeSegments(s), s);
  });

  it('joins adjacent segments of the same kind and drops empty ones', () => {
    assert.deepEqual(mergeSegments([eq('a'), eq(''), eq('b'), ins('c'), ins('d')]), [eq('ab'), ins('cd')]);
  });
});

describe('diff helpers', () => {
  it('measures the common prefix and suffix without overlapping them', () => {
    assert.deepEqual(trimCommon('CD/ATM等を利用', 'CD/ATM等や端末を利用'), { prefix: 7, suffix: 3 });
    assert.deepEqual(trimCommon('ああ', 'あああ'), { prefix: 2, suffix: 0 });
    assert.deepEqual(trimCommon('', 'abc'), { prefix: 0, suffix: 0 });
  });

  it('never cuts a surrogate pair in two', () => {
    // 𠮷 (U+20BB7) and 𠮸 (U+20BB8) share their high surrogate.
    assert.deepEqual(trimCommon('𠮷', '𠮸'), { prefix: 0, suffix: 0 });
    assert.deepEqual(trimCommon('𠮷野', '𠮷田'), { prefix: 2, suffix: 0 });
  });

  it('says whether two texts are equal under comparableForm', () => {
    assert.equal(sameComparableForm('CD/ATM 等を利用', 'ＣＤ／ＡＴＭ等を利用'), true);
    assert.equal(sameComparableForm('金融機関等は、\n安全対策を講ずる', '金融機関等は、安全対策を講ずる'), true);
    assert.equal(sameComparableForm('金融機関等は', '金融機関は'), false);
    const r = seededRandom(7);
    const chars = ['ア', 'ｱ', 'ｶ', 'ﾞ', 'ガ', ' ', '　', 'A', 'Ａ', '1', '１', '実', '\n', '㈱', '(株)'];
    for (let i = 0; i < 2000; i++) {
      const t = () => Array.from({ length: Math.floor(r() * 8) }, () => chars[Math.floor(r() * chars.length)]).join('');
      const a = t();
      const b = r() < 0.5 ? t() : a.replace(/./u, (c) => chars[Math.floor(r() * chars.length)]! + c);
      assert.equal(sameComparableForm(a, b), comparableForm(a) === comparableForm(b), JSON.stringify([a, b]));
    }
  });

  it('classifies a place by what it deletes and inserts, ignoring width and spaces', () => {
    assert.equal(placeChange('運用状況の', '運転状況'), 'changed');
    assert.equal(placeChange('', 'やデビットカード端末'), 'added');
    assert.equal(placeChange('なお、詳細は別に定める。', ''), 'deleted');
    assert.equal(placeChange('ＡＴＭ', 'ATMや端末'), 'added');
    assert.equal(placeChange(' ', ''), null);
    assert.equal(placeChange('ＡＴＭ', 'ATM'), null);
  });

  it('splits sentences after 。 and line breaks, keeping every character', () => {
    assert.deepEqual(splitSentences('一。二\n三'), ['一。', '二\n', '三']);
    assert.deepEqual(splitSentences(''), []);
  });
});
