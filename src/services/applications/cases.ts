/**
 * An application as a case: registered, listed by urgency, shown with its events and the due
 * date derived from them, moved on by events the core's state machine accepts (an illegal step
 * is a 409 with the reason), its identity shown masked except to the clerk handling it.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  URGENCY_LABELS,
  URGENCY_PRIORITY,
  type DueDate,
  type Urgency,
  type UrgencyClass,
} from '../../core/applications/clock.js';
import { caseUrgency, dueDateOfState, type Deadline } from '../../core/applications/due-date.js';
import {
  APPLICATION_EVENT_LABELS,
  BACKDATABLE_EVENTS,
  LETTER_EVENTS,
  type ApplicationEvent,
  type ApplicationEventType,
  type ApplicationState,
  type ConsultedParty,
  type ReceiptChannel,
} from '../../core/applications/events.js';
import { applyEvent } from '../../core/applications/state-machine.js';
import { addDays, isCalendarDate, lastDayPhrase } from '../../core/calendar/date.js';
import type { WorkingDayCalendar } from '../../core/calendar/working-day-calendar.js';
import { AppError, forbidden, invalidField, notFound } from '../../core/errors.js';
import {
  feeByItems,
  feeByPages,
  formatYuan,
  type FeeMethod,
  type ProcessingFee,
} from '../../core/fees/processing-fee.js';
import { maskIdNumber, maskPhone } from '../../core/identity/identity-numbers.js';
import type { Db, Trx } from '../../store/database.js';
import * as repo from '../../store/repositories/applications.js';
import type { ApplicationRow } from '../../store/repositories/applications.js';
import { recordChange } from '../audit.js';
import { actorLabel, shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { secretBoxOf } from '../secrets.js';
import { raiseAlert } from '../security-alerts.js';
import { coreEventsOf, payloadOf, replay, type Replayed } from './events.js';
import { issueLetter, listLetterViews, type LetterView } from './letters.js';
import { listAttachmentViews, type AttachmentView } from './attachments.js';
import {
  applicantKey,
  applicantKindLabel,
  channelLabel,
  checkApplicationInput,
  checkReceipt,
  DELIVERY_LABELS,
  derivedQueryCode,
  FORM_LABELS,
  formatQueryCode,
  ID_TYPE_LABELS,
  outcomeLabel,
  phaseLabel,
  queryCodeHash,
  type ApplicationInput,
  type CheckedApplication,
  type FieldProblem,
  type StaffApplicationInput,
} from './model.js';
import { clerksOf, notify } from './notifications.js';
import {
  dueDayLinesOrNone,
  isProvisional,
  listDueChanges,
  type DueChangeView,
} from './recompute.js';
import { calendarFor, getSettings, requireRemedy, type ApplicationSettings } from './settings.js';

// --- views -------------------------------------------------------------------------------------

export interface ApplicationSummary {
  id: string;
  agencyId: string;
  number: string;
  channel: string;
  channelLabel: string;
  receivedOn: string;
  applicantType: string;
  applicantKind: string;
  applicantKindLabel: string;
  applicantName: string;
  idNumberMasked: string | null;
  description: string;
  status: string;
  statusLabel: string;
  outcome: string | null;
  outcomeLabel: string | null;
  outcomeOn: string | null;
  assignedUserId: string | null;
  assignedUserName: string | null;
  /** Derived from the events; null when the clock does not run (waiting for a correction, closed). */
  dueOn: string | null;
  /** 暂定: the due date counts days of a year without the State Council's notice. */
  dueProvisional: boolean;
  urgency: Urgency | null;
  workingDaysLeft: number | null;
  /** Why the urgency is not fully known (a missing holiday schedule), in Chinese. */
  urgencyNote: string | null;
  /** What the urgency is about: the reply due date or the end of a correction/payment period. */
  deadline: Deadline | null;
}

export interface EventView {
  seq: number;
  type: string;
  label: string;
  date: string;
  /** The day it was recorded (Asia/Shanghai). */
  recordedOn: string;
  /** Recorded after the day it is dated (补记). */
  backdated: boolean;
  /** The event's particulars in words: 补正期限至…, 延长 10 个工作日, 答复结果… */
  details: string[];
  note: string | null;
  actor: string;
  at: string;
}

export interface ActionView {
  /** An event type, or extension_request / reply_request (through the review chain), fee_waived. */
  action: string;
  label: string;
  allowed: boolean;
  /** Why not, when not allowed (the state machine's reason). */
  reason: string | null;
}

export interface AssignmentView {
  at: string;
  /** The previous clerk's name; null when the case was unassigned. */
  from: string | null;
  to: string | null;
  by: string;
}

export interface FeeView {
  id: string;
  method: FeeMethod;
  quantity: number;
  priorItems: number;
  amountFen: number;
  amountYuan: string;
  status: string;
  noticeOn: string | null;
  payBy: string | null;
  paidOn: string | null;
  lapsedOn: string | null;
  waivedReason: string | null;
}

export interface ApplicationDetail extends ApplicationSummary {
  idType: string;
  idTypeLabel: string;
  legalRepresentative: string | null;
  phoneMasked: string | null;
  hasAddress: boolean;
  hasEmail: boolean;
  formWanted: string;
  formWantedLabel: string;
  deliveryMethod: string;
  deliveryMethodLabel: string;
  itemCount: number;
  legalBasis: string | null;
  events: EventView[];
  due: (DueDate & { error: null }) | { error: string; dueOn: null; rule: string[] };
  /** The source of every day from the start of the period to the due date (notice, 办法, weekend). */
  dueDays: string[];
  /** Each time entering a holiday notice changed the due date (or settled a 暂定 one). */
  dueChanges: DueChangeView[];
  /** A stored history that no longer replays under the current settings. */
  historyProblem: string | null;
  actions: ActionView[];
  consultations: ApplicationState['consultations'];
  correction: ApplicationState['correction'];
  /** 签收、转办、协办、转送: who holds the case inside the agency. */
  handling: ApplicationState['handling'];
  /** Scans of the incoming letter and envelope. */
  attachments: AttachmentView[];
  fees: FeeView[];
  letters: LetterView[];
  /** Only the assigned clerk may see the identity and contact in full. */
  canReveal: boolean;
  /** Whether the person asking may change the assignee (see assignApplication). */
  canAssign: boolean;
  /** Who handled the case when: the assignee at registration and every change since. */
  assignments: AssignmentView[];
  createdAt: string;
  createdBy: string;
}

// --- loading -----------------------------------------------------------------------------------

export interface CaseEnv {
  calendar: WorkingDayCalendar;
  settings: ApplicationSettings;
}

export async function caseEnv(db: Db, agencyId: string): Promise<CaseEnv> {
  const [calendar, settings] = await Promise.all([calendarFor(db), getSettings(db, agencyId)]);
  return { calendar, settings };
}

export interface LoadedCase {
  row: ApplicationRow;
  eventRows: repo.ApplicationEventRow[];
  events: ApplicationEvent[];
  replayed: Replayed;
}

export async function loadCase(
  db: Db,
  agencyId: string,
  applicationId: string,
  env: CaseEnv,
): Promise<LoadedCase> {
  const row = await repo.findApplicationOfAgency(db, agencyId, applicationId);
  if (!row) throw notFound('申请');
  const eventRows = await repo.listEvents(db, applicationId);
  const events = coreEventsOf(eventRows);
  return { row, eventRows, events, replayed: replay(events, env.calendar, env.settings.clock) };
}

async function userNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  return repo.userNames(db, [...new Set(ids.filter((i): i is string => i !== null))]);
}

function dueOf(state: ApplicationState, env: CaseEnv): ApplicationDetail['due'] {
  try {
    return { ...dueDateOfState(state, env.calendar), error: null };
  } catch (e) {
    if (e instanceof AppError) return { error: e.message, dueOn: null, rule: [] };
    throw e;
  }
}

/** Phases in which something is due: the reply, or a period the applicant must keep. */
const OPEN_PHASES = [
  'processing',
  'consulting',
  'awaiting_fee',
  'awaiting_correction',
  'correction_review',
];

type CaseUrgency = {
  urgency: Urgency | null;
  workingDaysLeft: number | null;
  urgencyNote: string | null;
  deadline: Deadline | null;
};

const noteOf = (c: UrgencyClass): string | null =>
  c.unknownYear === null
    ? null
    : c.urgency === 'undetermined'
      ? `缺少 ${c.unknownYear} 年节假日安排，无法判断是否 3 个工作日内到期：请系统管理员录入`
      : `缺少 ${c.unknownYear} 年节假日安排，工作日数暂无法计算`;

function urgencyOf(
  state: ApplicationState,
  due: ApplicationDetail['due'],
  today: string,
  calendar: WorkingDayCalendar,
): CaseUrgency {
  const c = caseUrgency(state, due, today, calendar);
  if (!c) return { urgency: null, workingDaysLeft: null, urgencyNote: null, deadline: null };
  return {
    urgency: c.urgency,
    workingDaysLeft: c.workingDaysLeft,
    urgencyNote: noteOf(c),
    deadline: c.deadline,
  };
}

const NO_CLOCK = {
  dueOn: null,
  dueProvisional: false,
  urgency: null,
  workingDaysLeft: null,
  urgencyNote: null,
  deadline: null,
};

function summaryOf(
  row: ApplicationRow,
  names: Map<string, string>,
  clock: CaseUrgency & { dueOn: string | null; dueProvisional: boolean },
): ApplicationSummary {
  return {
    id: row.id,
    agencyId: row.agency_id,
    number: row.number,
    channel: row.channel,
    channelLabel: channelLabel(row.channel),
    receivedOn: row.received_on,
    applicantType: row.applicant_type,
    applicantKind: row.applicant_kind,
    applicantKindLabel: applicantKindLabel(row.applicant_kind),
    applicantName: row.applicant_name,
    idNumberMasked: row.id_number_masked,
    description: row.description,
    status: row.status,
    statusLabel: phaseLabel(row.status),
    outcome: row.outcome,
    outcomeLabel: row.outcome ? outcomeLabel(row.outcome) : null,
    outcomeOn: row.outcome_on,
    assignedUserId: row.assigned_user_id,
    assignedUserName: row.assigned_user_id ? (names.get(row.assigned_user_id) ?? null) : null,
    ...clock,
  };
}

// --- event descriptions ------------------------------------------------------------------------

const PARTY_LABELS: Record<ConsultedParty, string> = { third_party: '第三方', agency: '其他机关' };

function eventDetails(event: ApplicationEvent): string[] {
  switch (event.type) {
    case 'received':
      return [`渠道：${channelLabel(event.channel)}`];
    case 'correction_requested':
      return [`补正期限：${lastDayPhrase(event.correctBy)}`];
    case 'correction_received':
      return [
        ...(event.text ? [`补正后的申请内容：${event.text}`] : []),
        ...(event.lateReason ? [`本机关认定逾期补正的正当理由：${event.lateReason}`] : []),
      ];
    case 'correction_submitted_late':
      return [
        ...(event.text ? [`补正后的申请内容：${event.text}`] : []),
        ...(event.explanation ? [`申请人说明的逾期原因：${event.explanation}`] : []),
        '已超过补正期限，待本机关审查是否接受',
      ];
    case 'extension_approved':
      return [`延长 ${event.workingDays} 个工作日`];
    case 'consultation_started':
      return [
        `征求${PARTY_LABELS[event.party]}意见（编号 ${event.consultationId}）${event.name ? `：${event.name}` : ''}`,
      ];
    case 'consultation_answered':
    case 'consultation_lapsed':
      return [`征求意见编号 ${event.consultationId}`];
    case 'fee_notice_issued':
      return [
        `${event.method === 'items' ? '按件' : '按量'}收费 ${formatYuan(event.amountFen)} 元`,
        `申请人收到通知之日：${event.deliveredOn}`,
      ];
    case 'replied':
      return [`答复结果：${outcomeLabel(event.outcome)}`, `法律依据：${event.legalBasis}`];
    case 'withdrawn':
      return event.reason ? [`撤回理由：${event.reason}`] : [];
    case 'signed_for':
      return [`签收科室：${event.unitName}`];
    case 'transferred':
      return [`转办给：${event.unitName}（收到申请之日不变）`];
    case 'assist_requested':
      return [
        `协办科室：${event.unitName}（协办编号 ${event.assistId}）`,
        `协办期限：${event.dueOn}`,
      ];
    case 'assist_completed':
      return [`协办编号 ${event.assistId}`];
    case 'forwarded':
      return [
        `转送：${event.agencyName}`,
        ...(event.contact ? [`联系方式：${event.contact}`] : []),
      ];
    default:
      return [];
  }
}

function eventView(row: repo.ApplicationEventRow, event: ApplicationEvent): EventView {
  const recordedOn = shanghaiDate(new Date(row.at));
  return {
    seq: Number(row.seq),
    type: row.type,
    label: APPLICATION_EVENT_LABELS[event.type] ?? row.type,
    date: row.date,
    recordedOn,
    backdated: row.date < recordedOn,
    details: eventDetails(event),
    note: row.note,
    actor: row.actor,
    at: row.at,
  };
}

// --- allowed actions ---------------------------------------------------------------------------

/** Event inputs a person may record directly (replies and extensions go through approvals). */
export const DIRECT_EVENT_TYPES = [
  'correction_requested',
  'correction_received',
  'correction_lapsed',
  'consultation_started',
  'consultation_answered',
  'consultation_lapsed',
  'fee_notice_issued',
  'fee_paid',
  'fee_lapsed',
  'delivered',
  'closed',
  'withdrawn',
] as const satisfies readonly ApplicationEventType[];
export type DirectEventType = (typeof DIRECT_EVENT_TYPES)[number];

const ACTION_LABELS: Record<string, string> = {
  ...APPLICATION_EVENT_LABELS,
  extension_request: '申请延长答复期限',
  reply_request: '答复',
  fee_waived: '决定不收费',
};

/** Steps whose letter carries the remedy notice (答复, 不再处理). */
const REMEDY_ACTIONS = ['reply_request', 'correction_lapsed', 'fee_lapsed'];
const REMEDY_EVENTS: readonly ApplicationEventType[] = [
  'replied',
  'correction_lapsed',
  'fee_lapsed',
];

/**
 * What may be done now, asked of the core's state machine with a probe of each step dated
 * today: a step it refuses for the case's phase is not offered (with the reason), one it
 * would accept (perhaps with other details) is.
 */
function allowedActions(state: ApplicationState, env: CaseEnv, today: string): ActionView[] {
  const open = state.consultations.find((c) => c.endedOn === null);
  const probes: [string, ApplicationEvent][] = [
    [
      'correction_requested',
      { type: 'correction_requested', date: today, correctBy: addDays(today, 30) },
    ],
    ['correction_received', { type: 'correction_received', date: today, lateReason: '—' }],
    ['correction_lapsed', { type: 'correction_lapsed', date: today }],
    ['extension_request', { type: 'extension_approved', date: today, workingDays: 1 }],
    [
      'consultation_started',
      {
        type: 'consultation_started',
        date: today,
        consultationId: '\u0000probe',
        party: 'third_party',
      },
    ],
    [
      'consultation_answered',
      { type: 'consultation_answered', date: today, consultationId: open?.id ?? '\u0000none' },
    ],
    [
      'consultation_lapsed',
      { type: 'consultation_lapsed', date: today, consultationId: open?.id ?? '\u0000none' },
    ],
    [
      'fee_notice_issued',
      { type: 'fee_notice_issued', date: today, method: 'pages', amountFen: 1, deliveredOn: today },
    ],
    ['fee_paid', { type: 'fee_paid', date: today }],
    ['fee_lapsed', { type: 'fee_lapsed', date: today }],
    ['reply_request', { type: 'replied', date: today, outcome: 'disclosed', legalBasis: '—' }],
    ['delivered', { type: 'delivered', date: today }],
    ['closed', { type: 'closed', date: today }],
    ['withdrawn', { type: 'withdrawn', date: today }],
  ];
  const actions: ActionView[] = probes.map(([action, event]) => {
    const result = applyEvent(state, event, env.calendar, env.settings.clock);
    const refused = !result.ok && result.error.code === 'invalid_transition';
    return {
      action,
      label: ACTION_LABELS[action] ?? action,
      allowed: !refused,
      reason: refused ? result.error.message : null,
    };
  });
  const feeNotice = actions.find((a) => a.action === 'fee_notice_issued')!;
  actions.push({ ...feeNotice, action: 'fee_waived', label: ACTION_LABELS.fee_waived! });
  const remedy = env.settings.remedyProblem;
  // A late correction waits for the agency's decision: the two steps are accept or not.
  const review = state.phase === 'correction_review';
  return actions.map((a) => {
    const labelled =
      review && a.action === 'correction_received'
        ? { ...a, label: '接受逾期补正' }
        : review && a.action === 'correction_lapsed'
          ? { ...a, label: '不接受逾期补正' }
          : a;
    return remedy && labelled.allowed && REMEDY_ACTIONS.includes(labelled.action)
      ? { ...labelled, allowed: false, reason: remedy }
      : labelled;
  });
}

// --- detail and list ---------------------------------------------------------------------------

function feeView(row: repo.FeeRow): FeeView {
  return {
    id: row.id,
    method: row.method as FeeMethod,
    quantity: Number(row.quantity),
    priorItems: Number(row.prior_items),
    amountFen: Number(row.amount_fen),
    amountYuan: formatYuan(Number(row.amount_fen)),
    status: row.status,
    noticeOn: row.notice_on,
    payBy: row.pay_by,
    paidOn: row.paid_on,
    lapsedOn: row.lapsed_on,
    waivedReason: row.waived_reason,
  };
}

export async function getApplication(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  applicationId: string,
): Promise<ApplicationDetail> {
  const db = ctx.store.db;
  const env = await caseEnv(db, agencyId);
  const loaded = await loadCase(db, agencyId, applicationId, env);
  return detailOf(ctx, actor, loaded, env);
}

async function detailOf(
  ctx: ServiceContext,
  actor: Actor,
  loaded: LoadedCase,
  env: CaseEnv,
): Promise<ApplicationDetail> {
  const db = ctx.store.db;
  const { row, eventRows, events, replayed } = loaded;
  const today = shanghaiDate(ctx.clock.now());
  const state = replayed.state;
  const due = dueOf(state, env);
  const [fees, letters, assignments] = await Promise.all([
    repo.listFees(db, row.id),
    listLetterViews(db, row.agency_id, row.id),
    assignmentHistory(db, row.id),
  ]);
  const names = await userNames(db, [row.assigned_user_id]);
  return {
    ...summaryOf(row, names, {
      dueOn: due.dueOn,
      dueProvisional: isProvisional(due),
      ...urgencyOf(state, due, today, env.calendar),
    }),
    idType: row.id_type,
    idTypeLabel: ID_TYPE_LABELS[row.id_type as keyof typeof ID_TYPE_LABELS] ?? row.id_type,
    legalRepresentative: row.legal_representative,
    phoneMasked: row.phone_masked,
    hasAddress: row.address_sealed !== null,
    hasEmail: row.email_sealed !== null,
    formWanted: row.form_wanted,
    formWantedLabel: FORM_LABELS[row.form_wanted as keyof typeof FORM_LABELS] ?? row.form_wanted,
    deliveryMethod: row.delivery_method,
    deliveryMethodLabel:
      DELIVERY_LABELS[row.delivery_method as keyof typeof DELIVERY_LABELS] ?? row.delivery_method,
    itemCount: Number(row.item_count),
    legalBasis: row.legal_basis,
    events: eventRows.map((r, i) => eventView(r, events[i]!)),
    due,
    dueDays: due.error === null ? dueDayLinesOrNone(due, env.calendar) : [],
    dueChanges: await listDueChanges(db, row.id),
    historyProblem: replayed.problem
      ? `第 ${replayed.problem.index + 1} 个办理步骤在当前设置下不再成立：${replayed.problem.message}`
      : null,
    actions: allowedActions(state, env, today),
    consultations: state.consultations,
    correction: state.correction,
    handling: state.handling,
    attachments: await listAttachmentViews(db, row.id),
    fees: fees.map(feeView),
    letters,
    canReveal: actor.kind === 'user' && actor.principal.userId === row.assigned_user_id,
    canAssign: mayAssign(actor, row) === null,
    assignments,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export interface ListFilter {
  /** open (default), closed or all. */
  scope?: 'open' | 'closed' | 'all';
  urgency?: Urgency;
  /** A user id, or 'unassigned'. */
  assignee?: string;
  text?: string;
  receivedFrom?: string;
  receivedTo?: string;
  outcome?: string;
}

export interface ApplicationList {
  applications: ApplicationSummary[];
  counts: Record<Urgency, number>;
  /** Cases whose due date cannot be derived (a missing holiday schedule, say). */
  problems: { id: string; number: string; message: string }[];
}

/**
 * The cases of an agency, most urgent first (the core's URGENCY_PRIORITY on the agency's
 * calendar: overdue, due today, a correction or payment period past, due within 3 working
 * days, …), then by the date each is about.
 */
export async function listApplications(
  ctx: ServiceContext,
  agencyId: string,
  filter: ListFilter = {},
): Promise<ApplicationList> {
  const db = ctx.store.db;
  const scope = filter.scope ?? 'open';
  const status =
    scope === 'open'
      ? [
          'processing',
          'awaiting_correction',
          'correction_review',
          'consulting',
          'awaiting_fee',
          'replied',
          'delivered',
        ]
      : scope === 'closed'
        ? ['closed']
        : undefined;
  const rows = await repo.listApplications(db, agencyId, {
    ...(status ? { status } : {}),
    ...(filter.assignee && filter.assignee !== 'unassigned'
      ? { assignedUserId: filter.assignee }
      : {}),
    ...(filter.text ? { text: filter.text } : {}),
    ...(filter.receivedFrom ? { receivedFrom: filter.receivedFrom } : {}),
    ...(filter.receivedTo ? { receivedTo: filter.receivedTo } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
  });
  const selected =
    filter.assignee === 'unassigned' ? rows.filter((r) => r.assigned_user_id === null) : rows;
  const env = await caseEnv(db, agencyId);
  const today = shanghaiDate(ctx.clock.now());
  const open = selected.filter((r) => OPEN_PHASES.includes(r.status));
  const eventRows = await repo.listEventsOf(
    db,
    open.map((r) => r.id),
  );
  const byApplication = new Map<string, repo.ApplicationEventRow[]>();
  for (const e of eventRows) {
    const list = byApplication.get(e.application_id) ?? [];
    list.push(e);
    byApplication.set(e.application_id, list);
  }
  const names = await userNames(
    db,
    selected.map((r) => r.assigned_user_id),
  );
  const counts = Object.fromEntries(Object.keys(URGENCY_LABELS).map((k) => [k, 0])) as Record<
    Urgency,
    number
  >;
  const problems: ApplicationList['problems'] = [];
  const summaries = selected.map((row) => {
    let clock: Parameters<typeof summaryOf>[2] = NO_CLOCK;
    const rowsOf = byApplication.get(row.id);
    if (rowsOf) {
      const replayed = replay(coreEventsOf(rowsOf), env.calendar, env.settings.clock);
      const due = dueOf(replayed.state, env);
      if (due.error) problems.push({ id: row.id, number: row.number, message: due.error });
      clock = {
        dueOn: due.dueOn,
        dueProvisional: isProvisional(due),
        ...urgencyOf(replayed.state, due, today, env.calendar),
      };
      if (clock.urgency) counts[clock.urgency]++;
    }
    return summaryOf(row, names, clock);
  });
  const filtered = filter.urgency
    ? summaries.filter((s) => s.urgency === filter.urgency)
    : summaries;
  filtered.sort((a, b) => {
    const ua = a.urgency ? URGENCY_PRIORITY[a.urgency] : 99;
    const ub = b.urgency ? URGENCY_PRIORITY[b.urgency] : 99;
    if (ua !== ub) return ua - ub;
    const da = a.deadline?.on ?? a.dueOn;
    const db2 = b.deadline?.on ?? b.dueOn;
    if (da && db2 && da !== db2) return da < db2 ? -1 : 1;
    return a.number < b.number ? 1 : -1;
  });
  return { applications: filtered, counts, problems };
}

// --- registration ------------------------------------------------------------------------------

export interface Registered {
  application: ApplicationSummary;
  /** Shown once: only its hash is kept. */
  queryCode: string;
  /** True when this was a repeat of an earlier submission with the same idempotency key. */
  duplicate: boolean;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function invalidInput(problems: FieldProblem[]): AppError {
  const first = problems[0]!;
  return new AppError('validation_failed', first.message, { field: first.field, problems });
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === '23505' || (e.code ?? '').startsWith('SQLITE_CONSTRAINT');
}

interface NewCase {
  checked: CheckedApplication;
  channel: ReceiptChannel;
  receivedOn: string;
  assignedUserId: string | null;
  idempotencyKey: string | null;
}

async function insertCase(
  ctx: ServiceContext,
  t: Trx,
  actor: Actor,
  agencyId: string,
  input: NewCase,
): Promise<Registered> {
  const { checked } = input;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const keyHash = input.idempotencyKey ? sha256(`${agencyId}:${input.idempotencyKey}`) : null;
  const fingerprint = sha256(
    JSON.stringify([checked, input.channel, input.receivedOn, input.assignedUserId]),
  );
  // Numbers are given one at a time per agency; SQLite has one writer anyway.
  await ctx.store.lock(t, `application.number:${agencyId}`);
  if (keyHash) {
    const existing = await repo.findByIdempotencyKey(t, agencyId, keyHash);
    if (existing) return repeatOf(ctx, existing, fingerprint, agencyId, input.idempotencyKey!);
  }
  const year = Number(shanghaiDate(now).slice(0, 4));
  const seq = (await repo.lastNumberSeq(t, agencyId, year)) + 1;
  const id = randomUUID();
  const number = `${year}-${String(seq).padStart(5, '0')}`;
  const queryCode = input.idempotencyKey
    ? derivedQueryCode(ctx.secretKey, agencyId, input.idempotencyKey)
    : formatQueryCode(randomBytes(10));
  const box = secretBoxOf(ctx);
  const row: ApplicationRow = {
    id,
    agency_id: agencyId,
    number,
    number_year: year,
    number_seq: seq,
    query_code_hash: queryCodeHash(ctx.secretKey, id, queryCode),
    channel: input.channel,
    received_on: input.receivedOn,
    applicant_type: checked.applicantType,
    applicant_kind: checked.applicantKind,
    applicant_name: checked.name,
    applicant_key: applicantKey(ctx.secretKey, checked.idType, checked.idNumber),
    id_type: checked.idType,
    id_number_sealed: box.encrypt(checked.idNumber),
    id_number_masked: maskIdNumber(checked.idNumber),
    legal_representative: checked.legalRepresentative,
    phone_sealed: box.encrypt(checked.phone),
    phone_masked: maskPhone(checked.phone),
    address_sealed: checked.address ? box.encrypt(checked.address) : null,
    email_sealed: checked.email ? box.encrypt(checked.email) : null,
    description: checked.description,
    form_wanted: checked.formWanted,
    delivery_method: checked.deliveryMethod,
    item_count: 1,
    assigned_user_id: input.assignedUserId,
    status: 'processing',
    outcome: null,
    outcome_on: null,
    legal_basis: null,
    event_count: 1,
    idempotency_key: keyHash,
    submission_sha256: fingerprint,
    created_at: at,
    created_by: actorLabel(actor),
    updated_at: at,
  };
  await repo.insertApplication(t, row);
  // The case keeps the clock settings in effect today; a later change applies to new cases.
  const { clock } = await getSettings(t, agencyId);
  const received: ApplicationEvent = {
    type: 'received',
    date: input.receivedOn,
    channel: input.channel,
    clock,
  };
  await repo.insertEvent(t, {
    application_id: id,
    seq: 1,
    type: received.type,
    date: received.date,
    payload_json: payloadOf(received),
    note: null,
    actor_user_id: actor.kind === 'user' ? actor.principal.userId : null,
    actor: actorLabel(actor),
    at,
  });
  await recordChange(ctx, t, actor, now, {
    action: 'application.register',
    entityType: 'application',
    entityId: id,
    agencyId,
    // Personal data stays out of the audit trail: masked forms only.
    after: {
      number,
      channel: input.channel,
      receivedOn: input.receivedOn,
      applicantType: checked.applicantType,
      applicantKind: checked.applicantKind,
      applicantName: checked.name,
      idNumber: row.id_number_masked,
      assignedUserId: input.assignedUserId,
    },
  });
  const who = `${checked.name}（${channelLabel(input.channel)}，${input.receivedOn} 收到）`;
  if (input.assignedUserId) {
    if (actor.kind !== 'user' || actor.principal.userId !== input.assignedUserId) {
      await notify(t, [input.assignedUserId], now, {
        agencyId,
        applicationId: id,
        kind: 'new_case',
        message: `新申请 ${number}：${who}，已分派给您办理。`,
      });
    }
  } else {
    await notify(t, await clerksOf(t, agencyId), now, {
      agencyId,
      applicationId: id,
      kind: 'new_case',
      message: `新申请 ${number}：${who}，尚未分派经办人。`,
    });
  }
  return {
    application: summaryOf(row, new Map(), NO_CLOCK),
    queryCode,
    duplicate: false,
  };
}

function repeatOf(
  ctx: ServiceContext,
  existing: ApplicationRow,
  fingerprint: string,
  agencyId: string,
  idempotencyKey: string,
): Registered {
  if (existing.submission_sha256 !== fingerprint) {
    throw new AppError(
      'duplicate_submission',
      `这份表单已于 ${existing.created_at.slice(0, 10)} 提交过（申请编号 ${existing.number}），本次提交的内容与之不同：如需再提出一份申请，请重新打开申请表填写。`,
      { number: existing.number },
    );
  }
  return {
    application: summaryOf(existing, new Map(), NO_CLOCK),
    queryCode: derivedQueryCode(ctx.secretKey, agencyId, idempotencyKey),
    duplicate: true,
  };
}

async function createCase(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  input: NewCase,
): Promise<Registered> {
  try {
    return await ctx.store.transaction((t) => insertCase(ctx, t, actor, agencyId, input));
  } catch (error) {
    // Two submissions of one form racing on another node: the loser returns the winner's.
    if (input.idempotencyKey && isUniqueViolation(error)) {
      return ctx.store.transaction((t) => insertCase(ctx, t, actor, agencyId, input));
    }
    throw error;
  }
}

async function checkAssignee(db: Db, agencyId: string, userId: string): Promise<void> {
  const clerks = await clerksOf(db, agencyId);
  if (!clerks.includes(userId)) {
    throw invalidField('assignedUserId', '只能分派给本机关的经办人。');
  }
}

/** Staff register an application that came by letter, in person, fax or e-mail (条例第三十一条). */
export async function registerApplication(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  agencyId: string,
  input: StaffApplicationInput,
): Promise<Registered> {
  const today = shanghaiDate(ctx.clock.now());
  const { value, problems } = checkApplicationInput(input, today);
  const all = [...checkReceipt(input.channel, input.receivedOn, today), ...problems];
  if (!value || all.length > 0) throw invalidInput(all);
  let assignedUserId: string | null = input.assignedUserId ?? null;
  if (input.assignedUserId === undefined) {
    const clerks = await clerksOf(ctx.store.db, agencyId);
    assignedUserId = clerks.includes(actor.principal.userId) ? actor.principal.userId : null;
  } else if (assignedUserId) await checkAssignee(ctx.store.db, agencyId, assignedUserId);
  return createCase(ctx, actor, agencyId, {
    checked: value,
    channel: input.channel,
    receivedOn: input.receivedOn,
    assignedUserId,
    idempotencyKey: input.idempotencyKey?.trim() || null,
  });
}

/**
 * An application submitted on the portal. Received the day it is submitted: the system
 * confirms receipt at once with the acknowledgement (条例第三十一条, 互联网渠道).
 */
export async function submitPortalApplication(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  input: ApplicationInput,
): Promise<{ ok: true; registered: Registered } | { ok: false; problems: FieldProblem[] }> {
  const today = shanghaiDate(ctx.clock.now());
  const { value, problems } = checkApplicationInput(input, today);
  if (!value) return { ok: false, problems };
  const applicant: Actor = {
    ...actor,
    kind: 'anonymous',
    label: `网上申请（${actorLabel(actor)}）`,
  };
  const registered = await createCase(ctx, applicant, agencyId, {
    checked: value,
    channel: 'online',
    receivedOn: today,
    assignedUserId: null,
    idempotencyKey: input.idempotencyKey?.trim() || null,
  });
  return { ok: true, registered };
}

// --- events ------------------------------------------------------------------------------------

export interface EventInput {
  type: DirectEventType | 'fee_waived';
  date: string;
  note?: string;
  correctBy?: string;
  lateReason?: string;
  /** The corrected application (correction_received). */
  text?: string;
  consultationId?: string;
  party?: ConsultedParty;
  name?: string;
  method?: FeeMethod;
  quantity?: number;
  deliveredOn?: string;
  waivedReason?: string;
}

const EVENT_FIELDS: Record<EventInput['type'], readonly (keyof EventInput)[]> = {
  correction_requested: ['correctBy', 'note'],
  correction_received: ['lateReason', 'text', 'note'],
  correction_lapsed: ['note'],
  consultation_started: ['party', 'name', 'consultationId', 'note'],
  consultation_answered: ['consultationId', 'note'],
  consultation_lapsed: ['consultationId', 'note'],
  fee_notice_issued: ['method', 'quantity', 'deliveredOn', 'note'],
  fee_waived: ['method', 'quantity', 'waivedReason', 'note'],
  fee_paid: ['note'],
  fee_lapsed: ['note'],
  delivered: ['note'],
  closed: ['note'],
  withdrawn: ['note'],
};

function required<T>(value: T | undefined, field: string, message: string): T {
  if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) {
    throw invalidField(field, message);
  }
  return value;
}

/** The fee of this application by the method chosen, counting the applicant's month (按件). */
export async function quoteFee(
  db: Db,
  row: ApplicationRow,
  method: FeeMethod,
  quantity: number,
): Promise<{ fee: ProcessingFee; priorItems: number }> {
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw invalidField('quantity', '数量应为大于 0 的整数（件数或页数）。');
  }
  if (method === 'pages') return { fee: feeByPages(quantity), priorItems: 0 };
  const month = row.received_on.slice(0, 7);
  const priorItems = row.applicant_key
    ? await repo.itemsOfApplicant(
        db,
        row.agency_id,
        row.applicant_key,
        `${month}-01`,
        row.received_on,
        row.id,
      )
    : 0;
  return { fee: feeByItems(quantity, { priorItemsThisMonth: priorItems }), priorItems };
}

function transitionError(error: {
  code: AppError['code'];
  reason: string;
  message: string;
  year?: number;
}): AppError {
  return new AppError(error.code, error.message, {
    reason: error.reason,
    ...(error.year === undefined ? {} : { year: error.year }),
  });
}

/**
 * Appends an event the state machine accepts, inside the caller's transaction: the event row,
 * the case's projections (status, outcome), its letter, fee record and notifications, and the
 * audit record. Returns the new state.
 */
export async function appendEvent(
  ctx: ServiceContext,
  t: Trx,
  actor: Actor,
  loaded: LoadedCase,
  env: CaseEnv,
  event: ApplicationEvent,
  note: string | null,
  extras: { fee?: { quantity: number; priorItems: number; fee: ProcessingFee } } = {},
): Promise<ApplicationState> {
  const { row, replayed } = loaded;
  if (replayed.problem) {
    throw new AppError(
      'conflict',
      `本申请的办理记录在当前设置下不再成立（第 ${replayed.problem.index + 1} 步：${replayed.problem.message}），请联系机关管理员核对节假日安排和答复期限设置。`,
    );
  }
  const result = applyEvent(replayed.state, event, env.calendar, env.settings.clock);
  if (!result.ok) throw transitionError(result.error);
  if (REMEDY_EVENTS.includes(event.type)) requireRemedy(env.settings);
  const state = result.state;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const seq = loaded.eventRows.length + 1;
  const stored: ApplicationEvent = {
    ...event,
    ...(actor.kind === 'user' ? { by: actor.principal.userId } : {}),
  };
  await repo.insertEvent(t, {
    application_id: row.id,
    seq,
    type: event.type,
    date: event.date,
    payload_json: payloadOf(stored),
    note,
    actor_user_id: actor.kind === 'user' ? actor.principal.userId : null,
    actor: actorLabel(actor),
    at,
  });
  await repo.updateApplication(t, row.id, {
    status: state.phase,
    outcome: state.outcome,
    outcome_on: state.outcomeOn,
    legal_basis: state.reply?.legalBasis ?? null,
    event_count: seq,
    updated_at: at,
    ...(extras.fee && event.type === 'fee_notice_issued' && event.method === 'items'
      ? { item_count: extras.fee.quantity }
      : {}),
  });

  if (event.type === 'fee_notice_issued' && extras.fee && state.fee) {
    await repo.insertFee(t, {
      id: randomUUID(),
      application_id: row.id,
      method: event.method,
      quantity: extras.fee.quantity,
      prior_items: extras.fee.priorItems,
      amount_fen: event.amountFen,
      bands_json: JSON.stringify(extras.fee.fee.bands),
      status: 'notified',
      notice_on: event.date,
      delivered_on: event.deliveredOn,
      pay_by: state.fee.payBy,
      paid_on: null,
      lapsed_on: null,
      waived_reason: null,
      created_at: at,
      created_by: actorLabel(actor),
      updated_at: at,
    });
  }
  if (event.type === 'fee_paid' || event.type === 'fee_lapsed') {
    const notified = (await repo.listFees(t, row.id)).find((f) => f.status === 'notified');
    if (notified) {
      await repo.updateFee(t, notified.id, {
        status: event.type === 'fee_paid' ? 'paid' : 'lapsed',
        ...(event.type === 'fee_paid' ? { paid_on: event.date } : { lapsed_on: event.date }),
        updated_at: at,
      });
    }
  }

  await issueLetter(ctx, t, actor, {
    row,
    state,
    event,
    seq,
    note,
    env,
    ...(extras.fee ? { fee: extras.fee } : {}),
  });

  await recordChange(ctx, t, actor, now, {
    action: `application.event.${event.type}`,
    entityType: 'application',
    entityId: row.id,
    agencyId: row.agency_id,
    before: { status: replayed.state.phase, outcome: replayed.state.outcome },
    after: { seq, event: stored, note, status: state.phase, outcome: state.outcome },
  });
  return state;
}

/** Refuses a step dated before today unless it may be recorded late (BACKDATABLE_EVENTS). */
function checkBackdating(
  type: ApplicationEventType | 'fee_waived',
  date: string,
  today: string,
  note: string | null,
): void {
  if (date >= today) return;
  const label = ACTION_LABELS[type] ?? type;
  if (type === 'fee_waived' || !BACKDATABLE_EVENTS.includes(type)) {
    const letter = type !== 'fee_waived' && LETTER_EVENTS.includes(type);
    throw invalidField(
      'date',
      `“${label}”是本机关的${letter ? '文书，日期即告知申请人之日' : '办理决定'}，只能以记录的当天（${today}）为日期，不能补记为 ${date}：${letter ? '倒签的文书会让申请人的期限早于其收到文书之日起算。' : ''}请以今天为日期记录。`,
    );
  }
  if (!note) {
    throw invalidField(
      'note',
      `补记 ${date} 发生的“${label}”，请在备注中写明实际日期的依据（如邮件签收、到账凭证、回执），办理过程会标明为补记。`,
    );
  }
}

/** Records one event of a case (a correction request, a consultation, a payment, …). */
export async function recordEvent(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  agencyId: string,
  applicationId: string,
  input: EventInput,
): Promise<ApplicationDetail> {
  const fields = EVENT_FIELDS[input.type];
  for (const key of Object.keys(input) as (keyof EventInput)[]) {
    if (key !== 'type' && key !== 'date' && input[key] !== undefined && !fields.includes(key)) {
      throw invalidField(key, `“${ACTION_LABELS[input.type]}”不需要填写字段“${key}”。`);
    }
  }
  const today = shanghaiDate(ctx.clock.now());
  if (!isCalendarDate(input.date)) {
    throw invalidField('date', '日期无效：请按 YYYY-MM-DD 填写一个存在的日期。');
  }
  if (input.date > today) throw invalidField('date', `日期 ${input.date} 晚于今天：不能预先记录。`);
  const note = input.note?.trim() || null;
  const db = ctx.store.db;
  const env = await caseEnv(db, agencyId);

  await ctx.store.transaction(async (t) => {
    await ctx.store.lock(t, `application:${applicationId}`);
    const loaded = await loadCase(t, agencyId, applicationId, env);
    const state = loaded.replayed.state;
    const date = input.date;
    let event: ApplicationEvent;
    let fee: { quantity: number; priorItems: number; fee: ProcessingFee } | undefined;
    switch (input.type) {
      case 'correction_requested':
        event = {
          type: input.type,
          date,
          correctBy: required(
            input.correctBy,
            'correctBy',
            '请填写补正期限（申请人最迟补正的日期）。',
          ),
        };
        required(input.note, 'note', '请写明需要申请人补正的内容（条例第三十条：一次性告知）。');
        break;
      case 'correction_received':
        event = {
          type: input.type,
          date,
          ...(input.text?.trim() ? { text: input.text.trim() } : {}),
          ...(input.lateReason?.trim() ? { lateReason: input.lateReason.trim() } : {}),
        };
        break;
      case 'consultation_started': {
        const party = required(input.party, 'party', '请选择征求意见的对象：第三方或其他机关。');
        const id = input.consultationId?.trim() || `C${state.consultations.length + 1}`;
        event = {
          type: input.type,
          date,
          consultationId: id,
          party,
          ...(input.name?.trim() ? { name: input.name.trim() } : {}),
        };
        break;
      }
      case 'consultation_answered':
      case 'consultation_lapsed': {
        const id =
          input.consultationId?.trim() ||
          state.consultations.find((c) => c.endedOn === null)?.id ||
          '';
        event = { type: input.type, date, consultationId: id };
        break;
      }
      case 'fee_notice_issued': {
        const method = required(input.method, 'method', '请选择收费方式：按件或按量。');
        const quote = await quoteFee(
          t,
          loaded.row,
          method,
          required(input.quantity, 'quantity', '请填写件数或页数。'),
        );
        if (quote.fee.totalFen === 0) {
          throw invalidField(
            'quantity',
            method === 'items'
              ? `按件计算，该申请人本月此前已有 ${quote.priorItems} 件，本次 ${input.quantity} 件仍在免费范围内（每月 10 件以内不收费），不能发出收费通知。`
              : `按量计算，${input.quantity} 页在免费范围内（30 页以内不收费），不能发出收费通知。`,
          );
        }
        fee = { quantity: input.quantity!, priorItems: quote.priorItems, fee: quote.fee };
        event = {
          type: input.type,
          date,
          method,
          amountFen: quote.fee.totalFen,
          deliveredOn: required(
            input.deliveredOn,
            'deliveredOn',
            '请填写申请人收到收费通知的日期。',
          ),
        };
        break;
      }
      case 'fee_waived':
        checkBackdating('fee_waived', date, today, note);
        await waiveFee(ctx, t, actor, loaded, env, input, today);
        return;
      case 'correction_lapsed':
        if (state.phase === 'correction_review') {
          required(
            input.note,
            'note',
            '不接受逾期补正的，请写明理由（为何不属于正当理由），不再处理告知书会载明。',
          );
        }
        event = { type: input.type, date };
        break;
      case 'withdrawn':
        event = { type: input.type, date, ...(note ? { reason: note } : {}) };
        break;
      default:
        event = { type: input.type, date } as ApplicationEvent;
    }
    // The state machine's reason first (a step out of order), then whether it may be backdated.
    const probe = applyEvent(state, event, env.calendar, env.settings.clock);
    if (!probe.ok) throw transitionError(probe.error);
    checkBackdating(event.type, date, today, note);
    await appendEvent(ctx, t, actor, loaded, env, event, note, fee ? { fee } : {});
  });
  return getApplication(ctx, actor, agencyId, applicationId);
}

/** 不收费: the agency decides not to charge (a configurable waiver with its reason). */
async function waiveFee(
  ctx: ServiceContext,
  t: Trx,
  actor: Actor,
  loaded: LoadedCase,
  env: CaseEnv,
  input: EventInput,
  today: string,
): Promise<void> {
  const probe = applyEvent(
    loaded.replayed.state,
    {
      type: 'fee_notice_issued',
      date: input.date,
      method: 'pages',
      amountFen: 1,
      deliveredOn: today,
    },
    env.calendar,
    env.settings.clock,
  );
  if (!probe.ok && probe.error.code === 'invalid_transition') throw transitionError(probe.error);
  const method = required(input.method, 'method', '请选择收费方式：按件或按量。');
  const reason = required(input.waivedReason, 'waivedReason', '请写明不收费的理由。').trim();
  const quote = await quoteFee(
    t,
    loaded.row,
    method,
    required(input.quantity, 'quantity', '请填写件数或页数。'),
  );
  const now = ctx.clock.now();
  const id = randomUUID();
  await repo.insertFee(t, {
    id,
    application_id: loaded.row.id,
    method,
    quantity: input.quantity!,
    prior_items: quote.priorItems,
    amount_fen: quote.fee.totalFen,
    bands_json: JSON.stringify(quote.fee.bands),
    status: 'waived',
    notice_on: null,
    delivered_on: null,
    pay_by: null,
    paid_on: null,
    lapsed_on: null,
    waived_reason: reason,
    created_at: now.toISOString(),
    created_by: actorLabel(actor),
    updated_at: now.toISOString(),
  });
  await recordChange(ctx, t, actor, now, {
    action: 'application.fee_waived',
    entityType: 'application',
    entityId: loaded.row.id,
    agencyId: loaded.row.agency_id,
    after: { feeId: id, method, quantity: input.quantity, amountFen: quote.fee.totalFen, reason },
  });
}

// --- assignment and identity -------------------------------------------------------------------

/**
 * Why the person may not change the case's assignee, or null when they may. An unassigned case
 * may be taken (or given to a clerk) by any clerk of the agency; an assigned one only by its
 * current clerk (handing it over) or an agency admin — otherwise any clerk
 * could take a colleague's case and with it the applicant's identity (revealIdentity).
 */
function mayAssign(actor: Actor, row: ApplicationRow): string | null {
  if (actor.kind !== 'user') return '请先登录。';
  const grants = actor.principal.grants;
  const admin = grants.some((g) => g.role === 'agency_admin' && g.agencyId === row.agency_id);
  if (admin) return null;
  const clerk = grants.some((g) => g.role === 'clerk' && g.agencyId === row.agency_id);
  if (!clerk) return '只有本机关的经办人或机关管理员可以分派申请。';
  if (row.assigned_user_id === null || row.assigned_user_id === actor.principal.userId) {
    return null;
  }
  return 'assigned';
}

async function assignmentHistory(db: Db, applicationId: string): Promise<AssignmentView[]> {
  const records = await repo.listAssignmentRecords(db, applicationId);
  const changes = records.flatMap((r) => {
    const after = JSON.parse(r.after_json ?? '{}') as { assignedUserId?: string | null };
    const before = JSON.parse(r.before_json ?? '{}') as { assignedUserId?: string | null };
    const to = after.assignedUserId ?? null;
    const from = r.action === 'application.register' ? null : (before.assignedUserId ?? null);
    if (r.action === 'application.register' && to === null) return [];
    return [{ at: r.at, from, to, by: r.actor }];
  });
  const names = await userNames(
    db,
    changes.flatMap((c) => [c.from, c.to]),
  );
  const name = (id: string | null) => (id ? (names.get(id) ?? id) : null);
  return changes.map((c) => ({ at: c.at, from: name(c.from), to: name(c.to), by: c.by }));
}

export async function assignApplication(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  agencyId: string,
  applicationId: string,
  userId: string | null,
): Promise<ApplicationDetail> {
  if (userId) await checkAssignee(ctx.store.db, agencyId, userId);
  await ctx.store.transaction(async (t) => {
    await ctx.store.lock(t, `application:${applicationId}`);
    const row = await repo.findApplicationOfAgency(t, agencyId, applicationId);
    if (!row) throw notFound('申请');
    const refusal = mayAssign(actor, row);
    if (refusal === 'assigned') {
      const current = (await userNames(t, [row.assigned_user_id])).get(row.assigned_user_id!);
      throw forbidden(
        `本申请由${current ?? '其他经办人'}经办：只有当前经办人或机关管理员可以改派。如需接手，请联系${current ?? '当前经办人'}或机关管理员。`,
      );
    }
    if (refusal) throw forbidden(refusal);
    if (row.assigned_user_id === userId) return;
    const now = ctx.clock.now();
    await repo.updateApplication(t, applicationId, {
      assigned_user_id: userId,
      updated_at: now.toISOString(),
    });
    await recordChange(ctx, t, actor, now, {
      action: 'application.assign',
      entityType: 'application',
      entityId: applicationId,
      agencyId,
      before: { assignedUserId: row.assigned_user_id },
      after: { assignedUserId: userId },
    });
    if (userId) {
      // 三员分立: whoever holds a case may reveal its applicant's identity, so every hand-over
      // is put before the audit administrator.
      const names = await userNames(t, [userId, row.assigned_user_id]);
      const from = row.assigned_user_id ? names.get(row.assigned_user_id) : null;
      await raiseAlert(ctx, t, actor, {
        kind: 'case_reassigned',
        message: `${actorLabel(actor)}把申请 ${row.number} ${from ? `从${from}改派给` : '分派给'}${names.get(userId) ?? userId}：该经办人因此可以查看申请人的身份证件号码和联系方式。`,
        subjectUserId: userId,
        actorUserId: actor.principal.userId,
        agencyId,
        details: { applicationId, from: row.assigned_user_id, to: userId },
      });
    }
    if (userId && userId !== actor.principal.userId) {
      await notify(t, [userId], now, {
        agencyId,
        applicationId,
        kind: 'assigned',
        message: `申请 ${row.number}（${row.applicant_name}）已分派给您办理。`,
      });
    }
    const previous = row.assigned_user_id;
    if (previous && previous !== actor.principal.userId) {
      const to = userId ? (await userNames(t, [userId])).get(userId) : null;
      await notify(t, [previous], now, {
        agencyId,
        applicationId,
        kind: 'unassigned',
        message: `申请 ${row.number}（${row.applicant_name}）已由${actorLabel(actor)}改派${to ? `给${to}` : '（暂未分派）'}，您不再是本案经办人。`,
      });
    }
  });
  return getApplication(ctx, actor, agencyId, applicationId);
}

export interface RevealedIdentity {
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  email: string | null;
}

/**
 * The identity and contact in clear, for the clerk assigned to the case only; decrypted here
 * and nowhere else, and every reveal is recorded in the audit trail.
 */
export async function revealIdentity(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  agencyId: string,
  applicationId: string,
): Promise<RevealedIdentity> {
  return ctx.store.transaction(async (t) => {
    const row = await repo.findApplicationOfAgency(t, agencyId, applicationId);
    if (!row) throw notFound('申请');
    if (row.assigned_user_id !== actor.principal.userId) {
      throw forbidden(
        '身份证件号码和联系方式只对本案的经办人完整显示。如需查看，请先把本申请分派给您。',
      );
    }
    const box = secretBoxOf(ctx);
    const open = (sealed: string | null) => (sealed ? box.decrypt(sealed) : null);
    const now = ctx.clock.now();
    await recordChange(ctx, t, actor, now, {
      action: 'application.reveal_identity',
      entityType: 'application',
      entityId: applicationId,
      agencyId,
      after: { fields: ['idNumber', 'phone', 'address', 'email'], number: row.number },
    });
    return {
      idNumber: open(row.id_number_sealed),
      phone: open(row.phone_sealed),
      address: open(row.address_sealed),
      email: open(row.email_sealed),
    };
  });
}

/** The fee an application would carry, for the clerk to see before issuing the notice. */
export async function feeQuote(
  ctx: ServiceContext,
  agencyId: string,
  applicationId: string,
  method: FeeMethod,
  quantity: number,
): Promise<{ fee: ProcessingFee; priorItems: number }> {
  const row = await repo.findApplicationOfAgency(ctx.store.db, agencyId, applicationId);
  if (!row) throw notFound('申请');
  return quoteFee(ctx.store.db, row, method, quantity);
}

/** The clerks of the agency, to assign a case to. */
export async function listHandlers(
  ctx: ServiceContext,
  agencyId: string,
): Promise<{ id: string; displayName: string }[]> {
  return (await repo.usersWithRole(ctx.store.db, agencyId, 'clerk')).map((u) => ({
    id: u.user_id,
    displayName: u.display_name,
  }));
}
