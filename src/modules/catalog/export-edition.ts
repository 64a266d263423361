/** Exporting an edition (or a recorded comparison) in the interchange format, without loss. */
import type { Executor } from '../../db/database.js';
import { notFound } from '../../lib/errors.js';
import * as repo from './catalog.repo.js';
import { FORMAT_ID, type InterchangeDocument } from './interchange.schema.js';
import { requireEdition } from './read-catalog.js';

/** Drops null and undefined fields so that an exported document reads like a hand-written one. */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}

export async function exportEdition(args: { trx: Executor; ruleSetCode: string; label: string }): Promise<InterchangeDocument> {
  const { trx } = args;
  const { ruleSet, edition } = await requireEdition(trx, args.ruleSetCode, args.label);
  const base = edition.based_on_edition_id ? await repo.findEditionById(trx, edition.based_on_edition_id) : undefined;
  const revisions = await repo.listPartialRevisions(trx, edition.id);
  const rs = compact({
    code: ruleSet.code,
    name: ruleSet.name,
    shortName: ruleSet.short_name,
    kind: ruleSet.kind as never,
    publisher: ruleSet.publisher,
    // Written only for a sample, so that exports of publications read as before.
    sample: ruleSet.is_sample ? true : undefined,
  });
  const ed = compact({
    label: edition.label,
    publishedOn: edition.published_on,
    status: edition.status as never,
    basedOn: base?.label,
    source: edition.source,
    partialRevisions: revisions.map((r) => ({ revisedOn: r.revised_on, body: r.body, summary: r.summary })),
  });
  if (ruleSet.kind === 'checklist') {
    const items = await repo.listChecklistItems(trx, edition.id);
    const refs = await repo.listCrossReferencesOfEdition(trx, edition.id);
    return {
      format: FORMAT_ID,
      kind: 'checklistEdition',
      ruleSet: { ...rs, kind: 'checklist' },
      edition: ed,
      items: items.map((it) =>
        compact({
          number: it.number,
          category: it.category,
          text: it.text,
          objective: it.objective,
          guidance: it.guidance,
          subjectParty: it.subject_party,
          appliesTo: it.applies_to as ('read' | 'write')[] | null,
          references: refs
            .filter((r) => r.checklist_item_id === it.id)
            .map((r) => compact({ ruleSet: r.rule_set_code, provision: r.provision_code, subPart: r.sub_part })),
          remarks: it.remarks,
        }),
      ),
    } as InterchangeDocument;
  }
  const provisions = await repo.listProvisions(trx, edition.id);
  return {
    format: FORMAT_ID,
    kind: 'ruleSetEdition',
    ruleSet: rs,
    edition: ed,
    provisions: provisions.map((p) =>
      compact({
        code: p.code,
        kind: p.kind as never,
        title: p.title,
        text: p.text,
        textIsExcerpt: p.text_is_excerpt,
        parent: p.parent_code,
      }),
    ),
  } as InterchangeDocument;
}

export async function exportRecordedComparison(args: {
  trx: Executor;
  ruleSetCode: string;
  from: string;
  to: string;
}): Promise<InterchangeDocument> {
  const { trx } = args;
  const { edition: from } = await requireEdition(trx, args.ruleSetCode, args.from);
  const { edition: to } = await requireEdition(trx, args.ruleSetCode, args.to);
  const rec = await repo.findRecordedComparison(trx, from.id, to.id);
  if (!rec) {
    throw notFound(
      'catalog.recorded_comparison_not_found',
      `「${args.from}」→「${args.to}」の公表済み対照は登録されていません`,
      `no recorded comparison ${args.from} → ${args.to}`,
    );
  }
  const rows = await repo.listRecordedRows(trx, rec.id);
  return {
    format: FORMAT_ID,
    kind: 'recordedComparison',
    ruleSet: args.ruleSetCode,
    from: args.from,
    to: args.to,
    source: rec.source,
    rows: rows.map((r) =>
      compact({ provisions: r.provision_codes, label: r.label, printedText: r.printed_text, tag: r.tag, summary: r.summary }),
    ),
  } as InterchangeDocument;
}
