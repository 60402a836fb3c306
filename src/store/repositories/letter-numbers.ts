/** 文号 sequences and patterns, and an agency's units. Dialect-agnostic (SQLite ≥ 3.35, PostgreSQL). */
import type { Insertable } from 'kysely';
import type { Db } from '../database.js';
import type { AgencyUnitTable, ApplicationAttachmentTable } from '../schema-applications.js';

/**
 * The next sequence number of (agency, kind, year): one statement that inserts 1 or increments
 * the stored value, and returns it. On PostgreSQL a second transaction doing the same waits for
 * the row until the first commits and then increments the committed value; SQLite has one
 * writer. Either way no two callers get the same number.
 */
export async function takeLetterSequence(
  db: Db,
  agencyId: string,
  kind: string,
  year: number,
): Promise<number> {
  const row = await db
    .insertInto('letter_number_sequence')
    .values({ agency_id: agencyId, kind, year, last_value: 1 })
    .onConflict((oc) =>
      oc.columns(['agency_id', 'kind', 'year']).doUpdateSet((eb) => ({
        last_value: eb(eb.ref('letter_number_sequence.last_value'), '+', 1),
      })),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return Number(row.last_value);
}

export const insertIssuedNumber = (
  db: Db,
  row: {
    agency_id: string;
    kind: string;
    year: number;
    seq: number;
    document_number: string;
    letter_id: string;
    issued_at: string;
  },
) => db.insertInto('issued_letter_number').values(row).execute();

export const listIssuedNumbers = (db: Db, agencyId: string) =>
  db
    .selectFrom('issued_letter_number')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('issued_at')
    .execute();

export const listPatterns = (db: Db, agencyId: string) =>
  db.selectFrom('letter_number_pattern').selectAll().where('agency_id', '=', agencyId).execute();

export async function putPattern(
  db: Db,
  row: { agency_id: string; kind: string; pattern: string; updated_at: string; updated_by: string },
): Promise<void> {
  await db
    .insertInto('letter_number_pattern')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['agency_id', 'kind']).doUpdateSet({
        pattern: row.pattern,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();
}

// --- units -------------------------------------------------------------------------------------

export const listUnits = (db: Db, agencyId: string) =>
  db
    .selectFrom('agency_unit')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('is_general_office', 'desc')
    .orderBy('name')
    .execute();

export const findUnit = (db: Db, agencyId: string, unitId: string) =>
  db
    .selectFrom('agency_unit')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', unitId)
    .executeTakeFirst();

export const insertUnit = (db: Db, row: Insertable<AgencyUnitTable>) =>
  db.insertInto('agency_unit').values(row).execute();

export const clearGeneralOffice = (db: Db, agencyId: string) =>
  db
    .updateTable('agency_unit')
    .set({ is_general_office: 0 })
    .where('agency_id', '=', agencyId)
    .execute();

// --- attachments -------------------------------------------------------------------------------

export const insertAttachment = (db: Db, row: Insertable<ApplicationAttachmentTable>) =>
  db.insertInto('application_attachment').values(row).execute();

export const listAttachments = (db: Db, applicationId: string) =>
  db
    .selectFrom('application_attachment')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .execute();

export const findAttachment = (db: Db, agencyId: string, applicationId: string, id: string) =>
  db
    .selectFrom('application_attachment')
    .innerJoin('blob', 'blob.sha256', 'application_attachment.blob_sha256')
    .select(['application_attachment.filename', 'application_attachment.media_type', 'blob.bytes'])
    .where('application_attachment.agency_id', '=', agencyId)
    .where('application_attachment.application_id', '=', applicationId)
    .where('application_attachment.id', '=', id)
    .executeTakeFirst();
