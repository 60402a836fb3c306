/** Table types of the store, as Kysely sees them. Rows stay inside src/store and src/services. */
import type { Generated } from 'kysely';

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
}

export interface BlobTable {
  sha256: string;
  media_type: string;
  size: number;
  bytes: Uint8Array;
  created_at: string;
}

export interface AnnualReportDocumentTable {
  report_id: string;
  version: number;
  format: string;
  blob_sha256: string;
}

export interface Database {
  region: RegionTable;
  government: GovernmentTable;
  agency: AgencyTable;
  user_account: UserAccountTable;
  role_grant: RoleGrantTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  annual_report: AnnualReportTable;
  annual_report_version: AnnualReportVersionTable;
  blob: BlobTable;
  annual_report_document: AnnualReportDocumentTable;
}

/** Kept for tables that later use database-generated keys. */
export type { Generated };
