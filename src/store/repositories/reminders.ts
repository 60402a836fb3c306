/**
 * Reminders: the daily jobs' runs (claimed once per day across app nodes), the e-mail outbox
 * (claimed one message at a time), each person's e-mail address, and each agency's 即将超期
 * window. Claims are single conditional statements, atomic on SQLite and PostgreSQL alike.
 */
import type { Insertable } from 'kysely';
import type { Db } from '../database.js';
import type { OutboxEmailTable } from '../schema.js';

// --- daily job runs ----------------------------------------------------------------------------

/** Inserts the run of `job` on `runOn`; false when another node has it already. */
export async function insertJobRun(
  db: Db,
  row: { job: string; run_on: string; node: string; started_at: string; lease_until: string },
): Promise<boolean> {
  const result = await db
    .insertInto('scheduled_job_run')
    .values({ ...row, finished_at: null, result_json: null })
    .onConflict((oc) => oc.columns(['job', 'run_on']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Takes over an unfinished run whose lease has passed (its node died); false if not. */
export async function takeOverJobRun(
  db: Db,
  row: { job: string; run_on: string; node: string; now: string; lease_until: string },
): Promise<boolean> {
  const result = await db
    .updateTable('scheduled_job_run')
    .set({ node: row.node, started_at: row.now, lease_until: row.lease_until })
    .where('job', '=', row.job)
    .where('run_on', '=', row.run_on)
    .where('finished_at', 'is', null)
    .where('lease_until', '<', row.now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const finishJobRun = (
  db: Db,
  row: { job: string; run_on: string; node: string; finished_at: string; result_json: string },
) =>
  db
    .updateTable('scheduled_job_run')
    .set({ finished_at: row.finished_at, result_json: row.result_json })
    .where('job', '=', row.job)
    .where('run_on', '=', row.run_on)
    .where('node', '=', row.node)
    .execute();

export const listJobRuns = (db: Db, job: string) =>
  db.selectFrom('scheduled_job_run').selectAll().where('job', '=', job).orderBy('run_on').execute();

// --- outbox ------------------------------------------------------------------------------------

/** Queues a message once per dedupe key; false when it was queued before. */
export async function insertOutboxEmail(
  db: Db,
  row: Insertable<OutboxEmailTable>,
): Promise<boolean> {
  const result = await db
    .insertInto('outbox_email')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Pending messages due for an attempt and not claimed by a live sender, oldest first. */
export const listDueOutboxEmails = (db: Db, now: string, limit: number) =>
  db
    .selectFrom('outbox_email')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();

/** Claims one message for sending; false when another sender took it first. */
export async function claimOutboxEmail(
  db: Db,
  id: string,
  now: string,
  until: string,
): Promise<boolean> {
  const result = await db
    .updateTable('outbox_email')
    .set({ claimed_until: until })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const markOutboxSent = (db: Db, id: string, at: string, attempts: number) =>
  db
    .updateTable('outbox_email')
    .set({ status: 'sent', sent_at: at, attempts, claimed_until: null, last_error: null })
    .where('id', '=', id)
    .execute();

export const markOutboxFailedAttempt = (
  db: Db,
  id: string,
  patch: { attempts: number; next_attempt_at: string; last_error: string; final: boolean },
) =>
  db
    .updateTable('outbox_email')
    .set({
      attempts: patch.attempts,
      next_attempt_at: patch.next_attempt_at,
      last_error: patch.last_error,
      claimed_until: null,
      status: patch.final ? 'failed' : 'pending',
    })
    .where('id', '=', id)
    .execute();

export const countOutboxByStatus = (db: Db) =>
  db
    .selectFrom('outbox_email')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('status')
    .execute();

export const listOutbox = (db: Db, limit = 200) =>
  db.selectFrom('outbox_email').selectAll().orderBy('created_at', 'desc').limit(limit).execute();

// --- e-mail addresses and agency settings ------------------------------------------------------

export const setUserEmail = (db: Db, userId: string, email: string | null, at: string) =>
  db.updateTable('user_account').set({ email, updated_at: at }).where('id', '=', userId).execute();

export const findUserContact = (db: Db, userId: string) =>
  db
    .selectFrom('user_account')
    .select(['id', 'display_name', 'email', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();

export const listUserContacts = async (db: Db, ids: readonly string[]) =>
  ids.length === 0
    ? []
    : db
        .selectFrom('user_account')
        .select(['id', 'display_name', 'email', 'disabled'])
        .where('id', 'in', [...ids])
        .execute();

/** Holders of a role across agencies, or (agencyId null) a role without agency: system admins. */
export const usersHoldingRole = (db: Db, role: string) =>
  db
    .selectFrom('role_grant')
    .innerJoin('user_account', 'user_account.id', 'role_grant.user_id')
    .select(['user_account.id as user_id', 'role_grant.agency_id'])
    .where('role_grant.role', '=', role)
    .where('user_account.disabled', '=', 0)
    .execute();

export const findReminderSettings = (db: Db, agencyId: string) =>
  db
    .selectFrom('agency_reminder_settings')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();

export const upsertReminderSettings = (
  db: Db,
  row: { agency_id: string; due_soon_working_days: number; updated_at: string; updated_by: string },
) =>
  db
    .insertInto('agency_reminder_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('agency_id').doUpdateSet({
        due_soon_working_days: row.due_soon_working_days,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();

export const listAgencyIds = (db: Db) =>
  db.selectFrom('agency').select(['id', 'name']).orderBy('name').execute();
