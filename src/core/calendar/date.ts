/**
 * Calendar dates as `YYYY-MM-DD` strings (Asia/Shanghai calendar days). Arithmetic goes through
 * a day number computed with Date.UTC, so neither the machine's time zone nor daylight saving
 * can shift a date: a date is a day on the calendar, never an instant.
 */
import { AppError } from '../errors.js';

/** 1 = Monday … 7 = Sunday (ISO 8601). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface CalendarDateParts {
  year: number;
  month: number;
  day: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** The parts of a well-formed, existing date; null for anything else (2025-02-29, 2025-1-5, …). */
export function parseCalendarDate(text: string): CalendarDateParts | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isCalendarDate(text: unknown): text is string {
  return typeof text === 'string' && parseCalendarDate(text) !== null;
}

/** A malformed or non-existent date given where a calendar date is required. */
export class CalendarDateInvalid extends AppError {
  constructor(readonly input: string) {
    super(
      'validation_failed',
      `日期“${input}”无效：请按 YYYY-MM-DD 填写一个存在的日期，如 2025-10-09。`,
    );
    this.name = 'CalendarDateInvalid';
  }
}

function parts(date: string): CalendarDateParts {
  const p = parseCalendarDate(date);
  if (!p) throw new CalendarDateInvalid(date);
  return p;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 (which is day 0). */
export function dayNumber(date: string): number {
  const { year, month, day } = parts(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(n: number): string {
  const d = new Date(n * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The date `n` calendar days after `date` (before it when n is negative). */
export function addDays(date: string, n: number): string {
  return fromDayNumber(dayNumber(date) + n);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function weekday(date: string): Weekday {
  // 1970-01-01 was a Thursday (4).
  return (((((dayNumber(date) + 3) % 7) + 7) % 7) + 1) as Weekday;
}

export function isWeekend(date: string): boolean {
  return weekday(date) >= 6;
}

export function yearOf(date: string): number {
  return parts(date).year;
}

/** The Chinese name of the weekday, as printed on letters: 星期一 … 星期日. */
export function weekdayName(date: string): string {
  return `星期${'一二三四五六日'[weekday(date) - 1]}`;
}

/** 2025-10-09 → 2025年10月9日, the form used in letters. */
export function formatChineseDate(date: string): string {
  const { year, month, day } = parts(date);
  return `${year}年${month}月${day}日`;
}

/**
 * The one phrasing of a deadline everywhere people read it (portal, letters, workspace,
 * reminders): the last day, and that it counts, so nobody reads “X前” as “before X”.
 *
 * @example lastDayPhrase('2026-04-08') // '最迟于2026年4月8日（含当日）'
 */
export function lastDayPhrase(date: string): string {
  return `最迟于${formatChineseDate(date)}（含当日）`;
}

/** Every date from `from` to `to`, both included; empty when `to` is before `from`. */
export function datesInRange(from: string, to: string): string[] {
  const start = dayNumber(from);
  const end = dayNumber(to);
  const out: string[] = [];
  for (let n = start; n <= end; n++) out.push(fromDayNumber(n));
  return out;
}
