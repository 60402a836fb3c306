/**
 * The readings of one row of a table: the ways its tokens can be the row's cells. Figures run
 * together without a separator ("713000074") are split every way that gives the row its number
 * of cells (no figure with a leading zero, none longer than MAX_DIGITS); a row that lost one
 * cell gets a reading per place the cell may have been lost from; an empty cell of a grid is a
 * cell not filled in; a cell written "/" or "—" is a place the report left without a figure (an
 * unknown, NaN: never 0). Every enumeration is bounded by a budget shared with the solver.
 */
import type { EmptyToken, FigureToken, Position } from './stream.js';
import { figureValue, MAX_READINGS, runTogetherReadings, wholeFigure } from './readings-split.js';
import { packedMap } from '../arrays.js';

export { MAX_READINGS, wholeFigure } from './readings-split.js';

/** A cell of a reading: its value and where it came from (null: a cell lost in the source). */
export interface ReadCell {
  /** The figure; NaN for a cell the report left without one ("/", "—"): unknown, never 0. */
  value: number;
  at: Position | null;
  /** The cell was empty in the grid and is read as 0. */
  empty?: boolean;
  /**
   * An empty cell of a row whose last cell is its total: true when that total is printed (it
   * confirms the cell as 0), false when blank too (a printed total elsewhere must — blank-cells).
   */
  confirmed?: boolean;
  /** The placeholder the cell was written as ("/", "—", "-"; "" for a blank beside one). */
  mark?: string;
  /** The header lacks the cell's column: no figure was printed (at null), none was lost. */
  absent?: boolean;
}

export type Reading = ReadCell[];

export interface Budget {
  steps: number;
}

export type RowTokens = readonly (FigureToken | EmptyToken)[];

const cellOf = (raw: string, at: Position): ReadCell => ({ value: figureValue(raw), at });

/**
 * Whether Σ left = Σ right can hold. A NaN is a cell the report left without a figure: an
 * unknown count (≥ 0), so the equation holds when the unknowns can make up the difference.
 */
export function balanced(left: readonly number[], right: readonly number[]): boolean {
  let l = 0;
  let r = 0;
  let unknownLeft = false;
  let unknownRight = false;
  for (const v of left)
    if (Number.isNaN(v)) unknownLeft = true;
    else l += v;
  for (const v of right)
    if (Number.isNaN(v)) unknownRight = true;
    else r += v;
  return sidesHold(l, unknownLeft, r, unknownRight);
}

/**
 * Whether sums l and r of the two sides can be equal, a side with an unknown cell (≥ 0) being
 * at least its known sum.
 */
export function sidesHold(l: number, unknownLeft: boolean, r: number, unknownRight: boolean) {
  if (unknownLeft && unknownRight) return true;
  if (unknownLeft) return r - l > -1e-6;
  if (unknownRight) return l - r > -1e-6;
  return Math.abs(l - r) < 1e-6;
}

/** Whether a row's parts add up to its total (unknown cells as in `balanced`). */
export const sumHolds = (parts: readonly number[], total: number): boolean =>
  balanced([total], parts);

/**
 * `sumHolds(values.slice(from, to), values[to])` without making the arrays: the same sums in the
 * same order, so the same answer.
 */
export function partsHold(values: readonly number[], from: number, to: number): boolean {
  const total = values[to]!;
  let r = 0;
  let unknownRight = false;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) unknownRight = true;
    else r += v;
  }
  const unknownLeft = Number.isNaN(total);
  const l = unknownLeft ? 0 : 0 + total;
  if (unknownLeft && unknownRight) return true;
  if (unknownLeft) return r - l > -1e-6;
  if (unknownRight) return l - r > -1e-6;
  return Math.abs(l - r) < 1e-6;
}

/** A count or an unknown: what a cell of a table of counts may hold. */
export const countOrUnknown = (v: number): boolean => Number.isNaN(v) || Number.isInteger(v);

/**
 * Readings of a row's tokens as `width` cells, each accepted by `holds` (the row's own
 * arithmetic). null when the budget ran out or there were too many.
 */
export function rowReadings(
  tokens: RowTokens,
  width: number,
  holds: (values: readonly number[]) => boolean,
  budget: Budget,
  /** The last cell is the row's total (a lost cell can then be recovered). */
  lastIsTotal: boolean,
  /**
   * `holds` accepts only cells whose all but the last add up to the last (runTogetherReadings);
   * a number: only cells in groups of that many, each group's last the sum of the others.
   */
  rowTotal: boolean | number = false,
): Reading[] | null {
  const out: Reading[] = [];
  if (tokens.length === width) {
    // The common row: a whole figure a cell. One reading, as printed (as below, in one pass).
    const reading: Reading = [];
    const values = valuesOf(width);
    for (const t of tokens) {
      if (t.kind !== 'figure' || !wholeFigure(t.raw)) break;
      const cell = cellOf(t.raw, t);
      values[reading.length] = cell.value;
      reading.push(cell);
    }
    if (reading.length === width) {
      if (holds(values)) out.push(reading);
      return out;
    }
  }
  // One buffer for the values of every candidate (`holds` only looks at them during the call).
  const state: RowSearch = { out, values: [], holds, budget };
  if (tokens.some((t) => t.kind === 'empty' && t.placeholder)) {
    // A cell written "/" or "—" is a place the report left without a figure: unknown, never 0;
    // a blank cell beside it too (the row's total cannot confirm it as 0). Read only one cell a
    // token: which figure a lost or run-together cell was is not settled by a total with an
    // unknown in it.
    if (tokens.length !== width || tokens.some((t) => t.kind === 'figure' && !wholeFigure(t.raw)))
      return [];
    accept(
      state,
      packedMap(tokens, (t) =>
        t.kind === 'empty' ? { value: NaN, at: t, mark: t.mark ?? '' } : cellOf(t.raw, t),
      ),
    );
    return out;
  }
  const empties = tokens.filter((t) => t.kind === 'empty').length;
  const whole = tokens.every((t) => t.kind === 'empty' || wholeFigure(t.raw));
  if (tokens.length === width && whole) {
    // One cell a token; an empty cell of a grid is 0 when the arithmetic holds with it — the
    // row's total confirms it only when printed (a blank total confirms nothing).
    const confirmed = lastIsTotal && tokens[width - 1]!.kind === 'figure';
    accept(
      state,
      packedMap(tokens, (t) =>
        t.kind === 'empty' ? { value: 0, at: t, empty: true, confirmed } : cellOf(t.raw, t),
      ),
    );
    if (empties === 0 || out.length > 0) return out;
  }
  if (empties > 0) {
    // A grid row one cell short (its table lacks a column) whose empty cells are 0: the lost
    // cell recovered from the row's total, as for figures.
    if (lastIsTotal && tokens.length === width - 1 && whole)
      withLostCell(
        packedMap(tokens, (t) =>
          t.kind === 'empty' ? { value: 0, at: t, empty: true } : cellOf(t.raw, t),
        ),
        state,
      );
    return out;
  }
  const figures = tokens as readonly FigureToken[];
  if (figures.some((f) => f.raw.includes('.'))) return figures.length === width ? out : [];
  if (figures.length < width) {
    // Figures run together: distribute the cells over the tokens, then split each token.
    if (figures.length > 0 && !runTogetherReadings(figures, width, holds, budget, out, rowTotal))
      return null;
    if (lastIsTotal && figures.length === width - 1 && whole)
      withLostCell(
        packedMap(figures, (f) => cellOf(f.raw, f)),
        state,
      );
  } else if (figures.length > width && figures.length <= width + MAX_STRAYS) {
    withoutStrays(figures, width, state);
    if (budget.steps < 0) return null;
  }
  return out.length > MAX_READINGS ? null : out;
}

/**
 * A buffer for the values of the common row's one candidate, one per width (`holds` only looks
 * at them during the call; each is written in full before it is read, its length never set).
 */
const VALUES: (number[] | undefined)[] = [];
function valuesOf(width: number): number[] {
  if (width > 64) return new Array<number>(width).fill(0);
  let values = VALUES[width];
  if (values === undefined) {
    values = new Array<number>(width).fill(0);
    VALUES[width] = values;
  }
  return values;
}

/** The state of one row's search for readings (module functions: no closure per row). */
interface RowSearch {
  out: Reading[];
  /** The values of the candidate being checked. */
  values: number[];
  holds: (values: readonly number[]) => boolean;
  budget: Budget;
}

/** Whether a candidate satisfies the row's arithmetic. */
function check(s: RowSearch, reading: Reading): boolean {
  const values = s.values;
  // Written in place (its length set only when the candidate's differs: never, in a row).
  const n = reading.length;
  while (values.length < n) values.push(0);
  if (values.length > n) values.length = n;
  for (let i = 0; i < n; i++) values[i] = reading[i]!.value;
  return s.holds(values);
}

/** The candidate kept when it satisfies the row's arithmetic. */
function accept(s: RowSearch, reading: Reading): void {
  if (check(s, reading)) s.out.push(reading);
}

/** Stray figures a row's tokens may hold beyond its cells (page numbers, a header's). */
const MAX_STRAYS = 2;

/**
 * A row with figures beyond its cells: strays before or after the row's (a header's figure, a
 * page number), or a page number between two of its figures where a page break fell inside
 * the row (a figure of at most three digits alone on its line). Each way of setting the strays
 * aside is a reading; the row's total and the table's arithmetic choose among them.
 */
function withoutStrays(figures: readonly FigureToken[], width: number, s: RowSearch): void {
  const { out, budget } = s;
  const strays = figures.length - width;
  const alone = (i: number) => {
    const f = figures[i]!;
    return /^\d{1,3}$/.test(f.raw) && figures.every((g, j) => j === i || g.line !== f.line);
  };
  // The k-th of the strays set aside (in order) is at the row's start or end when all before
  // it or all after it are set aside too.
  const atEnd = (i: number, k: number) => i === k || i === figures.length - strays + k;
  const drop = (from: number, dropped: number[]): void => {
    if (--budget.steps < 0) return;
    if (dropped.length === strays) {
      // Inside the row only a page number alone on its line; at its ends anything.
      if (!dropped.every((i, k) => atEnd(i, k) || alone(i))) return;
      const kept = figures.filter((_, i) => !dropped.includes(i));
      if (!kept.every((f) => wholeFigure(f.raw))) return;
      const reading = packedMap(kept, (f) => cellOf(f.raw, f));
      if (!out.some((r) => sameValues(r, reading))) accept(s, reading);
      return;
    }
    for (let i = from; i <= figures.length - (strays - dropped.length); i++)
      drop(i + 1, [...dropped, i]);
  };
  drop(0, []);
}

/** A row that lost one cell: the cell may have been lost from any place. */
function withLostCell(cells: readonly ReadCell[], s: RowSearch): void {
  const out = s.out;
  for (let lost = 0; lost <= cells.length; lost++) {
    const values: ReadCell[] = [...cells];
    values.splice(lost, 0, { value: -1, at: null });
    for (const v of lostValues(values, lost)) {
      const reading = packedMap(values, (c, i) => (i === lost ? { value: v, at: null } : c));
      if (!out.some((r) => sameValues(r, reading))) accept(s, reading);
    }
  }
}

/** The value a lost cell must have for a row total to hold (the last cell is the total). */
function lostValues(cells: readonly ReadCell[], lost: number): number[] {
  const last = cells.length - 1;
  let sum = 0;
  for (let i = 0; i < last; i++) if (i !== lost) sum += cells[i]!.value;
  if (lost === last) return [sum];
  const v = cells[last]!.value - sum;
  return v >= 0 ? [v] : [];
}

/** Whether two readings give the same values (two unknowns are the same). */
export const sameValues = (a: Reading, b: Reading) =>
  a.length === b.length && a.every((c, i) => Object.is(c.value, b[i]!.value));
