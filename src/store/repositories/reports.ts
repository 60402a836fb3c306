import type { Insertable, Updateable } from 'kysely';
import type { Finding } from '../../core/report/findings.js';
import type { AnnualReport } from '../../core/report/model.js';
import { versionSummary } from '../../core/supervision/version-summary.js';
import type { Db } from '../database.js';
import type {
  AnnualReportTable,
  AnnualReportVersionTable,
  ReportVersionSummaryTable,
} from '../schema-reports.js';

export const insertReport = (db: Db, row: Insertable<AnnualReportTable>) =>
  db.insertInto('annual_report').values(row).execute();

export const findReport = (db: Db, agencyId: string, year: number) =>
  db
    .selectFrom('annual_report')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .executeTakeFirst();

export const listReportsOfAgency = (db: Db, agencyId: string) =>
  db
    .selectFrom('annual_report')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('year', 'desc')
    .execute();

export const updateReport = (db: Db, id: string, patch: Updateable<AnnualReportTable>) =>
  db.updateTable('annual_report').set(patch).where('id', '=', id).execute();

/** The console's summary of a version (tables, findings, outcome sums) from its stored row. */
export function summaryRow(
  row: Pick<AnnualReportVersionTable, 'report_id' | 'version' | 'content_json' | 'findings_json'>,
): ReportVersionSummaryTable {
  const s = versionSummary(
    JSON.parse(row.content_json) as AnnualReport,
    JSON.parse(row.findings_json) as Finding[],
  );
  return {
    report_id: row.report_id,
    version: row.version,
    tables_json: s.tablesJson,
    findings_json: s.findingsJson,
    region_statement: s.regionStatement,
    outcome_disclosed: s.outcomes.disclosed,
    outcome_partially_disclosed: s.outcomes.partially_disclosed,
    outcome_withheld: s.outcomes.withheld,
    outcome_unable: s.outcomes.unable,
    outcome_not_processed: s.outcomes.not_processed,
    outcome_other: s.outcomes.other,
  };
}

/**
 * A published version and, with it (call inside the publishing transaction), its summary for
 * the supervisor's console: every way a version is saved keeps the two together.
 */
export async function insertVersion(
  db: Db,
  row: Insertable<AnnualReportVersionTable>,
): Promise<void> {
  await db.insertInto('annual_report_version').values(row).execute();
  await db.insertInto('report_version_summary').values(summaryRow(row)).execute();
}

export const listVersions = (db: Db, reportId: string) =>
  db
    .selectFrom('annual_report_version')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('version')
    .execute();

export const findVersion = (db: Db, reportId: string, version: number) =>
  db
    .selectFrom('annual_report_version')
    .selectAll()
    .where('report_id', '=', reportId)
    .where('version', '=', version)
    .executeTakeFirst();

/** Published reports of the given agencies (latest version of each), newest year first. */
export const listPublished = (db: Db, agencyIds: readonly string[]) =>
  agencyIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('annual_report')
        .innerJoin('annual_report_version', (j) =>
          j
            .onRef('annual_report_version.report_id', '=', 'annual_report.id')
            .onRef('annual_report_version.version', '=', 'annual_report.latest_version'),
        )
        .innerJoin('annual_report_version as first', (j) =>
          j.onRef('first.report_id', '=', 'annual_report.id').on('first.version', '=', 1),
        )
        .select([
          'annual_report.id as report_id',
          'annual_report.agency_id',
          'annual_report.year',
          'annual_report.latest_version',
          'first.published_on as first_published_on',
          'annual_report_version.published_on',
          'annual_report_version.findings_json',
          'annual_report_version.origin',
        ])
        .where('annual_report.agency_id', 'in', agencyIds)
        .orderBy('annual_report.year', 'desc')
        .execute();

export const findDocument = (db: Db, reportId: string, version: number, format: string) =>
  db
    .selectFrom('annual_report_document')
    .innerJoin('blob', 'blob.sha256', 'annual_report_document.blob_sha256')
    .select(['blob.bytes', 'blob.media_type', 'blob.sha256'])
    .where('annual_report_document.report_id', '=', reportId)
    .where('annual_report_document.version', '=', version)
    .where('annual_report_document.format', '=', format)
    .executeTakeFirst();

export const insertDocument = (
  db: Db,
  row: { report_id: string; version: number; format: string; blob_sha256: string },
) =>
  db
    .insertInto('annual_report_document')
    .values(row)
    .onConflict((oc) => oc.columns(['report_id', 'version', 'format']).doNothing())
    .execute();
