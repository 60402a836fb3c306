/**
 * Fuzzing the reader with a fixed seed and budget: random bytes, mutated reports (text, DOCX,
 * PDF) and hostile tables (endless run-together digits, rows of hundreds of values). The reader
 * must never throw and never hang — its work is bounded inside (caps on readings and search
 * steps), not by this test — and every failure must be a finding.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readReportText } from '../../src/core/ingest/read.js';
import { FINDING_CODES, type Finding } from '../../src/core/report/findings.js';
import {
  APPEAL_COLUMN_KEYS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROWS,
  PROACTIVE_GROUPS,
} from '../../src/core/report/format.js';
import type { AnnualReport } from '../../src/core/report/model.js';
import { ingestFile, type IngestResult } from '../../src/ingest/index.js';

const SEED = 777;
const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const TEXTS = [
  readFileSync(`${FIXTURES}corpus/000_10421f3e08d9eefa.txt`, 'utf8'),
  readFileSync(`${FIXTURES}corpus/002_947ca60925c42d42.txt`, 'utf8'),
  readFileSync(`${FIXTURES}corpus/003_d68fabd84de01588.txt`, 'utf8'),
  readFileSync(`${FIXTURES}ingest/variants/sample.pdftotext-layout.txt`, 'utf8'),
  readFileSync(`${FIXTURES}ingest/variants/sample.markdown.txt`, 'utf8'),
];
const DOCX = new Uint8Array(readFileSync(`${FIXTURES}ingest/formats/002_947ca60925c42d42.docx`));
const PDF = new Uint8Array(readFileSync(`${FIXTURES}ingest/formats/003_d68fabd84de01588.pdf`));

const CODES = new Set<string>(FINDING_CODES);

/** Findings are well formed: a known code, a severity, a Chinese message, a line in the text. */
function expectWellFormed(findings: readonly Finding[], lineCount: number): void {
  for (const f of findings) {
    expect(CODES.has(f.code), f.code).toBe(true);
    expect(['error', 'warning', 'info']).toContain(f.severity);
    expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    if (f.location.line !== undefined) {
      expect(f.location.line).toBeGreaterThanOrEqual(1);
      expect(f.location.line).toBeLessThanOrEqual(Math.max(lineCount, 1));
    }
  }
}

/** The tables hold only the format's keys, and numbers or null. */
function expectModelShape(report: AnnualReport): void {
  const rows = new Set(APPLICATION_ROWS.map((r) => r.key as string));
  for (const [row, cells] of Object.entries(report.tables.applications)) {
    expect(rows.has(row), row).toBe(true);
    for (const [column, value] of Object.entries(cells!)) {
      expect(APPLICATION_COLUMN_KEYS as readonly string[]).toContain(column);
      expect(value === null || (typeof value === 'number' && Number.isFinite(value))).toBe(true);
    }
  }
  const proactiveRows = new Set(
    PROACTIVE_GROUPS.flatMap((g) => g.rows.map((r) => r.key as string)),
  );
  for (const row of Object.keys(report.tables.proactive)) expect(proactiveRows.has(row)).toBe(true);
  for (const cells of Object.values(report.tables.appeals)) {
    for (const column of Object.keys(cells!))
      expect(APPEAL_COLUMN_KEYS as readonly string[]).toContain(column);
  }
}

/** Every failure is a finding: no report means an unreadable-file error saying why. */
function expectOutcome(result: IngestResult): void {
  expectWellFormed(result.findings, result.lines.length);
  // ingestFile turns an exception into a finding; in the fuzz none may happen at all.
  expect(result.findings.filter((f) => f.message.includes('意外错误'))).toEqual([]);
  if (result.report === null) {
    expect(
      result.findings.some((f) => f.code === 'unreadable-file' && f.severity === 'error'),
    ).toBe(true);
  } else {
    expectModelShape(result.report);
  }
}

/** Edits that conversions and people make to a report's text. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.stringMatching(/^[0-9]{1,40}$/),
      fc.constantFrom(
        '\t',
        '  ',
        '\n',
        '\f',
        '|',
        '---',
        '**',
        '（三）不予公开',
        '总计',
        '其他',
        '三、',
        '0 0 0',
        '[bookmark: x]',
        '２０２３年',
        '—',
      ),
      fc.string({ maxLength: 8 }),
    ),
  }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('fullwidth' as const) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, edits: readonly Mutation[]): string {
  let out = text;
  for (const e of edits) {
    const at = 'at' in e ? e.at % Math.max(out.length, 1) : 0;
    if (e.kind === 'delete') out = out.slice(0, at) + out.slice(at + e.length);
    else if (e.kind === 'insert') out = out.slice(0, at) + e.text + out.slice(at);
    else if (e.kind === 'truncate') out = out.slice(0, at);
    else if (e.kind === 'fullwidth')
      out = out.replace(/[0-9()]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    else {
      const lines = out.split('\n');
      if (e.kind === 'swap-lines') {
        const a = e.a % lines.length;
        const b = e.b % lines.length;
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      } else {
        const i = e.at % lines.length;
        lines.splice(i, 0, lines[i]!);
      }
      out = lines.join('\n');
    }
  }
  return out;
}

describe('the reader on hostile input', () => {
  it('random bytes: a finding, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4096 }),
        fc.constantFrom('a.txt', 'a.html', 'a.docx', 'a.pdf', 'a'),
        async (bytes, name) => {
          expectOutcome(await ingestFile(bytes, name));
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('random text, and text with a signature of another format', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '',
          '%PDF-1.7\n',
          'PK\u0003\u0004',
          '<html><table><tr><td rowspan="999999" colspan="999999">',
          '\ufeff',
          '{\\rtf1',
        ),
        fc.string({ maxLength: 2000 }),
        async (prefix, body) => {
          expectOutcome(await ingestFile(new TextEncoder().encode(prefix + body), 'x.txt'));
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('mutated reports: no throw, well-formed findings and model', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TEXTS),
        fc.array(mutation, { minLength: 1, maxLength: 12 }),
        async (text, edits) => {
          const mutated = mutate(text, edits);
          expectOutcome(await ingestFile(new TextEncoder().encode(mutated), 'report.txt'));
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('mutated DOCX and PDF: a report or an unreadable-file finding', async () => {
    const damage = fc.record({
      flips: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), {
        maxLength: 20,
      }),
      cut: fc.option(fc.nat(), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(['r.docx', DOCX] as const, ['r.pdf', PDF] as const),
        damage,
        async ([name, original], { flips, cut }) => {
          const bytes = original.slice(
            0,
            cut === undefined ? undefined : Math.max(8, cut % original.length),
          );
          for (const { at, value } of flips) bytes[at % bytes.length] = value;
          expectOutcome(await ingestFile(bytes, name));
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('hostile tables: endless run-together digits and rows of hundreds of values stay bounded', () => {
    const labels = APPLICATION_ROWS.map((r) => r.label);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            label: fc.constantFrom(...labels, '规章', '行政规范性文件', '行政复议', ''),
            digits: fc.stringMatching(/^[0-9]{0,60}$/),
            values: fc.array(fc.nat({ max: 99999 }), { maxLength: 300 }),
          }),
          { maxLength: 40 },
        ),
        (rows) => {
          const text = [
            '示例县教育局2023年政府信息公开工作年度报告',
            '三、收到和处理政府信息公开申请情况',
            ...rows.map((r) => `${r.label}${r.digits}\t${r.values.join('\t')}`),
            '四、政府信息公开行政复议、行政诉讼情况',
            rows.map((r) => r.digits).join(''),
          ].join('\n');
          const result = readReportText(text);
          expectWellFormed(result.findings, text.split('\n').length);
          if (result.report) expectModelShape(result.report);
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  });
});

/**
 * Long runs in a real report: patterns that backtrack over a run take time growing with the
 * square of its length — minutes for these runs — so a regression ends in the suite's timeout.
 */
describe('long runs of one character in a report', () => {
  const RUN = 400_000;
  const lines = TEXTS[1]!.split('\n');
  const at = lines.findIndex((l) => l.includes('依申请公开'));
  const runs: Record<string, string> = {
    spaces: `收到申请1${' '.repeat(RUN)}x`,
    'spaces after dashes': `---${' '.repeat(RUN)}x`,
    tabs: `（一）予以公开${'\t'.repeat(RUN)}1`,
    'ideographic spaces': `（一）予以公开${'\u3000'.repeat(RUN)}1`,
    digits: `收到申请${'1'.repeat(RUN)}`,
    'Chinese numerals': `收到申请${'一'.repeat(RUN)}`,
  };
  for (const [name, run] of Object.entries(runs)) {
    it(`${name}: read as text, the tables as without it`, async () => {
      const text = [...lines.slice(0, at + 1), run, ...lines.slice(at + 1)].join('\n');
      const result = await ingestFile(new TextEncoder().encode(text), 'run.txt');
      const plain = await ingestFile(new TextEncoder().encode(TEXTS[1]!), 'plain.txt');
      expect(result.report?.tables).toEqual(plain.report?.tables);
    });
  }

  it('HTML nested thousands deep, or with thousands of inline tags left open', async () => {
    const report = TEXTS[1]!
      .split('\n')
      .map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
      .join('');
    const plain = await ingestFile(new TextEncoder().encode(report), 'plain.html');
    for (const page of [
      `<html><body>${'<div>'.repeat(20_000)}${report}${'</div>'.repeat(20_000)}</body></html>`,
      `<html><body>${'<span><font face="宋体">'.repeat(100_000)}${report}</body></html>`,
    ]) {
      const result = await ingestFile(new TextEncoder().encode(page), 'deep.html');
      expect(result.report?.tables).toEqual(plain.report?.tables);
    }
  });
});
