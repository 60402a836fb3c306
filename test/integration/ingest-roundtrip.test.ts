/**
 * Round trip: random valid reports rendered by the report renderers (txt, html, docx, pdf) and
 * written out in the text layouts of published reports read back to the same model. Where a
 * layout damages the tables, the reader never reports a wrong figure: it repairs a row only when
 * the totals allow one reading, and otherwise leaves the row empty with an error.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnnualReport } from '../../src/core/report/model.js';
import { ingestFile } from '../../src/ingest/index.js';
import { closeSharedChromium, renderReport } from '../../src/render/index.js';
import { arbitraryReport } from '../support/report-arbitrary.js';
import { layoutReport, TEXT_LAYOUTS, type TextLayout } from '../support/report-layouts.js';

const SEED = 20240131;

afterAll(async () => {
  await closeSharedChromium();
});

async function readBack(document: string | Uint8Array, name: string) {
  const bytes = typeof document === 'string' ? new TextEncoder().encode(document) : document;
  return ingestFile(bytes, name);
}

function expectSameReport(read: AnnualReport | null, report: AnnualReport): void {
  expect(read).not.toBeNull();
  expect({
    agency: read!.agency,
    agencyLevel: read!.agencyLevel,
    year: read!.year,
    publishedOn: read!.publishedOn,
    sections: read!.sections.map((s) => [s.key, s.number, s.title]),
  }).toEqual({
    agency: report.agency,
    agencyLevel: report.agencyLevel,
    year: report.year,
    publishedOn: report.publishedOn,
    sections: report.sections.map((s) => [s.key, s.number, s.title]),
  });
  expect(read!.tables).toEqual(report.tables);
}

describe('render → ingest gives back the same report', () => {
  for (const [format, runs] of [
    ['txt', 40],
    ['html', 30],
    ['docx', 30],
    ['pdf', 3],
  ] as const) {
    it(`${format} (${runs} random reports)`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitraryReport(), async (report) => {
          const result = await readBack(await renderReport(report, format), `report.${format}`);
          expectSameReport(result.report, report);
          expect(result.findings).toEqual([]);
        }),
        { seed: SEED, numRuns: runs },
      );
    });
  }
});

describe("gongkai's own JSON, read back", () => {
  it('json (40 random reports): render → ingest gives exactly the same model', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryReport(), async (report) => {
        const result = await readBack(await renderReport(report, 'json'), 'report.json');
        expect(result.kind).toBe('json');
        expect(result.report).toEqual(report);
        expect(result.findings).toEqual([]);
      }),
      { seed: SEED, numRuns: 40 },
    );
  });
});

const INTACT: TextLayout[] = TEXT_LAYOUTS.filter((l) => l !== 'lost-cells' && l !== 'run-together');

describe('the text layouts of published reports read back to the same report', () => {
  for (const layout of INTACT) {
    it(layout, async () => {
      await fc.assert(
        fc.asyncProperty(arbitraryReport(), async (report) => {
          const result = await readBack(layoutReport(report, layout), `report.${layout}.txt`);
          expectSameReport(result.report, report);
          expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
        }),
        { seed: SEED, numRuns: 30 },
      );
    });
  }
});

describe('damaged layouts: a figure is right or left empty with an error, never wrong', () => {
  for (const layout of ['lost-cells', 'run-together'] as const) {
    it(layout, async () => {
      let repaired = 0;
      await fc.assert(
        fc.asyncProperty(
          arbitraryReport(),
          fc.integer({ min: 1, max: 1000 }),
          async (report, seed) => {
            const result = await readBack(
              layoutReport(report, layout, {
                seed,
                lostRows: ['disclosed', 'withheld.third_party_rights', 'carried_forward'],
              }),
              `report.${layout}.txt`,
            );
            const read = result.report!;
            expect(read.agency).toBe(report.agency);
            for (const table of ['proactive', 'applications', 'appeals'] as const) {
              const want = report.tables[table] as Record<string, Record<string, number>>;
              const got = read.tables[table] as Record<string, Record<string, number | null>>;
              for (const [row, cells] of Object.entries(want)) {
                const gotRow = got[row]!;
                expect(gotRow, `${table}.${row}`).toBeDefined();
                // Left unread: said as a cell-count error or as the reader's limit (unread-table).
                const unresolved = result.findings.some(
                  (f) =>
                    (f.code === 'cell-count' || f.code === 'unread-table') &&
                    f.severity === 'error' &&
                    f.location.table === table &&
                    (f.location.row === row || f.location.row === undefined),
                );
                for (const [column, value] of Object.entries(cells)) {
                  if (unresolved) expect(gotRow[column], `${table}.${row}.${column}`).toBeNull();
                  else expect(gotRow[column], `${table}.${row}.${column}`).toBe(value);
                }
              }
            }
            if (result.findings.some((f) => f.code === 'cell-count' && f.severity === 'warning')) {
              repaired++;
            }
          },
        ),
        { seed: SEED, numRuns: 40 },
      );
      // The property is not vacuous: most damaged reports are repaired.
      expect(repaired).toBeGreaterThan(20);
    });
  }
});
