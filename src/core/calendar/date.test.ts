import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  CalendarDateInvalid,
  datesInRange,
  dayNumber,
  daysBetween,
  formatChineseDate,
  fromDayNumber,
  isCalendarDate,
  lastDayPhrase,
  parseCalendarDate,
  weekday,
  weekdayName,
  yearOf,
} from './date.js';

describe('calendar dates', () => {
  it.each(['2025-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-1-01', '24-01-01', ''])(
    'rejects %j',
    (text) => {
      expect(parseCalendarDate(text)).toBeNull();
      expect(isCalendarDate(text)).toBe(false);
      expect(() => dayNumber(text)).toThrow(CalendarDateInvalid);
    },
  );

  it('accepts leap days of leap years only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2100-02-29')).toBe(false);
  });

  it('adds days across months and years', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(datesInRange('2025-12-30', '2026-01-02')).toEqual([
      '2025-12-30',
      '2025-12-31',
      '2026-01-01',
      '2026-01-02',
    ]);
  });

  it('knows the weekday', () => {
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('2025-10-01')).toBe(3);
    expect(weekday('2025-09-28')).toBe(7);
    expect(weekdayName('2025-09-28')).toBe('星期日');
    expect(weekday('1969-12-29')).toBe(1);
  });

  it('formats dates the way letters do', () => {
    expect(formatChineseDate('2025-10-09')).toBe('2025年10月9日');
    expect(yearOf('2025-10-09')).toBe(2025);
  });

  it('round-trips day numbers and agrees with the ISO weekday of Date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 60_000 }), (n) => {
        const date = fromDayNumber(n);
        expect(dayNumber(date)).toBe(n);
        expect(isCalendarDate(date)).toBe(true);
        expect(weekday(date)).toBe(((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1);
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});

describe('lastDayPhrase', () => {
  it('is the one phrasing of a deadline: the last day, which counts', () => {
    expect(lastDayPhrase('2026-04-08')).toBe('最迟于2026年4月8日（含当日）');
  });
});
