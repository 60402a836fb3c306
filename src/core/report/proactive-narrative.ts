/**
 * narrative-mismatch for table 二 (主动公开, 条例第二十条): the prose says how many 规章 or 行政规范性文件
 * were issued, repealed or in force, how many 行政许可/处罚/强制 decisions were made, or how much
 * 行政事业性收费 was collected, and table 二 says otherwise ("制发规范性文件9件" against a table of 4).
 *
 * As for tables 三 and 四 (narrative-checks.ts) the patterns are narrow: a clause is compared
 * only when it names exactly one row of the table, one column of it, and one count, for the
 * report's own year; counts of reviews, clean-ups, several years, approximations ("约", "余件")
 * and titles of documents (《…规范性文件…》) are left alone.
 */
import { parseCount } from './chinese-numbers.js';
import { PROACTIVE_GROUPS, type ProactiveRowKey } from './format.js';
import type { Finding } from './findings.js';
import type { AnnualReport, Cell } from './model.js';
import { mismatch, NUMBER } from './narrative-checks.js';
import { clauses, LABEL_END, MARK_GUI, MARK_XING, type Sentence } from './text-checks.js';

type DocumentRow = 'regulations' | 'normative_documents';
type DocumentColumn = 'issued' | 'repealed' | 'in_force';
type DecisionRow = 'licensing' | 'penalty' | 'coercion';

const isNumber = (v: Cell | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** The official labels of a row, its column and its group (第二十条第（…）项), from format.ts. */
function labelsOf(row: ProactiveRowKey, column: string) {
  for (const group of PROACTIVE_GROUPS) {
    const r = group.rows.find((x) => x.key === row);
    const c = group.columns.find((x) => x.key === column);
    if (r && c) return { row: r.label, column: c.label, group: group.label };
  }
  throw new Error(`table 二 has no cell ${row}.${column}`);
}

/** 《…》 names a document; "《关于全面推行行政规范性文件合法性审核机制的指导意见》" counts nothing. */
const TITLE = /《[^》]*》/g;
const YEAR = /((?:19|20)\d{2})\s*年/g;
/** A stated count, whole: "9件", "九件", "２ 件". */
const DOCUMENT_COUNT = new RegExp(`${NUMBER}\\s*(?:件|部|个|份|篇)`, 'g');
const DECISION_COUNT = new RegExp(`${NUMBER}\\s*(?:件|宗|起|个|份)`, 'g');
const AMOUNT = /(?<![\d.])(\d+(?:\.\d+)?)\s*(亿元|万元|元)/g;
/** Words of a number that is not exact, or not of this year alone. */
const APPROXIMATE =
  /约|左右|余|多件|多个|多份|超过|逾|近\s*\d|以来|累计|历年|先后|同比|较上年|上年|增长|下降|减少|增加/;

const REGULATIONS = /规章(?!制度)/;
const NORMATIVE = /规范性文件/;
/** In a clause about documents, what is done to them other than issuing, repealing or keeping. */
const NOT_DOCUMENT_COUNT =
  /审核|审查|备案|清理|评估|解读|征求|转发|上级|报送|起草|合法性|纳入|目录/;
const IN_FORCE = /现行有效|现行/;
const REPEALED = /废止|宣布失效|失效/;
const ISSUED = /制发|制定|出台|印发/;
const DOCUMENT_NEGATION =
  /(?:未|没有|无)(?:新)?(制发|制定|出台|印发|废止)(?:任何)?(?:行政)?(?:规范性文件|规章)/;

const DECISION_ROW: Record<string, DecisionRow> = {
  行政许可: 'licensing',
  行政处罚: 'penalty',
  行政强制: 'coercion',
};
const DECISION_WORD = /行政(?:许可|处罚|强制)/g;
/** A count of decisions: the clause says decisions were made. */
const DECIDED = /决定|作出|办结|办理/;
/** Subsets and neighbours of the decisions ("其中简易程序", "不予许可", "罚没款"). */
const NOT_DECISION_COUNT =
  /其中|不予|撤销|变更|注销|简易|一般程序|听证|受理|申请|复议|诉讼|投诉|举报|罚没|罚款|公示|事项|清单|权力|涉及|移送/;
const DECISION_NEGATION =
  /(?:未|没有|无)(?:作出|实施|发生|办理)?(?:任何)?行政(许可|处罚|强制)(?:决定|措施|案件|行为)?/;

const FEES = /行政事业性收费/;
const NOT_FEE_AMOUNT = /减免|免征|减征|降低|项目|目录|清单|标准|其中|涉企/;
const FEE_NEGATION = /(?:未|没有|无)(?:收取)?(?:任何)?行政事业性收费/;

/** The clause with titles removed, or null when it speaks of a year other than the report's. */
function ownYear(clause: string, year: number): string | null {
  const text = clause.replace(TITLE, '');
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(text); m !== null; m = YEAR.exec(text)) {
    if (Number(m[1]) !== year) return null;
  }
  return text;
}

/** The one count of a clause (group 1 of pattern), or null when it has none or several. */
function onlyCount(text: string, pattern: RegExp): number | null {
  const found = [...text.matchAll(pattern)];
  return found.length === 1 ? parseCount(found[0]![1] ?? '') : null;
}

function documentColumn(text: string): DocumentColumn | null {
  if (IN_FORCE.test(text)) return 'in_force';
  const repealed = REPEALED.test(text);
  const issued = ISSUED.test(text);
  if (repealed === issued) return null;
  return repealed ? 'repealed' : 'issued';
}

/** What a clause states of a row of 第二十条第（一）项, with the row carried from the clause before. */
function documentStatement(
  text: string,
  carried: DocumentRow | null,
): { row: DocumentRow | null; column?: DocumentColumn; stated?: number } {
  const regulations = REGULATIONS.test(text);
  const normative = NORMATIVE.test(text);
  if (regulations && normative) return { row: null };
  // "制发行政规范性文件9件、废止3件": a short clause goes on with the row of the one before.
  const row: DocumentRow | null = regulations
    ? 'regulations'
    : normative
      ? 'normative_documents'
      : text.trim().length <= 12
        ? carried
        : null;
  if (row === null || NOT_DOCUMENT_COUNT.test(text) || APPROXIMATE.test(text)) return { row };
  const negated = DOCUMENT_NEGATION.exec(text);
  if (negated && (regulations || normative)) {
    return { row, column: negated[1] === '废止' ? 'repealed' : 'issued', stated: 0 };
  }
  const column = documentColumn(text);
  const stated = onlyCount(text, DOCUMENT_COUNT);
  if (column === null || stated === null) return { row };
  return { row, column, stated };
}

function decisionStatement(text: string): { row: DecisionRow; stated: number } | null {
  const rows = new Set([...text.matchAll(DECISION_WORD)].map((m) => DECISION_ROW[m[0]]!));
  if (rows.size !== 1 || NOT_DECISION_COUNT.test(text) || APPROXIMATE.test(text)) return null;
  const row = [...rows][0]!;
  if (DECISION_NEGATION.test(text) && !/\d/.test(text)) return { row, stated: 0 };
  if (!DECIDED.test(text)) return null;
  const stated = onlyCount(text, DECISION_COUNT);
  return stated === null ? null : { row, stated };
}

const WAN = { 亿元: 10_000, 万元: 1, 元: 0.000_1 } as const;

const decimalsOf = (n: string) => (n.includes('.') ? n.length - n.indexOf('.') - 1 : 0);

/** The amount of 行政事业性收费 a clause states, in 万元, with how precisely it is written. */
function feeStatement(text: string): { wan: number; precision: number; text: string } | null {
  if (!FEES.test(text) || NOT_FEE_AMOUNT.test(text) || APPROXIMATE.test(text)) return null;
  const amounts = [...text.matchAll(AMOUNT)];
  if (amounts.length === 0 && FEE_NEGATION.test(text)) return { wan: 0, precision: 0, text: '0' };
  if (amounts.length !== 1) return null;
  const [, figure, unit] = amounts[0]!;
  const factor = WAN[unit as keyof typeof WAN];
  return {
    wan: Number(figure) * factor,
    precision: 0.5 * 10 ** -decimalsOf(figure!) * factor,
    text: `${figure}${unit}`,
  };
}

/** The words of table 二's rows: a sentence without one states none of its figures. */
const TABLE_TWO_WORDS = /规章|规范性文件|行政许可|行政处罚|行政强制|行政事业性收费/;

export function checkProactiveNarrative(
  report: AnnualReport,
  sentences: readonly Sentence[],
): Finding[] {
  // A report in the 2019 format has other columns in table 二, which the model does not hold.
  if (report.format === '2019') return [];
  const table = report.tables.proactive;
  const findings: Finding[] = [];
  for (const sentence of sentences) {
    // Each word of TABLE_TWO_WORDS holds 规 or 行政: the sentence's marks first, as most
    // sentences have neither 规 nor 行.
    const words = sentence.text;
    if ((sentence.marks & (MARK_GUI | MARK_XING)) === 0 || !TABLE_TWO_WORDS.test(words)) continue;
    let carried: DocumentRow | null = null;
    for (const clause of clauses(sentence.text, LABEL_END)) {
      const text = ownYear(clause, report.year);
      if (text === null) {
        carried = null;
        continue;
      }
      const document = documentStatement(text, carried);
      carried = document.row;
      if (document.row && document.column && document.stated !== undefined) {
        const expected = table[document.row]?.[document.column];
        if (isNumber(expected) && expected !== document.stated) {
          const l = labelsOf(document.row, document.column);
          mismatch(
            findings,
            sentence,
            `文中所述${l.row}的${l.column}为 ${document.stated}，但表二（${l.group}）为 ${expected}。`,
          );
        }
        continue;
      }
      const decision = decisionStatement(text);
      if (decision) {
        const expected = table[decision.row]?.decisions;
        if (isNumber(expected) && expected !== decision.stated) {
          const l = labelsOf(decision.row, 'decisions');
          mismatch(
            findings,
            sentence,
            `文中所述${l.row}的${l.column}为 ${decision.stated}，但表二（${l.group}）为 ${expected}。`,
          );
        }
        continue;
      }
      const fee = feeStatement(text);
      const expected = table.administrative_fees?.amount_wan_yuan;
      if (fee && isNumber(expected)) {
        const tolerance = Math.max(fee.precision, 0.5 * 10 ** -decimalsOf(String(expected)));
        if (Math.abs(fee.wan - expected) > tolerance + 1e-9) {
          const l = labelsOf('administrative_fees', 'amount_wan_yuan');
          mismatch(
            findings,
            sentence,
            `文中所述${l.row}金额为 ${fee.text}，但表二（${l.group}）“${l.column}”为 ${expected}。`,
          );
        }
      }
    }
  }
  return findings;
}
