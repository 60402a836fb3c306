/**
 * The table 二 narrative check against the prose of the six corpus reports: no false alarm on
 * what they really say against their hand-checked tables (truth/*.json), and the contradiction
 * found when their table 二 is changed under the prose that states its figures.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/report/findings.js';
import { PROACTIVE_GROUPS } from '../../src/core/report/format.js';
import type { AnnualReport, ProactiveTable } from '../../src/core/report/model.js';
import { validateReport } from '../../src/core/report/validate.js';
import { corpusDir as corpus, truths, type Truth } from '../support/corpus-truth.js';
import { sampleReport } from '../support/sample-report.js';

/** The prose of a corpus report: lines that are not tab-separated table rows. */
function prose(file: string): string {
  return readFileSync(new URL(file, corpus), 'utf8')
    .split('\n')
    .filter((line) => !line.includes('\t') && !/^\s*\d+\s*$/.test(line))
    .join('\n');
}

/** Table 二 as the truth file has it (a cell not listed is zero). */
function tableOf(truth: Truth, shift = 0): ProactiveTable {
  const table: Record<string, Record<string, number>> = {};
  for (const group of PROACTIVE_GROUPS) {
    for (const row of group.rows) {
      table[row.key] = {};
      for (const column of group.columns) {
        table[row.key]![column.key] =
          (truth.nonzero[`proactive.${row.key}.${column.key}`] ?? 0) + shift;
      }
    }
  }
  return table as ProactiveTable;
}

function reportOf(truth: Truth, table: ProactiveTable): AnnualReport {
  const report = sampleReport();
  report.year = truth.year;
  report.publishedOn = `${truth.year + 1}-01-20`;
  report.title = '';
  report.preamble = '';
  report.tables.proactive = table;
  report.sections[0]!.text = prose(truth.file);
  return report;
}

const aboutTableTwo = (findings: readonly Finding[]) =>
  findings.filter((f) => f.code === 'narrative-mismatch' && f.message.includes('表二'));

describe('the table 二 narrative check on the six corpus reports', () => {
  it('has the six truth files', () => {
    expect(truths).toHaveLength(6);
  });

  for (const truth of truths.filter((t) => !t.skipProactive)) {
    it(`raises nothing on ${truth.file} against its real table 二`, () => {
      expect(aboutTableTwo(validateReport(reportOf(truth, tableOf(truth))))).toEqual([]);
    });
  }

  // The two reports whose prose states table 二 figures: pingtan (规范性文件 698 in force, 88
  // issued) and 002 (规范性文件 2 in force).
  for (const [file, said] of [
    ['pingtan-2022-crawler-page.txt', ['现行有效件数为 698', '本年制发件数为 88']],
    ['002_947ca60925c42d42.txt', ['现行有效件数为 2']],
  ] as const) {
    it(`finds the contradiction when ${file}'s table 二 is changed under its prose`, () => {
      const truth = truths.find((t) => t.file === file)!;
      const found = aboutTableTwo(validateReport(reportOf(truth, tableOf(truth, 3))));
      expect(found.map((f) => f.message)).toEqual(said.map((s) => expect.stringContaining(s)));
    });
  }
});
