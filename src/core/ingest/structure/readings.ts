/**
 * The readings of one row of a table: the ways its tokens can be the row's cells. Figures run
 * together without a separator ("713000074") are split every way that gives the row its number
 * of cells (no figure with a leading zero, none longer than MAX_DIGITS); a row that lost one
 * cell gets a reading per place the cell may have been lost from; an empty cell of a grid is a
 * cell not filled in. Every enumeration is bounded by a budget shared with the solver.
 */
import type { EmptyToken, FigureToken, Position } from './stream.js';

/** A cell of a reading: its value and where it came from (null: a cell lost in the source). */
export interface ReadCell {
  value: number;
  at: Position | null;
  /** The cell was empty in the grid and is read as 0. */
  empty?: boolean;
  /** The header lacks the cell's column: no figure was printed (at null), none was lost. */
  absent?: boolean;
}

export type Reading = ReadCell[];

export interface Budget {
  steps: number;
}

/** A figure longer than this is not a count of a report's table. */
const MAX_DIGITS = 9;
/** More readings than this for one row and the row is left unread (too ambiguous to solve). */
export const MAX_READINGS = 400;

export type RowTokens = readonly (FigureToken | EmptyToken)[];

/** The splits of a digit run into `parts` figures (none with a leading zero). */
function splitsOf(digits: string, parts: number, budget: Budget): string[][] | null {
  const out: string[][] = [];
  const walk = (start: number, left: number, acc: string[]): boolean => {
    if (--budget.steps < 0 || out.length > MAX_READINGS) return false;
    if (left === 1) {
      const rest = digits.slice(start);
      if (rest.length <= MAX_DIGITS && (rest.length === 1 || rest[0] !== '0'))
        out.push([...acc, rest]);
      return true;
    }
    const maxLen = digits[start] === '0' ? 1 : MAX_DIGITS;
    for (let len = 1; len <= maxLen && start + len <= digits.length - (left - 1); len++) {
      acc.push(digits.slice(start, start + len));
      const ok = walk(start + len, left - 1, acc);
      acc.pop();
      if (!ok) return false;
    }
    return true;
  };
  if (digits.length < parts || digits.length > parts * MAX_DIGITS) return [];
  return walk(0, parts, []) ? out : null;
}

const cellOf = (raw: string, at: Position): ReadCell => ({ value: Number(raw), at });

/**
 * A figure printed with a leading zero ("04", "00"): two narrow cells run together (pdftotext
 * -layout), never one count; it is read only split.
 */
const runTogether = (t: RowTokens[number]) =>
  t.kind === 'figure' && t.raw.length > 1 && t.raw[0] === '0' && !t.raw.includes('.');

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
): Reading[] | null {
  const out: Reading[] = [];
  const accept = (reading: Reading) => {
    if (holds(reading.map((c) => c.value))) out.push(reading);
  };
  // A cell written "/" or "—" is not filled in: no reading makes it a figure.
  if (tokens.some((t) => t.kind === 'empty' && t.placeholder)) return [];
  const empties = tokens.filter((t) => t.kind === 'empty').length;
  const joined = tokens.some(runTogether);
  if (tokens.length === width && !joined) {
    // One cell a token; an empty cell of a grid is 0 when the arithmetic holds with it.
    accept(
      tokens.map((t) => (t.kind === 'empty' ? { value: 0, at: t, empty: true } : cellOf(t.raw, t))),
    );
    if (empties === 0 || out.length > 0) return out;
  }
  if (empties > 0) {
    // A grid row one cell short (its table lacks a column) whose empty cells are 0: the lost
    // cell recovered from the row's total, as for figures.
    if (lastIsTotal && tokens.length === width - 1 && !joined)
      withLostCell(
        tokens.map((t) =>
          t.kind === 'empty' ? { value: 0, at: t, empty: true } : cellOf(t.raw, t),
        ),
        out,
        accept,
      );
    return out;
  }
  const figures = tokens as readonly FigureToken[];
  if (figures.some((f) => f.raw.includes('.'))) return figures.length === width ? out : [];
  if (figures.length < width) {
    // Figures run together: distribute the cells over the tokens, then split each token.
    const parts = new Array<number>(figures.length).fill(1);
    const distribute = (i: number, left: number): boolean => {
      if (--budget.steps < 0 || out.length > MAX_READINGS) return false;
      if (i === figures.length - 1) {
        parts[i] = left + 1;
        return combine(0, []);
      }
      for (let extra = 0; extra <= left; extra++) {
        parts[i] = extra + 1;
        if (!distribute(i + 1, left - extra)) return false;
      }
      return true;
    };
    const combine = (i: number, acc: ReadCell[]): boolean => {
      if (i === figures.length) {
        accept([...acc]);
        return out.length <= MAX_READINGS;
      }
      const f = figures[i]!;
      const splits =
        parts[i] === 1 ? (runTogether(f) ? [] : [[f.raw]]) : splitsOf(f.raw, parts[i]!, budget);
      if (splits === null) return false;
      for (const split of splits) {
        let column = f.column;
        const cells = split.map((raw) => {
          const cell = cellOf(raw, { line: f.line, cell: f.cell, column });
          column += raw.length;
          return cell;
        });
        if (!combine(i + 1, [...acc, ...cells])) return false;
      }
      return true;
    };
    if (figures.length > 0 && !distribute(0, width - figures.length)) return null;
    if (lastIsTotal && figures.length === width - 1 && !joined)
      withLostCell(
        figures.map((f) => cellOf(f.raw, f)),
        out,
        accept,
      );
  } else if (figures.length > width && figures.length <= width + 2) {
    // Stray figures before or after the row's (a page number, a header's): each window.
    for (let start = 0; start + width <= figures.length; start++)
      if (!figures.slice(start, start + width).some(runTogether))
        accept(figures.slice(start, start + width).map((f) => cellOf(f.raw, f)));
  }
  return out.length > MAX_READINGS ? null : out;
}

/** A row that lost one cell: the cell may have been lost from any place. */
function withLostCell(
  cells: readonly ReadCell[],
  out: readonly Reading[],
  accept: (reading: Reading) => void,
): void {
  for (let lost = 0; lost <= cells.length; lost++) {
    const values: ReadCell[] = [...cells];
    values.splice(lost, 0, { value: -1, at: null });
    for (const v of lostValues(values, lost)) {
      const reading = values.map((c, i) => (i === lost ? { value: v, at: null } : c));
      if (!out.some((r) => sameValues(r, reading))) accept(reading);
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

export const sameValues = (a: Reading, b: Reading) =>
  a.length === b.length && a.every((c, i) => c.value === b[i]!.value);
