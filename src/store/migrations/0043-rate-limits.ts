/**
 * Counters of failed sign-ins and failed query-code checks, per (account, address), per
 * address, per (address, application number): in the database, so a limit holds across a
 * restart and across every app node.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_counter')
    .addColumn('key', 'text', (c) => c.primaryKey())
    // The account a sign-in counter belongs to (as typed, without case), to find its pairs.
    .addColumn('account', 'text')
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();
  await db.schema
    .createIndex('rate_counter_last_idx')
    .on('rate_counter')
    .column('last_at')
    .execute();
  await db.schema
    .createIndex('rate_counter_account_idx')
    .on('rate_counter')
    .column('account')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_counter').ifExists().execute();
}
