/**
 * The arithmetic and the completeness of the three tables (国办公开办函〔2021〕30号).
 *
 * A cell that is absent is reported as missing (missing-row / missing-column) and a cell that
 * is null (present in the document but unreadable) is reported as an info finding of the rule
 * that could not be checked; neither is summed as if it were zero.
 */
import type { Finding } from './findings.js';
import type { AnnualReport } from './model.js';
import { checkCompleteness } from './table-completeness.js';
import { checkCounts } from './table-counts.js';
import { applicationGrid, type ApplicationGrid } from './table-values.js';
import { checkBalance, checkColumnTotals, checkRowTotals } from './table-sums.js';

export { checkBalance, checkColumnTotals, checkCompleteness, checkCounts, checkRowTotals };

/** Every table check, in the order a reader meets the tables. */
export function checkTables(
  report: AnnualReport,
  structure: boolean,
  // The tables' rows and table 三's cells, read once for every check.
  grid: ApplicationGrid = applicationGrid(report.tables),
): Finding[] {
  const { tables } = report;
  const findings = structure ? checkCompleteness(tables, grid) : [];
  for (const f of checkCounts(tables, grid)) findings.push(f);
  for (const f of checkRowTotals(tables, grid)) findings.push(f);
  for (const f of checkColumnTotals(tables, grid)) findings.push(f);
  for (const f of checkBalance(tables, grid)) findings.push(f);
  return findings;
}
