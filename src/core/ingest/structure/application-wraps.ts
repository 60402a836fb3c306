/**
 * Figures printed on a line of their own beside a wrapped label (pdftotext -layout, pdf.js): a
 * label centred in a tall cell stands below its figures ("45 12 1 0 32 63" then "（七）总计"),
 * or wraps around another row's label ("四、结转下年度继续办  （七）总计", its figures below, "理"
 * last). Taken as met, such figures fall to the row labelled before them. Where that is in
 * doubt — the row has figures of its own on another line too, or a row labelled beside the line
 * has none — the line may belong to any row labelled within two lines of it: every such
 * assignment is a variant of the table, and the table's arithmetic chooses among them.
 */
import type { ApplicationRowKey } from '../../report/format.js';
import type { Finding } from '../../report/findings.js';
import { applicationRowName } from '../../report/labels.js';
import type { Segment } from './application-segments.js';
import type { Reading } from './readings.js';

/** Lines apart a figure line and a label may stand and still be one row. */
const NEAR = 2;
/** Variants tried at most; with more doubtful lines the table is read as met. */
const MAX_VARIANTS = 64;

/** A line of figures given to a row other than the one labelled before it. */
export interface MovedLine {
  row: ApplicationRowKey;
  line: number;
  labelLine: number;
}

export interface Variant {
  segs: Segment[];
  moved: MovedLine[];
}

export interface Doubt {
  line: number;
  /** Index of the segment the line falls to as met. */
  owner: number;
  /** Indices of the segments it may belong to (the owner first). */
  candidates: number[];
}

const byPosition = (
  a: { line: number; cell: number; column: number },
  b: { line: number; cell: number; column: number },
) => a.line - b.line || a.cell - b.cell || a.column - b.column;

/** The lines of figures whose row is in doubt, each with the rows it may belong to. */
function doubts(segs: readonly Segment[]): Doubt[] {
  const labelled = new Set<number>();
  // A row anchored twice (a wrapped label's two halves) has figures if either has.
  const withFigures = new Set<ApplicationRowKey>();
  for (const s of segs) {
    labelled.add(s.line);
    if (s.tokens.length > 0) withFigures.add(s.key);
  }
  const out: Doubt[] = [];
  for (let owner = 0; owner < segs.length; owner++) {
    const seg = segs[owner]!;
    const tokens = seg.tokens;
    // A row with fewer than two figures has no line of two.
    if (tokens.length < 2) continue;
    // The row's tokens counted by line, the lines in the order they come: most rows have one.
    let oneLine = true;
    for (const t of tokens)
      if (t.line !== tokens[0]!.line) {
        oneLine = false;
        break;
      }
    let perLine: Map<number, number>;
    if (oneLine) {
      if (labelled.has(tokens[0]!.line)) continue;
      perLine = new Map([[tokens[0]!.line, tokens.length]]);
    } else {
      perLine = new Map();
      for (const t of tokens) perLine.set(t.line, (perLine.get(t.line) ?? 0) + 1);
    }
    const shared = perLine.size > 1;
    for (const [line, count] of perLine) {
      // A row's figures on a line of their own (one cell a line is not that).
      if (labelled.has(line) || count < 2) continue;
      const candidates = [owner];
      segs.forEach((s, i) => {
        if (s.key !== seg.key && Math.abs(s.line - line) <= NEAR) candidates.push(i);
      });
      const bare = candidates.some((i) => !withFigures.has(segs[i]!.key));
      if (candidates.length > 1 && (shared || bare)) out.push({ line, owner, candidates });
    }
  }
  return out;
}

/**
 * The table's segments as met (first), then every other assignment of the doubtful figure
 * lines; only the first when there is no doubt or too many.
 */
export function wrapVariants(
  segs: readonly Segment[],
  /** The segments' doubtful lines (wrapDoubts), when the caller has them. */
  found: readonly Doubt[] = doubts(segs),
): Variant[] {
  const base: Variant = { segs: [...segs], moved: [] };
  const count = found.reduce((n, d) => n * d.candidates.length, 1);
  if (found.length === 0 || count > MAX_VARIANTS) return [base];
  const out: Variant[] = [];
  const choice = new Array<number>(found.length).fill(0);
  for (let k = 0; k < count; k++) {
    let rest = k;
    found.forEach((d, i) => {
      choice[i] = rest % d.candidates.length;
      rest = Math.floor(rest / d.candidates.length);
    });
    const copy = segs.map((s) => ({ ...s, tokens: [...s.tokens] }));
    const moved: MovedLine[] = [];
    found.forEach((d, i) => {
      const to = d.candidates[choice[i]!]!;
      if (to === d.owner) return;
      const owner = copy[d.owner]!;
      const target = copy[to]!;
      target.tokens = [...target.tokens, ...owner.tokens.filter((t) => t.line === d.line)].sort(
        byPosition,
      );
      owner.tokens = owner.tokens.filter((t) => t.line !== d.line);
      moved.push({ row: target.key, line: d.line, labelLine: target.line });
    });
    out.push({ segs: copy, moved });
  }
  return out;
}

/**
 * The rows a doubtful line of figures may belong to (its owner as met and the other
 * candidates): the figures gathered after such a row's label are not the row as printed, so their
 * count says nothing of the row.
 */
export function rowsInDoubt(
  segs: readonly Segment[],
  found: readonly Doubt[] = doubts(segs),
): Set<ApplicationRowKey> {
  const out = new Set<ApplicationRowKey>();
  for (const d of found) for (const i of d.candidates) out.add(segs[i]!.key);
  return out;
}

/** The segments' variants and the rows in doubt, their doubtful lines found once. */
export function wrapDoubts(
  segs: readonly Segment[],
  /** The segments' doubtful lines when known already (application-plan.ts). */
  found: Doubt[] = doubts(segs),
): {
  variants: Variant[];
  inDoubt: Set<ApplicationRowKey>;
  doubts: Doubt[];
} {
  return {
    variants: wrapVariants(segs, found),
    inDoubt: rowsInDoubt(segs, found),
    doubts: found,
  };
}

/**
 * The warning for a row read from a line of figures that stood apart from its label, in place
 * of the reading's own note: which line, and that the table's arithmetic decided it.
 */
export function movedFinding(moved: MovedLine, reading: Reading): Finding {
  const name = applicationRowName(moved.row);
  return {
    code: 'row-order',
    severity: 'warning',
    location: { table: 'applications', row: moved.row, line: moved.line },
    message: `表三“${name}”行的数字印在第 ${moved.line} 行，与其行名（第 ${moved.labelLine} 行）不在一处（如 PDF 转成文本后行名折行）；按本表的总计和勾稽关系，只有读作 ${reading.map((c) => c.value).join('、')} 时全表成立，已按此读入。请对照原件核对。`,
  };
}
