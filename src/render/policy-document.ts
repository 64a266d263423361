/**
 * The policy document (対応方針) of a review cycle, generated from its data — never typed by hand —
 * in Markdown and HTML, structured as FISC's: date, issuer, title, 【対応方針】, 1 見直しに関するルール,
 * 2 各検討事項の評価 (one subsection per consideration, 図表1 under related-rule revisions), 3 the
 * year's policy, 以上, footnotes.
 */
import { formatJaDate } from '../lib/dates.js';
import type { ReviewCycleView } from '../modules/review/manage-review.js';
import { renderAnalysisTableHtml } from './analysis-html.js';
import { renderAnalysisTableMarkdown } from './analysis-markdown.js';
import { escapeHtml, htmlDocument } from './html.js';

export function policyTitle(c: ReviewCycleView): string {
  return `${c.fiscalYear}年度 ${c.checklist.name}見直し要否 対応方針`;
}

export function decisionLine(c: ReviewCycleView): string {
  const word = c.decision.effective === 'needed' ? '要' : c.decision.effective === 'not_needed' ? '不要' : '未決定';
  return `【対応方針】${c.checklist.name}の見直しは「${word}」とする。`;
}

/** Splits the rule body into paragraphs and list items (lines starting with "- "). */
function ruleBlocks(body: string): { list: boolean; text: string }[] {
  return body
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => (l.startsWith('- ') ? { list: true, text: l.slice(2) } : { list: false, text: l }));
}

const paragraphs = (t: string | null) => (t ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);

export function renderPolicyMarkdown(c: ReviewCycleView): string {
  const out: string[] = [];
  if (c.documentDate) out.push(formatJaDate(c.documentDate), '');
  out.push(c.issuer, '', `# ${policyTitle(c)}`, '', decisionLine(c), '');
  if (c.decision.overridden && c.overrideReason) out.push(`（結論と異なる判断の理由：${c.overrideReason}）`, '');
  if (c.majorRevision) out.push(`有識者検討会${c.expertPanelDate ? `（${formatJaDate(c.expertPanelDate)}）` : ''}において審議する。`, '');
  for (const p of paragraphs(c.decisionStatement)) out.push(p, '');

  out.push('## 1 見直しに関するルール', '');
  out.push(`${c.checklist.name}（以下、チェックリスト）の維持管理方法については、${c.rule.source} に下記の通り規定されている。`, '');
  out.push(`> **${c.rule.title}**`);
  let previous: boolean | null = null;
  for (const b of ruleBlocks(c.rule.body)) {
    // A blank quote line between paragraphs, and around a list, but not between its items.
    if (!(previous === true && b.list)) out.push('>');
    out.push(b.list ? `> - ${b.text}` : `> ${b.text}`);
    previous = b.list;
  }
  out.push('');
  if (c.rule.monitoredIntro) out.push(c.rule.monitoredIntro, '');
  for (const m of c.rule.monitored) out.push(`- ${m}`);
  if (c.rule.monitored.length) out.push('');

  out.push('## 2 各検討事項の評価', '');
  const footnotes: { mark: string; text: string }[] = [];
  for (const k of c.considerations) {
    out.push(`### ${k.label} ${k.title}`, '');
    for (const p of paragraphs(k.finding)) out.push(p, '');
    if (k.analysis) {
      out.push(`**${k.figureTitle ?? k.analysis.title}**`, '');
      out.push(renderAnalysisTableMarkdown(k.analysis, 'ja', { judgment: false }));
    }
    for (const p of paragraphs(k.afterFigure)) out.push(p, '');
    footnotes.push(...k.footnotes);
  }

  out.push(`## 3 ${c.fiscalYear}年度のチェックリスト見直し方針`, '');
  for (const p of paragraphs(c.policyText)) out.push(p, '');
  out.push('以上', '');
  for (const f of footnotes) out.push(`[^${f.mark}]: ${f.text}`);
  return `${out.join('\n').trimEnd()}\n`;
}

export function renderPolicyHtml(c: ReviewCycleView): string {
  const p = (t: string) => `<p>${escapeHtml(t).replace(/\[\^(\w+)\]/g, '<sup><a href="#fn-$1" id="ref-$1">$1</a></sup>')}</p>`;
  const parts: string[] = [];
  parts.push(`<header class="doc-head">${c.documentDate ? `<p class="date">${escapeHtml(formatJaDate(c.documentDate))}</p>` : ''}<p class="issuer">${escapeHtml(c.issuer)}</p></header>`);
  parts.push(`<h1>${escapeHtml(policyTitle(c))}</h1>`, `<p class="decision"><strong>${escapeHtml(decisionLine(c))}</strong></p>`);
  if (c.decision.overridden && c.overrideReason) parts.push(p(`（結論と異なる判断の理由：${c.overrideReason}）`));
  if (c.majorRevision) parts.push(p(`有識者検討会${c.expertPanelDate ? `（${formatJaDate(c.expertPanelDate)}）` : ''}において審議する。`));
  parts.push(...paragraphs(c.decisionStatement).map(p));
  parts.push('<h2>1 見直しに関するルール</h2>', p(`${c.checklist.name}（以下、チェックリスト）の維持管理方法については、${c.rule.source} に下記の通り規定されている。`));
  const blocks = ruleBlocks(c.rule.body);
  let quote = `<blockquote><p><strong>${escapeHtml(c.rule.title)}</strong></p>`;
  let inList = false;
  for (const b of blocks) {
    if (b.list && !inList) quote += '<ul>';
    if (!b.list && inList) quote += '</ul>';
    inList = b.list;
    quote += b.list ? `<li>${escapeHtml(b.text)}</li>` : p(b.text);
  }
  if (inList) quote += '</ul>';
  parts.push(`${quote}</blockquote>`);
  if (c.rule.monitoredIntro) parts.push(p(c.rule.monitoredIntro));
  if (c.rule.monitored.length) parts.push(`<ul>${c.rule.monitored.map((m) => `<li>${escapeHtml(m)}</li>`).join('')}</ul>`);
  parts.push('<h2>2 各検討事項の評価</h2>');
  const footnotes: { mark: string; text: string }[] = [];
  for (const k of c.considerations) {
    parts.push(`<h3>${escapeHtml(`${k.label} ${k.title}`)}</h3>`, ...paragraphs(k.finding).map(p));
    if (k.analysis) parts.push(renderAnalysisTableHtml(k.analysis, { judgment: false, caption: k.figureTitle ?? k.analysis.title }));
    parts.push(...paragraphs(k.afterFigure).map(p));
    footnotes.push(...k.footnotes);
  }
  parts.push(`<h2>3 ${c.fiscalYear}年度のチェックリスト見直し方針</h2>`, ...paragraphs(c.policyText).map(p), '<p class="end">以上</p>');
  if (footnotes.length) {
    const link = (t: string) => escapeHtml(t.replace(/^<|>$/g, '')).replace(/^(https?:\/\/\S+)$/, '<a href="$1">$1</a>');
    parts.push(`<section class="footnotes"><ol>${footnotes.map((f) => `<li id="fn-${escapeHtml(f.mark)}" value="${escapeHtml(f.mark)}">${link(f.text)}</li>`).join('')}</ol></section>`);
  }
  return htmlDocument({
    title: policyTitle(c),
    lang: 'ja',
    body: parts.join('\n'),
    css: '.doc-head { text-align: right; } h1 { text-align: center; font-size: 1.4rem; } blockquote { border-left: 4px solid #ccd; margin: 1rem 0; padding: .25rem 1rem; background: #f7f8fb; } caption { caption-side: top; text-align: left; font-weight: bold; padding: .5rem 0; } .end { text-align: right; } .footnotes { border-top: 1px solid #999; margin-top: 2rem; font-size: .9rem; }',
  });
}
