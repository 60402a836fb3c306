/**
 * The one model of an annual report. A report computed by gongkai, one typed in by hand and
 * one read back from a published document are all this shape, and the same validation judges
 * them.
 *
 * Tables are maps keyed exactly as GLOSSARY.md. They are partial on purpose: a published
 * report may lack a row or a column, and the model must be able to say so (validation then
 * reports `missing-row` / `missing-column`). A cell is a number, or null when the document has
 * the cell but no readable value. Reports built by gongkai are always complete; use the
 * builders below, which compute every derived figure (each row's 总计, （七）总计, the 总计 of
 * 行政复议 and 行政诉讼) so that nothing is typed twice.
 */
import {
  APPEAL_GROUP_KEYS,
  APPEAL_OUTCOME_KEYS,
  APPLICANT_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  OUTCOME_ROW_KEYS,
  PROACTIVE_GROUPS,
  type AppealColumnKey,
  type AppealGroupKey,
  type AppealOutcomeKey,
  type ApplicantColumnKey,
  type ApplicationColumnKey,
  type ApplicationRowKey,
  type ProactiveRowKey,
  type SectionKey,
} from './format.js';

/** A figure in a table: a number, or null where the document has the cell but no value. */
export type Cell = number | null;

export interface ProactiveTable {
  regulations?: { issued?: Cell; repealed?: Cell; in_force?: Cell };
  normative_documents?: { issued?: Cell; repealed?: Cell; in_force?: Cell };
  licensing?: { decisions?: Cell };
  penalty?: { decisions?: Cell };
  coercion?: { decisions?: Cell };
  administrative_fees?: { amount_wan_yuan?: Cell };
}

export type ApplicationRow = Partial<Record<ApplicationColumnKey, Cell>>;
export type ApplicationTable = Partial<Record<ApplicationRowKey, ApplicationRow>>;

export type AppealRow = Partial<Record<AppealColumnKey, Cell>>;
export type AppealsTable = Partial<Record<AppealGroupKey, AppealRow>>;

export interface ReportTables {
  proactive: ProactiveTable;
  applications: ApplicationTable;
  appeals: AppealsTable;
}

export interface ReportSection {
  /** Which of the official sections 一–六 this is; null for an added one (e.g. 七、相关说明). */
  key: SectionKey | null;
  /** The Chinese ordinal as printed: 一, 二, … */
  number: string;
  title: string;
  /** The narrative as plain text; paragraphs separated by "\n". */
  text: string;
  /** The narrative as sanitised HTML, when it was written in the rich-text editor. */
  html?: string;
}

/**
 * 部门 (a department of a government: report due 31 January) or 政府 (a government's own
 * report, compiled by its disclosure authority: due 31 March) — 条例第四十九条.
 */
export type AgencyLevel = 'department' | 'government';

/** Which official layout the tables follow. 2019 = 国办公开办函〔2019〕60号 (superseded). */
export type ReportFormat = '2021' | '2019';

export interface AnnualReport {
  /** The name of the body the report is about, as printed (e.g. 中卫市科学技术局). */
  agency: string;
  agencyLevel: AgencyLevel | null;
  /** The year the report covers (not the year it was published). */
  year: number;
  /** The publication date, YYYY-MM-DD, or null when unknown. */
  publishedOn: string | null;
  /** The title as printed, e.g. 中卫市科学技术局2023年政府信息公开工作年度报告. */
  title: string | null;
  format: ReportFormat;
  /** Text between the title and section 一 (basis, statistics period, where to download). */
  preamble: string;
  sections: ReportSection[];
  tables: ReportTables;
  /** Signature block and date at the end, if any. */
  closing: string;
}

// ---------------------------------------------------------------------------------------------
// Builders: leaf figures in, complete tables with every derived figure computed out.
// ---------------------------------------------------------------------------------------------

/** Table 三 as entered: the six applicant columns of every non-derived row. */
export type ApplicationFigures = Record<
  Exclude<ApplicationRowKey, 'total'>,
  Record<ApplicantColumnKey, number>
>;

/** Table 四 as entered: the four outcomes of each group. */
export type AppealFigures = Record<AppealGroupKey, Record<AppealOutcomeKey, number>>;

export interface ProactiveFigures {
  regulations: { issued: number; repealed: number; in_force: number };
  normative_documents: { issued: number; repealed: number; in_force: number };
  licensing: { decisions: number };
  penalty: { decisions: number };
  coercion: { decisions: number };
  administrative_fees: { amount_wan_yuan: number };
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Table 三 with each row's 总计 and the （七）总计 row computed. */
export function buildApplicationTable(figures: ApplicationFigures): ApplicationTable {
  const table: ApplicationTable = {};
  const withTotal = (row: Record<ApplicantColumnKey, number>): ApplicationRow => ({
    ...row,
    total: sum(APPLICANT_COLUMN_KEYS.map((c) => row[c])),
  });
  const outcomeTotal = Object.fromEntries(
    APPLICANT_COLUMN_KEYS.map((c) => [c, sum(OUTCOME_ROW_KEYS.map((r) => figures[r][c]))]),
  ) as Record<ApplicantColumnKey, number>;
  for (const key of APPLICATION_ROW_KEYS) {
    table[key] = withTotal(key === 'total' ? outcomeTotal : figures[key]);
  }
  return table;
}

/** Table 四 with the 总计 of 行政复议 and of each kind of 行政诉讼 computed. */
export function buildAppealsTable(figures: AppealFigures): AppealsTable {
  const table: AppealsTable = {};
  for (const group of APPEAL_GROUP_KEYS) {
    const row = figures[group];
    table[group] = { ...row, total: sum(APPEAL_OUTCOME_KEYS.map((k) => row[k])) };
  }
  return table;
}

export function buildProactiveTable(figures: ProactiveFigures): ProactiveTable {
  return structuredClone(figures);
}

/** Figures of an empty year: every count zero. */
export function zeroApplicationFigures(): ApplicationFigures {
  return Object.fromEntries(
    APPLICATION_ROW_KEYS.filter((k) => k !== 'total').map((k) => [
      k,
      Object.fromEntries(APPLICANT_COLUMN_KEYS.map((c) => [c, 0])),
    ]),
  ) as ApplicationFigures;
}

export function zeroAppealFigures(): AppealFigures {
  return Object.fromEntries(
    APPEAL_GROUP_KEYS.map((g) => [g, { upheld: 0, corrected: 0, other: 0, pending: 0 }]),
  ) as AppealFigures;
}

export function zeroProactiveFigures(): ProactiveFigures {
  const figures = Object.fromEntries(
    PROACTIVE_GROUPS.flatMap((g) =>
      g.rows.map((r) => [r.key, Object.fromEntries(g.columns.map((c) => [c.key, 0]))]),
    ),
  );
  return figures as unknown as ProactiveFigures;
}

/** Reads a table 二 cell by row and column key. */
export function proactiveCell(
  table: ProactiveTable,
  row: ProactiveRowKey,
  column: string,
): Cell | undefined {
  const r = table[row] as Record<string, Cell | undefined> | undefined;
  return r?.[column];
}
