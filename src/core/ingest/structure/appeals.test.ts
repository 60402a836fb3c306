/**
 * Table 四 read by the structural reader in whatever orientation the layout gives it: the
 * template's anchors (its groups' and results' labels) found in the token stream decide which
 * figures are a row's, the groups' totals decide the reading, and a table that admits no reading
 * or several is left unread with one error that keeps its figures.
 */
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../../test/support/ingest-sample.js';
import { layoutReport } from '../../../../test/support/report-layouts.js';
import type { Finding } from '../../report/findings.js';
import { readReportText } from '../read.js';
import { headerGroupOrder, type AppealAnchor } from './appeal-layout.js';

const TITLE = '某县交通运输局2023年政府信息公开工作年度报告';
const SAMPLE = sampleReport().tables.appeals;
const UNREAD = {
  review: new Array(5).fill(null),
  litigation_direct: new Array(5).fill(null),
  litigation_after_review: new Array(5).fill(null),
};
const errors = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'error');
const appealsFindings = (findings: readonly Finding[]) =>
  findings.filter((f) => f.location.table === 'appeals');
const values = (tables: { appeals: Record<string, Record<string, number | null> | undefined> }) =>
  Object.fromEntries(
    Object.entries(tables.appeals).map(([group, row]) => [group, Object.values(row!)]),
  );

/** The sample report with table 四 replaced by `lines`. */
function withAppeals(...lines: string[]): string {
  const text = layoutReport(sampleReport(), 'tabs');
  const start = text.indexOf('行政复议\t\t\t\t\t行政诉讼');
  const end = text.indexOf('五、存在的主要问题');
  return `${text.slice(0, start)}${lines.join('\n')}\n\n${text.slice(end)}`;
}

describe('table 四 read from a text whose cells lost their order (pdftotext’s default mode)', () => {
  const appeals = (...blocks: string[][]) =>
    [
      TITLE,
      '四、政府信息公开行政复议、行政诉讼情况',
      '行政复议',
      '行政诉讼',
      '结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉',
      ...blocks[0]!,
      '复议后起诉',
      '结果维持 结果纠正 其他结果 尚未审结 总计',
      ...blocks[1]!,
      '五、存在的主要问题及改进情况',
    ].join('\n');

  it('reads figures met apart when the totals hold', () => {
    // The labels before each block do not name its figures (未经复议直接起诉 stands before
    // 行政复议's): the template's order does, and every group's total confirms it.
    const text = appeals(['2', '1', '0', '1', '4'], '1 0 0 1 2 0 1 0 0 1'.split(' '));
    const { report, findings } = readReportText(text);
    expect(values(report!.tables)).toEqual({
      review: [2, 1, 0, 1, 4],
      litigation_direct: [1, 0, 0, 1, 2],
      litigation_after_review: [0, 1, 0, 0, 1],
    });
    expect(appealsFindings(findings)).toEqual([]);
  });

  it('leaves the table unread when figures met apart break its totals', () => {
    // The litigation figures 1 0 0 1 2 | 0 1 0 0 1 come out column by column.
    const text = appeals(['2', '1', '0', '1', '4'], '1 0 0 0 1 2 0 1 0 1'.split(' '));
    const { report, findings } = readReportText(text);
    expect(values(report!.tables)).toEqual(UNREAD);
    const own = errors(appealsFindings(findings));
    expect(own.map((f) => [f.code, f.location.row])).toEqual([['unread-table', undefined]]);
    expect(own[0]!.message).toContain('原始数值：2 1 0 1 4 1 0 0 0 1 2 0 1 0 1');
  });
});

describe('table 四 in any orientation: its labels place the figures, its totals confirm them', () => {
  const RESULTS = '结果维持 结果纠正 其他结果 尚未审结 总计';
  it.each([
    [
      'the official layout on one line (a crawler’s page)',
      `行政复议 行政诉讼 ${RESULTS} 未经复议直接起诉 ${RESULTS} 复议后起诉 ${RESULTS} 2 1 0 1 4 1 0 0 1 2 0 0 1 0 1`,
    ],
    [
      'a sentence with figures above the table',
      `本年度因政府信息公开引起行政复议4件、行政诉讼3件，涉及2个部门。\n行政复议 行政诉讼 ${RESULTS} 未经复议直接起诉 ${RESULTS} 复议后起诉 ${RESULTS} 2 1 0 1 4 1 0 0 1 2 0 0 1 0 1`,
    ],
    [
      'a table per group on one line',
      `行政复议 ${RESULTS} 2 1 0 1 4 行政诉讼 未经复议直接起诉 ${RESULTS} 1 0 0 1 2 复议后起诉 ${RESULTS} 0 0 1 0 1`,
    ],
    [
      'the groups as rows on one line, in another order',
      `信息内容 ${RESULTS} 复议后起诉 0 0 1 0 1 行政复议 2 1 0 1 4 未经复议直接起诉 1 0 0 1 2`,
    ],
    [
      'the results as rows on one line, under a two-level header',
      '行政诉讼 行政复议 复议后起诉 未经复议直接起诉 结果维持 0 1 2 结果纠正 0 0 1 其他结果 1 0 0 尚未审结 0 1 1 总计 1 2 4',
    ],
    [
      'the groups as rows, a cell per line, in another order',
      [
        ...RESULTS.split(' '),
        ...['未经复议直接起诉', '1', '0', '0', '1', '2', '行政复议', '2', '1', '0', '1', '4'],
        ...['复议后起诉', '0', '0', '1', '0', '1'],
      ].join('\n'),
    ],
    [
      'the results as rows in a Markdown table (a PDF-to-Markdown converter’s)',
      [
        '| | 行政复议 | 未经复议直接起诉 | 复议后起诉 |',
        '|---|---|---|---|',
        '| 结果维持 | 2 | 1 | 0 |',
        '| 结果纠正 | 1 | 0 | 0 |',
        '| 其他结果 | 0 | 0 | 1 |',
        '| 尚未审结 | 1 | 1 | 0 |',
        '| 总计 | 4 | 2 | 1 |',
      ].join('\n'),
    ],
  ])('%s', (_, table) => {
    const { report, findings } = readReportText(withAppeals(table));
    expect(report!.tables.appeals).toEqual(SAMPLE);
    expect(appealsFindings(findings)).toEqual([]);
  });

  it('leaves the results as rows unread when a group’s total does not hold, with the figures', () => {
    const table = [
      '\t行政复议\t未经复议直接起诉\t复议后起诉',
      '结果维持\t2\t1\t0',
      '结果纠正\t1\t0\t0',
      '其他结果\t0\t0\t1',
      '尚未审结\t1\t1\t0',
      '总计\t4\t3\t1',
    ];
    const { report, findings } = readReportText(withAppeals(...table));
    expect(values(report!.tables)).toEqual(UNREAD);
    const own = errors(appealsFindings(findings));
    expect(own.map((f) => [f.code, f.location.row])).toEqual([['unread-table', undefined]]);
    expect(own[0]!.message).toContain('总计 4 3 1');
  });

  it('says the table unread once, not each group, when every group as a row lost a cell', () => {
    const table = [
      '信息内容 结果维持 结果纠正 其他结果 尚未审结 总计',
      '行政复议 11 0 0 11',
      '未经复议直接起诉 22 0 0 22',
      '复议后起诉 11 0 0 11',
    ];
    const { report, findings } = readReportText(withAppeals(...table));
    expect(values(report!.tables)).toEqual(UNREAD);
    const own = errors(appealsFindings(findings));
    expect(own.map((f) => [f.code, f.location.row])).toEqual([['unread-table', undefined]]);
    expect(own[0]!.message).not.toContain('其他组');
    expect(own[0]!.message).toContain('行政复议 11 0 0 11');
  });

  it('leaves the results as rows unread when a result’s row comes twice', () => {
    const table = [
      '\t行政复议\t未经复议直接起诉\t复议后起诉',
      '结果维持\t2\t1\t0',
      '结果纠正\t1\t0\t0',
      '其他结果\t0\t0\t1',
      '尚未审结\t1\t1\t0',
      '总计\t4\t2\t1',
      '总计\t4\t2\t1',
    ];
    const { report, findings } = readReportText(withAppeals(...table));
    expect(values(report!.tables)).toEqual(UNREAD);
    expect(errors(appealsFindings(findings)).map((f) => f.code)).toEqual(['unread-table']);
  });

  it('reads a blank cell between two figures of a text row as 0 when the totals confirm it', () => {
    const table = [
      '\t行政复议\t未经复议直接起诉\t复议后起诉',
      '结果维持\t2\t1\t',
      '结果纠正\t1\t\t',
      '其他结果\t0\t\t1',
      '尚未审结\t1\t1\t0',
      '总计\t4\t2\t1',
    ];
    const { report, findings } = readReportText(withAppeals(...table));
    // A blank at a row's end is spacing, not a cell: those rows have too few figures.
    expect(values(report!.tables)).toEqual(UNREAD);
    expect(errors(appealsFindings(findings))).toHaveLength(1);
    const filled = table.map((l) => l.replace(/\t$/, '\t0')).map((l) => l.replace('\t\t', '\t0\t'));
    filled[3] = '其他结果\t0\t\t1';
    const read = readReportText(withAppeals(...filled));
    expect(read.report!.tables.appeals).toEqual(SAMPLE);
    expect(appealsFindings(read.findings).map((f) => [f.severity, f.code, f.location.row])).toEqual(
      [['info', 'unreadable-cell', 'litigation_direct']],
    );
  });
});

describe('table 四’s row of fifteen that lost a cell', () => {
  const ROW = '2\t1\t0\t1\t4\t1\t0\t0\t1\t2\t0\t0\t1\t0\t1';
  /** The sample with its row of fifteen figures replaced by `figures`. */
  const withRow = (figures: string) => {
    const text = layoutReport(sampleReport(), 'tabs');
    expect(text).toContain(ROW);
    return text.replace(ROW, figures);
  };

  it('is completed when the groups’ totals allow one place and value for the lost cell', () => {
    // 行政复议's 总计 lost: 2 1 0 1 | 1 … — only a total of 4 there keeps every group's total.
    const { report, findings } = readReportText(withRow(ROW.replace('1\t4\t1', '1\t1')));
    expect(report!.tables.appeals).toEqual(SAMPLE);
    const own = appealsFindings(findings);
    expect(own.map((f) => [f.severity, f.code])).toEqual([['warning', 'cell-count']]);
    expect(own[0]!.message).toContain('原始数值：2 1 0 1 1 0 0 1 2 0 0 1 0 1');
  });

  it('leaves the group whose lost cell has several places unread, with its candidates; the others read', () => {
    // 行政复议's 结果纠正 lost: 2 0 1 4 could be x 2 0 1 4, 2 x 0 1 4 … with x = 1, or 2 0 1 4 7;
    // in every one of them the two litigation groups are the same figures, their totals holding.
    const { report, findings } = readReportText(
      withRow(ROW.replace('2\t1\t0\t1\t4', '2\t0\t1\t4')),
    );
    expect(values(report!.tables)).toEqual({
      review: UNREAD.review,
      litigation_direct: [1, 0, 0, 1, 2],
      litigation_after_review: [0, 0, 1, 0, 1],
    });
    const own = appealsFindings(findings);
    expect(own.map((f) => [f.severity, f.code, f.location.row])).toEqual([
      ['error', 'unread-table', 'review'],
    ]);
    expect(own[0]!.message).toContain('“行政复议”一组');
    expect(own[0]!.message).toContain('可能的读法：（1 2 0 1 4）');
    expect(own[0]!.message).toContain('（2 0 1 4 7）');
  });
});

describe('table 四 as a part per group (a label, then its figures a cell per line)', () => {
  const parts = (review: string[], direct: string[], after: string[]) =>
    [
      TITLE,
      '四、政府信息公开行政复议、行政诉讼情况',
      '结果维持 结果纠正 其他结果 尚未审结 总计',
      '行政复议',
      ...review,
      '未经复议直接起诉',
      ...direct,
      '复议后起诉',
      ...after,
      '五、存在的主要问题及改进情况',
    ].join('\n');
  const DIRECT = ['1', '0', '0', '1', '2'];
  const AFTER = ['0', '0', '1', '0', '1'];

  it('reads each part its total confirms; a part with several readings is unread, named', () => {
    // 行政复议 lost a cell: 2 0 1 4 has several readings (x 2 0 1 4 … with x = 1, or 2 0 1 4 7).
    const { report, findings } = readReportText(parts(['2', '0', '1', '4'], DIRECT, AFTER));
    expect(values(report!.tables)).toEqual({
      review: UNREAD.review,
      litigation_direct: [1, 0, 0, 1, 2],
      litigation_after_review: [0, 0, 1, 0, 1],
    });
    const own = appealsFindings(findings);
    expect(own.map((f) => [f.severity, f.code, f.location.row])).toEqual([
      ['error', 'unread-table', 'review'],
    ]);
    expect(own[0]!.message).toContain('可能的读法');
  });

  it('leaves the table unread when a part’s figures fit no reading (they may be another’s)', () => {
    const { report, findings } = readReportText(
      parts(['2', '1', '0', '1', '4'], DIRECT, ['0', '1', '5', '9', '1']),
    );
    expect(values(report!.tables)).toEqual(UNREAD);
    const own = errors(appealsFindings(findings));
    expect(own.map((f) => [f.code, f.location.row])).toEqual([['unread-table', undefined]]);
  });
});

describe('the order of table 四’s groups as columns, from its header’s labels', () => {
  let seq = 0;
  const group = (key: 'review' | 'litigation_direct' | 'litigation_after_review', line: number) =>
    ({ kind: 'group', key, line, seq: seq++ }) as AppealAnchor;
  const litigation = (line: number) => ({ kind: 'litigation', line, seq: seq++ }) as AppealAnchor;

  it('takes the labels’ order on one line', () => {
    expect(
      headerGroupOrder([
        group('litigation_after_review', 1),
        group('review', 1),
        group('litigation_direct', 1),
      ]),
    ).toEqual(['litigation_after_review', 'review', 'litigation_direct']);
  });

  it('opens 行政诉讼 into the two groups under it, before or after 行政复议', () => {
    expect(
      headerGroupOrder([
        group('review', 1),
        litigation(1),
        group('litigation_direct', 2),
        group('litigation_after_review', 2),
      ]),
    ).toEqual(['review', 'litigation_direct', 'litigation_after_review']);
    expect(
      headerGroupOrder([
        litigation(1),
        group('review', 1),
        group('litigation_after_review', 2),
        group('litigation_direct', 2),
      ]),
    ).toEqual(['litigation_after_review', 'litigation_direct', 'review']);
  });

  it('does not guess: two lines without 行政诉讼, or a group missing', () => {
    expect(
      headerGroupOrder([
        group('review', 1),
        group('litigation_direct', 2),
        group('litigation_after_review', 2),
      ]),
    ).toBeNull();
    expect(headerGroupOrder([group('review', 1), group('litigation_direct', 1)])).toBeNull();
  });
});

describe('table 四’s header lacking a result column, on lines as long as pdftotext prints them', () => {
  const header = [
    '行政复议 行政诉讼',
    // The first line names two of the results, the second four (each twice): the second is
    // the header's line for the warning.
    '结果维持 总计 未经复议直接起诉 复议后起诉',
    '结果维持 结果纠正 尚未审结 总计 结果维持 结果纠正 尚未审结 总计',
    '2 1 0 1 4 1 0 0 1 2 0 0 1 0 1',
  ];

  it('warns once per column lacking, at the line naming the most columns, the same every time', () => {
    const text = withAppeals(...header);
    const line = text.split('\n').indexOf(header[2]!) + 1;
    // The texts are remembered after the first report: the second reads the same.
    for (const { report, findings } of [readReportText(text), readReportText(text)]) {
      expect(report!.tables.appeals).toEqual(SAMPLE);
      expect(
        appealsFindings(findings).map((f) => [f.code, f.location.column, f.location.line]),
      ).toEqual([['missing-column', 'other', line]]);
    }
  });

  it('says nothing when the header names every column', () => {
    const full = header.map((l) => l.replaceAll('结果纠正 ', '结果纠正 其他结果 '));
    const { report, findings } = readReportText(withAppeals(...full));
    expect(report!.tables.appeals).toEqual(SAMPLE);
    expect(appealsFindings(findings)).toEqual([]);
  });
});
