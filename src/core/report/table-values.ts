/**
 * What the table checks share: a cell's value as the model holds it, the sums of values and the
 * info finding for a rule that blank or unreadable cells keep from being checked.
 */
import type { Finding, FindingLocation } from './findings.js';
import {
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  type ApplicationColumnKey,
  type ApplicationRowKey,
} from './format.js';
import type { Cell, ReportTables } from './model.js';

/** 国办公开办函〔2021〕30号, the format whose notes and labels these rules come from. */
export const FORMAT_NOTICE = '国办公开办函〔2021〕30号';

export type Value = Cell | undefined;

export const isNumber = (v: Value): v is number => typeof v === 'number' && Number.isFinite(v);

/** The sum when every value is a number; otherwise which values are missing or unreadable. */
export function sumOf(values: readonly Value[]): number | null {
  let sum = 0;
  for (const v of values) {
    if (!isNumber(v)) return null;
    sum += v;
  }
  return sum;
}

export const show = (v: number) => String(v);

/** A blank or unreadable cell: one that keeps a rule from being checked. */
export const isBlank = (v: Value): boolean =>
  v === null || (typeof v === 'number' && !Number.isFinite(v));

export function unreadable(
  code: Finding['code'],
  location: FindingLocation,
  what: string,
  values: readonly Value[],
): Finding[] {
  // Absent cells are reported as missing-row / missing-column; only blanks need saying here.
  if (!values.some(isBlank)) return [];
  return [unreadableFinding(code, location, what)];
}

/** The info finding for a rule that blank or unreadable cells keep from being checked. */
export const unreadableFinding = (
  code: Finding['code'],
  location: FindingLocation,
  what: string,
): Finding => ({
  code,
  severity: 'info',
  location,
  message: `${what}有空白或无法识别的单元格，无法核对。`,
});

/** A row of table 三 as the model holds it. */
export type ApplicationCells = Partial<Record<ApplicationColumnKey, Cell>>;

/**
 * Table 三 read once for every check: its rows in APPLICATION_ROW_KEYS order and its cells, row
 * by row in APPLICATION_COLUMN_KEYS order (`values[row * APPLICATION_WIDTH + column]`). The checks
 * look at each cell several times (counts, completeness, row and column totals, the balance):
 * from an array rather than by the row's and the column's names each time.
 */
export interface ApplicationGrid {
  rows: (ApplicationCells | undefined)[];
  values: Value[];
}

export const APPLICATION_WIDTH = APPLICATION_COLUMN_KEYS.length;

/** A row's index in APPLICATION_ROW_KEYS. */
export const applicationRowIndex = (row: ApplicationRowKey): number =>
  APPLICATION_ROW_KEYS.indexOf(row);

/** A column's index in APPLICATION_COLUMN_KEYS. */
export const applicationColumnIndex = (column: ApplicationColumnKey): number =>
  APPLICATION_COLUMN_KEYS.indexOf(column);

/**
 * A row's cells in APPLICATION_COLUMN_KEYS order, read by name: each load at its own site, where
 * the rows (mostly of one shape) make it a fast one, rather than one site for every column.
 */
const cellsInOrder = (cells: ApplicationCells): Value[] => [
  cells.natural_person,
  cells.commercial,
  cells.research,
  cells.nonprofit,
  cells.legal_service,
  cells.other,
  cells.total,
];
/** Whether cellsInOrder reads APPLICATION_COLUMN_KEYS, in their order (else it is not used). */
const IN_ORDER = ((): boolean => {
  const probe: Record<string, number> = {};
  APPLICATION_COLUMN_KEYS.forEach((c, i) => (probe[c] = i));
  return cellsInOrder(probe).every((v, i) => v === i) && APPLICATION_WIDTH === 7;
})();

export function applicationGrid(tables: ReportTables): ApplicationGrid {
  const table = tables.applications;
  const rows: (ApplicationCells | undefined)[] = [];
  const values: Value[] = [];
  for (const key of APPLICATION_ROW_KEYS) {
    const cells = table[key];
    rows.push(cells);
    if (cells === undefined) for (let c = 0; c < APPLICATION_WIDTH; c++) values.push(undefined);
    else if (IN_ORDER) for (const v of cellsInOrder(cells)) values.push(v);
    else for (const column of APPLICATION_COLUMN_KEYS) values.push(cells[column]);
  }
  return { rows, values };
}

/**
 * Whether a row of the grid has the column, as `column in cells` says (a cell present and
 * undefined has it: only then is the object asked).
 */
export function hasCell(grid: ApplicationGrid, row: number, column: number): boolean {
  if (grid.values[row * APPLICATION_WIDTH + column] !== undefined) return true;
  const cells = grid.rows[row];
  return cells !== undefined && APPLICATION_COLUMN_KEYS[column]! in cells;
}
