/**
 * What a figure token is, through the structural reader: a figure a layout left without its
 * label, a count with a leading zero, a page number inside a row, a cell written "/" or "—".
 * Each is read only as the table's arithmetic allows — never a wrong figure, never 0 for a
 * placeholder — or left unread with an error that keeps the figures as printed.
 */
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../../test/support/ingest-sample.js';
import { layoutReport } from '../../../../test/support/report-layouts.js';
import type { Finding } from '../../report/findings.js';
import { readReportText } from '../read.js';
import { balanced, rowReadings, sumHolds } from './readings.js';
import type { EmptyToken, FigureToken } from './stream.js';

const sample = () => layoutReport(sampleReport(), 'tabs');
const TITLE = '某县交通运输局2023年政府信息公开工作年度报告';
const T3 = '三、收到和处理政府信息公开申请情况';
const row = (...cells: (string | number)[]) => cells.join('\t');
const errors = (findings: readonly Finding[]) =>
  findings.filter((f) => f.severity === 'error').map((f) => `${f.code}:${f.location.row ?? ''}`);
const figures = (...values: (number | null)[]) => ({
  natural_person: values[0],
  commercial: values[1],
  research: values[2],
  nonprofit: values[3],
  legal_service: values[4],
  other: values[5],
  total: values[6],
});
const UNREAD = figures(...new Array<null>(7).fill(null));

/** The sample with `find` (which must be there) replaced. */
const edited = (find: string, replace: string) => {
  const text = sample();
  expect(text).toContain(find);
  return text.replace(find, replace);
};

describe('figures a layout left without their label', () => {
  const TOTAL = '（七）总计\t45\t12\t1\t0\t3\t2\t63';
  const FORWARD = '四、结转下年度继续办理\t3\t1\t0\t0\t0\t0\t4';

  it('doubts the rows beside orphan figures and reads them only as the arithmetic allows', () => {
    // Two labels centred below their figures: the total's figures follow 3.其他's on a line of
    // their own, and the carried-forward's follow the total's label. Read as met, 总计 would take
    // the carried-forward's figures (3 1 0 0 0 0 4) and 四 none.
    const text = edited(
      `${TOTAL}\n${FORWARD}`,
      [
        '45    12    1    0    3    2    63',
        '（七）总计',
        '3    1    0    0    0    0    4',
        '四、结转下年度继续办理',
      ].join('\n'),
    );
    const { report, findings } = readReportText(text);
    const t = report!.tables.applications;
    expect(t.total).toEqual(figures(45, 12, 1, 0, 3, 2, 63));
    expect(t['other.other']).toEqual(figures(1, 0, 0, 0, 0, 0, 1));
    expect(t.carried_forward).toEqual(figures(3, 1, 0, 0, 0, 0, 4));
    expect(errors(findings)).toEqual([]);
  });
});

describe('a count never begins with 0: "04" is two cells run together', () => {
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
    expect(report!.tables.applications.carried_over).toEqual(UNREAD);
    const finding = findings.find((f) => f.location.row === 'carried_over')!;
    expect(finding.severity).toBe('error');
    expect(finding.message).toContain('3 1 0 0 0 04 15');
  });

  it('not even when the row total would hold with it', () => {
    // 0 1 0 0 0 04 5: as seven counts 1 + 4 = 5 holds, but "04" is 其他 0 and 总计 4 run together.
    const text = [
      TITLE,
      T3,
      row('一、本年新收政府信息公开申请数量', 15, 5, 0, 1, 1, 0, 22),
      row('二、上年结转政府信息公开申请数量', 0, 1, 0, 0, 0, '04', 5),
      row('1.属于国家秘密', 0, 0, 0, 0, 0, 0, 0),
    ].join('\n');
    const { report, findings } = readReportText(text);
    expect(report!.tables.applications.carried_over).toEqual(UNREAD);
    expect(findings.find((f) => f.location.row === 'carried_over')!.message).toContain(
      '0 1 0 0 0 04 5',
    );
  });

  it('splits "04" when the row has a cell too few: 其他 0, 总计 4', () => {
    const text = edited(
      '二、上年结转政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4',
      '二、上年结转政府信息公开申请数量\t3\t1\t0\t0\t0\t04',
    );
    const { report, findings } = readReportText(text);
    expect(report!.tables.applications.carried_over).toEqual(figures(3, 1, 0, 0, 0, 0, 4));
    const note = findings.find((f) => f.location.row === 'carried_over')!;
    expect(note).toMatchObject({ code: 'cell-count', severity: 'warning' });
  });
});

describe('a cell written "—" among figures joined by single spaces', () => {
  it('is empty, never 0: not a lost cell the row total would recover as 0', () => {
    const text = edited(
      '三、本年度办理结果\t（一）予以公开\t20\t6\t1\t0\t1\t1\t29',
      '三、本年度办理结果 （一）予以公开 20 6 1 — 1 1 29',
    );
    const { report, findings } = readReportText(text);
    expect(report!.tables.applications.disclosed).toEqual(figures(20, 6, 1, null, 1, 1, 29));
    const said = findings.filter((f) => f.code === 'unreadable-cell');
    expect(said.map((f) => [f.severity, f.location.row, f.location.column])).toEqual([
      ['warning', 'disclosed', 'nonprofit'],
    ]);
    expect(said[0]!.message).toContain('“—”');
  });
});

describe('a row’s readings', () => {
  const at = { line: 1, cell: 0, column: 0 };
  const figure = (raw: string, line = 1): FigureToken => ({ kind: 'figure', raw, ...at, line });
  const mark = (m: string): EmptyToken => ({ kind: 'empty', placeholder: true, mark: m, ...at });
  const rowTotal = (v: readonly number[]) => sumHolds(v.slice(0, -1), v[v.length - 1]!);
  const values = (tokens: (FigureToken | EmptyToken)[], width: number) =>
    rowReadings(tokens, width, rowTotal, { steps: 1e5 }, true)!.map((r) => r.map((c) => c.value));

  it('holds a cell written "/" as an unknown, never 0, keeping the other cells', () => {
    expect(values([figure('2'), mark('/'), figure('5')], 3)).toEqual([[2, NaN, 5]]);
    // Not when the row's own figures cannot be the other cells.
    expect(values([figure('2'), mark('/'), figure('1'), figure('5')], 3)).toEqual([]);
  });

  it('sets aside a page number alone on its line between two figures of the row', () => {
    const tokens = ['4', '1', '0', '8', '0', '0', '1', '6'].map((raw, i) => figure(raw, i + 1));
    expect(values(tokens, 7)).toEqual([[4, 1, 0, 0, 0, 1, 6]]);
    // Not inside a line of figures: there a stray is no page number.
    const line = ['4', '1', '0', '8', '0', '0', '1', '6'].map((raw) => figure(raw, 1));
    expect(values(line, 7)).toEqual([]);
  });

  it('checks sums with unknowns: the unknowns must be able to make up the difference', () => {
    expect(balanced([5], [2, NaN])).toBe(true);
    expect(balanced([1], [2, NaN])).toBe(false);
    expect(balanced([NaN], [2, 3])).toBe(true);
    expect(balanced([NaN, 1], [NaN])).toBe(true);
    expect(balanced([5], [2, 3])).toBe(true);
    expect(balanced([5], [2, 2])).toBe(false);
  });
});

describe('an empty cell of table 二 (which has no totals)', () => {
  it('is never 0: the row is unread with an error naming it', () => {
    const text = edited('行政规范性文件\t3\t1\t25', '行政规范性文件\t3\t\t25');
    const { report, findings } = readReportText(text);
    expect(report!.tables.proactive.normative_documents).toEqual({
      issued: null,
      repealed: null,
      in_force: null,
    });
    // The other rows of the table still read.
    expect(report!.tables.proactive.licensing?.decisions).toBe(1280);
    expect(errors(findings)).toEqual(['unread-table:normative_documents']);
    expect(findings.find((f) => f.location.row === 'normative_documents')!.message).toContain(
      '空白',
    );
  });
});
