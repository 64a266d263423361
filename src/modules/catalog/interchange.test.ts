import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../lib/errors.js';
import { jsonPointer, parseInterchange, serializeInterchange } from './interchange.js';
import type { ChecklistEditionDocument, InterchangeDocument, RecordedComparisonDocument, RuleSetEditionDocument } from './interchange.schema.js';

/** Lines are numbered by hand in the comments of the problem tests below. */
const lines = (...l: string[]) => `${l.join('\n')}\n`;

const STANDARDS = lines(
  'format: tsunagu.catalog/v1', // 1
  'kind: ruleSetEdition', // 2
  'ruleSet:', // 3
  '  code: fisc-security-standards', // 4
  '  name: 金融機関等コンピュータシステムの安全対策基準・解説書', // 5
  '  shortName: 安全対策基準', // 6
  '  kind: standard', // 7
  '  publisher: 公益財団法人 金融情報システムセンター', // 8
  'edition:', // 9
  '  label: 第12版', // 10
  '  publishedOn: 2024-03', // 11
  '  basedOn: 第11版', // 12
  'provisions:', // 13
  '  - code: 1.総則', // 14
  '    kind: section', // 15
  '    title: 総則', // 16
  '  - code: 統 １４', // 17
  '    title: セキュリティ教育を行うこと。', // 18
  '    text: |-', // 19
  '      教育テーマとしては、以下の例がある。', // 20
  '      (6)サイバーセキュリティ（コンピュータウイルスへの対応等）', // 21
  '    parent: 1.総則', // 22
  '  - code: 実 103 - 1', // 23
  '    text: null', // 24
  '  - code: P16', // 25
  '  - code: F1', // 26
  '  - code: A1', // 27
  '  - code: C15', // 28
  '  - code: 実１４－１', // 29
);

const CHECKLIST = lines(
  'format: tsunagu.catalog/v1',
  'kind: checklistEdition',
  'ruleSet:',
  '  code: api-checklist',
  '  name: API接続チェックリスト',
  '  kind: checklist',
  'edition:',
  '  label: 2018年10月版',
  '  publishedOn: 2018-10',
  'items:',
  '  - number: 22',
  '    category: システム開発・運用管理',
  '    objective: システムアクセス時の認証を実施する。',
  '    subjectParty: 電子決済等代行業者',
  '    appliesTo: [read, write]',
  '    references:',
  '      - ruleSet: fisc-security-standards',
  '        provision: 実 １',
  '      - ruleSet: zengin-open-api-report',
  '        provision: 3.3.1',
  '        subPart: ｄ',
);

const RECORDED = lines(
  'format: tsunagu.catalog/v1',
  'kind: recordedComparison',
  'ruleSet: fisc-security-standards',
  'from: 第11版',
  'to: 第12版',
  'source: 2024年度 API接続チェックリスト見直し要否 対応方針（図表1）',
  'rows:',
  '  - provisions: [P1, 実 8, 実２６]',
  '    printedText: 教育テーマとしては、以下の例がある。(6)<u>サイバーセキュリティ（</u>コンピュータウイルスへの対応<u>等）</u>',
  '    tag: 【下線部追加】',
  '    summary: 教育テーマにサイバーセキュリティを追記',
);

function appError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError, `expected an AppError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected an error');
}

const wheres = (e: AppError) => e.problems.map((p) => p.where);

describe('parseInterchange: reading', () => {
  it('reads a YAML rule-set edition and fills in the defaults', () => {
    const doc = parseInterchange(STANDARDS, 'fisc-12.yaml') as RuleSetEditionDocument;
    assert.equal(doc.kind, 'ruleSetEdition');
    assert.equal(doc.edition.status, 'published');
    assert.deepEqual(doc.edition.partialRevisions, []);
    assert.equal(doc.provisions[1]!.kind, 'standard');
    assert.equal(doc.provisions[1]!.textIsExcerpt, false);
    assert.equal(doc.provisions[1]!.text, '教育テーマとしては、以下の例がある。\n(6)サイバーセキュリティ（コンピュータウイルスへの対応等）');
    assert.equal(doc.provisions[2]!.text, null);
  });

  it('normalises provision codes: full-width digits, stray spaces and the English letters', () => {
    const doc = parseInterchange(STANDARDS, 'fisc-12.yaml') as RuleSetEditionDocument;
    assert.deepEqual(
      doc.provisions.map((p) => p.code),
      ['1.総則', '統14', '実103-1', '実16', '設1', '監1', '統15', '実14-1'],
    );
    assert.equal(doc.provisions[1]!.parent, '1.総則');
  });

  it('normalises cross-reference codes and sub-parts of a checklist', () => {
    const doc = parseInterchange(CHECKLIST, 'api-checklist.yaml') as ChecklistEditionDocument;
    assert.deepEqual(doc.items[0]!.references, [
      { ruleSet: 'fisc-security-standards', provision: '実1' },
      { ruleSet: 'zengin-open-api-report', provision: '3.3.1', subPart: 'd' },
    ]);
    assert.deepEqual(doc.items[0]!.appliesTo, ['read', 'write']);
  });

  it('normalises the provision codes of recorded comparison rows', () => {
    const doc = parseInterchange(RECORDED, 'cmp.yaml') as RecordedComparisonDocument;
    assert.deepEqual(doc.rows[0]!.provisions, ['実1', '実8', '実26']);
    assert.match(doc.rows[0]!.printedText, /<u>サイバーセキュリティ（<\/u>/);
  });

  it('reads JSON by its extension, and by its opening brace when the name says nothing', () => {
    const yamlDoc = parseInterchange(CHECKLIST, 'a.yaml');
    const json = JSON.stringify(yamlDoc);
    assert.deepEqual(parseInterchange(json, 'a.json'), yamlDoc);
    assert.deepEqual(parseInterchange(`  ${json}`, 'upload'), yamlDoc);
    assert.deepEqual(parseInterchange(CHECKLIST, 'upload'), yamlDoc);
  });

  it('ignores a UTF-8 BOM', () => {
    assert.deepEqual(parseInterchange(`\uFEFF${RECORDED}`, 'a.yaml'), parseInterchange(RECORDED, 'a.yaml'));
    assert.deepEqual(parseInterchange(`\uFEFF${JSON.stringify(parseInterchange(RECORDED, 'a.yaml'))}`, 'a.json'), parseInterchange(RECORDED, 'a.yaml'));
  });

  it('keeps prose as written, in NFC', () => {
    const doc = parseInterchange(RECORDED.replace('教育テーマにサイバー', '教育テ\u3099ーマにサイバー'), 'a.yaml') as RecordedComparisonDocument;
    assert.equal(doc.rows[0]!.summary, '教育デーマにサイバーセキュリティを追記');
  });
});

describe('parseInterchange: problems', () => {
  it('reports all nine problems of a file at once, each with its pointer and line, top to bottom', () => {
    const bad = lines(
      'format: tsunagu.catalog/v1', // 1
      'kind: ruleSetEdition', // 2
      'ruleSet:', // 3
      '  code: FISC', // 4  pattern
      '  name: 安全対策基準', // 5
      '  kind: rules', // 6  enum
      'edition:', // 7
      '  label: 第12版', // 8
      '  publishedOn: 2024-02-30', // 9  no such date
      '  status: final', // 10 enum
      'provisions:', // 11
      '  - code: 統14', // 12
      '    title: セキュリティ教育を行うこと。', // 13
      '  - code: 統 １４', // 14 the same code as line 12 once normalised
      '    titel: 誤記', // 15 unknown field
      '  - kind: section', // 16 no code
      '  - code: 実16', // 17
      '    parent: 統99', // 18 not in the file
      '    textIsExcerpt: yes', // 19 a string in YAML 1.2
    );
    const e = appError(() => parseInterchange(bad, 'bad.yaml'));
    assert.equal(e.code, 'catalog.interchange_invalid');
    assert.equal(e.kind, 'invalid');
    assert.equal(e.messageJa, '取り込みファイルに 9 件の問題があります');
    assert.equal(e.messageEn, 'The file has 9 problems');
    assert.deepEqual(wheres(e), [
      '/ruleSet/code (line 4)',
      '/ruleSet/kind (line 6)',
      '/edition/publishedOn (line 9)',
      '/edition/status (line 10)',
      '/provisions/1/code (line 14)',
      '/provisions/1/titel (line 15)',
      '/provisions/2/code (line 16)',
      '/provisions/3/parent (line 18)',
      '/provisions/3/textIsExcerpt (line 19)',
    ]);
    for (const p of e.problems) {
      assert.match(p.messageJa, /[\u3040-\u30ff\u4e00-\u9fff]/, `Japanese message for ${p.where}: ${p.messageJa}`);
      assert.ok(p.messageEn.length > 0);
    }
  });

  it('words the duplicate code in both languages and names the first one', () => {
    const e = appError(() => parseInterchange(STANDARDS.replace('  - code: C15', '  - code: Ｃ１４'), 'a.yaml'));
    assert.deepEqual(e.problems, [
      {
        where: '/provisions/6/code (line 28)',
        messageJa: '基準番号「統14」が重複しています（/provisions/1/code と同じ）',
        messageEn: 'duplicate provision code 統14 (same as /provisions/1/code)',
      },
    ]);
  });

  it('splits a message the schema words in both languages', () => {
    const e = appError(() => parseInterchange(STANDARDS.replace('publishedOn: 2024-03', 'publishedOn: 2024-3'), 'a.yaml'));
    assert.deepEqual(e.problems, [
      {
        where: '/edition/publishedOn (line 11)',
        messageJa: 'YYYY-MM-DD または YYYY-MM 形式の日付を指定してください',
        messageEn: 'expected a date as YYYY-MM-DD or YYYY-MM',
      },
    ]);
  });

  it("uses zod's Japanese locale for a check the schema words only in English", () => {
    const e = appError(() => parseInterchange(STANDARDS.replace('code: fisc-security-standards', 'code: FISC'), 'a.yaml'));
    assert.equal(e.problems[0]!.where, '/ruleSet/code (line 4)');
    assert.equal(e.problems[0]!.messageEn, 'use lowercase letters, digits and hyphens');
    assert.match(e.problems[0]!.messageJa, /パターン/);
  });

  it('names a missing field and the line of the object that lacks it', () => {
    const e = appError(() => parseInterchange(RECORDED.replace('    tag: 【下線部追加】\n', ''), 'a.yaml'));
    assert.deepEqual(e.problems, [{ where: '/rows/0/tag (line 8)', messageJa: '必須の項目「tag」がありません', messageEn: 'required field "tag" is missing' }]);
  });

  it('reports a parent missing from the file, and a parent chain that loops', () => {
    const missing = appError(() => parseInterchange(STANDARDS.replace('    parent: 1.総則', '    parent: 1. 概要'), 'a.yaml'));
    assert.deepEqual(missing.problems, [
      { where: '/provisions/1/parent (line 22)', messageJa: '親の基準番号「1.概要」がこのファイルにありません', messageEn: 'parent provision 1.概要 is not in this file' },
    ]);
    const loop = appError(() => parseInterchange(STANDARDS.replace('    parent: 1.総則', '    parent: 統 14'), 'a.yaml'));
    assert.deepEqual(wheres(loop), ['/provisions/1/parent (line 22)']);
    assert.match(loop.problems[0]!.messageJa, /自分自身に戻ります/);
  });

  it('reports a checklist item number used twice', () => {
    const twice = `${CHECKLIST}  - number: 22\n    category: 外部接続\n`;
    const e = appError(() => parseInterchange(twice, 'a.yaml'));
    assert.deepEqual(e.problems, [
      { where: '/items/1/number (line 22)', messageJa: '確認項目番号 22 が重複しています（/items/0/number と同じ）', messageEn: 'duplicate checklist item number 22 (same as /items/0/number)' },
    ]);
  });

  it('reports a code listed twice in one recorded row', () => {
    const e = appError(() => parseInterchange(RECORDED.replace('[P1, 実 8, 実２６]', '[P1, 実 8, 実１]'), 'a.yaml'));
    assert.deepEqual(wheres(e), ['/rows/0/provisions/2 (line 8)']);
  });

  it('points at an unknown field itself, escaping ~ and / in the pointer', () => {
    const e = appError(() => parseInterchange(STANDARDS.replace('    kind: section', '    kind: section\n    a/b~c: x'), 'a.yaml'));
    assert.deepEqual(wheres(e), ['/provisions/0/a~1b~0c (line 16)']);
    assert.match(e.problems[0]!.messageEn, /unknown field "a\/b~c" \(allowed here: code, kind, title, text, textIsExcerpt, parent\)/);
  });

  it('names the expected kinds when kind is wrong', () => {
    const e = appError(() => parseInterchange(STANDARDS.replace('kind: ruleSetEdition', 'kind: edition'), 'a.yaml'));
    assert.deepEqual(e.problems, [
      {
        where: '/kind (line 2)',
        messageJa: 'kind には ruleSetEdition, checklistEdition, recordedComparison のいずれかを指定してください',
        messageEn: 'kind must be one of ruleSetEdition, checklistEdition, recordedComparison',
      },
    ]);
  });

  it('gives a document that is not a mapping the line where it starts', () => {
    const e = appError(() => parseInterchange('\n- 1\n- 2\n', 'a.yaml'));
    assert.deepEqual(wheres(e), ['line 2']);
    assert.equal(e.problems[0]!.messageEn, 'expected an object (mapping), got a list (array)');
  });

  it('gives JSON problems their pointer and line too', () => {
    const json = [
      '{', // 1
      '  "format": "tsunagu.catalog/v1",', // 2
      '  "kind": "checklistEdition",', // 3
      '  "ruleSet": { "code": "api-checklist", "name": "API接続チェックリスト", "kind": "standard" },', // 4
      '  "edition": { "label": "2018年10月版", "publishedOn": "2018-10" },', // 5
      '  "items": [', // 6
      '    { "number": 22, "category": "システム開発・運用管理" },', // 7
      '    { "number": 0, "category": "" }', // 8
      '  ]', // 9
      '}', // 10
    ].join('\n');
    const e = appError(() => parseInterchange(json, 'a.json'));
    assert.deepEqual(wheres(e), ['/ruleSet/kind (line 4)', '/items/1/number (line 8)', '/items/1/category (line 8)']);
  });

  it('reports a YAML syntax error with its line and column, in both languages', () => {
    const text = lines(
      'format: tsunagu.catalog/v1', // 1
      'kind: ruleSetEdition', // 2
      'ruleSet:', // 3
      '  code: x', // 4
      'kind: checklistEdition', // 5 the same key again
      'edition:', // 6
      '\tlabel: 第1版', // 7 a tab
    );
    const e = appError(() => parseInterchange(text, 'a.yaml'));
    assert.equal(e.code, 'catalog.interchange_syntax');
    assert.deepEqual(wheres(e), ['line 5, column 1', 'line 7, column 1']);
    assert.match(e.problems[0]!.messageJa, /^行 5 列 1: 同じキーが2回書かれています/);
    assert.match(e.problems[0]!.messageEn, /^line 5, column 1: Map keys must be unique/);
    assert.match(e.problems[1]!.messageJa, /^行 7 列 1: インデントにタブは使えません/);
  });

  it('reports a JSON syntax error with its line and column', () => {
    const json = '{\n  "format": "tsunagu.catalog/v1",\n  "kind": "ruleSetEdition"\n  "ruleSet": {}\n}';
    const e = appError(() => parseInterchange(json, 'a.json'));
    assert.equal(e.code, 'catalog.interchange_syntax');
    assert.deepEqual(e.problems, [
      { where: 'line 4, column 3', messageJa: '行 4 列 3: JSON の構文が正しくありません（予期しない文字 "\\""）', messageEn: 'line 4, column 3: unexpected character "\\""' },
    ]);
    const cut = appError(() => parseInterchange('{\n  "format": "tsunagu', 'a.json'));
    assert.deepEqual(wheres(cut), ['line 2, column 21']); // just after 'tsunagu', where the closing quote is missing
    assert.match(cut.problems[0]!.messageEn, /ends too early/);
  });

  it('refuses an empty file', () => {
    for (const text of ['', '\uFEFF', '  \n\n']) assert.equal(appError(() => parseInterchange(text, 'a.yaml')).code, 'catalog.interchange_empty');
  });
});

describe('serializeInterchange', () => {
  const tricky: RuleSetEditionDocument = {
    format: 'tsunagu.catalog/v1',
    kind: 'ruleSetEdition',
    ruleSet: { code: 'fisc-security-standards', name: '安全対策基準', kind: 'standard' },
    edition: {
      label: '2024',
      publishedOn: '2024-03',
      status: 'draft',
      partialRevisions: [{ revisedOn: '2024-09-01', body: '連絡会', summary: 'null' }],
    },
    provisions: [
      {
        code: '統14',
        kind: 'standard',
        title: 'true',
        text: '教育テーマとしては、以下の例がある。\n(1) 情報セキュリティポリシー\n(6) サイバーセキュリティ\n',
        textIsExcerpt: false,
      },
      { code: '実1', kind: 'standard', title: null, text: `${'金融機関等は、'.repeat(40)}ものとする。`, textIsExcerpt: true, parent: '統14' },
      { code: '実2', kind: 'note', title: '# 見出し: 値', text: '  先頭の空白\n\t タブ\r\n末尾の空白  ', textIsExcerpt: false },
      { code: '実3', kind: 'footnote', title: '', text: '- 箇条\n: 記号\n\n\n', textIsExcerpt: false },
      { code: '実4', kind: 'term', title: '012', text: '~', textIsExcerpt: false },
    ],
  };

  it('reads back every kind of document from YAML and JSON without loss', () => {
    const docs: InterchangeDocument[] = [
      parseInterchange(STANDARDS, 'a.yaml'),
      parseInterchange(CHECKLIST, 'a.yaml'),
      parseInterchange(RECORDED, 'a.yaml'),
      tricky,
    ];
    for (const doc of docs) {
      for (const format of ['yaml', 'json'] as const) {
        const text = serializeInterchange(doc, format);
        assert.deepEqual(parseInterchange(text, `round-trip.${format}`), doc, `${doc.kind} as ${format}:\n${text}`);
      }
    }
  });

  it('writes multi-line text as a YAML block literal and never folds a long Japanese line', () => {
    const yaml = serializeInterchange(tricky, 'yaml');
    assert.match(yaml, /\n {4}text: \|\n {6}教育テーマとしては、以下の例がある。\n {6}\(1\) 情報セキュリティポリシー\n/);
    assert.ok(yaml.split('\n').some((l) => l === `    text: ${'金融機関等は、'.repeat(40)}ものとする。`));
  });

  it('writes keys in the order of the schema, whatever order the object has', () => {
    const reversed = Object.fromEntries(Object.entries(tricky).reverse()) as unknown as InterchangeDocument;
    (reversed as RuleSetEditionDocument).provisions = tricky.provisions.map((p) => Object.fromEntries(Object.entries(p).reverse()) as never);
    const json = JSON.parse(serializeInterchange(reversed, 'json'));
    assert.deepEqual(Object.keys(json), ['format', 'kind', 'ruleSet', 'edition', 'provisions']);
    assert.deepEqual(Object.keys(json.provisions[1]), ['code', 'kind', 'title', 'text', 'textIsExcerpt', 'parent']);
    const yaml = serializeInterchange(reversed, 'yaml');
    assert.ok(yaml.startsWith('format: tsunagu.catalog/v1\nkind: ruleSetEdition\nruleSet:\n  code: fisc-security-standards\n'), yaml);
  });

  it('writes the same text for the same document, ending in a newline', () => {
    const doc = parseInterchange(CHECKLIST, 'a.yaml');
    for (const format of ['yaml', 'json'] as const) {
      const once = serializeInterchange(doc, format);
      assert.equal(serializeInterchange(parseInterchange(once, `a.${format}`), format), once);
      assert.ok(once.endsWith('\n'));
    }
  });
});

describe('jsonPointer', () => {
  it('escapes ~ and / as RFC 6901 says, and points at the whole document with ""', () => {
    assert.equal(jsonPointer(['provisions', 3, 'code']), '/provisions/3/code');
    assert.equal(jsonPointer(['a/b', 'c~d', '~1']), '/a~1b/c~0d/~01');
    assert.equal(jsonPointer([]), '');
  });
});
