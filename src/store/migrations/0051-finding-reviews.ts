/**
 * A supervisor's review of a finding: confirmed (sent to the agency to correct, by a due date)
 * or dismissed (with the reason). A review belongs to the finding's fingerprint — rule, agency,
 * year and place in the report — not to one reading of it, so it holds across re-reads,
 * re-imports and corrected versions. The latest review of a fingerprint is the one in force;
 * earlier ones stay, as history.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('finding_review')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    // The place (table, row, column, section) as JSON, and the finding's message when reviewed.
    .addColumn('place_json', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    // confirmed | dismissed | withdrawn (a confirmation taken back)
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('due_on', 'text')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text', (c) => c.notNull())
    .addColumn('reviewed_by_user_id', 'text')
    .execute();
  await db.schema
    .createIndex('finding_review_agency_year_idx')
    .on('finding_review')
    .columns(['agency_id', 'year', 'fingerprint', 'reviewed_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('finding_review').ifExists().execute();
}
