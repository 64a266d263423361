/** The review-cycle document (YAML/JSON), as the reference data and imports write it. */
import { z } from 'zod';
import { isoDate } from '../catalog/interchange.schema.js';

const nonEmpty = z.string().trim().min(1);
export const conclusion = z.enum(['needed', 'not_needed']);

export const reviewRuleSchema = z.strictObject({
  label: nonEmpty,
  source: nonEmpty,
  title: nonEmpty,
  /** Paragraphs, one per line; lines starting with "- " are list items. */
  body: nonEmpty,
  monitoredIntro: nonEmpty.optional(),
  monitored: z.array(nonEmpty).default([]),
});

export const considerationSchema = z.strictObject({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_-]*$/),
  label: nonEmpty,
  title: nonEmpty,
  finding: nonEmpty.optional(),
  conclusion: conclusion.optional(),
  reason: nonEmpty.optional(),
  /** For related-rule revisions: the analysis whose table (図表1) the document shows. */
  analysis: z.strictObject({ ruleSet: nonEmpty, from: nonEmpty, to: nonEmpty }).optional(),
  figureTitle: nonEmpty.optional(),
  afterFigure: nonEmpty.optional(),
  footnotes: z.array(z.strictObject({ mark: nonEmpty, text: nonEmpty })).default([]),
});

export const reviewCycleDocument = z.strictObject({
  kind: z.literal('reviewCycle'),
  checklist: nonEmpty,
  rule: reviewRuleSchema,
  fiscalYear: z.number().int().min(2000).max(2100),
  issuer: nonEmpty,
  documentDate: isoDate.optional(),
  state: z.enum(['draft', 'deliberation', 'decided', 'published']).default('draft'),
  decisionStatement: nonEmpty.optional(),
  policyText: nonEmpty.optional(),
  decisionOverride: conclusion.optional(),
  overrideReason: nonEmpty.optional(),
  majorRevision: z.boolean().default(false),
  expertPanelDate: isoDate.optional(),
  considerations: z.array(considerationSchema).min(1),
});

export type ReviewCycleDocument = z.infer<typeof reviewCycleDocument>;
export type Conclusion = z.infer<typeof conclusion>;
