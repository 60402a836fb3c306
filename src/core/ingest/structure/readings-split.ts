/**
 * The readings of a row whose figures are run together ("713000074", fewer tokens than cells):
 * the cells distributed over the figures every way, each figure split every way into its share
 * (no figure with a leading zero, none longer than MAX_DIGITS), each candidate kept when the
 * row's own arithmetic holds. Bounded by a budget shared with the solver, one step a call.
 */
import type { Budget, Reading } from './readings.js';
import type { FigureToken } from './stream.js';
import {
  countedSplits,
  largeWalk,
  last,
  MAX_DIGITS,
  MAX_READINGS,
  type SplitWalk,
  type Splits,
} from './split-count.js';

export { MAX_DIGITS, MAX_READINGS, type Splits } from './split-count.js';

/**
 * `Number(raw)` for a figure as printed: its digits summed here when it has only ASCII digits
 * and at most 15 of them (exact: below 2^53 at every step), else Number itself. A fresh string's
 * Number() goes to the runtime; most figures are short runs of digits.
 */
export function figureValue(raw: string): number {
  const n = raw.length;
  if (n === 0 || n > 15) return Number(raw);
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number(raw);
    v = v * 10 + d;
  }
  return v;
}

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
  /**
   * `holds` accepts only cells whose all but the last add up to the last (the row's total): a
   * row run together into one figure is then split only those ways (split-count.ts). A number:
   * only cells in groups of that many, each group's last the sum of the others (table 四's).
   */
  rowTotal: boolean | number = false,
): boolean {
  const s: RunTogether = {
    out,
    totalEvery: rowTotal === true ? width : rowTotal === false ? 0 : rowTotal,
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
  /** The width of the groups `holds` wants each to end with its total (0: none). */
  totalEvery: number;
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
  /**
   * Only the splits whose figures before the last add up to the last (see SplitWalk); a number:
   * only those whose figures, in groups of that many, each end with their group's sum.
   */
  totalOnly: boolean | number = false,
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
    totalEvery: totalOnly === true ? parts : totalOnly === false ? 0 : totalOnly,
    tail,
  };
  if (largeWalk(n, parts)) {
    const counted = countedSplits(w);
    if (counted !== undefined) return counted;
  }
  return walk(w, 0, parts, 0) ? out : null;
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
  // A row of one figure: its splits are the candidates themselves, each checked by `holds`.
  if (parts !== 1)
    made = splitsOf(f.raw, parts, budget, f.column, s.figures.length === 1 ? s.totalEvery : 0);
  else if (wholeFigure(f.raw))
    made = { count: 1, parts: 1, values: [figureValue(f.raw)], columns: [f.column], steps: 0 };
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
