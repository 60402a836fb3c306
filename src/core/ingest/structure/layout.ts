/**
 * A table's figures in the order a layout gives them rather than after their labels: a PDF's
 * text prints a table as runs of cells — row by row, one figure a line, cells run together
 * without a separator ("00", "4512103263"), a row's cells split around its wrapped label or a
 * group heading, whole blocks of rows column by column before or after their labels. Given the
 * rows the table has (in the template's order) and its figures in the order printed, every way
 * of cutting the figures into the rows in that order is tried: a row is a run of consecutive
 * figures (split where run together, with cells lost from it recovered from its total:
 * layout-rows.ts), or several rows are a block printed column by column. A row is kept only
 * when its own arithmetic holds, and a whole assignment only when every constraint of the
 * table does; assignments are told apart by their values (two cuts that put the same values in
 * the same cells are one reading). Every figure must be used. The search is memoised on (row,
 * figure) and bounded: more distinct readings than it keeps, or more steps than the budget, and
 * the table is not read by layout.
 */
import type { Budget, ReadCell, Reading } from './readings.js';
import type { Constraint } from './solver.js';
import {
  lostCells,
  MAX_DIGITS,
  minCells,
  runReadings,
  spend,
  type RunToken,
} from './layout-rows.js';

/** Distinct readings kept for the rows from one row and figure to the end; more: search stops. */
const MAX_LAYOUT_READINGS = 64;

export interface LayoutProblem {
  /** Rows of the table, in the template's order. */
  rows: number;
  /** Cells of a row. */
  width: number;
  /** The figures (and empty grid cells) in the order the layout printed them. */
  tokens: readonly RunToken[];
  /** A row's own arithmetic (its total). */
  holds: (values: readonly number[]) => boolean;
  /** The table's arithmetic across rows (by row index in `rows` and column). */
  constraints: readonly Constraint[];
  /** A row's last cell is its total: a row's lost cells can be recovered from it. */
  lastIsTotal?: boolean;
  /** Whether text (a label) was printed between each token and the one before it. */
  afterText?: readonly boolean[];
}

export type LayoutResult =
  /** The figures cannot be the table's cells (a placeholder, a figure too long): no layout. */
  | { status: 'inapplicable' }
  /** Too many readings or steps: not decided. */
  | { status: 'budget' }
  /** Every distinct reading of the table (one Reading per row) that satisfies everything. */
  | { status: 'solved'; solutions: Reading[][] };

interface Suffix {
  key: string;
  rows: Reading[];
  /**
   * How far the reading is from one printed figure a cell, row by row: a lost cell costs most,
   * then a row starting inside a printed line, then one starting on a new line but not after a
   * label, then a cell split from a run of digits, a row of a column-wise block least. Of the
   * readings with the same values, the one closest to the print gives the figures' places and
   * findings.
   */
  cost: number;
}

const LOST_COST = 100;
const MID_LINE_COST = 10;
const NO_LABEL_COST = 5;

/** Whether the tokens can be a table's cells (counts, no placeholder). */
function applicable(p: LayoutProblem): boolean {
  if (p.rows === 0 || p.tokens.length === 0) return false;
  return p.tokens.every(
    (t) =>
      (t.kind === 'empty' && !t.placeholder) ||
      (t.kind === 'figure' &&
        /^\d+(?:\.\d+)?$/.test(t.raw) &&
        t.raw.length <= MAX_DIGITS * p.width),
  );
}

/** A token as one cell of a block printed column by column (no split), or null. */
function singleCell(t: RunToken): ReadCell | null {
  const at = { line: t.line, cell: t.cell, column: t.column };
  if (t.kind === 'empty') return { value: 0, at, empty: true };
  if (minCells(t) !== 1 || t.raw.length > MAX_DIGITS) return null;
  return { value: Number(t.raw), at };
}

/** Every distinct reading of the table from its figures in layout order. */
export function layoutReadings(p: LayoutProblem, budget: Budget): LayoutResult {
  if (!applicable(p)) return { status: 'inapplicable' };
  const { rows: n, width: w, tokens } = p;
  const total = tokens.length;
  const run = { width: w, holds: p.holds, lastIsTotal: p.lastIsTotal ?? false };
  const cells = tokens.map(singleCell);
  // Readings of the run of tokens [from, from + k): the same for every row (one width).
  const runs = new Map<number, Reading[] | null>();
  const runOf = (from: number, k: number): Reading[] | null => {
    const key = from * (w + 1) + k;
    let found = runs.get(key);
    if (found === undefined) {
      found = runReadings(tokens.slice(from, from + k), run, budget);
      runs.set(key, found);
    }
    return found;
  };
  // Whether a printed piece starts at token i: a new line, or text before it.
  const boundary = (i: number) =>
    i === 0 || i === total || p.afterText?.[i] === true || tokens[i]!.line !== tokens[i - 1]!.line;
  const memo = new Map<number, Suffix[] | null>();
  let overflow = false;
  // The distinct readings of rows s… from token i on (every token used); null: too many.
  const suffix = (s: number, i: number): Suffix[] | null => {
    if (s === n) return i === total ? [{ key: '', rows: [], cost: 0 }] : [];
    const left = total - i;
    if (left < n - s || left > (n - s) * w) return [];
    const id = s * (total + 1) + i;
    const cached = memo.get(id);
    if (cached !== undefined) return cached;
    const out: Suffix[] = [];
    const seen = new Map<string, number>();
    const add = (block: Reading[], cost: number, rest: Suffix[] | null): boolean => {
      if (rest === null) return false;
      const blockKey = block.map((r) => r.map((c) => c.value).join(',')).join(';');
      for (const tail of rest) {
        if (!spend(budget)) return false;
        const key = tail.key === '' ? blockKey : `${blockKey};${tail.key}`;
        const reading = { key, rows: [...block, ...tail.rows], cost: cost + tail.cost };
        const known = seen.get(key);
        if (known !== undefined) {
          if (reading.cost < out[known]!.cost) out[known] = reading;
          continue;
        }
        seen.set(key, out.length);
        out.push(reading);
        if (out.length > MAX_LAYOUT_READINGS) return false;
      }
      return true;
    };
    let ok = true;
    const before = tokens[i - 1];
    const start = tokens[i]!;
    const midLine =
      before === undefined || p.afterText?.[i]
        ? 0
        : before.line === start.line
          ? MID_LINE_COST
          : NO_LABEL_COST;
    // One row: a run of k tokens. A row that lost cells is a whole printed piece (from a line's
    // or a label's start to the next): a run cut from inside a line lost nothing, it is cut wrong.
    for (let k = 1; ok && k <= Math.min(w, left); k++) {
      const readings = runOf(i, k);
      if (readings === null) ok = false;
      else if (readings.length > 0) {
        const rest = suffix(s + 1, i + k);
        const whole = boundary(i) && boundary(i + k);
        for (const r of readings) {
          const lost = lostCells(r);
          if (lost > 0 && !whole) continue;
          const cost = lost * LOST_COST + midLine + (w - k - lost);
          if (ok && !add([r], cost, rest)) ok = false;
        }
      }
    }
    // Several rows printed column by column: h rows of w single cells, a printed line never
    // across two columns (a line of several figures is one column of the block, or a row).
    for (let h = 2; ok && h <= n - s && h * w <= left; h++) {
      if (!spend(budget, h * w)) ok = false;
      let columns = ok;
      for (let j = i + 1; columns && j < i + h * w; j++)
        if (tokens[j]!.line === tokens[j - 1]!.line && (j - i) % h === 0) columns = false;
      const block = columns ? blockRows(cells, i, h, w, p.holds) : null;
      if (ok && block !== null && !add(block, midLine + h, suffix(s + h, i + h * w))) ok = false;
    }
    const result = ok && budget.steps >= 0 ? out : null;
    if (result === null) overflow = true;
    memo.set(id, result);
    return result;
  };
  const all = suffix(0, 0);
  if (all === null || overflow || budget.steps < 0) return { status: 'budget' };
  const holds = (reading: Reading[], c: Constraint) => {
    const sum = (refs: Constraint['left']) =>
      refs.reduce((s, [r, col]) => s + reading[r]![col]!.value, 0);
    return Math.abs(sum(c.left) - sum(c.right)) < 1e-6;
  };
  // An empty cell is 0 here only as a candidate: as for a row read by its label (readings.ts),
  // the row's total confirms it only when that total is printed; the table's totals decide the
  // rest (blank-cells.ts, which the caller runs the outcome through).
  const confirm = (row: Reading): Reading => {
    if (!p.lastIsTotal || !row.some((c) => c.empty)) return row;
    const confirmed = row[row.length - 1]!.empty !== true;
    return row.map((c) => (c.empty ? { ...c, confirmed } : c));
  };
  return {
    status: 'solved',
    solutions: all
      .map((x) => x.rows)
      .filter((r) => p.constraints.every((c) => holds(r, c)))
      .map((rows) => rows.map(confirm)),
  };
}

/**
 * The h rows from token `from` as one block printed column by column (the first column of its
 * rows, then the second …), or null when a token is not one cell or a row's arithmetic fails.
 */
function blockRows(
  cells: readonly (ReadCell | null)[],
  from: number,
  h: number,
  w: number,
  holds: LayoutProblem['holds'],
): Reading[] | null {
  const out: Reading[] = [];
  for (let r = 0; r < h; r++) {
    const row: Reading = [];
    for (let c = 0; c < w; c++) {
      const cell = cells[from + c * h + r];
      if (!cell) return null;
      row.push(cell);
    }
    if (!holds(row.map((x) => x.value))) return null;
    out.push(row);
  }
  return out;
}
