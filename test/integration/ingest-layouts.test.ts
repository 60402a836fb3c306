/**
 * The reader on pdftotext's output of the sample report (test/fixtures/ingest/variants), changed
 * the way real reports differ from the official format: a header that lacks a column, labels
 * broken over lines. The figures must stay the sample's, and the findings those of the unchanged
 * output plus what the change itself calls for.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readReportText } from '../../src/core/ingest/read.js';
import type { Finding } from '../../src/core/report/findings.js';
import { sampleReport } from '../support/ingest-sample.js';

const VARIANTS = new URL('../fixtures/ingest/variants/', import.meta.url).pathname;
const LAYOUTS = ['sample.pdftotext-layout.txt', 'sample-official.pdftotext-layout.txt'] as const;

const variant = (name: string) => readFileSync(`${VARIANTS}${name}`, 'utf8');
const keys = (findings: readonly Finding[]) =>
  findings
    .map((f) =>
      [f.severity, f.code, f.location.row ?? '', f.location.column ?? '', f.location.line].join(
        '|',
      ),
    )
    .sort();

describe('D2: pdftotext -layout output whose table 三 header lacks 其他', () => {
  for (const name of LAYOUTS) {
    it(`${name}: rows read as before, one missing-column finding`, () => {
      const text = variant(name);
      const lines = text.split('\n');
      const i = lines.findIndex((l) => /^\s+商业企业\s+其他$/.test(l));
      expect(i).toBeGreaterThan(0);
      lines[i] = lines[i]!.replace(/\s+其他$/, '');
      const before = readReportText(text);
      const after = readReportText(lines.join('\n'));
      expect(after.report!.tables).toEqual(sampleReport().tables);
      const added = after.findings.filter((f) => f.code === 'missing-column');
      expect(added.map((f) => f.location.column)).toEqual(['other']);
      expect(keys(after.findings.filter((f) => f.code !== 'missing-column'))).toEqual(
        keys(before.findings),
      );
    });
  }
});
