/** Queries for stored revision analyses. */
import type { Executor } from '../../db/database.js';
import type { AnalysisRowData } from './analysis.types.js';

export async function insertAnalysis(
  trx: Executor,
  v: {
    rule_set_id: string;
    from_edition_id: string | null;
    to_edition_id: string;
    checklist_edition_id: string | null;
    title: string;
    counts: Record<string, number>;
  },
) {
  return trx
    .insertInto('revision_analysis')
    .values({ ...v, counts: JSON.stringify(v.counts) as never })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertAnalysisRows(trx: Executor, analysisId: string, rows: AnalysisRowData[]) {
  const values = rows.map((r) => ({
    analysis_id: analysisId,
    position: r.position,
    provision_codes: r.provisionCodes,
    provision_label: r.provisionLabel,
    change: r.change,
    tag: r.tag,
    old_text: r.oldText,
    new_text: r.newText,
    segments: JSON.stringify(r.segments) as never,
    source: r.source,
    disagreement: r.disagreement,
    items: JSON.stringify(r.items) as never,
    summary: r.summary,
  }));
  for (let i = 0; i < values.length; i += 200) {
    await trx.insertInto('analysis_row').values(values.slice(i, i + 200)).execute();
  }
}

export async function listAnalyses(trx: Executor) {
  return trx
    .selectFrom('revision_analysis')
    .innerJoin('rule_set', 'rule_set.id', 'revision_analysis.rule_set_id')
    .innerJoin('edition as t', 't.id', 'revision_analysis.to_edition_id')
    .leftJoin('edition as f', 'f.id', 'revision_analysis.from_edition_id')
    .select([
      'revision_analysis.id',
      'revision_analysis.title',
      'revision_analysis.counts',
      'revision_analysis.created_at',
      'rule_set.code as rule_set_code',
      'f.label as from_label',
      't.label as to_label',
    ])
    .orderBy('revision_analysis.created_at', 'desc')
    .execute();
}

export async function findAnalysis(trx: Executor, id: string) {
  return trx.selectFrom('revision_analysis').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listAnalysisRows(trx: Executor, analysisId: string) {
  return trx.selectFrom('analysis_row').selectAll().where('analysis_id', '=', analysisId).orderBy('position').execute();
}

export async function findAnalysisRow(trx: Executor, analysisId: string, rowId: string) {
  return trx
    .selectFrom('analysis_row')
    .selectAll()
    .where('analysis_id', '=', analysisId)
    .where('id', '=', rowId)
    .executeTakeFirst();
}

export async function updateAnalysisRow(
  trx: Executor,
  analysisId: string,
  rowId: string,
  patch: { summary?: string | null; revision_needed?: boolean | null; judgment_reason?: string | null },
) {
  return trx
    .updateTable('analysis_row')
    .set({ ...patch, updated_at: new Date() })
    .where('analysis_id', '=', analysisId)
    .where('id', '=', rowId)
    .returningAll()
    .executeTakeFirst();
}
