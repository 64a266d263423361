/**
 * A Japanese-aware diff merged into readable spans. Texts are split into words with
 * Intl.Segmenter('ja') (Japanese has no spaces), diffed with jsdiff, and the result is merged so that
 * a rewritten phrase is one deleted span followed by one inserted span rather than a scatter of
 * single characters.
 *
 * @example
 * diffTexts('運用状況の監視を行う', '運転状況監視を行う')
 * // [{ kind: 'deleted', text: '運用状況の監視' }, { kind: 'inserted', text: '運転状況監視' }, { kind: 'equal', text: 'を行う' }]
 */
import { diffArrays } from 'diff';
import { comparableForm } from '../../lib/text.js';
import type { Segment } from './analysis.types.js';

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

export function tokenize(s: string): string[] {
  const out: string[] = [];
  for (const part of segmenter.segment(s)) out.push(part.segment);
  return out;
}

/** Tokens compare equal when they differ only in width or whitespace. */
const tokenKey = (t: string) => t.normalize('NFKC').replace(/\s+/g, ' ');

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // Do not split a surrogate pair.
  if (i > 0 && i < n && a.charCodeAt(i - 1) >= 0xd800 && a.charCodeAt(i - 1) <= 0xdbff) i--;
  return i;
}

function commonSuffix(a: string, b: string, prefix: number): number {
  const n = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  if (i > 0 && i < n) {
    const c = a.charCodeAt(a.length - i);
    if (c >= 0xdc00 && c <= 0xdfff) i--;
  }
  return i;
}

/**
 * Backs a trimmed prefix off to a word boundary so that the diff of the middle starts at a word, not
 * inside one (「監視」→「監査」 should read as 視→査 within a word only when nothing better exists).
 */
function backOffToBoundary(text: string, at: number): number {
  if (at === 0 || at >= text.length) return at;
  let last = 0;
  for (const part of segmenter.segment(text.slice(Math.max(0, at - 40), at + 1))) {
    const abs = Math.max(0, at - 40) + part.index;
    if (abs <= at) last = abs;
  }
  return last;
}

function push(out: Segment[], kind: Segment['kind'], text: string) {
  if (!text) return;
  const prev = out[out.length - 1];
  if (prev && prev.kind === kind) prev.text += text;
  else out.push({ kind, text });
}

/** An equal run short enough to be swallowed into a surrounding rewrite. */
function isGlue(text: string): boolean {
  const t = comparableForm(text);
  return t.length <= 2 || /^[\p{P}\p{S}]+$/u.test(t);
}

/**
 * Merges raw diff segments: within a run of changes separated only by short equal "glue", when the
 * run has both deletions and insertions it becomes one deleted span followed by one inserted span.
 * Runs of only insertions (or only deletions) keep their glue, so that 追加 stays 追加.
 */
export function mergeSegments(raw: Segment[]): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  while (i < raw.length) {
    const s = raw[i]!;
    if (s.kind === 'equal') {
      push(out, 'equal', s.text);
      i++;
      continue;
    }
    // Extend the run while the next equal is glue followed by another change.
    let j = i;
    for (;;) {
      if (j + 1 < raw.length && raw[j + 1]!.kind !== 'equal') j++;
      else if (j + 2 < raw.length && raw[j + 2]!.kind !== 'equal' && isGlue(raw[j + 1]!.text)) j += 2;
      else break;
    }
    const run = raw.slice(i, j + 1);
    const hasDel = run.some((r) => r.kind === 'deleted');
    const hasIns = run.some((r) => r.kind === 'inserted');
    if (hasDel && hasIns) {
      let del = '';
      let ins = '';
      for (const r of run) {
        if (r.kind !== 'inserted') del += r.text;
        if (r.kind !== 'deleted') ins += r.text;
      }
      push(out, 'deleted', del);
      push(out, 'inserted', ins);
    } else {
      for (const r of run) push(out, r.kind, r.text);
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
    const ch = text[i];
    if (ch === '。' || ch === '\n') {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** Word-level diff of two stretches (already known to differ), pushed onto `out`. */
function diffWords(out: Segment[], oldMid: string, newMid: string, timeoutMs: number) {
  if (!oldMid || !newMid) {
    push(out, 'deleted', oldMid);
    push(out, 'inserted', newMid);
    return;
  }
  const changes = diffArrays(tokenize(oldMid), tokenize(newMid), {
    comparator: (a: string, b: string) => a === b || tokenKey(a) === tokenKey(b),
    timeout: timeoutMs,
  });
  if (changes === undefined) {
    // jsdiff gave up (timeout): one coarse but correct replacement of the differing stretch.
    push(out, 'deleted', oldMid);
    push(out, 'inserted', newMid);
    return;
  }
  for (const c of changes) push(out, c.added ? 'inserted' : c.removed ? 'deleted' : 'equal', c.value.join(''));
}

/**
 * Diffs two texts. Long texts are compared sentence by sentence first, and only the sentences that
 * changed are split into words: segmenting Japanese is the expensive part, and most of a revised
 * provision is unchanged.
 */
export function diffTexts(oldText: string, newText: string, opts: { timeoutMs?: number; knownDifferent?: boolean } = {}): Segment[] {
  if (oldText === newText || (!opts.knownDifferent && comparableForm(oldText) === comparableForm(newText))) {
    return newText ? [{ kind: 'equal', text: newText }] : [];
  }
  let pre = commonPrefix(oldText, newText);
  pre = backOffToBoundary(newText, pre);
  const suf = commonSuffix(oldText, newText, pre);
  const oldMid = oldText.slice(pre, oldText.length - suf);
  const newMid = newText.slice(pre, newText.length - suf);

  const timeoutMs = opts.timeoutMs ?? 2000;
  const raw: Segment[] = [];
  if (pre) raw.push({ kind: 'equal', text: newText.slice(0, pre) });
  const oldSentences = splitSentences(oldMid);
  const newSentences = splitSentences(newMid);
  const bySentence =
    oldSentences.length > 2 && newSentences.length > 2
      ? diffArrays(oldSentences, newSentences, { comparator: (a: string, b: string) => a === b || tokenKey(a) === tokenKey(b), timeout: timeoutMs })
      : undefined;
  if (!bySentence) {
    diffWords(raw, oldMid, newMid, timeoutMs);
  } else {
    let del = '';
    let ins = '';
    const flush = () => {
      if (del || ins) diffWords(raw, del, ins, timeoutMs);
      del = '';
      ins = '';
    };
    for (const c of bySentence) {
      if (c.removed) del += c.value.join('');
      else if (c.added) ins += c.value.join('');
      else {
        flush();
        push(raw, 'equal', c.value.join(''));
      }
    }
    flush();
  }
  if (suf) push(raw, 'equal', newText.slice(newText.length - suf));
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
