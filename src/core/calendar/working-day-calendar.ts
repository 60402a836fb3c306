/**
 * Chinese working days: Monday–Friday, minus the public holidays, plus the weekend days the
 * State Council designates as working days (调休). Statutory periods of the regulation
 * (条例第三十、三十二、三十三条) count these days.
 *
 * A year without the State Council's notice is never treated as plain Monday–Friday. A calendar
 * built with `holidayLaw: true` computes it from the holiday law instead (holiday-law.ts) and
 * marks every day it decides that way provisional (暂定); any other calendar, or a year beyond
 * the law's computable range, makes it an error that names the year (CalendarYearUnknown).
 */
import { AppError } from '../errors.js';
import {
  addDays,
  CalendarDateInvalid,
  dayNumber,
  fromDayNumber,
  isCalendarDate,
  isWeekend,
  yearOf,
} from './date.js';
import {
  HOLIDAY_LAW,
  HOLIDAY_LAW_YEARS,
  provisionalYear,
  type LawDay,
  type ProvisionalYear,
} from './holiday-law.js';
import { parseYearSchedule, YEAR_END_WINDOW_START, type YearSchedule } from './schedule.js';
import { SHIPPED_SCHEDULES } from './schedules.js';

/** workday: an ordinary Monday–Friday; adjusted_workday: a 调休 Saturday or Sunday. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';

export interface DayInfo {
  date: string;
  working: boolean;
  kind: DayKind;
  /** The holiday block's name (春节, …) for a holiday; the notice for a 调休 day. */
  name: string | null;
  /**
   * 暂定: decided without the notice of a year that may change it (the day's own year, or from
   * 25 December the next year's), from the holiday law.
   */
  provisional: boolean;
  /**
   * Where a holiday or 调休 day comes from: the notice (its 文号), or the holiday law's article
   * with the reason; null for an ordinary weekday or weekend.
   */
  basis: string | null;
  /** For a provisional holiday: a day 第二条 names, or a 补假 (第六条). */
  lawKind: LawDay['kind'] | null;
}

/** A year whose holiday schedule is needed but not known. `code` is `calendar_year_unknown`. */
export class CalendarYearUnknown extends AppError {
  /**
   * `lawRange` is given when the calendar would have computed the year from the holiday law but
   * the year lies outside the range it can be computed for.
   */
  constructor(
    readonly year: number,
    readonly date: string,
    lawRange: { first: number; last: number } | null = null,
  ) {
    const why =
      yearOf(date) === year
        ? ''
        : `（${year} 年元旦的放假和调休可能从 ${year - 1} 年 12 月下旬开始）`;
    const beyond = lawRange
      ? `，${year} 年也不在可按${HOLIDAY_LAW}推算的范围（${lawRange.first}–${lawRange.last} 年）内`
      : '';
    super(
      'calendar_year_unknown',
      `没有 ${year} 年的节假日安排${beyond}，无法判断 ${date} 是否为工作日${why}。请系统管理员在工作台的工作日历中录入国务院办公厅公布的 ${year} 年节假日安排（全国统一，录入一次即适用于所有机关）后再试。`,
      { year, date },
    );
    this.name = 'CalendarYearUnknown';
  }
}

export interface CalendarOptions {
  /**
   * Compute a year without a notice from the holiday law (暂定) instead of refusing it. The
   * server and the CLI use this; a calendar of notices alone is for checking the notices.
   */
  holidayLaw?: boolean;
}

interface SpecialDay {
  kind: 'holiday' | 'adjusted_workday';
  name: string;
  year: number;
  notice: string;
}

function invalidCount(n: number): AppError {
  return new AppError('validation_failed', `工作日数“${String(n)}”无效：请填写不小于 0 的整数。`, {
    field: 'n',
  });
}

export class WorkingDayCalendar {
  private readonly byYear = new Map<number, YearSchedule>();
  private readonly special = new Map<string, SpecialDay>();
  private readonly holidayLaw: boolean;
  /** Provisional years computed so far (pure and deterministic, so cached). */
  private readonly lawYears = new Map<
    number,
    { year: ProvisionalYear; days: Map<string, LawDay> } | null
  >();

  /**
   * Builds a calendar from year schedules. Each is checked with parseYearSchedule; a bad one,
   * two schedules for one year, or two schedules that disagree about a day throw a
   * `validation_failed` AppError listing the problems.
   */
  constructor(
    schedules: readonly YearSchedule[],
    readonly options: CalendarOptions = {},
  ) {
    this.holidayLaw = options.holidayLaw === true;
    for (const input of schedules) {
      const { schedule, problems } = parseYearSchedule(input);
      if (!schedule) {
        const list = problems.map((p) => `${p.path ? `${p.path}：` : ''}${p.message}`).join('；');
        throw new AppError('validation_failed', `${String(input.year)} 年节假日安排有误：${list}`);
      }
      if (this.byYear.has(schedule.year)) {
        throw new AppError(
          'validation_failed',
          `${schedule.year} 年的节假日安排重复：每年只能有一份安排。`,
        );
      }
      this.byYear.set(schedule.year, schedule);
      const mark = (date: string, day: SpecialDay) => {
        const existing = this.special.get(date);
        if (existing && existing.kind !== day.kind) {
          throw new AppError(
            'validation_failed',
            `${existing.year} 年和 ${day.year} 年的节假日安排对 ${date} 的规定互相矛盾：请核对这两年的通知。`,
          );
        }
        this.special.set(date, day);
      };
      for (const block of schedule.holidays) {
        for (let d = block.from; d <= block.to; d = addDays(d, 1)) {
          mark(d, {
            kind: 'holiday',
            name: block.name,
            year: schedule.year,
            notice: schedule.notice,
          });
        }
      }
      for (const d of schedule.workdays) {
        mark(d, {
          kind: 'adjusted_workday',
          name: schedule.notice,
          year: schedule.year,
          notice: schedule.notice,
        });
      }
    }
  }

  /** The years with a schedule, ascending. */
  years(): number[] {
    return [...this.byYear.keys()].sort((a, b) => a - b);
  }

  schedule(year: number): YearSchedule | undefined {
    return this.byYear.get(year);
  }

  /** A new calendar with `schedule` added, or replacing the one for its year. */
  withSchedule(schedule: YearSchedule): WorkingDayCalendar {
    return new WorkingDayCalendar(
      [...[...this.byYear.values()].filter((s) => s.year !== schedule.year), schedule],
      this.options,
    );
  }

  /**
   * The provisional year computed from the holiday law for a year without a notice; null when
   * the year has a notice, or this calendar does not compute from the law, or the year is
   * outside the law's computable range.
   */
  provisionalYear(year: number): ProvisionalYear | null {
    return this.lawYear(year)?.year ?? null;
  }

  private lawYear(year: number) {
    if (!this.holidayLaw || this.byYear.has(year)) return null;
    let entry = this.lawYears.get(year);
    if (entry === undefined) {
      const computed = provisionalYear(year);
      entry = computed
        ? { year: computed, days: new Map(computed.days.map((d) => [d.date, d])) }
        : null;
      this.lawYears.set(year, entry);
    }
    return entry;
  }

  /**
   * The years without a notice, computed from the holiday law, that decide some day from `from`
   * to `to` (both included): the due dates counted over them are 暂定. Ascending.
   */
  provisionalYearsBetween(from: string, to: string): number[] {
    if (!this.holidayLaw || to < from) return [];
    const years = new Set<number>();
    for (const year of [...this.yearsNeededFor(from), ...this.yearsNeededFor(to)]) years.add(year);
    for (let y = yearOf(from); y <= yearOf(to); y++) years.add(y);
    return [...years]
      .filter((y) => this.lawYear(y) !== null)
      .filter((y) => {
        // The year decides [12-25 of the year before, 12-31 of its own year].
        const start = `${y - 1}-12-25`;
        const end = `${y}-12-31`;
        return from <= end && to >= start;
      })
      .sort((a, b) => a - b);
  }

  /**
   * The years whose schedules decide `date`: its own year, and from 25 December on the next
   * year too (its 元旦 arrangement may reach back into late December).
   */
  yearsNeededFor(date: string): number[] {
    const year = yearOf(date);
    return date.slice(5) >= YEAR_END_WINDOW_START ? [year, year + 1] : [year];
  }

  dayInfo(date: string): DayInfo {
    if (!isCalendarDate(date)) throw new CalendarDateInvalid(date);
    let provisional = false;
    for (const year of this.yearsNeededFor(date)) {
      if (this.byYear.has(year)) continue;
      if (this.lawYear(year)) {
        provisional = true;
        continue;
      }
      throw new CalendarYearUnknown(year, date, this.holidayLaw ? HOLIDAY_LAW_YEARS : null);
    }
    // Object literals written out: this runs for every day of every count (no spreads).
    const special = this.special.get(date);
    if (special) {
      const working = special.kind === 'adjusted_workday';
      return {
        date,
        working,
        kind: special.kind,
        name: special.name,
        provisional,
        basis: special.notice,
        lawKind: null,
      };
    }
    const law = provisional ? this.lawYear(yearOf(date))?.days.get(date) : undefined;
    if (law) {
      return {
        date,
        working: false,
        kind: 'holiday',
        name: law.name,
        provisional: true,
        basis: law.basis,
        lawKind: law.kind,
      };
    }
    const weekend = isWeekend(date);
    return {
      date,
      working: !weekend,
      kind: weekend ? 'weekend' : 'workday',
      name: null,
      provisional,
      basis: null,
      lawKind: null,
    };
  }

  /**
   * Whether each day asked so far (by day number) is a working day: the calendar never changes
   * once built, and counts walk the same days again and again.
   */
  private readonly working = new Map<number, boolean>();

  private isWorkingDayNumber(n: number): boolean {
    let working = this.working.get(n);
    if (working === undefined) {
      working = this.dayInfo(fromDayNumber(n)).working;
      if (this.working.size >= 20_000) this.working.clear();
      this.working.set(n, working);
    }
    return working;
  }

  /** @example calendar.isWorkingDay('2025-09-28') // true: a 调休 Sunday */
  isWorkingDay(date: string): boolean {
    if (!isCalendarDate(date)) throw new CalendarDateInvalid(date);
    return this.isWorkingDayNumber(dayNumber(date));
  }

  /**
   * The n-th working day after `date`, the date itself not counted; `date` itself when n = 0.
   *
   * @example calendar.addWorkingDays('2025-09-30', 1) // '2025-10-09': 国庆节、中秋节 10-01–10-08
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isSafeInteger(n) || n < 0) throw invalidCount(n);
    this.dayInfo(date);
    let d = date;
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** How many working days lie after `from`, up to and including `to` (0 when to ≤ from). */
  workingDaysBetween(from: string, to: string): number {
    this.dayInfo(from);
    let count = 0;
    const end: string = to;
    if (!isCalendarDate(to)) {
      // Not a date: compared as text, as it always was.
      for (let d = addDays(from, 1); d <= end; d = addDays(d, 1)) {
        if (this.isWorkingDay(d)) count++;
      }
      return count;
    }
    // By day number: no date text to build and parse for each day walked.
    const last = dayNumber(to);
    for (let n = dayNumber(from) + 1; n <= last; n++) {
      if (this.isWorkingDayNumber(n)) count++;
    }
    return count;
  }
}

/**
 * The calendar of the shipped schedules (2019–2026), plus any entered by a system admin; with
 * `holidayLaw`, later years without a notice are computed from the holiday law (暂定).
 */
export function defaultCalendar(
  extra: readonly YearSchedule[] = [],
  options: CalendarOptions = {},
): WorkingDayCalendar {
  const years = new Set(extra.map((s) => s.year));
  return new WorkingDayCalendar(
    [...SHIPPED_SCHEDULES.filter((s) => !years.has(s.year)), ...extra],
    options,
  );
}
