/**
 * Cell texts of 図表1 shared by every renderer (Markdown, HTML, xlsx, PDF, terminal), so that the
 * columns read the same whatever the format.
 */
import type { AnalysisView, CitingItem, Segment } from '../modules/revision/analysis.types.js';

export type Lang = 'ja' | 'en';

/**
 * The チェックリスト column: one line per distinct citing item, `3. 情報・セキュリティ管理態勢` or
 * `22. システム開発・運用管理 システムアクセス時の認証を実施する。` when the objective is known; '-' when
 * no item cites the row, as 図表1 prints it. An item citing several of the row's provisions (実1 and
 * 実8) is listed once, where it first appears.
 *
 * @example
 * checklistCell({ items: [] }) // '-'
 */
export function checklistCell(row: { items: CitingItem[] }): string {
  if (!row.items.length) return '-';
  const lines: string[] = [];
  for (const it of row.items) {
    const line = `${it.number}. ${it.category}${it.objective ? ` ${it.objective}` : ''}`;
    if (!lines.includes(line)) lines.push(line);
  }
  return lines.join('\n');
}

/** The 安全対策基準 column: codes with titles, or the label recorded with a printed comparison. */
export const provisionCell = (row: { provisionLabel: string }): string => row.provisionLabel;

/** 【下線部変更】, 新設, 廃止 …; '' when the row has none (the old text is unknown). */
export const tagText = (row: { tag: string | null }): string => row.tag ?? '';

/** The summary line under the tag, with the bullet 図表1 prints: `・用語の見直し`; '' when none. */
export const summaryText = (row: { summary: string | null }): string => (row.summary ? `・${row.summary}` : '');

/** 見直し要 / 見直し不要 / 未判断 (Revision needed / Not needed / Not judged), the reason in brackets. */
export function judgmentText(row: { revisionNeeded: boolean | null; reason: string | null }, lang: Lang): string {
  const label = judgmentLabel(row.revisionNeeded, lang);
  if (!row.reason) return label;
  return lang === 'ja' ? `${label}（${row.reason}）` : `${label} (${row.reason})`;
}

/** The judgment alone, for a column of its own (the xlsx has the reason in the next column). */
export function judgmentLabel(revisionNeeded: boolean | null, lang: Lang): string {
  if (revisionNeeded === null) return lang === 'ja' ? '未判断' : 'Not judged';
  if (revisionNeeded) return lang === 'ja' ? '見直し要' : 'Revision needed';
  return lang === 'ja' ? '見直し不要' : 'Not needed';
}

/** Whether a segment is shown underlined: new text, and spans printed underlined in a recorded table. */
export const isUnderlined = (s: Segment): boolean => s.kind === 'inserted' || s.kind === 'underlined';

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A publication date that may name the month only, as FISC announces editions ("2024年3月").
 * Anything else is returned as given; null (unknown) is 公表日不明.
 *
 * @example
 * formatJaPartialDate('2024-03')      // '2024年3月'
 * formatJaPartialDate('2024-03-01')   // '2024年3月1日'
 * formatJaPartialDate('2024-03', 'en') // 'March 2024'
 */
export function formatJaPartialDate(d: string | null, lang: Lang = 'ja'): string {
  if (!d) return lang === 'ja' ? '公表日不明' : 'date unknown';
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(d);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) return d;
  if (lang === 'en') return `${m[3] ? `${Number(m[3])} ` : ''}${EN_MONTHS[month - 1]} ${m[1]}`;
  return `${m[1]}年${month}月${m[3] ? `${Number(m[3])}日` : ''}`;
}

export function headers(lang: Lang) {
  return lang === 'ja'
    ? { checklist: 'チェックリスト', provision: '基準', changes: '主な改訂内容', judgment: '見直し要否', tag: '改訂区分', summary: '要約', reason: '理由' }
    : { checklist: 'Checklist', provision: 'Provision', changes: 'Main changes', judgment: 'Judgment', tag: 'Tag', summary: 'Summary', reason: 'Reason' };
}

/** The provision column header names the rule set, as 図表1 does (安全対策基準, from 「FISC 安全対策基準」). */
export function provisionHeader(a: AnalysisView, lang: Lang): string {
  return lang === 'ja' ? (a.ruleSet.shortName?.replace(/^FISC\s*/, '') || a.ruleSet.name) : headers(lang).provision;
}

/** `第11版 → 第12版（2024年3月）`: each edition with its publication date when known. */
export function rangeText(a: AnalysisView, lang: Lang): string {
  const edition = (e: { label: string; publishedOn: string | null }) =>
    e.publishedOn ? (lang === 'ja' ? `${e.label}（${formatJaPartialDate(e.publishedOn, lang)}）` : `${e.label} (${formatJaPartialDate(e.publishedOn, lang)})`) : e.label;
  return a.from ? `${edition(a.from)} → ${edition(a.to)}` : edition(a.to);
}

export function countsText(a: AnalysisView, lang: Lang): string {
  const c = a.counts;
  return lang === 'ja'
    ? `新設 ${c.new}・廃止 ${c.removed}・改訂 ${c.changed}・変更なし ${c.unchanged}${c.unknown ? `・旧本文なし ${c.unknown}` : ''}`
    : `new ${c.new}, removed ${c.removed}, changed ${c.changed}, unchanged ${c.unchanged}${c.unknown ? `, old text unknown ${c.unknown}` : ''}`;
}

/** The checklist edition the impact column was taken from, or null when none was chosen. */
export function checklistText(a: AnalysisView, lang: Lang): string | null {
  return a.checklist ? `${lang === 'ja' ? 'チェックリスト' : 'Checklist'}: ${a.checklist.ruleSetCode} ${a.checklist.label}` : null;
}
