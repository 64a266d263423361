/** Read use cases of the catalog: rule sets, editions, provisions, checklist items, citations. */
import type { Executor } from '../../db/database.js';
import { notFound } from '../../lib/errors.js';
import { normalizeProvisionCode } from '../../lib/provision-code.js';
import * as repo from './catalog.repo.js';

export async function requireRuleSet(trx: Executor, code: string) {
  const rs = await repo.findRuleSetByCode(trx, code);
  if (!rs) throw notFound('catalog.rule_set_not_found', `規程・基準「${code}」が見つかりません`, `rule set ${code} not found`);
  return rs;
}

export async function requireEdition(trx: Executor, ruleSetCode: string, label: string) {
  const rs = await requireRuleSet(trx, ruleSetCode);
  const ed = await repo.findEdition(trx, rs.id, label);
  if (!ed) {
    throw notFound('catalog.edition_not_found', `「${rs.name}」の版「${label}」が見つかりません`, `edition ${label} of ${ruleSetCode} not found`);
  }
  return { ruleSet: rs, edition: ed };
}

export async function listRuleSets(args: { trx: Executor }) {
  const rows = await repo.listRuleSets(args.trx);
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind,
    publisher: r.publisher,
    sample: r.is_sample,
    editionCount: Number(r.edition_count ?? 0),
  }));
}

function presentEdition(e: { label: string; published_on: string | null; status: string; source: string | null }, basedOn: string | null) {
  return { label: e.label, publishedOn: e.published_on, status: e.status, basedOn, source: e.source };
}

export async function getRuleSet(args: { trx: Executor; code: string }) {
  const rs = await requireRuleSet(args.trx, args.code);
  const editions = await repo.listEditions(args.trx, rs.id);
  const labelById = new Map(editions.map((e) => [e.id, e.label]));
  return {
    code: rs.code,
    name: rs.name,
    shortName: rs.short_name,
    kind: rs.kind,
    publisher: rs.publisher,
    sample: rs.is_sample,
    editions: editions.map((e) => presentEdition(e, e.based_on_edition_id ? (labelById.get(e.based_on_edition_id) ?? null) : null)),
  };
}

export async function getEdition(args: { trx: Executor; ruleSetCode: string; label: string }) {
  const { ruleSet, edition } = await requireEdition(args.trx, args.ruleSetCode, args.label);
  const base = edition.based_on_edition_id ? await repo.findEditionById(args.trx, edition.based_on_edition_id) : undefined;
  const revisions = await repo.listPartialRevisions(args.trx, edition.id);
  return {
    ruleSet: { code: ruleSet.code, name: ruleSet.name, kind: ruleSet.kind, sample: ruleSet.is_sample },
    ...presentEdition(edition, base?.label ?? null),
    partialRevisions: revisions.map((r) => ({ revisedOn: r.revised_on, body: r.body, summary: r.summary })),
  };
}

export function presentProvision(p: {
  code: string;
  kind: string;
  title: string | null;
  text: string | null;
  text_is_excerpt: boolean;
  parent_code: string | null;
  position: number;
}) {
  return {
    code: p.code,
    kind: p.kind,
    title: p.title,
    text: p.text,
    textIsExcerpt: p.text_is_excerpt,
    parent: p.parent_code,
    position: p.position,
  };
}

/** Provisions of an edition; `q` matches a code (normalised, so "統 14" finds 統14) or text. */
export async function listProvisions(args: { trx: Executor; ruleSetCode: string; label: string; q?: string | undefined }) {
  const { edition } = await requireEdition(args.trx, args.ruleSetCode, args.label);
  const q = args.q?.trim();
  if (!q) return (await repo.listProvisions(args.trx, edition.id)).map(presentProvision);
  const byText = await repo.listProvisions(args.trx, edition.id, { q });
  const normalized = normalizeProvisionCode(q);
  const byCode = normalized !== q ? await repo.listProvisions(args.trx, edition.id, { q: normalized }) : [];
  const seen = new Set<string>();
  return [...byText, ...byCode]
    .filter((p) => (seen.has(p.code) ? false : (seen.add(p.code), true)))
    .sort((a, b) => a.position - b.position)
    .map(presentProvision);
}

/** One provision with the checklist items that cite it (the reverse direction of a cross-reference). */
export async function getProvision(args: { trx: Executor; ruleSetCode: string; label: string; code: string }) {
  const { ruleSet, edition } = await requireEdition(args.trx, args.ruleSetCode, args.label);
  const code = normalizeProvisionCode(args.code);
  const p = await repo.findProvision(args.trx, edition.id, code);
  if (!p) {
    throw notFound('catalog.provision_not_found', `基準番号「${code}」は「${args.label}」にありません`, `provision ${code} not found in ${args.label}`);
  }
  const citations = await repo.listCitationsOfProvision(args.trx, ruleSet.id, code);
  return {
    ...presentProvision(p),
    citedBy: citations.map((c) => ({
      checklist: c.checklist_code,
      checklistName: c.checklist_name,
      checklistSample: c.checklist_is_sample,
      edition: c.edition_label,
      number: c.number,
      category: c.category,
      text: c.text,
      objective: c.objective,
      subPart: c.sub_part,
    })),
  };
}

/** Checklist items of a checklist edition with their cross-references. */
export async function listChecklistItems(args: { trx: Executor; ruleSetCode: string; label: string }) {
  const { edition } = await requireEdition(args.trx, args.ruleSetCode, args.label);
  const items = await repo.listChecklistItems(args.trx, edition.id);
  const refs = await repo.listCrossReferencesOfEdition(args.trx, edition.id);
  const byItem = new Map<string, typeof refs>();
  for (const r of refs) {
    if (!byItem.has(r.checklist_item_id)) byItem.set(r.checklist_item_id, []);
    byItem.get(r.checklist_item_id)!.push(r);
  }
  return items.map((it) => ({
    number: it.number,
    category: it.category,
    text: it.text,
    objective: it.objective,
    guidance: it.guidance,
    subjectParty: it.subject_party,
    appliesTo: it.applies_to,
    references: (byItem.get(it.id) ?? []).map((r) => ({
      ruleSet: r.rule_set_code,
      ruleSetName: r.rule_set_name,
      ruleSetSample: r.rule_set_is_sample,
      provision: r.provision_code,
      subPart: r.sub_part,
    })),
    remarks: it.remarks,
  }));
}

export async function getChecklistItem(args: { trx: Executor; ruleSetCode: string; label: string; number: number }) {
  const items = await listChecklistItems(args);
  const item = items.find((i) => i.number === args.number);
  if (!item) {
    throw notFound('catalog.item_not_found', `確認項目 No.${args.number} は「${args.label}」にありません`, `checklist item ${args.number} not found in ${args.label}`);
  }
  return item;
}
