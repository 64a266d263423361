/**
 * Comparisons recorded as printed: FISC publishes a revision as the new text with the changed parts
 * underlined. We store that text with `<u>…</u>` around the underlined parts.
 *
 * @example
 * parsePrintedText('利用者の <u>スマートデバイス</u> と')
 * // [{ kind: 'equal', text: '利用者の ' }, { kind: 'underlined', text: 'スマートデバイス' }, { kind: 'equal', text: ' と' }]
 */
import { invalid } from '../../lib/errors.js';
import { comparableForm } from '../../lib/text.js';
import type { RecordedRow, Segment } from './analysis.types.js';
import { parseRevisionTag, sameTag } from './tag.js';

const MARK = /<(\/?)u\s*>/gi;

/** Splits a printed text into equal and underlined segments; the text itself is kept exactly. */
export function parsePrintedText(printed: string): Segment[] {
  const out: Segment[] = [];
  let open = false;
  let last = 0;
  MARK.lastIndex = 0;
  for (let m = MARK.exec(printed); m; m = MARK.exec(printed)) {
    const closing = m[1] === '/';
    if (closing !== open) {
      const at = m.index + 1;
      throw invalid(
        'revision.printed_text_invalid',
        closing
          ? `下線の終わり </u> に対応する <u> がありません（${at} 文字目）`
          : `下線の中で再び <u> が始まっています（${at} 文字目）`,
        closing ? `</u> without a matching <u> at character ${at}` : `<u> inside an underline at character ${at}`,
        [{ where: `character ${at}`, messageJa: '下線の指定 <u>…</u> の対応が取れていません', messageEn: 'unbalanced <u>…</u>' }],
      );
    }
    const text = printed.slice(last, m.index);
    if (text) out.push({ kind: open ? 'underlined' : 'equal', text });
    open = !closing;
    last = m.index + m[0].length;
  }
  if (open) {
    throw invalid('revision.printed_text_invalid', '下線の始まり <u> が閉じられていません', 'an <u> is not closed', [
      { where: `character ${last}`, messageJa: '<u> に対応する </u> がありません', messageEn: '<u> without </u>' },
    ]);
  }
  const rest = printed.slice(last);
  if (rest) out.push({ kind: 'equal', text: rest });
  return out;
}

/** The text of some segments without marks. */
export function plainText(segments: Segment[]): string {
  let s = '';
  for (const seg of segments) s += seg.text;
  return s;
}

interface Span {
  /** Offsets in the comparable form of the (new) text. */
  start: number;
  end: number;
  text: string;
}

/**
 * Marked spans (`kinds`) of a text given as segments, in comparable form with their offsets; spans
 * separated only by white space (or by deleted text, which is not part of the new text) are one span.
 */
function spansOf(segments: Segment[], kinds: Segment['kind'][]): { text: string; spans: Span[] } {
  let text = '';
  const spans: Span[] = [];
  let open: Span | null = null;
  for (const s of segments) {
    if (s.kind === 'deleted') continue;
    const c = comparableForm(s.text);
    if (!c) continue;
    if (kinds.includes(s.kind)) {
      if (open) {
        open.text += c;
        open.end += c.length;
      } else {
        open = { start: text.length, end: text.length + c.length, text: c };
        spans.push(open);
      }
    } else open = null;
    text += c;
  }
  return { text, spans };
}

/** Whether [start, end) lies within the union of the (sorted) spans. */
function covered(start: number, end: number, spans: Span[]): boolean {
  let at = start;
  for (const s of spans) {
    if (s.end <= at) continue;
    if (s.start > at) return false;
    at = s.end;
    if (at >= end) return true;
  }
  return at >= end;
}

/**
 * Checks a recorded row against a comparison computed from both texts. Returns null when they agree,
 * otherwise what differs, in Japanese and English.
 *
 * They agree when the tags say the same (spacing and brackets aside), the new texts are the same
 * under comparableForm, and the underlines match the computed changes: for a tag of 追加 only, the
 * underlined spans are the inserted spans; for one with 変更, every inserted span is underlined.
 * A printed text that is an excerpt of the computed new text (図表1 often prints only the part that
 * changed) is checked against that part.
 */
export function compareRecordedWithComputed(recorded: RecordedRow, computedSegments: Segment[], computedTag: string | null): string | null {
  const printed = parsePrintedText(recorded.printedText);
  const problems: string[] = [];
  if (!sameTag(recorded.tag, computedTag)) {
    problems.push(
      `改訂区分が異なります（対照表: ${recorded.tag}、計算: ${computedTag ?? 'なし'}） / tags differ (recorded ${recorded.tag}, computed ${computedTag ?? 'none'})`,
    );
  }
  const computed = spansOf(computedSegments, ['inserted']);
  const underlined = spansOf(printed, ['underlined']);
  let offset = 0;
  let lo = 0;
  let hi = computed.text.length;
  let aligned = true;
  if (underlined.text !== computed.text) {
    const at = underlined.text ? computed.text.indexOf(underlined.text) : -1;
    if (at < 0) {
      aligned = false;
      problems.push('新本文が異なります / the new texts differ');
    } else {
      offset = at;
      lo = at;
      hi = at + underlined.text.length;
    }
  }
  // Inserted spans within the printed part, clipped to it.
  const inserted = computed.spans
    .filter((s) => !aligned || (s.end > lo && s.start < hi))
    .map((s) => {
      if (!aligned) return s;
      const start = Math.max(s.start, lo);
      const end = Math.min(s.end, hi);
      return { start, end, text: computed.text.slice(start, end) };
    });
  const marked = underlined.spans.map((s) => ({ start: s.start + offset, end: s.end + offset, text: s.text }));
  const parts = parseRevisionTag(recorded.tag);
  if (parts && typeof parts === 'object' && parts.added && !parts.changed && !parts.deleted) {
    const a = marked.map((s) => s.text);
    const b = inserted.map((s) => s.text);
    if (a.length !== b.length || a.some((t, k) => t !== b[k])) {
      problems.push(
        `下線部と追加箇所が異なります（対照表: ${a.join('／') || 'なし'}、計算: ${b.join('／') || 'なし'}） / underlined and inserted spans differ (recorded: ${a.join(' / ') || 'none'}; computed: ${b.join(' / ') || 'none'})`,
      );
    }
  } else if (parts && typeof parts === 'object' && parts.changed) {
    const all = marked.map((s) => s.text).join('\u0000');
    const missing = inserted.filter((s) => (aligned ? !covered(s.start, s.end, marked) : !all.includes(s.text))).map((s) => s.text);
    if (missing.length) {
      problems.push(`下線部にない変更箇所があります: ${missing.join('／')} / changed text not underlined: ${missing.join(' / ')}`);
    }
  }
  return problems.length ? problems.join('; ') : null;
}
