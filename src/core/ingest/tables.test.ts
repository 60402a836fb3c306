/**
 * Tables whose labels and figures a page layout moved apart, wrapped or broke up: the figures
 * are read only when the table's own arithmetic confirms where they belong; otherwise the row is
 * left unresolved, with an error that keeps the raw values.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../report/findings.js';
import { readReportText } from './read.js';

const TITLE = '某县交通运输局2023年政府信息公开工作年度报告';
const T3 = '三、收到和处理政府信息公开申请情况';
const row = (...cells: (string | number)[]) => cells.join('\t');
const codes = (findings: readonly Finding[]) =>
  findings.map((f) => `${f.severity}:${f.code}:${f.location.row ?? ''}`);
const figures = (...values: (number | null)[]) => ({
  natural_person: values[0],
  commercial: values[1],
  research: values[2],
  nonprofit: values[3],
  legal_service: values[4],
  other: values[5],
  total: values[6],
});
const UNRESOLVED = figures(...new Array<null>(7).fill(null));

<<<<<<< HEAD
describe('a label wrapped around another row’s label (pdftotext -layout, pdf.js)', () => {
  // 四、结转下年度继续办理 wraps over three lines around （七）总计, centred in its tall cell, and
  // the total's figures stand above both labels.
  const wrapped = (complete = true) =>
    [
      TITLE,
      T3,
      complete ? row('一、本年新收政府信息公开申请数量', 42, 11, 2, 2, 2, 1, 60) : '',
      row('二、上年结转政府信息公开申请数量', 3, 1, 0, 0, 0, 0, 4),
      complete ? row('（一）予以公开', 41, 11, 1, 2, 2, 1, 58) : '',
      '    41    11    1    2    2    1    58',
      '四、结转下',
      '      （七）总计',
      '年度继续办    4    1    1    0    0    0    6',
      '理',
    ].join('\n');

  it('gives each row its own figures when the totals confirm them', () => {
    const { report, findings } = readReportText(wrapped());
    const t = report!.tables.applications;
    expect(t.total).toEqual(figures(41, 11, 1, 2, 2, 1, 58));
    expect(t.carried_forward).toEqual(figures(4, 1, 1, 0, 0, 0, 6));
    expect(t.disclosed).toEqual(figures(41, 11, 1, 2, 2, 1, 58));
    expect(codes(findings)).not.toContain('error:unreadable-cell:');
  });

  it('leaves the rows unresolved, raw values kept, when the totals cannot tell', () => {
    // Without 一、本年新收 and （一）予以公开 nothing decides which figures are the total's.
    const { report, findings } = readReportText(wrapped(false));
    const t = report!.tables.applications;
    expect(t.carried_forward).toEqual(UNRESOLVED);
    expect(t.total).toEqual(UNRESOLVED);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.location.row)).toEqual(
      expect.arrayContaining(['total', 'carried_forward']),
    );
    for (const f of errors.filter((e) => e.code === 'cell-count'))
      expect(f.message).toContain('4 1 1 0 0 0 6');
=======
describe('figures a layout left without their label', () => {
  it('doubts the rows beside orphan figures and reads them only as the arithmetic allows', () => {
    // Two labels centred below their figures: the total's figures follow 3.其他's on a line of
    // their own, and the carried-forward's follow the total's label. Read as met, 总计 would take
    // the carried-forward's zeros and 四 the total's figures.
    const text = [
      TITLE,
      T3,
      row('一、本年新收政府信息公开申请数量', 15, 5, 0, 1, 1, 0, 22),
      row('二、上年结转政府信息公开申请数量', 0, 0, 0, 0, 0, 0, 0),
      row('（一）予以公开', 12, 4, 0, 1, 1, 0, 18),
      row('3.其他', 3, 1, 0, 0, 0, 0, 4),
      '15    5    0    1    1    0    22',
      '（七）总计',
      '0    0    0    0    0    0    0',
      '四、结转下年度继续办理',
    ].join('\n');
    const { report, findings } = readReportText(text);
    const t = report!.tables.applications;
    expect(t.total).toEqual(figures(15, 5, 0, 1, 1, 0, 22));
    expect(t['other.other']).toEqual(figures(3, 1, 0, 0, 0, 0, 4));
    expect(t.carried_forward).toEqual(figures(0, 0, 0, 0, 0, 0, 0));
    expect(codes(findings).filter((c) => c.startsWith('error'))).toEqual([]);
  });

  it('never reads "04" as one count: a row with it is not taken as it stands', () => {
    // pdftotext runs 其他 and 总计 together ("0 04"), and a cell per line pulls the next row's
    // first figure in: 3 1 0 0 0 04 15 is seven values, but not the seven cells of the row.
    const text = [
      TITLE,
      T3,
      row('一、本年新收政府信息公开申请数量', 15, 5, 0, 1, 1, 0, 22),
      '二、上年结转政府信息公开申请数量',
      ...['3', '1', '0', '0', '0', '04', '15', '5', '0', '1', '1', '0', '22'],
      row('1.属于国家秘密', 0, 0, 0, 0, 0, 0, 0),
    ].join('\n');
    const { report, findings } = readReportText(text);
    expect(report!.tables.applications.carried_over).toEqual(UNRESOLVED);
    const finding = findings.find((f) => f.location.row === 'carried_over')!;
    expect(finding.severity).toBe('error');
    expect(finding.message).toContain('3 1 0 0 0 04 15');
  });
});

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

  it('leaves the table unresolved when figures met apart break its totals', () => {
    // The litigation figures 1 0 0 1 2 | 0 1 0 0 1 come out column by column.
    const text = appeals(['2', '1', '0', '1', '4'], '1 0 0 0 1 2 0 1 0 1'.split(' '));
    const { report, findings } = readReportText(text);
    for (const group of ['review', 'litigation_direct', 'litigation_after_review'] as const)
      expect(Object.values(report!.tables.appeals[group]!)).toEqual(new Array(5).fill(null));
    const finding = findings.find((f) => f.location.table === 'appeals' && f.severity === 'error')!;
    expect(finding.code).toBe('cell-count');
    expect(finding.message).toContain('2 1 0 1 4 1 0 0 0 1 2 0 1 0 1');
  });

  it('reads figures met apart when the totals hold', () => {
    const text = appeals(['2', '1', '0', '1', '4'], '1 0 0 1 2 0 1 0 0 1'.split(' '));
    const { report, findings } = readReportText(text);
    expect(report!.tables.appeals.litigation_direct).toEqual({
      upheld: 1,
      corrected: 0,
      other: 0,
      pending: 1,
      total: 2,
    });
    expect(findings.filter((f) => f.location.table === 'appeals')).toEqual([]);
>>>>>>> issue10-r3
  });
});
