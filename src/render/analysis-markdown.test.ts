import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnalysisView } from '../modules/revision/analysis.types.js';
import { analysisFixture as a } from './analysis.fixture.js';
import { checklistCell, formatJaPartialDate, judgmentText, summaryText, tagText } from './analysis-common.js';
import { renderAnalysisMarkdown, renderAnalysisTableMarkdown, segmentsMarkdown } from './analysis-markdown.js';

/** The table lines of a rendered document, header first. */
const tableLines = (md: string) => md.split('\n').filter((l) => l.startsWith('|'));

describe('cell texts shared by the renderers', () => {
  it('writes - in the checklist column when no item cites the row', () => {
    assert.equal(checklistCell(a.rows[1]!), '-');
  });

  it('names an item by number and category, adding the objective when there is one', () => {
    assert.equal(checklistCell(a.rows[0]!), '3. 情報・セキュリティ管理態勢');
    assert.equal(checklistCell(a.rows[2]!), '22. システム開発・運用管理 システムアクセス時の認証を実施する。');
  });

  it('lists an item that cites several parts of the row once, one item per line', () => {
    assert.equal(
      checklistCell(a.rows[3]!),
      '33. サービスシステムのセキュリティ機能\n39. APIセキュリティ機能 利用者の利便性と、リスクに見合った利用者保護を実現する認証強度とする。',
    );
  });

  it('prints the summary with the bullet of 図表1, and nothing without a summary', () => {
    assert.equal(summaryText({ summary: '用語の見直し' }), '・用語の見直し');
    assert.equal(summaryText({ summary: null }), '');
    assert.equal(tagText({ tag: null }), '');
  });

  it('words the judgment in Japanese or English, with the reason when given', () => {
    assert.equal(judgmentText({ revisionNeeded: true, reason: '確認項目の追加が必要' }, 'ja'), '見直し要（確認項目の追加が必要）');
    assert.equal(judgmentText({ revisionNeeded: false, reason: null }, 'ja'), '見直し不要');
    assert.equal(judgmentText({ revisionNeeded: null, reason: null }, 'ja'), '未判断');
    assert.equal(judgmentText({ revisionNeeded: true, reason: 'new item' }, 'en'), 'Revision needed (new item)');
    assert.equal(judgmentText({ revisionNeeded: false, reason: null }, 'en'), 'Not needed');
    assert.equal(judgmentText({ revisionNeeded: null, reason: null }, 'en'), 'Not judged');
  });

  it('writes a publication date with or without its day the Japanese way', () => {
    assert.equal(formatJaPartialDate('2024-03'), '2024年3月');
    assert.equal(formatJaPartialDate('2024-03-01'), '2024年3月1日');
    assert.equal(formatJaPartialDate('2024-03', 'en'), 'March 2024');
    assert.equal(formatJaPartialDate('2024-03-01', 'en'), '1 March 2024');
    assert.equal(formatJaPartialDate('2024年春'), '2024年春');
  });
});

describe('renderAnalysisMarkdown', () => {
  const md = renderAnalysisMarkdown(a);

  it('heads the document with the title, the rule set, both editions with their dates and the counts', () => {
    assert.ok(md.startsWith('# FISC 安全対策基準 第11版 → 第12版 改訂内容の分析\n'));
    assert.ok(md.includes('金融機関等コンピュータシステムの安全対策基準・解説書　第11版（2023年3月） → 第12版（2024年3月）'));
    assert.ok(md.includes('新設 0・廃止 0・改訂 4・変更なし 120'));
  });

  it('leaves out the date of an edition whose publication date is unknown', () => {
    const undated = renderAnalysisMarkdown({ ...a, from: { label: '第11版', publishedOn: null } });
    assert.ok(undated.includes('第11版 → 第12版（2024年3月）'));
  });

  it('uses the columns of 図表1 plus the judgment, in Japanese by default', () => {
    assert.equal(tableLines(md)[0], '| チェックリスト | 安全対策基準 | 主な改訂内容 | 見直し要否 |');
  });

  it('uses English headings and judgments with lang en', () => {
    const en = renderAnalysisMarkdown(a, { lang: 'en' });
    assert.equal(tableLines(en)[0], '| Checklist | Provision | Main changes | Judgment |');
    assert.ok(en.includes('第11版 (March 2023) → 第12版 (March 2024)'));
    assert.ok(en.includes('| Revision needed (+要確認) |'));
    assert.ok(en.includes('| Not judged |'));
  });

  it('underlines the changed part of 統14 and puts the tag and the summary under it in the same cell', () => {
    assert.ok(
      md.includes(
        '| 教育テーマとしては、以下の例がある。 (6) <u>サイバーセキュリティ (コンピュータウイルスへの対応等)</u><br>【下線部変更】<br>・セキュリティ意識向上のための教育テーマとして、サイバーセキュリティを追記 | 見直し不要（既存の確認項目で確認できる） |',
      ),
    );
  });

  it('strikes deleted text through with ~~ next to the underlined new text', () => {
    assert.ok(md.includes('検知システムの~~運用状況の~~<u>運転状況</u>監視や<br>【下線部変更】<br>・分かりやすい表現に見直し'));
  });

  it('marks a deletion in full-width brackets with <del>, because GFM would print ~~ there literally', () => {
    assert.ok(md.includes('1. ④利用者の<del>（携帯端末）</del><u>スマートデバイス</u>と QR コード決済アプリを紐付ける'));
  });

  it('marks a deleted space with <del>, because ~~ around a space is not strike-through', () => {
    assert.equal(segmentsMarkdown([{ kind: 'equal', text: '実' }, { kind: 'deleted', text: ' ' }, { kind: 'equal', text: '1' }]), '実<del> </del>1');
  });

  it('writes - in the checklist column of a row no item cites', () => {
    assert.ok(tableLines(md)[3]!.startsWith('| - | 実21 コンピュータウイルス等の不正プログラムの検知対策を講ずること。 |'));
  });

  it('puts one citing item per line in the checklist cell', () => {
    assert.ok(
      tableLines(md)[5]!.startsWith(
        '| 33. サービスシステムのセキュリティ機能<br>39. APIセキュリティ機能 利用者の利便性と、リスクに見合った利用者保護を実現する認証強度とする。 | 実142 ',
      ),
    );
  });

  it('escapes pipes so that no cell splits, and every row keeps four columns', () => {
    assert.ok(md.includes('| A\\|B 列 |'));
    assert.ok(md.includes("・=cmd\\|' /C calc'!A0 |"));
    for (const line of tableLines(md)) {
      assert.equal(line.match(/(?<!\\)\|/g)?.length, 5, line);
    }
  });

  it('writes HTML in the text as entities, so that no script passes through', () => {
    assert.ok(md.includes('x<u>&lt;script&gt;alert(1)&lt;/script&gt;</u>'));
    assert.ok(!md.includes('<script>'));
  });

  it('escapes Markdown punctuation so that provision text never turns into emphasis or links', () => {
    assert.equal(
      segmentsMarkdown([{ kind: 'equal', text: '*重要* _注_ [参照](x) ~~旧~~ `code` a\\b' }]),
      '\\*重要\\* \\_注\\_ \\[参照\\](x) \\~\\~旧\\~\\~ \\`code\\` a\\\\b',
    );
  });

  it('turns line breaks inside a cell into <br>', () => {
    const multiline: AnalysisView = { ...a, rows: [{ ...a.rows[0]!, provisionLabel: '統14\nセキュリティ教育', summary: '一行目\r\n二行目' }] };
    const line = tableLines(renderAnalysisMarkdown(multiline))[2]!;
    assert.ok(line.includes('| 統14<br>セキュリティ教育 |'));
    assert.ok(line.includes('・一行目<br>二行目 |'));
  });

  it('leaves out the judgment column for an unsaved comparison or when asked to', () => {
    assert.equal(tableLines(renderAnalysisMarkdown({ ...a, id: '' }))[0], '| チェックリスト | 安全対策基準 | 主な改訂内容 |');
    assert.equal(renderAnalysisTableMarkdown(a, 'ja', { judgment: false }).split('\n')[0], '| チェックリスト | 安全対策基準 | 主な改訂内容 |');
  });
});
