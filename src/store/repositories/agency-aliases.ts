import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../database.js';
import type { AgencyAliasTable } from '../schema-supervision.js';

export type AgencyAliasRow = Selectable<AgencyAliasTable>;

export const insertAlias = (db: Db, row: Insertable<AgencyAliasTable>) =>
  db.insertInto('agency_alias').values(row).execute();

export const deleteAlias = (db: Db, agencyId: string, id: string) =>
  db.deleteFrom('agency_alias').where('agency_id', '=', agencyId).where('id', '=', id).execute();

export const findAlias = (db: Db, agencyId: string, id: string) =>
  db
    .selectFrom('agency_alias')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();

export const findAliasByKey = (db: Db, agencyId: string, aliasKey: string) =>
  db
    .selectFrom('agency_alias')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('alias_key', '=', aliasKey)
    .executeTakeFirst();

/** The aliases of the given agencies, oldest first. */
export const listAliasesOf = (db: Db, agencyIds: readonly string[]): Promise<AgencyAliasRow[]> =>
  agencyIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('agency_alias')
        .selectAll()
        .where('agency_id', 'in', agencyIds)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
