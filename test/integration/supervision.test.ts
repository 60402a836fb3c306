/**
 * The supervisor's console on both stores: the region view (state, findings, medians, filters),
 * carry-over-mismatch raised across years and reviewed by fingerprint, region totals equal to
 * an independent sum, exports in the audit trail, and a county's supervisor who sees nothing
 * of another county and no applicant's personal data.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/services/bootstrap.js';
import { loadConfig } from '../../src/services/config.js';
import type { ServiceContext } from '../../src/services/context.js';
import type { Agency } from '../../src/services/organisations.js';
import { TestClient, TestClock, testApp, testContext } from '../support/app.js';
import { makeClerk, personApplication, SYSTEM } from '../support/applications.js';
import { createReport, getReport, saveDraft } from '../../src/services/reports.js';
import { describeEachStore } from '../support/stores.js';
import {
  makeRegions,
  makeSupervisor,
  PROVINCE_TREE,
  publishWithFigures,
  type ReportFigures,
} from '../support/supervision.js';

interface ViewRow {
  agencyId: string;
  agencyName: string;
  state: string;
  daysLate: number | null;
  errors: number;
  warnings: number;
  unreviewed: number;
  confirmed: number;
  worst: { code: string; fingerprint: string }[];
  ratios: { withheldShare: number | null };
}

describeEachStore('the supervision console', (getStore) => {
  let ctx: ServiceContext;
  let clock: TestClock;
  let app: FastifyInstance;
  let agencies: Map<string, Agency>;
  const password = 'Office-pass-2026';
  const id = (name: string) => agencies.get(name)!.id;
  /** The 2025 figures published, kept to sum independently. */
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
    await makeSupervisor(ctx, '980102', 'east-office', password);
    await makeSupervisor(ctx, '980103', 'west-office', password);
    await makeClerk(ctx, id('东县民政局'), 'east-clerk', password);
    await makeClerk(ctx, id('甲市教育局'), 'city-edu-clerk', password);

    // 2024: 甲市教育局 carried 2 forward; 甲市科学技术局 1; 东县教育局 published late; 东县民政局 never.
    await publishWithFigures(ctx, clock, id('甲市教育局'), 2024, '2025-01-15', {
      received: 10,
      carriedForward: 2,
    });
    await publishWithFigures(ctx, clock, id('甲市科学技术局'), 2024, '2025-01-20', {
      received: 4,
      carriedForward: 1,
    });
    await publishWithFigures(ctx, clock, id('东县教育局'), 2024, '2025-02-20', { received: 3 });
    // 2025, published in January 2026.
    const y2025: [string, string, ReportFigures][] = [
      ['甲市教育局', '2026-01-08', { received: 40, carriedOver: 1, withheld: 4, notHeld: 2 }],
      ['甲市科学技术局', '2026-01-09', { received: 5, carriedOver: 1, notHeld: 1 }],
      [
        '东县教育局',
        '2026-01-12',
        { received: 8, withheld: 1, reviewCorrected: 1, reviewUpheld: 1 },
      ],
      ['西县教育局', '2026-01-13', { received: 6, notHeld: 3 }],
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

  it('shows the city and its counties with states, a countdown, and the 2024 late and missing', async () => {
    const office = await signIn('city-office');
    const view = await office.request('GET', '/api/v1/supervision/980100/view?year=2025&sort=name');
    expect(view.statusCode).toBe(200);
    const body = view.json();
    expect(body.countdown).toEqual({ department: 11, government: 70 });
    // The city, its two counties: 4 + 3 + 3 agencies (governments included).
    expect(body.counts.total).toBe(10);
    expect(body.counts.published_on_time).toBe(4);
    expect(body.counts.not_started).toBe(6);
    expect(body.emptyYear).toBe(false);

    const y2024 = (
      await office.request('GET', '/api/v1/supervision/980100/view?year=2024&level=department')
    ).json();
    const rows = y2024.rows as ViewRow[];
    const east = rows.find((r) => r.agencyName === '东县教育局')!;
    expect(east).toMatchObject({ state: 'published_late', daysLate: 20 });
    expect(rows.find((r) => r.agencyName === '东县民政局')).toMatchObject({
      state: 'missing',
      daysLate: 354,
    });
    const late = (
      await office.request('GET', '/api/v1/supervision/980100/view?year=2024&filter=late')
    ).json();
    expect((late.rows as ViewRow[]).map((r) => r.agencyName)).toEqual(['东县教育局']);
    const search = (
      await office.request(
        'GET',
        `/api/v1/supervision/980100/view?year=2025&q=${encodeURIComponent('科学')}`,
      )
    ).json();
    expect((search.rows as ViewRow[]).map((r) => r.agencyName)).toEqual(['甲市科学技术局']);
  });

  it('a year with no reports gives an empty view that says so', async () => {
    const office = await signIn('city-office');
    const view = await office.request('GET', '/api/v1/supervision/980100/view?year=2019');
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ emptyYear: true, matching: 10 });
  });

  it('raises carry-over-mismatch across years, only where the figures differ', async () => {
    const office = await signIn('city-office');
    const rows = (
      await office.request('GET', '/api/v1/supervision/980100/view?year=2025&filter=unreviewed')
    ).json().rows as ViewRow[];
    const jyj = rows.find((r) => r.agencyName === '甲市教育局')!;
    expect(jyj.worst.map((f) => f.code)).toContain('carry-over-mismatch');
    expect(rows.find((r) => r.agencyName === '甲市科学技术局')).toBeUndefined();
    const detail = (
      await office.request('GET', `/api/v1/supervision/980100/agencies/${id('甲市教育局')}/2025`)
    ).json();
    const mismatch = detail.findings.filter(
      (f: { code: string }) => f.code === 'carry-over-mismatch',
    );
    // Natural persons and 总计: 1 carried over, 2 carried forward the year before.
    expect(mismatch.map((f: { location: { column: string } }) => f.location.column)).toEqual([
      'natural_person',
      'total',
    ]);
    expect(mismatch[0].message).toContain('2024年度报告');
  });

  it('a confirmed finding sticks to its fingerprint and the agency sees what to correct', async () => {
    const office = await signIn('city-office');
    const url = `/api/v1/supervision/980100/agencies/${id('甲市教育局')}/2025`;
    const detail = (await office.request('GET', url)).json();
    const finding = detail.findings.find(
      (f: { code: string; location: { column?: string } }) =>
        f.code === 'carry-over-mismatch' && f.location.column === 'total',
    );
    const missing = await office.request('POST', `${url}/reviews`, {
      fingerprint: finding.fingerprint,
      decision: 'confirmed',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('dueOn');
    const noReason = await office.request('POST', `${url}/reviews`, {
      fingerprint: finding.fingerprint,
      decision: 'dismissed',
      reason: ' ',
    });
    expect(noReason.json().error.field).toBe('reason');
    const confirmed = await office.request('POST', `${url}/reviews`, {
      fingerprint: finding.fingerprint,
      decision: 'confirmed',
      reason: '请核对上年结转',
      dueOn: '2026-02-10',
    });
    expect(confirmed.statusCode).toBe(200);
    const after = confirmed.json();
    expect(
      after.findings.find((f: { fingerprint: string }) => f.fingerprint === finding.fingerprint)
        .review,
    ).toMatchObject({ decision: 'confirmed', dueOn: '2026-02-10' });
    const audit = await ctx.store.db
      .selectFrom('audit_log')
      .select(['agency_id'])
      .where('action', '=', 'supervision.finding_confirmed')
      .execute();
    expect(audit).toEqual([{ agency_id: id('甲市教育局') }]);

    // The agency's own people see it; a county supervisor cannot review a city agency.
    const agencyClerk = await signIn('city-edu-clerk');
    const corrections = await agencyClerk.request(
      'GET',
      `/api/v1/agencies/${id('甲市教育局')}/corrections`,
    );
    expect(corrections.json().corrections).toEqual([
      expect.objectContaining({ year: 2025, code: 'carry-over-mismatch', stillRaised: true }),
    ]);
    const county = await signIn('east-office');
    const denied = await county.request(
      'POST',
      `/api/v1/supervision/980100/agencies/${id('甲市教育局')}/2025/reviews`,
      { fingerprint: finding.fingerprint, decision: 'dismissed', reason: '无误' },
    );
    expect(denied.statusCode).toBe(403);
  });

  it('sums the region tables to the independent sum of the reports, each figure traceable', async () => {
    const office = await signIn('city-office');
    const totals = (await office.request('GET', '/api/v1/supervision/980100/totals/2025')).json();
    const sum = (f: (x: ReportFigures) => number) =>
      [...published2025.values()].reduce((s, x) => s + f(x), 0);
    expect(totals.cells['applications.received.total'].value).toBe(sum((x) => x.received));
    expect(totals.cells['applications.received.natural_person'].value).toBe(sum((x) => x.received));
    expect(totals.cells['applications.withheld.state_secret.total'].value).toBe(
      sum((x) => x.withheld ?? 0),
    );
    expect(totals.cells['applications.unable.not_held.total'].value).toBe(
      sum((x) => x.notHeld ?? 0),
    );
    expect(totals.cells['appeals.review.total'].value).toBe(
      sum((x) => (x.reviewCorrected ?? 0) + (x.reviewUpheld ?? 0)),
    );
    expect(totals.reporting).toBe(4);
    const outcomes = Object.fromEntries(
      totals.outcomeMix.map((m: { key: string; value: number }) => [m.key, m.value]),
    );
    expect(outcomes.withheld).toBe(sum((x) => x.withheld ?? 0));
    const trace = (
      await office.request(
        'GET',
        '/api/v1/supervision/980100/totals/2025/cells/applications.received.total',
      )
    ).json();
    expect(
      trace.contributors
        .map((c: { agencyName: string; value: number }) => [c.agencyName, c.value])
        .sort(),
    ).toEqual([...published2025].map(([name, f]) => [name, f.received]).sort());
    // A county's totals hold only its own agencies.
    const east = await signIn('east-office');
    const eastTotals = (await east.request('GET', '/api/v1/supervision/980102/totals/2025')).json();
    expect(eastTotals.cells['applications.received.total'].value).toBe(
      published2025.get('东县教育局')!.received,
    );
  });

  it('exports the dataset as XLSX and CSV, one row per agency, each export audited', async () => {
    const office = await signIn('city-office');
    const before = await ctx.store.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'supervision.export')
      .execute();
    const csv = await office.request('GET', '/api/v1/supervision/980100/dataset/2025.csv');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toContain('applications.received.total');
    const header = lines[0]!.split(',');
    const jyj = lines.find((l) => l.includes('甲市教育局'))!.split(',');
    expect(jyj[header.indexOf('applications.received.total')]).toBe('40');
    const xlsx = await office.request('GET', '/api/v1/supervision/980100/dataset/2025.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const chart = await office.request(
      'GET',
      '/api/v1/supervision/980100/charts/on-time/2025.xlsx',
    );
    expect(chart.statusCode).toBe(200);
    const after = await ctx.store.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'supervision.export')
      .execute();
    expect(after.length - before.length).toBe(3);
  });

  it("judges the workspace's draft against the agency's report of the year before", async () => {
    const agencyId = id('西县教育局');
    await createReport(ctx, SYSTEM, agencyId, 2026);
    const { figureSources: _s, ...edit } = (await getReport(ctx, agencyId, 2026)).draft!;
    const figures = structuredClone(edit.figures);
    figures.applications.carried_over.natural_person = 2;
    figures.applications.received.natural_person = 0;
    figures.applications.disclosed.natural_person = 2;
    const saved = await saveDraft(ctx, SYSTEM, agencyId, 2026, {
      ...edit,
      figures,
      caseFigures: { mode: 'manual', reason: '测试：手工填写' },
    });
    // 2025 carried nothing forward (西县教育局 published 0 结转下年度).
    expect(
      saved.findings.filter((f) => f.code === 'carry-over-mismatch').map((f) => f.location.column),
    ).toEqual(['natural_person', 'total']);
  });

  describe('a county supervisor', () => {
    it("sees nothing of another county and no applicant's personal data", async () => {
      const clerk = await signIn('east-clerk');
      const applicant = personApplication({ name: '保密的申请人', phone: '13900001111' });
      const registered = await clerk.request(
        'POST',
        `/api/v1/agencies/${id('东县民政局')}/applications`,
        { ...applicant, channel: 'letter', receivedOn: '2026-01-19' },
      );
      expect(registered.statusCode).toBe(201);

      const east = await signIn('east-office');
      const own = await east.request('GET', '/api/v1/supervision/980102/view?year=2025');
      expect(own.statusCode).toBe(200);
      const names = (own.json().rows as ViewRow[]).map((r) => r.agencyName).sort();
      expect(names).toEqual(['东县人民政府', '东县教育局', '东县民政局']);
      for (const url of [
        '/api/v1/supervision/980103/view?year=2025',
        '/api/v1/supervision/980103/totals/2025',
        '/api/v1/supervision/980103/dataset/2025.csv',
        '/api/v1/supervision/980103/imports',
        '/api/v1/supervision/980100/view?year=2025',
      ]) {
        const r = await east.request('GET', url);
        expect(r.statusCode, url).toBe(403);
        expect(r.body).not.toContain('西县');
      }
      // A western agency under the east's region path is not found, not shown.
      const sideways = await east.request(
        'GET',
        `/api/v1/supervision/980102/agencies/${id('西县教育局')}/2025`,
      );
      expect(sideways.statusCode).toBe(404);
      expect(sideways.body).not.toContain('西县教育局');

      const totals = await east.request('GET', '/api/v1/supervision/980102/totals/2025');
      expect(totals.json().live.open).toBe(1);
      for (const r of [own, totals]) {
        expect(r.body).not.toContain('保密的申请人');
        expect(r.body).not.toContain('13900001111');
        expect(r.body).not.toContain(applicant.idNumber);
      }
      // Nor can a supervisor read the applications themselves.
      const list = await east.request('GET', `/api/v1/agencies/${id('东县民政局')}/applications`);
      expect(list.statusCode).toBe(403);
    });
  });
});
