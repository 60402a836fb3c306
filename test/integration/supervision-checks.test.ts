/**
 * The supervisor's console, checked against figures computed here: a review that holds across
 * corrected versions by its fingerprint, the live application figures, the medians, and the
 * XLSX export. Both stores.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bootstrap } from '../../src/services/bootstrap.js';
import { loadConfig } from '../../src/services/config.js';
import type { ServiceContext } from '../../src/services/context.js';
import type { Agency } from '../../src/services/organisations.js';
import {
  getReport,
  publishReport,
  saveDraft,
  startCorrection,
} from '../../src/services/reports.js';
import { TestClient, TestClock, testApp, testContext } from '../support/app.js';
import { makeClerk, SYSTEM } from '../support/applications.js';
import { withNarrative } from '../support/report-narrative.js';
import { describeEachStore } from '../support/stores.js';
import {
  makeRegions,
  makeSupervisor,
  PROVINCE_TREE,
  publishWithFigures,
  type ReportFigures,
} from '../support/supervision.js';

interface Finding {
  code: string;
  fingerprint: string;
  location: { column?: string };
  review: { decision: string; dueOn: string | null } | null;
}

describeEachStore('the supervision console against figures computed here', (getStore) => {
  let ctx: ServiceContext;
  let clock: TestClock;
  let app: FastifyInstance;
  let agencies: Map<string, Agency>;
  const password = 'Office-pass-2026';
  const id = (name: string) => agencies.get(name)!.id;
  /** The 2025 figures as they stand published, by agency name. */
  const published2025 = new Map<string, ReportFigures>();

  beforeAll(async () => {
    clock = new TestClock(new Date('2025-01-10T02:00:00Z'));
    ctx = testContext(getStore().store, clock);
    await bootstrap(
      ctx,
      loadConfig({ GONGKAI_DEMO: '0', GONGKAI_ADMIN_PASSWORD: 'First-pass-2026' }, '/tmp'),
    );
    agencies = await makeRegions(ctx, PROVINCE_TREE);
    await makeSupervisor(ctx, '980100', 'city-office', password);
    await makeClerk(ctx, id('甲市教育局'), 'city-edu-clerk', password);
    await publishWithFigures(ctx, clock, id('甲市教育局'), 2024, '2025-01-15', {
      received: 10,
      carriedForward: 2,
    });
    const y2025: [string, string, ReportFigures][] = [
      ['甲市教育局', '2026-01-08', { received: 40, carriedOver: 1, withheld: 4, notHeld: 2 }],
      ['甲市科学技术局', '2026-01-09', { received: 5, notHeld: 1 }],
      [
        '东县教育局',
        '2026-01-12',
        { received: 8, withheld: 1, reviewCorrected: 1, reviewUpheld: 3 },
      ],
      ['西县教育局', '2026-01-13', { received: 6, notHeld: 3, reviewUpheld: 2 }],
      ['东县民政局', '2026-01-14', { received: 12, withheld: 3, notHeld: 3 }],
    ];
    for (const [name, on, figures] of y2025) {
      await publishWithFigures(ctx, clock, id(name), 2025, on, figures);
      published2025.set(name, figures);
    }
    clock.set(new Date('2026-01-20T02:00:00Z'));
    app = await testApp(ctx);
  });
  afterAll(async () => app?.close());

  async function signIn(username: string): Promise<TestClient> {
    const client = new TestClient(app);
    await client.loginReady(username, password);
    return client;
  }

  /** Publishes a corrected version of an agency's report with these figures of table 三. */
  async function correct(name: string, year: number, figures: ReportFigures): Promise<void> {
    const agencyId = id(name);
    await startCorrection(ctx, SYSTEM, agencyId, year);
    const { figureSources: _s, ...edit } = (await getReport(ctx, agencyId, year)).draft!;
    const f = structuredClone(edit.figures);
    const carriedOver = figures.carriedOver ?? 0;
    const withheld = figures.withheld ?? 0;
    const notHeld = figures.notHeld ?? 0;
    f.applications.received.natural_person = figures.received;
    f.applications.carried_over.natural_person = carriedOver;
    f.applications['withheld.state_secret'].natural_person = withheld;
    f.applications['unable.not_held'].natural_person = notHeld;
    f.applications.disclosed.natural_person = figures.received + carriedOver - withheld - notHeld;
    await saveDraft(ctx, SYSTEM, agencyId, year, withNarrative({ ...edit, figures: f }));
    await publishReport(ctx, SYSTEM, agencyId, year, { correctionReason: '更正表三数字' });
    if (year === 2025) published2025.set(name, figures);
  }

  it('a confirmed review holds across corrected versions until the finding is gone', async () => {
    const office = await signIn('city-office');
    const clerk = await signIn('city-edu-clerk');
    const url = `/api/v1/supervision/980100/agencies/${id('甲市教育局')}/2025`;
    const totalMismatch = (findings: Finding[]) =>
      findings.find((f) => f.code === 'carry-over-mismatch' && f.location.column === 'total');
    const first = totalMismatch((await office.request('GET', url)).json().findings)!;
    expect(first.review).toBeNull();
    const confirmed = await office.request('POST', `${url}/reviews`, {
      fingerprint: first.fingerprint,
      decision: 'confirmed',
      reason: '上年结转应为2件',
      dueOn: '2026-02-10',
    });
    expect(confirmed.statusCode).toBe(200);

    // A corrected version that changes other figures but still carries 1 over.
    await correct('甲市教育局', 2025, { received: 41, carriedOver: 1, withheld: 4, notHeld: 2 });
    const v2 = (await office.request('GET', url)).json();
    expect(v2.version).toBe(2);
    const still = totalMismatch(v2.findings)!;
    expect(still.fingerprint).toBe(first.fingerprint);
    expect(still.review).toMatchObject({ decision: 'confirmed', dueOn: '2026-02-10' });
    const pending = (
      await clerk.request('GET', `/api/v1/agencies/${id('甲市教育局')}/corrections`)
    ).json().corrections;
    expect(pending).toEqual([
      expect.objectContaining({ year: 2025, code: 'carry-over-mismatch', stillRaised: true }),
    ]);

    // A version that carries over the 2 of 2024: the finding is gone, the history stays.
    await correct('甲市教育局', 2025, { received: 41, carriedOver: 2, withheld: 4, notHeld: 2 });
    const v3 = (await office.request('GET', url)).json();
    expect(v3.version).toBe(3);
    expect(v3.findings.filter((f: Finding) => f.code === 'carry-over-mismatch')).toEqual([]);
    expect(v3.history).toEqual([
      expect.objectContaining({
        fingerprint: first.fingerprint,
        decision: 'confirmed',
        reason: '上年结转应为2件',
      }),
    ]);
    const done = (
      await clerk.request('GET', `/api/v1/agencies/${id('甲市教育局')}/corrections`)
    ).json().corrections;
    expect(done).toEqual([
      expect.objectContaining({ year: 2025, code: 'carry-over-mismatch', stillRaised: false }),
    ]);
  });
});
