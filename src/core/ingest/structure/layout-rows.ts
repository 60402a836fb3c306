/**
 * The readings of one row of a table from a run of consecutive figures in the order a layout
 * printed them, wherever its label is: each figure is one cell or, run together without a
 * separator ("01", "4512103263"), several (no cell with a leading zero, none longer than
 * MAX_DIGITS); a row may have lost cells, whose values its total then gives — one lost cell
 * anywhere, or two whose total says they are 0 (a row of a table that lacks a column, a row
 * whose cells a converter dropped). Every reading satisfies the row's own arithmetic; readings
 * with the same values are one. Bounded by the shared budget.
 */
import type { Budget, ReadCell, Reading } from './readings.js';
import type { EmptyToken, FigureToken } from './stream.js';

/** A figure longer than this is not a count of a report's table. */
export const MAX_DIGITS = 9;
/** Distinct readings of one run kept at most; more and the run is too ambiguous to read. */
const MAX_RUN_READINGS = 200;
/** Cells a row may have lost (recovered only from its total). */
const MAX_LOST = 2;

export type RunToken = FigureToken | EmptyToken;

export interface RunProblem {
  width: number;
  /** A row's own arithmetic (its total). */
  holds: (values: readonly number[]) => boolean;
  /** The last cell is the row's total: lost cells can be recovered from it. */
  lastIsTotal: boolean;
}

/** Whether a digit string is one count: no leading zero, not too long. */
const oneCount = (raw: string) => raw.length <= MAX_DIGITS && (raw.length === 1 || raw[0] !== '0');

/**
 * Takes n steps from the budget when it has them; otherwise marks it spent (-1, never further
 * below: a search that ran out stops at once) and says no.
 */
export function spend(budget: Budget, n = 1): boolean {
  if (budget.steps >= n) {
    budget.steps -= n;
    return true;
  }
  budget.steps = Math.min(budget.steps, -1);
  return false;
}

/** Cells of a reading recovered from the row's total rather than printed. */
export const lostCells = (r: Reading): number => r.filter((c) => c.at === null).length;

/** The most cells a token can give. */
export function maxCells(t: RunToken, width: number): number {
  if (t.kind === 'empty' || t.raw.includes('.')) return 1;
  return Math.min(t.raw.length, width);
}

/** The fewest cells a token can give (a leading zero makes it at least two). */
export function minCells(t: RunToken): number {
  if (t.kind === 'empty' || t.raw.includes('.')) return 1;
  return oneCount(t.raw) ? 1 : Math.max(2, Math.ceil(t.raw.length / MAX_DIGITS));
}

/** The ways a token is `parts` cells, each with its position. */
function splits(t: RunToken, parts: number, budget: Budget): ReadCell[][] {
  const at = { line: t.line, cell: t.cell, column: t.column };
  if (t.kind === 'empty') return parts === 1 ? [[{ value: 0, at, empty: true }]] : [];
  if (parts === 1)
    return oneCount(t.raw) || t.raw.includes('.') ? [[{ value: Number(t.raw), at }]] : [];
  const out: ReadCell[][] = [];
  const digits = t.raw;
  if (digits.includes('.')) return out;
  const cell = (from: number, to: number): ReadCell => ({
    value: Number(digits.slice(from, to)),
    at: { ...at, column: t.column + from },
  });
  // Where each cell before the current one starts (its end: the next start); cells are made
  // only for a complete split.
  const starts: number[] = [];
  const walk = (start: number, left: number) => {
    if (!spend(budget)) return;
    if (left === 1) {
      if (!oneCount(digits.slice(start))) return;
      const row: ReadCell[] = [];
      for (let j = 0; j < starts.length; j++) row.push(cell(starts[j]!, starts[j + 1] ?? start));
      row.push(cell(start, digits.length));
      out.push(row);
      return;
    }
    const longest = digits[start] === '0' ? 1 : MAX_DIGITS;
    starts.push(start);
    for (let len = 1; len <= longest && start + len <= digits.length - (left - 1); len++)
      walk(start + len, left - 1);
    starts.pop();
  };
  walk(0, parts);
  return out;
}

/**
 * The steps `splits(t, parts, budget)` takes (one per call of its walk), without making the
 * splits: a search that has already overflowed still charges them, so the budget left for the
 * rest of the document is the same as when they were made.
 */
function splitSteps(t: RunToken, parts: number): number {
  if (t.kind === 'empty' || parts === 1 || t.raw.includes('.')) return 0;
  const digits = t.raw;
  const n = digits.length;
  // calls[left][start]: calls of walk(start, left) and all it makes.
  let below = new Array<number>(n + 1).fill(1);
  for (let left = 2; left <= parts; left++) {
    const calls = new Array<number>(n + 1).fill(1);
    for (let start = 0; start <= n; start++) {
      const longest = digits[start] === '0' ? 1 : MAX_DIGITS;
      for (let len = 1; len <= longest && start + len <= n - (left - 1); len++)
        calls[start]! += below[start + len]!;
    }
    below = calls;
  }
  return below[0]!;
}

/**
 * The distinct readings of `tokens` as one row of `width` cells, or null when there are too
 * many to tell apart (or the budget ran out).
 */
export function runReadings(
  tokens: readonly RunToken[],
  p: RunProblem,
  budget: Budget,
): Reading[] | null {
  const { width } = p;
  const lostAllowed = p.lastIsTotal ? MAX_LOST : 0;
  let least = 0;
  let most = 0;
  for (const t of tokens) {
    least += minCells(t);
    most += maxCells(t, width);
  }
  if (least > width || most < width - lostAllowed) return [];
  const out: Reading[] = [];
  const seen = new Map<string, number>();
  let overflow = false;
  const accept = (cells: ReadCell[]) => {
    if (!p.holds(cells.map((c) => c.value))) return;
    const key = cells.map((c) => c.value).join(',');
    const known = seen.get(key);
    // The same values twice: the reading with fewer lost cells stands for them.
    if (known !== undefined) {
      if (lostCells(cells) < lostCells(out[known]!)) out[known] = cells;
      return;
    }
    seen.set(key, out.length);
    out.push(cells);
    if (out.length > MAX_RUN_READINGS) overflow = true;
  };
  const walk = (i: number, acc: ReadCell[]) => {
    if (overflow || !spend(budget)) return;
    if (i === tokens.length) {
      const lost = width - acc.length;
      if (lost === 0) accept(acc);
      else if (lost <= lostAllowed) withLost(acc, lost, width, accept);
      return;
    }
    const t = tokens[i]!;
    // Cells the remaining tokens need at least.
    let rest = 0;
    for (let j = i + 1; j < tokens.length; j++) rest += minCells(tokens[j]!);
    const room = width - acc.length - rest;
    for (let parts = minCells(t); parts <= Math.min(maxCells(t, width), room); parts++) {
      // Too many readings already: the run is not read; only the steps are still counted.
      if (overflow) {
        spend(budget, splitSteps(t, parts));
        continue;
      }
      for (const cells of splits(t, parts, budget)) walk(i + 1, [...acc, ...cells]);
    }
  };
  walk(0, []);
  return overflow || budget.steps < 0 ? null : out;
}

/**
 * The row with `lost` cells put back wherever they may have been lost: one cell, its value what
 * the row's total requires; two cells, only when the total says both are 0 (never the total).
 */
function withLost(
  cells: readonly ReadCell[],
  lost: number,
  width: number,
  accept: (cells: ReadCell[]) => void,
): void {
  const last = width - 1;
  // The row with no cell at the given positions (ascending), each filled by `fill`.
  const place = (a: number, b: number, fill: () => ReadCell): ReadCell[] => {
    const row: ReadCell[] = [];
    let k = 0;
    for (let i = 0; i < width; i++) row.push(i === a || i === b ? fill() : cells[k++]!);
    return row;
  };
  // The sum of the first n printed cells, in order (as the row's sum of its cells before the
  // total adds them).
  const sumFirst = (n: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += cells[i]!.value;
    return s;
  };
  if (lost === 1) {
    // Lost before the total: the total is the last printed cell, the others are summed.
    const inside = cells[last - 1]!.value - sumFirst(last - 1);
    for (let at = 0; at < width; at++) {
      const value = at === last ? sumFirst(last) : inside;
      if (value < 0) continue;
      accept(place(at, -1, () => ({ value, at: null })));
    }
    return;
  }
  if (cells[last - 2]!.value !== sumFirst(last - 2)) return;
  for (let a = 0; a < last; a++)
    for (let b = a + 1; b < last; b++) accept(place(a, b, () => ({ value: 0, at: null })));
}
