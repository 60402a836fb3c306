/**
 * A report being written in gongkai. The draft holds only what people write or count — the
 * narrative and the leaf figures — and the report is built from it with every total computed,
 * so no figure is ever typed twice. Each figure remembers where it came from: typed by hand
 * (who, when) or computed from the agency's records (then locked).
 */
import {
  APPEAL_GROUP_KEYS,
  APPEAL_OUTCOME_KEYS,
  APPLICANT_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  PROACTIVE_GROUPS,
  SECTION_DEFINITIONS,
} from './format.js';
import {
  buildAppealsTable,
  buildApplicationTable,
  buildProactiveTable,
  zeroAppealFigures,
  zeroApplicationFigures,
  zeroProactiveFigures,
  type AgencyLevel,
  type AnnualReport,
  type AppealFigures,
  type ApplicationFigures,
  type ProactiveFigures,
  type ReportSection,
} from './model.js';

export interface DraftFigures {
  proactive: ProactiveFigures;
  applications: ApplicationFigures;
  appeals: AppealFigures;
}

export type FigureSource =
  { kind: 'manual'; by: string; at: string } | { kind: 'computed'; at: string; basis: string };

/**
 * Where tables 三 and 四 come from. `records`: computed from the agency's application and
 * appeal records (and locked). `manual`: typed by hand — for an agency that came to gongkai
 * part way through the year, whose earlier cases are not in the system; a reason is required.
 */
export interface CaseFiguresChoice {
  mode: 'records' | 'manual';
  reason?: string;
}

export interface ReportDraft {
  /** Absent means `records` whenever the agency has records for the year. */
  caseFigures?: CaseFiguresChoice;
  title: string;
  preamble: string;
  sections: ReportSection[];
  closing: string;
  figures: DraftFigures;
  /** Keyed by figure path, e.g. `applications.received.natural_person`. */
  figureSources: Record<string, FigureSource>;
}

export interface DraftAgency {
  name: string;
  level: AgencyLevel;
  address: string;
  postcode: string;
  phone: string;
  email: string;
}

/** Every leaf figure's path, in the order of the official tables. */
export function figurePaths(): string[] {
  const paths: string[] = [];
  for (const g of PROACTIVE_GROUPS) {
    for (const r of g.rows) for (const c of g.columns) paths.push(`proactive.${r.key}.${c.key}`);
  }
  for (const r of APPLICATION_ROW_KEYS) {
    if (r === 'total') continue;
    for (const c of APPLICANT_COLUMN_KEYS) paths.push(`applications.${r}.${c}`);
  }
  for (const g of APPEAL_GROUP_KEYS)
    for (const o of APPEAL_OUTCOME_KEYS) paths.push(`appeals.${g}.${o}`);
  return paths;
}

/** Reads a leaf figure by path (`table.row.column`; table 三 rows contain a dot themselves). */
export function figureAt(figures: DraftFigures, path: string): number | undefined {
  const [table, ...rest] = path.split('.');
  const column = rest.pop();
  const row = rest.join('.');
  if (!table || !column || !row) return undefined;
  const t = (figures as unknown as Record<string, Record<string, Record<string, number>>>)[table];
  return t?.[row]?.[column];
}

export function setFigureAt(figures: DraftFigures, path: string, value: number): void {
  const [table, ...rest] = path.split('.');
  const column = rest.pop()!;
  const row = rest.join('.');
  const t = (figures as unknown as Record<string, Record<string, Record<string, number>>>)[table!];
  if (!t?.[row] || !(column in t[row])) throw new Error(`unknown figure ${path}`);
  t[row][column] = value;
}

export function defaultTitle(agency: string, year: number): string {
  return `${agency}${year}年政府信息公开工作年度报告`;
}

/** The usual opening paragraph, filled in from the agency's profile. */
export function defaultPreamble(agency: DraftAgency, year: number): string {
  const contact = [
    agency.address && `地址：${agency.address}`,
    agency.postcode && `邮编：${agency.postcode}`,
    agency.phone && `电话：${agency.phone}`,
    agency.email && `电子邮箱：${agency.email}`,
  ].filter(Boolean);
  return (
    `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。` +
    `本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。` +
    `如对本报告有疑问，请与${agency.name}联系${contact.length ? `（${contact.join('；')}）` : ''}。`
  );
}

/** A fresh draft: the official sections with empty narrative, every figure zero. */
export function newDraft(agency: DraftAgency, year: number): ReportDraft {
  return {
    title: defaultTitle(agency.name, year),
    preamble: defaultPreamble(agency, year),
    sections: SECTION_DEFINITIONS.map((s) => ({
      key: s.key,
      number: s.number,
      title: s.title,
      text: '',
    })),
    closing: agency.name,
    figures: {
      proactive: zeroProactiveFigures(),
      applications: zeroApplicationFigures(),
      appeals: zeroAppealFigures(),
    },
    figureSources: {},
  };
}

/** The report a draft stands for, with every derived figure computed. */
export function reportFromDraft(
  draft: ReportDraft,
  meta: { agency: string; level: AgencyLevel; year: number; publishedOn: string | null },
): AnnualReport {
  return {
    agency: meta.agency,
    agencyLevel: meta.level,
    year: meta.year,
    publishedOn: meta.publishedOn,
    title: draft.title,
    format: '2021',
    preamble: draft.preamble,
    sections: draft.sections,
    closing: draft.closing,
    tables: {
      proactive: buildProactiveTable(draft.figures.proactive),
      applications: buildApplicationTable(draft.figures.applications),
      appeals: buildAppealsTable(draft.figures.appeals),
    },
  };
}

/** A draft to correct a published report: its narrative and leaf figures (blank cells as 0). */
export function draftFromReport(report: AnnualReport): ReportDraft {
  const figures: DraftFigures = {
    proactive: zeroProactiveFigures(),
    applications: zeroApplicationFigures(),
    appeals: zeroAppealFigures(),
  };
  const read = (
    table: Record<string, Record<string, number | null> | undefined>,
    row: string,
    col: string,
  ) => table[row]?.[col] ?? 0;
  for (const path of figurePaths()) {
    const [table, ...rest] = path.split('.');
    const column = rest.pop()!;
    const row = rest.join('.');
    const source = report.tables[table as keyof AnnualReport['tables']] as Record<
      string,
      Record<string, number | null> | undefined
    >;
    setFigureAt(figures, path, read(source, row, column));
  }
  return {
    title: report.title ?? defaultTitle(report.agency, report.year),
    preamble: report.preamble,
    sections: structuredClone(report.sections),
    closing: report.closing,
    figures,
    figureSources: {},
  };
}

export interface FigureChange {
  path: string;
  before: number | undefined;
  after: number | undefined;
}

/** Figures that differ between two drafts. */
export function changedFigures(before: DraftFigures, after: DraftFigures): FigureChange[] {
  return figurePaths()
    .map((path) => ({ path, before: figureAt(before, path), after: figureAt(after, path) }))
    .filter((c) => c.before !== c.after);
}

/**
 * Applies an edit: figures that changed become "typed by hand" by `by` at `at`; a computed
 * figure cannot be changed (the records it comes from must change instead). Returns the
 * paths of computed figures the edit tried to change.
 */
export function applyDraftEdit(
  current: ReportDraft,
  edit: Omit<ReportDraft, 'figureSources'>,
  by: string,
  at: string,
): { draft: ReportDraft; lockedChanges: string[] } {
  const changes = changedFigures(current.figures, edit.figures);
  // Choosing to type tables 三 and 四 by hand unlocks them in the same edit.
  const unlocked = edit.caseFigures?.mode === 'manual';
  const lockedChanges = unlocked
    ? []
    : changes.filter((c) => current.figureSources[c.path]?.kind === 'computed').map((c) => c.path);
  const figureSources = { ...current.figureSources };
  if (unlocked) {
    for (const [path, source] of Object.entries(figureSources)) {
      if (source.kind === 'computed') delete figureSources[path];
    }
  }
  for (const c of changes) figureSources[c.path] = { kind: 'manual', by, at };
  return { draft: { ...edit, figureSources }, lockedChanges };
}

/** Checks each leaf figure is a non-negative integer (fees: non-negative, 4 decimals at most). */
export function figureProblems(figures: DraftFigures): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  for (const path of figurePaths()) {
    const value = figureAt(figures, path);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push({ path, message: '请填写数字。' });
    } else if (path === 'proactive.administrative_fees.amount_wan_yuan') {
      if (value < 0) problems.push({ path, message: '收费金额不能为负数。' });
      else if (Math.round(value * 10_000) !== value * 10_000) {
        problems.push({ path, message: '收费金额以万元为单位，最多保留 4 位小数（即精确到元）。' });
      }
    } else if (!Number.isInteger(value) || value < 0) {
      problems.push({ path, message: '件数须为非负整数。' });
    }
  }
  return problems;
}
