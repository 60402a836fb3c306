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
  });
});
