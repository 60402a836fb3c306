import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { datesInRange, weekday } from './date.js';
import { parseYearSchedule, type YearSchedule } from './schedule.js';
import { SHIPPED_SCHEDULES } from './schedules.js';
import {
  CalendarYearUnknown,
  defaultCalendar,
  WorkingDayCalendar,
} from './working-day-calendar.js';

/**
 * Every day off and every 调休 working day of the shipped years, typed here independently of
 * schedules.ts: 2023–2026 from the verified table of the regulation notes, 2019–2022 from the
 * State Council notices (with the 2019 劳动节 and 2020 春节 changes).
 */
const EXPECTED: Record<number, { off: string[]; on: string[] }> = {
  2019: {
    off: [
      '2018-12-30–2019-01-01',
      '2019-02-04–2019-02-10',
      '2019-04-05–2019-04-07',
      '2019-05-01–2019-05-04',
      '2019-06-07–2019-06-09',
      '2019-09-13–2019-09-15',
      '2019-10-01–2019-10-07',
    ],
    on: [
      '2018-12-29',
      '2019-02-02',
      '2019-02-03',
      '2019-04-28',
      '2019-05-05',
      '2019-09-29',
      '2019-10-12',
    ],
  },
  2020: {
    off: [
      '2020-01-01',
      '2020-01-24–2020-02-02',
      '2020-04-04–2020-04-06',
      '2020-05-01–2020-05-05',
      '2020-06-25–2020-06-27',
      '2020-10-01–2020-10-08',
    ],
    on: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
  },
  2021: {
    off: [
      '2021-01-01–2021-01-03',
      '2021-02-11–2021-02-17',
      '2021-04-03–2021-04-05',
      '2021-05-01–2021-05-05',
      '2021-06-12–2021-06-14',
      '2021-09-19–2021-09-21',
      '2021-10-01–2021-10-07',
    ],
    on: [
      '2021-02-07',
      '2021-02-20',
      '2021-04-25',
      '2021-05-08',
      '2021-09-18',
      '2021-09-26',
      '2021-10-09',
    ],
  },
  2022: {
    off: [
      '2022-01-01–2022-01-03',
      '2022-01-31–2022-02-06',
      '2022-04-03–2022-04-05',
      '2022-04-30–2022-05-04',
      '2022-06-03–2022-06-05',
      '2022-09-10–2022-09-12',
      '2022-10-01–2022-10-07',
    ],
    on: [
      '2022-01-29',
      '2022-01-30',
      '2022-04-02',
      '2022-04-24',
      '2022-05-07',
      '2022-10-08',
      '2022-10-09',
    ],
  },
  2023: {
    off: [
      '2022-12-31–2023-01-02',
      '2023-01-21–2023-01-27',
      '2023-04-05',
      '2023-04-29–2023-05-03',
      '2023-06-22–2023-06-24',
      '2023-09-29–2023-10-06',
    ],
    on: [
      '2023-01-28',
      '2023-01-29',
      '2023-04-23',
      '2023-05-06',
      '2023-06-25',
      '2023-10-07',
      '2023-10-08',
    ],
  },
  2024: {
    off: [
      '2024-01-01',
      '2024-02-10–2024-02-17',
      '2024-04-04–2024-04-06',
      '2024-05-01–2024-05-05',
      '2024-06-10',
      '2024-09-15–2024-09-17',
      '2024-10-01–2024-10-07',
    ],
    on: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ],
  },
  2025: {
    off: [
      '2025-01-01',
      '2025-01-28–2025-02-04',
      '2025-04-04–2025-04-06',
      '2025-05-01–2025-05-05',
      '2025-05-31–2025-06-02',
      '2025-10-01–2025-10-08',
    ],
    on: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    off: [
      '2026-01-01–2026-01-03',
      '2026-02-15–2026-02-23',
      '2026-04-04–2026-04-06',
      '2026-05-01–2026-05-05',
      '2026-06-19–2026-06-21',
      '2026-09-25–2026-09-27',
      '2026-10-01–2026-10-07',
    ],
    on: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

const expand = (range: string): string[] => {
  const [from, to] = range.split('–') as [string, string | undefined];
  return datesInRange(from, to ?? from);
};

const calendar = defaultCalendar();

/**
 * The shipped calendar plus placeholder 2018 and 2027 schedules, so that the late-December days
 * the 2019 notice settles (2018-12-29–31) and the last days of 2026 can be looked at; the real
 * calendar refuses them (see "a year without a schedule").
 */
const placeholder = (year: number): YearSchedule => ({
  year,
  notice: '测试占位',
  holidays: [{ name: '占位', from: `${year}-06-18`, to: `${year}-06-18` }],
  workdays: [],
});
const probe = calendar.withSchedule(placeholder(2018)).withSchedule(placeholder(2027));

const ALL_OFF = new Set(Object.values(EXPECTED).flatMap((e) => e.off.flatMap(expand)));
const ALL_ON = new Set(Object.values(EXPECTED).flatMap((e) => e.on));

describe('the shipped schedules', () => {
  it('cover exactly 2019–2026', () => {
    expect(calendar.years()).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  for (const [yearText, expected] of Object.entries(EXPECTED)) {
    const year = Number(yearText);
    describe(String(year), () => {
      it.each(expected.off)('%s is off', (range) => {
        for (const d of expand(range)) {
          expect(probe.dayInfo(d), d).toMatchObject({ working: false, kind: 'holiday' });
        }
      });

      it.each(expected.on)('%s (调休) is a working day', (d) => {
        expect([6, 7]).toContain(weekday(d));
        expect(probe.dayInfo(d)).toMatchObject({ working: true, kind: 'adjusted_workday' });
      });

      it('has every other day of the year as Monday–Friday on, weekends off', () => {
        for (const d of datesInRange(`${year}-01-01`, `${year}-12-31`)) {
          if (ALL_OFF.has(d) || ALL_ON.has(d)) continue;
          const weekend = weekday(d) >= 6;
          expect(probe.dayInfo(d), d).toEqual({
            date: d,
            working: !weekend,
            kind: weekend ? 'weekend' : 'workday',
            name: null,
            // The placeholder 2027 stands in for a notice, so no day here is 暂定.
            provisional: false,
            basis: null,
            lawKind: null,
          });
        }
      });

      it('has the blocks and 调休 days of the schedule and nothing else', () => {
        const schedule = calendar.schedule(year)!;
        expect(
          schedule.holidays.map((b) => (b.from === b.to ? b.from : `${b.from}–${b.to}`)),
        ).toEqual(expected.off);
        expect(schedule.workdays).toEqual(expected.on);
        expect(schedule.notice).not.toBe('');
      });
    });
  }

  it('name the blocks as the notices do', () => {
    expect(calendar.dayInfo('2025-10-08').name).toBe('国庆节、中秋节');
    expect(calendar.dayInfo('2026-02-23').name).toBe('春节');
    expect(calendar.dayInfo('2022-12-31').name).toBe('元旦');
    expect(calendar.schedule(2023)!.notice).toBe('国办发明电〔2022〕16号');
    expect(calendar.schedule(2024)!.notice).toBe('国办发明电〔2023〕7号');
    expect(calendar.schedule(2025)!.notice).toBe('国办发明电〔2024〕12号');
  });

  it('treat 2024-02-09 (除夕) as an ordinary Friday', () => {
    expect(calendar.dayInfo('2024-02-09')).toMatchObject({ working: true, kind: 'workday' });
  });

  it('each pass parseYearSchedule unchanged', () => {
    for (const s of SHIPPED_SCHEDULES) {
      expect(parseYearSchedule(s)).toEqual({ schedule: s, problems: [] });
    }
  });
});

describe('weekends and ordinary days', () => {
  it.each([
    ['2025-03-08', false], // Saturday
    ['2025-03-09', false], // Sunday
    ['2025-03-10', true], // Monday
    ['2025-03-14', true], // Friday
    ['2024-02-29', true], // leap day, Thursday
  ] as const)('%s working: %s', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });
});

describe('addWorkingDays', () => {
  it.each([
    // date, n, expected — by hand from the schedules
    ['2025-03-10', 0, '2025-03-10'],
    ['2025-03-10', 1, '2025-03-11'],
    ['2025-03-14', 1, '2025-03-17'], // Friday → Monday
    ['2025-09-30', 1, '2025-10-09'], // 10-01–10-08 off
    ['2025-09-26', 1, '2025-09-28'], // Friday → 调休 Sunday
    ['2025-09-30', 2, '2025-10-10'],
    ['2025-09-30', 3, '2025-10-11'], // 调休 Saturday
    ['2025-09-30', 4, '2025-10-13'],
    ['2026-02-13', 1, '2026-02-14'], // 调休 Saturday before 春节
    ['2026-02-14', 1, '2026-02-24'], // 02-15–02-23 off
    ['2024-12-31', 1, '2025-01-02'], // 元旦
    ['2022-12-30', 1, '2023-01-03'], // 2022-12-31–2023-01-02 off
    ['2025-12-31', 2, '2026-01-05'], // 01-01–01-03 off; 01-04 调休 Sunday is day 1
  ] as const)('%s + %i = %s', (date, n, expected) => {
    expect(calendar.addWorkingDays(date, n)).toBe(expected);
  });

  it('counts working days between two dates, the first excluded', () => {
    expect(calendar.workingDaysBetween('2025-09-30', '2025-10-13')).toBe(4);
    expect(calendar.workingDaysBetween('2025-10-13', '2025-09-30')).toBe(0);
  });

  it.each([-1, 1.5, Number.NaN])('rejects %s days', (n) => {
    expect(() => calendar.addWorkingDays('2025-03-10', n)).toThrow(/工作日数.*不小于 0 的整数/);
  });

  it('rejects a malformed date', () => {
    expect(() => calendar.isWorkingDay('2025-02-29')).toThrow(/日期“2025-02-29”无效/);
    expect(() => calendar.isWorkingDay('2025-2-1')).toThrow(AppError);
  });
});

describe('a year without a schedule', () => {
  const unknownYear = (f: () => unknown): CalendarYearUnknown => {
    try {
      f();
    } catch (e) {
      if (e instanceof CalendarYearUnknown) return e;
      throw e;
    }
    throw new Error('expected CalendarYearUnknown');
  };

  it('is an error naming the year, never a guess', () => {
    const e = unknownYear(() => calendar.isWorkingDay('2027-03-01'));
    expect(e.year).toBe(2027);
    expect(e.code).toBe('calendar_year_unknown');
    expect(e.details).toEqual({ year: 2027, date: '2027-03-01' });
    expect(e.message).toContain('没有 2027 年的节假日安排');
    expect(unknownYear(() => calendar.isWorkingDay('2018-06-01')).year).toBe(2018);
  });

  it('is needed from 25 December on, since 元旦 may begin then', () => {
    expect(calendar.isWorkingDay('2026-12-24')).toBe(true);
    const e = unknownYear(() => calendar.isWorkingDay('2026-12-25'));
    expect(e.year).toBe(2027);
    expect(e.message).toContain('2027 年元旦的放假和调休可能从 2026 年 12 月下旬开始');
    // 2018's own days are unknown even though the 2019 notice settles 2018-12-29–31.
    expect(unknownYear(() => calendar.isWorkingDay('2018-12-31')).year).toBe(2018);
  });

  it('stops addWorkingDays at the first day it cannot judge', () => {
    expect(calendar.addWorkingDays('2026-12-01', 17)).toBe('2026-12-24');
    expect(unknownYear(() => calendar.addWorkingDays('2026-12-01', 18)).year).toBe(2027);
    expect(unknownYear(() => calendar.addWorkingDays('2027-01-04', 0)).year).toBe(2027);
  });

  it('becomes known once the admin enters it', () => {
    const schedule: YearSchedule = {
      year: 2027,
      notice: '测试用安排',
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
      workdays: [],
    };
    const extended = calendar.withSchedule(schedule);
    expect(extended.years()).toContain(2027);
    expect(extended.isWorkingDay('2027-01-01')).toBe(false);
    expect(extended.isWorkingDay('2026-12-31')).toBe(true);
    expect(extended.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(() => extended.isWorkingDay('2027-12-27')).toThrow(CalendarYearUnknown);
    expect(defaultCalendar([schedule]).years()).toContain(2027);
  });
});

describe('building a calendar', () => {
  it('rejects two schedules for one year', () => {
    expect(() => new WorkingDayCalendar([SHIPPED_SCHEDULES[0]!, SHIPPED_SCHEDULES[0]!])).toThrow(
      /2019 年的节假日安排重复/,
    );
  });

  it('rejects two schedules that disagree about a day', () => {
    const y2022 = SHIPPED_SCHEDULES.find((s) => s.year === 2022)!;
    const y2023 = SHIPPED_SCHEDULES.find((s) => s.year === 2023)!;
    const clash: YearSchedule = { ...y2022, workdays: [...y2022.workdays, '2022-12-31'] };
    expect(() => new WorkingDayCalendar([clash, y2023])).toThrow(/2022-12-31 的规定互相矛盾/);
  });

  it('rejects an invalid schedule with its problems', () => {
    // An admin's input that skipped parseYearSchedule.
    const bad = { year: 2027, notice: '', holidays: ['2027-01-01'], workdays: [] };
    expect(() => new WorkingDayCalendar([bad as unknown as YearSchedule])).toThrow(
      /2027 年节假日安排有误：notice：/,
    );
  });
});

describe('parseYearSchedule', () => {
  const ok = {
    year: 2027,
    notice: '国办发明电〔2026〕×号',
    holidays: [
      { name: '春节', from: '2027-02-06', to: '2027-02-12' },
      '2027-04-05',
      { name: '元旦', date: '2027-01-01' },
      { from: '2026-12-31', to: '2026-12-31' },
    ],
    workdays: ['2027-02-13', '2026-12-26'],
  };

  it('normalises a good schedule: every form of holiday, sorted, names defaulted', () => {
    const { schedule, problems } = parseYearSchedule(ok);
    expect(problems).toEqual([]);
    expect(schedule).toEqual({
      year: 2027,
      notice: '国办发明电〔2026〕×号',
      holidays: [
        { name: '节假日', from: '2026-12-31', to: '2026-12-31' },
        { name: '元旦', from: '2027-01-01', to: '2027-01-01' },
        { name: '春节', from: '2027-02-06', to: '2027-02-12' },
        { name: '节假日', from: '2027-04-05', to: '2027-04-05' },
      ],
      workdays: ['2026-12-26', '2027-02-13'],
    });
  });

  const problemsOf = (input: unknown) => parseYearSchedule(input).problems;

  it.each([
    ['not an object', null, '', /应为一个对象/],
    ['a year that is not an integer', { ...ok, year: 2027.5 }, 'year', /年份应为/],
    ['a year as text', { ...ok, year: '2027' }, 'year', /年份应为/],
    ['no notice', { ...ok, notice: '  ' }, 'notice', /文号/],
    ['no holidays', { ...ok, holidays: [] }, 'holidays', /至少填写一个/],
    ['a malformed date', { ...ok, holidays: ['2027-02-30'] }, 'holidays[0]', /不是有效日期/],
    [
      'a date outside the year',
      { ...ok, holidays: ['2028-01-01'] },
      'holidays[0]',
      /不在 2027 年内/,
    ],
    [
      'a previous-year date before 25 December',
      { ...ok, workdays: ['2026-12-19'] },
      'workdays[0]',
      /不在 2027 年内/,
    ],
    [
      'a block that ends before it begins',
      { ...ok, holidays: [{ from: '2027-05-05', to: '2027-05-01' }] },
      'holidays[0].to',
      /早于开始日期/,
    ],
    [
      'an implausibly long block',
      { ...ok, holidays: [{ from: '2027-07-01', to: '2027-08-31' }] },
      'holidays[0]',
      /长达 62 天/,
    ],
    [
      'overlapping blocks',
      { ...ok, holidays: [{ from: '2027-05-01', to: '2027-05-05' }, '2027-05-03'] },
      'holidays[1]',
      /2027-05-03 重复/,
    ],
    [
      'a weekday as 调休',
      { ...ok, workdays: ['2027-02-15'] },
      'workdays[0]',
      /星期一，本来就是工作日/,
    ],
    [
      'a day both off and on',
      { ...ok, workdays: ['2027-02-06'] },
      'workdays[0]',
      /既是放假日期又是调休上班日期/,
    ],
    [
      'a duplicate 调休 day',
      { ...ok, workdays: ['2027-02-13', '2027-02-13'] },
      'workdays[1]',
      /重复/,
    ],
    ['no workdays list', { ...ok, workdays: undefined }, 'workdays', /空列表/],
    ['a holiday of the wrong type', { ...ok, holidays: [42] }, 'holidays[0]', /每个放假项/],
  ] as const)('reports %s', (_what, input, path, message) => {
    const problems = problemsOf(input);
    expect(parseYearSchedule(input).schedule).toBeNull();
    expect(problems.map((p) => p.path)).toContain(path);
    expect(problems.find((p) => p.path === path)!.message).toMatch(message);
  });

  it('reports every problem at once, not only the first', () => {
    const problems = problemsOf({
      year: 2027,
      notice: '',
      holidays: ['x'],
      workdays: ['2027-02-15'],
    });
    expect(problems.map((p) => p.path)).toEqual(['notice', 'holidays[0]', 'workdays[0]']);
  });
});
