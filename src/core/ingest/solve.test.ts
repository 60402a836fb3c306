import { describe, expect, it } from 'vitest';
import { BLANK, UNKNOWN, rowReadings, solveRows, type Equality, type RawValue } from './solve.js';

const values = (...raw: string[]): RawValue[] =>
  raw.map((r) => ({ raw: r, value: r === '' ? null : Number(r) }));
const budget = () => ({ steps: 100_000 });

/** A row of three parts and their total: a + b + c = t. */
const ROW: Equality[] = [{ left: [3], right: [0, 1, 2] }];

describe('rowReadings', () => {
  it('reads a full row as it is, blanks included', () => {
    expect(rowReadings(values('1', '', '3', '4'), 4, { budget: budget() })).toEqual({
      kind: 'exact',
      readings: [[1, BLANK, 3, 4]],
    });
  });

  it('reads a short row against a header that lacks the same columns', () => {
    const r = rowReadings(values('1', '2', '3'), 4, {
      budget: budget(),
      headerPositions: [0, 1, 3],
    });
    expect(r).toEqual({ kind: 'header', readings: [[1, 2, UNKNOWN, 3]] });
  });

  it('places a row that lost a cell every way, order kept', () => {
    const r = rowReadings(values('1', '2', '3'), 4, { budget: budget() });
    expect(r.kind).toBe('repair');
    if (r.kind !== 'repair') return;
    expect(r.readings).toContainEqual([UNKNOWN, 1, 2, 3]);
    expect(r.readings).toContainEqual([1, 2, 3, UNKNOWN]);
    expect(r.readings.filter((x) => x.includes(UNKNOWN))).toHaveLength(4);
  });

  it('cuts digits run together, never with a leading zero', () => {
    const r = rowReadings(values('1203'), 3, { budget: budget() });
    expect(r.kind).toBe('repair');
    if (r.kind !== 'repair') return;
    // 1|20|3 and 12|0|3 — never 1|2|03 — or 1203 as one cell with two cells lost.
    expect(r.readings).toContainEqual([1, 20, 3]);
    expect(r.readings).toContainEqual([12, 0, 3]);
    expect(r.readings).toContainEqual([1203, UNKNOWN, UNKNOWN]);
    expect(r.readings).toHaveLength(5);
    // "000" is no count: only cut apart.
    expect(rowReadings(values('000'), 3, { budget: budget() })).toEqual({
      kind: 'repair',
      readings: [[0, 0, 0]],
      runTogether: true,
      lost: false,
    });
  });

  it('refuses a row with more values than columns', () => {
    expect(rowReadings(values('1', '2', '3'), 2, { budget: budget() }).kind).toBe(
      'too-many-values',
    );
  });

  it('stops when the budget runs out', () => {
    expect(rowReadings(values('9'.repeat(40)), 7, { budget: { steps: 50 } }).kind).toBe(
      'too-many-readings',
    );
  });
});

describe('solveRows', () => {
  it('leaves a row unresolved when the readings that fit give different figures', () => {
    // 1 + ? + 3 = 6 with the middle cell lost: the row read as [1, 3, 6] lost one of four cells.
    const readings = rowReadings(values('1', '3', '6'), 4, { budget: budget() });
    if (readings.kind !== 'repair') throw new Error('expected readings');
    const [solution] = solveRows(
      4,
      ROW,
      [undefined, undefined, undefined, undefined],
      [{ cells: [0, 1, 2, 3], readings: readings.readings }],
      budget(),
    );
    // [?, 1, 3, 6] → ? = 2, [1, ?, 3, 6] → ? = 2, [1, 3, ?, 6] → ? = 2 (and [1, 3, 6, ?] → 10):
    // the lost cell is 2 but where it stood differs, so the figures are not certain.
    expect(solution!.status).toBe('unresolved');
  });

  it('repairs when every fitting reading gives the same figures', () => {
    const readings = rowReadings(values('0', '0', '0'), 4, { budget: budget() });
    if (readings.kind !== 'repair') throw new Error('expected readings');
    const [solution] = solveRows(
      4,
      ROW,
      [],
      [{ cells: [0, 1, 2, 3], readings: readings.readings }],
      budget(),
    );
    expect(solution).toEqual({ status: 'resolved', slots: [0, 0, 0, 0] });
  });

  it('uses other rows: a column total fixes the lost cell', () => {
    // Rows r0, r1 of three cells and a total row r2 = r0 + r1 per column; r1 lost its middle cell.
    const eq: Equality[] = [0, 1, 2].map((c) => ({ left: [6 + c], right: [c, 3 + c] }));
    const known = [1, 2, 3, undefined, undefined, undefined, 5, 7, 9];
    const readings = rowReadings(values('4', '6'), 3, { budget: budget() });
    if (readings.kind !== 'repair') throw new Error('expected readings');
    const [solution] = solveRows(
      9,
      eq,
      known,
      [{ cells: [3, 4, 5], readings: readings.readings }],
      budget(),
    );
    expect(solution).toEqual({ status: 'resolved', slots: [4, 5, 6] });
  });

  it('says none when no reading fits, and budget when the search is cut short', () => {
    const readings = rowReadings(values('5', '5'), 3, { budget: budget() });
    if (readings.kind !== 'repair') throw new Error('expected readings');
    const eq: Equality[] = [{ left: [2], right: [0, 1] }];
    expect(
      solveRows(
        3,
        eq,
        [undefined, undefined, 1],
        [{ cells: [0, 1, 2], readings: readings.readings }],
        budget(),
      )[0]!.status,
    ).toBe('unresolved');
    const tiny = solveRows(3, eq, [], [{ cells: [0, 1, 2], readings: readings.readings }], {
      steps: 1,
    });
    expect(tiny[0]).toEqual({ status: 'unresolved', reason: 'budget' });
  });
});
