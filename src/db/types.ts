/** Table types for Kysely. Kept by hand next to the migrations that create the tables. */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface RuleSetTable {
  id: Generated<string>;
  code: string;
  name: string;
  short_name: string | null;
  kind: string;
  publisher: string | null;
  created_at: Timestamp;
}

export interface EditionTable {
  id: Generated<string>;
  rule_set_id: string;
  label: string;
  /** YYYY-MM-DD or YYYY-MM: sources often give the month only (「2024年3月」). */
  published_on: string | null;
  status: string;
  based_on_edition_id: string | null;
  source: string | null;
  created_at: Timestamp;
}

export interface PartialRevisionTable {
  id: Generated<string>;
  edition_id: string;
  position: number;
  revised_on: string;
  body: string;
  summary: string;
}

export interface ProvisionTable {
  id: Generated<string>;
  edition_id: string;
  code: string;
  sort_key: string;
  position: number;
  kind: string;
  title: string | null;
  text: string | null;
  text_is_excerpt: boolean;
  parent_code: string | null;
}

export interface ChecklistItemTable {
  id: Generated<string>;
  edition_id: string;
  number: number;
  category: string;
  objective: string | null;
  guidance: string | null;
  subject_party: string | null;
  /** null when the source does not say; otherwise a subset of read, write. */
  applies_to: string[] | null;
}

export interface CrossReferenceTable {
  id: Generated<string>;
  checklist_item_id: string;
  position: number;
  target_rule_set_id: string;
  provision_code: string;
  sub_part: string | null;
}

export interface RecordedComparisonTable {
  id: Generated<string>;
  rule_set_id: string;
  from_edition_id: string;
  to_edition_id: string;
  source: string;
  created_at: Timestamp;
}

export interface RecordedRowTable {
  id: Generated<string>;
  recorded_comparison_id: string;
  position: number;
  provision_codes: string[];
  label: string | null;
  printed_text: string;
  tag: string;
  summary: string | null;
}

export interface RevisionAnalysisTable {
  id: Generated<string>;
  rule_set_id: string;
  from_edition_id: string | null;
  to_edition_id: string;
  checklist_edition_id: string | null;
  title: string;
  counts: JSONColumnType<Record<string, number>>;
  created_at: Timestamp;
}

export interface AnalysisRowTable {
  id: Generated<string>;
  analysis_id: string;
  position: number;
  provision_codes: string[];
  provision_label: string;
  change: string;
  tag: string | null;
  old_text: string | null;
  new_text: string | null;
  segments: JSONColumnType<{ kind: string; text: string }[]>;
  source: string;
  disagreement: string | null;
  items: JSONColumnType<unknown[]>;
  summary: string | null;
  revision_needed: boolean | null;
  judgment_reason: string | null;
  updated_at: Timestamp;
}

export interface DB {
  rule_set: RuleSetTable;
  edition: EditionTable;
  partial_revision: PartialRevisionTable;
  provision: ProvisionTable;
  checklist_item: ChecklistItemTable;
  cross_reference: CrossReferenceTable;
  recorded_comparison: RecordedComparisonTable;
  recorded_row: RecordedRowTable;
  revision_analysis: RevisionAnalysisTable;
  analysis_row: AnalysisRowTable;
}
