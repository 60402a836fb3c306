/**
 * Table 三 read structurally: the region's text is cut into label pieces and anchored to the
 * template's rows (applicationAnchor), the figures after each anchor are the row's tokens, every
 * reading of each row is made (readings.ts) and the table's arithmetic chooses among them
 * (solver.ts). A row is read only when one reading satisfies every constraint.
 */
import {
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  OUTCOME_ROW_KEYS,
  type ApplicationRowKey,
  type OutcomeGroupKey,
} from '../../report/format.js';
import type { Finding } from '../../report/findings.js';
import { applicationColumnName, applicationRowName } from '../../report/labels.js';
import {
  countOrUnknown,
  rowReadings,
  sumHolds,
  wholeFigure,
  type Budget,
  type Reading,
  type RowTokens,
} from './readings.js';
import { solveTable, allCheckable, type Constraint, type RowOutcome } from './solver.js';
import type { StreamToken } from './stream.js';
import { APPLICATION_PIECE_START, applicationAnchor } from './template.js';
import { readByLayout } from './application-layout.js';
import {
  headerLines,
  readFinding,
  unplacedFinding,
  unreadFinding,
  withoutPadding,
  type StructuralTable,
} from './result.js';

const WIDTH = APPLICATION_COLUMN_KEYS.length;
const TOTAL = WIDTH - 1;
const ROW = new Map(APPLICATION_ROW_KEYS.map((k, i) => [k, i]));
/** The cells' names by row and column, built once (the same strings for every report). */
const CELL_NAMES = APPLICATION_ROW_KEYS.map((k) =>
  APPLICATION_COLUMN_KEYS.map((c) => `applications.${k}.${c}`),
);

/** （七）总计 = the sum of the 21 rows of （一）–（六）; 一 + 二 = （七） + 四; per column. */
const CONSTRAINTS: Constraint[] = (() => {
  const out: Constraint[] = [];
  const r = (k: ApplicationRowKey) => ROW.get(k)!;
  for (let c = 0; c < WIDTH; c++) {
    out.push({ left: [[r('total'), c]], right: OUTCOME_ROW_KEYS.map((k) => [r(k), c] as const) });
    out.push({
      left: [
        [r('received'), c],
        [r('carried_over'), c],
      ],
      right: [
        [r('total'), c],
        [r('carried_forward'), c],
      ],
    });
  }
  return out;
})();

const rowTotalHolds = (v: readonly number[]) =>
  sumHolds(v.slice(0, TOTAL), v[TOTAL]!) && v.every(countOrUnknown);

interface Segment {
  key: ApplicationRowKey;
  tokens: RowTokens[number][];
  /** The line of the row's label. */
  line: number;
  /** A numbered label that names no row of the template, as printed. */
  label?: string;
}

/** A piece that begins a row or a group by its numbering: "1.", "（三）", "二、". */
const NUMBERED = /^\s*(?:\d\s*[.、．]|[(（]\s*[一二三四五六七]\s*[)）]|[一二三四]\s*、)/;

/**
 * The rows' tokens: each figure goes to the row anchored last before it. A numbered label too
 * short to tell its row (a narrow cell wrapped it: "1.申请人无正当理" … "由逾期不补正…") takes the
 * text that follows it until it does.
 */
function segments(
  tokens: readonly StreamToken[],
  groups = new Set<OutcomeGroupKey>(),
  /** Numbered labels that name no row, with the figures after them. */
  unplaced: Omit<Segment, 'key'>[] = [],
): Segment[] {
  const header = headerLines(tokens);
  const out: (Omit<Segment, 'key'> & { key: ApplicationRowKey | null })[] = [];
  let current: (typeof out)[number] | null = null;
  let pending: { label: string; seg: (typeof out)[number] } | null = null;
  let group: OutcomeGroupKey | null = null;
  for (const t of tokens) {
    if (t.kind !== 'text') {
      current?.tokens.push(t);
      continue;
    }
    if (header.has(t.line)) continue;
    for (const piece of t.text.split(APPLICATION_PIECE_START)) {
      if (piece.trim() === '') continue;
      const anchor = applicationAnchor(piece, group);
      if (pending && anchor?.kind === 'row' && !NUMBERED.test(piece)) {
        // The rest of the wrapped label names the row by itself.
        pending.seg.key = anchor.key;
        pending = null;
        continue;
      }
      if (!anchor) {
        if (pending && !NUMBERED.test(piece)) {
          pending.label += piece;
          pending.seg.label = pending.label;
          const again = applicationAnchor(pending.label, group);
          if (again?.kind === 'row') {
            pending.seg.key = again.key;
            pending = null;
          }
        } else if (/^\s*\d\s*[.、．]/.test(piece)) {
          current = { key: null, tokens: [], line: t.line, label: piece };
          out.push(current);
          pending = { label: piece, seg: current };
        }
        continue;
      }
      pending = null;
      if (anchor.kind === 'outcomes') {
        current = null;
      } else if (anchor.kind === 'group') {
        group = anchor.key;
        groups.add(anchor.key);
        current = null;
      } else {
        const g = anchor.key.includes('.') ? (anchor.key.split('.')[0] as OutcomeGroupKey) : null;
        if (g) group = g;
        current = { key: anchor.key, tokens: [], line: t.line };
        out.push(current);
      }
    }
  }
  unplaced.push(...out.filter((s) => s.key === null));
  return out.filter((s): s is Segment => s.key !== null);
}

/** The applicant columns a header may name, in the template's order (总计 may come anywhere). */
const COLUMN_NAMES = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
/**
 * What shows a column is named in a header whose lines or cells broke its name ("社会公" … "益组
 * 织"): its characters no other column's name has, each somewhere in the header.
 */
const COLUMN_MARKS = ['自然', '商企', '科研', '公益', '律服', '其他', '总计'];

/**
 * The header's text, line breaks and spaces removed: before the first figure or empty cell, or
 * (`pastEmpty`) before the first figure, so a converter's header fragments with placeholder
 * rows between them ("- -") count too.
 */
function headerText(tokens: readonly StreamToken[], pastEmpty = false): string {
  let header = '';
  for (const t of tokens) {
    if (t.kind === 'figure' || (t.kind === 'empty' && !pastEmpty)) break;
    if (t.kind === 'text') header += t.text;
  }
  return header.replace(/\s+/g, '').replace(/法人或其他组织/g, '');
}

/** The columns the header names, wherever its lines or cells break a name. */
function namedColumns(tokens: readonly StreamToken[]): Set<string> {
  const header = new Set(headerText(tokens, true));
  const out = new Set<string>();
  COLUMN_MARKS.forEach((marks, c) => {
    if ([...marks].every((ch) => header.has(ch))) out.add(APPLICATION_COLUMN_KEYS[c]!);
  });
  return out;
}

/**
 * A warning per column the header lacks (a header that names at least three): the report's
 * header is not the template's, whatever its rows carry.
 */
function missingColumns(tokens: readonly StreamToken[], named: ReadonlySet<string>): Finding[] {
  if (named.size < 3 || named.size === WIDTH) return [];
  // The header's line: the one that names the most columns.
  const counts = new Map<number, number>();
  for (const t of tokens) {
    if (t.kind === 'figure') break;
    if (t.kind !== 'text') continue;
    const n = COLUMN_NAMES.filter((name) => t.text.includes(name.slice(0, 2))).length;
    counts.set(t.line, (counts.get(t.line) ?? 0) + n);
  }
  const line = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return APPLICATION_COLUMN_KEYS.filter((k) => !named.has(k)).map((column) => ({
    code: 'missing-column',
    severity: 'warning',
    location: { table: 'applications', column, ...(line ? { line } : {}) },
    message: `表三表头缺少“${applicationColumnName(column)}”列（国办公开办函〔2021〕30号规定申请人情况分自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他及总计七列）；与表头列数相同的行按表头读入，缺少的数值由各行总计推算。`,
  }));
}

/** Rows anchored after a row that comes later in the template: read by their labels, said. */
function rowOrder(segs: readonly Segment[]): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<ApplicationRowKey>();
  let furthest = -1;
  let furthestKey: ApplicationRowKey | null = null;
  for (const seg of segs) {
    if (seen.has(seg.key) || !seg.tokens.some((t) => t.kind === 'figure')) continue;
    seen.add(seg.key);
    const index = ROW.get(seg.key)!;
    if (index > furthest) {
      furthest = index;
      furthestKey = seg.key;
      continue;
    }
    const line = seg.tokens[0]!.line;
    out.push({
      code: 'row-order',
      severity: 'warning',
      location: { table: 'applications', row: seg.key, line },
      message: `表三“${applicationRowName(seg.key)}”行（第 ${line} 行）排在“${applicationRowName(furthestKey!)}”行之后，与国办公开办函〔2021〕30号规定的行序不符；已按行名读入。`,
    });
  }
  return out;
}

/** Whether the columns the header names (before the first figure) are in the template's order. */
function columnsInOrder(tokens: readonly StreamToken[]): boolean {
  const header = headerText(tokens);
  let last = -1;
  for (const name of COLUMN_NAMES) {
    const at = header.indexOf(name);
    if (at < 0) continue;
    if (at < last) return false;
    last = at;
  }
  return true;
}

/** Table 三 from the tokens of its region. */
export function readApplicationsStructure(
  tokens: readonly StreamToken[],
  budget: Budget,
): StructuralTable {
  if (!columnsInOrder(tokens)) {
    // The header names the columns in another order: not read by position here.
    return { cells: new Map(), complete: false, findings: [], anchored: false };
  }
  const groups = new Set<OutcomeGroupKey>();
  const unplaced: Omit<Segment, 'key'>[] = [];
  const segs = segments(tokens, groups, unplaced);
  const readings: (Reading[] | null)[] = APPLICATION_ROW_KEYS.map(() => null);
  let overBudget = false;
  for (const seg of segs) {
    if (seg.tokens.length === 0) continue;
    const r = ROW.get(seg.key)!;
    const found = rowReadings(
      withoutPadding(seg.tokens, WIDTH),
      WIDTH,
      rowTotalHolds,
      budget,
      true,
    );
    if (found === null) {
      overBudget = true;
      continue;
    }
    // A row anchored twice (a heading and its row, a header's label): the readings of both.
    readings[r] = [...(readings[r] ?? []), ...found];
  }
  const outcomes = solveTable(readings, CONSTRAINTS, budget);
  // A row printed plainly on its label's line (one figure a cell) has one reading: as printed.
  // When no reading satisfies the arithmetic, that is the report's own error, which validation
  // reports (row-total, column-total) — not a reason to leave the row unread.
  let asPrinted = false;
  for (const seg of segs) {
    const r = ROW.get(seg.key)!;
    const o = outcomes[r]!;
    if (o.status !== 'contradiction') continue;
    const plain = withoutPadding(seg.tokens, WIDTH);
    // A figure with a leading zero ("04") is two cells run together: no row as printed.
    const printed = (t: RowTokens[number]) =>
      t.kind === 'figure' && t.line === seg.line && wholeFigure(t.raw);
    if (plain.length !== WIDTH || !plain.every(printed)) continue;
    outcomes[r] = {
      status: 'read',
      reading: plain.map((t) => ({ value: Number(t.kind === 'figure' ? t.raw : 0), at: t })),
    };
    asPrinted = true;
  }
  const rowTokens = new Map<ApplicationRowKey, RowTokens[number][]>();
  for (const seg of segs)
    rowTokens.set(seg.key, [...(rowTokens.get(seg.key) ?? []), ...seg.tokens]);
  const rows = new Set(segs.map((s) => s.key));
  const columns = namedColumns(tokens);
  const table = tableOf(outcomes, readings, overBudget, rowTokens);
  const layoutFindings = [
    ...missingColumns(tokens, columns),
    ...rowOrder(segs),
    ...unplaced
      .filter((s) => s.tokens.some((t) => t.kind === 'figure'))
      .map((s) => unplacedFinding('applications', s.label!.trim(), s.line, s.tokens)),
  ];
  if (
    !table.complete &&
    segs.some((s) => s.tokens.length === 0 || withoutPadding(s.tokens, WIDTH).length > WIDTH)
  ) {
    // The figures are not each after their row's label (labels with none, or with another
    // row's too; fewer than a row's are figures run together or a lost cell, which the row's
    // readings settle): the order the layout printed them in decides. A table whose every label has
    // its row's cells after it is laid out row by row: a row failing its total there is the
    // report's own error, not the layout's, and is not rearranged.
    const labelLines = new Map<string, number>();
    for (const s of segs) if (!labelLines.has(s.key)) labelLines.set(s.key, s.line);
    const byLayout = readByLayout(tokens, rows, groups, table, rowTotalHolds, budget, labelLines);
    // The figures placed by the layout's order: the labels' order says nothing of theirs.
    const header = missingColumns(tokens, columns);
    if (byLayout)
      return { ...byLayout, findings: [...header, ...byLayout.findings], rows, columns };
  }
  if (asPrinted) table.complete = false;
  table.findings.unshift(...layoutFindings);
  return { ...table, rows, columns };
}

function tableOf(
  outcomes: RowOutcome[],
  readings: (Reading[] | null)[],
  overBudget: boolean,
  rowTokens: ReadonlyMap<ApplicationRowKey, RowTokens>,
): StructuralTable {
  const result: StructuralTable = {
    cells: new Map(),
    complete: !overBudget && allCheckable(readings, CONSTRAINTS),
    findings: [],
    anchored: readings.some((r) => r !== null),
  };
  outcomes.forEach((o, r) => {
    const key = APPLICATION_ROW_KEYS[r]!;
    if (o.status !== 'read') {
      result.complete = false;
      if (o.status !== 'absent')
        result.findings.push(
          unreadFinding('applications', key, applicationRowName(key), o, {
            tokens: withoutPadding(rowTokens.get(key) ?? [], WIDTH),
            width: WIDTH,
          }),
        );
      return;
    }
    o.reading.forEach((cell, c) => {
      result.cells.set(CELL_NAMES[r]![c]!, {
        value: cell.value,
        line: cell.at?.line ?? null,
      });
    });
    const info = readFinding(
      'applications',
      key,
      `表三“${applicationRowName(key)}”行`,
      o.reading,
      (c) => APPLICATION_COLUMN_KEYS[c]!,
      rowTokens.get(key) ?? [],
    );
    if (info) result.findings.push(info);
  });
  return result;
}
