/**
 * A supervisor's bulk import of reports published off the system: one batch per upload (a ZIP
 * or many files) for a region and a year, one item per file with what became of it — refused
 * (and why), read (the reading, the findings, the agency it was matched to or the proposals),
 * saved as the agency's report. Each file's bytes are kept as a blob by their hash, which is
 * also how a file imported before is recognised.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bulk_import')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull().references('region.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text')
    .addColumn('file_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('bulk_import_region_idx')
    .on('bulk_import')
    .columns(['region_code', 'created_at'])
    .execute();

  await db.schema
    .createTable('bulk_import_item')
    .addColumn('import_id', 'text', (c) => c.notNull().references('bulk_import.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    // null when the file was refused before reading (nested archive, path traversal, …)
    .addColumn('sha256', 'text')
    // refused | read | saved
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('refusal', 'text')
    .addColumn('kind', 'text')
    .addColumn('stated_agency', 'text')
    .addColumn('stated_year', 'integer')
    .addColumn('published_on', 'text')
    // name | alias | proposal | chosen: how the agency below was settled (null: not yet)
    .addColumn('match_kind', 'text')
    .addColumn('agency_id', 'text', (c) => c.references('agency.id'))
    .addColumn('proposals_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('match_note', 'text')
    .addColumn('reading_json', 'text')
    .addColumn('findings_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('earlier_json', 'text')
    .addColumn('saved_at', 'text')
    .addColumn('saved_by', 'text')
    .addPrimaryKeyConstraint('bulk_import_item_pk', ['import_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('bulk_import_item_sha_idx')
    .on('bulk_import_item')
    .column('sha256')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('bulk_import_item').ifExists().execute();
  await db.schema.dropTable('bulk_import').ifExists().execute();
}
