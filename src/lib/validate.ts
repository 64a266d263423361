/** zod validation with every problem as a JSON pointer and a Japanese and an English message. */
import { z } from 'zod';
import { invalid, type Problem } from './errors.js';

const jaError = z.locales.ja().localeError;

export function jsonPointerOf(path: readonly PropertyKey[]): string {
  return path.length ? path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('') : '/';
}

/** Parses or throws AppError(code) listing every problem; messages written 'ja / en' are split. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, code: string): z.output<T> {
  const en = schema.safeParse(input);
  if (en.success) return en.data;
  const ja = schema.safeParse(input, { error: jaError } as never);
  const jaIssues = ja.success ? [] : ja.error.issues;
  const problems: Problem[] = en.error.issues.map((issue, i) => {
    const split = issue.message.indexOf(' / ');
    return {
      where: jsonPointerOf(issue.path),
      messageJa: split >= 0 ? issue.message.slice(0, split) : (jaIssues[i]?.message ?? issue.message),
      messageEn: split >= 0 ? issue.message.slice(split + 3) : issue.message,
    };
  });
  throw invalid(code, `入力内容に ${problems.length} 件の問題があります`, `The input has ${problems.length} problem${problems.length === 1 ? '' : 's'}`, problems);
}
