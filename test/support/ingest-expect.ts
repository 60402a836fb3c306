/**
 * Checks shared by the ingest tests.
 */
import { expect } from 'vitest';
import type { Finding } from '../../src/core/report/findings.js';
import type { AnnualReport } from '../../src/core/report/model.js';

export type ExpectedTables = Record<string, Record<string, Record<string, unknown>>>;

/**
 * For a text whose table cells may have lost their order: every figure is the expected one, or
 * empty with an error on its row (or its table); never a wrong figure. Returns how many figures
 * were read.
 */
export function expectRightOrReported(
  want: ExpectedTables,
  result: { report: AnnualReport | null; findings: readonly Finding[] },
): number {
  const tables = result.report!.tables as unknown as ExpectedTables;
  const errors = result.findings.filter((f) => f.severity === 'error');
  let read = 0;
  for (const [table, rows] of Object.entries(want)) {
    for (const [row, cells] of Object.entries(rows)) {
      for (const [column, value] of Object.entries(cells)) {
        const got = tables[table]?.[row]?.[column];
        if (got === null && value !== null) {
          const reported = errors.some(
            (f) =>
              f.location.table === table &&
              (f.location.row === row || f.location.row === undefined),
          );
          expect(reported, `${table}.${row}.${column} is empty without an error`).toBe(true);
        } else {
          expect(got, `${table}.${row}.${column}`).toBe(value);
          read++;
        }
      }
    }
  }
  return read;
}
