/**
 * A region's replies of a year (the supervisor's median working days to reply) read the
 * agency, the date of the outcome and the date received: this index answers that for each
 * agency from the year's range alone, without the applications of other years.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('application_reply_idx')
    .on('application')
    .columns(['agency_id', 'outcome_on', 'received_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('application_reply_idx').ifExists().execute();
}
