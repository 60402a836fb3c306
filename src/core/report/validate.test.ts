import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryReport } from '../../../test/support/report-arbitrary.js';
import { sampleReport } from '../../../test/support/sample-report.js';
import { parseCount } from './chinese-numbers.js';
import { inferAgencyLevel, publicationDeadline } from './deadline.js';
import {
  APPEAL_COLUMN_KEYS,
  APPEAL_GROUP_KEYS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  SECTION_DEFINITIONS,
} from './format.js';
import { FINDING_CODES, hasErrors, type Finding, type FindingCode } from './findings.js';
import {
  buildAppealsTable,
  buildApplicationTable,
  zeroAppealFigures,
  zeroApplicationFigures,
  type AnnualReport,
} from './model.js';
import { validateReport } from './validate.js';

const codes = (findings: readonly Finding[]) => findings.map((f) => f.code);
const withCode = (findings: readonly Finding[], code: FindingCode) =>
  findings.filter((f) => f.code === code);

function mutate(change: (report: AnnualReport) => void): AnnualReport {
  const report = sampleReport();
  change(report);
  return report;
}

function setText(report: AnnualReport, key: string, text: string): void {
  const section = report.sections.find((s) => s.key === key);
  if (!section) throw new Error(`no section ${key}`);
  section.text = text;
}

describe('validateReport on valid reports', () => {
  it('finds nothing in the sample report', () => {
    expect(validateReport(sampleReport())).toEqual([]);
  });

  it('finds nothing in any generated valid report', () => {
    fc.assert(
      fc.property(arbitraryReport(), (report) => {
        expect(validateReport(report)).toEqual([]);
      }),
      { seed: 31, numRuns: 300 },
    );
  });
});

describe('balance', () => {
  it('is reported per column when 一 + 二 ≠ 三（七）+ 四, the 总计 column included', () => {
    const report = mutate((r) => {
      r.tables.applications.received!.natural_person = 4;
      r.tables.applications.received!.total = 5;
    });
    const found = withCode(validateReport(report), 'balance');
    expect(found.map((f) => f.location.column)).toEqual(['natural_person', 'total']);
    expect(found[0]!.severity).toBe('error');
    expect(found[0]!.message).toContain('勾稽关系');
    expect(found[0]!.message).toContain('自然人');
  });

  it('is checked in the 总计 column alone when only that column is off', () => {
    const report = mutate((r) => {
      r.tables.applications.carried_forward!.total = 2;
    });
    const found = withCode(validateReport(report), 'balance');
    expect(found.map((f) => f.location.column)).toEqual(['total']);
  });

  it('is not reported for a balanced table', () => {
    expect(codes(validateReport(sampleReport()))).not.toContain('balance');
  });
});

describe('row-total', () => {
  it('is reported when a row 总计 differs from its six applicant columns', () => {
    const report = mutate((r) => {
      r.tables.applications['unable.not_held']!.commercial = 1;
    });
    const found = withCode(validateReport(report), 'row-total');
    expect(found).toHaveLength(1);
    expect(found[0]!.location).toEqual({
      table: 'applications',
      row: 'unable.not_held',
      column: 'total',
    });
    expect(found[0]!.message).toContain('本机关不掌握相关政府信息');
  });

  it('is not reported when every row adds up', () => {
    expect(codes(validateReport(sampleReport()))).not.toContain('row-total');
  });
});

describe('column-total', () => {
  it('is reported when （七）总计 differs from the sum of the 21 leaf rows in a column', () => {
    const report = mutate((r) => {
      r.tables.applications['withheld.state_secret']!.research = 1;
      r.tables.applications['withheld.state_secret']!.total = 1;
    });
    const found = withCode(validateReport(report), 'column-total');
    expect(found.map((f) => f.location.column)).toEqual(['research', 'total']);
    expect(found[0]!.message).toContain('（七）总计');
  });

  it('is reported when a 行政复议 or 行政诉讼 总计 differs from its four outcomes', () => {
    const report = mutate((r) => {
      r.tables.appeals.litigation_after_review!.pending = 2;
    });
    const found = withCode(validateReport(report), 'column-total');
    expect(found).toHaveLength(1);
    expect(found[0]!.location).toEqual({
      table: 'appeals',
      row: 'litigation_after_review',
      column: 'total',
    });
    expect(found[0]!.message).toContain('复议后起诉');
  });

  it('is not reported when the totals hold', () => {
    expect(codes(validateReport(sampleReport()))).not.toContain('column-total');
  });
});

describe('negative-or-fraction', () => {
  it('is reported for a negative count and for a fractional count', () => {
    const report = mutate((r) => {
      r.tables.proactive.penalty!.decisions = -1;
      r.tables.appeals.review!.upheld = 0.5;
    });
    const found = withCode(validateReport(report), 'negative-or-fraction');
    expect(found.map((f) => f.location)).toEqual([
      { table: 'proactive', row: 'penalty', column: 'decisions' },
      { table: 'appeals', row: 'review', column: 'upheld' },
    ]);
    expect(found.every((f) => f.severity === 'error')).toBe(true);
  });

  it('allows decimals in 收费金额 (万元) but not a negative amount', () => {
    const ok = mutate((r) => {
      r.tables.proactive.administrative_fees!.amount_wan_yuan = 12.35;
    });
    expect(codes(validateReport(ok))).not.toContain('negative-or-fraction');
    const negative = mutate((r) => {
      r.tables.proactive.administrative_fees!.amount_wan_yuan = -0.5;
    });
    expect(withCode(validateReport(negative), 'negative-or-fraction')[0]!.location.row).toBe(
      'administrative_fees',
    );
  });
});

describe('missing-section', () => {
  it('is reported for an absent section 五', () => {
    const report = mutate((r) => {
      r.sections = r.sections.filter((s) => s.key !== 'problems');
    });
    const found = withCode(validateReport(report), 'missing-section');
    expect(found).toHaveLength(1);
    expect(found[0]!.location.section).toBe('五');
    expect(found[0]!.message).toContain('条例第五十条');
  });

  it('is reported for each of 一–六 when the section is absent and (for 二–四) so is its table', () => {
    const tableOf = { proactive: 'proactive', applications: 'applications', appeals: 'appeals' };
    for (const definition of SECTION_DEFINITIONS) {
      const report = mutate((r) => {
        r.sections = r.sections.filter((s) => s.key !== definition.key);
        const table = tableOf[definition.key as keyof typeof tableOf];
        if (table) r.tables[table as keyof AnnualReport['tables']] = {};
      });
      const found = withCode(validateReport(report), 'missing-section');
      expect(
        found.map((f) => f.location.section),
        definition.number,
      ).toEqual([definition.number]);
      expect(found[0]!.severity).toBe('error');
      expect(found[0]!.message).toContain(definition.title);
    }
  });

  it('is reported when the narrative of 一, 五 or 六 is blank (whitespace only)', () => {
    for (const key of ['overview', 'problems', 'other'] as const) {
      for (const blank of ['', ' \n\t　']) {
        const report = mutate((r) => setText(r, key, blank));
        const found = withCode(validateReport(report), 'missing-section');
        const number = SECTION_DEFINITIONS.find((s) => s.key === key)!.number;
        expect(
          found.map((f) => f.location.section),
          `${key} ${JSON.stringify(blank)}`,
        ).toEqual([number]);
        expect(found[0]!.severity).toBe('error');
        expect(found[0]!.message).toContain('内容为空');
      }
    }
  });

  it('is reported when section 二, 三 or 四 has neither text nor its table', () => {
    for (const key of ['proactive', 'applications', 'appeals'] as const) {
      const report = mutate((r) => {
        r.tables[key] = {};
      });
      const found = withCode(validateReport(report), 'missing-section');
      const number = SECTION_DEFINITIONS.find((s) => s.key === key)!.number;
      expect(
        found.map((f) => f.location.section),
        key,
      ).toEqual([number]);
      expect(found[0]!.severity).toBe('error');
    }
  });

  it('is not reported for a table section with text but no table, nor with a table but no text', () => {
    const textOnly = mutate((r) => {
      r.tables.appeals = {};
      setText(r, 'appeals', '本年度未发生政府信息公开行政复议、行政诉讼。');
    });
    expect(codes(validateReport(textOnly))).not.toContain('missing-section');
    // The sample's sections 二–四 have empty text and full tables.
    expect(codes(validateReport(sampleReport()))).not.toContain('missing-section');
  });

  it('is not reported for section 二 of a report in the 2019 format, whose table the model does not hold', () => {
    const old = mutate((r) => {
      r.format = '2019';
      r.year = 2020;
      r.tables.proactive = {};
    });
    expect(codes(validateReport(old))).not.toContain('missing-section');
  });

  it('is not reported for a table section whose heading was lost but whose table is there', () => {
    const report = mutate((r) => {
      r.sections = r.sections.filter((s) => s.key !== 'appeals');
    });
    expect(codes(validateReport(report))).not.toContain('missing-section');
  });
});

describe('missing-row', () => {
  it('is reported for an absent table 三 row and an absent table 四 group', () => {
    const report = mutate((r) => {
      delete r.tables.applications['other.fee_unpaid'];
      delete r.tables.appeals.litigation_direct;
    });
    const found = withCode(validateReport(report), 'missing-row');
    expect(found.map((f) => f.location)).toEqual([
      { table: 'applications', row: 'other.fee_unpaid' },
      { table: 'appeals', row: 'litigation_direct' },
    ]);
    // Without the row the sums cannot be checked, and are not checked as if it were zero.
    expect(codes(validateReport(report))).not.toContain('column-total');
  });

  it('is reported once for a table that is absent altogether', () => {
    const report = mutate((r) => {
      r.tables.proactive = {};
    });
    const found = withCode(validateReport(report), 'missing-row');
    expect(found).toHaveLength(1);
    expect(found[0]!.location).toEqual({ table: 'proactive' });
  });

  it('is not reported for complete tables', () => {
    expect(codes(validateReport(sampleReport()))).not.toContain('missing-row');
  });
});

describe('missing-column', () => {
  it('is reported once when a column is absent from every row (e.g. a header without 其他)', () => {
    const report = mutate((r) => {
      for (const row of APPLICATION_ROW_KEYS) delete r.tables.applications[row]!.other;
    });
    const found = withCode(validateReport(report), 'missing-column');
    expect(found).toHaveLength(1);
    expect(found[0]!.location).toEqual({ table: 'applications', column: 'other' });
    expect(found[0]!.message).toContain('其他');
    // Row totals cannot be checked without the column; nothing is summed as zero.
    expect(codes(validateReport(report))).not.toContain('row-total');
  });

  it('is reported for the one row of table 三 that lacks a cell, and a cell held as undefined is there', () => {
    const report = mutate((r) => {
      delete r.tables.applications['withheld.prohibited_by_law']!.research;
      // Present (as `in` says), though no figure: not missing, and no count to check.
      (r.tables.applications.received as Record<string, unknown>).commercial = undefined;
    });
    const findings = validateReport(report);
    expect(withCode(findings, 'missing-column').map((f) => f.location)).toEqual([
      { table: 'applications', row: 'withheld.prohibited_by_law', column: 'research' },
    ]);
    expect(withCode(findings, 'negative-or-fraction')).toEqual([]);
    // Neither row is summed: one lacks a cell, the other holds no figure (nor a blank to say).
    expect(withCode(findings, 'row-total')).toEqual([]);
    expect(withCode(findings, 'column-total')).toEqual([]);
    expect(withCode(findings, 'balance')).toEqual([]);
  });

  it('is reported per row when a cell is absent from one row only', () => {
    const report = mutate((r) => {
      delete r.tables.proactive.regulations!.repealed;
      delete r.tables.appeals.review!.total;
    });
    const found = withCode(validateReport(report), 'missing-column');
    expect(found.map((f) => f.location)).toEqual([
      { table: 'proactive', row: 'regulations', column: 'repealed' },
      { table: 'appeals', row: 'review', column: 'total' },
    ]);
  });

  it('is not reported for complete tables', () => {
    expect(codes(validateReport(sampleReport()))).not.toContain('missing-column');
  });
});

describe('outdated-format', () => {
  it('is reported for a 2023 report in the 2019 layout', () => {
    const found = withCode(validateReport(mutate((r) => (r.format = '2019'))), 'outdated-format');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('国办公开办函〔2021〕30号');
  });

  it('is not reported for a 2021-format report, nor for a 2020 report in the 2019 layout', () => {
    expect(codes(validateReport(sampleReport()))).not.toContain('outdated-format');
    const old = mutate((r) => {
      r.format = '2019';
      r.year = 2020;
    });
    expect(codes(validateReport(old))).not.toContain('outdated-format');
  });
});

describe('outdated-regulation', () => {
  it('is reported when the basis cited is 国务院令第492号', () => {
    const report = mutate((r) => {
      r.preamble =
        '本报告根据《中华人民共和国政府信息公开条例》（国务院令第 492 号）要求编制。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。';
    });
    const found = withCode(validateReport(report), 'outdated-regulation');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('国务院令第711号');
    expect(found[0]!.location.excerpt).toContain('492');
  });

  it('is reported for 492 cited as the basis, however the order is written', () => {
    const basis = (text: string) =>
      withCode(validateReport(mutate((r) => (r.preamble = text))), 'outdated-regulation');
    for (const text of [
      '本报告根据新修订的《条例》（国务院令第492号）要求编制。',
      '本报告依据《中华人民共和国政府信息公开条例》（国务院492号令）编制。',
      '本报告依据《中华人民共和国政府信息公开条例》（国务院第492号令）编制。',
    ]) {
      expect(basis(text), text).toHaveLength(1);
    }
  });

  it('is not reported for the official citation of the current regulation, which names 492 as the original', () => {
    const report = mutate((r) => {
      r.preamble =
        '本报告根据《中华人民共和国政府信息公开条例》（2007年4月5日中华人民共和国国务院令第492号公布，2019年4月3日中华人民共和国国务院令第711号修订）编制。';
    });
    expect(codes(validateReport(report))).not.toContain('outdated-regulation');
    const before = mutate((r) => {
      setText(r, 'other', '修订前的《条例》（国务院令第492号）已不再作为编制依据。');
    });
    expect(codes(validateReport(before))).not.toContain('outdated-regulation');
  });

  it('is not reported for a sentence that says 492号 was superseded', () => {
    const report = mutate((r) => {
      setText(
        r,
        'other',
        '2019年修订的条例（国务院令第711号）取代了原国务院令第492号，我局据此更新了指南。',
      );
    });
    expect(codes(validateReport(report))).not.toContain('outdated-regulation');
  });
});

describe('narrative-mismatch', () => {
  const overview = (text: string) => mutate((r) => setText(r, 'overview', text));

  it('is reported for "未收到…申请" when table 三 row 一 > 0', () => {
    const found = withCode(
      validateReport(overview('2023年，我局未收到政府信息公开申请。')),
      'narrative-mismatch',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.location.section).toBe('一');
    expect(found[0]!.message).toContain('未收到');
  });

  it('is reported for "申请 0 件" when row 一 > 0, and for a stated count that differs', () => {
    expect(
      withCode(
        validateReport(overview('2023年共收到政府信息公开申请 0 件。')),
        'narrative-mismatch',
      ),
    ).toHaveLength(1);
    const found = withCode(
      validateReport(overview('2023年共收到政府信息公开申请７件。')),
      'narrative-mismatch',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('7');
  });

  it('reads counts written in Chinese numerals and compares a 自然人 count with its column', () => {
    expect(codes(validateReport(overview('全年共收到政府信息公开申请四件。')))).not.toContain(
      'narrative-mismatch',
    );
    expect(codes(validateReport(overview('全年共收到政府信息公开申请五件。')))).toContain(
      'narrative-mismatch',
    );
    expect(
      codes(validateReport(overview('市教育局共收到自然人政府信息公开申请 3 件。'))),
    ).not.toContain('narrative-mismatch');
    expect(
      codes(validateReport(overview('市教育局共收到自然人政府信息公开申请 4 件。'))),
    ).toContain('narrative-mismatch');
  });

  it('is reported for a stated received count when the table says none were received', () => {
    const report = mutate((r) => {
      const figures = zeroApplicationFigures();
      r.tables.applications = buildApplicationTable(figures);
      setText(r, 'overview', '（二）依申请公开情况。本年度依申请公开 5 件。');
    });
    expect(codes(validateReport(report))).toContain('narrative-mismatch');
  });

  it('is reported for "未发生行政复议" with table 四 行政复议 > 0', () => {
    const found = withCode(
      validateReport(overview('全年未发生因政府信息公开引起的行政复议、行政诉讼。')),
      'narrative-mismatch',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('行政复议');
  });

  it('is reported for a stated number of 行政诉讼 that differs from table 四', () => {
    const found = withCode(
      validateReport(overview('2023年发生行政复议 1 件、行政诉讼 2 件。')),
      'narrative-mismatch',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('行政诉讼');
  });

  it('is reported for "所有申请均已办结" when 结转下年度 > 0', () => {
    const found = withCode(
      validateReport(overview('2023年共收到政府信息公开申请 4 件，所有申请均已办结。')),
      'narrative-mismatch',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('结转下年度');
  });

  it('is reported for a stated 结转下年度 count that differs from table 三 row 四', () => {
    const found = withCode(
      validateReport(overview('全年结转下年度继续办理 3 件。')),
      'narrative-mismatch',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('结转下年度 3 件');
    expect(found[0]!.message).toContain('条例第五十条');
  });

  it('is reported for "没有政府信息公开申请" and "申请数量为0/为零" when row 一 > 0', () => {
    for (const text of [
      '本年度没有政府信息公开申请。',
      '2023年，本局政府信息公开申请数量为0。',
      '2023年，本局收到政府信息公开申请数量为零。',
    ]) {
      const found = withCode(validateReport(overview(text)), 'narrative-mismatch');
      expect(found, text).toHaveLength(1);
      expect(found[0]!.message).toContain('一、本年新收政府信息公开申请数量');
    }
  });

  it('is not reported for "没有政府信息公开申请" or "申请数量为0" when row 一 is 0', () => {
    for (const text of [
      '本年度没有政府信息公开申请。',
      '2023年，本局政府信息公开申请数量为0。',
      '2023年，本局收到政府信息公开申请数量为零。',
    ]) {
      const report = mutate((r) => {
        r.tables.applications = buildApplicationTable(zeroApplicationFigures());
        setText(r, 'overview', text);
      });
      expect(codes(validateReport(report)), text).not.toContain('narrative-mismatch');
    }
    // A stated count that agrees, without a unit.
    expect(codes(validateReport(overview('2023年，本局政府信息公开申请数量为4。')))).not.toContain(
      'narrative-mismatch',
    );
  });

  it('is reported for "复议、诉讼均为零/均为0" when table 四 has a 行政复议', () => {
    for (const text of [
      '2023年，因政府信息公开引起的行政复议、行政诉讼均为零。',
      '2023年，政府信息公开复议、诉讼均为0。',
      '2023年，因政府信息公开引起的行政复议、行政诉讼均为0件。',
    ]) {
      const found = withCode(validateReport(overview(text)), 'narrative-mismatch');
      expect(found, text).toHaveLength(1);
      expect(found[0]!.message).toContain('行政复议总计为 1');
    }
  });

  it('is not reported for "复议、诉讼均为零" when table 四 is all zero, nor for a zero said of 诉讼 alone', () => {
    const zero = mutate((r) => {
      r.tables.appeals = buildAppealsTable(zeroAppealFigures());
      setText(r, 'overview', '2023年，因政府信息公开引起的行政复议、行政诉讼均为零。');
    });
    expect(codes(validateReport(zero))).not.toContain('narrative-mismatch');
    expect(
      codes(validateReport(overview('2023年，政府信息公开行政复议1件，行政诉讼为0。'))),
    ).not.toContain('narrative-mismatch');
    expect(
      codes(validateReport(overview('2023年，政府信息公开行政复议为1件、行政诉讼为0件。'))),
    ).not.toContain('narrative-mismatch');
  });

  it('is not reported for "均已办结" said of deputies\' suggestions and proposals', () => {
    expect(
      codes(validateReport(overview('承办人大代表建议和政协委员提案7件，均已按时办结。'))),
    ).not.toContain('narrative-mismatch');
  });

  it('is not reported when the prose agrees with the tables', () => {
    expect(codes(validateReport(sampleReport()))).not.toContain('narrative-mismatch');
  });
});

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
