/**
 * Entering a year's holiday notice: the text the system admin pasted is kept beside the schedule
 * read from it, and every open case whose due date the notice changes (or settles, when it was
 * 暂定 — computed from the holiday law) gets a record of the change, shown on its timeline.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('calendar_year').addColumn('notice_text', 'text').execute();
  await db.schema
    .createTable('application_due_change')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    // The year whose notice was entered, and the notice as entered.
    .addColumn('calendar_year', 'integer', (c) => c.notNull())
    .addColumn('notice', 'text', (c) => c.notNull())
    .addColumn('due_before', 'text')
    .addColumn('provisional_before', 'integer', (c) => c.notNull())
    .addColumn('due_after', 'text')
    .addColumn('provisional_after', 'integer', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_due_change_application_idx')
    .on('application_due_change')
    .columns(['application_id', 'recorded_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('application_due_change').ifExists().execute();
  await db.schema.alterTable('calendar_year').dropColumn('notice_text').execute();
}
