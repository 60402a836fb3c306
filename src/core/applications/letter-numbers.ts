/**
 * 文号 of the letters an agency issues: one sequence per agency, letter type and year, written by
 * a pattern the agency sets (e.g. `示科公〔{年}〕第{号}号`). The sequence number is given by the
 * store, once; this module only checks patterns and writes numbers.
 */

export const DEFAULT_LETTER_NUMBER_PATTERN = '〔{年}〕第{号}号';

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * What is wrong with a pattern, in Chinese, or null when it can be used. It must contain
 * `{号}` exactly once (else two letters would share a number) and may contain `{年}` once.
 *
 * @example checkLetterNumberPattern('〔{年}〕第{号}号') // null
 */
export function checkLetterNumberPattern(pattern: string): string | null {
  const p = pattern.trim();
  if (p === '') return '请填写文号格式，如“〔{年}〕第{号}号”。';
  if (p.length > 60) return '文号格式不能超过 60 个字。';
  const names = [...p.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  const unknown = names.filter((n) => n !== '年' && n !== '号');
  if (unknown.length > 0) {
    return `文号格式中的“{${unknown[0]}}”无法识别：只能使用“{年}”（年份）和“{号}”（序号）。`;
  }
  const count = names.filter((n) => n === '号').length;
  if (count !== 1) {
    return count === 0
      ? '文号格式中须有“{号}”（序号），否则每份文书的文号都相同。'
      : '文号格式中只能有一个“{号}”。';
  }
  if (names.filter((n) => n === '年').length > 1) return '文号格式中只能有一个“{年}”。';
  if (/[{}]/.test(p.replace(PLACEHOLDER, ''))) {
    return '文号格式中的花括号只能用于“{年}”和“{号}”。';
  }
  return null;
}

/**
 * The 文号 of the `seq`th letter of `year` by `pattern`.
 *
 * @example formatLetterNumber('〔{年}〕第{号}号', 2026, 12) // '〔2026〕第12号'
 */
export function formatLetterNumber(pattern: string, year: number, seq: number): string {
  return pattern
    .trim()
    .replace(PLACEHOLDER, (_m, name: string) => (name === '年' ? String(year) : String(seq)));
}
