/**
 * The interchange format (JSON or YAML) for a rule-set edition, a checklist edition with its
 * cross-references, and a comparison recorded as printed. Published as JSON Schema in `schemas/`
 * (see docs/formats.md). One document per file; `kind` says which.
 */
import { z } from 'zod';
import { isIsoDate } from '../../lib/dates.js';

export const FORMAT_ID = 'tsunagu.catalog/v1';

/** YYYY-MM-DD, or YYYY-MM when the source gives only the month (「2024年3月」). */
export const partialDate = z
  .string()
  .refine((s) => isIsoDate(s) || (/^\d{4}-\d{2}$/.test(s) && isIsoDate(`${s}-01`)), {
    message: 'YYYY-MM-DD または YYYY-MM 形式の日付を指定してください / expected a date as YYYY-MM-DD or YYYY-MM',
  });

export const isoDate = z.string().refine(isIsoDate, {
  message: 'YYYY-MM-DD 形式の日付を指定してください / expected a date as YYYY-MM-DD',
});

const nonEmpty = z.string().trim().min(1);

export const ruleSetKind = z.enum(['standard', 'report', 'selfRegulation', 'checklist', 'other']);
export const editionStatus = z.enum(['draft', 'published', 'superseded']);
export const provisionKind = z.enum(['standard', 'section', 'term', 'footnote', 'note']);
export const apiType = z.enum(['read', 'write']);

export const ruleSetSchema = z.strictObject({
  /** Stable identifier used in cross-references, e.g. `fisc-security-standards`. */
  code: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and hyphens'),
  name: nonEmpty,
  shortName: nonEmpty.optional(),
  kind: ruleSetKind,
  publisher: nonEmpty.optional(),
  /**
   * True for content written for the tour and the tests (サンプル), not taken from a publication. Its
   * name must say サンプル too, and the web app marks it wherever it is named.
   */
  sample: z.boolean().optional(),
});

export const partialRevisionSchema = z.strictObject({
  revisedOn: partialDate,
  /** 会議体: 連絡会, ワーキンググループ, 有識者検討会 … */
  body: nonEmpty,
  summary: nonEmpty,
});

export const editionSchema = z.strictObject({
  label: nonEmpty,
  /** Omitted when the source does not give the date. */
  publishedOn: partialDate.optional(),
  status: editionStatus.default('published'),
  /** Label of the edition this one revises (第11版 for 第12版). */
  basedOn: nonEmpty.optional(),
  /** Where the content comes from (a publication, or the seed document for excerpts). */
  source: nonEmpty.optional(),
  partialRevisions: z.array(partialRevisionSchema).default([]),
});

export const provisionSchema = z.strictObject({
  /** Normalised on import: "実 103 - 1" → 実103-1, C14 → 統14. */
  code: nonEmpty,
  kind: provisionKind.default('standard'),
  title: z.string().nullable().optional(),
  /** null when the text is not available (e.g. an old edition known only from a comparison). */
  text: z.string().nullable().optional(),
  /** True when `text` is only the part of the provision that a source quotes. */
  textIsExcerpt: z.boolean().default(false),
  /** Code of the enclosing provision (a footnote's section, a term's glossary section). */
  parent: nonEmpty.optional(),
});

export const crossReferenceSchema = z.strictObject({
  /** Code of the cited rule set. */
  ruleSet: nonEmpty,
  provision: nonEmpty,
  /** A sub-part such as 全銀協 "3.3.1 d" → provision 3.3.1, subPart d. */
  subPart: nonEmpty.optional(),
});

export const checklistItemSchema = z.strictObject({
  number: z.number().int().positive(),
  category: nonEmpty,
  /** 確認項目: the question itself. */
  text: nonEmpty.nullable().optional(),
  objective: nonEmpty.nullable().optional(),
  guidance: nonEmpty.nullable().optional(),
  /** The party the item asks about (電子決済等代行業者, 金融機関 …). */
  subjectParty: nonEmpty.nullable().optional(),
  /** 参照系 (read) / 更新系 (write); omitted when the source does not say. */
  appliesTo: z.array(apiType).min(1).optional(),
  references: z.array(crossReferenceSchema).default([]),
  /** 備考 */
  remarks: nonEmpty.nullable().optional(),
});

export const ruleSetEditionDocument = z.strictObject({
  format: z.literal(FORMAT_ID),
  kind: z.literal('ruleSetEdition'),
  ruleSet: ruleSetSchema,
  edition: editionSchema,
  provisions: z.array(provisionSchema),
});

export const checklistEditionDocument = z.strictObject({
  format: z.literal(FORMAT_ID),
  kind: z.literal('checklistEdition'),
  ruleSet: ruleSetSchema.extend({ kind: z.literal('checklist') }),
  edition: editionSchema,
  items: z.array(checklistItemSchema),
});

export const recordedRowSchema = z.strictObject({
  /** The provisions the printed row covers (one row may list several, e.g. 実1, 実8, 実26). */
  provisions: z.array(nonEmpty).min(1),
  /** The provision column as printed, when it says more than the codes. */
  label: nonEmpty.optional(),
  /** The new text as printed, underlined spans written as <u>…</u>. */
  printedText: z.string(),
  /** As printed: 新設, 廃止, 【下線部追加】, 【下線部変更・削除】 … */
  tag: nonEmpty,
  summary: nonEmpty.optional(),
});

export const recordedComparisonDocument = z.strictObject({
  format: z.literal(FORMAT_ID),
  kind: z.literal('recordedComparison'),
  ruleSet: nonEmpty,
  from: nonEmpty,
  to: nonEmpty,
  /** The publication the rows are transcribed from. */
  source: nonEmpty,
  rows: z.array(recordedRowSchema).min(1),
});

export const interchangeDocument = z.discriminatedUnion('kind', [
  ruleSetEditionDocument,
  checklistEditionDocument,
  recordedComparisonDocument,
]);

export type RuleSetInput = z.infer<typeof ruleSetSchema>;
export type EditionInput = z.infer<typeof editionSchema>;
export type ProvisionInput = z.infer<typeof provisionSchema>;
export type ChecklistItemInput = z.infer<typeof checklistItemSchema>;
export type RuleSetEditionDocument = z.infer<typeof ruleSetEditionDocument>;
export type ChecklistEditionDocument = z.infer<typeof checklistEditionDocument>;
export type RecordedComparisonDocument = z.infer<typeof recordedComparisonDocument>;
export type InterchangeDocument = z.infer<typeof interchangeDocument>;
