/**
 * What a supervisor's console reads: every agency of a set of regions with its report of the
 * given years (state, dates, findings and the three tables — never the narrative or the
 * draft), the reviews of findings, the region's settings, and counts of applications without
 * any personal data.
 */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../database.js';
import { concatAggregate } from '../dialect/aggregate.js';
import type { FindingReviewTable, SupervisionSettingTable } from '../schema-supervision.js';

export type FindingReviewRow = Selectable<FindingReviewTable>;

/** Annual reports joined to their latest version (`v`). */
const withLatestVersion = (db: Db) =>
  db
    .selectFrom('annual_report')
    .innerJoin('annual_report_version as v', (j) =>
      j
        .onRef('v.report_id', '=', 'annual_report.id')
        .onRef('v.version', '=', 'annual_report.latest_version'),
    );

/** Applications of the agencies of the given regions. */
const applicationsOfRegions = (db: Db, regionCodes: readonly string[]) =>
  db
    .selectFrom('application')
    .innerJoin('agency', 'agency.id', 'application.agency_id')
    .innerJoin('government', 'government.id', 'agency.government_id')
    .where('government.region_code', 'in', regionCodes);

/** One agency of the regions with its government's region. */
export const agenciesOfRegions = (db: Db, regionCodes: readonly string[]) =>
  regionCodes.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('agency')
        .innerJoin('government', 'government.id', 'agency.government_id')
        .select([
          'agency.id',
          'agency.name',
          'agency.is_government',
          'agency.government_id',
          'government.name as government_name',
          'government.region_code',
        ])
        .where('government.region_code', 'in', regionCodes)
        .orderBy('agency.name')
        .execute();

/**
 * The annual reports of the regions' agencies for the given years: whether a draft is open,
 * the first publication date, and the latest version's number and origin. The tables and the
 * findings of a version are read apart (versionSummaries), since a version never changes.
 */
export const reportsOfRegions = (
  db: Db,
  regionCodes: readonly string[],
  years: readonly number[],
) =>
  regionCodes.length === 0 || years.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('annual_report')
        .innerJoin('agency', 'agency.id', 'annual_report.agency_id')
        .innerJoin('government', 'government.id', 'agency.government_id')
        .leftJoin('annual_report_version as latest', (j) =>
          j
            .onRef('latest.report_id', '=', 'annual_report.id')
            .onRef('latest.version', '=', 'annual_report.latest_version'),
        )
        .leftJoin('annual_report_version as first', (j) =>
          j.onRef('first.report_id', '=', 'annual_report.id').on('first.version', '=', 1),
        )
        .select((eb) => [
          'annual_report.id as report_id',
          'annual_report.agency_id',
          'annual_report.year',
          'annual_report.latest_version',
          eb
            .case()
            .when('annual_report.draft_json', 'is not', null)
            .then(1)
            .else(0)
            .end()
            .as('has_draft'),
          'first.published_on as first_published_on',
          'latest.published_on as latest_published_on',
          'latest.origin',
        ])
        .where('government.region_code', 'in', regionCodes)
        .where('annual_report.year', 'in', years)
        .execute();

/**
 * The tables, the stored findings and the region-total sentence of the given reports' latest
 * versions, from each version's summary (never the report's narrative).
 */
export const versionSummaries = (db: Db, reportIds: readonly string[]) =>
  reportIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('annual_report')
        .innerJoin('report_version_summary as s', (j) =>
          j
            .onRef('s.report_id', '=', 'annual_report.id')
            .onRef('s.version', '=', 'annual_report.latest_version'),
        )
        .select([
          's.report_id',
          's.version',
          's.findings_json',
          's.tables_json',
          's.region_statement',
        ])
        .where('annual_report.id', 'in', reportIds)
        .execute();

/**
 * Table 三's outcome groups summed over the regions' published reports, per year (with how many
 * reports make each year's sums): one row per year, summed by the database.
 */
export const outcomeSumsByYear = (
  db: Db,
  regionCodes: readonly string[],
  years: readonly number[],
) =>
  regionCodes.length === 0 || years.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('annual_report')
        .innerJoin('agency', 'agency.id', 'annual_report.agency_id')
        .innerJoin('government', 'government.id', 'agency.government_id')
        .innerJoin('report_version_summary as s', (j) =>
          j
            .onRef('s.report_id', '=', 'annual_report.id')
            .onRef('s.version', '=', 'annual_report.latest_version'),
        )
        .select((eb) => [
          'annual_report.year',
          eb.fn.countAll<number | string>().as('reports'),
          eb.fn.sum<number | string>('s.outcome_disclosed').as('disclosed'),
          eb.fn.sum<number | string>('s.outcome_partially_disclosed').as('partially_disclosed'),
          eb.fn.sum<number | string>('s.outcome_withheld').as('withheld'),
          eb.fn.sum<number | string>('s.outcome_unable').as('unable'),
          eb.fn.sum<number | string>('s.outcome_not_processed').as('not_processed'),
          eb.fn.sum<number | string>('s.outcome_other').as('other'),
        ])
        .where('government.region_code', 'in', regionCodes)
        .where('annual_report.year', 'in', years)
        .groupBy('annual_report.year')
        .execute();

/** The latest report content of an agency-year (published), for cross checks and drill-down. */
export const latestContent = (db: Db, agencyId: string, year: number) =>
  withLatestVersion(db)
    .select(['v.content_json', 'v.findings_json', 'v.version', 'v.origin', 'v.published_on'])
    .where('annual_report.agency_id', '=', agencyId)
    .where('annual_report.year', '=', year)
    .executeTakeFirst();

/** Latest contents of several agencies for one year (a government's departments). */
export const latestContents = (db: Db, agencyIds: readonly string[], year: number) =>
  agencyIds.length === 0
    ? Promise.resolve([])
    : withLatestVersion(db)
        .select(['annual_report.agency_id', 'v.content_json'])
        .where('annual_report.agency_id', 'in', agencyIds)
        .where('annual_report.year', '=', year)
        .execute();

// --- reviews -----------------------------------------------------------------------------------

export const insertReview = (db: Db, row: Insertable<FindingReviewTable>) =>
  db.insertInto('finding_review').values(row).execute();

/** Every review of the agencies' findings for a year, oldest first (the last one of a fingerprint is in force). */
export const reviewsOf = (
  db: Db,
  agencyIds: readonly string[] | 'all-of-regions',
  year: number,
  regionCodes: readonly string[] = [],
) => {
  let q = db
    .selectFrom('finding_review')
    .selectAll('finding_review')
    .where('finding_review.year', '=', year);
  if (agencyIds === 'all-of-regions') {
    if (regionCodes.length === 0) return Promise.resolve([] as FindingReviewRow[]);
    q = q.where('finding_review.agency_id', 'in', (eb) =>
      eb
        .selectFrom('agency')
        .innerJoin('government', 'government.id', 'agency.government_id')
        .select('agency.id')
        .where('government.region_code', 'in', regionCodes),
    );
  } else {
    if (agencyIds.length === 0) return Promise.resolve([] as FindingReviewRow[]);
    q = q.where('finding_review.agency_id', 'in', agencyIds);
  }
  return q.orderBy('finding_review.reviewed_at').orderBy('finding_review.id').execute();
};

/** Every review of one agency (all years), oldest first. */
export const reviewsOfAgency = (db: Db, agencyId: string) =>
  db
    .selectFrom('finding_review')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('reviewed_at')
    .orderBy('id')
    .execute();

// --- settings ----------------------------------------------------------------------------------

export const settingsOf = (db: Db, regionCodes: readonly string[]) =>
  regionCodes.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('supervision_setting')
        .selectAll()
        .where('region_code', 'in', regionCodes)
        .execute();

export const putSetting = (db: Db, row: Selectable<SupervisionSettingTable>) =>
  db
    .insertInto('supervision_setting')
    .values(row)
    .onConflict((oc) =>
      oc.column('region_code').doUpdateSet({
        year_on_year_factor: row.year_on_year_factor,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();

// --- applications, without personal data -------------------------------------------------------

/** Open cases of the regions' agencies: ids and the agency, nothing about the applicant. */
export const openCasesOfRegions = (
  db: Db,
  regionCodes: readonly string[],
  statuses: readonly string[],
) =>
  regionCodes.length === 0
    ? Promise.resolve([])
    : applicationsOfRegions(db, regionCodes)
        .select(['application.id', 'application.agency_id'])
        .where('application.status', 'in', statuses)
        .execute();

/**
 * Replies given in a year: per agency, the received and outcome dates only, each reply as the
 * 20 characters of its two dates (YYYY-MM-DDYYYY-MM-DD) in one string — a province has about a
 * hundred thousand replies a year, and one row each costs more than the reading.
 */
export const repliesOfRegions = (db: Db, regionCodes: readonly string[], year: number) =>
  regionCodes.length === 0
    ? Promise.resolve([])
    : applicationsOfRegions(db, regionCodes)
        .select([
          'application.agency_id',
          concatAggregate(db, sql`application.received_on || application.outcome_on`).as('dates'),
        ])
        .where('application.outcome_on', '>=', `${year}-01-01`)
        .where('application.outcome_on', '<=', `${year}-12-31`)
        .groupBy('application.agency_id')
        .execute();

/** Applications received per agency and month of a year. */
export const receivedByMonth = (db: Db, regionCodes: readonly string[], year: number) =>
  regionCodes.length === 0
    ? Promise.resolve([])
    : applicationsOfRegions(db, regionCodes)
        .select((eb) => [
          sql<string>`substr(application.received_on, 6, 2)`.as('month'),
          eb.fn.countAll<number | string>().as('n'),
        ])
        .where('government.region_code', 'in', regionCodes)
        .where('application.received_on', '>=', `${year}-01-01`)
        .where('application.received_on', '<=', `${year}-12-31`)
        .groupBy(sql`substr(application.received_on, 6, 2)`)
        .execute();

/** Each region (of an agency's government) and year with at least one published report. */
export const publishedYearsByRegion = (db: Db) =>
  db
    .selectFrom('annual_report')
    .innerJoin('agency', 'agency.id', 'annual_report.agency_id')
    .innerJoin('government', 'government.id', 'agency.government_id')
    .select(['government.region_code', 'annual_report.year'])
    .where('annual_report.latest_version', '>', 0)
    .distinct()
    .execute();

/** The clock settings of the given agencies' applications (count_from, fee_wait). */
export const clockSettingsOf = (db: Db, agencyIds: readonly string[]) =>
  agencyIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('agency_application_settings')
        .select(['agency_id', 'count_from', 'fee_wait'])
        .where('agency_id', 'in', agencyIds)
        .execute();
