/**
 * missing-row and missing-column: the rows and columns of the three tables that the format
 * (国办公开办函〔2021〕30号) requires and the report lacks.
 */
import {
  APPEAL_COLUMN_KEYS,
  APPEAL_GROUP_KEYS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  PROACTIVE_GROUPS,
} from './format.js';
import type { Finding, FindingLocation } from './findings.js';
import {
  appealColumnName,
  appealGroupName,
  applicationColumnName,
  applicationRowName,
} from './labels.js';
import type { ReportTables } from './model.js';
import {
  APPLICATION_WIDTH,
  applicationGrid,
  FORMAT_NOTICE,
  type ApplicationGrid,
  type Value,
} from './table-values.js';

/** A row or column of a table with its name as findings give it. */
interface Named {
  key: string;
  name: string;
}

/** A row as the grid holds it: its cells, or undefined when the table lacks it. */
type RowCells = Readonly<Record<string, Value>> | undefined;

/** Whether a table holds any row (the grid leaves a row not read undefined). */
function anyRow(rows: readonly RowCells[]): boolean {
  for (const cells of rows) if (cells !== undefined) return true;
  return false;
}

/** Whether a row has every column (as it usually has). */
function hasColumns(cells: Readonly<Record<string, Value>>, columns: readonly Named[]): boolean {
  for (const column of columns) if (!(column.key in cells)) return false;
  return true;
}

/**
 * The missing-column findings of a table, appended to findings; cellsOfRow holds each row's cells
 * (those of rows[i] at i), as the grid read them.
 */
function missingColumns(
  findings: Finding[],
  table: NonNullable<FindingLocation['table']>,
  tableName: string,
  rows: readonly Named[],
  cellsOfRow: readonly RowCells[],
  columns: readonly Named[],
): void {
  // Usually nothing lacks: asked first.
  let present = 0;
  let lacks = false;
  for (const cells of cellsOfRow) {
    if (cells === undefined) continue;
    present++;
    if (!lacks && !hasColumns(cells, columns)) lacks = true;
  }
  if (!lacks) return;
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
    /** The group's name as findings give it. */
    tableName: `表二${g.label}`,
    /** The row and its group's columns, with their names, as missingColumns takes them. */
    named: [{ key: r.key, name: r.label }] as readonly Named[],
    columns: g.columns.map((c) => ({ key: c.key, name: c.label })) as readonly Named[],
  })),
);

export function checkCompleteness(
  tables: ReportTables,
  grid: ApplicationGrid = applicationGrid(tables),
): Finding[] {
  const findings: Finding[] = [];
  // A clean table (see ApplicationGrid) has every row and every cell.
  if (!grid.proactiveClean) missingProactive(findings, grid);
  if (!grid.applicationsClean) missingApplications(findings, grid);
  if (!grid.appealsClean) missingAppeals(findings, grid);
  return findings;
}

/** Table 二: each 第二十条 item has its own columns. */
function missingProactive(findings: Finding[], grid: ApplicationGrid): void {
  const proactiveRows = PROACTIVE_ROWS;
  // The grid's rows of table 二 are those of PROACTIVE_ROWS, in their order.
  const proactiveCells = grid.proactive;
  if (!anyRow(proactiveCells)) {
    findings.push({
      code: 'missing-row',
      severity: 'error',
      location: { table: 'proactive' },
      message: `缺少表二“主动公开政府信息情况”的全部内容：${FORMAT_NOTICE}规定年度报告应包含此表（条例第五十条第（一）项）。`,
    });
  } else {
    for (let r = 0; r < proactiveRows.length; r++) {
      const { group, row, tableName, named, columns } = proactiveRows[r]!;
      const cells = proactiveCells[r];
      if (cells === undefined) {
        findings.push({
          code: 'missing-row',
          severity: 'error',
          location: { table: 'proactive', row: row.key },
          message: `表二${group.label}缺少“${row.label}”行：${FORMAT_NOTICE}规定的表格应包含该行。`,
        });
        continue;
      }
      if (!hasColumns(cells, columns))
        missingColumns(findings, 'proactive', tableName, named, [cells], columns);
    }
  }
}

function missingApplications(findings: Finding[], grid: ApplicationGrid): void {
  const { rows, values } = grid;
  let rowsPresent = 0;
  // Whether some row present lacks a value: only then may it lack a column.
  let gaps = false;
  for (let r = 0, i = 0; r < rows.length; r++, i += APPLICATION_WIDTH) {
    if (rows[r] === undefined) continue;
    rowsPresent++;
    for (let c = i; c < i + APPLICATION_WIDTH; c++) if (values[c] === undefined) gaps = true;
  }
  if (rowsPresent === 0) {
    findings.push({
      code: 'missing-row',
      severity: 'error',
      location: { table: 'applications' },
      message: `缺少表三“收到和处理政府信息公开申请情况”的全部内容：${FORMAT_NOTICE}规定年度报告应包含此表（条例第五十条第（二）项）。`,
    });
  } else {
    for (let r = 0; r < rows.length; r++) {
      const row = APPLICATION_ROW_KEYS[r]!;
      if (rows[r] === undefined) {
        findings.push({
          code: 'missing-row',
          severity: 'error',
          location: { table: 'applications', row },
          message: `表三缺少“${applicationRowName(row)}”行：${FORMAT_NOTICE}规定的表格应包含该行。`,
        });
      }
    }
    if (gaps)
      missingColumns(
        findings,
        'applications',
        '表三',
        APPLICATION_ROWS_NAMED,
        rows,
        APPLICATION_COLUMNS_NAMED,
      );
  }
}

function missingAppeals(findings: Finding[], grid: ApplicationGrid): void {
  const appealRows = grid.appeals;
  if (!anyRow(appealRows)) {
    findings.push({
      code: 'missing-row',
      severity: 'error',
      location: { table: 'appeals' },
      message: `缺少表四“政府信息公开行政复议、行政诉讼情况”的全部内容：${FORMAT_NOTICE}规定年度报告应包含此表（条例第五十条第（三）项）。`,
    });
  } else {
    for (let g = 0; g < APPEAL_GROUP_KEYS.length; g++) {
      const group = APPEAL_GROUP_KEYS[g]!;
      if (appealRows[g] === undefined) {
        findings.push({
          code: 'missing-row',
          severity: 'error',
          location: { table: 'appeals', row: group },
          message: `表四缺少“${appealGroupName(group)}”一组：${FORMAT_NOTICE}规定的表格应包含该组。`,
        });
      }
    }
    missingColumns(
      findings,
      'appeals',
      '表四',
      APPEAL_GROUPS_NAMED,
      appealRows,
      APPEAL_COLUMNS_NAMED,
    );
  }
}
