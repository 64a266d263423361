/**
 * CSV as Japanese offices exchange it. Reading: RFC 4180 (quoted fields with commas, line breaks and
 * doubled quotes; CRLF, LF or CR line ends), in UTF-8 with or without BOM or in Shift_JIS (CP932) as
 * Excel saves it. Writing: UTF-8 with BOM and CRLF, because Excel in Japan opens a BOM-less UTF-8 file
 * as CP932 and garbles it; and with formula injection neutralised, because a cell such as
 * `=HYPERLINK(…)` taken from user input would otherwise run when the file is opened.
 *
 * @example
 * parseCsv('基準番号,旧,新\r\n統14,"a, b","x\r\ny"\r\n')
 * // [['基準番号', '旧', '新'], ['統14', 'a, b', 'x\r\ny']]
 * toCsv([['基準番号', '備考'], ['統14', '=1+1']])
 * // '\uFEFF基準番号,備考\r\n統14,\'=1+1\r\n'
 */
import iconv from 'iconv-lite';

/** A quoted field that is never closed; `row` and `column` are 1-based, as a spreadsheet shows them. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    readonly column: number,
  ) {
    super(`unterminated quoted field starting at row ${row}, column ${column}`);
    this.name = 'CsvSyntaxError';
  }
}

export type TextEncodingName = 'utf-8' | 'cp932';

/**
 * Decodes the bytes of a text file written by a person or by Excel: a UTF-8 BOM or bytes that are
 * valid UTF-8 mean UTF-8 (the BOM is dropped); anything else is read as CP932 (Windows Shift_JIS,
 * which Excel uses for 「CSV (コンマ区切り)」).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset + 3, bytes.length - 3).toString('utf8'), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'cp932'), encoding: 'cp932' };
  }
}

/**
 * Parses CSV text into records of fields. A record may span several lines when a quoted field holds
 * line breaks, so record N is row N of a spreadsheet. A final line break does not start a record; an
 * empty line in between is a record with one empty field. Text that is not quite RFC 4180 is read the
 * way Excel reads it: a quote inside an unquoted field is an ordinary character, and characters after
 * a closing quote are kept. Throws {@link CsvSyntaxError} when a quoted field is never closed.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let atFieldStart = true;
  let i = 0;
  const n = text.length;
  const endField = () => {
    row.push(field);
    field = '';
    atFieldStart = true;
  };
  while (i < n) {
    const ch = text[i]!;
    if (atFieldStart && ch === '"') {
      const startRow = rows.length + 1;
      const startColumn = row.length + 1;
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) throw new CsvSyntaxError(startRow, startColumn);
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      atFieldStart = false;
      continue;
    }
    atFieldStart = false;
    if (ch === ',') {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endField();
      rows.push(row);
      row = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  // A last record without a line break after it (a record ended by a line break has been pushed).
  if (!atFieldStart || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

/**
 * Neutralises spreadsheet formula injection (OWASP "CSV injection"): a value starting with = + - @,
 * a tab or a carriage return gets a leading apostrophe, so the spreadsheet shows it as text instead of
 * evaluating it. Other values are returned unchanged.
 *
 * @example
 * escapeFormula('=SUM(A1:A3)') // "'=SUM(A1:A3)"
 * escapeFormula('統14')         // '統14'
 */
export function escapeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  // Numbers are written as numbers: -5 is a value, not a formula.
  const s = typeof v === 'number' ? String(v) : escapeFormula(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Writes rows as CSV text for Excel: a leading BOM (encode the result as UTF-8), CRLF after every
 * record, fields quoted only when they hold a quote, comma or line break, text escaped with
 * {@link escapeFormula}; null is an empty field.
 */
export function toCsv(rows: (string | number | null)[][]): string {
  return `\uFEFF${rows.map((r) => `${r.map(csvField).join(',')}\r\n`).join('')}`;
}

/**
 * Spreadsheet column letters for a 0-based column index.
 *
 * @example
 * columnLetter(0)  // 'A'
 * columnLetter(26) // 'AA'
 */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
