/** 図表1 as HTML: inserted and underlined spans as <u>, deletions as <del> (visible and announced). */
import type { AnalysisView, Segment } from '../modules/revision/analysis.types.js';
import { checklistCell, countsText, headers, judgmentText, provisionHeader, rangeText, summaryText, tagText, type Lang } from './analysis-common.js';
import { escapeHtml, htmlDocument } from './html.js';

const br = (s: string) => escapeHtml(s).replace(/\r?\n/g, '<br>');

export function segmentsHtml(segments: Segment[], lang: Lang = 'ja'): string {
  const deleted = lang === 'ja' ? '削除:' : 'deleted:';
  return segments
    .map((s) => {
      const t = br(s.text);
      if (s.kind === 'inserted' || s.kind === 'underlined') return `<u>${t}</u>`;
      if (s.kind === 'deleted') return `<del><span class="sr-only">${deleted}</span>${t}</del>`;
      return t;
    })
    .join('');
}

export function renderAnalysisTableHtml(a: AnalysisView, opts: { lang?: Lang; judgment?: boolean; caption?: string } = {}): string {
  const lang = opts.lang ?? 'ja';
  const h = headers(lang);
  // An unsaved comparison has no judgments yet: no column for them.
  const withJudgment = opts.judgment ?? a.id !== '';
  const rows = a.rows
    .map((row) => {
      const changes = `${segmentsHtml(row.segments, lang)}<span class="tag">${escapeHtml(tagText(row))}</span><span class="summary">${escapeHtml(summaryText(row))}</span>`;
      return `<tr><td>${br(checklistCell(row))}</td><td>${br(row.provisionLabel)}</td><td>${changes}</td>${withJudgment ? `<td>${escapeHtml(judgmentText(row, lang))}</td>` : ''}</tr>`;
    })
    .join('\n');
  return `<table>
${opts.caption ? `<caption>${escapeHtml(opts.caption)}</caption>\n` : ''}<thead><tr><th scope="col" class="col-checklist">${h.checklist}</th><th scope="col" class="col-provision">${escapeHtml(provisionHeader(a, lang))}</th><th scope="col">${h.changes}</th>${withJudgment ? `<th scope="col" class="col-judgment">${h.judgment}</th>` : ''}</tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

export function renderAnalysisHtml(a: AnalysisView, opts: { lang?: Lang } = {}): string {
  const lang = opts.lang ?? 'ja';
  const body = `<h1>${escapeHtml(a.title)}</h1>
<p class="meta">${escapeHtml(a.ruleSet.name)}　${escapeHtml(rangeText(a, lang))}<br>${escapeHtml(countsText(a, lang))}${
    a.checklist ? `<br>${lang === 'ja' ? 'チェックリスト' : 'Checklist'}: ${escapeHtml(`${a.checklist.ruleSetCode} ${a.checklist.label}`)}` : ''
  }</p>
${renderAnalysisTableHtml(a, { lang })}`;
  return htmlDocument({ title: a.title, lang, body });
}
