/**
 * What of the audit trail a 政务公开办 reads (permission `audit.reports`): the records of its
 * region's annual reports and of its own supervision. They show who created, published,
 * imported or corrected a report and when (the evidence behind "published late"), how each
 * finding was reviewed, and the office's aliases, bulk imports, exports and settings. None of
 * them carries personal data: an agency's application, appeal and account records (an
 * applicant's name, a masked ID number, staff accounts) stay with the agency's admin and the
 * audit administrator.
 */

/** Records about an agency of the region, by the kind of thing they are about. */
export const REPORT_TRAIL_ENTITY_TYPES = [
  'annual_report',
  'file',
  'finding_review',
  'agency_alias',
  'bulk_import',
] as const;

/**
 * Records about the region itself (its exports and settings): `entity_type` 'region' with an
 * action of the supervision.
 */
export const REPORT_TRAIL_REGION_ACTION_PREFIX = 'supervision.';
