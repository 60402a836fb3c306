import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APPEAL_GROUP_KEYS,
  APPEAL_OUTCOME_KEYS,
  APPLICANT_COLUMN_KEYS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  OUTCOME_ROW_KEYS,
} from '../../src/core/report/format.js';
import { arbitraryReport } from './report-arbitrary.js';

const SEED = 20240131;

describe('arbitraryReport', () => {
  it('gives complete tables whose totals and balance hold in every column', () => {
    fc.assert(
      fc.property(arbitraryReport(), (report) => {
        const t = report.tables.applications;
        for (const row of APPLICATION_ROW_KEYS) {
          for (const column of APPLICATION_COLUMN_KEYS) {
            const value = t[row]?.[column];
            expect(Number.isInteger(value) && (value as number) >= 0).toBe(true);
          }
          const sum = APPLICANT_COLUMN_KEYS.reduce((s, c) => s + (t[row]![c] as number), 0);
          expect(t[row]!.total).toBe(sum);
        }
        for (const column of APPLICATION_COLUMN_KEYS) {
          const leaves = OUTCOME_ROW_KEYS.reduce((s, r) => s + (t[r]![column] as number), 0);
          expect(t.total![column]).toBe(leaves);
          expect((t.received![column] as number) + (t.carried_over![column] as number)).toBe(
            (t.total![column] as number) + (t.carried_forward![column] as number),
          );
        }
        for (const group of APPEAL_GROUP_KEYS) {
          const row = report.tables.appeals[group]!;
          expect(row.total).toBe(APPEAL_OUTCOME_KEYS.reduce((s, k) => s + (row[k] as number), 0));
        }
        expect(report.title).toContain(String(report.year));
        expect(report.publishedOn! > `${report.year}-12-31`).toBe(true);
        expect(report.publishedOn! <= `${report.year + 1}-03-31`).toBe(true);
        if (report.agencyLevel === 'department') {
          expect(report.publishedOn! <= `${report.year + 1}-01-31`).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
