/**
 * An item page lists the documents its item replaced (successor_id): without an index that is a
 * scan of every item (measured: 4 item pages/s over 100,000 items on SQLite).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('proactive_item_successor_idx')
    .on('proactive_item')
    .column('successor_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('proactive_item_successor_idx').ifExists().execute();
}
