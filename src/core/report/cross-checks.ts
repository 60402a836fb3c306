/**
 * Checks of a report against other reports — the same body's previous year, and for a
 * government that states its region's total, its departments' reports of the same year. Part
 * of the one validation (validateReport takes them in `across`), so the workspace, the reader
 * and the supervisor's console judge alike. Pure: the other reports are passed in.
 */
import { APPLICATION_COLUMN_KEYS } from './format.js';
import type { Finding } from './findings.js';
import { applicationColumnName } from './labels.js';
import { cellName, cellValue, REPORT_CELLS, type CellDefinition } from './cells.js';
import { inferAgencyLevel } from './deadline.js';
import type { AnnualReport } from './model.js';

export interface CrossReportContext {
  /** The same body's report on the year before, when there is one. */
  previous?: AnnualReport | null;
  /**
   * year-on-year: a figure that grew or shrank by more than this factor against the previous
   * year is shown (info) for a person to look at. Default 3.
   */
  yearOnYearFactor?: number;
  /** …and only when the larger of the two figures is at least this. Default 10. */
  yearOnYearMinimum?: number;
  /**
   * For a government's report: the reports of the same year of the departments of that
   * government, and how many departments it has (to know whether the sum is complete).
   */
  departments?: { reports: readonly AnnualReport[]; count: number };
}

export const DEFAULT_YEAR_ON_YEAR_FACTOR = 3;
export const DEFAULT_YEAR_ON_YEAR_MINIMUM = 10;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** carry-over-mismatch: year Y's 二、上年结转 equals year Y−1's 四、结转下年度, per column. */
export function checkCarryOver(report: AnnualReport, previous: AnnualReport): Finding[] {
  if (previous.year !== report.year - 1) return [];
  const findings: Finding[] = [];
  for (const column of APPLICATION_COLUMN_KEYS) {
    const now = report.tables.applications.carried_over?.[column];
    const before = previous.tables.applications.carried_forward?.[column];
    if (!isNumber(now) || !isNumber(before) || now === before) continue;
    findings.push({
      code: 'carry-over-mismatch',
      severity: 'warning',
      location: { table: 'applications', row: 'carried_over', column },
      message: `表三“二、上年结转政府信息公开申请数量”“${applicationColumnName(column)}”列为 ${now}，而${previous.year}年度报告“四、结转下年度继续办理”同列为 ${before}：上一年度结转下年度的申请，应为本年度的上年结转（国办公开办函〔2021〕30号）。请核对两份报告，更正有误的一份。`,
    });
  }
  return findings;
}

/** The cells year-on-year compares: every figure a person reads as a count of the year. */
const YEAR_ON_YEAR_CELLS: readonly CellDefinition[] = REPORT_CELLS.filter(
  (c) =>
    c.table === 'proactive' ||
    (c.table === 'applications' && c.column === 'total') ||
    (c.table === 'appeals' && c.column === 'total'),
);

/** year-on-year: a figure that changed by more than `factor` against the year before (info). */
export function checkYearOnYear(
  report: AnnualReport,
  previous: AnnualReport,
  factor = DEFAULT_YEAR_ON_YEAR_FACTOR,
  minimum = DEFAULT_YEAR_ON_YEAR_MINIMUM,
): Finding[] {
  if (previous.year !== report.year - 1 || !(factor > 1)) return [];
  const findings: Finding[] = [];
  for (const cell of YEAR_ON_YEAR_CELLS) {
    const now = cellValue(report.tables, cell);
    const before = cellValue(previous.tables, cell);
    if (!isNumber(now) || !isNumber(before)) continue;
    if (Math.max(now, before) < minimum) continue;
    const grew = now > before * factor;
    const shrank = before > now * factor;
    if (!grew && !shrank) continue;
    const ratio = Math.round((grew ? now / before : before / now) * 10) / 10;
    const change =
      before === 0
        ? `由 0 增至 ${now}`
        : now === 0
          ? `由 ${before} 降至 0`
          : grew
            ? `由 ${before} 增至 ${now}（为上年的 ${ratio} 倍）`
            : `由 ${before} 降至 ${now}（为上年的 1/${ratio}）`;
    findings.push({
      code: 'year-on-year',
      severity: 'info',
      location: { table: cell.table, row: cell.row, column: cell.column },
      message: `${cellName(cell)}与${previous.year}年度相比${change}，变化超过 ${factor} 倍：请核对是否填写有误，或在报告中说明原因。`,
    });
  }
  return findings;
}

/**
 * Where a government's report says its tables are its region's total (汇总各单位…, 全县共受理…):
 * the sentence that says so, or null.
 */
export function regionTotalStatement(report: AnnualReport): string | null {
  const texts = [report.preamble, ...report.sections.map((s) => s.text)];
  const patterns = [
    /[^。；\n]{0,30}汇总[^。；\n]{0,40}(各|所属|有关)[^。；\n]{0,20}(单位|部门|机关)[^。；\n]{0,30}/,
    /[^。；\n]{0,20}全(县|市|区|旗|州|盟|省)(全年)?[^。；\n]{0,6}共?(受理|收到|新收)[^。；\n]{0,12}申请[^。；\n]{0,30}/,
  ];
  for (const text of texts) {
    for (const pattern of patterns) {
      const m = pattern.exec(text);
      if (m) return m[0].trim();
    }
  }
  return null;
}

/**
 * region-total-mismatch: a government that states its tables are its region's total cannot
 * show less than its departments' reports add up to. A figure above their sum is not a defect
 * (the government's own office, and bodies not in gongkai, count too); with every department's
 * report in hand, the difference is given once as info.
 */
export function checkRegionTotal(
  report: AnnualReport,
  departments: { reports: readonly AnnualReport[]; count: number },
): Finding[] {
  const level = report.agencyLevel ?? inferAgencyLevel(report.agency);
  if (level !== 'government' || departments.reports.length === 0) return [];
  const statement = regionTotalStatement(report);
  if (!statement) return [];
  const complete = departments.reports.length >= departments.count;
  const findings: Finding[] = [];
  let above = 0;
  let example: string | null = null;
  for (const cell of REPORT_CELLS) {
    const stated = cellValue(report.tables, cell);
    if (!isNumber(stated)) continue;
    let sum = 0;
    for (const d of departments.reports) {
      const v = cellValue(d.tables, cell);
      if (isNumber(v)) sum += v;
    }
    sum = cell.amount ? Math.round(sum * 10_000) / 10_000 : sum;
    if (stated < sum) {
      findings.push({
        code: 'region-total-mismatch',
        severity: 'warning',
        location: { table: cell.table, row: cell.row, column: cell.column, excerpt: statement },
        message: `报告说明其数据为本地区汇总（“${statement}”），但${cellName(cell)}为 ${stated}，少于所属 ${departments.reports.length} 个部门报告之和 ${sum}：汇总数不应小于其组成部分之和，请核对。`,
      });
    } else if (complete && stated > sum && cell.key === 'applications.received.total') {
      above = stated - sum;
      example = `${cellName(cell)}为 ${stated}，所属部门之和为 ${sum}`;
    }
  }
  if (example) {
    findings.push({
      code: 'region-total-mismatch',
      severity: 'info',
      location: { table: 'applications', row: 'received', column: 'total', excerpt: statement },
      message: `报告说明其数据为本地区汇总；${example}，多出 ${above} 件。差额可能来自本级政府及未在本系统中的单位，请核对是否完整。`,
    });
  }
  return findings;
}

/** Every check across reports that the context allows. */
export function checkAcrossReports(
  report: AnnualReport,
  context: CrossReportContext | undefined,
): Finding[] {
  if (!context) return [];
  const findings: Finding[] = [];
  if (context.previous) {
    findings.push(...checkCarryOver(report, context.previous));
    findings.push(
      ...checkYearOnYear(
        report,
        context.previous,
        context.yearOnYearFactor,
        context.yearOnYearMinimum,
      ),
    );
  }
  if (context.departments) findings.push(...checkRegionTotal(report, context.departments));
  return findings;
}
