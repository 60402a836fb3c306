/**
 * SQLite: an FTS5 `trigram` index of each searchable item's title and 文号 (one text, a line
 * between them). The search's title-and-文号 part — the hits ranked first — walked every row's
 * title newest first until a page was full; a phrase that appears in a few hundred titles out
 * of 100,000 read most of them. Now a term found in few titles is looked up here and only those
 * rows are sorted (store/repositories/proactive-search.ts). Filled from the existing rows.
 * PostgreSQL: nothing (its titles and 文号 have trigram GIN indexes, 0009 and 0096).
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const postgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (postgres(db)) return;
  await sql`CREATE VIRTUAL TABLE proactive_search_title_fts USING fts5(item_id UNINDEXED, title, tokenize = 'trigram')`.execute(
    db,
  );
  await sql`INSERT INTO proactive_search_title_fts (item_id, title)
    SELECT item_id, title || char(10) || document_number FROM proactive_search`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (postgres(db)) return;
  await sql`DROP TABLE IF EXISTS proactive_search_title_fts`.execute(db);
}
