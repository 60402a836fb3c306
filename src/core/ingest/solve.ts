/**
 * Repairing damaged table rows, only when the repair is certain.
 *
 * A row that lost cells, or whose digits ran together, can be read several ways: which columns
 * the surviving values belong to, where one number ends and the next begins. Each reading is a
 * candidate; the table's own arithmetic (each row's 总计, （七）总计, 一 + 二 = 三（七） + 四, the
 * 总计 of 行政复议 and 行政诉讼) rules candidates out. A row is repaired only when every reading
 * that fits gives the same figures; otherwise it is left unresolved and the raw values are kept.
 *
 * The work is bounded: the number of readings and the number of search steps are capped, so a
 * hostile input costs at most a fixed amount of time, and exceeding a cap leaves the row
 * unresolved (it is never guessed).
 */

/** A slot of a reading whose value was lost in conversion. */
export const UNKNOWN = -1;
/** A slot that is present in the document but has no value (blank, "—", "/"). */
export const BLANK = -2;

/** A value as the reader found it: its text and, when it is a number, its value. */
export interface RawValue {
  raw: string;
  /** null for a blank or a placeholder such as "—". */
  value: number | null;
}

/** Caps on the work spent on one document. */
export interface Budget {
  /** Steps left (readings generated, search nodes visited). */
  steps: number;
}

export const DEFAULT_BUDGET_STEPS = 400_000;

/** Cells a row may have lost and still be repaired. */
const MAX_LOST_CELLS = 2;

/** Readings per row beyond which the row is left unresolved. */
const MAX_READINGS_PER_ROW = 5_000;

function slotOf(v: RawValue): number {
  return v.value === null ? BLANK : v.value;
}

function* combinations(n: number, k: number): Generator<number[]> {
  // Positions 0..n-1, k of them, increasing.
  if (k > n) return;
  const picked = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    yield picked.slice();
    let i = k - 1;
    while (i >= 0 && picked[i] === n - k + i) i--;
    if (i < 0) return;
    picked[i]!++;
    for (let j = i + 1; j < k; j++) picked[j] = picked[j - 1]! + 1;
  }
}

/**
 * Calls `visit` with each way to cut a string of digits into `parts` numbers, none with a
 * leading zero; stops when `visit` returns false or the budget runs out.
 */
function eachDigitSplit(
  digits: string,
  parts: number,
  budget: Budget,
  visit: (cut: readonly number[]) => boolean,
): boolean {
  return digitSplitFrom({ digits, out: [], budget, visit }, 0, parts);
}

/** A search's state, passed down instead of closed over (no closure is made per call). */
interface DigitSplit {
  digits: string;
  out: number[];
  budget: Budget;
  visit: (cut: readonly number[]) => boolean;
}

function digitSplitFrom(s: DigitSplit, start: number, left: number): boolean {
  const { digits, out } = s;
  if (s.budget.steps-- <= 0) return false;
  if (left === 1) {
    const length = digits.length - start;
    if (length < 1 || length > 9 || (length > 1 && digits.charCodeAt(start) === 48)) return true;
    out.push(Number(digits.slice(start)));
    const more = s.visit(out);
    out.pop();
    return more;
  }
  const maxEnd = Math.min(digits.length - (left - 1), start + 9);
  for (let end = start + 1; end <= maxEnd; end++) {
    if (end - start > 1 && digits.charCodeAt(start) === 48) break;
    out.push(Number(digits.slice(start, end)));
    const more = digitSplitFrom(s, end, left - 1);
    out.pop();
    if (!more) return false;
  }
  return true;
}

/**
 * Like eachDigitSplit, for rows made of groups whose last number is the sum of the others (a
 * table 三 row is one group of seven; table 四 three groups of five): each group's last number
 * is not cut but read off as the sum, so only the readings that add up are ever made.
 */
function eachGroupedSumSplit(
  digits: string,
  groupSize: number,
  groups: number,
  budget: Budget,
  visit: (cut: readonly number[]) => boolean,
): boolean {
  if (groups === 1) return eachSumSplit(digits, groupSize, budget, visit);
  const state: GroupedSplit = {
    digits,
    out: [],
    parts: groupSize * groups,
    groupSize,
    budget,
    visit,
  };
  return groupedSplitFrom(state, 0, 0, 0);
}

interface GroupedSplit extends DigitSplit {
  parts: number;
  groupSize: number;
}

function groupedSplitFrom(s: GroupedSplit, position: number, k: number, sum: number): boolean {
  const { digits, out } = s;
  if (s.budget.steps-- <= 0) return false;
  const left = s.parts - out.length;
  if (k === s.groupSize - 1) {
    const expected = String(sum);
    if (!digits.startsWith(expected, position)) return true;
    const next = position + expected.length;
    if (digits.length - next < left - 1) return true;
    out.push(sum);
    const more =
      left === 1 ? next !== digits.length || s.visit(out) : groupedSplitFrom(s, next, 0, 0);
    out.pop();
    return more;
  }
  const maxEnd = Math.min(digits.length - (left - 1), position + 9);
  for (let end = position + 1; end <= maxEnd; end++) {
    if (end - position > 1 && digits.charCodeAt(position) === 48) break;
    const value = Number(digits.slice(position, end));
    out.push(value);
    const more = groupedSplitFrom(s, end, k + 1, sum + value);
    out.pop();
    if (!more) return false;
  }
  return true;
}

/** 10^k, looked up for the exponents the pruning below meets. */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];
const pow10 = (k: number) => (k < POW10.length ? POW10[k]! : 10 ** k);

/**
 * One group: the last number (the sum) is cut off the end first, then the rest is cut only while
 * the running sum stays within it.
 */
function eachSumSplit(
  digits: string,
  parts: number,
  budget: Budget,
  visit: (cut: readonly number[]) => boolean,
): boolean {
  const n = digits.length;
  const digit = new Uint8Array(n);
  for (let i = 0; i < n; i++) digit[i] = digits.charCodeAt(i) - 48;
  const state: SumSplit = { digit, out: [], total: 0, end: 0, budget, visit };
  // Casting out nines: a number is congruent to the sum of its digits modulo 9, so however the
  // digits before the total are cut, their numbers add up to their digit sum modulo 9. A total
  // whose digit sum differs from theirs modulo 9 cannot be reached: not searched at all.
  const digitSum = new Uint16Array(n + 1);
  for (let i = 0; i < n; i++) digitSum[i + 1] = digitSum[i]! + digit[i]!;
  for (let length = 1; length <= 9 && length <= n - (parts - 1); length++) {
    const from = n - length;
    if (length > 1 && digit[from] === 0) continue;
    if (digitSum[from]! % 9 !== (digitSum[n]! - digitSum[from]!) % 9) continue;
    let total = 0;
    for (let i = from; i < n; i++) total = total * 10 + digit[i]!;
    state.total = total;
    state.end = from;
    if (!sumSplitFrom(state, 0, parts - 1, 0)) return false;
  }
  return true;
}

interface SumSplit {
  digit: Uint8Array;
  out: number[];
  /** The group's last number, cut off the end. */
  total: number;
  /** Where the digits before it end. */
  end: number;
  budget: Budget;
  visit: (cut: readonly number[]) => boolean;
}

function sumSplitFrom(s: SumSplit, start: number, left: number, sum: number): boolean {
  const { digit, out, total, end } = s;
  if (s.budget.steps-- <= 0) return false;
  if (left === 1) {
    const length = end - start;
    if (length < 1 || length > 9 || (length > 1 && digit[start] === 0)) return true;
    let value = 0;
    for (let i = start; i < end; i++) value = value * 10 + digit[i]!;
    if (sum + value !== total) return true;
    out.push(value, total);
    const more = s.visit(out);
    out.length -= 2;
    return more;
  }
  // The digits left must fit the sum left: cut into `left` parts, one part has at least
  // ceil(digits / left) digits, so is at least 10^(that - 1).
  // And reach it: at best one part takes all but one digit per other part.
  const rest = end - start;
  const need = total - sum;
  if (rest > left && pow10(Math.ceil(rest / left) - 1) > need) return true;
  const longest = rest - left + 1;
  if (longest <= 9 && pow10(longest) - 1 + 9 * (left - 1) < need) return true;
  const maxEnd = Math.min(end - (left - 1), start + 9);
  let value = 0;
  for (let stop = start + 1; stop <= maxEnd; stop++) {
    if (stop - start > 1 && digit[start] === 0) break;
    value = value * 10 + digit[stop - 1]!;
    if (sum + value > total) break;
    out.push(value);
    const more = sumSplitFrom(s, stop, left - 1, sum + value);
    out.pop();
    if (!more) return false;
  }
  return true;
}

export interface ReadingOptions {
  /**
   * When the table header itself lacks columns: the positions of the columns it has. A row
   * with exactly that many values is read against the header.
   */
  headerPositions?: readonly number[];
  /**
   * The row's own arithmetic (e.g. 总计 = the sum of the other columns), checked on readings
   * without lost or blank cells; readings that break it are not kept.
   */
  check?: (slots: readonly number[]) => boolean;
  /**
   * The slots are groups of this many whose last is the sum of the others (lets digits run
   * together be cut much faster).
   */
  sumGroupSize?: number;
  budget: Budget;
}

export type ReadingsResult =
  | { kind: 'exact'; readings: number[][] }
  | { kind: 'header'; readings: number[][] }
  | { kind: 'repair'; readings: number[][]; runTogether: boolean; lost: boolean }
  | { kind: 'too-many-values' }
  | { kind: 'too-many-readings' };

/**
 * Every way `values` can fill a row of `width` slots: as they are; against the header; with
 * cells lost (order kept); or with digits run together and cut apart. Lost cells and cut
 * digits are not mixed in one row: damage of one kind per row is what converters produce, and
 * mixing them multiplies readings without making a repair more likely to be certain.
 */
export function rowReadings(
  values: readonly RawValue[],
  width: number,
  options: ReadingOptions,
): ReadingsResult {
  const n = values.length;
  if (n === width) return { kind: 'exact', readings: [values.map(slotOf)] };
  if (n > width) return { kind: 'too-many-values' };
  const header = options.headerPositions;
  const found: Found = {
    readings: [],
    seen: new Set(),
    check: options.check,
    budget: options.budget,
    runTogether: false,
  };
  const { readings } = found;
  if (header && header.length === n && header.length < width) {
    // As many values as the header has columns: read against the header — unless a value is
    // digits run together ("00", "04": a count never begins with 0), when the row carries the
    // columns the header lacks. The row may also carry them with digits run together that do not
    // show it ("32" for 3 and 2): those readings are kept beside the header's, for the table's
    // arithmetic to choose.
    if (!values.some((v) => RUN_ON_ZERO.test(v.raw))) {
      const slots = new Array<number>(width).fill(UNKNOWN);
      header.forEach((position, i) => (slots[position] = slotOf(values[i]!)));
      readings.push(slots);
      found.seen.add(slots.join(','));
      if (!cutDigits(found, values, width, options)) return { kind: 'too-many-readings' };
      if (options.budget.steps <= 0) return { kind: 'too-many-readings' };
      return { kind: 'header', readings };
    }
  }

  // Cells lost: the surviving values keep their order. Only a few cells (a converter drops one
  // or two), and only when each value could be one count: "000" or 4512103263 is digits run
  // together, not a cell.
  let lost = false;
  const plausible = values.every(
    (v) => v.value === null || /^(?:0|[1-9]\d{0,6})(?:\.\d+)?$/.test(v.raw.replace(/,/g, '')),
  );
  if (n > 0 && width - n <= MAX_LOST_CELLS && plausible) {
    for (const positions of combinations(width, n)) {
      options.budget.steps--;
      const slots = new Array<number>(width).fill(UNKNOWN);
      positions.forEach((p, i) => (slots[p] = slotOf(values[i]!)));
      lost = true;
      if (!addReading(found, slots)) return { kind: 'too-many-readings' };
    }
  }

  // Digits run together: cut the digit strings so that there are exactly `width` values.
  if (!cutDigits(found, values, width, options)) return { kind: 'too-many-readings' };
  if (options.budget.steps <= 0) return { kind: 'too-many-readings' };
  // Both at once, only when neither alone reads the row: pdftotext -layout runs two narrow
  // columns together ("01") in a row that lost a cell. Only two-digit values beginning with 0
  // are cut (a count never begins with 0, so "01" can only be 0 and 1).
  if (readings.length === 0) {
    if (!lostAndRunTogether(found, values, width)) return { kind: 'too-many-readings' };
    if (options.budget.steps <= 0) return { kind: 'too-many-readings' };
    lost ||= readings.length > 0;
  }
  return { kind: 'repair', readings, runTogether: found.runTogether, lost };
}

/**
 * The readings of a row whose two-digit values beginning with 0 are two cells run together and
 * which lost a cell or two besides, added to `found`; false when there are too many.
 */
function lostAndRunTogether(found: Found, values: readonly RawValue[], width: number): boolean {
  if (!values.some((v) => RUN_ON_ZERO.test(v.raw))) return true;
  const cut: RawValue[] = [];
  for (const v of values) {
    if (v.value === null || !/^\d+$/.test(v.raw)) cut.push(v);
    else if (/^0\d$/.test(v.raw)) {
      cut.push({ raw: '0', value: 0 }, { raw: v.raw[1]!, value: Number(v.raw[1]) });
    } else if (/^(?:0|[1-9]\d{0,6})$/.test(v.raw)) cut.push(v);
    else return true;
  }
  const n = cut.length;
  if (n >= width || width - n > MAX_LOST_CELLS) return true;
  for (const positions of combinations(width, n)) {
    found.budget.steps--;
    const slots = new Array<number>(width).fill(UNKNOWN);
    positions.forEach((p, i) => (slots[p] = slotOf(cut[i]!)));
    found.runTogether = true;
    if (!addReading(found, slots)) return false;
  }
  return true;
}

/** A count never begins with 0: "04" is 0 and 4 run together. */
const RUN_ON_ZERO = /^0\d/;

/**
 * The readings that cut the values' digit strings so that there are exactly `width` values, added
 * to `found`; false when there are too many or the budget ran out.
 */
function cutDigits(
  found: Found,
  values: readonly RawValue[],
  width: number,
  options: ReadingOptions,
): boolean {
  const n = values.length;
  const splittable = values.map((v) => (/^\d{2,}$/.test(v.raw) ? v.raw.length : 1));
  const capacity = splittable.reduce((a, b) => a + b, 0);
  if (capacity < width) return true;
  const extra = width - n;
  // The whole row in one run of digits, made of groups that add up (table 三, table 四).
  const size = options.sumGroupSize;
  if (n === 1 && extra > 0 && size && width % size === 0 && /^\d+$/.test(values[0]!.raw)) {
    return eachGroupedSumSplit(values[0]!.raw, size, width / size, options.budget, (cut) => {
      found.runTogether = true;
      return addReading(found, cut.slice());
    });
  }
  // Distribute `extra` additional parts over the values (each at most its digit count - 1).
  for (const distribution of distributions(new Array<number>(n).fill(1), splittable, 0, extra)) {
    const pieces: number[][][] = [];
    for (let i = 0; i < n; i++) {
      const k = distribution[i]!;
      if (k === 1) pieces.push([[slotOf(values[i]!)]]);
      else {
        const cuts: number[][] = [];
        const whole = eachDigitSplit(values[i]!.raw, k, options.budget, (cut) => {
          cuts.push(cut.slice());
          return cuts.length <= MAX_READINGS_PER_ROW * 20;
        });
        if (!whole) return false;
        pieces.push(cuts);
      }
    }
    if (!cartesian(found, pieces, 0, [])) return false;
    if (options.budget.steps <= 0) return false;
  }
  return true;
}

/** The readings of a row found so far (passed down instead of closed over). */
interface Found {
  readings: number[][];
  /** The readings as text, to keep each once. */
  seen: Set<string>;
  check: ((slots: readonly number[]) => boolean) | undefined;
  budget: Budget;
  /** Whether a reading cut digits apart. */
  runTogether: boolean;
}

/** Keeps a reading (unless the row's own arithmetic rules it out); false to stop looking. */
function addReading(found: Found, slots: number[]): boolean {
  const { check, budget, readings } = found;
  if (check && slots.every((v) => v >= 0) && !check(slots)) return budget.steps > 0;
  const key = slots.join(',');
  if (!found.seen.has(key)) {
    found.seen.add(key);
    readings.push(slots);
  }
  return readings.length <= MAX_READINGS_PER_ROW && budget.steps > 0;
}

/**
 * The ways to give `left` more parts to the values from `index` on, each at most its digit
 * count - 1 more (`parts` is reused: each yield is read before the next).
 */
function* distributions(
  parts: number[],
  splittable: readonly number[],
  index: number,
  left: number,
): Generator<number[]> {
  if (left === 0) {
    yield parts;
    return;
  }
  if (index >= parts.length) return;
  const most = Math.min(left, splittable[index]! - 1);
  for (let k = most; k >= 0; k--) {
    parts[index] = 1 + k;
    yield* distributions(parts, splittable, index + 1, left - k);
  }
  parts[index] = 1;
}

/** Every reading made of one cut per value (the Cartesian product of the cuts). */
function cartesian(found: Found, pieces: readonly number[][][], i: number, acc: number[]): boolean {
  if (i === pieces.length) {
    found.runTogether = true;
    return addReading(found, acc.slice());
  }
  for (const cut of pieces[i]!) {
    if (found.budget.steps-- <= 0) return false;
    if (!cartesian(found, pieces, i + 1, acc.concat(cut))) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The table's arithmetic as linear equalities over its cells, and a search for the readings
// that satisfy it.
// ---------------------------------------------------------------------------------------------

/** Σ left = Σ right, over cell indices. */
export interface Equality {
  left: readonly number[];
  right: readonly number[];
}

export interface DamagedRow {
  /** The table cells of the row's slots, in slot order. */
  cells: readonly number[];
  readings: readonly number[][];
}

export type RowSolution =
  | { status: 'resolved'; slots: number[] }
  | { status: 'unresolved'; reason: 'none' | 'ambiguous' | 'budget' };

/**
 * The bounds of every cell, and which equalities may still narrow them: an equality none of
 * whose cells changed since it was last applied would change nothing, so it is not applied
 * again (it is still counted as a step, so the budget is spent exactly as if it were).
 */
interface Bounds {
  lo: Float64Array;
  hi: Float64Array;
  /** 1 for an equality to apply on the next pass. */
  dirty: Uint8Array;
}

/** For each cell, the equalities it is in (made once per set of equalities). */
const EQUALITIES_OF_CELL = new WeakMap<readonly Equality[], readonly (readonly number[])[]>();

function equalitiesOfCell(equalities: readonly Equality[]): readonly (readonly number[])[] {
  let index = EQUALITIES_OF_CELL.get(equalities);
  if (index) return index;
  const lists: number[][] = [];
  equalities.forEach((eq, e) => {
    for (const cell of [...eq.left, ...eq.right]) {
      const list = (lists[cell] ??= []);
      if (list[list.length - 1] !== e) list.push(e);
    }
  });
  index = lists;
  EQUALITIES_OF_CELL.set(equalities, index);
  return index;
}

const copyBounds = (b: Bounds): Bounds => ({
  lo: b.lo.slice(),
  hi: b.hi.slice(),
  dirty: b.dirty.slice(),
});

/** Overwrites `to` with `from` (scratch bounds are reused rather than made per reading). */
function copyInto(to: Bounds, from: Bounds): Bounds {
  to.lo.set(from.lo);
  to.hi.set(from.hi);
  to.dirty.set(from.dirty);
  return to;
}

function touch(b: Bounds, cell: number, index: readonly (readonly number[])[]): void {
  const list = index[cell];
  if (list) for (const e of list) b.dirty[e] = 1;
}

/**
 * Interval propagation: narrows [lo, hi] of every cell by every equality, all cells being
 * non-negative. Returns false when the equalities cannot hold.
 */
function propagate(
  b: Bounds,
  equalities: readonly Equality[],
  index: readonly (readonly number[])[],
  budget: Budget,
): boolean {
  const { lo, hi, dirty } = b;
  for (let pass = 0; pass < 40; pass++) {
    let changed = false;
    for (let e = 0; e < equalities.length; e++) {
      budget.steps--;
      if (dirty[e] === 0) continue;
      dirty[e] = 0;
      const eq = equalities[e]!;
      for (let side = 0; side < 2; side++) {
        const mine = side === 0 ? eq.left : eq.right;
        const other = side === 0 ? eq.right : eq.left;
        let otherLo = 0;
        let otherHi = 0;
        for (const i of other) {
          otherLo += lo[i]!;
          otherHi += hi[i]!;
        }
        let mineLo = 0;
        let mineHiFinite = 0;
        let mineHiInfinite = 0;
        for (const i of mine) {
          mineLo += lo[i]!;
          if (hi[i] === Infinity) mineHiInfinite++;
          else mineHiFinite += hi[i]!;
        }
        if (mineLo > otherHi) return false;
        for (const i of mine) {
          // x ≤ hi(other) − lo(rest of mine);  x ≥ lo(other) − hi(rest of mine)
          const restLo = mineLo - lo[i]!;
          const newHi = otherHi - restLo;
          const restInfinite = mineHiInfinite - (hi[i] === Infinity ? 1 : 0);
          const restHi =
            restInfinite > 0 ? Infinity : mineHiFinite - (hi[i] === Infinity ? 0 : hi[i]!);
          const newLo = otherLo - restHi;
          if (newHi < hi[i]!) {
            hi[i] = newHi;
            changed = true;
            touch(b, i, index);
          }
          if (newLo > lo[i]!) {
            lo[i] = newLo;
            changed = true;
            touch(b, i, index);
          }
          if (lo[i]! > hi[i]!) return false;
        }
      }
    }
    if (!changed) return true;
  }
  return true;
}

function assign(
  b: Bounds,
  row: DamagedRow,
  slots: readonly number[],
  index: readonly (readonly number[])[],
): boolean {
  const { lo, hi } = b;
  for (let s = 0; s < row.cells.length; s++) {
    const cell = row.cells[s]!;
    const v = slots[s]!;
    if (v >= 0) {
      if (v < lo[cell]! || v > hi[cell]!) return false;
      if (lo[cell] !== v || hi[cell] !== v) touch(b, cell, index);
      lo[cell] = v;
      hi[cell] = v;
    }
  }
  return true;
}

/** The figures a reading comes to once propagated, or null when some lost cell stays open. */
function outcome(
  lo: Float64Array,
  hi: Float64Array,
  row: DamagedRow,
  slots: readonly number[],
): number[] | null {
  const out: number[] = [];
  for (let s = 0; s < row.cells.length; s++) {
    if (slots[s] === BLANK) {
      out.push(BLANK);
      continue;
    }
    const cell = row.cells[s]!;
    if (lo[cell] !== hi[cell]) return null;
    out.push(lo[cell]!);
  }
  return out;
}

/** The joint search's state (passed down instead of closed over). */
interface JointSearch {
  rows: readonly DamagedRow[];
  candidates: readonly (readonly number[][])[];
  /** The rows still open, in the order they are tried. */
  open: readonly number[];
  equalities: readonly Equality[];
  index: readonly (readonly number[])[];
  budget: Budget;
  /** The reading tried for each row. */
  chosen: (readonly number[])[];
  /** One scratch copy of the bounds per depth: a deeper search never touches a shallower one's. */
  levels: Bounds[];
  /** The figures of every combination that fits, by their text. */
  found: Map<string, number[][]>;
  ambiguous: boolean;
}

function searchJointly(j: JointSearch, b: Bounds, left: readonly number[]): void {
  const { rows, open, chosen, budget } = j;
  if (j.ambiguous || budget.steps-- <= 0) return;
  if (left.length === 0) {
    const figures: number[][] = [];
    for (const i of open) {
      const f = outcome(b.lo, b.hi, rows[i]!, chosen[i]!);
      if (f === null) {
        j.ambiguous = true;
        return;
      }
      figures.push(f);
    }
    j.found.set(figures.map((f) => f.join(',')).join(';'), figures);
    if (j.found.size > 1) j.ambiguous = true;
    return;
  }
  const next = left[0]!;
  const rest = left.slice(1);
  const depth = open.length - left.length;
  const b2 = (j.levels[depth] ??= copyBounds(b));
  for (const slots of j.candidates[next]!) {
    copyInto(b2, b);
    if (!assign(b2, rows[next]!, slots, j.index)) continue;
    if (!propagate(b2, j.equalities, j.index, budget)) continue;
    chosen[next] = slots;
    searchJointly(j, b2, rest);
    if (j.ambiguous || budget.steps <= 0) return;
  }
}

/** Narrows the bounds of a row's cells to what its remaining readings allow. */
function hull(
  base: Bounds,
  index: readonly (readonly number[])[],
  row: DamagedRow,
  list: readonly (readonly number[])[],
): void {
  const { lo, hi } = base;
  for (let s = 0; s < row.cells.length; s++) {
    const cell = row.cells[s]!;
    let min = Infinity;
    let max = -Infinity;
    for (const slots of list) {
      const v = slots[s]!;
      if (v < 0) {
        min = 0;
        max = Infinity;
        break;
      }
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (list.length === 0) continue;
    if (min > lo[cell]! || max < hi[cell]!) touch(base, cell, index);
    lo[cell] = Math.max(lo[cell]!, min);
    hi[cell] = Math.min(hi[cell]!, max);
  }
}

/**
 * Finds, for each damaged row, the one reading of its figures that the table's equalities
 * allow. `known` holds the cells of intact rows (undefined where a cell is absent or blank:
 * such a cell is free, only known to be non-negative).
 */
export function solveRows(
  cellCount: number,
  equalities: readonly Equality[],
  known: readonly (number | undefined)[],
  rows: readonly DamagedRow[],
  budget: Budget,
): RowSolution[] {
  const index = equalitiesOfCell(equalities);
  const base: Bounds = {
    lo: new Float64Array(cellCount),
    hi: new Float64Array(cellCount).fill(Infinity),
    dirty: new Uint8Array(equalities.length).fill(1),
  };
  const { lo, hi } = base;
  for (let i = 0; i < cellCount; i++) {
    const v = known[i];
    if (v !== undefined) {
      lo[i] = v;
      hi[i] = v;
    }
  }
  const candidates = rows.map((r) => r.readings.slice());
  const results: (RowSolution | undefined)[] = rows.map(() => undefined);

  rows.forEach((row, i) => hull(base, index, row, candidates[i]!));
  if (!propagate(base, equalities, index, budget)) {
    // The intact part of the table already breaks its own arithmetic: nothing can be certain.
    return rows.map((r) =>
      r.readings.length === 1 && r.readings[0]!.every((v) => v !== UNKNOWN)
        ? { status: 'resolved', slots: r.readings[0]! }
        : { status: 'unresolved', reason: 'none' },
    );
  }

  // Rows one at a time, while any becomes certain on its own.
  const scratch = copyBounds(base);
  let progress = true;
  while (progress) {
    progress = false;
    for (let r = 0; r < rows.length; r++) {
      if (results[r]) continue;
      if (budget.steps <= 0) break;
      const row = rows[r]!;
      const fitting: number[][] = [];
      const outcomes = new Set<string>();
      let open = false;
      let last: number[] | null = null;
      for (const slots of candidates[r]!) {
        const b = copyInto(scratch, base);
        if (!assign(b, row, slots, index) || !propagate(b, equalities, index, budget)) continue;
        fitting.push(slots);
        const figures = outcome(b.lo, b.hi, row, slots);
        if (figures === null) open = true;
        else {
          outcomes.add(figures.join(','));
          last = figures;
        }
        if (budget.steps <= 0) break;
      }
      if (budget.steps <= 0) break;
      if (fitting.length === 0) {
        results[r] = { status: 'unresolved', reason: 'none' };
        continue;
      }
      if (fitting.length < candidates[r]!.length) {
        candidates[r] = fitting;
        progress = true;
      }
      if (!open && outcomes.size === 1 && last) {
        results[r] = { status: 'resolved', slots: last };
        candidates[r] = [last];
        assign(base, row, last, index);
        progress = true;
      }
      hull(base, index, row, candidates[r]!);
      if (!propagate(base, equalities, index, budget)) {
        return rows.map((_, i) => results[i] ?? { status: 'unresolved', reason: 'none' });
      }
    }
  }

  // The rest together: a bounded search for all readings that fit at once.
  const open = rows.map((_, i) => i).filter((i) => !results[i]);
  if (open.length > 0) {
    if (budget.steps <= 0) {
      for (const i of open) results[i] = { status: 'unresolved', reason: 'budget' };
    } else {
      open.sort((a, b) => candidates[a]!.length - candidates[b]!.length);
      const joint: JointSearch = {
        rows,
        candidates,
        open,
        equalities,
        index,
        budget,
        chosen: rows.map(() => []),
        levels: [],
        found: new Map(),
        ambiguous: false,
      };
      searchJointly(joint, copyBounds(base), open);
      const { found, ambiguous } = joint;
      if (budget.steps <= 0 && !ambiguous) {
        for (const i of open) results[i] = { status: 'unresolved', reason: 'budget' };
      } else if (ambiguous || found.size !== 1) {
        const reason = ambiguous ? 'ambiguous' : 'none';
        for (const i of open) results[i] = { status: 'unresolved', reason };
      } else {
        const [figures] = [...found.values()];
        open.forEach((rowIndex, k) => {
          results[rowIndex] = { status: 'resolved', slots: figures![k]! };
        });
      }
    }
  }
  return results.map((r) => r ?? { status: 'unresolved', reason: 'budget' });
}
