/**
 * The rows of the portal's search: one per published item in `proactive_search`, and on SQLite
 * its FTS5 rows alongside (content, and title with 文号; 0009, 0077).
 */
import { sql } from 'kysely';
import type { Db, Store } from '../database.js';
import type { ProactiveSearchTable } from '../schema-proactive.js';

export async function putSearchRow(store: Store, db: Db, row: ProactiveSearchTable): Promise<void> {
  await removeSearchRow(store, db, row.item_id);
  await db.insertInto('proactive_search').values(row).execute();
  if (store.dialect === 'sqlite') {
    await sql`INSERT INTO proactive_search_fts (item_id, content) VALUES (${row.item_id}, ${row.content})`.execute(
      db,
    );
    await sql`INSERT INTO proactive_search_title_fts (item_id, title) VALUES (${row.item_id}, ${titleText(row)})`.execute(
      db,
    );
  }
}

/** What the SQLite title index holds for a row: its title and 文号, a line apart (0077). */
export const titleText = (row: Pick<ProactiveSearchTable, 'title' | 'document_number'>) =>
  `${row.title}\n${row.document_number}`;

export async function removeSearchRow(store: Store, db: Db, itemId: string): Promise<void> {
  await db.deleteFrom('proactive_search').where('item_id', '=', itemId).execute();
  if (store.dialect === 'sqlite') {
    await sql`DELETE FROM proactive_search_fts WHERE item_id = ${itemId}`.execute(db);
    await sql`DELETE FROM proactive_search_title_fts WHERE item_id = ${itemId}`.execute(db);
  }
}
