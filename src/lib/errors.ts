/**
 * The one error type. Codes are stable (`catalog.edition_not_found`) and mapped to HTTP status in
 * {@link httpStatusOf}; every error carries a Japanese and an English message.
 */
export interface Problem {
  /** JSON pointer (/provisions/3/code), "line 12", or a cell address (シート「新旧対照表」B4). */
  where: string;
  messageJa: string;
  messageEn: string;
}

export type ErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unauthenticated' | 'internal';

export class AppError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly messageJa: string;
  readonly messageEn: string;
  readonly problems: Problem[];

  constructor(
    code: string,
    kind: ErrorKind,
    messages: { ja: string; en: string },
    problems: Problem[] = [],
  ) {
    super(messages.en);
    this.name = 'AppError';
    this.code = code;
    this.kind = kind;
    this.messageJa = messages.ja;
    this.messageEn = messages.en;
    this.problems = problems;
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.messageJa,
        messageJa: this.messageJa,
        messageEn: this.messageEn,
        ...(this.problems.length ? { problems: this.problems } : {}),
      },
    };
  }
}

export function httpStatusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    default:
      return 500;
  }
}

export const notFound = (code: string, ja: string, en: string) => new AppError(code, 'not_found', { ja, en });
export const invalid = (code: string, ja: string, en: string, problems: Problem[] = []) =>
  new AppError(code, 'invalid', { ja, en }, problems);
export const conflict = (code: string, ja: string, en: string) => new AppError(code, 'conflict', { ja, en });
