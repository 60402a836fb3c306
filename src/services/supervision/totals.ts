/**
 * A region's totals for a year: tables 二, 三 and 四 summed over the published reports of its
 * agencies (each figure traceable to the agencies that make it), the mixes a supervisor
 * compares, the figures for the charts, and — for applications handled in gongkai — live
 * figures by agency without any personal data.
 */
import { caseUrgency, dueDateOfState } from '../../core/applications/due-date.js';
import { DEFAULT_CLOCK_SETTINGS, type ClockSettings } from '../../core/applications/events.js';
import { AppError, notFound } from '../../core/errors.js';
import { cellName, REPORT_CELLS } from '../../core/report/cells.js';
import { OUTCOME_GROUPS } from '../../core/report/format.js';
import {
  applicantMix,
  appealOutcomes,
  cellContributors,
  median,
  outcomeMix,
  sumReportTables,
  type MixEntry,
} from '../../core/supervision/region-figures.js';
import { workingDayCounter } from '../../core/supervision/working-days.js';
import * as appRepo from '../../store/repositories/applications.js';
import * as repo from '../../store/repositories/supervision.js';
import type { Db } from '../../store/database.js';
import { coreEventsOf, replay } from '../applications/events.js';
import { calendarFor } from '../applications/settings.js';
import { shanghaiDate, type ServiceContext } from '../context.js';
import { loadRegionYear, type RegionYear } from './region-data.js';
import { regionScope } from './scope.js';

/** One collator for every comparison of Chinese names (a new one per call is slow). */
const COLLATOR = new Intl.Collator('zh-CN');

export interface TotalsCell {
  key: string;
  value: number;
  /** How many agencies' reports give the cell a number. */
  reporting: number;
}

export interface LiveAgencyFigures {
  agencyId: string;
  agencyName: string;
  open: number;
  overdue: number;
  dueSoon: number;
  /** Median working days from receipt to reply, for replies in the year; null without any. */
  medianWorkingDays: number | null;
  replies: number;
}

export interface RegionTotals {
  region: { code: string; name: string };
  year: number;
  today: string;
  /** Agencies in the region, and how many published (or imported) a report for the year. */
  agencies: number;
  reporting: number;
  cells: Record<string, TotalsCell>;
  outcomeMix: MixEntry[];
  applicantMix: MixEntry[];
  appealOutcomes: MixEntry[];
  charts: {
    /** Reports on time, late, missing… by agency state (the chart of reports on time). */
    onTime: { label: string; onTime: number; late: number; missing: number; pending: number }[];
    /** Table 三 outcomes over the years up to this one (published reports). */
    outcomesOverYears: { year: number; values: MixEntry[] }[];
    /** Applications received in gongkai, by month of the year. */
    applicationsByMonth: { month: number; count: number }[];
  };
  live: {
    agencies: LiveAgencyFigures[];
    open: number;
    overdue: number;
    dueSoon: number;
    medianWorkingDays: number | null;
    /** Replies whose working days could not be counted (a year without a holiday schedule). */
    uncounted: number;
  };
}

/** Statuses in which an application waits for the agency or the applicant. */
const OPEN_STATUSES = [
  'processing',
  'awaiting_correction',
  'correction_review',
  'consulting',
  'awaiting_fee',
];

function summedCells(data: RegionYear) {
  return sumReportTables(
    data.rows.flatMap((r) => (r.tables ? [{ agencyId: r.agency.id, tables: r.tables }] : [])),
  );
}

/** On-time standing by group: the region's own agencies, and each region directly below. */
function onTimeChart(data: RegionYear): RegionTotals['charts']['onTime'] {
  const groups = new Map<string, string>();
  const below = data.scope.regions.filter((r) => r.parentCode === data.scope.region.code);
  const parentOf = new Map(data.scope.regions.map((r) => [r.code, r.parentCode]));
  const groupOf = (code: string): string => {
    if (code === data.scope.region.code) return code;
    let c: string | null | undefined = code;
    while (c && parentOf.get(c) !== data.scope.region.code) c = parentOf.get(c);
    return c ?? code;
  };
  groups.set(data.scope.region.code, `${data.scope.region.name}本级`);
  for (const r of below) groups.set(r.code, r.name);
  const tally = new Map<
    string,
    { onTime: number; late: number; missing: number; pending: number }
  >();
  for (const code of groups.keys()) tally.set(code, { onTime: 0, late: 0, missing: 0, pending: 0 });
  for (const row of data.rows) {
    const t = tally.get(groupOf(row.agency.regionCode));
    if (!t) continue;
    const s = row.standing;
    if (s.state === 'missing') t.missing++;
    else if (s.daysLate !== null) t.late++;
    else if (s.state === 'published_on_time' || s.state === 'imported') t.onTime++;
    else t.pending++;
  }
  return [...groups].map(([code, label]) => ({ label, ...tally.get(code)! }));
}

/** Table 三's outcomes of the years before, summed by the database from the versions' summaries. */
async function outcomesOverYears(
  db: Db,
  data: RegionYear,
): Promise<RegionTotals['charts']['outcomesOverYears']> {
  const years = [4, 3, 2, 1].map((k) => data.year - k);
  const sums = new Map(
    (await repo.outcomeSumsByYear(db, data.scope.codes, years)).map((r) => [Number(r.year), r]),
  );
  const result: RegionTotals['charts']['outcomesOverYears'] = [];
  for (const year of years) {
    const row = sums.get(year);
    if (!row || Number(row.reports) === 0) continue;
    result.push({
      year,
      values: OUTCOME_GROUPS.filter((g) => g.key !== 'total').map((g) => ({
        key: g.key,
        label: g.label.replace(/（.*$/, ''),
        value: Number(row[g.key as Exclude<typeof g.key, 'total'>]),
      })),
    });
  }
  result.push({ year: data.year, values: outcomeMix(summedCells(data)) });
  return result;
}

/** Live figures of the applications handled in gongkai: counts and dates only. */
async function liveFigures(db: Db, data: RegionYear): Promise<RegionTotals['live']> {
  const codes = data.scope.codes;
  const [open, replies, calendar] = await Promise.all([
    repo.openCasesOfRegions(db, codes, OPEN_STATUSES),
    repo.repliesOfRegions(db, codes, data.year),
    calendarFor(db),
  ]);
  const byAgency = new Map<string, LiveAgencyFigures>();
  const names = new Map(data.agencies.map((a) => [a.id, a.name]));
  const figuresOf = (agencyId: string): LiveAgencyFigures => {
    let f = byAgency.get(agencyId);
    if (!f) {
      f = {
        agencyId,
        agencyName: names.get(agencyId) ?? agencyId,
        open: 0,
        overdue: 0,
        dueSoon: 0,
        medianWorkingDays: null,
        replies: 0,
      };
      byAgency.set(agencyId, f);
    }
    return f;
  };
  const events: appRepo.ApplicationEventRow[] = [];
  // In pieces: a region can have more open cases than a query may have parameters.
  for (let i = 0; i < open.length; i += 1000) {
    events.push(
      ...(await appRepo.listEventsOf(
        db,
        open.slice(i, i + 1000).map((o) => o.id),
      )),
    );
  }
  const eventsOf = new Map<string, appRepo.ApplicationEventRow[]>();
  for (const e of events) {
    const list = eventsOf.get(e.application_id);
    if (list) list.push(e);
    else eventsOf.set(e.application_id, [e]);
  }
  // Each agency's clock settings, read at once (the same mapping as the agency's settings).
  const clocks = new Map<string, ClockSettings>();
  const withOpen = [...new Set(open.map((o) => o.agency_id))];
  for (let i = 0; i < withOpen.length; i += 1000) {
    for (const row of await repo.clockSettingsOf(db, withOpen.slice(i, i + 1000))) {
      clocks.set(row.agency_id, {
        countFrom: row.count_from === 'same_day' ? 'same_day' : 'next_day',
        feeWait: row.fee_wait === 'counted' ? 'counted' : 'excluded',
      });
    }
  }
  for (const o of open) {
    const f = figuresOf(o.agency_id);
    f.open++;
    const clock = clocks.get(o.agency_id) ?? DEFAULT_CLOCK_SETTINGS;
    const replayed = replay(coreEventsOf(eventsOf.get(o.id) ?? []), calendar, clock);
    try {
      const due = dueDateOfState(replayed.state, calendar);
      const u = caseUrgency(replayed.state, due, data.today, calendar);
      if (u?.urgency === 'overdue') f.overdue++;
      else if (u?.urgency === 'due_today' || u?.urgency === 'due_soon') f.dueSoon++;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  let uncounted = 0;
  const all: number[] = [];
  // Each agency's replies as one string of 20-character pairs: received on, outcome on.
  let first: string | null = null;
  for (const r of replies) {
    for (let i = 0; i < r.dates.length; i += 20) {
      const received = r.dates.slice(i, i + 10);
      if (first === null || received < first) first = received;
    }
  }
  if (first !== null) {
    const counter = workingDayCounter(calendar, first, `${data.year}-12-31`);
    for (const r of replies) {
      const days: number[] = [];
      for (let i = 0; i < r.dates.length; i += 20) {
        const d = counter.between(r.dates.slice(i, i + 10), r.dates.slice(i + 10, i + 20));
        if (d === null) uncounted++;
        else {
          days.push(d);
          all.push(d);
        }
      }
      if (days.length === 0) continue;
      const f = figuresOf(r.agency_id);
      f.replies = days.length;
      f.medianWorkingDays = median(days);
    }
  }
  const agencies = [...byAgency.values()].sort(
    (a, b) =>
      b.overdue - a.overdue || b.open - a.open || COLLATOR.compare(a.agencyName, b.agencyName),
  );
  return {
    agencies,
    open: agencies.reduce((s, a) => s + a.open, 0),
    overdue: agencies.reduce((s, a) => s + a.overdue, 0),
    dueSoon: agencies.reduce((s, a) => s + a.dueSoon, 0),
    medianWorkingDays: median(all),
    uncounted,
  };
}

export async function regionTotals(
  ctx: ServiceContext,
  regionCode: string,
  year: number,
): Promise<RegionTotals> {
  const db = ctx.store.db;
  const scope = await regionScope(db, regionCode);
  const today = shanghaiDate(ctx.clock.now());
  const data = await loadRegionYear(db, scope, year, today);
  const summed = summedCells(data);
  const [overYears, live, byMonth] = await Promise.all([
    outcomesOverYears(db, data),
    liveFigures(db, data),
    repo.receivedByMonth(db, scope.codes, year),
  ]);
  const months = new Map(byMonth.map((m) => [Number(m.month), Number(m.n)]));
  return {
    region: { code: scope.region.code, name: scope.region.name },
    year,
    today,
    agencies: data.rows.length,
    reporting: data.rows.filter((r) => r.tables).length,
    cells: Object.fromEntries(
      [...summed.values()].map((c) => [
        c.key,
        { key: c.key, value: c.value, reporting: c.reporting },
      ]),
    ),
    outcomeMix: outcomeMix(summed),
    applicantMix: applicantMix(summed),
    appealOutcomes: appealOutcomes(summed),
    charts: {
      onTime: onTimeChart(data),
      outcomesOverYears: overYears,
      applicationsByMonth: Array.from({ length: 12 }, (_, i) => ({
        month: i + 1,
        count: months.get(i + 1) ?? 0,
      })),
    },
    live,
  };
}

export interface CellTrace {
  key: string;
  name: string;
  value: number;
  contributors: { agencyId: string; agencyName: string; value: number }[];
  /** Agencies with a published report that lacks the cell or left it unreadable. */
  missing: { agencyId: string; agencyName: string }[];
}

/** The agencies that make one summed figure. */
export async function traceTotal(
  ctx: ServiceContext,
  regionCode: string,
  year: number,
  key: string,
): Promise<CellTrace> {
  const cell = REPORT_CELLS.find((c) => c.key === key);
  if (!cell) throw notFound(`表格单元格 ${key}`);
  const db = ctx.store.db;
  const scope = await regionScope(db, regionCode);
  const data = await loadRegionYear(db, scope, year, shanghaiDate(ctx.clock.now()));
  const reports = data.rows.flatMap((r) =>
    r.tables ? [{ agencyId: r.agency.id, tables: r.tables }] : [],
  );
  const summed = cellContributors(reports, key);
  const names = new Map(data.agencies.map((a) => [a.id, a.name]));
  const value = summedCells(data).get(key)!.value;
  return {
    key,
    name: cellName(cell),
    value,
    contributors: summed.contributors
      .filter((c) => c.value !== 0)
      .map((c) => ({ ...c, agencyName: names.get(c.agencyId) ?? c.agencyId }))
      .sort((a, b) => b.value - a.value),
    missing: summed.missing.map((id) => ({ agencyId: id, agencyName: names.get(id) ?? id })),
  };
}
