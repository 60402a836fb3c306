/** Table types of the store, as Kysely sees them. Rows stay inside src/store and src/services. */
import type { ColumnType, Generated } from 'kysely';
import type { ProactiveDatabase } from './schema-proactive.js';

export interface RegionTable {
  code: string;
  name: string;
  parent_code: string | null;
  created_at: string;
}

export interface GovernmentTable {
  id: string;
  region_code: string;
  name: string;
  created_at: string;
}

export interface AgencyTable {
  id: string;
  government_id: string;
  name: string;
  is_government: number;
  credit_code: string | null;
  address: string;
  postcode: string;
  phone: string;
  email: string;
  office_hours: string;
  created_at: string;
  updated_at: string;
}

export interface UserAccountTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  must_change_password: number;
  failed_logins: number;
  locked_until: string | null;
  disabled: number;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
  /** For reminders by e-mail (0031); null when the person has none. */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  /** Who opened the account, and from which address and browser (0040). */
  created_by: string | null;
  created_ip: string | null;
  created_user_agent: string | null;
  created_device: string | null;
  first_login_at: string | null;
}

export interface RoleGrantTable {
  id: string;
  user_id: string;
  role: string;
  agency_id: string | null;
  region_code: string | null;
  review_level: string | null;
  created_at: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  active_grant_id: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
  /** When the holder last entered their password or a code (0044). */
  authenticated_at: string | null;
  /** The second factor they signed in with: 'totp', 'recovery', 'certificate', or null. */
  second_factor: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  agency_id: string | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
  /** The client's address (0045); null for the system's own acts and older records. */
  client_ip: string | null;
}

export interface AnnualReportTable {
  id: string;
  agency_id: string;
  year: number;
  draft_json: string | null;
  draft_updated_at: string | null;
  draft_updated_by: string | null;
  latest_version: number;
  created_at: string;
  created_by: string;
}

export interface AnnualReportVersionTable {
  report_id: string;
  version: number;
  content_json: string;
  content_sha256: string;
  findings_json: string;
  published_on: string;
  published_at: string;
  published_by: string;
  correction_reason: string | null;
  origin: string;
  source_json: string | null;
  /** The draft this version was published from (null for imported versions). */
  draft_json: string | null;
}

/** What the supervisor's console reads of a published version (migration 0056). */
export interface ReportVersionSummaryTable {
  report_id: string;
  version: number;
  tables_json: string;
  findings_json: string;
  region_statement: string | null;
  outcome_disclosed: number;
  outcome_partially_disclosed: number;
  outcome_withheld: number;
  outcome_unable: number;
  outcome_not_processed: number;
  outcome_other: number;
}

export interface BlobTable {
  sha256: string;
  media_type: string;
  size: number;
  bytes: Uint8Array;
  created_at: string;
}

/** A file read for an agency (migration 0008): what saving a reading is checked against. */
export interface ReportUploadTable {
  agency_id: string;
  sha256: string;
  filename: string;
  size: number;
  /** What the reader took it for (text, html, docx, pdf, json), null if unreadable. */
  kind: string | null;
  /** The reader's tables (JSON), null if it read no report. */
  reading_json: string | null;
  read_at: string;
  read_by: string;
}

export interface AnnualReportDocumentTable {
  report_id: string;
  version: number;
  format: string;
  blob_sha256: string;
}

export interface ApplicationTable {
  id: string;
  agency_id: string;
  number: string;
  number_year: number;
  number_seq: number;
  query_code_hash: string;
  channel: string;
  received_on: string;
  applicant_type: string;
  applicant_kind: string;
  applicant_name: string;
  applicant_key: string | null;
  id_type: string;
  id_number_sealed: string | null;
  id_number_masked: string | null;
  legal_representative: string | null;
  phone_sealed: string | null;
  phone_masked: string | null;
  address_sealed: string | null;
  email_sealed: string | null;
  description: string;
  form_wanted: string;
  delivery_method: string;
  item_count: number;
  assigned_user_id: string | null;
  status: string;
  outcome: string | null;
  outcome_on: string | null;
  legal_basis: string | null;
  event_count: number;
  idempotency_key: string | null;
  submission_sha256: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface ApplicationEventTable {
  application_id: string;
  seq: number;
  type: string;
  date: string;
  payload_json: string;
  note: string | null;
  actor_user_id: string | null;
  actor: string;
  at: string;
}

/** One request for approval along an agency's review chain (services/review/engine.ts). */
export interface ApprovalRequestTable {
  id: string;
  agency_id: string;
  subject_kind: string;
  subject_id: string;
  payload_json: string;
  note: string | null;
  levels_json: string;
  status: string;
  requested_by: string;
  requested_by_name: string;
  requested_at: string;
  decided_at: string | null;
}

/** One reviewer's decision on a request: who, when, approve or return, and the comment. */
export interface ApprovalStepTable {
  request_id: string;
  seq: number;
  level_index: number;
  decision: string;
  comment: string | null;
  by_user_id: string;
  by_name: string;
  at: string;
}

/** An agency's own legal basis and reasons wording for one outcome row of replies. */
export interface AgencyReplyClauseTable {
  agency_id: string;
  outcome: string;
  legal_basis: string;
  reasons: string;
  updated_at: string;
  updated_by: string;
}

/** An agency's review chain for one subject kind; absent = the kind's default chain. */
export interface ReviewChainTable {
  agency_id: string;
  subject_kind: string;
  levels_json: string;
  updated_at: string;
  updated_by: string;
}

export interface ApplicationFeeTable {
  id: string;
  application_id: string;
  method: string;
  quantity: number;
  prior_items: number;
  amount_fen: number;
  bands_json: string;
  status: string;
  notice_on: string | null;
  delivered_on: string | null;
  pay_by: string | null;
  paid_on: string | null;
  lapsed_on: string | null;
  waived_reason: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface ApplicationAppealTable {
  id: string;
  agency_id: string;
  application_id: string;
  kind: string;
  after_review: number;
  filed_on: string;
  body: string;
  case_number: string | null;
  outcome: string;
  decided_on: string | null;
  note: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface ApplicationLetterTable {
  id: string;
  application_id: string;
  kind: string;
  event_seq: number | null;
  content_json: string;
  created_at: string;
  created_by: string;
}

export interface ApplicationLetterDocumentTable {
  letter_id: string;
  format: string;
  blob_sha256: string;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  agency_id: string | null;
  application_id: string | null;
  kind: string;
  message: string;
  dedupe_key: string | null;
  created_at: string;
  read_at: string | null;
}

/** A year's holiday schedule entered by a system admin, for every agency (0007). */
export interface CalendarYearTable {
  year: number;
  schedule_json: string;
  created_at: string;
  created_by: string;
  /** The notice's text as pasted by the system admin (0030); null when entered field by field. */
  notice_text: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A due date changed (or settled from 暂定) by entering a year's holiday notice (0030). */
export interface ApplicationDueChangeTable {
  id: string;
  application_id: string;
  agency_id: string;
  calendar_year: number;
  notice: string;
  due_before: string | null;
  provisional_before: number;
  due_after: string | null;
  provisional_after: number;
  recorded_at: string;
  recorded_by: string;
}

/** An agency's 即将超期 window for reminders (0031). */
export interface AgencyReminderSettingsTable {
  agency_id: string;
  due_soon_working_days: number;
  updated_at: string;
  updated_by: string;
}

/** One daily job's run on one day, claimed by one app node (0031). */
export interface ScheduledJobRunTable {
  job: string;
  run_on: string;
  node: string;
  started_at: string;
  lease_until: string;
  finished_at: string | null;
  result_json: string | null;
}

/** An e-mail waiting to be sent, sent, or failed for good (0031). */
export interface OutboxEmailTable {
  id: string;
  dedupe_key: string;
  recipient: string;
  subject: string;
  body_text: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  claimed_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** Superseded by calendar_year (0007); kept, no longer read. */
export interface AgencyCalendarYearTable {
  agency_id: string;
  year: number;
  schedule_json: string;
  created_at: string;
  created_by: string;
}

export interface AgencyApplicationSettingsTable {
  agency_id: string;
  review_body: string;
  court: string;
  count_from: string;
  fee_wait: string;
  updated_at: string;
  updated_by: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  mac: string;
}

/** A range of audit records archived to a signed file and removed from audit_log (0045). */
export interface AuditArchiveTable {
  seq_from: number;
  seq_to: number;
  last_hash: string;
  file_name: string;
  archived_at: string;
}

/** A name an agency is also known by (0050), matched by its key. */
export interface AgencyAliasTable {
  id: string;
  agency_id: string;
  alias: string;
  alias_key: string;
  created_at: string;
  created_by: string;
}

/** A supervisor's review of a finding, by the finding's fingerprint (0051). */
export interface FindingReviewTable {
  id: string;
  agency_id: string;
  year: number;
  fingerprint: string;
  code: string;
  place_json: string;
  message: string;
  decision: string;
  reason: string;
  due_on: string | null;
  region_code: string;
  reviewed_at: string;
  reviewed_by: string;
  reviewed_by_user_id: string | null;
}

/** A supervisor's bulk import of off-system reports (0052). */
export interface BulkImportTable {
  id: string;
  region_code: string;
  year: number;
  created_at: string;
  created_by: string;
  created_by_user_id: string | null;
  file_count: number;
}

export interface BulkImportItemTable {
  import_id: string;
  seq: number;
  filename: string;
  size: number;
  sha256: string | null;
  status: string;
  refusal: string | null;
  kind: string | null;
  stated_agency: string | null;
  stated_year: number | null;
  published_on: string | null;
  match_kind: string | null;
  agency_id: string | null;
  proposals_json: string;
  match_note: string | null;
  reading_json: string | null;
  findings_json: string;
  earlier_json: string | null;
  saved_at: string | null;
  saved_by: string | null;
}

/** A region's supervision settings (0053). */
export interface SupervisionSettingTable {
  region_code: string;
  year_on_year_factor: number;
  updated_at: string;
  updated_by: string;
}

/** The browsers (a random id in a long-lived cookie) and addresses an account signed in from. */
export interface SignInDeviceTable {
  device_id: string;
  user_id: string;
  ip: string;
  user_agent: string;
  first_at: string;
  last_at: string;
}

/** An alert for the audit administrator about an indirect way to personal data (三员分立). */
export interface SecurityAlertTable {
  id: string;
  seq: number;
  at: string;
  kind: string;
  message: string;
  subject_user_id: string | null;
  actor_user_id: string | null;
  agency_id: string | null;
  details_json: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

/** A TOTP secret (sealed), confirmed once a first code was entered (0041). */
export interface SecondFactorTable {
  user_id: string;
  kind: string;
  secret_sealed: string;
  confirmed_at: string | null;
  last_step: number | null;
  created_at: string;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface AgencySecurityTable {
  agency_id: string;
  second_factor_required: number;
  updated_at: string;
  updated_by: string;
}

/** The security administrator's settings, by key (0042). */
export interface SecuritySettingTable {
  key: string;
  value_json: string;
  updated_at: string;
  updated_by: string;
}

export interface PasswordHistoryTable {
  id: string;
  user_id: string;
  position: number;
  password_hash: string;
  created_at: string;
}

/** A failure counter of one key (login pair, address, query-code pair), with its lock (0043). */
export interface RateCounterTable {
  key: string;
  account: string | null;
  count: number;
  first_at: string;
  last_at: string;
  locked_until: string | null;
}

/** An agency's internal unit (科室); the general office signs for what arrives (0060). */
export interface AgencyUnitTable {
  id: string;
  agency_id: string;
  name: string;
  is_general_office: number;
  created_at: string;
  created_by: string;
}

/** The agency's 文号 pattern per letter type (0060). */
export interface LetterNumberPatternTable {
  agency_id: string;
  kind: string;
  pattern: string;
  updated_at: string;
  updated_by: string;
}

/** The last 文号 sequence number issued per agency, letter type and year (0060). */
export interface LetterNumberSequenceTable {
  agency_id: string;
  kind: string;
  year: number;
  last_value: number;
}

/** Every 文号 issued, never twice (0060). */
export interface IssuedLetterNumberTable {
  agency_id: string;
  kind: string;
  year: number;
  seq: number;
  document_number: string;
  letter_id: string;
  issued_at: string;
}

/** A scanned incoming letter or envelope of a case (0060). */
export interface ApplicationAttachmentTable {
  id: string;
  application_id: string;
  agency_id: string;
  kind: string;
  filename: string;
  media_type: string;
  size: number;
  blob_sha256: string;
  note: string | null;
  created_at: string;
  created_by: string;
}

/** One row (id 1): moved on by triggers whenever what the portal's item pages show changes (0070). */
export interface PortalGenerationTable {
  id: number;
  /** bigint: a string on PostgreSQL, a number on SQLite. */
  generation: number | string;
}

export interface Database extends ProactiveDatabase {
  region: RegionTable;
  government: GovernmentTable;
  agency: AgencyTable;
  user_account: UserAccountTable;
  role_grant: RoleGrantTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_archive: AuditArchiveTable;
  annual_report: AnnualReportTable;
  annual_report_version: AnnualReportVersionTable;
  report_version_summary: ReportVersionSummaryTable;
  blob: BlobTable;
  report_upload: ReportUploadTable;
  annual_report_document: AnnualReportDocumentTable;
  application: ApplicationTable;
  application_event: ApplicationEventTable;
  application_fee: ApplicationFeeTable;
  application_appeal: ApplicationAppealTable;
  application_letter: ApplicationLetterTable;
  application_letter_document: ApplicationLetterDocumentTable;
  notification: NotificationTable;
  agency_calendar_year: AgencyCalendarYearTable;
  calendar_year: CalendarYearTable;
  agency_application_settings: AgencyApplicationSettingsTable;
  application_due_change: ApplicationDueChangeTable;
  agency_reminder_settings: AgencyReminderSettingsTable;
  scheduled_job_run: ScheduledJobRunTable;
  outbox_email: OutboxEmailTable;
  agency_alias: AgencyAliasTable;
  finding_review: FindingReviewTable;
  bulk_import: BulkImportTable;
  bulk_import_item: BulkImportItemTable;
  supervision_setting: SupervisionSettingTable;
  sign_in_device: SignInDeviceTable;
  security_alert: SecurityAlertTable;
  second_factor: SecondFactorTable;
  recovery_code: RecoveryCodeTable;
  agency_security: AgencySecurityTable;
  security_setting: SecuritySettingTable;
  password_history: PasswordHistoryTable;
  rate_counter: RateCounterTable;
  agency_unit: AgencyUnitTable;
  letter_number_pattern: LetterNumberPatternTable;
  letter_number_sequence: LetterNumberSequenceTable;
  issued_letter_number: IssuedLetterNumberTable;
  application_attachment: ApplicationAttachmentTable;
  review_chain: ReviewChainTable;
  approval_request: ApprovalRequestTable;
  approval_step: ApprovalStepTable;
  agency_reply_clause: AgencyReplyClauseTable;
  portal_generation: PortalGenerationTable;
}

/** Kept for tables that later use database-generated keys. */
export type { Generated };
