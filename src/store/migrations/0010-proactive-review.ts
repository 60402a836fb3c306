/**
 * The review of a proactive item before it is published (the review chain itself is the
 * engine's, migration 0035): the 保密审查 checklist completed at the first level of each
 * request, the agency's own checklist items, and the 发布审查表 documents archived with the
 * item (bytes in `blob`).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('proactive_settings')
    .addColumn('secrecy_items', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .createTable('proactive_secrecy_check')
    .addColumn('approval_id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('proactive_item.id'))
    .addColumn('checks_json', 'text', (c) => c.notNull())
    .addColumn('conclusion', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('proactive_review_sheet')
    .addColumn('approval_id', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull().references('proactive_item.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('proactive_review_sheet_pk', ['approval_id', 'format'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('proactive_review_sheet').ifExists().execute();
  await db.schema.dropTable('proactive_secrecy_check').ifExists().execute();
  await db.schema.alterTable('proactive_settings').dropColumn('secrecy_items').execute();
}
