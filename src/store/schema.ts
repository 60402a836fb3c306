/** Table types of the store, as Kysely sees them. Rows stay inside src/store and src/services. */
import type { Generated } from 'kysely';
import type { AccountsDatabase } from './schema-accounts.js';
import type { ApplicationsDatabase } from './schema-applications.js';
import type { ProactiveDatabase } from './schema-proactive.js';
import type { ReportsDatabase } from './schema-reports.js';
import type { SupervisionDatabase } from './schema-supervision.js';

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

export interface BlobTable {
  sha256: string;
  media_type: string;
  size: number;
  bytes: Uint8Array;
  created_at: string;
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

/** One row (id 1): moved on by triggers whenever what the portal's item pages show changes (0070). */
export interface PortalGenerationTable {
  id: number;
  /** bigint: a string on PostgreSQL, a number on SQLite. */
  generation: number | string;
}

export interface Database
  extends
    ProactiveDatabase,
    AccountsDatabase,
    ReportsDatabase,
    ApplicationsDatabase,
    SupervisionDatabase {
  region: RegionTable;
  government: GovernmentTable;
  agency: AgencyTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_archive: AuditArchiveTable;
  blob: BlobTable;
  notification: NotificationTable;
  scheduled_job_run: ScheduledJobRunTable;
  outbox_email: OutboxEmailTable;
  portal_generation: PortalGenerationTable;
}

/** Kept for tables that later use database-generated keys. */
export type { Generated };
