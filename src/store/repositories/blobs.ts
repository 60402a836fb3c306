import { createHash } from 'node:crypto';
import type { Db } from '../database.js';

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
