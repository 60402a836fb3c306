import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../database.js';
import type { AuditLogTable } from '../schema.js';

export type AuditRow = Selectable<AuditLogTable>;

export const lastAuditRow = (db: Db) =>
  db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();

export const insertAuditRow = (db: Db, row: Insertable<AuditLogTable>) =>
  db.insertInto('audit_log').values(row).execute();

/** Rows in chain order from `afterSeq`, a page at a time (verification streams the table). */
export const auditRowsAfter = (db: Db, afterSeq: number, limit: number) =>
  db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();

export interface AuditQuery {
  agencyIds?: readonly string[] | null;
  entityType?: string;
  entityId?: string;
  beforeSeq?: number;
  limit: number;
}

/** Newest first; `agencyIds: null` means every row (system admin). */
export const queryAuditRows = (db: Db, q: AuditQuery) => {
  let query = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(q.limit);
  if (q.agencyIds) {
    if (q.agencyIds.length === 0) return Promise.resolve([] as AuditRow[]);
    query = query.where('agency_id', 'in', q.agencyIds);
  }
  if (q.entityType) query = query.where('entity_type', '=', q.entityType);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.beforeSeq !== undefined) query = query.where('seq', '<', q.beforeSeq);
  return query.execute();
};

export const findAuditHead = (db: Db) =>
  db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();

export const saveAuditHead = (db: Db, head: { seq: number; hash: string; mac: string }) =>
  db
    .insertInto('audit_head')
    .values({ id: 1, ...head })
    .onConflict((oc) => oc.column('id').doUpdateSet(head))
    .execute();
