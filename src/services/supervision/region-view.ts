/**
 * The region view: one row per agency and government of a region (and every region under it)
 * for a year — the report's state, its findings and how many await review, the date it was
 * published, the shares a supervisor compares with the region's median — sorted, filtered,
 * searched and paged; with the countdown to the deadlines and the tally of states.
 */
import { describeLocation } from '../../core/report/findings.js';
import { needsReview } from '../../core/supervision/finding-review.js';
import {
  RATIO_LABELS,
  regionMedians,
  reportRatios,
  type ReportRatios,
} from '../../core/supervision/region-figures.js';
import {
  deadlineCountdown,
  REPORT_STATE_LABELS,
  REPORT_STATES,
  type ReportState,
} from '../../core/supervision/report-state.js';
import { shanghaiDate, type ServiceContext } from '../context.js';
import {
  loadRegionYear,
  SEVERITY_ORDER,
  type AgencyYear,
  type RegionYear,
  type ReviewedFinding,
} from './region-data.js';
import { regionScope } from './scope.js';

/** One collator for every comparison of Chinese names (a new one per call is slow). */
const COLLATOR = new Intl.Collator('zh-CN');

export const VIEW_FILTERS = [
  'all',
  'late',
  'missing',
  'errors',
  'unreviewed',
  'confirmed',
] as const;
export type ViewFilter = (typeof VIEW_FILTERS)[number];

export const VIEW_SORTS = [
  'name',
  'state',
  'errors',
  'warnings',
  'published',
  'late',
  'withheld',
  'unable',
  'correction',
] as const;
export type ViewSort = (typeof VIEW_SORTS)[number];

export interface ViewQuery {
  year: number;
  filter?: ViewFilter;
  q?: string;
  sort?: ViewSort;
  descending?: boolean;
  level?: 'department' | 'government';
  page?: number;
  pageSize?: number;
}

export interface ViewFinding {
  code: string;
  severity: string;
  message: string;
  where: string;
  fingerprint: string;
  review: ReviewedFinding['review'];
}

export interface ViewRow {
  agencyId: string;
  agencyName: string;
  regionCode: string;
  regionName: string;
  level: 'department' | 'government';
  levelLabel: string;
  state: ReportState;
  stateLabel: string;
  deadline: string;
  daysLate: number | null;
  daysLeft: number | null;
  hasDraft: boolean;
  publishedOn: string | null;
  correctedOn: string | null;
  version: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Errors and warnings not yet confirmed or dismissed. */
  unreviewed: number;
  /** Confirmed findings the agency is to correct. */
  confirmed: number;
  /** The worst findings, errors first (at most three). */
  worst: ViewFinding[];
  ratios: ReportRatios;
}

export interface RegionView {
  region: { code: string; name: string };
  ancestors: { code: string; name: string }[];
  below: { code: string; name: string; parentCode: string | null }[];
  year: number;
  today: string;
  /** Days left to the departments' (31 January) and governments' (31 March) deadlines. */
  countdown: { department: number | null; government: number | null };
  counts: Record<ReportState, number> & {
    total: number;
    withErrors: number;
    unreviewed: number;
    confirmed: number;
  };
  medians: ReportRatios;
  ratioLabels: typeof RATIO_LABELS;
  yearOnYearFactor: number;
  rows: ViewRow[];
  /** Rows matching the filter and search (before paging). */
  matching: number;
  page: number;
  pageSize: number;
  /** True when no agency of the region has any report for the year. */
  emptyYear: boolean;
}

function toViewFinding(f: ReviewedFinding): ViewFinding {
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    where: describeLocation(f.location),
    fingerprint: f.fingerprint,
    review: f.review,
  };
}

function toRow(r: AgencyYear, regionNames: Map<string, string>): ViewRow {
  // One pass over the findings (a province has tens of thousands of them).
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let unreviewed = 0;
  let confirmed = 0;
  const problems: ReviewedFinding[] = [];
  for (const f of r.findings) {
    if (f.severity === 'info') {
      infos++;
      continue;
    }
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else continue;
    const decision = f.review?.decision ?? null;
    if (needsReview(decision)) unreviewed++;
    if (decision === 'confirmed') confirmed++;
    if (decision !== 'dismissed') problems.push(f);
  }
  const worst = problems
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
    .slice(0, 3);
  return {
    agencyId: r.agency.id,
    agencyName: r.agency.name,
    regionCode: r.agency.regionCode,
    regionName: regionNames.get(r.agency.regionCode) ?? r.agency.regionCode,
    level: r.agency.level,
    levelLabel: r.agency.level === 'government' ? '人民政府' : '部门',
    state: r.standing.state,
    stateLabel: REPORT_STATE_LABELS[r.standing.state],
    deadline: r.standing.deadline,
    daysLate: r.standing.daysLate,
    daysLeft: r.standing.daysLeft,
    hasDraft: r.hasDraft,
    publishedOn: r.publishedOn,
    correctedOn: r.correctedOn,
    version: r.version,
    errors,
    warnings,
    infos,
    unreviewed,
    confirmed,
    worst: worst.map(toViewFinding),
    ratios: r.tables
      ? reportRatios(r.tables)
      : { withheldShare: null, unableShare: null, correctionRate: null },
  };
}

const STATE_RANK: Record<ReportState, number> = {
  missing: 0,
  published_late: 1,
  imported: 2,
  draft: 3,
  not_started: 4,
  published_on_time: 5,
};

function matches(row: ViewRow, filter: ViewFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'late':
      return row.daysLate !== null && row.state !== 'missing';
    case 'missing':
      return row.state === 'missing';
    case 'errors':
      return row.errors > 0;
    case 'unreviewed':
      return row.unreviewed > 0;
    case 'confirmed':
      return row.confirmed > 0;
  }
}

function compare(sort: ViewSort): (a: ViewRow, b: ViewRow) => number {
  const byName = (a: ViewRow, b: ViewRow) => COLLATOR.compare(a.agencyName, b.agencyName);
  const nullsLast = (x: number | null, y: number | null) =>
    x === y ? 0 : x === null ? 1 : y === null ? -1 : x - y;
  switch (sort) {
    case 'name':
      return byName;
    case 'state':
      return (a, b) => STATE_RANK[a.state] - STATE_RANK[b.state] || byName(a, b);
    case 'errors':
      return (a, b) => b.errors - a.errors || b.warnings - a.warnings || byName(a, b);
    case 'warnings':
      return (a, b) => b.warnings - a.warnings || byName(a, b);
    case 'published':
      return (a, b) =>
        (a.publishedOn ?? '9999') < (b.publishedOn ?? '9999')
          ? -1
          : (a.publishedOn ?? '9999') > (b.publishedOn ?? '9999')
            ? 1
            : byName(a, b);
    case 'late':
      return (a, b) => nullsLast(b.daysLate, a.daysLate) || byName(a, b);
    case 'withheld':
      return (a, b) => nullsLast(b.ratios.withheldShare, a.ratios.withheldShare) || byName(a, b);
    case 'unable':
      return (a, b) => nullsLast(b.ratios.unableShare, a.ratios.unableShare) || byName(a, b);
    case 'correction':
      return (a, b) => nullsLast(b.ratios.correctionRate, a.ratios.correctionRate) || byName(a, b);
  }
}

export const DEFAULT_PAGE_SIZE = 100;

/** The view of a loaded region-year (pure but for the loading above). */
export function buildRegionView(data: RegionYear, query: ViewQuery): RegionView {
  const regionNames = new Map(data.scope.regions.map((r) => [r.code, r.name]));
  const all = data.rows.map((r) => toRow(r, regionNames));
  const counts = {
    ...(Object.fromEntries(REPORT_STATES.map((s) => [s, 0])) as Record<ReportState, number>),
    total: all.length,
    withErrors: 0,
    unreviewed: 0,
    confirmed: 0,
  };
  for (const row of all) {
    counts[row.state]++;
    if (row.errors > 0) counts.withErrors++;
    if (row.unreviewed > 0) counts.unreviewed++;
    if (row.confirmed > 0) counts.confirmed++;
  }
  const q = query.q?.trim() ?? '';
  const filtered = all.filter(
    (row) =>
      matches(row, query.filter ?? 'all') &&
      (!query.level || row.level === query.level) &&
      (q === '' || row.agencyName.includes(q) || row.regionName.includes(q)),
  );
  const order = compare(query.sort ?? 'state');
  filtered.sort(query.descending ? (a, b) => order(b, a) : order);
  const pageSize = Math.min(Math.max(query.pageSize ?? DEFAULT_PAGE_SIZE, 1), 500);
  const pages = Math.max(1, Math.ceil(filtered.length / pageSize));
  const page = Math.min(Math.max(query.page ?? 1, 1), pages);
  return {
    region: { code: data.scope.region.code, name: data.scope.region.name },
    ancestors: data.scope.ancestors.map((r) => ({ code: r.code, name: r.name })),
    below: data.scope.regions.slice(1),
    year: data.year,
    today: data.today,
    countdown: deadlineCountdown(data.year, data.today),
    counts,
    medians: regionMedians(all.filter((r) => r.publishedOn !== null).map((r) => r.ratios)),
    ratioLabels: RATIO_LABELS,
    yearOnYearFactor: data.yearOnYearFactor,
    rows: filtered.slice((page - 1) * pageSize, page * pageSize),
    matching: filtered.length,
    page,
    pageSize,
    emptyYear: data.rows.every((r) => r.version === 0 && !r.hasDraft),
  };
}

export async function regionView(
  ctx: ServiceContext,
  regionCode: string,
  query: ViewQuery,
): Promise<RegionView> {
  const db = ctx.store.db;
  const scope = await regionScope(db, regionCode);
  const today = shanghaiDate(ctx.clock.now());
  return buildRegionView(await loadRegionYear(db, scope, query.year, today), query);
}
