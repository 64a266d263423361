/**
 * 確認シート（テンプレート）: a bank's tailoring of a checklist edition — which items, for which API
 * and access types, with a recorded reason for every excluded item; the bank's own labels (Sec-1…)
 * and order; the answer scheme; and extra hearing questions. When a newer edition of the checklist
 * is published, a template is carried over to it: labels and choices stay, new items are included.
 */
import type { Executor } from '../../db/database.js';
import { invalid, notFound, type Problem } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { parseOrThrow } from '../../lib/validate.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import { catalog } from '../catalog/index.js';
import type { AuthContext } from '../identity/index.js';
import * as templateRepo from './template.repo.js';
import { hearingQuestion, templateInput, type ApiType } from './assessment.schema.js';
import { editionItemChanges, newerEdition } from './edition-changes.js';

export const templateNotFound = () => notFound('assessment.template_not_found', '確認シートが見つかりません', 'template not found');

export async function requireTemplate(trx: Executor, auth: AuthContext, id: string) {
  const t = isUuid(id) ? await templateRepo.findTemplate(trx, auth.organisation.id, id) : undefined;
  if (!t) throw templateNotFound();
  return t;
}

/** The items a template asks for a connection of this API and access type, in the bank's order. */
export function itemsForConnection(items: Awaited<ReturnType<typeof templateRepo.listTemplateItems>>, apiType: ApiType, access: 'private' | 'public') {
  return items.filter((i) => i.included && (!i.api_types || i.api_types.includes(apiType)) && (!i.access_types || i.access_types.includes(access)));
}

export async function createTemplate(args: { trx: Executor; actor: AuditActor; auth: AuthContext; input: unknown; basedOnTemplateId?: string | null }) {
  const { trx, auth } = args;
  const v = parseOrThrow(templateInput, args.input, 'assessment.template_invalid');
  const { ruleSet, edition } = await catalog.requireEdition(trx, v.checklist.ruleSet, v.checklist.edition);
  if (ruleSet.kind !== 'checklist') {
    throw invalid('assessment.template_invalid', `「${ruleSet.name}」はチェックリストではありません`, `${ruleSet.code} is not a checklist`, [{ where: '/checklist/ruleSet', messageJa: 'チェックリストを選んでください', messageEn: 'choose a checklist' }]);
  }
  const checklistItems = await catalog.repo.listChecklistItems(trx, edition.id);
  if (!checklistItems.length) throw invalid('assessment.template_invalid', 'この版には確認項目がありません', 'this edition has no checklist items');
  const problems: Problem[] = [];
  const given = new Map<number, (typeof v.items)[number]>();
  v.items.forEach((it, i) => {
    if (!checklistItems.some((c) => c.number === it.number)) problems.push({ where: `/items/${i}/number`, messageJa: `確認項目 No.${it.number} はこの版にありません`, messageEn: `item ${it.number} is not in this edition` });
    if (given.has(it.number)) problems.push({ where: `/items/${i}/number`, messageJa: `確認項目 No.${it.number} が重複しています`, messageEn: `item ${it.number} is listed twice` });
    if (!it.included && !it.exclusionReason) problems.push({ where: `/items/${i}/exclusionReason`, messageJa: `No.${it.number} を対象外とする理由を記入してください`, messageEn: `give the reason for excluding item ${it.number}` });
    given.set(it.number, it);
  });
  const questionKeys = new Set<string>();
  v.hearingQuestions.forEach((q, i) => {
    if (questionKeys.has(q.key)) problems.push({ where: `/hearingQuestions/${i}/key`, messageJa: `ヒアリング項目のキー「${q.key}」が重複しています`, messageEn: `hearing question key ${q.key} is used twice` });
    if (q.kind === 'choice' && !q.choices?.length) problems.push({ where: `/hearingQuestions/${i}/choices`, messageJa: '選択式の項目には選択肢を指定してください', messageEn: 'a choice question needs choices' });
    questionKeys.add(q.key);
  });
  // Items a checklist marks as 参照系-only or 更新系-only are asked only for that API type, unless the bank says otherwise.
  const rows = checklistItems
    .map((c) => {
      const g = given.get(c.number);
      const own = c.applies_to?.filter((t): t is ApiType => v.apiTypes.includes(t as ApiType)) ?? null;
      const apiTypes = g?.apiTypes !== undefined ? g.apiTypes : own && own.length > 0 && own.length < v.apiTypes.length ? own : null;
      return { c, g, apiTypes, applies: !own || own.length > 0 };
    })
    .sort((a, b) => (a.g?.position ?? a.c.number) - (b.g?.position ?? b.c.number) || a.c.number - b.c.number);
  let n = 0;
  const labels = new Set<string>();
  const values = rows.map(({ c, g, apiTypes, applies }, position) => {
    // An item the checklist applies only to API types this template does not serve is left out, with that reason.
    const included = applies ? (g?.included ?? true) : false;
    const label = g?.label ?? (included && v.labelPrefix ? `${v.labelPrefix}${++n}` : String(c.number));
    if (included && labels.has(label)) problems.push({ where: '/items', messageJa: `行内番号「${label}」が重複しています`, messageEn: `label ${label} is used twice` });
    labels.add(label);
    return {
      item_number: c.number,
      position,
      label,
      included,
      exclusion_reason: included ? null : (g?.exclusionReason ?? 'このシートの API 種別には適用されない確認項目'),
      api_types: apiTypes,
      access_types: g?.accessTypes ?? null,
    };
  });
  if (!values.some((x) => x.included)) problems.push({ where: '/items', messageJa: '対象とする確認項目がありません', messageEn: 'no item is included' });
  if (problems.length) throw invalid('assessment.template_invalid', `確認シートに ${problems.length} 件の問題があります`, `The template has ${problems.length} problem(s)`, problems);
  const t = await templateRepo.insertTemplate(trx, auth.organisation.id, {
    checklist_edition_id: edition.id,
    name: v.name,
    answer_scheme: v.answerScheme,
    api_types: v.apiTypes,
    access_types: v.accessTypes,
    hearing_questions: v.hearingQuestions,
    based_on_template_id: args.basedOnTemplateId ?? null,
  });
  await templateRepo.insertTemplateItems(trx, t.id, values);
  await recordAudit(trx, args.actor, {
    action: 'assessment.template_created',
    targetType: 'assessment_template',
    targetId: t.id,
    details: { name: v.name, edition: `${ruleSet.code} ${edition.label}`, included: values.filter((x) => x.included).length, excluded: values.filter((x) => !x.included).length },
  });
  return { id: t.id };
}

export async function listTemplates(args: { trx: Executor; auth: AuthContext }) {
  const rows = await templateRepo.listTemplates(args.trx, args.auth.organisation.id);
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    checklist: { ruleSet: t.rule_set_code, ruleSetName: t.rule_set_name, edition: t.edition_label },
    answerScheme: t.answer_scheme,
    apiTypes: t.api_types,
    accessTypes: t.access_types,
    status: t.status,
    includedCount: Number(t.included_count ?? 0),
    basedOnTemplateId: t.based_on_template_id,
    createdAt: new Date(t.created_at).toISOString(),
  }));
}

export async function getTemplate(args: { trx: Executor; auth: AuthContext; id: string }) {
  const { trx } = args;
  const t = await requireTemplate(trx, args.auth, args.id);
  const edition = (await catalog.repo.findEditionById(trx, t.checklist_edition_id))!;
  const ruleSet = (await catalog.repo.findRuleSetById(trx, edition.rule_set_id))!;
  const checklist = await catalog.listChecklistItems({ trx, ruleSetCode: ruleSet.code, label: edition.label });
  const byNumber = new Map(checklist.map((c) => [c.number, c]));
  const items = await templateRepo.listTemplateItems(trx, t.id);
  const newer = await newerEdition(trx, edition);
  return {
    id: t.id,
    name: t.name,
    checklist: { ruleSet: ruleSet.code, ruleSetName: ruleSet.name, edition: edition.label, sample: ruleSet.is_sample },
    answerScheme: t.answer_scheme,
    apiTypes: t.api_types,
    accessTypes: t.access_types,
    status: t.status,
    hearingQuestions: t.hearing_questions,
    basedOnTemplateId: t.based_on_template_id,
    items: items.map((i) => {
      const c = byNumber.get(i.item_number);
      return {
        number: i.item_number,
        label: i.label,
        included: i.included,
        exclusionReason: i.exclusion_reason,
        apiTypes: i.api_types,
        accessTypes: i.access_types,
        category: c?.category ?? null,
        text: c?.text ?? null,
        objective: c?.objective ?? null,
      };
    }),
    newerEdition: newer ? { label: newer.label, changes: await editionItemChanges(trx, edition.id, newer.id) } : null,
  };
}

/**
 * Carries a template over to a newer edition of its checklist: the same labels, choices and reasons for
 * the items that remain, new items included (labelled after the last), removed items dropped. The old
 * template is archived; requests already sent keep it.
 */
export async function upgradeTemplate(args: { trx: Executor; actor: AuditActor; auth: AuthContext; id: string; toEdition?: string }) {
  const { trx } = args;
  const t = await requireTemplate(trx, args.auth, args.id);
  if (t.status !== 'active') throw invalid('assessment.template_archived', 'この確認シートは既に新しい版へ移行されています', 'this template has been carried over already');
  const edition = (await catalog.repo.findEditionById(trx, t.checklist_edition_id))!;
  const ruleSet = (await catalog.repo.findRuleSetById(trx, edition.rule_set_id))!;
  const target = args.toEdition ? (await catalog.requireEdition(trx, ruleSet.code, args.toEdition)).edition : await newerEdition(trx, edition);
  if (!target || target.id === edition.id) throw invalid('assessment.no_newer_edition', '移行先の新しい版がありません', 'there is no newer edition to carry the template over to');
  const old = await templateRepo.listTemplateItems(trx, t.id);
  const targetItems = await catalog.repo.listChecklistItems(trx, target.id);
  const prefix = /^(.*?)(\d+)$/.exec(old.find((o) => o.included)?.label ?? '')?.[1] ?? null;
  let last = Math.max(0, ...old.map((o) => Number(/(\d+)$/.exec(o.label)?.[1] ?? 0)));
  const items = targetItems.map((c) => {
    const o = old.find((x) => x.item_number === c.number);
    if (o) return { number: c.number, included: o.included, exclusionReason: o.exclusion_reason, label: o.label, position: o.position, apiTypes: o.api_types, accessTypes: o.access_types };
    return { number: c.number, included: true, exclusionReason: null, label: prefix !== null && prefix !== '' ? `${prefix}${++last}` : String(c.number), position: old.length + c.number };
  });
  const created = await createTemplate({
    trx,
    actor: args.actor,
    auth: args.auth,
    basedOnTemplateId: t.id,
    input: {
      name: t.name,
      checklist: { ruleSet: ruleSet.code, edition: target.label },
      answerScheme: t.answer_scheme,
      apiTypes: t.api_types,
      accessTypes: t.access_types,
      items,
      hearingQuestions: t.hearing_questions.map((q) => hearingQuestion.parse(q)),
    },
  });
  await templateRepo.archiveTemplate(trx, args.auth.organisation.id, t.id);
  await recordAudit(trx, args.actor, { action: 'assessment.template_upgraded', targetType: 'assessment_template', targetId: created.id, details: { from: t.id, edition: target.label } });
  return created;
}
