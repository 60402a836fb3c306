/**
 * A supervisor's settings for their region (and the regions below it, unless those set their
 * own): for now, the factor above which a change against the previous year is shown
 * (year-on-year).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('supervision_setting')
    .addColumn('region_code', 'text', (c) => c.primaryKey().references('region.code'))
    .addColumn('year_on_year_factor', 'real', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('supervision_setting').ifExists().execute();
}
