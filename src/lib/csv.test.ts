import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { columnLetter, CsvSyntaxError, decodeText, escapeFormula, parseCsv, toCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    assert.deepEqual(parseCsv('a,"b,c","d ""e""\r\nf"\r\n1,2,3'), [
      ['a', 'b,c', 'd "e"\r\nf'],
      ['1', '2', '3'],
    ]);
  });

  it('accepts CRLF, LF and CR line ends, with or without a final line break', () => {
    const expected = [
      ['a', 'b'],
      ['c', 'd'],
    ];
    for (const text of ['a,b\r\nc,d\r\n', 'a,b\nc,d\n', 'a,b\rc,d\r', 'a,b\r\nc,d']) assert.deepEqual(parseCsv(text), expected, JSON.stringify(text));
  });

  it('keeps empty fields, and an empty line in between as a record with one empty field', () => {
    assert.deepEqual(parseCsv('x,\n\n,y\n'), [['x', ''], [''], ['', 'y']]);
    assert.deepEqual(parseCsv('a,,'), [['a', '', '']]);
    assert.deepEqual(parseCsv('""'), [['']]);
    assert.deepEqual(parseCsv(''), []);
  });

  it('reads a quote inside an unquoted field, and text after a closing quote, as Excel does', () => {
    assert.deepEqual(parseCsv('5" disk,"ab"c\n'), [['5" disk', 'abc']]);
  });

  it('counts records, not lines, so record N is row N of a spreadsheet', () => {
    const rows = parseCsv('h1,h2\r\n"line 1\r\nline 2",x\r\nlast,y\r\n');
    assert.equal(rows.length, 3);
    assert.deepEqual(rows[2], ['last', 'y']);
  });

  it('throws the spreadsheet row and column of a quoted field that is never closed', () => {
    assert.throws(
      () => parseCsv('a,b\r\n"ok","x\r\ny\r\n'),
      (e: unknown) => e instanceof CsvSyntaxError && e.row === 2 && e.column === 2,
    );
  });
});

describe('decodeText', () => {
  it('decodes UTF-8 with a BOM, dropping the BOM', () => {
    assert.deepEqual(decodeText(Buffer.from('\uFEFF基準番号,旧', 'utf8')), { text: '基準番号,旧', encoding: 'utf-8' });
  });

  it('decodes valid UTF-8 without a BOM as UTF-8', () => {
    assert.deepEqual(decodeText(Buffer.from('基準番号,旧', 'utf8')), { text: '基準番号,旧', encoding: 'utf-8' });
  });

  it('decodes anything else as CP932, including the NEC and IBM extensions Excel writes', () => {
    assert.deepEqual(decodeText(iconv.encode('基準番号,①ＡＴＭ～髙', 'cp932')), { text: '基準番号,①ＡＴＭ～髙', encoding: 'cp932' });
  });
});

describe('escapeFormula', () => {
  it('prefixes an apostrophe to text a spreadsheet would evaluate', () => {
    for (const bad of ['=1+1', '+SUM(A1)', '-2', '@cmd', '\tx', '\rx']) assert.equal(escapeFormula(bad), `'${bad}`);
  });

  it('leaves other text as it is', () => {
    for (const ok of ['統14', '', ' =1', '1-2', "'quoted"]) assert.equal(escapeFormula(ok), ok);
  });
});

describe('toCsv', () => {
  it('writes UTF-8 with a BOM and CRLF after every record', () => {
    assert.equal(toCsv([['基準番号', '旧'], ['統14', 'x']]), '\uFEFF基準番号,旧\r\n統14,x\r\n');
  });

  it('quotes only fields with quotes, commas or line breaks, and writes null as an empty field', () => {
    assert.equal(toCsv([['a"b', 'a,b', 'a\nb', 'plain', null]]), '\uFEFF"a""b","a,b","a\nb",plain,\r\n');
  });

  it('neutralises formula injection in text but writes numbers as numbers', () => {
    assert.equal(toCsv([['=HYPERLINK("http://x")', '@SUM(1)', -5, 3.5]]), '\uFEFF"\'=HYPERLINK(""http://x"")",\'@SUM(1),-5,3.5\r\n');
  });

  it('reads back what it wrote', () => {
    const rows = [
      ['基準番号', '新'],
      ['実16', '暗証番号, "パスワード"の管理\r\n(2) 検知'],
      ['', ''],
    ];
    assert.deepEqual(parseCsv(toCsv(rows).slice(1)), rows);
  });
});

describe('columnLetter', () => {
  it('names columns as spreadsheets do', () => {
    assert.deepEqual([0, 1, 25, 26, 27, 701, 702].map(columnLetter), ['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
