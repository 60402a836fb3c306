import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROWS,
  APPLICATION_ROW_KEYS,
  OUTCOME_GROUPS,
  OUTCOME_ROW_KEYS,
} from '../../report/format.js';
import { textRows } from '../read.js';
import { readStructure } from './index.js';
import { layoutReadings } from './layout.js';
import type { FigureToken } from './stream.js';

const figure = (raw: string, line = 1): FigureToken => ({
  kind: 'figure',
  raw,
  line,
  cell: 0,
  column: 0,
});
const rowTotal = (v: readonly number[]) =>
  v.slice(0, -1).reduce((s, x) => s + x, 0) === v[v.length - 1];

/** A table 三 whose arithmetic holds: 25 rows of 7 cells, mostly zeros, from `seed` counts. */
function tableOf(counts: readonly number[]): number[][] {
  const rows = APPLICATION_ROW_KEYS.map(() => new Array<number>(7).fill(0));
  const row = (k: string) => rows[APPLICATION_ROW_KEYS.indexOf(k as never)]!;
  // Each count lands on an outcome row and an applicant column picked by the next counts.
  for (let i = 0; i + 2 < counts.length; i += 3) {
    const r = OUTCOME_ROW_KEYS[counts[i]! % OUTCOME_ROW_KEYS.length]!;
    row(r)[counts[i + 1]! % 6]! += counts[i + 2]!;
  }
  for (const k of OUTCOME_ROW_KEYS) for (let c = 0; c < 6; c++) row('total')[c]! += row(k)[c]!;
  // Carried over and forward: a few in the first column; received makes 一+二 = 七+四.
  row('carried_over')[0] = counts.length % 3;
  row('carried_forward')[0] = counts.length % 2;
  for (let c = 0; c < 6; c++)
    row('received')[c] = row('total')[c]! + row('carried_forward')[c]! - row('carried_over')[c]!;
  if (row('received')[0]! < 0) {
    row('carried_over')[0] = 0;
    row('received')[0] = row('total')[0]! + row('carried_forward')[0]!;
  }
  for (const r of rows) r[6] = r.slice(0, 6).reduce((s, x) => s + x, 0);
  return rows;
}

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

/**
 * The table as pdftotext's default mode prints it: its rows cut into blocks (`heights`), each
 * block of several rows printed column by column, one figure a line, a blank line between the
 * columns; the row labels all after the figures.
 */
function printed(rows: number[][], heights: readonly number[]): string {
  const lines = [
    '三、收到和处理政府信息公开申请情况',
    '申请人情况',
    '自然人',
    '法人或其他组织',
    '商业企业 科研机构 社会公益组织 法律服务机构 其他',
    '总计',
    '',
  ];
  let r = 0;
  for (const h of heights) {
    for (let c = 0; c < 7; c++) {
      for (let k = 0; k < h; k++) lines.push(String(rows[r + k]![c]));
      lines.push('');
    }
    r += h;
  }
  lines.push(...labels(), '四、政府信息公开行政复议、行政诉讼情况');
  return lines.join('\n');
}

/** Cuts of 25 rows into blocks, from a list of block heights (the last block takes the rest). */
const heightsOf = (raw: readonly number[]): number[] => {
  const out: number[] = [];
  let left = APPLICATION_ROW_KEYS.length;
  for (const h of raw) {
    if (left === 0) break;
    const take = Math.min(h, left);
    out.push(take);
    left -= take;
  }
  if (left > 0) out.push(left);
  return out;
};

const cellsRead = (text: string) => readStructure(textRows(text)).tables.applications!;

describe('table 三 printed in blocks before its labels (layout order)', () => {
  it("reads every cell of a table in pdftotext's column blocks by the table's arithmetic", () => {
    const rows = tableOf([2, 0, 50, 3, 0, 9, 6, 0, 1, 9, 0, 1, 12, 0, 31, 13, 1, 1, 15, 0, 4]);
    const table = cellsRead(printed(rows, [1, 1, 1, 1, 9, 5, 2, 3, 1, 1]));
    expect(table.complete).toBe(true);
    APPLICATION_ROW_KEYS.forEach((k, r) =>
      APPLICATION_COLUMN_KEYS.forEach((c, i) =>
        expect(table.cells.get(`applications.${k}.${c}`)?.value, `${k}.${c}`).toBe(rows[r]![i]),
      ),
    );
    // Each figure keeps the line it was printed on.
    expect(table.cells.get('applications.received.natural_person')?.line).toBe(8);
    expect(table.findings.map((f) => `${f.code}/${f.severity}`)).toEqual(['row-order/info']);
  });

  it('never gives a wrong figure: any table in any cut of blocks is read right or left unread with an error', () => {
    let complete = 0;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 3, maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 25 }),
        (counts, raw) => {
          const rows = tableOf(counts);
          const table = cellsRead(printed(rows, heightsOf(raw)));
          if (table.complete) complete++;
          APPLICATION_ROW_KEYS.forEach((k, r) => {
            const read = APPLICATION_COLUMN_KEYS.map(
              (c) => table.cells.get(`applications.${k}.${c}`)?.value,
            );
            if (read.every((v) => v === undefined)) {
              expect(table.findings.some((f) => f.severity === 'error')).toBe(true);
              return;
            }
            expect(read, k).toEqual(rows[r]);
          });
        },
      ),
      { seed: 1010, numRuns: 150 },
    );
    // Most such tables are settled by their arithmetic (the rest are rightly left unread).
    expect(complete).toBeGreaterThan(100);
  });

  it('does not rearrange a table laid out row by row whose own arithmetic fails', () => {
    // Every label followed by its figures; one row's total is wrong in the report itself.
    const rows = tableOf([2, 0, 5, 12, 0, 3]);
    const lines = [
      '三、收到和处理政府信息公开申请情况',
      '申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计',
    ];
    const bad = APPLICATION_ROW_KEYS.indexOf('withheld.state_secret');
    rows[bad]![6] = 6;
    labels().forEach((label) => {
      const r = APPLICATION_ROWS.findIndex((x) => x.label === label);
      lines.push(r < 0 ? label : `${label} ${rows[r]!.join(' ')}`);
    });
    lines.push('四、政府信息公开行政复议、行政诉讼情况');
    const table = cellsRead(lines.join('\n'));
    expect(table.findings.some((f) => f.code === 'row-order')).toBe(false);
    // Read as printed (its own error is validation's to report), not rearranged to fit.
    expect(table.cells.get('applications.withheld.state_secret.total')?.value).toBe(6);
    expect(table.cells.get('applications.disclosed.total')?.value).toBe(rows[2]![6]);
  });

  it('keeps every reading that holds, and the rows they differ on are not settled', () => {
    // Row-wise (0 1 1)(2 1 3) and column-wise (0 1 1)(1 2 3): both rows hold their totals.
    // One figure a line (pdftotext's default mode): either order of the cells is printable.
    const tokens = ['0', '1', '1', '2', '1', '3'].map((raw, i) => figure(raw, i + 1));
    const found = layoutReadings(
      { rows: 2, width: 3, tokens, holds: rowTotal, constraints: [] },
      { steps: 1000 },
    );
    expect(found.status).toBe('solved');
    if (found.status !== 'solved') return;
    expect(found.solutions.map((s) => s.map((r) => r.map((c) => c.value)))).toEqual([
      [
        [0, 1, 1],
        [2, 1, 3],
      ],
      [
        [0, 1, 1],
        [1, 2, 3],
      ],
    ]);
    // A constraint across rows (the second row's first cell is 1) leaves one.
    const settled = layoutReadings(
      {
        rows: 2,
        width: 3,
        tokens,
        holds: rowTotal,
        constraints: [{ left: [[1, 0]], right: [[0, 1]] }],
      },
      { steps: 1000 },
    );
    expect(settled.status === 'solved' && settled.solutions.length).toBe(1);
  });

  it('leaves the rows two layouts disagree on unread, with the candidates', () => {
    // 35 applications of another kind: withheld.8 and not_processed.3 fall in the same places
    // of two different cuts into blocks, and every total holds either way.
    const rows = tableOf([2, 3, 5, 15, 11, 35, 1]);
    const table = cellsRead(printed(rows, [10, 10, 1, 4]));
    expect(table.complete).toBe(false);
    const unread = table.findings.filter((f) => f.code === 'unread-table');
    expect(unread.map((f) => f.location.row)).toEqual([
      'withheld.administrative_query',
      'not_processed.publication',
    ]);
    expect(unread[0]!.severity).toBe('error');
    expect(unread[0]!.message).toContain('（0 0 0 0 0 35 35）、（0 0 0 0 0 0 0）');
    expect(table.cells.has('applications.withheld.administrative_query.other')).toBe(false);
    // The rows every reading agrees on are read.
    expect(table.cells.get('applications.withheld.state_secret.nonprofit')?.value).toBe(5);
  });

  it('is bounded: figures that cannot be the table one cell each, or too many readings, are not searched', () => {
    const budget = { steps: 50_000 };
    const zeros = Array.from({ length: 175 }, () => figure('0'));
    const found = layoutReadings(
      { rows: 25, width: 7, tokens: zeros, holds: rowTotal, constraints: [] },
      budget,
    );
    expect(found.status === 'solved' && found.solutions.length).toBe(1);
    expect(budget.steps).toBeGreaterThan(0);
    const long = layoutReadings(
      {
        rows: 1,
        width: 7,
        tokens: Array.from({ length: 7 }, () => figure('1'.repeat(400))),
        holds: rowTotal,
        constraints: [],
      },
      { steps: 1000 },
    );
    expect(long.status).toBe('inapplicable');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('0', '1', '2'), { minLength: 175, maxLength: 175 }),
        (raws) => {
          const b = { steps: 20_000 };
          const r = layoutReadings(
            {
              rows: 25,
              width: 7,
              tokens: raws.map((x) => figure(x)),
              holds: () => true,
              constraints: [],
            },
            b,
          );
          expect(['budget', 'solved']).toContain(r.status);
          expect(b.steps).toBeGreaterThanOrEqual(-7);
        },
      ),
      { seed: 77, numRuns: 30 },
    );
  });
});

/**
 * The table printed row by row as a PDF's text gives it: each row's figures on a line, but some
 * labels printed after their figures (a wrapped label centred on them, a heading between), some
 * rows' figures run together (two narrow cells: "01") or a cell lost, chosen by `damage`.
 */
function printedByRow(rows: number[][], damage: readonly number[]): string {
  const lines = [
    '三、收到和处理政府信息公开申请情况',
    '申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计',
  ];
  labels().forEach((label) => {
    const r = APPLICATION_ROWS.findIndex((x) => x.label === label);
    if (r < 0) return lines.push(label);
    const d = damage[r]! % 6;
    const cells = rows[r]!.map(String);
    if (d === 1) cells.splice(4, 2, `${cells[4]}${cells[5]}`);
    if (d === 2) cells.splice(2, 1);
    if (d === 3) return lines.push(cells.join(' '), label);
    lines.push(`${label} ${cells.join(' ')}`);
  });
  lines.push('四、政府信息公开行政复议、行政诉讼情况');
  return lines.join('\n');
}

describe('table 三 printed row by row, labels and figures displaced (layout order)', () => {
  it('reads the rows in the template order of their figures: a label after its figures, cells run together or lost', () => {
    const rows = tableOf([2, 0, 50, 3, 1, 9, 6, 0, 1, 12, 4, 31]);
    const damage = APPLICATION_ROW_KEYS.map((k): number => (k === 'other.other' ? 3 : 0));
    damage[APPLICATION_ROW_KEYS.indexOf('disclosed')] = 1;
    const table = cellsRead(printedByRow(rows, damage));
    APPLICATION_ROW_KEYS.forEach((k, r) =>
      APPLICATION_COLUMN_KEYS.forEach((c, i) =>
        expect(table.cells.get(`applications.${k}.${c}`)?.value, `${k}.${c}`).toBe(rows[r]![i]),
      ),
    );
    // 3.其他's figures were printed before its label: said (the one line of figures apart from
    // its label is given to 3.其他 by the table's arithmetic, application-wraps.ts, and named);
    // the run-together cells too.
    expect(table.findings.map((f) => `${f.code}/${f.severity}/${f.location.row ?? ''}`)).toEqual([
      'cell-count/warning/disclosed',
      'row-order/warning/other.other',
    ]);
  });

  it('never gives a wrong figure: any table, any labels moved, any cells run together or lost', () => {
    let read = 0;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 3, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 25, maxLength: 25 }),
        (counts, damage) => {
          const rows = tableOf(counts);
          const table = cellsRead(printedByRow(rows, damage));
          APPLICATION_ROW_KEYS.forEach((k, r) => {
            const got = APPLICATION_COLUMN_KEYS.map(
              (c) => table.cells.get(`applications.${k}.${c}`)?.value,
            );
            if (got.every((v) => v === undefined)) {
              expect(table.findings.some((f) => f.severity === 'error')).toBe(true);
              return;
            }
            expect(got, k).toEqual(rows[r]);
            read++;
          });
        },
      ),
      { seed: 2026, numRuns: 100 },
    );
    // Not vacuous: most rows are read.
    expect(read).toBeGreaterThan(100 * 25 * 0.8);
  });

  it('is bounded on long digit runs in layout order: a result or the budget, never past it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[0-9]{1,40}$/), { minLength: 1, maxLength: 60 }),
        (raws) => {
          const b = { steps: 20_000 };
          const r = layoutReadings(
            {
              rows: 25,
              width: 7,
              tokens: raws.map((x, i) => figure(x, i + 1)),
              holds: rowTotal,
              constraints: [],
              lastIsTotal: true,
            },
            b,
          );
          expect(['budget', 'solved', 'inapplicable']).toContain(r.status);
          expect(b.steps).toBeGreaterThanOrEqual(-1);
        },
      ),
      { seed: 10, numRuns: 60 },
    );
  });
});
