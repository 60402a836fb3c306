import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryProactiveFigures } from '../../../test/support/report-arbitrary.js';
import { sampleReport } from '../../../test/support/sample-report.js';
import type { Finding } from './findings.js';
import { buildProactiveTable, type AnnualReport, type ProactiveFigures } from './model.js';
import { validateReport } from './validate.js';

/** The sample report (table 二: 规范性文件 3 issued, 1 repealed, 12 in force; 许可 250; 处罚 4; 强制 0; 收费 1.25万元) with section 二 saying text. */
function withProse(text: string, change?: (r: AnnualReport) => void): AnnualReport {
  const report = sampleReport();
  report.sections.find((s) => s.key === 'proactive')!.text = text;
  change?.(report);
  return report;
}

/** The narrative-mismatch findings about table 二. */
const tableTwo = (report: AnnualReport): Finding[] =>
  validateReport(report).filter(
    (f) => f.code === 'narrative-mismatch' && f.message.includes('表二'),
  );

describe('narrative-mismatch for table 二', () => {
  it('finds "制发规范性文件9件" against a table of 4, naming the row, column, both figures and section', () => {
    const report = withProse('2023年，本局制发行政规范性文件9件。', (r) => {
      r.tables.proactive.normative_documents!.issued = 4;
    });
    const found = tableTwo(report);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.location.section).toBe('二');
    expect(found[0]!.message).toContain('行政规范性文件的本年制发件数为 9');
    expect(found[0]!.message).toContain('表二（第二十条第（一）项）为 4');
    expect(found[0]!.message).toContain('条例第五十条');
    // The same sentence agreeing with the table raises nothing.
    expect(
      tableTwo(
        withProse('2023年，本局制发行政规范性文件4件。', (r) => {
          r.tables.proactive.normative_documents!.issued = 4;
        }),
      ),
    ).toEqual([]);
  });

  it('reads each column of 第二十条第（一）项, a row carried into a short clause, Chinese numerals and zero', () => {
    const agreeing = [
      '本年度制发规范性文件3件、废止1件、现行有效12件。',
      '全年印发行政规范性文件三件，宣布失效一件。',
      '截至2023年底，本局现行有效的规范性文件共12件。',
      '本年度未制发规章。',
      '制发规章0件。',
    ];
    for (const text of agreeing) expect(tableTwo(withProse(text)), text).toEqual([]);

    const wrong: [string, string][] = [
      ['本年度制发规范性文件3件、废止2件、现行有效12件。', '本年废止件数为 2'],
      ['本年度制发规范性文件3件、废止1件、现行有效15件。', '现行有效件数为 15'],
      ['全年印发行政规范性文件五件。', '本年制发件数为 5'],
      ['本年度未制发规范性文件。', '本年制发件数为 0'],
      ['本年度制发规章2件。', '规章的本年制发件数为 2'],
    ];
    for (const [text, said] of wrong) {
      const found = tableTwo(withProse(text));
      expect(found, text).toHaveLength(1);
      expect(found[0]!.message, text).toContain(said);
    }
  });

  it('compares the decisions of 行政许可, 行政处罚 and 行政强制', () => {
    for (const text of [
      '全年作出行政许可决定250件，作出行政处罚决定4件。',
      '本年度办理行政许可250件。',
      '本年度未实施行政强制。',
    ]) {
      expect(tableTwo(withProse(text)), text).toEqual([]);
    }
    const found = tableTwo(withProse('全年作出行政许可决定260件，作出行政处罚决定5件。'));
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining(
        '行政许可的本年处理决定数量为 260，但表二（第二十条第（五）项）为 250',
      ),
      expect.stringContaining('行政处罚的本年处理决定数量为 5，但表二（第二十条第（六）项）为 4'),
    ]);
    const coercion = tableTwo(
      withProse('本年度作出行政强制决定2件。', (r) => (r.tables.proactive.coercion!.decisions = 0)),
    );
    expect(coercion).toHaveLength(1);
    expect(coercion[0]!.message).toContain('行政强制');
  });

  it('compares 行政事业性收费 in 万元, 元 or 亿元, to the precision either is written in', () => {
    for (const text of [
      '全年收取行政事业性收费1.25万元。',
      '全年收取行政事业性收费12500元。',
      '全年收取行政事业性收费12468元。', // 1.2468万元, shown as 1.25 in the table
      '全年收取行政事业性收费1.3万元。', // the prose rounds to one decimal
      '全年收取行政事业性收费1万元。', // … or to whole 万元
    ]) {
      expect(tableTwo(withProse(text)), text).toEqual([]);
    }
    for (const text of ['全年收取行政事业性收费2.25万元。', '全年收取行政事业性收费1.5万元。']) {
      const found = tableTwo(withProse(text));
      expect(found, text).toHaveLength(1);
      expect(found[0]!.message).toContain(
        '表二（第二十条第（八）项）“本年收费金额（单位：万元）”为 1.25',
      );
    }
    expect(tableTwo(withProse('本年度无行政事业性收费。'))).toHaveLength(1);
  });

  it('leaves alone what is not a count of table 二: reviews, several years, approximations, titles, subsets, both rows at once', () => {
    for (const text of [
      '审核规范性文件9件。',
      '2022年制发规范性文件9件。',
      '2019年以来累计制发规范性文件30件。',
      '制发规范性文件约9件。',
      '制发规章和规范性文件共9件。',
      '按照《关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）要求，加强对规范性文件的管理。',
      '依据《关于制发规范性文件的9项规定》开展工作。',
      '行政许可决定中，不予许可3件。',
      '作出行政处罚决定4件，其中简易程序3件。',
      '减免行政事业性收费12万元。',
      '清理规范性文件20件，无需废止。',
      '本年度主动公开规范性文件88件。',
      '建立健全规章制度9件。',
    ]) {
      expect(tableTwo(withProse(text)), text).toEqual([]);
    }
  });

  it('compares nothing with an unread cell (null), nor a report in the 2019 format', () => {
    expect(
      tableTwo(
        withProse('本年度制发规范性文件9件。', (r) => {
          r.tables.proactive.normative_documents!.issued = null;
        }),
      ),
    ).toEqual([]);
    expect(
      tableTwo(
        withProse('本年度制发规范性文件9件。', (r) => {
          r.format = '2019';
          r.year = 2020;
        }),
      ),
    ).toEqual([]);
  });

  /** Prose stating every figure of table 二, the way reports write it. */
  const prose = (p: ProactiveFigures) =>
    [
      `本年度制发规章${p.regulations.issued}件，废止${p.regulations.repealed}件，现行有效${p.regulations.in_force}件。`,
      `制发行政规范性文件${p.normative_documents.issued}件、废止${p.normative_documents.repealed}件、现行有效${p.normative_documents.in_force}件。`,
      `全年作出行政许可决定${p.licensing.decisions}件；作出行政处罚决定${p.penalty.decisions}件；作出行政强制决定${p.coercion.decisions}件。`,
      `收取行政事业性收费${p.administrative_fees.amount_wan_yuan}万元。`,
    ].join('\n');
  const CELLS = [
    ['regulations', 'issued'],
    ['regulations', 'repealed'],
    ['regulations', 'in_force'],
    ['normative_documents', 'issued'],
    ['normative_documents', 'repealed'],
    ['normative_documents', 'in_force'],
    ['licensing', 'decisions'],
    ['penalty', 'decisions'],
    ['coercion', 'decisions'],
    ['administrative_fees', 'amount_wan_yuan'],
  ] as const;

  it('for any table 二, prose stating its figures raises nothing, and one changed cell raises one finding', () => {
    fc.assert(
      fc.property(
        arbitraryProactiveFigures(),
        fc.constantFrom(...CELLS),
        fc.integer({ min: 1, max: 50 }),
        (figures, [row, column], delta) => {
          const report = withProse(prose(figures), (r) => {
            r.tables.proactive = buildProactiveTable(figures);
          });
          expect(tableTwo(report)).toEqual([]);
          const cells = report.tables.proactive[row] as Record<string, number>;
          cells[column] = cells[column]! + delta;
          const found = tableTwo(report);
          expect(found).toHaveLength(1);
          expect(found[0]!.message).toContain(
            row === 'regulations' ? '规章' : row === 'normative_documents' ? '行政规范性文件' : '',
          );
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });
});
