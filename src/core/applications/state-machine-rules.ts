/** The refusals and checks the application state machine's steps share (state-machine.ts). */
import { isCalendarDate, lastDayPhrase } from '../calendar/date.js';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import type { OutcomeRowKey } from '../report/format.js';
import { computeDue, type ClockInput } from './clock.js';
import {
  APPLICATION_PHASE_LABELS,
  type ApplicationPhase,
  type ApplicationState,
  type ClockSettings,
  type TransitionError,
} from './events.js';

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

export class Refusal extends Error {
  constructor(readonly error: TransitionError) {
    super(error.message);
  }
}

export function refuse(
  reason: string,
  message: string,
  code: TransitionError['code'] = 'invalid_transition',
): never {
  throw new Refusal({ code, reason, message });
}

export const invalid = (reason: string, message: string): never =>
  refuse(reason, message, 'validation_failed');

/** Outcomes that only a lapse can produce, never a reply. */
export const LAPSE_OUTCOMES: readonly OutcomeRowKey[] = ['other.no_correction', 'other.fee_unpaid'];

export const OPEN_PHASES: readonly ApplicationPhase[] = [
  'processing',
  'awaiting_correction',
  'correction_review',
  'consulting',
  'awaiting_fee',
];

export function requireDate(value: unknown, field: string, what: string): string {
  if (!isCalendarDate(value)) {
    invalid(
      'invalid_date',
      `${what}“${String(value)}”无效：请按 YYYY-MM-DD 填写一个存在的日期（字段 ${field}）。`,
    );
  }
  return value as string;
}

export function requireText(value: unknown, reason: string, message: string): string {
  if (typeof value !== 'string' || value.trim() === '') invalid(reason, message);
  return (value as string).trim();
}

/** Why a reply (or a fee notice) cannot be given in the current phase. */
export function notWhileWaiting(state: ApplicationState, what: string): never {
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
export function requireBeforeDue(
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

export const isClockSettings = (value: unknown): value is ClockSettings => {
  const v = value as Partial<ClockSettings> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    (v.countFrom === 'next_day' || v.countFrom === 'same_day') &&
    (v.feeWait === 'excluded' || v.feeWait === 'counted')
  );
};
