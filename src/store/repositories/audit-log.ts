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
  /** Every record of these agencies; `null`: every record there is (the audit administrator). */
  agencyIds?: readonly string[] | null;
  /**
   * Besides, only the records of these kinds about these agencies, and the records of these
   * regions' supervision (a region's own records and its bulk imports): a supervisor's part.
   */
  narrow?: {
    agencyIds: readonly string[];
    entityTypes: readonly string[];
    regionCodes: readonly string[];
    regionActionPrefix: string;
  };
  entityType?: string;
  entityId?: string;
  beforeSeq?: number;
  limit: number;
}

/** Newest first; `agencyIds: null` (and no `narrow`) means every row (the audit administrator). */
export const queryAuditRows = (db: Db, q: AuditQuery) => {
  let query = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(q.limit);
  if (q.agencyIds || q.narrow) {
    const full = q.agencyIds ?? [];
    const narrow = q.narrow;
    const reachesNothing =
      full.length === 0 &&
      (!narrow || (narrow.agencyIds.length === 0 && narrow.regionCodes.length === 0));
    if (reachesNothing) return Promise.resolve([] as AuditRow[]);
    query = query.where((eb) => {
      const reach = [];
      if (full.length > 0) reach.push(eb('agency_id', 'in', full));
      if (narrow && narrow.agencyIds.length > 0 && narrow.entityTypes.length > 0) {
        reach.push(
          eb.and([
            eb('agency_id', 'in', narrow.agencyIds),
            eb('entity_type', 'in', narrow.entityTypes),
          ]),
        );
      }
      if (narrow && narrow.regionCodes.length > 0) {
        reach.push(
          eb.and([
            eb('entity_type', '=', 'region'),
            eb('action', 'like', `${narrow.regionActionPrefix}%`),
            eb('entity_id', 'in', narrow.regionCodes),
          ]),
          eb.and([
            eb('entity_type', '=', 'bulk_import'),
            eb(
              'entity_id',
              'in',
              eb
                .selectFrom('bulk_import')
                .select('id')
                .where('region_code', 'in', narrow.regionCodes),
            ),
          ]),
        );
      }
      return eb.or(reach);
    });
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
