import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../database.js';
import type { BulkImportItemTable, BulkImportTable } from '../schema-supervision.js';

export type BulkImportRow = Selectable<BulkImportTable>;
export type BulkImportItemRow = Selectable<BulkImportItemTable>;

export const insertImport = (db: Db, row: Insertable<BulkImportTable>) =>
  db.insertInto('bulk_import').values(row).execute();

export const findImport = (db: Db, id: string) =>
  db.selectFrom('bulk_import').selectAll().where('id', '=', id).executeTakeFirst();

export const importsOfRegion = (db: Db, regionCode: string) =>
  db
    .selectFrom('bulk_import')
    .selectAll()
    .where('region_code', '=', regionCode)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();

export const setFileCount = (db: Db, id: string, count: number) =>
  db.updateTable('bulk_import').set({ file_count: count }).where('id', '=', id).execute();

export const lastSeq = async (db: Db, importId: string): Promise<number> => {
  const row = await db
    .selectFrom('bulk_import_item')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('import_id', '=', importId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
};

export const insertItem = (db: Db, row: Insertable<BulkImportItemTable>) =>
  db.insertInto('bulk_import_item').values(row).execute();

export const updateItem = (
  db: Db,
  importId: string,
  seq: number,
  patch: Updateable<BulkImportItemTable>,
) =>
  db
    .updateTable('bulk_import_item')
    .set(patch)
    .where('import_id', '=', importId)
    .where('seq', '=', seq)
    .execute();

export const findItem = (db: Db, importId: string, seq: number) =>
  db
    .selectFrom('bulk_import_item')
    .selectAll()
    .where('import_id', '=', importId)
    .where('seq', '=', seq)
    .executeTakeFirst();

export const itemsOf = (db: Db, importId: string) =>
  db
    .selectFrom('bulk_import_item')
    .selectAll()
    .where('import_id', '=', importId)
    .orderBy('seq')
    .execute();

export const queuedItems = (db: Db, importId: string) =>
  db
    .selectFrom('bulk_import_item')
    .selectAll()
    .where('import_id', '=', importId)
    .where('status', '=', 'queued')
    .orderBy('seq')
    .execute();

/** Items of every import with the same file, oldest first, with their import's date. */
export const itemsWithHash = (db: Db, sha256: string) =>
  db
    .selectFrom('bulk_import_item')
    .innerJoin('bulk_import', 'bulk_import.id', 'bulk_import_item.import_id')
    .select([
      'bulk_import_item.import_id',
      'bulk_import_item.seq',
      'bulk_import_item.filename',
      'bulk_import_item.saved_at',
      'bulk_import.created_at',
    ])
    .where('bulk_import_item.sha256', '=', sha256)
    .orderBy('bulk_import.created_at')
    .orderBy('bulk_import_item.seq')
    .execute();

/** The earliest single upload of the same file (导入与审查). */
export const uploadWithHash = (db: Db, sha256: string) =>
  db
    .selectFrom('report_upload')
    .select(['filename', 'read_at'])
    .where('sha256', '=', sha256)
    .orderBy('read_at')
    .limit(1)
    .executeTakeFirst();
