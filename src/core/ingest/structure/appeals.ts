/**
 * Table 四 read structurally: fifteen cells, three groups (行政复议, 未经复议直接起诉, 复议后起诉)
 * of five (结果维持, 结果纠正, 其他结果, 尚未审结, 总计). When each group's label is followed by
 * its own figures (a table per group), they are its; otherwise the region's figures are the
 * fifteen cells in the template's order (the usual layout: the whole header, then one row).
 * Each group's 总计 must be the sum of its four results; figures run together are split so that
 * all three hold, and taken only when one split does.
 */
import { APPEAL_COLUMN_KEYS, APPEAL_GROUP_KEYS, type AppealGroupKey } from '../../report/format.js';
import type { Finding } from '../../report/findings.js';
import { appealColumnName, appealGroupName } from '../../report/labels.js';
import {
  countOrUnknown,
  rowReadings,
  sumHolds,
  type Budget,
  type Reading,
  type RowTokens,
} from './readings.js';
import { readFinding, tokensOf, unreadFinding, type StructuralTable } from './result.js';
import type { StreamToken } from './stream.js';

const WIDTH = APPEAL_COLUMN_KEYS.length;
const GROUP_LABEL = /(未经复议直接起诉|直接起诉)|(复议后起诉)|(行政复议)(?![、,，]?行政诉讼情况)/g;

/** A group's or a result's label (总计 aside: a PDF's text may print it late). */
const RESULT_OR_GROUP = /复议|诉讼|起诉|维持|纠正|其他结果|尚未审结/;

const groupTotals = (groups: number) => (v: readonly number[]) => {
  for (let g = 0; g < groups; g++)
    if (!sumHolds(v.slice(g * WIDTH, g * WIDTH + WIDTH - 1), v[g * WIDTH + WIDTH - 1]!))
      return false;
  return v.every(countOrUnknown);
};

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
  const segs = new Map<AppealGroupKey, RowTokens[number][]>();
  const all: RowTokens[number][] = [];
  let current: AppealGroupKey | null = null;
  // A label after the first figure: the figures are not one row in the template's order.
  let labelAfterFigure = false;
  // The header ends with its last label: empty cells before it are the header's (under its
  // merged cells); after it, a row of empty cells is the table's row of zeros left blank.
  let lastLabel = -1;
  tokens.forEach((t, i) => {
    if (t.kind === 'text' && RESULT_OR_GROUP.test(t.text)) lastLabel = i;
  });
  for (const [i, t] of tokens.entries()) {
    if (t.kind === 'text' && all.length > 0 && RESULT_OR_GROUP.test(t.text))
      labelAfterFigure = true;
    if (t.kind !== 'text') {
      if (t.kind === 'empty' && i < lastLabel && !all.some((a) => a.kind === 'figure')) continue;
      all.push(t);
      if (current) segs.get(current)!.push(t);
      continue;
    }
    for (const m of t.text.matchAll(GROUP_LABEL)) {
      current = m[1] ? 'litigation_direct' : m[2] ? 'litigation_after_review' : 'review';
      segs.set(current, []);
    }
  }
  const result: StructuralTable = {
    cells: new Map(),
    complete: false,
    findings: [],
    anchored: segs.size > 0 || all.length > 0,
  };
  // The table's labels are there: its rows are, read or not.
  if (segs.size > 0) result.rows = new Set(APPEAL_GROUP_KEYS);
  if (all.length === 0 || all.every((t) => t.kind === 'empty' && t.placeholder)) {
    if (segs.size > 0)
      result.findings.push(
        unreadFinding('appeals', 'review', appealGroupName('review'), {
          status: 'contradiction',
          candidates: [],
        }),
      );
    return result;
  }
  let readings: Reading[] | null = null;
  const byGroup = APPEAL_GROUP_KEYS.map((g) => segs.get(g) ?? []);
  if (
    byGroup.every((s) => s.length > 0 && s.length <= WIDTH + 1) &&
    byGroup.flat().length === all.length
  ) {
    const each = byGroup.map((s) => rowReadings(s, WIDTH, groupTotals(1), budget, true));
    if (each.every((r) => r !== null && r.length === 1)) readings = [each.flatMap((r) => r![0]!)];
  }
  if (readings === null && !labelAfterFigure)
    readings = rowReadings(all, WIDTH * 3, groupTotals(3), budget, false);
  if (readings === null || readings.length !== 1) {
    if (labelAfterFigure && readings === null) return result;
    result.findings.push(
      unreadFinding('appeals', 'review', appealGroupName('review'), {
        status:
          readings === null ? 'budget' : readings.length === 0 ? 'contradiction' : 'ambiguous',
        candidates: (readings ?? []).slice(0, 5),
      }),
    );
    return result;
  }
  result.complete = true;
  result.findings.push(...missingColumns(tokens));
  const repaired = readFinding(
    'appeals',
    undefined,
    '表四',
    readings[0]!,
    (i) => `${APPEAL_COLUMN_KEYS[i % WIDTH]}`,
    all,
  );
  // Empty cells are said per group below; this is for cells lost or run together.
  if (repaired && repaired.code !== 'unreadable-cell') result.findings.push(repaired);
  readings[0]!.forEach((cell, i) => {
    const group = APPEAL_GROUP_KEYS[Math.floor(i / WIDTH)]!;
    result.cells.set(`appeals.${group}.${APPEAL_COLUMN_KEYS[i % WIDTH]}`, {
      value: cell.value,
      line: cell.at?.line ?? null,
    });
  });
  // Empty cells the totals confirm as 0: said, per group, as for table 三.
  APPEAL_GROUP_KEYS.forEach((group, g) => {
    const info = readFinding(
      'appeals',
      group,
      appealGroupName(group),
      readings![0]!.slice(g * WIDTH, (g + 1) * WIDTH),
      (c) => APPEAL_COLUMN_KEYS[c]!,
      tokensOf(readings![0]!.slice(g * WIDTH, (g + 1) * WIDTH), all),
    );
    if (info?.code === 'unreadable-cell') result.findings.push(info);
  });
  return result;
}
