/**
 * A supervisor's world for tests: a province → city → county tree of regions with their
 * governments and departments, and supervisors signed in for a region. Roles are made here
 * only, so a change of roles touches one place.
 */
import { createUser } from '../../src/services/accounts.js';
import type { ServiceContext } from '../../src/services/context.js';
import { createRegionWithAgencies, type Agency } from '../../src/services/organisations.js';
import { SYSTEM } from './applications.js';

export async function makeSupervisor(
  ctx: ServiceContext,
  regionCode: string,
  username: string,
  password: string,
): Promise<string> {
  const { user } = await createUser(ctx, SYSTEM, {
    username,
    displayName: username,
    password,
    grants: [{ role: 'supervisor', regionCode }],
    mustChangePassword: false,
  });
  return user.id;
}

export interface RegionSpec {
  code: string;
  name: string;
  parentCode: string | null;
  government: string;
  /** Department names; the government's own report is made by an agency named as the government. */
  departments: string[];
}

/** Creates the regions, each with its government (an agency reporting as a government) and departments. */
export async function makeRegions(
  ctx: ServiceContext,
  specs: readonly RegionSpec[],
): Promise<Map<string, Agency>> {
  const byName = new Map<string, Agency>();
  for (const spec of specs) {
    const agencies = await ctx.store.transaction((t) =>
      createRegionWithAgencies(ctx, t, SYSTEM, {
        region: { code: spec.code, name: spec.name, parentCode: spec.parentCode },
        governmentName: spec.government,
        agencies: [
          { name: spec.government, isGovernment: true },
          ...spec.departments.map((name) => ({ name })),
        ],
      }),
    );
    for (const a of agencies) byName.set(a.name, a);
  }
  return byName;
}

/** A small province: a city with two counties, each with a government and departments. */
export const PROVINCE_TREE: readonly RegionSpec[] = [
  {
    code: '980000',
    name: '试验省',
    parentCode: null,
    government: '试验省人民政府',
    departments: ['试验省教育厅'],
  },
  {
    code: '980100',
    name: '甲市',
    parentCode: '980000',
    government: '甲市人民政府',
    departments: ['甲市教育局', '甲市科学技术局', '甲市财政局'],
  },
  {
    code: '980102',
    name: '东县',
    parentCode: '980100',
    government: '东县人民政府',
    departments: ['东县教育局', '东县民政局'],
  },
  {
    code: '980103',
    name: '西县',
    parentCode: '980100',
    government: '西县人民政府',
    departments: ['西县教育局', '西县民政局'],
  },
];
