/**
 * Table 四 read structurally: fifteen cells, three groups (行政复议, 未经复议直接起诉, 复议后起诉)
 * of five (结果维持, 结果纠正, 其他结果, 尚未审结, 总计), whatever the table's orientation
 * (appeal-layout.ts finds its anchors and the runs of figures between them). The arithmetic
 * decides the assignment — each group's 总计 is the sum of its four results — and a reading is
 * taken only when exactly one holds: figures run together are split, a group's row that lost a
 * cell is completed from its total, only so. Otherwise the table is left unread, with one error
 * that gives the reason, the figures as printed and the candidates.
 */
import { APPEAL_COLUMN_KEYS, APPEAL_GROUP_KEYS, type AppealGroupKey } from '../../report/format.js';
import type { Finding } from '../../report/findings.js';
import { appealColumnName, appealGroupName } from '../../report/labels.js';
import {
  appealRuns,
  groupRows,
  groupSegments,
  headerGroupOrder,
  resultRows,
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
import { readFinding, unreadFinding, withoutPadding, type StructuralTable } from './result.js';
import { BLANK_TOTAL, blankGroupTotal } from './blank-cells.js';
import { solveTable, type Constraint } from './solver.js';
import type { StreamToken } from './stream.js';

const WIDTH = APPEAL_COLUMN_KEYS.length;

const groupTotals = (groups: number) => (v: readonly number[]) => {
  for (let g = 0; g < groups; g++)
    if (!sumHolds(v.slice(g * WIDTH, g * WIDTH + WIDTH - 1), v[g * WIDTH + WIDTH - 1]!))
      return false;
  return v.every(countOrUnknown);
};

/** A row as printed and the reading taken of it (for the findings of a row not read as printed). */
interface Printed {
  name: string;
  reading: Reading;
  tokens: RowTokens;
}

/** Table 四 read: each group's five cells. */
interface Read {
  groups: Map<AppealGroupKey, Reading>;
  printed: Printed[];
}

/** Table 四 left unread: why, and the readings that were possible. */
interface Unread {
  reason: string;
  candidates: Reading[];
}

const isUnread = (o: Read | Unread): o is Unread => 'reason' in o;

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
function readGroupRows(runs: readonly AppealRun[], budget: Budget): Read | Unread {
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
function readSegments(runs: readonly AppealRun[], budget: Budget): Read | null {
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
function readResultRows(runs: readonly AppealRun[], budget: Budget): Read | Unread {
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
function readTemplate(runs: readonly AppealRun[], budget: Budget): Read | Unread {
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

/** The figures as printed, for a message: "行政复议 2 1 0 1 4；…" or "2 1 0 1 4 …". */
function printed(runs: readonly AppealRun[], rows: boolean): string {
  const raw = (tokens: RowTokens) =>
    tokens.map((t) => (t.kind === 'figure' ? t.raw : '（空）')).join(' ');
  if (!rows) return raw(runs.flatMap((r) => r.tokens));
  return runs
    .map((r) => {
      const a = r.gap[r.gap.length - 1]!;
      const name =
        a.kind === 'group'
          ? appealGroupName(a.key)
          : a.kind === 'result'
            ? appealColumnName(a.key)
            : '行政诉讼';
      return `${name} ${raw(r.tokens)}`;
    })
    .join('；');
}

const show = (r: Reading) => r.map((c) => String(c.value)).join(' ');

/** The reader's limit for the whole table: why, the figures as printed, the candidates. */
function unreadTable(outcome: Unread, runs: readonly AppealRun[], rows: boolean): Finding {
  const line = runs[0]!.tokens[0]!.line;
  const candidates =
    outcome.candidates.length > 0
      ? `；可能的读法：${outcome.candidates
          .slice(0, 5)
          .map((c) => `（${show(c)}）`)
          .join('、')}`
      : '';
  return {
    code: 'unread-table',
    severity: 'error',
    location: { table: 'appeals', line },
    message: `未能读出表四的数字：${outcome.reason}（原始数值：${printed(runs, rows)}）${candidates}。请对照原件核对并手工填写表四。`,
  };
}

/** What shows a result column is named in the header, however its lines break the name. */
const COLUMN_MARKS = ['维持', '纠正', '其他', '尚未', '总计'];

/** A warning per result column the header (before the first figure) lacks, when it names three. */
function missingColumns(tokens: readonly StreamToken[]): Finding[] {
  const chars = new Set<string>();
  const counts = new Map<number, number>();
  for (const t of tokens) {
    if (t.kind === 'figure') break;
    if (t.kind !== 'text') continue;
    for (const ch of t.text) chars.add(ch);
    const n = COLUMN_MARKS.filter((m) => t.text.includes(m[0]!)).length;
    counts.set(t.line, (counts.get(t.line) ?? 0) + n);
  }
  const named = COLUMN_MARKS.map((m) => [...m].every((ch) => chars.has(ch)));
  const count = named.filter(Boolean).length;
  if (count < 3 || count === WIDTH) return [];
  const line = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return APPEAL_COLUMN_KEYS.filter((_, i) => !named[i]).map((column) => ({
    code: 'missing-column',
    severity: 'warning',
    location: { table: 'appeals', column, ...(line ? { line } : {}) },
    message: `表四表头缺少“${appealColumnName(column)}”列（国办公开办函〔2021〕30号规定行政复议及两类行政诉讼各有结果维持、结果纠正、其他结果、尚未审结、总计五列）。`,
  }));
}

/** Table 四 from the tokens of its region. */
export function readAppealsStructure(
  tokens: readonly StreamToken[],
  budget: Budget,
): StructuralTable {
  const { runs, anchored, groups } = appealRuns(tokens);
  const result: StructuralTable = { cells: new Map(), complete: false, findings: [], anchored };
  // The table's labels are there: its rows are, read or not.
  if (groups) result.rows = new Set(APPEAL_GROUP_KEYS);
  const all = runs.flatMap((r) => r.tokens);
  if (all.length === 0 || all.every((t) => t.kind === 'empty' && t.placeholder)) {
    if (groups)
      result.findings.push(
        unreadFinding('appeals', 'review', appealGroupName('review'), {
          status: 'contradiction',
          candidates: [],
        }),
      );
    return result;
  }
  const byRows = groupRows(runs) || resultRows(runs);
  const outcome = groupRows(runs)
    ? readGroupRows(runs, budget)
    : resultRows(runs)
      ? readResultRows(runs, budget)
      : (readSegments(runs, budget) ?? readTemplate(runs, budget));
  if (isUnread(outcome)) {
    result.findings.push(unreadTable(outcome, runs, byRows));
    return result;
  }
  result.complete = true;
  if (!byRows) result.findings.push(...missingColumns(tokens));
  // Cells lost or run together, read by the totals: said per row as printed.
  for (const p of outcome.printed) {
    const f = readFinding('appeals', undefined, p.name, p.reading, (i) => `${i}`, p.tokens);
    if (f && f.code !== 'unreadable-cell') result.findings.push(f);
  }
  for (const group of APPEAL_GROUP_KEYS) {
    const reading = outcome.groups.get(group)!;
    reading.forEach((cell, i) =>
      result.cells.set(`appeals.${group}.${APPEAL_COLUMN_KEYS[i]}`, {
        value: cell.value,
        line: cell.at?.line ?? null,
      }),
    );
    // Empty cells the totals confirm as 0: said, per group, as for table 三.
    const info = readFinding(
      'appeals',
      group,
      appealGroupName(group),
      reading,
      (c) => APPEAL_COLUMN_KEYS[c]!,
      [],
    );
    if (info?.code === 'unreadable-cell') result.findings.push(info);
  }
  return result;
}
