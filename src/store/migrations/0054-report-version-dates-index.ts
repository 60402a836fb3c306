/**
 * The supervisor's console reads, for every report of a region, when its versions were
 * published and where they came from — never their content. A covering index answers that
 * without reading the version rows themselves (on SQLite a row's later columns sit behind its
 * large content).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('annual_report_version_dates_idx')
    .on('annual_report_version')
    .columns(['report_id', 'version', 'published_on', 'origin'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('annual_report_version_dates_idx').ifExists().execute();
}
