import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnalysisView } from '../modules/revision/analysis.types.js';
import { analysisFixture as a } from './analysis.fixture.js';
import { renderAnalysisHtml, renderAnalysisTableHtml } from './analysis-html.js';

describe('renderAnalysisHtml', () => {
  const html = renderAnalysisHtml(a);

  it('is a standalone HTML5 document in Japanese, set in Noto Sans JP', () => {
    assert.ok(html.startsWith('<!doctype html>\n<html lang="ja">\n'));
    assert.ok(html.includes('<meta charset="utf-8">'));
    assert.ok(html.includes('font-family: "Noto Sans JP", "Noto Sans CJK JP"'));
    assert.ok(html.includes('sans-serif'));
    assert.ok(html.trimEnd().endsWith('</html>'));
    assert.ok(!/<link|<script/i.test(html), 'no external resources or scripts');
  });

  it('declares English as the language with lang en', () => {
    const en = renderAnalysisHtml(a, { lang: 'en' });
    assert.ok(en.includes('<html lang="en">'));
    assert.ok(en.includes('<th scope="col">Main changes</th>'));
    assert.ok(en.includes('<del><span class="sr-only">deleted:</span>運用状況の</del>'));
  });

  it('heads the table with the title, the editions with their dates and the counts', () => {
    assert.ok(html.includes('<title>FISC 安全対策基準 第11版 → 第12版 改訂内容の分析</title>'));
    assert.ok(html.includes('<h1>FISC 安全対策基準 第11版 → 第12版 改訂内容の分析</h1>'));
    assert.ok(html.includes('第11版（2023年3月） → 第12版（2024年3月）'));
    assert.ok(html.includes('新設 0・廃止 0・改訂 4・変更なし 120'));
  });

  it('underlines new and printed-underlined text with <u>', () => {
    assert.ok(html.includes('教育テーマとしては、以下の例がある。 (6) <u>サイバーセキュリティ (コンピュータウイルスへの対応等)</u>'));
    assert.ok(html.includes('<u>運転状況</u>監視や'));
  });

  it('marks deletions with <del>, struck through in colour and announced to screen readers as 削除', () => {
    assert.ok(html.includes('検知システムの<del><span class="sr-only">削除:</span>運用状況の</del><u>運転状況</u>'));
    assert.match(html, /del \{[^}]*color: #[0-9a-f]{6};[^}]*text-decoration: line-through;/);
    assert.match(html, /\.sr-only \{[^}]*position: absolute;[^}]*clip: rect\(0 0 0 0\);/);
  });

  it('puts the tag and the summary after the text, and the judgment with its reason in its own column', () => {
    assert.ok(
      html.includes(
        '<span class="tag">【下線部変更】</span><span class="summary">・セキュリティ意識向上のための教育テーマとして、サイバーセキュリティを追記</span></td><td class="judgment-not-needed">見直し不要（既存の確認項目で確認できる）</td>',
      ),
    );
    assert.ok(html.includes('<td class="judgment-needed">見直し要（+要確認）</td>'));
    assert.ok(html.includes('<td class="judgment-open">未判断</td>'));
  });

  it('writes - for a row no item cites, and one line per distinct citing item', () => {
    assert.ok(html.includes('<tr><td>-</td><td>実21 コンピュータウイルス等の不正プログラムの検知対策を講ずること。</td>'));
    assert.ok(
      html.includes('<tr><td>33. サービスシステムのセキュリティ機能<br>39. APIセキュリティ機能 利用者の利便性と、リスクに見合った利用者保護を実現する認証強度とする。</td>'),
    );
  });

  it('escapes the five HTML special characters in everything taken from the data', () => {
    assert.ok(html.includes('x<u>&lt;script&gt;alert(1)&lt;/script&gt;</u>'));
    assert.ok(html.includes('・=HYPERLINK(&quot;http://example.invalid&quot;,&quot;x&quot;)'));
    assert.ok(html.includes('・=cmd|&#39; /C calc&#39;!A0'));
    const hostile = `<img src=x onerror="alert('x')">&`;
    const escaped = '&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;';
    const view: AnalysisView = {
      ...a,
      title: hostile,
      ruleSet: { ...a.ruleSet, name: hostile, shortName: hostile },
      rows: [{ ...a.rows[0]!, provisionLabel: hostile, tag: hostile, reason: hostile, items: [{ ...a.rows[0]!.items[0]!, category: hostile, objective: hostile }] }],
    };
    const out = renderAnalysisHtml(view);
    assert.ok(!out.includes('<img'), 'no tag from the data survives');
    assert.ok(out.includes(`<title>${escaped}</title>`));
    assert.ok(out.includes(`<h1>${escaped}</h1>`));
    assert.ok(out.includes(`<th scope="col" class="col-provision">${escaped}</th>`));
    assert.ok(out.includes(`<td>3. ${escaped} ${escaped}</td><td>${escaped}</td>`));
    assert.ok(out.includes(`<span class="tag">${escaped}</span>`));
    assert.ok(out.includes(`見直し不要（${escaped}）</td>`));
  });
});

describe('renderAnalysisTableHtml', () => {
  it('returns the table alone, for embedding in another document', () => {
    const table = renderAnalysisTableHtml(a);
    assert.ok(table.startsWith('<table'));
    assert.ok(table.endsWith('</table>'));
    assert.ok(!table.includes('<html'));
    assert.equal(table.match(/<tr>/g)?.length, 5, 'a header row and four rows');
  });

  it('takes a caption and can leave out the judgment column', () => {
    const table = renderAnalysisTableHtml(a, { caption: '〔図表 1〕<主な改訂内容>', judgment: false });
    assert.ok(table.includes('<caption>〔図表 1〕&lt;主な改訂内容&gt;</caption>'));
    assert.ok(!table.includes('見直し要否'));
    assert.ok(!table.includes('judgment-'));
  });
});
