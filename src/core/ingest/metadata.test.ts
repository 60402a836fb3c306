import { describe, expect, it } from 'vitest';
import {
  agencyLevelOf,
  breadcrumbDate,
  findTitle,
  headDate,
  isNavigation,
  publicationDate,
  type DatedRow,
  type PublicationDate,
} from './metadata.js';

const rowsOf = (texts: readonly string[]): DatedRow[] =>
  texts.map((text, i) => ({ empty: text.trim() === '', text, shown: text, line: i + 1 }));

describe('the publication date and its source', () => {
  it('a date alone under the title, bracketed or not, is the report’s own', () => {
    const rows = rowsOf([
      '沭阳县人民政府2025年政府信息公开工作年度报告',
      '沭阳县人民政府',
      '（2026年1月23日）',
      '一、总体情况',
    ]);
    expect(headDate(rows, [0], 3)).toEqual({ date: '2026-01-23', source: 'text', line: 3 });
    expect(headDate(rowsOf(['标题', '2024年1月5日', '一、总体情况']), [0], 2)?.date).toBe(
      '2024-01-05',
    );
    // Above the title, or without a title, a date is not the report's.
    expect(headDate(rowsOf(['2024年1月5日', '标题', '一、总体情况']), [1], 2)).toBeNull();
    expect(headDate(rows, [], 3)).toBeNull();
    // A page's 发布日期： field is the page's, not the report's text.
    expect(headDate(rowsOf(['标题', '发布日期：2024年1月5日', '一、']), [0], 2)).toBeNull();
  });

  it('the page’s 发布时间 before its 成文日期, in a line of its own or in a crawled one', () => {
    expect(
      breadcrumbDate(rowsOf(['成文日期：2024-01-20 发布日期：2024-01-29', '一、总体情况']), 1),
    ).toEqual({ date: '2024-01-29', source: 'breadcrumb', line: 1 });
    expect(
      breadcrumbDate(
        rowsOf(['首页 > 年报 时间：2022-02-08 16:34 标题：某县2021年报告 一、总体情况 …']),
        0,
      )?.date,
    ).toBe('2022-02-08');
    expect(breadcrumbDate(rowsOf(['统计时间：2022年1月1日至12月31日', '一、']), 1)).toBeNull();
  });

  it('is the most trusted found: text, breadcrumb, 落款, page metadata', () => {
    const d = (source: PublicationDate['source'], date: string): PublicationDate => ({
      date,
      source,
      line: source === 'page-metadata' ? null : 1,
    });
    const all = [
      d('page-metadata', '2024-01-04'),
      d('closing', '2024-01-03'),
      d('breadcrumb', '2024-01-02'),
      d('text', '2024-01-01'),
    ];
    expect(publicationDate(all)?.source).toBe('text');
    expect(publicationDate(all.slice(0, 3))?.source).toBe('breadcrumb');
    expect(publicationDate(all.slice(0, 2))?.source).toBe('closing');
    expect(publicationDate([null, all[0]!])?.date).toBe('2024-01-04');
    expect(publicationDate([null, undefined])).toBeNull();
  });
});

describe('the title on a web page', () => {
  it('a header with today’s date is the site’s, and a title never wraps across a breadcrumb', () => {
    expect(isNavigation('今天是：2026年12月6日 星期日')).toBe(true);
    expect(isNavigation('2026年12月6日 星期日 首页 网站地图')).toBe(true);
    const rows = rowsOf([
      '今天是：2026年12月6日星期日首页',
      '当前位置：首页 > 政务公开 > 年报',
      '示例市交通运输局2023年政府信息公开工作年度报告',
      '一、总体情况',
    ]);
    const title = findTitle(rows, 3);
    expect(title.agency).toBe('示例市交通运输局');
    expect(title.year).toBe(2023);
    expect(title.rows).toEqual([2]);
    // Without the date, the first line is still not joined to the title across the breadcrumb.
    const plain = rowsOf(['网站首页 政务公开', '当前位置：首页 > 年报', rows[2]!.text, '一、']);
    expect(findTitle(plain, 3).agency).toBe('示例市交通运输局');
  });
});

describe('agencyLevelOf', () => {
  it('settles government and department by the name, and leaves a place name alone unsettled', () => {
    expect(agencyLevelOf('济南市人民政府')).toBe('government');
    expect(agencyLevelOf('某某县政府')).toBe('government');
    expect(agencyLevelOf('平潭综合实验区管委会')).toBe('government');
    expect(agencyLevelOf('济南市教育局')).toBe('department');
    expect(agencyLevelOf('济南市人民政府办公厅')).toBe('department');
    expect(agencyLevelOf('某某开发区管委会')).toBeNull();
    // A report titled by its place alone does not say whether it speaks as the government.
    expect(agencyLevelOf('济南市')).toBeNull();
    expect(agencyLevelOf('济南市市中区')).toBeNull();
  });
});

describe('the title inside a long row (a page on one line)', () => {
  const PARAGRAPH =
    '根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》的要求，编制本报告。';
  it.each([
    ['a field name', '标题：示例市交通运输局2023年度政府信息公开工作年度报告 发布时间：2024-01-20'],
    ['a breadcrumb', '首页>政务公开>示例市交通运输局 2023 年政府信息公开工作年度报告'],
    ['a page marker', '-1- 示例市交通运输局2023年政府信息公开工作年度报告'],
    ['the year first', '网站首页 2023年度示例市交通运输局政府信息公开工作年度报告'],
    ['the year after', '# 示例市交通运输局政府信息公开工作年度报告（2023年）'],
  ])('reads the agency and year behind %s', (_, head) => {
    const title = findTitle(rowsOf([`${head} ${PARAGRAPH}`, '一、总体情况']), 1);
    expect(title.agency).toBe('示例市交通运输局');
    expect(title.year).toBe(2023);
    expect(title.title).toMatch(/^(?:2023年度)?示例市交通运输局.*年度报告/);
  });

  it('takes neither the format’s name nor a title without an agency or a year', () => {
    expect(findTitle(rowsOf([`${PARAGRAPH}${PARAGRAPH}`, '一、总体情况']), 1).title).toBeNull();
    const noYear = `示例市交通运输局政府信息公开工作年度报告 ${PARAGRAPH}`;
    expect(findTitle(rowsOf([noYear.repeat(2), '一、总体情况']), 1).title).toBeNull();
  });

  it('the date right after the title is the report’s own', () => {
    const rows = rowsOf([
      `# 示例市交通运输局2023年政府信息公开工作年度报告 示例市交通运输局 （2024年1月20日） ${PARAGRAPH}`,
    ]);
    const title = findTitle(rows, 1);
    expect(headDate(rows, title.rows, 1, title.inline)).toEqual({
      date: '2024-01-20',
      source: 'text',
      line: 1,
    });
    const later = rowsOf([
      `示例市交通运输局2023年政府信息公开工作年度报告 ${PARAGRAPH}2024年1月20日`,
    ]);
    expect(headDate(later, [], 1, findTitle(later, 1).inline)).toBeNull();
  });
});
