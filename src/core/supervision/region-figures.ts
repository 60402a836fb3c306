/**
 * A region's figures from its agencies' reports: the three tables summed (each figure with the
 * agencies that make it), the mixes a supervisor compares, and an agency against the region's
 * median on the shares that matter.
 */
import { cellValue, REPORT_CELLS } from '../report/cells.js';
import {
  APPEAL_GROUP_KEYS,
  APPEAL_OUTCOME_KEYS,
  APPLICANT_COLUMN_KEYS,
  OUTCOME_GROUPS,
  OUTCOME_ROW_KEYS,
} from '../report/format.js';
import type { ReportTables } from '../report/model.js';

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export interface SummedCell {
  key: string;
  value: number;
  /** How many reports give this cell a number. */
  reporting: number;
}

type TableCells = Record<string, Record<string, unknown> | undefined>;

/** Every cell of the three tables summed over the reports (amounts to 4 decimals). */
export function sumReportTables(
  reports: readonly { agencyId: string; tables: ReportTables }[],
): Map<string, SummedCell> {
  const values = new Float64Array(REPORT_CELLS.length);
  const counts = new Int32Array(REPORT_CELLS.length);
  for (const r of reports) {
    for (let i = 0; i < REPORT_CELLS.length; i++) {
      const cell = REPORT_CELLS[i]!;
      const v = (r.tables[cell.table] as TableCells)[cell.row]?.[cell.column];
      if (typeof v === 'number' && Number.isFinite(v)) {
        values[i]! += v;
        counts[i]!++;
      }
    }
  }
  const cells = new Map<string, SummedCell>();
  REPORT_CELLS.forEach((cell, i) => {
    const value = cell.amount ? Math.round(values[i]! * 10_000) / 10_000 : values[i]!;
    cells.set(cell.key, { key: cell.key, value, reporting: counts[i]! });
  });
  return cells;
}

/** The agencies that make one summed cell, and those whose reports lack it or left it unreadable. */
export function cellContributors(
  reports: readonly { agencyId: string; tables: ReportTables }[],
  key: string,
): { contributors: { agencyId: string; value: number }[]; missing: string[] } {
  const cell = REPORT_CELLS.find((c) => c.key === key);
  const contributors: { agencyId: string; value: number }[] = [];
  const missing: string[] = [];
  if (!cell) return { contributors, missing };
  for (const r of reports) {
    const v = cellValue(r.tables, cell);
    if (isNumber(v)) contributors.push({ agencyId: r.agencyId, value: v });
    else missing.push(r.agencyId);
  }
  return { contributors, missing };
}

/** （一）…（六） of table 三 summed straight from the reports (for many years at once). */
export function outcomeMixOf(reports: readonly { tables: ReportTables }[]): MixEntry[] {
  const sums = new Map<string, number>();
  for (const r of reports) {
    const a = r.tables.applications;
    for (const row of OUTCOME_ROW_KEYS) {
      const v = a[row]?.total;
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      const group = row.split('.')[0]!;
      sums.set(group, (sums.get(group) ?? 0) + v);
    }
  }
  return OUTCOME_GROUPS.filter((g) => g.key !== 'total').map((g) => ({
    key: g.key,
    label: g.label.replace(/（.*$/, ''),
    value: sums.get(g.key) ?? 0,
  }));
}

export interface MixEntry {
  key: string;
  label: string;
  value: number;
}

const get = (cells: ReadonlyMap<string, SummedCell>, key: string): number =>
  cells.get(key)?.value ?? 0;

/** （一）…（六） of table 三, each group's 总计 summed. */
export function outcomeMix(cells: ReadonlyMap<string, SummedCell>): MixEntry[] {
  return OUTCOME_GROUPS.filter((g) => g.key !== 'total').map((g) => ({
    key: g.key,
    label: g.label.replace(/（.*$/, ''),
    value: OUTCOME_ROW_KEYS.filter((r) => r === g.key || r.startsWith(`${g.key}.`)).reduce(
      (sum, r) => sum + get(cells, `applications.${r}.total`),
      0,
    ),
  }));
}

const APPLICANT_LABELS: Record<string, string> = {
  natural_person: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  nonprofit: '社会公益组织',
  legal_service: '法律服务机构',
  other: '其他',
};

/** Who applied: 一、本年新收 by applicant column. */
export function applicantMix(cells: ReadonlyMap<string, SummedCell>): MixEntry[] {
  return APPLICANT_COLUMN_KEYS.map((c) => ({
    key: c,
    label: APPLICANT_LABELS[c]!,
    value: get(cells, `applications.received.${c}`),
  }));
}

const APPEAL_OUTCOME_LABELS: Record<string, string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
};

/** Table 四's outcomes, reviews and lawsuits together. */
export function appealOutcomes(cells: ReadonlyMap<string, SummedCell>): MixEntry[] {
  return APPEAL_OUTCOME_KEYS.map((o) => ({
    key: o,
    label: APPEAL_OUTCOME_LABELS[o]!,
    value: APPEAL_GROUP_KEYS.reduce((sum, g) => sum + get(cells, `appeals.${g}.${o}`), 0),
  }));
}

export interface ReportRatios {
  /** （三）不予公开 ÷ （七）总计. */
  withheldShare: number | null;
  /** （四）无法提供 ÷ （七）总计. */
  unableShare: number | null;
  /** 结果纠正 ÷ (总计 − 尚未审结), reviews and lawsuits together. */
  correctionRate: number | null;
}

export const RATIO_LABELS: Record<keyof ReportRatios, string> = {
  withheldShare: '不予公开占比',
  unableShare: '无法提供占比',
  correctionRate: '复议诉讼纠错率',
};

const share = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;

/** The shares of one report; null where the denominator is 0 or a figure is unreadable. */
export function reportRatios(tables: ReportTables): ReportRatios {
  const a = tables.applications;
  const total = a.total?.total;
  const groupSum = (group: string): number | null => {
    let sum = 0;
    for (const r of OUTCOME_ROW_KEYS) {
      if (!r.startsWith(`${group}.`)) continue;
      const v = a[r]?.total;
      if (!isNumber(v)) return null;
      sum += v;
    }
    return sum;
  };
  const withheld = groupSum('withheld');
  const unable = groupSum('unable');
  let corrected = 0;
  let decided = 0;
  let appealsReadable = true;
  for (const g of APPEAL_GROUP_KEYS) {
    const row = tables.appeals[g];
    const t = row?.total;
    const p = row?.pending;
    const c = row?.corrected;
    if (!isNumber(t) || !isNumber(p) || !isNumber(c)) {
      appealsReadable = false;
      continue;
    }
    corrected += c;
    decided += t - p;
  }
  return {
    withheldShare: isNumber(total) && withheld !== null ? share(withheld, total) : null,
    unableShare: isNumber(total) && unable !== null ? share(unable, total) : null,
    correctionRate: appealsReadable ? share(corrected, decided) : null,
  };
}

/** The median of the numbers given (null for none). */
export function median(values: readonly (number | null)[]): number | null {
  const xs = values.filter(isNumber).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  const m = xs.length % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
  return Math.round(m * 10_000) / 10_000;
}

/** The region's medians of each share over the reports that have one. */
export function regionMedians(ratios: readonly ReportRatios[]): ReportRatios {
  return {
    withheldShare: median(ratios.map((r) => r.withheldShare)),
    unableShare: median(ratios.map((r) => r.unableShare)),
    correctionRate: median(ratios.map((r) => r.correctionRate)),
  };
}
