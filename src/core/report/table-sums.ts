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
  type ApplicationColumnKey,
} from './format.js';
import type { Finding, FindingLocation } from './findings.js';
import { appealGroupName, applicationColumnName, applicationRowName } from './labels.js';
import type { Cell, ReportTables } from './model.js';
import {
  applicationCell,
  FORMAT_NOTICE,
  isNumber,
  show,
  sumOf,
  unreadable,
  type Value,
} from './table-values.js';

/** 勾稽关系, per column, the 总计 column included: 一 + 二 = 三（七） + 四. */
export function checkBalance(tables: ReportTables): Finding[] {
  const findings: Finding[] = [];
  for (const column of APPLICATION_COLUMN_KEYS) {
    const cells = (['received', 'carried_over', 'total', 'carried_forward'] as const).map((row) =>
      applicationCell(tables, row, column),
    );
    const [received, carriedOver, handled, carriedForward] = cells;
    const columnName = `表三“${applicationColumnName(column)}”列`;
    const location: FindingLocation = { table: 'applications', column };
    if (![received, carriedOver, handled, carriedForward].every(isNumber)) {
      findings.push(...unreadable('balance', location, `${columnName}的勾稽关系所需`, cells));
      continue;
    }
    const left = (received as number) + (carriedOver as number);
    const right = (handled as number) + (carriedForward as number);
    if (left === right) continue;
    findings.push({
      code: 'balance',
      severity: 'error',
      location,
      message:
        `${columnName}：第一项加第二项之和（${show(received as number)} + ${show(carriedOver as number)} = ${show(left)}）` +
        `不等于第三项（七）总计加第四项之和（${show(handled as number)} + ${show(carriedForward as number)} = ${show(right)}），` +
        `违反表三的勾稽关系${APPLICATION_BALANCE_NOTE}。`,
    });
  }
  return findings;
}

/** Whether every applicant cell and the 总计 are numbers and add up (no arrays made). */
function rowAddsUp(cells: Partial<Record<ApplicationColumnKey, Cell>>): boolean {
  if (!isNumber(cells.total)) return false;
  let sum = 0;
  for (const column of APPLICANT_COLUMN_KEYS) {
    const v = cells[column];
    if (!isNumber(v)) return false;
    sum += v;
  }
  return sum === cells.total;
}

/** Whether every cell of the 21 rows of （一）–（六） and （七）总计 are numbers and add up. */
function columnAddsUp(tables: ReportTables, column: ApplicationColumnKey, total: Value): boolean {
  if (!isNumber(total)) return false;
  let sum = 0;
  for (const row of OUTCOME_ROW_KEYS) {
    const v = tables.applications[row]?.[column];
    if (!isNumber(v)) return false;
    sum += v;
  }
  return sum === total;
}

/** Table 三, each row: 总计 = the sum of the six applicant columns. */
export function checkRowTotals(tables: ReportTables): Finding[] {
  const findings: Finding[] = [];
  for (const row of APPLICATION_ROW_KEYS) {
    const cells = tables.applications[row];
    if (!cells || !('total' in cells)) continue;
    if (rowAddsUp(cells)) continue;
    const parts = APPLICANT_COLUMN_KEYS.filter((c) => c in cells).map((c) => cells[c]);
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
export function checkColumnTotals(tables: ReportTables): Finding[] {
  const findings: Finding[] = [];
  for (const column of APPLICATION_COLUMN_KEYS) {
    const total = applicationCell(tables, 'total', column);
    if (total === undefined) continue;
    if (columnAddsUp(tables, column, total)) continue;
    const present = OUTCOME_ROW_KEYS.filter((r) => tables.applications[r]?.[column] !== undefined);
    if (present.length < OUTCOME_ROW_KEYS.length) continue; // reported as missing-row / -column
    const parts = present.map((r) => applicationCell(tables, r, column));
    const sum = sumOf(parts);
    if (sum !== null && isNumber(total) && sum === total) continue;
    const location: FindingLocation = { table: 'applications', row: 'total', column };
    const columnName = `表三“${applicationColumnName(column)}”列`;
    if (sum === null || !isNumber(total)) {
      findings.push(
        ...unreadable('column-total', location, `${columnName}的（七）总计或（一）至（六）各行`, [
          ...parts,
          total,
        ]),
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

  for (const group of APPEAL_GROUP_KEYS) {
    const row = tables.appeals[group];
    if (!row || !('total' in row)) continue;
    if (!APPEAL_OUTCOME_KEYS.every((k) => k in row)) continue; // reported as missing-column
    const parts = APPEAL_OUTCOME_KEYS.map((k) => row[k]);
    const sum = sumOf(parts);
    if (sum !== null && isNumber(row.total) && sum === row.total) continue;
    const location: FindingLocation = { table: 'appeals', row: group, column: 'total' };
    const groupName = `表四${appealGroupName(group)}`;
    if (sum === null || !isNumber(row.total)) {
      findings.push(
        ...unreadable('column-total', location, `${groupName}的总计或各项结果`, [
          ...parts,
          row.total,
        ]),
      );
      continue;
    }
    findings.push({
      code: 'column-total',
      severity: 'error',
      location,
      message: `${groupName}：总计为 ${show(row.total)}，但结果维持、结果纠正、其他结果、尚未审结之和为 ${show(sum)}（${parts.map((p) => show(p as number)).join(' + ')}）；总计应等于四项之和（${FORMAT_NOTICE}表四）。`,
    });
  }
  return findings;
}
