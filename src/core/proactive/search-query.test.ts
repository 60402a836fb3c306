import { describe, expect, it } from 'vitest';
import { indexedPart, MAX_QUERY_INPUT, queryTerms, trigramWindows } from './search-query.js';

describe('the indexed part of a rare term', () => {
  it('has the three-character windows of the term, by code point', () => {
    expect(trigramWindows('示规〔2025〕17号')).toEqual([
      '示规〔',
      '规〔2',
      '〔20',
      '202',
      '025',
      '25〕',
      '5〕1',
      '〕17',
      '17号',
    ]);
    expect(trigramWindows('公开')).toEqual([]);
  });

  it('cuts the windows found in nearly every sampled row off either end', () => {
    // As sampled in 1,000 rows of the benchmark catalogue: every 文号 starts 示规〔20.
    const found = [1000, 1000, 1000, 952, 278, 143, 31, 21, 26];
    expect(indexedPart('示规〔2025〕17号', found, 1000)).toBe('025〕17号');
    expect(indexedPart('abcde', [5, 950, 990], 1000)).toBe('abc');
    expect(indexedPart('abcde', [950, 5, 990], 1000)).toBe('bcd');
  });

  it('keeps the whole term when no end is that common, or when every window is', () => {
    expect(indexedPart('依申请公开', [40, 60, 500], 1000)).toBe('依申请公开');
    expect(indexedPart('公开政府', [950, 990], 1000)).toBe('公开政府');
    expect(indexedPart('示规〔', [1000], 1000)).toBe('示规〔');
    expect(indexedPart('示规〔2', [0, 0], 0)).toBe('示规〔2');
  });
});

describe('the terms of a query', () => {
  it('keeps full-width punctuation and digits as published (a pasted title must find itself)', () => {
    expect(queryTerms('示范县农村集体资产管理办法（试行）')).toEqual([
      '示范县农村集体资产管理办法（试行）',
    ]);
    expect(queryTerms('第一条：为规范 ２０２３')).toEqual(['第一条：为规范', '２０２３']);
  });

  it("splits on any white space, the ideographic space included, and reads only the box's length", () => {
    expect(queryTerms('  公开\u3000指南\t年报 ')).toEqual(['公开', '指南', '年报']);
    expect(queryTerms('科'.repeat(10_000))).toEqual(['科'.repeat(100)]);
    const long = `${'甲'.repeat(MAX_QUERY_INPUT - 3)} 乙丙丁`;
    expect(queryTerms(long)).toEqual(['甲'.repeat(100), '乙丙']);
  });
});
