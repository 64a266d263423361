/** Types shared by the revision analysis: pure data, no I/O. */

/** A stretch of a diff. `underlined` is a span as printed in a recorded comparison. */
export type SegmentKind = 'equal' | 'inserted' | 'deleted' | 'underlined';
export interface Segment {
  kind: SegmentKind;
  text: string;
}

export type ChangeKind = 'new' | 'removed' | 'changed' | 'unchanged' | 'unknown';

/** 新設, 廃止, 【下線部追加】 … as FISC prints them. */
export type RevisionTag = string;

export interface ProvisionVersion {
  code: string;
  kind: string;
  title: string | null;
  /** null when the text of this edition is not available. */
  text: string | null;
  /** Document order within its edition. */
  position: number;
}

export interface CitingItem {
  number: number;
  category: string;
  objective: string | null;
  /** The cited provision code and sub-part, when the item cites a part only. */
  provisionCode: string;
  subPart: string | null;
}

export interface RecordedRow {
  provisions: string[];
  label?: string | undefined;
  printedText: string;
  tag: string;
  summary?: string | undefined;
}

export interface AnalysisRowData {
  /** Row order in the table (0-based). */
  position: number;
  provisionCodes: string[];
  /** The 安全対策基準 column: codes with titles, or the recorded label. */
  provisionLabel: string;
  change: ChangeKind;
  tag: RevisionTag | null;
  oldText: string | null;
  newText: string | null;
  segments: Segment[];
  /** Where the row comes from: computed from two texts, recorded as printed, or both (and agreeing). */
  source: 'computed' | 'recorded' | 'both';
  /** When both exist and disagree: what differs (the recorded row is kept). */
  disagreement: string | null;
  items: CitingItem[];
  summary: string | null;
}

/** A reviewer's call on one row: does this revision require changing the checklist? */
export interface Judgment {
  /** true = チェックリストの見直し要, false = 不要, null = not judged yet. */
  revisionNeeded: boolean | null;
  reason: string | null;
}

export interface AnalysisRowView extends AnalysisRowData, Judgment {
  id: string;
}

/** A stored analysis as renderers (Markdown, HTML, xlsx, the policy document) receive it. */
export interface AnalysisView {
  id: string;
  title: string;
  ruleSet: { code: string; name: string; shortName: string | null };
  from: { label: string; publishedOn: string | null } | null;
  to: { label: string; publishedOn: string | null };
  /** The checklist edition whose cross-references gave the impact column. */
  checklist: { ruleSetCode: string; label: string } | null;
  createdAt: string;
  /** Counts over all provisions compared, including unchanged ones. */
  counts: Record<'new' | 'removed' | 'changed' | 'unchanged' | 'unknown', number>;
  /** Rows for new, removed and changed provisions, in table order (unchanged ones are not listed). */
  rows: AnalysisRowView[];
}
