/**
 * year-mismatch: a title, a statistics period or the years the prose names that are not the
 * report's year (条例第四十九条). Read one sentence at a time, as the other checks of the prose
 * (text-checks.ts).
 */
import { normaliseDigits } from './chinese-numbers.js';
import type { Finding } from './findings.js';
import type { AnnualReport } from './model.js';
import {
  excerpt,
  hasFourYearDigits,
  isSpace,
  location,
  MARK_NIAN,
  MARK_QUAN,
  MARK_YUE,
  YEAR_DIGIT,
  type Sentence,
} from './text-checks.js';

// ---------------------------------------------------------------------------------------------
// year-mismatch
// ---------------------------------------------------------------------------------------------

/** The first year (1900–2099) followed by 年. */
const FIRST_YEAR = /((?:19|20)\d{2})\s*年/;

const DIGIT_0 = 0x30;
const isDigit = (c: number) => c >= DIGIT_0 && c <= DIGIT_0 + 9;

/**
 * Counts the years of a text into `counts`, in order: what `/((?:19|20)\d{2})\s*年/g` finds, found
 * from each 年 back (over white space, then four digits) rather than by the expression tried at
 * every position. Its matches cannot overlap (a match's digits never hold the 年 of the one before),
 * so each 年 has at most one, and they come in the order of their 年.
 */
function countYears(text: string, counts: Map<number, number>): void {
  for (let at = text.indexOf('年'); at !== -1; at = text.indexOf('年', at + 1)) {
    let end = at;
    while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
    if (end < 4) continue;
    const c0 = text.charCodeAt(end - 4);
    const c1 = text.charCodeAt(end - 3);
    const c2 = text.charCodeAt(end - 2);
    const c3 = text.charCodeAt(end - 1);
    // 19 or 20, then two digits.
    const century = c0 === DIGIT_0 + 1 ? c1 === DIGIT_0 + 9 : c0 === DIGIT_0 + 2 && c1 === DIGIT_0;
    if (!century || !isDigit(c2) || !isDigit(c3)) continue;
    const y = (c0 - DIGIT_0) * 1000 + (c1 - DIGIT_0) * 100 + (c2 - DIGIT_0) * 10 + (c3 - DIGIT_0);
    counts.set(y, (counts.get(y) ?? 0) + 1);
  }
}
/** "统计期限为2022年全年", "所列数据统计时间为2022年度全年". */
const WHOLE_YEAR_PERIOD =
  /(?:统计(?:期限|时限|期间|时段|时间|区间|范围|周期)|所列数据|数据统计)[^。；，,]{0,10}?((?:19|20)\d{2})\s*年\s*(?:度\s*)?全年/g;
const YEAR_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

const CHINESE_YEAR = /([〇零一二三四五六七八九]{4})(\s*年)/g;

/** 二〇二二年 → 2022年 in a text whose digits are normalised (a sentence's). */
function chineseYears(text: string): string {
  if (!hasFourYearDigits(text)) return text;
  return text.replace(
    CHINESE_YEAR,
    (_m, y: string, nian: string) => [...y].map((c) => YEAR_DIGITS[c] ?? c).join('') + nian,
  );
}

/** 二〇二二年 → 2022年: years written digit by digit in Chinese numerals, as titles often are. */
function yearDigits(text: string): string {
  return chineseYears(normaliseDigits(text));
}
const PERIOD =
  /((?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起)?\s*(?:至|到|—+|－|-|~|～)\s*(?:((?:19|20)\d{2})\s*年\s*)?12\s*月\s*31\s*日/g;

/** A period stated in a sentence that is not the report's year. */
function yearMismatch(findings: Finding[], sentence: Sentence, period: string, year: number): void {
  findings.push({
    code: 'year-mismatch',
    severity: 'error',
    location: location(sentence),
    message: `统计期限（${period.replace(/\s+/g, '')}）与报告年度（${year}年）不一致：报告数据应统计${year}年1月1日至12月31日（条例第四十九条）。`,
  });
}

export function checkYears(report: AnnualReport, sentences: readonly Sentence[]): Finding[] {
  const findings: Finding[] = [];
  const { year } = report;

  // A year of the title is followed by 年, which yearDigits neither adds nor removes.
  if (report.title && report.title.includes('年')) {
    const match = FIRST_YEAR.exec(yearDigits(report.title));
    if (match && Number(match[1]) !== year) {
      findings.push({
        code: 'year-mismatch',
        severity: 'error',
        location: { excerpt: excerpt(report.title) },
        message: `标题中的年度（${match[1]}年）与报告年度（${year}年）不一致：年度报告报告的是上一年度的工作（条例第四十九条）。`,
      });
    }
  }

  // One pass: the periods each sentence states, and the years the sections name.
  const counts = new Map<number, number>();
  for (const sentence of sentences) {
    const marks = sentence.marks;
    // Every year named is followed by 年; most sentences have none.
    if ((marks & MARK_NIAN) === 0) continue;
    const raw = sentence.text;
    // A period names a year (年) and either a month (月) or the whole year (全年); most
    // sentences have none of it, and chineseYears neither adds nor removes these characters.
    // PERIOD names a month (月), WHOLE_YEAR_PERIOD ends in 全年.
    const month = (marks & MARK_YUE) !== 0;
    const wholeYear = (marks & MARK_QUAN) !== 0 && raw.includes('全年');
    if (month || wholeYear) {
      // A year in Chinese numerals needs them (the sentence's marks say whether it has any).
      const text = (marks & YEAR_DIGIT) !== 0 ? chineseYears(raw) : raw;
      // exec loops rather than matchAll, which copies the expression on every call; each
      // period's finding made as it is met, those of PERIOD first.
      PERIOD.lastIndex = 0;
      for (let m = month ? PERIOD.exec(text) : null; m !== null; m = PERIOD.exec(text)) {
        const from = Number(m[1]);
        const to = m[2] === undefined ? from : Number(m[2]);
        if (from !== year || to !== year) yearMismatch(findings, sentence, m[0], year);
      }
      WHOLE_YEAR_PERIOD.lastIndex = 0;
      for (
        let m = wholeYear ? WHOLE_YEAR_PERIOD.exec(text) : null;
        m !== null;
        m = WHOLE_YEAR_PERIOD.exec(text)
      )
        if (Number(m[1]) !== year) yearMismatch(findings, sentence, m[0], year);
    }
    // A report copied from an earlier year keeps speaking of that year.
    if (sentence.section !== undefined) countYears(raw, counts);
  }
  const own = counts.get(year) ?? 0;
  let top: [number, number] | null = null;
  for (const entry of counts) if (!top || entry[1] > top[1]) top = entry;
  if (top && top[0] !== year && top[1] >= 2 && top[1] > own) {
    findings.push({
      code: 'year-mismatch',
      severity: 'warning',
      location: {},
      message: `正文多次提到${top[0]}年（${top[1]}次），而报告年度${year}年只出现${own}次：内容可能沿用了其他年度的报告，请核对（条例第四十九条：年度报告报告上一年度的情况）。`,
    });
  }

  if (report.publishedOn && /^\d{4}-\d{2}-\d{2}$/.test(report.publishedOn)) {
    if (report.publishedOn <= `${year}-12-31`) {
      findings.push({
        code: 'year-mismatch',
        severity: 'error',
        location: {},
        message: `发布日期 ${report.publishedOn} 早于报告年度（${year}年）结束：年度报告应在次年公布上一年度的情况（条例第四十九条）。`,
      });
    }
  }
  return findings;
}
