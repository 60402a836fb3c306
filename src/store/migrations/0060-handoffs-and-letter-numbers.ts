/**
 * Hand-offs and the letter set (issue 11, items 4 and 6).
 *
 * - `agency_unit`: an agency's internal units (科室), one of them the general office that signs
 *   for what arrives; a case is transferred to the unit responsible and assisted by others.
 * - `letter_number_pattern`: the agency's 文号 pattern per letter type (e.g. `〔{年}〕第{号}号`).
 * - `letter_number_sequence`: the last 文号 issued per agency, letter type and year. Taken by an
 *   upsert that increments in place, so two letters issued at once never get the same number.
 * - `issued_letter_number`: every number issued, keyed by (agency, type, year, sequence): a
 *   second guard that a number is never given twice, and the index from a number to its letter.
 * - `application_attachment`: scanned incoming letters and envelopes, content-addressed in `blob`.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agency_unit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_general_office', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('agency_unit_agency_name', ['agency_id', 'name'])
    .execute();

  await db.schema
    .createTable('letter_number_pattern')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('pattern', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('letter_number_pattern_pk', ['agency_id', 'kind'])
    .execute();

  await db.schema
    .createTable('letter_number_sequence')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('letter_number_sequence_pk', ['agency_id', 'kind', 'year'])
    .execute();

  await db.schema
    .createTable('issued_letter_number')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('letter_id', 'text', (c) => c.notNull().unique())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('issued_letter_number_pk', ['agency_id', 'kind', 'year', 'seq'])
    .execute();

  await db.schema
    .createTable('application_attachment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('blob_sha256', 'text', (c) => c.notNull().references('blob.sha256'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_attachment_application_idx')
    .on('application_attachment')
    .column('application_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'application_attachment',
    'issued_letter_number',
    'letter_number_sequence',
    'letter_number_pattern',
    'agency_unit',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
