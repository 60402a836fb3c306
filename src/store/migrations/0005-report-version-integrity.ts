/**
 * Published report versions are immutable: the database refuses to change or delete them
 * (as for the audit trail), and each version keeps the draft it was published from — the
 * figures' provenance and the choice of how tables 三/四 were filled — so a correction starts
 * from exactly what was published.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('annual_report_version').addColumn('draft_json', 'text').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      CREATE FUNCTION annual_report_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'annual_report_version is immutable: a correction is a new version';
      END;
      $$`.execute(db);
    await sql`
      CREATE TRIGGER annual_report_version_no_change BEFORE UPDATE OR DELETE ON annual_report_version
      FOR EACH ROW EXECUTE FUNCTION annual_report_version_immutable()`.execute(db);
  } else {
    await sql`
      CREATE TRIGGER annual_report_version_no_update BEFORE UPDATE ON annual_report_version
      BEGIN SELECT RAISE(ABORT, 'annual_report_version is immutable: a correction is a new version'); END`.execute(
      db,
    );
    await sql`
      CREATE TRIGGER annual_report_version_no_delete BEFORE DELETE ON annual_report_version
      BEGIN SELECT RAISE(ABORT, 'annual_report_version is immutable: a correction is a new version'); END`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`DROP TRIGGER IF EXISTS annual_report_version_no_change ON annual_report_version`.execute(
      db,
    );
    await sql`DROP FUNCTION IF EXISTS annual_report_version_immutable()`.execute(db);
  } else {
    await sql`DROP TRIGGER IF EXISTS annual_report_version_no_update`.execute(db);
    await sql`DROP TRIGGER IF EXISTS annual_report_version_no_delete`.execute(db);
  }
  await db.schema.alterTable('annual_report_version').dropColumn('draft_json').execute();
}
