/**
 * The readings of one row and the solver's choice among them: the behaviours the old row
 * reader's tests (solve.test.ts) protected, held by the structural reader's own modules.
 */
import { describe, expect, it } from 'vitest';
import { rowReadings, type Reading } from './readings.js';
import { solveTable, type Constraint } from './solver.js';
import type { EmptyToken, FigureToken } from './stream.js';

const figure = (raw: string, line = 1): FigureToken => ({
  kind: 'figure',
  raw,
  line,
  cell: 0,
  column: 0,
});
const empty: EmptyToken = { kind: 'empty', line: 1, cell: 0, column: 0 };
const figures = (...raw: string[]) => raw.map((r) => figure(r));
const anything = () => true;
const rowTotal = (v: readonly number[]) =>
  v.slice(0, -1).reduce((s, x) => s + x, 0) === v[v.length - 1];
const budget = () => ({ steps: 100_000 });
const values = (readings: readonly Reading[] | null) =>
  readings?.map((r) => r.map((c) => c.value)) ?? null;

describe('rowReadings', () => {
  it('reads a full row as it is, its empty cells as 0 with their place when the total holds', () => {
    const [reading, ...rest] = rowReadings(
      [figure('1'), empty, figure('3'), figure('4')],
      4,
      rowTotal,
      budget(),
      true,
    )!;
    expect(rest).toEqual([]);
    expect(reading!.map((c) => c.value)).toEqual([1, 0, 3, 4]);
    expect(reading![1]).toMatchObject({ empty: true, at: { line: 1 } });
    // An empty cell the total does not confirm as 0 is not read as 0.
    expect(
      rowReadings([figure('1'), empty, figure('3'), figure('5')], 4, rowTotal, budget(), true),
    ).toEqual([]);
  });

  it('reads a row one cell short (its header lacks a column) with the lost cell from its total', () => {
    const readings = rowReadings(figures('1', '2', '3'), 4, rowTotal, budget(), true)!;
    // Every place the cell may have been lost from, each lost cell without a source position.
    expect(values(readings)).toEqual([
      [0, 1, 2, 3],
      [1, 0, 2, 3],
      [1, 2, 0, 3],
      [1, 2, 3, 6],
    ]);
    readings.forEach((r, lost) => {
      expect(r[lost]!.at).toBeNull();
      // The figures read keep their order.
      expect(r.filter((c) => c.at !== null).map((c) => c.value)).toEqual([1, 2, 3]);
    });
  });

  it('cuts digits run together every way, never with a leading zero', () => {
    const readings = rowReadings(figures('1203'), 3, anything, budget(), false)!;
    // 1|20|3 and 12|0|3 — never 1|2|03.
    expect(values(readings)).toEqual([
      [1, 20, 3],
      [12, 0, 3],
    ]);
    // "000" is no count: only cut apart.
    expect(values(rowReadings(figures('000'), 3, anything, budget(), false))).toEqual([[0, 0, 0]]);
    // A figure with a leading zero is never one cell: "04" is two cells run together.
    expect(values(rowReadings(figures('1', '04'), 2, anything, budget(), false))).toEqual([]);
  });

  it('refuses a row with more figures than its cells and the strays a page may add', () => {
    expect(rowReadings(figures('1', '2', '3', '4', '5'), 2, anything, budget(), false)).toEqual([]);
    // A stray at either end (a header's figure, a page number) is set aside, each way a reading.
    expect(values(rowReadings(figures('1', '2', '3'), 2, anything, budget(), false))).toEqual([
      [2, 3],
      [1, 2],
    ]);
    // Inside the row only a page number alone on its line is set aside.
    const fits = (v: readonly number[]) => v[0] === 1 && v[1] === 2;
    const inside = [figure('1'), figure('7'), figure('2')];
    expect(rowReadings(inside, 2, fits, budget(), false)).toEqual([]);
    const page = [figure('1'), figure('7', 2), figure('2')];
    expect(values(rowReadings(page, 2, fits, budget(), false))).toEqual([[1, 2]]);
  });

  it('stops when the budget runs out', () => {
    expect(rowReadings(figures('9'.repeat(40)), 7, anything, { steps: 50 }, false)).toBeNull();
  });
});

/** One row of four cells whose last is the total, read from `raw`. */
const row4 = (...raw: string[]) => rowReadings(figures(...raw), 4, rowTotal, budget(), true)!;

describe('solveTable', () => {
  it('leaves a row unread when the readings that fit give different figures', () => {
    // 1 + ? + 3 = 6 with a cell lost: [2,1,3,6], [1,2,3,6], [1,3,2,6] and [1,3,6,10] all hold.
    const outcome = solveTable([row4('1', '3', '6')], [], budget())[0]!;
    expect(outcome.status).toBe('ambiguous');
    if (outcome.status !== 'ambiguous') return;
    expect(values(outcome.candidates)).toContainEqual([1, 3, 6, 10]);
  });

  it('reads the row when every fitting reading gives the same figures', () => {
    const outcome = solveTable([row4('0', '0', '0')], [], budget())[0]!;
    expect(outcome.status).toBe('read');
    if (outcome.status !== 'read') return;
    expect(outcome.reading.map((c) => c.value)).toEqual([0, 0, 0, 0]);
  });

  it('uses other rows: a column total fixes the lost cell', () => {
    // Rows r0, r1 of two parts and a total, and r2 = r0 + r1 per column; r1 lost its middle cell.
    const rows = [
      rowReadings(figures('1', '2', '3'), 3, rowTotal, budget(), true)!,
      rowReadings(figures('4', '9'), 3, rowTotal, budget(), true)!,
      rowReadings(figures('5', '7', '12'), 3, rowTotal, budget(), true)!,
    ];
    expect(rows[1]!.length).toBe(3);
    const columns: Constraint[] = [0, 1, 2].map((c) => ({
      left: [[2, c]],
      right: [
        [0, c],
        [1, c],
      ],
    }));
    const outcomes = solveTable(rows, columns, budget());
    expect(outcomes.map((o) => o.status)).toEqual(['read', 'read', 'read']);
    const middle = outcomes[1]!;
    if (middle.status !== 'read') return;
    expect(middle.reading.map((c) => c.value)).toEqual([4, 5, 9]);
    expect(middle.reading[1]!.at).toBeNull();
  });

  it('says contradiction when no reading fits, and budget when the search is cut short', () => {
    const rows = [row4('1', '2', '3', '6'), row4('1', '1', '2', '4'), row4('2', '3', '4', '9')];
    const sum: Constraint[] = [0, 1, 2, 3].map((c) => ({
      left: [[2, c]],
      right: [
        [0, c],
        [1, c],
      ],
    }));
    // Every row holds its own total, but 3 + 2 ≠ 4 in the third column: no assignment holds.
    expect(solveTable(rows, sum, budget()).map((o) => o.status)).toEqual([
      'contradiction',
      'contradiction',
      'contradiction',
    ]);
    const ambiguous = [row4('1', '3', '6'), row4('1', '3', '6')];
    expect(solveTable(ambiguous, [], { steps: 1 }).map((o) => o.status)).toEqual([
      'budget',
      'budget',
    ]);
  });
});
