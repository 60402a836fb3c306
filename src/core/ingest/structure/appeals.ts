/**
 * Table 四 read structurally: fifteen cells, three groups (行政复议, 未经复议直接起诉, 复议后起诉)
 * of five (结果维持, 结果纠正, 其他结果, 尚未审结, 总计), whatever the table's orientation
 * (appeal-layout.ts finds its anchors and the runs of figures between them). The arithmetic
 * decides the assignment — each group's 总计 is the sum of its four results — and a reading is
 * taken only when exactly one holds: figures run together are split, a group's row that lost a
 * cell is completed from its total, only so. Each group is read on its own: a group its printed
 * total confirms is read, one it does not (a blank total over blank cells, several readings) is
 * left unread with an error naming the group, the reason, its figures as printed and its
 * candidates. Where the layout cannot tell the groups apart, the table is left unread with one
 * error that gives the reason, the figures as printed and the candidates.
 */
import { APPEAL_COLUMN_KEYS, APPEAL_GROUP_KEYS } from '../../report/format.js';
import type { Finding } from '../../report/findings.js';
import { appealColumnName, appealGroupName } from '../../report/labels.js';
import { appealRuns, groupRows, resultRows, type AppealRun } from './appeal-layout.js';
import {
  isUnread,
  readGroupRows,
  readResultRows,
  readSegments,
  readTemplate,
  WIDTH,
  type GroupUnread,
  type Read,
  type Unread,
} from './appeal-readings.js';
import { detach } from '../labels.js';
import type { Budget, Reading, RowTokens } from './readings.js';
import { readFinding, unreadFinding, type StructuralTable } from './result.js';
import type { StreamToken } from './stream.js';

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

/** The reader's limit for one group: which, why, its figures as printed, its candidates. */
function unreadGroup(u: GroupUnread): Finding {
  const line = u.candidates[0]?.find((c) => c.at)?.at?.line ?? u.tokens[0]?.line;
  const raw = u.tokens.map((t) => (t.kind === 'figure' ? t.raw : '（空）')).join(' ');
  const candidates =
    u.candidates.length > 0
      ? `；可能的读法：${u.candidates
          .slice(0, 5)
          .map((c) => `（${show(c)}）`)
          .join('、')}`
      : '';
  const name = appealGroupName(u.group);
  return {
    code: 'unread-table',
    severity: 'error',
    location: { table: 'appeals', row: u.group, ...(line ? { line } : {}) },
    message: `未能读出表四“${name}”一组的数字${line ? `（第 ${line} 行）` : ''}：${u.reason}${raw ? `（原始数值：${raw}）` : ''}${candidates}。其他组已按各自的总计读入；请对照原件核对并手工填写“${name}”一组。`,
  };
}

/** Every group unread: the table's reason, each group's own where they differ. */
function noGroupRead(unread: readonly GroupUnread[]): Unread {
  const reasons = new Set(unread.map((u) => u.reason));
  const reason =
    reasons.size === 1
      ? unread[0]!.reason
      : unread.map((u) => `“${appealGroupName(u.group)}”一组${u.reason}`).join('；');
  return { reason, candidates: [] };
}

/**
 * Each group's figures after its label; where a group is not read so, the template's fifteen
 * cells in order, when they read every group; otherwise the groups the labels gave.
 */
function bySegments(runs: readonly AppealRun[], budget: Budget): Read | Unread {
  const segments = readSegments(runs, budget);
  if (segments?.unread.length === 0) return segments;
  const template = readTemplate(runs, budget);
  if (!isUnread(template) && template.unread.length === 0) return template;
  return segments ?? template;
}

/** The cells' names by group and column, built once (the same strings for every report). */
const CELL_NAMES = new Map(
  APPEAL_GROUP_KEYS.map((g) => [g, APPEAL_COLUMN_KEYS.map((c) => `appeals.${g}.${c}`)] as const),
);

/** What shows a result column is named in the header, however its lines break the name. */
const COLUMN_MARKS = ['维持', '纠正', '其他', '尚未', '总计'];
const MARK_CHARACTERS = [...new Set(COLUMN_MARKS.join(''))];
/** The marks' characters as bits, and each mark's. */
const MARK_BIT = new Map(MARK_CHARACTERS.map((ch, i) => [ch, 1 << i]));
const MARK_MASKS = COLUMN_MARKS.map((m) => [...m].reduce((k, ch) => k | MARK_BIT.get(ch)!, 0));

/** A header text: the marks' characters it has, and how many marks' first characters. */
interface HeaderText {
  chars: number;
  firsts: number;
}

function headerTextUncached(text: string): HeaderText {
  let chars = 0;
  for (const ch of MARK_CHARACTERS) if (text.includes(ch)) chars |= MARK_BIT.get(ch)!;
  let firsts = 0;
  for (const m of COLUMN_MARKS) if (text.includes(m[0]!)) firsts++;
  return { chars, firsts };
}

/**
 * Header texts come back in every report: remembered (bounded; keys copied). A text longer than a
 * header line of the table (its five results twice over, spaced: 45 characters) is a sentence,
 * seen once: not kept.
 */
const HEADER_TEXTS = new Map<string, HeaderText>();
const MAX_HEADER_LENGTH = 80;

function headerText(text: string): HeaderText {
  const cached = HEADER_TEXTS.get(text);
  if (cached !== undefined) return cached;
  const found = headerTextUncached(text);
  if (text.length <= MAX_HEADER_LENGTH) {
    if (HEADER_TEXTS.size >= 20_000) HEADER_TEXTS.clear();
    HEADER_TEXTS.set(detach(text), found);
  }
  return found;
}

/** A warning per result column the header (before the first figure) lacks, when it names three. */
function missingColumns(tokens: readonly StreamToken[]): Finding[] {
  // The marks' characters the header has, and per line the marks it begins.
  let chars = 0;
  const counts = new Map<number, number>();
  for (const t of tokens) {
    if (t.kind === 'figure') break;
    if (t.kind !== 'text') continue;
    const h = headerText(t.text);
    chars |= h.chars;
    counts.set(t.line, (counts.get(t.line) ?? 0) + h.firsts);
  }
  let count = 0;
  for (const m of MARK_MASKS) if ((chars & m) === m) count++;
  if (count < 3 || count === WIDTH) return [];
  // The line with the most (the first of them).
  let line: number | undefined;
  let most = -Infinity;
  for (const [l, n] of counts)
    if (n > most) {
      most = n;
      line = l;
    }
  return APPEAL_COLUMN_KEYS.filter((_, i) => (chars & MARK_MASKS[i]!) !== MARK_MASKS[i]).map(
    (column) => ({
      code: 'missing-column',
      severity: 'warning',
      location: { table: 'appeals', column, ...(line ? { line } : {}) },
      message: `表四表头缺少“${appealColumnName(column)}”列（国办公开办函〔2021〕30号规定行政复议及两类行政诉讼各有结果维持、结果纠正、其他结果、尚未审结、总计五列）。`,
    }),
  );
}

/**
 * Whether a reading has an empty cell and no cell left without a figure: only then is
 * readFinding's finding for it the `unreadable-cell` one (empty cells read as 0); otherwise it
 * is none or one about lost or run-together cells.
 */
function emptyCellsOnly(reading: Reading): boolean {
  let empty = false;
  for (const c of reading) {
    if (Number.isNaN(c.value)) return false;
    if (c.empty) empty = true;
  }
  return empty;
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
  // No figure, or placeholders only.
  let placeholders = true;
  for (const r of runs)
    for (const t of r.tokens) if (t.kind !== 'empty' || !t.placeholder) placeholders = false;
  if (placeholders) {
    if (groups)
      result.findings.push(
        unreadFinding('appeals', 'review', appealGroupName('review'), {
          status: 'contradiction',
          candidates: [],
        }),
      );
    return result;
  }
  const byGroups = groupRows(runs);
  const byResults = !byGroups && resultRows(runs);
  const byRows = byGroups || byResults;
  const outcome = byGroups
    ? readGroupRows(runs, budget)
    : byResults
      ? readResultRows(runs, budget)
      : bySegments(runs, budget);
  if (isUnread(outcome)) {
    result.findings.push(unreadTable(outcome, runs, byRows));
    return result;
  }
  // No group read: the table is unread, said once for the table (no group was read by its total).
  if (outcome.groups.size === 0 && outcome.unread.length > 0) {
    result.findings.push(unreadTable(noGroupRead(outcome.unread), runs, byRows));
    return result;
  }
  result.complete = outcome.unread.length === 0;
  // A group unread is there (its place in the table was found): unread, never missing.
  for (const u of outcome.unread) {
    result.findings.push(unreadGroup(u));
    result.rows = new Set([...(result.rows ?? []), u.group]);
  }
  if (!byRows) result.findings.push(...missingColumns(tokens));
  // Cells lost or run together, read by the totals: said per row as printed (a row with empty
  // cells has the finding about those instead, said below).
  for (const p of outcome.printed) {
    if (emptyCellsOnly(p.reading)) continue;
    const f = readFinding('appeals', undefined, p.name, p.reading, (i) => `${i}`, p.tokens);
    if (f && f.code !== 'unreadable-cell') result.findings.push(f);
  }
  for (const group of APPEAL_GROUP_KEYS) {
    const reading = outcome.groups.get(group);
    if (!reading) continue;
    const names = CELL_NAMES.get(group)!;
    for (let i = 0; i < reading.length; i++) {
      const cell = reading[i]!;
      result.cells.set(names[i] ?? `appeals.${group}.${APPEAL_COLUMN_KEYS[i]}`, {
        value: cell.value,
        line: cell.at?.line ?? null,
      });
    }
    // Empty cells the totals confirm as 0: said, per group, as for table 三.
    if (!emptyCellsOnly(reading)) continue;
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
