/**
 * Table 二 read structurally: figures run together settled by the report's prose (only the
 * sentences that name the row), and the labels' texts remembered across reports giving the
 * same reading as the first time.
 */
import { describe, expect, it } from 'vitest';
import { textRows } from '../read.js';
import { readStructure } from './index.js';

const TITLE = '某县交通运输局2023年政府信息公开工作年度报告';

/** A report with table 二's first small table as `rows`, after the overview's `prose`. */
function report(prose: string[], rows: string[]): string {
  return [
    TITLE,
    '一、总体情况',
    ...prose,
    '二、主动公开政府信息情况',
    '第二十条第（一）项',
    '信息内容\t本年制发件数\t本年废止件数\t现行有效件数',
    ...rows,
    '三、收到和处理政府信息公开申请情况',
  ].join('\n');
}

const cells = (text: string, row: string) => {
  const table = readStructure(textRows(text)).tables.proactive!;
  return {
    values: ['issued', 'repealed', 'in_force'].map(
      (c) => table.cells.get(`proactive.${row}.${c}`)?.value ?? null,
    ),
    findings: table.findings.map((f) => [f.code, f.severity, f.location.row]),
  };
};

describe('table 二: figures run together, settled by the prose', () => {
  it('takes the one split that agrees with the most figures the prose gives the row', () => {
    const text = report(
      ['本年度制发规范性文件88件，现行有效规范性文件698件。'],
      ['规章\t0\t0\t0', '行政规范性文件\t8855698'],
    );
    const { values, findings } = cells(text, 'normative_documents');
    expect(values).toEqual([88, 55, 698]);
    // The other small tables are not there: the table is incomplete, but this row is read.
    expect(findings).toContainEqual(['cell-count', 'warning', 'normative_documents']);
    expect(findings).not.toContainEqual(['cell-count', 'error', 'normative_documents']);
  });

  it('leaves the row unread when the prose does not settle it', () => {
    const text = report(
      ['本年度政府信息公开工作有序开展。'],
      ['规章\t0\t0\t0', '行政规范性文件\t8855698'],
    );
    const { values, findings } = cells(text, 'normative_documents');
    expect(values).toEqual([null, null, null]);
    expect(findings).toContainEqual(['cell-count', 'error', 'normative_documents']);
  });

  it('counts only the figures of sentences that name the row', () => {
    // 12件 and 1件 stand in the sentence after the one naming 规章: they are not its figures,
    // and "1210" splits three ways (1 2 10, 1 21 0, 12 1 0).
    const apart = report(
      ['规章的制发情况如下。本年制发12件；废止1件。'],
      ['规章\t1210', '行政规范性文件\t0\t0\t0'],
    );
    expect(cells(apart, 'regulations').values).toEqual([null, null, null]);
    const together = report(
      ['本年制发规章12件，废止规章1件。'],
      ['规章\t1210', '行政规范性文件\t0\t0\t0'],
    );
    expect(cells(together, 'regulations').values).toEqual([12, 1, 0]);
  });
});

describe('table 二: texts seen before', () => {
  it('reads a report the same the second time (labels remembered from the first)', () => {
    const text = report([], ['规章\t1\t0\t3', '行政规范性', '文件\t4\t2\t9']);
    const first = readStructure(textRows(text)).tables.proactive!;
    const second = readStructure(textRows(text)).tables.proactive!;
    expect(second).toEqual(first);
    expect(first.cells.get('proactive.normative_documents.in_force')?.value).toBe(9);
    expect(first.cells.get('proactive.regulations.in_force')?.value).toBe(3);
  });
});
