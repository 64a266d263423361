/**
 * Column mappings: where a workbook of another layout keeps what FISC's layout keeps under No. / 区分 /
 * 確認項目 / 対象 / 関連規定 / 関連規定の該当箇所 / 備考. Saved per organisation (`column_mapping`, kind
 * 'checklistWorkbook'); see docs/formats.md.
 */
import { z } from 'zod';

/**
 * A column, by its letter (`C`, `AA`: one to three ASCII letters) or by the text of its header cell
 * (`質問内容`), compared like FISC's headers (NFKC, no spaces, any case).
 */
export const columnRef = z.string().trim().min(1);

/** True when a column reference names a column letter rather than a header. */
export const isColumnLetter = (ref: string) => /^[A-Za-z]{1,3}$/.test(ref.trim());

export const MAPPED_FIELDS = ['number', 'category', 'text', 'subjectParty', 'references', 'referenceCodes', 'remarks', 'objective', 'guidance', 'appliesTo'] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

export const checklistWorkbookMapping = z
  .strictObject({
    /** The worksheet to read; the first one when omitted. */
    sheet: z.string().trim().min(1).optional(),
    /** The 1-based row of the headers; found by the header names when omitted. Items start below it. */
    headerRow: z.number().int().positive().optional(),
    columns: z.strictObject({
      /** No. — the item number. */
      number: columnRef,
      /** 区分; an empty cell takes the category of the row above. */
      category: columnRef.optional(),
      /** 確認項目 — the question. */
      text: columnRef,
      /** 対象 */
      subjectParty: columnRef.optional(),
      /** 関連規定 — the cited rule sets, one per line. */
      references: columnRef.optional(),
      /** 関連規定の該当箇所 — the cited codes, a line per rule set. */
      referenceCodes: columnRef.optional(),
      /** 備考 */
      remarks: columnRef.optional(),
      /** セキュリティ目標 */
      objective: columnRef.optional(),
      /** 解説 */
      guidance: columnRef.optional(),
      /** 参照系・更新系 */
      appliesTo: columnRef.optional(),
    }),
    /** The category of every item when the layout has no 区分 column. */
    defaultCategory: z.string().trim().min(1).optional(),
    /** Rule sets as the workbook names them → their codes, where the name is not the catalog's. */
    ruleSets: z.record(z.string().trim().min(1), z.string().trim().min(1)).optional(),
  })
  .superRefine((m, ctx) => {
    const refs = Object.values(m.columns).filter((v): v is string => typeof v === 'string');
    if (m.headerRow === undefined && refs.every(isColumnLetter)) {
      ctx.addIssue({
        code: 'custom',
        path: ['headerRow'],
        message: '列を列番号（A, B …）だけで指定する場合は見出し行（headerRow）を指定してください / give headerRow when every column is given by its letter',
      });
    }
    if (!m.columns.category && !m.defaultCategory) {
      ctx.addIssue({
        code: 'custom',
        path: ['columns', 'category'],
        message: '区分の列（columns.category）か、すべての項目の区分（defaultCategory）を指定してください / give columns.category or defaultCategory',
      });
    }
    if (Boolean(m.columns.references) !== Boolean(m.columns.referenceCodes)) {
      ctx.addIssue({
        code: 'custom',
        path: ['columns', m.columns.references ? 'referenceCodes' : 'references'],
        message: '関連規定（references）と該当箇所（referenceCodes）の列は両方指定してください / give both references and referenceCodes, or neither',
      });
    }
  });

export type ChecklistWorkbookMapping = z.infer<typeof checklistWorkbookMapping>;

export const columnMappingKind = z.enum(['checklistWorkbook', 'answerSheet']);
export type ColumnMappingKind = z.infer<typeof columnMappingKind>;
