/**
 * Every cell of the three tables, once, by its glossary key (`table.row.column`, e.g.
 * `applications.received.total`) with the names a person reads: what exports, sums and checks
 * across reports walk over.
 */
import {
  APPEAL_COLUMN_KEYS,
  APPEAL_GROUP_KEYS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  PROACTIVE_GROUPS,
} from './format.js';
import {
  appealColumnName,
  appealGroupName,
  applicationColumnName,
  applicationRowName,
} from './labels.js';
import type { Cell, ReportTables } from './model.js';

export type TableKey = keyof ReportTables;

export interface CellDefinition {
  /** `table.row.column`: the key in exports (GLOSSARY.md). */
  key: string;
  table: TableKey;
  row: string;
  column: string;
  /** 表二 / 表三 / 表四. */
  tableName: string;
  rowName: string;
  columnName: string;
  /** Whether the cell is computed from others in the same table (a 总计). */
  derived: boolean;
  /** Amounts (万元) may have decimals; every other cell is a count. */
  amount: boolean;
}

const TABLE_NAMES: Record<TableKey, string> = {
  proactive: '表二',
  applications: '表三',
  appeals: '表四',
};

function build(): CellDefinition[] {
  const cells: CellDefinition[] = [];
  for (const group of PROACTIVE_GROUPS) {
    for (const row of group.rows) {
      for (const column of group.columns) {
        cells.push({
          key: `proactive.${row.key}.${column.key}`,
          table: 'proactive',
          row: row.key,
          column: column.key,
          tableName: TABLE_NAMES.proactive,
          rowName: `${group.label} ${row.label}`,
          columnName: column.label,
          derived: false,
          amount: column.key === 'amount_wan_yuan',
        });
      }
    }
  }
  for (const row of APPLICATION_ROW_KEYS) {
    for (const column of APPLICATION_COLUMN_KEYS) {
      cells.push({
        key: `applications.${row}.${column}`,
        table: 'applications',
        row,
        column,
        tableName: TABLE_NAMES.applications,
        rowName: applicationRowName(row),
        columnName: applicationColumnName(column),
        derived: row === 'total' || column === 'total',
        amount: false,
      });
    }
  }
  for (const group of APPEAL_GROUP_KEYS) {
    for (const column of APPEAL_COLUMN_KEYS) {
      cells.push({
        key: `appeals.${group}.${column}`,
        table: 'appeals',
        row: group,
        column,
        tableName: TABLE_NAMES.appeals,
        rowName: appealGroupName(group),
        columnName: appealColumnName(column),
        derived: column === 'total',
        amount: false,
      });
    }
  }
  return cells;
}

/** The cells of tables 二, 三 and 四 in official order (14 + 175 + 15). */
export const REPORT_CELLS: readonly CellDefinition[] = build();

/** A cell of the tables: a number, null (present, unreadable) or undefined (absent). */
export function cellValue(tables: ReportTables, cell: CellDefinition): Cell | undefined {
  const table = tables[cell.table] as Record<string, Record<string, Cell | undefined> | undefined>;
  return table[cell.row]?.[cell.column];
}

/** A person's name of a cell: 表三“一、本年新收…”行“自然人”列. */
export function cellName(cell: CellDefinition): string {
  return `${cell.tableName}“${cell.rowName}”${cell.table === 'proactive' ? '' : '行'}“${cell.columnName}”${cell.table === 'proactive' ? '' : '列'}`;
}
