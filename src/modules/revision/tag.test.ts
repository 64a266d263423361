import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Segment } from './analysis.types.js';
import { diffTexts } from './diff.js';
import { formatTag, parseRevisionTag, revisionTag, sameTag } from './tag.js';

const eq = (text: string): Segment => ({ kind: 'equal', text });
const ins = (text: string): Segment => ({ kind: 'inserted', text });
const del = (text: string): Segment => ({ kind: 'deleted', text });

describe('FISC revision tags', () => {
  it('tags a new provision 新設 and a removed one 廃止', () => {
    assert.equal(revisionTag('new', [ins('本文')]), '新設');
    assert.equal(revisionTag('removed', [del('本文')]), '廃止');
  });

  it('gives no tag to an unchanged provision or one whose text is unknown', () => {
    assert.equal(revisionTag('unchanged', [eq('本文')]), null);
    assert.equal(revisionTag('unknown', []), null);
  });

  it('marks insertions only as 【下線部追加】', () => {
    assert.equal(revisionTag('changed', [eq('教育テーマ'), ins('サイバー'), eq('の例'), ins('等')]), '【下線部追加】');
  });

  it('marks deletions only as 【下線部削除】', () => {
    assert.equal(revisionTag('changed', [eq('教育テーマ'), del('サイバー'), eq('の例')]), '【下線部削除】');
  });

  it('marks a replaced phrase as 【下線部変更】', () => {
    assert.equal(revisionTag('changed', [eq('利用者の'), del('スマートフォン'), ins('スマートデバイス'), eq('と')]), '【下線部変更】');
  });

  it('counts a deletion and an insertion separated only by white space as one 変更', () => {
    assert.equal(revisionTag('changed', [eq('利用者の'), del('スマートフォン'), eq(' '), ins('スマートデバイス'), eq('と')]), '【下線部変更】');
  });

  it('counts a deletion and an insertion at different places as 追加 and 削除', () => {
    assert.equal(revisionTag('changed', [ins('新しい'), eq('文章の一部分'), del('不要な語')]), '【下線部追加・削除】');
  });

  it('combines kinds in the order 追加・変更・削除 whatever order they occur in', () => {
    assert.equal(revisionTag('changed', [del('不要な語'), eq('文章の一部分'), del('旧'), ins('新'), eq('さらに続く文章'), ins('新しい')]), '【下線部追加・変更・削除】');
    assert.equal(revisionTag('changed', [del('旧'), ins('新'), eq('続く文章'), del('不要')]), '【下線部変更・削除】');
    assert.equal(revisionTag('changed', [ins('追記'), eq('続く文章'), del('旧'), ins('新')]), '【下線部追加・変更】');
  });

  it('ignores spans that only change white space or full/half-width form', () => {
    assert.equal(revisionTag('changed', [eq('CD/ATM'), del(' '), eq('等'), ins('や端末')]), '【下線部追加】');
    assert.equal(revisionTag('changed', [del('ＣＤ／ＡＴＭ'), ins('CD/ATM'), eq('等'), ins('やデビットカード端末')]), '【下線部追加】');
    assert.equal(revisionTag('changed', [del('ＡＴＭ'), ins('ATMコーナー')]), '【下線部追加】');
    assert.equal(revisionTag('changed', [eq('API'), ins(' '), eq('接続')]), null);
  });

  it('tags real revisions from the diff', () => {
    const tagOf = (a: string, b: string) => revisionTag('changed', diffTexts(a, b));
    assert.equal(tagOf('CD/ATM等を利用したカード取引', 'CD/ATM等やデビットカード端末を利用したカード取引'), '【下線部追加】');
    assert.equal(tagOf('ＣＤ／ＡＴＭ等を利用したカード取引', 'CD/ATM 等やデビットカード端末を利用したカード取引'), '【下線部追加】');
    assert.equal(tagOf('CD/ATM等やデビットカード端末を利用したカード取引', 'CD/ATM等を利用したカード取引'), '【下線部削除】');
    assert.equal(tagOf('検知システムの運用状況の監視や、稼働履歴の分析', '検知システムの運転状況監視や、稼働履歴の分析'), '【下線部変更】');
    assert.equal(tagOf('利用者のスマートフォンとQRコード決済アプリを紐付ける。なお、詳細は別に定める。', '利用者のスマートデバイスとQRコード決済アプリを紐付ける。'), '【下線部変更・削除】');
    assert.equal(tagOf('教育テーマとしては、以下の例がある。(6)コンピュータウイルスへの対応', '教育テーマとしては、以下の例がある。(6)サイバーセキュリティ（コンピュータウイルスへの対応等）'), '【下線部追加】');
  });

  it('prints kinds in FISC order', () => {
    assert.equal(formatTag({ added: true, changed: true, deleted: true }), '【下線部追加・変更・削除】');
    assert.equal(formatTag({ added: false, changed: false, deleted: false }), null);
  });
});

describe('reading printed tags', () => {
  it('reads a printed tag into its kinds', () => {
    assert.deepEqual(parseRevisionTag('【下線部変更・削除】'), { added: false, changed: true, deleted: true });
    assert.deepEqual(parseRevisionTag('【下線部追加・変更・削除】'), { added: true, changed: true, deleted: true });
  });

  it('accepts stray spaces, full-width and other brackets, and other separators', () => {
    const added = { added: true, changed: false, deleted: false };
    assert.deepEqual(parseRevisionTag('【 下線部追加 】'), added);
    assert.deepEqual(parseRevisionTag('［下線部追加］'), added);
    assert.deepEqual(parseRevisionTag('〔下線部追加〕'), added);
    assert.deepEqual(parseRevisionTag('下線部追加'), added);
    assert.deepEqual(parseRevisionTag('【下線部追加･変更】'), { added: true, changed: true, deleted: false });
    assert.deepEqual(parseRevisionTag('【下線部 追加、削除】'), { added: true, changed: false, deleted: true });
  });

  it('reads 新設 and 廃止, with or without brackets', () => {
    assert.equal(parseRevisionTag(' 新設 '), '新設');
    assert.equal(parseRevisionTag('【廃止】'), '廃止');
  });

  it('does not read what is not a tag', () => {
    for (const t of ['', '下線部', '【下線部修正】', '追加', '【下線部追加', '下線部追加・', '改訂']) assert.equal(parseRevisionTag(t), null, t);
  });

  it('compares printed tags by meaning', () => {
    assert.ok(sameTag('【下線部追加】', '【 下線部追加 】'));
    assert.ok(sameTag('【下線部削除・変更】', '【下線部変更・削除】'));
    assert.ok(sameTag('新設', '【新設】'));
    assert.ok(sameTag(null, null));
    assert.ok(!sameTag('【下線部追加】', '【下線部変更】'));
    assert.ok(!sameTag('【下線部追加】', null));
    assert.ok(!sameTag('新設', '廃止'));
  });
});
