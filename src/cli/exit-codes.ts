import type { ErrorKind } from '../lib/errors.js';

/** Exit codes of `tsunagu` (docs/cli.md). */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  invalid: 3,
  notFound: 4,
  conflict: 5,
  busy: 6,
  /** `tsunagu audit verify` found a broken chain. */
  auditBroken: 7,
  /** The user named by `--as` may not do this (role or organisation type). */
  forbidden: 8,
} as const;

export function exitCodeOf(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid':
      return EXIT.invalid;
    case 'not_found':
      return EXIT.notFound;
    case 'conflict':
      return EXIT.conflict;
    case 'forbidden':
      return EXIT.forbidden;
    default:
      return EXIT.internal;
  }
}
