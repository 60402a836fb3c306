/** A case's views (summary, detail, events, fee, assignment) and how a case is loaded with its agency's calendar and settings. */
import type { DueDate, Urgency, UrgencyClass } from '../../core/applications/clock.js';
import { caseUrgency, dueDateOfState, type Deadline } from '../../core/applications/due-date.js';
import type { ApplicationEvent, ApplicationState } from '../../core/applications/events.js';
import type { WorkingDayCalendar } from '../../core/calendar/working-day-calendar.js';
import { AppError, notFound } from '../../core/errors.js';
import type { FeeMethod } from '../../core/fees/processing-fee.js';
import type { Db } from '../../store/database.js';
import * as repo from '../../store/repositories/applications.js';
import type { ApplicationRow } from '../../store/repositories/applications.js';
import { coreEventsOf, replay, type Replayed } from './events.js';
import type { LetterView } from './letters.js';
import type { AttachmentView } from './attachments.js';
import { applicantKindLabel, channelLabel, outcomeLabel, phaseLabel } from './model.js';
import type { DueChangeView } from './recompute.js';
import { calendarFor, getSettings, type ApplicationSettings } from './settings.js';

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

export async function userNames(
  db: Db,
  ids: readonly (string | null)[],
): Promise<Map<string, string>> {
  return repo.userNames(db, [...new Set(ids.filter((i): i is string => i !== null))]);
}

export function dueOf(state: ApplicationState, env: CaseEnv): ApplicationDetail['due'] {
  try {
    return { ...dueDateOfState(state, env.calendar), error: null };
  } catch (e) {
    if (e instanceof AppError) return { error: e.message, dueOn: null, rule: [] };
    throw e;
  }
}

/** Phases in which something is due: the reply, or a period the applicant must keep. */
export const OPEN_PHASES = [
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

export function urgencyOf(
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

export const NO_CLOCK = {
  dueOn: null,
  dueProvisional: false,
  urgency: null,
  workingDaysLeft: null,
  urgencyNote: null,
  deadline: null,
};

export function summaryOf(
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
