/**
 * 項目ごとの確認 (bank side): each item accepted / clarification needed / not met / accepted with a
 * condition; a message thread per item for both sides; remediation plans the connector accepts; and
 * the overall result (適合 / 条件付適合 / 不適合), proposed by a reviewer and decided by an approver who
 * is not that reviewer (four eyes).
 */
import type { Executor } from '../../db/database.js';
import { AppError, conflict, invalid, notFound, type Problem } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { parseOrThrow } from '../../lib/validate.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import type { AuthContext } from '../identity/index.js';
import * as requestRepo from './request.repo.js';
import { decisionInput, itemReviewInput, LABELS, messageInput, remediationAction, remediationInput, resultInput, suggestedResult } from './assessment.schema.js';
import { notify } from './notifications.js';
import { requireRequest } from './requests.js';
import * as reviewRepo from './review.repo.js';

async function requireItem(trx: Executor, requestId: string, number: number) {
  const it = await requestRepo.findRequestItem(trx, requestId, number);
  if (!it) throw notFound('assessment.item_not_found', `確認項目 No.${number} はこの回答依頼にありません`, `item ${number} is not in this request`);
  return it;
}

export async function reviewItem(args: { trx: Executor; actor: AuditActor; auth: AuthContext; id: string; number: number; input: unknown }) {
  const { trx, auth } = args;
  const r = await requireRequest(trx, auth, args.id, 'bank');
  const v = parseOrThrow(itemReviewInput, args.input, 'assessment.review_invalid');
  if (r.state !== 'submitted' && r.state !== 'clarification') throw conflict('assessment.not_reviewable', `この回答依頼は「${LABELS.requestState[r.state]}」のため確認できません`, `the request is ${r.state}; it cannot be reviewed now`);
  if (r.result_proposed_at) throw conflict('assessment.result_proposed', '判定案が出ているため項目の確認は変更できません。変更する場合は判定案を差し戻してください。', 'a result has been proposed; reject it to change item verdicts');
  const it = await requireItem(trx, r.id, args.number);
  if (v.verdict === 'accepted_with_condition' && !v.condition) {
    throw invalid('assessment.review_invalid', '条件付きで確認する場合は条件を記入してください', 'a condition is required', [{ where: '/condition', messageJa: '条件を記入してください', messageEn: 'state the condition' }]);
  }
  const latest = await requestRepo.latestSubmission(trx, r.id);
  const before = await reviewRepo.findItemReview(trx, r.id, it.item_number);
  const values = { verdict: v.verdict, condition: v.verdict === 'accepted_with_condition' || v.verdict === 'not_met' ? v.condition : null, submission_version: latest?.version ?? null, carried_from_request_id: null, reviewed_by: auth.userId, reviewed_at: new Date() };
  await reviewRepo.upsertItemReview(trx, r.id, it.item_number, values);
  await recordAudit(trx, args.actor, {
    action: 'assessment.item_reviewed',
    targetType: 'assessment_request',
    targetId: r.id,
    details: { item: it.item_number, label: it.label },
    changes: { verdict: [before?.verdict ?? null, v.verdict], ...(values.condition !== (before?.condition ?? null) ? { condition: [before?.condition ?? null, values.condition] } : {}) },
  });
  // Asking for clarification hands the request back to the connector for the items concerned.
  const reviews = await reviewRepo.listItemReviews(trx, r.id);
  const anyClarification = reviews.some((x) => x.verdict === 'clarification');
  const nextState = anyClarification ? 'clarification' : 'submitted';
  if (nextState !== r.state) {
    await requestRepo.setRequestState(trx, auth.organisation.id, r.id, nextState);
    await recordAudit(trx, args.actor, { action: 'assessment.state_changed', targetType: 'assessment_request', targetId: r.id, changes: { state: [r.state, nextState] } });
  }
  if (v.verdict === 'clarification' && before?.verdict !== 'clarification') {
    await notify(trx, { organisationId: r.connector_id, kind: 'clarification', title: `${auth.organisation.name} から ${it.label} について説明依頼があります`, body: v.condition ?? '項目のメッセージを確認し、回答を更新して再提出してください。', link: `/assessment/requests/${r.id}` });
  }
}

export async function postMessage(args: { trx: Executor; actor: AuditActor; auth: AuthContext; id: string; number: number; input: unknown }) {
  const { trx, auth } = args;
  const r = await requireRequest(trx, auth, args.id);
  const it = await requireItem(trx, r.id, args.number);
  const body = parseOrThrow(messageInput, args.input, 'assessment.message_invalid').body.trim();
  if (!body) throw invalid('assessment.message_empty', 'メッセージを入力してください', 'the message is empty', [{ where: '/body', messageJa: '空のメッセージは送れません', messageEn: 'empty' }]);
  const row = await reviewRepo.insertItemMessage(trx, { request_id: r.id, item_number: it.item_number, organisation_id: auth.organisation.id, user_id: auth.userId, body });
  await recordAudit(trx, args.actor, { action: 'assessment.message_posted', targetType: 'assessment_request', targetId: r.id, details: { item: it.item_number, messageId: row.id } });
  const other = auth.organisation.id === r.bank_id ? r.connector_id : r.bank_id;
  await notify(trx, { organisationId: other, kind: 'message', title: `${it.label} に ${auth.organisation.name} からメッセージ`, body: body.slice(0, 200), link: `/assessment/requests/${r.id}` });
  return { id: row.id };
}

/** The bank asks for a remediation plan (改善計画) for an item; the connector accepts it. */
export async function proposeRemediation(args: { trx: Executor; actor: AuditActor; auth: AuthContext; id: string; number: number; input: unknown }) {
  const { trx, auth } = args;
  const r = await requireRequest(trx, auth, args.id, 'bank');
  const v = parseOrThrow(remediationInput, args.input, 'assessment.remediation_invalid');
  if (r.state === 'decided' || r.state === 'withdrawn') throw conflict('assessment.request_closed', `この回答依頼は「${LABELS.requestState[r.state]}」です`, `the request is ${r.state}`);
  const it = await requireItem(trx, r.id, args.number);
  const row = await reviewRepo.insertRemediationPlan(trx, { request_id: r.id, item_number: it.item_number, description: v.description, due_date: v.dueDate, proposed_by: auth.userId });
  await recordAudit(trx, args.actor, { action: 'assessment.remediation_proposed', targetType: 'assessment_request', targetId: r.id, details: { item: it.item_number, planId: row.id, dueDate: v.dueDate } });
  await notify(trx, { organisationId: r.connector_id, kind: 'remediation', title: `${it.label} の改善計画の確認をお願いします`, body: `${v.description}（期限 ${v.dueDate}）`, link: `/assessment/requests/${r.id}` });
  return { id: row.id };
}

/** The connector accepts a remediation plan, or later reports it completed. */
export async function respondRemediation(args: { trx: Executor; actor: AuditActor; auth: AuthContext; id: string; planId: string; input: unknown }) {
  const { trx, auth } = args;
  const r = await requireRequest(trx, auth, args.id, 'connector');
  const p = isUuid(args.planId) ? await reviewRepo.findRemediationPlan(trx, r.id, args.planId) : undefined;
  if (!p) throw notFound('assessment.remediation_not_found', '改善計画が見つかりません', 'remediation plan not found');
  const { action } = parseOrThrow(remediationAction, args.input, 'assessment.remediation_invalid');
  const from = p.state;
  const to = action === 'accept' ? 'accepted' : 'completed';
  if ((to === 'accepted' && from !== 'proposed') || (to === 'completed' && from !== 'accepted')) {
    throw conflict('assessment.remediation_state', `改善計画は「${from === 'proposed' ? '提示' : from === 'accepted' ? '合意済み' : '完了'}」のため、この操作はできません`, `the plan is ${from}`);
  }
  await reviewRepo.setRemediationPlanState(trx, auth.organisation.id, r.id, p.id, to, auth.userId);
  await recordAudit(trx, args.actor, { action: 'assessment.remediation_updated', targetType: 'assessment_request', targetId: r.id, changes: { state: [from, to] }, details: { planId: p.id, item: p.item_number } });
  await notify(trx, { organisationId: r.bank_id, kind: 'remediation', title: `${auth.organisation.name} が改善計画に${to === 'accepted' ? '合意しました' : '完了を報告しました'}`, body: p.description, link: `/assessment/requests/${r.id}` });
}

/** A reviewer proposes the overall result once every item is reviewed and none awaits clarification. */
export async function proposeResult(args: { trx: Executor; actor: AuditActor; auth: AuthContext; id: string; input: unknown }) {
  const { trx, auth } = args;
  const r = await requireRequest(trx, auth, args.id, 'bank');
  const v = parseOrThrow(resultInput, args.input, 'assessment.result_invalid');
  if (r.state !== 'submitted') throw conflict('assessment.not_reviewable', r.state === 'clarification' ? '説明依頼中の項目があるため判定できません' : `この回答依頼は「${LABELS.requestState[r.state]}」のため判定できません`, `the request is ${r.state}`);
  const items = await requestRepo.listRequestItems(trx, r.id);
  const reviews = new Map((await reviewRepo.listItemReviews(trx, r.id)).map((x) => [x.item_number, x]));
  const problems: Problem[] = items.filter((i) => !reviews.has(i.item_number)).map((i) => ({ where: `/items/${i.label}`, messageJa: `${i.label} が未確認です`, messageEn: `${i.label} is not reviewed` }));
  if (problems.length) throw invalid('assessment.not_ready', `未確認の項目が ${problems.length} 件あります`, `${problems.length} item(s) are not reviewed`, problems);
  const suggested = suggestedResult(items.map((i) => reviews.get(i.item_number)!.verdict));
  if (v.result === 'conforming' && suggested !== 'conforming') {
    throw invalid('assessment.result_invalid', `項目の確認結果からは「${LABELS.result[suggested!]}」です。条件付き・未充足の項目があるときは「適合」にできません`, `items are ${suggested}; the result cannot be conforming`);
  }
  if (v.result !== suggested && !v.comment) {
    throw invalid('assessment.result_invalid', `項目の確認結果（${LABELS.result[suggested!]}）と異なる判定には理由を記入してください`, 'a result other than the one the items suggest needs a comment', [{ where: '/comment', messageJa: '理由を記入してください', messageEn: 'give the reason' }]);
  }
  if (v.result === 'conditional') {
    const plans = await reviewRepo.listRemediationPlans(trx, r.id);
    const missing = items.filter((i) => reviews.get(i.item_number)!.verdict === 'accepted_with_condition' && !plans.some((p) => p.item_number === i.item_number));
    if (missing.length) {
      throw invalid('assessment.result_invalid', '条件付きで確認した項目には改善計画を提示してください', 'items accepted with a condition need a remediation plan', missing.map((i) => ({ where: `/items/${i.label}`, messageJa: `${i.label}: 改善計画がありません`, messageEn: `${i.label}: no remediation plan` })));
    }
  }
  await reviewRepo.setProposedResult(trx, auth.organisation.id, r.id, { result: v.result, comment: v.comment, proposedBy: auth.userId });
  await recordAudit(trx, args.actor, { action: 'assessment.result_proposed', targetType: 'assessment_request', targetId: r.id, details: { result: v.result, suggested } });
}

/**
 * The approver decides the proposed result — never the person who proposed it, nor anyone who judged
 * its items. Conditions must have remediation plans the connector has accepted.
 */
export async function decideResult(args: { trx: Executor; actor: AuditActor; auth: AuthContext; id: string; input: unknown }) {
  const { trx, auth } = args;
  const r = await requireRequest(trx, auth, args.id, 'bank');
  const { approve, comment } = parseOrThrow(decisionInput, args.input, 'assessment.result_invalid');
  if (r.state !== 'submitted' || !r.result_proposed_at || !r.result) throw conflict('assessment.no_proposal', '承認を待つ判定案がありません', 'there is no proposed result to decide');
  const reviewers = new Set((await reviewRepo.listItemReviews(trx, r.id)).filter((x) => x.carried_from_request_id === null).map((x) => x.reviewed_by));
  if (r.result_proposed_by === auth.userId || reviewers.has(auth.userId)) {
    throw new AppError('assessment.four_eyes', 'forbidden', {
      ja: '判定案を作成した人・項目を確認した人は承認できません（四つの目の原則）。別の確認者に承認を依頼してください。',
      en: 'The person who proposed the result or reviewed its items cannot approve it (four eyes); ask another reviewer.',
    });
  }
  if (!approve) {
    await reviewRepo.clearProposedResult(trx, auth.organisation.id, r.id);
    await recordAudit(trx, args.actor, { action: 'assessment.result_rejected', targetType: 'assessment_request', targetId: r.id, details: { result: r.result, comment } });
    return { state: r.state };
  }
  if (r.result === 'conditional') {
    const plans = await reviewRepo.listRemediationPlans(trx, r.id);
    const pending = plans.filter((p) => p.state === 'proposed');
    if (pending.length) throw invalid('assessment.remediation_pending', `電子決済等代行業者が合意していない改善計画が ${pending.length} 件あります`, `${pending.length} remediation plan(s) are not accepted by the connector yet`);
  }
  await reviewRepo.setResultApproved(trx, auth.organisation.id, r.id, auth.userId);
  await recordAudit(trx, args.actor, { action: 'assessment.result_decided', targetType: 'assessment_request', targetId: r.id, changes: { state: [r.state, 'decided'] }, details: { result: r.result } });
  await notify(trx, { organisationId: r.connector_id, kind: 'decided', title: `${auth.organisation.name} の判定: ${LABELS.result[r.result]}`, body: r.result_comment ?? '', link: `/assessment/requests/${r.id}` });
  return { state: 'decided' as const };
}
