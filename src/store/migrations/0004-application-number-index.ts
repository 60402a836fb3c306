/**
 * The next application number of an agency-year is max(number_seq) + 1: an index on exactly
 * those columns makes it one index probe instead of a scan of the agency's applications.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('application_number_seq_idx')
    .on('application')
    .columns(['agency_id', 'number_year', 'number_seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('application_number_seq_idx').ifExists().execute();
}
