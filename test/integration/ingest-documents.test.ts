/**
 * The reader on real documents: the corpus reports as published (text) and turned into HTML,
 * DOCX and PDF, and a sample report in every layout and encoding the reader handles. Expected
 * figures were written by reading the documents (test/fixtures/ingest/expected/).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseDigits } from '../../src/core/report/chinese-numbers.js';
import type { Finding } from '../../src/core/report/findings.js';
import { ingestFile, type IngestResult } from '../../src/ingest/index.js';
import { expectRightOrReported, type ExpectedTables } from '../support/ingest-expect.js';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const CORPUS = ['000_10421f3e08d9eefa', '002_947ca60925c42d42', '003_d68fabd84de01588'] as const;

interface ExpectedFinding {
  code: string;
  severity: string;
  location: { table?: string; row?: string; column?: string; line?: number };
}
interface Expected {
  agency: string;
  agencyLevel: string;
  year: number;
  publishedOn: string | null;
  title: string;
  sections: string[];
  tables: Record<string, unknown>;
  findings?: ExpectedFinding[];
}

const expected = (name: string): Expected =>
  JSON.parse(readFileSync(`${FIXTURES}ingest/expected/${name}.json`, 'utf8')) as Expected;

async function ingest(path: string): Promise<IngestResult> {
  return ingestFile(new Uint8Array(readFileSync(`${FIXTURES}${path}`)), path.split('/').pop()!);
}

/** A finding as compared: what and where; the line only where the text is the source. */
const key = (f: Finding | ExpectedFinding, withLine: boolean) =>
  [
    f.code,
    f.severity,
    f.location.table ?? '',
    f.location.row ?? '',
    f.location.column ?? '',
    withLine ? (f.location.line ?? '') : '',
  ].join('|');

function expectReport(result: IngestResult, want: Expected): void {
  const report = result.report!;
  expect(report).not.toBeNull();
  expect({
    agency: report.agency,
    agencyLevel: report.agencyLevel,
    year: report.year,
    publishedOn: report.publishedOn,
    title: report.title === null ? null : normaliseDigits(report.title),
    sections: report.sections.map((s) => s.number),
  }).toEqual({
    agency: want.agency,
    agencyLevel: want.agencyLevel,
    year: want.year,
    publishedOn: want.publishedOn,
    title: want.title,
    sections: want.sections,
  });
  expect(report.tables).toEqual(want.tables);
}

function expectFindings(result: IngestResult, want: readonly ExpectedFinding[], withLine: boolean) {
  expect(result.findings.map((f) => key(f, withLine)).sort()).toEqual(
    want.map((f) => key(f, withLine)).sort(),
  );
}

describe('corpus reports as published (text)', () => {
  for (const name of CORPUS) {
    it(`${name}: the figures and exactly the findings that are there`, async () => {
      const want = expected(name);
      const result = await ingest(`corpus/${name}.txt`);
      expect(result.kind).toBe('text');
      expectReport(result, want);
      expectFindings(result, want.findings!, true);
    });
  }

  it('traces every figure to the line it was read from', async () => {
    const result = await ingest('corpus/002_947ca60925c42d42.txt');
    expect(result.sourceLines['applications.received.natural_person']).toBe(49);
    expect(result.lines[48]).toContain('一、本年新收政府信息公开申请数量');
    expect(result.sourceLines['proactive.normative_documents.in_force']).toBe(32);
    expect(result.sourceLines['appeals.litigation_after_review.total']).toBe(81);
    // 003 puts each cell on its own line: each figure has its own.
    const cells = await ingest('corpus/003_d68fabd84de01588.txt');
    expect(cells.sourceLines['applications.received.natural_person']).toBe(86);
    expect(cells.sourceLines['applications.received.total']).toBe(92);
  });

  it('reports 002’s rows （一） and （二） as resolved by the totals, keeping what was read', async () => {
    const result = await ingest('corpus/002_947ca60925c42d42.txt');
    const cellCount = result.findings.filter((f) => f.code === 'cell-count');
    expect(cellCount.map((f) => f.location.row)).toEqual(['disclosed', 'partially_disclosed']);
    expect(cellCount[0]!.message).toContain('1 0 0 0 0 1');
    expect(cellCount[0]!.message).toContain('1、0、0、0、0、0、1');
  });
});

/** The PDF's layout notes per corpus report (code|severity|row): what its geometry shows. */
const PDF_LAYOUT_NOTES: Record<string, string[]> = {
  '002_947ca60925c42d42': ['row-order|warning|other.other'],
  '003_d68fabd84de01588': ['row-order|info|'],
};

describe('corpus reports turned into HTML, DOCX and PDF', () => {
  for (const name of CORPUS) {
    for (const format of ['html', 'docx', 'pdf'] as const) {
      it(`${name}.${format} reads to the same figures and findings`, async () => {
        const want = expected(name);
        const result = await ingest(`ingest/formats/${name}.${format}`);
        expect(result.kind).toBe(format);
        expectReport(result, want);
        // Lines differ: they are the lines of the text read from the document. A PDF's text
        // puts some figures apart from their labels where the file's geometry does: those notes
        // are named one by one (a new one fails). 002: “3.其他” is printed 24 pt below its row's
        // figures, under （七）总计's line; 003: “（二）部分公开…” wraps over three lines with its
        // figures on the middle one, so the layout reading says it placed them.
        const notes = format === 'pdf' ? (PDF_LAYOUT_NOTES[name] ?? []) : [];
        const note = (f: Finding) =>
          notes.includes([f.code, f.severity, f.location.row ?? ''].join('|'));
        expect(
          notes.filter(
            (n) =>
              !result.findings.some(
                (f) => note(f) && n === [f.code, f.severity, f.location.row ?? ''].join('|'),
              ),
          ),
          'a listed layout note that no longer shows leaves the list',
        ).toEqual([]);
        expectFindings(
          { ...result, findings: result.findings.filter((f) => !note(f)) },
          want.findings!,
          false,
        );
        for (const f of result.findings) {
          if (f.location.line !== undefined)
            expect(result.lines[f.location.line - 1]).toBeDefined();
        }
      });
    }
  }
});

const sampleFinding = (table: string, row: string | undefined, severity = 'warning') => ({
  code: 'cell-count',
  severity,
  location: row === undefined ? { table } : { table, row },
});
const TABLE_3_ROWS = [
  'received',
  'carried_over',
  'disclosed',
  'partially_disclosed',
  'withheld.state_secret',
  'withheld.prohibited_by_law',
  'withheld.security_stability',
  'withheld.third_party_rights',
  'withheld.internal_affairs',
  'withheld.process_information',
  'withheld.enforcement_files',
  'withheld.administrative_query',
  'unable.not_held',
  'unable.needs_creation',
  'unable.still_unclear',
  'not_processed.complaint',
  'not_processed.duplicate',
  'not_processed.publication',
  'not_processed.excessive',
  'not_processed.confirmation',
  'other.no_correction',
  'other.fee_unpaid',
  'other.other',
  'total',
  'carried_forward',
];

/** The total's and the carried-forward's figures read from where the layout put them. */
const MOVED_FIGURES = ['total', 'carried_forward'].map((row) => ({
  code: 'row-order',
  severity: 'warning',
  location: { table: 'applications', row },
}));

/** Variants of the sample report and what reading each must give beyond the sample's figures. */
const VARIANTS: {
  file: string;
  kind: string;
  encoding?: string;
  findings?: ExpectedFinding[];
  tables?: (tables: Record<string, Record<string, unknown>>) => void;
}[] = [
  { file: 'variants/sample.tabs.txt', kind: 'text', encoding: 'utf-8' },
  { file: 'variants/sample.crlf.txt', kind: 'text' },
  { file: 'variants/sample.cell-per-line.txt', kind: 'text' },
  { file: 'variants/sample.markdown.txt', kind: 'text' },
  { file: 'variants/sample.layout-mode.txt', kind: 'text' },
  { file: 'variants/sample.raw-mode.txt', kind: 'text' },
  { file: 'variants/sample.fullwidth.txt', kind: 'text' },
  { file: 'variants/sample.furniture.txt', kind: 'text' },
  { file: 'variants/sample.gb18030.txt', kind: 'text', encoding: 'gb18030' },
  { file: 'variants/sample.utf8-bom.txt', kind: 'text', encoding: 'utf-8-bom' },
  { file: 'variants/sample.utf16le-bom.txt', kind: 'text', encoding: 'utf-16le' },
  { file: 'variants/sample.pdftotext-raw.txt', kind: 'text' },
  {
    // pdftotext -layout runs two narrow columns together ("00", "04"); the totals part them.
    file: 'variants/sample.pdftotext-layout.txt',
    kind: 'text',
    findings: TABLE_3_ROWS.filter((r) => !['received', 'disclosed', 'total'].includes(r)).map((r) =>
      sampleFinding('applications', r),
    ),
  },
  {
    file: 'variants/sample.lost-cells.txt',
    kind: 'text',
    findings: [
      sampleFinding('applications', 'disclosed'),
      sampleFinding('applications', 'partially_disclosed'),
    ],
  },
  {
    // Every row's digits run together. Table 三 and 四 are cut apart by their totals; table 二's
    // "3125" (3 / 1 / 25) has no totals to decide it, so it stays unread, with an error.
    file: 'variants/sample.run-together.txt',
    kind: 'text',
    findings: [
      sampleFinding('proactive', 'regulations'),
      sampleFinding('proactive', 'normative_documents', 'error'),
      ...TABLE_3_ROWS.map((r) => sampleFinding('applications', r)),
      sampleFinding('appeals', undefined),
    ],
    tables: (t) => {
      t.proactive!.normative_documents = { issued: null, repealed: null, in_force: null };
    },
  },
  { file: 'formats/sample.html', kind: 'html' },
  { file: 'formats/sample.docx', kind: 'docx' },
  { file: 'formats/sample.pdf', kind: 'pdf' },
  // The official table layout: （七）总计 under 三、本年度办理结果, 四、结转下年度继续办理 across two
  // columns. In the PDF 四's label wraps around （七）总计 and both stand apart from their figures.
  { file: 'formats/sample-official.html', kind: 'html' },
  { file: 'formats/sample-official.docx', kind: 'docx' },
  { file: 'formats/sample-official.pdf', kind: 'pdf', findings: MOVED_FIGURES },
  {
    file: 'variants/sample-official.pdftotext-layout.txt',
    kind: 'text',
    findings: [
      ...TABLE_3_ROWS.filter((r) => !['disclosed', 'total', 'carried_forward'].includes(r)).map(
        (r) => sampleFinding('applications', r),
      ),
      ...MOVED_FIGURES,
    ],
  },
];

describe('a sample report in every layout, encoding and format', () => {
  for (const variant of VARIANTS) {
    it(variant.file, async () => {
      const want = structuredClone(expected('sample'));
      variant.tables?.(want.tables as Record<string, Record<string, unknown>>);
      const result = await ingest(`ingest/${variant.file}`);
      expect(result.kind).toBe(variant.kind);
      if (variant.encoding) expect(result.encoding).toBe(variant.encoding);
      expectReport(result, want);
      expectFindings(result, variant.findings ?? [], false);
    });
  }
});

describe('a text whose table cells lost their order (pdftotext’s default mode)', () => {
  it('gives no figure it cannot place: each is right, or empty with an error on its row', async () => {
    const want = expected('sample').tables as ExpectedTables;
    const result = await ingest('ingest/variants/sample-official.pdftotext-plain.txt');
    const read = expectRightOrReported(want, result);
    // Most of the table survives: the rows that kept their figures after their labels.
    expect(read).toBeGreaterThan(100);
  });
});
