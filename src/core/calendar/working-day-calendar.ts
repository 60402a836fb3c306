/**
 * Chinese working days: Monday–Friday, minus the public holidays, plus the weekend days the
 * State Council designates as working days (调休). Statutory periods of the regulation
 * (条例第三十、三十二、三十三条) count these days.
 *
 * A date whose year has no schedule is an error that names the year (CalendarYearUnknown),
 * never a guess: a calendar that silently treated an unknown year as plain Monday–Friday would
 * get every deadline across its holidays wrong.
 */
import { AppError } from '../errors.js';
import { addDays, CalendarDateInvalid, isCalendarDate, isWeekend, yearOf } from './date.js';
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
}

/** A year whose holiday schedule is needed but not known. `code` is `calendar_year_unknown`. */
export class CalendarYearUnknown extends AppError {
  constructor(
    readonly year: number,
    readonly date: string,
  ) {
    const why =
      yearOf(date) === year
        ? ''
        : `（${year} 年元旦的放假和调休可能从 ${year - 1} 年 12 月下旬开始）`;
    super(
      'calendar_year_unknown',
      `没有 ${year} 年的节假日安排，无法判断 ${date} 是否为工作日${why}。请系统管理员在工作台的工作日历中录入国务院办公厅公布的 ${year} 年节假日安排（全国统一，录入一次即适用于所有机关）后再试。`,
      { year, date },
    );
    this.name = 'CalendarYearUnknown';
  }
}

interface SpecialDay {
  kind: 'holiday' | 'adjusted_workday';
  name: string;
  year: number;
}

function invalidCount(n: number): AppError {
  return new AppError('validation_failed', `工作日数“${String(n)}”无效：请填写不小于 0 的整数。`, {
    field: 'n',
  });
}

export class WorkingDayCalendar {
  private readonly byYear = new Map<number, YearSchedule>();
  private readonly special = new Map<string, SpecialDay>();

  /**
   * Builds a calendar from year schedules. Each is checked with parseYearSchedule; a bad one,
   * two schedules for one year, or two schedules that disagree about a day throw a
   * `validation_failed` AppError listing the problems.
   */
  constructor(schedules: readonly YearSchedule[]) {
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
          mark(d, { kind: 'holiday', name: block.name, year: schedule.year });
        }
      }
      for (const d of schedule.workdays) {
        mark(d, { kind: 'adjusted_workday', name: schedule.notice, year: schedule.year });
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
    return new WorkingDayCalendar([
      ...[...this.byYear.values()].filter((s) => s.year !== schedule.year),
      schedule,
    ]);
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
    for (const year of this.yearsNeededFor(date)) {
      if (!this.byYear.has(year)) throw new CalendarYearUnknown(year, date);
    }
    const special = this.special.get(date);
    if (special?.kind === 'holiday') {
      return { date, working: false, kind: 'holiday', name: special.name };
    }
    if (special?.kind === 'adjusted_workday') {
      return { date, working: true, kind: 'adjusted_workday', name: special.name };
    }
    return isWeekend(date)
      ? { date, working: false, kind: 'weekend', name: null }
      : { date, working: true, kind: 'workday', name: null };
  }

  /** @example calendar.isWorkingDay('2025-09-28') // true: a 调休 Sunday */
  isWorkingDay(date: string): boolean {
    return this.dayInfo(date).working;
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
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
      if (this.isWorkingDay(d)) count++;
    }
    return count;
  }
}

/** The calendar of the shipped schedules (2019–2026), plus any entered by a system admin. */
export function defaultCalendar(extra: readonly YearSchedule[] = []): WorkingDayCalendar {
  const years = new Set(extra.map((s) => s.year));
  return new WorkingDayCalendar([...SHIPPED_SCHEDULES.filter((s) => !years.has(s.year)), ...extra]);
}
