/**
 * Tables 三 and 四 of the annual report computed from the records, for any year, together
 * with the ids of the records behind each cell (so the report can click through).
 *
 * Table 三 — an application counts
 * - in 一、本年新收 of the year it was received;
 * - in 二、上年结转 of year Y when it was received before Y and had no outcome by the end of Y−1;
 * - in exactly one outcome row （一）–（六） of the year of its outcome (the reply, the lapse or
 *   the withdrawal — not the delivery);
 * - in 四、结转下年度 of year Y when it was received by the end of Y and had no outcome by then.
 * Every application received by the end of Y and not finished before Y is therefore in 一 or
 * 二 and in （七） or 四 — so 一 + 二 = （七） + 四 holds per column by construction, and 二 of
 * Y+1 equals 四 of Y.
 *
 * Table 四 — a review or lawsuit counts in the year it was filed (申请复议 / 起诉之日), under
 * its result if decided by 31 December of that year and as 尚未审结 otherwise. It is not
 * counted again in the year it is decided (table 四 has no carry-over rows; counting it twice
 * would inflate the totals across years), so a past year's table stays as it was reported.
 */
import { isCalendarDate } from '../calendar/date.js';
import { AppError } from '../errors.js';
import {
  APPEAL_COLUMN_KEYS,
  APPEAL_GROUP_KEYS,
  APPEAL_OUTCOME_KEYS,
  APPLICANT_COLUMN_KEYS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  OUTCOME_ROW_KEYS,
  type AppealColumnKey,
  type AppealGroupKey,
  type AppealOutcomeKey,
  type ApplicantColumnKey,
  type ApplicationColumnKey,
  type ApplicationRowKey,
  type OutcomeRowKey,
} from '../report/format.js';
import {
  buildAppealsTable,
  buildApplicationTable,
  zeroAppealFigures,
  zeroApplicationFigures,
  type AppealFigures,
  type AppealsTable,
  type ApplicationFigures,
  type ApplicationTable,
} from '../report/model.js';
import type { ApplicationState } from './events.js';

/** The kind of a legal person or other organisation: its column of table 三. */
export type OrganisationKind = Exclude<ApplicantColumnKey, 'natural_person'>;

export type ApplicantCategory =
  { type: 'natural_person' } | { type: 'organisation'; kind: OrganisationKind };

/** The table 三 column of an applicant: 自然人, or the organisation's kind. */
export function applicantColumnOf(applicant: ApplicantCategory): ApplicantColumnKey {
  return applicant.type === 'natural_person' ? 'natural_person' : applicant.kind;
}

/** What statistics need of one application. */
export interface ApplicationCaseRecord {
  id: string;
  applicant: ApplicantColumnKey;
  /** The day of receipt (条例第三十一条), not of a later correction. */
  receivedOn: string;
  /** The final table 三 outcome; null while the application is open. */
  outcome: OutcomeRowKey | null;
  /** The day of that outcome; null while open. */
  outcomeOn: string | null;
}

/** The statistics record of an application from its state; null before it was received. */
export function caseRecordOf(
  id: string,
  applicant: ApplicantColumnKey,
  state: ApplicationState,
): ApplicationCaseRecord | null {
  if (!state.receipt) return null;
  return {
    id,
    applicant,
    receivedOn: state.receipt.on,
    outcome: state.outcome,
    outcomeOn: state.outcomeOn,
  };
}

export type ApplicationCellCases = Record<
  ApplicationRowKey,
  Record<ApplicationColumnKey, string[]>
>;

export interface ComputedApplicationTable {
  year: number;
  table: ApplicationTable;
  figures: ApplicationFigures;
  /** The ids of the applications in each cell, 总计 row and column included. */
  cases: ApplicationCellCases;
}

function badRecord(id: string, message: string): AppError {
  return new AppError('validation_failed', `申请记录 ${id} 有误：${message}`, { id });
}

function checkApplication(c: ApplicationCaseRecord, seen: Set<string>): void {
  if (seen.has(c.id)) throw badRecord(c.id, '编号重复。');
  seen.add(c.id);
  if (!APPLICANT_COLUMN_KEYS.includes(c.applicant)) {
    throw badRecord(c.id, `申请人类别“${String(c.applicant)}”无效。`);
  }
  if (!isCalendarDate(c.receivedOn)) throw badRecord(c.id, `收到日期“${c.receivedOn}”无效。`);
  if ((c.outcome === null) !== (c.outcomeOn === null)) {
    throw badRecord(c.id, '办理结果和办结日期应同时填写或同时为空。');
  }
  if (c.outcome !== null && !OUTCOME_ROW_KEYS.includes(c.outcome)) {
    throw badRecord(c.id, `办理结果“${String(c.outcome)}”不是表三的类别。`);
  }
  if (c.outcomeOn !== null) {
    if (!isCalendarDate(c.outcomeOn)) throw badRecord(c.id, `办结日期“${c.outcomeOn}”无效。`);
    if (c.outcomeOn < c.receivedOn) {
      throw badRecord(c.id, `办结日期 ${c.outcomeOn} 早于收到日期 ${c.receivedOn}。`);
    }
  }
}

function emptyCells<R extends string, C extends string>(
  rows: readonly R[],
  columns: readonly C[],
): Record<R, Record<C, string[]>> {
  return Object.fromEntries(
    rows.map((r) => [r, Object.fromEntries(columns.map((c) => [c, [] as string[]]))]),
  ) as Record<R, Record<C, string[]>>;
}

/**
 * Table 三 of `year` from application records.
 *
 * @example computeApplicationTable(records, 2025).table.received?.total
 */
export function computeApplicationTable(
  cases: readonly ApplicationCaseRecord[],
  year: number,
): ComputedApplicationTable {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const cells = emptyCells(APPLICATION_ROW_KEYS, APPLICATION_COLUMN_KEYS);
  const add = (row: ApplicationRowKey, c: ApplicationCaseRecord) => {
    cells[row][c.applicant].push(c.id);
    cells[row].total.push(c.id);
  };
  const seen = new Set<string>();
  for (const c of cases) {
    checkApplication(c, seen);
    if (c.receivedOn > end) continue;
    const openAt = (day: string) => c.outcomeOn === null || c.outcomeOn > day;
    if (c.receivedOn >= start) add('received', c);
    else if (openAt(`${year - 1}-12-31`)) add('carried_over', c);
    if (c.outcome !== null && c.outcomeOn !== null && c.outcomeOn >= start && c.outcomeOn <= end) {
      add(c.outcome, c);
      add('total', c);
    }
    if (openAt(end)) add('carried_forward', c);
  }
  const figures = zeroApplicationFigures();
  for (const row of APPLICATION_ROW_KEYS) {
    if (row === 'total') continue;
    for (const column of APPLICANT_COLUMN_KEYS) figures[row][column] = cells[row][column].length;
  }
  return { year, table: buildApplicationTable(figures), figures, cases: cells };
}

/** What statistics need of one administrative review or lawsuit about disclosure. */
export interface AppealRecord {
  id: string;
  kind: 'review' | 'lawsuit';
  /** For a lawsuit: brought after an administrative review (复议后起诉) rather than directly. */
  afterReview: boolean;
  /** 申请复议 / 起诉之日. */
  filedOn: string;
  /** The result; `pending` until decided. */
  outcome: AppealOutcomeKey;
  /** The day of the decision or judgment; null while pending. */
  decidedOn: string | null;
}

export type AppealCellCases = Record<AppealGroupKey, Record<AppealColumnKey, string[]>>;

export interface ComputedAppealsTable {
  year: number;
  table: AppealsTable;
  figures: AppealFigures;
  cases: AppealCellCases;
}

/** The table 四 row of an appeal. */
export function appealGroupOf(appeal: Pick<AppealRecord, 'kind' | 'afterReview'>): AppealGroupKey {
  if (appeal.kind === 'review') return 'review';
  return appeal.afterReview ? 'litigation_after_review' : 'litigation_direct';
}

function badAppeal(id: string, message: string): AppError {
  return new AppError('validation_failed', `复议诉讼记录 ${id} 有误：${message}`, { id });
}

function checkAppeal(a: AppealRecord, seen: Set<string>): void {
  if (seen.has(a.id)) throw badAppeal(a.id, '编号重复。');
  seen.add(a.id);
  if (a.kind !== 'review' && a.kind !== 'lawsuit') {
    throw badAppeal(a.id, `类别“${String(a.kind)}”无效：应为行政复议或行政诉讼。`);
  }
  if (!isCalendarDate(a.filedOn)) throw badAppeal(a.id, `申请或起诉日期“${a.filedOn}”无效。`);
  if (!APPEAL_OUTCOME_KEYS.includes(a.outcome)) {
    throw badAppeal(a.id, `结果“${String(a.outcome)}”无效。`);
  }
  if ((a.outcome === 'pending') !== (a.decidedOn === null)) {
    throw badAppeal(a.id, '尚未审结的案件没有审结日期；已审结的案件应填写审结日期。');
  }
  if (a.decidedOn !== null) {
    if (!isCalendarDate(a.decidedOn)) throw badAppeal(a.id, `审结日期“${a.decidedOn}”无效。`);
    if (a.decidedOn < a.filedOn) {
      throw badAppeal(a.id, `审结日期 ${a.decidedOn} 早于申请或起诉日期 ${a.filedOn}。`);
    }
  }
}

/**
 * Table 四 of `year`: the reviews and lawsuits filed that year, each under its result as of
 * 31 December (尚未审结 if not decided by then).
 */
export function computeAppealsTable(
  appeals: readonly AppealRecord[],
  year: number,
): ComputedAppealsTable {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const cells = emptyCells(APPEAL_GROUP_KEYS, APPEAL_COLUMN_KEYS);
  const seen = new Set<string>();
  for (const a of appeals) {
    checkAppeal(a, seen);
    if (a.filedOn < start || a.filedOn > end) continue;
    const group = appealGroupOf(a);
    const column: AppealOutcomeKey =
      a.decidedOn !== null && a.decidedOn <= end ? a.outcome : 'pending';
    cells[group][column].push(a.id);
    cells[group].total.push(a.id);
  }
  const figures = zeroAppealFigures();
  for (const group of APPEAL_GROUP_KEYS) {
    for (const column of APPEAL_OUTCOME_KEYS) figures[group][column] = cells[group][column].length;
  }
  return { year, table: buildAppealsTable(figures), figures, cases: cells };
}
