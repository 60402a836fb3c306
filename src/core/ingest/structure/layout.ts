/**
 * A table's figures in the order a layout gives them rather than after their labels: a PDF's
 * text (pdftotext's default mode) prints a table as blocks of cells, each block a run of rows
 * printed row by row or column by column, often before or after the labels of its rows. Given
 * the rows the table has (in the template's order) and its figures in the order printed, every
 * cut of the rows into consecutive blocks, each block read row-wise or column-wise, is tried;
 * a block is kept only when every row of it satisfies the row's own arithmetic (its total), and
 * a whole assignment only when every constraint of the table holds. The assignments are told
 * apart by their values (two cuts that put the same figures in the same cells are one reading).
 * The search is bounded: a table with more distinct readings than it keeps, or whose search
 * runs past the budget, is not read by layout.
 */
import type { Budget, ReadCell, Reading } from './readings.js';
import type { Constraint } from './solver.js';
import type { EmptyToken, FigureToken } from './stream.js';

/** Distinct readings kept for the rows from one row to the end; more and the search stops. */
const MAX_LAYOUT_READINGS = 64;
/** A figure longer than this is not a count of a table (the digits of a run-together row). */
const MAX_DIGITS = 9;

export interface LayoutProblem {
  /** Rows of the table, in the template's order. */
  rows: number;
  /** Cells of a row. */
  width: number;
  /** The figures (and empty grid cells) in the order the layout printed them. */
  tokens: readonly (FigureToken | EmptyToken)[];
  /** A row's own arithmetic (its total). */
  holds: (values: readonly number[]) => boolean;
  /** The table's arithmetic across rows (by row index in `rows` and column). */
  constraints: readonly Constraint[];
}

export type LayoutResult =
  /** The figures are not one cell each of `rows` × `width` cells: no layout applies. */
  | { status: 'inapplicable' }
  /** Too many readings or steps: not decided. */
  | { status: 'budget' }
  /** Every distinct reading of the table (one Reading per row) that satisfies everything. */
  | { status: 'solved'; solutions: Reading[][] };

interface Suffix {
  key: string;
  rows: Reading[];
}

const cellOf = (t: FigureToken | EmptyToken): ReadCell =>
  t.kind === 'empty'
    ? { value: 0, at: { line: t.line, cell: t.cell, column: t.column }, empty: true }
    : { value: Number(t.raw), at: { line: t.line, cell: t.cell, column: t.column } };

/** Whether the tokens can be a table's cells one each (counts, no placeholder, no fraction). */
function applicable(p: LayoutProblem): boolean {
  if (p.rows === 0 || p.tokens.length !== p.rows * p.width) return false;
  return p.tokens.every(
    (t) =>
      (t.kind === 'empty' && !t.placeholder) ||
      (t.kind === 'figure' &&
        /^\d+$/.test(t.raw) &&
        t.raw.length <= MAX_DIGITS &&
        (t.raw.length === 1 || t.raw[0] !== '0')),
  );
}

/**
 * The readings of a table printed in blocks of rows, row-wise or column-wise. A block of one
 * row is that row's cells in order; a block of `h` rows printed column-wise gives the first
 * column of its rows, then the second, and so on (a block of rows printed row-wise is the same
 * as that many blocks of one row).
 */
export function layoutReadings(p: LayoutProblem, budget: Budget): LayoutResult {
  if (!applicable(p)) return { status: 'inapplicable' };
  const cells = p.tokens.map(cellOf);
  const { rows: n, width: w } = p;
  // suffixes[s]: the distinct readings of rows s…n-1; null: too many (or over budget).
  const suffixes: (Suffix[] | null)[] = new Array<Suffix[] | null>(n + 1).fill(null);
  suffixes[n] = [{ key: '', rows: [] }];
  for (let s = n - 1; s >= 0; s--) {
    const out: Suffix[] = [];
    const seen = new Set<string>();
    let overflow = false;
    for (let h = 1; h <= n - s && !overflow; h++) {
      const block = blockRows(cells, s, h, w, p.holds, budget);
      if (budget.steps < 0) return { status: 'budget' };
      if (block === null) continue;
      const rest = suffixes[s + h] ?? null;
      if (rest === null) {
        overflow = true;
        break;
      }
      const blockKey = block.map((r) => r.map((c) => c.value).join(',')).join(';');
      for (const tail of rest) {
        if (--budget.steps < 0) return { status: 'budget' };
        const key = tail.key === '' ? blockKey : `${blockKey};${tail.key}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ key, rows: [...block, ...tail.rows] });
        if (out.length > MAX_LAYOUT_READINGS) {
          overflow = true;
          break;
        }
      }
    }
    suffixes[s] = overflow ? null : out;
  }
  const all = suffixes[0] ?? null;
  if (all === null) return { status: 'budget' };
  const holds = (reading: Reading[], c: Constraint) => {
    const sum = (refs: Constraint['left']) =>
      refs.reduce((s, [r, col]) => s + reading[r]![col]!.value, 0);
    return Math.abs(sum(c.left) - sum(c.right)) < 1e-6;
  };
  return {
    status: 'solved',
    solutions: all.map((x) => x.rows).filter((r) => p.constraints.every((c) => holds(r, c))),
  };
}

/**
 * The rows s…s+h-1 as one block (one row: in order; more: column-wise), or null when a row's
 * own arithmetic fails.
 */
function blockRows(
  cells: readonly ReadCell[],
  s: number,
  h: number,
  w: number,
  holds: LayoutProblem['holds'],
  budget: Budget,
): Reading[] | null {
  const base = s * w;
  const out: Reading[] = [];
  for (let r = 0; r < h; r++) {
    budget.steps -= w;
    if (budget.steps < 0) return null;
    const row: Reading = [];
    for (let c = 0; c < w; c++) row.push(cells[base + c * h + r]!);
    if (!holds(row.map((x) => x.value))) return null;
    out.push(row);
  }
  return out;
}
