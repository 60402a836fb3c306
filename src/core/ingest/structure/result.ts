/**
 * What the structural reader gives for a table, and the findings it makes: the reader's limit
 * (`unread-table`, with the candidates and the place) and an `info` where an empty cell or a
 * figure run together was read by the table's arithmetic.
 */
import type { Finding } from '../../report/findings.js';
import type { Reading, RowTokens } from './readings.js';
import type { RowOutcome } from './solver.js';
import type { StreamToken } from './stream.js';

export type TableKey = 'proactive' | 'applications' | 'appeals';

export interface StructuralTable {
  /** "applications.received.total" → its value and the line it came from (null: recovered). */
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

/** The lines a table stands on: its header's, and every line from its first figure to its last. */
export function tableLines(tokens: readonly StreamToken[]): Set<number> {
  const out = headerLines(tokens);
  let first = Infinity;
  let last = -Infinity;
  for (const t of tokens)
    if (t.kind !== 'text') {
      first = Math.min(first, t.line);
      last = Math.max(last, t.line);
    }
  for (const t of tokens) if (t.line >= first && t.line <= last) out.add(t.line);
  return out;
}

/**
 * Lines of a region that are a table's header: three or more text cells and no figure (empty
 * cells under a merged header cell allowed).
 */
export function headerLines(tokens: readonly StreamToken[]): Set<number> {
  const texts = new Map<number, Set<number>>();
  const figures = new Set<number>();
  for (const t of tokens) {
    if (t.kind === 'text') {
      const cells = texts.get(t.line) ?? new Set<number>();
      cells.add(t.cell);
      texts.set(t.line, cells);
    } else if (t.kind === 'figure') figures.add(t.line);
  }
  const out = new Set<number>();
  for (const [line, cells] of texts) if (cells.size >= 3 && !figures.has(line)) out.add(line);
  return out;
}

const show = (r: Reading) => r.map((c) => String(c.value)).join(' ');

const REASON: Record<Exclude<RowOutcome['status'], 'read' | 'absent'>, string> = {
  ambiguous: '有不止一种读法与本表的总计和勾稽关系相符',
  contradiction: '没有一种读法能与本表的总计和勾稽关系相符',
  budget: '可能的读法过多，无法在限定步数内确定',
};

/** The reader's limit: a row it could not read, with its candidates. Never a report defect. */
export function unreadFinding(
  table: TableKey,
  row: string,
  name: string,
  outcome: Exclude<RowOutcome, { status: 'read' } | { status: 'absent' }>,
): Finding {
  const candidates =
    outcome.candidates.length > 0
      ? `；可能的读法：${outcome.candidates.map((c) => `（${show(c)}）`).join('、')}`
      : '';
  const line = outcome.candidates[0]?.find((c) => c.at)?.at?.line;
  return {
    code: 'unread-table',
    severity: 'error',
    location: { table, row, ...(line ? { line } : {}) },
    message: `未能读出“${name}”一行的数字：${REASON[outcome.status]}${candidates}。请对照原件核对并手工填写这一行。`,
  };
}

/** The figures of a row as printed, for a message: "1 0 0 0 0 1". */
const rawList = (tokens: RowTokens) =>
  tokens.map((t) => (t.kind === 'figure' ? t.raw : '（空）')).join(' ');
const slots = (r: Reading) => r.map((c) => String(c.value)).join('、');

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
  const empty = reading.map((c, i) => (c.empty ? i : -1)).filter((i) => i >= 0);
  const lost = reading.some((c) => c.at === null && !c.absent);
  const figures = tokens.filter((t) => t.kind === 'figure').length;
  // Cells of a column the header lacks: no figure was printed for them.
  const printed = reading.filter((c) => !c.absent).length;
  const at = reading.find((c) => c.at)?.at;
  const location = { table, ...(row ? { row } : {}), ...(at ? { line: at.line } : {}) };
  const where = at ? `${named}（第 ${at.line} 行）` : named;
  if (empty.length > 0)
    return {
      code: 'unreadable-cell',
      severity: 'info',
      location: { ...location, column: column(empty[0]!) },
      message: `${named}有 ${empty.length} 个空白单元格，本表的总计确认其为 0，已按 0 读取；请核对原件。`,
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
  const key = (p: { line: number; cell: number; column: number }) =>
    `${p.line}:${p.cell}:${p.column}`;
  const used = new Set(reading.flatMap((c) => (c.at ? [key(c.at)] : [])));
  return tokens.filter(
    (t): t is RowTokens[number] => (t.kind === 'figure' || t.kind === 'empty') && used.has(key(t)),
  );
}

/**
 * A row's tokens without the empty cells at its ends beyond its width: a grid's padding (the
 * cells a merged cell above or beside leaves), no place of a figure.
 */
export function withoutPadding<T extends RowTokens[number]>(
  tokens: readonly T[],
  width: number,
): T[] {
  const out = [...tokens];
  const padding = (t: T | undefined) => t?.kind === 'empty' && !t.placeholder;
  while (out.length > width && padding(out[out.length - 1])) out.pop();
  while (out.length > width && padding(out[0])) out.shift();
  return out;
}
