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

/**
 * The steps the search for a run's readings has always counted for making the splits of a token
 * into `parts` cells (one per call of the walk that made them), without making them: the splits
 * are made one at a time and the search may stop before the last, but the budget left for the
 * rest of the document is what it would be had they all been made.
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
 * One search for a run's readings: the cells being made are three stacks (value, token, offset
 * of the cell in the token), so that nothing is allocated for a candidate until its arithmetic
 * holds.
 */
interface Search {
  tokens: readonly RunToken[];
  p: RunProblem;
  budget: Budget;
  lostAllowed: number;
  /** Cells the tokens from j on need at least. */
  restMin: number[];
  values: number[];
  token: number[];
  offset: number[];
  /** A candidate row's values (lost cells in their places), given to `holds`. */
  row: number[];
  out: Reading[];
  /** Values of each reading kept ("1,0,1") → its index in `out`. */
  seen: Map<string, number>;
  overflow: boolean;
}

/** The distinct readings of `tokens` as one row of `width` cells, or null when there are too
 * many to tell apart (or the budget ran out). */
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
  const restMin = new Array<number>(tokens.length + 1).fill(0);
  for (let j = tokens.length - 1; j >= 0; j--) restMin[j] = restMin[j + 1]! + minCells(tokens[j]!);
  const search: Search = {
    tokens,
    p,
    budget,
    lostAllowed,
    restMin,
    values: [],
    token: [],
    offset: [],
    row: new Array<number>(width).fill(0),
    out: [],
    seen: new Map(),
    overflow: false,
  };
  walk(search, 0);
  return search.overflow || budget.steps < 0 ? null : search.out;
}

/** The readings from token i on, the cells before it made (one step a call). */
function walk(s: Search, i: number): void {
  if (s.overflow || !spend(s.budget)) return;
  const { tokens, p, budget } = s;
  const width = p.width;
  if (i === tokens.length) {
    const lost = width - s.values.length;
    if (lost === 0) offer(s, -1, -1, 0);
    else if (lost <= s.lostAllowed) withLost(s, lost);
    return;
  }
  const t = tokens[i]!;
  const room = width - s.values.length - s.restMin[i + 1]!;
  const top = Math.min(maxCells(t, width), room);
  for (let parts = minCells(t); parts <= top; parts++) {
    // Too many readings already: the run is not read; only the steps are still counted.
    if (s.overflow) {
      spend(budget, splitSteps(t, parts));
      continue;
    }
    if (parts === 1) {
      let value: number;
      if (t.kind === 'empty') value = 0;
      else if (oneCount(t.raw) || t.raw.includes('.')) value = Number(t.raw);
      else continue;
      push(s, value, i, 0);
      walk(s, i + 1);
      pop(s);
      continue;
    }
    if (t.kind === 'empty' || t.raw.includes('.')) continue;
    // Out of steps: nothing more is read (the run is not read).
    if (!spend(budget, splitSteps(t, parts))) return;
    split(s, t, i, 0, parts);
  }
}

/**
 * The splits of token i's digits from `start` into `left` more cells, each walked on as made (in
 * order: the first cell shortest first); false once the search is to stop.
 */
function split(s: Search, t: FigureToken, i: number, start: number, left: number): boolean {
  const digits = t.raw;
  if (left === 1) {
    const len = digits.length - start;
    if (len > MAX_DIGITS || (len > 1 && digits.charCodeAt(start) === 48)) return true;
    push(s, Number(start === 0 ? digits : digits.slice(start)), i, start);
    walk(s, i + 1);
    pop(s);
    return !s.overflow && s.budget.steps >= 0;
  }
  const longest = digits.charCodeAt(start) === 48 ? 1 : MAX_DIGITS;
  const end = digits.length - (left - 1);
  // The cell's value grown a digit at a time: at most MAX_DIGITS digits, no leading zero, so
  // exactly Number(digits.slice(start, start + len)).
  let value = 0;
  for (let len = 1; len <= longest && start + len <= end; len++) {
    value = value * 10 + (digits.charCodeAt(start + len - 1) - 48);
    push(s, value, i, start);
    const go = split(s, t, i, start + len, left - 1);
    pop(s);
    if (!go) return false;
  }
  return true;
}

function push(s: Search, value: number, token: number, offset: number): void {
  s.values.push(value);
  s.token.push(token);
  s.offset.push(offset);
}

function pop(s: Search): void {
  s.values.pop();
  s.token.pop();
  s.offset.pop();
}

/**
 * The row with `lost` cells put back wherever they may have been lost: one cell, its value what
 * the row's total requires; two cells, only when the total says both are 0 (never the total).
 */
function withLost(s: Search, lost: number): void {
  const width = s.p.width;
  const values = s.values;
  const last = width - 1;
  // The sum of the first n printed cells, in order (as the row's sum of its cells before the
  // total adds them).
  let sum = 0;
  if (lost === 1) {
    // Lost before the total: the total is the last printed cell, the others are summed.
    for (let i = 0; i < last - 1; i++) sum += values[i]!;
    const inside = values[last - 1]! - sum;
    const whole = sum + values[last - 1]!;
    for (let at = 0; at < width; at++) {
      const value = at === last ? whole : inside;
      if (value < 0) continue;
      offer(s, at, -1, value);
    }
    return;
  }
  for (let i = 0; i < last - 2; i++) sum += values[i]!;
  if (values[last - 2]! !== sum) return;
  for (let a = 0; a < last; a++) for (let b = a + 1; b < last; b++) offer(s, a, b, 0);
}

/**
 * The reading of the cells made, with the cells at `a` and `b` (-1: none) lost and given
 * `fill`: kept when the row's arithmetic holds and no reading with the same values and fewer
 * lost cells is kept already.
 */
function offer(s: Search, a: number, b: number, fill: number): void {
  const { row, values } = s;
  const width = s.p.width;
  let k = 0;
  for (let c = 0; c < width; c++) row[c] = c === a || c === b ? fill : values[k++]!;
  if (!s.p.holds(row)) return;
  const key = row.join(',');
  const lost = (a >= 0 ? 1 : 0) + (b >= 0 ? 1 : 0);
  const known = s.seen.get(key);
  // The same values twice: the reading with fewer lost cells stands for them.
  if (known !== undefined) {
    if (lost < lostCells(s.out[known]!)) s.out[known] = cellsOf(s, a, b, fill);
    return;
  }
  s.seen.set(key, s.out.length);
  s.out.push(cellsOf(s, a, b, fill));
  if (s.out.length > MAX_RUN_READINGS) s.overflow = true;
}

/** The cells of the reading `offer` keeps, each with the place it was printed at. */
function cellsOf(s: Search, a: number, b: number, fill: number): ReadCell[] {
  const width = s.p.width;
  const cells: ReadCell[] = [];
  let k = 0;
  for (let c = 0; c < width; c++) {
    if (c === a || c === b) {
      cells.push({ value: fill, at: null });
      continue;
    }
    const t = s.tokens[s.token[k]!]!;
    const at = { line: t.line, cell: t.cell, column: t.column + s.offset[k]! };
    cells.push(t.kind === 'empty' ? { value: 0, at, empty: true } : { value: s.values[k]!, at });
    k++;
  }
  return cells;
}
