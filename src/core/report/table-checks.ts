/**
 * The arithmetic and the completeness of the three tables (国办公开办函〔2021〕30号).
 *
 * A cell that is absent is reported as missing (missing-row / missing-column) and a cell that
 * is null (present in the document but unreadable) is reported as an info finding of the rule
 * that could not be checked; neither is summed as if it were zero.
 */
import {
  APPEAL_COLUMN_KEYS,
  APPEAL_GROUP_KEYS,
  APPEAL_OUTCOME_KEYS,
  APPLICANT_COLUMN_KEYS,
  APPLICATION_BALANCE_NOTE,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  OUTCOME_ROW_KEYS,
  PROACTIVE_GROUPS,
  type ApplicationColumnKey,
  type ApplicationRowKey,
} from './format.js';
import type { Finding, FindingLocation } from './findings.js';
import {
  appealColumnName,
  appealGroupName,
  applicationColumnName,
  applicationRowName,
  proactiveCellName,
} from './labels.js';
import type { AnnualReport, Cell, ReportTables } from './model.js';

/** 国办公开办函〔2021〕30号, the format whose notes and labels these rules come from. */
const FORMAT_NOTICE = '国办公开办函〔2021〕30号';

type Value = Cell | undefined;

const isNumber = (v: Value): v is number => typeof v === 'number' && Number.isFinite(v);

/** The sum when every value is a number; otherwise which values are missing or unreadable. */
function sumOf(values: readonly Value[]): number | null {
  let sum = 0;
  for (const v of values) {
    if (!isNumber(v)) return null;
    sum += v;
  }
  return sum;
}

const show = (v: number) => String(v);

function unreadable(
  code: Finding['code'],
  location: FindingLocation,
  what: string,
  values: readonly Value[],
): Finding[] {
  // Absent cells are reported as missing-row / missing-column; only blanks need saying here.
  if (!values.some((v) => v === null || (typeof v === 'number' && !Number.isFinite(v)))) return [];
  return [
    {
      code,
      severity: 'info',
      location,
      message: `${what}有空白或无法识别的单元格，无法核对。`,
    },
  ];
}

function applicationCell(
  tables: ReportTables,
  row: ApplicationRowKey,
  column: ApplicationColumnKey,
): Value {
  return tables.applications[row]?.[column];
}

// ---------------------------------------------------------------------------------------------
// negative-or-fraction
// ---------------------------------------------------------------------------------------------

/** Whether a present cell breaks the rule: a count is a non-negative integer, an amount ≥ 0. */
function badCount(value: Value, allowFraction: boolean): boolean {
  if (value === undefined || value === null) return false;
  return !(
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= 0 &&
    (allowFraction || Number.isInteger(value))
  );
}

function countFinding(
  value: Value,
  location: FindingLocation,
  name: string,
  allowFraction: boolean,
): Finding {
  return {
    code: 'negative-or-fraction',
    severity: 'error',
    location,
    message: allowFraction
      ? `${name}为 ${String(value)}：收费金额（万元）应为非负数。`
      : `${name}为 ${String(value)}：件数应为非负整数（${FORMAT_NOTICE}各表均按件计数）。`,
  };
}

export function checkCounts(tables: ReportTables): Finding[] {
  // Names and places are made only for the cells that break the rule (most cells do not).
  const findings: Finding[] = [];
  for (const group of PROACTIVE_GROUPS) {
    for (const row of group.rows) {
      const cells = tables.proactive[row.key] as Record<string, Value> | undefined;
      for (const column of group.columns) {
        const value = cells?.[column.key];
        const allowFraction = column.key === 'amount_wan_yuan';
        if (!badCount(value, allowFraction)) continue;
        findings.push(
          countFinding(
            value,
            { table: 'proactive', row: row.key, column: column.key },
            `表二${proactiveCellName(row.key, column.key)}`,
            allowFraction,
          ),
        );
      }
    }
  }
  for (const row of APPLICATION_ROW_KEYS) {
    const cells = tables.applications[row];
    for (const column of APPLICATION_COLUMN_KEYS) {
      const value = cells?.[column];
      if (!badCount(value, false)) continue;
      findings.push(
        countFinding(
          value,
          { table: 'applications', row, column },
          `表三“${applicationRowName(row)}”行“${applicationColumnName(column)}”列`,
          false,
        ),
      );
    }
  }
  for (const group of APPEAL_GROUP_KEYS) {
    const cells = tables.appeals[group];
    for (const column of APPEAL_COLUMN_KEYS) {
      const value = cells?.[column];
      if (!badCount(value, false)) continue;
      findings.push(
        countFinding(
          value,
          { table: 'appeals', row: group, column },
          `表四${appealGroupName(group)}“${appealColumnName(column)}”`,
          false,
        ),
      );
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// missing-row, missing-column
// ---------------------------------------------------------------------------------------------

/** A row or column of a table with its name as findings give it. */
interface Named {
  key: string;
  name: string;
}

function missingColumns(
  table: NonNullable<FindingLocation['table']>,
  tableName: string,
  rows: readonly Named[],
  cellsOf: Readonly<Record<string, Record<string, Value> | undefined>>,
  columns: readonly Named[],
): Finding[] {
  // The rows and columns with their names are made once; only what is lacking is gathered.
  const cellsOfRow: (Record<string, Value> | undefined)[] = [];
  let present = 0;
  for (const row of rows) {
    const cells = cellsOf[row.key];
    cellsOfRow.push(cells);
    if (cells !== undefined) present++;
  }
  if (present === 0) return [];
  const findings: Finding[] = [];
  for (const column of columns) {
    // Usually every row has every column: counted first without making arrays.
    let lacking = 0;
    for (const cells of cellsOfRow) if (cells !== undefined && !(column.key in cells)) lacking++;
    if (lacking === 0) continue;
    if (lacking === present && present > 1) {
      findings.push({
        code: 'missing-column',
        severity: 'error',
        location: { table, column: column.key },
        message: `${tableName}缺少“${column.name}”列：${FORMAT_NOTICE}规定的表格应包含该列。`,
      });
      continue;
    }
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const cells = cellsOfRow[r];
      if (cells === undefined || column.key in cells) continue;
      findings.push({
        code: 'missing-column',
        severity: 'error',
        location: { table, row: row.key, column: column.key },
        message: `${tableName}“${row.name}”行缺少“${column.name}”列的数值：${FORMAT_NOTICE}规定的表格应包含该列。`,
      });
    }
  }
  return findings;
}

/** The rows and columns of tables 三 and 四 with their names (made once). */
const APPLICATION_ROWS_NAMED: readonly Named[] = APPLICATION_ROW_KEYS.map((key) => ({
  key,
  name: applicationRowName(key),
}));
const APPLICATION_COLUMNS_NAMED: readonly Named[] = APPLICATION_COLUMN_KEYS.map((key) => ({
  key,
  name: applicationColumnName(key),
}));
const APPEAL_GROUPS_NAMED: readonly Named[] = APPEAL_GROUP_KEYS.map((key) => ({
  key,
  name: appealGroupName(key),
}));
const APPEAL_COLUMNS_NAMED: readonly Named[] = APPEAL_COLUMN_KEYS.map((key) => ({
  key,
  name: appealColumnName(key),
}));

/** Every row of table 二 with its group (made once). */
const PROACTIVE_ROWS = PROACTIVE_GROUPS.flatMap((g) =>
  g.rows.map((r) => ({
    group: g,
    row: r,
    /** The row and its group's columns, with their names, as missingColumns takes them. */
    named: [{ key: r.key, name: r.label }] as readonly Named[],
    columns: g.columns.map((c) => ({ key: c.key, name: c.label })) as readonly Named[],
  })),
);

export function checkCompleteness(tables: ReportTables): Finding[] {
  const findings: Finding[] = [];

  // Table 二: each 第二十条 item has its own columns.
  const proactiveRows = PROACTIVE_ROWS;
  if (proactiveRows.every(({ row }) => tables.proactive[row.key] === undefined)) {
    findings.push({
      code: 'missing-row',
      severity: 'error',
      location: { table: 'proactive' },
      message: `缺少表二“主动公开政府信息情况”的全部内容：${FORMAT_NOTICE}规定年度报告应包含此表（条例第五十条第（一）项）。`,
    });
  } else {
    for (const { group, row, named, columns } of proactiveRows) {
      const cells = tables.proactive[row.key] as Record<string, Value> | undefined;
      if (cells === undefined) {
        findings.push({
          code: 'missing-row',
          severity: 'error',
          location: { table: 'proactive', row: row.key },
          message: `表二${group.label}缺少“${row.label}”行：${FORMAT_NOTICE}规定的表格应包含该行。`,
        });
        continue;
      }
      findings.push(
        ...missingColumns(
          'proactive',
          `表二${group.label}`,
          named,
          tables.proactive as Record<string, Record<string, Value> | undefined>,
          columns,
        ),
      );
    }
  }

  // Table 三.
  const applications = tables.applications;
  if (APPLICATION_ROW_KEYS.every((r) => applications[r] === undefined)) {
    findings.push({
      code: 'missing-row',
      severity: 'error',
      location: { table: 'applications' },
      message: `缺少表三“收到和处理政府信息公开申请情况”的全部内容：${FORMAT_NOTICE}规定年度报告应包含此表（条例第五十条第（二）项）。`,
    });
  } else {
    for (const row of APPLICATION_ROW_KEYS) {
      if (applications[row] === undefined) {
        findings.push({
          code: 'missing-row',
          severity: 'error',
          location: { table: 'applications', row },
          message: `表三缺少“${applicationRowName(row)}”行：${FORMAT_NOTICE}规定的表格应包含该行。`,
        });
      }
    }
    findings.push(
      ...missingColumns(
        'applications',
        '表三',
        APPLICATION_ROWS_NAMED,
        applications as Record<string, Record<string, Value> | undefined>,
        APPLICATION_COLUMNS_NAMED,
      ),
    );
  }

  // Table 四.
  const appeals = tables.appeals;
  if (APPEAL_GROUP_KEYS.every((g) => appeals[g] === undefined)) {
    findings.push({
      code: 'missing-row',
      severity: 'error',
      location: { table: 'appeals' },
      message: `缺少表四“政府信息公开行政复议、行政诉讼情况”的全部内容：${FORMAT_NOTICE}规定年度报告应包含此表（条例第五十条第（三）项）。`,
    });
  } else {
    for (const group of APPEAL_GROUP_KEYS) {
      if (appeals[group] === undefined) {
        findings.push({
          code: 'missing-row',
          severity: 'error',
          location: { table: 'appeals', row: group },
          message: `表四缺少“${appealGroupName(group)}”一组：${FORMAT_NOTICE}规定的表格应包含该组。`,
        });
      }
    }
    findings.push(
      ...missingColumns(
        'appeals',
        '表四',
        APPEAL_GROUPS_NAMED,
        appeals as Record<string, Record<string, Value> | undefined>,
        APPEAL_COLUMNS_NAMED,
      ),
    );
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// balance, row-total, column-total
// ---------------------------------------------------------------------------------------------

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

/** Every table check, in the order a reader meets the tables. */
export function checkTables(report: AnnualReport, structure: boolean): Finding[] {
  const { tables } = report;
  return [
    ...(structure ? checkCompleteness(tables) : []),
    ...checkCounts(tables),
    ...checkRowTotals(tables),
    ...checkColumnTotals(tables),
    ...checkBalance(tables),
  ];
}
