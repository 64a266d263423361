/**
 * The policy document as PDF: pdfmake with Noto Sans JP embedded (subset), so the Japanese text is
 * selectable and `pdftotext` extracts it. Same structure as the Markdown and HTML versions.
 */
import { formatJaDate } from '../lib/dates.js';
import type { Segment } from '../modules/revision/analysis.types.js';
import type { ReviewCycleView } from '../modules/review/manage-review.js';
import { checklistCell, summaryText } from './analysis-common.js';
import { PDF_FONT, pageNumberFooter, renderPdf } from './pdf-common.js';
import { decisionLine, policyTitle } from './policy-document.js';

type Content = Record<string, unknown> | string | Content[];

const paragraphs = (t: string | null) => (t ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);

function withFootnoteMarks(text: string): Content[] {
  return text.split(/(\[\^\w+\])/).filter(Boolean).map((part) => {
    const m = /^\[\^(\w+)\]$/.exec(part);
    return m ? { text: m[1], sup: true } : part;
  });
}

function segmentsPdf(segments: Segment[]): Content[] {
  return segments.map((s) =>
    s.kind === 'inserted' || s.kind === 'underlined'
      ? { text: s.text, decoration: 'underline' }
      : s.kind === 'deleted'
        ? { text: s.text, decoration: 'lineThrough', color: '#b00020' }
        : s.text,
  );
}

export function policyDocDefinition(c: ReviewCycleView) {
  const content: Content[] = [];
  if (c.documentDate) content.push({ text: formatJaDate(c.documentDate), alignment: 'right' });
  content.push({ text: c.issuer, alignment: 'right', margin: [0, 0, 0, 12] });
  content.push({ text: policyTitle(c), style: 'title' });
  content.push({ text: decisionLine(c), bold: true, margin: [0, 6, 0, 6] });
  if (c.decision.overridden && c.overrideReason) content.push({ text: `（結論と異なる判断の理由：${c.overrideReason}）`, style: 'p' });
  if (c.majorRevision) content.push({ text: `有識者検討会${c.expertPanelDate ? `（${formatJaDate(c.expertPanelDate)}）` : ''}において審議する。`, style: 'p' });
  for (const p of paragraphs(c.decisionStatement)) content.push({ text: p, style: 'p' });

  content.push({ text: '1 見直しに関するルール', style: 'h2' });
  content.push({ text: `${c.checklist.name}（以下、チェックリスト）の維持管理方法については、${c.rule.source} に下記の通り規定されている。`, style: 'p' });
  const quote: Content[] = [{ text: c.rule.title, bold: true, margin: [0, 0, 0, 4] }];
  for (const line of c.rule.body.split('\n').map((l) => l.trim()).filter(Boolean)) {
    quote.push(line.startsWith('- ') ? { text: line.slice(2), margin: [12, 0, 0, 2] } : { text: line, margin: [0, 2, 0, 4] });
  }
  content.push({ table: { widths: ['*'], body: [[{ stack: quote, fillColor: '#f4f6fa' }]] }, layout: 'noBorders', margin: [0, 4, 0, 8] });
  if (c.rule.monitoredIntro) content.push({ text: c.rule.monitoredIntro, style: 'p' });
  if (c.rule.monitored.length) content.push({ ul: c.rule.monitored, margin: [0, 0, 0, 8] });

  content.push({ text: '2 各検討事項の評価', style: 'h2' });
  const footnotes: { mark: string; text: string }[] = [];
  for (const k of c.considerations) {
    content.push({ text: `${k.label} ${k.title}`, style: 'h3' });
    for (const p of paragraphs(k.finding)) content.push({ text: withFootnoteMarks(p), style: 'p' });
    if (k.analysis) {
      content.push({ text: k.figureTitle ?? k.analysis.title, bold: true, margin: [0, 6, 0, 4] });
      const header = ['チェックリスト', k.analysis.ruleSet.shortName?.replace(/^FISC\s*/, '') ?? k.analysis.ruleSet.name, '主な改訂内容'].map((t) => ({ text: t, bold: true, fillColor: '#eef2f7' }));
      const body = k.analysis.rows.map((r) => [
        checklistCell(r),
        r.provisionLabel,
        { stack: [{ text: segmentsPdf(r.segments) }, { text: r.tag ?? '', bold: true, margin: [0, 2, 0, 0] }, summaryText(r)] },
      ]);
      content.push({ table: { headerRows: 1, widths: ['18%', '24%', '*'], body: [header, ...body] }, fontSize: 8, margin: [0, 0, 0, 8] });
    }
    for (const p of paragraphs(k.afterFigure)) content.push({ text: p, style: 'p' });
    footnotes.push(...k.footnotes);
  }
  content.push({ text: `3 ${c.fiscalYear}年度のチェックリスト見直し方針`, style: 'h2' });
  for (const p of paragraphs(c.policyText)) content.push({ text: p, style: 'p' });
  content.push({ text: '以上', alignment: 'right', margin: [0, 8, 0, 0] });
  if (footnotes.length) {
    content.push({ canvas: [{ type: 'line', x1: 0, y1: 4, x2: 160, y2: 4, lineWidth: 0.5 }], margin: [0, 16, 0, 4] });
    for (const f of footnotes) content.push({ text: [{ text: f.mark, sup: true }, ' ', f.text.replace(/^<|>$/g, '')], fontSize: 8 });
  }
  return {
    info: { title: policyTitle(c), author: c.issuer, creator: 'Tsunagu' },
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 56],
    defaultStyle: { font: PDF_FONT, fontSize: 10, lineHeight: 1.35 },
    styles: {
      title: { fontSize: 15, bold: true, alignment: 'center', margin: [0, 8, 0, 10] },
      h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 6] },
      h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
      p: { margin: [0, 0, 0, 6] },
    },
    footer: pageNumberFooter(20),
    content,
  };
}

export async function renderPolicyPdf(c: ReviewCycleView): Promise<Buffer> {
  return renderPdf(policyDocDefinition(c));
}
