import type { ColumnType } from 'kysely';

/** Table types of proactive disclosure (migration 0009), merged into `Database`. */

export interface ProactiveSettingsTable {
  agency_id: string;
  index_scheme: string;
  agency_code: string;
  updated_at: string;
  updated_by: string;
  /** JSON array of the agency's own 保密审查 items (0010). */
  secrecy_items: ColumnType<string, string | undefined, string>;
}

export interface ProactiveIndexCounterTable {
  agency_id: string;
  series: string;
  last_seq: number;
}

export interface ProactiveCatalogueEntryTable {
  id: string;
  agency_id: string;
  matter: string;
  content: string;
  basis: string;
  time_limit: string;
  subject: string;
  channels: string;
  audience: string;
  method: string;
  level: string;
  cycle: string;
  starts_on: string;
  due_days: number;
  created_at: string;
  updated_at: string;
}

export interface ProactiveItemTable {
  id: string;
  agency_id: string;
  index_number: string;
  kind: string;
  title: string;
  body_html: string;
  body_text: string;
  summary: string;
  document_number: string | null;
  issuing_body: string;
  written_on: string | null;
  published_on: string | null;
  topic: string;
  genre: string;
  article20_category: string;
  /** JSON array of channel keys. */
  channels: string;
  validity: string | null;
  validity_changed_on: string | null;
  successor_id: string | null;
  policy_id: string | null;
  interpretation_form: string | null;
  catalogue_entry_id: string | null;
  /** draft | in_review | published | withdrawn */
  status: string;
  version: number;
  withdrawn_reason: string | null;
  withdrawn_at: string | null;
  author_user_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ProactiveItemVersionTable {
  item_id: string;
  version: number;
  snapshot_json: string;
  reason: string | null;
  created_at: string;
  created_by: string;
}

export interface ProactiveAttachmentTable {
  id: string;
  item_id: string;
  filename: string;
  sha256: string;
  media_type: string;
  size: number;
  text: string;
  removed: number;
  created_at: string;
  created_by: string;
}

export interface ProactiveSearchTable {
  item_id: string;
  agency_id: string;
  region_code: string;
  kind: string;
  article20_category: string;
  validity: string | null;
  year: number;
  published_on: string;
  title: string;
  document_number: string;
  content: string;
}

export interface ProactiveGuideTable {
  agency_id: string;
  version: number;
  body_json: string;
  created_at: string;
  created_by: string;
}

export interface SiteIdentityTable {
  id: string;
  site_name: string;
  site_domain: string;
  sponsor: string;
  organiser: string;
  site_id_code: string;
  icp_record: string;
  police_record: string;
  contact: string;
  updated_at: string;
  updated_by: string;
}

export interface ProactiveYearFiguresTable {
  agency_id: string;
  year: number;
  licensing: number;
  penalty: number;
  coercion: number;
  fees_fen: number;
  source: string;
  entered_at: string;
  entered_by: string;
}

export interface ProactiveSecrecyCheckTable {
  approval_id: string;
  item_id: string;
  checks_json: string;
  conclusion: string;
  by_user_id: string;
  by_name: string;
  at: string;
}

export interface ProactiveReviewSheetTable {
  approval_id: string;
  format: string;
  item_id: string;
  sha256: string;
  created_at: string;
}

export interface ProactiveDatabase {
  proactive_secrecy_check: ProactiveSecrecyCheckTable;
  proactive_review_sheet: ProactiveReviewSheetTable;
  proactive_settings: ProactiveSettingsTable;
  proactive_index_counter: ProactiveIndexCounterTable;
  proactive_catalogue_entry: ProactiveCatalogueEntryTable;
  proactive_item: ProactiveItemTable;
  proactive_item_version: ProactiveItemVersionTable;
  proactive_attachment: ProactiveAttachmentTable;
  proactive_search: ProactiveSearchTable;
  proactive_guide: ProactiveGuideTable;
  site_identity: SiteIdentityTable;
  proactive_year_figures: ProactiveYearFiguresTable;
}
