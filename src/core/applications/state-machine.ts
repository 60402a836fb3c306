/**
 * The life of an application as a pure state machine: applyEvent accepts an event only when
 * the regulation allows it at that point and refuses it with a reason otherwise — a case never
 * moves backwards or skips a required step.
 */
import { CalendarYearUnknown, type WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { AppError } from '../errors.js';
import { OUTCOME_ROW_KEYS } from '../report/format.js';
import { computeDue } from './clock.js';
import {
  APPLICATION_EVENT_LABELS,
  DEFAULT_CLOCK_SETTINGS,
  RECEIPT_CHANNEL_KEYS,
  type ApplicationEvent,
  type ApplicationState,
  type ClockSettings,
  type TransitionError,
  type TransitionResult,
} from './events.js';
import { applyHandoff, INITIAL_HANDLING } from './handoffs.js';
import {
  LAPSE_OUTCOMES,
  OPEN_PHASES,
  Refusal,
  clockInputOf,
  invalid,
  isClockSettings,
  notWhileWaiting,
  refuse,
  requireDate,
  requireText,
} from './state-machine-rules.js';
import { waitStep } from './state-machine-waits.js';

export { clockInputOf };

export function initialState(): ApplicationState {
  return {
    phase: 'new',
    handling: INITIAL_HANDLING,
    clock: DEFAULT_CLOCK_SETTINGS,
    events: [],
    receipt: null,
    correction: null,
    extension: null,
    consultations: [],
    fee: null,
    reply: null,
    deliveredOn: null,
    closedOn: null,
    withdrawnOn: null,
    outcome: null,
    outcomeOn: null,
  };
}

/**
 * How an event is judged. `new`: every rule, time limits included, on today's calendar.
 * `recorded`: an event of a stored history, judged against its time limits when it was
 * recorded; replaying it checks the order of the steps again but not the limits that depend
 * on the calendar (a holiday schedule corrected since must not turn a valid history invalid
 * and lock the case).
 */
type Judging = 'new' | 'recorded';

function transition(
  state: ApplicationState,
  event: ApplicationEvent,
  calendar: WorkingDayCalendar,
  settings: ClockSettings,
  judging: Judging,
): ApplicationState {
  const strict = judging === 'new';
  const label = APPLICATION_EVENT_LABELS[event.type] as string | undefined;
  if (label === undefined) {
    invalid('unknown_event', `未知的办理步骤“${String((event as { type: unknown }).type)}”。`);
  }
  const date = requireDate(event.date, 'date', `“${label}”的日期`);
  if (state.phase === 'closed') {
    refuse('case_closed', `本申请已于 ${state.closedOn} 办结，不能再记录“${label}”。`);
  }
  if (state.phase === 'new' && event.type !== 'received') {
    refuse('not_received', `尚未登记收到申请，不能记录“${label}”：请先登记收到申请。`);
  }
  const last = state.events.at(-1);
  if (last && date < last.date) {
    refuse(
      'date_before_previous',
      `“${label}”的日期 ${date} 早于上一步“${APPLICATION_EVENT_LABELS[last.type]}”的日期 ${last.date}：办理步骤只能按时间顺序记录。`,
    );
  }
  const next: ApplicationState = { ...state, events: [...state.events, event] };

  switch (event.type) {
    case 'signed_for':
    case 'transferred':
    case 'assist_requested':
    case 'assist_completed':
    case 'forwarded': {
      if (event.type !== 'assist_completed' && !OPEN_PHASES.includes(state.phase)) {
        notWhileWaiting(state, label!);
      }
      const mainDueOn =
        strict && event.type === 'assist_requested'
          ? computeDue(clockInputOf(state), calendar, state.clock).dueOn
          : null;
      const r = applyHandoff(state, event, mainDueOn, strict);
      if (!r.ok) return r.invalid ? invalid(r.reason, r.message) : refuse(r.reason, r.message);
      return { ...next, handling: r.handling };
    }

    case 'received': {
      if (state.phase !== 'new') {
        refuse('already_received', `本申请已于 ${state.receipt?.on} 收到，不能再次登记收到。`);
      }
      if (!RECEIPT_CHANNEL_KEYS.includes(event.channel)) {
        invalid('invalid_channel', `申请渠道“${String(event.channel)}”无效。`);
      }
      if (event.clock !== undefined && !isClockSettings(event.clock)) {
        invalid('invalid_clock', '收到申请时记录的答复期限设置无效。');
      }
      // No calendar look-up here: an application is registered even when its year's holiday
      // schedule is not yet entered; only the due date has to wait for the schedule.
      return {
        ...next,
        phase: 'processing',
        clock: event.clock ?? settings,
        receipt: { on: date, channel: event.channel },
      };
    }

    case 'correction_requested':
    case 'correction_submitted_late':
    case 'correction_received':
    case 'correction_lapsed':
    case 'extension_approved':
    case 'consultation_started':
    case 'consultation_answered':
    case 'consultation_lapsed':
    case 'fee_notice_issued':
    case 'fee_paid':
    case 'fee_lapsed':
      return waitStep(state, next, event, date, calendar, strict);

    case 'replied': {
      if (state.phase !== 'processing') notWhileWaiting(state, '答复');
      if (!OUTCOME_ROW_KEYS.includes(event.outcome)) {
        invalid(
          'unknown_outcome',
          `答复结果“${String(event.outcome)}”不是年度报告表三中的办理结果类别。`,
        );
      }
      if (LAPSE_OUTCOMES.includes(event.outcome)) {
        refuse(
          'outcome_by_lapse_only',
          '“逾期不补正”和“逾期未缴费”由记录逾期步骤产生，不能作为答复结果选择。',
        );
      }
      if (event.outcome === 'unable.still_unclear' && !state.correction?.receivedOn) {
        refuse(
          'still_unclear_without_correction',
          '“补正后申请内容仍不明确”只适用于告知补正并收到补正后的申请。',
        );
      }
      const legalBasis = requireText(
        event.legalBasis,
        'legal_basis_missing',
        '请填写答复的法律依据（如 条例第三十六条第（二）项）。',
      );
      return {
        ...next,
        phase: 'replied',
        reply: { on: date, outcome: event.outcome, legalBasis },
        outcome: event.outcome,
        outcomeOn: date,
      };
    }

    case 'delivered': {
      if (state.phase !== 'replied') {
        refuse(
          state.phase === 'delivered' ? 'already_delivered' : 'not_replied',
          state.phase === 'delivered'
            ? `答复已于 ${state.deliveredOn} 送达。`
            : '尚未答复，不能记录送达：请先记录答复。',
        );
      }
      return { ...next, phase: 'delivered', deliveredOn: date };
    }

    case 'closed': {
      if (state.phase !== 'delivered') {
        refuse('not_delivered', '答复尚未送达，不能办结：请先记录答复和送达。');
      }
      return { ...next, phase: 'closed', closedOn: date };
    }

    case 'withdrawn': {
      if (!OPEN_PHASES.includes(state.phase)) {
        refuse('withdraw_after_reply', `本申请已于 ${state.reply?.on} 答复，不能再撤回。`);
      }
      return {
        ...next,
        phase: 'closed',
        withdrawnOn: date,
        closedOn: date,
        outcome: 'other.other',
        outcomeOn: date,
      };
    }
  }
}

/**
 * The state after `event`, or why the event is refused. Never throws for a refused event or a
 * missing holiday schedule (error.code calendar_year_unknown, with the year).
 *
 * `settings` are the clock settings a case starts under when its received event carries none;
 * once received, a case runs under its own (ApplicationState.clock).
 *
 * @example applyEvent(initialState(), { type: 'received', date: '2025-09-30', channel: 'online' }, calendar)
 */
export function applyEvent(
  state: ApplicationState,
  event: ApplicationEvent,
  calendar: WorkingDayCalendar,
  settings: ClockSettings = DEFAULT_CLOCK_SETTINGS,
): TransitionResult {
  return judge(state, event, calendar, settings, 'new');
}

function judge(
  state: ApplicationState,
  event: ApplicationEvent,
  calendar: WorkingDayCalendar,
  settings: ClockSettings,
  judging: Judging,
): TransitionResult {
  try {
    return { ok: true, state: transition(state, event, calendar, settings, judging) };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.error };
    if (e instanceof CalendarYearUnknown) {
      return {
        ok: false,
        error: {
          code: 'calendar_year_unknown',
          reason: 'calendar_year_unknown',
          message: e.message,
          year: e.year,
        },
      };
    }
    if (e instanceof AppError && e.code === 'validation_failed') {
      return {
        ok: false,
        error: { code: 'validation_failed', reason: 'invalid_value', message: e.message },
      };
    }
    throw e;
  }
}

/**
 * Replays a recorded event list; the first refused event stops it, with its index. The time
 * limits each event met when it was recorded are not judged again (see Judging), and the case
 * runs under the clock settings of its received event (`settings` only for a received event
 * recorded without them).
 */
export function replayEvents(
  events: readonly ApplicationEvent[],
  calendar: WorkingDayCalendar,
  settings: ClockSettings = DEFAULT_CLOCK_SETTINGS,
): { ok: true; state: ApplicationState } | { ok: false; error: TransitionError; index: number } {
  let state = initialState();
  for (const [index, event] of events.entries()) {
    const r = judge(state, event, calendar, settings, 'recorded');
    if (!r.ok) return { ok: false, error: r.error, index };
    state = r.state;
  }
  return { ok: true, state };
}
