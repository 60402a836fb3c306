/**
 * A government's 政府信息公开 column (国办公开办函〔2019〕61号): the same four sections as an
 * agency's, over every agency of the government — its own (the agency recorded with
 * is_government, whose guide and rules are the government's) and its departments. Published
 * items only; the lists are the agencies' own lists, read over the set of agencies.
 */
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../store/database.js';
import * as orgs from '../../store/repositories/organisations.js';
import * as repo from '../../store/repositories/proactive.js';
import { listItemSummaries, type ItemSummary } from './listing.js';

export interface GovernmentAgency {
  id: string;
  name: string;
  isGovernment: boolean;
}

export interface GovernmentColumn {
  id: string;
  name: string;
  regionCode: string;
  /** The agency recorded as the government itself, or null when none is. */
  own: GovernmentAgency | null;
  /** Its departments (every other agency of the government), by name. */
  departments: GovernmentAgency[];
  /** Every agency of the government, its own first. */
  agencies: GovernmentAgency[];
}

/** The government and its agencies; not found (a 404 on the portal) for an unknown id. */
export async function getGovernmentColumn(db: Db, governmentId: string): Promise<GovernmentColumn> {
  const government = await orgs.findGovernment(db, governmentId);
  if (!government)
    throw new AppError(
      'not_found',
      '没有这个人民政府的政府信息公开专栏：地址可能有误，请从机关目录进入。',
    );
  const agencies = (await orgs.listAgenciesOfGovernment(db, government.id)).map((a) => ({
    id: a.id,
    name: a.name,
    isGovernment: a.is_government === 1,
  }));
  return {
    id: government.id,
    name: government.name,
    regionCode: government.region_code,
    own: agencies.find((a) => a.isGovernment) ?? null,
    departments: agencies.filter((a) => !a.isGovernment),
    agencies,
  };
}

/** Every government, for the portal home and the site map. */
export async function listGovernments(
  db: Db,
): Promise<{ id: string; name: string; regionCode: string }[]> {
  return (await orgs.listGovernments(db)).map((g) => ({
    id: g.id,
    name: g.name,
    regionCode: g.region_code,
  }));
}

export interface GovernmentItemFilter {
  kind?: string[];
  article20Category?: string;
  year?: number;
  /** One of the government's agencies (发布机构); ignored when it is not one of them. */
  agencyId?: string;
  limit: number;
  offset: number;
}

/** One page of the published items of the government's agencies, newest first, and the count. */
export async function listGovernmentItems(
  db: Db,
  column: GovernmentColumn,
  filter: GovernmentItemFilter,
): Promise<{ items: ItemSummary[]; total: number }> {
  const ids = column.agencies.map((a) => a.id);
  const scope = filter.agencyId && ids.includes(filter.agencyId) ? filter.agencyId : ids;
  const where: repo.ItemFilter = {
    status: ['published'],
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.article20Category ? { article20Category: filter.article20Category } : {}),
    ...(filter.year ? { year: filter.year } : {}),
  };
  const [rows, total] = await Promise.all([
    listItemSummaries(db, scope, { ...where, limit: filter.limit, offset: filter.offset }),
    repo.countItems(db, scope, where),
  ]);
  return { items: rows, total };
}

/** Whether `agencyId` is one of the government's agencies (one indexed look-up). */
export async function isAgencyOfGovernment(
  db: Db,
  governmentId: string,
  agencyId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('agency')
    .select('id')
    .where('id', '=', agencyId)
    .where('government_id', '=', governmentId)
    .executeTakeFirst();
  return !!row;
}

/** The years in which the government's agencies published items, newest first (to browse by). */
export async function listGovernmentYears(db: Db, column: GovernmentColumn): Promise<number[]> {
  const ids = column.agencies.map((a) => a.id);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('proactive_item')
    .select(sql<string>`substr(published_on, 1, 4)`.as('year'))
    .where('agency_id', 'in', ids)
    .where('status', '=', 'published')
    .where('published_on', 'is not', null)
    .groupBy(sql`substr(published_on, 1, 4)`)
    .execute();
  return rows
    .map((r) => Number(r.year))
    .filter((y) => y > 0)
    .sort((a, b) => b - a);
}
