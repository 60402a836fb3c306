/**
 * The arithmetic of tables 三 and 四: the balance of table 三 (勾稽关系), its row totals and column
 * totals, and table 四's totals.
 */
import {
  APPEAL_GROUP_KEYS,
  APPEAL_OUTCOME_KEYS,
  APPLICANT_COLUMN_KEYS,
  APPLICATION_BALANCE_NOTE,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  OUTCOME_ROW_KEYS,
  type AppealColumnKey,
  type ApplicationRowKey,
} from './format.js';
import type { Finding, FindingLocation } from './findings.js';
import { appealGroupName, applicationColumnName, applicationRowName } from './labels.js';
import type { ReportTables } from './model.js';
import {
  APPLICATION_WIDTH,
  applicationColumnIndex,
  applicationGrid,
  applicationRowIndex,
  FORMAT_NOTICE,
  hasCell,
  isBlank,
  isNumber,
  show,
  sumOf,
  unreadable,
  unreadableFinding,
  type ApplicationGrid,
  type Value,
} from './table-values.js';

/** Where a row of table 三 starts in the grid's values. */
const rowStart = (row: ApplicationRowKey) => applicationRowIndex(row) * APPLICATION_WIDTH;
const RECEIVED = rowStart('received');
const CARRIED_OVER = rowStart('carried_over');
const HANDLED = rowStart('total');
const CARRIED_FORWARD = rowStart('carried_forward');
const TOTAL_COLUMN = applicationColumnIndex('total');
const APPLICANT_COLUMNS = APPLICANT_COLUMN_KEYS.map(applicationColumnIndex);
const OUTCOME_ROWS = OUTCOME_ROW_KEYS.map(rowStart);

/** 勾稽关系, per column, the 总计 column included: 一 + 二 = 三（七） + 四. */
export function checkBalance(
  tables: ReportTables,
  grid: ApplicationGrid = applicationGrid(tables),
): Finding[] {
  const findings: Finding[] = [];
  if (grid.applicationsClean) return findings;
  const values = grid.values;
  for (let c = 0; c < APPLICATION_WIDTH; c++) {
    const column = APPLICATION_COLUMN_KEYS[c]!;
    const received = values[RECEIVED + c];
    const carriedOver = values[CARRIED_OVER + c];
    const handled = values[HANDLED + c];
    const carriedForward = values[CARRIED_FORWARD + c];
    if (
      !isNumber(received) ||
      !isNumber(carriedOver) ||
      !isNumber(handled) ||
      !isNumber(carriedForward)
    ) {
      const columnName = `表三“${applicationColumnName(column)}”列`;
      const location: FindingLocation = { table: 'applications', column };
      const cells = [received, carriedOver, handled, carriedForward];
      findings.push(...unreadable('balance', location, `${columnName}的勾稽关系所需`, cells));
      continue;
    }
    const left = received + carriedOver;
    const right = handled + carriedForward;
    if (left === right) continue;
    // The column's name and place made only for a finding (most columns balance).
    const columnName = `表三“${applicationColumnName(column)}”列`;
    const location: FindingLocation = { table: 'applications', column };
    findings.push({
      code: 'balance',
      severity: 'error',
      location,
      message:
        `${columnName}：第一项加第二项之和（${show(received)} + ${show(carriedOver)} = ${show(left)}）` +
        `不等于第三项（七）总计加第四项之和（${show(handled)} + ${show(carriedForward)} = ${show(right)}），` +
        `违反表三的勾稽关系${APPLICATION_BALANCE_NOTE}。`,
    });
  }
  return findings;
}

/** Whether every applicant cell and the 总计 of the row starting at `start` are numbers and add up. */
function rowAddsUp(values: readonly Value[], start: number): boolean {
  const total = values[start + TOTAL_COLUMN];
  if (!isNumber(total)) return false;
  let sum = 0;
  for (const c of APPLICANT_COLUMNS) {
    const v = values[start + c];
    if (!isNumber(v)) return false;
    sum += v;
  }
  return sum === total;
}

/** Whether every cell of the 21 rows of （一）–（六） and （七）总计 are numbers and add up. */
function columnAddsUp(values: readonly Value[], column: number, total: Value): boolean {
  if (!isNumber(total)) return false;
  let sum = 0;
  for (const start of OUTCOME_ROWS) {
    const v = values[start + column];
    if (!isNumber(v)) return false;
    sum += v;
  }
  return sum === total;
}

/** Whether a row of table 四 has its four results and its 总计 all numbers, the total their sum. */
function appealAddsUp(row: Partial<Record<AppealColumnKey, Value>>): boolean {
  const total = row.total;
  if (!isNumber(total)) return false;
  let sum = 0;
  for (const k of APPEAL_OUTCOME_KEYS) {
    const v = row[k];
    if (!isNumber(v)) return false;
    sum += v;
  }
  return sum === total;
}

/** Table 三, each row: 总计 = the sum of the six applicant columns. */
export function checkRowTotals(
  tables: ReportTables,
  grid: ApplicationGrid = applicationGrid(tables),
): Finding[] {
  const findings: Finding[] = [];
  if (grid.applicationsClean) return findings;
  for (let r = 0; r < APPLICATION_ROW_KEYS.length; r++) {
    const row = APPLICATION_ROW_KEYS[r]!;
    const cells = grid.rows[r];
    if (!cells || !hasCell(grid, r, TOTAL_COLUMN)) continue;
    if (rowAddsUp(grid.values, r * APPLICATION_WIDTH)) continue;
    const parts: Value[] = [];
    for (const c of APPLICANT_COLUMNS)
      if (hasCell(grid, r, c)) parts.push(grid.values[r * APPLICATION_WIDTH + c]);
    if (parts.length < APPLICANT_COLUMN_KEYS.length) continue; // reported as missing-column
    const sum = sumOf(parts);
    if (sum !== null && isNumber(cells.total) && sum === cells.total) continue;
    const location: FindingLocation = { table: 'applications', row, column: 'total' };
    const rowName = `表三“${applicationRowName(row)}”行`;
    if (sum === null || !isNumber(cells.total)) {
      findings.push(
        ...unreadable('row-total', location, `${rowName}的总计或申请人各列`, [
          ...parts,
          cells.total,
        ]),
      );
      continue;
    }
    findings.push({
      code: 'row-total',
      severity: 'error',
      location,
      message: `${rowName}：总计为 ${show(cells.total)}，但自然人与法人或其他组织各列之和为 ${show(sum)}（${parts.map((p) => show(p as number)).join(' + ')}）；总计应等于申请人各列之和（${FORMAT_NOTICE}表三）。`,
    });
  }
  return findings;
}

/**
 * Table 三, each column: （七）总计 = the sum of the 21 rows of （一）–（六）; table 四: each 总计 =
 * 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
 */
export function checkColumnTotals(
  tables: ReportTables,
  grid: ApplicationGrid = applicationGrid(tables),
): Finding[] {
  const findings: Finding[] = [];
  // A clean table (see ApplicationGrid) adds up.
  for (let c = 0; c < (grid.applicationsClean ? 0 : APPLICATION_WIDTH); c++) {
    const column = APPLICATION_COLUMN_KEYS[c]!;
    const total = grid.values[HANDLED + c];
    if (total === undefined) continue;
    if (columnAddsUp(grid.values, c, total)) continue;
    // The sum again, told apart from the cells that keep it from being made: from the grid, with
    // no array of the cells (see the appeals below).
    let present = 0;
    let sum: number | null = 0;
    let blank = isBlank(total);
    for (const start of OUTCOME_ROWS) {
      const v = grid.values[start + c];
      if (v === undefined) continue;
      present++;
      if (isBlank(v)) blank = true;
      sum = sum !== null && isNumber(v) ? sum + v : null;
    }
    if (present < OUTCOME_ROWS.length) continue; // reported as missing-row / -column
    const location: FindingLocation = { table: 'applications', row: 'total', column };
    const columnName = `表三“${applicationColumnName(column)}”列`;
    if (sum === null || !isNumber(total)) {
      if (blank)
        findings.push(
          unreadableFinding(
            'column-total',
            location,
            `${columnName}的（七）总计或（一）至（六）各行`,
          ),
        );
      continue;
    }
    findings.push({
      code: 'column-total',
      severity: 'error',
      location,
      message: `${columnName}：（七）总计为 ${show(total)}，但（一）至（六）各项之和为 ${show(sum)}；（七）总计应等于本年度办理结果（一）至（六）各项之和（${FORMAT_NOTICE}表三）。`,
    });
  }

  for (let g = 0; g < (grid.appealsClean ? 0 : APPEAL_GROUP_KEYS.length); g++) {
    const group = APPEAL_GROUP_KEYS[g]!;
    const row = grid.appeals[g];
    if (!row || !('total' in row)) continue;
    if (!APPEAL_OUTCOME_KEYS.every((k) => k in row)) continue; // reported as missing-column
    // Summed from the row's cells, never from an array of them: such arrays (small integers,
    // doubles or null, each its own elements kind) made V8 meet new maps in the optimised code
    // and deoptimise checkColumnTotals again and again.
    if (appealAddsUp(row)) continue;
    const total = row.total;
    let sum: number | null = 0;
    let blank = isBlank(total);
    for (const k of APPEAL_OUTCOME_KEYS) {
      const v = row[k];
      if (isBlank(v)) blank = true;
      sum = sum !== null && isNumber(v) ? sum + v : null;
    }
    const location: FindingLocation = { table: 'appeals', row: group, column: 'total' };
    const groupName = `表四${appealGroupName(group)}`;
    if (sum === null || !isNumber(total)) {
      if (blank)
        findings.push(unreadableFinding('column-total', location, `${groupName}的总计或各项结果`));
      continue;
    }
    const parts = APPEAL_OUTCOME_KEYS.map((k) => show(row[k] as number)).join(' + ');
    findings.push({
      code: 'column-total',
      severity: 'error',
      location,
      message: `${groupName}：总计为 ${show(total)}，但结果维持、结果纠正、其他结果、尚未审结之和为 ${show(sum)}（${parts}）；总计应等于四项之和（${FORMAT_NOTICE}表四）。`,
    });
  }
  return findings;
}
