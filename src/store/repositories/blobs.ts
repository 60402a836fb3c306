import { createHash } from 'node:crypto';
import type { Db } from '../database.js';
import type { ReportUploadTable } from '../schema-reports.js';

/** Stores bytes once, by their SHA-256; returns the hash. */
export async function putBlob(
  db: Db,
  bytes: Uint8Array,
  mediaType: string,
  at: string,
): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await db
    .insertInto('blob')
    .values({
      sha256,
      media_type: mediaType,
      size: bytes.byteLength,
      bytes: Buffer.from(bytes),
      created_at: at,
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  return sha256;
}

export const getBlob = (db: Db, sha256: string) =>
  db.selectFrom('blob').selectAll().where('sha256', '=', sha256).executeTakeFirst();

/** Records (or renews) a file read for an agency. */
export async function putUpload(db: Db, upload: ReportUploadTable): Promise<void> {
  await db
    .insertInto('report_upload')
    .values(upload)
    .onConflict((oc) =>
      oc.columns(['agency_id', 'sha256']).doUpdateSet({
        filename: upload.filename,
        kind: upload.kind,
        reading_json: upload.reading_json,
        read_at: upload.read_at,
        read_by: upload.read_by,
      }),
    )
    .execute();
}

export const getUpload = (db: Db, agencyId: string, sha256: string) =>
  db
    .selectFrom('report_upload')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
