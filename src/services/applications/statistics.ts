/**
 * Tables 三 and 四 of the annual report from the application and appeal records, computed by
 * the core's statistics for any year (carry-over included), and the cases behind each cell.
 */
import {
  computeAppealsTable,
  computeApplicationTable,
  type AppealRecord,
  type ApplicationCaseRecord,
  type ComputedAppealsTable,
  type ComputedApplicationTable,
} from '../../core/applications/statistics.js';
import { figurePaths, type FigureSource, type ReportDraft } from '../../core/report/draft.js';
import {
  APPEAL_COLUMN_KEYS,
  APPEAL_GROUP_KEYS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  type AppealColumnKey,
  type AppealGroupKey,
  type ApplicantColumnKey,
  type ApplicationColumnKey,
  type ApplicationRowKey,
  type AppealOutcomeKey,
  type OutcomeRowKey,
} from '../../core/report/format.js';
import { invalidField } from '../../core/errors.js';
import type { Db } from '../../store/database.js';
import * as repo from '../../store/repositories/applications.js';
import type { ServiceContext } from '../context.js';
import { applicantKindLabel, channelLabel, outcomeLabel, phaseLabel } from './model.js';

const recordOf = (row: repo.StatisticsRow): ApplicationCaseRecord => ({
  id: row.id,
  applicant: row.applicant_kind as ApplicantColumnKey,
  receivedOn: row.received_on,
  outcome: row.outcome as OutcomeRowKey | null,
  outcomeOn: row.outcome_on,
});

const appealRecordOf = (row: repo.AppealRow): AppealRecord => ({
  id: row.id,
  kind: row.kind as AppealRecord['kind'],
  afterReview: row.after_review === 1,
  filedOn: row.filed_on,
  outcome: row.outcome as AppealOutcomeKey,
  decidedOn: row.decided_on,
});

/** Table 三 of one agency-year. */
export async function applicationTableOf(
  db: Db,
  agencyId: string,
  year: number,
): Promise<ComputedApplicationTable> {
  const rows = await repo.statisticsRowsOfAgency(db, agencyId, year);
  return computeApplicationTable(rows.map(recordOf), year);
}

/** Table 三 of every agency for one year (the supervisor's and the bench's view). */
export async function applicationTablesOfYear(
  db: Db,
  year: number,
): Promise<Map<string, ComputedApplicationTable>> {
  const rows = await repo.statisticsRowsOfYear(db, year);
  const byAgency = new Map<string, ApplicationCaseRecord[]>();
  for (const row of rows) {
    const list = byAgency.get(row.agency_id) ?? [];
    list.push(recordOf(row));
    byAgency.set(row.agency_id, list);
  }
  return new Map(
    [...byAgency].map(([id, records]) => [id, computeApplicationTable(records, year)]),
  );
}

/** Table 四 of one agency-year. */
export async function appealsTableOf(
  db: Db,
  agencyId: string,
  year: number,
): Promise<ComputedAppealsTable> {
  const rows = await repo.appealsFiledIn(db, agencyId, year);
  return computeAppealsTable(rows.map(appealRecordOf), year);
}

/**
 * The figures of tables 三 and 四 computed from the records, when the agency has records that
 * count in that year; null otherwise (the figures stay as typed, e.g. for years before the
 * agency used gongkai).
 */
export async function computedFigures(
  db: Db,
  agencyId: string,
  year: number,
): Promise<{
  applications: ComputedApplicationTable;
  appeals: ComputedAppealsTable;
  count: number;
} | null> {
  const rows = await repo.statisticsRowsOfAgency(db, agencyId, year);
  const appealRows = await repo.appealsFiledIn(db, agencyId, year);
  if (rows.length === 0 && appealRows.length === 0) return null;
  return {
    applications: computeApplicationTable(rows.map(recordOf), year),
    appeals: computeAppealsTable(appealRows.map(appealRecordOf), year),
    count: rows.length + appealRows.length,
  };
}

/**
 * The draft with tables 三 and 四 replaced by the figures computed from the records and marked
 * computed (so they cannot be edited by hand), or the draft unchanged when there are none.
 */
export async function withComputedFigures(
  db: Db,
  agencyId: string,
  year: number,
  draft: ReportDraft,
  at: string,
): Promise<ReportDraft> {
  if (draft.caseFigures?.mode === 'manual') return draft;
  const computed = await computedFigures(db, agencyId, year);
  if (!computed) return draft;
  const basis = `本机关 ${computed.count} 条申请及复议、诉讼记录`;
  const source: FigureSource = { kind: 'computed', at, basis };
  const figureSources = { ...draft.figureSources };
  for (const path of figurePaths()) {
    if (path.startsWith('applications.') || path.startsWith('appeals.')) {
      figureSources[path] = source;
    }
  }
  return {
    ...draft,
    figures: {
      ...draft.figures,
      applications: computed.applications.figures,
      appeals: computed.appeals.figures,
    },
    figureSources,
  };
}

export interface CellCase {
  id: string;
  number: string;
  applicantName: string;
  applicantKindLabel: string;
  channelLabel: string;
  receivedOn: string;
  status: string;
  outcomeLabel: string | null;
  outcomeOn: string | null;
  /** For a table 四 cell: the review or lawsuit. */
  appeal: {
    id: string;
    kind: string;
    filedOn: string;
    body: string;
    decidedOn: string | null;
  } | null;
}

export interface CellCases {
  table: 'applications' | 'appeals';
  year: number;
  row: string;
  column: string;
  count: number;
  cases: CellCase[];
}

/**
 * The records that make up one cell of table 三 or 四 (click-through from the report), e.g.
 * `applications`, `partially_disclosed`, `natural_person`.
 */
export async function cellCases(
  ctx: ServiceContext,
  agencyId: string,
  year: number,
  table: 'applications' | 'appeals',
  row: string,
  column: string,
): Promise<CellCases> {
  const db = ctx.store.db;
  let ids: string[];
  let appeals: repo.AppealRow[] = [];
  if (table === 'applications') {
    if (!APPLICATION_ROW_KEYS.includes(row as ApplicationRowKey)) {
      throw invalidField('row', `表三没有“${row}”这一行。`);
    }
    if (!APPLICATION_COLUMN_KEYS.includes(column as ApplicationColumnKey)) {
      throw invalidField('column', `表三没有“${column}”这一列。`);
    }
    const computed = await applicationTableOf(db, agencyId, year);
    ids = computed.cases[row as ApplicationRowKey][column as ApplicationColumnKey];
  } else {
    if (!APPEAL_GROUP_KEYS.includes(row as AppealGroupKey)) {
      throw invalidField('row', `表四没有“${row}”这一行。`);
    }
    if (!APPEAL_COLUMN_KEYS.includes(column as AppealColumnKey)) {
      throw invalidField('column', `表四没有“${column}”这一列。`);
    }
    const computed = await appealsTableOf(db, agencyId, year);
    const appealIds = computed.cases[row as AppealGroupKey][column as AppealColumnKey];
    appeals = (await repo.appealsFiledIn(db, agencyId, year)).filter((a) =>
      appealIds.includes(a.id),
    );
    ids = [...new Set(appeals.map((a) => a.application_id))];
  }
  const rows = await repo.listApplicationsByIds(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const caseOf = (r: repo.ApplicationRow, appeal: repo.AppealRow | null): CellCase => ({
    id: r.id,
    number: r.number,
    applicantName: r.applicant_name,
    applicantKindLabel: applicantKindLabel(r.applicant_kind),
    channelLabel: channelLabel(r.channel),
    receivedOn: r.received_on,
    status: phaseLabel(r.status),
    outcomeLabel: r.outcome ? outcomeLabel(r.outcome) : null,
    outcomeOn: r.outcome_on,
    appeal: appeal
      ? {
          id: appeal.id,
          kind: appeal.kind,
          filedOn: appeal.filed_on,
          body: appeal.body,
          decidedOn: appeal.decided_on,
        }
      : null,
  });
  const cases =
    table === 'applications'
      ? rows.map((r) => caseOf(r, null))
      : appeals.map((a) => caseOf(byId.get(a.application_id)!, a));
  return { table, year, row, column, count: cases.length, cases };
}
