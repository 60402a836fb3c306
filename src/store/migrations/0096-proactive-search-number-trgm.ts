/**
 * PostgreSQL: the search's title-and-文号 part tests `title ILIKE … OR document_number ILIKE …`;
 * with a trigram index on the title only, that OR could not use an index and PostgreSQL read
 * every row's title. With both indexed it is a BitmapOr of two small index scans.
 * SQLite: nothing (its title test runs on the date-ordered walk).
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const postgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!postgres(db)) return;
  await sql`CREATE INDEX IF NOT EXISTS proactive_search_number_trgm ON proactive_search USING gin (document_number gin_trgm_ops)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!postgres(db)) return;
  await sql`DROP INDEX IF EXISTS proactive_search_number_trgm`.execute(db);
}
