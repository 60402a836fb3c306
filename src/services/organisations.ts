import { randomUUID } from 'node:crypto';
import { grantsWith, isAdministrator, type Principal, type Target } from '../core/auth/roles.js';
import { AppError, invalidField, notFound } from '../core/errors.js';
import { checkCreditCode } from '../core/identity/identity-numbers.js';
import type { Db, Trx } from '../store/database.js';
import * as repo from '../store/repositories/organisations.js';
import { recordChange } from './audit.js';
import type { Actor, ServiceContext } from './context.js';

export interface Agency {
  id: string;
  governmentId: string;
  governmentName: string;
  regionCode: string;
  name: string;
  /** A government's own report is due 31 March, a department's 31 January (条例第四十九条). */
  isGovernment: boolean;
  creditCode: string | null;
  address: string;
  postcode: string;
  phone: string;
  email: string;
  officeHours: string;
}

export interface Region {
  code: string;
  name: string;
  parentCode: string | null;
}

function toAgency(row: repo.AgencyWithRegionRow): Agency {
  return {
    id: row.id,
    governmentId: row.government_id,
    governmentName: row.government_name,
    regionCode: row.region_code,
    name: row.name,
    isGovernment: row.is_government === 1,
    creditCode: row.credit_code,
    address: row.address,
    postcode: row.postcode,
    phone: row.phone,
    email: row.email,
    officeHours: row.office_hours,
  };
}

/** The region's code followed by its ancestors' codes, nearest first. */
export async function regionPath(db: Db, code: string): Promise<string[]> {
  const path: string[] = [];
  let current: string | null = code;
  while (current && !path.includes(current)) {
    path.push(current);
    const region = await repo.findRegion(db, current);
    current = region?.parent_code ?? null;
  }
  return path;
}

/** Every region at or below `code`. */
export async function regionSubtree(db: Db, codes: readonly string[]): Promise<string[]> {
  const all = await repo.listRegions(db);
  const result = new Set(codes);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of all) {
      if (r.parent_code && result.has(r.parent_code) && !result.has(r.code)) {
        result.add(r.code);
        grew = true;
      }
    }
  }
  return [...result];
}

/** The authorisation target for an agency, or null when it does not exist. */
export async function agencyTarget(db: Db, agencyId: string): Promise<Target | null> {
  const agency = await repo.findAgency(db, agencyId);
  if (!agency) return null;
  return { kind: 'agency', agencyId, regionPath: await regionPath(db, agency.region_code) };
}

export async function getAgency(db: Db, agencyId: string): Promise<Agency> {
  const row = await repo.findAgency(db, agencyId);
  if (!row) throw notFound('机关');
  return toAgency(row);
}

/** The agencies a person may see: their own, their region's, or all for an administrator. */
export async function listVisibleAgencies(db: Db, principal: Principal): Promise<Agency[]> {
  if (isAdministrator(principal)) return (await repo.listAgenciesAll(db)).map(toAgency);
  const grants = grantsWith(principal, 'agency.read');
  const agencyIds = grants.flatMap((g) => (g.agencyId ? [g.agencyId] : []));
  const regions = grants.flatMap((g) =>
    g.role === 'supervisor' && g.regionCode ? [g.regionCode] : [],
  );
  const byId = await repo.listAgenciesByIds(db, agencyIds);
  const byRegion = await repo.listAgenciesInRegions(db, await regionSubtree(db, regions));
  const seen = new Map<string, Agency>();
  for (const row of [...byId, ...byRegion]) seen.set(row.id, toAgency(row));
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

export async function listRegions(db: Db): Promise<Region[]> {
  return (await repo.listRegions(db)).map((r) => ({
    code: r.code,
    name: r.name,
    parentCode: r.parent_code,
  }));
}

export interface AgencyProfilePatch {
  name?: string;
  creditCode?: string | null;
  address?: string;
  postcode?: string;
  phone?: string;
  email?: string;
  officeHours?: string;
}

export async function updateAgencyProfile(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  patch: AgencyProfilePatch,
): Promise<Agency> {
  const name = patch.name?.trim();
  if (patch.name !== undefined && !name) throw invalidField('name', '机关名称不能为空。');
  const creditCode = checkedCreditCode(patch.creditCode);
  if (patch.postcode && !/^\d{6}$/.test(patch.postcode.trim())) {
    throw invalidField('postcode', '邮政编码应为 6 位数字。');
  }
  if (patch.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(patch.email.trim())) {
    throw invalidField('email', '电子邮箱格式不正确。');
  }
  return ctx.store.transaction(async (t) => {
    const before = await getAgency(t, agencyId);
    const now = ctx.clock.now();
    await repo.updateAgency(t, agencyId, {
      ...(name ? { name } : {}),
      ...(patch.creditCode !== undefined ? { credit_code: creditCode } : {}),
      ...(patch.address !== undefined ? { address: patch.address.trim() } : {}),
      ...(patch.postcode !== undefined ? { postcode: patch.postcode.trim() } : {}),
      ...(patch.phone !== undefined ? { phone: patch.phone.trim() } : {}),
      ...(patch.email !== undefined ? { email: patch.email.trim() } : {}),
      ...(patch.officeHours !== undefined ? { office_hours: patch.officeHours.trim() } : {}),
      updated_at: now.toISOString(),
    });
    const after = await getAgency(t, agencyId);
    await recordChange(ctx, t, actor, now, {
      action: 'agency.update',
      entityType: 'agency',
      entityId: agencyId,
      agencyId,
      before,
      after,
    });
    return after;
  });
}

/** A unified social credit code checked by GB 32100 (check character included), or null. */
function checkedCreditCode(input: string | null | undefined): string | null {
  const code = input?.trim().toUpperCase() || null;
  if (!code) return null;
  const result = checkCreditCode(code);
  if (!result.ok) throw invalidField('creditCode', result.message);
  return code;
}

export interface NewAgency {
  name: string;
  isGovernment?: boolean;
  creditCode?: string | null;
  address?: string;
  postcode?: string;
  phone?: string;
  email?: string;
  officeHours?: string;
}

/** Creates a region with its government and agencies (used by the demo seed and set-up). */
export async function createRegionWithAgencies(
  ctx: ServiceContext,
  trx: Trx,
  actor: Actor,
  input: {
    region: Region;
    governmentName: string;
    agencies: NewAgency[];
  },
): Promise<Agency[]> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  if (!(await repo.findRegion(trx, input.region.code))) {
    await repo.insertRegion(trx, {
      code: input.region.code,
      name: input.region.name,
      parent_code: input.region.parentCode,
      created_at: at,
    });
    await recordChange(ctx, trx, actor, now, {
      action: 'region.create',
      entityType: 'region',
      entityId: input.region.code,
      after: input.region,
    });
  }
  const governmentId = randomUUID();
  await repo.insertGovernment(trx, {
    id: governmentId,
    region_code: input.region.code,
    name: input.governmentName,
    created_at: at,
  });
  await recordChange(ctx, trx, actor, now, {
    action: 'government.create',
    entityType: 'government',
    entityId: governmentId,
    after: { regionCode: input.region.code, name: input.governmentName },
  });
  const agencies: Agency[] = [];
  for (const a of input.agencies) {
    const id = randomUUID();
    await repo.insertAgency(trx, {
      id,
      government_id: governmentId,
      name: a.name,
      is_government: a.isGovernment ? 1 : 0,
      credit_code: a.creditCode ?? null,
      address: a.address ?? '',
      postcode: a.postcode ?? '',
      phone: a.phone ?? '',
      email: a.email ?? '',
      office_hours: a.officeHours ?? '',
      created_at: at,
      updated_at: at,
    });
    const agency = await getAgency(trx, id);
    await recordChange(ctx, trx, actor, now, {
      action: 'agency.create',
      entityType: 'agency',
      entityId: id,
      agencyId: id,
      after: agency,
    });
    agencies.push(agency);
  }
  return agencies;
}

export interface AgencySetup {
  /** 行政区划代码: six digits (GB/T 2260). */
  regionCode: string;
  /** Needed when the region is new. */
  regionName?: string;
  parentRegionCode?: string | null;
  /** The people's government the agency belongs to, e.g. 中卫市人民政府 (created if new). */
  governmentName: string;
  agency: NewAgency;
}

/**
 * Sets up an agency for a real deployment: the region and its government are created when
 * they are new, found otherwise. One transaction, every step in the audit trail.
 */
export async function setUpAgency(
  ctx: ServiceContext,
  actor: Actor,
  input: AgencySetup,
): Promise<Agency> {
  const regionCode = input.regionCode.trim();
  if (!/^\d{6}$/.test(regionCode))
    throw invalidField('regionCode', '行政区划代码应为 6 位数字（如 640500）。');
  const governmentName = input.governmentName.trim();
  if (!governmentName)
    throw invalidField('governmentName', '请填写所属人民政府的名称（如 中卫市人民政府）。');
  const name = input.agency.name.trim();
  if (!name) throw invalidField('agency.name', '请填写机关名称。');
  const creditCode = checkedCreditCode(input.agency.creditCode);
  return ctx.store.transaction(async (t) => {
    const now = ctx.clock.now();
    const region = await repo.findRegion(t, regionCode);
    if (!region) {
      const regionName = input.regionName?.trim();
      if (!regionName)
        throw invalidField('regionName', `行政区划 ${regionCode} 尚未建立，请填写它的名称。`);
      const parent = input.parentRegionCode?.trim() || null;
      if (parent && !(await repo.findRegion(t, parent))) {
        throw invalidField('parentRegionCode', `上级行政区划 ${parent} 不存在，请先建立它。`);
      }
      const row = { code: regionCode, name: regionName, parentCode: parent };
      await repo.insertRegion(t, {
        code: regionCode,
        name: regionName,
        parent_code: parent,
        created_at: now.toISOString(),
      });
      await recordChange(ctx, t, actor, now, {
        action: 'region.create',
        entityType: 'region',
        entityId: regionCode,
        after: row,
      });
    }
    let government = await repo.findGovernmentByName(t, regionCode, governmentName);
    if (!government) {
      const id = randomUUID();
      await repo.insertGovernment(t, {
        id,
        region_code: regionCode,
        name: governmentName,
        created_at: now.toISOString(),
      });
      await recordChange(ctx, t, actor, now, {
        action: 'government.create',
        entityType: 'government',
        entityId: id,
        after: { regionCode, name: governmentName },
      });
      government = (await repo.findGovernment(t, id))!;
    }
    if (await repo.findAgencyByName(t, government.id, name)) {
      throw new AppError('conflict', `${governmentName}下已有“${name}”。`, {
        field: 'agency.name',
      });
    }
    const id = randomUUID();
    const at = now.toISOString();
    await repo.insertAgency(t, {
      id,
      government_id: government.id,
      name,
      is_government: input.agency.isGovernment ? 1 : 0,
      credit_code: creditCode,
      address: input.agency.address?.trim() ?? '',
      postcode: input.agency.postcode?.trim() ?? '',
      phone: input.agency.phone?.trim() ?? '',
      email: input.agency.email?.trim() ?? '',
      office_hours: input.agency.officeHours?.trim() ?? '',
      created_at: at,
      updated_at: at,
    });
    const agency = await getAgency(t, id);
    await recordChange(ctx, t, actor, now, {
      action: 'agency.create',
      entityType: 'agency',
      entityId: id,
      agencyId: id,
      after: agency,
    });
    return agency;
  });
}
