/**
 * Table 四's readings by layout (appeal-layout.ts tells which): the groups as rows, each group's
 * figures after its label, the results as rows, or the template's fifteen cells in order. The
 * arithmetic decides the assignment — each group's 总计 is the sum of its four results — and a
 * reading is taken only when exactly one holds: figures run together are split, a group's row
 * that lost a cell is completed from its total, only so. Otherwise the reason and the readings
 * that were possible are given.
 */
import { packedMap } from '../arrays.js';
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
  partsHold,
  rowReadings,
  type Budget,
  type Reading,
  type RowTokens,
} from './readings.js';
import { tokensOf, withoutPadding } from './result.js';
import { BLANK_TOTAL, blankGroupTotal } from './blank-cells.js';
import { solveTable, type Constraint } from './solver.js';

export const WIDTH = APPEAL_COLUMN_KEYS.length;

/** Each group's total the sum of its results, every cell a count (or unknown). */
const groupTotals = (groups: number) => (v: readonly number[]) => {
  for (let g = 0; g < groups; g++)
    if (!partsHold(v, g * WIDTH, g * WIDTH + WIDTH - 1)) return false;
  for (const x of v) if (!countOrUnknown(x)) return false;
  return true;
};
const ONE_GROUP = groupTotals(1);
const THREE_GROUPS = groupTotals(3);

/** A row as printed and the reading taken of it (for the findings of a row not read as printed). */
export interface Printed {
  name: string;
  reading: Reading;
  tokens: RowTokens;
}

/** A group left unread: why, its figures as printed, and its readings that were possible. */
export interface GroupUnread {
  group: AppealGroupKey;
  reason: string;
  candidates: Reading[];
  tokens: RowTokens;
}

/**
 * Table 四 read group by group: each group's five cells where its own printed total confirms
 * them; the groups it does not confirm left unread, each with its reason.
 */
export interface Read {
  groups: Map<AppealGroupKey, Reading>;
  printed: Printed[];
  unread: GroupUnread[];
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
function groupRow(run: AppealRun, budget: Budget): Reading | Unread {
  const tokens = withoutPadding(run.tokens, WIDTH);
  const readings = rowReadings(tokens, WIDTH, ONE_GROUP, budget, true, true);
  const blank = readings?.length === 1 && blankGroupTotal(readings[0]!, WIDTH);
  if (readings?.length === 1 && !blank) return readings[0]!;
  // Blanks over a blank total are no reading of printed figures: no candidate to offer.
  return blank
    ? { reason: BLANK_TOTAL, candidates: [] }
    : { reason: why(readings), candidates: readings ?? [] };
}

/** A group's run read into `out`: its five cells, or the group unread with the reason. */
function readGroupRun(
  out: Read,
  group: AppealGroupKey,
  run: AppealRun,
  name: string,
  budget: Budget,
): void {
  const row = groupRow(run, budget);
  if (!Array.isArray(row)) {
    out.unread.push({ group, ...row, tokens: run.tokens });
    return;
  }
  out.groups.set(group, row);
  out.printed.push({ name, reading: row, tokens: run.tokens });
}

/** The groups as rows, each once, in any order. */
export function readGroupRows(runs: readonly AppealRun[], budget: Budget): Read | Unread {
  const groups = packedMap(runs, rowGroup);
  if (groups.some((g) => g === null) || new Set(groups).size !== APPEAL_GROUP_KEYS.length)
    return {
      reason:
        '表格按行排列，但行名（行政复议、行政诉讼的两类）不全、重复或只写“行政诉讼”，无法确定各数值所属的组',
      candidates: [],
    };
  const out: Read = { groups: new Map(), printed: [], unread: [] };
  for (const [i, run] of runs.entries())
    readGroupRun(out, groups[i]!, run, `表四“${appealGroupName(groups[i]!)}”行`, budget);
  return out;
}

/**
 * Each group's five figures after its label (a table per group, a cell per line). A group whose
 * figures no reading fits may hold another's (a label on a line of its own need not stand just
 * before its figures): then the labels place no figures at all (null).
 */
export function readSegments(runs: readonly AppealRun[], budget: Budget): Read | null {
  const segments = groupSegments(runs);
  if (!segments) return null;
  const out: Read = { groups: new Map(), printed: [], unread: [] };
  for (const [group, run] of segments)
    readGroupRun(out, group, run, `表四“${appealGroupName(group)}”部分`, budget);
  return out.unread.some((u) => u.reason === WHY.contradiction) ? null : out;
}

/**
 * The results as rows, the groups as columns in the header's order: each column's 总计 the sum
 * of its results, solved over every split of figures run together.
 */
export function readResultRows(runs: readonly AppealRun[], budget: Budget): Read | Unread {
  const order = headerGroupOrder(runs[0]!.gap.slice(0, -1));
  const results = packedMap(runs, rowResult);
  if (!order || runs.length !== WIDTH || new Set(results).size !== WIDTH)
    return {
      reason: '表格按列排列（结果为行），但表头的组名或各行的行名不全，无法确定各数值所属的组',
      candidates: [],
    };
  const k = order.length;
  // Arrays read by optimised code (the solver's) are made by packedMap (arrays.ts), not Array.map.
  const readings: (Reading[] | null)[] = packedMap(APPEAL_COLUMN_KEYS, () => null);
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
  const constraints: Constraint[] = packedMap(order, (_, j) => ({
    left: [[total, j]],
    right: packedMap([0, 1, 2, 3], (r) => [r, j] as const),
  }));
  const outcomes = solveTable(readings, constraints, budget);
  const unsure = outcomes.find((o) => o.status !== 'read');
  if (unsure)
    return unsure.status === 'absent'
      ? { reason: WHY.contradiction, candidates: [] }
      : { reason: WHY[unsure.status], candidates: unsure.candidates };
  const rows = packedMap(outcomes, (o) => (o.status === 'read' ? o.reading : []));
  const out: Read = { groups: new Map(), printed: [], unread: [] };
  order.forEach((group, j) =>
    out.groups.set(
      group,
      packedMap(rows, (r) => r[j]!),
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

/**
 * The template's fifteen cells in order (the official layout: the header, then one row). Every
 * reading in which each group's total holds is a candidate; a group is read where every
 * candidate gives it the same five figures and its printed total confirms them (not a blank
 * total over blank cells), whatever the other groups are — so one group left in doubt leaves
 * that group unread, not the table. The table is unread when no group is read.
 */
export function readTemplate(runs: readonly AppealRun[], budget: Budget): Read | Unread {
  const all: RowTokens[number][] = [];
  for (const r of runs) for (const t of r.tokens) all.push(t);
  let readings = rowReadings(all, WIDTH * 3, THREE_GROUPS, budget, false, WIDTH);
  // Figures in one place, one short: a cell lost (not when scattered: their order is in doubt).
  if (readings?.length === 0 && runs.length === 1) readings = withLostCell(all);
  const scattered = runs.length > 1 ? '；数值分散在多处，原件的单元格顺序可能已被打乱' : '';
  const whole = (reason: string): Unread => ({
    reason: `按表格的顺序（行政复议、未经复议直接起诉、复议后起诉各五列）读入，${reason}${scattered}`,
    candidates: readings ?? [],
  });
  if (readings === null || readings.length === 0) return whole(why(readings));
  const out: Read = { groups: new Map(), printed: [], unread: [] };
  APPEAL_GROUP_KEYS.forEach((group, i) => {
    // packedMap (arrays.ts), not Array.map: distinct's optimised code reads the list.
    const own = distinct(packedMap(readings, (r) => r.slice(i * WIDTH, (i + 1) * WIDTH)));
    const blank = own.length === 1 && blankGroupTotal(own[0]!, WIDTH);
    if (own.length === 1 && !blank) {
      out.groups.set(group, own[0]!);
      out.printed.push({
        name: `表四“${appealGroupName(group)}”`,
        reading: own[0]!,
        tokens: tokensOf(own[0]!, all),
      });
    } else {
      const reason = `${blank ? BLANK_TOTAL : WHY.ambiguous}${scattered}`;
      const candidates = blank ? [] : own;
      out.unread.push({ group, reason, candidates, tokens: tokensOf(own[0]!, all) });
    }
  });
  // Every group read from the one reading: said for the table, as its figures were printed.
  if (out.unread.length === 0 && readings.length === 1)
    out.printed = [{ name: '表四', reading: readings[0]!, tokens: all }];
  if (out.groups.size > 0) return out;
  const blank = readings.length === 1 && blankGroupTotal(readings[0]!, WIDTH);
  return whole(blank ? BLANK_TOTAL : why(readings));
}

/** The readings that differ in their figures (an empty cell apart from a printed 0). */
function distinct(readings: readonly Reading[]): Reading[] {
  if (readings.length < 2) return [...readings];
  const seen = new Set<string>();
  return readings.filter((r) => {
    const key = packedMap(r, (c) => (c.empty ? 'e' : String(c.value))).join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
  const cells = packedMap(tokens, (t) => ({
    value: Number(t.kind === 'figure' ? t.raw : NaN),
    at: t,
  }));
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
    if (THREE_GROUPS(values) && !out.some((r) => r.every((c, i) => c.value === values[i])))
      out.push(reading);
  }
  return out;
}
