/**
 * Table 三 as a grid (HTML, DOCX) whose zero cells are blank: the layout-order reading
 * (application-layout.ts) takes a blank as 0 only where a printed total confirms it, as the
 * label reading does (blank-cells.ts) — all-zero blanks satisfy every equation of the table.
 */
import { describe, expect, it } from 'vitest';
import {
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROWS,
  APPLICATION_ROW_KEYS,
  OUTCOME_GROUPS,
} from '../../report/format.js';
import type { SourceRow } from '../source.js';
import { readStructure } from './index.js';

/** The labels of table 三 in the template's order, group headings included. */
function labels(): string[] {
  const out: string[] = [];
  const headed = new Set<string>();
  for (const r of APPLICATION_ROWS) {
    if (r.key === 'disclosed') out.push('三、本年度办理结果');
    const g = r.key.includes('.') ? r.key.split('.')[0]! : null;
    if (g && !headed.has(g)) {
      const group = OUTCOME_GROUPS.find((x) => x.key === g)!;
      out.push(`${group.number}${group.label}`);
      headed.add(g);
    }
    out.push(r.label);
  }
  return out;
}

describe('table 三 as a grid whose zero cells are blank (layout order never reads a blank as 0 unconfirmed)', () => {
  /** The table as a grid (HTML, DOCX): a row per label, its zero cells empty; `blank` cells too. */
  const grid = (rows: number[][], blank: (v: number) => boolean): SourceRow[] => {
    const out: SourceRow[] = [
      { line: 1, cells: ['三、收到和处理政府信息公开申请情况'] },
      {
        line: 2,
        cells: [
          '申请人情况',
          '自然人',
          '商业企业',
          '科研机构',
          '社会公益组织',
          '法律服务机构',
          '其他',
          '总计',
        ],
      },
    ];
    labels().forEach((label) => {
      const r = APPLICATION_ROWS.findIndex((x) => x.label === label);
      const cells = r < 0 ? [] : rows[r]!.map((v) => (v === 0 || blank(v) ? '' : String(v)));
      out.push({
        line: out.length + 1,
        cells: [label, ...cells],
        realCells: [false, ...cells.map(() => true)],
      });
    });
    out.push({ line: out.length + 1, cells: ['四、政府信息公开行政复议、行政诉讼情况'] });
    return out;
  };

  it('leaves unread the cells no printed total confirms — never 0 for a blanked 1', () => {
    // One application from a natural person, disclosed: its 1s in 一, （一） and （七）, their
    // row totals 1 too. Blanked, every equation holds with all zeros: nothing confirms them.
    const rows = APPLICATION_ROW_KEYS.map((k) =>
      ['received', 'disclosed', 'total'].includes(k)
        ? [1, 0, 0, 0, 0, 0, 1]
        : [0, 0, 0, 0, 0, 0, 0],
    );
    const table = readStructure(grid(rows, (v) => v === 1)).tables.applications!;
    APPLICATION_ROW_KEYS.forEach((k, r) =>
      APPLICATION_COLUMN_KEYS.forEach((c, i) => {
        const got = table.cells.get(`applications.${k}.${c}`)?.value;
        if (got === undefined)
          expect(
            table.findings.some(
              (f) => f.severity === 'error' && f.code === 'unread-table' && f.location.row === k,
            ),
            `${k} unread said`,
          ).toBe(true);
        else expect(got, `${k}.${c}`).toBe(rows[r]![i]);
      }),
    );
    expect(table.cells.get('applications.received.natural_person')).toBeUndefined();
    // Printed, the same table reads whole; its blank zeros confirmed by the printed totals.
    const whole = readStructure(grid(rows, () => false)).tables.applications!;
    expect(whole.cells.get('applications.received.natural_person')?.value).toBe(1);
  });
});
