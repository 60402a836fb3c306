/**
 * The split of digits run together, against a plain model of it: the walk as it was written
 * before it was counted (88bc54d^) — every call made, one step each, the splits in the order
 * found — and the row's readings with every figure's splits made again each time they are
 * needed. splitsOf counts a long run's walk instead of making it (walkCounts) and a row keeps
 * each figure's splits; both must give the same splits in the same order, leave the budget
 * where the plain walk leaves it and fail the same way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STRUCTURE_BUDGET } from './index.js';
import type { Budget, Reading } from './readings.js';
import {
  MAX_DIGITS,
  MAX_READINGS,
  runTogetherReadings,
  splitsOf,
  wholeFigure,
  type Splits,
} from './readings-split.js';
import type { FigureToken } from './stream.js';

/** The widest row the reader splits: the appeals table's fifteen cells as one (readTemplate). */
const WIDEST = 15;
/** The longest run splitsOf splits (a longer one has no split: it returns at once). */
const LONGEST = WIDEST * MAX_DIGITS;

/** The walk as it was before it was counted: every call made, one step a call. */
function plainSplits(digits: string, parts: number, budget: Budget, column: number): Splits | null {
  const out: Splits = { count: 0, parts, values: [], columns: [], steps: 0 };
  const values = new Array<number>(parts).fill(0);
  const starts = new Array<number>(parts).fill(0);
  const walk = (start: number, left: number, k: number): boolean => {
    if (--budget.steps < 0 || out.count > MAX_READINGS) return false;
    if (left === 1) {
      const length = digits.length - start;
      if (length <= MAX_DIGITS && (length === 1 || digits[start] !== '0')) {
        values[k] = Number(digits.slice(start));
        starts[k] = column + start;
        for (let j = 0; j < parts; j++) {
          out.values.push(values[j]!);
          out.columns.push(starts[j]!);
        }
        out.count++;
      }
      return true;
    }
    const maxLen = digits[start] === '0' ? 1 : MAX_DIGITS;
    for (let len = 1; len <= maxLen && start + len <= digits.length - (left - 1); len++) {
      values[k] = Number(digits.slice(start, start + len));
      starts[k] = column + start;
      if (!walk(start + len, left - 1, k + 1)) return false;
    }
    return true;
  };
  if (digits.length < parts || digits.length > parts * MAX_DIGITS) return out;
  return walk(0, parts, 0) ? out : null;
}

/**
 * A row's readings as the plain model makes them: the cells distributed over the figures
 * every way (one step a call), every figure's splits made again each time they are needed.
 */
function plainRow(
  figures: readonly FigureToken[],
  width: number,
  holds: (values: readonly number[]) => boolean,
  budget: Budget,
  out: Reading[],
): boolean {
  const parts = new Array<number>(figures.length).fill(1);
  const cells: { value: number; figure: FigureToken; column: number }[] = [];
  const combine = (i: number): boolean => {
    if (i === figures.length) {
      if (holds(cells.map((c) => c.value)))
        out.push(
          cells.map(({ value, figure: f, column }) => ({
            value,
            at: { line: f.line, cell: f.cell, column },
          })),
        );
      return out.length <= MAX_READINGS;
    }
    const f = figures[i]!;
    const splits =
      parts[i] !== 1
        ? plainSplits(f.raw, parts[i]!, budget, f.column)
        : wholeFigure(f.raw)
          ? { count: 1, parts: 1, values: [Number(f.raw)], columns: [f.column], steps: 0 }
          : { count: 0, parts: 1, values: [], columns: [], steps: 0 };
    if (splits === null) return false;
    for (let k = 0; k < splits.count; k++) {
      for (let j = 0; j < splits.parts; j++) {
        const at = k * splits.parts + j;
        cells.push({ value: splits.values[at]!, figure: f, column: splits.columns[at]! });
      }
      if (!combine(i + 1)) return false;
      cells.length -= splits.parts;
    }
    return true;
  };
  const distribute = (i: number, left: number): boolean => {
    if (--budget.steps < 0 || out.length > MAX_READINGS) return false;
    if (i === figures.length - 1) {
      parts[i] = left + 1;
      return combine(0);
    }
    for (let extra = 0; extra <= left; extra++) {
      parts[i] = extra + 1;
      if (!distribute(i + 1, left - extra)) return false;
    }
    return true;
  };
  return distribute(0, width - figures.length);
}

/**
 * Whether splitsOf counts the walk before making it: some split may fit and the ways to cut
 * the run into `parts` figures, C(length - 1, parts - 1), are 64 or more (COUNT_FROM).
 */
function counted(length: number, parts: number): boolean {
  if (length < parts || length > parts * MAX_DIGITS) return false;
  let ways = 1;
  for (let i = 1; i < parts; i++) ways = (ways * (length - parts + i)) / i;
  return ways >= 64;
}

/** How a walk ended: its failure told by the budget it left. */
const ending = (made: boolean, budget: Budget) =>
  made ? 'made' : budget.steps < 0 ? 'budget spent' : 'too many';

/**
 * The budgets a walk is tried with, given the most it may have (`most`) and the steps the plain
 * walk takes given that (`taken`): the most, and when the walk ends within it one step short,
 * exactly and one over; a share of the steps, none, and a budget already spent.
 */
const budgetsAround = (most: number, taken: number, share: number) => [
  most,
  ...(taken <= most ? [taken - 1, taken, taken + 1] : []),
  Math.floor(taken * share),
  0,
  -1,
];

/** The most steps a walk is given: from a small share of a report's budget to all of it. */
const mostSteps = fc.constantFrom(1_000, 10_000, 100_000, STRUCTURE_BUDGET);

/** A run of digits, zeros as common as a share of them says (a zero begins no figure). */
const digitRun = (length: number) =>
  fc.integer({ min: 0, max: 9 }).chain((zeros) =>
    fc.string({
      unit: fc.integer({ min: 0, max: 19 }).map((d) => (d < zeros ? '0' : String(1 + (d % 9)))),
      minLength: length,
      maxLength: length,
    }),
  );

/**
 * A count of parts and a run for them: as long as some split fits (half of them no longer than
 * four digits a part, where the splits are many), and the edges one digit beyond.
 */
const runAndParts = fc.integer({ min: 1, max: WIDEST }).chain((parts) => {
  const longest = Math.min(LONGEST, parts * MAX_DIGITS);
  return fc
    .oneof(
      fc.integer({ min: Math.max(1, parts - 1), max: longest + 1 }),
      fc.integer({ min: parts, max: Math.min(longest, parts * 4) }),
    )
    .chain((length) => fc.tuple(fc.constant(parts), digitRun(length)));
});

describe('splitsOf', () => {
  it('gives the plain walk’s splits in its order, leaves its budget and fails as it does', () => {
    const endings = new Map<string, number>();
    fc.assert(
      fc.property(
        runAndParts,
        fc.integer({ min: 0, max: 99 }),
        mostSteps,
        fc.double({ min: 0, max: 1, noNaN: true }),
        ([parts, digits], column, most, share) => {
          const given = { steps: most };
          plainSplits(digits, parts, given, column);
          for (const steps of budgetsAround(most, most - given.steps, share)) {
            const plainBudget = { steps };
            const plain = plainSplits(digits, parts, plainBudget, column);
            const budget = { steps };
            const split = splitsOf(digits, parts, budget, column);
            expect(split).toEqual(plain);
            expect(budget.steps).toBe(plainBudget.steps);
            const end = ending(plain !== null, plainBudget);
            expect(ending(split !== null, budget)).toBe(end);
            const key = `${counted(digits.length, parts) ? 'counted' : 'walked'}: ${end}`;
            endings.set(key, (endings.get(key) ?? 0) + 1);
          }
        },
      ),
      { numRuns: 250 },
    );
    // Every ending met many times, on walks counted and walks made (else the runs above do not
    // test it): a walk of fewer than 64 ways has fewer than 401 splits.
    expect([...endings.keys()].sort()).toEqual([
      'counted: budget spent',
      'counted: made',
      'counted: too many',
      'walked: budget spent',
      'walked: made',
    ]);
    for (const times of endings.values()) expect(times).toBeGreaterThan(40);
  });
});

/** What a row's cells must satisfy: anything, its total, or a figure's parity. */
const rowHolds = fc.constantFrom<(values: readonly number[]) => boolean>(
  () => true,
  (v) => v.slice(0, -1).reduce((sum, x) => sum + x, 0) === v[v.length - 1],
  (v) => v[0]! % 2 === 0,
);

/** A row's width (the applications table's 7, the appeals table's 5 or 15, fewer) and figures. */
const rowFigures = fc
  .oneof(fc.integer({ min: 2, max: 7 }), fc.constant(WIDEST))
  .chain((width) =>
    fc.tuple(
      fc.constant(width),
      fc.array(
        fc.tuple(
          fc.integer({ min: 1, max: MAX_DIGITS * Math.min(width, 5) + 1 }).chain(digitRun),
          fc.integer({ min: 0, max: 99 }),
        ),
        { minLength: 1, maxLength: Math.min(3, width - 1) },
      ),
    ),
  )
  .map(([width, runs]) => ({
    width,
    figures: runs.map(([raw, column], i): FigureToken => ({
      kind: 'figure',
      raw,
      line: 3 + i,
      cell: i,
      column,
    })),
  }));

describe('runTogetherReadings', () => {
  it('gives the plain model’s readings in its order, leaves its budget and fails as it does', () => {
    const endings = new Map<string, number>();
    fc.assert(
      fc.property(
        rowFigures,
        rowHolds,
        fc.constantFrom(1_000, 10_000, 100_000),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ width, figures }, holds, most, share) => {
          const given = { steps: most };
          plainRow(figures, width, holds, given, []);
          for (const steps of budgetsAround(most, most - given.steps, share)) {
            const plainBudget = { steps };
            const plain: Reading[] = [];
            const plainMade = plainRow(figures, width, holds, plainBudget, plain);
            const budget = { steps };
            const readings: Reading[] = [];
            const made = runTogetherReadings(figures, width, holds, budget, readings);
            expect(readings).toEqual(plain);
            expect(budget.steps).toBe(plainBudget.steps);
            expect(made).toBe(plainMade);
            const end = ending(plainMade, plainBudget);
            endings.set(end, (endings.get(end) ?? 0) + 1);
          }
        },
      ),
      { numRuns: 150 },
    );
    expect([...endings.keys()].sort()).toEqual(['budget spent', 'made', 'too many']);
    for (const times of endings.values()) expect(times).toBeGreaterThan(30);
  });
});

/** The row's total: its cells before the last add up to the last (applications.ts's rule). */
const rowTotal = (v: readonly number[]) =>
  v.slice(0, -1).reduce((sum, x) => sum + x, 0) === v[v.length - 1];

/**
 * A whole row printed as one run: its cells (zeros common, some long) and their total written
 * together, or digits at random.
 */
const wholeRow = fc
  .oneof(fc.integer({ min: 3, max: 7 }), fc.constant(7), fc.constant(WIDEST))
  .chain((width) =>
    fc.tuple(
      fc.constant(width),
      fc.oneof(
        fc
          .array(
            fc.oneof(
              { arbitrary: fc.constant(0), weight: 3 },
              { arbitrary: fc.integer({ min: 1, max: 9 }), weight: 2 },
              { arbitrary: fc.integer({ min: 10, max: 99 }), weight: 2 },
              { arbitrary: fc.integer({ min: 100, max: 999 }), weight: 1 },
              { arbitrary: fc.nat(99_999_999), weight: 1 },
            ),
            { minLength: width - 1, maxLength: width - 1 },
          )
          .map((cells) => [...cells, cells.reduce((s, x) => s + x, 0)].join('')),
        fc.integer({ min: width, max: width * 3 }).chain(digitRun),
      ),
    ),
  );

describe('runTogetherReadings of a row run together into one figure', () => {
  it('splits it only the ways its total holds, as the plain model reads it, budget and all', () => {
    let read = 0;
    let several = 0;
    fc.assert(
      fc.property(
        wholeRow,
        fc.constantFrom(10_000, 100_000),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ([width, raw], most, share) => {
          const figures: FigureToken[] = [{ kind: 'figure', raw, line: 4, cell: 1, column: 7 }];
          const given = { steps: most };
          plainRow(figures, width, rowTotal, given, []);
          for (const steps of budgetsAround(most, most - given.steps, share)) {
            const plainBudget = { steps };
            const plain: Reading[] = [];
            const plainMade = plainRow(figures, width, rowTotal, plainBudget, plain);
            const budget = { steps };
            const readings: Reading[] = [];
            const made = runTogetherReadings(figures, width, rowTotal, budget, readings, true);
            expect(readings).toEqual(plain);
            expect(budget.steps).toBe(plainBudget.steps);
            expect(made).toBe(plainMade);
            if (steps !== most || !counted(raw.length, width)) continue;
            if (readings.length > 0) read++;
            if (readings.length > 1) several++;
          }
        },
      ),
      { numRuns: 500 },
    );
    // Rows long enough to be counted, read, and some with several readings to put in order.
    expect(read).toBeGreaterThan(25);
    expect(several).toBeGreaterThan(3);
  });
});

/** Each group of five ends with its sum (appeal-readings.ts's rule for table 四's groups). */
const groupTotals = (v: readonly number[]) => {
  for (let g = 0; g + 5 <= v.length; g += 5) if (!rowTotal(v.slice(g, g + 5))) return false;
  return true;
};

/** Groups of five cells each with its total, written together (one group to three), or digits. */
const wholeGroups = fc.integer({ min: 1, max: 3 }).chain((groups) =>
  fc.tuple(
    fc.constant(groups * 5),
    fc.oneof(
      fc
        .array(
          fc
            .array(
              fc.oneof(
                { arbitrary: fc.constant(0), weight: 3 },
                { arbitrary: fc.integer({ min: 1, max: 9 }), weight: 2 },
                { arbitrary: fc.integer({ min: 10, max: 999 }), weight: 2 },
                { arbitrary: fc.nat(99_999_999), weight: 1 },
              ),
              { minLength: 4, maxLength: 4 },
            )
            .map((cells) => [...cells, cells.reduce((s, x) => s + x, 0)].join('')),
          { minLength: groups, maxLength: groups },
        )
        .map((parts) => parts.join('')),
      fc.integer({ min: groups * 5, max: groups * 10 }).chain(digitRun),
    ),
  ),
);

describe('runTogetherReadings of groups run together into one figure', () => {
  it('splits them only the ways each group total holds, as the plain model reads them', () => {
    let read = 0;
    fc.assert(
      fc.property(
        wholeGroups,
        fc.constantFrom(10_000, 100_000),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ([width, raw], most, share) => {
          const figures: FigureToken[] = [{ kind: 'figure', raw, line: 4, cell: 1, column: 7 }];
          const given = { steps: most };
          plainRow(figures, width, groupTotals, given, []);
          for (const steps of budgetsAround(most, most - given.steps, share)) {
            const plainBudget = { steps };
            const plain: Reading[] = [];
            const plainMade = plainRow(figures, width, groupTotals, plainBudget, plain);
            const budget = { steps };
            const readings: Reading[] = [];
            const made = runTogetherReadings(figures, width, groupTotals, budget, readings, 5);
            expect(readings).toEqual(plain);
            expect(budget.steps).toBe(plainBudget.steps);
            expect(made).toBe(plainMade);
            if (steps === most && counted(raw.length, width) && readings.length > 0) read++;
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(read).toBeGreaterThan(10);
  });
});
