/**
 * What the table checks share: a cell's value as the model holds it, the sums of values and the
 * info finding for a rule that blank or unreadable cells keep from being checked.
 */
import type { Finding, FindingLocation } from './findings.js';
import {
  APPEAL_COLUMN_KEYS,
  APPEAL_GROUP_KEYS,
  APPEAL_OUTCOME_KEYS,
  APPLICANT_COLUMN_KEYS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  OUTCOME_ROW_KEYS,
  PROACTIVE_GROUPS,
  PROACTIVE_ROW_KEYS,
  type ApplicationColumnKey,
  type ApplicationRowKey,
} from './format.js';
import type { AppealRow, AppealsTable, Cell, ProactiveTable, ReportTables } from './model.js';

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
  proactive: ProactiveCells[];
  appeals: (AppealRow | undefined)[];
  /**
   * Whether table 三 is whole and adds up (see applicationsClean): it then has no finding of
   * completeness, counts, row or column totals or balance, and those checks pass it by.
   */
  applicationsClean: boolean;
  /** Whether table 二 is whole, its cells counts and amounts (see proactiveClean). */
  proactiveClean: boolean;
  /** Whether table 四 is whole, its cells counts and each 总计 their sum (see appealsClean). */
  appealsClean: boolean;
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
 * every column; no array of the row's cells made and thrown away. Returns whether the row adds up
 * (as rowAddsUp says), told from the values as they are read.
 */
function storeInOrder(values: Value[], at: number, cells: ApplicationCells): boolean {
  const natural = cells.natural_person;
  const commercial = cells.commercial;
  const research = cells.research;
  const nonprofit = cells.nonprofit;
  const legal = cells.legal_service;
  const other = cells.other;
  const total = cells.total;
  values[at] = natural;
  values[at + 1] = commercial;
  values[at + 2] = research;
  values[at + 3] = nonprofit;
  values[at + 4] = legal;
  values[at + 5] = other;
  values[at + 6] = total;
  return (
    isCount(natural) &&
    isCount(commercial) &&
    isCount(research) &&
    isCount(nonprofit) &&
    isCount(legal) &&
    isCount(other) &&
    isCount(total) &&
    // The applicant columns summed in their order, as rowAddsUp (and checkRowTotals) sum them.
    natural + commercial + research + nonprofit + legal + other === total
  );
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
  // Whether every row read so far is there, its cells counts, its 总计 their sum.
  let clean = true;
  for (let r = 0, at = 0; r < APPLICATION_HEIGHT; r++, at += APPLICATION_WIDTH) {
    const cells = table[APPLICATION_ROW_KEYS[r]!];
    rows[r] = cells;
    if (cells === undefined) {
      for (let c = 0; c < APPLICATION_WIDTH; c++) values[at + c] = undefined;
      clean = false;
      continue;
    }
    if (IN_ORDER) {
      if (!storeInOrder(values, at, cells)) clean = false;
      continue;
    }
    for (let c = 0; c < APPLICATION_WIDTH; c++) values[at + c] = cells[APPLICATION_COLUMN_KEYS[c]!];
    if (clean) clean = rowAddsUp(values, at);
  }
  const proactive = proactiveRows(tables.proactive);
  const appeals = appealRows(tables.appeals);
  return {
    rows,
    values,
    proactive,
    appeals,
    applicationsClean: clean && columnsAddUp(values),
    proactiveClean: proactiveClean(proactive),
    appealsClean: appealsClean(appeals),
  };
}

/**
 * A count below 2³¹: a non-negative integer (so neither absent, blank, unreadable nor a fraction),
 * told by `v | 0` rather than Number.isInteger, which costs more. A larger count is not taken for
 * clean, and its table is checked cell by cell.
 */
const isCount = (v: Value): v is number => typeof v === 'number' && (v | 0) === v && v >= 0;
/** An amount (万元): a finite non-negative number. */
const isAmount = (v: Value): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

const TOTAL_COLUMN = APPLICATION_COLUMN_KEYS.indexOf('total');
/** The applicant columns: with 总计, every column of table 三. */
const APPLICANT_COLUMNS = APPLICANT_COLUMN_KEYS.map((k) => APPLICATION_COLUMN_KEYS.indexOf(k));
/** Where a row of table 三 starts in the grid's values. */
const rowStart = (row: ApplicationRowKey) => APPLICATION_ROW_KEYS.indexOf(row) * APPLICATION_WIDTH;
const OUTCOME_ROWS = OUTCOME_ROW_KEYS.map(rowStart);
const RECEIVED = rowStart('received');
const CARRIED_OVER = rowStart('carried_over');
const HANDLED = rowStart('total');
const CARRIED_FORWARD = rowStart('carried_forward');

/**
 * Whether the row of table 三 from `at` has every cell a count and its 总计 the sum of the
 * applicant columns (made in the order checkRowTotals makes it).
 */
function rowAddsUp(values: readonly Value[], at: number): boolean {
  let sum = 0;
  for (const c of APPLICANT_COLUMNS) {
    const v = values[at + c];
    if (!isCount(v)) return false;
    sum += v;
  }
  const total = values[at + TOTAL_COLUMN];
  return isCount(total) && total === sum;
}

/**
 * Whether, in a table 三 whose every row adds up, each column's （七）总计 is the sum of （一）–（六）
 * and 一 + 二 = （七） + 四 (each sum made in the order checkColumnTotals and checkBalance make it).
 * Such a table is clean: it has no finding of completeness, counts, totals or balance.
 */
function columnsAddUp(values: readonly Value[]): boolean {
  for (let c = 0; c < APPLICATION_WIDTH; c++) {
    let sum = 0;
    for (const start of OUTCOME_ROWS) sum += values[start + c] as number;
    const handled = values[HANDLED + c] as number;
    if (sum !== handled) return false;
    const left = (values[RECEIVED + c] as number) + (values[CARRIED_OVER + c] as number);
    if (left !== handled + (values[CARRIED_FORWARD + c] as number)) return false;
  }
  return true;
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

/**
 * Table 二's rows in PROACTIVE_ROW_KEYS order, read by name (each load at its own site, see
 * storeInOrder) when PROACTIVE_GROUPS has the cells proactiveClean reads, in its order.
 */
function proactiveRows(t: ProactiveTable): ProactiveCells[] {
  if (!PROACTIVE_IN_ORDER) return PROACTIVE_ROW_KEYS.map((k) => t[k] as ProactiveCells);
  return [
    t.regulations,
    t.normative_documents,
    t.licensing,
    t.penalty,
    t.coercion,
    t.administrative_fees,
  ] as ProactiveCells[];
}

type ProactiveCells = Record<string, Value> | undefined;

/**
 * Whether table 二 is whole: every cell of PROACTIVE_GROUPS there, each a count (the fees an
 * amount). It then has no finding of completeness or counts.
 */
function proactiveClean(rows: readonly ProactiveCells[]): boolean {
  if (!PROACTIVE_IN_ORDER) return false;
  const regulations = rows[0];
  const normative = rows[1];
  const licensing = rows[2];
  const penalty = rows[3];
  const coercion = rows[4];
  const fees = rows[5];
  return (
    regulations !== undefined &&
    isCount(regulations.issued) &&
    isCount(regulations.repealed) &&
    isCount(regulations.in_force) &&
    normative !== undefined &&
    isCount(normative.issued) &&
    isCount(normative.repealed) &&
    isCount(normative.in_force) &&
    licensing !== undefined &&
    isCount(licensing.decisions) &&
    penalty !== undefined &&
    isCount(penalty.decisions) &&
    coercion !== undefined &&
    isCount(coercion.decisions) &&
    fees !== undefined &&
    isAmount(fees.amount_wan_yuan)
  );
}

/**
 * Whether PROACTIVE_GROUPS has the cells proactiveClean reads (row.column), in its order, in
 * rows of PROACTIVE_ROW_KEYS order; the amount is the one column that may be a fraction.
 */
const PROACTIVE_IN_ORDER =
  PROACTIVE_GROUPS.flatMap((g) =>
    g.rows.flatMap((r) => g.columns.map((c) => `${r.key}.${c.key}`)),
  ).join() ===
    [
      'regulations.issued',
      'regulations.repealed',
      'regulations.in_force',
      'normative_documents.issued',
      'normative_documents.repealed',
      'normative_documents.in_force',
      'licensing.decisions',
      'penalty.decisions',
      'coercion.decisions',
      'administrative_fees.amount_wan_yuan',
    ].join() &&
  PROACTIVE_ROW_KEYS.join() ===
    'regulations,normative_documents,licensing,penalty,coercion,administrative_fees';

/** Table 四's rows in APPEAL_GROUP_KEYS order, read by name when appealsClean can read them. */
function appealRows(t: AppealsTable): (AppealRow | undefined)[] {
  if (!APPEALS_IN_ORDER) return APPEAL_GROUP_KEYS.map((k) => t[k]);
  return [t.review, t.litigation_direct, t.litigation_after_review];
}

/**
 * Whether table 四 is whole and adds up: every group there, every cell a count, each 总计 the sum
 * of the four results (in APPEAL_OUTCOME_KEYS order, as checkColumnTotals sums them). It then has
 * no finding of completeness, counts or totals.
 */
function appealsClean(rows: readonly (AppealRow | undefined)[]): boolean {
  if (!APPEALS_IN_ORDER) return false;
  for (const row of rows) {
    if (row === undefined) return false;
    const { upheld, corrected, other, pending, total } = row;
    if (!isCount(upheld) || !isCount(corrected) || !isCount(other) || !isCount(pending))
      return false;
    if (!isCount(total) || upheld + corrected + other + pending !== total) return false;
  }
  return true;
}

/** Whether table 四 has the groups and columns appealsClean reads: the four results, then 总计. */
const APPEALS_IN_ORDER =
  APPEAL_GROUP_KEYS.join() === 'review,litigation_direct,litigation_after_review' &&
  APPEAL_COLUMN_KEYS.join() === 'upheld,corrected,other,pending,total' &&
  APPEAL_OUTCOME_KEYS.join() === 'upheld,corrected,other,pending';
