/**
 * What the table checks share: a cell's value as the model holds it, the sums of values and the
 * info finding for a rule that blank or unreadable cells keep from being checked.
 */
import type { Finding, FindingLocation } from './findings.js';
import {
  APPEAL_GROUP_KEYS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  PROACTIVE_ROW_KEYS,
  type ApplicationColumnKey,
  type ApplicationRowKey,
} from './format.js';
import type { AppealRow, Cell, ReportTables } from './model.js';

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
 * from an array rather than by the row's and the column's names each time. The rows of tables 二
 * (PROACTIVE_ROW_KEYS order) and 四 (APPEAL_GROUP_KEYS order) too: a table read is often held
 * as a dictionary, where each look-up by name is a hash probe, and each row is asked for by
 * several checks.
 */
export interface ApplicationGrid {
  rows: (ApplicationCells | undefined)[];
  values: Value[];
  proactive: (Record<string, Value> | undefined)[];
  appeals: (AppealRow | undefined)[];
}

export const APPLICATION_WIDTH = APPLICATION_COLUMN_KEYS.length;

/** A row's index in APPLICATION_ROW_KEYS. */
export const applicationRowIndex = (row: ApplicationRowKey): number =>
  APPLICATION_ROW_KEYS.indexOf(row);

/** A column's index in APPLICATION_COLUMN_KEYS. */
export const applicationColumnIndex = (column: ApplicationColumnKey): number =>
  APPLICATION_COLUMN_KEYS.indexOf(column);

/**
 * A row's cells stored in APPLICATION_COLUMN_KEYS order from `at`, read by name: each load at its
 * own site, where the rows (mostly of one shape) make it a fast one, rather than one site for
 * every column; no array of the row's cells made and thrown away.
 */
function storeInOrder(values: Value[], at: number, cells: ApplicationCells): void {
  values[at] = cells.natural_person;
  values[at + 1] = cells.commercial;
  values[at + 2] = cells.research;
  values[at + 3] = cells.nonprofit;
  values[at + 4] = cells.legal_service;
  values[at + 5] = cells.other;
  values[at + 6] = cells.total;
}
/**
 * Whether storeInOrder reads APPLICATION_COLUMN_KEYS, in their order (else it is not used): told
 * from the keys, not by a call of storeInOrder on a probe, whose other shapes would slow its
 * loads and stores.
 */
const IN_ORDER =
  [
    'natural_person',
    'commercial',
    'research',
    'nonprofit',
    'legal_service',
    'other',
    'total',
  ].every((key, i) => APPLICATION_COLUMN_KEYS[i] === key) && APPLICATION_WIDTH === 7;

const APPLICATION_HEIGHT = APPLICATION_ROW_KEYS.length;

export function applicationGrid(tables: ReportTables): ApplicationGrid {
  const table = tables.applications;
  // Made at their full length, each value stored once (no growing by push).
  const rows = new Array<ApplicationCells | undefined>(APPLICATION_HEIGHT);
  const values = new Array<Value>(APPLICATION_HEIGHT * APPLICATION_WIDTH);
  for (let r = 0, at = 0; r < APPLICATION_HEIGHT; r++, at += APPLICATION_WIDTH) {
    const cells = table[APPLICATION_ROW_KEYS[r]!];
    rows[r] = cells;
    if (cells === undefined) for (let c = 0; c < APPLICATION_WIDTH; c++) values[at + c] = undefined;
    else if (IN_ORDER) storeInOrder(values, at, cells);
    else
      for (let c = 0; c < APPLICATION_WIDTH; c++)
        values[at + c] = cells[APPLICATION_COLUMN_KEYS[c]!];
  }
  const proactive = new Array<Record<string, Value> | undefined>(PROACTIVE_ROW_KEYS.length);
  for (let r = 0; r < PROACTIVE_ROW_KEYS.length; r++)
    proactive[r] = tables.proactive[PROACTIVE_ROW_KEYS[r]!] as Record<string, Value> | undefined;
  const appeals = new Array<AppealRow | undefined>(APPEAL_GROUP_KEYS.length);
  for (let g = 0; g < APPEAL_GROUP_KEYS.length; g++)
    appeals[g] = tables.appeals[APPEAL_GROUP_KEYS[g]!];
  return { rows, values, proactive, appeals };
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
