/**
 * Reminders and escalation (督办): each person's e-mail address; each agency's 即将超期 window;
 * the daily jobs' runs, claimed once per day across every app node sharing the database; and
 * the e-mail outbox, which keeps every message until it is sent (or has failed for good).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('user_account').addColumn('email', 'text').execute();

  await db.schema
    .createTable('agency_reminder_settings')
    .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agency.id'))
    .addColumn('due_soon_working_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  // One row per job and day (Asia/Shanghai): the node that inserted it runs the job; a run
  // whose lease has passed without finishing may be taken over by another node.
  await db.schema
    .createTable('scheduled_job_run')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('run_on', 'text', (c) => c.notNull())
    .addColumn('node', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('result_json', 'text')
    .addPrimaryKeyConstraint('scheduled_job_run_pk', ['job', 'run_on'])
    .execute();

  await db.schema
    .createTable('outbox_email')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The same message (one person's reminder of one day) is queued once.
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    // pending → sent, or failed after the last attempt.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('outbox_email_due_idx')
    .on('outbox_email')
    .columns(['status', 'next_attempt_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outbox_email').ifExists().execute();
  await db.schema.dropTable('scheduled_job_run').ifExists().execute();
  await db.schema.dropTable('agency_reminder_settings').ifExists().execute();
  await db.schema.alterTable('user_account').dropColumn('email').execute();
}
