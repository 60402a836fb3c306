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
  /**
   * Which of the characters the checks look for the sentence holds (MARK_* bits): a check
   * skips a sentence without the first character of its words before any search.
   */
  marks: number;
}

/** A sentence's end: 。；;！!？? or a line break. */
const END = 1;
/** A full-width digit (０–９). */
const WIDE = 2;
/** White space as String.prototype.trim sees it. */
const SPACE = 4;
export const MARK_SHEN = 1 << 3; // 申
export const MARK_JIE = 1 << 4; // 结
export const MARK_FU = 1 << 5; // 复
export const MARK_SU = 1 << 6; // 诉
export const MARK_NIAN = 1 << 7; // 年
export const MARK_YUE = 1 << 8; // 月
export const MARK_QUAN = 1 << 9; // 全
export const MARK_GUI = 1 << 10; // 规
export const MARK_XING = 1 << 11; // 行
/** 4 or ４ (which the sentence's text holds as 4); 9 or ９ and 2 or ２ likewise. */
export const MARK_FOUR = 1 << 12;
const MARK_NINE = 1 << 21;
const MARK_TWO = 1 << 22;
/** 上 (上年). */
export const MARK_SHANG = 1 << 23;
/** 办 or 处 (办结, 办理完毕, 处理完毕 …). */
export const MARK_BAN = 1 << 24;
/** A Chinese numeral digit of a year (〇零一二三四五六七八九). */
const YEAR_DIGIT = 1 << 13;
/** 未, 没 or 无: what a sentence that says something did not happen holds. */
export const MARK_NEGATION = 1 << 14;
/** 不 (不存在). */
export const MARK_BU = 1 << 15;
/** A unit of a count: 件, 个, 宗, 份 or 起 (COUNT_UNIT of narrative-checks.ts). */
export const MARK_UNIT = 1 << 16;
/** 收, 受 or 接 (收到, 受理, 接收, 接到, 新收). */
export const MARK_RECEIVE = 1 << 17;
/** 数 or 总 (申请数量, 申请总量 …). */
export const MARK_TALLY = 1 << 18;
/** 为 or 是 (… 均为零). */
export const MARK_IS = 1 << 19;
/** 0, ０ or 零 (which the sentence's text holds as 0 or 零). */
export const MARK_ZERO = 1 << 20;

/** Every UTF-16 code unit's bits: one load per character rather than a test of each kind. */
const KINDS = ((): Uint32Array => {
  const table = new Uint32Array(0x10000);
  const set = (chars: string, bit: number) => {
    for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)]! |= bit;
  };
  set('。；;！!？?\n', END);
  for (let c = 0xff10; c <= 0xff19; c++) table[c]! |= WIDE;
  // WhiteSpace and LineTerminator (ECMA-262), what trim() removes.
  set(' \t\n\v\f\r\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff', SPACE);
  for (let c = 0x2000; c <= 0x200a; c++) table[c]! |= SPACE;
  set('申', MARK_SHEN);
  set('结', MARK_JIE);
  set('复', MARK_FU);
  set('诉', MARK_SU);
  set('年', MARK_NIAN);
  set('月', MARK_YUE);
  set('全', MARK_QUAN);
  set('规', MARK_GUI);
  set('行', MARK_XING);
  set('4４', MARK_FOUR);
  set('9９', MARK_NINE);
  set('2２', MARK_TWO);
  set('上', MARK_SHANG);
  set('办处', MARK_BAN);
  set('〇零一二三四五六七八九', YEAR_DIGIT);
  set('未没无', MARK_NEGATION);
  set('不', MARK_BU);
  set('件个宗份起', MARK_UNIT);
  set('收受接', MARK_RECEIVE);
  set('数总', MARK_TALLY);
  set('为是', MARK_IS);
  set('0０零', MARK_ZERO);
  return table;
})();

/**
 * The sentences of a text, trimmed, without empty ones, digits normalised: what
 * `normaliseDigits(text).split(/[。；;！!？?\n]+/)` gives (a full-width digit is no sentence's
 * end nor white space, so only the sentences holding one are normalised), in one pass that also
 * notes the characters each sentence holds (marks) and trims it before its one copy.
 */
function pushSentences(out: Sentence[], section: string | undefined, text: string): void {
  const n = text.length;
  let start = 0;
  let marks = 0;
  for (let i = 0; i <= n; i++) {
    const kind = i < n ? KINDS[text.charCodeAt(i)]! : END;
    // Most characters are none of these.
    if (kind === 0) continue;
    if ((kind & END) === 0) {
      marks |= kind;
      continue;
    }
    let from = start;
    let to = i;
    while (from < to && (KINDS[text.charCodeAt(from)]! & SPACE) !== 0) from++;
    while (to > from && (KINDS[text.charCodeAt(to - 1)]! & SPACE) !== 0) to--;
    if (to > from) {
      const part = text.slice(from, to);
      out.push({
        section,
        text: (marks & WIDE) !== 0 ? normaliseDigits(part) : part,
        marks: marks & ~(WIDE | SPACE),
      });
    }
    start = i + 1;
    marks = 0;
  }
}

/** Whether a UTF-16 code unit is white space as String.prototype.trim sees it. */
const isSpace = (c: number): boolean => (KINDS[c]! & SPACE) !== 0;

/** Clauses ended by ，,、 (sentences are read one clause at a time). */
export const CLAUSE_END = /[，,、]/;
/** Clauses ended by commas only (、 enumerates within one). */
export const COMMA_END = /[，,]/;
/** Clauses ended by commas, 、 or colons. */
export const LABEL_END = /[，,、：:]/;

/** Whether a code unit ends a clause: ，, always; 、 unless only commas; ：: for LABEL_END. */
function endsClause(c: number, kind: number): boolean {
  return (
    c === 0xff0c ||
    c === 0x2c ||
    (kind !== COMMAS && (c === 0x3001 || (kind === LABELS && (c === 0xff1a || c === 0x3a))))
  );
}
const COMMAS = 1;
const ENUMERATIONS = 2;
const LABELS = 3;

/**
 * The clauses of a text, those of white space only left out: `text.split(end)` without the
 * blank parts. For CLAUSE_END, COMMA_END and LABEL_END, in one pass over the text's code units
 * (no array of every part, no trimmed copy of each).
 */
export function clauses(text: string, end: RegExp = CLAUSE_END): string[] {
  const kind =
    end === CLAUSE_END ? ENUMERATIONS : end === COMMA_END ? COMMAS : end === LABEL_END ? LABELS : 0;
  if (kind === 0) return text.split(end).filter((c) => c.trim() !== '');
  const out: string[] = [];
  let start = 0;
  let blank = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (endsClause(c, kind)) {
      if (!blank) out.push(text.slice(start, i));
      start = i + 1;
      blank = true;
    } else if (blank && !isSpace(c)) blank = false;
  }
  if (!blank) out.push(text.slice(start));
  return out;
}

/**
 * The clauses of a text that hold a word (one without ，,、), in order: what
 * `clauses(text).filter((c) => c.includes(word))` gives, found from each place of the word rather
 * than by cutting every clause.
 */
export function clausesWith(text: string, word: string): string[] {
  const out: string[] = [];
  for (let at = text.indexOf(word); at !== -1;) {
    let start = at;
    while (start > 0 && !endsClause(text.charCodeAt(start - 1), ENUMERATIONS)) start--;
    let end = at + word.length;
    while (end < text.length && !endsClause(text.charCodeAt(end), ENUMERATIONS)) end++;
    out.push(text.slice(start, end));
    at = text.indexOf(word, end);
  }
  return out;
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

const NUMBER_492 = MARK_FOUR | MARK_NINE | MARK_TWO;

export function checkRegulation(sentences: readonly Sentence[]): Finding[] {
  const findings: Finding[] = [];
  for (const sentence of sentences) {
    const text = sentence.text;
    // ORDER_492 needs "492" as written: its 4, 9 and 2 first (the sentence's marks), then a
    // plain search, as most sentences have neither.
    if ((sentence.marks & NUMBER_492) !== NUMBER_492 || !text.includes('492')) continue;
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

/** Whether a text has four Chinese year digits in a row, which CHINESE_YEAR needs. */
function hasFourYearDigits(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if ((KINDS[text.charCodeAt(i)]! & YEAR_DIGIT) === 0) run = 0;
    else if (++run === 4) return true;
  }
  return false;
}

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
