/**
 * Choosing one reading per row so that the table's arithmetic holds (row totals are already in
 * each reading; here: （七）总计 per column, 一+二 = 三(七)+四, table 四's 总计). Every assignment
 * that satisfies all constraints is found (up to a bound, within a step budget); a row is read
 * only when it has the same reading in all of them, otherwise it is left unread with its
 * candidates. A constraint that names a row with no reading at all cannot be checked; the rows
 * it alone would have decided stay ambiguous.
 */
import { unconfirmedBlanks } from './blank-cells.js';
import { sameValues, sidesHold, type Budget, type Reading } from './readings.js';

/** A cell of the table: row index and column index. */
export type CellRef = readonly [row: number, column: number];

/** Σ left = Σ right. */
export interface Constraint {
  left: readonly CellRef[];
  right: readonly CellRef[];
}

export type RowOutcome =
  | { status: 'read'; reading: Reading }
  | { status: 'absent' }
  | { status: 'ambiguous'; candidates: Reading[] }
  | { status: 'contradiction'; candidates: Reading[] }
  | { status: 'budget'; candidates: Reading[] };

/** Solutions kept at most: enough to see which rows agree. */
const MAX_SOLUTIONS = 64;

/**
 * One outcome per row. `readings[r]` null: the row is absent or unread (its cells unknown);
 * an empty list: no reading of its tokens holds.
 */
export function solveTable(
  readings: readonly (Reading[] | null)[],
  constraints: readonly Constraint[],
  budget: Budget,
): RowOutcome[] {
  const n = readings.length;
  // The rows searched, fewest readings first (a stable sort: rows alike keep their order).
  const order: number[] = [];
  for (let r = 0; r < n; r++) {
    const own = readings[r];
    if (own === null || own === undefined || own.length === 0) continue;
    let at = order.length;
    while (at > 0 && readings[order[at - 1]!]!.length > own.length) at--;
    // Most rows go last (most have one reading): pushed, not spliced in.
    if (at === order.length) order.push(r);
    else order.splice(at, 0, r);
  }
  // Plain arrays: a typed array's allocation costs more than these few slots (profiled).
  const rank: number[] = [];
  const chosen: (Reading | null)[] = [];
  for (let r = 0; r < n; r++) {
    rank.push(-1);
    chosen.push(null);
  }
  for (let i = 0; i < order.length; i++) rank[order[i]!] = i;
  // Constraints by the last row (in search order) they name: checked once it is chosen. A
  // constraint naming a row without a reading cannot be checked. Rows with none share one
  // empty list (never added to: a row given one gets its own).
  const due: Cells[][] = [];
  for (let i = 0; i < order.length; i++) due.push(NO_CELLS);
  for (const c of constraints) {
    const cells = cellsOf(c);
    let last = -1;
    for (const r of cells.rows) {
      const k = rank[r]!;
      if (k < 0) {
        last = -1;
        break;
      }
      if (k > last) last = k;
    }
    if (last >= 0) {
      const list = due[last]!;
      if (list === NO_CELLS) due[last] = [cells];
      else list.push(cells);
    }
  }
  const state: Search = {
    readings,
    order,
    due,
    budget,
    chosen,
    solutions: [],
    exhausted: false,
  };
  search(state, 0);
  const { solutions, exhausted } = state;
  const outcomes: RowOutcome[] = [];
  for (let r = 0; r < n; r++) {
    const own = readings[r] ?? null;
    if (own === null) {
      outcomes.push({ status: 'absent' });
      continue;
    }
    if (own.length === 0) {
      outcomes.push({ status: 'contradiction', candidates: [] });
      continue;
    }
    const k = rank[r]!;
    if (exhausted || solutions.length >= MAX_SOLUTIONS) {
      // Not every solution was seen: only a row with one reading is certain.
      outcomes.push(
        own.length === 1 && solutions.length > 0
          ? { status: 'read', reading: own[0]! }
          : { status: 'budget', candidates: own.slice(0, 5) },
      );
      continue;
    }
    // One solution (most tables): the row's reading in it, as the loop below would find.
    if (solutions.length === 1) {
      outcomes.push({ status: 'read', reading: solutions[0]![k]! });
      continue;
    }
    const seen: Reading[] = [];
    for (const s of solutions) {
      const x = s[k]!;
      let met = false;
      for (const y of seen)
        if (sameValues(y, x)) {
          met = true;
          break;
        }
      if (!met) seen.push(x);
    }
    if (seen.length === 0) outcomes.push({ status: 'contradiction', candidates: own.slice(0, 5) });
    else if (seen.length > 1) outcomes.push({ status: 'ambiguous', candidates: seen.slice(0, 5) });
    else outcomes.push({ status: 'read', reading: seen[0]! });
  }
  // Empty cells read as 0 only where a printed total confirms them.
  return unconfirmedBlanks(outcomes, constraints);
}

/** A constraint's cells as flat lists (made once per constraint object). */
interface Cells {
  /** The rows it names, left then right (a row once per cell). */
  rows: number[];
  leftRows: number[];
  leftColumns: number[];
  rightRows: number[];
  rightColumns: number[];
}

/** The constraints due at a row of the search order that has none (shared, never changed). */
const NO_CELLS: Cells[] = [];

/** The state of one table's search (module functions: no closure per table). */
interface Search {
  readings: readonly (Reading[] | null)[];
  order: readonly number[];
  due: readonly (readonly Cells[])[];
  budget: Budget;
  chosen: (Reading | null)[];
  solutions: Reading[][];
  exhausted: boolean;
}

/** Every assignment from the i-th row of the search order on; false: stop the search. */
function search(s: Search, i: number): boolean {
  const { order, chosen } = s;
  if (i === order.length) {
    const solution: Reading[] = [];
    for (const r of order) solution.push(chosen[r]!);
    s.solutions.push(solution);
    return s.solutions.length < MAX_SOLUTIONS;
  }
  const r = order[i]!;
  const due = s.due[i]!;
  for (const reading of s.readings[r]!) {
    if (--s.budget.steps < 0) {
      s.exhausted = true;
      return false;
    }
    chosen[r] = reading;
    let all = true;
    for (const c of due)
      if (!holds(chosen, c)) {
        all = false;
        break;
      }
    if (all && !search(s, i + 1)) return false;
  }
  chosen[r] = null;
  return true;
}

/**
 * Whether a constraint holds on the chosen readings. A cell left without a figure ("/") is an
 * unknown the constraint must leave room for: as `balanced` (readings.ts) over the cells'
 * values, summed in the same order, without arrays.
 */
function holds(chosen: readonly (Reading | null)[], c: Cells): boolean {
  let l = 0;
  let r = 0;
  let unknownLeft = false;
  let unknownRight = false;
  for (let k = 0; k < c.leftRows.length; k++) {
    const v = chosen[c.leftRows[k]!]![c.leftColumns[k]!]!.value;
    if (Number.isNaN(v)) unknownLeft = true;
    else l += v;
  }
  for (let k = 0; k < c.rightRows.length; k++) {
    const v = chosen[c.rightRows[k]!]![c.rightColumns[k]!]!.value;
    if (Number.isNaN(v)) unknownRight = true;
    else r += v;
  }
  return sidesHold(l, unknownLeft, r, unknownRight);
}

const CELLS = new WeakMap<Constraint, Cells>();
function cellsOf(c: Constraint): Cells {
  let cells = CELLS.get(c);
  if (cells === undefined) {
    cells = {
      rows: rowsOf(c),
      leftRows: c.left.map(([r]) => r),
      leftColumns: c.left.map(([, column]) => column),
      rightRows: c.right.map(([r]) => r),
      rightColumns: c.right.map(([, column]) => column),
    };
    CELLS.set(c, cells);
  }
  return cells;
}

/** Whether every constraint could be checked (no row it names is absent or unread). */
export function allCheckable(
  readings: readonly (Reading[] | null)[],
  constraints: readonly Constraint[],
): boolean {
  // Plain loops: asked once for every table 三 read.
  for (const c of constraints)
    for (const r of rowsOf(c)) {
      const own = readings[r];
      if (own === null || own!.length === 0) return false;
    }
  return true;
}

/** The rows a constraint names (left, then right; once per constraint object). */
const ROWS = new WeakMap<Constraint, number[]>();
function rowsOf(c: Constraint): number[] {
  let rows = ROWS.get(c);
  if (rows === undefined) {
    rows = [...c.left, ...c.right].map(([r]) => r);
    ROWS.set(c, rows);
  }
  return rows;
}
