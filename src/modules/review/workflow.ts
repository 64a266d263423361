/**
 * The review cycle's life: opened with the default considerations pre-filled from the evidence of its
 * 年度, findings and conclusions written, a decision reached, and the states draft → deliberation →
 * decided → published moved by the secretariat only. A published cycle is frozen; a correction is a
 * new version, and both stay readable.
 */
import type { Executor } from '../../db/database.js';
import { fiscalYearRange, todayInJapan } from '../../lib/dates.js';
import { conflict, invalid, notFound, type Problem } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { diffFields, recordAudit, type AuditActor } from '../audit/index.js';
import { catalog } from '../catalog/index.js';
import { decisionProblems, derivedDecision } from './decision.js';
import { listEvidence, REGISTERS, REGISTER_NAMES } from './evidence.js';
import * as repo from './review.repo.js';
import type { Conclusion } from './review.schema.js';

/** The considerations of the rule the seed quotes, and the monitored 更新系API status. */
export const DEFAULT_CONSIDERATIONS = [
  { key: 'usage', label: '(1)', title: 'ユーザーの使用状況や要望' },
  { key: 'incidents', label: '(2)', title: 'オープン API に関するインシデントの発生状況' },
  { key: 'standards', label: '(3)', title: 'オープン API に関する標準化の動向' },
  { key: 'selfRegulation', label: '(4)', title: '認定電子決済等代行事業者協会の自主基準' },
  { key: 'relatedRules', label: '(5)', title: 'チェックリストの関連規程等の改訂' },
  { key: 'updateApi', label: '(6)', title: '更新系APIのサービス提供状況' },
] as const;

type State = 'draft' | 'deliberation' | 'decided' | 'published';
const NEXT: Record<State, State[]> = { draft: ['deliberation'], deliberation: ['draft', 'decided'], decided: ['deliberation', 'published'], published: [] };

const frozen = () => conflict('review.frozen', '公表済みの見直し検討は変更できません。訂正する場合は訂正版を作成してください。', 'A published review is frozen; create a correction instead.');

async function requireCycle(trx: Executor, id: string) {
  const c = isUuid(id) ? await repo.findCycleById(trx, id) : undefined;
  if (!c) throw notFound('review.cycle_not_found', '見直し検討が見つかりません', 'review cycle not found');
  return c;
}

/** Opens a cycle for a checklist and 年度, with the default considerations and their evidence. */
export async function createCycle(args: { trx: Executor; actor: AuditActor; checklist: string; fiscalYear: number; issuer?: string }) {
  const { trx } = args;
  const checklist = await catalog.repo.findRuleSetByCode(trx, args.checklist);
  if (!checklist || checklist.kind !== 'checklist') throw notFound('review.checklist_not_found', `チェックリスト「${args.checklist}」がありません`, `no checklist ${args.checklist}`);
  const existing = await repo.findCycleOfYear(trx, checklist.id, args.fiscalYear);
  if (existing) throw conflict('review.cycle_exists', `${args.fiscalYear}年度の見直し検討は既にあります`, `a review cycle for ${args.fiscalYear} exists already`);
  const rule = await repo.findLatestRule(trx, checklist.id);
  if (!rule) throw invalid('review.rule_missing', '見直しに関するルール（維持管理方法）が登録されていません', 'no review rule is recorded for this checklist');
  const cycle = await repo.insertCycle(trx, { checklist_rule_set_id: checklist.id, fiscal_year: args.fiscalYear, version: 1, state: 'draft', rule_id: rule.id, issuer: args.issuer ?? '金融情報システムセンター', document_date: null, decision_statement: null, policy_text: null, decision_override: null, override_reason: null, major_revision: false, expert_panel_date: null, published_at: null });
  // The period weighed: since the previous review's document (「昨年度連絡会の議事要旨公表以降」), or the
  // whole 年度 when there is none; up to the end of the 年度.
  const previous = await repo.findPreviousDocumentedCycle(trx, checklist.id, args.fiscalYear);
  const [fyStart, to] = fiscalYearRange(args.fiscalYear);
  const from = previous?.document_date ?? fyStart;
  // Related-rule revisions: the latest analysis of an edition published in the period.
  const analysis = await repo.findLatestAnalysisPublishedBetween(trx, from.slice(0, 7), to);
  for (const [i, d] of DEFAULT_CONSIDERATIONS.entries()) {
    const row = await repo.insertConsideration(trx, { cycle_id: cycle.id, position: i, key: d.key, label: d.label, title: d.title, finding: null, conclusion: null, reason: null, analysis_id: d.key === 'relatedRules' ? (analysis?.id ?? null) : null, figure_title: null, after_figure: null, footnotes: '[]' as never });
    const register = REGISTER_NAMES.find((r) => REGISTERS[r].consideration === d.key);
    if (register) {
      const entries = await listEvidence(trx, register, args.fiscalYear, [from, to]);
      await repo.insertEvidenceLinks(trx, entries.map((e) => ({ consideration_id: row.id, register, evidence_id: e.id as string })));
    }
  }
  await recordAudit(trx, args.actor, { action: 'review.cycle_created', targetType: 'review_cycle', targetId: cycle.id, details: { checklist: args.checklist, fiscalYear: args.fiscalYear, period: [from, to] } });
  return { id: cycle.id };
}

/** The evidence linked to each consideration, and what it suggests (見直し要 when an entry asks for it). */
export async function cycleEvidence(args: { trx: Executor; cycleId: string }) {
  const { trx } = args;
  await requireCycle(trx, args.cycleId);
  const considerations = await repo.listConsiderations(trx, args.cycleId);
  const out = [];
  for (const c of considerations) {
    const links = await repo.listEvidenceLinks(trx, c.id);
    const entries: { register: string; entry: Record<string, unknown> }[] = [];
    for (const l of links) {
      const reg = REGISTERS[l.register as keyof typeof REGISTERS];
      const entry = await repo.findRegisterEntry(trx, reg.table, l.evidence_id);
      if (entry) entries.push({ register: l.register, entry });
    }
    const asks = entries.some((e) => REGISTERS[e.register as keyof typeof REGISTERS].asksRevision(e.entry));
    let judgedNeeded = false;
    if (c.analysis_id) {
      const rows = await repo.listAnalysisRevisionNeeded(trx, c.analysis_id);
      judgedNeeded = rows.some((r) => r.revision_needed === true);
    }
    out.push({ key: c.key, label: c.label, title: c.title, conclusion: c.conclusion, evidence: entries, suggested: (asks || judgedNeeded ? 'needed' : 'not_needed') as Conclusion });
  }
  return out;
}

/** Links an evidence entry to a consideration by hand (e.g. feedback dated outside the 年度). */
export async function linkEvidence(args: { trx: Executor; actor: AuditActor; cycleId: string; key: string; register: string; evidenceId: string }) {
  const cycle = await requireCycle(args.trx, args.cycleId);
  if (cycle.state === 'published') throw frozen();
  const reg = REGISTERS[args.register as keyof typeof REGISTERS];
  const c = await repo.findConsideration(args.trx, cycle.id, args.key);
  const entry = reg && isUuid(args.evidenceId) ? await repo.findRegisterEntry(args.trx, reg.table, args.evidenceId) : undefined;
  if (!c || !entry) throw notFound('review.evidence_not_found', '検討事項または資料が見つかりません', 'consideration or evidence not found');
  await repo.insertEvidenceLink(args.trx, { consideration_id: c.id, register: args.register, evidence_id: args.evidenceId });
  await recordAudit(args.trx, args.actor, { action: 'review.consideration_updated', targetType: 'review_consideration', targetId: c.id, details: { linked: { register: args.register, evidenceId: args.evidenceId } } });
}

export async function updateConsideration(args: { trx: Executor; actor: AuditActor; cycleId: string; key: string; finding?: string | null; conclusion?: Conclusion | null; reason?: string | null }) {
  const cycle = await requireCycle(args.trx, args.cycleId);
  if (cycle.state === 'published') throw frozen();
  if (cycle.state === 'decided') throw conflict('review.decided', '決定済みです。変更するには審議中に戻してください。', 'The review is decided; move it back to deliberation to change it.');
  const c = await repo.findConsideration(args.trx, cycle.id, args.key);
  if (!c) throw notFound('review.consideration_not_found', `検討事項「${args.key}」がありません`, `no consideration ${args.key}`);
  const patch: { finding?: string | null; conclusion?: Conclusion | null; reason?: string | null } = {};
  if (args.finding !== undefined) patch.finding = args.finding?.trim() || null;
  if (args.conclusion !== undefined) patch.conclusion = args.conclusion;
  if (args.reason !== undefined) patch.reason = args.reason?.trim() || null;
  const conclusion = patch.conclusion !== undefined ? patch.conclusion : c.conclusion;
  const reason = patch.reason !== undefined ? patch.reason : c.reason;
  if (conclusion && !reason) {
    throw invalid('review.reason_required', '結論には理由が必要です', 'a conclusion needs its reason', [{ where: '/reason', messageJa: '見直し要／不要の理由を入力してください', messageEn: 'give the reason for the conclusion' }]);
  }
  await repo.updateConsideration(args.trx, c.id, patch);
  await recordAudit(args.trx, args.actor, { action: 'review.consideration_updated', targetType: 'review_consideration', targetId: c.id, changes: diffFields({ finding: c.finding, conclusion: c.conclusion, reason: c.reason }, patch) });
}

export async function updateDecision(args: {
  trx: Executor;
  actor: AuditActor;
  cycleId: string;
  patch: Partial<{ decisionOverride: Conclusion | null; overrideReason: string | null; majorRevision: boolean; expertPanelDate: string | null; decisionStatement: string | null; policyText: string | null; documentDate: string | null }>;
}) {
  const cycle = await requireCycle(args.trx, args.cycleId);
  if (cycle.state === 'published') throw frozen();
  const p = args.patch;
  const row = {
    ...(p.decisionOverride !== undefined ? { decision_override: p.decisionOverride } : {}),
    ...(p.overrideReason !== undefined ? { override_reason: p.overrideReason?.trim() || null } : {}),
    ...(p.majorRevision !== undefined ? { major_revision: p.majorRevision } : {}),
    ...(p.expertPanelDate !== undefined ? { expert_panel_date: p.expertPanelDate } : {}),
    ...(p.decisionStatement !== undefined ? { decision_statement: p.decisionStatement?.trim() || null } : {}),
    ...(p.policyText !== undefined ? { policy_text: p.policyText?.trim() || null } : {}),
    ...(p.documentDate !== undefined ? { document_date: p.documentDate } : {}),
  };
  const merged = { ...cycle, ...row };
  const conclusions = (await repo.listConclusions(args.trx, cycle.id)).map((c) => c.conclusion);
  const problems = decisionProblems({ conclusions, override: merged.decision_override, overrideReason: merged.override_reason, majorRevision: merged.major_revision, expertPanelDate: merged.expert_panel_date }).filter((x) => x.where !== '/majorRevision' || p.majorRevision !== undefined);
  if (problems.length) throw invalid('review.decision_invalid', '判断の内容に誤りがあります', 'The decision is not valid', problems);
  await repo.updateCycle(args.trx, cycle.id, row);
  await recordAudit(args.trx, args.actor, { action: 'review.decision_updated', targetType: 'review_cycle', targetId: cycle.id, changes: diffFields(cycle as unknown as Record<string, unknown>, row) });
}

/** Moves the state; only forward or one step back, and 決定 needs every conclusion and a valid decision. */
export async function moveState(args: { trx: Executor; actor: AuditActor; cycleId: string; to: State; today?: string }) {
  const cycle = await requireCycle(args.trx, args.cycleId);
  if (!NEXT[cycle.state].includes(args.to)) {
    throw conflict('review.state_invalid', `「${cycle.state}」から「${args.to}」には移せません`, `cannot move from ${cycle.state} to ${args.to}`);
  }
  const problems: Problem[] = [];
  if (args.to === 'decided' || args.to === 'published') {
    const cs = await repo.listConsiderations(args.trx, cycle.id);
    cs.forEach((c) => {
      // Named as the document and the screen show it (「(1) ユーザーの使用状況や要望」), not by its key.
      if (!c.conclusion) problems.push({ where: `/considerations/${c.key}/conclusion`, messageJa: `検討事項「${c.label} ${c.title}」の結論がありません`, messageEn: `consideration “${c.label} ${c.title}” has no conclusion` });
    });
    problems.push(...decisionProblems({ conclusions: cs.map((c) => c.conclusion), override: cycle.decision_override, overrideReason: cycle.override_reason, majorRevision: cycle.major_revision, expertPanelDate: cycle.expert_panel_date }));
    if (derivedDecision(cs.map((c) => c.conclusion)) === null && !cycle.decision_override) {
      problems.push({ where: '/decision', messageJa: '判断が決まっていません', messageEn: 'no decision yet' });
    }
  }
  if (problems.length) throw invalid('review.not_ready', '決定に必要な内容がそろっていません', 'The review is not ready to be decided', problems);
  const set: { state: State; published_at?: Date; document_date?: string } = { state: args.to };
  if (args.to === 'published') {
    set.published_at = new Date();
    if (!cycle.document_date) set.document_date = args.today ?? todayInJapan();
  }
  await repo.updateCycle(args.trx, cycle.id, set);
  await recordAudit(args.trx, args.actor, { action: 'review.state_changed', targetType: 'review_cycle', targetId: cycle.id, changes: { state: [cycle.state, args.to] } });
}

/** A correction of a published cycle: a new version in draft, copied from it. The published one stays. */
export async function createCorrection(args: { trx: Executor; actor: AuditActor; cycleId: string }) {
  const { trx } = args;
  const cycle = await requireCycle(trx, args.cycleId);
  if (cycle.state !== 'published') throw conflict('review.not_published', '訂正版は公表後にのみ作成できます', 'only a published review can be corrected');
  const version = (await repo.latestVersion(trx, cycle.checklist_rule_set_id, cycle.fiscal_year)) + 1;
  const { id: _id, created_at: _c, ...rest } = cycle;
  const copy = await repo.insertCycle(trx, { ...rest, version, state: 'draft', published_at: null });
  const cs = await repo.listConsiderations(trx, cycle.id);
  for (const c of cs) {
    const { id: oldId, ...crest } = c;
    const n = await repo.insertConsideration(trx, { ...crest, cycle_id: copy.id, footnotes: JSON.stringify(c.footnotes) as never });
    const links = await repo.listEvidenceLinks(trx, oldId);
    await repo.insertEvidenceLinks(trx, links.map((l) => ({ ...l, consideration_id: n.id })));
  }
  await recordAudit(trx, args.actor, { action: 'review.correction_created', targetType: 'review_cycle', targetId: copy.id, details: { correcting: cycle.id, version } });
  return { id: copy.id, version };
}
