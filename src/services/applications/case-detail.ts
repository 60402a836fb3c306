/** A case in full: its events described in Chinese, the actions its state allows today, its fee, letters and attachments. */
import {
  APPLICATION_EVENT_LABELS,
  type ApplicationEvent,
  type ApplicationEventType,
  type ApplicationState,
  type ConsultedParty,
} from '../../core/applications/events.js';
import { applyEvent } from '../../core/applications/state-machine.js';
import { addDays, lastDayPhrase } from '../../core/calendar/date.js';
import { formatYuan, type FeeMethod } from '../../core/fees/processing-fee.js';
import type { Db } from '../../store/database.js';
import * as repo from '../../store/repositories/applications.js';
import type { ApplicationRow } from '../../store/repositories/applications.js';
import { shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { listLetterViews } from './letters.js';
import { listAttachmentViews } from './attachments.js';
import {
  channelLabel,
  DELIVERY_LABELS,
  FORM_LABELS,
  ID_TYPE_LABELS,
  outcomeLabel,
} from './model.js';
import { dueDayLinesOrNone, isProvisional, listDueChanges } from './recompute.js';
import {
  type EventView,
  type ActionView,
  type AssignmentView,
  type FeeView,
  type ApplicationDetail,
  type CaseEnv,
  caseEnv,
  type LoadedCase,
  loadCase,
  userNames,
  dueOf,
  urgencyOf,
  summaryOf,
} from './case-views.js';

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

export const ACTION_LABELS: Record<string, string> = {
  ...APPLICATION_EVENT_LABELS,
  extension_request: '申请延长答复期限',
  reply_request: '答复',
  fee_waived: '决定不收费',
};

/** Steps whose letter carries the remedy notice (答复, 不再处理). */
const REMEDY_ACTIONS = ['reply_request', 'correction_lapsed', 'fee_lapsed'];
export const REMEDY_EVENTS: readonly ApplicationEventType[] = [
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

/**
 * Why the person may not change the case's assignee, or null when they may. An unassigned case
 * may be taken (or given to a clerk) by any clerk of the agency; an assigned one only by its
 * current clerk (handing it over) or an agency admin — otherwise any clerk
 * could take a colleague's case and with it the applicant's identity (revealIdentity).
 */
export function mayAssign(actor: Actor, row: ApplicationRow): string | null {
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
