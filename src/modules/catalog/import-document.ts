/**
 * Importing interchange documents. Everything is checked first and every problem reported with its
 * JSON pointer; nothing is written unless the whole document (or set of documents) is valid.
 */
import type { Executor } from '../../db/database.js';
import { invalid, type Problem } from '../../lib/errors.js';
import { provisionSortKey } from '../../lib/provision-code.js';
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '../audit/index.js';
import * as repo from './catalog.repo.js';
import type {
  ChecklistEditionDocument,
  InterchangeDocument,
  RecordedComparisonDocument,
  RuleSetEditionDocument,
  RuleSetInput,
} from './interchange.schema.js';

export interface ImportResult {
  kind: InterchangeDocument['kind'];
  ruleSet: string;
  edition: string;
  /** provisions, items, cross-references or rows written */
  counts: Record<string, number>;
}

const p = (where: string, messageJa: string, messageEn: string): Problem => ({ where, messageJa, messageEn });

/** Imports several documents in order, in the caller's transaction; all or nothing. */
export async function importDocuments(args: {
  trx: Executor;
  documents: { doc: InterchangeDocument; fileName: string }[];
  actor?: AuditActor;
}): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const { doc, fileName } of args.documents) {
    try {
      results.push(await importDocument({ trx: args.trx, doc, actor: args.actor, fileName }));
    } catch (e) {
      // Name the file in each problem when several are imported together.
      if (args.documents.length > 1 && e instanceof Error && 'problems' in e) {
        for (const pr of (e as { problems: Problem[] }).problems) pr.where = `${fileName}: ${pr.where}`;
      }
      throw e;
    }
  }
  return results;
}

/** Imports one document and records it in the audit log, in the caller's transaction. */
export async function importDocument(args: { trx: Executor; doc: InterchangeDocument; actor?: AuditActor | undefined; fileName?: string }): Promise<ImportResult> {
  const { trx, doc } = args;
  const result =
    doc.kind === 'ruleSetEdition'
      ? await importRuleSetEdition(trx, doc)
      : doc.kind === 'checklistEdition'
        ? await importChecklistEdition(trx, doc)
        : await importRecordedComparison(trx, doc);
  await recordAudit(trx, args.actor ?? SYSTEM_ACTOR, {
    action: 'catalog.imported',
    targetType: doc.kind,
    targetId: `${result.ruleSet} ${result.edition}`,
    details: { fileName: args.fileName ?? null, counts: result.counts },
  });
  return result;
}

function fail(problems: Problem[]): never {
  throw invalid(
    'catalog.import_invalid',
    `取り込みできません（問題 ${problems.length} 件）。何も登録していません。`,
    `Cannot import (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was written.`,
    problems,
  );
}

/** Checks the rule set and edition header shared by both edition kinds. */
async function checkHeader(
  trx: Executor,
  doc: { ruleSet: RuleSetInput; edition: { label: string; basedOn?: string | undefined } },
  problems: Problem[],
) {
  const existing = await repo.findRuleSetByCode(trx, doc.ruleSet.code);
  let basedOnId: string | null = null;
  if (existing) {
    if (existing.kind !== doc.ruleSet.kind) {
      problems.push(
        p(
          '/ruleSet/kind',
          `規程・基準「${existing.code}」は種別 ${existing.kind} で登録済みです（ファイルでは ${doc.ruleSet.kind}）`,
          `rule set ${existing.code} exists with kind ${existing.kind} (the file says ${doc.ruleSet.kind})`,
        ),
      );
    }
    // Adding our own text to a publication's rule set (or the reverse) would blur which is which.
    if (existing.is_sample !== (doc.ruleSet.sample ?? false)) {
      problems.push(
        existing.is_sample
          ? p('/ruleSet/sample', `規程・基準「${existing.code}」はサンプルとして登録済みです（sample: true を指定してください）`, `rule set ${existing.code} is a sample (say sample: true)`)
          : p('/ruleSet/sample', `規程・基準「${existing.code}」はサンプルではありません（sample: true は指定できません）`, `rule set ${existing.code} is not a sample (sample: true is not allowed)`),
      );
    }
    if (await repo.findEdition(trx, existing.id, doc.edition.label)) {
      problems.push(
        p(
          '/edition/label',
          `版「${doc.edition.label}」は「${existing.name}」に既に登録されています`,
          `edition ${doc.edition.label} of ${existing.code} already exists`,
        ),
      );
    }
  }
  if (doc.edition.basedOn) {
    const base = existing ? await repo.findEdition(trx, existing.id, doc.edition.basedOn) : undefined;
    if (!base) {
      problems.push(
        p('/edition/basedOn', `基にした版「${doc.edition.basedOn}」が見つかりません`, `base edition ${doc.edition.basedOn} not found`),
      );
    } else basedOnId = base.id;
  }
  return { existing, basedOnId };
}

async function writeHeader(
  trx: Executor,
  doc: RuleSetEditionDocument | ChecklistEditionDocument,
  existing: Awaited<ReturnType<typeof repo.findRuleSetByCode>>,
  basedOnId: string | null,
) {
  const ruleSet =
    existing ??
    (await repo.insertRuleSet(trx, {
      code: doc.ruleSet.code,
      name: doc.ruleSet.name,
      short_name: doc.ruleSet.shortName ?? null,
      kind: doc.ruleSet.kind,
      publisher: doc.ruleSet.publisher ?? null,
      is_sample: doc.ruleSet.sample ?? false,
    }));
  const edition = await repo.insertEdition(trx, {
    rule_set_id: ruleSet.id,
    label: doc.edition.label,
    published_on: doc.edition.publishedOn ?? null,
    status: doc.edition.status,
    based_on_edition_id: basedOnId,
    source: doc.edition.source ?? null,
  });
  await repo.insertPartialRevisions(
    trx,
    doc.edition.partialRevisions.map((r, i) => ({
      edition_id: edition.id,
      position: i,
      revised_on: r.revisedOn,
      body: r.body,
      summary: r.summary,
    })),
  );
  return { ruleSet, edition };
}

async function importRuleSetEdition(trx: Executor, doc: RuleSetEditionDocument): Promise<ImportResult> {
  const problems: Problem[] = [];
  const { existing, basedOnId } = await checkHeader(trx, doc, problems);
  if (problems.length) fail(problems);
  const { edition } = await writeHeader(trx, doc, existing, basedOnId);
  await repo.insertProvisions(
    trx,
    doc.provisions.map((pr, i) => ({
      edition_id: edition.id,
      code: pr.code,
      sort_key: provisionSortKey(pr.code),
      position: i,
      kind: pr.kind,
      title: pr.title ?? null,
      text: pr.text ?? null,
      text_is_excerpt: pr.textIsExcerpt,
      parent_code: pr.parent ?? null,
    })),
  );
  return { kind: doc.kind, ruleSet: doc.ruleSet.code, edition: doc.edition.label, counts: { provisions: doc.provisions.length } };
}

async function importChecklistEdition(trx: Executor, doc: ChecklistEditionDocument): Promise<ImportResult> {
  const problems: Problem[] = [];
  const { existing, basedOnId } = await checkHeader(trx, doc, problems);

  // Resolve every cited rule set and provision code before writing anything.
  const ruleSetIds = new Map<string, string | null>();
  const wanted = new Map<string, Set<string>>();
  for (const item of doc.items) {
    for (const ref of item.references) {
      if (!ruleSetIds.has(ref.ruleSet)) ruleSetIds.set(ref.ruleSet, (await repo.findRuleSetByCode(trx, ref.ruleSet))?.id ?? null);
      if (!wanted.has(ref.ruleSet)) wanted.set(ref.ruleSet, new Set());
      wanted.get(ref.ruleSet)!.add(ref.provision);
    }
  }
  const known = new Map<string, Set<string>>();
  for (const [code, codes] of wanted) {
    const id = ruleSetIds.get(code);
    known.set(code, id ? await repo.existingProvisionCodes(trx, id, [...codes]) : new Set());
  }
  doc.items.forEach((item, i) =>
    item.references.forEach((ref, j) => {
      const base = `/items/${i}/references/${j}`;
      if (!ruleSetIds.get(ref.ruleSet)) {
        problems.push(
          p(`${base}/ruleSet`, `参照先の規程・基準「${ref.ruleSet}」が登録されていません（先に取り込んでください）`, `cited rule set ${ref.ruleSet} is not in the catalog (import it first)`),
        );
      } else if (!known.get(ref.ruleSet)!.has(ref.provision)) {
        problems.push(
          p(`${base}/provision`, `「${ref.ruleSet}」に基準番号「${ref.provision}」がありません`, `rule set ${ref.ruleSet} has no provision ${ref.provision}`),
        );
      }
    }),
  );
  if (problems.length) fail(problems);

  const { edition } = await writeHeader(trx, doc, existing, basedOnId);
  const inserted = await repo.insertChecklistItems(
    trx,
    doc.items.map((it) => ({
      edition_id: edition.id,
      number: it.number,
      category: it.category,
      text: it.text ?? null,
      objective: it.objective ?? null,
      guidance: it.guidance ?? null,
      subject_party: it.subjectParty ?? null,
      applies_to: it.appliesTo ?? null,
      remarks: it.remarks ?? null,
    })),
  );
  const idByNumber = new Map(inserted.map((r) => [r.number, r.id]));
  const refs = doc.items.flatMap((it) =>
    it.references.map((ref, j) => ({
      checklist_item_id: idByNumber.get(it.number)!,
      position: j,
      target_rule_set_id: ruleSetIds.get(ref.ruleSet)!,
      provision_code: ref.provision,
      sub_part: ref.subPart ?? null,
    })),
  );
  await repo.insertCrossReferences(trx, refs);
  return {
    kind: doc.kind,
    ruleSet: doc.ruleSet.code,
    edition: doc.edition.label,
    counts: { items: doc.items.length, crossReferences: refs.length },
  };
}

async function importRecordedComparison(trx: Executor, doc: RecordedComparisonDocument): Promise<ImportResult> {
  const problems: Problem[] = [];
  const ruleSet = await repo.findRuleSetByCode(trx, doc.ruleSet);
  if (!ruleSet) {
    problems.push(p('/ruleSet', `規程・基準「${doc.ruleSet}」が登録されていません`, `rule set ${doc.ruleSet} is not in the catalog`));
    fail(problems);
  }
  const from = await repo.findEdition(trx, ruleSet.id, doc.from);
  const to = await repo.findEdition(trx, ruleSet.id, doc.to);
  if (!from) problems.push(p('/from', `版「${doc.from}」が見つかりません`, `edition ${doc.from} not found`));
  if (!to) problems.push(p('/to', `版「${doc.to}」が見つかりません`, `edition ${doc.to} not found`));
  if (from && to) {
    if (await repo.findRecordedComparison(trx, from.id, to.id)) {
      problems.push(
        p('/to', `「${doc.from}」→「${doc.to}」の公表済み対照は既に登録されています`, `a recorded comparison ${doc.from} → ${doc.to} already exists`),
      );
    }
    const inTo = new Set((await repo.listProvisions(trx, to.id)).map((x) => x.code));
    const inFrom = new Set((await repo.listProvisions(trx, from.id)).map((x) => x.code));
    doc.rows.forEach((row, i) =>
      row.provisions.forEach((code, j) => {
        if (!inTo.has(code) && !inFrom.has(code)) {
          problems.push(
            p(`/rows/${i}/provisions/${j}`, `基準番号「${code}」は「${doc.from}」にも「${doc.to}」にもありません`, `provision ${code} is in neither ${doc.from} nor ${doc.to}`),
          );
        }
      }),
    );
  }
  if (problems.length) fail(problems);
  const rec = await repo.insertRecordedComparison(trx, {
    rule_set_id: ruleSet.id,
    from_edition_id: from!.id,
    to_edition_id: to!.id,
    source: doc.source,
  });
  await repo.insertRecordedRows(
    trx,
    doc.rows.map((r, i) => ({
      recorded_comparison_id: rec.id,
      position: i,
      provision_codes: r.provisions,
      label: r.label ?? null,
      printed_text: r.printedText,
      tag: r.tag,
      summary: r.summary ?? null,
    })),
  );
  return { kind: doc.kind, ruleSet: doc.ruleSet, edition: `${doc.from} → ${doc.to}`, counts: { rows: doc.rows.length } };
}
