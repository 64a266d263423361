/** Validation messages people can read, in both languages, each at its JSON pointer. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { z } from 'zod';
import { AppError } from './errors.js';
import { parseOrThrow } from './validate.js';

const schema = z.strictObject({
  title: z.string().trim().min(1).max(100),
  summary: z.string().min(10).optional(),
  severity: z.enum(['low', 'medium', 'high']),
  months: z.number().int().min(1).max(60),
  date: z.iso.date(),
  email: z.email().optional(),
  items: z.array(z.number()).min(1),
  note: z.string().min(1, '備考を書いてください / write a note').optional(),
});

function problemsOf(input: unknown) {
  try {
    parseOrThrow(schema, input, 'test.invalid');
  } catch (e) {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, 'test.invalid');
    return e.problems.map((p) => [p.where, p.messageJa, p.messageEn]);
  }
  assert.fail('no problem found');
}

it('words the common problems for people, at their pointers, in Japanese and English', () => {
  assert.deepEqual(problemsOf({ title: ' ', summary: 'short', severity: 'urgent', months: 61, date: '2025/1/30', email: 'x', items: [], note: '', extra: 1 }), [
    ['/title', '空にはできません', 'must not be empty'],
    ['/summary', '10文字以上で書いてください', 'must be at least 10 characters long'],
    ['/severity', '次のいずれかを指定してください: low, medium, high（「urgent」が書かれています）', 'expected one of low, medium, high (got "urgent")'],
    ['/months', '60以下の数を指定してください', 'must be 60 or less'],
    ['/date', '日付は YYYY-MM-DD の形式で書いてください（例: 2025-01-30）（「2025/1/30」が書かれています）', 'write the date as YYYY-MM-DD (e.g. 2025-01-30) (got "2025/1/30")'],
    ['/email', 'メールアドレスの形式が正しくありません（「x」が書かれています）', 'not a valid e-mail address (got "x")'],
    ['/items', '1件以上指定してください', 'needs at least 1 item'],
    ['/note', '備考を書いてください', 'write a note'],
    ['/extra', '項目「extra」はここでは使えません（使える項目: title, summary, severity, months, date, email, items, note）', 'unknown field "extra" (allowed here: title, summary, severity, months, date, email, items, note)'],
  ]);
});

it('names a missing field, a wrong type and a number out of range', () => {
  assert.deepEqual(problemsOf({ title: 'x'.repeat(101), severity: 'low', months: 0.5, items: ['a'] }), [
    ['/title', '100文字以内で書いてください', 'must be at most 100 characters long'],
    ['/months', '整数を指定してください（数値「0.5」が書かれています）', 'expected an integer, got a number 0.5'],
    ['/date', '必須の項目「date」がありません', 'required field "date" is missing'],
    ['/items/0', '数値を指定してください（文字列「a」が書かれています）', 'expected a number, got a string "a"'],
  ]);
  assert.deepEqual(problemsOf({ title: 'x', severity: 'low', months: 0, date: '2025-01-30', items: [1] }), [['/months', '1以上の数を指定してください', 'must be 1 or more']]);
  assert.deepEqual(problemsOf({ title: 'x', severity: '', months: 1, date: '2025-01-30', items: [1] }), [['/severity', '必須の項目「severity」がありません', 'required field "severity" is missing']]);
});

it('returns the parsed value when all is well', () => {
  assert.deepEqual(parseOrThrow(schema, { title: ' 件名 ', severity: 'high', months: 12, date: '2025-01-30', items: [1] }, 'test.invalid'), { title: '件名', severity: 'high', months: 12, date: '2025-01-30', items: [1] });
});
