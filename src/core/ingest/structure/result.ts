/**
 * What the structural reader gives for a table, and the findings it makes: the reader's limit
 * (`unread-table`, with the candidates, the figures as printed and the place), an `info` where an
 * empty cell or a figure run together was read by the table's arithmetic, and a warning where a
 * cell was written "/" or "—" (empty, never 0).
 */
import type {
  AppealColumnKey,
  AppealGroupKey,
  ApplicationColumnKey,
  ApplicationRowKey,
} from '../../report/format.js';
import type { Finding } from '../../report/findings.js';
import {
  appealColumnName,
  appealGroupName,
  applicationColumnName,
  applicationRowName,
  proactiveCellName,
} from '../../report/labels.js';
import type { Reading, RowTokens } from './readings.js';
import type { RowOutcome } from './solver.js';
import type { Position, StreamToken } from './stream.js';

export type TableKey = 'proactive' | 'applications' | 'appeals';

export interface StructuralTable {
  /**
   * "applications.received.total" → its value and the line it came from (null: recovered). NaN:
   * a cell the report left without a figure ("/", "—"), which the report's table holds as null.
   */
  cells: Map<string, { value: number; line: number | null }>;
  /** Every cell of the template read and every constraint of the table checked. */
  complete: boolean;
  findings: Finding[];
  /** Whether any row of the table was found at all. */
  anchored: boolean;
  /** Rows whose labels were found (they are in the document, read or not). */
  rows?: ReadonlySet<string>;
  /** Columns whose names the header gives (they are in the document, however its lines break). */
  columns?: ReadonlySet<string>;
  /** Lines the table stands on (its header, labels and figures): not prose. */
  lines?: ReadonlySet<number>;
}

/**
 * The lines a table stands on: its header's, and every line from its first figure to its last.
 * `header`, the region's headerLines when the caller has them already, is copied, not changed.
 */
export function tableLines(
  tokens: readonly StreamToken[],
  header: ReadonlySet<number> = headerLines(tokens),
): Set<number> {
  const out = new Set(header);
  let first = Infinity;
  let last = -Infinity;
  for (const t of tokens)
    if (t.kind !== 'text') {
      first = Math.min(first, t.line);
      last = Math.max(last, t.line);
    }
  // A line's tokens mostly come one after another: the set is asked once a run of them.
  let added = NaN;
  for (const t of tokens)
    if (t.line !== added && t.line >= first && t.line <= last) out.add((added = t.line));
  return out;
}

/**
 * Lines of a region that are a table's header: three or more text cells and no figure (empty
 * cells under a merged header cell allowed).
 */
export function headerLines(tokens: readonly StreamToken[]): Set<number> {
  // A region's tokens mostly come line after line (its rows' order): each line's tokens one run,
  // judged when it ends. A line coming back after another is counted by headerLinesAnyOrder.
  const out = new Set<number>();
  let line = NaN;
  // The line's first two distinct text cells, how many it has (up to three), and a figure.
  let first = -1;
  let second = -1;
  let texts = 0;
  let figure = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.line !== line) {
      if (t.line < line) return headerLinesAnyOrder(tokens);
      if (texts >= 3 && !figure) out.add(line);
      line = t.line;
      first = -1;
      second = -1;
      texts = 0;
      figure = false;
    }
    if (t.kind === 'text') {
      if (texts < 3 && t.cell !== first && t.cell !== second) {
        if (texts === 0) first = t.cell;
        else if (texts === 1) second = t.cell;
        texts++;
      }
    } else if (t.kind === 'figure') figure = true;
  }
  if (texts >= 3 && !figure) out.add(line);
  return out;
}

/** headerLines of tokens whose lines come in any order. */
function headerLinesAnyOrder(tokens: readonly StreamToken[]): Set<number> {
  // Each line's distinct text cells, counted up to three (all the rule asks), in the order the
  // lines' first text tokens come.
  const texts = new Map<number, number[]>();
  const figures = new Set<number>();
  // The cells of the line of the last text token, and the line of the last figure: a line's
  // tokens mostly come one after another, so the maps are asked once a line.
  let line = NaN;
  let cells: number[] = [];
  let figureLine = NaN;
  for (const t of tokens) {
    if (t.kind === 'text') {
      if (t.line !== line) {
        line = t.line;
        const known = texts.get(line);
        if (known === undefined) {
          texts.set(line, (cells = [t.cell]));
          continue;
        }
        cells = known;
      }
      if (cells.length < 3 && !cells.includes(t.cell)) cells.push(t.cell);
    } else if (t.kind === 'figure' && t.line !== figureLine) {
      figureLine = t.line;
      figures.add(t.line);
    }
  }
  const out = new Set<number>();
  for (const [line, cells] of texts) if (cells.length >= 3 && !figures.has(line)) out.add(line);
  return out;
}

const show = (r: Reading) => r.map((c) => String(c.value)).join(' ');

const REASON: Record<Exclude<RowOutcome['status'], 'read' | 'absent'>, string> = {
  ambiguous: '有不止一种读法与本表的总计和勾稽关系相符',
  contradiction: '没有一种读法能与本表的总计和勾稽关系相符',
  budget: '可能的读法过多，无法在限定步数内确定',
};

/**
 * The reader's limit: a row it could not read, with its candidates and, given `printed`, its
 * figures as printed. A row whose figures cannot be its cells at all (more or fewer than its
 * columns, and no reading of them holds) is a `cell-count` error keeping them. Never a report
 * defect: nothing is claimed missing.
 */
export function unreadFinding(
  table: TableKey,
  row: string,
  name: string,
  outcome: Exclude<RowOutcome, { status: 'read' } | { status: 'absent' }>,
  /** `inDoubt`: the tokens may hold another row's figures (their count is not the row's). */
  printed?: { tokens: RowTokens; width: number; inDoubt?: boolean },
): Finding {
  const candidates =
    outcome.candidates.length > 0
      ? `；可能的读法：${outcome.candidates.map((c) => `（${show(c)}）`).join('、')}`
      : '';
  const first = printed?.tokens[0];
  const line = outcome.candidates[0]?.find((c) => c.at)?.at?.line ?? first?.line;
  const location = { table, row, ...(line ? { line } : {}) };
  const raw = printed && printed.tokens.length > 0 ? rawList(printed.tokens) : null;
  if (
    printed &&
    raw !== null &&
    outcome.candidates.length === 0 &&
    printed.tokens.length !== printed.width &&
    !printed.inDoubt
  )
    return {
      code: 'cell-count',
      severity: 'error',
      location,
      message: `“${name}”一行有 ${printed.tokens.length} 个数值，与表格的 ${printed.width} 列对不上（原始数值：${raw}），按本表的总计和勾稽关系也无法确定各数值所属的单元格，未读入；请对照原件核对并手工填写这一行。`,
    };
  return {
    code: 'unread-table',
    severity: 'error',
    location,
    message: `未能读出“${name}”一行的数字：${REASON[outcome.status]}${raw !== null ? `（原始数值：${raw}）` : ''}${candidates}。请对照原件核对并手工填写这一行。`,
  };
}

/**
 * Figures after a label that is none of the template's rows ("2.反复提出同一申请"): they are in
 * the table, but no row can be given them. An error keeping the label and the figures; the row
 * the label may have meant is not guessed.
 */
export function unplacedFinding(
  table: TableKey,
  label: string,
  line: number,
  tokens: RowTokens,
): Finding {
  const excerpt = label.length > 60 ? `${label.slice(0, 60)}…` : label;
  return {
    code: 'unreadable-cell',
    severity: 'error',
    location: { table, line, excerpt },
    message: `${TABLE_NUMBERS[table]}第 ${line} 行“${excerpt}”不是格式规定的行名，其数值（${rawList(tokens)}）无法归入任何一行；请对照原件核对并手工填写。`,
  };
}

/** The figures of a row as printed, for a message: "1 0 0 0 0 1". */
function rawList(tokens: RowTokens): string {
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    out += (i > 0 ? ' ' : '') + (t.kind === 'figure' ? t.raw : t.mark || '（空）');
  }
  return out;
}
/** A reading's values for a message: "1、0、0" (many rows of a damaged table are told so). */
function slots(r: Reading): string {
  let out = '';
  for (let i = 0; i < r.length; i++) out += (i > 0 ? '、' : '') + String(r[i]!.value);
  return out;
}

/**
 * The finding for a row read by the table's arithmetic rather than as printed: an `info` for
 * empty cells read as 0, a `cell-count` warning for a lost cell recovered from the totals or for
 * figures run together that the totals split; null for a row read as printed.
 */
export function readFinding(
  table: TableKey,
  row: string | undefined,
  /** "表三“（一）予以公开”行", as a message names the row. */
  named: string,
  reading: Reading,
  column: (index: number) => string,
  tokens: RowTokens,
): Finding | null {
  // A cell left without a figure is said by placeholderFindings, for the whole table. A row
  // read as printed (no empty or lost cell, a figure for every printed cell) has no finding:
  // told in one pass before any message is made. The pass gathers all the message needs too:
  // the cells (of several shapes) are read at these sites only, whose feedback every row gives,
  // not again at sites few rows reach (there V8 met new shapes and deoptimised readFinding).
  let empties = 0;
  let firstEmpty = -1;
  let lost = false;
  // Cells of a column the header lacks are absent: no figure was printed for them.
  let printed = 0;
  let at: Position | null = null;
  for (let i = 0; i < reading.length; i++) {
    const c = reading[i]!;
    if (Number.isNaN(c.value)) return null;
    if (c.empty) {
      if (empties++ === 0) firstEmpty = i;
    }
    if (at === null && c.at) at = c.at;
    if (!c.absent) {
      printed++;
      if (c.at === null) lost = true;
    }
  }
  let figures = 0;
  for (const t of tokens) if (t.kind === 'figure') figures++;
  if (empties === 0 && !lost && figures >= printed) return null;
  const location = { table, ...(row ? { row } : {}), ...(at ? { line: at.line } : {}) };
  const where = at ? `${named}（第 ${at.line} 行）` : named;
  if (empties > 0)
    return {
      code: 'unreadable-cell',
      severity: 'info',
      location: { ...location, column: column(firstEmpty) },
      message: `${named}有 ${empties} 个空白单元格，本表的总计确认其为 0，已按 0 读取；请核对原件。`,
    };
  if (lost)
    return {
      code: 'cell-count',
      severity: 'warning',
      location,
      message: `${where}只有 ${figures} 个数值，少于表格的 ${reading.length} 列（原始数值：${rawList(tokens)}），按本表总计唯一可能的读法补全为 ${slots(reading)}；请对照原件核对。`,
    };
  if (figures < printed)
    return {
      code: 'cell-count',
      severity: 'warning',
      location,
      message: `${where}数字连在一起（${rawList(tokens)}），按本表总计唯一可能的拆分读作 ${slots(reading)}；请对照原件核对。`,
    };
  return null;
}

/**
 * The figure and empty-cell tokens a reading took its cells from (each once, in stream order): a
 * row's tokens when its cells were assigned by layout rather than found after its label.
 */
export function tokensOf(reading: Reading, tokens: readonly StreamToken[]): RowTokens[number][] {
  const used: Position[] = [];
  for (const c of reading) if (c.at) used.push(c.at);
  return tokens.filter(
    (t): t is RowTokens[number] =>
      (t.kind === 'figure' || t.kind === 'empty') &&
      used.some((p) => p.line === t.line && p.cell === t.cell && p.column === t.column),
  );
}

/** An empty cell of a grid that is no placeholder: padding at a row's ends. */
const padding = (t: RowTokens[number] | undefined) => t?.kind === 'empty' && !t.placeholder;

/**
 * A row's tokens without the empty cells at its ends beyond its width: a grid's padding (the
 * cells a merged cell above or beside leaves), no place of a figure. A row padded at its end
 * whose last cells before the padding are empty too lost a cell there (its figures end early,
 * the grid fills the rest): those empty cells are padding as well, down to one cell short.
 */
export function withoutPadding<T extends RowTokens[number]>(
  tokens: readonly T[],
  width: number,
): T[] {
  const out = [...tokens];
  const length = out.length;
  while (out.length > width && padding(out[out.length - 1])) out.pop();
  if (out.length < length) while (out.length > width - 1 && padding(out[out.length - 1])) out.pop();
  while (out.length > width && padding(out[0])) out.shift();
  return out;
}

const TABLE_NUMBERS: Record<TableKey, string> = {
  proactive: '表二',
  applications: '表三',
  appeals: '表四',
};

/**
 * A warning per row of a table read whose cells were written as a placeholder ("/", "—", "－"):
 * a place of a figure the report left without one, read as not filled in (null) — never 0, and
 * never the whole row unread. The marks are those of the region's tokens on the cells' lines.
 */
export function placeholderFindings(
  table: TableKey,
  st: StructuralTable,
  tokens: readonly StreamToken[],
): Finding[] {
  // Most tables have no such cell: told by their values alone, before any entry of the map
  // (a [key, value] pair each) is made.
  let any = false;
  for (const c of st.cells.values())
    if (Number.isNaN(c.value)) {
      any = true;
      break;
    }
  if (!any) return [];
  const rows = new Map<string, { columns: string[]; lines: Set<number> }>();
  for (const [key, { value, line }] of st.cells) {
    if (!Number.isNaN(value)) continue;
    const rest = key.slice(table.length + 1);
    const dot = rest.lastIndexOf('.');
    const row = rest.slice(0, dot);
    const entry = rows.get(row) ?? { columns: [], lines: new Set<number>() };
    entry.columns.push(rest.slice(dot + 1));
    if (line !== null) entry.lines.add(line);
    rows.set(row, entry);
  }
  const out: Finding[] = [];
  for (const [row, { columns, lines }] of rows) {
    const marks = new Set<string>();
    for (const t of tokens)
      if (t.kind === 'empty' && t.placeholder && lines.has(t.line)) marks.add(t.mark ?? '');
    const line = lines.size > 0 ? Math.min(...lines) : undefined;
    const name =
      table === 'proactive'
        ? proactiveCellName(row, columns.length === 1 ? columns[0]! : '')
        : table === 'applications'
          ? `“${applicationRowName(row as ApplicationRowKey)}”行“${columns.map((c) => applicationColumnName(c as ApplicationColumnKey)).join('”“')}”`
          : `“${appealGroupName(row as AppealGroupKey)}”“${columns.map((c) => appealColumnName(c as AppealColumnKey)).join('”“')}”`;
    const written = [...marks].filter((m) => m !== '');
    out.push({
      code: 'unreadable-cell',
      severity: 'warning',
      location: {
        table,
        row,
        ...(columns.length === 1 ? { column: columns[0]! } : {}),
        ...(line !== undefined ? { line } : {}),
      },
      message: `${TABLE_NUMBERS[table]}${name}${line !== undefined ? `（第 ${line} 行）` : ''}写作“${written.length > 0 ? written.join('”“') : '空白'}”，不是数字，按未填写（空白）读入，未当作 0；请对照原件核对并填写。`,
    });
  }
  return out;
}
