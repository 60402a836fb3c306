/**
 * 安全审计: each audit record keeps the client's address; older records may be archived to signed
 * files (audit_archive lists them) and only then removed — and never a record younger than the
 * retention period of 184 days (网络安全法第二十一条: at least six months). The database itself
 * refuses the removal of a younger or unarchived record, whatever the application does.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { AUDIT_RETENTION_DAYS } from '../../core/audit/retention.js';

// Defined in the core so that `gongkai --help` can name it without loading the database layer.
export { AUDIT_RETENTION_DAYS };

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('client_ip', 'text').execute();
  await db.schema
    .createTable('audit_archive')
    .addColumn('seq_from', 'integer', (c) => c.primaryKey())
    .addColumn('seq_to', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text', (c) => c.notNull())
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE'
          AND OLD.at < to_char((now() AT TIME ZONE 'UTC') - interval '${sql.raw(String(AUDIT_RETENTION_DAYS))} days',
                               'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
          AND OLD.seq <= (SELECT coalesce(max(seq_to), 0) FROM audit_archive) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only: only archived records older than % days can be removed',
          ${sql.lit(AUDIT_RETENTION_DAYS)};
      END;
      $$`.execute(db);
  } else {
    await sql`DROP TRIGGER IF EXISTS audit_log_no_delete`.execute(db);
    await sql`
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      WHEN OLD.at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${sql.lit(`-${AUDIT_RETENTION_DAYS} days`)})
        OR OLD.seq > (SELECT coalesce(max(seq_to), 0) FROM audit_archive)
      BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only: only archived records older than 184 days can be removed');
      END`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END;
      $$`.execute(db);
  } else {
    await sql`DROP TRIGGER IF EXISTS audit_log_no_delete`.execute(db);
    await sql`
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  }
  await db.schema.dropTable('audit_archive').ifExists().execute();
  await db.schema.alterTable('audit_log').dropColumn('client_ip').execute();
}
