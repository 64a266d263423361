/**
 * 回答依頼: a bank sends a template for a connection to the connector with a due date; the connector
 * answers (pre-filled from its master answers, in the app or in Excel), and submits. Submitting
 * freezes a snapshot (提出) that the bank keeps whatever happens to the master answers later. A
 * re-assessment starts from the last snapshot: unchanged items keep their answers and verdicts,
 * changed and new items are asked again.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import { todayInJapan, toIsoDate } from '../../lib/dates.js';
import { conflict, invalid, notFound, type Problem } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { parseOrThrow } from '../../lib/validate.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import { catalog } from '../catalog/index.js';
import type { AuthContext } from '../identity/index.js';
import * as connectionRepo from './connection.repo.js';
import { answerProblems, LABELS, requestAnswersInput, requestInput, suggestedResult, type Answer, type RequestHeading, type SubmissionContent } from './assessment.schema.js';
import { connectionNotFound } from './connections.js';
import { editionItemChanges, newerEdition } from './edition-changes.js';
import { evidenceRefs } from './evidence-files.js';
import * as masterAnswerRepo from './master-answer.repo.js';
import { answerOfRow, ensureAnswerSet, evidenceIndex, upsertMasterAnswer } from './master-answers.js';
import { notify } from './notifications.js';
import * as organisationRepo from './organisation.repo.js';
import * as requestRepo from './request.repo.js';
import * as reviewRepo from './review.repo.js';
import * as templateRepo from './template.repo.js';
import { itemsForConnection, requireTemplate } from './templates.js';

type RequestRow = NonNullable<Awaited<ReturnType<typeof requestRepo.findRequest>>>;
type MasterRow = Awaited<ReturnType<typeof masterAnswerRepo.listMasterAnswers>>[number];

export const requestNotFound = () => notFound('assessment.request_not_found', '回答依頼が見つかりません', 'request not found');

export async function requireRequest(trx: Executor, auth: AuthContext, id: string, side?: 'bank' | 'connector'): Promise<RequestRow> {
  const r = isUuid(id) ? await requestRepo.findRequest(trx, auth.organisation.id, id) : undefined;
  if (!r) throw requestNotFound();
  if (side === 'bank' && r.bank_id !== auth.organisation.id) throw requestNotFound();
  if (side === 'connector' && r.connector_id !== auth.organisation.id) throw requestNotFound();
  return r;
}

/**
 * The master answer that fits a connection best: one for this service and API type, then for the
 * service, then for the API type, then the general one.
 */
export function bestMasterAnswer(rows: MasterRow[], number: number, serviceName: string, apiType: string): MasterRow | undefined {
  const score = (r: MasterRow) => (r.scope_service === serviceName ? 2 : r.scope_service === '' ? 0 : -10) + (r.scope_api_type === apiType ? 1 : r.scope_api_type === '' ? 0 : -10);
  return rows
    .filter((r) => r.item_number === number && score(r) >= 0)
    .sort((a, b) => score(b) - score(a))[0];
}

async function connectionOf(trx: Executor, r: RequestRow) {
  return (await connectionRepo.findConnectionById(trx, r.connection_id))!;
}

/** Copies the connector's best-fitting master answers into a request's unanswered items. */
async function fillFromMaster(trx: Executor, actor: AuditActor, r: RequestRow, onlyEmpty: boolean) {
  const conn = await connectionOf(trx, r);
  const set = await ensureAnswerSet(trx, actor, r.connector_id, r.checklist_edition_id);
  const masters = await masterAnswerRepo.listMasterAnswers(trx, set.id);
  const items = await requestRepo.listRequestItems(trx, r.id);
  const existing = new Map((await requestRepo.listRequestAnswers(trx, r.id)).map((a) => [a.item_number, a]));
  let filled = 0;
  for (const it of items) {
    const m = bestMasterAnswer(masters, it.item_number, conn.service_name, conn.api_type);
    const current = existing.get(it.item_number);
    if (!m || (onlyEmpty && current && current.source !== 'master')) continue;
    const values = { choice: m.choice, explanation: m.explanation, current_state: m.current_state, issues: m.issues, improvement_plan: m.improvement_plan, evidence_ids: m.evidence_ids };
    // A master answer carried from an older edition for a changed item is not yet an answer to this one.
    const confirmed = !it.must_reanswer && !m.needs_reanswer;
    await requestRepo.upsertAnswerFromMaster(trx, { requestId: r.id, itemNumber: it.item_number, values, confirmed });
    filled++;
  }
  return filled;
}

export async function createRequest(args: { trx: Executor; actor: AuditActor; auth: AuthContext; input: unknown; previousRequestId?: string | null }) {
  const { trx, auth } = args;
  const v = parseOrThrow(requestInput, args.input, 'assessment.request_invalid');
  const t = await requireTemplate(trx, auth, v.templateId);
  if (t.status !== 'active') throw invalid('assessment.template_archived', 'この確認シートは新しい版へ移行済みです。新しい確認シートを使ってください。', 'this template was carried over to a newer edition; use the new one');
  const conn = await connectionRepo.findConnection(trx, auth.organisation.id, v.connectionId);
  if (!conn || conn.bank_id !== auth.organisation.id) throw connectionNotFound();
  const problems: Problem[] = [];
  if (!t.api_types.includes(conn.api_type)) problems.push({ where: '/connectionId', messageJa: `この確認シートは${LABELS.apiType[conn.api_type]}の接続には使えません`, messageEn: `this template does not serve ${conn.api_type} connections` });
  if (!t.access_types.includes(conn.access)) problems.push({ where: '/connectionId', messageJa: `この確認シートは${LABELS.access[conn.access]}の接続には使えません`, messageEn: `this template does not serve ${conn.access} access` });
  if (v.dueDate < todayInJapan()) problems.push({ where: '/dueDate', messageJa: '回答期限は今日以降の日付にしてください', messageEn: 'the due date must not be in the past' });
  if (conn.status === 'terminated') problems.push({ where: '/connectionId', messageJa: '終了した接続には回答依頼を送れません', messageEn: 'the connection is terminated' });
  if (problems.length) throw invalid('assessment.request_invalid', '回答依頼を送れません', 'the request cannot be sent', problems);
  const open = await requestRepo.findOpenRequestOfConnection(trx, conn.id);
  if (open) throw conflict('assessment.request_open', 'この接続には進行中の回答依頼があります', 'this connection has a request in progress');
  const items = itemsForConnection(await templateRepo.listTemplateItems(trx, t.id), conn.api_type, conn.access);
  const req = await requestRepo.insertRequest(trx, auth.organisation.id, {
    connector_id: conn.connector_id,
    connection_id: conn.id,
    template_id: t.id,
    checklist_edition_id: t.checklist_edition_id,
    answer_scheme: t.answer_scheme,
    hearing_questions: t.hearing_questions,
    hearing_answers: { serviceName: conn.service_name },
    due_date: v.dueDate,
    previous_request_id: args.previousRequestId ?? null,
    sent_by: auth.userId,
  });

  let carried = { answers: 0, verdicts: 0, reasked: 0 };
  const previous = args.previousRequestId ? await requireRequest(trx, auth, args.previousRequestId, 'bank') : null;
  const prevSubmission = previous ? await requestRepo.latestSubmission(trx, previous.id) : undefined;
  if (previous && prevSubmission) {
    carried = await carryFromPrevious(trx, req, previous, prevSubmission, items);
  } else {
    await requestRepo.insertRequestItems(trx, items.map((i, position) => ({ request_id: req.id, item_number: i.item_number, position, label: i.label, change: null, must_reanswer: false })));
  }
  const shared = await masterAnswerRepo.findActiveShare(trx, conn.connector_id, auth.organisation.id);
  const prefilled = shared ? await fillFromMaster(trx, args.actor, req, true) : 0;
  await recordAudit(trx, args.actor, {
    action: 'assessment.request_sent',
    targetType: 'assessment_request',
    targetId: req.id,
    details: { connectorId: conn.connector_id, connectionId: conn.id, templateId: t.id, items: items.length, dueDate: v.dueDate, previousRequestId: previous?.id ?? null, prefilled, ...carried },
  });
  await notify(trx, {
    organisationId: conn.connector_id,
    kind: 'request_received',
    title: `${auth.organisation.name} から回答依頼が届きました`,
    body: `${conn.service_name}（${LABELS.apiType[conn.api_type]}）: ${items.length} 項目、回答期限 ${v.dueDate}${previous ? `。再確認のため、変更のあった ${carried.reasked} 項目のみ回答を見直してください。` : ''}`,
    link: `/assessment/requests/${req.id}`,
  });
  return { id: req.id, items: items.length, prefilled, ...carried };
}

/** Re-assessment: items and answers from the last snapshot; verdicts kept where the item did not change. */
async function carryFromPrevious(
  trx: Executor,
  req: RequestRow,
  previous: RequestRow,
  prevSubmission: NonNullable<Awaited<ReturnType<typeof requestRepo.latestSubmission>>>,
  items: { item_number: number; label: string }[],
) {
  const changes = new Map((await editionItemChanges(trx, previous.checklist_edition_id, req.checklist_edition_id)).map((c) => [c.number, c.change]));
  const prevAnswers = new Map(prevSubmission.content.items.map((i) => [i.number, i.answer]));
  const prevReviews = new Map((await reviewRepo.listItemReviews(trx, previous.id)).map((r) => [r.item_number, r]));
  let answers = 0;
  let verdicts = 0;
  let reasked = 0;
  const rows = items.map((i, position) => {
    const had = prevAnswers.get(i.item_number);
    const change: 'added' | 'changed' | 'unchanged' = !had ? 'added' : changes.get(i.item_number) === 'unchanged' ? 'unchanged' : 'changed';
    if (change !== 'unchanged') reasked++;
    return { request_id: req.id, item_number: i.item_number, position, label: i.label, change, must_reanswer: change !== 'unchanged', had };
  });
  await requestRepo.insertRequestItems(trx, rows.map(({ had: _h, ...r }) => r));
  for (const r of rows) {
    if (r.had) {
      await requestRepo.insertRequestAnswer(trx, {
        request_id: req.id,
        item_number: r.item_number,
        choice: r.had.choice,
        explanation: r.had.explanation,
        current_state: r.had.currentState,
        issues: r.had.issues,
        improvement_plan: r.had.improvementPlan,
        evidence_ids: r.had.evidence.map((e) => e.id),
        source: 'carried',
        confirmed: r.change === 'unchanged',
        updated_by: null,
      });
      answers++;
    }
    const review = prevReviews.get(r.item_number);
    if (r.change === 'unchanged' && review && review.verdict !== 'clarification') {
      await reviewRepo.insertItemReview(trx, { request_id: req.id, item_number: r.item_number, verdict: review.verdict, condition: review.condition, submission_version: null, carried_from_request_id: previous.id, reviewed_by: review.reviewed_by, reviewed_at: review.reviewed_at });
      verdicts++;
    }
  }
  const hearing = Object.fromEntries(prevSubmission.content.hearing.filter((h) => h.answer !== null).map((h) => [h.key, h.answer!]));
  await requestRepo.setRequestHearingAnswers(trx, req.bank_id, req.id, { ...hearing, ...req.hearing_answers });
  return { answers, verdicts, reasked };
}

export async function listRequests(args: { trx: Executor; auth: AuthContext }) {
  const today = todayInJapan();
  const rows = await requestRepo.listRequests(args.trx, args.auth.organisation.id);
  return rows.map((r) => {
    const due = toIsoDate(r.due_date)!;
    const open = r.state === 'sent' || r.state === 'clarification';
    return {
      id: r.id,
      side: r.bank_id === args.auth.organisation.id ? ('bank' as const) : ('connector' as const),
      bank: { id: r.bank_id, name: r.bank_name },
      connector: { id: r.connector_id, name: r.connector_name },
      serviceName: r.service_name,
      apiType: r.api_type,
      access: r.access,
      template: r.template_name,
      edition: r.edition_label,
      answerScheme: r.answer_scheme,
      state: r.state,
      dueDate: due,
      overdue: open && due < today,
      sentAt: new Date(r.sent_at).toISOString(),
      items: Number(r.item_count ?? 0),
      submissionVersion: r.submission_version === null ? null : Number(r.submission_version),
      result: r.result_approved_at ? r.result : null,
      reassessment: r.previous_request_id !== null,
    };
  });
}

/** The heading of the documents about a request, from the request as {@link getRequest} gives it. */
export function requestHeading(req: Awaited<ReturnType<typeof getRequest>>): RequestHeading {
  return {
    bank: req.bank.name,
    connector: req.connector.name,
    serviceName: req.connection.serviceName,
    apiType: req.connection.apiType,
    access: req.connection.access,
    template: req.template.name,
    checklist: { name: req.checklist.ruleSetName, edition: req.checklist.edition, sample: req.checklist.sample },
    scheme: req.answerScheme,
  };
}

/** A request as one side sees it: the connector its working answers, the bank the latest submission. */
export async function getRequest(args: { trx: Executor; auth: AuthContext; id: string }) {
  const { trx, auth } = args;
  const r = await requireRequest(trx, auth, args.id);
  const side = r.bank_id === auth.organisation.id ? 'bank' : 'connector';
  const conn = await connectionOf(trx, r);
  const orgs = await organisationRepo.listOrganisations(trx, [r.bank_id, r.connector_id]);
  const template = (await templateRepo.findTemplateName(trx, r.template_id))!;
  const edition = (await catalog.repo.findEditionById(trx, r.checklist_edition_id))!;
  const ruleSet = (await catalog.repo.findRuleSetById(trx, edition.rule_set_id))!;
  const checklist = new Map((await catalog.listChecklistItems({ trx, ruleSetCode: ruleSet.code, label: edition.label })).map((c) => [c.number, c]));
  const items = await requestRepo.listRequestItems(trx, r.id);
  const submissions = await requestRepo.listSubmissions(trx, r.id);
  const latest = submissions.at(-1);
  const before = submissions.at(-2);
  const reviews = new Map((await reviewRepo.listItemReviews(trx, r.id)).map((x) => [x.item_number, x]));
  const messages = await reviewRepo.listMessages(trx, r.id);
  const plans = await reviewRepo.listRemediationPlans(trx, r.id);
  const working = side === 'connector' ? new Map((await requestRepo.listRequestAnswers(trx, r.id)).map((a) => [a.item_number, a])) : new Map();
  const ev = side === 'connector' ? await evidenceIndex(trx, r.connector_id, [...working.values()]) : new Map();
  const submitted = new Map((latest?.content.items ?? []).map((i) => [i.number, i.answer]));
  const earlier = new Map((before?.content.items ?? []).map((i) => [i.number, i.answer]));
  const newer = await newerEdition(trx, edition);
  const newerChanges = newer ? new Map((await editionItemChanges(trx, edition.id, newer.id)).map((c) => [c.number, c])) : null;
  // With consent, the bank sees where the connector's master answers moved on since the snapshot.
  const share = side === 'bank' ? await masterAnswerRepo.findActiveShare(trx, r.connector_id, r.bank_id) : undefined;
  let masterNow: Map<number, Answer> | null = null;
  if (share && latest) {
    const set = await masterAnswerRepo.findAnswerSet(trx, r.connector_id, r.checklist_edition_id);
    const rows = set ? await masterAnswerRepo.listMasterAnswers(trx, set.id) : [];
    masterNow = new Map(items.map((i) => [i.item_number, bestMasterAnswer(rows, i.item_number, conn.service_name, conn.api_type)]).filter((x): x is [number, MasterRow] => x[1] !== undefined).map(([n, m]) => [n, answerOfRow(m)]));
  }
  const previousReviews = r.previous_request_id ? new Map((await reviewRepo.listItemReviews(trx, r.previous_request_id)).map((x) => [x.item_number, x])) : new Map();
  const sameAnswer = (a: Answer | undefined, b: Answer | undefined) => JSON.stringify(answerKey(a)) === JSON.stringify(answerKey(b));
  // The master answer has moved on from the snapshot (evidence aside: master rows carry ids, not file names).
  const masterMoved = (m: Answer | undefined, s: Answer | undefined) => Boolean(m && s && !sameAnswer({ ...m, evidence: [] }, { ...s, evidence: [] }));
  const presentItems = items.map((i) => {
    const c = checklist.get(i.item_number);
    const w = working.get(i.item_number);
    const answer: Answer | null = side === 'connector' ? (w ? answerOfRow(w, w.evidence_ids.map((id: string) => ev.get(id)).filter(Boolean)) : null) : (submitted.get(i.item_number) ?? null);
    const review = reviews.get(i.item_number);
    const reviewedVersion = review?.submission_version ?? null;
    const answerMovedSinceReview = Boolean(review && latest && reviewedVersion !== null && reviewedVersion < latest.version && !sameAnswer(submissions.find((s) => s.version === reviewedVersion)?.content.items.find((x) => x.number === i.item_number)?.answer, submitted.get(i.item_number)));
    const newerChange = newerChanges?.get(i.item_number);
    const prevReview = previousReviews.get(i.item_number);
    return {
      number: i.item_number,
      label: i.label,
      category: c?.category ?? null,
      text: c?.text ?? null,
      objective: c?.objective ?? null,
      change: i.change,
      mustReanswer: i.must_reanswer,
      confirmed: side === 'connector' ? (w?.confirmed ?? false) : null,
      source: side === 'connector' ? (w?.source ?? null) : null,
      answer,
      changedInLatest: Boolean(latest && before && !sameAnswer(earlier.get(i.item_number), submitted.get(i.item_number))),
      masterUpdated: masterNow === null ? null : masterMoved(masterNow.get(i.item_number), submitted.get(i.item_number)),
      review: review
        ? {
            verdict: review.verdict,
            condition: review.condition,
            reviewedBy: review.reviewer_name,
            reviewedAt: new Date(review.reviewed_at).toISOString(),
            submissionVersion: reviewedVersion,
            carried: review.carried_from_request_id !== null,
            stale: answerMovedSinceReview || (newerChange !== undefined && newerChange.change !== 'unchanged'),
          }
        : null,
      // In a re-assessment, the verdict of the previous request that no longer holds because the item changed.
      previousReview: !review && prevReview && i.change !== 'unchanged' ? { verdict: prevReview.verdict, condition: prevReview.condition, stale: true } : null,
      messages: messages.filter((m) => m.item_number === i.item_number).map((m) => ({ id: m.id, organisation: m.organisation_name, side: m.organisation_id === r.bank_id ? 'bank' : 'connector', author: m.display_name, body: m.body, createdAt: new Date(m.created_at).toISOString() })),
      remediation: plans.filter((p) => p.item_number === i.item_number).map((p) => ({ id: p.id, description: p.description, dueDate: toIsoDate(p.due_date), state: p.state, acceptedAt: p.accepted_at ? new Date(p.accepted_at).toISOString() : null })),
    };
  });
  const userIds = [r.result_proposed_by, r.result_approved_by].filter((x): x is string => x !== null);
  const users = await organisationRepo.listUserNames(trx, userIds);
  const nameOf = (id: string | null) => (id ? (users.find((u) => u.id === id)?.display_name ?? null) : null);
  const hearing = side === 'connector' ? r.hearing_answers : Object.fromEntries((latest?.content.hearing ?? []).map((h) => [h.key, h.answer]));
  return {
    id: r.id,
    side,
    state: r.state,
    dueDate: toIsoDate(r.due_date),
    sentAt: new Date(r.sent_at).toISOString(),
    bank: { id: r.bank_id, name: orgs.find((o) => o.id === r.bank_id)?.name ?? '' },
    connector: { id: r.connector_id, name: orgs.find((o) => o.id === r.connector_id)?.name ?? '', registrationNumber: orgs.find((o) => o.id === r.connector_id)?.registration_number ?? null },
    connection: { id: conn.id, serviceName: conn.service_name, apiType: conn.api_type, access: conn.access, status: conn.status },
    template: { id: template.id, name: template.name },
    checklist: { ruleSet: ruleSet.code, ruleSetName: ruleSet.name, edition: edition.label, sample: ruleSet.is_sample },
    answerScheme: r.answer_scheme,
    hearingQuestions: r.hearing_questions,
    hearing,
    previousRequestId: r.previous_request_id,
    submissions: submissions.map((s) => ({ version: s.version, submittedAt: new Date(s.submitted_at).toISOString(), sha256: s.sha256 })),
    shared: side === 'bank' ? Boolean(share) : null,
    result: {
      value: r.result,
      comment: r.result_comment,
      proposedBy: nameOf(r.result_proposed_by),
      proposedAt: r.result_proposed_at ? new Date(r.result_proposed_at).toISOString() : null,
      approvedBy: nameOf(r.result_approved_by),
      approvedAt: r.result_approved_at ? new Date(r.result_approved_at).toISOString() : null,
      suggested: suggestedResult(items.map((i) => reviews.get(i.item_number)?.verdict ?? null)),
    },
    newerEdition: newer && newerChanges
      ? {
          label: newer.label,
          items: [...newerChanges.values()].filter((c) => c.change !== 'unchanged' && (c.change === 'added' || items.some((i) => i.item_number === c.number))),
        }
      : null,
    items: presentItems,
  };
}

/** The part of an answer two answers are compared by. */
function answerKey(a: Answer | undefined | null) {
  if (!a) return null;
  const n = (s: string | null) => (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  return [a.choice, n(a.explanation), n(a.currentState), n(a.issues), n(a.improvementPlan), a.evidence.map((e) => e.sha256).sort()];
}

export { answerKey };

/** The connector fills empty items of a request from its master answers. */
export async function prefillFromMaster(args: { trx: Executor; actor: AuditActor; auth: AuthContext; id: string }) {
  const r = await requireRequest(args.trx, args.auth, args.id, 'connector');
  if (r.state !== 'sent') throw conflict('assessment.request_not_open', '提出後の回答依頼には事前入力できません', 'the request is no longer open for pre-filling');
  const filled = await fillFromMaster(args.trx, args.actor, r, true);
  await recordAudit(args.trx, args.actor, { action: 'assessment.request_prefilled', targetType: 'assessment_request', targetId: r.id, details: { filled } });
  return { filled };
}

/**
 * The connector saves answers to a request (from the web, the API or an Excel import). Only what
 * differs is written, so saving the same answers again changes nothing. During a clarification only
 * the items the bank asked about may change.
 */
export async function saveRequestAnswers(args: {
  trx: Executor;
  actor: AuditActor;
  auth: AuthContext;
  id: string;
  input: unknown;
  source?: 'manual' | 'import';
  /** An Excel import records its own action with the file's details, in the one entry of the change. */
  audit?: { action: 'assessment.imported'; details: Record<string, unknown> };
  /** What the caller has just read in this transaction (the import, to check the workbook), not to be read twice. */
  loaded?: { request: RequestRow; items: Awaited<ReturnType<typeof requestRepo.listRequestItems>>; answers: Omit<Awaited<ReturnType<typeof requestRepo.listRequestAnswers>>[number], 'updated_at'>[] };
}) {
  const { trx, auth } = args;
  const r = args.loaded?.request ?? (await requireRequest(trx, auth, args.id, 'connector'));
  const v = parseOrThrow(requestAnswersInput, args.input, 'assessment.answer_invalid');
  if (r.state !== 'sent' && r.state !== 'clarification') throw conflict('assessment.request_not_open', `この回答依頼は「${LABELS.requestState[r.state]}」のため回答を変更できません`, `the request is ${r.state}; answers cannot change`);
  const items = new Map((args.loaded?.items ?? (await requestRepo.listRequestItems(trx, r.id))).map((i) => [i.item_number, i]));
  // Verdicts limit what may change only during a clarification.
  const reviews = r.state === 'clarification' ? new Map((await reviewRepo.listItemReviews(trx, r.id)).map((x) => [x.item_number, x])) : new Map();
  const problems: Problem[] = [];
  v.items.forEach((a, i) => {
    const it = items.get(a.number);
    if (!it) problems.push({ where: `/items/${i}/number`, messageJa: `確認項目 No.${a.number} はこの回答依頼にありません`, messageEn: `item ${a.number} is not in this request` });
    else if (r.state === 'clarification' && !['clarification', 'not_met'].includes(reviews.get(a.number)?.verdict ?? '')) {
      problems.push({ where: `/items/${i}`, messageJa: `${it.label}: 説明依頼の対象ではない項目は変更できません`, messageEn: `${it.label}: only the items under clarification may change` });
    }
  });
  const questions = new Set(r.hearing_questions.map((q) => q.key));
  for (const k of Object.keys(v.hearing ?? {})) if (!questions.has(k)) problems.push({ where: `/hearing/${k}`, messageJa: `ヒアリング項目「${k}」はありません`, messageEn: `no hearing question ${k}` });
  if (r.state === 'clarification' && v.hearing && Object.entries(v.hearing).some(([k, x]) => r.hearing_answers[k] !== x)) {
    problems.push({ where: '/hearing', messageJa: '説明依頼中はヒアリング項目を変更できません', messageEn: 'hearing answers cannot change during a clarification' });
  }
  if (problems.length) throw invalid('assessment.answer_invalid', `回答に ${problems.length} 件の問題があります`, `The answers have ${problems.length} problem(s)`, problems);
  const existing = new Map((args.loaded?.answers ?? (await requestRepo.listRequestAnswers(trx, r.id))).map((a) => [a.item_number, a]));
  let changed = 0;
  const conn = v.saveToMaster ? await connectionOf(trx, r) : null;
  const set = v.saveToMaster ? await ensureAnswerSet(trx, args.actor, r.connector_id, r.checklist_edition_id) : null;
  // One write for all changed items (an Excel import saves a hundred at once); the last of an item given twice wins.
  const writes = new Map<number, requestRepo.RequestAnswerWrite>();
  for (const [i, a] of v.items.entries()) {
    const e = existing.get(a.number);
    const evidence = a.evidenceIds ? (await evidenceRefs(trx, r.connector_id, a.evidenceIds, `/items/${i}/evidenceIds`)).map((x) => x.id) : undefined;
    const next = {
      choice: a.choice !== undefined ? a.choice : (e?.choice ?? null),
      explanation: a.explanation !== undefined ? emptyToNull(a.explanation) : (e?.explanation ?? null),
      current_state: a.currentState !== undefined ? emptyToNull(a.currentState) : (e?.current_state ?? null),
      issues: a.issues !== undefined ? emptyToNull(a.issues) : (e?.issues ?? null),
      improvement_plan: a.improvementPlan !== undefined ? emptyToNull(a.improvementPlan) : (e?.improvement_plan ?? null),
      evidence_ids: evidence ?? e?.evidence_ids ?? [],
    };
    const same =
      e &&
      e.confirmed &&
      e.choice === next.choice &&
      e.explanation === next.explanation &&
      e.current_state === next.current_state &&
      e.issues === next.issues &&
      e.improvement_plan === next.improvement_plan &&
      JSON.stringify(e.evidence_ids) === JSON.stringify(next.evidence_ids);
    if (!same) writes.set(a.number, { ...next, request_id: r.id, item_number: a.number, source: args.source ?? 'manual', updated_by: auth.userId });
    if (set && conn) {
      const scopeService = '';
      await upsertMasterAnswer(trx, auth, set.id, { number: a.number, scopeService, scopeApiType: '', choice: next.choice, explanation: next.explanation, currentState: next.current_state, issues: next.issues, improvementPlan: next.improvement_plan }, next.evidence_ids);
    }
  }
  let hearing: Record<string, string> | null = null;
  if (v.hearing) {
    const merged = { ...r.hearing_answers, ...Object.fromEntries(Object.entries(v.hearing).map(([k, x]) => [k, x.trim()])) };
    if (JSON.stringify(merged) !== JSON.stringify(r.hearing_answers)) hearing = merged;
  }
  const hearingChanged = hearing !== null;
  // The changed answers and the hearing in one write.
  await requestRepo.writeRequestAnswers(trx, { requestId: r.id, connectorId: auth.organisation.id, rows: [...writes.values()], hearing });
  changed = writes.size;
  if (changed || hearingChanged) {
    await recordAudit(trx, args.actor, { action: args.audit?.action ?? 'assessment.answers_saved', targetType: 'assessment_request', targetId: r.id, details: { changed, hearingChanged, source: args.source ?? 'manual', savedToMaster: v.saveToMaster, ...args.audit?.details } });
  }
  return { changed, hearingChanged };
}

const emptyToNull = (s: string | null) => (s === null || !s.trim() ? null : s.trim());

/** Everything that keeps a request from being submitted. */
export async function submissionProblems(trx: Executor, r: RequestRow): Promise<Problem[]> {
  const items = await requestRepo.listRequestItems(trx, r.id);
  const answers = new Map((await requestRepo.listRequestAnswers(trx, r.id)).map((a) => [a.item_number, a]));
  const problems: Problem[] = [];
  for (const q of r.hearing_questions) {
    if (q.required && !(r.hearing_answers[q.key] ?? '').trim()) problems.push({ where: `/hearing/${q.key}`, messageJa: `ヒアリング「${q.label}」に回答してください`, messageEn: `answer the hearing question "${q.label}"` });
  }
  for (const i of items) {
    const a = answers.get(i.item_number);
    if (i.must_reanswer && !a?.confirmed) {
      problems.push({ where: `/items/${i.label}`, messageJa: `${i.label}: ${i.change === 'added' ? '新しく追加された' : '内容が変更された'}確認項目です。回答を確認して保存してください`, messageEn: `${i.label}: the item is ${i.change === 'added' ? 'new' : 'changed'}; review and save its answer` });
      continue;
    }
    problems.push(...answerProblems(r.answer_scheme, a ? answerOfRow(a) : undefined, i.label));
  }
  return problems;
}

/** Freezes the answers into a new submission the bank keeps, and tells the bank. */
export async function submitRequest(args: { trx: Executor; actor: AuditActor; auth: AuthContext; id: string }) {
  const { trx, auth } = args;
  const r = await requireRequest(trx, auth, args.id, 'connector');
  if (r.state !== 'sent' && r.state !== 'clarification') throw conflict('assessment.request_not_open', `この回答依頼は「${LABELS.requestState[r.state]}」のため提出できません`, `the request is ${r.state}`);
  const problems = await submissionProblems(trx, r);
  if (problems.length) throw invalid('assessment.not_ready', `提出できません。未回答・記入漏れが ${problems.length} 件あります`, `cannot submit: ${problems.length} answer(s) missing`, problems);
  const content = await snapshotOf(trx, r);
  const json = JSON.stringify(content);
  const sha256 = createHash('sha256').update(json).digest('hex');
  const last = await requestRepo.latestSubmission(trx, r.id);
  const version = (last?.version ?? 0) + 1;
  await requestRepo.insertSubmission(trx, { requestId: r.id, version, content: json, sha256, submittedBy: auth.userId });
  await requestRepo.markRequestSubmitted(trx, auth.organisation.id, r.id);
  await recordAudit(trx, args.actor, { action: 'assessment.submitted', targetType: 'assessment_request', targetId: r.id, details: { version, sha256, items: content.items.length } });
  await notify(trx, { organisationId: r.bank_id, kind: 'submitted', title: `${auth.organisation.name} が回答を提出しました`, body: `${content.connection.serviceName}: 第${version}版（${content.items.length} 項目）`, link: `/assessment/requests/${r.id}` });
  return { version, sha256 };
}

async function snapshotOf(trx: Executor, r: RequestRow): Promise<SubmissionContent> {
  const conn = await connectionOf(trx, r);
  const edition = (await catalog.repo.findEditionById(trx, r.checklist_edition_id))!;
  const ruleSet = (await catalog.repo.findRuleSetById(trx, edition.rule_set_id))!;
  const checklist = new Map((await catalog.listChecklistItems({ trx, ruleSetCode: ruleSet.code, label: edition.label })).map((c) => [c.number, c]));
  const items = await requestRepo.listRequestItems(trx, r.id);
  const answers = new Map((await requestRepo.listRequestAnswers(trx, r.id)).map((a) => [a.item_number, a]));
  const ev = await evidenceIndex(trx, r.connector_id, [...answers.values()]);
  const orgs = await organisationRepo.listOrganisations(trx, [r.bank_id, r.connector_id]);
  return {
    scheme: r.answer_scheme,
    checklist: { ruleSet: ruleSet.code, ruleSetName: ruleSet.name, edition: edition.label },
    bank: orgs.find((o) => o.id === r.bank_id)!.name,
    connector: orgs.find((o) => o.id === r.connector_id)!.name,
    connection: { serviceName: conn.service_name, apiType: conn.api_type, access: conn.access },
    hearing: r.hearing_questions.map((q) => ({ key: q.key, label: q.label, answer: r.hearing_answers[q.key] ?? null })),
    items: items.map((i) => {
      const a = answers.get(i.item_number)!;
      const c = checklist.get(i.item_number);
      return { number: i.item_number, label: i.label, category: c?.category ?? '', text: c?.text ?? null, answer: answerOfRow(a, a.evidence_ids.map((id) => ev.get(id)!).filter(Boolean)) };
    }),
  };
}

export async function withdrawRequest(args: { trx: Executor; actor: AuditActor; auth: AuthContext; id: string }) {
  const r = await requireRequest(args.trx, args.auth, args.id, 'bank');
  if (r.state === 'decided' || r.state === 'withdrawn') throw conflict('assessment.request_closed', `この回答依頼は「${LABELS.requestState[r.state]}」です`, `the request is ${r.state}`);
  await requestRepo.markRequestWithdrawn(args.trx, args.auth.organisation.id, r.id);
  await recordAudit(args.trx, args.actor, { action: 'assessment.request_withdrawn', targetType: 'assessment_request', targetId: r.id, changes: { state: [r.state, 'withdrawn'] } });
  await notify(args.trx, { organisationId: r.connector_id, kind: 'request_withdrawn', title: `${args.auth.organisation.name} が回答依頼を取り下げました`, body: '', link: `/assessment/requests/${r.id}` });
}

/** A submission exactly as the bank received it. */
export async function getSubmission(args: { trx: Executor; auth: AuthContext; id: string; version?: number }) {
  const r = await requireRequest(args.trx, args.auth, args.id);
  const subs = await requestRepo.listSubmissions(args.trx, r.id);
  const s = args.version ? subs.find((x) => x.version === args.version) : subs.at(-1);
  if (!s) throw notFound('assessment.submission_not_found', '提出された回答がありません', 'no submission');
  return { requestId: r.id, version: s.version, submittedAt: new Date(s.submitted_at).toISOString(), sha256: s.sha256, content: s.content };
}
