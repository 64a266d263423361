/**
 * A Japanese-aware diff merged into readable spans. Japanese has no spaces between words, so texts
 * are split into words with Intl.Segmenter('ja'), the word sequences are diffed with jsdiff, and the
 * result is merged so that a rewritten phrase reads as one deleted span followed by one inserted span
 * rather than a scatter of single characters.
 *
 * Invariants: the equal and deleted segments, joined, give the old text exactly; the equal and
 * inserted segments give the new text exactly. The one exception is a pair of texts that differ only
 * in white space or full/half-width form (equal under {@link comparableForm}): that is no revision,
 * and the diff is a single equal segment holding the new text.
 *
 * @example
 * diffTexts('運用状況の監視を行う', '運転状況監視を行う')
 * // [{ kind: 'deleted', text: '運用状況の' }, { kind: 'inserted', text: '運転状況' }, { kind: 'equal', text: '監視を行う' }]
 */
import { diffArrays } from 'diff';
import { comparableForm } from '../../lib/text.js';
import type { Segment } from './analysis.types.js';

/** Building a segmenter costs far more than using one: one for the whole process. */
const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

/** The words of a text as Intl.Segmenter('ja') splits them; joined, they give the text back. */
export function tokenize(s: string): string[] {
  const out: string[] = [];
  for (const part of segmenter.segment(s)) out.push(part.segment);
  return out;
}

/**
 * Characters that NFKC leaves as they are (ASCII, most CJK punctuation, kana, CJK ideographs): a word
 * made only of them is its own comparable form, and skipping normalize() for it saves time on long texts.
 */
const STABLE_UNDER_NFKC = /^[\x21-\x7e\u3001-\u3035\u3037\u303b-\u309a\u309d\u309e\u30a0-\u30fe\u4e00-\u9fff]*$/;

/** The comparable form of one word: '' for white space. */
function keyOf(word: string): string {
  return STABLE_UNDER_NFKC.test(word) ? word : comparableForm(word);
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * The lengths (UTF-16 units) of the common prefix and suffix of two strings, the cheap first step of
 * every diff: most of a revised provision is unchanged. The suffix never overlaps the prefix and
 * neither splits a surrogate pair.
 *
 * @example
 * trimCommon('CD/ATM等を利用', 'CD/ATM等や端末を利用') // { prefix: 7, suffix: 3 }
 */
export function trimCommon(a: string, b: string): { prefix: number; suffix: number } {
  const n = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < n && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && prefix < n && isHighSurrogate(a.charCodeAt(prefix - 1))) prefix--;
  const room = n - prefix;
  let suffix = 0;
  while (suffix < room && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  if (suffix > 0 && suffix < room && isLowSurrogate(a.charCodeAt(a.length - suffix))) suffix--;
  return { prefix, suffix };
}

/**
 * Characters before which a text can be cut without changing its comparable form: NFKC never
 * composes them with what precedes them, and they are not white space. Cutting two texts there, the
 * comparable form of the whole is the comparable forms of the pieces joined.
 */
const isSafeCut = (c: number) =>
  (c >= 0x21 && c <= 0x7e) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30a1 && c <= 0x30fa) || (c >= 0x4e00 && c <= 0x9fff);

/**
 * Whether two texts are equal under {@link comparableForm}, normalising only the part between their
 * common prefix and suffix (widened to safe cuts) rather than both whole texts.
 *
 * @example
 * sameComparableForm('CD/ATM 等を利用', 'ＣＤ／ＡＴＭ等を利用') // true
 */
export function sameComparableForm(a: string, b: string): boolean {
  if (a === b) return true;
  let { prefix, suffix } = trimCommon(a, b);
  while (prefix > 0 && !(isSafeCut(a.charCodeAt(prefix)) && isSafeCut(b.charCodeAt(prefix)))) prefix--;
  while (suffix > 0 && !(isSafeCut(a.charCodeAt(a.length - suffix)) && isSafeCut(b.charCodeAt(b.length - suffix)))) suffix--;
  return comparableForm(a.slice(prefix, a.length - suffix)) === comparableForm(b.slice(prefix, b.length - suffix));
}

/**
 * Words looked at on each side of the differing middle: the middle is widened by this much so that
 * it starts and ends on word boundaries (a changed word is shown whole: 「運用」→「運転」, not 用→転).
 */
const CONTEXT = 12;

function push(out: Segment[], kind: Segment['kind'], text: string) {
  if (!text) return;
  const prev = out[out.length - 1];
  if (prev && prev.kind === kind) prev.text += text;
  else out.push({ kind, text });
}

/**
 * What a place where text was deleted and/or inserted amounts to, ignoring white space and width:
 * 'changed' when something was deleted and something else inserted, 'added' / 'deleted' when only one
 * side has content, null when the two sides are the same text in another form.
 *
 * @example
 * placeChange('運用状況の', '運転状況') // 'changed'
 * placeChange('ＡＴＭ', 'ATMや端末')    // 'added'
 * placeChange(' ', '')                  // null
 */
export function placeChange(deleted: string, inserted: string): 'added' | 'changed' | 'deleted' | null {
  const d = deleted ? comparableForm(deleted) : '';
  const n = inserted ? comparableForm(inserted) : '';
  if (!d && !n) return null;
  if (!d) return 'added';
  if (!n) return 'deleted';
  const { prefix, suffix } = trimCommon(d, n);
  const dLeft = d.length - prefix - suffix > 0;
  const nLeft = n.length - prefix - suffix > 0;
  return dLeft && nLeft ? 'changed' : nLeft ? 'added' : dLeft ? 'deleted' : null;
}

/** An equal run short enough to be swallowed into a surrounding rewrite: ≤ 2 characters, or punctuation. */
function isGlue(text: string): boolean {
  const t = comparableForm(text);
  return t.length <= 2 || /^[\p{P}\p{S}]+$/u.test(t);
}

/**
 * Two insertions (or two deletions) around a bit of glue that the second one ends with (or the first
 * one starts with) are one insertion shifted by the glue: 「事業」「者」「又は…事業者」 reads better as
 * 「事業者又は…事業」「者」. Both sides of the diff stay the same text.
 */
function slideOverGlue(raw: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of raw) {
    const between = out[out.length - 1];
    const first = out[out.length - 2];
    if (between && first && s.kind !== 'equal' && between.kind === 'equal' && first.kind === s.kind && isGlue(between.text)) {
      const g = between.text;
      if (s.text.endsWith(g)) {
        out.length -= 2;
        out.push({ kind: s.kind, text: first.text + g + s.text.slice(0, s.text.length - g.length) }, { kind: 'equal', text: g });
        continue;
      }
      if (first.text.startsWith(g)) {
        out.length -= 2;
        push(out, 'equal', g);
        out.push({ kind: s.kind, text: first.text.slice(g.length) + g + s.text });
        continue;
      }
    }
    push(out, s.kind, s.text);
  }
  return out;
}

/**
 * Merges raw diff segments (equal / deleted / inserted) for reading. Changes separated only by short
 * equal "glue" form one place; when that place both deletes and inserts (a rewrite), it becomes one
 * deleted span followed by one inserted span. A place that only inserts (or only deletes, or only
 * changes width or spacing) keeps its glue, so that 追加 stays 追加. Changes with no equal text
 * between them always read as one deleted span and one inserted span, and adjacent segments of the
 * same kind are joined.
 */
export function mergeSegments(segments: Segment[]): Segment[] {
  const raw = slideOverGlue(segments);
  const out: Segment[] = [];
  let i = 0;
  while (i < raw.length) {
    const s = raw[i]!;
    if (s.kind === 'equal') {
      push(out, 'equal', s.text);
      i++;
      continue;
    }
    let j = i;
    for (;;) {
      if (j + 1 < raw.length && raw[j + 1]!.kind !== 'equal') j++;
      else if (j + 2 < raw.length && raw[j + 2]!.kind !== 'equal' && isGlue(raw[j + 1]!.text)) j += 2;
      else break;
    }
    // The old and new text of the place (glue on both sides), and what was deleted and inserted.
    let del = '';
    let ins = '';
    let deletedOnly = '';
    let insertedOnly = '';
    let hasGlue = false;
    for (let k = i; k <= j; k++) {
      const r = raw[k]!;
      if (r.kind === 'equal') hasGlue = true;
      else if (r.kind === 'deleted') deletedOnly += r.text;
      else insertedOnly += r.text;
      if (r.kind !== 'inserted') del += r.text;
      if (r.kind !== 'deleted') ins += r.text;
    }
    if (hasGlue && placeChange(deletedOnly, insertedOnly) === 'changed') {
      // A rewrite: the glue goes into both spans.
      push(out, 'deleted', del);
      push(out, 'inserted', ins);
    } else {
      // Keep the glue, but still read each stretch of changes between glue as one replacement.
      let d = '';
      let n = '';
      for (let k = i; k <= j + 1; k++) {
        const r = raw[k];
        if (k <= j && r!.kind !== 'equal') {
          if (r!.kind === 'deleted') d += r!.text;
          else n += r!.text;
          continue;
        }
        push(out, 'deleted', d);
        push(out, 'inserted', n);
        d = '';
        n = '';
        if (k <= j) push(out, 'equal', r!.text);
      }
    }
    i = j + 1;
  }
  return out;
}

/** Sentences with their ending (。 or a line break) attached, so that joining them gives the text back. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x3002 /* 。 */ || ch === 0x0a) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/**
 * Words grouped for diffing: white space joins the word before it (or the first word), and each
 * group is compared by its comparable form, so that spacing and width never misalign the diff.
 */
function wordsOf(text: string): { texts: string[]; keys: string[] } {
  const texts: string[] = [];
  const keys: string[] = [];
  let lead = '';
  for (const part of segmenter.segment(text)) {
    const w = part.segment;
    const key = keyOf(w);
    if (key === '') {
      if (texts.length) texts[texts.length - 1] += w;
      else lead += w;
      continue;
    }
    texts.push(lead + w);
    keys.push(key);
    lead = '';
  }
  if (lead) {
    texts.push(lead);
    keys.push('');
  }
  return { texts, keys };
}

/** Two words that compare equal but are written differently (width, spacing): the smallest exact difference. */
function pushSameWord(out: Segment[], o: string, n: string) {
  if (o === n) {
    push(out, 'equal', n);
    return;
  }
  const { prefix, suffix } = trimCommon(o, n);
  push(out, 'equal', n.slice(0, prefix));
  push(out, 'deleted', o.slice(prefix, o.length - suffix));
  push(out, 'inserted', n.slice(prefix, n.length - suffix));
  push(out, 'equal', n.slice(n.length - suffix));
}

/** Word-level diff of two stretches, pushed onto `out`; a coarse replacement once the deadline has passed. */
function diffWords(out: Segment[], oldPart: string, newPart: string, deadline: number) {
  if (!oldPart || !newPart) {
    push(out, 'deleted', oldPart);
    push(out, 'inserted', newPart);
    return;
  }
  const remaining = deadline - Date.now();
  const a = remaining > 0 ? wordsOf(oldPart) : null;
  const b = remaining > 0 ? wordsOf(newPart) : null;
  const changes = a && b ? diffArrays(a.keys, b.keys, { timeout: Math.max(1, deadline - Date.now()) }) : undefined;
  if (!a || !b || changes === undefined) {
    // jsdiff gave up (it returns undefined on timeout): one coarse but exact replacement of what
    // lies between the common start and end.
    const { prefix, suffix } = trimCommon(oldPart, newPart);
    push(out, 'equal', newPart.slice(0, prefix));
    push(out, 'deleted', oldPart.slice(prefix, oldPart.length - suffix));
    push(out, 'inserted', newPart.slice(prefix, newPart.length - suffix));
    push(out, 'equal', newPart.slice(newPart.length - suffix));
    return;
  }
  let i = 0;
  let j = 0;
  for (const c of changes) {
    if (c.added) {
      push(out, 'inserted', b.texts.slice(j, j + c.count).join(''));
      j += c.count;
    } else if (c.removed) {
      push(out, 'deleted', a.texts.slice(i, i + c.count).join(''));
      i += c.count;
    } else {
      for (let k = 0; k < c.count; k++) pushSameWord(out, a.texts[i + k]!, b.texts[j + k]!);
      i += c.count;
      j += c.count;
    }
  }
}

/**
 * Diffs two texts into readable spans.
 *
 * Speed: the common prefix and suffix are trimmed first (keeping a few words of context), long middles are
 * compared sentence by sentence, and only sentences that changed are split into words — segmenting
 * Japanese is the expensive part, and most of a revised provision is unchanged.
 *
 * @param opts.timeoutMs budget for the diff library (default 1,000 ms); past it the result is
 *   coarser but still exact.
 * @param opts.knownDifferent the caller has already found the texts different under comparableForm.
 */
export function diffTexts(oldText: string, newText: string, opts: { timeoutMs?: number; knownDifferent?: boolean } = {}): Segment[] {
  if (oldText === newText || (!opts.knownDifferent && sameComparableForm(oldText, newText))) {
    return newText ? [{ kind: 'equal', text: newText }] : [];
  }
  const deadline = Date.now() + (opts.timeoutMs ?? 1000);
  const common = trimCommon(oldText, newText);
  // Widen the differing middle by a few characters each side, so that word segmentation sees the
  // whole words around the change (the widening is equal on both sides and diffs as equal).
  let pre = Math.max(0, common.prefix - CONTEXT);
  if (pre > 0 && isLowSurrogate(newText.charCodeAt(pre))) pre--;
  let suf = Math.max(0, common.suffix - CONTEXT);
  if (suf > 0 && isLowSurrogate(newText.charCodeAt(newText.length - suf))) suf--;
  const newEnd = newText.length - suf;
  const oldMid = oldText.slice(pre, oldText.length - suf);
  const newMid = newText.slice(pre, newEnd);

  const raw: Segment[] = [];
  push(raw, 'equal', newText.slice(0, pre));
  const oldSentences = splitSentences(oldMid);
  const newSentences = splitSentences(newMid);
  const bySentence =
    oldSentences.length > 2 && newSentences.length > 2
      ? diffArrays(oldSentences, newSentences, { timeout: Math.max(1, deadline - Date.now()) })
      : undefined;
  if (!bySentence) {
    diffWords(raw, oldMid, newMid, deadline);
  } else {
    let del = '';
    let ins = '';
    for (const c of bySentence) {
      const text = c.value.join('');
      if (c.removed) del += text;
      else if (c.added) ins += text;
      else {
        if (del || ins) diffWords(raw, del, ins, deadline);
        del = '';
        ins = '';
        push(raw, 'equal', text);
      }
    }
    if (del || ins) diffWords(raw, del, ins, deadline);
  }
  push(raw, 'equal', newText.slice(newEnd));
  return mergeSegments(raw);
}

/** The old text a diff was made from (equal + deleted) and the new one (equal + inserted). */
export function sidesOf(segments: Segment[]): { oldText: string; newText: string } {
  let oldText = '';
  let newText = '';
  for (const s of segments) {
    if (s.kind !== 'inserted') oldText += s.text;
    if (s.kind !== 'deleted') newText += s.text;
  }
  return { oldText, newText };
}
