/**
 * FISC revision tags (改訂区分): 新設 for a new provision, 廃止 for a removed one, otherwise
 * 【下線部追加】 (only insertions), 【下線部削除】 (only deletions), 【下線部変更】 (a deletion replaced
 * by an insertion at the same place), and combinations in the order 追加・変更・削除.
 *
 * @example
 * revisionTag('changed', [{ kind: 'equal', text: '利用者の' }, { kind: 'deleted', text: 'スマートフォン' },
 *   { kind: 'inserted', text: 'スマートデバイス' }]) // '【下線部変更】'
 * parseRevisionTag('【 下線部変更・削除 】') // { added: false, changed: true, deleted: true }
 */
import { comparableForm } from '../../lib/text.js';
import type { ChangeKind, RevisionTag, Segment } from './analysis.types.js';
import { placeChange } from './diff.js';

export interface TagParts {
  added: boolean;
  changed: boolean;
  deleted: boolean;
}

/** The printed tag for some kinds of change, in FISC's order 追加・変更・削除; null for none. */
export function formatTag(parts: TagParts): RevisionTag | null {
  const names = [parts.added && '追加', parts.changed && '変更', parts.deleted && '削除'].filter(Boolean);
  return names.length ? `【下線部${names.join('・')}】` : null;
}

/**
 * What kinds of change a diff holds. A place is a run of deleted and inserted (or underlined)
 * segments, possibly with white space between them; a place that deletes and inserts is a 変更.
 * Spans that only change white space or full/half-width form do not count.
 */
export function tagPartsOf(segments: Segment[]): TagParts {
  const parts: TagParts = { added: false, changed: false, deleted: false };
  let i = 0;
  while (i < segments.length) {
    if (segments[i]!.kind === 'equal') {
      i++;
      continue;
    }
    let del = '';
    let ins = '';
    let j = i;
    for (; j < segments.length; j++) {
      const s = segments[j]!;
      if (s.kind === 'equal') {
        // White space between a deletion and an insertion keeps them at the same place.
        if (comparableForm(s.text) !== '') break;
      } else if (s.kind === 'deleted') del += s.text;
      else ins += s.text;
    }
    const change = placeChange(del, ins);
    if (change) parts[change] = true;
    i = j;
  }
  return parts;
}

/** The tag of one provision's revision; null when it is unchanged or not known. */
export function revisionTag(change: ChangeKind, segments: Segment[]): RevisionTag | null {
  if (change === 'new') return '新設';
  if (change === 'removed') return '廃止';
  if (change !== 'changed') return null;
  return formatTag(tagPartsOf(segments));
}

const OPEN = '【[〔(「<〈《';
const CLOSE = '】]〕)」>〉》';

/**
 * Reads a tag as printed or typed: 「【 下線部変更・削除 】」, 「［下線部追加］」, 「〔下線部追加、削除〕」,
 * 新設, 廃止. Spaces, width and the kind of brackets do not matter; the order of the kinds does not
 * either. Anything else is null.
 */
export function parseRevisionTag(tag: string): TagParts | '新設' | '廃止' | null {
  let t = tag.normalize('NFKC').replace(/\s+/g, '');
  if (t.length >= 2 && OPEN.includes(t[0]!) && CLOSE.indexOf(t[t.length - 1]!) === OPEN.indexOf(t[0]!)) t = t.slice(1, -1);
  if (t === '新設') return '新設';
  if (t === '廃止') return '廃止';
  if (!t.startsWith('下線部')) return null;
  const names = t.slice('下線部'.length).split(/[・·,、/]/);
  if (!names.length || !names.every((n) => n === '追加' || n === '変更' || n === '削除')) return null;
  return { added: names.includes('追加'), changed: names.includes('変更'), deleted: names.includes('削除') };
}

/** Whether two printed tags say the same (spacing, brackets and order aside); null only equals null. */
export function sameTag(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  const pa = parseRevisionTag(a);
  const pb = parseRevisionTag(b);
  if (pa === null || pb === null) return false;
  if (typeof pa === 'string' || typeof pb === 'string') return pa === pb;
  return pa.added === pb.added && pa.changed === pb.changed && pa.deleted === pb.deleted;
}
