/** Table types of supervision: agency aliases, finding reviews, bulk imports and settings, merged into `Database` (schema.ts). */

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

export interface SupervisionDatabase {
  agency_alias: AgencyAliasTable;
  finding_review: FindingReviewTable;
  bulk_import: BulkImportTable;
  bulk_import_item: BulkImportItemTable;
  supervision_setting: SupervisionSettingTable;
}
