/**
 * The whole revision analysis, as a pure function: every provision of two editions classified as
 * new / removed / changed / unchanged (or unknown when a text is not available), changed ones diffed
 * and tagged, comparisons recorded as printed taken as the row (and checked against the computed one
 * when both exist), and each row tied to the checklist items citing its provisions (the impact,
 * 図表1's チェックリスト column).
 *
 * Everything is looked up through maps built once, so the analysis stays linear in the number of
 * provisions apart from the diffs themselves.
 */
import { isFiscCode, provisionSortKey } from '../../lib/provision-code.js';
import type { AnalysisRowData, ChangeKind, CitingItem, ProvisionVersion, RecordedRow, Segment } from './analysis.types.js';
import { diffTexts, sameComparableForm } from './diff.js';
import { compareRecordedWithComputed, parsePrintedText, plainText } from './printed.js';
import { parseRevisionTag, revisionTag } from './tag.js';

export interface AnalyseInput {
  /** The earlier edition; null for a first edition (every provision is then new). */
  from: ProvisionVersion[] | null;
  to: ProvisionVersion[];
  /** Citing checklist items by provision code. */
  citations: Map<string, CitingItem[]>;
  /** A comparison recorded as printed (図表1 / 新旧対照表); each row covers one or more codes. */
  recorded?: RecordedRow[];
  /** Also list unchanged provisions (they are always counted). */
  includeUnchanged?: boolean;
  /**
   * Also list provisions whose old or new text is not available. Off by default: an edition known
   * only by its headings would otherwise fill the table with rows that say nothing (they are counted).
   */
  includeUnknown?: boolean;
}

export interface AnalyseResult {
  rows: AnalysisRowData[];
  /** Every provision code counted once, including unchanged and unknown ones. */
  counts: Record<ChangeKind, number>;
}

interface Classified {
  code: string;
  change: ChangeKind;
  oldV: ProvisionVersion | undefined;
  newV: ProvisionVersion | undefined;
  segments: Segment[];
  tag: string | null;
}

function classify(code: string, oldV: ProvisionVersion | undefined, newV: ProvisionVersion | undefined): Classified {
  if (!oldV && !newV) return { code, change: 'unknown', oldV, newV, segments: [], tag: null };
  if (!oldV) return { code, change: 'new', oldV, newV, segments: newV!.text ? [{ kind: 'inserted', text: newV!.text }] : [], tag: '新設' };
  if (!newV) return { code, change: 'removed', oldV, newV, segments: oldV.text ? [{ kind: 'deleted', text: oldV.text }] : [], tag: '廃止' };
  if (oldV.text === null || newV.text === null) {
    return { code, change: 'unknown', oldV, newV, segments: newV.text ? [{ kind: 'equal', text: newV.text }] : [], tag: null };
  }
  if (sameComparableForm(oldV.text, newV.text)) {
    return { code, change: 'unchanged', oldV, newV, segments: newV.text ? [{ kind: 'equal', text: newV.text }] : [], tag: null };
  }
  const segments = diffTexts(oldV.text, newV.text, { knownDifferent: true });
  return { code, change: 'changed', oldV, newV, segments, tag: revisionTag('changed', segments) };
}

/** 図表1's 安全対策基準 column: `統14 セキュリティ教育を行うこと。`; other codes as they are. */
function labelOf(codes: string[], versionOf: (code: string) => ProvisionVersion | undefined): string {
  return codes
    .map((code) => {
      const title = versionOf(code)?.title;
      return isFiscCode(code) && title ? `${code} ${title}` : code;
    })
    .join('、');
}

/** The items citing any of the codes, by item number, each (number, provision, sub-part) once. */
function itemsOf(codes: string[], citations: Map<string, CitingItem[]>): CitingItem[] {
  const seen = new Set<string>();
  const out: CitingItem[] = [];
  for (const code of codes) {
    for (const it of citations.get(code) ?? []) {
      const key = `${it.number}\u0000${it.provisionCode}\u0000${it.subPart ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(it);
    }
  }
  // Stable: items with the same number keep the order of the row's codes.
  return out.sort((a, b) => a.number - b.number);
}

function recordedChange(tag: string): ChangeKind {
  const parsed = parseRevisionTag(tag);
  return parsed === '新設' ? 'new' : parsed === '廃止' ? 'removed' : 'changed';
}

/**
 * Where each row sits, as a number: a provision of the new edition at its index there; a removed one
 * just after its predecessor (the nearest earlier provision of the old edition that is still there) —
 * and, when new provisions were added in the same gap and codes there are in code order, among them by
 * its code, so that a removed 実2 follows a new 実1.
 */
function placesOf(fromSorted: ProvisionVersion[], toSorted: ProvisionVersion[], toIndex: Map<string, number>): Map<string, number> {
  const place = new Map<string, number>();
  toSorted.forEach((p, i) => place.set(p.code, i));
  if (!fromSorted.length) return place;
  const keys = toSorted.map((p) => provisionSortKey(p.code));
  // sortedUntil[i]: the last index j ≥ i such that keys[i..j] is in code order.
  const sortedUntil = new Array<number>(keys.length);
  for (let i = keys.length - 1; i >= 0; i--) {
    sortedUntil[i] = i + 1 < keys.length && keys[i]! <= keys[i + 1]! ? sortedUntil[i + 1]! : i;
  }
  // The kept neighbours of each old provision, in new-edition indices.
  const pred = new Array<number>(fromSorted.length);
  const succ = new Array<number>(fromSorted.length);
  let last = -1;
  for (let k = 0; k < fromSorted.length; k++) {
    pred[k] = last;
    const i = toIndex.get(fromSorted[k]!.code);
    if (i !== undefined) last = i;
  }
  let next = toSorted.length;
  for (let k = fromSorted.length - 1; k >= 0; k--) {
    succ[k] = next;
    const i = toIndex.get(fromSorted[k]!.code);
    if (i !== undefined) next = i;
  }
  fromSorted.forEach((p, k) => {
    if (toIndex.has(p.code)) return;
    let at = pred[k]!;
    const lo = at + 1;
    const hi = succ[k]! - 1;
    if (isFiscCode(p.code) && lo <= hi && sortedUntil[lo]! >= hi) {
      // Binary search the gap for the last provision whose code sorts before the removed one.
      const key = provisionSortKey(p.code);
      let a = lo;
      let b = hi + 1;
      while (a < b) {
        const m = (a + b) >> 1;
        if (keys[m]! < key) a = m + 1;
        else b = m;
      }
      at = a - 1;
    }
    // Several removed provisions at one place keep their old order (rows are sorted stably by it).
    place.set(p.code, at + 0.5);
  });
  return place;
}

/**
 * Compares two editions.
 *
 * A recorded row is the row for all its codes, as printed. Its source is 'both' when at least one of
 * its codes can also be compared from the texts (both texts known — changed or not — or a provision
 * only in one edition); `disagreement` then says what differs, or is null when they agree.
 *
 * @example
 * const { rows, counts } = analyse({ from: edition11, to: edition12, citations, recorded });
 * rows[0] // { provisionCodes: ['統14'], change: 'changed', tag: '【下線部追加】', segments: [...], items: [...] }
 */
export function analyse(input: AnalyseInput): AnalyseResult {
  const fromSorted = [...(input.from ?? [])].sort((a, b) => a.position - b.position);
  const toSorted = [...input.to].sort((a, b) => a.position - b.position);
  const oldBy = new Map(fromSorted.map((p) => [p.code, p]));
  const newBy = new Map(toSorted.map((p) => [p.code, p]));
  const toIndex = new Map(toSorted.map((p, i) => [p.code, i]));
  const place = placesOf(fromSorted, toSorted, toIndex);
  const versionOf = (code: string) => newBy.get(code) ?? oldBy.get(code);
  const counts: Record<ChangeKind, number> = { new: 0, removed: 0, changed: 0, unchanged: 0, unknown: 0 };

  // A code belongs to the first recorded row that names it.
  const recordedBy = new Map<string, RecordedRow>();
  for (const r of input.recorded ?? []) for (const code of r.provisions) if (!recordedBy.has(code)) recordedBy.set(code, r);

  const pending: { place: number; tie: number; row: Omit<AnalysisRowData, 'position'> }[] = [];
  let tie = 0;

  for (const code of [...toSorted.map((p) => p.code), ...fromSorted.filter((p) => !newBy.has(p.code)).map((p) => p.code)]) {
    tie++;
    if (recordedBy.has(code)) continue;
    const c = classify(code, oldBy.get(code), newBy.get(code));
    counts[c.change]++;
    if (c.change === 'unchanged' && !input.includeUnchanged) continue;
    if (c.change === 'unknown' && !input.includeUnknown) continue;
    pending.push({
      place: place.get(code)!,
      tie,
      row: {
        provisionCodes: [code],
        provisionLabel: labelOf([code], versionOf),
        change: c.change,
        tag: c.tag,
        oldText: c.oldV?.text ?? null,
        newText: c.newV?.text ?? null,
        segments: c.segments,
        source: 'computed',
        disagreement: null,
        items: itemsOf([code], input.citations),
        summary: null,
      },
    });
  }

  const seenRecorded = new Set<RecordedRow>();
  for (const rec of input.recorded ?? []) {
    tie++;
    if (seenRecorded.has(rec)) continue;
    seenRecorded.add(rec);
    const codes = [...new Set(rec.provisions)].filter((code) => recordedBy.get(code) === rec);
    if (!codes.length) continue;
    const change = recordedChange(rec.tag);
    for (const _ of codes) counts[change]++;
    const segments = parsePrintedText(rec.printedText);
    // Check the printed row against what the texts say, wherever both texts (or a new or removed
    // provision) make a computed comparison possible.
    let compared = false;
    const problems: string[] = [];
    const oldTexts: string[] = [];
    for (const code of codes) {
      const oldText = oldBy.get(code)?.text;
      if (oldText) oldTexts.push(oldText);
      const c = classify(code, oldBy.get(code), newBy.get(code));
      if (c.change === 'unknown') continue;
      compared = true;
      const d = compareRecordedWithComputed(rec, c.segments, c.tag);
      if (d) problems.push(codes.length > 1 ? `${code}: ${d}` : d);
    }
    const first = codes.find((code) => place.has(code));
    pending.push({
      place: first === undefined ? Number.POSITIVE_INFINITY : place.get(first)!,
      tie,
      row: {
        provisionCodes: rec.provisions,
        provisionLabel: rec.label ?? labelOf(rec.provisions, versionOf),
        change,
        tag: rec.tag,
        oldText: oldTexts.length ? oldTexts.join('\n') : null,
        newText: plainText(segments),
        segments,
        source: compared ? 'both' : 'recorded',
        disagreement: problems.length ? problems.join('\n') : null,
        items: itemsOf(rec.provisions, input.citations),
        summary: rec.summary ?? null,
      },
    });
  }

  pending.sort((a, b) => a.place - b.place || a.tie - b.tie);
  return { rows: pending.map((p, position) => ({ position, ...p.row })), counts };
}
