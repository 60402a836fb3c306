import fc from 'fast-check';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { readHtmlTables, tableMatrix, type HtmlTable } from '../../test/support/html-tables.js';
import { arbitraryReport } from '../../test/support/report-arbitrary.js';
import { sampleReport } from '../../test/support/sample-report.js';
import {
  APPEAL_COLUMN_KEYS,
  APPEAL_GROUP_KEYS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROWS,
  PROACTIVE_GROUPS,
} from '../core/report/format.js';
import type { AnnualReport, Cell } from '../core/report/model.js';
import { parseReportJson, REPORT_SCHEMA_ID } from '../core/report/schema.js';
import { validateReport } from '../core/report/validate.js';
import {
  CSV_HEADER,
  DOCUMENT_FORMATS,
  placeCells,
  renderCsv,
  renderDocx,
  renderHtml,
  renderJson,
  renderReport,
  renderText,
  reportBlocks,
  tableGrid,
  type TableKey,
} from './index.js';

const show = (v: Cell | undefined) => (v === null || v === undefined ? '' : String(v));

/** The figures of table 二, 三 and 四 in the order the grids print them. */
function expectedFigures(report: AnnualReport): Record<TableKey, string[][]> {
  const t = report.tables;
  return {
    proactive: PROACTIVE_GROUPS.flatMap((g) =>
      g.rows.map((r) =>
        g.columns.map((c) => show((t.proactive[r.key] as Record<string, Cell>)[c.key])),
      ),
    ),
    applications: APPLICATION_ROWS.map((r) =>
      APPLICATION_COLUMN_KEYS.map((c) => show(t.applications[r.key]?.[c])),
    ),
    appeals: [
      APPEAL_GROUP_KEYS.flatMap((g) => APPEAL_COLUMN_KEYS.map((c) => show(t.appeals[g]?.[c]))),
    ],
  };
}

/** The figures as an HTML table (ours or mammoth's) holds them, read through its spans. */
function figuresOf(key: TableKey, table: HtmlTable): string[][] {
  const matrix = tableMatrix(table);
  if (key === 'proactive') {
    // Value rows are those whose first cell is a row label (not 信息内容, not a group heading).
    return matrix
      .filter((row) => row[1] !== '' && row[0] !== '信息内容')
      .map((row) => (row[2] === '' ? [row[1]!] : row.slice(1, 4)));
  }
  if (key === 'applications') return matrix.slice(3).map((row) => row.slice(3, 10));
  return [matrix[3]!];
}

describe('table grids', () => {
  it('cover every column of every row exactly once, whatever the report', () => {
    fc.assert(
      fc.property(arbitraryReport(), (report) => {
        for (const key of ['proactive', 'applications', 'appeals'] as const) {
          const grid = tableGrid(key, report.tables);
          const covered = grid.rows.map(() => new Array<number>(grid.columns).fill(0));
          placeCells(grid).forEach((row) =>
            row.forEach(({ cell, row: r, column }) => {
              for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) {
                for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) covered[r + dr]![column + dc]!++;
              }
            }),
          );
          expect(covered.every((row) => row.every((n) => n === 1))).toBe(true);
        }
      }),
      { seed: 3, numRuns: 20 },
    );
  });
});

describe('reportBlocks', () => {
  it('draws each table under its official heading even when the model lacks its section', () => {
    const report = sampleReport();
    report.sections = report.sections.filter((s) => s.key === 'overview' || s.key === 'other');
    report.sections.push({ key: null, number: '七', title: '相关说明', text: '说明' });
    const outline = reportBlocks(report).map((b) =>
      b.kind === 'table' ? `[${b.table}]` : b.kind === 'heading' ? b.text : '…',
    );
    expect(outline.filter((b) => b !== '…')).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '[proactive]',
      '三、收到和处理政府信息公开申请情况',
      '[applications]',
      '四、政府信息公开行政复议、行政诉讼情况',
      '[appeals]',
      '六、其他需要报告的事项',
      '七、相关说明',
    ]);
  });
});

describe('renderHtml', () => {
  const report = sampleReport();
  const html = renderHtml(report);
  const tables = readHtmlTables(html);

  it('is one self-contained page with a print stylesheet', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('@media print');
    expect(html).toContain('@page { size: A4');
    expect(html).not.toMatch(/<(link|script|img)\b/i);
    expect(html).not.toMatch(/url\(|https?:\/\//);
  });

  it('has the merged header cells of the official format', () => {
    expect(tables).toHaveLength(3);
    const [proactive, applications, appeals] = tables as [HtmlTable, HtmlTable, HtmlTable];
    expect(proactive[0]).toEqual([
      { tag: 'th', text: '第二十条第（一）项', rowSpan: 1, colSpan: 4 },
    ]);
    expect(applications[0]!.map((c) => [c.text.slice(0, 6), c.rowSpan, c.colSpan])).toEqual([
      ['（本列数据的', 3, 3],
      ['申请人情况', 1, 7],
    ]);
    expect(applications[1]!.map((c) => [c.text, c.rowSpan, c.colSpan])).toEqual([
      ['自然人', 2, 1],
      ['法人或其他组织', 1, 5],
      ['总计', 2, 1],
    ]);
    const outcomes = applications.flat().find((c) => c.text === '三、本年度办理结果')!;
    expect(outcomes.rowSpan).toBe(22);
    expect(applications.flat().find((c) => c.text === '（三）不予公开')!.rowSpan).toBe(8);
    expect(appeals[0]!.map((c) => [c.text, c.colSpan])).toEqual([
      ['行政复议', 5],
      ['行政诉讼', 10],
    ]);
    expect(appeals[1]!.map((c) => [c.text, c.rowSpan, c.colSpan])).toEqual([
      ['结果维持', 2, 1],
      ['结果纠正', 2, 1],
      ['其他结果', 2, 1],
      ['尚未审结', 2, 1],
      ['总计', 2, 1],
      ['未经复议直接起诉', 1, 5],
      ['复议后起诉', 1, 5],
    ]);
  });

  it('holds the figures of the model', () => {
    const expected = expectedFigures(report);
    expect(figuresOf('proactive', tables[0]!)).toEqual(expected.proactive);
    expect(figuresOf('applications', tables[1]!)).toEqual(expected.applications);
    expect(figuresOf('appeals', tables[2]!)).toEqual(expected.appeals);
  });

  it('escapes every text', () => {
    const hostile = sampleReport();
    hostile.agency = '<script>alert(1)</script>局';
    hostile.title = null;
    hostile.sections[0]!.text = '依据<中华人民共和国政府信息公开工作年度报告格式> & "说明"';
    hostile.sections[4]!.html = '<p onclick="x()">改进<img src=x onerror=y()><b>措施</b></p>';
    const page = renderHtml(hostile);
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;局');
    expect(page).toContain(
      '依据&lt;中华人民共和国政府信息公开工作年度报告格式&gt; &amp; &quot;说明&quot;',
    );
    expect(page).toContain('<p>改进<b>措施</b></p>');
    expect(page).not.toMatch(/onclick|onerror|<img/);
  });
});

describe('renderText', () => {
  const text = renderText(sampleReport());
  const lines = text.split('\n');

  it('prints title, preamble and sections with headings 一、…', () => {
    expect(lines[0]).toBe('示例县教育局2023年政府信息公开工作年度报告');
    const headings = lines.filter((l) => /^[一二三四五六七]、/.test(l) && !l.includes('\t'));
    expect(headings.slice(0, 6)).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
  });

  it('prints the tables with the header lines of the common layout and every figure', () => {
    const start = lines.indexOf('三、收到和处理政府信息公开申请情况') + 2;
    const table = lines.slice(start, start + 28).map((l) => l.split('\t'));
    expect(table[0]!.slice(1)).toEqual(['申请人情况', '', '', '', '', '', '总计']);
    expect(table[1]).toEqual(['', '自然人', '法人或其他组织', '', '', '', '', '']);
    const expected = expectedFigures(sampleReport()).applications;
    expect(table.slice(3).map((cells) => cells.slice(-7))).toEqual(expected);
    expect(table[3]!.length).toBe(8);
    const appeals = lines[lines.indexOf('四、政府信息公开行政复议、行政诉讼情况') + 5]!;
    expect(appeals.split('\t')).toEqual(expectedFigures(sampleReport()).appeals[0]);
  });

  it('never lets a narrative tab or line break pass as a table cell', () => {
    const report = sampleReport();
    report.sections[4]!.text = '问题一\t问题二';
    expect(renderText(report)).toContain('问题一 问题二');
  });
});

describe('renderCsv', () => {
  it('has a BOM, the documented header and one line per figure', () => {
    const csv = renderCsv(sampleReport());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines).toHaveLength(1 + 10 + 25 * 7 + 3 * 5);
    expect(lines).toContain(
      '示例县教育局,2023,表三,applications,received,natural_person,一、本年新收政府信息公开申请数量,自然人,3',
    );
    expect(lines).toContain(
      '示例县教育局,2023,表二,proactive,administrative_fees,amount_wan_yuan,第二十条第（八）项 行政事业性收费,本年收费金额（单位：万元）,1.25',
    );
  });

  it('quotes fields that need it and leaves absent cells out', () => {
    const report = sampleReport();
    report.agency = '某局,"测试"';
    delete report.tables.applications.received;
    const csv = renderCsv(report);
    expect(csv).toContain('"某局,""测试""",2023');
    expect(csv).not.toContain(',received,');
  });
});

describe('renderJson', () => {
  it('follows the schema and reads back to the same model, with findings when given', () => {
    const report = sampleReport();
    const findings = validateReport({ ...report, publishedOn: '2024-02-02' });
    const parsed = parseReportJson(renderJson(report, { findings }));
    expect(parsed.problems).toEqual([]);
    expect(parsed.report).toEqual(report);
    expect(parsed.findings).toEqual(findings);
  });

  it('names the published schema first, as $schema', () => {
    const json = JSON.parse(renderJson(sampleReport())) as Record<string, unknown>;
    expect(Object.keys(json)[0]).toBe('$schema');
    expect(json.$schema).toBe(REPORT_SCHEMA_ID);
  });
});

describe('renderDocx', () => {
  it('is a Word document whose tables, read back by mammoth, hold the merged cells and figures', async () => {
    const report = sampleReport();
    const bytes = await renderDocx(report);
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    const tables = readHtmlTables(html);
    expect(tables).toHaveLength(3);
    const expected = expectedFigures(report);
    expect(figuresOf('proactive', tables[0]!)).toEqual(expected.proactive);
    expect(figuresOf('applications', tables[1]!)).toEqual(expected.applications);
    expect(figuresOf('appeals', tables[2]!)).toEqual(expected.appeals);
    expect(tables[1]!.flat().find((c) => c.text === '三、本年度办理结果')!.rowSpan).toBe(22);
    expect(html).toContain('二、主动公开政府信息情况');
  });
});

describe('renderReport', () => {
  it('dispatches every format but PDF here (PDF is in test/integration)', async () => {
    const report = sampleReport();
    for (const format of DOCUMENT_FORMATS.filter((f) => f !== 'pdf')) {
      const out = await renderReport(report, format);
      expect(out.length).toBeGreaterThan(100);
    }
    expect(await renderReport(report, 'txt')).toBe(renderText(report));
  });
});
