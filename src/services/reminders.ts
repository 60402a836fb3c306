/**
 * Overdue watch and escalation (督办): per agency, the cases whose reply is due within its
 * 即将超期 window (3 working days unless it sets another) and those past their due date, each
 * with the clerk responsible; and the daily reminders — to the clerk in the notifications, and
 * for an overdue case to the reviewer and the agency admin — repeated by e-mail through the
 * outbox for whoever has an address. From 1 November the system admins are reminded that next
 * year's holiday notice is due.
 */
import { randomUUID } from 'node:crypto';
import { URGENCY_LABELS, type Urgency } from '../core/applications/clock.js';
import { urgencyList, type UrgencyEntry } from '../core/applications/due-date.js';
import { daysBetween, lastDayPhrase } from '../core/calendar/date.js';
import { CalendarYearUnknown } from '../core/calendar/working-day-calendar.js';
import { AppError } from '../core/errors.js';
import type { Db, Trx } from '../store/database.js';
import * as appRepo from '../store/repositories/applications.js';
import * as repo from '../store/repositories/reminders.js';
import { coreEventsOf } from './applications/events.js';
import { notify } from './applications/notifications.js';
import { calendarFor, getSettings } from './applications/settings.js';
import { recordChange } from './audit.js';
import { calendarStatus, NOTICE_DUE_FROM } from './calendar-notices.js';
import { shanghaiDate, type ServiceContext } from './context.js';
import { enqueueEmail } from './mail.js';
import { getReminderSettings } from './reminder-settings.js';

// --- the watch lists ---------------------------------------------------------------------------

export interface WatchEntry {
  id: string;
  number: string;
  applicantName: string;
  receivedOn: string;
  dueOn: string;
  /** 暂定: counted over a year without the State Council's notice. */
  dueProvisional: boolean;
  urgency: Urgency;
  urgencyLabel: string;
  /** Working days left (0 today); negative once overdue; null when not countable. */
  workingDaysLeft: number | null;
  /** The clerk handling the case; null when nobody is assigned. */
  responsible: { userId: string; name: string } | null;
}

export interface OverdueWatch {
  agencyId: string;
  today: string;
  dueSoonWorkingDays: number;
  /** 即将超期: due within the window, today included; soonest first. */
  dueSoon: WatchEntry[];
  /** 已超期: past the due date; longest overdue first. */
  overdue: WatchEntry[];
  /** Cases whose due date cannot be counted, with why. */
  problems: { id: string; number: string; message: string }[];
}

async function watchOf(db: Db, agencyId: string, today: string): Promise<OverdueWatch> {
  const rows = await appRepo.listOpenApplications(db, agencyId);
  const [calendar, settings, reminder] = await Promise.all([
    calendarFor(db),
    getSettings(db, agencyId),
    getReminderSettings(db, agencyId),
  ]);
  const events = await appRepo.listEventsOf(
    db,
    rows.map((r) => r.id),
  );
  const byCase = new Map<string, appRepo.ApplicationEventRow[]>();
  for (const e of events)
    byCase.set(e.application_id, [...(byCase.get(e.application_id) ?? []), e]);
  const list = urgencyList(
    rows.map((r) => ({ id: r.id, events: coreEventsOf(byCase.get(r.id) ?? []) })),
    today,
    calendar,
    settings.clock,
    reminder.dueSoonWorkingDays,
  );
  const names = await appRepo.userNames(db, [
    ...new Set(rows.map((r) => r.assigned_user_id).filter((u): u is string => u !== null)),
  ]);
  const rowOf = new Map(rows.map((r) => [r.id, r]));
  const view = (e: UrgencyEntry): WatchEntry => {
    const row = rowOf.get(e.id)!;
    return {
      id: e.id,
      number: row.number,
      applicantName: row.applicant_name,
      receivedOn: row.received_on,
      dueOn: e.deadline.on,
      dueProvisional: e.dueProvisional,
      urgency: e.urgency,
      urgencyLabel:
        e.urgency === 'due_soon'
          ? `${reminder.dueSoonWorkingDays} 个工作日内到期`
          : URGENCY_LABELS[e.urgency],
      workingDaysLeft: e.workingDaysLeft,
      responsible: row.assigned_user_id
        ? { userId: row.assigned_user_id, name: names.get(row.assigned_user_id) ?? '' }
        : null,
    };
  };
  const reply = list.entries.filter((e) => e.deadline.kind === 'reply');
  return {
    agencyId,
    today,
    dueSoonWorkingDays: reminder.dueSoonWorkingDays,
    dueSoon: reply
      .filter((e) => e.urgency === 'due_today' || e.urgency === 'due_soon')
      .map(view)
      .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0)),
    overdue: reply
      .filter((e) => e.urgency === 'overdue')
      .map(view)
      .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0)),
    problems: list.problems.map((p) => ({
      id: p.id,
      number: rowOf.get(p.id)?.number ?? '',
      message: p.error.message,
    })),
  };
}

/** The agency's 即将超期 and 已超期 lists today. */
export async function overdueWatch(ctx: ServiceContext, agencyId: string): Promise<OverdueWatch> {
  return watchOf(ctx.store.db, agencyId, shanghaiDate(ctx.clock.now()));
}

// --- the daily reminders -----------------------------------------------------------------------

const overdueBy = (e: WatchEntry) =>
  e.workingDaysLeft === null || e.workingDaysLeft === 0
    ? '已超期'
    : `已超期 ${-e.workingDaysLeft} 个工作日`;

const lineOf = (e: WatchEntry, withClerk: boolean) =>
  `申请 ${e.number}（${e.applicantName}）答复期限${lastDayPhrase(e.dueOn)}${e.dueProvisional ? '（暂定）' : ''}，${
    e.urgency === 'overdue'
      ? overdueBy(e)
      : e.urgency === 'due_today'
        ? '今日到期'
        : `还有 ${e.workingDaysLeft ?? '?'} 个工作日`
  }${withClerk ? `；经办人：${e.responsible?.name || '（未分派）'}` : ''}`;

/**
 * Who is told of an overdue case besides its clerk: the agency admins, and the reviewers at the
 * first level of the agency's reply review chain (or of its extension chain — the head of the
 * disclosure office, 条例第三十三条 — when replies need no approval).
 */
async function escalationTargets(db: Db, agencyId: string): Promise<string[]> {
  const settings = await getSettings(db, agencyId);
  const level = settings.reviewChain.reply[0] ?? settings.reviewChain.extension[0] ?? null;
  const reviewers = (await appRepo.usersWithRole(db, agencyId, 'reviewer'))
    .filter((r) => level === null || r.review_level === level)
    .map((r) => r.user_id);
  const admins = (await appRepo.usersWithRole(db, agencyId, 'agency_admin')).map((r) => r.user_id);
  return [...new Set([...reviewers, ...admins])];
}

export interface DailyRun {
  today: string;
  agencies: number;
  notifications: number;
  escalations: number;
  emails: number;
  calendarReminders: number;
}

function mailText(name: string, lines: string[], publicUrl: string | null): string {
  const link = publicUrl ? `\n请登录工作台处理：${publicUrl.replace(/\/$/, '')}/workspace/\n` : '';
  return `${name}：\n\n${lines.join('\n')}\n${link}\n（本邮件由政府信息公开工作系统自动发送，请勿回复。）\n`;
}

/**
 * The day's reminders for every agency (idempotent: each notification and each e-mail has its
 * key, so running it twice on a day adds nothing). Run by the scheduler once per working day;
 * `today` is the Asia/Shanghai date.
 */
export async function runDailyReminders(
  ctx: ServiceContext,
  today: string,
  options: { publicUrl?: string | null } = {},
): Promise<DailyRun> {
  const db = ctx.store.db;
  const now = ctx.clock.now();
  const result: DailyRun = {
    today,
    agencies: 0,
    notifications: 0,
    escalations: 0,
    emails: 0,
    calendarReminders: 0,
  };
  const agencies = await repo.listAgencyIds(db);
  // Per person, the lines of the day's e-mail.
  const digest = new Map<string, string[]>();
  const add = (userId: string, line: string) =>
    digest.set(userId, [...(digest.get(userId) ?? []), line]);

  for (const agency of agencies) {
    const watch = await watchOf(db, agency.id, today);
    if (watch.dueSoon.length === 0 && watch.overdue.length === 0) continue;
    result.agencies++;
    const escalateTo = watch.overdue.length > 0 ? await escalationTargets(db, agency.id) : [];
    await ctx.store.transaction(async (t) => {
      for (const e of [...watch.overdue, ...watch.dueSoon]) {
        const clerk = e.responsible?.userId;
        if (!clerk) continue;
        const kind =
          e.urgency === 'overdue'
            ? 'overdue'
            : e.urgency === 'due_today'
              ? 'due_today'
              : 'due_soon';
        const before = await countFor(t, clerk);
        await notify(t, [clerk], now, {
          agencyId: agency.id,
          applicationId: e.id,
          kind,
          message: `${lineOf(e, false)}。`,
          dedupeKey: `${kind}:${e.id}:${e.dueOn}`,
        });
        result.notifications += (await countFor(t, clerk)) - before;
        add(clerk, `· ${lineOf(e, false)}`);
      }
      for (const e of watch.overdue) {
        for (const userId of escalateTo) {
          const before = await countFor(t, userId);
          await notify(t, [userId], now, {
            agencyId: agency.id,
            applicationId: e.id,
            kind: 'escalation',
            message: `督办：${lineOf(e, true)}。`,
            dedupeKey: `escalation:${e.id}:${e.dueOn}`,
          });
          result.escalations += (await countFor(t, userId)) - before;
          add(userId, `· 督办（${agency.name}）：${lineOf(e, true)}`);
        }
      }
    });
  }

  // From 1 November (and all year for a missing current year): the system admins.
  const status = await calendarStatus(ctx);
  if (status.reminder) {
    const year = Number(today.slice(0, 4));
    const since =
      today.slice(5) >= NOTICE_DUE_FROM ? `${year}-${NOTICE_DUE_FROM}` : `${year}-01-01`;
    const week = Math.floor(daysBetween(since, today) / 7);
    const admins = [
      ...new Set((await repo.usersHoldingRole(db, 'system_admin')).map((r) => r.user_id)),
    ];
    const key = `calendar_notice_due:${status.missing.map((m) => m.year).join(',')}:${since}:${week}`;
    await ctx.store.transaction(async (t) => {
      for (const userId of admins) {
        const before = await countFor(t, userId);
        await appRepo.insertNotification(t, {
          id: randomUUID(),
          user_id: userId,
          agency_id: null,
          application_id: null,
          kind: 'calendar_notice_due',
          message: status.reminder!,
          dedupe_key: key,
          created_at: now.toISOString(),
          read_at: null,
        });
        const added = (await countFor(t, userId)) - before;
        result.calendarReminders += added;
        if (added > 0) add(userId, `· ${status.reminder!}`);
      }
    });
  }

  // One e-mail per person and day, for those with an address.
  const contacts = await repo.listUserContacts(db, [...digest.keys()]);
  await ctx.store.transaction(async (t) => {
    for (const c of contacts) {
      if (!c.email || c.disabled) continue;
      const lines = digest.get(c.id) ?? [];
      if (lines.length === 0) continue;
      const queued = await enqueueEmail(t, now, {
        to: c.email,
        subject: `政府信息公开工作提醒（${today}）`,
        text: mailText(c.display_name, lines, options.publicUrl ?? null),
        dedupeKey: `digest:${c.id}:${today}`,
      });
      if (queued) result.emails++;
    }
    await recordChange(ctx, t, { kind: 'system', label: '系统（每日提醒）' }, now, {
      action: 'reminders.daily_run',
      entityType: 'scheduled_job',
      entityId: `daily-reminders:${today}`,
      after: result,
    });
  });
  return result;
}

async function countFor(db: Db | Trx, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Whether the daily reminders run on `today`: on working days only. A day the calendar cannot
 * judge (beyond its range) counts as one, so reminders are never silently dropped.
 */
export async function isReminderDay(db: Db, today: string): Promise<boolean> {
  const calendar = await calendarFor(db);
  try {
    return calendar.isWorkingDay(today);
  } catch (e) {
    if (e instanceof CalendarYearUnknown || e instanceof AppError) return true;
    throw e;
  }
}
