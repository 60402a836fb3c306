/** validateReport: publication date, year, cells without values, skipped checks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/support/sample-report.js';
import { parseCount } from './chinese-numbers.js';
import { inferAgencyLevel, publicationDeadline } from './deadline.js';
import {
  APPEAL_COLUMN_KEYS,
  APPEAL_GROUP_KEYS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
} from './format.js';
import { FINDING_CODES, hasErrors } from './findings.js';
import { validateReport } from './validate.js';
import { codes, mutate, withCode } from '../../../test/support/report-mutate.js';

describe('late-publication', () => {
  it('is reported for a department that publishes after 31 January (条例第四十九条)', () => {
    const found = withCode(
      validateReport(mutate((r) => (r.publishedOn = '2024-02-01'))),
      'late-publication',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('error');
    expect(found[0]!.message).toContain('条例第四十九条');
    expect(found[0]!.message).toContain('2024-01-31');
  });

  it('gives a government until 31 March, inferred from the name when the level is unknown', () => {
    const government = mutate((r) => {
      r.agency = '示例县人民政府';
      r.agencyLevel = null;
      r.publishedOn = '2024-03-31';
    });
    expect(codes(validateReport(government))).not.toContain('late-publication');
    government.publishedOn = '2024-04-01';
    const found = withCode(validateReport(government), 'late-publication');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.message).toContain('推断');
    const department = mutate((r) => {
      r.agencyLevel = null;
      r.publishedOn = '2024-03-01';
    });
    expect(codes(validateReport(department))).toContain('late-publication');
  });

  it('warns of an unpublished report past its deadline only when today is given', () => {
    const draft = mutate((r) => (r.publishedOn = null));
    expect(codes(validateReport(draft))).not.toContain('late-publication');
    expect(codes(validateReport(draft, { today: '2024-01-31' }))).not.toContain('late-publication');
    expect(codes(validateReport(draft, { today: '2024-02-01' }))).toContain('late-publication');
  });

  it('gives an unpublished report of an undeclared level, past the department deadline only, as info', () => {
    const draft = mutate((r) => {
      r.publishedOn = null;
      r.agencyLevel = null;
    });
    const between = withCode(validateReport(draft, { today: '2024-02-01' }), 'late-publication');
    expect(between.map((f) => f.severity)).toEqual(['info']);
    expect(between[0]!.message).toContain('请确认机关层级');
    const after = withCode(validateReport(draft, { today: '2024-04-01' }), 'late-publication');
    expect(after.map((f) => f.severity)).toEqual(['warning']);
  });

  it('is not reported for a report published on the last day', () => {
    expect(codes(validateReport(mutate((r) => (r.publishedOn = '2024-01-31'))))).not.toContain(
      'late-publication',
    );
  });
});

describe('year-mismatch', () => {
  it('is reported when the title names another year', () => {
    const found = withCode(
      validateReport(mutate((r) => (r.title = '示例县教育局2022年政府信息公开工作年度报告'))),
      'year-mismatch',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('标题');
  });

  it('is reported when the statistics period names another year, in either wording', () => {
    const period = (text: string) =>
      withCode(
        validateReport(mutate((r) => (r.preamble = `本报告依据国务院令第711号编制。${text}`))),
        'year-mismatch',
      );
    expect(period('本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。')).toHaveLength(
      1,
    );
    expect(period('报告统计数据从 2022 年 1 月 1 日起至 12 月 31 日止。')).toHaveLength(1);
    expect(period('报告统计数据从 2023 年 1 月 1 日起至 12 月 31 日止。')).toHaveLength(0);
  });

  it('is reported when the title writes another year in Chinese numerals', () => {
    const found = withCode(
      validateReport(mutate((r) => (r.title = '示例县教育局二〇二二年政府信息公开工作年度报告'))),
      'year-mismatch',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('2022年');
    expect(
      codes(
        validateReport(mutate((r) => (r.title = '示例县教育局二〇二三年政府信息公开工作年度报告'))),
      ),
    ).not.toContain('year-mismatch');
  });

  it("is reported for a statistics period given as another year's 全年", () => {
    const period = (text: string) =>
      withCode(validateReport(mutate((r) => (r.preamble = text))), 'year-mismatch');
    expect(period('本报告中所列数据的统计期限为2022年全年。')).toHaveLength(1);
    expect(period('本报告所列数据统计时间为2022年度全年。')).toHaveLength(1);
    expect(period('本报告中所列数据的统计期限为2023年全年。')).toHaveLength(0);
  });

  it('is reported for a statistics period that ends in another year', () => {
    const found = withCode(
      validateReport(
        mutate(
          (r) => (r.preamble = '本报告中所列数据的统计期限自2023年1月1日起至2022年12月31日止。'),
        ),
      ),
      'year-mismatch',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('统计期限');
  });

  it('warns when the content speaks of another year (a report copied from last year)', () => {
    const report = mutate((r) => {
      for (const s of r.sections) s.text = s.text.replaceAll('2023年', '2022年');
    });
    const found = withCode(validateReport(report), 'year-mismatch');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.message).toContain('2022年');
  });

  it('is reported for a publication date within the year reported on', () => {
    expect(codes(validateReport(mutate((r) => (r.publishedOn = '2023-12-30'))))).toContain(
      'year-mismatch',
    );
  });

  it('is not reported when title, period and content agree with the year', () => {
    expect(codes(validateReport(sampleReport()))).not.toContain('year-mismatch');
  });
});

describe('cells without values', () => {
  it('checks what can be checked and says which rules a blank cell blocked', () => {
    const report = mutate((r) => {
      r.tables.applications.received!.natural_person = null;
      r.tables.applications.carried_over!.commercial = 2; // a real error elsewhere in the table
    });
    const findings = validateReport(report);
    expect(hasErrors(findings)).toBe(true);
    const balance = withCode(findings, 'balance');
    // 自然人 cannot be checked (info); 商业企业 is checked and found wrong; 总计 still balances.
    expect(balance.map((f) => [f.location.column, f.severity])).toEqual([
      ['natural_person', 'info'],
      ['commercial', 'error'],
    ]);
    expect(withCode(findings, 'row-total').map((f) => [f.location.row, f.severity])).toEqual([
      ['received', 'info'],
      ['carried_over', 'error'],
    ]);
  });

  it('never throws, whatever the tables hold', () => {
    const cell = fc.oneof(
      fc.integer({ min: -5, max: 50 }),
      fc.constant(null),
      fc.double({ noNaN: false }),
    );
    const maybeRow = <K extends string>(keys: readonly K[]) =>
      fc.option(fc.dictionary(fc.constantFrom(...keys), cell), { nil: undefined });
    const tables = fc.record({
      applications: fc.dictionary(
        fc.constantFrom(...APPLICATION_ROW_KEYS),
        maybeRow(APPLICATION_COLUMN_KEYS).map((r) => r ?? {}),
      ),
      appeals: fc.dictionary(
        fc.constantFrom(...APPEAL_GROUP_KEYS),
        maybeRow(APPEAL_COLUMN_KEYS).map((r) => r ?? {}),
      ),
    });
    fc.assert(
      fc.property(tables, fc.string(), (t, text) => {
        const report = sampleReport();
        report.tables.applications = t.applications;
        report.tables.appeals = t.appeals;
        report.sections[0]!.text = text;
        const findings = validateReport(report);
        for (const f of findings) {
          expect(FINDING_CODES).toContain(f.code);
          expect(f.message.length).toBeGreaterThan(0);
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('options.skip', () => {
  it('leaves out the codes asked for', () => {
    const report = mutate((r) => {
      delete r.tables.applications['other.fee_unpaid'];
      r.publishedOn = '2024-02-10';
    });
    expect(codes(validateReport(report, { skip: ['missing-row'] }))).toEqual(['late-publication']);
  });
});

describe('helpers', () => {
  it('parses counts in digits, full-width digits and Chinese numerals', () => {
    expect(['12', '１２', '十二', '一百零五', '两千', '零', '三万零二'].map(parseCount)).toEqual([
      12, 12, 12, 105, 2000, 0, 30002,
    ]);
    expect(parseCount('若干')).toBeNull();
  });

  it('infers the level and the deadline of 条例第四十九条', () => {
    expect(inferAgencyLevel('中卫市人民政府')).toBe('government');
    expect(inferAgencyLevel('中卫市科学技术局')).toBe('department');
    expect(inferAgencyLevel('中卫市人民政府办公室')).toBe('department');
    expect(publicationDeadline(2023, 'department')).toBe('2024-01-31');
    expect(publicationDeadline(2023, 'government')).toBe('2024-03-31');
  });
});
