/** Table types of annual reports, their versions, uploads and documents, merged into `Database` (schema.ts). */

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

export interface ReportsDatabase {
  annual_report: AnnualReportTable;
  annual_report_version: AnnualReportVersionTable;
  report_version_summary: ReportVersionSummaryTable;
  report_upload: ReportUploadTable;
  annual_report_document: AnnualReportDocumentTable;
}
