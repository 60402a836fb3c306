/**
 * What an agency (or its supervisor) uploaded to be read: the file's hash, name, size and kind
 * and the reader's figures, recorded by the server when it read the file. Saving a reading as
 * the agency's report checks the file against this record — the file must have been read for
 * this agency — and takes its name, size and kind from here, and the corrections from the
 * difference between the reader's figures and the saved ones, not from what the client says.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_upload')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('sha256', 'text', (c) => c.notNull().references('blob.sha256'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('reading_json', 'text')
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addColumn('read_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_upload_pk', ['agency_id', 'sha256'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_upload').ifExists().execute();
}
