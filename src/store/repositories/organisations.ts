import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../database.js';
import type { AgencyTable, GovernmentTable, RegionTable } from '../schema.js';

export type RegionRow = Selectable<RegionTable>;
export type GovernmentRow = Selectable<GovernmentTable>;
export type AgencyRow = Selectable<AgencyTable>;
export type AgencyWithRegionRow = AgencyRow & { region_code: string; government_name: string };

export const insertRegion = (db: Db, row: Insertable<RegionTable>) =>
  db.insertInto('region').values(row).execute();

export const insertGovernment = (db: Db, row: Insertable<GovernmentTable>) =>
  db.insertInto('government').values(row).execute();

export const insertAgency = (db: Db, row: Insertable<AgencyTable>) =>
  db.insertInto('agency').values(row).execute();

export const findRegion = (db: Db, code: string) =>
  db.selectFrom('region').selectAll().where('code', '=', code).executeTakeFirst();

export const listRegions = (db: Db) =>
  db.selectFrom('region').selectAll().orderBy('code').execute();

export const countRegions = async (db: Db): Promise<number> => {
  const row = await db
    .selectFrom('region')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

const agencyWithRegion = (db: Db) =>
  db
    .selectFrom('agency')
    .innerJoin('government', 'government.id', 'agency.government_id')
    .selectAll('agency')
    .select(['government.region_code as region_code', 'government.name as government_name']);

export const findAgency = (db: Db, id: string): Promise<AgencyWithRegionRow | undefined> =>
  agencyWithRegion(db).where('agency.id', '=', id).executeTakeFirst();

export const listAgenciesAll = (db: Db): Promise<AgencyWithRegionRow[]> =>
  agencyWithRegion(db).orderBy('agency.name').execute();

export const listAgenciesByIds = (
  db: Db,
  ids: readonly string[],
): Promise<AgencyWithRegionRow[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : agencyWithRegion(db).where('agency.id', 'in', ids).orderBy('agency.name').execute();

export const listAgenciesInRegions = (
  db: Db,
  regionCodes: readonly string[],
): Promise<AgencyWithRegionRow[]> =>
  regionCodes.length === 0
    ? Promise.resolve([])
    : agencyWithRegion(db)
        .where('government.region_code', 'in', regionCodes)
        .orderBy('agency.name')
        .execute();

export const updateAgency = (db: Db, id: string, patch: Updateable<AgencyTable>) =>
  db.updateTable('agency').set(patch).where('id', '=', id).execute();

export const findGovernment = (db: Db, id: string) =>
  db.selectFrom('government').selectAll().where('id', '=', id).executeTakeFirst();

export const findGovernmentByName = (db: Db, regionCode: string, name: string) =>
  db
    .selectFrom('government')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('name', '=', name)
    .executeTakeFirst();

export const listGovernments = (db: Db) =>
  db.selectFrom('government').selectAll().orderBy('region_code').orderBy('name').execute();

export const findAgencyByName = (db: Db, governmentId: string, name: string) =>
  db
    .selectFrom('agency')
    .select('id')
    .where('government_id', '=', governmentId)
    .where('name', '=', name)
    .executeTakeFirst();

/** A government's agencies: its own (is_government) first, then its departments by name. */
export const listAgenciesOfGovernment = (
  db: Db,
  governmentId: string,
): Promise<AgencyWithRegionRow[]> =>
  agencyWithRegion(db)
    .where('agency.government_id', '=', governmentId)
    .orderBy('agency.is_government', 'desc')
    .orderBy('agency.name')
    .execute();
