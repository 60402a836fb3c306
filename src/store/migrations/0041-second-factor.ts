/**
 * A second factor for staff accounts (身份鉴别, 双因素): a TOTP secret (RFC 6238) sealed with the
 * installation's key, the recovery codes as keyed hashes, and each agency's choice whether its
 * staff must use one (the three administrators always must).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('second_factor')
    .addColumn('user_id', 'text', (c) =>
      c.primaryKey().references('user_account.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    // Null until the holder has entered a first code from the authenticator app.
    .addColumn('confirmed_at', 'text')
    // The last 30-second step a code was accepted for: a code is never accepted twice.
    .addColumn('last_step', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('recovery_code')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) =>
      c.notNull().references('user_account.id').onDelete('cascade'),
    )
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('recovery_code_user_idx')
    .on('recovery_code')
    .columns(['user_id', 'code_hash'])
    .execute();

  await db.schema
    .createTable('agency_security')
    .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agency.id'))
    .addColumn('second_factor_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['agency_security', 'recovery_code', 'second_factor']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
