/**
 * An HTML (or DOCX) table whose zero cells are left empty: a row of nothing but empty cells
 * (table 四's one row of figures when there were no appeals) is a row of the table, not
 * spacing. An empty cell reads as 0 only where a printed total makes 0 the one reading; where
 * the total is blank too nothing confirms it. Table 四 is read group by group: a group its
 * printed total confirms is read with its exact figures, a group whose total is blank too is
 * left unread with an error naming it and the reason (the reader's limit) — never a guessed 0,
 * never a false missing row; the whole table is unread only when no group is confirmed.
 */
import { describe, expect, it } from 'vitest';
import { readStructure } from '../../src/core/ingest/structure/index.js';
import { ingestFile } from '../../src/ingest/index.js';
import { htmlToLines } from '../../src/ingest/html.js';

const td = (cells: readonly string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;

/** Table 四 as an HTML page gives it: the header rows, then its one row of figures. */
function appealsPage(figures: readonly string[], spacer = false): string {
  const results = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  return [
    '<!doctype html><html><head><meta charset="utf-8"></head><body>',
    '<p>四、政府信息公开行政复议、行政诉讼情况</p><table>',
    '<tr><td colspan="5" rowspan="2">行政复议</td><td colspan="10">行政诉讼</td></tr>',
    '<tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>',
    td([...results, ...results, ...results]),
    spacer ? '<tr><td colspan="15"></td></tr>' : '',
    td(figures),
    '</table><p>五、存在的主要问题及改进情况</p><p>无。</p></body></html>',
  ].join('\n');
}

const GROUPS = ['review', 'litigation_direct', 'litigation_after_review'] as const;
const RESULTS = ['upheld', 'corrected', 'other', 'pending', 'total'];

/**
 * Table 四 read from the page: the groups `read` with exactly the page's figures (a blank as 0),
 * every other group unread — no cell of it, and an unread-table error naming it; nothing of 四
 * claimed missing.
 */
function expectGroups(
  figures: readonly string[],
  read: readonly (typeof GROUPS)[number][],
  spacer = false,
) {
  const appeals = readStructure(htmlToLines(appealsPage(figures, spacer)).rows).tables.appeals!;
  const got = Object.fromEntries(
    GROUPS.map((g) => [
      g,
      RESULTS.map((r) => appeals.cells.get(`appeals.${g}.${r}`)?.value ?? null),
    ]),
  );
  const want = Object.fromEntries(
    GROUPS.map((g, i) => [
      g,
      RESULTS.map((_, k) => (read.includes(g) ? Number(figures[i * 5 + k] || '0') : null)),
    ]),
  );
  expect(got).toEqual(want);
  const unread = appeals.findings.filter((f) => f.code === 'unread-table');
  expect(unread.map((f) => [f.severity, f.location.row])).toEqual(
    GROUPS.filter((g) => !read.includes(g)).map((g) => ['error', g]),
  );
  expect(appeals.complete).toBe(read.length === 3);
  expect(appeals.findings.filter((f) => f.code.startsWith('missing-'))).toEqual([]);
  return { appeals, unread };
}

describe('an HTML table whose zero cells are empty', () => {
  it('leaves a row of nothing but empty cells (its totals blank too) unread, with the reason', () => {
    const appeals = readStructure(htmlToLines(appealsPage(new Array<string>(15).fill(''))).rows)
      .tables.appeals!;
    expect(appeals.cells.size).toBe(0);
    const unread = appeals.findings.filter((f) => f.code === 'unread-table');
    expect(unread.map((f) => [f.severity, f.location.row])).toEqual([['error', undefined]]);
    expect(unread[0]!.message).toContain('总计也为空白');
  });

  it('reads each group its printed total confirms; a group whose total is blank too is unread, named', () => {
    // 未经复议直接起诉 all blank, its total too: nothing confirms its blanks; the other two groups'
    // blanks are confirmed as 0 by their printed totals (1, 2).
    const { unread } = expectGroups(
      ['1', '', '', '', '1', '', '', '', '', '', '', '2', '', '', '2'],
      ['review', 'litigation_after_review'],
    );
    expect(unread[0]!.message).toContain('“行政诉讼（未经复议直接起诉）”一组');
    expect(unread[0]!.message).toContain('总计也为空白');
    // 行政复议 blank with its total, the others printed.
    expectGroups(
      ['', '', '', '', '', '3', '', '', '', '3', '', '', '', '1', '1'],
      ['litigation_direct', 'litigation_after_review'],
    );
    // A printed 0 total confirms its group's blanks: every group read.
    expectGroups(
      ['1', '', '', '', '1', '', '', '', '', '0', '', '2', '', '', '2'],
      ['review', 'litigation_direct', 'litigation_after_review'],
    );
  });

  it('drops a spacer row (one cell across the table)', () => {
    const figures = ['1', '', '', '', '1', '', '', '', '', '0', '', '', '', '', '0'];
    const lines = htmlToLines(appealsPage(figures, true));
    expect(lines.rows.some((r) => r.cells.length === 1 && r.cells[0] === '')).toBe(false);
    expectGroups(figures, ['review', 'litigation_direct', 'litigation_after_review'], true);
  });

  it("ingests the page with table 四 unread (the reader's limit), not missing and not guessed", async () => {
    const { report, findings } = await ingestFile(
      new TextEncoder().encode(appealsPage(new Array<string>(15).fill(''))),
      'appeals.html',
    );
    expect(report!.tables.appeals.review?.total ?? null).toBe(null);
    const appeals = findings.filter((f) => f.location.table === 'appeals');
    expect(appeals.some((f) => f.code === 'unread-table' && f.severity === 'error')).toBe(true);
    // The page holds only section 四: missing sections 一–三 are true; nothing of 四 is missing.
    expect(appeals.filter((f) => f.code.startsWith('missing-'))).toEqual([]);
  });

  it('ingests a page with one group blank: the other groups read, that group unread, none missing', async () => {
    const figures = ['2', '', '1', '', '3', '', '', '', '', '', '1', '', '', '', '1'];
    const { report, findings } = await ingestFile(
      new TextEncoder().encode(appealsPage(figures)),
      'appeals.html',
    );
    expect(report!.tables.appeals).toEqual({
      review: { upheld: 2, corrected: 0, other: 1, pending: 0, total: 3 },
      litigation_direct: { upheld: null, corrected: null, other: null, pending: null, total: null },
      litigation_after_review: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
    });
    const appeals = findings.filter((f) => f.location.table === 'appeals' && f.severity !== 'info');
    expect(appeals.map((f) => [f.code, f.location.row])).toEqual([
      ['unread-table', 'litigation_direct'],
    ]);
  });
});
