/**
 * Working days between many pairs of dates, fast: one pass over the calendar builds a running
 * count, so each pair is a subtraction. Dates in a year without a holiday schedule give null,
 * never a guess.
 */
import { addDays, dayNumber } from '../calendar/date.js';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';

export interface WorkingDayCounter {
  /** Working days after `from` up to and including `to`; null when a needed year is unknown. */
  between(from: string, to: string): number | null;
}

/** A counter for dates within [first, last]. */
export function workingDayCounter(
  calendar: WorkingDayCalendar,
  first: string,
  last: string,
): WorkingDayCounter {
  const start = dayNumber(first);
  const end = dayNumber(last);
  // running[i] = working days in (first, first + i]; null from the first unknown day on a
  // separate map so that unknown years do not poison the known ones.
  const running = new Int32Array(Math.max(0, end - start) + 1);
  const unknown = new Uint8Array(running.length);
  let count = 0;
  let d = first;
  for (let i = 0; i < running.length; i++) {
    if (i > 0) {
      try {
        if (calendar.isWorkingDay(d)) count++;
      } catch {
        unknown[i] = 1;
      }
    }
    running[i] = count;
    d = addDays(d, 1);
  }
  const prefixUnknown = new Int32Array(running.length);
  let u = 0;
  for (let i = 0; i < running.length; i++) {
    u += unknown[i]!;
    prefixUnknown[i] = u;
  }
  return {
    between(from, to) {
      const a = dayNumber(from) - start;
      const b = dayNumber(to) - start;
      if (a < 0 || b >= running.length || a > b) return a > b ? 0 : null;
      if (prefixUnknown[b]! - prefixUnknown[a]! > 0) return null;
      return running[b]! - running[a]!;
    },
  };
}
