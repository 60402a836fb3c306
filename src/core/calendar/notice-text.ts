/**
 * Reads the State Council's holiday notice (国务院办公厅关于××年部分节假日安排的通知) as a system
 * admin pastes it, and checks it against the holiday law. A reader, not a validator that
 * throws: it returns what it understood, line by line, and what it did not.
 *
 * The notices' items read like
 *   一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。1月4日（周日）上班。
 *   二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
 *   五、端午节：6月10日放假，与周末连休。
 *   一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。
 */
import {
  datesInRange,
  formatChineseDate,
  isWeekend,
  parseCalendarDate,
  weekdayName,
} from './date.js';
import { festivals, HOLIDAY_LAW, HOLIDAY_LAW_YEARS } from './holiday-law.js';
import type { YearSchedule } from './schedule.js';

export interface NoticeItem {
  /** 1-based line of the pasted text. */
  line: number;
  text: string;
  /** 元旦, 国庆节、中秋节, … as the notice names it. */
  name: string;
  from: string;
  to: string;
  /** The 共N天 the notice states, when it does. */
  statedDays: number | null;
  /** 调休: the weekend days worked for this item. */
  workdays: string[];
}

export interface NoticeLineProblem {
  line: number;
  text: string;
  message: string;
}

export interface ReadNotice {
  year: number | null;
  /** The notice's 文号 when the text has one (国办发明电〔2026〕×号). */
  notice: string | null;
  items: NoticeItem[];
  /** Lines with dates (or items) that were not understood; nothing of them is used. */
  problems: NoticeLineProblem[];
  /** Lines without any date: the title, the greeting, the closing words. Not used. */
  ignored: { line: number; text: string }[];
}

const NUMERALS = '一二三四五六七八九十';
const FESTIVAL_WORDS = /元旦|春节|清明|劳动|端午|中秋|国庆/;
const ITEM = new RegExp(`^(?:[${NUMERALS}]+[、.．]\\s*)?([^：:，。]{1,16})[：:]\\s*(.+)$`);
/** A date: 2027年1月1日, 1月1日, or 3日 (month and year from the date before it). */
const DATE_TOKEN = /(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日/g;
const ANNOTATION = /（[^）]*）|\([^)]*\)/g;

const toHalfWidth = (s: string) =>
  s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

interface Token {
  year: number | null;
  month: number | null;
  day: number;
}

function tokens(text: string): Token[] {
  return [...text.matchAll(DATE_TOKEN)].map((m) => ({
    year: m[1] ? Number(m[1]) : null,
    month: m[2] ? Number(m[2]) : null,
    day: Number(m[3]),
  }));
}

/**
 * Dates of tokens, each taking the year and month left off from the one before; a December
 * date without a year in the 元旦 item belongs to the year before (the break may begin then).
 */
function resolve(list: Token[], year: number, yearEndItem: boolean): (string | null)[] {
  let y: number | null = null;
  let m: number | null = null;
  return list.map((t) => {
    m = t.month ?? m;
    if (t.year !== null) y = t.year;
    else if (t.month !== null) y = yearEndItem && t.month === 12 ? year - 1 : year;
    const yy = y ?? year;
    if (m === null) return null;
    const date = `${yy}-${String(m).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
    return parseCalendarDate(date) ? date : null;
  });
}

function splitLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  toHalfWidth(text)
    .split(/\r\n|\r|\n/)
    .forEach((raw, i) => {
      // Items pasted onto one line: 一、…。二、…。
      const parts = raw.split(new RegExp(`(?<=。)\\s*(?=[${NUMERALS}]+、)`));
      for (const p of parts) out.push({ line: i + 1, text: p.trim() });
    });
  return out.filter((l) => l.text !== '');
}

const EXAMPLE = '如“1月1日（周五）至3日（周日）放假调休，共3天。1月4日（周日）上班。”';

/**
 * Reads a pasted notice. `yearHint` is used when the text does not name its year.
 *
 * @example readNoticeText('一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。', 2027).items[0] // { name: '元旦', from: '2027-01-01', to: '2027-01-03', statedDays: 3, workdays: [], … }
 */
export function readNoticeText(text: string, yearHint: number | null = null): ReadNotice {
  const lines = splitLines(text);
  const whole = toHalfWidth(text);
  const yearMatch = /关于\s*(\d{4})\s*年/.exec(whole) ?? /现将\s*(\d{4})\s*年/.exec(whole);
  const year = yearMatch ? Number(yearMatch[1]) : yearHint;
  const noticeMatch = /国办发明电\s*[〔［[(（]\s*\d{4}\s*[〕］\])）]\s*[\d×Xx]+\s*号/.exec(whole);
  const notice = noticeMatch ? noticeMatch[0].replace(/\s+/g, '') : null;

  const items: NoticeItem[] = [];
  const problems: NoticeLineProblem[] = [];
  const ignored: { line: number; text: string }[] = [];
  const problem = (l: { line: number; text: string }, message: string) =>
    problems.push({ line: l.line, text: l.text, message });

  for (const l of lines) {
    const item = ITEM.exec(l.text);
    const isItem = item !== null && FESTIVAL_WORDS.test(item[1]!);
    if (!isItem) {
      const dateOnly = /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(l.text);
      const title = /关于\s*\d{4}\s*年/.test(l.text);
      if (tokens(l.text.replace(ANNOTATION, '')).length > 0 && !dateOnly && !title) {
        problem(
          l,
          `没有看懂这一行：它含有日期，但不是“序号、节日名称：放假日期……”的格式（${EXAMPLE}）。`,
        );
      } else {
        ignored.push(l);
      }
      continue;
    }
    if (year === null) {
      problem(
        l,
        '不知道这份通知是哪一年的：请在“年份”中填写，或粘贴含“关于××年部分节假日安排的通知”的标题。',
      );
      continue;
    }
    const name = item[1]!.trim();
    const sentences = item[2]!
      .replace(ANNOTATION, '')
      .split(/[。；;]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const yearEnd = name.includes('元旦');
    let from: string | null = null;
    let to: string | null = null;
    let statedDays: number | null = null;
    const workdays: string[] = [];
    const lineProblems: string[] = [];
    for (const sentence of sentences) {
      const offAt = sentence.indexOf('放假');
      const onAt = sentence.indexOf('上班');
      if (offAt >= 0) {
        const head = sentence.slice(0, offAt);
        const dates = resolve(tokens(head), year, yearEnd);
        const ranged = /至|到|—|－|-|~|～/.test(head);
        if (dates.length === 1 && !ranged && dates[0]) {
          from = to = dates[0];
        } else if (dates.length === 2 && ranged && dates[0] && dates[1]) {
          from = dates[0];
          to = dates[1];
        } else {
          lineProblems.push(
            `放假日期“${sentence}”没有看懂：应写作“1月1日至3日放假”或“6月10日放假”，日期须存在。`,
          );
          continue;
        }
        const stated = /共\s*(\d+)\s*天/.exec(sentence);
        if (stated) statedDays = Number(stated[1]);
        continue;
      }
      if (onAt >= 0) {
        const dates = resolve(tokens(sentence.slice(0, onAt)), year, yearEnd);
        if (dates.length === 0 || dates.some((d) => d === null)) {
          lineProblems.push(
            `调休上班日期“${sentence}”没有看懂：应写作“1月4日（周日）上班”或“2月14日、2月28日上班”，日期须存在。`,
          );
          continue;
        }
        workdays.push(...(dates as string[]));
        continue;
      }
      if (tokens(sentence).length > 0) {
        lineProblems.push(`“${sentence}”含有日期，但没有说放假还是上班，没有使用。`);
      }
      // A sentence without dates (与周末连休, 鼓励……) says nothing the calendar needs.
    }
    if (from === null && lineProblems.length === 0) {
      lineProblems.push(`“${name}”一项没有写放假日期（${EXAMPLE}）。`);
    }
    if (from !== null && to !== null && to < from) {
      lineProblems.push(`放假的结束日期 ${to} 早于开始日期 ${from}：请检查。`);
    }
    if (from !== null && to !== null && statedDays !== null && to >= from) {
      const days = datesInRange(from, to).length;
      if (days !== statedDays) {
        lineProblems.push(
          `写明“共${statedDays}天”，但 ${formatChineseDate(from)}至${formatChineseDate(to)}是 ${days} 天：请核对。`,
        );
      }
    }
    if (lineProblems.length > 0 || from === null || to === null) {
      for (const m of lineProblems) problem(l, m);
      continue;
    }
    items.push({ line: l.line, text: l.text, name, from, to, statedDays, workdays });
  }
  return { year, notice, items, problems, ignored };
}

/** The schedule a read notice gives, to be checked by parseYearSchedule. */
export function scheduleOfNotice(read: ReadNotice, notice: string): YearSchedule | null {
  if (read.year === null) return null;
  return {
    year: read.year,
    notice,
    holidays: read.items.map((i) => ({ name: i.name, from: i.from, to: i.to })),
    workdays: read.items.flatMap((i) => i.workdays),
  };
}

export interface LawProblem {
  /** The item's line in the pasted text, when the problem is about one item. */
  line: number | null;
  message: string;
}

const weekdaysIn = (from: string, to: string) =>
  datesInRange(from, to).filter((d) => !isWeekend(d)).length;

/**
 * Whether a year's notice agrees with the holiday law's count (第二条, 第六条): every day the law
 * names is a day off, and each break takes as many weekdays, net of the weekend days worked
 * for it (调休), as the law gives its festivals — 3 for 国庆节, 4 for 春节, 4 for 国庆节、中秋节
 * together. With items read from the text, each item is checked with its own 调休 days; a
 * schedule entered field by field (no item owns a 调休 day) is checked for the year as a whole.
 * Empty for a year outside the law's computable range (its lunar dates are not known).
 */
export function checkAgainstHolidayLaw(
  year: number,
  items: readonly {
    name: string;
    from: string;
    to: string;
    workdays?: readonly string[];
    line?: number;
  }[],
  looseWorkdays: readonly string[] = [],
): LawProblem[] {
  const list = festivals(year);
  if (!list) return [];
  const problems: LawProblem[] = [];
  const within = (date: string) => items.find((i) => i.from <= date && date <= i.to);
  for (const f of list) {
    for (const { date, what } of f.dates) {
      if (!within(date)) {
        problems.push({
          line: null,
          message: `${HOLIDAY_LAW}第二条：${f.rule}；${year} 年${f.name}的${what}是${formatChineseDate(date)}（${weekdayName(date)}），通知中没有把这一天列为放假日：请核对。`,
        });
      }
    }
  }
  const lawDaysOf = (from: string, to: string) => {
    const inside = list.filter((f) => f.dates.some((d) => from <= d.date && d.date <= to));
    return { names: inside.map((f) => f.name), days: inside.reduce((n, f) => n + f.days, 0) };
  };
  const perItem = items.some((i) => (i.workdays?.length ?? 0) > 0) || looseWorkdays.length === 0;
  if (perItem) {
    for (const item of items) {
      const law = lawDaysOf(item.from, item.to);
      const where = `“${item.name}”（${formatChineseDate(item.from)}至${formatChineseDate(item.to)}）`;
      if (law.days === 0) {
        problems.push({
          line: item.line ?? null,
          message: `${where}不含${HOLIDAY_LAW}规定的任何节日：请核对日期。`,
        });
        continue;
      }
      const off = weekdaysIn(item.from, item.to);
      const worked = item.workdays?.length ?? 0;
      if (off - worked !== law.days) {
        problems.push({
          line: item.line ?? null,
          message: `${where}放假的星期一至星期五共 ${off} 天，调休上班 ${worked} 天，净占用工作日 ${off - worked} 天；${HOLIDAY_LAW}规定${law.names.join('、')}放假 ${law.days} 天（第二条；适逢周末或节日同日的在工作日补假，第六条），两者不符：请核对放假和调休上班日期。`,
        });
      }
    }
  } else {
    const off = items.reduce((n, i) => n + weekdaysIn(i.from, i.to), 0);
    const total = list.reduce((n, f) => n + f.days, 0);
    if (off - looseWorkdays.length !== total) {
      problems.push({
        line: null,
        message: `全年放假的星期一至星期五共 ${off} 天，调休上班 ${looseWorkdays.length} 天，净占用工作日 ${off - looseWorkdays.length} 天；${HOLIDAY_LAW}规定全年放假 ${total} 天（第二条；适逢周末或节日同日的在工作日补假，第六条），两者不符：请核对。`,
      });
    }
  }
  return problems;
}

/** Whether `year` can be checked against the holiday law (its lunar dates are known). */
export const checkableYear = (year: number) =>
  year >= HOLIDAY_LAW_YEARS.first && year <= HOLIDAY_LAW_YEARS.last;
