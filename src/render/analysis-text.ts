/**
 * Plain-text rendering of an analysis for the terminal: one block per row, inserted spans in
 * ［＋…］ and deleted spans in ［－…］ (underlines and strike-through do not survive a terminal pipe).
 */
import type { AnalysisView, Segment } from '../modules/revision/analysis.types.js';
import { checklistCell, judgmentText, summaryText } from './analysis-common.js';

function marked(segments: Segment[]): string {
  return segments
    .map((s) => (s.kind === 'inserted' || s.kind === 'underlined' ? `［＋${s.text}］` : s.kind === 'deleted' ? `［－${s.text}］` : s.text))
    .join('');
}

export function renderAnalysisText(a: AnalysisView, opts: { lang?: 'ja' | 'en' } = {}): string {
  const ja = (opts.lang ?? 'ja') === 'ja';
  const lines: string[] = [];
  lines.push(a.title);
  const range = a.from ? `${a.from.label} → ${a.to.label}` : a.to.label;
  lines.push(`${a.ruleSet.name}  ${range}`);
  const c = a.counts;
  lines.push(
    ja
      ? `新設 ${c.new}・廃止 ${c.removed}・改訂 ${c.changed}・変更なし ${c.unchanged}${c.unknown ? `・旧本文なし ${c.unknown}` : ''}（表の行数 ${a.rows.length}）`
      : `new ${c.new}, removed ${c.removed}, changed ${c.changed}, unchanged ${c.unchanged}${c.unknown ? `, old text unknown ${c.unknown}` : ''} (${a.rows.length} rows)`,
  );
  if (a.checklist) lines.push(`${ja ? 'チェックリスト' : 'Checklist'}: ${a.checklist.ruleSetCode} ${a.checklist.label}`);
  lines.push('');
  a.rows.forEach((row, i) => {
    lines.push(`${i + 1}. ${row.provisionLabel}`);
    lines.push(`   ${ja ? 'チェックリスト' : 'Checklist'}: ${checklistCell(row).replace(/\n/g, ' / ')}`);
    lines.push(`   ${marked(row.segments).replace(/\n/g, '\n   ')}`);
    lines.push(`   ${row.tag ?? ''} ${summaryText(row)}`.trimEnd());
    if (row.revisionNeeded !== null) lines.push(`   ${judgmentText(row, ja ? 'ja' : 'en')}`);
    if (row.disagreement) lines.push(`   ${ja ? '⚠ 公表済み対照と計算結果の相違' : '⚠ recorded and computed differ'}: ${row.disagreement}`);
    lines.push('');
  });
  return lines.join('\n');
}
