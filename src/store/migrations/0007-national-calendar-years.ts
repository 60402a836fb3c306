/**
 * The holiday schedule is national (国务院办公厅's yearly notice), so a year gongkai does not ship
 * is entered once, by a system admin, for every agency: `calendar_year`. Years agencies had
 * entered for themselves become national; where two agencies entered the same year, the first
 * entry wins (the others stay in agency_calendar_year, which is no longer read).
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_year')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('schedule_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await sql`
    INSERT INTO calendar_year (year, schedule_json, created_at, created_by)
    SELECT a.year, a.schedule_json, a.created_at, a.created_by
    FROM agency_calendar_year a
    WHERE NOT EXISTS (
      SELECT 1 FROM agency_calendar_year b
      WHERE b.year = a.year
        AND (b.created_at < a.created_at
          OR (b.created_at = a.created_at AND b.agency_id < a.agency_id))
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('calendar_year').ifExists().execute();
}
