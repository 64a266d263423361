/** Cell texts of 図表1 shared by every renderer. */
import type { AnalysisRowView, AnalysisView, CitingItem } from '../modules/revision/analysis.types.js';

export type Lang = 'ja' | 'en';

/** One line per distinct item: `39. APIセキュリティ機能 利用者の利便性と…`; '-' when none cites the row. */
export function checklistCell(row: { items: CitingItem[] }): string {
  if (!row.items.length) return '-';
  const seen = new Set<number>();
  const lines: string[] = [];
  for (const it of row.items) {
    if (seen.has(it.number)) continue;
    seen.add(it.number);
    lines.push(`${it.number}. ${it.category}${it.objective ? ` ${it.objective}` : ''}`);
  }
  return lines.join('\n');
}

export const provisionCell = (row: AnalysisRowView) => row.provisionLabel;
export const tagText = (row: { tag: string | null }) => row.tag ?? '';
export const summaryText = (row: { summary: string | null }) => (row.summary ? `・${row.summary}` : '');

export function judgmentText(row: { revisionNeeded: boolean | null; reason: string | null }, lang: Lang): string {
  const label =
    row.revisionNeeded === null
      ? lang === 'ja' ? '未判断' : 'Not judged'
      : row.revisionNeeded
        ? lang === 'ja' ? '見直し要' : 'Revision needed'
        : lang === 'ja' ? '見直し不要' : 'Not needed';
  return row.reason ? `${label}（${row.reason}）` : label;
}

/** 2024-03 → 2024年3月, 2025-01-30 → 2025年1月30日, null → 公表日不明. */
export function formatJaPartialDate(d: string | null, lang: Lang = 'ja'): string {
  if (!d) return lang === 'ja' ? '公表日不明' : 'date unknown';
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(d);
  if (!m) return d;
  if (lang === 'en') return d;
  return `${m[1]}年${Number(m[2])}月${m[3] ? `${Number(m[3])}日` : ''}`;
}

export function headers(lang: Lang) {
  return lang === 'ja'
    ? { checklist: 'チェックリスト', provision: '基準', changes: '主な改訂内容', judgment: '見直し要否', tag: '改訂区分', summary: '要約', reason: '理由' }
    : { checklist: 'Checklist', provision: 'Provision', changes: 'Main changes', judgment: 'Judgment', tag: 'Tag', summary: 'Summary', reason: 'Reason' };
}

/** The provision column header names the rule set, as 図表1 does (安全対策基準). */
export function provisionHeader(a: AnalysisView, lang: Lang): string {
  return lang === 'ja' ? (a.ruleSet.shortName?.replace(/^FISC\s*/, '') ?? a.ruleSet.name) : headers(lang).provision;
}

export function rangeText(a: AnalysisView, lang: Lang): string {
  const to = `${a.to.label}（${formatJaPartialDate(a.to.publishedOn, lang)}）`;
  return a.from ? `${a.from.label}（${formatJaPartialDate(a.from.publishedOn, lang)}） → ${to}` : to;
}

export function countsText(a: AnalysisView, lang: Lang): string {
  const c = a.counts;
  return lang === 'ja'
    ? `新設 ${c.new}・廃止 ${c.removed}・改訂 ${c.changed}・変更なし ${c.unchanged}${c.unknown ? `・旧本文なし ${c.unknown}` : ''}`
    : `new ${c.new}, removed ${c.removed}, changed ${c.changed}, unchanged ${c.unchanged}${c.unknown ? `, old text unknown ${c.unknown}` : ''}`;
}
