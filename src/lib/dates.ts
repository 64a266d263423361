/**
 * Dates in Japanese output (2025年1月30日) and 年度 (fiscal years, April–March, named by their
 * starting year: 2025-01-30 is in 2024年度).
 */

/** Parses YYYY-MM-DD strictly (no time zone shifts: the date is a calendar date). */
export function parseIsoDate(s: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return { y, m: mo, d };
}

export function isIsoDate(s: string): boolean {
  return parseIsoDate(s) !== null;
}

/** @example formatJaDate('2025-01-30') // '2025年1月30日' */
export function formatJaDate(iso: string): string {
  const p = parseIsoDate(iso);
  if (!p) return iso;
  return `${p.y}年${p.m}月${p.d}日`;
}

/** @example fiscalYearOf('2025-01-30') // 2024 */
export function fiscalYearOf(iso: string): number {
  const p = parseIsoDate(iso);
  if (!p) throw new RangeError(`not a date: ${iso}`);
  return p.m >= 4 ? p.y : p.y - 1;
}

/** First and last day of a 年度. @example fiscalYearRange(2024) // ['2024-04-01', '2025-03-31'] */
export function fiscalYearRange(fy: number): [string, string] {
  return [`${fy}-04-01`, `${fy + 1}-03-31`];
}

/** Normalises a Date or a date-typed value from either database driver to YYYY-MM-DD. */
export function toIsoDate(v: Date | string | null | undefined): string | null {
  if (v == null) return null;
  if (typeof v === 'string') return v.slice(0, 10);
  const y = v.getFullYear();
  const m = String(v.getMonth() + 1).padStart(2, '0');
  const d = String(v.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Today's calendar date in Japan (UTC+9, no daylight saving), as YYYY-MM-DD. */
export function todayInJapan(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}
