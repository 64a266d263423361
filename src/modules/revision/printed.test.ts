import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../lib/errors.js';
import { diffTexts } from './diff.js';
import { compareRecordedWithComputed, parsePrintedText, plainText } from './printed.js';
import { revisionTag } from './tag.js';

describe('comparisons recorded as printed', () => {
  it('reads <u>…</u> as underlined spans and keeps the rest as printed', () => {
    const s = parsePrintedText('1. ④利用者の <u>スマートデバイス</u> と QR コード決済アプリを紐付ける');
    assert.deepEqual(s, [
      { kind: 'equal', text: '1. ④利用者の ' },
      { kind: 'underlined', text: 'スマートデバイス' },
      { kind: 'equal', text: ' と QR コード決済アプリを紐付ける' },
    ]);
    assert.equal(plainText(s), '1. ④利用者の スマートデバイス と QR コード決済アプリを紐付ける');
  });

  it('rejects unbalanced underline marks', () => {
    for (const bad of ['<u>a', 'a</u>', '<u>a<u>b</u></u>']) {
      assert.throws(() => parsePrintedText(bad), (e: AppError) => e.code === 'revision.printed_text_invalid');
    }
  });

  it('agrees with a computed 【下線部追加】 whose insertion is the underlined part', () => {
    const recorded = { provisions: ['x'], printedText: '金融機関 <u>銀行等の預金取扱金融機関をいう。</u>', tag: '【下線部追加】' };
    const s = diffTexts('金融機関', '金融機関 銀行等の預金取扱金融機関をいう。');
    assert.equal(compareRecordedWithComputed(recorded, s, revisionTag('changed', s)), null);
  });

  it('reports a different tag and a different underline', () => {
    const recorded = { provisions: ['x'], printedText: '金融機関 <u>銀行等</u>の預金取扱金融機関をいう。', tag: '【下線部変更】' };
    const s = diffTexts('金融機関', '金融機関 銀行等の預金取扱金融機関をいう。');
    const d = compareRecordedWithComputed(recorded, s, revisionTag('changed', s));
    assert.match(d ?? '', /改訂区分が異なります/);
    assert.match(d ?? '', /下線部にない変更箇所があります/);
  });

  it('reports a new text that differs from the printed one', () => {
    const recorded = { provisions: ['x'], printedText: '<u>新しい</u>本文', tag: '【下線部追加】' };
    const s = diffTexts('本文', '新本文');
    assert.match(compareRecordedWithComputed(recorded, s, revisionTag('changed', s)) ?? '', /新本文が異なります/);
  });
});
