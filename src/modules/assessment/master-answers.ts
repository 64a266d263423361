/**
 * 回答（マスター）: a connector's answers to a checklist edition, given once and reused for every bank.
 * An answer may be conditional (for one service or one API type); every change is kept as a revision.
 * A set for a newer edition starts from the older one: unchanged items carry over, changed items are
 * marked to be answered again. Sharing is by consent, bank by bank, and can be revoked.
 */
import { z } from 'zod';
import type { Executor } from '../../db/database.js';
import { invalid, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { parseOrThrow } from '../../lib/validate.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import { catalog } from '../catalog/index.js';
import type { AuthContext } from '../identity/index.js';
import * as evidenceRepo from './evidence.repo.js';
import * as masterAnswerRepo from './master-answer.repo.js';
import * as organisationRepo from './organisation.repo.js';
import { masterAnswerInput, type Answer } from './assessment.schema.js';
import { editionItemChanges } from './edition-changes.js';
import { evidenceRefs } from './evidence-files.js';
import { notify } from './notifications.js';

type MasterRow = Awaited<ReturnType<typeof masterAnswerRepo.listMasterAnswers>>[number];

export const answerOfRow = (r: Pick<MasterRow, 'choice' | 'explanation' | 'current_state' | 'issues' | 'improvement_plan'>, evidence: Answer['evidence'] = []): Answer => ({
  choice: r.choice,
  explanation: r.explanation,
  currentState: r.current_state,
  issues: r.issues,
  improvementPlan: r.improvement_plan,
  evidence,
});

/** Loads the names and hashes of the evidence files rows cite, keyed by id. */
export async function evidenceIndex(trx: Executor, connectorId: string, rows: { evidence_ids: string[] }[]) {
  const ids = [...new Set(rows.flatMap((r) => r.evidence_ids))];
  const meta = await evidenceRepo.findEvidenceMeta(trx, connectorId, ids);
  return new Map(meta.map((m) => [m.id, { id: m.id, fileName: m.file_name, sha256: m.sha256 }]));
}

export async function resolveChecklistEdition(trx: Executor, ruleSetCode: string, label: string) {
  const { ruleSet, edition } = await catalog.requireEdition(trx, ruleSetCode, label);
  if (ruleSet.kind !== 'checklist') throw notFound('assessment.checklist_not_found', `「${ruleSet.name}」はチェックリストではありません`, `${ruleSetCode} is not a checklist`);
  return { ruleSet, edition };
}

/**
 * The connector's answer set for an edition, created on first use — from its newest set for another
 * edition of the same checklist when there is one (unchanged items carried, changed ones to re-answer).
 */
export async function ensureAnswerSet(trx: Executor, actor: AuditActor, connectorId: string, editionId: string) {
  const found = await masterAnswerRepo.findAnswerSet(trx, connectorId, editionId);
  if (found) return found;
  const edition = (await catalog.repo.findEditionById(trx, editionId))!;
  const older = await masterAnswerRepo.findLatestAnswerSetOfRuleSet(trx, connectorId, edition.rule_set_id, editionId);
  const set = await masterAnswerRepo.insertAnswerSet(trx, connectorId, { editionId, carriedFromAnswerSetId: older?.id ?? null });
  if (older) {
    const changes = new Map((await editionItemChanges(trx, older.checklist_edition_id, editionId)).map((c) => [c.number, c.change]));
    const rows = (await masterAnswerRepo.listMasterAnswers(trx, older.id)).filter((r) => changes.get(r.item_number) === 'unchanged' || changes.get(r.item_number) === 'changed');
    for (const r of rows) {
      const { id: _id, answer_set_id: _s, updated_at: _u, version: _v, ...rest } = r;
      const m = await masterAnswerRepo.insertMasterAnswer(trx, { ...rest, answer_set_id: set.id, version: 1, needs_reanswer: changes.get(r.item_number) === 'changed' });
      await masterAnswerRepo.insertMasterAnswerRevision(trx, { answerSetId: set.id, itemNumber: r.item_number, scopeService: r.scope_service, scopeApiType: r.scope_api_type, masterAnswerId: m.id, version: 1, answer: { ...answerOfRow(r), evidenceIds: r.evidence_ids, carriedFrom: older.id }, changedBy: r.updated_by });
    }
    await recordAudit(trx, actor, { action: 'assessment.answers_carried_over', organisationId: connectorId, targetType: 'answer_set', targetId: set.id, details: { from: older.id, carried: rows.length, toReanswer: rows.filter((r) => changes.get(r.item_number) === 'changed').length } });
  }
  return set;
}

function presentMaster(r: MasterRow, ev: Map<string, Answer['evidence'][number]>) {
  return {
    number: r.item_number,
    scopeService: r.scope_service,
    scopeApiType: r.scope_api_type,
    ...answerOfRow(r, r.evidence_ids.map((id) => ev.get(id)!).filter(Boolean)),
    needsReanswer: r.needs_reanswer,
    version: r.version,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The connector's own answer sets (one per checklist edition it has answered). */
export async function listAnswerSets(args: { trx: Executor; auth: AuthContext }) {
  return (await masterAnswerRepo.listAnswerSets(args.trx, args.auth.organisation.id)).map((s) => ({
    checklist: { ruleSet: s.rule_set_code, ruleSetName: s.rule_set_name, edition: s.edition_label },
    answers: Number(s.answers ?? 0),
    needsReanswer: Number(s.needs_reanswer ?? 0),
  }));
}

/**
 * The master answers of a connector for an edition, with every item of the edition. A bank reads
 * them only while the connector's consent to it is in force.
 */
export async function getMasterAnswers(args: { trx: Executor; actor: AuditActor; auth: AuthContext; ruleSet: string; edition: string; connectorId?: string }) {
  const { trx, auth } = args;
  let connectorId = auth.organisation.id;
  if (auth.organisation.type === 'bank') {
    if (!args.connectorId || !isUuid(args.connectorId) || !(await masterAnswerRepo.findActiveShare(trx, args.connectorId, auth.organisation.id))) {
      throw notFound('assessment.answers_not_shared', 'この電子決済等代行業者の回答は共有されていません', 'this connector has not shared its answers with you');
    }
    connectorId = args.connectorId;
  }
  const { ruleSet, edition } = await resolveChecklistEdition(trx, args.ruleSet, args.edition);
  const items = await catalog.listChecklistItems({ trx, ruleSetCode: ruleSet.code, label: edition.label });
  const set = auth.organisation.type === 'connector' ? await ensureAnswerSet(trx, args.actor, connectorId, edition.id) : await masterAnswerRepo.findAnswerSet(trx, connectorId, edition.id);
  const rows = set ? await masterAnswerRepo.listMasterAnswers(trx, set.id) : [];
  const ev = await evidenceIndex(trx, connectorId, rows);
  return {
    checklist: { ruleSet: ruleSet.code, ruleSetName: ruleSet.name, edition: edition.label },
    items: items.map((i) => ({
      number: i.number,
      category: i.category,
      text: i.text,
      objective: i.objective,
      answers: rows.filter((r) => r.item_number === i.number).map((r) => presentMaster(r, ev)),
    })),
  };
}

/** Saves master answers (all or nothing), each change a new revision. */
export async function saveMasterAnswers(args: { trx: Executor; actor: AuditActor; auth: AuthContext; ruleSet: string; edition: string; answers: unknown[] }) {
  const { trx, auth } = args;
  const { edition } = await resolveChecklistEdition(trx, args.ruleSet, args.edition);
  const numbers = new Set((await catalog.repo.listChecklistItems(trx, edition.id)).map((i) => i.number));
  const parsed = parseOrThrow(z.strictObject({ answers: z.array(masterAnswerInput) }), { answers: args.answers }, 'assessment.answer_invalid').answers.map((v, i) => ({ i, v }));
  const unknown = parsed.filter(({ v }) => !numbers.has(v.number));
  if (unknown.length) {
    throw invalid(
      'assessment.answer_invalid',
      `この版にない確認項目が ${unknown.length} 件あります`,
      `${unknown.length} item(s) are not in this edition`,
      unknown.map(({ i, v }) => ({ where: `/answers/${i}/number`, messageJa: `確認項目 No.${v.number} はこの版にありません`, messageEn: `item ${v.number} is not in this edition` })),
    );
  }
  const general = parsed.filter(({ v }) => v.remove && !v.scopeService && !v.scopeApiType);
  if (general.length) {
    throw invalid(
      'assessment.answer_invalid',
      '条件のない回答は削除できません。内容を書き換えてください',
      'the general answer cannot be removed; change it instead',
      general.map(({ i, v }) => ({ where: `/answers/${i}/remove`, messageJa: `No.${v.number}: 削除できるのは条件付き回答（サービス・API種別ごと）だけです`, messageEn: `item ${v.number}: only conditional answers can be removed` })),
    );
  }
  const set = await ensureAnswerSet(trx, args.actor, auth.organisation.id, edition.id);
  let changed = 0;
  const removed: { number: number; scopeService: string; scopeApiType: string; version: number; answer: Answer }[] = [];
  for (const { i, v } of parsed) {
    if (v.remove) {
      // The answer's revisions stay, and its removal is a revision of its own; the audit entry keeps what was removed.
      const key = { answerSetId: set.id, itemNumber: v.number, scopeService: v.scopeService, scopeApiType: v.scopeApiType };
      const row = await masterAnswerRepo.deleteMasterAnswer(trx, key);
      if (row) {
        removed.push({ number: row.item_number, scopeService: row.scope_service, scopeApiType: row.scope_api_type, version: row.version, answer: answerOfRow(row) });
        await masterAnswerRepo.insertMasterAnswerRevision(trx, { ...key, masterAnswerId: null, version: row.version + 1, answer: { ...answerOfRow(row), evidenceIds: row.evidence_ids }, changedBy: auth.userId, removed: true });
      }
      continue;
    }
    const evidence = v.evidenceIds ? await evidenceRefs(trx, auth.organisation.id, v.evidenceIds, `/answers/${i}/evidenceIds`) : undefined;
    changed += (await upsertMasterAnswer(trx, auth, set.id, v, evidence?.map((e) => e.id))) ? 1 : 0;
  }
  changed += removed.length;
  if (changed) await recordAudit(trx, args.actor, { action: 'assessment.master_answers_saved', targetType: 'answer_set', targetId: set.id, details: { edition: edition.label, changed, ...(removed.length ? { removed } : {}) } });
  return { changed };
}

/** Writes one master answer if anything in it differs; returns whether it did. */
export async function upsertMasterAnswer(
  trx: Executor,
  auth: AuthContext,
  answerSetId: string,
  v: { number: number; scopeService?: string; scopeApiType?: '' | 'read' | 'write'; choice?: 'yes' | 'no' | 'na' | null | undefined; explanation?: string | null | undefined; currentState?: string | null | undefined; issues?: string | null | undefined; improvementPlan?: string | null | undefined },
  evidenceIds: string[] | undefined,
) {
  const scopeService = v.scopeService ?? '';
  const scopeApiType = v.scopeApiType ?? '';
  const existing = await masterAnswerRepo.findMasterAnswer(trx, { answerSetId, itemNumber: v.number, scopeService, scopeApiType });
  const next = {
    choice: v.choice !== undefined ? v.choice : (existing?.choice ?? null),
    explanation: v.explanation !== undefined ? v.explanation : (existing?.explanation ?? null),
    current_state: v.currentState !== undefined ? v.currentState : (existing?.current_state ?? null),
    issues: v.issues !== undefined ? v.issues : (existing?.issues ?? null),
    improvement_plan: v.improvementPlan !== undefined ? v.improvementPlan : (existing?.improvement_plan ?? null),
    evidence_ids: evidenceIds ?? existing?.evidence_ids ?? [],
  };
  const same =
    existing &&
    !existing.needs_reanswer &&
    existing.choice === next.choice &&
    existing.explanation === next.explanation &&
    existing.current_state === next.current_state &&
    existing.issues === next.issues &&
    existing.improvement_plan === next.improvement_plan &&
    JSON.stringify(existing.evidence_ids) === JSON.stringify(next.evidence_ids);
  if (same) return false;
  // An answer added again after its removal goes on from the removed one's versions.
  const key = { answerSetId, itemNumber: v.number, scopeService, scopeApiType };
  const version = (existing ? existing.version : await masterAnswerRepo.lastRevisionVersion(trx, key)) + 1;
  const row = existing
    ? await masterAnswerRepo.updateMasterAnswer(trx, existing.id, { ...next, version, needs_reanswer: false, updated_by: auth.userId, updated_at: new Date() })
    : await masterAnswerRepo.insertMasterAnswer(trx, { ...next, answer_set_id: answerSetId, item_number: v.number, scope_service: scopeService, scope_api_type: scopeApiType, version, updated_by: auth.userId });
  await masterAnswerRepo.insertMasterAnswerRevision(trx, { ...key, masterAnswerId: row.id, version, answer: { ...answerOfRow(next), evidenceIds: next.evidence_ids }, changedBy: auth.userId });
  return true;
}

/** Every version of one item's master answers, newest first (per scope). */
export async function masterAnswerHistory(args: { trx: Executor; auth: AuthContext; ruleSet: string; edition: string; number: number }) {
  const { edition } = await resolveChecklistEdition(args.trx, args.ruleSet, args.edition);
  const set = await masterAnswerRepo.findAnswerSet(args.trx, args.auth.organisation.id, edition.id);
  if (!set) return [];
  return (await masterAnswerRepo.listMasterAnswerHistory(args.trx, args.auth.organisation.id, set.id, args.number)).map((r) => ({
    version: r.version,
    scopeService: r.scope_service,
    scopeApiType: r.scope_api_type,
    answer: r.answer,
    removed: r.removed,
    changedAt: new Date(r.changed_at).toISOString(),
    changedBy: r.display_name,
  }));
}

// Sharing under consent --------------------------------------------------------------------------

export async function grantShare(args: { trx: Executor; actor: AuditActor; auth: AuthContext; bankId: string }) {
  const { trx, auth } = args;
  const bank = isUuid(args.bankId) ? await organisationRepo.findOrganisation(trx, args.bankId) : undefined;
  if (!bank || bank.type !== 'bank') throw invalid('assessment.share_invalid', '共有先の金融機関が見つかりません', 'the bank does not exist', [{ where: '/bankId', messageJa: '金融機関を選んでください', messageEn: 'choose a bank' }]);
  if (await masterAnswerRepo.findActiveShare(trx, auth.organisation.id, bank.id)) return { granted: false };
  const row = await masterAnswerRepo.insertShare(trx, auth.organisation.id, { bankId: bank.id, grantedBy: auth.userId });
  await recordAudit(trx, args.actor, { action: 'assessment.share_granted', targetType: 'answer_share', targetId: row.id, details: { bankId: bank.id, bank: bank.name } });
  await notify(trx, { organisationId: bank.id, kind: 'share_granted', title: `${auth.organisation.name} が回答（マスター）の共有に同意しました`, body: '回答依頼を送ると、共有された回答が事前入力されます。', link: '/assessment/shared' });
  return { granted: true };
}

/**
 * Revokes a bank's access to the master answers: it sees no future updates. Submissions it already
 * received are its own frozen copies and are never touched.
 */
export async function revokeShare(args: { trx: Executor; actor: AuditActor; auth: AuthContext; bankId: string }) {
  const { trx, auth } = args;
  const share = isUuid(args.bankId) ? await masterAnswerRepo.findActiveShare(trx, auth.organisation.id, args.bankId) : undefined;
  if (!share) throw notFound('assessment.share_not_found', 'この金融機関への共有はありません', 'no active share with this bank');
  await masterAnswerRepo.revokeShare(trx, auth.organisation.id, { shareId: share.id, revokedBy: auth.userId });
  await recordAudit(trx, args.actor, { action: 'assessment.share_revoked', targetType: 'answer_share', targetId: share.id, details: { bankId: share.bank_id } });
  await notify(trx, { organisationId: share.bank_id, kind: 'share_revoked', title: `${auth.organisation.name} が回答（マスター）の共有を取り消しました`, body: '提出済みの回答（スナップショット）は引き続き閲覧できます。今後の更新は共有されません。' });
}

export async function listShares(args: { trx: Executor; auth: AuthContext }) {
  return (await masterAnswerRepo.listShares(args.trx, args.auth.organisation.id)).map((s) => ({
    id: s.id,
    bank: { id: s.bank_id, name: s.bank_name },
    connector: { id: s.connector_id, name: s.connector_name },
    grantedAt: new Date(s.granted_at).toISOString(),
    revokedAt: s.revoked_at ? new Date(s.revoked_at).toISOString() : null,
    active: s.revoked_at === null,
  }));
}
