/**
 * The answers of `gongkai calendar …`, loaded when one is asked for (calendar.ts only defines the
 * commands, so that `gongkai --help` does not load the calendar).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_CLOCK_SETTINGS, type ClockSettings } from '../../core/applications/events.js';
import { dueDateFromReceipt, provisionalLine } from '../../core/applications/clock.js';
import { dueDayLines } from '../../core/applications/due-date.js';
import { isCalendarDate } from '../../core/calendar/date.js';
import { describeDays } from '../../core/calendar/explain.js';
import { parseYearSchedule, type YearSchedule } from '../../core/calendar/schedule.js';
import {
  CalendarYearUnknown,
  defaultCalendar,
  type WorkingDayCalendar,
} from '../../core/calendar/working-day-calendar.js';
import { CliExit, EXIT, type CliIo } from '../io.js';

/**
 * Exit codes: 0 the answer was printed (暂定 when a year it needs has no notice and was
 * computed from the holiday law: said on the second line); 1 a year the answer needs can be
 * neither read from a notice nor computed (beyond the computable range; the message names it);
 * 2 malformed arguments or an unreadable --schedule file.
 */
const SCHEDULE_UNKNOWN = EXIT.findings;

export interface CalendarOptions {
  schedule?: string[];
}

function requireDate(text: string): string {
  if (!isCalendarDate(text)) {
    throw new CliExit(
      EXIT.usage,
      `日期“${text}”无效：请按 YYYY-MM-DD 填写一个存在的日期，如 2025-10-09。`,
    );
  }
  return text;
}

function loadSchedule(io: CliIo, file: string): YearSchedule {
  const path = resolve(io.cwd, file);
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? '找不到文件'
        : error instanceof SyntaxError
          ? '不是有效的 JSON'
          : error instanceof Error
            ? error.message
            : String(error);
    throw new CliExit(EXIT.usage, `无法读取节假日安排 ${path}：${reason}。`);
  }
  const { schedule, problems } = parseYearSchedule(input);
  if (!schedule) {
    throw new CliExit(
      EXIT.usage,
      [
        `${path} 不是有效的节假日安排：`,
        ...problems.map((p) => `  ${p.path ? `${p.path}：` : ''}${p.message}`),
      ].join('\n'),
    );
  }
  return schedule;
}

function calendarFor(io: CliIo, options: CalendarOptions): WorkingDayCalendar {
  return defaultCalendar(
    (options.schedule ?? []).map((f) => loadSchedule(io, f)),
    { holidayLaw: true },
  );
}

/** The 暂定 line when the answer relied on a year computed from the holiday law. */
function provisionalNote(cal: WorkingDayCalendar, from: string, to: string): string[] {
  const years = cal.provisionalYearsBetween(from, to);
  return years.length > 0 ? [provisionalLine(years)] : [];
}

/** Runs `answer`, turning a missing holiday schedule into exit code 1 with its message. */
function withCalendar(answer: () => void): void {
  try {
    answer();
  } catch (error) {
    if (error instanceof CalendarYearUnknown) throw new CliExit(SCHEDULE_UNKNOWN, error.message);
    throw error;
  }
}

/**
 * For a 暂定 answer: that it is, and the source of the day when it is not an ordinary weekday
 * or weekend. A day a notice settles is answered by true or false alone, as before.
 */
function describeDay(cal: WorkingDayCalendar, date: string): string[] {
  const info = cal.dayInfo(date);
  if (!info.provisional) return [];
  const source =
    info.kind === 'workday' || info.kind === 'weekend' ? [] : describeDays(cal, date, date);
  return [...provisionalNote(cal, date, date), ...source];
}

/** `gongkai calendar is-working-day DATE`. */
export function isWorkingDay(io: CliIo, dateText: string, options: CalendarOptions): void {
  const date = requireDate(dateText);
  const cal = calendarFor(io, options);
  withCalendar(() => {
    const info = cal.dayInfo(date);
    const lines = [String(info.working), ...describeDay(cal, date)];
    io.stdout.write(lines.join('\n') + '\n');
  });
}

/** `gongkai calendar add-working-days DATE N`. */
export function addWorkingDays(
  io: CliIo,
  dateText: string,
  nText: string,
  options: CalendarOptions,
): void {
  const date = requireDate(dateText);
  if (!/^\d+$/.test(nText) || !Number.isSafeInteger(Number(nText))) {
    throw new CliExit(EXIT.usage, `工作日数“${nText}”无效：请填写不小于 0 的整数。`);
  }
  const cal = calendarFor(io, options);
  withCalendar(() => {
    const end = cal.addWorkingDays(date, Number(nText));
    io.stdout.write([end, ...provisionalNote(cal, date, end)].join('\n') + '\n');
  });
}

/** `gongkai calendar due DATE`. */
export function dueDate(
  io: CliIo,
  dateText: string,
  options: CalendarOptions & { countFrom: string },
): void {
  const date = requireDate(dateText);
  if (options.countFrom !== 'next_day' && options.countFrom !== 'same_day') {
    throw new CliExit(
      EXIT.usage,
      `--count-from 的值“${options.countFrom}”无效：应为 next_day 或 same_day。`,
    );
  }
  const settings: ClockSettings = {
    ...DEFAULT_CLOCK_SETTINGS,
    countFrom: options.countFrom,
  };
  const cal = calendarFor(io, options);
  withCalendar(() => {
    const due = dueDateFromReceipt(date, cal, settings);
    // The date alone first (scripts read it), then 暂定 when it is, the rule, and each day.
    const provisional =
      due.provisionalYears.length > 0 ? [provisionalLine(due.provisionalYears)] : [];
    const rule = due.rule.filter((l) => !l.startsWith('暂定：'));
    io.stdout.write(
      [due.dueOn, ...provisional, ...rule, '各日依据：', ...dueDayLines(due, cal)].join('\n') +
        '\n',
    );
  });
}
