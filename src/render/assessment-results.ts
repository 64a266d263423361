/**
 * The results of an assessment (確認結果) as xlsx, CSV and PDF: a header naming the bank, the
 * connector, the service, the submission (version and SHA-256) and the result (適合 / 条件付適合 /
 * 不適合, who approved it and when), then one row per item — label, question, the submitted answer
 * (回答 and ②欄, or 現状 / 課題 / 改善計画), the bank's verdict in Japanese, its condition and the
 * remediation plans.
 *
 * Every text from the data is neutralised against formula injection: escapeFormula in the workbook,
 * toCsv (which escapes every field) in the CSV. The PDF embeds Noto Sans JP, so its text is selectable
 * and `pdftotext` extracts it.
 */
import { columnLetter, escapeFormula, toCsv } from '../lib/csv.js';
import { formatJaDate } from '../lib/dates.js';
import { LABELS, type RequestHeading, type ResultName, type VerdictName } from '../modules/assessment/assessment.schema.js';
import { PDF_FONT, pageNumberFooter, renderPdf } from './pdf-common.js';
import { addTextRow, newWorkbook, safeValue, sheetOptions, writeHeaderRow, writeTitleRows } from './xlsx-common.js';

export interface ResultsView extends RequestHeading {
  /** YYYY-MM-DD, the day of the export in Japan. */
  exportedOn: string;
  submission: { version: number; submittedOn: string; sha256: string };
  result: {
    value: ResultName | null;
    /** decided: approved; proposed: awaiting the approver; none: not yet proposed. */
    state: 'decided' | 'proposed' | 'none';
    proposedBy: string | null;
    approvedBy: string | null;
    /** YYYY-MM-DD in Japan. */
    approvedOn: string | null;
    comment: string | null;
  };
  items: {
    label: string;
    number: number;
    category: string;
    text: string;
    answer: { choice: 'yes' | 'no' | 'na' | null; explanation: string | null; currentState: string | null; issues: string | null; improvementPlan: string | null; evidence: string[] };
    verdict: VerdictName | null;
    condition: string | null;
    remediation: { description: string; dueDate: string | null; state: 'proposed' | 'accepted' | 'completed' }[];
  }[];
}

const PLAN_STATE = { proposed: '提示（合意待ち）', accepted: '合意済み', completed: '完了' } as const;

/** 条件付適合（承認: 山田 花子、2026年1月30日） / 判定案: 適合（承認待ち） / 未判定. */
export function resultLine(v: ResultsView): string {
  const r = v.result;
  if (r.state === 'decided' && r.value) return `${LABELS.result[r.value]}（承認: ${r.approvedBy ?? '-'}${r.approvedOn ? `、${formatJaDate(r.approvedOn)}` : ''}）`;
  if (r.state === 'proposed' && r.value) return `判定案: ${LABELS.result[r.value]}（承認待ち）`;
  return '未判定';
}

/** The header block, as label/value pairs. */
export function headerFacts(v: ResultsView): [string, string][] {
  return [
    ['金融機関', v.bank],
    ['電子決済等代行業者', v.connector],
    ['サービス', v.serviceName],
    ['API の種類・アクセス', `${LABELS.apiType[v.apiType]}・${LABELS.access[v.access]}`],
    ['確認シート', v.template],
    ['チェックリスト', `${v.checklist.name} ${v.checklist.edition}${v.checklist.sample ? '（サンプル）' : ''}`],
    ['提出', `第${v.submission.version}版（${formatJaDate(v.submission.submittedOn)}）`],
    ['提出内容の SHA-256', v.submission.sha256],
    ['判定', resultLine(v)],
    ...(v.result.comment ? [['判定の理由・コメント', v.result.comment] as [string, string]] : []),
    ['出力日', formatJaDate(v.exportedOn)],
  ];
}

const planText = (p: ResultsView['items'][number]['remediation'][number]) => `${p.description}（期限 ${p.dueDate ? formatJaDate(p.dueDate) : '-'}、${PLAN_STATE[p.state]}）`;

/** The table: headers and, per item, the cells as text. */
export function resultRows(v: ResultsView): { headers: string[]; widths: number[]; rows: (string | number)[][] } {
  const answerHeaders = v.scheme === 'yes_no' ? ['回答', '②欄（説明）'] : ['現状', '課題', '改善計画（回答）'];
  const answerWidths = v.scheme === 'yes_no' ? [9, 40] : [32, 24, 28];
  const headers = ['行内番号', 'No.', '区分', '確認項目', ...answerHeaders, '資料', '確認結果', '条件', '改善計画（期限・状況）'];
  const widths = [10, 6, 14, 44, ...answerWidths, 18, 16, 28, 34];
  const rows = v.items.map((i) => {
    const a = i.answer;
    const answers = v.scheme === 'yes_no' ? [a.choice ? LABELS.choice[a.choice] : '', a.explanation ?? ''] : [a.currentState ?? '', a.issues ?? '', a.improvementPlan ?? ''];
    return [i.label, i.number, i.category, i.text, ...answers, a.evidence.join('\n'), i.verdict ? LABELS.verdict[i.verdict] : '未確認', i.condition ?? '', i.remediation.map(planText).join('\n')];
  });
  return { headers, widths, rows };
}

// ---------------------------------------------------------------------------------------------
// CSV

/** UTF-8 with BOM and CRLF (open it in Excel as is): the header block, an empty line, the table. */
export function renderResultsCsv(v: ResultsView): Buffer {
  const { headers, rows } = resultRows(v);
  return Buffer.from(toCsv([...headerFacts(v), [], headers, ...rows]), 'utf8');
}

// ---------------------------------------------------------------------------------------------
// xlsx

export async function renderResultsXlsx(v: ResultsView): Promise<Buffer> {
  const { headers, widths, rows } = resultRows(v);
  const facts = headerFacts(v);
  const headerRow = facts.length + 3;
  const wb = newWorkbook(`確認結果 ${v.bank} ${v.connector} ${v.serviceName}`);
  const ws = wb.addWorksheet('確認結果', sheetOptions({ headerRow }));
  ws.columns = widths.map((width) => ({ width }));
  const last = columnLetter(headers.length - 1);
  writeTitleRows(ws, headers.length, `確認結果　${v.connector}　${v.serviceName}`);
  facts.forEach(([k, val], i) => {
    const r = i + 2;
    ws.getCell(`A${r}`).value = escapeFormula(k);
    ws.getCell(`A${r}`).font = { bold: true };
    ws.mergeCells(`A${r}:C${r}`);
    ws.getCell(`D${r}`).value = escapeFormula(val);
    ws.mergeCells(`D${r}:${last}${r}`);
  });
  writeHeaderRow(ws, headerRow, headers);
  for (const values of rows) {
    // The number stays a number (a value, not text); every text is neutralised.
    addTextRow(ws, values.map(safeValue), values.map(String), widths);
  }
  ws.autoFilter = `A${headerRow}:${last}${headerRow + rows.length}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// PDF

export function resultsDocDefinition(v: ResultsView) {
  const facts = headerFacts(v);
  const answer = (i: ResultsView['items'][number]) => {
    const a = i.answer;
    const parts =
      v.scheme === 'yes_no'
        ? [{ text: a.choice ? LABELS.choice[a.choice] : '未回答', bold: true }, ...(a.explanation ? [{ text: `②欄: ${a.explanation}` }] : [])]
        : [{ text: `現状: ${a.currentState ?? '-'}` }, ...(a.issues ? [{ text: `課題: ${a.issues}` }] : []), ...(a.improvementPlan ? [{ text: `改善計画: ${a.improvementPlan}` }] : [])];
    if (a.evidence.length) parts.push({ text: `資料: ${a.evidence.join('、')}`, color: '#555555' } as never);
    return { stack: parts };
  };
  const verdict = (i: ResultsView['items'][number]) => ({
    stack: [{ text: i.verdict ? LABELS.verdict[i.verdict] : '未確認', bold: true }, ...(i.condition ? [{ text: `条件: ${i.condition}` }] : [])],
  });
  const header = ['行内番号', '確認項目', '回答', '確認結果', '改善計画（期限・状況）'].map((t) => ({ text: t, bold: true, fillColor: '#eef2f7' }));
  const body = v.items.map((i) => [i.label, { stack: [{ text: `No.${i.number}　${i.category}`, color: '#555555', fontSize: 7 }, i.text] }, answer(i), verdict(i), i.remediation.map(planText).join('\n')]);
  return {
    info: { title: `確認結果 ${v.connector} ${v.serviceName}`, author: v.bank, creator: 'Tsunagu' },
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [36, 40, 36, 40],
    defaultStyle: { font: PDF_FONT, fontSize: 9, lineHeight: 1.3 },
    footer: pageNumberFooter(12),
    content: [
      { text: `確認結果　${v.connector}　${v.serviceName}`, fontSize: 15, bold: true, margin: [0, 0, 0, 8] },
      { table: { widths: [110, '*'], body: facts.map(([k, val]) => [{ text: k, bold: true }, val]) }, layout: 'lightHorizontalLines', margin: [0, 0, 0, 12] },
      { table: { headerRows: 1, widths: [48, '*', '*', 90, 140], body: [header, ...body] }, fontSize: 8 },
    ],
  };
}

export async function renderResultsPdf(v: ResultsView): Promise<Buffer> {
  return renderPdf(resultsDocDefinition(v));
}
