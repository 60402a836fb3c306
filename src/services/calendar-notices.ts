/**
 * The State Council's holiday notice, entered by a system admin once for every agency: read
 * from the pasted text (or typed field by field), shown day by day for confirmation, checked
 * against the holiday law's count, saved with the text as pasted, and followed by a recount of
 * every open case's due date (recompute.ts). And the year-end reminder that next year's notice
 * is due.
 */
import { addDays, datesInRange, isWeekend, weekdayName } from '../core/calendar/date.js';
import { HOLIDAY_LAW } from '../core/calendar/holiday-law.js';
import {
  checkAgainstHolidayLaw,
  readNoticeText,
  scheduleOfNotice,
  type LawProblem,
  type NoticeLineProblem,
} from '../core/calendar/notice-text.js';
import {
  parseYearSchedule,
  type ScheduleProblem,
  type YearSchedule,
} from '../core/calendar/schedule.js';
import { SHIPPED_SCHEDULES } from '../core/calendar/schedules.js';
import { defaultCalendar } from '../core/calendar/working-day-calendar.js';
import { AppError, invalidField } from '../core/errors.js';
import type { Db } from '../store/database.js';
import * as repo from '../store/repositories/applications.js';
import { recordChange } from './audit.js';
import { actorLabel, shanghaiDate, type Actor, type ServiceContext } from './context.js';
import { recomputeOpenDueDates } from './applications/recompute.js';
import type { CalendarYearView } from './applications/settings.js';

/** One item of the notice as read, for the admin to confirm. */
export interface NoticeItemView {
  line: number | null;
  name: string;
  from: string;
  to: string;
  days: number;
  /** Every day of the break with its weekday: 2027-02-05（星期五）. */
  dayList: string[];
  workdays: string[];
  /** 2027-02-13（星期六）. */
  workdayList: string[];
  statedDays: number | null;
}

export interface NoticePreview {
  year: number | null;
  notice: string;
  items: NoticeItemView[];
  /** Lines of the text not understood (nothing of them is used). */
  unread: NoticeLineProblem[];
  /** Lines without dates (title, greeting, closing), set aside. */
  ignored: { line: number; text: string }[];
  /** Where the days contradict the holiday law's count (refused). */
  lawProblems: LawProblem[];
  /** What parseYearSchedule found (a date outside the year, a 调休 day on a weekday, …). */
  scheduleProblems: ScheduleProblem[];
  /** Nothing stands in the way of saving. */
  ok: boolean;
}

const withWeekday = (d: string) => `${d}（${weekdayName(d)}）`;

function itemView(i: {
  line?: number;
  name: string;
  from: string;
  to: string;
  workdays?: readonly string[];
  statedDays?: number | null;
}): NoticeItemView {
  const dates = datesInRange(i.from, i.to);
  return {
    line: i.line ?? null,
    name: i.name,
    from: i.from,
    to: i.to,
    days: dates.length,
    dayList: dates.map(withWeekday),
    workdays: [...(i.workdays ?? [])],
    workdayList: (i.workdays ?? []).map(withWeekday),
    statedDays: i.statedDays ?? null,
  };
}

/**
 * Reads a pasted notice and checks it, without saving: what the form shows for confirmation.
 * `year` and `notice` come from the form when the text does not carry them.
 */
export function previewNotice(input: {
  text: string;
  year?: number | null;
  notice?: string | null;
}): NoticePreview {
  const read = readNoticeText(input.text, input.year ?? null);
  const year = input.year ?? read.year;
  const notice = (input.notice ?? '').trim() || read.notice || '';
  const items = read.items.map(itemView);
  const base = { year, notice, items, unread: read.problems, ignored: read.ignored };
  const yearProblem =
    year === null
      ? '请填写年份（通知中没有找到“关于××年部分节假日安排的通知”）。'
      : input.year && read.year && input.year !== read.year
        ? `所填年份 ${input.year} 与通知标题中的 ${read.year} 年不一致：请核对。`
        : null;
  if (year === null || yearProblem) {
    return {
      ...base,
      lawProblems: [],
      scheduleProblems: [{ path: 'year', message: yearProblem ?? '' }],
      ok: false,
    };
  }
  const parsed = parseYearSchedule(scheduleOfNotice({ ...read, year }, notice));
  const lawProblems = checkAgainstHolidayLaw(year, read.items);
  const ok =
    read.problems.length === 0 &&
    read.items.length > 0 &&
    parsed.problems.length === 0 &&
    lawProblems.length === 0;
  return { ...base, lawProblems, scheduleProblems: parsed.problems, ok };
}

const isShipped = (year: number) => SHIPPED_SCHEDULES.some((s) => s.year === year);

async function enteredSchedules(db: Db): Promise<YearSchedule[]> {
  return (await repo.listCalendarYears(db)).map((r) => JSON.parse(r.schedule_json) as YearSchedule);
}

function refuse(message: string, details: Record<string, unknown>): never {
  throw new AppError('validation_failed', message, details);
}

/**
 * Saves a year's schedule (read from the pasted text, or typed field by field), for every
 * agency, and recounts every open case's due date. Refused, with every reason, when the text
 * has lines not understood, a date is wrong, or the days contradict the holiday law's count.
 */
export async function enterHolidayNotice(
  ctx: ServiceContext,
  actor: Actor,
  year: number,
  input: { text: string; notice?: string | null } | { schedule: unknown },
): Promise<CalendarYearView & { recomputed: { checked: number; changed: number } }> {
  if (isShipped(year)) {
    throw new AppError(
      'conflict',
      `${year} 年的节假日安排随系统提供（依${SHIPPED_SCHEDULES.find((s) => s.year === year)!.notice}），不能修改。如认为有误，请联系系统维护者。`,
      { field: 'year' },
    );
  }
  let schedule: YearSchedule;
  let text: string | null = null;
  if ('text' in input) {
    text = input.text;
    const preview = previewNotice({ text: input.text, year, notice: input.notice ?? null });
    if (!preview.ok) {
      const first =
        preview.unread[0]?.message ??
        preview.scheduleProblems[0]?.message ??
        preview.lawProblems[0]?.message ??
        '通知中没有读到任何放假安排：请粘贴通知中“一、元旦：……”起的各项。';
      refuse(`节假日安排未保存：${first}`, { field: 'text', preview });
    }
    if (!preview.notice) {
      throw invalidField(
        'notice',
        '请填写通知文号（如 国办发明电〔2026〕×号），或发布机关和日期：通知正文中没有找到文号。',
      );
    }
    schedule = scheduleOfNotice(readNoticeText(input.text, year), preview.notice)!;
  } else {
    const parsed = parseYearSchedule(input.schedule);
    if (!parsed.schedule) {
      const first = parsed.problems[0];
      refuse(first ? first.message : '节假日安排有误。', {
        field: first?.path ?? '',
        problems: parsed.problems,
      });
    }
    schedule = parsed.schedule;
    const law = checkAgainstHolidayLaw(schedule.year, schedule.holidays, schedule.workdays);
    if (law.length > 0) {
      refuse(`节假日安排与${HOLIDAY_LAW}不符，未保存：${law[0]!.message}`, {
        field: 'holidays',
        problems: law.map((p) => ({ path: 'holidays', message: p.message })),
      });
    }
  }
  const checked = parseYearSchedule(schedule);
  if (!checked.schedule) {
    refuse(checked.problems[0]?.message ?? '节假日安排有误。', { problems: checked.problems });
  }
  schedule = checked.schedule;
  if (schedule.year !== year) {
    throw invalidField('year', `所填安排是 ${schedule.year} 年的，与地址中的 ${year} 年不一致。`);
  }
  return ctx.store.transaction(async (t) => {
    const existing = await enteredSchedules(t);
    const others = existing.filter((s) => s.year !== year);
    const previous = existing.find((s) => s.year === year) ?? null;
    // Throws validation_failed when two years contradict each other about a day.
    const after = defaultCalendar([...others, schedule], { holidayLaw: true });
    const before = defaultCalendar(existing, { holidayLaw: true });
    const now = ctx.clock.now();
    if (previous) await repo.deleteCalendarYear(t, year);
    await repo.insertCalendarYear(t, {
      year,
      schedule_json: JSON.stringify(schedule),
      created_at: now.toISOString(),
      created_by: actorLabel(actor),
      notice_text: text,
    });
    await recordChange(ctx, t, actor, now, {
      action: previous ? 'calendar_year.update' : 'calendar_year.create',
      entityType: 'calendar_year',
      entityId: String(year),
      before: previous,
      after: { ...schedule, text },
    });
    const recomputed = await recomputeOpenDueDates(ctx, t, actor, {
      year,
      notice: schedule.notice,
      before,
      after,
    });
    return {
      year,
      notice: schedule.notice,
      source: 'system' as const,
      enteredBy: actorLabel(actor),
      enteredAt: now.toISOString(),
      schedule,
      recomputed,
    };
  });
}

/** The pasted text a year was entered from, when it was. */
export async function noticeTextOf(db: Db, year: number): Promise<string | null> {
  const row = (await repo.listCalendarYears(db)).find((r) => r.year === year);
  return row?.notice_text ?? null;
}

/** From 1 November, next year's notice is due (the State Council publishes it in the autumn). */
export const NOTICE_DUE_FROM = '11-01';

export interface CalendarStatus {
  today: string;
  /** Years from this one on that have no notice yet and are computed from the law (暂定). */
  missing: { year: number; provisional: boolean }[];
  /** Said to system admins and agency admins; null when nothing is due. */
  reminder: string | null;
}

/**
 * What the workspace tells admins about the calendar on `today`: this year's notice when it is
 * missing, and from 1 November next year's.
 */
export async function calendarStatus(ctx: ServiceContext): Promise<CalendarStatus> {
  const today = shanghaiDate(ctx.clock.now());
  const year = Number(today.slice(0, 4));
  const entered = await enteredSchedules(ctx.store.db);
  const calendar = defaultCalendar(entered, { holidayLaw: true });
  const have = new Set(calendar.years());
  const due = [year, ...(today.slice(5) >= NOTICE_DUE_FROM ? [year + 1] : [])];
  const missing = due
    .filter((y) => !have.has(y))
    .map((y) => ({ year: y, provisional: calendar.provisionalYear(y) !== null }));
  const reminder =
    missing.length === 0
      ? null
      : `${missing.map((m) => `${m.year} 年`).join('、')}的国务院办公厅节假日安排尚未录入：涉及${missing.length > 1 ? '这些年份' : '该年'}的答复期限暂按${HOLIDAY_LAW}推算，标为“暂定”。请系统管理员在工作台“节假日安排”中粘贴通知全文录入（全国统一，录入一次即适用于所有机关；录入后各机关未办结申请的期限自动重新计算）。`;
  return { today, missing, reminder };
}

/** The next weekday on or after `date`: reminders go out on weekdays. */
export const nextWeekday = (date: string): string => {
  let d = date;
  while (isWeekend(d)) d = addDays(d, 1);
  return d;
};
