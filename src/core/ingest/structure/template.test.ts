import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdsHeadingNumber, sectionAnchors } from './template.js';

/** The pattern holdsHeadingNumber looks for in the cells joined by tabs. */
const HEADING_NUMBER = /[一二三四五六]\s*[、.．]/;

const cellsish = fc.array(
  fc
    .array(
      fc.constantFrom(
        '一',
        '三',
        '六',
        '七',
        '、',
        '.',
        '．',
        ' ',
        '\u3000',
        '\u00a0',
        '\t',
        '5',
        '情',
      ),
      { maxLength: 6 },
    )
    .map((parts) => parts.join('')),
  { maxLength: 5 },
);

describe('holdsHeadingNumber', () => {
  it('says what HEADING_NUMBER says of the cells joined by tabs, for any cells', () => {
    fc.assert(
      fc.property(cellsish, (cells) => {
        expect(holdsHeadingNumber(cells)).toBe(HEADING_NUMBER.test(cells.join('\t')));
      }),
      { numRuns: 5000 },
    );
  });

  it('sees a number and its mark in cells of their own, with empty cells between', () => {
    expect(holdsHeadingNumber(['三', '', ' 、本年度办理结果'])).toBe(true);
    expect(holdsHeadingNumber(['三', '5', '、'])).toBe(false);
  });
});

describe('sectionAnchors', () => {
  it('finds each section once, in order, and no heading quoted out of order', () => {
    const text = '一、总体情况 二、主动公开政府信息情况 一、总体情况 四、政府信息公开行政复议';
    expect(sectionAnchors(text).map((a) => [a.key, a.offset])).toEqual([
      ['overview', 0],
      ['proactive', 7],
      ['appeals', 27],
    ]);
    expect(sectionAnchors('四、政府信息公开行政复议 二、主动公开').map((a) => a.key)).toEqual([
      'appeals',
    ]);
    expect(sectionAnchors('本年度新收申请12件')).toEqual([]);
  });
});
