/**
 * The six real corpus reports (test/fixtures/corpus, copied from the shared corpus with their
 * hand-checked truth) read to their truth exactly: every cell of the three tables, the agency,
 * the year, the publication date, every finding the truth expects and none it forbids.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/index.js';
import { CELLS, corpusDir as corpus, truths } from '../support/corpus-truth.js';

/** A cell of the read tables by its dotted key (row keys contain a dot themselves). */
function cellOf(tables: unknown, key: string): unknown {
  const [table, ...rest] = key.split('.');
  const rows = (tables as Record<string, Record<string, Record<string, unknown>>>)[table!];
  const column = rest.pop()!;
  return rows?.[rest.join('.')]?.[column];
}

const globMatch = (pattern: string, key: string) =>
  new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`).test(key);

describe('the six corpus reports read to their hand-checked truth', () => {
  it('has the six truth files', () => {
    expect(truths.length).toBe(6);
  });
  for (const truth of truths) {
    describe(truth.file, () => {
      const result = (async () =>
        ingestFile(readFileSync(new URL(truth.file, corpus)), truth.file))();

      /** Cells read otherwise than the truth: wrong figures, and cells left unread. */
      const misread = async (): Promise<{ wrong: string[]; unread: string[] }> => {
        const { report } = await result;
        expect(report).not.toBeNull();
        const wrong: string[] = [];
        const unread: string[] = [];
        for (const key of CELLS) {
          if (key.startsWith('proactive.') && truth.skipProactive) continue;
          if (truth.unknown?.includes(key)) continue;
          const want = truth.nonzero[key] ?? 0;
          let got = cellOf(report!.tables, key);
          if (got === undefined && want === 0 && truth.absentOk?.some((p) => globMatch(p, key)))
            got = 0;
          if (got === undefined || got === null) unread.push(`${key} want ${want}`);
          else if (got !== want) wrong.push(`${key}=${String(got)} want ${want}`);
        }
        return { wrong, unread };
      };

      it('never gives a wrong figure', async () => {
        expect((await misread()).wrong).toEqual([]);
      });

      it('reads every cell', async () => {
        const { wrong, unread } = await misread();
        expect([...wrong, ...unread]).toEqual([]);
      });

      it('reads the agency, the year and the publication date', async () => {
        const { report } = await result;
        const strip = (s: string) => s.replace(/\s+/g, '');
        expect([truth.agency, ...(truth.agencyAlt ?? [])].map(strip)).toContain(
          strip(report!.agency),
        );
        expect(report!.year).toBe(truth.year);
        expect(report!.publishedOn).toBe(truth.publishedOn);
      });

      it('raises exactly the expected findings', async () => {
        const { findings } = await result;
        const codes = new Set<string>(findings.map((f) => f.code));
        expect((truth.expectFindings ?? []).filter((c) => !codes.has(c))).toEqual([]);
        expect((truth.forbidFindings ?? []).filter((c) => codes.has(c))).toEqual([]);
      });
    });
  }
});
