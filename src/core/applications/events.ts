/**
 * An application (政府信息公开申请) is the list of what happened to it, each with its date. The
 * state and the reply due date are derived from that list (state-machine.ts, clock.ts), never
 * stored beside it, so that a due date can always be explained and re-derived.
 */
import type { ErrorCode } from '../errors.js';
import type { FeeMethod } from '../fees/processing-fee.js';
import type { OutcomeRowKey } from '../report/format.js';

/** How the application reached the agency; decides which day counts as receipt (条例第三十一条). */
export type ReceiptChannel =
  'in_person' | 'registered_mail' | 'letter' | 'online' | 'fax' | 'email';

export const RECEIPT_CHANNELS: readonly {
  key: ReceiptChannel;
  label: string;
  /** Which day is the day of receipt, as 条例第三十一条 says it. */
  rule: string;
}[] = [
  { key: 'in_person', label: '当面提交', rule: '以提交之日为收到申请之日' },
  { key: 'registered_mail', label: '邮寄（需签收）', rule: '以签收之日为收到申请之日' },
  {
    key: 'letter',
    label: '平常信函',
    rule: '以政府信息公开工作机构与申请人确认之日为收到申请之日',
  },
  { key: 'online', label: '互联网渠道', rule: '以双方确认之日为收到申请之日' },
  { key: 'fax', label: '传真', rule: '以双方确认之日为收到申请之日' },
  { key: 'email', label: '电子邮件', rule: '以双方确认之日为收到申请之日' },
];

export const RECEIPT_CHANNEL_KEYS: readonly ReceiptChannel[] = RECEIPT_CHANNELS.map((c) => c.key);

/** 第三十二条 a third party; 第三十四条 another agency (information made jointly). */
export type ConsultedParty = 'third_party' | 'agency';

interface EventBase {
  /** The day it happened, YYYY-MM-DD (Asia/Shanghai). */
  date: string;
  /** Who recorded or did it (an account id); the core does not interpret it. */
  by?: string;
}

/** 收到申请, on the day 条例第三十一条 sets for the channel. */
export interface ReceivedEvent extends EventBase {
  type: 'received';
  channel: ReceiptChannel;
  /**
   * The agency's clock settings when the case was registered. A case keeps the rules it
   * started under: a later change of the settings applies to new cases only. Absent on cases
   * registered before the snapshot existed; those follow the settings given to the replay.
   */
  clock?: ClockSettings;
}

/** 补正告知: sent once, within 7 working days of receipt (条例第三十条). */
export interface CorrectionRequestedEvent extends EventBase {
  type: 'correction_requested';
  /** The last day the applicant may send the correction. */
  correctBy: string;
}

/** The corrected application arrived; the reply period restarts from this day (条例第三十条). */
export interface CorrectionReceivedEvent extends EventBase {
  type: 'correction_received';
  /** The corrected application as the applicant sent it; the reply letter quotes it. */
  text?: string;
  /** 正当理由 when it arrived after `correctBy`; required then. */
  lateReason?: string;
}

/**
 * The applicant sent a correction after `correctBy` (on the portal). Whether a late correction
 * has 正当理由 is for the agency to judge (条例第三十条), so it waits for the clerk, who accepts
 * it (correction_received with the agency's reason: the clock restarts from this day) or not
 * (correction_lapsed).
 */
export interface CorrectionSubmittedLateEvent extends EventBase {
  type: 'correction_submitted_late';
  /** The corrected application. */
  text?: string;
  /** What the applicant says about the delay; for the agency to weigh, not a finding. */
  explanation?: string;
}

/** No correction by the deadline: the application is treated as abandoned (other.no_correction). */
export interface CorrectionLapsedEvent extends EventBase {
  type: 'correction_lapsed';
}

/** 延长答复期限, approved and notified: at most 20 working days (条例第三十三条第二款). */
export interface ExtensionApprovedEvent extends EventBase {
  type: 'extension_approved';
  workingDays: number;
  reason?: string;
}

/** 征求意见: the time is not counted in the reply period (条例第三十三条第三款). */
export interface ConsultationStartedEvent extends EventBase {
  type: 'consultation_started';
  /** Distinguishes consultations running at the same time; unique within the application. */
  consultationId: string;
  party: ConsultedParty;
  /** Who was consulted, as written in the letter. */
  name?: string;
}

export interface ConsultationAnsweredEvent extends EventBase {
  type: 'consultation_answered';
  consultationId: string;
}

/** The consulted party did not answer within its 15 working days (第三十二条, 第三十四条). */
export interface ConsultationLapsedEvent extends EventBase {
  type: 'consultation_lapsed';
  consultationId: string;
}

/** 收费通知 (国办函〔2020〕109号). */
export interface FeeNoticeIssuedEvent extends EventBase {
  type: 'fee_notice_issued';
  method: FeeMethod;
  amountFen: number;
  /** The day the applicant received the notice; the 20 working days to pay run from the next day. */
  deliveredOn: string;
}

export interface FeePaidEvent extends EventBase {
  type: 'fee_paid';
}

/** Not paid in time: the application is treated as abandoned (other.fee_unpaid). */
export interface FeeLapsedEvent extends EventBase {
  type: 'fee_lapsed';
}

/** 答复: exactly one table 三 outcome counts for statistics (部分公开 whenever part was withheld). */
export interface RepliedEvent extends EventBase {
  type: 'replied';
  outcome: OutcomeRowKey;
  /** The articles relied on, as the reply letter cites them. */
  legalBasis: string;
}

export interface DeliveredEvent extends EventBase {
  type: 'delivered';
}

export interface ClosedEvent extends EventBase {
  type: 'closed';
}

/** The applicant withdrew before a reply; counted as （六）3. 其他 (other.other). */
export interface WithdrawnEvent extends EventBase {
  type: 'withdrawn';
  reason?: string;
}

/**
 * 签收: the unit holding the case acknowledges it — the general office when it arrives, the
 * unit it was transferred to after a 转办. Internal; the receipt date does not change.
 */
export interface SignedForEvent extends EventBase {
  type: 'signed_for';
  unitId: string;
  unitName: string;
}

/** 转办: the case goes to the unit responsible for the information, which signs for it in turn. */
export interface TransferredEvent extends EventBase {
  type: 'transferred';
  unitId: string;
  unitName: string;
}

/** 协办: another unit helps, by its own date inside the case's reply period. */
export interface AssistRequestedEvent extends EventBase {
  type: 'assist_requested';
  /** Distinguishes the assists of one case (A1, A2…). */
  assistId: string;
  unitId: string;
  unitName: string;
  /** The assisting unit's own due date: never after the case's reply due date. */
  dueOn: string;
}

export interface AssistCompletedEvent extends EventBase {
  type: 'assist_completed';
  assistId: string;
}

/**
 * 转送: the information is another agency's; the application is sent on to it and the applicant
 * told which agency and how to reach it (条例第三十六条第（五）项), by a 转送告知书.
 */
export interface ForwardedEvent extends EventBase {
  type: 'forwarded';
  agencyName: string;
  /** The other agency's contact, as the letter gives it to the applicant. */
  contact?: string;
}

export type HandoffEvent =
  SignedForEvent | TransferredEvent | AssistRequestedEvent | AssistCompletedEvent | ForwardedEvent;

export type ApplicationEvent =
  | HandoffEvent
  | ReceivedEvent
  | CorrectionRequestedEvent
  | CorrectionReceivedEvent
  | CorrectionSubmittedLateEvent
  | CorrectionLapsedEvent
  | ExtensionApprovedEvent
  | ConsultationStartedEvent
  | ConsultationAnsweredEvent
  | ConsultationLapsedEvent
  | FeeNoticeIssuedEvent
  | FeePaidEvent
  | FeeLapsedEvent
  | RepliedEvent
  | DeliveredEvent
  | ClosedEvent
  | WithdrawnEvent;

export type ApplicationEventType = ApplicationEvent['type'];

/**
 * Steps that may be recorded after the day they happened (补记), dated that day: the
 * registration (the day of receipt 条例第三十一条 sets), and what others did — the applicant's
 * correction, payment or withdrawal, the delivery of a letter, a consulted party's answer —
 * which the agency often learns of later. Every other step is the agency's own act (a letter,
 * a consultation, a finding that a period lapsed, closing) and carries the day it is recorded:
 * a correction request dated last week would start the applicant's period before they could
 * have had the letter.
 */
export const BACKDATABLE_EVENTS: readonly ApplicationEventType[] = [
  'received',
  'correction_received',
  'fee_paid',
  'withdrawn',
  'delivered',
  'consultation_answered',
];

/** Steps whose letter goes to the applicant when recorded. */
export const LETTER_EVENTS: readonly ApplicationEventType[] = [
  'correction_requested',
  'extension_approved',
  'fee_notice_issued',
  'replied',
  'correction_lapsed',
  'fee_lapsed',
  'consultation_started',
  'forwarded',
];

export const APPLICATION_EVENT_LABELS: Record<ApplicationEventType, string> = {
  received: '收到申请',
  correction_requested: '告知补正',
  correction_received: '收到补正',
  correction_submitted_late: '申请人逾期提交补正',
  correction_lapsed: '逾期未补正',
  extension_approved: '延长答复期限',
  consultation_started: '征求意见',
  consultation_answered: '收到意见',
  consultation_lapsed: '征求意见期满未答复',
  fee_notice_issued: '发出收费通知',
  fee_paid: '缴纳费用',
  fee_lapsed: '逾期未缴费',
  replied: '答复',
  delivered: '送达',
  closed: '办结',
  withdrawn: '申请人撤回申请',
  signed_for: '签收',
  transferred: '转办',
  assist_requested: '协办',
  assist_completed: '协办完成',
  forwarded: '转送其他机关',
};

/** Hand-offs inside the agency: on the case's timeline, not on the applicant's page. */
export const INTERNAL_EVENTS: readonly ApplicationEventType[] = [
  'signed_for',
  'transferred',
  'assist_requested',
  'assist_completed',
];

/**
 * new → processing ⇄ awaiting_correction (→ correction_review) / consulting / awaiting_fee →
 * replied → delivered → closed. Lapses and withdrawal go straight to closed.
 */
export type ApplicationPhase =
  | 'new'
  | 'processing'
  | 'awaiting_correction'
  | 'correction_review'
  | 'consulting'
  | 'awaiting_fee'
  | 'replied'
  | 'delivered'
  | 'closed';

export const APPLICATION_PHASE_LABELS: Record<ApplicationPhase, string> = {
  new: '未收到',
  processing: '办理中',
  awaiting_correction: '等待补正',
  correction_review: '逾期补正待审查',
  consulting: '征求意见中',
  awaiting_fee: '等待缴费',
  replied: '已答复',
  delivered: '已送达',
  closed: '已办结',
};

export interface Consultation {
  id: string;
  party: ConsultedParty;
  name: string | null;
  startedOn: string;
  /** The 15th working day after the start: the end of the consulted party's time to answer. */
  limitOn: string;
  endedOn: string | null;
  answered: boolean;
}

/** 协办: one assisting unit and its own due date. */
export interface Assist {
  id: string;
  unitId: string;
  unitName: string;
  requestedOn: string;
  dueOn: string;
  completedOn: string | null;
}

/** Who holds the case inside the agency (签收、转办、协办) and whether it went to another agency. */
export interface Handling {
  /** The unit holding the case; null until a unit signs for it. */
  unit: { id: string; name: string } | null;
  /** Whether the holding unit has signed for it (a transfer waits for the new unit's 签收). */
  signedOn: string | null;
  assists: Assist[];
  forwarded: { on: string; agencyName: string; contact: string | null } | null;
}

export interface ApplicationState {
  phase: ApplicationPhase;
  handling: Handling;
  /** The clock settings this case runs under: those of its received event. */
  clock: ClockSettings;
  /** The accepted events, in order. */
  events: ApplicationEvent[];
  receipt: { on: string; channel: ReceiptChannel } | null;
  correction: {
    requestedOn: string;
    correctBy: string;
    receivedOn: string | null;
    /** The corrected application, when recorded. */
    text: string | null;
    lateReason: string | null;
    /** A correction the applicant sent after correctBy, waiting for the agency's decision. */
    lateSubmission: { on: string; text: string | null; explanation: string | null } | null;
    lapsedOn: string | null;
  } | null;
  extension: { approvedOn: string; workingDays: number } | null;
  consultations: Consultation[];
  fee: {
    issuedOn: string;
    deliveredOn: string;
    /** The last day to pay: the 20th working day after delivery. */
    payBy: string;
    method: FeeMethod;
    amountFen: number;
    paidOn: string | null;
    lapsedOn: string | null;
  } | null;
  reply: { on: string; outcome: OutcomeRowKey; legalBasis: string } | null;
  deliveredOn: string | null;
  closedOn: string | null;
  withdrawnOn: string | null;
  /** The table 三 row this application counts in once it has a final outcome. */
  outcome: OutcomeRowKey | null;
  /** The day of that outcome (reply, lapse or withdrawal): decides the report year. */
  outcomeOn: string | null;
}

/**
 * Agency settings of the clock.
 *
 * countFrom — whether day one of a period is the day after receipt (the default, common
 * practice) or the day of receipt itself when that is a working day; the regulation does not
 * settle it, so every due date shows the rule applied. It reads “自……之日起N个工作日” one way
 * for every such period: the 7 days to ask for a correction (第三十条), the 20 days to reply
 * (第三十三条) and the consulted party's 15 days (第三十二条、第三十四条). The 20 days to pay a
 * fee always start the day after the notice is received: 国办函〔2020〕109号 says so.
 *
 * feeWait — whether the days from a fee notice to payment are left out of the reply period
 * (the default: the applicant has 20 working days to pay, which a running 20-day clock could
 * not accommodate, and the information is provided only after payment). Kept as a setting
 * because the wording of 国办函〔2020〕109号 on this point was not confirmed here.
 */
export interface ClockSettings {
  countFrom: 'next_day' | 'same_day';
  feeWait: 'excluded' | 'counted';
}

export const DEFAULT_CLOCK_SETTINGS: ClockSettings = { countFrom: 'next_day', feeWait: 'excluded' };

/** Why an event was refused. `code` maps to an HTTP status at the edge (409 for a transition). */
export interface TransitionError {
  code: Extract<ErrorCode, 'invalid_transition' | 'validation_failed' | 'calendar_year_unknown'>;
  /** A stable English reason, e.g. `correction_already_requested`. */
  reason: string;
  /** What is wrong and what to do, in Chinese. */
  message: string;
  /** The year whose holiday schedule is missing, for calendar_year_unknown. */
  year?: number;
}

export type TransitionResult =
  { ok: true; state: ApplicationState } | { ok: false; error: TransitionError };
