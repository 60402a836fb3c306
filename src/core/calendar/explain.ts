/**
 * Where each day of a span comes from, in words a clerk (and an applicant) can check: an
 * ordinary weekday or weekend, a holiday or 调休 day of the State Council's notice (named by
 * its 文号), or a holiday the holiday law gives for a year whose notice is not out yet (暂定).
 */
import { addDays } from './date.js';
import type { DayInfo, WorkingDayCalendar } from './working-day-calendar.js';

function describe(day: DayInfo): string {
  const provisional = day.provisional ? '；暂定' : '';
  switch (day.kind) {
    case 'workday':
      return `工作日（星期一至星期五${provisional}）`;
    case 'weekend':
      return `周末休息${day.provisional ? '（暂定）' : ''}`;
    case 'adjusted_workday':
      return `调休上班（依${day.basis ?? ''}）`;
    case 'holiday':
      if (day.lawKind === 'substitute')
        return `${day.name ?? ''}补假（依${day.basis ?? ''}；暂定）`;
      if (day.lawKind === 'holiday') return `${day.name ?? ''}放假（依${day.basis ?? ''}；暂定）`;
      return `${day.name ?? ''}放假（依${day.basis ?? ''}）`;
  }
}

/**
 * One line per run of consecutive days with the same source, from `from` to `to` (both
 * included). Throws CalendarYearUnknown like the calendar when a year cannot be judged.
 *
 * @example describeDays(calendar, '2025-09-30', '2025-10-09') // ['2025-09-30：工作日（星期一至星期五）', '2025-10-01 至 2025-10-08：国庆节、中秋节放假（依国办发明电〔2024〕12号）', '2025-10-09：工作日（星期一至星期五）']
 */
export function describeDays(calendar: WorkingDayCalendar, from: string, to: string): string[] {
  const lines: string[] = [];
  let runStart: string | null = null;
  let runEnd = from;
  let runText = '';
  const flush = () => {
    if (runStart === null) return;
    lines.push(`${runStart}${runEnd === runStart ? '' : ` 至 ${runEnd}`}：${runText}`);
  };
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const text = describe(calendar.dayInfo(d));
    if (runStart !== null && text === runText) {
      runEnd = d;
      continue;
    }
    flush();
    runStart = d;
    runEnd = d;
    runText = text;
  }
  flush();
  return lines;
}
