/**
 * 図表1 as GitHub-flavoured Markdown: new and underlined text as <u>…</u>, deleted text as ~~…~~,
 * the tag and the summary under them in the same cell.
 *
 * Every text from the data is escaped: Markdown punctuation gets a backslash (so `*` or `_` in a
 * provision never turns into emphasis), `|` cannot end a cell, `<`, `>` and `&` become entities (GFM
 * passes raw HTML through), and line breaks become <br> (a table row is one line).
 */
import type { AnalysisView, Segment } from '../modules/revision/analysis.types.js';
import {
  checklistText,
  checklistCell,
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

/** Text from the data, escaped for a Markdown table cell. */
export function escapeMarkdownCell(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_~[\]|]/g, '\\$&')
    .replace(/\r\n|\r|\n/g, '<br>');
}

const isWhitespace = (c: string) => /\s/u.test(c);
/** Punctuation for every CommonMark version: ASCII punctuation and Unicode P*. */
const isPunctuationEverywhere = (c: string) => /[!-/:-@[-`{-~]|\p{P}/u.test(c);
/** Punctuation for some CommonMark version: newer ones also count symbols (S*). */
const isPunctuationSomewhere = (c: string) => /[!-/:-@[-`{-~]|\p{P}|\p{S}/u.test(c);

/**
 * Whether `~~text~~` between `before` and `after` is read as strike-through. GFM applies the
 * emphasis "flanking" rules to `~~`, which fail around Japanese punctuation: in `の~~（注）~~` the
 * opening `~~` is followed by punctuation and preceded by a letter, so it stays literal text.
 */
function strikeThroughWorks(before: string, text: string, after: string): boolean {
  const first = [...text][0];
  const last = [...text].at(-1);
  if (!first || !last || isWhitespace(first) || isWhitespace(last)) return false;
  const opens = !isPunctuationSomewhere(first) || isWhitespace(before) || isPunctuationEverywhere(before);
  const closes = !isPunctuationSomewhere(last) || isWhitespace(after) || isPunctuationEverywhere(after);
  return opens && closes;
}

/** Joins neighbouring segments of one kind, so that two deletions never read as `~~a~~~~b~~`. */
function merged(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    if (!s.text) continue;
    const prev = out.at(-1);
    if (prev && prev.kind === s.kind) prev.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

/**
 * A row's text with changes marked, escaped for a table cell. A deletion is `~~…~~` where GFM reads it
 * as strike-through, and `<del>…</del>` where it would not (around Japanese punctuation, or when the
 * deleted text starts or ends with a space), so that a deletion is always visibly marked.
 *
 * @example
 * segmentsMarkdown([{ kind: 'equal', text: '検知システムの' }, { kind: 'deleted', text: '運用状況の' }, { kind: 'inserted', text: '運転状況' }])
 * // '検知システムの~~運用状況の~~<u>運転状況</u>'
 */
export function segmentsMarkdown(segments: Segment[]): string {
  const parts = merged(segments).map((s) => ({ kind: s.kind, text: escapeMarkdownCell(s.text) }));
  const rendered = parts.map((p) => (isUnderlined(p) ? `<u>${p.text}</u>` : p.text));
  parts.forEach((p, i) => {
    if (p.kind !== 'deleted') return;
    // A cell starts after "| " and the changes text is followed by "<br>" or " |".
    const before = rendered.slice(0, i).join('').at(-1) ?? ' ';
    const after = rendered.slice(i + 1).join('')[0] ?? ' ';
    rendered[i] = strikeThroughWorks(before, p.text, after) ? `~~${p.text}~~` : `<del>${p.text}</del>`;
  });
  return rendered.join('');
}

/**
 * The table alone, for embedding in other documents (the policy document shows it without the
 * judgment column: an unsaved comparison, with an empty id, has no judgments either).
 */
export function renderAnalysisTableMarkdown(a: AnalysisView, lang: Lang = 'ja', opts: { judgment?: boolean } = {}): string {
  const h = headers(lang);
  const withJudgment = opts.judgment ?? a.id !== '';
  const head = [h.checklist, provisionHeader(a, lang), h.changes, ...(withJudgment ? [h.judgment] : [])].map(escapeMarkdownCell);
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const row of a.rows) {
    const changes = [segmentsMarkdown(row.segments), escapeMarkdownCell(tagText(row)), escapeMarkdownCell(summaryText(row))].filter(Boolean).join('<br>');
    const cells = [escapeMarkdownCell(checklistCell(row)), escapeMarkdownCell(row.provisionLabel), changes];
    if (withJudgment) cells.push(escapeMarkdownCell(judgmentText(row, lang)));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** The whole analysis: title, rule set and editions with dates, counts, then the table. */
export function renderAnalysisMarkdown(a: AnalysisView, opts: { lang?: Lang } = {}): string {
  const lang = opts.lang ?? 'ja';
  const line = (s: string) => escapeMarkdownCell(s.replace(/\s*[\r\n]+\s*/g, ' '));
  const out = [`# ${line(a.title)}`, '', `${line(a.ruleSet.name)}　${line(rangeText(a, lang))}`, '', line(countsText(a, lang))];
  const checklist = checklistText(a, lang);
  if (checklist) out.push('', line(checklist));
  out.push('', renderAnalysisTableMarkdown(a, lang));
  return out.join('\n');
}
