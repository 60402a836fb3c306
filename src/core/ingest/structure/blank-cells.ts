/**
 * Empty cells of a grid read as 0 only where printed totals make 0 the unique reading. A cell
 * is known when printed, or when it is empty and an equation of the table (its row's total,
 * readings.ts; a column's 总计, the solver's constraints) has every cell of its other side
 * known: counts being ≥ 0, the empty cells of one side of Σ = Σ are then all 0. Known cells
 * make further cells known (a blank row total confirmed by the printed 总计 of the total
 * column confirms its row's blank cells). A blank total "confirming" blank cells confirms
 * nothing (0 = 0 holds whatever they were): a row with such a cell stays unread, its reading
 * the candidate.
 */
import type { Reading } from './readings.js';
import type { CellRef, Constraint, RowOutcome } from './solver.js';

export function unconfirmedBlanks(
  outcomes: readonly RowOutcome[],
  constraints: readonly Constraint[],
): RowOutcome[] {
  const reading = (r: number): Reading | null => {
    const o = outcomes[r];
    return o?.status === 'read' ? o.reading : null;
  };
  // Most tables have no empty cell read (a plain loop: this runs for every table read).
  let anyEmpty = false;
  for (const o of outcomes) {
    if (o.status !== 'read') continue;
    for (const c of o.reading)
      if (c.empty) {
        anyEmpty = true;
        break;
      }
    if (anyEmpty) break;
  }
  if (!anyEmpty) return [...outcomes];
  const known = new Set<string>();
  const id = (r: number, c: number) => `${r}:${c}`;
  // Equations: the table's constraints, and each row whose last cell is its total.
  const equations: { left: CellRef[]; right: CellRef[] }[] = constraints.map((k) => ({
    left: [...k.left],
    right: [...k.right],
  }));
  outcomes.forEach((_, r) => {
    const row = reading(r);
    if (!row) return;
    row.forEach((cell, c) => {
      if (!cell.empty && !Number.isNaN(cell.value)) known.add(id(r, c));
      else if (cell.empty && cell.confirmed) known.add(id(r, c));
    });
    if (row.some((cell) => cell.empty && cell.confirmed !== undefined)) {
      const last = row.length - 1;
      equations.push({
        left: [[r, last]],
        right: row.slice(0, last).map((_, c) => [r, c] as const),
      });
    }
  });
  const isKnown = ([r, c]: CellRef) => known.has(id(r, c));
  const blank = ([r, c]: CellRef) => reading(r)?.[c]?.empty === true;
  for (let changed = true; changed;) {
    changed = false;
    for (const { left, right } of equations)
      for (const [side, other] of [
        [left, right],
        [right, left],
      ] as const) {
        if (other.length === 0 || !other.every(isKnown)) continue;
        // Every cell of this side read (a row unread leaves its cells unknown, not 0).
        if (!side.every(([r]) => reading(r) !== null)) continue;
        for (const ref of side)
          if (blank(ref) && !isKnown(ref)) {
            known.add(id(ref[0], ref[1]));
            changed = true;
          }
      }
  }
  return outcomes.map((o, r) =>
    o.status === 'read' && o.reading.some((cell, c) => cell.empty && !known.has(id(r, c)))
      ? { status: 'ambiguous', candidates: [o.reading] }
      : o,
  );
}

/**
 * Whether a reading of groups of `width` cells, each ending with its total (table 四), has a
 * group whose total and one of its parts are both blank: 0 = 0 holds whatever they were, and
 * no other equation of the table names them — not a reading of printed figures.
 */
export function blankGroupTotal(reading: Reading, width: number): boolean {
  for (let g = 0; g + width <= reading.length; g += width) {
    const group = reading.slice(g, g + width);
    if (group[width - 1]!.empty && group.slice(0, -1).some((c) => c.empty)) return true;
  }
  return false;
}

/** Why such a reading is not taken (an unread error's reason). */
export const BLANK_TOTAL = '数字栏为空白，所在组的总计也为空白，无法由印出的总计确认空白为 0';
