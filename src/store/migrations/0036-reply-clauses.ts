/**
 * Each agency's clause library of replies: per outcome row of table 三, the legal basis and the
 * standard wording of the reasons, edited from the defaults gongkai ships
 * (core/applications/clauses.ts). A row absent here is the default.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agency_reply_clause')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agency_reply_clause_pk', ['agency_id', 'outcome'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('agency_reply_clause').ifExists().execute();
}
