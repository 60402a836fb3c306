/**
 * Layouts of real published reports that a reviewer found the reader got wrong: a header that
 * lacks a column, labels wrapped or run together, cells written with their unit, titles behind a
 * breadcrumb (table 四 turned on its side: layouts-appeals.test.ts). Each is read to the report's
 * own figures, with exactly the findings that are there.
 */
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/support/ingest-sample.js';
import { layoutReport } from '../../../test/support/report-layouts.js';
import type { Finding } from '../report/findings.js';
import { readReportText } from './read.js';

const sample = () => layoutReport(sampleReport(), 'tabs');
const codes = (findings: readonly Finding[]) =>
  findings.map((f) => `${f.severity}:${f.code}:${f.location.row ?? f.location.column ?? ''}`);

/** The sample's lines with `edit` applied to the line that starts with `start`. */
function editLine(text: string, start: string, edit: (line: string) => string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith(start));
  if (i < 0) throw new Error(`no line starts with ${start}`);
  lines[i] = edit(lines[i]!);
  return lines.join('\n');
}

/** A row with its figures `index` and `index + 1` (0-based among the seven) run together. */
function joinFigures(line: string, index: number): string {
  const cells = line.split('\t');
  const at = cells.length - 7 + index;
  cells.splice(at, 2, cells[at]! + cells[at + 1]!);
  return cells.join('\t');
}

/** The header of table 三 without its 其他 column (as some agencies print it). */
const withoutOtherColumn = (text: string) =>
  editLine(text, '\t\t商业企业', (l) => l.replace('\t法律服务机构\t其他\t', '\t法律服务机构\t'));

describe('D2: table 三’s header lacks a column', () => {
  it('reads rows that carry all seven figures, and reports the header once', () => {
    const { report, findings } = readReportText(withoutOtherColumn(sample()));
    expect(report!.tables).toEqual(sampleReport().tables);
    expect(codes(findings)).toEqual(['warning:missing-column:other']);
    expect(findings[0]!.location.line).toBe(36);
  });

  it('works the column out from the totals when the rows lack it too', () => {
    const text = withoutOtherColumn(sample())
      .split('\n')
      .map((line) => {
        const cells = line.split('\t');
        // Rows of table 三: a label, then seven figures; the 其他 figure dropped.
        if (
          cells.length >= 8 &&
          cells.slice(-7).every((c) => /^\d+$/.test(c)) &&
          line.includes('、')
        ) {
          cells.splice(cells.length - 2, 1);
        }
        return cells.join('\t');
      })
      .join('\n');
    const { report, findings } = readReportText(text);
    expect(report!.tables.applications).toEqual(sampleReport().tables.applications);
    expect(codes(findings)).toEqual(['warning:missing-column:other']);
  });

  it('cuts figures run together in the rows instead of reading them against the header', () => {
    // pdftotext -layout runs the narrow 法律服务机构 and 其他 columns together: "01", "00", "32".
    let text = withoutOtherColumn(sample());
    text = editLine(text, '二、上年结转', (l) => joinFigures(l, 5)); // 0 | 4 → 04
    text = editLine(text, '\t\t4.保护第三方', (l) => joinFigures(l, 3)); // 0 | 1 → 01
    text = editLine(text, '一、本年新收', (l) => joinFigures(l, 4)); // 3 | 2 → 32
    expect(text).toContain('\t3\t1\t0\t0\t0\t04\n');
    const { report, findings } = readReportText(text);
    expect(report!.tables).toEqual(sampleReport().tables);
    expect(codes(findings).sort()).toEqual(
      [
        'warning:missing-column:other',
        'warning:cell-count:received',
        'warning:cell-count:carried_over',
        'warning:cell-count:withheld.third_party_rights',
      ].sort(),
    );
  });

  it('never drops a row it cannot read against the header: an error keeps its figures', () => {
    // 总计 smaller than its parts: no reading fits.
    const text = editLine(withoutOtherColumn(sample()), '\t\t2.重复申请', (l) =>
      l.replace(/\t1\t0\t0\t0\t0\t0\t1$/, '\t5\t0\t0\t0\t0\t1'),
    );
    const { report, findings } = readReportText(text);
    expect(report!.tables.applications['not_processed.duplicate']).toBeDefined();
    const error = findings.find((f) => f.location.row === 'not_processed.duplicate');
    expect(error?.severity).toBe('error');
    expect(error?.message).toContain('5 0 0 0 0 1');
  });
});

describe('D4: a table 二 label wrapped over two lines', () => {
  const wrap = (row: string, replacement: string) => {
    const text = sample();
    expect(text).toContain(row);
    return text.replace(row, replacement);
  };
  it.each([
    ['figures on the first line', '行政规范性文件\t3\t1\t25', '行政规范性\t3\t1\t25\n文件'],
    ['figures on the second line', '行政规范性文件\t3\t1\t25', '行政规范\n性文件\t3\t1\t25'],
    ['行政 / 许可, figures first', '行政许可\t1280', '行政\t1280\n许可'],
    ['行政 / 许可, figures second', '行政许可\t1280', '行政\n许可\t1280'],
    ['行政 / 许可, joined by a space', '行政许可\t1280', '行政 1280\n许可'],
    ['pdftotext -layout', '行政事业性收费\t15.6', '行政事业性收   15.6\n费'],
    ['规 / 章', '规章\t0\t0\t0', '规\t0\t0\t0\n章'],
    ['three lines', '行政事业性收费\t15.6', '行政事\n业性收   15.6\n费'],
  ])('%s', (_, row, replacement) => {
    const { report, findings } = readReportText(wrap(row, replacement));
    expect(report!.tables).toEqual(sampleReport().tables);
    expect(findings).toEqual([]);
    // The pieces are the table's, not the narrative's.
    const proactive = report!.sections.find((s) => s.key === 'proactive')!;
    expect(proactive.text).toBe('');
  });

  it('two wrapped rows one after the other', () => {
    const text = wrap('行政处罚\t356\n行政强制\t12', '行政\n处罚   356\n行政   12\n强制');
    const { report, findings } = readReportText(text);
    expect(report!.tables.proactive).toEqual(sampleReport().tables.proactive);
    expect(findings).toEqual([]);
  });
});

describe('D6: a row’s label run into its group’s label without a space', () => {
  it.each([
    [
      '\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0',
      '（三）不予公开1.属于国家秘密 0 0 0 0 0 0 0',
    ],
    [
      '\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0',
      '（三）不予公开1、属于国家秘密 0 0 0 0 0 0 0',
    ],
    [
      '\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0',
      '不予公开1.属于国家秘密 0 0 0 0 0 0 0',
    ],
    [
      '\t（四）无法提供\t1.本机关不掌握相关政府信息\t8\t2\t0\t0\t1\t1\t12',
      '（四）无法提供1.本机关不掌握相关政府信息 8 2 0 0 1 1 12',
    ],
    ['\t（五）不予处理\t1.信访举报投诉类申请\t3', '\t（五）不予处理1.信访举报投诉类申请\t3'],
    ['\t（六）其他处理\t1.申请人无正当', '\t（六）其他处理1.申请人无正当'],
    ['三、本年度办理结果\t（一）予以公开\t20', '三、本年度办理结果（一）予以公开\t20'],
  ])('%s → %s', (row, replacement) => {
    const text = sample();
    expect(text).toContain(row);
    const { report, findings } = readReportText(text.replace(row, replacement));
    expect(report!.tables).toEqual(sampleReport().tables);
    expect(findings).toEqual([]);
  });
});

describe('D11: the title, agency and year of a web page', () => {
  const TITLE = '示例市交通运输局2023年政府信息公开工作年度报告';
  const head = (text: string) => {
    const { report, findings } = readReportText(text);
    return {
      title: report!.title,
      agency: report!.agency,
      year: report!.year,
      yearFindings: codes(findings.filter((f) => f.code === 'year-mismatch')),
      preamble: report!.preamble,
    };
  };
  const plain = head(sample());

  it.each([
    ['a breadcrumb', '首页 > 政务公开 > 年度报告'],
    ['a breadcrumb naming annual reports', '首页 > 政务公开 > 政府信息公开年度报告'],
    [
      'a breadcrumb with the publication year',
      '当前位置：首页 > 政务公开 > 2024年政府信息公开年报',
    ],
    [
      'a breadcrumb that ends in the title',
      '首页 > 政务公开 > 示例市交通运输局2024年政府信息公开工作年度报告',
    ],
    [
      'a menu and the page’s metadata',
      '首页\t政务公开\t政府信息公开\t政府信息公开年报\n网站地图 | 无障碍 | English\n发布时间：2024-01-26 来源：示例市交通运输局',
    ],
  ])('skips %s before the title', (_, navigation) => {
    expect(head(`${navigation}\n${sample()}`)).toEqual(plain);
  });

  it.each([
    ['the year after the title', '示例市交通运输局政府信息公开工作年度报告（2023年）'],
    [
      'the year on a line under the title',
      '示例市交通运输局政府信息公开工作年度报告\n（2023年度）',
    ],
    ['the year first', '2023年度示例市交通运输局政府信息公开工作年度报告'],
  ])('reads the agency and year of a title with %s', (_, title) => {
    const got = head(sample().replace(TITLE, title));
    expect(got).toEqual({ ...plain, title: title.replace('\n', '') });
  });

  it('reads the agency of a title without a year, on one line or over two', () => {
    for (const title of [
      '示例市交通运输局政府信息公开工作年度报告',
      '示例市交通运输局\n政府信息公开工作年度报告',
    ]) {
      const got = head(sample().replace(TITLE, title));
      expect(got.agency, title).toBe('示例市交通运输局');
      expect(got.year, title).toBe(2023);
    }
  });

  it('reads a title that begins with 关于', () => {
    const got = head(sample().replace(TITLE, `关于${TITLE}`));
    expect(got).toEqual({ ...plain, title: `关于${TITLE}` });
  });

  it('takes the year of a title without one from the statistics period, not from the page', () => {
    const text = `首页 > 信息公开 > 政府信息公开年报 > 2024年\n发布日期：2024-01-26\n${sample().replace(TITLE, '示例市交通运输局政府信息公开工作年度报告')}`;
    expect(text).toContain('统计期限自2023年1月1日起至2023年12月31日止');
    const got = head(text);
    expect(got.title).toBe('示例市交通运输局政府信息公开工作年度报告');
    expect(got.agency).toBe('示例市交通运输局');
    expect(got.year).toBe(2023);
    expect(got.yearFindings).toEqual(['warning:year-mismatch:']);
  });

  it('without a statistics period, does not count the days of the page and the signature', () => {
    const text = sample()
      .replace(TITLE, '示例市交通运输局政府信息公开工作年度报告')
      .replace('本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。', '')
      .replace(
        '2023年度未收取信息处理费。',
        '本报告于2024年1月10日经局务会议审议，2024年1月26日公布。',
      );
    const got = head(`发布时间：2024年1月26日\n${text}`);
    expect(got.year).toBe(2023);
  });
});

describe('a cell written with its unit reads as its number', () => {
  it.each([
    ['行政许可\t1280', '行政许可\t1280件'],
    ['行政许可\t1280', '行政许可\t1,280件'],
    ['行政许可\t1280', '行政许可1280件'],
    ['行政处罚\t356', '行政处罚\t356 件'],
    ['行政规范性文件\t3\t1\t25', '行政规范性文件\t3 件\t1件\t25件'],
    ['行政事业性收费\t15.6', '行政事业性收费\t15.6万元'],
    ['行政事业性收费\t15.6', '行政事业性收费\t15.6 万元'],
    ['一、本年新收政府信息公开申请数量\t45\t12', '一、本年新收政府信息公开申请数量\t45件\t12件'],
    ['2\t1\t0\t1\t4\t1\t0\t0\t1\t2', '2件\t1件\t0件\t1件\t4件\t1\t0\t0\t1\t2'],
  ])('%s → %s', (row, replacement) => {
    const text = sample();
    expect(text).toContain(row);
    const { report, findings } = readReportText(text.replace(row, replacement));
    expect(report!.tables).toEqual(sampleReport().tables);
    expect(findings).toEqual([]);
  });
});

describe('a report whose title the reader could not read', () => {
  it('says the title was not read, not that the title lacks the year or the agency', () => {
    const text = sample().replace(/^.*年度报告\s*$/m, '');
    const { report, findings } = readReportText(text);
    expect(report!.title).toBeNull();
    const messages = findings
      .filter((f) => f.code === 'year-mismatch' || f.code === 'unread-section')
      .map((f) => f.message)
      .join('\n');
    expect(messages).toContain('未能识别报告标题');
    expect(messages).not.toContain('标题中未找到');
    expect(messages).not.toContain('标题和落款中都没有');
  });
});
