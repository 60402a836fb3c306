/**
 * One year's public holidays and 调休 working days, as the State Council's yearly notice
 * (国务院办公厅关于××年部分节假日安排的通知) publishes them. A schedule is data: the shipped years
 * live in schedules.ts and an agency admin enters a new year in the workspace, checked here.
 */
import { addDays, datesInRange, isWeekend, parseCalendarDate, weekdayName } from './date.js';

export interface HolidayBlock {
  /** 元旦, 春节, … as the notice names it. */
  name: string;
  /** First day off, YYYY-MM-DD. */
  from: string;
  /** Last day off, YYYY-MM-DD (equal to `from` for a single day). */
  to: string;
}

export interface YearSchedule {
  year: number;
  /** The notice's 文号 or, when it has none, its issuer and date. */
  notice: string;
  /** Days off, weekends inside a block included. */
  holidays: HolidayBlock[];
  /** 调休: Saturdays and Sundays that are working days. */
  workdays: string[];
}

export interface ScheduleProblem {
  /** Where the problem is, as a path into the input: `holidays[2].to`, `workdays[0]`, `year`. */
  path: string;
  message: string;
}

export interface ParsedYearSchedule {
  schedule: YearSchedule | null;
  problems: ScheduleProblem[];
}

/**
 * The first day of the previous year a schedule may reach back to. The 元旦 block can begin in
 * late December: the 2019 notice gave 2018-12-30 and 12-31 off and made Saturday 2018-12-29 a
 * working day; the 2023 notice began 元旦 on 2022-12-31. So a date from 25 December on cannot
 * be judged without the next year's schedule too.
 */
export const YEAR_END_WINDOW_START = '12-25';

/** Whether `date` is one a schedule for `year` may cover: that year, or the end of the one before. */
export function dateBelongsToSchedule(date: string, year: number): boolean {
  const y = Number(date.slice(0, 4));
  if (y === year) return true;
  return y === year - 1 && date.slice(5) >= YEAR_END_WINDOW_START;
}

const MIN_YEAR = 2000;
/** Longer than any block ever announced (the longest, 春节 2020 as extended, was 10 days). */
const MAX_BLOCK_DAYS = 15;
const DEFAULT_HOLIDAY_NAME = '节假日';
const MAX_YEAR = 2100;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a schedule typed in by an admin (or read from JSON) and returns it normalised, or the
 * problems in Chinese. Never throws.
 *
 * Accepted shape: `{ year, notice, holidays, workdays }`, where a holiday is a date string
 * (`"2027-01-01"`), or `{ name?, from, to }`, or `{ name?, date }`, and a 调休 day is a date string.
 *
 * @example parseYearSchedule({ year: 2027, notice: '国办发明电〔2026〕×号', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }], workdays: [] })
 */
export function parseYearSchedule(input: unknown): ParsedYearSchedule {
  const problems: ScheduleProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  if (!isRecord(input)) {
    problem(
      '',
      '节假日安排应为一个对象，包含 year（年份）、notice（通知文号）、holidays（放假日期）和 workdays（调休上班日期）。',
    );
    return { schedule: null, problems };
  }

  const year = input.year;
  const yearOk =
    typeof year === 'number' && Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
  if (!yearOk) problem('year', `年份应为 ${MIN_YEAR}–${MAX_YEAR} 之间的整数，如 2027。`);
  const y = yearOk ? (year as number) : NaN;

  const notice = typeof input.notice === 'string' ? input.notice.trim() : '';
  if (!notice)
    problem(
      'notice',
      '请填写节假日安排的依据：国务院办公厅通知的文号（如 国办发明电〔2024〕12号），或发布机关和日期。',
    );

  const checkDate = (path: string, value: unknown, what: string): string | null => {
    if (typeof value !== 'string' || !parseCalendarDate(value)) {
      problem(
        path,
        `${what}“${String(value)}”不是有效日期：请按 YYYY-MM-DD 填写，如 ${yearOk ? y : 2027}-01-01。`,
      );
      return null;
    }
    if (yearOk && !dateBelongsToSchedule(value, y)) {
      problem(
        path,
        `${what} ${value} 不在 ${y} 年内：${y} 年的安排只能包含 ${y} 年的日期（元旦假期和调休可从 ${y - 1} 年 12 月 25 日起）。`,
      );
      return null;
    }
    return value;
  };

  const holidays: HolidayBlock[] = [];
  if (!Array.isArray(input.holidays) || input.holidays.length === 0) {
    problem('holidays', '请至少填写一个放假日期或放假时段。');
  } else {
    input.holidays.forEach((entry: unknown, i) => {
      const path = `holidays[${i}]`;
      if (typeof entry === 'string') {
        const d = checkDate(path, entry, '放假日期');
        if (d) holidays.push({ name: DEFAULT_HOLIDAY_NAME, from: d, to: d });
        return;
      }
      if (!isRecord(entry)) {
        problem(
          path,
          '每个放假项应为日期（如 "2027-01-01"）或时段（{ "name": "春节", "from": "…", "to": "…" }）。',
        );
        return;
      }
      if (entry.name !== undefined && typeof entry.name !== 'string') {
        problem(`${path}.name`, '节日名称应为文字，如 春节。');
      }
      const name =
        (typeof entry.name === 'string' ? entry.name.trim() : '') || DEFAULT_HOLIDAY_NAME;
      if (entry.date !== undefined) {
        const d = checkDate(`${path}.date`, entry.date, '放假日期');
        if (d) holidays.push({ name, from: d, to: d });
        return;
      }
      const from = checkDate(`${path}.from`, entry.from, '放假开始日期');
      const to = checkDate(`${path}.to`, entry.to, '放假结束日期');
      if (!from || !to) return;
      if (to < from) {
        problem(`${path}.to`, `放假时段的结束日期 ${to} 早于开始日期 ${from}：请检查。`);
        return;
      }
      const length = datesInRange(from, to).length;
      if (length > MAX_BLOCK_DAYS) {
        problem(
          path,
          `放假时段 ${from} 至 ${to} 长达 ${length} 天，超过 ${MAX_BLOCK_DAYS} 天：请核对起止日期。`,
        );
        return;
      }
      holidays.push({ name, from, to });
    });
  }

  const holidayOf = new Map<string, number>();
  holidays.forEach((block, i) => {
    for (const d of datesInRange(block.from, block.to)) {
      const other = holidayOf.get(d);
      if (other !== undefined) {
        problem(`holidays[${i}]`, `放假日期 ${d} 重复：它已在第 ${other + 1} 个放假时段中。`);
      } else {
        holidayOf.set(d, i);
      }
    }
  });

  const workdays: string[] = [];
  if (!Array.isArray(input.workdays)) {
    problem('workdays', '请填写调休上班日期的列表（没有调休时填空列表 []）。');
  } else {
    const seen = new Set<string>();
    input.workdays.forEach((entry: unknown, i) => {
      const path = `workdays[${i}]`;
      const d = checkDate(path, entry, '调休上班日期');
      if (!d) return;
      if (seen.has(d)) {
        problem(path, `调休上班日期 ${d} 重复。`);
        return;
      }
      seen.add(d);
      if (!isWeekend(d)) {
        problem(path, `${d} 是${weekdayName(d)}，本来就是工作日：调休上班日只能是星期六或星期日。`);
        return;
      }
      if (holidayOf.has(d)) {
        problem(path, `${d} 既是放假日期又是调休上班日期：请删去其中一个。`);
        return;
      }
      workdays.push(d);
    });
  }

  if (problems.length > 0 || !yearOk) return { schedule: null, problems };
  holidays.sort((a, b) => (a.from < b.from ? -1 : 1));
  workdays.sort();
  return { schedule: { year: y, notice, holidays, workdays }, problems };
}

/** The days off of a schedule, each with the name of its block. */
export function holidayDates(schedule: YearSchedule): Map<string, string> {
  const out = new Map<string, string>();
  for (const block of schedule.holidays) {
    for (let d = block.from; d <= block.to; d = addDays(d, 1)) out.set(d, block.name);
  }
  return out;
}
