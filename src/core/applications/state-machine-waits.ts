/**
 * The steps of an application that stop or extend its clock — the one correction (补正), the
 * extension, consultations of third parties, the fee — as the state machine applies them
 * (state-machine.ts checks what every step needs first: a date, an open case, the order).
 */
import { lastDayPhrase } from '../calendar/date.js';
import { CalendarYearUnknown, type WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import {
  CONSULTATION_WORKING_DAYS,
  CORRECTION_REQUEST_WORKING_DAYS,
  FEE_PAYMENT_WORKING_DAYS,
  MAX_EXTENSION_WORKING_DAYS,
  computeDue,
  periodEnd,
} from './clock.js';
import type { ApplicationEvent, ApplicationState } from './events.js';
import {
  Refusal,
  clockInputOf,
  invalid,
  notWhileWaiting,
  refuse,
  requireBeforeDue,
  requireDate,
  requireText,
} from './state-machine-rules.js';

export const WAIT_EVENT_TYPES = [
  'correction_requested',
  'correction_submitted_late',
  'correction_received',
  'correction_lapsed',
  'extension_approved',
  'consultation_started',
  'consultation_answered',
  'consultation_lapsed',
  'fee_notice_issued',
  'fee_paid',
  'fee_lapsed',
] as const;
export type WaitEvent = Extract<ApplicationEvent, { type: (typeof WAIT_EVENT_TYPES)[number] }>;

/** `next` (the state with the event appended) after a step that stops or extends the clock. */
export function waitStep(
  state: ApplicationState,
  next: ApplicationState,
  event: WaitEvent,
  date: string,
  calendar: WorkingDayCalendar,
  strict: boolean,
): ApplicationState {
  switch (event.type) {
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
  }
}
