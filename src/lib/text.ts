/** Japanese text helpers. Prose is kept as written (NFC only); comparison ignores form. */

export function normalizeProse(s: string): string {
  return s.normalize('NFC');
}

/**
 * The form used to decide whether two texts differ at all: a change of whitespace or of
 * full/half-width form alone is not a revision.
 */
export function comparableForm(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '');
}
