import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/date.js';
import { defaultCalendar } from '../calendar/working-day-calendar.js';
import {
  APPEAL_GROUP_KEYS,
  APPEAL_OUTCOME_KEYS,
  APPLICANT_COLUMN_KEYS,
  OUTCOME_ROW_KEYS,
  type ApplicantColumnKey,
  type OutcomeRowKey,
} from '../report/format.js';
import { buildProactiveTable, zeroProactiveFigures, type ReportTables } from '../report/model.js';
import {
  checkBalance,
  checkColumnTotals,
  checkCompleteness,
  checkCounts,
  checkRowTotals,
} from '../report/table-checks.js';
import type { ApplicationEvent, ApplicationState } from './events.js';
import { applyEvent, initialState } from './state-machine.js';
import {
  appealGroupOf,
  applicantColumnOf,
  caseRecordOf,
  computeAppealsTable,
  computeApplicationTable,
  type AppealRecord,
  type ApplicationCaseRecord,
} from './statistics.js';

const calendar = defaultCalendar();

function tableFindings(tables: Partial<ReportTables>) {
  const all: ReportTables = {
    proactive: buildProactiveTable(zeroProactiveFigures()),
    applications: computeApplicationTable([], 2000).table,
    appeals: computeAppealsTable([], 2000).table,
    ...tables,
  };
  return [
    ...checkCounts(all),
    ...checkCompleteness(all),
    ...checkBalance(all),
    ...checkRowTotals(all),
    ...checkColumnTotals(all),
  ];
}

const record = (
  id: string,
  applicant: ApplicantColumnKey,
  receivedOn: string,
  outcome: OutcomeRowKey | null = null,
  outcomeOn: string | null = null,
): ApplicationCaseRecord => ({ id, applicant, receivedOn, outcome, outcomeOn });

describe('computeApplicationTable by hand', () => {
  const cases = [
    record('old-done', 'natural_person', '2023-11-01', 'disclosed', '2023-12-10'),
    record('old-carried', 'natural_person', '2023-12-20', 'partially_disclosed', '2024-01-15'),
    record('old-still-open', 'commercial', '2023-12-28'),
    record('new-done', 'research', '2024-03-01', 'withheld.state_secret', '2024-03-20'),
    record('new-lapsed', 'natural_person', '2024-06-01', 'other.no_correction', '2024-06-30'),
    record('new-open', 'legal_service', '2024-12-20'),
    record('new-next-year', 'nonprofit', '2024-12-25', 'not_processed.duplicate', '2025-01-10'),
    record('future', 'other', '2025-02-01'),
  ];
  const { table, cases: cells, figures } = computeApplicationTable(cases, 2024);

  it('counts received, carried over, outcomes and carried forward', () => {
    expect(table.received).toMatchObject({
      natural_person: 1,
      research: 1,
      legal_service: 1,
      nonprofit: 1,
      total: 4,
    });
    expect(table.carried_over).toMatchObject({ natural_person: 1, commercial: 1, total: 2 });
    expect(table.partially_disclosed).toMatchObject({ natural_person: 1, total: 1 });
    expect(table['withheld.state_secret']).toMatchObject({ research: 1, total: 1 });
    expect(table['other.no_correction']).toMatchObject({ natural_person: 1, total: 1 });
    expect(table.disclosed?.total).toBe(0);
    expect(table.total).toMatchObject({ natural_person: 2, research: 1, total: 3 });
    expect(table.carried_forward).toMatchObject({
      commercial: 1,
      legal_service: 1,
      nonprofit: 1,
      total: 3,
    });
    expect(figures.received.other).toBe(0);
  });

  it('lists the cases behind every cell', () => {
    expect(cells.carried_over.total).toEqual(['old-carried', 'old-still-open']);
    expect(cells.carried_forward.total).toEqual(['old-still-open', 'new-open', 'new-next-year']);
    expect(cells.total.natural_person).toEqual(['old-carried', 'new-lapsed']);
    expect(cells.received.other).toEqual([]);
  });

  it('validates clean', () => {
    expect(tableFindings({ applications: table })).toEqual([]);
  });

  it('carries 四 of one year into 二 of the next, per column', () => {
    const next = computeApplicationTable(cases, 2025);
    expect(next.table.carried_over).toEqual(table.carried_forward);
    expect(next.cases.carried_over).toEqual(cells.carried_forward);
  });

  it('refuses records that would break the balance, naming the case', () => {
    expect(() =>
      computeApplicationTable(
        [record('x', 'natural_person', '2024-03-01', 'disclosed', '2024-02-01')],
        2024,
      ),
    ).toThrow(/申请记录 x 有误：办结日期 2024-02-01 早于收到日期 2024-03-01/);
    expect(() =>
      computeApplicationTable([record('y', 'natural_person', '2024-03-01', 'disclosed')], 2024),
    ).toThrow(/同时填写或同时为空/);
    expect(() =>
      computeApplicationTable(
        [record('z', 'natural_person', '2024-03-01'), record('z', 'commercial', '2024-03-02')],
        2024,
      ),
    ).toThrow(/申请记录 z 有误：编号重复/);
    expect(() =>
      computeApplicationTable([record('w', 'alien' as never, '2024-03-01')], 2024),
    ).toThrow(/申请人类别/);
  });

  it('maps applicants to columns', () => {
    expect(applicantColumnOf({ type: 'natural_person' })).toBe('natural_person');
    expect(applicantColumnOf({ type: 'organisation', kind: 'legal_service' })).toBe(
      'legal_service',
    );
  });
});

/** Counts written independently of statistics.ts: one predicate per row. */
function independentCount(cases: readonly ApplicationCaseRecord[], year: number) {
  const inYear = (d: string | null) => d !== null && d.startsWith(`${year}-`);
  const before = (d: string) => Number(d.slice(0, 4)) < year;
  const openAtEndOf = (c: ApplicationCaseRecord, y: number) =>
    Number(c.receivedOn.slice(0, 4)) <= y &&
    (c.outcomeOn === null || Number(c.outcomeOn.slice(0, 4)) > y);
  const rows: Record<string, (c: ApplicationCaseRecord) => boolean> = {
    received: (c) => inYear(c.receivedOn),
    carried_over: (c) => before(c.receivedOn) && openAtEndOf(c, year - 1),
    carried_forward: (c) => openAtEndOf(c, year),
    total: (c) => inYear(c.outcomeOn),
  };
  for (const key of OUTCOME_ROW_KEYS) rows[key] = (c) => c.outcome === key && inYear(c.outcomeOn);
  const count = (row: string, column: ApplicantColumnKey | 'total') =>
    cases.filter((c) => rows[row]!(c) && (column === 'total' || c.applicant === column)).length;
  return { rows: Object.keys(rows), count };
}

const arbitraryRecords = fc
  .array(
    fc.record({
      applicant: fc.constantFrom(...APPLICANT_COLUMN_KEYS),
      received: fc.integer({ min: 0, max: 4 * 366 }),
      open: fc.boolean(),
      duration: fc.integer({ min: 0, max: 500 }),
      outcome: fc.constantFrom(...OUTCOME_ROW_KEYS),
    }),
    { maxLength: 200 },
  )
  .map((rows) =>
    rows.map((r, i): ApplicationCaseRecord => {
      const receivedOn = addDays('2022-01-01', r.received);
      return r.open
        ? record(`a${i}`, r.applicant, receivedOn)
        : record(`a${i}`, r.applicant, receivedOn, r.outcome, addDays(receivedOn, r.duration));
    }),
  );

describe('computeApplicationTable on random records', () => {
  it('validates clean, balances, carries over, and each cell equals an independent count', () => {
    fc.assert(
      fc.property(arbitraryRecords, fc.integer({ min: 2022, max: 2025 }), (cases, year) => {
        const { table, cases: cells } = computeApplicationTable(cases, year);
        expect(tableFindings({ applications: table })).toEqual([]);
        const { rows, count } = independentCount(cases, year);
        for (const row of rows) {
          for (const column of [...APPLICANT_COLUMN_KEYS, 'total'] as const) {
            const value = table[row as keyof typeof table]?.[column];
            expect(value, `${row}/${column}`).toBe(count(row, column));
            expect(cells[row as keyof typeof cells][column]).toHaveLength(value as number);
          }
        }
        const next = computeApplicationTable(cases, year + 1);
        expect(next.table.carried_over).toEqual(table.carried_forward);
      }),
      { seed: 2024, numRuns: 200 },
    );
  });
});

/**
 * A year of cases run through the state machine: each takes one of the paths an application
 * can take, on real working-day dates.
 */
const arbitraryHistory = fc
  .record({
    received: fc.integer({ min: 0, max: 700 }),
    path: fc.constantFrom(
      'reply',
      'correction',
      'no_correction',
      'fee_unpaid',
      'withdrawn',
      'open',
      'consult',
    ),
    wait: fc.integer({ min: 0, max: 30 }),
    outcome: fc.constantFrom(
      ...OUTCOME_ROW_KEYS.filter(
        (k) =>
          !k.startsWith('other.no_') && k !== 'other.fee_unpaid' && k !== 'unable.still_unclear',
      ),
    ),
    applicant: fc.constantFrom(...APPLICANT_COLUMN_KEYS),
  })
  .map(({ received, path, wait, outcome, applicant }) => {
    const r = addDays('2024-03-01', received);
    const wd = (n: number) => calendar.addWorkingDays(r, n);
    const reply = (date: string): ApplicationEvent => ({
      type: 'replied',
      date,
      outcome,
      legalBasis: '条例第三十六条',
    });
    const events: ApplicationEvent[] = [{ type: 'received', date: r, channel: 'online' }];
    switch (path) {
      case 'reply':
        events.push(
          reply(wd(wait % 20)),
          { type: 'delivered', date: wd(20) },
          { type: 'closed', date: wd(21) },
        );
        break;
      case 'correction':
        events.push(
          { type: 'correction_requested', date: wd(3), correctBy: wd(18) },
          { type: 'correction_received', date: wd(10) },
          reply(wd(10 + wait)),
        );
        break;
      case 'no_correction':
        events.push(
          { type: 'correction_requested', date: wd(2), correctBy: wd(12) },
          { type: 'correction_lapsed', date: wd(13 + wait) },
        );
        break;
      case 'fee_unpaid':
        events.push(
          {
            type: 'fee_notice_issued',
            date: wd(5),
            method: 'items',
            amountFen: 10000,
            deliveredOn: wd(6),
          },
          { type: 'fee_lapsed', date: wd(27 + wait) },
        );
        break;
      case 'withdrawn':
        events.push({ type: 'withdrawn', date: wd(wait) });
        break;
      case 'consult':
        events.push(
          { type: 'consultation_started', date: wd(4), consultationId: 'T', party: 'third_party' },
          { type: 'consultation_answered', date: wd(4 + (wait % 16)), consultationId: 'T' },
        );
        break;
      case 'open':
        break;
    }
    return { applicant, events };
  });

describe('a year of applications run through the state machine', () => {
  it('gives tables that validate clean and equal an independent count', () => {
    fc.assert(
      fc.property(fc.array(arbitraryHistory, { minLength: 1, maxLength: 120 }), (histories) => {
        const records = histories.map((h, i) => {
          let state: ApplicationState = initialState();
          for (const e of h.events) {
            const next = applyEvent(state, e, calendar);
            if (!next.ok) throw new Error(`${e.type}: ${next.error.message}`);
            state = next.state;
          }
          return caseRecordOf(`c${i}`, h.applicant, state)!;
        });
        for (const year of [2024, 2025]) {
          const { table } = computeApplicationTable(records, year);
          expect(tableFindings({ applications: table })).toEqual([]);
          const { rows, count } = independentCount(records, year);
          for (const row of rows) {
            expect(table[row as keyof typeof table]?.total, row).toBe(count(row, 'total'));
          }
        }
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it('has no record before receipt', () => {
    expect(caseRecordOf('x', 'natural_person', initialState())).toBeNull();
  });
});

const appeal = (
  id: string,
  kind: AppealRecord['kind'],
  filedOn: string,
  outcome: AppealRecord['outcome'] = 'pending',
  decidedOn: string | null = null,
  afterReview = false,
): AppealRecord => ({ id, kind, afterReview, filedOn, outcome, decidedOn });

describe('computeAppealsTable', () => {
  const appeals = [
    appeal('r1', 'review', '2024-02-01', 'upheld', '2024-04-01'),
    appeal('r2', 'review', '2024-11-20', 'corrected', '2025-01-15'), // decided after year end
    appeal('r3', 'review', '2024-05-01'),
    appeal('r0', 'review', '2023-12-01', 'upheld', '2024-02-01'), // filed the year before
    appeal('l1', 'lawsuit', '2024-03-01', 'other', '2024-09-01'),
    appeal('l2', 'lawsuit', '2024-06-01', 'corrected', '2024-12-31', true),
    appeal('l3', 'lawsuit', '2025-01-02', 'upheld', '2025-03-01', true),
  ];

  it('counts each appeal in the year it was filed, under its result as of 31 December', () => {
    const { table, cases } = computeAppealsTable(appeals, 2024);
    expect(table).toEqual({
      review: { upheld: 1, corrected: 0, other: 0, pending: 2, total: 3 },
      litigation_direct: { upheld: 0, corrected: 0, other: 1, pending: 0, total: 1 },
      litigation_after_review: { upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 },
    });
    expect(cases.review.pending).toEqual(['r2', 'r3']);
    expect(cases.review.total).toEqual(['r1', 'r2', 'r3']);
    expect(tableFindings({ appeals: table })).toEqual([]);
    expect(computeAppealsTable(appeals, 2023).table.review).toMatchObject({ pending: 1, total: 1 });
    expect(computeAppealsTable(appeals, 2025).table.litigation_after_review).toMatchObject({
      upheld: 1,
      total: 1,
    });
  });

  it('places reviews and the two kinds of lawsuit', () => {
    expect(appealGroupOf({ kind: 'review', afterReview: true })).toBe('review');
    expect(appealGroupOf({ kind: 'lawsuit', afterReview: false })).toBe('litigation_direct');
    expect(appealGroupOf({ kind: 'lawsuit', afterReview: true })).toBe('litigation_after_review');
  });

  it('refuses inconsistent records', () => {
    expect(() =>
      computeAppealsTable([appeal('a', 'review', '2024-01-01', 'upheld')], 2024),
    ).toThrow(/复议诉讼记录 a 有误：.*应填写审结日期/);
    expect(() =>
      computeAppealsTable([appeal('b', 'review', '2024-02-01', 'upheld', '2024-01-01')], 2024),
    ).toThrow(/早于申请或起诉日期/);
    expect(() =>
      computeAppealsTable(
        [appeal('c', 'review', '2024-02-01'), appeal('c', 'review', '2024-02-02')],
        2024,
      ),
    ).toThrow(/编号重复/);
  });

  it('equals an independent count on random appeals', () => {
    const arbitraryAppeals = fc
      .array(
        fc.record({
          kind: fc.constantFrom('review' as const, 'lawsuit' as const),
          afterReview: fc.boolean(),
          filed: fc.integer({ min: 0, max: 3 * 366 }),
          decided: fc.option(fc.integer({ min: 0, max: 400 })),
          outcome: fc.constantFrom('upheld' as const, 'corrected' as const, 'other' as const),
        }),
        { maxLength: 100 },
      )
      .map((rows) =>
        rows.map((r, i) => {
          const filedOn = addDays('2023-01-01', r.filed);
          return r.decided === null
            ? appeal(`p${i}`, r.kind, filedOn, 'pending', null, r.afterReview)
            : appeal(
                `p${i}`,
                r.kind,
                filedOn,
                r.outcome,
                addDays(filedOn, r.decided),
                r.afterReview,
              );
        }),
      );
    fc.assert(
      fc.property(arbitraryAppeals, fc.integer({ min: 2023, max: 2025 }), (list, year) => {
        const { table } = computeAppealsTable(list, year);
        expect(tableFindings({ appeals: table })).toEqual([]);
        for (const group of APPEAL_GROUP_KEYS) {
          const mine = list.filter(
            (a) => a.filedOn.startsWith(`${year}-`) && appealGroupOf(a) === group,
          );
          for (const column of APPEAL_OUTCOME_KEYS) {
            const expected = mine.filter((a) =>
              column === 'pending'
                ? a.decidedOn === null || Number(a.decidedOn.slice(0, 4)) > year
                : a.outcome === column &&
                  a.decidedOn !== null &&
                  Number(a.decidedOn.slice(0, 4)) === year,
            ).length;
            expect(table[group]?.[column], `${group}/${column}`).toBe(expected);
          }
          expect(table[group]?.total).toBe(mine.length);
        }
      }),
      { seed: 44, numRuns: 200 },
    );
  });
});
