/**
 * The six real corpus reports (test/fixtures/corpus, copied from the shared corpus with their
 * hand-checked truth) read to their truth exactly: every cell of the three tables, the agency,
 * the year, the publication date, every finding the truth expects and none it forbids.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/index.js';

interface Truth {
  file: string;
  agency: string;
  agencyAlt?: string[];
  year: number;
  publishedOn: string | null;
  nonzero: Record<string, number>;
  unknown?: string[];
  absentOk?: string[];
  skipProactive?: boolean;
  expectFindings?: string[];
  forbidFindings?: string[];
}

const corpus = new URL('../fixtures/corpus/', import.meta.url);
const truths: Truth[] = readdirSync(new URL('truth/', corpus))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(`truth/${f}`, corpus), 'utf8')) as Truth);

const APP_ROWS = [
  'received',
  'carried_over',
  'disclosed',
  'partially_disclosed',
  ...[
    'state_secret',
    'prohibited_by_law',
    'security_stability',
    'third_party_rights',
    'internal_affairs',
    'process_information',
    'enforcement_files',
    'administrative_query',
  ].map((k) => `withheld.${k}`),
  ...['not_held', 'needs_creation', 'still_unclear'].map((k) => `unable.${k}`),
  ...['complaint', 'duplicate', 'publication', 'excessive', 'confirmation'].map(
    (k) => `not_processed.${k}`,
  ),
  ...['no_correction', 'fee_unpaid', 'other'].map((k) => `other.${k}`),
  'total',
  'carried_forward',
];
const APP_COLUMNS = ['natural_person', 'commercial', 'research', 'nonprofit', 'legal_service'];
/** Every cell key of the three tables, as the truth files name them. */
const CELLS = [
  ...APP_ROWS.flatMap((r) =>
    [...APP_COLUMNS, 'other', 'total'].map((c) => `applications.${r}.${c}`),
  ),
  ...['review', 'litigation_direct', 'litigation_after_review'].flatMap((g) =>
    ['upheld', 'corrected', 'other', 'pending', 'total'].map((k) => `appeals.${g}.${k}`),
  ),
  ...['regulations', 'normative_documents'].flatMap((g) =>
    ['issued', 'repealed', 'in_force'].map((k) => `proactive.${g}.${k}`),
  ),
  ...['licensing', 'penalty', 'coercion'].map((g) => `proactive.${g}.decisions`),
  'proactive.administrative_fees.amount_wan_yuan',
];

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
