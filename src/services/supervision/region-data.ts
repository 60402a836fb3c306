/**
 * A region's agencies with their reports of a year, as the console judges them: the state on
 * the day (条例第四十九条), the findings stored with the published version plus the checks
 * across reports made now (the year before, a government's departments), each finding with
 * its fingerprint and the supervisor's review in force.
 */
import {
  checkAcrossReports,
  DEFAULT_YEAR_ON_YEAR_FACTOR,
  type CrossReportContext,
} from '../../core/report/cross-checks.js';
import type { Finding, FindingCode } from '../../core/report/findings.js';
import type { AgencyLevel, AnnualReport, ReportTables } from '../../core/report/model.js';
import {
  findingFingerprint,
  findingPlace,
  type ReviewDecision,
} from '../../core/supervision/finding-review.js';
import { reportStanding, type ReportStanding } from '../../core/supervision/report-state.js';
import type { Db } from '../../store/database.js';
import * as repo from '../../store/repositories/supervision.js';
import type { RegionScope } from './scope.js';

/** Findings made across reports: computed when the console looks, not taken from storage. */
export const CROSS_CODES: readonly FindingCode[] = [
  'carry-over-mismatch',
  'year-on-year',
  'region-total-mismatch',
];

export interface RegionAgency {
  id: string;
  name: string;
  level: AgencyLevel;
  governmentId: string;
  governmentName: string;
  regionCode: string;
}

export interface ReviewState {
  decision: ReviewDecision;
  reason: string;
  dueOn: string | null;
  reviewedAt: string;
  reviewedBy: string;
}

export interface ReviewedFinding extends Finding {
  fingerprint: string;
  review: ReviewState | null;
}

export interface AgencyYear {
  agency: RegionAgency;
  year: number;
  standing: ReportStanding;
  hasDraft: boolean;
  publishedOn: string | null;
  correctedOn: string | null;
  version: number;
  origin: 'authored' | 'imported' | null;
  /** The published tables, null when nothing is published. */
  tables: ReportTables | null;
  findings: ReviewedFinding[];
}

export interface RegionYear {
  scope: RegionScope;
  year: number;
  today: string;
  yearOnYearFactor: number;
  agencies: RegionAgency[];
  rows: AgencyYear[];
}

interface ReportRow {
  agencyId: string;
  year: number;
  hasDraft: boolean;
  publishedOn: string | null;
  latestPublishedOn: string | null;
  version: number;
  origin: 'authored' | 'imported' | null;
  tables: ReportTables | null;
  findings: Finding[];
  regionStatement: string | null;
}

/** A published version's tables, stored findings and region-total sentence; a version never changes. */
interface VersionFigures {
  tables: ReportTables;
  findings: Finding[];
  /** The sentence of a government's report that states its region's total, if any. */
  regionStatement: string | null;
}

/**
 * Published versions are immutable (the database refuses to change them), so what the console
 * reads of one is kept here once read, by report and version: a region's view then reads only
 * which version is the latest. Bounded; the oldest entries go first.
 */
const versionCache = new Map<string, VersionFigures>();
const VERSION_CACHE_LIMIT = 40_000;

type ReportRowOf = Awaited<ReturnType<typeof repo.reportsOfRegions>>[number];

const versionKey = (row: { report_id: string; latest_version: number | string }) =>
  `${row.report_id}:${Number(row.latest_version)}`;

function remember(reportId: string, version: number | string, figures: VersionFigures): void {
  if (versionCache.size >= VERSION_CACHE_LIMIT) {
    versionCache.delete(versionCache.keys().next().value!);
  }
  versionCache.set(`${reportId}:${Number(version)}`, figures);
}

/**
 * The tables, findings and region-total sentence of each published row's latest version: from
 * the cache, else from the versions' summaries (report_version_summary, written with each
 * version in the same transaction).
 */
export async function versionFigures(
  db: Db,
  rows: readonly ReportRowOf[],
): Promise<Map<string, VersionFigures>> {
  const result = new Map<string, VersionFigures>();
  const missing: string[] = [];
  for (const row of rows) {
    if (!row.first_published_on) continue;
    const cached = versionCache.get(versionKey(row));
    if (cached) result.set(row.report_id, cached);
    else missing.push(row.report_id);
  }
  // In pieces: a province has more reports than a query may have parameters.
  for (let i = 0; i < missing.length; i += 500) {
    const piece = missing.slice(i, i + 500);
    for (const v of await repo.versionSummaries(db, piece)) {
      const tables = JSON.parse(v.tables_json) as ReportTables | null;
      if (!tables) continue;
      const figures: VersionFigures = {
        tables,
        findings: JSON.parse(v.findings_json) as Finding[],
        regionStatement: v.region_statement,
      };
      remember(v.report_id, v.version, figures);
      result.set(v.report_id, figures);
    }
  }
  return result;
}

function parseRow(row: ReportRowOf, figures: VersionFigures | undefined): ReportRow {
  const published = row.first_published_on !== null && figures !== undefined;
  return {
    agencyId: row.agency_id,
    year: Number(row.year),
    hasDraft: Number(row.has_draft) === 1,
    publishedOn: row.first_published_on,
    latestPublishedOn: row.latest_published_on,
    version: Number(row.latest_version),
    origin: (row.origin as ReportRow['origin']) ?? null,
    tables: published ? figures.tables : null,
    findings: figures?.findings ?? [],
    regionStatement: figures?.regionStatement ?? null,
  };
}

/** A report shell holding only tables, for the checks that compare tables. */
function tablesReport(agency: string, year: number, tables: ReportTables): AnnualReport {
  return {
    agency,
    agencyLevel: null,
    year,
    publishedOn: null,
    title: null,
    format: '2021',
    preamble: '',
    sections: [],
    tables,
    closing: '',
  };
}

/** The year-on-year factor in force for a region: its own setting, else the nearest above. */
export async function yearOnYearFactor(db: Db, scope: RegionScope): Promise<number> {
  const codes = scope.ancestors.map((r) => r.code);
  const settings = await repo.settingsOf(db, codes);
  for (const code of [...codes].reverse()) {
    const s = settings.find((x) => x.region_code === code);
    if (s) return Number(s.year_on_year_factor);
  }
  return DEFAULT_YEAR_ON_YEAR_FACTOR;
}

/** The latest review of each fingerprint. */
export function reviewsInForce(rows: readonly repo.FindingReviewRow[]): Map<string, ReviewState> {
  const map = new Map<string, ReviewState>();
  for (const r of rows) {
    map.set(r.fingerprint, {
      decision: r.decision as ReviewDecision,
      reason: r.reason,
      dueOn: r.due_on,
      reviewedAt: r.reviewed_at,
      reviewedBy: r.reviewed_by,
    });
  }
  return map;
}

export const SEVERITY_ORDER: Record<Finding['severity'], number> = {
  error: 0,
  warning: 1,
  info: 2,
};

/** The agencies of a region scope. */
export async function regionAgencies(db: Db, scope: RegionScope): Promise<RegionAgency[]> {
  return (await repo.agenciesOfRegions(db, scope.codes)).map((a) => ({
    id: a.id,
    name: a.name,
    level: a.is_government === 1 ? 'government' : 'department',
    governmentId: a.government_id,
    governmentName: a.government_name,
    regionCode: a.region_code,
  }));
}

/**
 * Every agency of the scope with its report of `year`, judged on `today`. Reads the tables of
 * `year` and `year − 1` (never a narrative, except a government's, to see whether it states
 * its region's total).
 */
export async function loadRegionYear(
  db: Db,
  scope: RegionScope,
  year: number,
  today: string,
): Promise<RegionYear> {
  const [agencies, reportRows, reviewRows, factor] = await Promise.all([
    regionAgencies(db, scope),
    repo.reportsOfRegions(db, scope.codes, [year, year - 1]),
    repo.reviewsOf(db, 'all-of-regions', year, scope.codes),
    yearOnYearFactor(db, scope),
  ]);
  const figures = await versionFigures(db, reportRows);
  const reports = new Map<string, ReportRow>();
  for (const row of reportRows) {
    const parsed = parseRow(row, figures.get(row.report_id));
    reports.set(`${parsed.agencyId}|${parsed.year}`, parsed);
  }
  const reviews = reviewsInForce(reviewRows);

  const departmentsOf = new Map<string, RegionAgency[]>();
  for (const a of agencies) {
    if (a.level !== 'department') continue;
    departmentsOf.set(a.governmentId, [...(departmentsOf.get(a.governmentId) ?? []), a]);
  }

  const rows = agencies.map((agency): AgencyYear => {
    const current = reports.get(`${agency.id}|${year}`);
    const previous = reports.get(`${agency.id}|${year - 1}`);
    const standing = reportStanding(
      {
        level: agency.level,
        year,
        started: current !== undefined,
        publishedOn: current?.publishedOn ?? null,
        origin: current?.publishedOn ? current.origin : null,
      },
      today,
    );
    let findings: Finding[] = [];
    if (current?.tables) {
      const context: CrossReportContext = { yearOnYearFactor: factor };
      if (previous?.tables) {
        context.previous = tablesReport(agency.name, year - 1, previous.tables);
      }
      const statement = agency.level === 'government' ? current.regionStatement : null;
      const subject = tablesReport(agency.name, year, current.tables);
      if (statement) {
        subject.agencyLevel = 'government';
        subject.preamble = statement;
        const departments = departmentsOf.get(agency.governmentId) ?? [];
        context.departments = {
          count: departments.length,
          reports: departments.flatMap((d) => {
            const t = reports.get(`${d.id}|${year}`)?.tables;
            return t ? [tablesReport(d.name, year, t)] : [];
          }),
        };
      }
      findings = [
        ...current.findings.filter((f) => !CROSS_CODES.includes(f.code)),
        ...checkAcrossReports(subject, context),
      ];
    }
    return {
      agency,
      year,
      standing,
      hasDraft: current?.hasDraft ?? false,
      publishedOn: current?.publishedOn ?? null,
      correctedOn: current && current.version > 1 ? current.latestPublishedOn : null,
      version: current?.version ?? 0,
      origin: current?.publishedOn ? current.origin : null,
      tables: current?.tables ?? null,
      findings: findings.map((f) => {
        const fingerprint = findingFingerprint(agency.id, year, f);
        return { ...f, fingerprint, review: reviews.get(fingerprint) ?? null };
      }),
    };
  });
  return { scope, year, today, yearOnYearFactor: factor, agencies, rows };
}

export { findingPlace };
