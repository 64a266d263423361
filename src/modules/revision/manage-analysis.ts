/** Stored analyses: create (from two editions or from a 新旧対照表), read, list, edit rows. */
import type { Executor } from '../../db/database.js';
import { invalid, type Problem } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { compareProvisionCodes, isFiscCode, provisionSortKey } from '../../lib/provision-code.js';
import { comparableForm } from '../../lib/text.js';
import { diffFields, recordAudit, SYSTEM_ACTOR, type AuditActor } from '../audit/index.js';
import { catalog } from '../catalog/index.js';
import { analyse } from './analyse.js';
import type { AnalysisRowView, AnalysisView, ChangeKind, ProvisionVersion } from './analysis.types.js';
import {
  analysisNotFound,
  analysisTitle,
  compareEditions,
  loadCitations,
  toVersions,
  type ChecklistChoice,
  type ComparisonResult,
} from './compare-editions.js';
import type { ComparisonTableRow } from './comparison-table.js';
import * as repo from './revision.repo.js';

async function store(trx: Executor, c: ComparisonResult, title: string | undefined, actor: AuditActor, details: Record<string, unknown> = {}): Promise<AnalysisView> {
  const a = await repo.insertAnalysis(trx, {
    rule_set_id: c.ruleSet.id,
    from_edition_id: c.from?.id ?? null,
    to_edition_id: c.to.id,
    checklist_edition_id: c.checklistEdition?.id ?? null,
    title: title ?? analysisTitle(c.ruleSet, c.from?.label ?? null, c.to.label),
    counts: c.counts,
  });
  await repo.insertAnalysisRows(trx, a.id, c.rows);
  await recordAudit(trx, actor, {
    action: 'revision.analysis_created',
    targetType: 'revision_analysis',
    targetId: a.id,
    details: { ...details, title: a.title, ruleSet: c.ruleSet.code, from: c.from?.label ?? null, to: c.to.label, rows: c.rows.length },
  });
  return getAnalysis({ trx, id: a.id });
}

/** Compares two stored editions and stores the analysis. */
export async function createAnalysis(args: {
  trx: Executor;
  ruleSetCode: string;
  from: string;
  to: string;
  checklist?: ChecklistChoice | null | undefined;
  title?: string | undefined;
  actor?: AuditActor | undefined;
}): Promise<AnalysisView> {
  return store(args.trx, await compareEditions(args), args.title, args.actor ?? SYSTEM_ACTOR);
}

/**
 * Creates a new edition from a base edition plus a 新旧対照表, and stores the analysis of the change.
 * The table's old text must match the base where the base has text; where the base text is not
 * available, the table supplies it for the comparison.
 */
export async function createAnalysisFromTable(args: {
  trx: Executor;
  ruleSetCode: string;
  base: string;
  newLabel: string;
  publishedOn: string;
  rows: ComparisonTableRow[];
  checklist?: ChecklistChoice | null | undefined;
  title?: string | undefined;
  actor?: AuditActor | undefined;
  fileName?: string | undefined;
}): Promise<AnalysisView> {
  const { trx } = args;
  const { ruleSet, edition: base } = await catalog.requireEdition(trx, args.ruleSetCode, args.base);
  const problems: Problem[] = [];
  if (await catalog.repo.findEdition(trx, ruleSet.id, args.newLabel)) {
    problems.push({
      where: 'newLabel',
      messageJa: `版「${args.newLabel}」は既に登録されています`,
      messageEn: `edition ${args.newLabel} already exists`,
    });
  }
  const baseRows = await catalog.repo.listProvisions(trx, base.id);
  const byCode = new Map(baseRows.map((r) => [r.code, r]));
  const fromTexts = new Map<string, string | null>();
  for (const row of args.rows) {
    const existing = byCode.get(row.code);
    if (row.oldText === null) {
      if (existing) {
        problems.push({
          where: row.where,
          messageJa: `基準番号「${row.code}」は「${args.base}」に既にあります（旧が空欄＝新設として扱えません）`,
          messageEn: `provision ${row.code} already exists in ${args.base} (an empty old text means a new provision)`,
        });
      }
      continue;
    }
    if (!existing) {
      problems.push({
        where: row.where,
        messageJa: `基準番号「${row.code}」は「${args.base}」にありません`,
        messageEn: `provision ${row.code} is not in ${args.base}`,
      });
      continue;
    }
    if (existing.text !== null && comparableForm(existing.text) !== comparableForm(row.oldText)) {
      problems.push({
        where: row.where,
        messageJa: `基準番号「${row.code}」の旧本文が「${args.base}」の本文と一致しません`,
        messageEn: `the old text of ${row.code} does not match ${args.base}`,
      });
    }
    fromTexts.set(row.code, existing.text ?? row.oldText);
  }
  if (problems.length) {
    throw invalid(
      'revision.comparison_table_mismatch',
      `新旧対照表を「${args.base}」に適用できません（問題 ${problems.length} 件）。何も登録していません。`,
      `The comparison table does not apply to ${args.base} (${problems.length} problems); nothing was written.`,
      problems,
    );
  }

  // The new edition: the base with the table applied; new provisions placed in code order.
  const tableByCode = new Map(args.rows.map((r) => [r.code, r]));
  const next: { code: string; kind: string; title: string | null; text: string | null; text_is_excerpt: boolean; parent_code: string | null }[] = [];
  for (const r of baseRows) {
    const t = tableByCode.get(r.code);
    if (t && t.newText === null) continue;
    next.push({
      code: r.code,
      kind: r.kind,
      title: t?.title ?? r.title,
      text: t ? t.newText : r.text,
      text_is_excerpt: t ? false : r.text_is_excerpt,
      parent_code: r.parent_code,
    });
  }
  for (const t of args.rows.filter((r) => r.oldText === null)) {
    const entry = { code: t.code, kind: 'standard', title: t.title, text: t.newText, text_is_excerpt: false, parent_code: null };
    let at = next.length;
    if (isFiscCode(t.code)) {
      let last = -1;
      next.forEach((n, i) => {
        if (isFiscCode(n.code) && compareProvisionCodes(n.code, t.code) < 0) last = i;
      });
      at = last === -1 ? next.findIndex((n) => isFiscCode(n.code)) : last + 1;
      if (at === -1) at = next.length;
    }
    next.splice(at, 0, entry);
  }
  const edition = await catalog.repo.insertEdition(trx, {
    rule_set_id: ruleSet.id,
    label: args.newLabel,
    published_on: args.publishedOn,
    status: 'draft',
    based_on_edition_id: base.id,
    source: '新旧対照表から作成 / created from a comparison table',
  });
  await catalog.repo.insertProvisions(
    trx,
    next.map((n, i) => ({ ...n, edition_id: edition.id, position: i, sort_key: provisionSortKey(n.code) })),
  );

  const from: ProvisionVersion[] = toVersions(baseRows).map((v) => (fromTexts.has(v.code) ? { ...v, text: fromTexts.get(v.code)! } : v));
  const to: ProvisionVersion[] = next.map((n, i) => ({ code: n.code, kind: n.kind, title: n.title, text: n.text, position: i }));
  const cites = await loadCitations(trx, ruleSet.id, args.checklist);
  const result = analyse({ from, to, citations: cites.citations });
  return store(
    trx,
    {
      ruleSet: { id: ruleSet.id, code: ruleSet.code, name: ruleSet.name, shortName: ruleSet.short_name },
      from: base,
      to: edition,
      checklistEdition: cites.checklistEdition,
      rows: result.rows,
      counts: result.counts,
    },
    args.title,
    args.actor ?? SYSTEM_ACTOR,
    { comparisonTable: args.fileName ?? null, newEdition: args.newLabel },
  );
}

export async function listAnalyses(args: { trx: Executor }) {
  const rows = await repo.listAnalyses(args.trx);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    ruleSet: r.rule_set_code,
    from: r.from_label,
    to: r.to_label,
    counts: r.counts,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export async function getAnalysis(args: { trx: Executor; id: string }): Promise<AnalysisView> {
  const { trx, id } = args;
  if (!isUuid(id)) throw analysisNotFound(id);
  const a = await repo.findAnalysis(trx, id);
  if (!a) throw analysisNotFound(id);
  const rs = (await catalog.repo.findRuleSetById(trx, a.rule_set_id))!;
  const to = (await catalog.repo.findEditionById(trx, a.to_edition_id))!;
  const from = a.from_edition_id ? await catalog.repo.findEditionById(trx, a.from_edition_id) : undefined;
  const checklist = a.checklist_edition_id ? await catalog.repo.findEditionById(trx, a.checklist_edition_id) : undefined;
  const checklistRs = checklist ? await catalog.repo.findRuleSetById(trx, checklist.rule_set_id) : undefined;
  const rows = await repo.listAnalysisRows(trx, id);
  return {
    id: a.id,
    title: a.title,
    ruleSet: { code: rs.code, name: rs.name, shortName: rs.short_name },
    from: from ? { label: from.label, publishedOn: from.published_on } : null,
    to: { label: to.label, publishedOn: to.published_on },
    checklist: checklist && checklistRs ? { ruleSetCode: checklistRs.code, label: checklist.label } : null,
    createdAt: new Date(a.created_at).toISOString(),
    counts: a.counts as Record<ChangeKind, number>,
    rows: rows.map(presentRow),
  };
}

function presentRow(r: Awaited<ReturnType<typeof repo.listAnalysisRows>>[number]): AnalysisRowView {
  return {
    id: r.id,
    position: r.position,
    provisionCodes: r.provision_codes,
    provisionLabel: r.provision_label,
    change: r.change as ChangeKind,
    tag: r.tag,
    oldText: r.old_text,
    newText: r.new_text,
    segments: r.segments as AnalysisRowView['segments'],
    source: r.source as AnalysisRowView['source'],
    disagreement: r.disagreement,
    items: r.items as AnalysisRowView['items'],
    summary: r.summary,
    revisionNeeded: r.revision_needed,
    reason: r.judgment_reason,
  };
}

/**
 * Edits a row's one-line summary and/or the reviewer's judgment. A judgment (needed or not) must
 * come with its reason; clearing the judgment clears the reason.
 */
export async function updateAnalysisRow(args: {
  trx: Executor;
  analysisId: string;
  rowId: string;
  summary?: string | null | undefined;
  revisionNeeded?: boolean | null | undefined;
  reason?: string | null | undefined;
  actor?: AuditActor | undefined;
}): Promise<AnalysisRowView> {
  const { trx } = args;
  if (!isUuid(args.analysisId) || !isUuid(args.rowId)) throw analysisNotFound(args.analysisId);
  const row = await repo.findAnalysisRow(trx, args.analysisId, args.rowId);
  if (!row) throw analysisNotFound(`${args.analysisId}/${args.rowId}`);
  const problems: Problem[] = [];
  const patch: { summary?: string | null; revision_needed?: boolean | null; judgment_reason?: string | null } = {};
  if (args.summary !== undefined) {
    const s = args.summary?.trim().replace(/^・/, '') || null;
    if (s && /[\r\n]/.test(s)) {
      problems.push({ where: '/summary', messageJa: '要約は1行で入力してください', messageEn: 'the summary must be a single line' });
    } else if (s && s.length > 200) {
      problems.push({ where: '/summary', messageJa: '要約は200文字以内で入力してください', messageEn: 'the summary must be at most 200 characters' });
    }
    patch.summary = s;
  }
  if (args.revisionNeeded !== undefined) patch.revision_needed = args.revisionNeeded;
  if (args.reason !== undefined) patch.judgment_reason = args.reason?.trim() || null;
  const needed = patch.revision_needed !== undefined ? patch.revision_needed : row.revision_needed;
  const reason = patch.judgment_reason !== undefined ? patch.judgment_reason : row.judgment_reason;
  if (needed === null) patch.judgment_reason = null;
  else if (!reason) {
    problems.push({
      where: '/reason',
      messageJa: '見直し要否の判断には理由が必要です',
      messageEn: 'a judgment needs a reason',
    });
  }
  if (problems.length) {
    throw invalid('revision.row_invalid', '入力内容に誤りがあります', 'The input is not valid', problems);
  }
  const updated = await repo.updateAnalysisRow(trx, args.analysisId, args.rowId, patch);
  const changes = diffFields(
    { summary: row.summary, revision_needed: row.revision_needed, judgment_reason: row.judgment_reason },
    patch,
  );
  if (Object.keys(changes).length) {
    await recordAudit(trx, args.actor ?? SYSTEM_ACTOR, {
      action: 'revision.row_updated',
      targetType: 'analysis_row',
      targetId: args.rowId,
      changes,
      details: { analysisId: args.analysisId, provisions: row.provision_codes },
    });
  }
  return presentRow(updated!);
}
