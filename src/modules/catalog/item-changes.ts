/**
 * Which checklist items a new edition adds, changes or removes, and which of their fields changed.
 * Items are matched by number (the checklist keeps an item's number across editions). The pure
 * {@link diffChecklistItems} decides; {@link compareChecklistEditions} loads two editions and calls it.
 * The assessment module uses the result to ask connectors again only about changed items.
 */
import type { Executor } from '../../db/database.js';
import { invalid } from '../../lib/errors.js';
import { normalizeProvisionCode } from '../../lib/provision-code.js';
import { listChecklistItems, requireRuleSet } from './read-catalog.js';

/** What the diff reads of an item: the catalog's read model and the interchange format both fit. */
export interface ComparableItem {
  number: number;
  category: string;
  text?: string | null | undefined;
  objective?: string | null | undefined;
  guidance?: string | null | undefined;
  subjectParty?: string | null | undefined;
  appliesTo?: readonly string[] | null | undefined;
  references?: readonly { ruleSet: string; provision: string; subPart?: string | null | undefined }[] | undefined;
  remarks?: string | null | undefined;
}

export type ItemField = 'text' | 'objective' | 'guidance' | 'category' | 'subjectParty' | 'appliesTo' | 'references' | 'remarks';

/** The fields compared, in the order `fields` lists them. */
export const ITEM_FIELDS: readonly ItemField[] = ['text', 'objective', 'guidance', 'category', 'subjectParty', 'appliesTo', 'references', 'remarks'];

export type ItemChangeKind = 'added' | 'changed' | 'removed' | 'unchanged';

export interface ItemChange {
  number: number;
  change: ItemChangeKind;
  /** The fields that differ (for 'changed'); empty otherwise. */
  fields: ItemField[];
}

/** CJK ideographs, kana, full-width forms and Japanese punctuation: no word spaces next to them. */
const WIDE = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * The form in which two wordings are compared: NFC, runs of white space (line breaks too) as one
 * space, none at the ends, and none next to Japanese characters — a space there is layout (a PDF
 * extraction, a wrapped cell), not wording. Empty and missing are the same.
 *
 * @example
 * comparableWording(' APIの通信を TLS で\n暗号化 ') // 'APIの通信をTLSで暗号化'
 * comparableWording('OAuth 2.0')                   // 'OAuth 2.0'
 */
export function comparableWording(s: string | null | undefined): string {
  if (!s) return '';
  const t = s.normalize('NFC').replace(/\s+/g, ' ').trim();
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (ch === ' ' && (WIDE.test(out.slice(-1)) || WIDE.test(t[i + 1] ?? ''))) continue;
    out += ch;
  }
  return out;
}

function comparable(item: ComparableItem, field: ItemField): string {
  switch (field) {
    case 'appliesTo':
      return [...new Set(item.appliesTo ?? [])].sort().join(',');
    case 'references':
      // A cross-reference is a link, not prose: the set of links counts, not the order they are printed in.
      return [
        ...new Set(
          (item.references ?? []).map((r) => `${r.ruleSet}\u0000${normalizeProvisionCode(r.provision)}\u0000${(r.subPart ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim()}`),
        ),
      ]
        .sort()
        .join('\u0001');
    default:
      return comparableWording(item[field]);
  }
}

/**
 * One row per item number found in either list, in number order.
 *
 * @example
 * diffChecklistItems([{ number: 1, category: 'A', text: '…か。' }], [{ number: 1, category: 'A', text: '…か。' }, { number: 2, category: 'A' }])
 * // [{ number: 1, change: 'unchanged', fields: [] }, { number: 2, change: 'added', fields: [] }]
 */
export function diffChecklistItems(oldItems: readonly ComparableItem[], newItems: readonly ComparableItem[]): ItemChange[] {
  const before = new Map(oldItems.map((i) => [i.number, i]));
  const after = new Map(newItems.map((i) => [i.number, i]));
  const numbers = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => a - b);
  return numbers.map((number) => {
    const o = before.get(number);
    const n = after.get(number);
    if (!o) return { number, change: 'added', fields: [] };
    if (!n) return { number, change: 'removed', fields: [] };
    const fields = ITEM_FIELDS.filter((f) => comparable(o, f) !== comparable(n, f));
    return { number, change: fields.length ? 'changed' : 'unchanged', fields };
  });
}

/**
 * The item changes from one edition of a checklist to another, with each item as it was and as it
 * is (null where absent), and counts per kind of change.
 *
 * @throws AppError `catalog.rule_set_not_found`, `catalog.edition_not_found`, `catalog.not_a_checklist`.
 */
export async function compareChecklistEditions(args: { trx: Executor; ruleSet: string; from: string; to: string }) {
  const rs = await requireRuleSet(args.trx, args.ruleSet);
  if (rs.kind !== 'checklist') {
    throw invalid('catalog.not_a_checklist', `「${rs.name}」はチェックリストではありません`, `${rs.code} is not a checklist`);
  }
  const oldItems = await listChecklistItems({ trx: args.trx, ruleSetCode: rs.code, label: args.from });
  const newItems = await listChecklistItems({ trx: args.trx, ruleSetCode: rs.code, label: args.to });
  const rows = diffChecklistItems(oldItems, newItems);
  const byNumber = (list: typeof oldItems) => new Map(list.map((i) => [i.number, i]));
  const before = byNumber(oldItems);
  const after = byNumber(newItems);
  const counts: Record<ItemChangeKind, number> = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  for (const r of rows) counts[r.change]++;
  return {
    ruleSet: { code: rs.code, name: rs.name, sample: rs.is_sample },
    from: args.from,
    to: args.to,
    counts,
    rows: rows.map((r) => ({ ...r, before: before.get(r.number) ?? null, after: after.get(r.number) ?? null })),
  };
}
