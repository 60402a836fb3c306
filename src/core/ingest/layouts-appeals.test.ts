/**
 * A layout of real published reports that a reviewer found the reader got wrong (layouts.test.ts
 * has the others): table 四 turned on its side — the groups as rows, the results as rows, their
 * labels split over lines — read to the report's own figures, with exactly the findings that
 * are there.
 */
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/support/ingest-sample.js';
import { layoutReport } from '../../../test/support/report-layouts.js';
import type { Finding } from '../report/findings.js';
import { readReportText } from './read.js';

const sample = () => layoutReport(sampleReport(), 'tabs');
const codes = (findings: readonly Finding[]) =>
  findings.map((f) => `${f.severity}:${f.code}:${f.location.row ?? f.location.column ?? ''}`);

describe('D7: table 四 turned on its side', () => {
  /** The sample with table 四 replaced by `rows`. */
  const withAppeals = (...rows: string[]) => {
    const text = sample();
    const start = text.indexOf('行政复议\t\t\t\t\t行政诉讼');
    const end = text.indexOf('五、存在的主要问题');
    return `${text.slice(0, start)}${rows.join('\n')}\n\n${text.slice(end)}`;
  };
  const HEADER = '信息内容\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计';
  const REVIEW = '行政复议\t2\t1\t0\t1\t4';
  const DIRECT = '未经复议直接起诉\t1\t0\t0\t1\t2';
  const AFTER = '复议后起诉\t0\t0\t1\t0\t1';
  const appeals = sampleReport().tables.appeals;

  it.each([
    ['the groups as rows', [HEADER, REVIEW, DIRECT, AFTER]],
    ['the groups as rows, in another order', [HEADER, AFTER, REVIEW, DIRECT]],
    [
      '行政诉讼 split over two rows',
      [`\t${HEADER}`, `\t${REVIEW}`, `行政诉讼\t${DIRECT}`, `\t${AFTER}`],
    ],
    [
      'the results as rows',
      [
        '\t行政复议\t未经复议直接起诉\t复议后起诉',
        '结果维持\t2\t1\t0',
        '结果纠正\t1\t0\t0',
        '其他结果\t0\t0\t1',
        '尚未审结\t1\t1\t0',
        '总计\t4\t2\t1',
      ],
    ],
    [
      'the results as rows, under a two-level header in another order',
      [
        '\t行政诉讼\t\t行政复议',
        '\t复议后起诉\t未经复议直接起诉\t',
        '结果维持\t0\t1\t2',
        '结果纠正\t0\t0\t1',
        '其他结果\t1\t0\t0',
        '尚未审结\t0\t1\t1',
        '总计\t1\t2\t4',
      ],
    ],
  ])('%s', (_, rows) => {
    const { report, findings, sourceLines } = readReportText(withAppeals(...rows));
    expect(report!.tables.appeals).toEqual(appeals);
    expect(findings).toEqual([]);
    expect(sourceLines['appeals.review.total']).toBeGreaterThan(0);
  });

  it('traces each figure to its row', () => {
    const text = withAppeals(HEADER, AFTER, REVIEW, DIRECT);
    const lines = text.split('\n');
    const { sourceLines } = readReportText(text);
    expect(lines[sourceLines['appeals.review.upheld']! - 1]).toBe(REVIEW);
    expect(lines[sourceLines['appeals.litigation_after_review.total']! - 1]).toBe(AFTER);
  });

  it('repairs a row that lost a cell only when its total allows one reading', () => {
    // A blank cell is a blank cell, in its place: not a lost cell to repair. Its row's total
    // confirms it is 0, so it reads as 0, and that is said.
    const blank = readReportText(withAppeals(HEADER, '行政复议\t2\t1\t0\t\t3', DIRECT, AFTER));
    expect(blank.report!.tables.appeals.review).toEqual({
      upheld: 2,
      corrected: 1,
      other: 0,
      pending: 0,
      total: 3,
    });
    expect(codes(blank.findings)).toEqual(['info:unreadable-cell:review']);
    // A cell lost from its place: read when its total allows one reading (four 0s: whichever
    // cell was lost, the row is 0 0 0 0 0), with a warning giving the figures as printed …
    const zeros = readReportText(withAppeals(HEADER, REVIEW, DIRECT, '复议后起诉\t0\t0\t0\t0'));
    expect(zeros.report!.tables.appeals.litigation_after_review).toEqual({
      upheld: 0,
      corrected: 0,
      other: 0,
      pending: 0,
      total: 0,
    });
    const warning = zeros.findings.filter((f) => f.location.table === 'appeals');
    expect(codes(warning)).toEqual(['warning:cell-count:']);
    expect(warning[0]!.message).toContain('原始数值：0 0 0 0');
    // … and that group left unread when it allows several (2 1 0 3: a 0 lost before the 2, the
    // 1 or the 3 — 0 2 1 0 3, 2 0 1 0 3, 2 1 0 0 3 — or the total lost: 2 1 0 3 6); the other
    // groups, each confirmed by its own total, are read.
    const several = readReportText(withAppeals(HEADER, '行政复议\t2\t1\t0\t3', DIRECT, AFTER));
    expect(Object.values(several.report!.tables.appeals.review!)).toEqual(new Array(5).fill(null));
    expect(several.report!.tables.appeals.litigation_direct).toEqual(appeals.litigation_direct);
    expect(several.report!.tables.appeals.litigation_after_review).toEqual(
      appeals.litigation_after_review,
    );
    const errors = several.findings.filter((f) => f.severity === 'error');
    expect(codes(errors)).toEqual(['error:unread-table:review']);
    expect(errors[0]!.message).toContain('“行政复议”一组');
    expect(errors[0]!.message).toContain('原始数值：2 1 0 3');
  });

  it('leaves a group row that lost cells unread, with an error naming it; the other groups read', () => {
    const { report, findings } = readReportText(
      withAppeals(HEADER, '行政复议\t2\t1\t4', DIRECT, AFTER),
    );
    expect(Object.values(report!.tables.appeals.review!)).toEqual(new Array(5).fill(null));
    expect(report!.tables.appeals.litigation_direct).toEqual(appeals.litigation_direct);
    expect(report!.tables.appeals.litigation_after_review).toEqual(appeals.litigation_after_review);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(codes(errors)).toEqual(['error:unread-table:review']);
    expect(errors[0]!.message).toContain('原始数值：2 1 4');
  });

  it.each([
    ['行政诉讼 as a row of its own', [HEADER, REVIEW, '行政诉讼\t1\t0\t0\t1\t2', AFTER]],
    ['a group twice', [HEADER, REVIEW, DIRECT, '未经复议直接起诉\t0\t0\t1\t0\t1']],
    [
      'the results as rows under group labels on two lines that do not tell their order',
      [
        '\t\t\t行政复议',
        '\t未经复议直接起诉\t复议后起诉',
        '结果维持\t1\t0\t2',
        '结果纠正\t0\t0\t1',
        '其他结果\t0\t1\t0',
        '尚未审结\t1\t0\t1',
        '总计\t2\t1\t4',
      ],
    ],
    [
      'a result row that lost a cell',
      [
        '\t行政复议\t未经复议直接起诉\t复议后起诉',
        '结果维持\t2\t1\t0',
        '结果纠正\t1\t0',
        '其他结果\t0\t0\t1',
        '尚未审结\t1\t1\t0',
        '总计\t4\t2\t1',
      ],
    ],
  ])('leaves the table unread, with an error keeping the figures: %s', (_, rows) => {
    const { report, findings } = readReportText(withAppeals(...rows));
    for (const group of ['review', 'litigation_direct', 'litigation_after_review'] as const)
      expect(Object.values(report!.tables.appeals[group]!)).toEqual(new Array(5).fill(null));
    const errors = findings.filter((f) => f.severity === 'error');
    expect(codes(errors)).toEqual(['error:unread-table:']);
    expect(errors[0]!.message).toContain('原始数值');
  });
});
