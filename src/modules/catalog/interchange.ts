/**
 * Reading and writing the interchange format. Every problem is reported with its JSON pointer (and,
 * for YAML, its line) and a Japanese and an English message; nothing is half-read.
 */
import YAML, { LineCounter, isNode, type Document } from 'yaml';
import { z } from 'zod';
import { AppError, invalid, type Problem } from '../../lib/errors.js';
import { normalizeProvisionCode } from '../../lib/provision-code.js';
import { interchangeDocument, type InterchangeDocument } from './interchange.schema.js';

const jaError = z.locales.ja().localeError;

/** RFC 6901 pointer of a path. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  if (!path.length) return '/';
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function splitBilingual(message: string): { ja: string; en: string } | null {
  const i = message.indexOf(' / ');
  return i === -1 ? null : { ja: message.slice(0, i), en: message.slice(i + 3) };
}

interface Located {
  where(path: readonly PropertyKey[]): string;
}

function yamlLocator(doc: Document, lc: LineCounter): Located {
  return {
    where(path) {
      const pointer = jsonPointer(path);
      // The node itself, or the nearest ancestor that exists (a missing field is reported at its parent).
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n) as unknown[], true);
        if (isNode(node) && node.range) {
          const { line } = lc.linePos(node.range[0]);
          return `${pointer} (line ${line})`;
        }
      }
      return pointer;
    },
  };
}

const plainLocator: Located = { where: (path) => jsonPointer(path) };

function syntaxError(fileName: string, line: number, col: number, detail: string): AppError {
  return invalid(
    'catalog.interchange_syntax',
    `${fileName} を読めません（構文エラー）`,
    `cannot read ${fileName} (syntax error)`,
    [{ where: `line ${line}, column ${col}`, messageJa: `行 ${line} 列 ${col}: ${detail}`, messageEn: `line ${line}, column ${col}: ${detail}` }],
  );
}

function isJson(text: string, fileName: string): boolean {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return true;
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return false;
  return text.trimStart().startsWith('{');
}

function readRaw(text: string, fileName: string): { data: unknown; locator: Located } {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) {
    throw invalid('catalog.interchange_empty', `${fileName} は空です`, `${fileName} is empty`);
  }
  if (isJson(body, fileName)) {
    try {
      return { data: JSON.parse(body), locator: plainLocator };
    } catch (e) {
      const msg = (e as Error).message;
      const pos = /position (\d+)/.exec(msg);
      let line = 1;
      let col = 1;
      if (pos) {
        const before = body.slice(0, Number(pos[1]));
        line = before.split('\n').length;
        col = before.length - before.lastIndexOf('\n');
      }
      throw syntaxError(fileName, line, col, msg);
    }
  }
  const lc = new LineCounter();
  const doc = YAML.parseDocument(body, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const { line, col } = lc.linePos(e.pos[0]);
    throw syntaxError(fileName, line, col, e.message.split('\n')[0]!);
  }
  return { data: doc.toJS(), locator: yamlLocator(doc, lc) };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/**
 * Checks that need the whole document (unique codes and numbers, parents that exist). They run on
 * the raw data, defensively, so that they are reported together with schema problems.
 */
function semanticProblems(data: unknown, locator: Located): Problem[] {
  const problems: Problem[] = [];
  if (!isObj(data)) return problems;
  const at = (path: PropertyKey[], messageJa: string, messageEn: string) => problems.push({ where: locator.where(path), messageJa, messageEn });
  if (data.kind === 'ruleSetEdition') {
    const seen = new Set<string>();
    arr(data.provisions).forEach((p, i) => {
      const code = isObj(p) ? str(p.code) : undefined;
      if (!code) return;
      const c = normalizeProvisionCode(code);
      if (seen.has(c)) at(['provisions', i, 'code'], `基準番号「${c}」が重複しています`, `duplicate provision code ${c}`);
      seen.add(c);
    });
    arr(data.provisions).forEach((p, i) => {
      const parent = isObj(p) ? str(p.parent) : undefined;
      if (parent && !seen.has(normalizeProvisionCode(parent))) {
        at(['provisions', i, 'parent'], `親の基準番号「${normalizeProvisionCode(parent)}」がこのファイルにありません`, `parent provision ${normalizeProvisionCode(parent)} is not in this file`);
      }
    });
  } else if (data.kind === 'checklistEdition') {
    const numbers = new Set<number>();
    arr(data.items).forEach((item, i) => {
      if (!isObj(item)) return;
      if (typeof item.number === 'number') {
        if (numbers.has(item.number)) at(['items', i, 'number'], `確認項目の番号 ${item.number} が重複しています`, `duplicate checklist item number ${item.number}`);
        numbers.add(item.number);
      }
      const refs = new Set<string>();
      arr(item.references).forEach((ref, j) => {
        if (!isObj(ref) || !str(ref.provision) || !str(ref.ruleSet)) return;
        const key = `${String(ref.ruleSet)}|${normalizeProvisionCode(String(ref.provision))}|${str(ref.subPart)?.normalize('NFKC').trim() ?? ''}`;
        if (refs.has(key)) {
          at(['items', i, 'references', j], `関連規定「${normalizeProvisionCode(String(ref.provision))}」が重複しています`, `duplicate cross-reference ${normalizeProvisionCode(String(ref.provision))}`);
        }
        refs.add(key);
      });
    });
  }
  return problems;
}

/** Parses, validates and normalises an interchange document (JSON or YAML). */
export function parseInterchange(text: string, fileName: string): InterchangeDocument {
  const { data, locator } = readRaw(text, fileName);
  const problems: Problem[] = [];
  const en = interchangeDocument.safeParse(data);
  if (!en.success) {
    const ja = interchangeDocument.safeParse(data, { error: jaError });
    const jaIssues = ja.success ? [] : ja.error.issues;
    en.error.issues.forEach((issue, i) => {
      const both = splitBilingual(issue.message);
      problems.push({
        where: locator.where(issue.path),
        messageJa: both?.ja ?? jaIssues[i]?.message ?? issue.message,
        messageEn: both?.en ?? issue.message,
      });
    });
  }
  problems.push(...semanticProblems(data, locator));
  if (problems.length || !en.success) throw fail(fileName, problems);
  const doc = en.data;
  if (doc.kind === 'ruleSetEdition') {
    for (const p of doc.provisions) {
      p.code = normalizeProvisionCode(p.code);
      if (p.parent !== undefined) p.parent = normalizeProvisionCode(p.parent);
    }
  } else if (doc.kind === 'checklistEdition') {
    for (const item of doc.items) {
      for (const ref of item.references) {
        ref.provision = normalizeProvisionCode(ref.provision);
        if (ref.subPart !== undefined) ref.subPart = ref.subPart.normalize('NFKC').trim();
      }
    }
  } else {
    for (const row of doc.rows) row.provisions = row.provisions.map(normalizeProvisionCode);
  }
  return doc;
}

function fail(fileName: string, problems: Problem[]): AppError {
  return invalid(
    'catalog.interchange_invalid',
    `${fileName} に ${problems.length} 件の問題があります。何も取り込んでいません。`,
    `${fileName} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported.`,
    problems,
  );
}

/** Writes a document; key order follows the schema, long Japanese lines are never folded. */
export function serializeInterchange(doc: InterchangeDocument, format: 'json' | 'yaml'): string {
  const ordered = interchangeDocument.parse(doc);
  if (format === 'json') return `${JSON.stringify(ordered, null, 2)}\n`;
  return YAML.stringify(ordered, { lineWidth: 0, minContentWidth: 0, blockQuote: 'literal' });
}
