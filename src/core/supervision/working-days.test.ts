import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../calendar/working-day-calendar.js';
import { workingDayCounter } from './working-days.js';

describe('counting working days for many pairs', () => {
  const calendar = defaultCalendar();

  it('agrees with the calendar, 调休 and holidays included', () => {
    const counter = workingDayCounter(calendar, '2025-01-01', '2025-12-31');
    for (const [from, to] of [
      ['2025-01-02', '2025-02-10'],
      ['2025-09-26', '2025-10-15'],
      ['2025-04-30', '2025-05-06'],
      ['2025-03-03', '2025-03-03'],
    ] as const) {
      expect(counter.between(from, to)).toBe(calendar.workingDaysBetween(from, to));
    }
  });

  it('gives null, not a guess, for a range reaching into a year without a schedule', () => {
    const counter = workingDayCounter(calendar, '2026-12-01', '2027-02-01');
    expect(counter.between('2026-12-01', '2026-12-10')).toBe(
      calendar.workingDaysBetween('2026-12-01', '2026-12-10'),
    );
    expect(counter.between('2026-12-20', '2027-01-20')).toBeNull();
  });
});
