/**
 * The reply due date of an application, derived from its events (never stored), and the
 * workspace's list of cases by urgency.
 */
import { describeDays } from '../calendar/explain.js';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { AppError } from '../errors.js';
import {
  classifyPeriod,
  classifyUrgency,
  computeDue,
  DUE_SOON_WORKING_DAYS,
  receiptLine,
  URGENCY_PRIORITY,
  type DueDate,
  type Urgency,
  type UrgencyClass,
} from './clock.js';
import {
  DEFAULT_CLOCK_SETTINGS,
  type ApplicationEvent,
  type ApplicationState,
  type ClockSettings,
  type TransitionError,
} from './events.js';
import { clockInputOf, replayEvents } from './state-machine.js';

/** The due date of an application in `state` (under its own clock settings), with the rule applied. */
export function dueDateOfState(state: ApplicationState, calendar: WorkingDayCalendar): DueDate {
  if (!state.receipt) {
    return {
      dueOn: null,
      provisionalYears: [],
      provisional: false,
      waiting: null,
      countedFrom: null,
      workingDays: 0,
      excludedWorkingDays: 0,
      repliedOn: null,
      late: null,
      rule: ['尚未收到申请，答复期限尚未开始计算'],
    };
  }
  const ended =
    state.outcome === 'other.no_correction'
      ? '申请人无正当理由逾期不补正，视为放弃申请，不再处理（条例第三十条）'
      : state.outcome === 'other.fee_unpaid'
        ? '申请人逾期未缴纳信息处理费，视为放弃申请，不再处理（国办函〔2020〕109号）'
        : state.withdrawnOn
          ? `申请人已于 ${state.withdrawnOn} 撤回申请`
          : null;
  if (ended) {
    return {
      dueOn: null,
      provisionalYears: [],
      provisional: false,
      waiting: null,
      countedFrom: null,
      workingDays: 0,
      excludedWorkingDays: 0,
      repliedOn: null,
      late: null,
      rule: [receiptLine(state.receipt.on, state.receipt.channel), ended],
    };
  }
  const due = computeDue(clockInputOf(state), calendar, state.clock);
  if (state.reply && due.dueOn) {
    const late = state.reply.on > due.dueOn;
    return {
      ...due,
      repliedOn: state.reply.on,
      late,
      rule: [
        ...due.rule,
        late ? `${state.reply.on} 答复，已超过答复期限` : `${state.reply.on} 答复，在答复期限内`,
      ],
    };
  }
  return due;
}

/**
 * The reply due date derived from an application's events. Throws an AppError when the
 * events are not a valid history (invalid_transition) or a needed year has no holiday schedule
 * (calendar_year_unknown, naming the year).
 *
 * @example dueDate([{ type: 'received', date: '2025-09-30', channel: 'online' }], calendar).dueOn // '2025-11-04'
 */
export function dueDate(
  events: readonly ApplicationEvent[],
  calendar: WorkingDayCalendar,
  settings: ClockSettings = DEFAULT_CLOCK_SETTINGS,
): DueDate {
  const replayed = replayEvents(events, calendar, settings);
  if (!replayed.ok) {
    const { code, message, reason, year } = replayed.error;
    throw new AppError(code, `第 ${replayed.index + 1} 个办理步骤无效：${message}`, {
      reason,
      index: replayed.index,
      ...(year === undefined ? {} : { year }),
    });
  }
  return dueDateOfState(replayed.state, calendar);
}

/**
 * The source of every day from the day the period was counted from to the due date (notice,
 * holiday law, weekend), one line per run of days; empty when there is no due date.
 */
export function dueDayLines(
  due: Pick<DueDate, 'countedFrom' | 'dueOn'>,
  calendar: WorkingDayCalendar,
): string[] {
  if (!due.countedFrom || !due.dueOn) return [];
  return describeDays(calendar, due.countedFrom, due.dueOn);
}

/** The date an urgency is about: the reply's due date, or the end of the applicant's period. */
export interface Deadline {
  kind: 'reply' | 'correction' | 'fee';
  on: string;
}

export interface CaseUrgency extends UrgencyClass {
  deadline: Deadline;
}

/**
 * How urgent an open case is on `today`, or null when nothing is due (a case that waits for a
 * correction still far off, a replied or closed case). A case waiting for a payment is judged
 * by the payment period and by its reply due date, the more urgent of the two.
 */
export function caseUrgency(
  state: ApplicationState,
  due: Pick<DueDate, 'dueOn'>,
  today: string,
  calendar: WorkingDayCalendar,
  dueSoonDays: number = DUE_SOON_WORKING_DAYS,
): CaseUrgency | null {
  const period = (kind: 'correction' | 'fee', until: string): CaseUrgency | null => {
    const p = classifyPeriod(until, today, calendar, dueSoonDays);
    return p
      ? {
          urgency: `${kind}_${p.state}`,
          workingDaysLeft: p.workingDaysLeft,
          unknownYear: p.unknownYear,
          deadline: { kind, on: until },
        }
      : null;
  };
  const reply = (): CaseUrgency | null =>
    due.dueOn
      ? {
          ...classifyUrgency(due.dueOn, today, calendar, dueSoonDays),
          deadline: { kind: 'reply', on: due.dueOn },
        }
      : null;
  switch (state.phase) {
    case 'awaiting_correction':
      return state.correction ? period('correction', state.correction.correctBy) : null;
    case 'correction_review':
      // A late correction waits for the agency's decision: the period is over, act now.
      return state.correction
        ? {
            urgency: 'correction_expired',
            workingDaysLeft: null,
            unknownYear: null,
            deadline: { kind: 'correction', on: state.correction.correctBy },
          }
        : null;
    case 'awaiting_fee': {
      const candidates = [state.fee ? period('fee', state.fee.payBy) : null, reply()].filter(
        (c): c is CaseUrgency => c !== null,
      );
      candidates.sort((a, b) => URGENCY_PRIORITY[a.urgency] - URGENCY_PRIORITY[b.urgency]);
      return candidates[0] ?? null;
    }
    case 'processing':
    case 'consulting':
      return reply();
    default:
      return null;
  }
}

export interface UrgencyEntry {
  id: string;
  /** The reply due date; null while the clock waits for a correction. */
  dueOn: string | null;
  deadline: Deadline;
  urgency: Urgency;
  /** Working days after today up to the due date; negative once overdue; null if not countable. */
  workingDaysLeft: number | null;
  /** A year whose holiday schedule was missing for the count. */
  unknownYear: number | null;
  provisional: boolean;
  /** 暂定: the due date counts days of a year without the State Council's notice. */
  dueProvisional: boolean;
  waiting: DueDate['waiting'];
}

export interface UrgencyList {
  /** Open cases with something due, most urgent first. */
  entries: UrgencyEntry[];
  /** Cases whose due date cannot be derived (invalid history, missing holiday schedule). */
  problems: { id: string; error: TransitionError }[];
}

/**
 * The workspace's list of open applications by urgency on `today`: overdue, due today, a
 * correction or payment period past, due within 3 working days, a period ending soon, on track.
 * Replied and closed cases, and cases waiting for a correction still far off, are left out.
 */
export function urgencyList(
  cases: readonly { id: string; events: readonly ApplicationEvent[] }[],
  today: string,
  calendar: WorkingDayCalendar,
  settings: ClockSettings = DEFAULT_CLOCK_SETTINGS,
  dueSoonDays: number = DUE_SOON_WORKING_DAYS,
): UrgencyList {
  const entries: UrgencyEntry[] = [];
  const problems: UrgencyList['problems'] = [];
  for (const c of cases) {
    try {
      const replayed = replayEvents(c.events, calendar, settings);
      if (!replayed.ok) {
        problems.push({ id: c.id, error: replayed.error });
        continue;
      }
      const due = dueDateOfState(replayed.state, calendar);
      const urgency = caseUrgency(replayed.state, due, today, calendar, dueSoonDays);
      if (!urgency) continue;
      entries.push({
        id: c.id,
        dueOn: due.dueOn,
        ...urgency,
        provisional: due.provisional,
        dueProvisional: due.provisionalYears.length > 0,
        waiting: due.waiting,
      });
    } catch (e) {
      if (
        e instanceof AppError &&
        (e.code === 'calendar_year_unknown' || e.code === 'validation_failed')
      ) {
        problems.push({
          id: c.id,
          error: {
            code: e.code,
            reason: e.code,
            message: e.message,
            ...(typeof e.details.year === 'number' ? { year: e.details.year } : {}),
          },
        });
        continue;
      }
      throw e;
    }
  }
  entries.sort(
    (a, b) =>
      URGENCY_PRIORITY[a.urgency] - URGENCY_PRIORITY[b.urgency] ||
      (a.deadline.on === b.deadline.on ? 0 : a.deadline.on < b.deadline.on ? -1 : 1) ||
      (a.id < b.id ? -1 : 1),
  );
  return { entries, problems };
}
