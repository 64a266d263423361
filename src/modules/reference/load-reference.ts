/**
 * Reference data (data/reference/, built from the seed document): loaded on the first start of an
 * empty database. The manifest lists the interchange files in load order and the analyses to store
 * with the judgments the seed records.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { z } from 'zod';
import type { Executor } from '../../db/database.js';
import { recordAudit, SYSTEM_ACTOR } from '../audit/index.js';
import { catalog } from '../catalog/index.js';
import { importReviewCycle, reviewCycleDocument } from '../review/index.js';
import { createAnalysis, updateAnalysisRow } from '../revision/index.js';

export const REFERENCE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data/reference');

const manifestSchema = z.object({
  files: z.array(z.string().min(1)).min(1),
  analyses: z
    .array(
      z.object({
        ruleSet: z.string(),
        from: z.string(),
        to: z.string(),
        checklist: z.object({ ruleSet: z.string(), edition: z.string() }).optional(),
        title: z.string().optional(),
        judgment: z.object({ revisionNeeded: z.boolean(), reason: z.string().min(1) }).optional(),
      }),
    )
    .default([]),
  /** Review cycles (policy documents), loaded after the analyses they show. */
  reviews: z.array(z.string().min(1)).default([]),
});

export async function loadReferenceData(args: { trx: Executor; dir?: string }) {
  const dir = args.dir ?? REFERENCE_DIR;
  const manifest = manifestSchema.parse(YAML.parse(readFileSync(path.join(dir, 'manifest.yaml'), 'utf8')));
  const documents = manifest.files.map((f) => ({
    fileName: f,
    doc: catalog.parseInterchange(readFileSync(path.join(dir, f), 'utf8'), f),
  }));
  const imported = await catalog.importDocuments({ trx: args.trx, documents });
  const analyses = [];
  for (const a of manifest.analyses) {
    const view = await createAnalysis({
      trx: args.trx,
      ruleSetCode: a.ruleSet,
      from: a.from,
      to: a.to,
      title: a.title,
      checklist: a.checklist ? { ruleSetCode: a.checklist.ruleSet, label: a.checklist.edition } : null,
    });
    if (a.judgment) {
      for (const row of view.rows) {
        await updateAnalysisRow({ trx: args.trx, analysisId: view.id, rowId: row.id, revisionNeeded: a.judgment.revisionNeeded, reason: a.judgment.reason });
      }
    }
    analyses.push({ id: view.id, title: view.title, rows: view.rows.length });
  }
  const reviews = [];
  for (const f of manifest.reviews) {
    const doc = reviewCycleDocument.parse(YAML.parse(readFileSync(path.join(dir, f), 'utf8')));
    reviews.push(await importReviewCycle({ trx: args.trx, doc }));
  }
  await recordAudit(args.trx, SYSTEM_ACTOR, { action: 'catalog.reference_loaded', details: { files: [...manifest.files, ...manifest.reviews], analyses: analyses.length } });
  return { imported, analyses, reviews };
}

/** Loads the reference data when the catalog is empty; returns null when it was not needed. */
export async function loadReferenceDataIfEmpty(args: { trx: Executor; dir?: string }) {
  if ((await catalog.repo.countRuleSets(args.trx)) > 0) return null;
  return loadReferenceData(args);
}
