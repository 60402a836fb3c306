/**
 * What a session's holder last proved, and when: the time they last entered their password or
 * a code (re-authentication before revealing personal data, changing roles, exporting the
 * register) and the second factor they signed in with.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('session').addColumn('authenticated_at', 'text').execute();
  await db.schema.alterTable('session').addColumn('second_factor', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('session').dropColumn('second_factor').execute();
  await db.schema.alterTable('session').dropColumn('authenticated_at').execute();
}
