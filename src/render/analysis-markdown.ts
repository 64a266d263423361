/** 図表1 as GitHub-flavoured Markdown: underlines as <u>…</u>, deletions as ~~…~~. */
import type { AnalysisView, Segment } from '../modules/revision/analysis.types.js';
import { checklistCell, countsText, headers, judgmentText, provisionHeader, rangeText, summaryText, tagText, type Lang } from './analysis-common.js';

const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
const inline = (s: string) => cell(s).replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function segmentsMarkdown(segments: Segment[]): string {
  return segments
    .map((s) => {
      const t = inline(s.text);
      if (!t.trim()) return t;
      if (s.kind === 'inserted' || s.kind === 'underlined') return `<u>${t}</u>`;
      if (s.kind === 'deleted') return `~~${t}~~`;
      return t;
    })
    .join('');
}

export function renderAnalysisTableMarkdown(a: AnalysisView, lang: Lang = 'ja', opts: { judgment?: boolean } = {}): string {
  const h = headers(lang);
  const withJudgment = opts.judgment ?? a.id !== '';
  const head = [h.checklist, provisionHeader(a, lang), h.changes, ...(withJudgment ? [h.judgment] : [])];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const row of a.rows) {
    const changes = [segmentsMarkdown(row.segments), inline(tagText(row)), inline(summaryText(row))].filter(Boolean).join('<br>');
    const cells = [inline(checklistCell(row)), inline(row.provisionLabel), changes, ...(withJudgment ? [inline(judgmentText(row, lang))] : [])];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderAnalysisMarkdown(a: AnalysisView, opts: { lang?: Lang } = {}): string {
  const lang = opts.lang ?? 'ja';
  const out = [`# ${a.title}`, '', `${a.ruleSet.name}　${rangeText(a, lang)}`, '', countsText(a, lang)];
  if (a.checklist) out.push('', `${lang === 'ja' ? 'チェックリスト' : 'Checklist'}: ${a.checklist.ruleSetCode} ${a.checklist.label}`);
  out.push('', renderAnalysisTableMarkdown(a, lang));
  return out.join('\n');
}
