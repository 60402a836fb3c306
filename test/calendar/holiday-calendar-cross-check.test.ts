/**
 * The shipped schedules against the data of the npm package holiday-calendar 1.3.3, copied into
 * test/fixtures/holiday-calendar/ (gongkai does not depend on the package).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datesInRange, weekday } from '../../src/core/calendar/date.js';
import type { YearSchedule } from '../../src/core/calendar/schedule.js';
import { defaultCalendar } from '../../src/core/calendar/working-day-calendar.js';

interface Entry {
  date: string;
  type: 'public_holiday' | 'transfer_workday';
}

const load = (year: number): Entry[] =>
  (
    JSON.parse(
      readFileSync(new URL(`../fixtures/holiday-calendar/${year}.json`, import.meta.url), 'utf8'),
    ) as { dates: Entry[] }
  ).dates;

const placeholder = (year: number): YearSchedule => ({
  year,
  notice: '测试占位',
  holidays: [{ name: '占位', from: `${year}-06-18`, to: `${year}-06-18` }],
  workdays: [],
});

const calendar = defaultCalendar();
// Placeholders let the 2018 days the 2019 notice settles be looked at.
const probe = calendar.withSchedule(placeholder(2018)).withSchedule(placeholder(2027));

describe('cross-check with the holiday-calendar package data', () => {
  it.each(calendar.years())('%i agrees day for day', (year) => {
    const theirs = load(year);
    expect(theirs.length).toBeGreaterThan(20);
    for (const e of theirs) {
      expect(probe.dayInfo(e.date).kind, e.date).toBe(
        e.type === 'public_holiday' ? 'holiday' : 'adjusted_workday',
      );
    }
    const theirDates = new Set(theirs.map((e) => e.date));
    const schedule = calendar.schedule(year)!;
    // The package omits a weekend day at the edge of a block (2020-02-02, a Sunday); every
    // weekday off and every 调休 day must be there.
    for (const block of schedule.holidays) {
      for (const d of datesInRange(block.from, block.to)) {
        if (weekday(d) <= 5) expect(theirDates.has(d), d).toBe(true);
      }
    }
    for (const d of schedule.workdays) expect(theirDates.has(d), d).toBe(true);
  });
});
