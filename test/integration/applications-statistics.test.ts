/**
 * A year and more of generated cases, run through the services day by day as a clerk would,
 * produce tables 三 and 四 whose every cell equals a count made here, independently, from the
 * generated plan; the annual report built from them validates without errors, its computed
 * figures are locked, and a published version is never recomputed.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Principal } from '../../src/core/auth/roles.js';
import { addDays } from '../../src/core/calendar/date.js';
import {
  APPEAL_GROUP_KEYS,
  APPEAL_OUTCOME_KEYS,
  APPLICANT_COLUMN_KEYS,
  OUTCOME_ROW_KEYS,
  type AppealGroupKey,
  type AppealOutcomeKey,
  type ApplicantColumnKey,
  type OutcomeRowKey,
} from '../../src/core/report/format.js';
import { createAppeal, updateAppeal } from '../../src/services/applications/appeals.js';
import { requestApproval } from '../../src/services/applications/approvals.js';
import { recordEvent, registerApplication } from '../../src/services/applications/cases.js';
import type { Actor, ServiceContext } from '../../src/services/context.js';
import { updateSettings } from '../../src/services/applications/settings.js';
import { createReport, getReport, publishReport, saveDraft } from '../../src/services/reports.js';
import { TestClock, testContext } from '../support/app.js';
import {
  agencyIdByName,
  citizenId,
  CREDIT_CODE,
  makeClerk,
  personApplication,
  SYSTEM,
} from '../support/applications.js';
import { withNarrative } from '../support/report-narrative.js';
import { describeEachStore } from '../support/stores.js';
import { bootstrapDemo } from '../support/accounts.js';

/** mulberry32: a small seeded generator, so the "random" year is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Fate = 'reply' | 'no_correction' | 'fee_unpaid' | 'withdrawn' | 'open';

interface Plan {
  key: number;
  column: ApplicantColumnKey;
  receivedOn: string;
  fate: Fate;
  outcome: OutcomeRowKey | null;
  outcomeOn: string | null;
  appeal: {
    kind: 'review' | 'lawsuit';
    afterReview: boolean;
    filedOn: string;
    outcome: AppealOutcomeKey;
    decidedOn: string | null;
  } | null;
}

type Step = { date: string; plan: Plan; run: () => Promise<void> };

const REPLY_OUTCOMES = OUTCOME_ROW_KEYS.filter(
  (k) => k !== 'other.no_correction' && k !== 'other.fee_unpaid' && k !== 'unable.still_unclear',
);
const TODAY = '2026-12-18';
const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();

function generate(next: () => number, count: number): Plan[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const plans: Plan[] = [];
  for (let key = 0; key < count; key++) {
    let receivedOn = addDays('2025-01-02', Math.floor(next() * 680));
    while (weekday(receivedOn) === 0 || weekday(receivedOn) === 6)
      receivedOn = addDays(receivedOn, 1);
    const column = pick(APPLICANT_COLUMN_KEYS);
    const roll = next();
    const fate: Fate =
      receivedOn > '2026-11-20' || roll < 0.1
        ? 'open'
        : roll < 0.72
          ? 'reply'
          : roll < 0.82
            ? 'no_correction'
            : roll < 0.9
              ? 'fee_unpaid'
              : 'withdrawn';
    let outcome: OutcomeRowKey | null = null;
    let outcomeOn: string | null = null;
    switch (fate) {
      case 'reply':
        outcome = pick(REPLY_OUTCOMES);
        outcomeOn = addDays(receivedOn, 1 + Math.floor(next() * 20));
        break;
      case 'no_correction':
        outcome = 'other.no_correction';
        outcomeOn = addDays(receivedOn, 16);
        break;
      case 'fee_unpaid':
        outcome = 'other.fee_unpaid';
        outcomeOn = addDays(receivedOn, 50);
        break;
      case 'withdrawn':
        outcome = 'other.other';
        outcomeOn = addDays(receivedOn, 3);
        break;
      case 'open':
        break;
    }
    let appeal: Plan['appeal'] = null;
    if (fate === 'reply' && outcomeOn && outcomeOn < '2026-10-01' && next() < 0.3) {
      const filedOn = addDays(outcomeOn, 10 + Math.floor(next() * 40));
      const appealOutcome = pick(APPEAL_OUTCOME_KEYS);
      appeal = {
        kind: next() < 0.6 ? 'review' : 'lawsuit',
        afterReview: false,
        filedOn,
        outcome: appealOutcome,
        decidedOn: appealOutcome === 'pending' ? null : addDays(filedOn, Math.floor(next() * 120)),
      };
      if (appeal.kind === 'lawsuit') appeal.afterReview = next() < 0.5;
      if (appeal.decidedOn && appeal.decidedOn > TODAY) appeal.decidedOn = TODAY;
    }
    plans.push({ key, column, receivedOn, fate, outcome, outcomeOn, appeal });
  }
  return plans;
}

/** The expected table 三 of `year`, counted from the plan. */
function expectedTable(plans: readonly Plan[], year: number) {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const rows = ['received', 'carried_over', ...OUTCOME_ROW_KEYS, 'carried_forward'] as const;
  const table = Object.fromEntries(
    rows.map((r) => [r, Object.fromEntries(APPLICANT_COLUMN_KEYS.map((c) => [c, 0]))]),
  ) as Record<(typeof rows)[number], Record<ApplicantColumnKey, number>>;
  for (const p of plans) {
    if (p.receivedOn > end) continue;
    if (p.receivedOn >= start) table.received[p.column]++;
    else if (!p.outcomeOn || p.outcomeOn >= start) table.carried_over[p.column]++;
    if (p.outcome && p.outcomeOn && p.outcomeOn >= start && p.outcomeOn <= end) {
      table[p.outcome][p.column]++;
    }
    if (!p.outcomeOn || p.outcomeOn > end) table.carried_forward[p.column]++;
  }
  return table;
}

function expectedAppeals(plans: readonly Plan[], year: number) {
  const table = Object.fromEntries(
    APPEAL_GROUP_KEYS.map((g) => [g, Object.fromEntries(APPEAL_OUTCOME_KEYS.map((o) => [o, 0]))]),
  ) as Record<AppealGroupKey, Record<AppealOutcomeKey, number>>;
  for (const { appeal: a } of plans) {
    if (!a || !a.filedOn.startsWith(String(year))) continue;
    const group: AppealGroupKey =
      a.kind === 'review'
        ? 'review'
        : a.afterReview
          ? 'litigation_after_review'
          : 'litigation_direct';
    const decided = a.decidedOn !== null && a.decidedOn <= `${year}-12-31`;
    table[group][decided ? a.outcome : 'pending']++;
  }
  return table;
}

describeEachStore('statistics: a generated year of cases into tables 三 and 四', (getStore) => {
  let ctx: ServiceContext;
  let agencyId: string;
  let clerk: Extract<Actor, { kind: 'user' }>;
  const clock = new TestClock(new Date('2025-01-01T02:00:00Z'));
  const plans = generate(random(20_260_302), 90);

  beforeAll(async () => {
    ctx = testContext(getStore().store, clock);
    await bootstrapDemo(ctx);
    agencyId = await agencyIdByName(ctx, '示范市科学技术局');
    const userId = await makeClerk(ctx, agencyId, 'wang', 'Stat-pass-2026', '王经办');
    const principal: Principal = {
      userId,
      username: 'wang',
      displayName: '王经办',
      grants: [{ id: 'g', role: 'clerk', agencyId, regionCode: null, reviewLevel: null }],
    };
    clerk = { kind: 'user', principal };
    // Replies go straight out in this agency: no review level for replies (the default).
    await updateSettings(ctx, SYSTEM, agencyId, {
      reviewBody: '',
      court: '示范市中心区人民法院',
      countFrom: 'next_day',
      feeWait: 'excluded',
      extensionLevels: ['section_head'],
      replyLevels: [],
      replyWithholdingLevels: [],
    });

    const ids = new Map<number, string>();
    const steps: Step[] = [];
    for (const plan of plans) {
      const id = () => ids.get(plan.key)!;
      const event = (body: Parameters<typeof recordEvent>[4]) =>
        recordEvent(ctx, clerk, agencyId, id(), body).then(() => undefined);
      steps.push({
        date: plan.receivedOn,
        plan,
        run: async () => {
          const organisation = plan.column !== 'natural_person';
          const r = await registerApplication(ctx, clerk, agencyId, {
            ...(personApplication({
              name: `申请人${plan.key}`,
              idNumber: citizenId(`1101051980010${String(1000 + plan.key).slice(-4)}`),
              ...(organisation
                ? {
                    applicantType: 'organisation',
                    organisationKind: plan.column,
                    idNumber: CREDIT_CODE,
                    legalRepresentative: '法人',
                  }
                : {}),
            }) as Parameters<typeof registerApplication>[3]),
            channel: 'in_person',
            receivedOn: plan.receivedOn,
          });
          ids.set(plan.key, r.application.id);
        },
      });
      const d = (n: number) => addDays(plan.receivedOn, n);
      switch (plan.fate) {
        case 'reply':
          steps.push({
            date: plan.outcomeOn!,
            plan,
            run: () =>
              requestApproval(ctx, clerk, agencyId, id(), {
                kind: 'reply',
                outcome: plan.outcome!,
                legalBasis: '《中华人民共和国政府信息公开条例》',
              }).then(() => undefined),
          });
          break;
        case 'no_correction':
          steps.push({
            date: d(1),
            plan,
            run: () =>
              event({ type: 'correction_requested', date: d(1), correctBy: d(15), note: '请补正' }),
          });
          steps.push({
            date: d(16),
            plan,
            run: () => event({ type: 'correction_lapsed', date: d(16) }),
          });
          break;
        case 'fee_unpaid':
          steps.push({
            date: d(1),
            plan,
            run: () =>
              event({
                type: 'fee_notice_issued',
                date: d(1),
                method: 'pages',
                quantity: 60,
                deliveredOn: d(1),
              }),
          });
          steps.push({
            date: d(50),
            plan,
            run: () => event({ type: 'fee_lapsed', date: d(50) }),
          });
          break;
        case 'withdrawn':
          steps.push({
            date: d(3),
            plan,
            run: () => event({ type: 'withdrawn', date: d(3), note: '申请人撤回' }),
          });
          break;
        case 'open':
          break;
      }
      const appeal = plan.appeal;
      if (appeal) {
        let appealId = '';
        const fields = {
          kind: appeal.kind,
          afterReview: appeal.afterReview,
          filedOn: appeal.filedOn,
          body: appeal.kind === 'review' ? '示范市人民政府' : '示范市人民法院',
        };
        steps.push({
          date: appeal.filedOn,
          plan,
          run: async () => {
            appealId = (
              await createAppeal(ctx, clerk, agencyId, {
                applicationId: id(),
                ...fields,
                outcome: 'pending',
              })
            ).id;
          },
        });
        if (appeal.decidedOn) {
          steps.push({
            date: appeal.decidedOn,
            plan,
            run: async () => {
              await updateAppeal(ctx, clerk, agencyId, appealId, {
                ...fields,
                outcome: appeal.outcome,
                decidedOn: appeal.decidedOn,
              });
            },
          });
        }
      }
    }
    // Day by day, as it happened.
    steps.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    for (const step of steps) {
      clock.set(new Date(`${step.date}T02:00:00Z`));
      await step.run();
    }
    clock.set(new Date(`${TODAY}T02:00:00Z`));
  }, 120_000);

  it('covers every fate and both years', () => {
    expect(new Set(plans.map((p) => p.fate)).size).toBe(5);
    expect(
      plans.some(
        (p) => p.receivedOn < '2026-01-01' && (!p.outcomeOn || p.outcomeOn >= '2026-01-01'),
      ),
    ).toBe(true);
    expect(plans.filter((p) => p.appeal).length).toBeGreaterThan(3);
  });

  for (const year of [2025, 2026]) {
    it(`table 三 and 四 of ${year} equal the independent count, cell by cell, and validate clean`, async () => {
      const detail = await createReport(ctx, SYSTEM, agencyId, year);
      const figures = detail.draft!.figures;
      expect(figures.applications).toEqual(expectedTable(plans, year));
      expect(figures.appeals).toEqual(expectedAppeals(plans, year));
      expect(detail.draft!.figureSources['applications.received.natural_person']).toMatchObject({
        kind: 'computed',
      });
      const tableCodes = detail.findings.filter((f) =>
        [
          'balance',
          'row-total',
          'column-total',
          'negative-or-fraction',
          'missing-row',
          'missing-column',
        ].includes(f.code),
      );
      expect(tableCodes).toEqual([]);
      // A fresh draft has no narrative yet (missing-section for 一、五、六); the tables are clean.
      expect(
        detail.findings.filter((f) => f.severity === 'error' && f.code !== 'missing-section'),
      ).toEqual([]);
    });
  }

  it('carries over: 四 of 2025 equals 二 of 2026 in every column', async () => {
    const y2025 = expectedTable(plans, 2025);
    const y2026 = expectedTable(plans, 2026);
    expect(y2025.carried_forward).toEqual(y2026.carried_over);
    expect(Object.values(y2026.carried_over).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('locks the computed figures, and never recomputes a published version', async () => {
    const detail = await getReport(ctx, agencyId, 2025);
    const { figureSources: _sources, ...edit } = detail.draft!;
    const changed = structuredClone(edit);
    changed.figures.applications.received.natural_person += 1;
    await expect(saveDraft(ctx, SYSTEM, agencyId, 2025, changed)).rejects.toMatchObject({
      code: 'conflict',
    });
    // An agency that came to gongkai mid-year may type tables 三/四 by hand, with a reason…
    await expect(
      saveDraft(ctx, SYSTEM, agencyId, 2025, { ...changed, caseFigures: { mode: 'manual' } }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: { field: 'caseFigures.reason' },
    });
    const manual = await saveDraft(ctx, SYSTEM, agencyId, 2025, {
      ...changed,
      caseFigures: { mode: 'manual', reason: '本机关自2025年7月起使用本系统，此前的申请未录入' },
    });
    expect(manual.report.tables.applications.received!.natural_person).toBe(
      detail.report.tables.applications.received!.natural_person! + 1,
    );
    expect(manual.draft!.figureSources['applications.received.natural_person']).toMatchObject({
      kind: 'manual',
    });
    expect(Object.values(manual.draft!.figureSources).some((s) => s.kind === 'computed')).toBe(
      false,
    );
    // …and return to the records, which are computed and locked again.
    const back = await saveDraft(
      ctx,
      SYSTEM,
      agencyId,
      2025,
      withNarrative({ ...edit, caseFigures: { mode: 'records' } }),
    );
    expect(back.report.tables.applications).toEqual(detail.report.tables.applications);
    expect(back.draft!.figureSources['applications.received.natural_person']).toMatchObject({
      kind: 'computed',
    });
    const published = await publishReport(ctx, SYSTEM, agencyId, 2025, {});
    const before = published.report.tables.applications;
    // A late record for 2025 changes the records, not the published report.
    clock.set(new Date(`${TODAY}T02:00:00Z`));
    await registerApplication(ctx, clerk, agencyId, {
      ...(personApplication({ name: '补录' }) as Parameters<typeof registerApplication>[3]),
      channel: 'letter',
      receivedOn: '2025-12-30',
    });
    const after = await getReport(ctx, agencyId, 2025);
    expect(after.report.tables.applications).toEqual(before);
  });
});
