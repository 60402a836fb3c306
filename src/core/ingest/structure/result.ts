/**
 * What the structural reader gives for a table, and the findings it makes: the reader's limit
 * (`unread-table`, with the candidates and the place) and an `info` where an empty cell or a
 * figure run together was read by the table's arithmetic.
 */
import type { Finding } from '../../report/findings.js';
import type { Reading } from './readings.js';
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
}

/** Lines of a region that are a table's header: three or more text cells and no figure. */
export function headerLines(tokens: readonly StreamToken[]): Set<number> {
  const texts = new Map<number, Set<number>>();
  const figures = new Set<number>();
  for (const t of tokens) {
    if (t.kind === 'text') {
      const cells = texts.get(t.line) ?? new Set<number>();
      cells.add(t.cell);
      texts.set(t.line, cells);
    } else figures.add(t.line);
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

/** An info finding for a row whose empty cells or run-together figures the totals settled. */
export function readFinding(
  table: TableKey,
  row: string,
  name: string,
  reading: Reading,
  column: (index: number) => string,
): Finding | null {
  const empty = reading.map((c, i) => (c.empty ? i : -1)).filter((i) => i >= 0);
  const lost = reading.map((c, i) => (c.at === null ? i : -1)).filter((i) => i >= 0);
  const at = reading.find((c) => c.at)?.at;
  const location = { table, row, ...(at ? { line: at.line } : {}) };
  if (empty.length > 0)
    return {
      code: 'unreadable-cell',
      severity: 'info',
      location: { ...location, column: column(empty[0]!) },
      message: `“${name}”一行有 ${empty.length} 个空白单元格，本表的总计确认其为 0，已按 0 读取；请核对原件。`,
    };
  if (lost.length > 0)
    return {
      code: 'cell-count',
      severity: 'warning',
      location: { ...location, column: column(lost[0]!) },
      message: `“${name}”一行少了一个数字，已按本表的总计补出（${show(reading)}）；请核对原件。`,
    };
  return null;
}
