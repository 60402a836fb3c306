/**
 * Reminder settings: each agency's 即将超期 window, and each person's own e-mail address for
 * the reminders (reminders.ts sends them).
 */
import { DUE_SOON_WORKING_DAYS } from '../core/applications/clock.js';
import { invalidField } from '../core/errors.js';
import type { Db } from '../store/database.js';
import * as repo from '../store/repositories/reminders.js';
import { recordChange } from './audit.js';
import { actorLabel, type Actor, type ServiceContext } from './context.js';
import { isEmailAddress } from './mail.js';

export const MAX_DUE_SOON_WORKING_DAYS = 15;

export interface ReminderSettings {
  /** 即将超期: a reply due within this many working days. */
  dueSoonWorkingDays: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export async function getReminderSettings(db: Db, agencyId: string): Promise<ReminderSettings> {
  const row = await repo.findReminderSettings(db, agencyId);
  return row
    ? {
        dueSoonWorkingDays: row.due_soon_working_days,
        updatedAt: row.updated_at,
        updatedBy: row.updated_by,
      }
    : { dueSoonWorkingDays: DUE_SOON_WORKING_DAYS, updatedAt: null, updatedBy: null };
}

export async function updateReminderSettings(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  input: { dueSoonWorkingDays: number },
): Promise<ReminderSettings> {
  const n = input.dueSoonWorkingDays;
  if (!Number.isInteger(n) || n < 1 || n > MAX_DUE_SOON_WORKING_DAYS) {
    throw invalidField(
      'dueSoonWorkingDays',
      `“即将超期”的提前天数应为 1 到 ${MAX_DUE_SOON_WORKING_DAYS} 之间的整数（工作日）。`,
    );
  }
  return ctx.store.transaction(async (t) => {
    const before = await getReminderSettings(t, agencyId);
    const now = ctx.clock.now();
    await repo.upsertReminderSettings(t, {
      agency_id: agencyId,
      due_soon_working_days: n,
      updated_at: now.toISOString(),
      updated_by: actorLabel(actor),
    });
    const after = await getReminderSettings(t, agencyId);
    await recordChange(ctx, t, actor, now, {
      action: 'reminder_settings.update',
      entityType: 'agency',
      entityId: agencyId,
      agencyId,
      before,
      after,
    });
    return after;
  });
}

/** The signed-in person's own e-mail address for reminders. */
export async function getOwnEmail(db: Db, userId: string): Promise<string | null> {
  return (await repo.findUserContact(db, userId))?.email ?? null;
}

export async function setOwnEmail(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  email: string,
): Promise<{ email: string | null }> {
  const value = email.trim();
  if (value && !isEmailAddress(value)) {
    throw invalidField(
      'email',
      `“${value}”不是有效的电子邮件地址：请按 name@example.gov.cn 的格式填写；不需要邮件提醒时留空。`,
    );
  }
  const userId = actor.principal.userId;
  await ctx.store.transaction(async (t) => {
    const before = await getOwnEmail(t, userId);
    const now = ctx.clock.now();
    await repo.setUserEmail(t, userId, value || null, now.toISOString());
    await recordChange(ctx, t, actor, now, {
      action: 'user.email_update',
      entityType: 'user_account',
      entityId: userId,
      before: { email: before },
      after: { email: value || null },
    });
  });
  return { email: value || null };
}
