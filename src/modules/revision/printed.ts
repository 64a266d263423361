/**
 * Comparisons recorded as printed: FISC publishes a revision as the new text with the changed parts
 * underlined. We store that text with `<u>…</u>` around the underlined parts.
 */
import { invalid } from '../../lib/errors.js';
import { comparableForm } from '../../lib/text.js';
import type { RecordedRow, Segment } from './analysis.types.js';
import { parseRevisionTag, sameTag } from './tag.js';

export function parsePrintedText(printed: string): Segment[] {
  const out: Segment[] = [];
  const re = /<\/?u>/g;
  let open = false;
  let last = 0;
  for (let m = re.exec(printed); m; m = re.exec(printed)) {
    const text = printed.slice(last, m.index);
    const closing = m[0] === '</u>';
    if (closing !== open) {
      throw invalid(
        'revision.printed_text_invalid',
        `下線の指定 <u>…</u> の対応が取れていません（${m.index + 1} 文字目）`,
        `unbalanced <u>…</u> at character ${m.index + 1}`,
      );
    }
    if (text) out.push({ kind: open ? 'underlined' : 'equal', text });
    open = !closing;
    last = m.index + m[0].length;
  }
  if (open) {
    throw invalid('revision.printed_text_invalid', '下線の指定 <u> が閉じられていません', 'an <u> is not closed');
  }
  const rest = printed.slice(last);
  if (rest) out.push({ kind: 'equal', text: rest });
  return out;
}

export function plainText(segments: Segment[]): string {
  return segments.map((s) => s.text).join('');
}

/**
 * Checks a recorded row against a comparison computed from both texts. Returns null when they agree,
 * otherwise what differs (Japanese / English).
 */
export function compareRecordedWithComputed(recorded: RecordedRow, computedSegments: Segment[], computedTag: string | null): string | null {
  const printed = parsePrintedText(recorded.printedText);
  const problems: string[] = [];
  if (!sameTag(recorded.tag, computedTag)) {
    problems.push(`改訂区分が異なります（公表: ${recorded.tag}、計算: ${computedTag ?? 'なし'}） / tags differ (recorded ${recorded.tag}, computed ${computedTag ?? 'none'})`);
  }
  const computedNew = computedSegments.filter((s) => s.kind !== 'deleted').map((s) => s.text).join('');
  if (comparableForm(plainText(printed)) !== comparableForm(computedNew)) {
    problems.push('新本文が異なります / the new texts differ');
  }
  const underlined = printed.filter((s) => s.kind === 'underlined').map((s) => comparableForm(s.text));
  const inserted = computedSegments.filter((s) => s.kind === 'inserted').map((s) => comparableForm(s.text));
  const parts = parseRevisionTag(recorded.tag);
  if (parts && typeof parts === 'object' && parts.added && !parts.changed && !parts.deleted) {
    if (JSON.stringify(underlined) !== JSON.stringify(inserted)) {
      problems.push(`下線部と追加箇所が異なります（公表: ${underlined.join('／')}、計算: ${inserted.join('／')}） / underlined and inserted spans differ`);
    }
  } else if (parts && typeof parts === 'object' && parts.changed) {
    const all = underlined.join('\u0000');
    const missing = inserted.filter((t) => t && !all.includes(t));
    if (missing.length) problems.push(`下線部にない変更箇所があります: ${missing.join('／')} / changed text not underlined`);
  }
  return problems.length ? problems.join('; ') : null;
}
