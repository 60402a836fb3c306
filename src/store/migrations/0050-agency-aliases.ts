/**
 * Names an agency is also known by (an earlier name, a short name, a name a report prints):
 * matching an imported report to an agency takes the agency's own name or one of these, and
 * nothing else, without the supervisor's confirmation. `alias_key` is the compared form (white
 * space, punctuation and full-width forms removed), so one name is recorded once per agency.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agency_alias')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('alias_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('agency_alias_agency_key', ['agency_id', 'alias_key'])
    .execute();
  await db.schema
    .createIndex('agency_alias_key_idx')
    .on('agency_alias')
    .column('alias_key')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('agency_alias').ifExists().execute();
}
