/**
 * Where an agency's annual report stands for a year, as its supervisor sees it on a given day
 * (条例第四十九条: departments publish by 31 January, governments by 31 March).
 */
import { daysBetween } from '../calendar/date.js';
import { publicationDeadline } from '../report/deadline.js';
import type { AgencyLevel } from '../report/model.js';

export const REPORT_STATES = [
  'not_started',
  'draft',
  'published_on_time',
  'published_late',
  'imported',
  'missing',
] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  not_started: '未开始',
  draft: '草稿',
  published_on_time: '按时发布',
  published_late: '逾期发布',
  imported: '已导入',
  missing: '逾期未发布',
};

export interface ReportFacts {
  level: AgencyLevel;
  year: number;
  /** Whether the agency has begun the year's report (a draft or a version). */
  started: boolean;
  /** The date the report was first published, or null. */
  publishedOn: string | null;
  /** authored in gongkai, or imported from a published document. */
  origin: 'authored' | 'imported' | null;
}

export interface ReportStanding {
  state: ReportState;
  deadline: string;
  /** Days after the deadline it was published (late or imported late), or is still missing. */
  daysLate: number | null;
  /** Days left to the deadline while it is not yet published and not yet due, else null. */
  daysLeft: number | null;
}

/**
 * @example
 *   reportStanding({ level: 'department', year: 2025, started: true, publishedOn: null,
 *                    origin: null }, '2026-02-03')
 *   // { state: 'missing', deadline: '2026-01-31', daysLate: 3, daysLeft: null }
 */
export function reportStanding(facts: ReportFacts, today: string): ReportStanding {
  const deadline = publicationDeadline(facts.year, facts.level);
  if (facts.publishedOn) {
    const late = facts.publishedOn > deadline ? daysBetween(deadline, facts.publishedOn) : null;
    const state: ReportState =
      facts.origin === 'imported' ? 'imported' : late ? 'published_late' : 'published_on_time';
    return { state, deadline, daysLate: late, daysLeft: null };
  }
  if (today > deadline) {
    return { state: 'missing', deadline, daysLate: daysBetween(deadline, today), daysLeft: null };
  }
  return {
    state: facts.started ? 'draft' : 'not_started',
    deadline,
    daysLate: null,
    daysLeft: daysBetween(today, deadline),
  };
}

/**
 * The countdown a supervisor sees for a report year on a day: days to the departments' deadline
 * (31 January) and to the governments' (31 March), null once passed.
 */
export function deadlineCountdown(
  year: number,
  today: string,
): { department: number | null; government: number | null } {
  const left = (level: AgencyLevel) => {
    const deadline = publicationDeadline(year, level);
    return today <= deadline ? daysBetween(today, deadline) : null;
  };
  return { department: left('department'), government: left('government') };
}
