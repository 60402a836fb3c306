/**
 * Table 四's readings by layout (appeal-layout.ts tells which): the groups as rows, each group's
 * figures after its label, the results as rows, or the template's fifteen cells in order. The
 * arithmetic decides the assignment — each group's 总计 is the sum of its four results — and a
 * reading is taken only when exactly one holds: figures run together are split, a group's row
 * that lost a cell is completed from its total, only so. Otherwise the reason and the readings
 * that were possible are given.
 */
import { APPEAL_COLUMN_KEYS, APPEAL_GROUP_KEYS, type AppealGroupKey } from '../../report/format.js';
import { appealColumnName, appealGroupName } from '../../report/labels.js';
import {
  groupSegments,
  headerGroupOrder,
  rowGroup,
  rowResult,
  type AppealRun,
} from './appeal-layout.js';
import {
  countOrUnknown,
  rowReadings,
  sumHolds,
  type Budget,
  type Reading,
  type RowTokens,
} from './readings.js';
import { withoutPadding } from './result.js';
import { BLANK_TOTAL, blankGroupTotal } from './blank-cells.js';
import { solveTable, type Constraint } from './solver.js';

export const WIDTH = APPEAL_COLUMN_KEYS.length;

const groupTotals = (groups: number) => (v: readonly number[]) => {
  for (let g = 0; g < groups; g++)
    if (!sumHolds(v.slice(g * WIDTH, g * WIDTH + WIDTH - 1), v[g * WIDTH + WIDTH - 1]!))
      return false;
  return v.every(countOrUnknown);
};

/** A row as printed and the reading taken of it (for the findings of a row not read as printed). */
export interface Printed {
  name: string;
  reading: Reading;
  tokens: RowTokens;
}

/** Table 四 read: each group's five cells. */
export interface Read {
  groups: Map<AppealGroupKey, Reading>;
  printed: Printed[];
}

/** Table 四 left unread: why, and the readings that were possible. */
export interface Unread {
  reason: string;
  candidates: Reading[];
}

export const isUnread = (o: Read | Unread): o is Unread => 'reason' in o;

const WHY = {
  ambiguous: '有不止一种读法与各组总计相符',
  contradiction: '没有一种读法与各组总计（总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结）相符',
  budget: '可能的读法过多，无法在限定步数内确定',
} as const;

const why = (readings: readonly Reading[] | null) =>
  readings === null ? WHY.budget : readings.length === 0 ? WHY.contradiction : WHY.ambiguous;

const rowName = (run: AppealRun, name: string) => `“${name}”一行（第 ${run.tokens[0]!.line} 行）`;

/** One group's row: its five figures, read only when one reading keeps its total. */
function groupRow(run: AppealRun, name: string, budget: Budget): Reading | Unread {
  const tokens = withoutPadding(run.tokens, WIDTH);
  const readings = rowReadings(tokens, WIDTH, groupTotals(1), budget, true);
  const blank = readings?.length === 1 && blankGroupTotal(readings[0]!, WIDTH);
  if (readings?.length === 1 && !blank) return readings[0]!;
  const reason = blank ? BLANK_TOTAL : why(readings);
  return { reason: `${rowName(run, name)}${reason}`, candidates: readings ?? [] };
}

/** The groups as rows, each once, in any order. */
export function readGroupRows(runs: readonly AppealRun[], budget: Budget): Read | Unread {
  const groups = runs.map(rowGroup);
  if (groups.some((g) => g === null) || new Set(groups).size !== APPEAL_GROUP_KEYS.length)
    return {
      reason:
        '表格按行排列，但行名（行政复议、行政诉讼的两类）不全、重复或只写“行政诉讼”，无法确定各数值所属的组',
      candidates: [],
    };
  const out: Read = { groups: new Map(), printed: [] };
  for (const [i, run] of runs.entries()) {
    const group = groups[i]!;
    const row = groupRow(run, appealGroupName(group), budget);
    if (!Array.isArray(row)) return row;
    out.groups.set(group, row);
    out.printed.push({
      name: `表四“${appealGroupName(group)}”行`,
      reading: row,
      tokens: run.tokens,
    });
  }
  return out;
}

/** Each group's five figures after its label (a table per group, a cell per line). */
export function readSegments(runs: readonly AppealRun[], budget: Budget): Read | null {
  const segments = groupSegments(runs);
  if (!segments) return null;
  const out: Read = { groups: new Map(), printed: [] };
  for (const [group, run] of segments) {
    const row = groupRow(run, appealGroupName(group), budget);
    if (!Array.isArray(row)) return null;
    out.groups.set(group, row);
    out.printed.push({
      name: `表四“${appealGroupName(group)}”部分`,
      reading: row,
      tokens: run.tokens,
    });
  }
  return out;
}

/**
 * The results as rows, the groups as columns in the header's order: each column's 总计 the sum
 * of its results, solved over every split of figures run together.
 */
export function readResultRows(runs: readonly AppealRun[], budget: Budget): Read | Unread {
  const order = headerGroupOrder(runs[0]!.gap.slice(0, -1));
  const results = runs.map(rowResult);
  if (!order || runs.length !== WIDTH || new Set(results).size !== WIDTH)
    return {
      reason: '表格按列排列（结果为行），但表头的组名或各行的行名不全，无法确定各数值所属的组',
      candidates: [],
    };
  const k = order.length;
  const readings: (Reading[] | null)[] = APPEAL_COLUMN_KEYS.map(() => null);
  for (const [i, run] of runs.entries()) {
    const own = rowReadings(withoutPadding(run.tokens, k), k, () => true, budget, false);
    if (own === null) return { reason: WHY.budget, candidates: [] };
    if (own.length === 0)
      return {
        reason: `${rowName(run, appealColumnName(results[i]!))}有 ${run.tokens.length} 个数值，应为 ${k} 个，无法确定各数值所属的组`,
        candidates: [],
      };
    readings[APPEAL_COLUMN_KEYS.indexOf(results[i]!)] = own;
  }
  const total = WIDTH - 1;
  const constraints: Constraint[] = order.map((_, j) => ({
    left: [[total, j]],
    right: [0, 1, 2, 3].map((r) => [r, j] as const),
  }));
  const outcomes = solveTable(readings, constraints, budget);
  const unsure = outcomes.find((o) => o.status !== 'read');
  if (unsure)
    return unsure.status === 'absent'
      ? { reason: WHY.contradiction, candidates: [] }
      : { reason: WHY[unsure.status], candidates: unsure.candidates };
  const rows = outcomes.map((o) => (o.status === 'read' ? o.reading : []));
  const out: Read = { groups: new Map(), printed: [] };
  order.forEach((group, j) =>
    out.groups.set(
      group,
      rows.map((r) => r[j]!),
    ),
  );
  runs.forEach((run, i) => {
    const r = APPEAL_COLUMN_KEYS.indexOf(results[i]!);
    out.printed.push({
      name: `表四“${appealColumnName(results[i]!)}”行`,
      reading: rows[r]!,
      tokens: run.tokens,
    });
  });
  return out;
}

/** The template's fifteen cells in order (the official layout: the header, then one row). */
export function readTemplate(runs: readonly AppealRun[], budget: Budget): Read | Unread {
  const all = runs.flatMap((r) => r.tokens);
  let readings = rowReadings(all, WIDTH * 3, groupTotals(3), budget, false);
  // Figures in one place, one short: a cell lost (not when scattered: their order is in doubt).
  if (readings?.length === 0 && runs.length === 1) readings = withLostCell(all);
  const blank = readings?.length === 1 && blankGroupTotal(readings[0]!, WIDTH);
  if (readings?.length !== 1 || blank)
    return {
      reason: `按表格的顺序（行政复议、未经复议直接起诉、复议后起诉各五列）读入，${blank ? BLANK_TOTAL : why(readings)}${runs.length > 1 ? '；数值分散在多处，原件的单元格顺序可能已被打乱' : ''}`,
      candidates: readings ?? [],
    };
  const reading = readings[0]!;
  const out: Read = { groups: new Map(), printed: [{ name: '表四', reading, tokens: all }] };
  APPEAL_GROUP_KEYS.forEach((g, i) => out.groups.set(g, reading.slice(i * WIDTH, (i + 1) * WIDTH)));
  return out;
}

/**
 * The fifteen cells from fourteen figures, one cell lost from any place: its value is the one its
 * group's total gives (the total itself when the total was lost), and the readings are those
 * where every group's total holds (each once by its values).
 */
function withLostCell(tokens: RowTokens): Reading[] {
  const out: Reading[] = [];
  if (
    tokens.length !== WIDTH * 3 - 1 ||
    tokens.some((t) => t.kind !== 'figure' || t.raw.includes('.'))
  )
    return out;
  const cells = tokens.map((t) => ({ value: Number(t.kind === 'figure' ? t.raw : NaN), at: t }));
  for (let lost = 0; lost < WIDTH * 3; lost++) {
    const reading: Reading = [
      ...cells.slice(0, lost),
      { value: 0, at: null },
      ...cells.slice(lost),
    ];
    const start = lost - (lost % WIDTH);
    const group = reading.slice(start, start + WIDTH).map((c) => c.value);
    const results = group.slice(0, WIDTH - 1).reduce((a, b) => a + b, 0);
    const value = lost % WIDTH === WIDTH - 1 ? results : group[WIDTH - 1]! - results;
    if (value < 0) continue;
    reading[lost] = { value, at: null };
    const values = reading.map((c) => c.value);
    if (groupTotals(3)(values) && !out.some((r) => r.every((c, i) => c.value === values[i])))
      out.push(reading);
  }
  return out;
}
