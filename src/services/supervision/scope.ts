/**
 * The regions a supervisor's console works on: a region and every region under it (province →
 * city → county), and the authorisation target of a region.
 */
import { grantsWith, isSystemAdmin, type Principal, type Target } from '../../core/auth/roles.js';
import { notFound } from '../../core/errors.js';
import type { Db } from '../../store/database.js';
import * as orgRepo from '../../store/repositories/organisations.js';
import type { Region } from '../organisations.js';

export interface RegionScope {
  region: Region;
  /** The region and its ancestors' names, top first (for a breadcrumb). */
  ancestors: Region[];
  /** The region and every region under it. */
  regions: Region[];
  codes: string[];
}

const toRegion = (r: orgRepo.RegionRow): Region => ({
  code: r.code,
  name: r.name,
  parentCode: r.parent_code,
});

/** The region with everything under it; 404 when it does not exist. */
export async function regionScope(db: Db, code: string): Promise<RegionScope> {
  const all = (await orgRepo.listRegions(db)).map(toRegion);
  const byCode = new Map(all.map((r) => [r.code, r]));
  const region = byCode.get(code);
  if (!region) throw notFound('行政区划');
  const children = new Map<string, Region[]>();
  for (const r of all) {
    if (!r.parentCode) continue;
    children.set(r.parentCode, [...(children.get(r.parentCode) ?? []), r]);
  }
  const regions: Region[] = [];
  const queue = [region];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next.code)) continue;
    seen.add(next.code);
    regions.push(next);
    queue.push(...(children.get(next.code) ?? []));
  }
  const ancestors: Region[] = [];
  for (let r: Region | undefined = region; r && !ancestors.includes(r);) {
    ancestors.unshift(r);
    r = r.parentCode ? byCode.get(r.parentCode) : undefined;
  }
  return { region, ancestors, regions, codes: regions.map((r) => r.code) };
}

/** The authorisation target of a region, or null when it does not exist. */
export async function regionTarget(db: Db, code: string): Promise<Target | null> {
  const path: string[] = [];
  let current: string | null = code;
  while (current && !path.includes(current)) {
    const region = await orgRepo.findRegion(db, current);
    if (!region) return path.length === 0 ? null : { kind: 'region', regionPath: path };
    path.push(current);
    current = region.parent_code;
  }
  return { kind: 'region', regionPath: path };
}

export interface SupervisedRegion extends Region {
  /** The regions below it, for choosing a narrower view. */
  below: Region[];
}

/** The regions a person supervises (all top regions for a system admin), each with its subtree. */
export async function supervisedRegions(db: Db, principal: Principal): Promise<SupervisedRegion[]> {
  const all = (await orgRepo.listRegions(db)).map(toRegion);
  const codes = isSystemAdmin(principal)
    ? all.filter((r) => !r.parentCode).map((r) => r.code)
    : grantsWith(principal, 'supervision.read').flatMap((g) =>
        g.role === 'supervisor' && g.regionCode ? [g.regionCode] : [],
      );
  const result: SupervisedRegion[] = [];
  for (const code of [...new Set(codes)]) {
    const scope = await regionScope(db, code);
    result.push({ ...scope.region, below: scope.regions.slice(1) });
  }
  return result;
}
