/**
 * Due dates and the holiday notices: a due date counted over a year without the State Council's
 * notice is 暂定; when the notice is entered, every open case's due date is counted again and,
 * where it moved or stopped being 暂定, the change is recorded on the case (shown on its
 * timeline), in the audit trail, and told to the clerk handling it.
 */
import { randomUUID } from 'node:crypto';
import type { DueDate } from '../../core/applications/clock.js';
import { dueDateOfState, dueDayLines } from '../../core/applications/due-date.js';
import type { WorkingDayCalendar } from '../../core/calendar/working-day-calendar.js';
import { AppError } from '../../core/errors.js';
import type { Db, Trx } from '../../store/database.js';
import * as repo from '../../store/repositories/applications.js';
import * as calendarRepo from '../../store/repositories/calendar.js';
import { recordChange } from '../audit.js';
import { actorLabel, type Actor, type ServiceContext } from '../context.js';
import { coreEventsOf, replay } from './events.js';
import { notify } from './notifications.js';
import { getSettings, type ApplicationSettings } from './settings.js';

type ShownDue = (DueDate & { error: null }) | { error: string; dueOn: null; rule: string[] };

/** 暂定: counted over days of a year without a notice. */
export const isProvisional = (due: ShownDue): boolean =>
  due.error === null && due.provisionalYears.length > 0;

/** The source of every day of the period, or nothing when it cannot be told. */
export function dueDayLinesOrNone(due: DueDate, calendar: WorkingDayCalendar): string[] {
  try {
    return dueDayLines(due, calendar);
  } catch (e) {
    if (e instanceof AppError) return [];
    throw e;
  }
}

export interface DueChangeView {
  at: string;
  by: string;
  year: number;
  notice: string;
  before: string | null;
  beforeProvisional: boolean;
  after: string | null;
  afterProvisional: boolean;
  /** The change in one sentence, as the timeline shows it. */
  text: string;
}

const shown = (date: string | null, provisional: boolean) =>
  date === null ? '无法计算' : `${date}${provisional ? '（暂定）' : ''}`;

function changeText(
  year: number,
  notice: string,
  before: { dueOn: string | null; provisional: boolean },
  after: { dueOn: string | null; provisional: boolean },
): string {
  const head = `录入 ${year} 年节假日安排（${notice}）后重新计算`;
  if (before.dueOn === after.dueOn) {
    return `${head}：答复期限 ${shown(after.dueOn, after.provisional)} 不变，${after.provisional ? '仍为暂定' : '不再是暂定'}`;
  }
  return `${head}：答复期限由 ${shown(before.dueOn, before.provisional)} 改为 ${shown(after.dueOn, after.provisional)}`;
}

export async function listDueChanges(db: Db, applicationId: string): Promise<DueChangeView[]> {
  const rows = await calendarRepo.listDueChanges(db, applicationId);
  return rows.map((r) => {
    const before = { dueOn: r.due_before, provisional: r.provisional_before === 1 };
    const after = { dueOn: r.due_after, provisional: r.provisional_after === 1 };
    return {
      at: r.recorded_at,
      by: r.recorded_by,
      year: r.calendar_year,
      notice: r.notice,
      before: before.dueOn,
      beforeProvisional: before.provisional,
      after: after.dueOn,
      afterProvisional: after.provisional,
      text: changeText(r.calendar_year, r.notice, before, after),
    };
  });
}

function dueUnder(
  events: ReturnType<typeof coreEventsOf>,
  calendar: WorkingDayCalendar,
  settings: ApplicationSettings,
): { dueOn: string | null; provisional: boolean } {
  try {
    const { state } = replay(events, calendar, settings.clock);
    const due = dueDateOfState(state, calendar);
    return { dueOn: due.dueOn, provisional: due.provisionalYears.length > 0 };
  } catch (e) {
    if (e instanceof AppError) return { dueOn: null, provisional: false };
    throw e;
  }
}

const CHUNK = 500;

/**
 * Counts every open case's due date under the calendar before and after a notice for `year` was
 * entered, and records each change. Runs inside the transaction that saves the notice.
 */
export async function recomputeOpenDueDates(
  ctx: ServiceContext,
  t: Trx,
  actor: Actor,
  change: { year: number; notice: string; before: WorkingDayCalendar; after: WorkingDayCalendar },
): Promise<{ checked: number; changed: number }> {
  const rows = await calendarRepo.listOpenApplicationsEverywhere(t);
  const now = ctx.clock.now();
  const settingsOf = new Map<string, ApplicationSettings>();
  let changed = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const eventRows = await repo.listEventsOf(
      t,
      chunk.map((r) => r.id),
    );
    for (const row of chunk) {
      let settings = settingsOf.get(row.agency_id);
      if (!settings) {
        settings = await getSettings(t, row.agency_id);
        settingsOf.set(row.agency_id, settings);
      }
      const events = coreEventsOf(eventRows.filter((e) => e.application_id === row.id));
      const before = dueUnder(events, change.before, settings);
      const after = dueUnder(events, change.after, settings);
      if (before.dueOn === after.dueOn && before.provisional === after.provisional) continue;
      changed++;
      await calendarRepo.insertDueChange(t, {
        id: randomUUID(),
        application_id: row.id,
        agency_id: row.agency_id,
        calendar_year: change.year,
        notice: change.notice,
        due_before: before.dueOn,
        provisional_before: before.provisional ? 1 : 0,
        due_after: after.dueOn,
        provisional_after: after.provisional ? 1 : 0,
        recorded_at: now.toISOString(),
        recorded_by: actorLabel(actor),
      });
      await recordChange(ctx, t, actor, now, {
        action: 'application.due_recomputed',
        entityType: 'application',
        entityId: row.id,
        agencyId: row.agency_id,
        before,
        after: { ...after, year: change.year, notice: change.notice },
      });
      if (row.assigned_user_id) {
        await notify(t, [row.assigned_user_id], now, {
          agencyId: row.agency_id,
          applicationId: row.id,
          kind: 'due_changed',
          message: `申请 ${row.number}（${row.applicant_name}）：${changeText(change.year, change.notice, before, after)}。`,
          dedupeKey: `due_changed:${row.id}:${change.year}:${now.toISOString()}`,
        });
      }
    }
  }
  return { checked: rows.length, changed };
}
