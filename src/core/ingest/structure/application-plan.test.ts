/**
 * Table 三's labels given again from a plan (application-plan.ts) read each report as its own
 * tokens do: reports of every layout, their figures different, read once with no plan and
 * again after reports laid out alike made one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryReport } from '../../../../test/support/report-arbitrary.js';
import { layoutReport, TEXT_LAYOUTS } from '../../../../test/support/report-layouts.js';
import { readReportText } from '../read.js';
import { forgetLabelPlans, planUse } from './application-plan.js';

/** The damage done to a report: none, or the heading （三）不予公开 of table 三 left out. */
const DAMAGE = [
  (text: string) => text,
  (text: string) => text.replace('（三）不予公开', ''),
] as const;

describe('table 三 read from a plan of its labels', () => {
  it('gives every report of a layout what its own tokens give, wherever the table stands', () => {
    const reports = fc.sample(arbitraryReport(), { seed: 20261207, numRuns: 4 });
    for (const layout of TEXT_LAYOUTS)
      for (const [d, damage] of DAMAGE.entries()) {
        // Blank lines before the report: its table stands on other lines.
        const texts = reports.map(
          (r, i) => '\n'.repeat(i * 3) + damage(layoutReport(r, layout, { seed: i + 1 })),
        );
        const alone = texts.map((text) => {
          forgetLabelPlans();
          return readReportText(text);
        });
        forgetLabelPlans();
        const before = planUse.replayed;
        // The first two make the plan (met once, then planned), the others are given it.
        texts.forEach((text, i) =>
          expect(readReportText(text), `${layout} ${d} ${i}`).toEqual(alone[i]),
        );
        expect(planUse.replayed - before, `${layout} ${d}`).toBe(texts.length - 2);
        if (d === 1)
          expect(alone.every((r) => r.findings.some((f) => f.code === 'missing-row'))).toBe(true);
      }
  });
});
