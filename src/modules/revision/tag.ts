/**
 * FISC revision tags (改訂区分): 新設 for a new provision, 廃止 for a removed one, otherwise
 * 【下線部追加】 (only insertions), 【下線部削除】 (only deletions), 【下線部変更】 (a deletion replaced
 * by an insertion at the same place), and combinations in the order 追加・変更・削除.
 */
import { comparableForm } from '../../lib/text.js';
import type { ChangeKind, RevisionTag, Segment } from './analysis.types.js';

export interface TagParts {
  added: boolean;
  changed: boolean;
  deleted: boolean;
}

export function formatTag(parts: TagParts): RevisionTag | null {
  const names = [parts.added && '追加', parts.changed && '変更', parts.deleted && '削除'].filter(Boolean);
  return names.length ? `【下線部${names.join('・')}】` : null;
}

/** What kinds of change a diff holds; white-space-only or width-only spans do not count. */
export function tagPartsOf(segments: Segment[]): TagParts {
  const parts: TagParts = { added: false, changed: false, deleted: false };
  let i = 0;
  const significant = (s: Segment) => s.kind !== 'equal' && comparableForm(s.text) !== '';
  while (i < segments.length) {
    if (!significant(segments[i]!)) {
      i++;
      continue;
    }
    // A place: consecutive changed segments, bridging white space that is not itself significant.
    let hasDel = false;
    let hasIns = false;
    let j = i;
    while (j < segments.length) {
      const s = segments[j]!;
      if (s.kind === 'equal' && comparableForm(s.text) !== '') break;
      if (significant(s)) {
        if (s.kind === 'deleted') hasDel = true;
        if (s.kind === 'inserted' || s.kind === 'underlined') hasIns = true;
      }
      j++;
    }
    if (hasDel && hasIns) parts.changed = true;
    else if (hasIns) parts.added = true;
    else if (hasDel) parts.deleted = true;
    i = j;
  }
  return parts;
}

export function revisionTag(change: ChangeKind, segments: Segment[]): RevisionTag | null {
  if (change === 'new') return '新設';
  if (change === 'removed') return '廃止';
  if (change !== 'changed') return null;
  return formatTag(tagPartsOf(segments));
}

/** Reads a tag as printed (「【 下線部変更・削除 】」, 「[下線部追加]」, 新設 …). */
export function parseRevisionTag(tag: string): TagParts | '新設' | '廃止' | null {
  const t = tag.normalize('NFKC').replace(/\s+/g, '');
  if (t === '新設') return '新設';
  if (t === '廃止') return '廃止';
  const m = /^[【\[]?下線部([追加変更削除・,、]+)[】\]]?$/.exec(t);
  if (!m) return null;
  const names = m[1]!.split(/[・,、]/).filter(Boolean);
  if (!names.every((n) => n === '追加' || n === '変更' || n === '削除')) return null;
  return { added: names.includes('追加'), changed: names.includes('変更'), deleted: names.includes('削除') };
}

export function sameTag(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  const pa = parseRevisionTag(a);
  const pb = parseRevisionTag(b);
  if (pa === null || pb === null) return false;
  return JSON.stringify(pa) === JSON.stringify(pb);
}
