import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/support/sample-report.js';
import {
  checkAcrossReports,
  checkCarryOver,
  checkRegionTotal,
  checkYearOnYear,
  regionTotalStatement,
} from './cross-checks.js';
import {
  buildAppealsTable,
  buildApplicationTable,
  buildProactiveTable,
  zeroAppealFigures,
  zeroApplicationFigures,
  zeroProactiveFigures,
  type AnnualReport,
} from './model.js';
import { validateReport } from './validate.js';

/** The sample (2023) and the same body's report on the year before, consistent with it. */
function twoYears(): { previous: AnnualReport; report: AnnualReport } {
  const report = sampleReport();
  const previous = sampleReport();
  previous.year = 2022;
  previous.publishedOn = '2023-01-20';
  // 2023's 上年结转 (natural_person 1, total 1) is 2022's 结转下年度.
  previous.tables.applications.carried_forward = {
    ...report.tables.applications.carried_over,
  };
  return { previous, report };
}

describe('carry-over-mismatch', () => {
  it('is silent when year Y carries over exactly what Y−1 carried forward, column by column', () => {
    const { previous, report } = twoYears();
    expect(checkCarryOver(report, previous)).toEqual([]);
    expect(
      validateReport(report, { across: { previous } }).filter(
        (f) => f.code === 'carry-over-mismatch',
      ),
    ).toEqual([]);
  });

  it('names each column where they differ, with both figures and both years', () => {
    const { previous, report } = twoYears();
    previous.tables.applications.carried_forward = {
      ...previous.tables.applications.carried_forward,
      natural_person: 3,
      commercial: 2,
      total: 5,
    };
    const findings = checkCarryOver(report, previous);
    expect(findings.map((f) => f.location.column)).toEqual([
      'natural_person',
      'commercial',
      'total',
    ]);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(findings[0]!.message).toContain('为 1');
    expect(findings[0]!.message).toContain('2022年度报告');
    expect(findings[0]!.message).toContain('为 3');
    expect(
      validateReport(report, { across: { previous } }).filter(
        (f) => f.code === 'carry-over-mismatch',
      ),
    ).toHaveLength(3);
  });

  it('says nothing where a figure is unreadable, absent, or the earlier report is not the year before', () => {
    const { previous, report } = twoYears();
    previous.tables.applications.carried_forward = { natural_person: null, commercial: 4 };
    expect(checkCarryOver(report, previous)).toHaveLength(1);
    previous.year = 2021;
    expect(checkCarryOver(report, previous)).toEqual([]);
    expect(checkAcrossReports(report, undefined)).toEqual([]);
  });
});

describe('year-on-year', () => {
  it('gives an info for a figure that changed by more than the factor, above the minimum', () => {
    const { previous, report } = twoYears();
    // licensing 250 this year; 40 the year before: 6.3 times.
    previous.tables.proactive.licensing = { decisions: 40 };
    const findings = checkYearOnYear(report, previous, 3);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'year-on-year',
      severity: 'info',
      location: { table: 'proactive', row: 'licensing', column: 'decisions' },
    });
    expect(findings[0]!.message).toContain('由 40 增至 250');
    // The factor is configurable: at 10 the change is not worth a look.
    expect(checkYearOnYear(report, previous, 10)).toEqual([]);
  });

  it('ignores small figures (penalty 4 against 0) and notices a fall as well as a rise', () => {
    const { previous, report } = twoYears();
    previous.tables.proactive.penalty = { decisions: 0 };
    expect(checkYearOnYear(report, previous, 3)).toEqual([]);
    previous.tables.proactive.licensing = { decisions: 2000 };
    const [fall] = checkYearOnYear(report, previous, 3);
    expect(fall!.message).toContain('由 2000 降至 250');
  });
});

describe('a government stating its region total against its departments', () => {
  function government(): AnnualReport {
    const report = sampleReport();
    report.agency = '示例县人民政府';
    report.agencyLevel = 'government';
    report.preamble = `本报告由示例县人民政府办公室汇总全县各行政机关政府信息公开工作情况编制而成。${report.preamble}`;
    return report;
  }
  /** A department whose only figure is what it received from natural persons. */
  const department = (received: number): AnnualReport => {
    const figures = zeroApplicationFigures();
    figures.received.natural_person = received;
    const d = sampleReport();
    d.tables = {
      proactive: buildProactiveTable(zeroProactiveFigures()),
      applications: buildApplicationTable(figures),
      appeals: buildAppealsTable(zeroAppealFigures()),
    };
    return d;
  };

  it('finds the sentence that says the tables are the region total', () => {
    expect(regionTotalStatement(government())).toContain('汇总全县各行政机关');
    const shuyang = sampleReport();
    shuyang.sections[0]!.text = '全县全年共受理政府信息公开申请 749 件，其中自然人申请 741 件。';
    expect(regionTotalStatement(shuyang)).toContain('全县全年共受理政府信息公开申请');
    expect(regionTotalStatement(sampleReport())).toBeNull();
  });

  it('warns where the stated total is below the departments’ sum, and only then', () => {
    const gov = government(); // received total 4
    const low = checkRegionTotal(gov, { reports: [department(3), department(2)], count: 2 });
    const received = low.filter((f) => f.location.row === 'received');
    expect(received.map((f) => [f.severity, f.location.column])).toEqual([
      ['warning', 'natural_person'],
      ['warning', 'total'],
    ]);
    expect(received[1]!.message).toContain('少于所属 2 个部门报告之和 5');
    expect(
      checkRegionTotal(gov, { reports: [department(1), department(2)], count: 2 }).filter(
        (f) => f.severity === 'warning',
      ),
    ).toEqual([]);
  });

  it('gives the difference above a complete sum as info, and nothing for a report that is not a region total', () => {
    const gov = government();
    const above = checkRegionTotal(gov, { reports: [department(1), department(1)], count: 2 });
    expect(above.filter((f) => f.severity === 'info')).toHaveLength(1);
    expect(
      checkRegionTotal(gov, { reports: [department(1)], count: 2 }).filter(
        (f) => f.severity === 'info',
      ),
    ).toEqual([]);
    const plain = sampleReport();
    plain.agencyLevel = 'government';
    expect(checkRegionTotal(plain, { reports: [department(9)], count: 1 })).toEqual([]);
  });
});
