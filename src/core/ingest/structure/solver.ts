/**
 * Choosing one reading per row so that the table's arithmetic holds (row totals are already in
 * each reading; here: （七）总计 per column, 一+二 = 三(七)+四, table 四's 总计). Every assignment
 * that satisfies all constraints is found (up to a bound, within a step budget); a row is read
 * only when it has the same reading in all of them, otherwise it is left unread with its
 * candidates. A constraint that names a row with no reading at all cannot be checked; the rows
 * it alone would have decided stay ambiguous.
 */
import { unconfirmedBlanks } from './blank-cells.js';
import { sameValues, type Budget, type Reading } from './readings.js';

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
  const known = (r: number) => readings[r] !== null && readings[r]!.length > 0;
  const checkable = constraints.filter((c) => rowsOf(c).every(known));
  // Constraints by the last row (in search order) they name: checked once it is chosen.
  const order = [...Array(n).keys()]
    .filter(known)
    .sort((a, b) => readings[a]!.length - readings[b]!.length);
  const rank = new Map(order.map((r, i) => [r, i]));
  const due: Constraint[][] = order.map(() => []);
  for (const c of checkable) {
    let last = -Infinity;
    for (const r of rowsOf(c)) last = Math.max(last, rank.get(r)!);
    due[last]!.push(c);
  }
  const chosen = new Array<Reading | null>(n).fill(null);
  const solutions: Reading[][] = [];
  let exhausted = false;
  // A cell left without a figure ("/") is an unknown the constraint must leave room for: as
  // `balanced` (readings.ts) over the cells' values, summed in the same order, without arrays.
  const holds = (c: Constraint) => {
    let l = 0;
    let r = 0;
    let unknownLeft = false;
    let unknownRight = false;
    for (const [row, column] of c.left) {
      const v = chosen[row]![column]!.value;
      if (Number.isNaN(v)) unknownLeft = true;
      else l += v;
    }
    for (const [row, column] of c.right) {
      const v = chosen[row]![column]!.value;
      if (Number.isNaN(v)) unknownRight = true;
      else r += v;
    }
    if (unknownLeft && unknownRight) return true;
    if (unknownLeft) return r - l > -1e-6;
    if (unknownRight) return l - r > -1e-6;
    return Math.abs(l - r) < 1e-6;
  };
  const search = (i: number): boolean => {
    if (i === order.length) {
      solutions.push(order.map((r) => chosen[r]!));
      return solutions.length < MAX_SOLUTIONS;
    }
    const r = order[i]!;
    for (const reading of readings[r]!) {
      if (--budget.steps < 0) {
        exhausted = true;
        return false;
      }
      chosen[r] = reading;
      if (due[i]!.every(holds) && !search(i + 1)) return false;
    }
    chosen[r] = null;
    return true;
  };
  search(0);
  const outcomes = [...Array(n).keys()].map((r): RowOutcome => {
    const own = readings[r] ?? null;
    if (own === null) return { status: 'absent' };
    if (own.length === 0) return { status: 'contradiction', candidates: [] };
    const k = rank.get(r)!;
    const seen: Reading[] = [];
    for (const s of solutions) if (!seen.some((x) => sameValues(x, s[k]!))) seen.push(s[k]!);
    if (exhausted || solutions.length >= MAX_SOLUTIONS) {
      // Not every solution was seen: only a row with one reading is certain.
      return own.length === 1 && solutions.length > 0
        ? { status: 'read', reading: own[0]! }
        : { status: 'budget', candidates: own.slice(0, 5) };
    }
    if (seen.length === 0) return { status: 'contradiction', candidates: own.slice(0, 5) };
    if (seen.length > 1) return { status: 'ambiguous', candidates: seen.slice(0, 5) };
    return { status: 'read', reading: seen[0]! };
  });
  // Empty cells read as 0 only where a printed total confirms them.
  return unconfirmedBlanks(outcomes, constraints);
}

/** Whether every constraint could be checked (no row it names is absent or unread). */
export function allCheckable(
  readings: readonly (Reading[] | null)[],
  constraints: readonly Constraint[],
): boolean {
  return constraints.every((c) =>
    rowsOf(c).every((r) => readings[r] !== null && readings[r]!.length > 0),
  );
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
