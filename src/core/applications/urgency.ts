/**
 * How urgent a case is (see ./clock.ts for its due date): the reply's urgency, and that of the
 * periods the applicant must keep, on a given day — never failing for a missing holiday schedule.
 */
import { daysBetween } from '../calendar/date.js';
import { CalendarYearUnknown, type WorkingDayCalendar } from '../calendar/working-day-calendar.js';

/**
 * The reply's urgency (overdue … on_track), and that of the periods the applicant must keep: a
 * correction period or a payment period past (expired — the clerk must record the lapse, or
 * decide on a late correction) or ending within 3 working days (expiring).
 *
 * undetermined: the due date is known but whether it is within 3 working days is not, because
 * a year's holiday schedule is missing (say from 25 December, before the next year's is entered).
 */
export type Urgency =
  | 'overdue'
  | 'due_today'
  | 'due_soon'
  | 'on_track'
  | 'undetermined'
  | 'correction_expired'
  | 'correction_expiring'
  | 'fee_expired'
  | 'fee_expiring';

export const URGENCY_LABELS: Record<Urgency, string> = {
  overdue: '已超期',
  due_today: '今日到期',
  due_soon: '3 个工作日内到期',
  on_track: '未到期',
  undetermined: '缺少节假日安排，无法判断是否临近到期',
  correction_expired: '补正期限已过',
  correction_expiring: '补正期限 3 个工作日内届满',
  fee_expired: '缴费期限已过',
  fee_expiring: '缴费期限 3 个工作日内届满',
};

/** Most urgent first: the order of the workspace's list. */
export const URGENCY_PRIORITY: Record<Urgency, number> = {
  overdue: 0,
  due_today: 1,
  correction_expired: 2,
  fee_expired: 3,
  due_soon: 4,
  correction_expiring: 5,
  fee_expiring: 6,
  undetermined: 7,
  on_track: 8,
};

/** How many working days before the due date count as 即将到期, unless the agency sets another. */
export const DUE_SOON_WORKING_DAYS = 3;

export interface UrgencyClass {
  urgency: Urgency;
  /**
   * Working days after today up to the due date; negative (working days since) once overdue;
   * null when they cannot be counted for a missing holiday schedule.
   */
  workingDaysLeft: number | null;
  /** The year whose schedule was missing for the count, or null. */
  unknownYear: number | null;
}

function countWorkingDays(
  from: string,
  to: string,
  calendar: WorkingDayCalendar,
): { days: number; unknownYear: null } | { days: null; unknownYear: number } {
  try {
    return { days: calendar.workingDaysBetween(from, to), unknownYear: null };
  } catch (e) {
    if (e instanceof CalendarYearUnknown) return { days: null, unknownYear: e.year };
    throw e;
  }
}

/**
 * Whether a period the applicant must keep (a correction, a payment) has passed on `today`
 * (expired), ends within 3 working days (expiring; the last day itself included), or neither
 * (null). Like classifyUrgency, a missing schedule never makes it fail.
 */
export function classifyPeriod(
  until: string,
  today: string,
  calendar: WorkingDayCalendar,
  dueSoonDays: number = DUE_SOON_WORKING_DAYS,
): {
  state: 'expired' | 'expiring';
  workingDaysLeft: number | null;
  unknownYear: number | null;
} | null {
  if (until < today) {
    const since = countWorkingDays(until, today, calendar);
    return {
      state: 'expired',
      workingDaysLeft: since.days === null ? null : -since.days,
      unknownYear: since.unknownYear,
    };
  }
  if (until === today) return { state: 'expiring', workingDaysLeft: 0, unknownYear: null };
  const left = countWorkingDays(today, until, calendar);
  const near =
    left.days === null ? daysBetween(today, until) <= dueSoonDays : left.days <= dueSoonDays;
  return near
    ? { state: 'expiring', workingDaysLeft: left.days, unknownYear: left.unknownYear }
    : null;
}

/**
 * How urgent a reply due on `dueOn` is on `today`. Overdue and due today are plain date
 * comparisons; only "within 3 working days" needs the calendar, and when a year's schedule is
 * missing the answer is `undetermined` (or due_soon when even the calendar days are ≤ 3) —
 * never an error that would drop the case from the list.
 */
export function classifyUrgency(
  dueOn: string,
  today: string,
  calendar: WorkingDayCalendar,
  dueSoonDays: number = DUE_SOON_WORKING_DAYS,
): UrgencyClass {
  if (dueOn < today) {
    const since = countWorkingDays(dueOn, today, calendar);
    return {
      urgency: 'overdue',
      workingDaysLeft: since.days === null ? null : since.days === 0 ? 0 : -since.days,
      unknownYear: since.unknownYear,
    };
  }
  if (dueOn === today) return { urgency: 'due_today', workingDaysLeft: 0, unknownYear: null };
  const left = countWorkingDays(today, dueOn, calendar);
  if (left.days === null) {
    // Working days never outnumber calendar days.
    const near = daysBetween(today, dueOn) <= dueSoonDays;
    return {
      urgency: near ? 'due_soon' : 'undetermined',
      workingDaysLeft: null,
      unknownYear: left.unknownYear,
    };
  }
  return {
    urgency: left.days <= dueSoonDays ? 'due_soon' : 'on_track',
    workingDaysLeft: left.days,
    unknownYear: null,
  };
}
