/**
 * Annual reports: one per agency per year, a mutable draft, and immutable published versions
 * (a correction is a new version with its reason; every version stays). Rendered documents are
 * cached as content-addressed blobs, so every app node serves the same bytes.
 */
import { PostgresAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema
    .createTable('annual_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    // The working copy: null when nothing is being edited (after publication).
    .addColumn('draft_json', 'text')
    .addColumn('draft_updated_at', 'text')
    .addColumn('draft_updated_by', 'text')
    .addColumn('latest_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('annual_report_agency_year', ['agency_id', 'year'])
    .execute();

  await db.schema
    .createTable('annual_report_version')
    .addColumn('report_id', 'text', (c) => c.notNull().references('annual_report.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .addColumn('findings_json', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('correction_reason', 'text')
    // 'authored' in gongkai, or 'imported' from a published document (with its source).
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('source_json', 'text')
    .addPrimaryKeyConstraint('annual_report_version_pk', ['report_id', 'version'])
    .execute();

  await db.schema
    .createTable('blob')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('bytes', binary, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('annual_report_document')
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('blob_sha256', 'text', (c) => c.notNull().references('blob.sha256'))
    .addPrimaryKeyConstraint('annual_report_document_pk', ['report_id', 'version', 'format'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'annual_report_document',
    'blob',
    'annual_report_version',
    'annual_report',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
