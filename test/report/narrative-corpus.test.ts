/**
 * Narrative checks against the prose of the three real corpus reports: no false alarm on what
 * they really say, and the contradiction found when their tables are changed under the prose.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Finding, FindingCode } from '../../src/core/report/findings.js';
import {
  buildAppealsTable,
  buildApplicationTable,
  buildProactiveTable,
  zeroAppealFigures,
  zeroApplicationFigures,
  zeroProactiveFigures,
  type AnnualReport,
} from '../../src/core/report/model.js';
import { validateReport } from '../../src/core/report/validate.js';
import { sampleReport } from '../support/sample-report.js';

const withCode = (findings: readonly Finding[], code: FindingCode) =>
  findings.filter((f) => f.code === code);

/** The prose of a corpus report (lines that are not table rows). */
function corpusProse(name: string): string {
  return readFileSync(new URL(`../fixtures/corpus/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => !line.includes('\t') && !/^\s*\d+\s*$/.test(line))
    .join('\n');
}

function zeroTables(): AnnualReport['tables'] {
  return {
    proactive: buildProactiveTable(zeroProactiveFigures()),
    applications: buildApplicationTable(zeroApplicationFigures()),
    appeals: buildAppealsTable(zeroAppealFigures()),
  };
}

describe('the prose of the three corpus reports', () => {
  const cases = [
    { file: '000_10421f3e08d9eefa.txt', received: 0, normativeInForce: 0 },
    // 002 says "现行有效规范性文件 2 件", as its table 二 has it (truth/002_947ca60925c42d42.json).
    { file: '002_947ca60925c42d42.txt', received: 1, normativeInForce: 2 },
    { file: '003_d68fabd84de01588.txt', received: 0, normativeInForce: 0 },
  ];
  for (const { file, received, normativeInForce } of cases) {
    it(`raises no text finding on ${file} against its real tables`, () => {
      const report = sampleReport();
      report.tables = zeroTables();
      report.tables.proactive.normative_documents!.in_force = normativeInForce;
      if (received > 0) {
        const figures = zeroApplicationFigures();
        figures.received.natural_person = received;
        figures.disclosed.natural_person = received;
        report.tables.applications = buildApplicationTable(figures);
      }
      report.preamble = '';
      report.sections[0]!.text = corpusProse(file);
      const textCodes: FindingCode[] = [
        'narrative-mismatch',
        'outdated-regulation',
        'year-mismatch',
      ];
      expect(validateReport(report).filter((f) => textCodes.includes(f.code))).toEqual([]);
    });

    it(`finds the contradiction when ${file}'s tables are changed under its prose`, () => {
      const report = sampleReport();
      report.tables = zeroTables();
      const figures = zeroApplicationFigures();
      figures.received.natural_person = received + 2;
      figures.disclosed.natural_person = received + 2;
      report.tables.applications = buildApplicationTable(figures);
      const appeals = zeroAppealFigures();
      appeals.litigation_direct.upheld = 1;
      report.tables.appeals = buildAppealsTable(appeals);
      report.sections[0]!.text = corpusProse(file);
      const found = withCode(validateReport(report), 'narrative-mismatch');
      expect(found.some((f) => f.message.includes('申请'))).toBe(true);
      expect(found.some((f) => f.message.includes('行政诉讼'))).toBe(true);
    });
  }
});
