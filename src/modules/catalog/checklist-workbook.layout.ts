/**
 * FISC's layout of a checklist workbook, shared by the reader (checklist-workbook.ts) and the writer
 * (src/render/checklist-workbook.ts) so that what one writes the other reads back: the columns No. /
 * 区分 / 確認項目 / 対象 / 現状 / 課題 / 改善計画 / 関連規定 / 関連規定の該当箇所 / 備考, then three
 * columns of Tsunagu's own (セキュリティ目標 / 解説 / 参照系・更新系) that make the workbook lossless and
 * that FISC's sheets simply do not have.
 */
import type { MappedField } from './checklist-workbook.schema.js';

export const WORKBOOK_SHEET = 'チェックリスト';

/** Answer columns: filled in by the respondent, empty in an exported sheet, ignored on import. */
export type AnswerColumn = 'currentState' | 'issues' | 'improvementPlan';

export interface WorkbookColumn {
  field: MappedField | AnswerColumn;
  /** The header as written on export. */
  header: string;
  /** Headers accepted on import (compared with {@link headerKey}). */
  names: readonly string[];
  answer?: true;
  /** Tsunagu's addition after FISC's columns. */
  extra?: true;
  /** Width in Excel's units. */
  width: number;
}

export const FISC_COLUMNS: readonly WorkbookColumn[] = [
  { field: 'number', header: 'No.', names: ['No.', 'No', 'NO.', '番号', '項番', '項目番号'], width: 6 },
  { field: 'category', header: '区分', names: ['区分'], width: 18 },
  { field: 'text', header: '確認項目', names: ['確認項目'], width: 56 },
  { field: 'subjectParty', header: '対象', names: ['対象'], width: 16 },
  { field: 'currentState', header: '現状', names: ['現状'], answer: true, width: 26 },
  { field: 'issues', header: '課題', names: ['課題'], answer: true, width: 26 },
  { field: 'improvementPlan', header: '改善計画', names: ['改善計画'], answer: true, width: 26 },
  { field: 'references', header: '関連規定', names: ['関連規定'], width: 20 },
  { field: 'referenceCodes', header: '関連規定の該当箇所', names: ['関連規定の該当箇所', '該当箇所'], width: 20 },
  { field: 'remarks', header: '備考', names: ['備考'], width: 24 },
  { field: 'objective', header: 'セキュリティ目標', names: ['セキュリティ目標', 'セキュリティ目的'], extra: true, width: 34 },
  { field: 'guidance', header: '解説', names: ['解説'], extra: true, width: 30 },
  { field: 'appliesTo', header: '参照系・更新系', names: ['参照系・更新系', '参照系/更新系', 'API種別', '適用'], extra: true, width: 14 },
];

/** The columns FISC's layout cannot do without. */
export const REQUIRED_COLUMNS: readonly MappedField[] = ['number', 'category', 'text'];

/**
 * The comparable form of a header cell: NFKC, no spaces, lower case, without a trailing note in
 * brackets, so that 「確認項目（質問）」 and 「 NO. 」 are recognised.
 */
export function headerKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .toLowerCase()
    .replace(/(?:\([^()]*\)|【[^【】]*】|\[[^[\]]*\])$/, '');
}

const API_TYPE_JA = { read: '参照系', write: '更新系' } as const;

/** ['read', 'write'] → 参照系・更新系; null or empty → ''. */
export function formatAppliesTo(a: readonly string[] | null | undefined): string {
  return (['read', 'write'] as const).filter((t) => a?.includes(t)).map((t) => API_TYPE_JA[t]).join('・');
}

/**
 * The 関連規定 and 関連規定の該当箇所 cells: one line per cited rule set (in the order first cited),
 * and on the same line of the second cell its codes joined by ", " (a sub-part after a space:
 * "3.3.1 d").
 *
 * @example
 * formatReferences([{ ruleSetName: 'FISC 安全対策基準', provision: '統14' }, { ruleSetName: 'FISC 安全対策基準', provision: '監1' }])
 * // { references: 'FISC 安全対策基準', codes: '統14, 監1' }
 */
export function formatReferences(refs: readonly { ruleSetName: string; provision: string; subPart?: string | null | undefined }[]): { references: string; codes: string } {
  const groups = new Map<string, string[]>();
  for (const r of refs) {
    if (!groups.has(r.ruleSetName)) groups.set(r.ruleSetName, []);
    groups.get(r.ruleSetName)!.push(r.subPart ? `${r.provision} ${r.subPart}` : r.provision);
  }
  return { references: [...groups.keys()].join('\n'), codes: [...groups.values()].map((c) => c.join(', ')).join('\n') };
}
