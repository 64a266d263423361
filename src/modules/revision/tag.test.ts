import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Segment } from './analysis.types.js';
import { parseRevisionTag, revisionTag, sameTag } from './tag.js';

const eq = (text: string): Segment => ({ kind: 'equal', text });
const ins = (text: string): Segment => ({ kind: 'inserted', text });
const del = (text: string): Segment => ({ kind: 'deleted', text });

describe('FISC revision tags', () => {
  it('tags new and removed provisions 新設 and 廃止', () => {
    assert.equal(revisionTag('new', [ins('本文')]), '新設');
    assert.equal(revisionTag('removed', [del('本文')]), '廃止');
    assert.equal(revisionTag('unchanged', [eq('本文')]), null);
  });

  it('marks insertions only as 【下線部追加】 and deletions only as 【下線部削除】', () => {
    assert.equal(revisionTag('changed', [eq('教育テーマ'), ins('サイバー'), eq('の例')]), '【下線部追加】');
    assert.equal(revisionTag('changed', [eq('教育テーマ'), del('サイバー'), eq('の例')]), '【下線部削除】');
  });

  it('marks a replaced phrase as 【下線部変更】', () => {
    assert.equal(revisionTag('changed', [eq('利用者の'), del('スマートフォン'), ins('スマートデバイス'), eq('と')]), '【下線部変更】');
  });

  it('combines kinds in the order 追加・変更・削除', () => {
    const s = [ins('新しい'), eq('文章の一部分'), del('旧'), ins('新'), eq('さらに続く文章'), del('不要な語')];
    assert.equal(revisionTag('changed', s), '【下線部追加・変更・削除】');
    assert.equal(revisionTag('changed', [del('旧'), ins('新'), eq('続く文章'), del('不要')]), '【下線部変更・削除】');
  });

  it('ignores spans of white space alone', () => {
    assert.equal(revisionTag('changed', [eq('CD/ATM'), del(' '), eq('等'), ins('や端末')]), '【下線部追加】');
  });

  it('reads printed tags with stray spaces and brackets', () => {
    assert.deepEqual(parseRevisionTag('【 下線部変更・削除 】'), { added: false, changed: true, deleted: true });
    assert.equal(parseRevisionTag('新設'), '新設');
    assert.equal(parseRevisionTag('下線部なんとか'), null);
    assert.ok(sameTag('【下線部追加】', '【 下線部追加 】'));
    assert.ok(!sameTag('【下線部追加】', '【下線部変更】'));
  });
});
