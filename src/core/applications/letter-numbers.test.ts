import { describe, expect, it } from 'vitest';
import {
  checkLetterNumberPattern,
  DEFAULT_LETTER_NUMBER_PATTERN,
  formatLetterNumber,
} from './letter-numbers.js';

describe('文号 patterns', () => {
  it('writes the year and the sequence number where the pattern puts them', () => {
    expect(formatLetterNumber(DEFAULT_LETTER_NUMBER_PATTERN, 2026, 1)).toBe('〔2026〕第1号');
    expect(formatLetterNumber('示科公复〔{年}〕{号}号', 2027, 305)).toBe('示科公复〔2027〕305号');
    expect(formatLetterNumber('答第{号}号', 2027, 7)).toBe('答第7号');
  });

  it('accepts a pattern with one {号} and at most one {年}', () => {
    expect(checkLetterNumberPattern(DEFAULT_LETTER_NUMBER_PATTERN)).toBeNull();
    expect(checkLetterNumberPattern('第{号}号')).toBeNull();
  });

  it('refuses a pattern that would repeat a number or cannot be read, saying why', () => {
    expect(checkLetterNumberPattern('〔{年}〕第1号')).toContain('须有“{号}”');
    expect(checkLetterNumberPattern('{号}-{号}')).toContain('只能有一个“{号}”');
    expect(checkLetterNumberPattern('{年}{年}第{号}号')).toContain('只能有一个“{年}”');
    expect(checkLetterNumberPattern('〔{year}〕第{号}号')).toContain('“{year}”无法识别');
    expect(checkLetterNumberPattern('  ')).toContain('请填写');
    expect(checkLetterNumberPattern('{号}}')).toContain('花括号');
  });
});
