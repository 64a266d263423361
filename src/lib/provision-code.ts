/**
 * Provision codes (基準番号).
 *
 * FISC codes are 統 / 実 / 設 / 監 plus a number and optional branch numbers (実14-1, 実103-1).
 * English sources write them C / P / F / A. Third-party text writes them loosely ("実 103 - 1",
 * "実１４", "実 8.") — every input goes through {@link normalizeProvisionCode}.
 *
 * @example
 * normalizeProvisionCode('実 103 - 1') // '実103-1'
 * normalizeProvisionCode('C14')        // '統14'
 * normalizeProvisionCode('3.用語の解説 (2)  金融機関') // '3.用語の解説(2) 金融機関'
 */

const LETTER_TO_PREFIX: Record<string, string> = { C: '統', P: '実', F: '設', A: '監' };
const FISC_PREFIX_ORDER = ['統', '実', '設', '監'];
const FISC_CODE = /^([統実設監])(\d+)((?:-\d+)*)$/;

/** Characters next to which whitespace is dropped inside a code. */
const TIGHT = /[0-9().\-]/;

export function normalizeProvisionCode(input: string): string {
  let s = input.normalize('NFKC');
  // NFKC keeps some dash look-alikes; fold them to '-'.
  s = s.replace(/[‐‑‒–—―−ー－]/g, (ch, offset: number, all: string) => {
    // Keep the long-vowel mark ー inside words (e.g. サービス), fold it only between digits/spaces.
    if (ch === 'ー') {
      const prev = all.slice(0, offset).trimEnd().slice(-1);
      const next = all.slice(offset + 1).trimStart().slice(0, 1);
      return /\d/.test(prev) && /\d/.test(next) ? '-' : ch;
    }
    return '-';
  });
  s = s.replace(/\s+/g, ' ').trim();
  // Drop spaces that touch digits or code punctuation; keep a single space between words
  // (the space in "3.用語の解説(2) 金融機関" separates a heading from a term, after ')').
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === ' ') {
      const prev = out.slice(-1);
      const next = s[i + 1] ?? '';
      const prevTight = TIGHT.test(prev) && prev !== ')';
      const nextTight = TIGHT.test(next);
      if (prevTight || nextTight) continue;
      out += ch;
    } else {
      out += ch;
    }
  }
  s = out;
  const letter = /^([CPFA])(\d+(?:-\d+)*)\.?$/.exec(s);
  if (letter) s = LETTER_TO_PREFIX[letter[1]!]! + letter[2]!;
  // "実8." as printed in lists: a trailing period after a FISC code is punctuation, not part of it.
  const trailing = /^([統実設監]\d+(?:-\d+)*)\.$/.exec(s);
  if (trailing) s = trailing[1]!;
  return s;
}

/** True when the code is a numbered FISC code such as 統14 or 実103-1. */
export function isFiscCode(code: string): boolean {
  return FISC_CODE.test(code);
}

/**
 * A sort key that orders FISC codes by prefix (統, 実, 設, 監), number, then branch numbers, so that
 * 実14 < 実14-1 < 実15. Codes that are not FISC codes sort before them, by their own text; callers that
 * know the document order of un-numbered provisions should sort by position first.
 */
export function provisionSortKey(code: string): string {
  const m = FISC_CODE.exec(code);
  if (!m) return `0|${code}`;
  const prefix = FISC_PREFIX_ORDER.indexOf(m[1]!);
  const parts = [m[2]!, ...m[3]!.split('-').filter(Boolean)].map((n) => n.padStart(6, '0'));
  return `1|${prefix}|${parts.join('.')}`;
}

export function compareProvisionCodes(a: string, b: string): number {
  const ka = provisionSortKey(a);
  const kb = provisionSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
