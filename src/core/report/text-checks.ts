/**
 * The report's prose cut into sentences and clauses, and the check of the superseded regulation
 * cited as the basis. Years that disagree are checked in year-checks.ts; numbers or claims that
 * contradict the tables in narrative-checks.ts (tables 三, 四) and proactive-narrative.ts (table 二).
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
export const YEAR_DIGIT = 1 << 13;
/** 未, 没 or 无: what a sentence that says something did not happen holds. */
export const MARK_NEGATION = 1 << 14;
/** 不 (不存在). */
export const MARK_BU = 1 << 15;
/** A unit of a count: one of COUNT_UNIT_CHARS. */
export const MARK_UNIT = 1 << 16;
/**
 * The units of a count, one character each: narrative-checks.ts makes its COUNT_UNIT pattern from
 * them, so a sentence marked as holding none can hold no count.
 */
export const COUNT_UNIT_CHARS = '件个宗份起';
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
  set(COUNT_UNIT_CHARS, MARK_UNIT);
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
export const isSpace = (c: number): boolean => (KINDS[c]! & SPACE) !== 0;

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

/** Whether a text has four Chinese year digits in a row, which CHINESE_YEAR needs. */
export function hasFourYearDigits(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if ((KINDS[text.charCodeAt(i)]! & YEAR_DIGIT) === 0) run = 0;
    else if (++run === 4) return true;
  }
  return false;
}
