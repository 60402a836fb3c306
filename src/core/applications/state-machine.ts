/**
 * The life of an application as a pure state machine: applyEvent accepts an event only when
 * the regulation allows it at that point and refuses it with a reason otherwise — a case never
 * moves backwards or skips a required step.
 */
import { isCalendarDate, lastDayPhrase } from '../calendar/date.js';
import { CalendarYearUnknown, type WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { AppError } from '../errors.js';
import { OUTCOME_ROW_KEYS, type OutcomeRowKey } from '../report/format.js';
import {
  CONSULTATION_WORKING_DAYS,
  CORRECTION_REQUEST_WORKING_DAYS,
  FEE_PAYMENT_WORKING_DAYS,
  MAX_EXTENSION_WORKING_DAYS,
  computeDue,
  periodEnd,
  type ClockInput,
} from './clock.js';
import {
  APPLICATION_EVENT_LABELS,
  APPLICATION_PHASE_LABELS,
  DEFAULT_CLOCK_SETTINGS,
  RECEIPT_CHANNEL_KEYS,
  type ApplicationEvent,
  type ApplicationPhase,
  type ApplicationState,
  type ClockSettings,
  type TransitionError,
  type TransitionResult,
} from './events.js';
import { applyHandoff, INITIAL_HANDLING } from './handoffs.js';

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

/** The clock parts of a received application. */
export function clockInputOf(state: ApplicationState): ClockInput {
  if (!state.receipt) throw new Error('clockInputOf: the application has not been received');
  return {
    receipt: state.receipt,
    correction: state.correction,
    extension: state.extension,
    consultations: state.consultations,
    fee: state.fee,
  };
}

class Refusal extends Error {
  constructor(readonly error: TransitionError) {
    super(error.message);
  }
}

function refuse(
  reason: string,
  message: string,
  code: TransitionError['code'] = 'invalid_transition',
): never {
  throw new Refusal({ code, reason, message });
}

const invalid = (reason: string, message: string): never =>
  refuse(reason, message, 'validation_failed');

/** Outcomes that only a lapse can produce, never a reply. */
const LAPSE_OUTCOMES: readonly OutcomeRowKey[] = ['other.no_correction', 'other.fee_unpaid'];

const OPEN_PHASES: readonly ApplicationPhase[] = [
  'processing',
  'awaiting_correction',
  'correction_review',
  'consulting',
  'awaiting_fee',
];

function requireDate(value: unknown, field: string, what: string): string {
  if (!isCalendarDate(value)) {
    invalid(
      'invalid_date',
      `${what}“${String(value)}”无效：请按 YYYY-MM-DD 填写一个存在的日期（字段 ${field}）。`,
    );
  }
  return value as string;
}

function requireText(value: unknown, reason: string, message: string): string {
  if (typeof value !== 'string' || value.trim() === '') invalid(reason, message);
  return (value as string).trim();
}

/** Why a reply (or a fee notice) cannot be given in the current phase. */
function notWhileWaiting(state: ApplicationState, what: string): never {
  switch (state.phase) {
    case 'awaiting_correction':
      return refuse(
        'awaiting_correction',
        `正在等待申请人补正（补正期限：${lastDayPhrase(state.correction!.correctBy)}）：请先记录收到补正或逾期未补正，再${what}。`,
      );
    case 'correction_review':
      return refuse(
        'correction_under_review',
        `申请人于 ${state.correction?.lateSubmission?.on} 逾期提交了补正，尚待本机关决定是否接受：请先接受（收到补正）或不接受（逾期未补正），再${what}。`,
      );
    case 'consulting': {
      const open = state.consultations.filter((c) => c.endedOn === null).map((c) => c.id);
      return refuse(
        'consultation_open',
        `征求意见尚未结束（${open.join('、')}）：请先记录收到意见或对方期满未答复，再${what}。`,
      );
    }
    case 'awaiting_fee':
      return refuse(
        'awaiting_fee',
        `正在等待申请人缴费（缴费期限：${lastDayPhrase(state.fee!.payBy)}）：请先记录缴费或逾期未缴费，再${what}。`,
      );
    case 'replied':
    case 'delivered':
      return refuse('already_replied', `本申请已于 ${state.reply?.on} 答复，不能再${what}。`);
    default:
      return refuse(
        'not_processing',
        `本申请当前状态为“${APPLICATION_PHASE_LABELS[state.phase]}”，不能${what}。`,
      );
  }
}

/** The current due date; steps that stop or extend the clock must come before it. */
function requireBeforeDue(
  state: ApplicationState,
  date: string,
  calendar: WorkingDayCalendar,
  reason: string,
  what: string,
): void {
  const { dueOn } = computeDue(clockInputOf(state), calendar, state.clock);
  if (dueOn !== null && date > dueOn) {
    refuse(
      reason,
      `答复期限已于 ${dueOn} 届满，${date} 不能再${what}：逾期后不能以此延后答复期限。`,
    );
  }
}

const isClockSettings = (value: unknown): value is ClockSettings => {
  const v = value as Partial<ClockSettings> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    (v.countFrom === 'next_day' || v.countFrom === 'same_day') &&
    (v.feeWait === 'excluded' || v.feeWait === 'counted')
  );
};

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

    case 'correction_requested': {
      if (state.correction) {
        refuse(
          'correction_already_requested',
          `已于 ${state.correction.requestedOn} 告知补正：条例第三十条规定补正只能一次性告知，不能再次要求补正。`,
        );
      }
      if (state.phase !== 'processing') notWhileWaiting(state, '要求补正');
      if (state.extension || state.consultations.length > 0 || state.fee) {
        refuse(
          'correction_after_processing',
          '已经延期、征求意见或收费的申请不能再要求补正：补正应在收到申请后 7 个工作日内、其他办理步骤之前提出（条例第三十条）。',
        );
      }
      const receipt = state.receipt!;
      if (strict) {
        const limit = periodEnd(
          receipt.on,
          CORRECTION_REQUEST_WORKING_DAYS,
          calendar,
          state.clock.countFrom,
        );
        if (date > limit) {
          refuse(
            'correction_too_late',
            `补正应在收到申请之日（${receipt.on}）起 7 个工作日内一次性告知，即${lastDayPhrase(limit)}（条例第三十条）；${date} 已超过期限。`,
          );
        }
      }
      const correctBy = requireDate(event.correctBy, 'correctBy', '补正期限');
      if (correctBy <= date) {
        invalid(
          'correction_period_invalid',
          `补正期限 ${correctBy} 应晚于告知补正之日 ${date}：请给申请人合理的补正期限。`,
        );
      }
      return {
        ...next,
        phase: 'awaiting_correction',
        correction: {
          requestedOn: date,
          correctBy,
          receivedOn: null,
          text: null,
          lateReason: null,
          lateSubmission: null,
          lapsedOn: null,
        },
      };
    }

    case 'correction_submitted_late': {
      const c = state.correction;
      if (state.phase === 'correction_review') notWhileWaiting(state, '再次提交补正');
      if (state.phase !== 'awaiting_correction' || !c) {
        refuse('no_correction_pending', '本申请没有待补正的告知，不需要提交补正。');
      }
      if (date <= c.correctBy) {
        refuse(
          'correction_not_late',
          `补正期限：${lastDayPhrase(c.correctBy)}，${date} 提交的补正未逾期，应记录为收到补正。`,
        );
      }
      const optional = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
      return {
        ...next,
        phase: 'correction_review',
        correction: {
          ...c,
          lateSubmission: {
            on: date,
            text: optional(event.text),
            explanation: optional(event.explanation),
          },
        },
      };
    }

    case 'correction_received': {
      const c = state.correction;
      if ((state.phase !== 'awaiting_correction' && state.phase !== 'correction_review') || !c) {
        refuse('no_correction_pending', '本申请没有待补正的告知：只有告知补正后才能记录收到补正。');
      }
      // Accepting a late submission: the corrected application arrived on its day, and the
      // reply period restarts from then (条例第三十条), whenever the clerk decides.
      const pending = state.phase === 'correction_review' ? c.lateSubmission : null;
      const receivedOn = pending?.on ?? date;
      let lateReason: string | null = null;
      if (receivedOn > c.correctBy) {
        if (typeof event.lateReason !== 'string' || event.lateReason.trim() === '') {
          refuse(
            'correction_overdue',
            `补正期限 ${c.correctBy} 已过：申请人有正当理由的，请填写理由后记录收到补正；否则请记录逾期未补正（条例第三十条）。`,
          );
        }
        lateReason = event.lateReason.trim();
      }
      const text =
        typeof event.text === 'string' && event.text.trim()
          ? event.text.trim()
          : (pending?.text ?? null);
      return {
        ...next,
        phase: 'processing',
        correction: { ...c, receivedOn, text, lateReason },
      };
    }

    case 'correction_lapsed': {
      const c = state.correction;
      if ((state.phase !== 'awaiting_correction' && state.phase !== 'correction_review') || !c) {
        refuse('no_correction_pending', '本申请没有待补正的告知，不能记录逾期未补正。');
      }
      if (date <= c.correctBy) {
        refuse(
          'correction_period_running',
          `补正期限：${lastDayPhrase(c.correctBy)}，${date} 尚未届满，不能记录逾期未补正。`,
        );
      }
      return {
        ...next,
        phase: 'closed',
        correction: { ...c, lapsedOn: date },
        closedOn: date,
        outcome: 'other.no_correction',
        outcomeOn: date,
      };
    }

    case 'extension_approved': {
      if (state.extension) {
        refuse(
          'extension_already_approved',
          `已于 ${state.extension.approvedOn} 延长答复期限 ${state.extension.workingDays} 个工作日：延长只能一次，最长 20 个工作日（条例第三十三条）。`,
        );
      }
      if (!['processing', 'consulting', 'awaiting_fee'].includes(state.phase)) {
        notWhileWaiting(state, '延长答复期限');
      }
      const days = event.workingDays;
      if (!Number.isInteger(days) || days < 1) {
        invalid(
          'extension_invalid',
          `延长的工作日数“${String(days)}”无效：请填写 1 至 20 之间的整数。`,
        );
      }
      if (days > MAX_EXTENSION_WORKING_DAYS) {
        refuse(
          'extension_too_long',
          `延长 ${days} 个工作日超过了上限：条例第三十三条规定延长的期限最长不得超过 20 个工作日。`,
        );
      }
      const extended: ApplicationState = {
        ...next,
        extension: { approvedOn: date, workingDays: days },
      };
      if (strict) {
        requireBeforeDue(state, date, calendar, 'extension_after_due', '延长答复期限');
        // The new due date must be known now, not only when a reviewer approves days later.
        try {
          computeDue(clockInputOf(extended), calendar, state.clock);
        } catch (e) {
          if (!(e instanceof CalendarYearUnknown)) throw e;
          throw new Refusal({
            code: 'calendar_year_unknown',
            reason: 'calendar_year_unknown',
            message: `延长 ${days} 个工作日后的答复期限要计算到 ${e.year} 年，系统还没有 ${e.year} 年的节假日安排，无法确定延长后的期限：请系统管理员录入国务院办公厅公布的 ${e.year} 年节假日安排后再申请，或减少延长的工作日数。`,
            year: e.year,
          });
        }
      }
      return extended;
    }

    case 'consultation_started': {
      if (state.phase !== 'processing' && state.phase !== 'consulting') {
        notWhileWaiting(state, '征求意见');
      }
      const id = requireText(
        event.consultationId,
        'consultation_id_missing',
        '请为这次征求意见填写编号。',
      );
      if (state.consultations.some((c) => c.id === id)) {
        refuse('consultation_exists', `征求意见“${id}”已经登记过：每次征求意见使用不同的编号。`);
      }
      if (event.party !== 'third_party' && event.party !== 'agency') {
        invalid(
          'invalid_party',
          `征求意见的对象“${String(event.party)}”无效：应为第三方或其他机关。`,
        );
      }
      if (strict) requireBeforeDue(state, date, calendar, 'consultation_after_due', '征求意见');
      const name = typeof event.name === 'string' && event.name.trim() ? event.name.trim() : null;
      return {
        ...next,
        phase: 'consulting',
        consultations: [
          ...state.consultations,
          {
            id,
            party: event.party,
            name,
            startedOn: date,
            // 第三十二条 “自收到征求意见书之日起15个工作日内” reads like 第三十三条 “自收到申请之日起
            // 20个工作日内”, so the case's countFrom applies to both. Counted from the day sent:
            // the day the party received it is not recorded.
            limitOn: periodEnd(date, CONSULTATION_WORKING_DAYS, calendar, state.clock.countFrom),
            endedOn: null,
            answered: false,
          },
        ],
      };
    }

    case 'consultation_answered':
    case 'consultation_lapsed': {
      const c = state.consultations.find((x) => x.id === event.consultationId);
      if (!c || c.endedOn !== null) {
        const open = state.consultations.filter((x) => x.endedOn === null).map((x) => x.id);
        refuse(
          'no_open_consultation',
          open.length === 0
            ? '目前没有正在进行的征求意见：请先登记征求意见。'
            : `没有正在进行的征求意见“${String(event.consultationId)}”：正在进行的是 ${open.join('、')}，请检查编号。`,
        );
      }
      const answered = event.type === 'consultation_answered';
      if (strict && !answered && date <= c.limitOn) {
        refuse(
          'consultation_period_running',
          `对方答复期限：${lastDayPhrase(c.limitOn)}（15 个工作日），${date} 尚未届满，不能记录期满未答复。`,
        );
      }
      const consultations = state.consultations.map((x) =>
        x.id === c.id ? { ...x, endedOn: date, answered } : x,
      );
      const stillOpen = consultations.some((x) => x.endedOn === null);
      return { ...next, phase: stillOpen ? 'consulting' : 'processing', consultations };
    }

    case 'fee_notice_issued': {
      if (state.fee) {
        refuse('fee_already_issued', `已于 ${state.fee.issuedOn} 发出收费通知，不能再次发出。`);
      }
      if (state.phase !== 'processing') notWhileWaiting(state, '发出收费通知');
      if (event.method !== 'items' && event.method !== 'pages') {
        invalid('invalid_fee_method', `收费方式“${String(event.method)}”无效：应为按件或按量。`);
      }
      if (!Number.isSafeInteger(event.amountFen) || event.amountFen <= 0) {
        invalid(
          'invalid_fee_amount',
          `收费金额“${String(event.amountFen)}”无效：应为大于 0 的整数（单位：分）。`,
        );
      }
      const deliveredOn = requireDate(event.deliveredOn, 'deliveredOn', '申请人收到收费通知的日期');
      if (deliveredOn < date) {
        invalid(
          'fee_delivery_before_notice',
          `申请人收到收费通知的日期 ${deliveredOn} 早于发出日期 ${date}：请核对。`,
        );
      }
      if (strict) requireBeforeDue(state, date, calendar, 'fee_after_due', '发出收费通知');
      return {
        ...next,
        phase: 'awaiting_fee',
        fee: {
          issuedOn: date,
          deliveredOn,
          payBy: calendar.addWorkingDays(deliveredOn, FEE_PAYMENT_WORKING_DAYS),
          method: event.method,
          amountFen: event.amountFen,
          paidOn: null,
          lapsedOn: null,
        },
      };
    }

    case 'fee_paid':
    case 'fee_lapsed': {
      const fee = state.fee;
      if (state.phase !== 'awaiting_fee' || !fee) {
        refuse(
          'no_fee_pending',
          '本申请没有待缴的费用：只有发出收费通知后才能记录缴费或逾期未缴费。',
        );
      }
      if (event.type === 'fee_paid') {
        if (strict && date > fee.payBy) {
          refuse(
            'fee_overdue',
            `缴费期限 ${fee.payBy} 已过（申请人收到收费通知之次日起 20 个工作日）：逾期未缴费的，应记录逾期未缴费，不再处理该申请。`,
          );
        }
        return { ...next, phase: 'processing', fee: { ...fee, paidOn: date } };
      }
      if (strict && date <= fee.payBy) {
        refuse(
          'fee_period_running',
          `缴费期限：${lastDayPhrase(fee.payBy)}，${date} 尚未届满，不能记录逾期未缴费。`,
        );
      }
      return {
        ...next,
        phase: 'closed',
        fee: { ...fee, lapsedOn: date },
        closedOn: date,
        outcome: 'other.fee_unpaid',
        outcomeOn: date,
      };
    }

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
