/**
 * The portal's search reads a page of hits newest first by walking this index and stopping once
 * the page is full, instead of collecting and sorting every hit (a common term hits tens of
 * thousands of items).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('proactive_search_date_idx')
    .on('proactive_search')
    .columns(['published_on', 'item_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('proactive_search_date_idx').ifExists().execute();
}
