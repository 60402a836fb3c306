/** validateReport: what the narrative says (format, regulation cited, stated counts). */
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/support/sample-report.js';
import {
  buildAppealsTable,
  buildApplicationTable,
  zeroAppealFigures,
  zeroApplicationFigures,
} from './model.js';
import { validateReport } from './validate.js';
import { codes, mutate, setText, withCode } from '../../../test/support/report-mutate.js';

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
