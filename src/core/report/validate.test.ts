import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryReport } from '../../../test/support/report-arbitrary.js';
import { sampleReport } from '../../../test/support/sample-report.js';
import { APPLICATION_ROW_KEYS, SECTION_DEFINITIONS } from './format.js';
import { type AnnualReport } from './model.js';
import { validateReport } from './validate.js';
import { codes, mutate, setText, withCode } from '../../../test/support/report-mutate.js';

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
