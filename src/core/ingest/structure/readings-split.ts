/**
 * The readings of a row whose figures are run together ("713000074", fewer tokens than cells):
 * the cells distributed over the figures every way, each figure split every way into its share
 * (no figure with a leading zero, none longer than MAX_DIGITS), each candidate kept when the
 * row's own arithmetic holds. Bounded by a budget shared with the solver, one step a call.
 */
import type { Budget, Reading } from './readings.js';
import type { FigureToken } from './stream.js';

/**
 * `xs.map(f)` as an array without holes whatever tier runs it (optimised code's inlined `map`
 * makes a holey array, the builtin a packed one: two kinds of array for every reader of it).
 */
export function packedMap<T, U>(xs: readonly T[], f: (x: T, i: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < xs.length; i++) out.push(f(xs[i]!, i));
  return out;
}

/** A figure longer than this is not a count of a report's table. */
export const MAX_DIGITS = 9;
/** More readings than this for one row and the row is left unread (too ambiguous to solve). */
export const MAX_READINGS = 400;

/**
 * Whether a figure as printed can be one cell: a count never begins with 0 ("04" is two cells
 * run together, 其他 0 and 总计 4), a decimal ("0.5") aside.
 */
export const wholeFigure = (raw: string): boolean =>
  raw.length === 1 || raw[0] !== '0' || raw.includes('.');

/**
 * Adds to `out` the readings of `figures` (no decimal among them, fewer than `width`) as
 * `width` cells, each accepted by `holds`; false when the budget ran out or there were too many.
 */
export function runTogetherReadings(
  figures: readonly FigureToken[],
  width: number,
  holds: (values: readonly number[]) => boolean,
  budget: Budget,
  out: Reading[],
): boolean {
  const s: RunTogether = {
    out,
    holds,
    budget,
    figures,
    parts: new Array<number>(figures.length).fill(1),
    values: new Array<number>(width).fill(0),
    accFigure: new Array<number>(width).fill(0),
    accColumn: new Array<number>(width).fill(0),
    splits: new Map(),
  };
  return distribute(s, 0, width - figures.length);
}

/** The state of one row's search (module functions: no closure per row). */
interface RunTogether {
  out: Reading[];
  /** The values of the candidate's cells, `width` of them, written in place by `combine`. */
  values: number[];
  holds: (values: readonly number[]) => boolean;
  budget: Budget;
  figures: readonly FigureToken[];
  /** Cells each figure is split into. */
  parts: number[];
  /** Of each cell being built: the figure it comes from, and its column in the source. */
  accFigure: number[];
  accColumn: number[];
  /** The splits of figure i into p cells, by p * figures.length + i (see splitsFor). */
  splits: Map<number, Splits>;
}

/**
 * The splits of one figure into `parts` cells: split k's values and columns at k * parts …
 * k * parts + parts - 1; and the steps making them took.
 */
export interface Splits {
  count: number;
  parts: number;
  values: number[];
  columns: number[];
  /** The steps making them took from the budget. */
  steps: number;
}

/**
 * The splits of a digit run into `parts` figures (none with a leading zero): their values and
 * the columns they start at (the run starting at `column`), one split after another in flat
 * arrays. One step a call of the walk; null when the budget ran out or there were too many.
 * Exported for its test against the plain walk (readings-split.test.ts).
 */
export function splitsOf(
  digits: string,
  parts: number,
  budget: Budget,
  column: number,
): Splits | null {
  const out: Splits = { count: 0, parts, values: [], columns: [], steps: 0 };
  if (digits.length < parts || digits.length > parts * MAX_DIGITS) return out;
  const n = digits.length;
  // The value of the digits from each start to the end, for the starts at most MAX_DIGITS from
  // it: exactly Number(digits.slice(start)) (fewer than 2^53, so every sum is exact).
  const tail = new Array<number>(n).fill(0);
  for (let i = n - 1, scale = 1, sum = 0; i >= 0 && i >= n - MAX_DIGITS; i--) {
    sum += (digits.charCodeAt(i) - 48) * scale;
    tail[i] = sum;
    scale *= 10;
  }
  const w: SplitWalk = {
    digits,
    parts,
    budget,
    column,
    out,
    values: new Array<number>(parts).fill(0),
    starts: new Array<number>(parts).fill(0),
    tail,
  };
  if (largeWalk(n, parts)) {
    const counted = countedSplits(w);
    if (counted !== undefined) return counted;
  }
  return walk(w, 0, parts, 0) ? out : null;
}

/** Ways to cut a run from which the walk is counted before it is made (see countedSplits). */
const COUNT_FROM = 64;

/** Whether the ways to cut n digits into `parts` figures are COUNT_FROM or more. */
function largeWalk(n: number, parts: number): boolean {
  // C(n - 1, parts - 1), grown a factor at a time and stopped at COUNT_FROM.
  const k = Math.min(parts - 1, n - parts);
  let ways = 1;
  for (let i = 1; i <= k; i++) {
    ways = (ways * (n - k - 1 + i)) / i;
    if (ways >= COUNT_FROM) return true;
  }
  return false;
}

/**
 * What the walk of a long run gives, from the counts of its calls and splits (walkCounts)
 * instead of every call made: when the budget has the steps and the splits are not too many,
 * its steps taken at once and only the calls that lead to a split made (the same splits in the
 * same order); when it would stop, the budget left where the walk would have left it and null.
 * undefined (the walk is to be made) when the budget is already spent or the walk would find
 * one split too many only at its very last call.
 */
function countedSplits(w: SplitWalk): Splits | null | undefined {
  const { budget, parts } = w;
  const steps = budget.steps;
  if (steps < 0) return undefined;
  const counts = walkCounts(w.digits, parts);
  const root = counts.at(0, parts);
  const calls = counts.calls[root]!;
  if (counts.splits[root]! <= MAX_READINGS) {
    if (calls > steps) {
      // The budget runs out at call steps + 1.
      budget.steps = -1;
      return null;
    }
    budget.steps -= calls;
    make(w, counts, 0, parts, 0);
    return w.out;
  }
  // The walk stops at the call after the one finding split MAX_READINGS + 1, or earlier when
  // the budget runs out (call steps + 1).
  const found = callAfterSplit(w.digits, counts, MAX_READINGS + 1, parts);
  if (found > calls) return undefined;
  budget.steps = steps - Math.min(found, steps + 1);
  return null;
}

/**
 * The place, in the order the walk makes its calls (the first call 1), of the call after the
 * one finding the k-th split (the splits counted as the walk finds them).
 */
function callAfterSplit(digits: string, counts: WalkCounts, k: number, parts: number): number {
  const n = digits.length;
  let start = 0;
  let left = parts;
  let place = 1;
  let need = k;
  for (;;) {
    if (left === 1) return place + 1;
    const maxLen = digits.charCodeAt(start) === 48 ? 1 : MAX_DIGITS;
    // The calls before the child that finds it are skipped with their splits.
    let next = place + 1;
    for (let len = 1; len <= maxLen && start + len <= n - (left - 1); len++) {
      const child = counts.at(start + len, left - 1);
      if (counts.splits[child]! < need) {
        need -= counts.splits[child]!;
        next += counts.calls[child]!;
        continue;
      }
      start += len;
      left -= 1;
      break;
    }
    place = next;
  }
}

/** The splits of a counted walk, made by its calls that lead to one (in the walk's order). */
function make(w: SplitWalk, counts: WalkCounts, start: number, left: number, k: number): void {
  if (left === 1) return last(w, start, k);
  const { digits, values } = w;
  const n = digits.length;
  const maxLen = digits.charCodeAt(start) === 48 ? 1 : MAX_DIGITS;
  let value = 0;
  w.starts[k] = w.column + start;
  for (let len = 1; len <= maxLen && start + len <= n - (left - 1); len++) {
    value = value * 10 + (digits.charCodeAt(start + len - 1) - 48);
    if (counts.splits[counts.at(start + len, left - 1)] === 0) continue;
    values[k] = value;
    make(w, counts, start + len, left - 1, k + 1);
  }
}

/**
 * For each call walk(start, left) of splitsOf's walk, at `at(start, left)`: the calls it makes,
 * itself included, and the splits it finds, were it never stopped. Counts beyond 2^52 are held
 * there (far beyond any budget).
 */
interface WalkCounts {
  calls: Float64Array;
  splits: Float64Array;
  at: (start: number, left: number) => number;
}

function walkCounts(digits: string, parts: number): WalkCounts {
  const n = digits.length;
  const at = (start: number, left: number) => (left - 1) * (n + 1) + start;
  const counts: WalkCounts = {
    calls: new Float64Array((n + 1) * parts).fill(-1),
    splits: new Float64Array((n + 1) * parts),
    at,
  };
  countFrom(digits, counts, 0, parts);
  return counts;
}

function countFrom(digits: string, counts: WalkCounts, start: number, left: number): number {
  const { calls, splits } = counts;
  const i = counts.at(start, left);
  if (calls[i]! >= 0) return i;
  if (left === 1) {
    const length = digits.length - start;
    calls[i] = 1;
    splits[i] = length > MAX_DIGITS || (length > 1 && digits.charCodeAt(start) === 48) ? 0 : 1;
    return i;
  }
  const n = digits.length;
  let made = 1;
  let found = 0;
  const maxLen = digits.charCodeAt(start) === 48 ? 1 : MAX_DIGITS;
  for (let len = 1; len <= maxLen && start + len <= n - (left - 1); len++) {
    const child = countFrom(digits, counts, start + len, left - 1);
    made += calls[child]!;
    found += splits[child]!;
  }
  calls[i] = Math.min(made, 2 ** 52);
  splits[i] = Math.min(found, 2 ** 52);
  return i;
}

/** The state of splitsOf's walk (module functions: no closure per run). */
interface SplitWalk {
  digits: string;
  parts: number;
  budget: Budget;
  /** The run's column in the source. */
  column: number;
  out: Splits;
  /** The split being made: its figures' values and columns. */
  values: number[];
  starts: number[];
  /** The value of the digits from each start to the end (see splitsOf). */
  tail: number[];
}

/** The walk from `start`, `left` figures to make, the k-th next: one step a call. */
function walk(w: SplitWalk, start: number, left: number, k: number): boolean {
  const { digits, budget, out, values } = w;
  if (--budget.steps < 0 || out.count > MAX_READINGS) return false;
  if (left === 1) {
    last(w, start, k);
    return true;
  }
  const n = digits.length;
  const maxLen = digits.charCodeAt(start) === 48 ? 1 : MAX_DIGITS;
  // The figure grown a digit at a time: at most MAX_DIGITS digits, no leading zero, so
  // exactly Number(digits.slice(start, start + len)).
  let value = 0;
  w.starts[k] = w.column + start;
  for (let len = 1; len <= maxLen && start + len <= n - (left - 1); len++) {
    value = value * 10 + (digits.charCodeAt(start + len - 1) - 48);
    values[k] = value;
    if (left === 2) {
      // walk(w, start + len, 1, k + 1) without the call: its step, then the last figure.
      if (--budget.steps < 0 || out.count > MAX_READINGS) return false;
      last(w, start + len, k + 1);
    } else if (!walk(w, start + len, left - 1, k + 1)) return false;
  }
  return true;
}

/** The last figure, from `start` to the end, as the k-th: the split kept when it is one. */
function last(w: SplitWalk, start: number, k: number): void {
  const { digits, out, values, starts } = w;
  const length = digits.length - start;
  if (length > MAX_DIGITS || (length > 1 && digits.charCodeAt(start) === 48)) return;
  values[k] = w.tail[start]!;
  starts[k] = w.column + start;
  for (let j = 0; j < w.parts; j++) {
    out.values.push(values[j]!);
    out.columns.push(starts[j]!);
  }
  out.count++;
}

/** The cells distributed over the figures from i on (`left` more than one each), each tried. */
function distribute(s: RunTogether, i: number, left: number): boolean {
  if (--s.budget.steps < 0 || s.out.length > MAX_READINGS) return false;
  if (i === s.figures.length - 1) {
    s.parts[i] = left + 1;
    return combine(s, 0, 0);
  }
  for (let extra = 0; extra <= left; extra++) {
    s.parts[i] = extra + 1;
    if (!distribute(s, i + 1, left - extra)) return false;
  }
  return true;
}

/**
 * The splits of figure i into `parts[i]` cells, or null when the budget ran out or there were
 * too many. Made once per figure and count of cells; every later use takes from the budget the
 * steps making them took, as making them again would (`splitsOf` takes one step a call and
 * stops, failing, when the budget goes below 0: with fewer steps left than it needs it ends at
 * -1, or one step lower when already below 0), so the budget left is the same.
 */
function splitsFor(s: RunTogether, i: number): Splits | null {
  const f = s.figures[i]!;
  const parts = s.parts[i]!;
  const key = parts * s.figures.length + i;
  const known = s.splits.get(key);
  const budget = s.budget;
  if (known !== undefined) {
    if (budget.steps >= known.steps) {
      budget.steps -= known.steps;
      return known;
    }
    budget.steps = budget.steps >= 0 ? -1 : budget.steps - 1;
    return null;
  }
  const before = budget.steps;
  let made: Splits | null;
  if (parts !== 1) made = splitsOf(f.raw, parts, budget, f.column);
  else if (wholeFigure(f.raw))
    made = { count: 1, parts: 1, values: [Number(f.raw)], columns: [f.column], steps: 0 };
  else made = { count: 0, parts: 1, values: [], columns: [], steps: 0 };
  // Failed: the whole search stops (combine returns false), so it is never asked again.
  if (made === null) return null;
  made.steps = before - budget.steps;
  s.splits.set(key, made);
  return made;
}

/**
 * Every candidate with the figures from i on split as `parts` says. The cells are kept as their
 * values, figures and columns, and made (each its own object, as `cellOf` makes them) only for a
 * candidate whose arithmetic holds.
 */
function combine(s: RunTogether, i: number, depth: number): boolean {
  const { values, accFigure, accColumn, out, figures } = s;
  if (i === figures.length) {
    // Every cell placed: depth is the row's width, the buffers' length.
    if (s.holds(values)) {
      const reading: Reading = [];
      for (let k = 0; k < depth; k++) {
        const f = figures[accFigure[k]!]!;
        const at = { line: f.line, cell: f.cell, column: accColumn[k]! };
        reading.push({ value: values[k]!, at });
      }
      out.push(reading);
    }
    return out.length <= MAX_READINGS;
  }
  const splits = splitsFor(s, i);
  if (splits === null) return false;
  const parts = splits.parts;
  for (let k = 0, from = 0; k < splits.count; k++, from += parts) {
    for (let j = 0; j < parts; j++) {
      values[depth + j] = splits.values[from + j]!;
      accFigure[depth + j] = i;
      accColumn[depth + j] = splits.columns[from + j]!;
    }
    if (!combine(s, i + 1, depth + parts)) return false;
  }
  return true;
}
