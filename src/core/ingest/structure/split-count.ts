/**
 * The walk that splits a digit run (readings-split.ts's splitsOf), counted instead of made for a
 * long run: its calls and splits counted per place and figures left (walkCounts), the budget
 * taken at once, and only the splits made — every one, or for a run that is a whole row only
 * those whose figures add up to its total (makeTotals), in the walk's order either way.
 */
import type { Budget } from './readings.js';

/** A figure longer than this is not a count of a report's table. */
export const MAX_DIGITS = 9;
/** More readings than this for one row and the row is left unread (too ambiguous to solve). */
export const MAX_READINGS = 400;

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

/** The state of splitsOf's walk (module functions: no closure per run). */
export interface SplitWalk {
  digits: string;
  parts: number;
  budget: Budget;
  /** The run's column in the source. */
  column: number;
  out: Splits;
  /** The split being made: its figures' values and columns. */
  values: number[];
  starts: number[];
  /**
   * Only the splits whose figures, in groups of this many, each end with the sum of the group's
   * others (the run is a whole row whose groups' last cells are their totals; `parts`: the row's
   * last cell is its total): the others could not be a reading of it. 0: every split.
   */
  totalEvery: number;
  /** The value of the digits from each start to the end (see splitsOf). */
  tail: number[];
}

/** Ways to cut a run from which the walk is counted before it is made (see countedSplits). */
const COUNT_FROM = 64;

/** Whether the ways to cut n digits into `parts` figures are COUNT_FROM or more. */
export function largeWalk(n: number, parts: number): boolean {
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
export function countedSplits(w: SplitWalk): Splits | null | undefined {
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
    const every = w.totalEvery;
    if (every > 1 && every === parts) makeTotals(w);
    else if (every > 1 && parts % every === 0) cutGroups(w, every, 0, 0, 0);
    else make(w, counts, 0, parts, 0);
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
 * there (far beyond any budget). Only the calls the walk can make are counted (see walkCounts).
 */
interface WalkCounts {
  calls: Float64Array;
  splits: Float64Array;
  at: (start: number, left: number) => number;
}

/**
 * The counts' buffers, kept from run to run (a walk's counts are used only while its split is
 * made, and each call of walkCounts writes every entry the walk reads before it is read).
 */
let CALLS = new Float64Array(256);
let SPLITS = new Float64Array(256);

/**
 * The counts of every call the walk can make, from the last figure back: a call with `left`
 * figures to make starts after parts - left figures of 1 to MAX_DIGITS digits, so at most
 * (parts - left) * MAX_DIGITS, and leaves a digit for each; its children are such calls with
 * one figure less. Each call's counts are summed over its children in the walk's order, as the
 * walk would find them.
 */
function walkCounts(digits: string, parts: number): WalkCounts {
  const n = digits.length;
  const stride = n + 1;
  if (CALLS.length < stride * parts) {
    CALLS = new Float64Array(stride * parts * 2);
    SPLITS = new Float64Array(stride * parts * 2);
  }
  const calls = CALLS;
  const splits = SPLITS;
  for (let left = 1; left <= parts; left++) {
    const base = (left - 1) * stride;
    const below = base - stride;
    const from = parts - left;
    const to = Math.min(n - left, from * MAX_DIGITS);
    for (let start = from; start <= to; start++) {
      const i = base + start;
      if (left === 1) {
        const length = n - start;
        calls[i] = 1;
        splits[i] = length > MAX_DIGITS || (length > 1 && digits.charCodeAt(start) === 48) ? 0 : 1;
        continue;
      }
      let made = 1;
      let found = 0;
      const maxLen = digits.charCodeAt(start) === 48 ? 1 : MAX_DIGITS;
      for (let len = 1; len <= maxLen && start + len <= n - (left - 1); len++) {
        made += calls[below + start + len]!;
        found += splits[below + start + len]!;
      }
      calls[i] = Math.min(made, 2 ** 52);
      splits[i] = Math.min(found, 2 ** 52);
    }
  }
  return { calls, splits, at: (start, left) => (left - 1) * stride + start };
}

/**
 * The splits `make` makes whose figures before the last add up to the last, in the same order:
 * the last figure (the row's total) taken each way first, then the digits before it cut only
 * while their sum stays within it (a figure only grows with its digits). Each split found is
 * kept with its starts, and the splits put in the walk's order (by their starts, the first
 * figure's length first) before they are added to the walk's out.
 */
function makeTotals(w: SplitWalk): void {
  const { digits, parts, out } = w;
  const n = digits.length;
  const t: TotalCut = { w, end: 0, total: 0, values: [], starts: [], count: 0 };
  for (let length = 1; length <= MAX_DIGITS && length <= n - (parts - 1); length++) {
    const start = n - length;
    if (length > 1 && digits.charCodeAt(start) === 48) continue;
    t.end = start;
    t.total = w.tail[start]!;
    w.values[parts - 1] = t.total;
    w.starts[parts - 1] = w.column + start;
    cutBefore(t, 0, parts - 1, 0, 0);
  }
  const order: number[] = [];
  for (let k = 0; k < t.count; k++) order.push(k);
  if (t.count > 1)
    order.sort((a, b) => {
      for (let j = 0; j < parts; j++) {
        const d = t.starts[a * parts + j]! - t.starts[b * parts + j]!;
        if (d !== 0) return d;
      }
      return 0;
    });
  for (const k of order) {
    for (let j = 0; j < parts; j++) {
      out.values.push(t.values[k * parts + j]!);
      out.columns.push(t.starts[k * parts + j]!);
    }
    out.count++;
  }
}

/** The state of makeTotals' search for one length of the total. */
interface TotalCut {
  w: SplitWalk;
  /** Where the total begins: the digits before it are cut. */
  end: number;
  total: number;
  /** The splits found, `parts` values and starts each. */
  values: number[];
  starts: number[];
  count: number;
}

/** The digits from `start` to the total cut into `left` figures, the k-th next, `sum` so far. */
function cutBefore(t: TotalCut, start: number, left: number, k: number, sum: number): void {
  const { w, end, total } = t;
  const { digits } = w;
  if (left === 1) {
    const length = end - start;
    if (length > MAX_DIGITS || (length > 1 && digits.charCodeAt(start) === 48)) return;
    let value = 0;
    for (let i = start; i < end; i++) value = value * 10 + (digits.charCodeAt(i) - 48);
    if (sum + value !== total) return;
    w.values[k] = value;
    w.starts[k] = w.column + start;
    for (let j = 0; j < w.parts; j++) {
      t.values.push(w.values[j]!);
      t.starts.push(w.starts[j]!);
    }
    t.count++;
    return;
  }
  const maxLen = digits.charCodeAt(start) === 48 ? 1 : MAX_DIGITS;
  let value = 0;
  w.starts[k] = w.column + start;
  for (let len = 1; len <= maxLen && start + len <= end - (left - 1); len++) {
    value = value * 10 + (digits.charCodeAt(start + len - 1) - 48);
    if (sum + value > total) return;
    // Too many digits left for the figures still to make: a longer figure here leaves fewer.
    if (end - start - len > (left - 1) * MAX_DIGITS) continue;
    w.values[k] = value;
    cutBefore(t, start + len, left - 1, k + 1, sum + value);
  }
}

/**
 * The splits `make` makes whose figures, in groups of `every`, each end with the sum of the
 * group's others, in the same order: the figures cut from the first on as the walk cuts them,
 * each group's last taken only as the digits that spell the sum of its others (so at most one
 * way), and cuts that leave too few or too many digits for the figures still to make not
 * followed (they find no split). From `start`, the k-th figure next, `sum` its group's so far.
 */
function cutGroups(w: SplitWalk, every: number, start: number, k: number, sum: number): void {
  const { digits, parts } = w;
  const n = digits.length;
  const left = parts - k;
  const rest = n - start;
  if (rest < left || rest > left * MAX_DIGITS) return;
  if (k % every === every - 1) {
    // The group's total: exactly the digits of `sum` (no leading zero), the last figure all
    // the digits left.
    let length = 1;
    for (let v = sum; v >= 10; v = Math.floor(v / 10)) length++;
    if (length > MAX_DIGITS || length > rest - (left - 1)) return;
    if (left === 1 && length !== rest) return;
    let value = 0;
    for (let i = start; i < start + length; i++) value = value * 10 + (digits.charCodeAt(i) - 48);
    if (value !== sum || (length > 1 && digits.charCodeAt(start) === 48)) return;
    w.values[k] = value;
    w.starts[k] = w.column + start;
    if (left === 1) {
      const out = w.out;
      for (let j = 0; j < parts; j++) {
        out.values.push(w.values[j]!);
        out.columns.push(w.starts[j]!);
      }
      out.count++;
      return;
    }
    cutGroups(w, every, start + length, k + 1, 0);
    return;
  }
  const maxLen = digits.charCodeAt(start) === 48 ? 1 : MAX_DIGITS;
  let value = 0;
  w.starts[k] = w.column + start;
  for (let len = 1; len <= maxLen && start + len <= n - (left - 1); len++) {
    value = value * 10 + (digits.charCodeAt(start + len - 1) - 48);
    w.values[k] = value;
    cutGroups(w, every, start + len, k + 1, sum + value);
  }
}

/** The last figure, from `start` to the end, as the k-th: the split kept when it is one. */
export function last(w: SplitWalk, start: number, k: number): void {
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
