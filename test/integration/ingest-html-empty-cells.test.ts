/**
 * An HTML (or DOCX) table whose zero cells are left empty: a row of nothing but empty cells
 * (table 四's one row of figures when there were no appeals) is a row of the table, not
 * spacing. An empty cell reads as 0 only where a printed total makes 0 the one reading; where
 * the total is blank too nothing confirms it, and the table is left unread with the reason
 * (the reader's limit) — never a guessed 0, never a false missing row. Table 四 is read as one
 * row, so today one unconfirmed group leaves the whole row unread: the tests hold the reader to
 * "the truth's figure or an explicit unread error", which a per-group reading would also meet.
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

/** Each cell read is the expected figure; an unread table carries an unread-table error. */
function expectTruthOrUnread(figures: readonly string[], spacer = false) {
  const appeals = readStructure(htmlToLines(appealsPage(figures, spacer)).rows).tables.appeals!;
  const groups = ['review', 'litigation_direct', 'litigation_after_review'];
  const results = ['upheld', 'corrected', 'other', 'pending', 'total'];
  const keys = groups.flatMap((g) => results.map((r) => `appeals.${g}.${r}`));
  keys.forEach((key, i) => {
    const cell = appeals.cells.get(key);
    if (cell) expect(cell.value, key).toBe(Number(figures[i] || '0'));
  });
  if (appeals.cells.size < 15)
    expect(appeals.findings.some((f) => f.code === 'unread-table' && f.severity === 'error')).toBe(
      true,
    );
  expect(appeals.findings.filter((f) => f.code.startsWith('missing-'))).toEqual([]);
  return appeals;
}

describe('an HTML table whose zero cells are empty', () => {
  it('leaves a row of nothing but empty cells (its totals blank too) unread, with the reason', () => {
    const appeals = expectTruthOrUnread(new Array<string>(15).fill(''));
    expect(appeals.cells.size).toBe(0);
    const unread = appeals.findings.filter((f) => f.code === 'unread-table');
    expect(unread.map((f) => f.severity)).toEqual(['error']);
    expect(unread[0]!.message).toContain('总计也为空白');
  });

  it('reads empty cells among figures only as the printed totals confirm them, never a guessed 0', () => {
    expectTruthOrUnread(['1', '', '', '', '1', '', '', '', '', '', '', '2', '', '', '2']);
    expectTruthOrUnread(['1', '', '', '', '1', '', '', '', '', '0', '', '2', '', '', '2']);
  });

  it('drops a spacer row (one cell across the table)', () => {
    const figures = ['1', '', '', '', '1', '', '', '', '', '0', '', '', '', '', '0'];
    const lines = htmlToLines(appealsPage(figures, true));
    expect(lines.rows.some((r) => r.cells.length === 1 && r.cells[0] === '')).toBe(false);
    expectTruthOrUnread(figures, true);
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
});
