/**
 * The table checks pass by a table that the grid found whole and adding up (its `…Clean` flags):
 * they must then find exactly what the full, cell-by-cell checks find. Each report here is a valid
 * one with cells changed at random (wrong sums, negatives, fractions, NaN, Infinity, -0, huge
 * counts, strings, null, cells and rows removed), checked both ways.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryReport } from '../../../test/support/report-arbitrary.js';
import type { AnnualReport } from './model.js';
import { checkTables } from './table-checks.js';
import { applicationGrid } from './table-values.js';

/** Every place in the tables holding a figure (or null): the object and its key. */
function figurePlaces(value: unknown, out: [Record<string, unknown>, string][] = []) {
  if (value === null || typeof value !== 'object') return out;
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    const v = o[key];
    if (v === null || typeof v === 'number') out.push([o, key]);
    else figurePlaces(v, out);
  }
  return out;
}

const ODD_VALUES: unknown[] = [0, 1, -1, 0.5, -0, NaN, Infinity, -Infinity, 2 ** 31, 1e12, '3'];

type Change = { at: number; kind: 'set' | 'bump' | 'delete'; value: number };

function changed(report: AnnualReport, changes: readonly Change[]): AnnualReport {
  const copy = structuredClone(report);
  const places = figurePlaces(copy.tables);
  for (const { at, kind, value } of changes) {
    if (places.length === 0) break;
    const [o, key] = places[at % places.length]!;
    if (kind === 'delete') delete o[key];
    else if (kind === 'bump') o[key] = typeof o[key] === 'number' ? (o[key] as number) + 1 : 1;
    else o[key] = ODD_VALUES[value % ODD_VALUES.length];
  }
  return copy;
}

const change = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom<Change['kind']>('set', 'bump', 'delete'),
  value: fc.nat(),
});

describe('the table checks on a clean table', () => {
  it('find what the full checks find, whatever the cells hold', () => {
    fc.assert(
      fc.property(
        arbitraryReport(),
        fc.array(change, { maxLength: 4 }),
        fc.boolean(),
        (report, changes, structure) => {
          const r = changed(report, changes);
          const grid = applicationGrid(r.tables);
          const full = {
            ...grid,
            applicationsClean: false,
            proactiveClean: false,
            appealsClean: false,
          };
          expect(checkTables(r, structure, grid)).toEqual(checkTables(r, structure, full));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('are taken only when a table is whole and adds up', () => {
    fc.assert(
      fc.property(
        arbitraryReport(),
        fc.array(change, { minLength: 1, maxLength: 3 }),
        (report, changes) => {
          const grid = applicationGrid(report.tables);
          // A valid report's tables are clean: the shortcut is really taken, so the test above tests it.
          expect([grid.applicationsClean, grid.proactiveClean, grid.appealsClean]).toEqual([
            true,
            true,
            true,
          ]);
          const r = changed(report, changes);
          const findings = checkTables(r, true, applicationGrid(r.tables));
          const after = applicationGrid(r.tables);
          if (findings.length > 0)
            expect([after.applicationsClean, after.proactiveClean, after.appealsClean]).toContain(
              false,
            );
        },
      ),
      { numRuns: 200 },
    );
  });
});
