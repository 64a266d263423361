/**
 * Reading and writing the interchange format (JSON or YAML; see docs/formats.md).
 *
 * Reading reports every problem at once, each with its JSON pointer (RFC 6901) and, where the source
 * can be located, its line (`/provisions/3/code (line 42)`), in Japanese and in English. Provision
 * codes are normalised ("実 103 - 1" → 実103-1, C14 → 統14) before they are checked for duplicates,
 * so that two spellings of one code cannot slip in. Writing keeps the schema's key order and never
 * folds long Japanese lines, so that exported files diff well and read back without loss.
 */
import YAML, { isAlias, isMap, isScalar, isSeq, LineCounter, type Document } from 'yaml';
import { z } from 'zod';
import { AppError, type Problem } from '../../lib/errors.js';
import { normalizeProvisionCode } from '../../lib/provision-code.js';
import { safeParseBilingual } from '../../lib/validate.js';
import { interchangeDocument, type InterchangeDocument } from './interchange.schema.js';

type Path = readonly PropertyKey[];

/**
 * RFC 6901 JSON pointer of a path; `~` and `/` inside a key are escaped. The whole document is ''.
 *
 * @example
 * jsonPointer(['provisions', 3, 'code']) // '/provisions/3/code'
 * jsonPointer(['a/b', 'c~d'])            // '/a~1b/c~0d'
 */
export function jsonPointer(path: Path): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

// ---------------------------------------------------------------------------------------------
// Reading the text

export type SourceFormat = 'json' | 'yaml';

/** JSON or YAML text read as data, remembering where each node is. */
export interface Source {
  data: unknown;
  /** The 1-based line of the node at `path`, or of its nearest ancestor that exists. */
  lineOf(path: Path): number | undefined;
}

/** One reason a text is not JSON or YAML, in the parser's terms: each reader words it for its users. */
export interface SourceSyntaxIssue {
  /** 1-based, where the problem is. */
  line: number;
  col: number;
  /** The parser's own message, in English, on one line (JSON: V8's message as it is). */
  message: string;
  /**
   * YAML: the parser's error code (BAD_INDENT, DUPLICATE_KEY …), or TO_JS when the text is well
   * formed but cannot become data (aliases that expand too far).
   */
  code?: string;
  /** JSON: the character where the text stops being JSON; absent when the text ends too early. */
  found?: string;
}

/** Thrown by {@link readJsonOrYaml} when the text is not JSON or YAML; never for an empty text. */
export class SourceSyntaxError extends Error {
  constructor(
    readonly format: SourceFormat,
    readonly issues: SourceSyntaxIssue[],
  ) {
    super(`not valid ${format === 'json' ? 'JSON' : 'YAML'}: ${issues.map((i) => `line ${i.line}, column ${i.col}: ${i.message}`).join('; ')}`);
    this.name = 'SourceSyntaxError';
  }
}

function formatOf(text: string, fileName: string, listsAsJson: boolean): SourceFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  const start = text.trimStart();
  return start.startsWith('{') || (listsAsJson && start.startsWith('[')) ? 'json' : 'yaml';
}

/**
 * Reads a JSON or YAML text (by the file's extension; otherwise JSON when it starts with `{`, or
 * with `[` too under `listsAsJson`) and remembers where each node is, so that a problem found in the
 * data can name its line. A BOM is ignored. Check for an empty text first: it would read as null.
 *
 * @throws SourceSyntaxError with every syntax problem found, for the caller to word.
 * @example
 * const source = readJsonOrYaml('entries:\n  - receivedOn: 2025-02-30\n', 'feedback.yaml');
 * source.lineOf(['entries', 0, 'receivedOn']) // 2
 */
export function readJsonOrYaml(text: string, fileName: string, opts: { listsAsJson?: boolean } = {}): Source {
  const body = text.replace(/^\uFEFF/, '');
  return formatOf(body, fileName, opts.listsAsJson ?? false) === 'json' ? readJson(body) : readYaml(body);
}

function readSource(text: string, fileName: string): Source {
  if (!text.replace(/^\uFEFF/, '').trim()) {
    throw new AppError('catalog.interchange_empty', 'invalid', {
      ja: `取り込みファイル ${fileName} が空です`,
      en: `the file ${fileName} is empty`,
    });
  }
  try {
    return readJsonOrYaml(text, fileName);
  } catch (e) {
    if (e instanceof SourceSyntaxError) throw syntaxError(e);
    throw e;
  }
}

function readJson(body: string): Source {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    const message = (e as Error).message;
    const { offset, line, col } = jsonErrorPosition(message, body);
    const found = body[offset];
    throw new SourceSyntaxError('json', [{ line, col, message, ...(found === undefined ? {} : { found }) }]);
  }
  // JSON is YAML 1.2, so the YAML parser can locate nodes by their character offsets; it is only
  // asked when a problem needs a line.
  let located: ReturnType<typeof locateWithYaml> | null | undefined;
  return {
    data,
    lineOf(path) {
      if (located === undefined) {
        const lc = new LineCounter();
        const doc = YAML.parseDocument(body, { lineCounter: lc, uniqueKeys: false });
        located = doc.errors.length ? null : locateWithYaml(doc, lc);
      }
      return located?.(path);
    },
  };
}

/**
 * Line and column of a JSON.parse error. V8's messages do not always carry a position ("Unexpected
 * token '{', ..."ruleSet" {"... is not valid JSON"), so the text is scanned for the first error.
 */
function jsonErrorPosition(message: string, body: string): { offset: number; line: number; col: number } {
  const pos = /at position (\d+)/.exec(message);
  let offset = firstJsonError(body);
  if (offset === body.length && pos) offset = Number(pos[1]);
  const before = body.slice(0, offset);
  const line = before.split('\n').length;
  return { offset, line, col: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Offset of the first character where `text` stops being JSON (RFC 8259); text.length at the end. */
function firstJsonError(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) fail();
      const ch = text[i]!;
      if (ch === '"') return void i++;
      if (ch === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          i += 1;
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          i += 1;
          fail();
        }
      } else if (ch < ' ') fail();
      else i++;
    }
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail();
    i += m[0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    } else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) number();
    else fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return text.length;
  } catch (at) {
    if (typeof at === 'number') return Math.min(at, text.length);
    throw at;
  }
}

/** Japanese for the YAML parser's error codes a person is likely to meet. */
const YAML_ERROR_JA: Record<string, string> = {
  BAD_INDENT: 'インデント（字下げ）が正しくありません',
  BAD_SCALAR_START: '値の書き出しが正しくありません（「:」「#」などで始まる値は引用符で囲んでください）',
  BLOCK_AS_IMPLICIT_KEY: '1行のキーの中に入れ子の構造は書けません',
  BLOCK_IN_FLOW: '[ ] や { } の中に複数行の構造は書けません',
  DUPLICATE_KEY: '同じキーが2回書かれています',
  MISSING_CHAR: '閉じる文字（] や } や引用符）がありません',
  MULTILINE_IMPLICIT_KEY: 'キーは1行で書いてください（「キー: 値」の「: 」が抜けていないか確認してください）',
  MULTIPLE_DOCS: '1つのファイルに複数の文書（---）があります',
  TAB_AS_INDENT: 'インデントにタブは使えません。空白で字下げしてください',
  UNEXPECTED_TOKEN: '予期しない記号があります',
  ALIAS_PROPS: 'エイリアス（*）にはタグやアンカーを付けられません',
  BAD_ALIAS: 'エイリアス（*）の参照先がありません',
};

function readYaml(body: string): Source {
  const lc = new LineCounter();
  const doc = YAML.parseDocument(body, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    throw new SourceSyntaxError(
      'yaml',
      doc.errors.map((e) => {
        const { line, col } = lc.linePos(e.pos[0]);
        return { line, col, message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), code: e.code };
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (e) {
    // e.g. "Excessive alias count": a document that expands too much.
    throw new SourceSyntaxError('yaml', [{ line: 1, col: 1, message: (e as Error).message, code: 'TO_JS' }]);
  }
  return { data, lineOf: locateWithYaml(doc, lc) };
}

function locateWithYaml(doc: Document, lc: LineCounter): (path: Path) => number | undefined {
  const lineAt = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lc.linePos(range[0]).line : undefined;
  };
  return (path) => {
    let node: unknown = doc.contents;
    let line = lineAt(node);
    for (const seg of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
        if (!pair) break;
        // The key's line: a value in a block (text: |) or a nested map starts below its key.
        line = lineAt(pair.key) ?? line;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)];
        if (item === undefined) break;
        line = lineAt(item) ?? line;
        node = item;
      } else break;
    }
    return line;
  };
}

/** The interchange format's words for a syntax problem. */
function issueText(format: SourceFormat, i: SourceSyntaxIssue): { ja: string; en: string } {
  if (format === 'json') {
    return i.found === undefined
      ? { ja: 'JSON が途中で終わっています（閉じかっこや引用符が足りません）', en: 'the JSON ends too early (a closing bracket or quote is missing)' }
      : { ja: `JSON の構文が正しくありません（予期しない文字 ${JSON.stringify(i.found)}）`, en: `unexpected character ${JSON.stringify(i.found)}` };
  }
  if (i.code === 'TO_JS') return { ja: `YAML を読み込めません（${i.message}）`, en: i.message };
  const ja = i.code ? YAML_ERROR_JA[i.code] : undefined;
  return { ja: ja ? `${ja}（${i.message}）` : `YAML の構文が正しくありません（${i.message}）`, en: i.message };
}

function syntaxError(e: SourceSyntaxError): AppError {
  const name = e.format === 'json' ? 'JSON' : 'YAML';
  return new AppError(
    'catalog.interchange_syntax',
    'invalid',
    { ja: `取り込みファイルを ${name} として読めません`, en: `The file is not valid ${name}` },
    e.issues.map((i) => {
      const { ja, en } = issueText(e.format, i);
      return { where: `line ${i.line}, column ${i.col}`, messageJa: `行 ${i.line} 列 ${i.col}: ${ja}`, messageEn: `line ${i.line}, column ${i.col}: ${en}` };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Schema problems

/** A problem before it is given its final `where`. */
interface Found {
  path: Path;
  ja: string;
  en: string;
}

/** Validates against the schema, in both languages at once (src/lib/validate.ts). */
function validate(data: unknown): { doc: InterchangeDocument | null; found: Found[] } {
  const r = safeParseBilingual(interchangeDocument, data);
  return r.success ? { doc: r.data, found: [] } : { doc: null, found: r.found };
}

// ---------------------------------------------------------------------------------------------
// Checks the schema cannot express

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const records = (v: unknown): [Json, number][] =>
  Array.isArray(v) ? v.flatMap((x, i) => (isRecord(x) ? [[x, i] as [Json, number]] : [])) : [];

/**
 * Normalises a code field in place and returns it, or undefined when it is not a usable string (the
 * schema reports that).
 */
function normaliseCode(owner: Json, key: string): string | undefined {
  const v = owner[key];
  if (typeof v !== 'string') return undefined;
  const code = normalizeProvisionCode(v);
  if (!code) return undefined;
  owner[key] = code;
  return code;
}

/**
 * Normalises codes and checks uniqueness and references within the document. Works on raw input too
 * (every field is checked for its type), so that a file with schema problems still gets these
 * problems reported in the same answer.
 */
function checkDocument(data: unknown): Found[] {
  const found: Found[] = [];
  if (!isRecord(data)) return found;
  // A sample is never to be taken for a publication: its name says so wherever it is shown.
  if (isRecord(data.ruleSet) && data.ruleSet.sample === true && typeof data.ruleSet.name === 'string' && !data.ruleSet.name.includes('サンプル')) {
    found.push({
      path: ['ruleSet', 'name'],
      ja: 'サンプル（sample: true）の規程・基準は、名称に「サンプル」を含めてください',
      en: 'a sample rule set (sample: true) must say サンプル in its name',
    });
  }
  if (data.kind === 'ruleSetEdition') {
    const first = new Map<string, Path>();
    const parentOf = new Map<string, string>();
    const provisions = records(data.provisions);
    for (const [p, i] of provisions) {
      const code = normaliseCode(p, 'code');
      const path = ['provisions', i, 'code'];
      if (code === undefined) continue;
      const earlier = first.get(code);
      if (earlier) {
        const at = jsonPointer(earlier);
        found.push({ path, ja: `基準番号「${code}」が重複しています（${at} と同じ）`, en: `duplicate provision code ${code} (same as ${at})` });
      } else first.set(code, path);
    }
    for (const [p, i] of provisions) {
      const parent = normaliseCode(p, 'parent');
      if (parent === undefined) continue;
      const path = ['provisions', i, 'parent'];
      const code = typeof p.code === 'string' ? p.code : undefined;
      if (!first.has(parent)) {
        found.push({ path, ja: `親の基準番号「${parent}」がこのファイルにありません`, en: `parent provision ${parent} is not in this file` });
      } else if (code !== undefined) {
        parentOf.set(code, parent);
      }
    }
    // A parent chain that comes back to where it started (統1 → 統2 → 統1) has no top.
    const reported = new Set<string>();
    for (const [p, i] of provisions) {
      const start = typeof p.code === 'string' ? p.code : undefined;
      if (start === undefined || !parentOf.has(start) || first.get(start)?.[1] !== i) continue;
      const seen = new Set<string>([start]);
      for (let c = parentOf.get(start); c !== undefined; c = parentOf.get(c)) {
        if (c === start) {
          if (!reported.has(start)) {
            found.push({
              path: ['provisions', i, 'parent'],
              ja: `基準番号「${start}」の親をたどると自分自身に戻ります`,
              en: `the parents of provision ${start} lead back to itself`,
            });
          }
          for (const s of seen) reported.add(s);
          break;
        }
        if (seen.has(c)) break;
        seen.add(c);
      }
    }
  } else if (data.kind === 'checklistEdition') {
    const first = new Map<number, Path>();
    for (const [item, i] of records(data.items)) {
      if (typeof item.number === 'number') {
        const path = ['items', i, 'number'];
        const earlier = first.get(item.number);
        if (earlier) {
          const at = jsonPointer(earlier);
          found.push({
            path,
            ja: `確認項目番号 ${item.number} が重複しています（${at} と同じ）`,
            en: `duplicate checklist item number ${item.number} (same as ${at})`,
          });
        } else first.set(item.number, path);
      }
      for (const [ref] of records(item.references)) {
        normaliseCode(ref, 'provision');
        // A sub-part is code-like too ("（２）" → "(2)"), but not a FISC code: NFKC and spaces only.
        if (typeof ref.subPart === 'string') ref.subPart = ref.subPart.normalize('NFKC').replace(/\s+/g, ' ').trim();
      }
    }
  } else if (data.kind === 'recordedComparison') {
    for (const [row, i] of records(data.rows)) {
      if (!Array.isArray(row.provisions)) continue;
      const seen = new Map<string, number>();
      row.provisions.forEach((v: unknown, j: number) => {
        if (typeof v !== 'string') return;
        const code = normalizeProvisionCode(v);
        if (!code) return;
        (row.provisions as unknown[])[j] = code;
        if (seen.has(code)) {
          const at = jsonPointer(['rows', i, 'provisions', seen.get(code)!]);
          found.push({
            path: ['rows', i, 'provisions', j],
            ja: `基準番号「${code}」がこの行に2回書かれています（${at} と同じ）`,
            en: `provision ${code} is listed twice in this row (same as ${at})`,
          });
        } else seen.set(code, j);
      });
    }
  }
  return found;
}

/** Prose as written, in NFC (the house form of Japanese text). Codes are NFKC-normalised separately. */
function nfcStrings<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(nfcStrings) as T;
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfcStrings(v)])) as T;
  return value;
}

/**
 * Parses, validates and normalises an interchange document. JSON when `fileName` ends in .json, YAML
 * for .yaml/.yml; otherwise JSON if the text starts with '{'. A UTF-8 BOM is ignored.
 *
 * @throws AppError `catalog.interchange_empty`, `catalog.interchange_syntax` (where: 'line N, column M'),
 *   or `catalog.interchange_invalid` with every problem (where: '/provisions/3/code (line 42)').
 *
 * @example
 * const doc = parseInterchange(readFileSync('fisc-12.yaml', 'utf8'), 'fisc-12.yaml');
 */
export function parseInterchange(text: string, fileName: string): InterchangeDocument {
  return checkInterchange(readSource(text, fileName));
}

/**
 * Validates and normalises a document built in code (from a workbook, say) exactly as a file would
 * be. Problems carry JSON pointers only, so the caller can say where they came from.
 *
 * @throws AppError `catalog.interchange_invalid` with every problem (where: '/items/3/text').
 */
export function validateInterchange(data: unknown): InterchangeDocument {
  return checkInterchange({ data: structuredClone(data), lineOf: () => undefined });
}

function checkInterchange(source: Source): InterchangeDocument {
  const { doc, found: schemaFound } = validate(source.data);
  // On success the checks normalise the parsed copy in place; on failure they only report.
  const found = [...schemaFound, ...checkDocument(doc ?? source.data)];
  if (found.length) {
    const located = found.map((f, order) => ({ ...f, order, line: source.lineOf(f.path) }));
    // Top to bottom as in the file; problems without a line keep their order.
    located.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.order - b.order);
    const problems: Problem[] = located.map((f) => {
      const pointer = jsonPointer(f.path);
      const where = pointer ? (f.line !== undefined ? `${pointer} (line ${f.line})` : pointer) : `line ${f.line ?? 1}`;
      return { where, messageJa: f.ja, messageEn: f.en };
    });
    const n = problems.length;
    throw new AppError(
      'catalog.interchange_invalid',
      'invalid',
      { ja: `取り込みファイルに ${n} 件の問題があります`, en: `The file has ${n} problem${n === 1 ? '' : 's'}` },
      problems,
    );
  }
  return nfcStrings(doc!);
}

// ---------------------------------------------------------------------------------------------
// Writing

type AnySchema = z.ZodType;

/** The object schema that describes `value`, looking through optional/nullable/default and unions. */
function objectSchemaFor(schema: AnySchema | undefined, value: Json): z.ZodObject | undefined {
  let s: AnySchema | undefined = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as AnySchema;
    else break;
  }
  if (s instanceof z.ZodObject) return s;
  if (s instanceof z.ZodUnion) {
    const options = s.options as AnySchema[];
    const disc = (s._zod.def as { discriminator?: string }).discriminator;
    const match =
      (disc !== undefined
        ? options.find((o) => o instanceof z.ZodObject && (o.shape[disc] as AnySchema | undefined)?.safeParse(value[disc]).success)
        : undefined) ?? options.find((o) => o.safeParse(value).success);
    return objectSchemaFor(match, value);
  }
  return undefined;
}

function elementSchemaOf(schema: AnySchema | undefined): AnySchema | undefined {
  let s: AnySchema | undefined = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as AnySchema;
    else break;
  }
  return s instanceof z.ZodArray ? (s.element as AnySchema) : undefined;
}

/**
 * A copy of `value` with object keys in the schema's order (unknown keys after them, in their own
 * order) and undefined fields dropped.
 */
function inSchemaOrder(value: unknown, schema: AnySchema | undefined): unknown {
  if (Array.isArray(value)) {
    const element = elementSchemaOf(schema);
    return value.map((v) => inSchemaOrder(v, element));
  }
  if (!isRecord(value)) return value;
  const objectSchema = objectSchemaFor(schema, value);
  const shape = (objectSchema?.shape ?? {}) as Record<string, AnySchema>;
  const keys = [...Object.keys(shape).filter((k) => k in value), ...Object.keys(value).filter((k) => !(k in shape))];
  const out: Json = {};
  for (const k of keys) {
    if (value[k] !== undefined) out[k] = inSchemaOrder(value[k], shape[k]);
  }
  return out;
}

/**
 * Writes a document as JSON (2-space indent) or YAML, with keys in the schema's order. YAML lines are
 * never folded (long Japanese sentences stay on one line) and texts with line breaks are written as
 * block literals (`|`). `parseInterchange(serializeInterchange(doc, f), …)` gives `doc` back.
 */
export function serializeInterchange(doc: InterchangeDocument, format: 'json' | 'yaml'): string {
  const ordered = inSchemaOrder(doc, interchangeDocument);
  if (format === 'json') return `${JSON.stringify(ordered, null, 2)}\n`;
  return YAML.stringify(ordered, { lineWidth: 0, minContentWidth: 0, blockQuote: 'literal', aliasDuplicateObjects: false });
}
