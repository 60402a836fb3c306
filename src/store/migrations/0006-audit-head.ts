/**
 * The audit trail's head: the last record's sequence number and hash, sealed with a keyed MAC,
 * so deleting the newest records (which leaves a valid but shorter chain) is detected. And on
 * PostgreSQL, TRUNCATE of the append-only tables is refused like UPDATE and DELETE.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const APPEND_ONLY = ['audit_log', 'annual_report_version', 'application_event'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('mac', 'text', (c) => c.notNull())
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      CREATE FUNCTION gongkai_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
      END;
      $$`.execute(db);
    for (const table of APPEND_ONLY) {
      await sql`
        CREATE TRIGGER ${sql.raw(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${sql.table(table)}
        FOR EACH STATEMENT EXECUTE FUNCTION gongkai_no_truncate()`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of APPEND_ONLY) {
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_no_truncate`)} ON ${sql.table(table)}`.execute(
        db,
      );
    }
    await sql`DROP FUNCTION IF EXISTS gongkai_no_truncate()`.execute(db);
  }
  await db.schema.dropTable('audit_head').ifExists().execute();
}
