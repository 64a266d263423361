/**
 * zod validation with every problem as a JSON pointer and a Japanese and an English message, worded
 * for the people who read them (「必須の項目「dueDate」がありません」, 「100文字以内で書いてください」)
 * rather than zod's defaults (「小さすぎる値: stringは1文字以上である必要があります」). Messages a
 * schema words itself as '日本語 / English' take precedence and are split into their two languages.
 */
import { z } from 'zod';
import { invalid, type Problem } from './errors.js';

const jaLocale = z.locales.ja().localeError;
const enLocale = z.locales.en().localeError;
type RawIssue = Parameters<typeof enLocale>[0];
type LocaleMessage = ReturnType<typeof enLocale>;

export function jsonPointerOf(path: readonly PropertyKey[]): string {
  return path.length ? path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('') : '/';
}

const messageText = (m: LocaleMessage): string => (typeof m === 'string' ? m : (m?.message ?? ''));
const quoteList = (values: readonly unknown[]) => values.map((v) => String(v)).join(', ');

const TYPE_JA: Record<string, string> = {
  string: '文字列',
  number: '数値',
  int: '整数',
  boolean: '真偽値（true / false）',
  array: 'リスト（配列）',
  object: '項目の集まり（オブジェクト）',
  null: '空の値（null）',
};
const TYPE_EN: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'a list (array)',
  object: 'an object (mapping)',
  null: 'an empty value (null)',
};

const FORMAT_JA: Record<string, string> = {
  date: '日付は YYYY-MM-DD の形式で書いてください（例: 2025-01-30）',
  datetime: '日時は ISO 8601 の形式で書いてください（例: 2025-01-30T10:00:00+09:00）',
  email: 'メールアドレスの形式が正しくありません',
  url: 'URL の形式が正しくありません',
  uuid: 'ID の形式が正しくありません',
  regex: '形式が正しくありません',
};
const FORMAT_EN: Record<string, string> = {
  date: 'write the date as YYYY-MM-DD (e.g. 2025-01-30)',
  datetime: 'write the date and time in ISO 8601 (e.g. 2025-01-30T10:00:00+09:00)',
  email: 'not a valid e-mail address',
  url: 'not a valid URL',
  uuid: 'not a valid ID',
  regex: 'not in the expected format',
};

function typeNameOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && !Number.isInteger(v)) return 'number';
  return typeof v;
}

/**
 * The Japanese and English messages of an issue that the schema does not word itself. Clearer than
 * zod's defaults for the cases people meet most; anything else falls back to zod's own locales.
 */
export function describeIssue(iss: RawIssue): { ja: string; en: string; allowed?: string[] } {
  const field = iss.path?.length ? String(iss.path[iss.path.length - 1]) : undefined;
  if (iss.code === 'invalid_type') {
    if (iss.input === undefined && field !== undefined) {
      return { ja: `必須の項目「${field}」がありません`, en: `required field "${field}" is missing` };
    }
    const expected = String(iss.expected);
    const received = typeNameOf(iss.input);
    const scalar = ['string', 'number', 'boolean'].includes(typeof iss.input) ? String(iss.input) : undefined;
    return {
      ja: `${TYPE_JA[expected] ?? expected}を指定してください（${TYPE_JA[received] ?? received}${scalar !== undefined ? `「${scalar}」` : ''}が書かれています）`,
      en: `expected ${TYPE_EN[expected] ?? expected}, got ${TYPE_EN[received] ?? received}${scalar !== undefined ? ` ${JSON.stringify(iss.input)}` : ''}`,
    };
  }
  if (iss.code === 'too_small') {
    const min = Number(iss.minimum);
    if (iss.origin === 'string' && min === 1) return { ja: '空にはできません', en: 'must not be empty' };
    if (iss.origin === 'string') return { ja: `${min}文字以上で書いてください`, en: `must be at least ${min} characters long` };
    if (iss.origin === 'array' || iss.origin === 'set') return { ja: `${min}件以上指定してください`, en: `needs at least ${min} item${min === 1 ? '' : 's'}` };
    if (iss.origin === 'number' || iss.origin === 'int') {
      return iss.inclusive ? { ja: `${min}以上の数を指定してください`, en: `must be ${min} or more` } : { ja: `${min}より大きい数を指定してください`, en: `must be greater than ${min}` };
    }
  }
  if (iss.code === 'too_big') {
    const max = Number(iss.maximum);
    if (iss.origin === 'string') return { ja: `${max.toLocaleString('ja-JP')}文字以内で書いてください`, en: `must be at most ${max} characters long` };
    if (iss.origin === 'array' || iss.origin === 'set') return { ja: `${max}件以内にしてください`, en: `at most ${max} item${max === 1 ? '' : 's'}` };
    if (iss.origin === 'number' || iss.origin === 'int') {
      return iss.inclusive ? { ja: `${max}以下の数を指定してください`, en: `must be ${max} or less` } : { ja: `${max}より小さい数を指定してください`, en: `must be less than ${max}` };
    }
  }
  if (iss.code === 'invalid_format') {
    const format = String((iss as { format?: unknown }).format ?? '');
    const got = typeof iss.input === 'string' ? iss.input : undefined;
    if (FORMAT_JA[format]) return { ja: `${FORMAT_JA[format]}${got !== undefined ? `（「${got}」が書かれています）` : ''}`, en: `${FORMAT_EN[format]}${got !== undefined ? ` (got "${got}")` : ''}` };
  }
  if (iss.code === 'invalid_value') {
    // Nothing chosen (a form's empty select): the field is missing, not a wrong choice.
    if ((iss.input === undefined || iss.input === '') && field !== undefined) return { ja: `必須の項目「${field}」がありません`, en: `required field "${field}" is missing` };
    const values = iss.values.map((v) => String(v));
    const got = typeof iss.input === 'string' || typeof iss.input === 'number' ? String(iss.input) : undefined;
    const gotJa = got !== undefined ? `（「${got}」が書かれています）` : '';
    const gotEn = got !== undefined ? ` (got "${got}")` : '';
    return values.length === 1
      ? { ja: `「${values[0]}」を指定してください${gotJa}`, en: `expected "${values[0]}"${gotEn}` }
      : { ja: `次のいずれかを指定してください: ${values.join(', ')}${gotJa}`, en: `expected one of ${values.join(', ')}${gotEn}` };
  }
  if (iss.code === 'invalid_union' && 'discriminator' in iss && Array.isArray((iss as { options?: unknown }).options)) {
    const d = String((iss as { discriminator: unknown }).discriminator);
    const options = quoteList((iss as { options: unknown[] }).options);
    return { ja: `${d} には ${options} のいずれかを指定してください`, en: `${d} must be one of ${options}` };
  }
  if (iss.code === 'unrecognized_keys') {
    // Worded per key in safeParseBilingual(); here only the fields the object allows are known.
    const shape = (iss.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
    return { ja: '', en: '', ...(shape ? { allowed: Object.keys(shape) } : {}) };
  }
  return { ja: messageText(jaLocale(iss)), en: messageText(enLocale(iss)) };
}

/** A problem found by a schema, at its path, in both languages. */
export interface SchemaProblem {
  path: PropertyKey[];
  ja: string;
  en: string;
}

/**
 * Validates against the schema, in both languages at once. The per-parse error customiser sees each
 * raw issue (with its input) and leaves a token as the message; messages the schema words itself
 * ('… / …') take precedence over the customiser and are split into their two languages. An unknown
 * field is reported at its own path. The global zod configuration is left alone.
 */
export function safeParseBilingual<T extends z.ZodType>(schema: T, input: unknown): { success: true; data: z.output<T> } | { success: false; found: SchemaProblem[] } {
  const described = new Map<string, ReturnType<typeof describeIssue>>();
  const result = schema.safeParse(input, {
    error: (iss: unknown) => {
      const token = `\u0000issue:${described.size}`;
      described.set(token, describeIssue(iss as RawIssue));
      return token;
    },
  } as never);
  if (result.success) return { success: true, data: result.data };
  const found: SchemaProblem[] = [];
  for (const issue of result.error.issues) {
    const own = described.get(issue.message);
    if (issue.code === 'unrecognized_keys') {
      const allowed = own?.allowed;
      for (const key of issue.keys) {
        found.push({
          path: [...issue.path, key],
          ja: `項目「${key}」はここでは使えません${allowed ? `（使える項目: ${allowed.join(', ')}）` : ''}`,
          en: `unknown field "${key}"${allowed ? ` (allowed here: ${allowed.join(', ')})` : ''}`,
        });
      }
      continue;
    }
    if (own) {
      found.push({ path: [...issue.path], ja: own.ja, en: own.en });
      continue;
    }
    // Worded by the schema: "日本語 / English", or English only (then zod's Japanese for the kind of issue).
    const i = issue.message.indexOf(' / ');
    if (i !== -1) found.push({ path: [...issue.path], ja: issue.message.slice(0, i), en: issue.message.slice(i + 3) });
    else found.push({ path: [...issue.path], ja: messageText(jaLocale(issue as unknown as RawIssue)) || issue.message, en: issue.message });
  }
  return { success: false, found };
}

/**
 * Parses or throws AppError(code) listing every problem at its JSON pointer, in both languages.
 *
 * @example
 * parseOrThrow(z.strictObject({ dueDate: z.iso.date() }), {}, 'assessment.invalid')
 * // throws: problems [{ where: '/dueDate', messageJa: '必須の項目「dueDate」がありません', messageEn: 'required field "dueDate" is missing' }]
 */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, code: string): z.output<T> {
  const r = safeParseBilingual(schema, input);
  if (r.success) return r.data;
  const problems: Problem[] = r.found.map((f) => ({ where: jsonPointerOf(f.path), messageJa: f.ja, messageEn: f.en }));
  throw invalid(code, `入力内容に ${problems.length} 件の問題があります`, `The input has ${problems.length} problem${problems.length === 1 ? '' : 's'}`, problems);
}
