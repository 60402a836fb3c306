/**
 * Checks on the report's prose: the superseded regulation cited as the basis, years that
 * disagree, and numbers or claims that contradict the tables.
 *
 * Prose is read one sentence (ended by 。；！？ or a line break) and one clause (ended by ，、)
 * at a time, so a phrase never borrows a number or a negation from a neighbouring sentence.
 * The patterns are deliberately narrow: a narrative finding is only worth having when it is
 * right, so a sentence the patterns do not understand is left alone.
 */
import { APPLICANT_COLUMN_KEYS } from './format.js';
import { CHINESE_NUMERAL_CHARS, normaliseDigits, parseCount } from './chinese-numbers.js';
import type { Finding, FindingLocation } from './findings.js';
import type { AnnualReport, Cell } from './model.js';

export interface Sentence {
  /** The section number (一, 二, …) or undefined for the preamble. */
  section: string | undefined;
  text: string;
}

const SENTENCE_END = /[。；;！!？?\n]+/;
const CLAUSE_END = /[，,、]/;

/** The report's prose (preamble and every section), split into sentences, digits normalised. */
export function reportSentences(report: AnnualReport): Sentence[] {
  const sources: { section: string | undefined; text: string }[] = [
    { section: undefined, text: report.preamble },
    ...report.sections.map((s) => ({ section: s.number, text: s.text })),
  ];
  const sentences: Sentence[] = [];
  for (const source of sources) {
    for (const part of normaliseDigits(source.text).split(SENTENCE_END)) {
      const text = part.trim();
      if (text) sentences.push({ section: source.section, text });
    }
  }
  return sentences;
}

const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

function location(sentence: Sentence): FindingLocation {
  const loc: FindingLocation = { excerpt: excerpt(sentence.text) };
  if (sentence.section !== undefined) loc.section = sentence.section;
  return loc;
}

const where = (sentence: Sentence) =>
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

// ---------------------------------------------------------------------------------------------
// narrative-mismatch
// ---------------------------------------------------------------------------------------------

/**
 * A count in digits or Chinese numerals, whole (never the tail of a longer run): the guards
 * before it also keep a pattern that starts with a number from retrying at every position of a
 * long run of digits, which took time growing with the square of the run.
 */
const NUMBER = `((?<!\\d)\\d{1,9}(?!\\d)|(?<![${CHINESE_NUMERAL_CHARS}])[${CHINESE_NUMERAL_CHARS}]{1,16}(?![${CHINESE_NUMERAL_CHARS}]))`;
const COUNT_UNIT = '(?:件|个|宗|份|起)';
const isNumber = (v: Cell | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Table figures a sentence may be compared with; null where the table cannot tell. */
interface Figures {
  received: number | null;
  receivedNatural: number | null;
  receivedOrganisations: number | null;
  carriedOver: number | null;
  handled: number | null;
  carriedForward: number | null;
  reviews: number | null;
  lawsuitsDirect: number | null;
  lawsuitsAfterReview: number | null;
}

function rowTotal(row: Partial<Record<string, Cell>> | undefined): number | null {
  if (!row) return null;
  if (isNumber(row.total)) return row.total;
  let sum = 0;
  for (const c of APPLICANT_COLUMN_KEYS) {
    const v = row[c];
    if (!isNumber(v)) return null;
    sum += v;
  }
  return sum;
}

function appealTotal(row: Partial<Record<string, Cell>> | undefined): number | null {
  if (!row) return null;
  if (isNumber(row.total)) return row.total;
  let sum = 0;
  for (const c of ['upheld', 'corrected', 'other', 'pending']) {
    const v = row[c];
    if (!isNumber(v)) return null;
    sum += v;
  }
  return sum;
}

function figuresOf(report: AnnualReport): Figures {
  const t = report.tables.applications;
  const received = t.received;
  const organisations = (() => {
    if (!received) return null;
    let sum = 0;
    for (const c of APPLICANT_COLUMN_KEYS.filter((k) => k !== 'natural_person')) {
      const v = received[c];
      if (!isNumber(v)) return null;
      sum += v;
    }
    return sum;
  })();
  return {
    received: rowTotal(received),
    receivedNatural: isNumber(received?.natural_person) ? received.natural_person : null,
    receivedOrganisations: organisations,
    carriedOver: rowTotal(t.carried_over),
    handled: rowTotal(t.total),
    carriedForward: rowTotal(t.carried_forward),
    reviews: appealTotal(report.tables.appeals.review),
    lawsuitsDirect: appealTotal(report.tables.appeals.litigation_direct),
    lawsuitsAfterReview: appealTotal(report.tables.appeals.litigation_after_review),
  };
}

const APPEAL_WORDS = /复议|诉讼/;

/** "未收到政府信息公开申请", "没有接到…申请", "无依申请公开…", within one clause. */
const NO_APPLICATIONS = [
  /(?:未|没有|尚未|并未|均未)(?:收到|接到|受理|接收|新收|发生)[^，,、]*?申请/,
  /无(?:任何)?(?:政府信息公开申请|依申请公开)/,
  /(?:没有|未有)(?:任何)?(?:政府信息公开申请|依申请公开(?:申请|事项))/,
];
/** "申请数量为0", "申请数为3", "申请总数为零" (a count without a unit). */
const APPLICATIONS_NUMBER = new RegExp(
  `申请(?:数量|数|件数|总数|总量)(?:共计|合计|共)?(?:为|是|:|：)\\s*${NUMBER}(?![\\d.．])`,
);
/** "行政复议、行政诉讼均为零", "复议、诉讼均为0件": the appeals named before a zero. */
const STATED_ZERO = /(?:均|都|皆|也)?(?:为|是)\s*(?:0|零)\s*(?:件|起|宗|个)?(?![\d.．])/g;

/** "收到（自然人）政府信息公开申请 N 件" and "收到 N 件（…）申请". */
const RECEIVED_COUNT_AFTER = new RegExp(
  `(?:收到|受理|接收|接到|新收)([^，,、:：]{0,24}?)申请[^，,、\\d${CHINESE_NUMERAL_CHARS}]{0,6}?${NUMBER}\\s*${COUNT_UNIT}`,
);
const RECEIVED_COUNT_BEFORE = new RegExp(
  `(?:收到|受理|接收|接到|新收)[^，,、\\d]{0,4}?${NUMBER}\\s*${COUNT_UNIT}([^，,、]{0,20}?)申请`,
);
/** "依申请公开 5 件", "办理政府信息公开申请 5 件". */
const HANDLED_COUNT = new RegExp(
  `(?:依申请公开|(?:办理|办结|答复)[^，,、\\d]{0,12}?申请)[^，,、:：\\d${CHINESE_NUMERAL_CHARS}]{0,10}?${NUMBER}\\s*${COUNT_UNIT}`,
);
/** "所有申请均已办结", "已全部办结". */
const ALL_CLOSED =
  /(?:均已|全部|均|都已|已全部|全部已|均已经)(?:按时|按期|依法|及时)?(?:办结|办理完毕|处理完毕|办理完成|处理完成)/;
const CARRIED_FORWARD_COUNT = [
  new RegExp(`结转(?:至|到)?下(?:一)?年(?:度)?[^，,、\\d]{0,10}?${NUMBER}\\s*${COUNT_UNIT}`),
  new RegExp(`${NUMBER}\\s*${COUNT_UNIT}[^，,、\\d]{0,10}?结转(?:至|到)?下(?:一)?年`),
];
const NEGATION =
  /未发生|没有发生|未出现|未有|未收到|未被|没有|不存在|均未|无(?=因|涉|行政|相关|被|发生|任何|针对|关于|政府信息公开|此类|该类)/g;
const REVIEW_COUNT = new RegExp(
  `行政复议(?:案件)?(?:数量)?(?:共|合计)?[^，,、\\d${CHINESE_NUMERAL_CHARS}申]{0,6}?${NUMBER}\\s*${COUNT_UNIT}`,
);
const LAWSUIT_COUNT = new RegExp(
  `行政诉讼(?:案件)?(?:数量)?(?:共|合计)?[^，,、\\d${CHINESE_NUMERAL_CHARS}申]{0,6}?${NUMBER}\\s*${COUNT_UNIT}`,
);

function clauses(text: string, end: RegExp = CLAUSE_END): string[] {
  return text.split(end).filter((c) => c.trim() !== '');
}

/** Which appeals a sentence says did not happen ("未发生行政复议和行政诉讼", "复议、诉讼均为零"). */
function deniedAppeals(text: string): { review: boolean; litigation: boolean } {
  const denied = { review: false, litigation: false };
  for (const clause of clauses(text, /[，,]/)) {
    STATED_ZERO.lastIndex = 0;
    for (let match = STATED_ZERO.exec(clause); match !== null; match = STATED_ZERO.exec(clause)) {
      // What the zero is said of: back to the previous count ("复议1件、诉讼为0" names 诉讼 only).
      const subject =
        clause
          .slice(0, match.index)
          .split(/(?:\d+|[一二两三四五六七八九十]+)\s*(?:件|起|宗|个)|\d+/)
          .pop() ?? '';
      if (subject.includes('复议')) denied.review = true;
      if (subject.includes('诉讼')) denied.litigation = true;
    }
  }
  NEGATION.lastIndex = 0;
  for (let match = NEGATION.exec(text); match !== null; match = NEGATION.exec(text)) {
    // From the negation on, the first clause (、 only enumerates, as in "行政复议、行政诉讼")
    // that names an appeal is the one denied, if it comes soon (two clauses, 40 characters); a number in between means the sentence moved on
    // to a count.
    let distance = 0;
    for (const clause of clauses(text.slice(match.index), /[，,]/).slice(0, 2)) {
      if (/\d/.test(clause) || distance > 40) break;
      distance += clause.length;
      if (APPEAL_WORDS.test(clause)) {
        if (clause.includes('复议')) denied.review = true;
        if (clause.includes('诉讼')) denied.litigation = true;
        break;
      }
    }
  }
  return denied;
}

/**
 * A finding that a sentence says other than the tables. (A function of the module rather than a
 * closure in checkNarrative: tsx names every closure when it is made, on every call.)
 */
function mismatch(findings: Finding[], sentence: Sentence, message: string): void {
  findings.push({
    code: 'narrative-mismatch',
    severity: 'warning',
    location: location(sentence),
    message: `${where(sentence)}的表述与表格不符：${message}年度报告正文与统计表格应当一致（条例第五十条，国办公开办函〔2021〕30号）。`,
  });
}

export function checkNarrative(report: AnnualReport, sentences: readonly Sentence[]): Finding[] {
  const f = figuresOf(report);
  const findings: Finding[] = [];
  for (const sentence of sentences) {
    const text = sentence.text;

    // Every pattern below needs one of these words; most sentences have neither.
    const aboutApplications = /申请|结转/.test(text);
    const aboutAppeals = APPEAL_WORDS.test(text);
    if (aboutApplications) {
      // Applications received.
      const saysNone = clauses(text).some(
        (clause) =>
          !APPEAL_WORDS.test(clause) &&
          !/投诉|举报|信访|费/.test(clause) &&
          NO_APPLICATIONS.some((p) => p.test(clause)),
      );
      if (saysNone && f.received !== null && f.received > 0) {
        mismatch(
          findings,
          sentence,
          `文中称未收到政府信息公开申请，但表三“一、本年新收政府信息公开申请数量”总计为 ${f.received}。`,
        );
      }
      for (const clause of clauses(text)) {
        if (APPEAL_WORDS.test(clause) || /结转|上年/.test(clause)) continue;
        const after = RECEIVED_COUNT_AFTER.exec(clause);
        const before = after ? null : RECEIVED_COUNT_BEFORE.exec(clause);
        const hit = after
          ? { qualifier: after[1] ?? '', number: after[2] ?? '' }
          : before
            ? { qualifier: before[2] ?? '', number: before[1] ?? '' }
            : null;
        const numberOnly = hit ? null : APPLICATIONS_NUMBER.exec(clause);
        if (hit || (numberOnly && !/办理|办结|答复|处理/.test(clause))) {
          const stated = parseCount(hit ? hit.number : (numberOnly?.[1] ?? ''));
          let expected = f.received;
          let what = '总计';
          const qualifier = hit ? hit.qualifier : clause;
          if (qualifier.includes('自然人')) {
            expected = f.receivedNatural;
            what = '“自然人”列';
          } else if (/法人|组织/.test(qualifier)) {
            expected = f.receivedOrganisations;
            what = '法人或其他组织各列之和';
          }
          if (stated !== null && expected !== null && stated !== expected) {
            mismatch(
              findings,
              sentence,
              `文中称收到申请 ${stated} 件，但表三“一、本年新收政府信息公开申请数量”${what}为 ${expected}（表三的勾稽关系以该行为第一项）。`,
            );
          }
          continue;
        }
        const handled = HANDLED_COUNT.exec(clause);
        if (handled) {
          const stated = parseCount(handled[1] ?? '');
          const candidates = [
            f.received,
            f.handled,
            f.received !== null && f.carriedOver !== null ? f.received + f.carriedOver : null,
          ].filter((v): v is number => v !== null);
          if (stated !== null && candidates.length > 0 && !candidates.includes(stated)) {
            mismatch(
              findings,
              sentence,
              `文中称依申请公开 ${stated} 件，但表三新收申请为 ${f.received ?? '（不详）'}、本年度办理结果（七）总计为 ${f.handled ?? '（不详）'}。`,
            );
          }
        }
      }

      // Carried forward.
      const mentionsApplications = text.includes('申请') && !/提案|建议|议案/.test(text);
      // "除1件结转下年度外，其余申请均已办结" admits the carried-over ones.
      const admitsCarryOver = /结转|其余|其他|除/.test(text);
      if (
        mentionsApplications &&
        !admitsCarryOver &&
        ALL_CLOSED.test(text) &&
        f.carriedForward !== null &&
        f.carriedForward > 0
      ) {
        mismatch(
          findings,
          sentence,
          `文中称申请已全部办结，但表三“四、结转下年度继续办理”总计为 ${f.carriedForward}。`,
        );
      }
      for (const pattern of CARRIED_FORWARD_COUNT) {
        const match = pattern.exec(text);
        if (!match) continue;
        const stated = parseCount(match[1] ?? '');
        if (stated !== null && f.carriedForward !== null && stated !== f.carriedForward) {
          mismatch(
            findings,
            sentence,
            `文中称结转下年度 ${stated} 件，但表三“四、结转下年度继续办理”总计为 ${f.carriedForward}。`,
          );
        }
        break;
      }
    }
    if (aboutAppeals) {
      // Appeals.
      const lawsuits =
        f.lawsuitsDirect !== null && f.lawsuitsAfterReview !== null
          ? f.lawsuitsDirect + f.lawsuitsAfterReview
          : null;
      const denied = deniedAppeals(text);
      if (denied.review && f.reviews !== null && f.reviews > 0) {
        mismatch(findings, sentence, `文中称未发生行政复议，但表四行政复议总计为 ${f.reviews}。`);
      }
      if (denied.litigation && lawsuits !== null && lawsuits > 0) {
        mismatch(findings, sentence, `文中称未发生行政诉讼，但表四行政诉讼总计为 ${lawsuits}。`);
      }
      for (const clause of clauses(text)) {
        const review = REVIEW_COUNT.exec(clause);
        if (review) {
          const stated = parseCount(review[1] ?? '');
          // A zero already reported as a denial ("行政复议、行政诉讼均为0件") is not reported twice.
          const reported = stated === 0 && denied.review;
          if (stated !== null && f.reviews !== null && stated !== f.reviews && !reported) {
            mismatch(
              findings,
              sentence,
              `文中称行政复议 ${stated} 件，但表四行政复议总计为 ${f.reviews}。`,
            );
          }
        }
        const lawsuit = LAWSUIT_COUNT.exec(clause);
        if (lawsuit) {
          const stated = parseCount(lawsuit[1] ?? '');
          const candidates = [lawsuits, f.lawsuitsDirect, f.lawsuitsAfterReview].filter(
            (v): v is number => v !== null,
          );
          const reported = stated === 0 && denied.litigation;
          if (stated !== null && lawsuits !== null && !candidates.includes(stated) && !reported) {
            mismatch(
              findings,
              sentence,
              `文中称行政诉讼 ${stated} 件，但表四行政诉讼总计为 ${lawsuits}。`,
            );
          }
        }
      }
    }
  }
  return findings;
}
