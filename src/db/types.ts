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
  /** True for content we wrote for the tour and the tests (サンプル), never a publication's text. */
  is_sample: Generated<boolean>;
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
  /** 確認項目: the question itself. */
  text: string | null;
  /** 備考 */
  remarks: string | null;
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


export interface OrganisationTable {
  id: Generated<string>;
  type: 'secretariat' | 'bank' | 'connector' | 'association' | 'auditor';
  name: string;
  name_en: string | null;
  registration_number: string | null;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
}

export interface UserAccountTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string | null;
  password_changed_at: Date | null;
  mfa_secret: string | null;
  mfa_enabled_at: Date | null;
  failed_attempts: Generated<number>;
  locked_at: Date | null;
  disabled_at: Date | null;
  locale: Generated<string>;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
}

export interface MembershipTable {
  user_id: string;
  organisation_id: string;
  role: 'admin' | 'editor' | 'reviewer' | 'viewer';
  created_at: Timestamp;
}

export interface RecoveryCodeTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  used_at: Date | null;
}

export interface SessionTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  organisation_id: string | null;
  mfa_verified: Generated<boolean>;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface InvitationTable {
  id: Generated<string>;
  organisation_id: string;
  email: string;
  role: 'admin' | 'editor' | 'reviewer' | 'viewer';
  token_hash: string;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ApiTokenTable {
  id: Generated<string>;
  organisation_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  scopes: string[];
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_at: Timestamp;
}

export interface AuditEntryTable {
  id: Generated<string>;
  chain: string;
  /** bigint: parsed as a number (see database.ts). */
  seq: number;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  changes: unknown;
  details: unknown;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  chain: string;
  seq: number;
  hash: string;
}

export interface SsoProviderTable {
  organisation_id: string;
  issuer: string;
  client_id: string;
  client_secret: string;
  email_domain: string;
  enabled: Generated<boolean>;
  created_at: Timestamp;
}

export interface SsoAttemptTable {
  id: Generated<string>;
  organisation_id: string;
  state: string;
  nonce: string;
  code_verifier: string;
  created_at: Timestamp;
  used_at: Date | null;
}

export interface ReviewRuleTable {
  id: Generated<string>;
  checklist_rule_set_id: string;
  label: string;
  source: string;
  title: string;
  body: string;
  monitored_intro: string | null;
  monitored: string[];
  created_at: Timestamp;
}

export interface ReviewCycleTable {
  id: Generated<string>;
  checklist_rule_set_id: string;
  fiscal_year: number;
  version: Generated<number>;
  state: 'draft' | 'deliberation' | 'decided' | 'published';
  rule_id: string;
  issuer: string;
  /** date: read as YYYY-MM-DD (see database.ts). */
  document_date: string | null;
  decision_statement: string | null;
  policy_text: string | null;
  decision_override: 'needed' | 'not_needed' | null;
  override_reason: string | null;
  major_revision: Generated<boolean>;
  expert_panel_date: string | null;
  published_at: Date | null;
  created_at: Timestamp;
}

export interface ReviewConsiderationTable {
  id: Generated<string>;
  cycle_id: string;
  position: number;
  key: string;
  label: string;
  title: string;
  finding: string | null;
  conclusion: 'needed' | 'not_needed' | null;
  reason: string | null;
  analysis_id: string | null;
  figure_title: string | null;
  after_figure: string | null;
  footnotes: JSONColumnType<{ mark: string; text: string }[]>;
}

export interface FeedbackTable {
  id: Generated<string>;
  organisation_name: string;
  organisation_type: 'bank' | 'connector' | 'association' | 'other';
  received_on: string;
  channel: 'exchange' | 'survey' | 'meeting' | 'other';
  content: string;
  requests_revision: Generated<boolean>;
  related_items: Generated<number[]>;
  submitted_by: string | null;
  created_at: Timestamp;
}

export interface IncidentTable {
  id: Generated<string>;
  occurred_on: string;
  summary: string;
  parties: string;
  party_types: Generated<string[]>;
  severity: 'low' | 'medium' | 'high' | 'critical';
  related_items: Generated<number[]>;
  alert_issued: Generated<boolean>;
  requires_revision: Generated<boolean>;
  created_at: Timestamp;
}

export interface StandardTrendTable {
  id: Generated<string>;
  body: string;
  specification: string;
  observed_on: string;
  summary: string;
  relevance: 'none' | 'watch' | 'revision';
  created_at: Timestamp;
}

export interface SelfRegulationChangeTable {
  id: Generated<string>;
  edition: string;
  changed_on: string;
  summary: string;
  requires_revision: Generated<boolean>;
  created_at: Timestamp;
}

export interface UpdateApiStatusTable {
  id: Generated<string>;
  fiscal_year: number;
  bank_name: string;
  organisation_id: string | null;
  offers_update_api: boolean;
  created_at: Timestamp;
}

export interface ConsiderationEvidenceTable {
  consideration_id: string;
  register: string;
  evidence_id: string;
}

export interface AlertTable {
  id: Generated<string>;
  title: string;
  body: string;
  severity: 'info' | 'warning' | 'critical';
  all_banks: Generated<boolean>;
  all_connectors: Generated<boolean>;
  incident_ids: Generated<string[]>;
  item_numbers: Generated<number[]>;
  published_by: string | null;
  published_at: Timestamp;
}

export interface AlertRecipientTable {
  alert_id: string;
  organisation_id: string;
  emailed_at: Date | null;
}

export interface AlertAcknowledgementTable {
  alert_id: string;
  user_id: string;
  organisation_id: string;
  acknowledged_at: Timestamp;
}

export interface MeetingTable {
  id: Generated<string>;
  cycle_id: string | null;
  held_on: string;
  title: string;
  agenda: string;
  attendee_ids: Generated<string[]>;
  minutes: string | null;
  minutes_published_at: Date | null;
  created_at: Timestamp;
}

export interface ReviewCommentTable {
  id: Generated<string>;
  cycle_id: string;
  consideration_key: string | null;
  organisation_id: string;
  user_id: string | null;
  body: string;
  created_at: Timestamp;
}

// Assessments (20261201010000-assessment).
type ApiType = 'read' | 'write';
type AnswerScheme = 'yes_no' | 'self_assessment';
interface AnswerColumns {
  choice: 'yes' | 'no' | 'na' | null;
  explanation: string | null;
  current_state: string | null;
  issues: string | null;
  improvement_plan: string | null;
  evidence_ids: ColumnType<string[], string[] | undefined, string[]>;
}

export interface ConnectionTable {
  id: Generated<string>;
  bank_id: string;
  connector_id: string;
  service_name: string;
  api_type: ApiType;
  access: 'private' | 'public';
  status: ColumnType<'applied' | 'reviewing' | 'contracted' | 'suspended' | 'terminated', string | undefined, string>;
  contract_date: string | null;
  reassessment_months: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HearingQuestion {
  key: string;
  label: string;
  kind: 'text' | 'choice';
  choices?: string[];
  required: boolean;
}

export interface AssessmentTemplateTable {
  id: Generated<string>;
  bank_id: string;
  checklist_edition_id: string;
  name: string;
  answer_scheme: AnswerScheme;
  api_types: ApiType[];
  access_types: ('private' | 'public')[];
  hearing_questions: JSONColumnType<HearingQuestion[]>;
  status: ColumnType<'active' | 'archived', string | undefined, string>;
  based_on_template_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TemplateItemTable {
  template_id: string;
  item_number: number;
  position: number;
  label: string;
  included: boolean;
  exclusion_reason: string | null;
  api_types: ApiType[] | null;
  access_types: ('private' | 'public')[] | null;
}

export interface EvidenceFileTable {
  id: Generated<string>;
  connector_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

export interface AnswerSetTable {
  id: Generated<string>;
  connector_id: string;
  checklist_edition_id: string;
  carried_from_answer_set_id: string | null;
  created_at: Timestamp;
}

export interface MasterAnswerTable extends AnswerColumns {
  id: Generated<string>;
  answer_set_id: string;
  item_number: number;
  scope_service: ColumnType<string, string | undefined, string>;
  scope_api_type: ColumnType<'' | ApiType, '' | ApiType | undefined, '' | ApiType>;
  needs_reanswer: ColumnType<boolean, boolean | undefined, boolean>;
  version: ColumnType<number, number | undefined, number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface MasterAnswerRevisionTable {
  id: Generated<string>;
  /** Null once the answer was removed: the revision keeps its set, item and scope itself. */
  master_answer_id: string | null;
  answer_set_id: string;
  item_number: number;
  scope_service: string;
  scope_api_type: '' | 'read' | 'write';
  /** The revision that records the answer's removal (its answer: the last content). */
  removed: Generated<boolean>;
  version: number;
  answer: JSONColumnType<Record<string, unknown>>;
  changed_by: string | null;
  changed_at: Timestamp;
}

export interface AnswerShareTable {
  id: Generated<string>;
  connector_id: string;
  bank_id: string;
  granted_by: string | null;
  granted_at: Timestamp;
  revoked_by: string | null;
  revoked_at: Date | null;
}

export type RequestState = 'sent' | 'submitted' | 'clarification' | 'decided' | 'withdrawn';

export interface AssessmentRequestTable {
  id: Generated<string>;
  bank_id: string;
  connector_id: string;
  connection_id: string;
  template_id: string;
  checklist_edition_id: string;
  answer_scheme: AnswerScheme;
  hearing_questions: JSONColumnType<HearingQuestion[]>;
  hearing_answers: JSONColumnType<Record<string, string>>;
  due_date: string;
  state: ColumnType<RequestState, RequestState | undefined, RequestState>;
  previous_request_id: string | null;
  sent_by: string | null;
  sent_at: Timestamp;
  result: 'conforming' | 'conditional' | 'non_conforming' | null;
  result_comment: string | null;
  result_proposed_by: string | null;
  result_proposed_at: Date | null;
  result_approved_by: string | null;
  result_approved_at: Date | null;
}

export interface RequestItemTable {
  request_id: string;
  item_number: number;
  position: number;
  label: string;
  change: 'added' | 'changed' | 'unchanged' | null;
  must_reanswer: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface RequestAnswerTable extends AnswerColumns {
  request_id: string;
  item_number: number;
  source: 'master' | 'manual' | 'carried' | 'import';
  confirmed: ColumnType<boolean, boolean | undefined, boolean>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface SubmissionTable {
  id: Generated<string>;
  request_id: string;
  version: number;
  content: JSONColumnType<import('../modules/assessment/assessment.schema.js').SubmissionContent>;
  sha256: string;
  submitted_by: string | null;
  submitted_at: Timestamp;
}

export type Verdict = 'accepted' | 'clarification' | 'not_met' | 'accepted_with_condition';

export interface ItemReviewTable {
  request_id: string;
  item_number: number;
  verdict: Verdict;
  condition: string | null;
  submission_version: number | null;
  carried_from_request_id: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp;
}

export interface ItemMessageTable {
  id: Generated<string>;
  request_id: string;
  item_number: number;
  organisation_id: string;
  user_id: string | null;
  body: string;
  created_at: Timestamp;
}

export interface RemediationPlanTable {
  id: Generated<string>;
  request_id: string;
  item_number: number;
  description: string;
  due_date: string;
  state: ColumnType<'proposed' | 'accepted' | 'completed', string | undefined, string>;
  proposed_by: string | null;
  proposed_at: Timestamp;
  accepted_by: string | null;
  accepted_at: Date | null;
  completed_at: Date | null;
}

export interface AssessmentReminderTable {
  request_id: string;
  kind: 'due_soon' | 'overdue';
  sent_on: string;
  emailed_at: Date | null;
}

export interface NotificationTable {
  id: Generated<string>;
  organisation_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Timestamp;
  read_at: Date | null;
}

// Checklist content (20261201000000-checklist-content).
export interface ColumnMappingTable {
  id: Generated<string>;
  organisation_id: string;
  kind: 'checklistWorkbook' | 'answerSheet';
  name: string;
  mapping: JSONColumnType<Record<string, unknown>>;
  created_by: string | null;
  created_at: Timestamp;
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
  organisation: OrganisationTable;
  user_account: UserAccountTable;
  membership: MembershipTable;
  recovery_code: RecoveryCodeTable;
  session: SessionTable;
  invitation: InvitationTable;
  api_token: ApiTokenTable;
  audit_entry: AuditEntryTable;
  audit_chain_head: AuditChainHeadTable;
  sso_provider: SsoProviderTable;
  sso_attempt: SsoAttemptTable;
  review_rule: ReviewRuleTable;
  review_cycle: ReviewCycleTable;
  review_consideration: ReviewConsiderationTable;
  feedback: FeedbackTable;
  incident: IncidentTable;
  standard_trend: StandardTrendTable;
  self_regulation_change: SelfRegulationChangeTable;
  update_api_status: UpdateApiStatusTable;
  consideration_evidence: ConsiderationEvidenceTable;
  alert: AlertTable;
  alert_recipient: AlertRecipientTable;
  alert_acknowledgement: AlertAcknowledgementTable;
  meeting: MeetingTable;
  review_comment: ReviewCommentTable;
  column_mapping: ColumnMappingTable;
  connection: ConnectionTable;
  assessment_template: AssessmentTemplateTable;
  template_item: TemplateItemTable;
  evidence_file: EvidenceFileTable;
  answer_set: AnswerSetTable;
  master_answer: MasterAnswerTable;
  master_answer_revision: MasterAnswerRevisionTable;
  answer_share: AnswerShareTable;
  assessment_request: AssessmentRequestTable;
  request_item: RequestItemTable;
  request_answer: RequestAnswerTable;
  submission: SubmissionTable;
  item_review: ItemReviewTable;
  item_message: ItemMessageTable;
  remediation_plan: RemediationPlanTable;
  assessment_reminder: AssessmentReminderTable;
  notification: NotificationTable;
}
