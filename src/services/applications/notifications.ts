/**
 * In-app notifications for the people handling applications: a new case, a case approaching or
 * past its due date, an approval waiting or decided, an applicant's correction.
 */
import { randomUUID } from 'node:crypto';
import { urgencyList } from '../../core/applications/due-date.js';
import { DUE_SOON_WORKING_DAYS, URGENCY_LABELS } from '../../core/applications/clock.js';
import { lastDayPhrase } from '../../core/calendar/date.js';
import type { Db, Trx } from '../../store/database.js';
import * as repo from '../../store/repositories/applications.js';
import { findReminderSettings } from '../../store/repositories/reminders.js';
import { recordChange } from '../audit.js';
import { shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { calendarFor, getSettings } from './settings.js';
import { coreEventsOf } from './events.js';

export type NotificationKind =
  | 'new_case'
  | 'assigned'
  | 'unassigned'
  | 'due_soon'
  | 'due_today'
  | 'overdue'
  | 'correction_expired'
  | 'correction_expiring'
  | 'fee_expired'
  | 'fee_expiring'
  | 'approval_requested'
  | 'approval_decided'
  | 'applicant_correction'
  /** Entering a holiday notice moved (or settled) the due date. */
  | 'due_changed'
  /** 督办: a case overdue, to the reviewer and the agency admin. */
  | 'escalation'
  /** This year's or next year's holiday notice is not entered yet. */
  | 'calendar_notice_due';

export interface Notification {
  id: string;
  kind: NotificationKind;
  message: string;
  agencyId: string | null;
  applicationId: string | null;
  createdAt: string;
  read: boolean;
}

export async function notify(
  db: Db | Trx,
  userIds: readonly string[],
  at: Date,
  note: {
    agencyId: string;
    applicationId: string | null;
    kind: NotificationKind;
    message: string;
    dedupeKey?: string;
  },
): Promise<void> {
  for (const userId of new Set(userIds)) {
    await repo.insertNotification(db, {
      id: randomUUID(),
      user_id: userId,
      agency_id: note.agencyId,
      application_id: note.applicationId,
      kind: note.kind,
      message: note.message,
      dedupe_key: note.dedupeKey ?? null,
      created_at: at.toISOString(),
      read_at: null,
    });
  }
}

/** The clerks of the agency: told of a new case nobody handles yet. */
export async function clerksOf(db: Db, agencyId: string): Promise<string[]> {
  return (await repo.usersWithRole(db, agencyId, 'clerk')).map((u) => u.user_id);
}

/**
 * Tells each assigned clerk, once per due date, of cases due within 3 working days, due today
 * or overdue. Run when the case list or the notifications are read (and by anything that
 * wants to run it on a schedule): reminders need no separate scheduler.
 */
export async function remindDueCases(ctx: ServiceContext, agencyId: string): Promise<number> {
  const db = ctx.store.db;
  const rows = (await repo.listOpenApplications(db, agencyId)).filter((r) => r.assigned_user_id);
  if (rows.length === 0) return 0;
  const [calendar, settings, reminder] = await Promise.all([
    calendarFor(db),
    getSettings(db, agencyId),
    findReminderSettings(db, agencyId),
  ]);
  const events = await repo.listEventsOf(
    db,
    rows.map((r) => r.id),
  );
  const cases = rows.map((r) => ({
    id: r.id,
    events: coreEventsOf(events.filter((e) => e.application_id === r.id)),
  }));
  const now = ctx.clock.now();
  const { entries } = urgencyList(
    cases,
    shanghaiDate(now),
    calendar,
    settings.clock,
    reminder?.due_soon_working_days ?? DUE_SOON_WORKING_DAYS,
  );
  let sent = 0;
  for (const entry of entries) {
    if (entry.urgency === 'on_track' || entry.urgency === 'undetermined') continue;
    const row = rows.find((r) => r.id === entry.id)!;
    const on = entry.deadline.on;
    const last = lastDayPhrase(on);
    const left = entry.workingDaysLeft === null ? '' : `，还有 ${entry.workingDaysLeft} 个工作日`;
    const detail = {
      overdue: `答复期限（${last}）已过，请尽快答复`,
      due_today: `今天是答复期限的最后一天（${last}）`,
      due_soon: `答复期限：${last}${left}`,
      correction_expired:
        row.status === 'correction_review'
          ? `补正期限（${last}）已过，申请人逾期提交了补正，请决定是否接受`
          : `补正期限（${last}）已过，请记录收到补正或逾期未补正`,
      correction_expiring: `补正期限：${last}${left}`,
      fee_expired: `缴费期限（${last}）已过，请记录缴费或逾期未缴费`,
      fee_expiring: `缴费期限：${last}${left}`,
    }[entry.urgency];
    await notify(db, [row.assigned_user_id!], now, {
      agencyId,
      applicationId: row.id,
      kind: entry.urgency,
      message: `申请 ${row.number}（${row.applicant_name}）${URGENCY_LABELS[entry.urgency]}：${detail}。`,
      dedupeKey: `${entry.urgency}:${row.id}:${on}`,
    });
    sent++;
  }
  return sent;
}

export async function listNotifications(
  ctx: ServiceContext,
  userId: string,
  agencyIds: readonly string[],
): Promise<{ notifications: Notification[]; unread: number }> {
  for (const agencyId of agencyIds) await remindDueCases(ctx, agencyId);
  const rows = await repo.listNotifications(ctx.store.db, userId);
  return {
    notifications: rows.map((r) => ({
      id: r.id,
      kind: r.kind as NotificationKind,
      message: r.message,
      agencyId: r.agency_id,
      applicationId: r.application_id,
      createdAt: r.created_at,
      read: r.read_at !== null,
    })),
    unread: await repo.countUnread(ctx.store.db, userId),
  };
}

/** Marks the person's own notifications read. */
export async function markRead(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  ids: readonly string[],
): Promise<{ unread: number }> {
  const userId = actor.principal.userId;
  await ctx.store.transaction(async (t) => {
    const now = ctx.clock.now();
    await repo.markNotificationsRead(t, userId, ids, now.toISOString());
    await recordChange(ctx, t, actor, now, {
      action: 'notification.read',
      entityType: 'user_account',
      entityId: userId,
      after: { ids },
    });
  });
  return { unread: await repo.countUnread(ctx.store.db, userId) };
}
