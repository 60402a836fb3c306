/**
 * The statutory clock of an application (条例第三十至三十四条), in Chinese working days.
 *
 * - Reply within 20 working days of receipt (第三十三条第二款).
 * - A correction request restarts the period from receipt of the corrected application (第三十条).
 * - An approved extension adds at most 20 working days (第三十三条第二款).
 * - Time consulting a third party (第三十二条) or other agencies (第三十四条) is not counted
 *   (第三十三条第三款): the working days after the day the consultation was sent, up to and
 *   including the day the answer arrived — at most up to the consulted party's own 15 working
 *   days, after which the agency decides without the answer.
 * - The wait for a processing fee, from the notice to payment, is likewise not counted unless
 *   the agency sets feeWait: 'counted' (see ClockSettings).
 *
 * Whether day one of a period is the day after receipt or the day itself is an agency setting
 * (countFrom, default next_day); every due date carries the rule it applied, in Chinese.
 *
 * The urgency of a case on a given day is in ./urgency.ts (re-exported here).
 */
import { addDays, lastDayPhrase, yearOf } from '../calendar/date.js';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import {
  DEFAULT_CLOCK_SETTINGS,
  RECEIPT_CHANNELS,
  type ApplicationState,
  type ClockSettings,
  type Consultation,
  type ReceiptChannel,
} from './events.js';

/** 第三十三条第二款. */
export const REPLY_WORKING_DAYS = 20;
/** 第三十三条第二款: the longest extension. */
export const MAX_EXTENSION_WORKING_DAYS = 20;
/** 第三十条: a correction request goes out within 7 working days of receipt. */
export const CORRECTION_REQUEST_WORKING_DAYS = 7;
/** 第三十二条, 第三十四条: the consulted party answers within 15 working days. */
export const CONSULTATION_WORKING_DAYS = 15;
/** 国办函〔2020〕109号: the applicant pays within 20 working days from the day after receiving the notice. */
export const FEE_PAYMENT_WORKING_DAYS = 20;

/**
 * The last day of a period of `n` working days starting at `start`: with next_day the start
 * day is not counted; with same_day it is day one when it is a working day.
 */
export function periodEnd(
  start: string,
  n: number,
  calendar: WorkingDayCalendar,
  countFrom: ClockSettings['countFrom'],
): string {
  if (countFrom === 'same_day' && n > 0 && calendar.isWorkingDay(start)) {
    return calendar.addWorkingDays(start, n - 1);
  }
  return calendar.addWorkingDays(start, n);
}

export interface DueDate {
  /** The last day to reply; null while the clock is not running or after an end without reply. */
  dueOn: string | null;
  /**
   * 暂定: the years without the State Council's notice whose days the count went through,
   * computed from the holiday law; empty when every day counted is settled by a notice. The
   * date is recomputed (and the change recorded on the case) when the notice is entered.
   */
  provisionalYears: number[];
  /**
   * True while a consultation or the fee wait is still open: the date assumes the wait runs to
   * its limit, so it can only move earlier when the answer or the payment comes sooner.
   */
  provisional: boolean;
  /** What the case is waiting for, and until when. */
  waiting: { kind: 'correction' | 'consultation' | 'fee'; until: string } | null;
  /** The day the period was counted from: receipt, or receipt of the corrected application. */
  countedFrom: string | null;
  /** 20 plus any extension. */
  workingDays: number;
  /** Working days left out for consultations and the fee wait. */
  excludedWorkingDays: number;
  repliedOn: string | null;
  /** Whether the reply came after dueOn; null before a reply. */
  late: boolean | null;
  /** The rule applied, one line each, in Chinese. */
  rule: string[];
}

/** The parts of an application the clock reads. */
export interface ClockInput {
  receipt: { on: string; channel: ReceiptChannel | null };
  correction: ApplicationState['correction'];
  extension: ApplicationState['extension'];
  consultations: readonly Consultation[];
  fee: ApplicationState['fee'];
}

interface Exclusion {
  /** Excluded: the working days after this day … */
  after: string;
  /** … up to and including this day. */
  through: string;
  open: boolean;
  describe: (days: number) => string;
}

const countRule = (countFrom: ClockSettings['countFrom']) =>
  countFrom === 'next_day'
    ? '起算：收到之日不计入，自次日起计算第 1 个工作日（本机关设置；条例对此未作规定，按通行做法）'
    : '起算：收到之日为工作日的，计为第 1 个工作日（本机关设置）';

/** 收到申请之日 with the rule of 条例第三十一条 for its channel. */
export function receiptLine(on: string, channel: ReceiptChannel | null): string {
  const c = channel ? RECEIPT_CHANNELS.find((x) => x.key === channel) : undefined;
  return c ? `收到申请之日：${on}（${c.label}，${c.rule}，条例第三十一条）` : `收到申请之日：${on}`;
}

function consultationExclusion(c: Consultation): Exclusion {
  const party =
    c.party === 'third_party'
      ? { label: '征求第三方意见', article: '条例第三十二条' }
      : { label: '征求其他机关意见', article: '条例第三十四条' };
  const who = c.name ? `（${c.name}）` : '';
  let through = c.limitOn;
  let end: string;
  if (c.endedOn === null) {
    end = `尚未答复，暂按对方答复期限 ${c.limitOn} 届满计算`;
  } else if (!c.answered) {
    end = `至 ${c.limitOn} 对方答复期限届满未答复`;
  } else if (c.endedOn > c.limitOn) {
    end = `${c.endedOn} 收到意见，已超过对方答复期限 ${c.limitOn}，只扣除至该日`;
  } else {
    through = c.endedOn;
    end = `${c.endedOn} 收到意见`;
  }
  return {
    after: c.startedOn,
    through,
    open: c.endedOn === null,
    describe: (days) =>
      `${party.label}${who}：${c.startedOn} 发出，${end}；${days} 个工作日不计入答复期限（${party.article}、第三十三条第三款）`,
  };
}

function noticesLine(calendar: WorkingDayCalendar, from: string, to: string): string {
  const parts: string[] = [];
  for (let y = yearOf(from); y <= yearOf(to); y++) {
    const s = calendar.schedule(y);
    if (s) parts.push(`${y} 年依${s.notice}`);
  }
  return `工作日按国务院办公厅节假日安排计算：${parts.join('；')}`;
}

/** The 暂定 line of a due date counted over years without a notice. */
export function provisionalLine(years: readonly number[]): string {
  const list = years.map((y) => `${y} 年`).join('、');
  return `暂定：${list}的节假日安排（国务院办公厅通知）尚未录入，其节假日按《全国年节及纪念日放假办法》推算（法定节日及补假，不含调休）；录入通知后自动重新计算，变化记入本案`;
}

/**
 * The reply due date of an application from its clock parts. Throws CalendarYearUnknown when
 * a year the count reaches has no schedule.
 */
export function computeDue(
  input: ClockInput,
  calendar: WorkingDayCalendar,
  settings: ClockSettings = DEFAULT_CLOCK_SETTINGS,
): DueDate {
  const rule: string[] = [receiptLine(input.receipt.on, input.receipt.channel)];
  const { correction } = input;
  const empty = {
    provisionalYears: [],
    provisional: false,
    countedFrom: null,
    workingDays: 0,
    excludedWorkingDays: 0,
    repliedOn: null,
    late: null,
  };
  if (correction) {
    rule.push(
      `${correction.requestedOn} 告知补正，补正期限：${lastDayPhrase(correction.correctBy)}（条例第三十条）`,
    );
    if (correction.receivedOn === null) {
      const late = correction.lateSubmission;
      if (late) {
        rule.push(
          `申请人于 ${late.on} 逾期提交补正，是否有正当理由由本机关审查决定：接受的，答复期限自 ${late.on} 起重新计算；不接受的，按逾期未补正处理（条例第三十条）`,
        );
      }
      rule.push('答复期限自收到补正后的申请之日起重新计算，尚未开始（条例第三十条）');
      return {
        ...empty,
        dueOn: null,
        waiting:
          correction.lapsedOn || late ? null : { kind: 'correction', until: correction.correctBy },
        rule,
      };
    }
    rule.push(
      `收到补正后的申请之日：${correction.receivedOn}，答复期限自该日起重新计算（条例第三十条）`,
    );
  }
  const start = correction?.receivedOn ?? input.receipt.on;
  const total = REPLY_WORKING_DAYS + (input.extension?.workingDays ?? 0);
  rule.push(
    `答复期限：自${correction ? '收到补正后的申请' : '收到申请'}之日起 ${REPLY_WORKING_DAYS} 个工作日（条例第三十三条第二款）`,
  );
  rule.push(countRule(settings.countFrom));
  if (input.extension) {
    rule.push(
      `延长答复期限 ${input.extension.workingDays} 个工作日（${input.extension.approvedOn} 经批准并告知申请人，条例第三十三条第二款）`,
    );
  }

  const exclusions = input.consultations.map(consultationExclusion);
  const { fee } = input;
  if (fee) {
    if (settings.feeWait === 'excluded') {
      exclusions.push({
        after: fee.issuedOn,
        through: fee.paidOn ?? fee.payBy,
        open: fee.paidOn === null,
        describe: (days) =>
          `收费通知：${fee.issuedOn} 发出，${fee.paidOn ? `${fee.paidOn} 缴费` : `尚未缴费，暂按缴费期限 ${fee.payBy} 届满计算`}；${days} 个工作日不计入答复期限（国办函〔2020〕109号；本机关设置）`,
      });
    } else {
      rule.push(`收费通知：${fee.issuedOn} 发出，等待缴费的时间计入答复期限（本机关设置）`);
    }
  }
  const excluded = (d: string) => exclusions.some((e) => e.after < d && d <= e.through);

  let d = start;
  let counted = 0;
  let skipped = 0;
  if (settings.countFrom === 'same_day' && calendar.isWorkingDay(start)) counted = 1;
  while (counted < total) {
    d = addDays(d, 1);
    if (!calendar.isWorkingDay(d)) continue;
    if (excluded(d)) skipped++;
    else counted++;
  }
  for (const e of exclusions)
    rule.push(e.describe(calendar.workingDaysBetween(e.after, e.through)));
  if (exclusions.length > 1) rule.push(`合计 ${skipped} 个工作日不计入答复期限`);
  const provisionalYears = calendar.provisionalYearsBetween(start, d);
  if (calendar.years().some((y) => y >= yearOf(start) && y <= yearOf(d))) {
    rule.push(noticesLine(calendar, start, d));
  }
  if (provisionalYears.length > 0) rule.push(provisionalLine(provisionalYears));

  const open = exclusions.find((e) => e.open);
  const waitingFee = fee && fee.paidOn === null && fee.lapsedOn === null;
  const openConsultation = input.consultations.find((c) => c.endedOn === null);
  return {
    dueOn: d,
    provisionalYears,
    provisional: open !== undefined,
    waiting: openConsultation
      ? { kind: 'consultation', until: openConsultation.limitOn }
      : waitingFee
        ? { kind: 'fee', until: fee.payBy }
        : null,
    countedFrom: start,
    workingDays: total,
    excludedWorkingDays: skipped,
    repliedOn: null,
    late: null,
    rule,
  };
}

/**
 * The due date of an application received on `receivedOn` with nothing else yet recorded.
 *
 * @example dueDateFromReceipt('2025-09-30', calendar).dueOn // '2025-11-04'
 */
export function dueDateFromReceipt(
  receivedOn: string,
  calendar: WorkingDayCalendar,
  settings: ClockSettings = DEFAULT_CLOCK_SETTINGS,
): DueDate {
  return computeDue(
    {
      receipt: { on: receivedOn, channel: null },
      correction: null,
      extension: null,
      consultations: [],
      fee: null,
    },
    calendar,
    settings,
  );
}

export {
  classifyPeriod,
  classifyUrgency,
  DUE_SOON_WORKING_DAYS,
  URGENCY_LABELS,
  URGENCY_PRIORITY,
  type Urgency,
  type UrgencyClass,
} from './urgency.js';
