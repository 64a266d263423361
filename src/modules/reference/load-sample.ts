/**
 * The sample checklist (data/sample/, written by us for the tour and the tests; see its README):
 * 「API接続チェックリスト（サンプル）」 サンプル第1版, with the sample 全銀協 report whose section numbers it
 * cites. The demo loader calls {@link loadSampleChecklist}; サンプル第2版 is imported with
 * `tsunagu import data/sample/api-checklist-sample-2.yaml` when the tour reaches item changes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Executor } from '../../db/database.js';
import { SYSTEM_ACTOR, type AuditActor } from '../audit/index.js';
import { catalog, type ImportResult } from '../catalog/index.js';

export const SAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data/sample');

export const SAMPLE_CHECKLIST = { ruleSet: 'api-checklist-sample', first: 'サンプル第1版', second: 'サンプル第2版' } as const;

/** Files in load order, each with the rule set and edition it holds (to skip what is there). */
const FILES = [
  { file: 'zengin-open-api-report-sample.yaml', ruleSet: 'zengin-open-api-report-sample', edition: 'サンプル（節番号のみ）' },
  { file: 'api-checklist-sample-1.yaml', ruleSet: SAMPLE_CHECKLIST.ruleSet, edition: SAMPLE_CHECKLIST.first },
] as const;

/**
 * Imports サンプル第1版 (and the sample report it cites) unless it is already in the catalog, in the
 * caller's transaction. Needs the reference data (FISC 安全対策基準), which the sample cites too.
 * Returns what was imported: nothing on a second call.
 *
 * @example
 * await db.transaction().execute((trx) => loadSampleChecklist({ trx, actor: SYSTEM_ACTOR }));
 */
export async function loadSampleChecklist(args: { trx: Executor; actor?: AuditActor; dir?: string }): Promise<ImportResult[]> {
  const dir = args.dir ?? SAMPLE_DIR;
  const documents = [];
  for (const f of FILES) {
    const rs = await catalog.repo.findRuleSetByCode(args.trx, f.ruleSet);
    if (rs && (await catalog.repo.findEdition(args.trx, rs.id, f.edition))) continue;
    documents.push({ fileName: f.file, doc: catalog.parseInterchange(readFileSync(path.join(dir, f.file), 'utf8'), f.file) });
  }
  if (!documents.length) return [];
  return catalog.importDocuments({ trx: args.trx, documents, actor: args.actor ?? SYSTEM_ACTOR });
}
