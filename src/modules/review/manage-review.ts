/**
 * Review cycles: importing a cycle (the reference data, or a file), and reading one as the policy
 * document needs it. Queries are in review.repo.ts.
 */
import type { Executor } from '../../db/database.js';
import { invalid, notFound, type Problem } from '../../lib/errors.js';
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '../audit/index.js';
import { catalog } from '../catalog/index.js';
import { getAnalysis, type AnalysisView } from '../revision/index.js';
import { decide, decisionProblems, type Decision } from './decision.js';
import * as repo from './review.repo.js';
import type { Conclusion, ReviewCycleDocument } from './review.schema.js';

export interface ConsiderationView {
  key: string;
  label: string;
  title: string;
  finding: string | null;
  conclusion: Conclusion | null;
  reason: string | null;
  analysis: AnalysisView | null;
  figureTitle: string | null;
  afterFigure: string | null;
  footnotes: { mark: string; text: string }[];
}

export interface ReviewCycleView {
  id: string;
  checklist: { code: string; name: string };
  fiscalYear: number;
  version: number;
  state: 'draft' | 'deliberation' | 'decided' | 'published';
  issuer: string;
  documentDate: string | null;
  decisionStatement: string | null;
  policyText: string | null;
  decision: Decision;
  overrideReason: string | null;
  majorRevision: boolean;
  expertPanelDate: string | null;
  rule: { label: string; source: string; title: string; body: string; monitoredIntro: string | null; monitored: string[] };
  considerations: ConsiderationView[];
}

export async function importReviewCycle(args: { trx: Executor; doc: ReviewCycleDocument; actor?: AuditActor }) {
  const { trx, doc } = args;
  const problems: Problem[] = [];
  const checklist = await catalog.repo.findRuleSetByCode(trx, doc.checklist);
  if (!checklist || checklist.kind !== 'checklist') {
    problems.push({ where: '/checklist', messageJa: `チェックリスト「${doc.checklist}」が登録されていません`, messageEn: `checklist ${doc.checklist} is not in the catalog` });
    throw invalid('review.import_invalid', '見直し検討を取り込めません', 'Cannot import the review cycle', problems);
  }
  const analysisIds = new Map<number, string>();
  for (const [i, c] of doc.considerations.entries()) {
    if (!c.analysis) continue;
    const id = await repo.findLatestAnalysisId(trx, c.analysis.ruleSet, c.analysis.from, c.analysis.to);
    if (id) analysisIds.set(i, id);
    else {
      problems.push({
        where: `/considerations/${i}/analysis`,
        messageJa: `「${c.analysis.ruleSet}」${c.analysis.from}→${c.analysis.to} の改訂内容の分析がありません（先に作成してください）`,
        messageEn: `no revision analysis ${c.analysis.ruleSet} ${c.analysis.from} → ${c.analysis.to} (create it first)`,
      });
    }
  }
  problems.push(
    ...decisionProblems({
      conclusions: doc.considerations.map((c) => c.conclusion ?? null),
      override: doc.decisionOverride ?? null,
      overrideReason: doc.overrideReason ?? null,
      majorRevision: doc.majorRevision,
      expertPanelDate: doc.expertPanelDate ?? null,
    }),
  );
  const version = (await repo.latestVersion(trx, checklist.id, doc.fiscalYear)) + 1;
  if (version > 1 && doc.state !== 'draft') {
    problems.push({ where: '/fiscalYear', messageJa: `${doc.fiscalYear}年度の見直し検討は既にあります`, messageEn: `a review cycle for ${doc.fiscalYear} exists already` });
  }
  if (problems.length) throw invalid('review.import_invalid', `見直し検討を取り込めません（問題 ${problems.length} 件）`, `Cannot import the review cycle (${problems.length} problems)`, problems);

  const rule = await repo.upsertRule(trx, {
    checklist_rule_set_id: checklist.id,
    label: doc.rule.label,
    source: doc.rule.source,
    title: doc.rule.title,
    body: doc.rule.body,
    monitored_intro: doc.rule.monitoredIntro ?? null,
    monitored: doc.rule.monitored,
  });
  const cycle = await repo.insertCycle(trx, {
    checklist_rule_set_id: checklist.id,
    fiscal_year: doc.fiscalYear,
    version,
    state: doc.state,
    rule_id: rule.id,
    issuer: doc.issuer,
    document_date: doc.documentDate ?? null,
    decision_statement: doc.decisionStatement ?? null,
    policy_text: doc.policyText ?? null,
    decision_override: doc.decisionOverride ?? null,
    override_reason: doc.overrideReason ?? null,
    major_revision: doc.majorRevision,
    expert_panel_date: doc.expertPanelDate ?? null,
    published_at: doc.state === 'published' ? new Date() : null,
  });
  await repo.insertConsiderations(
    trx,
    doc.considerations.map((c, i) => ({
      cycle_id: cycle.id,
      position: i,
      key: c.key,
      label: c.label,
      title: c.title,
      finding: c.finding ?? null,
      conclusion: c.conclusion ?? null,
      reason: c.reason ?? null,
      analysis_id: analysisIds.get(i) ?? null,
      figure_title: c.figureTitle ?? null,
      after_figure: c.afterFigure ?? null,
      footnotes: JSON.stringify(c.footnotes) as never,
    })),
  );
  await recordAudit(trx, args.actor ?? SYSTEM_ACTOR, { action: 'review.cycle_imported', targetType: 'review_cycle', targetId: cycle.id, details: { fiscalYear: doc.fiscalYear, version, state: doc.state } });
  return { id: cycle.id, fiscalYear: doc.fiscalYear, version };
}

/** The latest version of a 年度's cycle (or a given version), with everything the document shows. */
export async function getReviewCycle(args: { trx: Executor; checklist: string; fiscalYear: number; version?: number }): Promise<ReviewCycleView> {
  const { trx } = args;
  const row = await repo.findCycle(trx, args.checklist, args.fiscalYear, args.version);
  if (!row) {
    throw notFound('review.cycle_not_found', `${args.fiscalYear}年度の見直し検討が見つかりません`, `no review cycle for fiscal year ${args.fiscalYear}`);
  }
  const rule = (await repo.findRule(trx, row.rule_id))!;
  const considerations = await repo.listConsiderations(trx, row.id);
  const views: ConsiderationView[] = [];
  for (const c of considerations) {
    views.push({
      key: c.key,
      label: c.label,
      title: c.title,
      finding: c.finding,
      conclusion: c.conclusion,
      reason: c.reason,
      analysis: c.analysis_id ? await getAnalysis({ trx, id: c.analysis_id }) : null,
      figureTitle: c.figure_title,
      afterFigure: c.after_figure,
      footnotes: c.footnotes,
    });
  }
  return {
    id: row.id,
    checklist: { code: row.checklist_code, name: row.checklist_name },
    fiscalYear: row.fiscal_year,
    version: row.version,
    state: row.state,
    issuer: row.issuer,
    documentDate: row.document_date,
    decisionStatement: row.decision_statement,
    policyText: row.policy_text,
    decision: decide({ conclusions: considerations.map((c) => c.conclusion), override: row.decision_override, overrideReason: row.override_reason, majorRevision: row.major_revision }),
    overrideReason: row.override_reason,
    majorRevision: row.major_revision,
    expertPanelDate: row.expert_panel_date,
    rule: { label: rule.label, source: rule.source, title: rule.title, body: rule.body, monitoredIntro: rule.monitored_intro, monitored: rule.monitored },
    considerations: views,
  };
}

export async function listReviewCycles(args: { trx: Executor }) {
  return (await repo.listCycles(args.trx)).map((r) => ({
    id: r.id,
    checklist: r.checklist_code,
    fiscalYear: r.fiscal_year,
    version: r.version,
    state: r.state,
    documentDate: r.document_date,
  }));
}
