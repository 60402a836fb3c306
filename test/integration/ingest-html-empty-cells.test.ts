/**
 * An HTML (or DOCX) table whose zero cells are left empty: a row of nothing but empty cells
 * (table 四's one row of figures when there were no appeals) is a row of the table, not
 * spacing — its totals confirm the empty cells as 0 and they read as 0 with an info, never
 * as an unread table or a false missing row.
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

describe('an HTML table whose zero cells are empty', () => {
  it('reads a row of nothing but empty cells as 0, with an info the totals confirmed it', () => {
    const rows = htmlToLines(appealsPage(new Array<string>(15).fill(''))).rows;
    const appeals = readStructure(rows).tables.appeals!;
    expect(appeals.complete).toBe(true);
    expect(appeals.cells.size).toBe(15);
    expect([...appeals.cells.values()].every((c) => c.value === 0)).toBe(true);
    const infos = appeals.findings.filter((f) => f.code === 'unreadable-cell');
    expect(infos.map((f) => [f.severity, f.location.row])).toEqual([
      ['info', 'review'],
      ['info', 'litigation_direct'],
      ['info', 'litigation_after_review'],
    ]);
    expect(infos[0]!.message).toContain('本表的总计确认其为 0');
  });

  it('reads the empty cells among figures as 0 where the totals hold', () => {
    const figures = ['1', '', '', '', '1', '', '', '', '', '', '', '2', '', '', '2'];
    const appeals = readStructure(htmlToLines(appealsPage(figures)).rows).tables.appeals!;
    expect(appeals.cells.get('appeals.review.upheld')?.value).toBe(1);
    expect(appeals.cells.get('appeals.litigation_direct.total')?.value).toBe(0);
    expect(appeals.cells.get('appeals.litigation_after_review.corrected')?.value).toBe(2);
  });

  it('drops a spacer row (one cell across the table) and still reads the figures', () => {
    const figures = ['1', '', '', '', '1', ...new Array<string>(10).fill('')];
    const lines = htmlToLines(appealsPage(figures, true));
    expect(lines.rows.some((r) => r.cells.length === 1 && r.cells[0] === '')).toBe(false);
    const appeals = readStructure(lines.rows).tables.appeals!;
    expect(appeals.cells.get('appeals.review.total')?.value).toBe(1);
  });

  it('ingests the page with table 四 read as zeros, not unread', async () => {
    const { report, findings } = await ingestFile(
      new TextEncoder().encode(appealsPage(new Array<string>(15).fill(''))),
      'appeals.html',
    );
    expect(report!.tables.appeals.review?.total).toBe(0);
    expect(report!.tables.appeals.litigation_after_review?.pending).toBe(0);
    expect(
      findings.filter((f) => f.location.table === 'appeals' && f.severity === 'error'),
    ).toEqual([]);
  });
});
