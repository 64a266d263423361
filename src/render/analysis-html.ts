/**
 * 図表1 as HTML: new and underlined text as <u>, deleted text as <del> (struck through in colour, and
 * announced as 「削除:」 to screen readers, which do not read the strike-through). Every text from the
 * data goes through escapeHtml.
 */
import type { AnalysisView, Segment } from '../modules/revision/analysis.types.js';
import {
  checklistCell,
  checklistText,
  countsText,
  headers,
  isUnderlined,
  judgmentText,
  provisionHeader,
  rangeText,
  summaryText,
  tagText,
  type Lang,
} from './analysis-common.js';
import { escapeHtml, htmlDocument } from './html.js';

/** Escaped text with its line breaks kept. */
const br = (s: string) => escapeHtml(s).replace(/\r\n|\r|\n/g, '<br>');

/**
 * A row's text with changes marked.
 *
 * @example
 * segmentsHtml([{ kind: 'deleted', text: '運用状況の' }, { kind: 'inserted', text: '運転状況' }])
 * // '<del><span class="sr-only">削除:</span>運用状況の</del><u>運転状況</u>'
 */
export function segmentsHtml(segments: Segment[], lang: Lang = 'ja'): string {
  const deleted = lang === 'ja' ? '削除:' : 'deleted:';
  return segments
    .map((s) => {
      const t = br(s.text);
      if (!t) return '';
      if (isUnderlined(s)) return `<u>${t}</u>`;
      if (s.kind === 'deleted') return `<del><span class="sr-only">${deleted}</span>${t}</del>`;
      return t;
    })
    .join('');
}

const judgmentClass = (v: boolean | null) => (v === null ? 'judgment-open' : v ? 'judgment-needed' : 'judgment-not-needed');

/**
 * The `<table>` alone, for embedding in other documents (the policy document passes
 * `judgment: false` and its figure title as caption). Its styles come with {@link htmlDocument}.
 */
export function renderAnalysisTableHtml(a: AnalysisView, opts: { lang?: Lang; judgment?: boolean; caption?: string } = {}): string {
  const lang = opts.lang ?? 'ja';
  const h = headers(lang);
  // An unsaved comparison (empty id) has no judgments yet: no column for them.
  const withJudgment = opts.judgment ?? a.id !== '';
  const rows = a.rows
    .map((row) => {
      const tag = tagText(row);
      const summary = summaryText(row);
      const changes = `${segmentsHtml(row.segments, lang)}${tag ? `<span class="tag">${br(tag)}</span>` : ''}${summary ? `<span class="summary">${br(summary)}</span>` : ''}`;
      const judgment = withJudgment ? `<td class="${judgmentClass(row.revisionNeeded)}">${br(judgmentText(row, lang))}</td>` : '';
      return `<tr><td>${br(checklistCell(row))}</td><td>${br(row.provisionLabel)}</td><td>${changes}</td>${judgment}</tr>`;
    })
    .join('\n');
  const head = `<tr><th scope="col" class="col-checklist">${escapeHtml(h.checklist)}</th><th scope="col" class="col-provision">${escapeHtml(provisionHeader(a, lang))}</th><th scope="col">${escapeHtml(h.changes)}</th>${
    withJudgment ? `<th scope="col" class="col-judgment">${escapeHtml(h.judgment)}</th>` : ''
  }</tr>`;
  return `<table class="analysis">
${opts.caption ? `<caption>${escapeHtml(opts.caption)}</caption>\n` : ''}<thead>${head}</thead>
<tbody>
${rows}
</tbody>
</table>`;
}

const ANALYSIS_CSS = `.judgment-needed { color: #8a1c00; font-weight: bold; }
.judgment-open { color: #555; }
@media print { body { margin: 0; } thead { display: table-header-group; } tr { break-inside: avoid; } }`;

/** A standalone HTML5 document: title, rule set and editions with dates, counts, then the table. */
export function renderAnalysisHtml(a: AnalysisView, opts: { lang?: Lang } = {}): string {
  const lang = opts.lang ?? 'ja';
  const checklist = checklistText(a, lang);
  const body = `<h1>${escapeHtml(a.title)}</h1>
<p class="meta">${escapeHtml(a.ruleSet.name)}　${escapeHtml(rangeText(a, lang))}<br>${escapeHtml(countsText(a, lang))}${checklist ? `<br>${escapeHtml(checklist)}` : ''}</p>
${renderAnalysisTableHtml(a, { lang })}`;
  return htmlDocument({ title: a.title, lang, body, css: ANALYSIS_CSS });
}
