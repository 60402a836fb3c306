import { describe, expect, it } from 'vitest';
import { blankGroupTotal, unconfirmedBlanks } from './blank-cells.js';
import { layoutReadings } from './layout.js';
import { readFinding } from './result.js';
import { rowReadings, type Reading } from './readings.js';
import { solveTable, type Constraint, type RowOutcome } from './solver.js';
import type { EmptyToken, FigureToken } from './stream.js';

/** A row of a grid: figures, '' for an empty cell; the last cell is the row's total. */
const row = (line: number, cells: string[]) =>
  cells.map((raw, cell): FigureToken | EmptyToken =>
    raw === ''
      ? { kind: 'empty', line, cell, column: 0 }
      : { kind: 'figure', raw, line, cell, column: 0 },
  );
const rowTotal = (v: readonly number[]) => v[0]! + v[1]! === v[2];
const readingsOf = (cells: string[] | null, line: number): Reading[] | null =>
  cells === null ? null : rowReadings(row(line, cells), 3, rowTotal, { steps: 10_000 }, true);
/** Rows A, B and their 总计 (each column's total the sum of A and B). */
const COLUMNS: Constraint[] = [0, 1, 2].map((c) => ({
  left: [[2, c]],
  right: [
    [0, c],
    [1, c],
  ],
}));
const solve = (a: string[] | null, b: string[] | null, total: string[] | null) =>
  solveTable([readingsOf(a, 1), readingsOf(b, 2), readingsOf(total, 3)], COLUMNS, {
    steps: 10_000,
  });
const values = (o: RowOutcome) => (o.status === 'read' ? o.reading.map((c) => c.value) : o.status);

describe('empty cells read as 0 only where printed totals confirm them', () => {
  it('a blank row whose total is blank too, the 总计 row unread: unread, not 0', () => {
    const [a, b] = solve(['1', '2', '3'], ['', '', ''], null);
    expect(values(a!)).toEqual([1, 2, 3]);
    expect(b!.status).toBe('ambiguous');
  });

  it('a whole table left blank (every total blank): nothing read as 0', () => {
    const out = solve(['', '', ''], ['', '', ''], ['', '', '']);
    expect(out.map((o) => o.status)).toEqual(['ambiguous', 'ambiguous', 'ambiguous']);
  });

  it('a blank cell whose printed row total and column total confirm it: 0, with an info', () => {
    const [a, b, total] = solve(['1', '', '1'], ['2', '3', '5'], ['3', '3', '6']);
    expect(values(a!)).toEqual([1, 0, 1]);
    expect(values(b!)).toEqual([2, 3, 5]);
    expect(values(total!)).toEqual([3, 3, 6]);
    const info = readFinding(
      'applications',
      'received',
      'A',
      (a as { reading: Reading }).reading,
      String,
      row(1, ['1', '', '1']),
    );
    expect(info?.severity).toBe('info');
    expect(info?.code).toBe('unreadable-cell');
  });

  it('a blank row confirmed by the printed 总计 row (its blank total by the total column): 0', () => {
    const [, b] = solve(['1', '2', '3'], ['', '', ''], ['1', '2', '3']);
    expect(values(b!)).toEqual([0, 0, 0]);
  });

  it('a blank cell the printed row total confirms while its column total is blank: 0', () => {
    const [a] = solve(['1', '', '1'], ['2', '', '2'], ['3', '', '3']);
    expect(values(a!)).toEqual([1, 0, 1]);
  });
});

describe('table 四: a group whose total and parts are blank', () => {
  const cells = (raw: string[]) =>
    raw.map((r) =>
      r === '' ? { value: 0, at: null, empty: true } : { value: Number(r), at: null },
    );
  it('is not a reading of printed figures', () => {
    expect(blankGroupTotal(cells(['', '', '', '', '']), 5)).toBe(true);
    expect(blankGroupTotal(cells(['1', '0', '0', '0', '1', '', '', '', '', '']), 5)).toBe(true);
  });
  it('a printed total, or every part printed, confirms the blanks', () => {
    expect(blankGroupTotal(cells(['1', '', '', '', '1']), 5)).toBe(false);
    expect(blankGroupTotal(cells(['0', '0', '0', '0', '']), 5)).toBe(false);
  });
});

describe('empty cells of a table read by layout order (layout.ts, application-layout.ts)', () => {
  // The same rule as rows read by their labels: the layout marks an empty cell confirmed by its
  // row's printed total, and the table's totals decide the rest (unconfirmedBlanks).
  const byLayout = (rows: string[][]): RowOutcome[] => {
    const tokens = rows.flatMap((cells, r) => row(r + 1, cells));
    const found = layoutReadings(
      {
        rows: rows.length,
        width: 3,
        tokens,
        holds: rowTotal,
        constraints: COLUMNS,
        lastIsTotal: true,
        afterText: tokens.map((t) => t.cell === 0),
      },
      { steps: 100_000 },
    );
    if (found.status !== 'solved') throw new Error(found.status);
    expect(found.solutions).toHaveLength(1);
    const outcomes = found.solutions[0]!.map((reading): RowOutcome => ({
      status: 'read',
      reading,
    }));
    return unconfirmedBlanks(outcomes, COLUMNS);
  };

  it('reads blanks as 0 where printed totals confirm them', () => {
    const outcomes = byLayout([
      ['1', '', '1'],
      ['', '', ''],
      ['1', '', '1'],
    ]);
    expect(outcomes.map(values)).toEqual([
      [1, 0, 1],
      [0, 0, 0],
      [1, 0, 1],
    ]);
    const a = outcomes[0]!;
    expect(a.status === 'read' && a.reading[1]).toMatchObject({ empty: true, confirmed: true });
  });

  it('leaves unread a table whose blanks nothing printed confirms (all zeros satisfy it)', () => {
    // Its figures may have been 1, 0, 1 in rows A and 总计: 0 = 0 holds whatever they were.
    expect(
      byLayout([
        ['', '', ''],
        ['', '', ''],
        ['', '', ''],
      ]).map((o) => o.status),
    ).toEqual(['ambiguous', 'ambiguous', 'ambiguous']);
  });
});
