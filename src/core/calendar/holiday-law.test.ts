import { describe, expect, it } from 'vitest';
import { datesInRange, weekday } from './date.js';
import { festivals, provisionalYear } from './holiday-law.js';
import { CalendarYearUnknown, defaultCalendar } from './working-day-calendar.js';

const range = (from: string, to: string) => datesInRange(from, to);

/**
 * The provisional calendars of 2027–2030, worked out by hand from the almanac dates (除夕, 清明,
 * 端午, 中秋 — see lunar-dates.test.ts) and the holiday law: 第二条's days, and for each that
 * falls on a Saturday or Sunday or on another festival's day, a 补假 on the first weekday after
 * the break (第六条). Weekdays checked on a calendar.
 */
const EXPECTED: Record<number, { holidays: string[]; substitutes: string[] }> = {
  // 除夕 2-5 (Fri) … 初三 2-8 (Mon): 初一, 初二 on the weekend → 2-9, 2-10. 5-1 Sat, 5-2 Sun → 5-3,
  // 5-4. 10-2 Sat, 10-3 Sun → 10-4, 10-5. 清明 4-5 Mon, 端午 6-9 Wed, 中秋 9-15 Wed.
  2027: {
    holidays: [
      '2027-01-01',
      ...range('2027-02-05', '2027-02-08'),
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      ...range('2027-10-01', '2027-10-03'),
    ],
    substitutes: [
      '2027-02-09',
      '2027-02-10',
      '2027-05-03',
      '2027-05-04',
      '2027-10-04',
      '2027-10-05',
    ],
  },
  // 1-1 Sat → 1-3. 除夕 1-25 (Tue) … 1-28 (Fri). 清明 4-4 Tue. 5-1 Mon, 5-2 Tue. 端午 5-28 Sun → 5-29.
  // 10-1 Sun, and 中秋 on 10-3 (Tue) with 国庆: two holidays, one date → 10-4, 10-5.
  2028: {
    holidays: [
      '2028-01-01',
      ...range('2028-01-25', '2028-01-28'),
      '2028-04-04',
      '2028-05-01',
      '2028-05-02',
      '2028-05-28',
      ...range('2028-10-01', '2028-10-03'),
    ],
    substitutes: ['2028-01-03', '2028-05-29', '2028-10-04', '2028-10-05'],
  },
  // 1-1 Mon. 除夕 2-12 (Mon) … 2-15 (Thu). 清明 4-4 Wed. 5-1 Tue, 5-2 Wed. 端午 6-16 Sat → 6-18.
  // 中秋 9-22 Sat → 9-24. 10-1 Mon … 10-3 Wed.
  2029: {
    holidays: [
      '2029-01-01',
      ...range('2029-02-12', '2029-02-15'),
      '2029-04-04',
      '2029-05-01',
      '2029-05-02',
      '2029-06-16',
      '2029-09-22',
      ...range('2029-10-01', '2029-10-03'),
    ],
    substitutes: ['2029-06-18', '2029-09-24'],
  },
  // 1-1 Tue. 除夕 2-2 (Sat), 初一 2-3 (Sun), 初二 2-4, 初三 2-5 → 2-6, 2-7. 清明 4-5 Fri. 5-1 Wed,
  // 5-2 Thu. 端午 6-5 Wed. 中秋 9-12 Thu. 10-1 Tue … 10-3 Thu.
  2030: {
    holidays: [
      '2030-01-01',
      ...range('2030-02-02', '2030-02-05'),
      '2030-04-05',
      '2030-05-01',
      '2030-05-02',
      '2030-06-05',
      '2030-09-12',
      ...range('2030-10-01', '2030-10-03'),
    ],
    substitutes: ['2030-02-06', '2030-02-07'],
  },
};

const calendar = defaultCalendar([], { holidayLaw: true });

describe('the provisional calendar from the holiday law', () => {
  it.each(Object.entries(EXPECTED))('%s: the law’s holidays and 补假, nothing else', (y, e) => {
    const year = Number(y);
    const computed = provisionalYear(year)!;
    expect(computed.days.filter((d) => d.kind === 'holiday').map((d) => d.date)).toEqual(
      e.holidays,
    );
    expect(computed.days.filter((d) => d.kind === 'substitute').map((d) => d.date)).toEqual(
      e.substitutes,
    );
    for (const s of e.substitutes) expect(weekday(s)).toBeLessThanOrEqual(5);

    // Through the calendar: every other weekday works, every weekend is off, all 暂定.
    const off = new Set([...e.holidays, ...e.substitutes]);
    for (const d of datesInRange(`${year}-01-01`, `${year}-12-31`)) {
      const info = calendar.dayInfo(d);
      expect(info.provisional, d).toBe(true);
      if (off.has(d)) {
        expect(info, d).toMatchObject({ working: false, kind: 'holiday' });
        expect(info.basis, d).toContain('《全国年节及纪念日放假办法》');
      } else {
        expect(info, d).toMatchObject({ working: weekday(d) <= 5, basis: null });
      }
    }
  });

  it('gives each festival its days under 第二条 (13 in all)', () => {
    const list = festivals(2027)!;
    expect(list.map((f) => [f.name, f.days])).toEqual([
      ['元旦', 1],
      ['春节', 4],
      ['清明节', 1],
      ['劳动节', 2],
      ['端午节', 1],
      ['中秋节', 1],
      ['国庆节', 3],
    ]);
    expect(list[1]!.dates.map((d) => d.what)).toEqual([
      '农历除夕',
      '农历正月初一',
      '农历正月初二',
      '农历正月初三',
    ]);
  });

  it('names the source of each day', () => {
    expect(calendar.dayInfo('2027-02-08')).toMatchObject({
      working: false,
      name: '春节',
      lawKind: 'holiday',
      provisional: true,
    });
    expect(calendar.dayInfo('2027-02-08').basis).toContain('第二条：春节，放假4天');
    expect(provisionalYear(2027)!.days.find((d) => d.date === '2027-02-08')!.what).toBe(
      '农历正月初三',
    );
    expect(provisionalYear(2027)!.days.find((d) => d.date === '2027-02-10')!.what).toBe(
      '农历正月初二（2027年2月7日）适逢周末的补假',
    );
    const sub = calendar.dayInfo('2027-02-10');
    expect(sub).toMatchObject({ name: '春节', lawKind: 'substitute' });
    expect(sub.basis).toContain('第六条');
    expect(calendar.dayInfo('2028-10-03').name).toBe('国庆节、中秋节');
    expect(provisionalYear(2028)!.days.find((d) => d.date === '2028-10-05')!.what).toContain(
      '与其他节日同日',
    );
  });

  it('keeps shipped years as the notices have them, and marks late December before a provisional year', () => {
    expect(calendar.dayInfo('2026-02-23')).toMatchObject({
      working: false,
      provisional: false,
      basis: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
    });
    expect(calendar.dayInfo('2026-12-24').provisional).toBe(false);
    // The 2027 notice may put 元旦 days or a 调休 day in late December 2026.
    expect(calendar.dayInfo('2026-12-28')).toMatchObject({ working: true, provisional: true });
    expect(calendar.provisionalYearsBetween('2026-12-01', '2026-12-24')).toEqual([]);
    expect(calendar.provisionalYearsBetween('2026-12-20', '2027-01-19')).toEqual([2027]);
    expect(calendar.provisionalYearsBetween('2027-12-20', '2028-01-19')).toEqual([2027, 2028]);
  });

  it('gives way to a notice once entered', () => {
    const entered = calendar.withSchedule({
      year: 2027,
      notice: '国办发明电〔2026〕×号（测试）',
      holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-11' }],
      workdays: ['2027-02-20'],
    });
    expect(entered.dayInfo('2027-02-11')).toMatchObject({ working: false, provisional: false });
    expect(entered.dayInfo('2027-02-20')).toMatchObject({ working: true, provisional: false });
    expect(entered.dayInfo('2027-05-03')).toMatchObject({ working: true, provisional: false });
    expect(entered.provisionalYear(2027)).toBeNull();
  });

  it('refuses only a year beyond its range, saying so', () => {
    expect(() => calendar.isWorkingDay('2089-03-01')).toThrow(CalendarYearUnknown);
    expect(() => calendar.isWorkingDay('2089-03-01')).toThrow(
      /不在可按《全国年节及纪念日放假办法》推算的范围（2025–2088 年）内/,
    );
    expect(calendar.isWorkingDay('2088-03-01')).toBe(true);
    // Before the shipped years: the law as amended in 2024 does not reach back.
    expect(() => calendar.isWorkingDay('2018-06-01')).toThrow(CalendarYearUnknown);
    // A calendar of notices alone still refuses 2027.
    expect(() => defaultCalendar().isWorkingDay('2027-03-01')).toThrow(/没有 2027 年的节假日安排/);
  });
});
