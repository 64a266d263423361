import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../lib/errors.js';
import type { RecordedRow, Segment } from './analysis.types.js';
import { diffTexts } from './diff.js';
import { compareRecordedWithComputed, parsePrintedText, plainText } from './printed.js';
import { revisionTag } from './tag.js';

const eq = (text: string): Segment => ({ kind: 'equal', text });
const ul = (text: string): Segment => ({ kind: 'underlined', text });

/** Compares a recorded row with the diff of two texts, as the analysis does. */
function check(recorded: RecordedRow, oldText: string, newText: string): string | null {
  const s = diffTexts(oldText, newText);
  return compareRecordedWithComputed(recorded, s, revisionTag('changed', s));
}

describe('reading a comparison recorded as printed', () => {
  it('reads <u>…</u> as underlined spans and keeps the rest exactly as printed', () => {
    assert.deepEqual(parsePrintedText('1. ④利用者の <u>スマートデバイス</u> と QR コード決済アプリを紐付ける'), [
      eq('1. ④利用者の '),
      ul('スマートデバイス'),
      eq(' と QR コード決済アプリを紐付ける'),
    ]);
  });

  it('reads several underlined spans, including one at the very start and one at the very end', () => {
    assert.deepEqual(parsePrintedText('<u>SOC1、SOC2</u>等に基づく<u>報告書。</u>'), [ul('SOC1、SOC2'), eq('等に基づく'), ul('報告書。')]);
  });

  it('accepts upper-case marks and drops empty underlines', () => {
    assert.deepEqual(parsePrintedText('基準番号 <U>実 147</U><u></u>'), [eq('基準番号 '), ul('実 147')]);
  });

  it('reads a text without marks as one equal segment, and an empty text as none', () => {
    assert.deepEqual(parsePrintedText('【クラウド利用の場合の考慮事項】'), [eq('【クラウド利用の場合の考慮事項】')]);
    assert.deepEqual(parsePrintedText(''), []);
  });

  it('rejects unbalanced underline marks with revision.printed_text_invalid and messages in both languages', () => {
    for (const bad of ['<u>a', 'a</u>', '<u>a<u>b</u></u>', '</u><u>']) {
      assert.throws(
        () => parsePrintedText(bad),
        (e: unknown) =>
          e instanceof AppError && e.code === 'revision.printed_text_invalid' && e.kind === 'invalid' && /<u>/.test(e.messageJa) && /<u>/.test(e.messageEn),
        bad,
      );
    }
  });

  it('gives back the plain printed text', () => {
    assert.equal(plainText(parsePrintedText('金融機関 <u>銀行等の預金取扱金融機関をいう。</u>')), '金融機関 銀行等の預金取扱金融機関をいう。');
    assert.equal(plainText([]), '');
  });
});

describe('checking a recorded row against the computed comparison', () => {
  it('agrees with a computed 【下線部追加】 whose insertion is the underlined part', () => {
    const recorded = { provisions: ['3.用語の解説(2) 金融機関'], printedText: '金融機関 <u>銀行等の預金取扱金融機関、信託会社をいう。</u>', tag: '【下線部追加】' };
    assert.equal(check(recorded, '金融機関', '金融機関 銀行等の預金取扱金融機関、信託会社をいう。'), null);
  });

  it('ignores spacing in the printed tag and in the printed text', () => {
    const recorded = { provisions: ['実16'], printedText: '(2) CD/ATM 等 <u>やデビットカード端末</u> を利用したカード取引', tag: '【 下線部追加 】' };
    assert.equal(check(recorded, '(2)CD/ATM等を利用したカード取引', '(2)CD/ATM等やデビットカード端末を利用したカード取引'), null);
  });

  it('agrees with a 【下線部変更】 whose underline covers more than the computed insertion', () => {
    const recorded = { provisions: ['実142'], printedText: '1. ④利用者の <u>スマートデバイス</u> と QR コード決済アプリを紐付ける', tag: '【下線部変更】' };
    assert.equal(check(recorded, '1. ④利用者のスマートフォンとQRコード決済アプリを紐付ける', '1. ④利用者のスマートデバイスとQRコード決済アプリを紐付ける'), null);
  });

  it('checks a printed excerpt against the part of the longer provision it shows', () => {
    const recorded = { provisions: ['実142'], printedText: '④利用者の <u>スマートデバイス</u> と QR コード決済アプリを紐付ける', tag: '【下線部変更】' };
    const before = '1. QRコード決済における安全対策としては、以下の例がある。';
    assert.equal(check(recorded, `${before}④利用者のスマートフォンとQRコード決済アプリを紐付ける`, `${before}④利用者のスマートデバイスとQRコード決済アプリを紐付ける`), null);
  });

  it('reports a different tag, in Japanese and English', () => {
    const recorded = { provisions: ['統14'], printedText: '教育を<u>定期的に</u>行う。', tag: '【下線部削除】' };
    const d = check(recorded, '教育を行う。', '教育を定期的に行う。');
    assert.match(d ?? '', /改訂区分が異なります/);
    assert.match(d ?? '', /tags differ/);
    assert.match(d ?? '', /【下線部追加】/, 'names the computed tag');
  });

  it('reports a new text that differs from the printed one', () => {
    const recorded = { provisions: ['x'], printedText: '<u>新しい</u>本文', tag: '【下線部追加】' };
    const d = check(recorded, '本文', '新本文');
    assert.match(d ?? '', /新本文が異なります/);
    assert.match(d ?? '', /the new texts differ/);
  });

  it('reports a 【下線部追加】 whose underline is not the inserted text', () => {
    const recorded = { provisions: ['x'], printedText: '金融機関 <u>銀行等</u>の預金取扱金融機関をいう。', tag: '【下線部追加】' };
    const d = check(recorded, '金融機関', '金融機関 銀行等の預金取扱金融機関をいう。');
    assert.match(d ?? '', /下線部と追加箇所が異なります/);
    assert.doesNotMatch(d ?? '', /改訂区分/, 'the tags agree');
  });

  it('reports changed text that the printed 【下線部変更】 leaves without an underline', () => {
    const recorded = { provisions: ['x'], printedText: '金融機関 <u>銀行等</u>の預金取扱金融機関をいう。', tag: '【下線部変更】' };
    const d = check(recorded, '金融機関 銀行の預金取扱機関をいう。', '金融機関 銀行等の預金取扱金融機関をいう。');
    assert.match(d ?? '', /下線部にない変更箇所があります: 金融/);
  });
});
