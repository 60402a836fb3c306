/**
 * The public holidays as 《全国年节及纪念日放假办法》 fixes them (as amended by 国务院令第795号,
 * in force since 2025-01-01), and the provisional calendar of a year computed from it before the
 * State Council's notice for that year exists (暂定).
 *
 * The law fixes the days themselves (第二条) and that a holiday falling on a Saturday or Sunday
 * is made up on a working day (第六条, 补假); only the 调休 arrangement — which weekend days are
 * worked to join days off into a longer break — waits for the yearly notice. Over a year the
 * 调休 days cancel out (each bridged weekday off is paid back by a weekend day worked), so a
 * provisional calendar counts the right number of working days; only their position may move
 * by a few days when the notice comes.
 */
import { addDays, formatChineseDate, isWeekend } from './date.js';
import { LUNAR_DATES_FIRST_YEAR, LUNAR_DATES_LAST_YEAR, lunarHolidayDates } from './lunar-dates.js';

export const HOLIDAY_LAW = '《全国年节及纪念日放假办法》';

/** The years a provisional calendar can be computed for (the bundled lunar table's range). */
export const HOLIDAY_LAW_YEARS = { first: LUNAR_DATES_FIRST_YEAR, last: LUNAR_DATES_LAST_YEAR };

/** 第二条: the festivals on which all citizens have days off, with their days in `year`. */
export interface Festival {
  /** 元旦, 春节, …, as the yearly notices name them. */
  name: string;
  /** How many days the law gives. */
  days: number;
  /** The law's words for the days. */
  rule: string;
  /** The days off in `year`, each with what it is (农历除夕, 5月1日, …). */
  dates: { date: string; what: string }[];
}

const md = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8))}日`;

/**
 * The festivals of 第二条 in `year`, in calendar order; null outside HOLIDAY_LAW_YEARS.
 *
 * @example festivals(2027)![1] // { name: '春节', days: 4, dates: [{ date: '2027-02-05', what: '农历除夕' }, …] }
 */
export function festivals(year: number): Festival[] | null {
  const lunar = lunarHolidayDates(year);
  if (!lunar) return null;
  const y = String(year);
  const list: Festival[] = [
    {
      name: '元旦',
      days: 1,
      rule: '新年，放假1天（1月1日）',
      dates: [{ date: `${y}-01-01`, what: '1月1日' }],
    },
    {
      name: '春节',
      days: 4,
      rule: '春节，放假4天（农历除夕、正月初一至初三）',
      dates: ['农历除夕', '农历正月初一', '农历正月初二', '农历正月初三'].map((what, i) => ({
        date: addDays(lunar.chuxi, i),
        what,
      })),
    },
    {
      name: '清明节',
      days: 1,
      rule: '清明节，放假1天（农历清明当日）',
      dates: [{ date: lunar.qingming, what: '清明' }],
    },
    {
      name: '劳动节',
      days: 2,
      rule: '劳动节，放假2天（5月1日、2日）',
      dates: [
        { date: `${y}-05-01`, what: '5月1日' },
        { date: `${y}-05-02`, what: '5月2日' },
      ],
    },
    {
      name: '端午节',
      days: 1,
      rule: '端午节，放假1天（农历端午当日）',
      dates: [{ date: lunar.duanwu, what: '农历五月初五' }],
    },
    {
      name: '中秋节',
      days: 1,
      rule: '中秋节，放假1天（农历中秋当日）',
      dates: [{ date: lunar.zhongqiu, what: '农历八月十五' }],
    },
    {
      name: '国庆节',
      days: 3,
      rule: '国庆节，放假3天（10月1日至3日）',
      dates: ['10-01', '10-02', '10-03'].map((d) => ({
        date: `${y}-${d}`,
        what: md(`${y}-${d}`),
      })),
    },
  ];
  return list.sort((a, b) => (a.dates[0]!.date < b.dates[0]!.date ? -1 : 1));
}

/** One day off of a provisional year and why. */
export interface LawDay {
  date: string;
  /** The festival: 春节, 国庆节、中秋节, … */
  name: string;
  /** holiday: a day 第二条 names; substitute: a 补假 under 第六条. */
  kind: 'holiday' | 'substitute';
  /** What the day is: 农历正月初三; 5月1日（2027年5月1日）适逢周末的补假. */
  what: string;
  /** The article, in Chinese: the same for every day of a festival, so days group by it. */
  basis: string;
}

export interface ProvisionalYear {
  year: number;
  /** Days off, ascending. Weekends are not listed; nothing is worked on a weekend (no 调休). */
  days: LawDay[];
}

const SUBSTITUTE_RULE = `${HOLIDAY_LAW}第六条：全体公民放假的假日适逢周六、周日，应当在工作日补假（与其他节日同日的亦补假；补假日期以国务院办公厅通知为准，暂按节后第一个工作日计）`;

/**
 * The provisional calendar of `year` from the holiday law alone: the festivals' days off, and a
 * 补假 for each festival day that falls on a weekend or on another festival's day (中秋 within
 * 国庆: two holidays, one date), put on the first weekday after the break — where the notices
 * put it when no 调休 moves it (元旦 2022 and 2023, 清明 2026). Null outside HOLIDAY_LAW_YEARS.
 *
 * @example provisionalYear(2027)!.days.find((d) => d.date === '2027-02-09')!.kind // 'substitute'
 */
export function provisionalYear(year: number): ProvisionalYear | null {
  const list = festivals(year);
  if (!list) return null;
  const off = new Map<string, LawDay>();
  const owed: { after: string; name: string; what: string; date: string }[] = [];
  for (const f of list) {
    for (const { date, what } of f.dates) {
      const taken = off.get(date);
      if (taken) {
        taken.name = `${taken.name}、${f.name}`;
        taken.what = `${taken.what}、${what}`;
        taken.basis += `；第二条：${f.rule}`;
        owed.push({ after: date, name: f.name, what, date });
        continue;
      }
      off.set(date, {
        date,
        name: f.name,
        kind: 'holiday',
        what,
        basis: `${HOLIDAY_LAW}第二条：${f.rule}`,
      });
      if (isWeekend(date)) owed.push({ after: date, name: f.name, what, date });
    }
  }
  for (const o of owed) {
    let d = addDays(o.after, 1);
    while (isWeekend(d) || off.has(d)) d = addDays(d, 1);
    const why = isWeekend(o.date) ? '适逢周末' : '与其他节日同日';
    off.set(d, {
      date: d,
      name: o.name,
      kind: 'substitute',
      what: `${o.what}（${formatChineseDate(o.date)}）${why}的补假`,
      basis: SUBSTITUTE_RULE,
    });
  }
  return { year, days: [...off.values()].sort((a, b) => (a.date < b.date ? -1 : 1)) };
}
