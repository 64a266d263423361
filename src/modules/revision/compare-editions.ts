/**
 * Comparing two editions of a rule set: the revision analysis (図表1). Loads both editions, the
 * comparison recorded as printed (if any) and the citing checklist, then runs the pure analysis.
 */
import type { Executor } from '../../db/database.js';
import { notFound } from '../../lib/errors.js';
import { catalog } from '../catalog/index.js';
import { analyse } from './analyse.js';
import type { AnalysisRowData, AnalysisView, ChangeKind, CitingItem, ProvisionVersion, RecordedRow } from './analysis.types.js';

export interface ChecklistChoice {
  ruleSetCode: string;
  label: string;
}

type EditionRow = NonNullable<Awaited<ReturnType<typeof catalog.repo.findEditionById>>>;

export function toVersions(rows: { code: string; kind: string; title: string | null; text: string | null; position: number }[]): ProvisionVersion[] {
  return rows.map((r) => ({ code: r.code, kind: r.kind, title: r.title, text: r.text, position: r.position }));
}

/** The checklist edition whose cross-references give the impact column, and its citations by code. */
export async function loadCitations(trx: Executor, targetRuleSetId: string, choice?: ChecklistChoice | null) {
  let checklistEdition: { id: string; label: string; ruleSetCode: string } | null = null;
  if (choice) {
    const { ruleSet, edition } = await catalog.requireEdition(trx, choice.ruleSetCode, choice.label);
    checklistEdition = { id: edition.id, label: edition.label, ruleSetCode: ruleSet.code };
  } else {
    const found = await catalog.repo.findLatestCitingChecklistEdition(trx, targetRuleSetId);
    if (found) checklistEdition = { id: found.id, label: found.label, ruleSetCode: found.rule_set_code };
  }
  const citations = new Map<string, CitingItem[]>();
  if (checklistEdition) {
    for (const r of await catalog.repo.listCrossReferencesOfEdition(trx, checklistEdition.id)) {
      if (r.target_rule_set_id !== targetRuleSetId) continue;
      if (!citations.has(r.provision_code)) citations.set(r.provision_code, []);
      citations.get(r.provision_code)!.push({
        number: r.number,
        category: r.category,
        objective: r.objective,
        provisionCode: r.provision_code,
        subPart: r.sub_part,
      });
    }
  }
  return { checklistEdition, citations };
}

export async function loadRecordedRows(trx: Executor, fromEditionId: string, toEditionId: string): Promise<RecordedRow[]> {
  const rec = await catalog.repo.findRecordedComparison(trx, fromEditionId, toEditionId);
  if (!rec) return [];
  return (await catalog.repo.listRecordedRows(trx, rec.id)).map((r) => ({
    provisions: r.provision_codes,
    label: r.label ?? undefined,
    printedText: r.printed_text,
    tag: r.tag,
    summary: r.summary ?? undefined,
  }));
}

export interface ComparisonResult {
  ruleSet: { id: string; code: string; name: string; shortName: string | null };
  from: EditionRow | null;
  to: EditionRow;
  checklistEdition: { id: string; label: string; ruleSetCode: string } | null;
  rows: AnalysisRowData[];
  counts: Record<ChangeKind, number>;
}

export function analysisTitle(ruleSet: { name: string; short_name?: string | null; shortName?: string | null }, from: string | null, to: string) {
  const name = ruleSet.shortName ?? ruleSet.short_name ?? ruleSet.name;
  return from ? `${name} ${from} → ${to} 改訂内容の分析` : `${name} ${to} 改訂内容の分析`;
}

/** Compares two stored editions. Nothing is written. */
export async function compareEditions(args: {
  trx: Executor;
  ruleSetCode: string;
  from: string;
  to: string;
  checklist?: ChecklistChoice | null | undefined;
}): Promise<ComparisonResult> {
  const { trx } = args;
  const { ruleSet, edition: from } = await catalog.requireEdition(trx, args.ruleSetCode, args.from);
  const { edition: to } = await catalog.requireEdition(trx, args.ruleSetCode, args.to);
  const [fromRows, toRows, recorded, cites] = [
    await catalog.repo.listProvisions(trx, from.id),
    await catalog.repo.listProvisions(trx, to.id),
    await loadRecordedRows(trx, from.id, to.id),
    await loadCitations(trx, ruleSet.id, args.checklist),
  ];
  const result = analyse({ from: toVersions(fromRows), to: toVersions(toRows), citations: cites.citations, recorded });
  return {
    ruleSet: { id: ruleSet.id, code: ruleSet.code, name: ruleSet.name, shortName: ruleSet.short_name },
    from,
    to,
    checklistEdition: cites.checklistEdition,
    rows: result.rows,
    counts: result.counts,
  };
}

/** An unsaved comparison presented like a stored analysis (rows have no ids and no judgments yet). */
export function presentComparison(c: ComparisonResult, title?: string): AnalysisView {
  return {
    id: '',
    title: title ?? analysisTitle(c.ruleSet, c.from?.label ?? null, c.to.label),
    ruleSet: { code: c.ruleSet.code, name: c.ruleSet.name, shortName: c.ruleSet.shortName },
    from: c.from ? { label: c.from.label, publishedOn: c.from.published_on } : null,
    to: { label: c.to.label, publishedOn: c.to.published_on },
    checklist: c.checklistEdition ? { ruleSetCode: c.checklistEdition.ruleSetCode, label: c.checklistEdition.label } : null,
    createdAt: new Date().toISOString(),
    counts: c.counts,
    rows: c.rows.map((r) => ({ ...r, id: '', revisionNeeded: null, reason: null })),
  };
}

export function analysisNotFound(id: string) {
  return notFound('revision.analysis_not_found', `改訂内容の分析「${id}」が見つかりません`, `analysis ${id} not found`);
}
