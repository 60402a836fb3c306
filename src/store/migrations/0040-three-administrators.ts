/**
 * 三员分立: the system, security and audit administrators are separate roles (role names are
 * text, so the split itself needs no schema change). What it adds is the watch on the indirect
 * ways to personal data: who opened an account and from where, the browsers and addresses each
 * account signs in from, and the alerts raised for the audit administrator.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('user_account').addColumn('created_by', 'text').execute();
  await db.schema.alterTable('user_account').addColumn('created_ip', 'text').execute();
  await db.schema.alterTable('user_account').addColumn('created_user_agent', 'text').execute();
  await db.schema.alterTable('user_account').addColumn('created_device', 'text').execute();
  await db.schema.alterTable('user_account').addColumn('first_login_at', 'text').execute();

  // One row per (browser, account): the browser is a random id kept in a long-lived cookie.
  await db.schema
    .createTable('sign_in_device')
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) =>
      c.notNull().references('user_account.id').onDelete('cascade'),
    )
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_in_device_pk', ['device_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('sign_in_device_user_idx')
    .on('sign_in_device')
    .columns(['user_id', 'last_at'])
    .execute();
  await db.schema
    .createIndex('sign_in_device_ip_idx')
    .on('sign_in_device')
    .columns(['ip', 'last_at'])
    .execute();

  await db.schema
    .createTable('security_alert')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // In the order raised (several can share a timestamp).
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('subject_user_id', 'text')
    .addColumn('actor_user_id', 'text')
    .addColumn('agency_id', 'text')
    .addColumn('details_json', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('security_alert').ifExists().execute();
  await db.schema.dropTable('sign_in_device').ifExists().execute();
  for (const column of [
    'first_login_at',
    'created_device',
    'created_user_agent',
    'created_ip',
    'created_by',
  ]) {
    await db.schema.alterTable('user_account').dropColumn(column).execute();
  }
}
