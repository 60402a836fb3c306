/**
 * Table 三 read structurally: the region's text is cut into label pieces and anchored to the
 * template's rows (applicationAnchor), the figures after each anchor are the row's tokens, every
 * reading of each row is made (readings.ts) and the table's arithmetic chooses among them
 * (solver.ts). A row is read only when one reading satisfies every constraint.
 */
import { packedMap } from '../arrays.js';
import {
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  OUTCOME_ROW_KEYS,
  type ApplicationRowKey,
} from '../../report/format.js';
import { applicationRowName } from '../../report/labels.js';
import {
  countOrUnknown,
  rowReadings,
  sameValues,
  sidesHold,
  wholeFigure,
  type Budget,
  type Reading,
  type RowTokens,
} from './readings.js';
import {
  columnHeader,
  headerReadings,
  inTemplateOrder,
  type ColumnHeader,
} from './application-columns.js';
import { solveTable, allCheckable, type Constraint, type RowOutcome } from './solver.js';
import type { StreamToken } from './stream.js';
import { readByLayout } from './application-layout.js';
import { withDoubt } from './wrapped.js';
import { missingGroupLabels } from './application-groups.js';
import { rowOrder, type Segment } from './application-segments.js';
import { readLabels } from './application-plan.js';
import { cachedReadings, type ReadingsCache } from './application-cache.js';
import { movedFinding, type MovedLine } from './application-wraps.js';
import {
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
/** Each row as a message names it ("表三“（一）予以公开”行"), made once. */
const ROW_NAMED = APPLICATION_ROW_KEYS.map((k) => `表三“${applicationRowName(k)}”行`);
const columnKey = (c: number) => APPLICATION_COLUMN_KEYS[c]!;
/** No row given a line of figures from elsewhere (most tables): one map for all, only read. */
const NONE_MOVED: ReadonlyMap<ApplicationRowKey, MovedLine> = new Map();

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

/**
 * `partsHold(v, 0, TOTAL)` and every cell `countOrUnknown`, in one pass: the parts summed in the
 * same order (so the same sum), the cells tested as they are met.
 */
const rowTotalHolds = (v: readonly number[]) => {
  let r = 0;
  let unknownRight = false;
  for (let i = 0; i < TOTAL; i++) {
    const x = v[i]!;
    if (Number.isNaN(x)) unknownRight = true;
    else if (!Number.isInteger(x)) return false;
    else r += x;
  }
  for (let i = TOTAL; i < v.length; i++) if (!countOrUnknown(v[i]!)) return false;
  const total = v[TOTAL]!;
  const unknownLeft = Number.isNaN(total);
  return sidesHold(unknownLeft ? 0 : total, unknownLeft, r, unknownRight);
};

/** Table 三 from the tokens of its region. */
export function readApplicationsStructure(
  tokens: readonly StreamToken[],
  budget: Budget,
  /** The tokens' headerLines when the caller has them already (not changed). */
  headerOfTokens?: ReadonlySet<number>,
): StructuralTable {
  const header = columnHeader(tokens);
  // The header lines, the labels broken across lines or cells joined again, each row's tokens
  // and the figure lines in doubt (application-plan.ts).
  const labels = readLabels(tokens, headerOfTokens);
  const { groups, unplaced, variants, inDoubt } = labels;
  let segs = labels.segs;
  const rows = new Set<ApplicationRowKey>();
  for (const s of segs) rows.add(s.key);
  if (header.status === 'unknown') {
    // The header names the columns in another order that cannot be established: no figure is
    // read into a column it may not be in.
    return {
      cells: new Map(),
      complete: false,
      findings: [
        ...header.findings,
        {
          // The reader's limit, beside the claim about the report's header.
          code: 'unread-table',
          severity: 'error',
          location: { ...header.findings[0]!.location },
          message:
            '表三表头的列序与格式规定的不同，未能确定各数值所属的列，表中数字未读入；请对照原件核对并手工填写。',
        },
      ],
      anchored: true,
      rows,
      columns: header.named,
    };
  }
  // Figure lines whose row is in doubt: every assignment read, the arithmetic chooses. The
  // readings of tokens met in an earlier variant are kept; with one variant nothing is met twice
  // (a token is in one segment, and no two tokens share a place), so nothing is kept.
  const cache: ReadingsCache | null = variants.length > 1 ? new Map() : null;
  // Arrays read by optimised code are made by packedMap (arrays.ts), not Array.map.
  const solved = packedMap(variants, (v) =>
    solveSegments(v.segs, header, budget, cache, labels.doubtful),
  );
  const chosen = choose(solved, rows);
  const { readings, overBudget, outcomes } = chosen.solved;
  const variant = variants[chosen.index]!;
  segs = variant.segs;
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
      reading: inTemplateOrder(
        packedMap(plain, (t) => ({ value: Number(t.kind === 'figure' ? t.raw : 0), at: t })),
        header.order,
      ),
    };
    asPrinted = true;
  }
  // Each row's tokens (a row anchored twice: both segments'), only read from here on.
  const rowTokens = new Map<ApplicationRowKey, RowTokens>();
  for (const seg of segs) {
    const had = rowTokens.get(seg.key);
    rowTokens.set(seg.key, had === undefined ? seg.tokens : [...had, ...seg.tokens]);
  }
  const columns = header.named;
  const moved =
    variant.moved.length === 0 ? NONE_MOVED : new Map(variant.moved.map((m) => [m.row, m]));
  const table = tableOf(outcomes, readings, overBudget, rowTokens, moved, inDoubt);
  // The groups' headings looked for by their rows' keys and label lines, the same in every
  // variant: known to be found when the labels were read before (application-plan.ts).
  const groupFindings = labels.quietGroups ? [] : missingGroupLabels(tokens, segs, groups);
  const layoutFindings = [
    ...header.findings,
    ...groupFindings,
    // A row given a line of figures from elsewhere is said by its own warning (movedFinding).
    ...rowOrder(moved.size === 0 ? segs : segs.filter((s) => !moved.has(s.key))),
    ...packedMap(
      unplaced.filter((s) => s.tokens.some((t) => t.kind === 'figure')),
      (s) => unplacedFinding('applications', s.label!.trim(), s.line, s.tokens),
    ),
  ];
  if (
    header.status === 'template' &&
    !table.complete &&
    !chosen.weighed &&
    segs.some(
      (s) =>
        // A bare “总计” of the header (the 总计 column) with nothing after it: no row's
        // figures missing.
        (s.tokens.length === 0 && !s.bare) ||
        withoutPadding(s.tokens, WIDTH).length > WIDTH ||
        outcomes[ROW.get(s.key)!]!.status === 'contradiction',
    )
  ) {
    // The figures are not each after their row's label (labels with none, or with another
    // row's too; fewer than a row's are figures run together or a lost cell, which the row's
    // readings settle): the order the layout printed them in decides. A table whose every label has
    // its row's cells after it is laid out row by row: a row failing its total there is the
    // report's own error, not the layout's, and is not rearranged. Not when several assignments
    // of the figure lines beside the labels each read every labelled row (wrapVariants): the
    // lines' order is what is in doubt there, and the layout's order would only pick one.
    const labelLines = new Map<string, number>();
    for (const s of segs) if (!labelLines.has(s.key)) labelLines.set(s.key, s.line);
    const byLayout = readByLayout(tokens, rows, groups, table, rowTotalHolds, budget, labelLines);
    // The figures placed by the layout's order: the labels' order says nothing of theirs.
    const headerFindings = [...header.findings, ...groupFindings];
    if (byLayout)
      return { ...byLayout, findings: [...headerFindings, ...byLayout.findings], rows, columns };
  }
  if (asPrinted) table.complete = false;
  table.findings.unshift(...layoutFindings);
  // The table made here for this return alone: given its rows and columns in place (the same
  // properties, in the same order, as a copy with them added).
  table.rows = rows;
  table.columns = columns;
  return table;
}

interface Solved {
  readings: (Reading[] | null)[];
  overBudget: boolean;
  outcomes: RowOutcome[];
}

/** Every row's readings from its segments' tokens, and the outcome the table's arithmetic gives. */
function solveSegments(
  segs: readonly Segment[],
  header: ColumnHeader,
  budget: Budget,
  cache: ReadingsCache | null,
  /** Figures between the pieces of a label wrapped around another's (wrapped.ts). */
  doubtful: ReadonlySet<StreamToken>,
): Solved {
  const readings: (Reading[] | null)[] = packedMap(APPLICATION_ROW_KEYS, () => null);
  let overBudget = false;
  for (const seg of segs) {
    if (seg.tokens.length === 0) continue;
    const r = ROW.get(seg.key)!;
    const found =
      cache === null
        ? rowReadingsOf(seg.tokens, header, budget)
        : cachedReadings(cache, seg.tokens, (t) => rowReadingsOf(t, header, budget));
    if (found === null) {
      overBudget = true;
      continue;
    }
    // A row anchored twice (a heading and its row, a header's label): the readings of both
    // (the lists are only read: the first is taken as it is).
    const had = readings[r];
    readings[r] = had === null || had === undefined ? found : [...had, ...found];
  }
  const doubtfulRows = new Set<number>();
  if (doubtful.size > 0)
    for (const s of segs)
      if (s.tokens.some((t) => doubtful.has(t))) doubtfulRows.add(ROW.get(s.key)!);
  const outcomes = withDoubt(
    solveTable(readings, CONSTRAINTS, budget),
    readings,
    CONSTRAINTS,
    doubtfulRows,
  );
  return { readings, overBudget, outcomes };
}

/**
 * The variant to read: the first (as met) unless exactly one variant reads every row whose
 * label the table has; when several do, the rows they read alike are read and the others left
 * unread with the candidates (`weighed`).
 */
function choose(
  solved: readonly Solved[],
  labelled: ReadonlySet<ApplicationRowKey>,
): { solved: Solved; index: number; weighed?: boolean } {
  if (solved.length === 1) return { solved: solved[0]!, index: 0 };
  const holding = solved.flatMap((s, i) =>
    !s.overBudget &&
    s.outcomes.every((o, r) =>
      labelled.has(APPLICATION_ROW_KEYS[r]!) ? o.status === 'read' : o.status === 'absent',
    )
      ? [i]
      : [],
  );
  if (holding.length === 0) return { solved: solved[0]!, index: 0 };
  if (holding.length === 1) return { solved: solved[holding[0]!]!, index: holding[0]! };
  const outcomes = packedMap(solved[0]!.outcomes, (_, r): RowOutcome => {
    const seen: Reading[] = [];
    let absent = false;
    for (const i of holding) {
      const o = solved[i]!.outcomes[r]!;
      if (o.status !== 'read') absent = true;
      else if (!seen.some((x) => sameValues(x, o.reading))) seen.push(o.reading);
    }
    if (seen.length === 0) return { status: 'absent' };
    if (seen.length === 1 && !absent) return { status: 'read', reading: seen[0]! };
    return { status: 'ambiguous', candidates: seen.slice(0, 5) };
  });
  return { solved: { ...solved[0]!, outcomes }, index: 0, weighed: true };
}

/**
 * A row's readings: every way its tokens can be the seven cells, in the order the header names
 * the columns; against a header that lacks columns, a row as wide as the header (or one figure
 * short) is read against it, and no other reading supposes a cell lost.
 */
function rowReadingsOf(
  tokens: readonly RowTokens[number][],
  header: ColumnHeader,
  budget: Budget,
): Reading[] | null {
  // No wider than the row: no padding to take off (withoutPadding would return a copy).
  const found = rowReadings(
    tokens.length <= WIDTH ? tokens : withoutPadding(tokens, WIDTH),
    WIDTH,
    rowTotalHolds,
    budget,
    true,
    true,
  );
  if (found === null) return null;
  if (header.printed === null) {
    // The list is this call's own: each reading put in the template's order in place.
    for (let i = 0; i < found.length; i++) found[i] = inTemplateOrder(found[i]!, header.order);
    return found;
  }
  const against = headerReadings(
    withoutPadding(tokens, header.printed.length),
    header.printed,
    budget,
  );
  if (against === null) return null;
  const out = [...against];
  for (const r of found)
    if (r.every((c) => c.at !== null) && !out.some((x) => sameValues(x, r))) out.push(r);
  return out;
}

function tableOf(
  outcomes: RowOutcome[],
  readings: (Reading[] | null)[],
  overBudget: boolean,
  rowTokens: ReadonlyMap<ApplicationRowKey, RowTokens>,
  moved: ReadonlyMap<ApplicationRowKey, MovedLine>,
  /** Rows a line of figures may have been wrongly given to or taken from (application-wraps). */
  inDoubt: ReadonlySet<ApplicationRowKey>,
): StructuralTable {
  const result: StructuralTable = {
    cells: new Map(),
    complete: !overBudget && allCheckable(readings, CONSTRAINTS),
    findings: [],
    anchored: readings.some((r) => r !== null),
  };
  for (let r = 0; r < outcomes.length; r++) {
    const o = outcomes[r]!;
    const key = APPLICATION_ROW_KEYS[r]!;
    if (o.status !== 'read') {
      result.complete = false;
      if (o.status !== 'absent')
        result.findings.push(
          unreadFinding('applications', key, applicationRowName(key), o, {
            tokens: withoutPadding(rowTokens.get(key) ?? [], WIDTH),
            width: WIDTH,
            inDoubt: inDoubt.has(key),
          }),
        );
      continue;
    }
    const names = CELL_NAMES[r]!;
    for (let c = 0; c < o.reading.length; c++) {
      const cell = o.reading[c]!;
      result.cells.set(names[c]!, { value: cell.value, line: cell.at?.line ?? null });
    }
    const from = moved.get(key);
    if (from) {
      result.findings.push(movedFinding(from, o.reading));
      continue;
    }
    const info = readFinding(
      'applications',
      key,
      ROW_NAMED[r]!,
      o.reading,
      columnKey,
      rowTokens.get(key) ?? [],
    );
    if (info) result.findings.push(info);
  }
  return result;
}
