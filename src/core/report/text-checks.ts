/**
 * Checks on the report's prose: the superseded regulation cited as the basis and years that
 * disagree. Numbers or claims that contradict the tables are in narrative-checks.ts (tables 三,
 * 四) and proactive-narrative.ts (table 二).
 *
 * Prose is read one sentence (ended by 。；！？ or a line break) and one clause (ended by ，、)
 * at a time, so a phrase never borrows a number or a negation from a neighbouring sentence.
 * The patterns are deliberately narrow: a narrative finding is only worth having when it is
 * right, so a sentence the patterns do not understand is left alone.
 */
import { normaliseDigits } from './chinese-numbers.js';
import type { Finding, FindingLocation } from './findings.js';
import type { AnnualReport } from './model.js';

export interface Sentence {
  /** The section number (一, 二, …) or undefined for the preamble. */
  section: string | undefined;
  text: string;
}

/** Whether a UTF-16 code unit ends a sentence: 。；;！!？? or a line break. */
function endsSentence(c: number): boolean {
  return (
    c === 0x3002 ||
    c === 0xff1b ||
    c === 0x3b ||
    c === 0xff01 ||
    c === 0x21 ||
    c === 0xff1f ||
    c === 0x3f ||
    c === 0x0a
  );
}

/**
 * The sentences of a text, trimmed, without empty ones, digits normalised: what
 * `normaliseDigits(text).split(/[。；;！!？?\n]+/)` gives (a full-width digit is no sentence's
 * end nor white space, so only the sentences holding one are normalised), in one pass.
 */
function pushSentences(out: Sentence[], section: string | undefined, text: string): void {
  let start = 0;
  let wide = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x0a;
    if (c >= 0xff10 && c <= 0xff19) wide = true;
    if (!endsSentence(c)) continue;
    if (i > start) {
      const part = text.slice(start, i).trim();
      if (part) out.push({ section, text: wide ? normaliseDigits(part) : part });
    }
    start = i + 1;
    wide = false;
  }
}

/** The report's prose (preamble and every section), split into sentences, digits normalised. */
export function reportSentences(report: AnnualReport): Sentence[] {
  const sentences: Sentence[] = [];
  pushSentences(sentences, undefined, report.preamble);
  for (const s of report.sections) pushSentences(sentences, s.number, s.text);
  return sentences;
}

export const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

export function location(sentence: Sentence): FindingLocation {
  const loc: FindingLocation = { excerpt: excerpt(sentence.text) };
  if (sentence.section !== undefined) loc.section = sentence.section;
  return loc;
}

export const where = (sentence: Sentence) =>
  sentence.section === undefined ? '报告开头' : `第${sentence.section}部分`;

// ---------------------------------------------------------------------------------------------
// outdated-regulation
// ---------------------------------------------------------------------------------------------

/** 国务院令第492号, 国务院令 492 号, 国务院（第）492号令, 第492号令 … */
const ORDER_492 = /国务院\s*令?\s*(?:第\s*)?492\s*号|第\s*492\s*号\s*(?:国务院)?令/;
/**
 * Words that show the sentence tells of the old regulation rather than relying on it. 修订 alone
 * does not: "新修订的《条例》（国务院令第492号）" still cites 492 as the basis.
 */
const SUPERSEDED =
  /废止|取代|替代|代替|失效|旧版|旧《|原《|原条例|原国务院令|修订前|修改前|2008年版|不再适用/;
/** The official citation of the current regulation names 711 beside 492 (…第492号公布，…第711号修订). */
const ORDER_711 = /国务院\s*令?\s*(?:第\s*)?711\s*号|第\s*711\s*号\s*(?:国务院)?令/;

export function checkRegulation(sentences: readonly Sentence[]): Finding[] {
  const findings: Finding[] = [];
  for (const sentence of sentences) {
    const text = sentence.text;
    // ORDER_492 needs "492" as written: a plain search first, as most sentences have none.
    if (!text.includes('492')) continue;
    if (!ORDER_492.test(text) || SUPERSEDED.test(text) || ORDER_711.test(text)) continue;
    findings.push({
      code: 'outdated-regulation',
      severity: 'error',
      location: location(sentence),
      message: `${where(sentence)}引用国务院令第492号（2008年版《中华人民共和国政府信息公开条例》）作为依据；该版本已由2019年修订的条例（国务院令第711号）取代，应依据现行条例编制报告。`,
    });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// year-mismatch
// ---------------------------------------------------------------------------------------------

const YEAR = /((?:19|20)\d{2})\s*年/g;
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

/** 二〇二二年 → 2022年: years written digit by digit in Chinese numerals, as titles often are. */
function yearDigits(text: string): string {
  return normaliseDigits(text).replace(
    /([〇零一二三四五六七八九]{4})(\s*年)/g,
    (_m, y: string, nian: string) => [...y].map((c) => YEAR_DIGITS[c] ?? c).join('') + nian,
  );
}
const PERIOD =
  /((?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起)?\s*(?:至|到|—+|－|-|~|～)\s*(?:((?:19|20)\d{2})\s*年\s*)?12\s*月\s*31\s*日/g;

export function checkYears(report: AnnualReport, sentences: readonly Sentence[]): Finding[] {
  const findings: Finding[] = [];
  const { year } = report;

  if (report.title) {
    const match = /((?:19|20)\d{2})\s*年/.exec(yearDigits(report.title));
    if (match && Number(match[1]) !== year) {
      findings.push({
        code: 'year-mismatch',
        severity: 'error',
        location: { excerpt: excerpt(report.title) },
        message: `标题中的年度（${match[1]}年）与报告年度（${year}年）不一致：年度报告报告的是上一年度的工作（条例第四十九条）。`,
      });
    }
  }

  for (const sentence of sentences) {
    // A period names a year (年) and either a month (月) or the whole year (全年); most
    // sentences have none of it, and yearDigits neither adds nor removes these characters.
    const raw = sentence.text;
    if (!raw.includes('年') || !(raw.includes('月') || raw.includes('全年'))) continue;
    const text = yearDigits(sentence.text);
    // exec loops rather than matchAll, which copies the expression on every call.
    const periods: { from: number; to: number; text: string }[] = [];
    PERIOD.lastIndex = 0;
    for (let m = PERIOD.exec(text); m !== null; m = PERIOD.exec(text)) {
      periods.push({
        from: Number(m[1]),
        to: m[2] === undefined ? Number(m[1]) : Number(m[2]),
        text: m[0],
      });
    }
    WHOLE_YEAR_PERIOD.lastIndex = 0;
    for (let m = WHOLE_YEAR_PERIOD.exec(text); m !== null; m = WHOLE_YEAR_PERIOD.exec(text))
      periods.push({ from: Number(m[1]), to: Number(m[1]), text: m[0] });
    for (const period of periods) {
      if (period.from === year && period.to === year) continue;
      findings.push({
        code: 'year-mismatch',
        severity: 'error',
        location: location(sentence),
        message: `统计期限（${period.text.replace(/\s+/g, '')}）与报告年度（${year}年）不一致：报告数据应统计${year}年1月1日至12月31日（条例第四十九条）。`,
      });
    }
  }

  // A report copied from an earlier year keeps speaking of that year.
  const counts = new Map<number, number>();
  for (const sentence of sentences) {
    if (sentence.section === undefined || !sentence.text.includes('年')) continue;
    const text = sentence.text;
    YEAR.lastIndex = 0;
    for (let match = YEAR.exec(text); match !== null; match = YEAR.exec(text)) {
      const y = Number(match[1]);
      counts.set(y, (counts.get(y) ?? 0) + 1);
    }
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
