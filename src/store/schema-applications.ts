import type { ColumnType } from 'kysely';

/** Table types of applications (依申请公开): cases, events, review chains, fees, appeals, letters, calendars, due dates, reminders, letter numbers and attachments, merged into `Database` (schema.ts). */

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

export interface ApplicationsDatabase {
  application: ApplicationTable;
  application_event: ApplicationEventTable;
  application_fee: ApplicationFeeTable;
  application_appeal: ApplicationAppealTable;
  application_letter: ApplicationLetterTable;
  application_letter_document: ApplicationLetterDocumentTable;
  agency_calendar_year: AgencyCalendarYearTable;
  calendar_year: CalendarYearTable;
  agency_application_settings: AgencyApplicationSettingsTable;
  application_due_change: ApplicationDueChangeTable;
  agency_reminder_settings: AgencyReminderSettingsTable;
  agency_unit: AgencyUnitTable;
  letter_number_pattern: LetterNumberPatternTable;
  letter_number_sequence: LetterNumberSequenceTable;
  issued_letter_number: IssuedLetterNumberTable;
  application_attachment: ApplicationAttachmentTable;
  review_chain: ReviewChainTable;
  approval_request: ApprovalRequestTable;
  approval_step: ApprovalStepTable;
  agency_reply_clause: AgencyReplyClauseTable;
}
