/**
 * The whole revision analysis, as a pure function: every provision of two editions classified as
 * new / removed / changed / unchanged (or unknown when an old text is not available), changed ones
 * diffed and tagged, recorded comparisons taken as printed, and each row tied to the checklist items
 * that cite its provisions (the impact, 図表1's チェックリスト column).
 */
import { compareProvisionCodes, isFiscCode } from '../../lib/provision-code.js';
import { comparableForm } from '../../lib/text.js';
import type { AnalysisRowData, ChangeKind, CitingItem, ProvisionVersion, RecordedRow, Segment } from './analysis.types.js';
import { diffTexts } from './diff.js';
import { compareRecordedWithComputed, parsePrintedText, plainText } from './printed.js';
import { revisionTag } from './tag.js';

export interface AnalyseInput {
  from: ProvisionVersion[] | null;
  to: ProvisionVersion[];
  /** Citing checklist items by provision code. */
  citations: Map<string, CitingItem[]>;
  recorded?: RecordedRow[];
  includeUnchanged?: boolean;
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
  if (!oldV) return { code, change: 'new', oldV, newV, segments: newV!.text ? [{ kind: 'inserted', text: newV!.text }] : [], tag: '新設' };
  if (!newV) return { code, change: 'removed', oldV, newV, segments: oldV.text ? [{ kind: 'deleted', text: oldV.text }] : [], tag: '廃止' };
  if (oldV.text === null || newV.text === null) return { code, change: 'unknown', oldV, newV, segments: [], tag: null };
  if (oldV.text === newV.text || comparableForm(oldV.text) === comparableForm(newV.text)) {
    return { code, change: 'unchanged', oldV, newV, segments: [{ kind: 'equal', text: newV.text }], tag: null };
  }
  const segments = diffTexts(oldV.text, newV.text, { knownDifferent: true });
  return { code, change: 'changed', oldV, newV, segments, tag: revisionTag('changed', segments) };
}

function labelOf(codes: string[], versions: (ProvisionVersion | undefined)[]): string {
  return codes
    .map((code, i) => {
      const title = versions[i]?.title;
      return isFiscCode(code) && title ? `${code} ${title}` : code;
    })
    .join('、');
}

function itemsOf(codes: string[], citations: Map<string, CitingItem[]>): CitingItem[] {
  const seen = new Set<string>();
  const out: CitingItem[] = [];
  for (const code of codes) {
    for (const it of citations.get(code) ?? []) {
      const key = `${it.number}|${it.provisionCode}|${it.subPart ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(it);
    }
  }
  return out.sort((a, b) => a.number - b.number);
}

export function analyse(input: AnalyseInput): { rows: AnalysisRowData[]; counts: Record<ChangeKind, number> } {
  const fromList = input.from ?? [];
  const oldBy = new Map(fromList.map((p) => [p.code, p]));
  const newBy = new Map(input.to.map((p) => [p.code, p]));
  const counts: Record<ChangeKind, number> = { new: 0, removed: 0, changed: 0, unchanged: 0, unknown: 0 };

  // Where a row sits: its place in the new edition; a removed provision sits after its predecessor
  // (by code for FISC codes, by document order otherwise).
  const toSorted = [...input.to].sort((a, b) => a.position - b.position);
  const toFisc = toSorted.filter((p) => isFiscCode(p.code));
  const fromSorted = [...fromList].sort((a, b) => a.position - b.position);
  const removedKey = (code: string): number => {
    if (isFiscCode(code)) {
      // Binary search would do; editions are small enough for a linear scan per removed provision.
      let pos = -1;
      for (const p of toFisc) if (compareProvisionCodes(p.code, code) < 0) pos = p.position;
      return pos + 0.5;
    }
    const idx = fromSorted.findIndex((p) => p.code === code);
    for (let k = idx - 1; k >= 0; k--) {
      const kept = newBy.get(fromSorted[k]!.code);
      if (kept) return kept.position + 0.5;
    }
    return -0.5;
  };
  const placeOf = (code: string) => (newBy.has(code) ? newBy.get(code)!.position : removedKey(code));

  const recordedBy = new Map<string, RecordedRow>();
  for (const r of input.recorded ?? []) for (const code of r.provisions) if (!recordedBy.has(code)) recordedBy.set(code, r);

  const codes: string[] = [...input.to.map((p) => p.code), ...fromList.filter((p) => !newBy.has(p.code)).map((p) => p.code)];
  const pending: { place: number; tie: number; row: Omit<AnalysisRowData, 'position'> }[] = [];
  const doneRecorded = new Set<RecordedRow>();

  codes.forEach((code, tie) => {
    const c = classify(code, oldBy.get(code), newBy.get(code));
    const rec = recordedBy.get(code);
    if (rec) {
      const recChange: ChangeKind = rec.tag.replace(/\s/g, '') === '新設' ? 'new' : rec.tag.replace(/\s/g, '') === '廃止' ? 'removed' : 'changed';
      counts[recChange]++;
      if (doneRecorded.has(rec)) return;
      doneRecorded.add(rec);
      const segments = parsePrintedText(rec.printedText);
      const computed = rec.provisions.map((pc) => (pc === code ? c : classify(pc, oldBy.get(pc), newBy.get(pc))));
      const comparable = computed.filter((x) => x.change === 'changed' || x.change === 'new' || x.change === 'removed' || x.change === 'unchanged');
      let disagreement: string | null = null;
      for (const x of comparable) {
        const d = compareRecordedWithComputed(rec, x.segments, x.tag);
        if (d) disagreement = disagreement ? `${disagreement}; ${x.code}: ${d}` : rec.provisions.length > 1 ? `${x.code}: ${d}` : d;
      }
      pending.push({
        place: placeOf(code),
        tie,
        row: {
          provisionCodes: rec.provisions,
          provisionLabel: rec.label ?? labelOf(rec.provisions, rec.provisions.map((pc) => newBy.get(pc) ?? oldBy.get(pc))),
          change: recChange,
          tag: rec.tag,
          oldText: c.oldV?.text ?? null,
          newText: plainText(segments),
          segments,
          source: comparable.length ? 'both' : 'recorded',
          disagreement,
          items: itemsOf(rec.provisions, input.citations),
          summary: rec.summary ?? null,
        },
      });
      return;
    }
    counts[c.change]++;
    if (c.change === 'unchanged' && !input.includeUnchanged) return;
    if (c.change === 'unknown') return;
    pending.push({
      place: placeOf(code),
      tie,
      row: {
        provisionCodes: [code],
        provisionLabel: labelOf([code], [c.newV ?? c.oldV]),
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
  });

  pending.sort((a, b) => a.place - b.place || a.tie - b.tie);
  return { rows: pending.map((p, position) => ({ position, ...p.row })), counts };
}
