/**
 * The supervisor's console, checked against figures computed here: a review that holds across
 * corrected versions by its fingerprint, the live application figures, the medians, and the
 * XLSX export. Both stores.
 */
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Principal } from '../../src/core/auth/roles.js';
import { addDays } from '../../src/core/calendar/date.js';
import { requestApproval } from '../../src/services/applications/approvals.js';
import { registerApplication } from '../../src/services/applications/cases.js';
import { updateSettings } from '../../src/services/applications/settings.js';
import { bootstrap } from '../../src/services/bootstrap.js';
import { loadConfig } from '../../src/services/config.js';
import { REPORT_CELLS } from '../../src/core/report/cells.js';
import type { Actor, ServiceContext } from '../../src/services/context.js';
import type { Agency } from '../../src/services/organisations.js';
import {
  getReport,
  publishReport,
  saveDraft,
  startCorrection,
} from '../../src/services/reports.js';
import { TestClient, TestClock, testApp, testContext } from '../support/app.js';
import { citizenId, makeClerk, personApplication, SYSTEM } from '../support/applications.js';
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

  it('counts the live applications: overdue, due soon, median working days, by agency and month', async () => {
    // Every date below is in January or March 2026, away from any public holiday, so working
    // days are the weekdays: counted here with no calendar of the system's.
    const isWeekday = (d: string) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    const workingDaysBetween = (from: string, to: string) => {
      let n = 0;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWeekday(d)) n++;
      return n;
    };
    const addWorkingDays = (from: string, n: number) => {
      let d = from;
      for (let left = n; left > 0;) {
        d = addDays(d, 1);
        if (isWeekday(d)) left--;
      }
      return d;
    };
    const median = (xs: number[]) => {
      if (xs.length === 0) return null;
      const s = [...xs].sort((a, b) => a - b);
      const m = Math.floor(s.length / 2);
      return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
    };
    const today = '2026-03-31';
    type Plan = { agency: string; receivedOn: string; repliedOn: string | null };
    const plans: Plan[] = [
      { agency: '西县教育局', receivedOn: '2026-01-06', repliedOn: null },
      { agency: '西县教育局', receivedOn: '2026-03-02', repliedOn: null },
      { agency: '西县教育局', receivedOn: '2026-03-02', repliedOn: '2026-03-20' },
      { agency: '西县教育局', receivedOn: '2026-03-23', repliedOn: '2026-03-24' },
      { agency: '东县民政局', receivedOn: '2026-03-05', repliedOn: null },
      { agency: '东县民政局', receivedOn: '2026-03-30', repliedOn: null },
      { agency: '东县民政局', receivedOn: '2026-03-02', repliedOn: '2026-03-09' },
      { agency: '东县民政局', receivedOn: '2026-03-10', repliedOn: '2026-03-12' },
      { agency: '东县民政局', receivedOn: '2026-03-16', repliedOn: '2026-03-27' },
      { agency: '甲市财政局', receivedOn: '2026-03-04', repliedOn: null },
      { agency: '甲市财政局', receivedOn: '2026-01-20', repliedOn: '2026-01-27' },
    ];
    const clerks = new Map<string, Extract<Actor, { kind: 'user' }>>();
    for (const name of new Set(plans.map((p) => p.agency))) {
      const agencyId = id(name);
      const username = `clerk-${clerks.size}`;
      const userId = await makeClerk(ctx, agencyId, username, password);
      const principal: Principal = {
        userId,
        username,
        displayName: username,
        grants: [{ id: 'g', role: 'clerk', agencyId, regionCode: null, reviewLevel: null }],
      };
      clerks.set(name, { kind: 'user', principal });
      await updateSettings(ctx, SYSTEM, agencyId, {
        reviewBody: '',
        court: '甲市人民法院',
        countFrom: 'next_day',
        feeWait: 'excluded',
        extensionLevels: ['section_head'],
        replyLevels: [],
        replyWithholdingLevels: [],
      });
    }
    // Registered and replied in the order of the days, on the day itself.
    const steps: { on: string; run: () => Promise<unknown> }[] = [];
    plans.forEach((p, i) => {
      let applicationId = '';
      steps.push({
        on: p.receivedOn,
        run: async () => {
          const r = await registerApplication(ctx, clerks.get(p.agency)!, id(p.agency), {
            ...(personApplication({
              name: `申请人${i}`,
              idNumber: citizenId(`1101051980010${String(1000 + i).slice(-4)}`),
            }) as Parameters<typeof registerApplication>[3]),
            channel: 'in_person',
            receivedOn: p.receivedOn,
          });
          applicationId = r.application.id;
        },
      });
      if (p.repliedOn)
        steps.push({
          on: p.repliedOn,
          run: () =>
            requestApproval(ctx, clerks.get(p.agency)!, id(p.agency), applicationId, {
              kind: 'reply',
              outcome: 'disclosed',
              legalBasis: '《中华人民共和国政府信息公开条例》',
              reasons: '依法说明的理由',
            }),
        });
    });
    steps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
    for (const step of steps) {
      clock.set(new Date(`${step.on}T02:00:00Z`));
      await step.run();
    }
    clock.set(new Date(`${today}T02:00:00Z`));

    // The figures as the law counts them: 20 working days from the day after receipt.
    const expected = new Map<
      string,
      { open: number; overdue: number; dueSoon: number; days: number[] }
    >();
    for (const p of plans) {
      const e = expected.get(p.agency) ?? { open: 0, overdue: 0, dueSoon: 0, days: [] };
      expected.set(p.agency, e);
      if (p.repliedOn) {
        e.days.push(workingDaysBetween(p.receivedOn, p.repliedOn));
        continue;
      }
      e.open++;
      const due = addWorkingDays(p.receivedOn, 20);
      if (due < today) e.overdue++;
      else if (workingDaysBetween(today, due) <= 3) e.dueSoon++;
    }
    const all = [...expected.values()];
    // The plan is meant to hold each kind at least once.
    expect(all.some((e) => e.overdue > 0) && all.some((e) => e.dueSoon > 0)).toBe(true);

    const office = await signIn('city-office');
    const totals = await office.request('GET', '/api/v1/supervision/980100/totals/2026');
    expect(totals.statusCode).toBe(200);
    const live = totals.json().live;
    expect(live).toMatchObject({
      open: all.reduce((s, e) => s + e.open, 0),
      overdue: all.reduce((s, e) => s + e.overdue, 0),
      dueSoon: all.reduce((s, e) => s + e.dueSoon, 0),
      medianWorkingDays: median(all.flatMap((e) => e.days)),
      uncounted: 0,
    });
    const byAgency = Object.fromEntries(
      (live.agencies as { agencyName: string }[]).map((a) => [a.agencyName, a]),
    );
    expect(Object.keys(byAgency).sort()).toEqual([...expected.keys()].sort());
    for (const [name, e] of expected) {
      expect(byAgency[name], name).toEqual({
        agencyId: id(name),
        agencyName: name,
        open: e.open,
        overdue: e.overdue,
        dueSoon: e.dueSoon,
        medianWorkingDays: median(e.days),
        replies: e.days.length,
      });
    }
    const months = Array.from({ length: 12 }, (_, m) => ({
      month: m + 1,
      count: plans.filter((p) => Number(p.receivedOn.slice(5, 7)) === m + 1).length,
    }));
    expect(totals.json().charts.applicationsByMonth).toEqual(months);
  });

  it("compares each agency with the region's medians computed from the published figures", async () => {
    // Shares of 三（七）总计, and corrected among decided reviews and lawsuits; null without any.
    const ratiosOf = (f: ReportFigures) => {
      const handled = f.received + (f.carriedOver ?? 0) - (f.carriedForward ?? 0);
      const decided = (f.reviewCorrected ?? 0) + (f.reviewUpheld ?? 0);
      return {
        withheldShare: handled > 0 ? (f.withheld ?? 0) / handled : null,
        unableShare: handled > 0 ? (f.notHeld ?? 0) / handled : null,
        correctionRate: decided > 0 ? (f.reviewCorrected ?? 0) / decided : null,
      };
    };
    const median = (xs: (number | null)[]) => {
      const s = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
      if (s.length === 0) return null;
      const m = Math.floor(s.length / 2);
      return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
    };
    type Ratios = ReturnType<typeof ratiosOf>;
    const close = (actual: Ratios, expected: Ratios, what: string) => {
      for (const k of ['withheldShare', 'unableShare', 'correctionRate'] as const) {
        if (expected[k] === null) expect(actual[k], `${what} ${k}`).toBeNull();
        else expect(actual[k], `${what} ${k}`).toBeCloseTo(expected[k]!, 3);
      }
    };
    const ratios = new Map([...published2025].map(([name, f]) => [name, ratiosOf(f)]));
    const medians: Ratios = {
      withheldShare: median([...ratios.values()].map((r) => r.withheldShare)),
      unableShare: median([...ratios.values()].map((r) => r.unableShare)),
      correctionRate: median([...ratios.values()].map((r) => r.correctionRate)),
    };
    // The figures are meant to give every median a value, and different agencies different shares.
    expect(Object.values(medians).every((m) => m !== null)).toBe(true);

    const office = await signIn('city-office');
    const view = (
      await office.request('GET', '/api/v1/supervision/980100/view?year=2025&pageSize=100')
    ).json();
    close(view.medians, medians, 'region');
    const rows = view.rows as { agencyName: string; ratios: Ratios }[];
    for (const [name, expected] of ratios) {
      close(rows.find((r) => r.agencyName === name)!.ratios, expected, name);
    }
    for (const name of ['东县教育局', '西县教育局']) {
      const detail = (
        await office.request('GET', `/api/v1/supervision/980100/agencies/${id(name)}/2025`)
      ).json();
      close(detail.ratios, ratios.get(name)!, name);
      close(detail.medians, medians, `${name} medians`);
    }
  });

  it('exports an XLSX that opens with one row per agency, a column per cell key, the figures published', async () => {
    const office = await signIn('city-office');
    const response = await office.request('GET', '/api/v1/supervision/980100/dataset/2025.xlsx');
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('2025年度')!;
    expect(sheet).toBeDefined();
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    for (const key of REPORT_CELLS.map((c) => c.key)) expect(header, key).toContain(key);
    const column = (name: string) => header.indexOf(name) + 1;
    const rows: Record<string, (key: string) => unknown> = {};
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const agency = String(row.getCell(column('机关')).value);
      expect(rows[agency], `${agency} twice`).toBeUndefined();
      rows[agency] = (key) => row.getCell(column(key)).value;
    }
    // Every agency of the city and its counties, once; not the province's.
    const inCity = PROVINCE_TREE.filter((r) => r.code !== '980000').flatMap((r) => [
      r.government,
      ...r.departments,
    ]);
    expect(Object.keys(rows).sort()).toEqual([...inCity].sort());
    for (const [name, f] of published2025) {
      const cell = rows[name]!;
      const handled = f.received + (f.carriedOver ?? 0) - (f.carriedForward ?? 0);
      const expected: Record<string, number> = {
        'applications.received.natural_person': f.received,
        'applications.received.total': f.received,
        'applications.carried_over.total': f.carriedOver ?? 0,
        'applications.withheld.state_secret.natural_person': f.withheld ?? 0,
        'applications.unable.not_held.total': f.notHeld ?? 0,
        'applications.disclosed.total': handled - (f.withheld ?? 0) - (f.notHeld ?? 0),
        'applications.total.total': handled,
        'appeals.review.corrected': f.reviewCorrected ?? 0,
        'appeals.review.upheld': f.reviewUpheld ?? 0,
        'appeals.review.total': (f.reviewCorrected ?? 0) + (f.reviewUpheld ?? 0),
      };
      for (const [key, value] of Object.entries(expected))
        expect(cell(key), `${name} ${key}`).toBe(value);
    }
    // An agency without a report has its state and no figures.
    const none = rows['甲市人民政府']!;
    expect(none('报告状态')).toBe('未开始');
    for (const key of ['applications.received.total', 'appeals.review.total'])
      expect([null, ''], key).toContain(none(key));
  });
});
