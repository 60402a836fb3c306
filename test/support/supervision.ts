/**
 * A supervisor's world for tests: a province → city → county tree of regions with their
 * governments and departments, and supervisors signed in for a region. Roles are made here
 * only, so a change of roles touches one place.
 */
import { createUser } from '../../src/services/accounts.js';
import type { ServiceContext } from '../../src/services/context.js';
import { createRegionWithAgencies, type Agency } from '../../src/services/organisations.js';
import { createReport, getReport, publishReport, saveDraft } from '../../src/services/reports.js';
import { SYSTEM } from './applications.js';
import { withNarrative } from './report-narrative.js';

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

/** Figures of table 三 (natural persons only) that keep the balance rule, and table 四's review. */
export interface ReportFigures {
  received: number;
  carriedOver?: number;
  withheld?: number;
  notHeld?: number;
  carriedForward?: number;
  reviewCorrected?: number;
  reviewUpheld?: number;
  licensing?: number;
}

/**
 * Publishes an agency's report for a year on the given date, with these figures (typed by
 * hand; 予以公开 takes the rest so that 一 + 二 = 三（七） + 四 holds).
 */
export async function publishWithFigures(
  ctx: ServiceContext,
  clock: { set(instant: Date): void },
  agencyId: string,
  year: number,
  publishedOn: string,
  figures: ReportFigures,
): Promise<void> {
  clock.set(new Date(`${publishedOn}T02:00:00Z`));
  await createReport(ctx, SYSTEM, agencyId, year);
  const detail = await getReport(ctx, agencyId, year);
  const { figureSources: _s, ...edit } = detail.draft!;
  const f = structuredClone(edit.figures);
  const carriedOver = figures.carriedOver ?? 0;
  const withheld = figures.withheld ?? 0;
  const notHeld = figures.notHeld ?? 0;
  const carriedForward = figures.carriedForward ?? 0;
  f.applications.received.natural_person = figures.received;
  f.applications.carried_over.natural_person = carriedOver;
  f.applications['withheld.state_secret'].natural_person = withheld;
  f.applications['unable.not_held'].natural_person = notHeld;
  f.applications.carried_forward.natural_person = carriedForward;
  f.applications.disclosed.natural_person =
    figures.received + carriedOver - withheld - notHeld - carriedForward;
  f.appeals.review.corrected = figures.reviewCorrected ?? 0;
  f.appeals.review.upheld = figures.reviewUpheld ?? 0;
  f.proactive.licensing.decisions = figures.licensing ?? 0;
  await saveDraft(
    ctx,
    SYSTEM,
    agencyId,
    year,
    withNarrative({
      ...edit,
      figures: f,
      caseFigures: { mode: 'manual', reason: '测试：表三、表四手工填写' },
    }),
  );
  await publishReport(ctx, SYSTEM, agencyId, year, {});
}
