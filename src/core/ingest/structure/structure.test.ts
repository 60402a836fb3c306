import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textRows } from '../read.js';
import { readStructure } from './index.js';
import { rowReadings } from './readings.js';
import { solveTable } from './solver.js';
import type { FigureToken } from './stream.js';
import { closestApplicationRow } from './template.js';

const figure = (raw: string): FigureToken => ({ kind: 'figure', raw, line: 1, cell: 0, column: 0 });
const rowTotal = (v: readonly number[]) =>
  v.slice(0, -1).reduce((s, x) => s + x, 0) === v[v.length - 1];

describe('readings of figures run together', () => {
  it('splits "713000074" into the one row whose total holds', () => {
    const readings = rowReadings([figure('713000074')], 7, rowTotal, { steps: 1e5 }, true)!;
    expect(readings.map((r) => r.map((c) => c.value))).toEqual([[71, 3, 0, 0, 0, 0, 74]]);
  });

  it('recovers a lost cell from the row total, with no position', () => {
    const tokens = ['1', '0', '0', '0', '0', '1'].map(figure);
    const readings = rowReadings(tokens, 7, rowTotal, { steps: 1e5 }, true)!;
    expect(readings.length).toBeGreaterThan(1);
    expect(readings.every((r) => r.some((c) => c.at === null))).toBe(true);
  });

  it('reads a grid row one cell short whose empty cells are 0 by its total', () => {
    const empty = { kind: 'empty' as const, line: 1, cell: 0, column: 0 };
    const blank = rowReadings(new Array(6).fill(empty), 7, rowTotal, { steps: 1e5 }, true)!;
    expect(blank.map((r) => r.map((c) => c.value))).toEqual([[0, 0, 0, 0, 0, 0, 0]]);
    const tokens = [figure('1'), empty, empty, empty, empty, figure('1')];
    const some = rowReadings(tokens, 7, rowTotal, { steps: 1e5 }, true)!;
    // The lost cell may be any: each reading holds its total and has one cell with no position.
    expect(some.map((r) => r.map((c) => c.value))).toEqual([
      [0, 1, 0, 0, 0, 0, 1],
      [1, 0, 0, 0, 0, 0, 1],
      [1, 0, 0, 0, 0, 1, 2],
    ]);
    expect(some.every((r) => r.filter((c) => c.at === null).length === 1)).toBe(true);
  });

  it('is bounded on long digit runs: a result or null, within the budget, never a throw', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[0-9]{1,400}$/), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 15 }),
        (runs, width) => {
          const budget = { steps: 20_000 };
          const readings = rowReadings(runs.map(figure), width, rowTotal, budget, true);
          expect(budget.steps).toBeGreaterThanOrEqual(-1);
          if (readings) for (const r of readings) expect(r.length).toBe(width);
        },
      ),
      { seed: 4242, numRuns: 300 },
    );
  });

  it('reads a whole table of long digit runs within the budget, leaving rows unread', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{50,2000}$/), (digits) => {
        const rows = ['三、收到和处理政府信息公开申请情况']
          .concat(['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量'])
          .map((label) => `${label}${digits}`)
          .concat(['四、政府信息公开行政复议、行政诉讼情况', digits]);
        const structure = readStructure(textRows(rows.join('\n')));
        for (const table of Object.values(structure.tables)) {
          for (const [, cell] of table!.cells) expect(Number.isFinite(cell.value)).toBe(true);
        }
      }),
      { seed: 4243, numRuns: 40 },
    );
  });
});

describe('the solver', () => {
  it('reads a row only when every solution agrees, else lists the candidates', () => {
    const r = (v: number[]) => v.map((value) => ({ value, at: null }));
    // Row 0 + row 1 = row 2; row 0 is ambiguous between 1 and 2; row 2 settles it.
    const outcomes = solveTable(
      [[r([1]), r([2])], [r([3])], [r([4])]],
      [
        {
          left: [[2, 0]],
          right: [
            [0, 0],
            [1, 0],
          ],
        },
      ],
      { steps: 1000 },
    );
    expect(outcomes[0]).toEqual({ status: 'read', reading: r([1]) });
    const open = solveTable([[r([1]), r([2])], [r([3])]], [], { steps: 1000 });
    expect(open[0]!.status).toBe('ambiguous');
  });
});

describe('tolerant labels', () => {
  it('takes a label with characters dropped when no other label comes close', () => {
    expect(closestApplicationRow('其他法律行政止公开')).toBe('withheld.prohibited_by_law');
    expect(closestApplicationRow('自然人')).toBeNull();
  });
});
