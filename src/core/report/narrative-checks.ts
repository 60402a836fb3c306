/**
 * narrative-mismatch for tables 三 and 四: the prose says how many applications were received,
 * handled or carried forward, or that no appeal happened, and the tables say otherwise. Read one
 * sentence and one clause at a time (see text-checks.ts); a sentence the patterns do not
 * understand is left alone.
 */
import { CHINESE_NUMERAL_CHARS, parseCount } from './chinese-numbers.js';
import type { Finding } from './findings.js';
import type { AnnualReport } from './model.js';
import { figuresOf } from './narrative-figures.js';
import { applicationGrid, type ApplicationGrid } from './table-values.js';
import {
  clauses,
  clausesWith,
  COMMA_END,
  location,
  COUNT_UNIT_CHARS,
  MARK_BAN,
  MARK_BU,
  MARK_FU,
  MARK_IS,
  MARK_JIE,
  MARK_NEGATION,
  MARK_RECEIVE,
  MARK_SHANG,
  MARK_SHEN,
  MARK_SU,
  MARK_TALLY,
  MARK_UNIT,
  MARK_ZERO,
  where,
  type Sentence,
} from './text-checks.js';

// ---------------------------------------------------------------------------------------------
// narrative-mismatch
// ---------------------------------------------------------------------------------------------

/**
 * A count in digits or Chinese numerals, whole (never the tail of a longer run): the guards
 * before it also keep a pattern that starts with a number from retrying at every position of a
 * long run of digits, which took time growing with the square of the run.
 */
export const NUMBER = `((?<!\\d)\\d{1,9}(?!\\d)|(?<![${CHINESE_NUMERAL_CHARS}])[${CHINESE_NUMERAL_CHARS}]{1,16}(?![${CHINESE_NUMERAL_CHARS}]))`;
export const COUNT_UNIT = `(?:${[...COUNT_UNIT_CHARS].join('|')})`;

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

/**
 * Which appeals a sentence says did not happen ("未发生行政复议和行政诉讼", "复议、诉讼均为零"). Its
 * marks first: STATED_ZERO needs 为 or 是 and a zero, NEGATION 未, 没, 无 or 不.
 */
function deniedAppeals(text: string, marks: number): { review: boolean; litigation: boolean } {
  const denied = { review: false, litigation: false };
  const zero = (marks & MARK_IS) !== 0 && (marks & MARK_ZERO) !== 0;
  for (const clause of zero ? clauses(text, COMMA_END) : []) {
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
  if ((marks & (MARK_NEGATION | MARK_BU)) === 0) return denied;
  NEGATION.lastIndex = 0;
  for (let match = NEGATION.exec(text); match !== null; match = NEGATION.exec(text)) {
    // From the negation on, the first clause (、 only enumerates, as in "行政复议、行政诉讼")
    // that names an appeal is the one denied, if it comes soon (two clauses, 40 characters); a number in between means the sentence moved on
    // to a count.
    let distance = 0;
    for (const clause of clauses(text.slice(match.index), COMMA_END).slice(0, 2)) {
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

/** Whether a clause says no application was received (a loop: no closure made per sentence). */
function saysNoApplications(parts: readonly string[]): boolean {
  for (const clause of parts) {
    if (!clause.includes('申请') || APPEAL_WORDS.test(clause) || /投诉|举报|信访|费/.test(clause))
      continue;
    for (const p of NO_APPLICATIONS) if (p.test(clause)) return true;
  }
  return false;
}

/**
 * A finding that a sentence says other than the tables. (A function of the module rather than a
 * closure in checkNarrative: tsx names every closure when it is made, on every call.)
 */
export function mismatch(findings: Finding[], sentence: Sentence, message: string): void {
  findings.push({
    code: 'narrative-mismatch',
    severity: 'warning',
    location: location(sentence),
    message: `${where(sentence)}的表述与表格不符：${message}年度报告正文与统计表格应当一致（条例第五十条，国办公开办函〔2021〕30号）。`,
  });
}

export function checkNarrative(
  report: AnnualReport,
  sentences: readonly Sentence[],
  grid: ApplicationGrid = applicationGrid(report.tables),
): Finding[] {
  const f = figuresOf(grid);
  const findings: Finding[] = [];
  for (const sentence of sentences) {
    const text = sentence.text;

    // Every pattern below needs one of these words; most sentences have neither (plain
    // searches: what /申请|结转/ and APPEAL_WORDS ask, without a regular expression, each only
    // when the sentence holds the word's first character).
    const marks = sentence.marks;
    const aboutApplications =
      ((marks & MARK_SHEN) !== 0 && text.includes('申请')) ||
      ((marks & MARK_JIE) !== 0 && text.includes('结转'));
    const aboutAppeals =
      ((marks & MARK_FU) !== 0 && text.includes('复议')) ||
      ((marks & MARK_SU) !== 0 && text.includes('诉讼'));
    // Every count below is followed by its unit (COUNT_UNIT), every pattern of received
    // applications names 收到, 受理, 接收, 接到 or 新收, and APPLICATIONS_NUMBER 数 or 总: a
    // pattern is tried only on a sentence with these characters (its marks).
    const counts = (marks & MARK_UNIT) !== 0;
    const receives = counts && (marks & MARK_RECEIVE) !== 0;
    const tallies = (marks & MARK_TALLY) !== 0;
    if (aboutApplications) {
      // Every check of applications below reads only the clauses that name 申请.
      const parts = clausesWith(text, '申请');
      // Applications received (every pattern of NO_APPLICATIONS names 申请 and 未, 没 or 无).
      const saysNone = (marks & MARK_NEGATION) !== 0 && saysNoApplications(parts);
      if (saysNone && f.received !== null && f.received > 0) {
        mismatch(
          findings,
          sentence,
          `文中称未收到政府信息公开申请，但表三“一、本年新收政府信息公开申请数量”总计为 ${f.received}。`,
        );
      }
      // Every count below is of 申请 (依申请公开 too), which every one of these clauses names,
      // and has its unit or (APPLICATIONS_NUMBER) 数 or 总: without them, no clause has one.
      for (const clause of counts || tallies ? parts : []) {
        // Clauses of appeals (复议, 诉讼) or of carried applications (结转, 上年) are left alone.
        const appeal = (marks & (MARK_FU | MARK_SU)) !== 0 && APPEAL_WORDS.test(clause);
        if (appeal || ((marks & (MARK_JIE | MARK_SHANG)) !== 0 && /结转|上年/.test(clause)))
          continue;
        const after = receives ? RECEIVED_COUNT_AFTER.exec(clause) : null;
        const before = after || !receives ? null : RECEIVED_COUNT_BEFORE.exec(clause);
        const hit = after
          ? { qualifier: after[1] ?? '', number: after[2] ?? '' }
          : before
            ? { qualifier: before[2] ?? '', number: before[1] ?? '' }
            : null;
        const numberOnly = hit || !tallies ? null : APPLICATIONS_NUMBER.exec(clause);
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
        const handled = counts ? HANDLED_COUNT.exec(clause) : null;
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

      // Carried forward: a claim that all were closed, when some were carried forward (asked
      // first), of applications, not admitting the carried-over ones ("除1件结转下年度外，其余申请
      // 均已办结").
      if (
        f.carriedForward !== null &&
        f.carriedForward > 0 &&
        text.includes('申请') &&
        // ALL_CLOSED needs 办 or 处.
        (marks & MARK_BAN) !== 0 &&
        !/提案|建议|议案/.test(text) &&
        !/结转|其余|其他|除/.test(text) &&
        ALL_CLOSED.test(text)
      ) {
        mismatch(
          findings,
          sentence,
          `文中称申请已全部办结，但表三“四、结转下年度继续办理”总计为 ${f.carriedForward}。`,
        );
      }
      // Both patterns name 结转 and a count; neither finds anything to compare with an unknown
      // number carried forward.
      const carries = counts && f.carriedForward !== null && text.includes('结转');
      for (const pattern of carries ? CARRIED_FORWARD_COUNT : []) {
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
      const denied = deniedAppeals(text, marks);
      if (denied.review && f.reviews !== null && f.reviews > 0) {
        mismatch(findings, sentence, `文中称未发生行政复议，但表四行政复议总计为 ${f.reviews}。`);
      }
      if (denied.litigation && lawsuits !== null && lawsuits > 0) {
        mismatch(findings, sentence, `文中称未发生行政诉讼，但表四行政诉讼总计为 ${lawsuits}。`);
      }
      // The counts of appeals, each followed by its unit.
      for (const clause of counts ? clauses(text) : []) {
        const review = counts && clause.includes('行政复议') ? REVIEW_COUNT.exec(clause) : null;
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
        const lawsuit = counts && clause.includes('行政诉讼') ? LAWSUIT_COUNT.exec(clause) : null;
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
