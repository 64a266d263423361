/**
 * What every command group shares: the output streams, opening the database, writing results to
 * stdout or a file, tables for the terminal. Command groups live in src/cli/commands/<group>.ts and
 * are registered by program.ts.
 */
import { writeFileSync } from 'node:fs';
import { openReady } from '../db/open-ready.js';
import { resolveOpenOptions } from '../db/database.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export const defaultIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export let firstAdminNotice: ((a: { email: string; password: string }) => void) | null = null;

export async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openReady>>) => Promise<T>): Promise<T> {
  const database = await openReady(resolveOpenOptions());
  if (database.firstAdmin) firstAdminNotice?.(database.firstAdmin);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Writes text (always ending in a newline) or bytes to a file, or text to stdout. */
export function writeOutput(io: Io, data: string | Buffer, file: string | undefined) {
  const body = typeof data === 'string' && !data.endsWith('\n') ? `${data}\n` : data;
  if (file) writeFileSync(file, body);
  else if (typeof body === 'string') io.out(body);
  else process.stdout.write(body);
}

export function printJson(io: Io, v: unknown) {
  io.out(`${JSON.stringify(v, null, 2)}\n`);
}

export function table(rows: string[][]): string {
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  return rows.map((r) => r.map((c, i) => c + ' '.repeat(Math.max(0, widths[i]! - width(c)))).join('  ').trimEnd()).join('\n') + '\n';
}


/** Called by buildProgram: an empty database gets its first admin on whatever command opens it first. */
export function setFirstAdminNotice(fn: typeof firstAdminNotice) {
  firstAdminNotice = fn;
}

/** What a command group's register function receives from buildProgram. */
export interface CommandContext {
  io: Io;
  lang: import('./i18n.js').Lang;
  /** Picks the Japanese or English text. */
  L: (ja: string, en: string) => string;
  /** The `--json` option. */
  jsonOpt: () => import('commander').Option;
}
