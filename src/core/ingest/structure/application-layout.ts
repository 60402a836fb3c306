/**
 * Table 三 read by the order its layout printed the figures in (layout.ts), for a table whose
 * figures are not each after their row's label (pdftotext's default mode: column blocks printed
 * before the labels). The rows are those whose labels the region holds, in the template's
 * order; a group heading (（六）其他处理) whose sub-rows are all absent is one row of its own,
 * its figures the group's, kept for the arithmetic but not a cell of the template. The table is
 * read only when one reading of all its figures satisfies every row total, （七）总计 per column
 * and 一+二 = （七）+四; when several do, the rows they differ on are left unread with the
 * candidates.
 */
import { packedMap } from '../arrays.js';
import {
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  APPLICANT_COLUMN_KEYS,
  OUTCOME_ROW_KEYS,
  type ApplicationRowKey,
  type OutcomeGroupKey,
} from '../../report/format.js';
import { applicationRowName } from '../../report/labels.js';
import { layoutReadings } from './layout.js';
import { sameValues, type Budget, type Reading } from './readings.js';
import { readFinding, tokensOf, unreadFinding, type StructuralTable } from './result.js';
import { unconfirmedBlanks } from './blank-cells.js';
import type { CellRef, Constraint, RowOutcome } from './solver.js';
import type { EmptyToken, FigureToken, StreamToken } from './stream.js';

const WIDTH = APPLICATION_COLUMN_KEYS.length;

interface LayoutRow {
  /** A template row, or a group standing for its absent sub-rows. */
  key: ApplicationRowKey | OutcomeGroupKey;
  group: boolean;
}

const groupOf = (key: ApplicationRowKey): string | null =>
  key.includes('.') ? key.slice(0, key.indexOf('.')) : null;

/** The table's rows in the template's order: those labelled, and groups without their rows. */
function layoutRows(
  present: ReadonlySet<string>,
  groups: ReadonlySet<OutcomeGroupKey>,
): LayoutRow[] {
  const out: LayoutRow[] = [];
  const alone = new Set(
    [...groups].filter(
      (g) => !APPLICATION_ROW_KEYS.some((k) => groupOf(k) === g && present.has(k)),
    ),
  );
  for (const key of APPLICATION_ROW_KEYS) {
    if (present.has(key)) out.push({ key, group: false });
    const g = groupOf(key) as OutcomeGroupKey | null;
    if (g && alone.has(g)) {
      out.push({ key: g, group: true });
      alone.delete(g);
    }
  }
  return out;
}

/** The table's arithmetic over the rows it has; `complete` when none had to be left out. */
function layoutConstraints(rows: readonly LayoutRow[]): {
  constraints: Constraint[];
  complete: boolean;
} {
  const index = new Map(rows.map((r, i) => [r.key as string, i]));
  const covered = (k: ApplicationRowKey) => index.has(k) || index.has(groupOf(k) ?? k);
  const outcomeRows = rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.group || (OUTCOME_ROW_KEYS as readonly string[]).includes(r.key))
    .map(({ i }) => i);
  const constraints: Constraint[] = [];
  const sums = index.has('total') && OUTCOME_ROW_KEYS.every(covered);
  const balance = ['received', 'carried_over', 'total', 'carried_forward'].every((k) =>
    index.has(k),
  );
  for (let c = 0; c < WIDTH; c++) {
    const at = (k: string): CellRef => [index.get(k)!, c];
    if (sums) constraints.push({ left: [at('total')], right: outcomeRows.map((i) => [i, c]) });
    if (balance)
      constraints.push({
        left: [at('received'), at('carried_over')],
        right: [at('total'), at('carried_forward')],
      });
  }
  return { constraints, complete: sums && balance };
}

/**
 * The figures of the table: from its first label or header on (prose before it aside); and for
 * each, whether text was printed between it and the figure before.
 */
function tableFigures(tokens: readonly StreamToken[]): {
  figures: (FigureToken | EmptyToken)[];
  afterText: boolean[];
} {
  const start = tokens.findIndex(
    (t) => t.kind === 'text' && /申请人|自然人|本年新收|上年结转|予以公开/.test(t.text),
  );
  const figures: (FigureToken | EmptyToken)[] = [];
  const afterText: boolean[] = [];
  let text = true;
  for (const t of tokens.slice(Math.max(start, 0))) {
    if (t.kind === 'text') text = true;
    else {
      figures.push(t);
      afterText.push(text);
      text = false;
    }
  }
  return { figures, afterText };
}

/**
 * Table 三 read by layout order, or null when no layout reading applies or none holds (the row
 * reading `byLabels` then stands). Rows the readings differ on are left unread with an error
 * giving the candidates.
 */
export function readByLayout(
  tokens: readonly StreamToken[],
  present: ReadonlySet<string>,
  groups: ReadonlySet<OutcomeGroupKey>,
  byLabels: StructuralTable,
  holds: (values: readonly number[]) => boolean,
  budget: Budget,
  /** The line of each row's label: a row whose figures come before it was printed apart. */
  labelLines: ReadonlyMap<string, number> = new Map(),
): StructuralTable | null {
  const rows = layoutRows(present, groups);
  const { constraints, complete } = layoutConstraints(rows);
  // Without the table's arithmetic across rows, the order of blocks is not evidence enough.
  if (constraints.length === 0) return null;
  const { figures, afterText } = tableFigures(tokens);
  const found = layoutReadings(
    {
      rows: rows.length,
      width: WIDTH,
      tokens: figures,
      holds,
      constraints,
      lastIsTotal: true,
      afterText,
    },
    budget,
  );
  if (found.status !== 'solved' || found.solutions.length === 0) return null;
  const { solutions } = found;
  const result: StructuralTable = { cells: new Map(), complete, findings: [], anchored: true };
  // Rows the readings differ on are unread; of the rest, a row with an empty cell no printed
  // total confirms as 0 is unread too (blank-cells.ts): all-zero blanks satisfy every equation.
  const outcomes = unconfirmedBlanks(
    rows.map((_, r): RowOutcome => {
      const seen: Reading[] = [];
      for (const s of solutions) if (!seen.some((x) => sameValues(x, s[r]!))) seen.push(s[r]!);
      return seen.length === 1
        ? { status: 'read', reading: seen[0]! }
        : { status: 'ambiguous', candidates: seen };
    }),
    constraints,
  );
  rows.forEach((row, r) => {
    if (row.group) return;
    const outcome = outcomes[r]!;
    const read = outcome.status === 'read' ? outcome.reading : null;
    const key = row.key as ApplicationRowKey;
    // A row the labels read otherwise: neither reading is certain — unless this reading checked
    // every constraint of the table and the labels' could not (figures not after their label
    // left a row unread there, so a constraint went unchecked): then the labels' is the doubt.
    const checkedMore = complete && !byLabels.complete;
    const labelled = APPLICATION_COLUMN_KEYS.map(
      (c) => byLabels.cells.get(`applications.${key}.${c}`)?.value,
    );
    const conflict =
      read !== null &&
      !checkedMore &&
      labelled.every((v) => v !== undefined) &&
      labelled.some((v, c) => v !== read[c]!.value);
    if (read === null || conflict) {
      result.complete = false;
      const candidates =
        read !== null
          ? [read, packedMap(labelled, (value) => ({ value: value!, at: null }))]
          : 'candidates' in outcome
            ? outcome.candidates.slice(0, 5)
            : [];
      result.findings.push(
        unreadFinding('applications', key, applicationRowName(key), {
          status: 'ambiguous',
          candidates,
        }),
      );
      return;
    }
    read.forEach((cell, c) =>
      result.cells.set(`applications.${key}.${APPLICATION_COLUMN_KEYS[c]!}`, {
        value: cell.value,
        line: cell.at?.line ?? null,
      }),
    );
    const info = readFinding(
      'applications',
      key,
      `表三“${applicationRowName(key)}”行`,
      read,
      (c) => (c < APPLICANT_COLUMN_KEYS.length ? APPLICATION_COLUMN_KEYS[c]! : 'total'),
      tokensOf(read, tokens),
    );
    if (info) result.findings.push(info);
  });
  // Nothing read by layout that the labels did not already give: the row reading stands.
  if (result.cells.size <= byLabels.cells.size) return null;
  // Said only when figures were printed before their row's label (not merely a label wrapped
  // around them or a group heading between a label and its figures).
  const apart = rows.some((row, r) => {
    const line = labelLines.get(row.key);
    return (
      line === undefined ||
      solutions.some((s) => s[r]!.some((c) => c.at !== null && c.at.line < line))
    );
  });
  if (!apart) return result;
  const first = figures[0]!;
  result.findings.push({
    code: 'row-order',
    severity: 'info',
    location: { table: 'applications', line: first.line },
    message:
      solutions.length === 1
        ? '表三的数字不在各自的行名之后（如 PDF 转成文本后按列成块排列）；已按本表的行序、各行合计和勾稽关系确定每个数字所属的单元格，且只有这一种读法成立。请对照原件核对。'
        : `表三的数字不在各自的行名之后（如 PDF 转成文本后按列成块排列）；按本表的行序、各行合计和勾稽关系有 ${solutions.length} 种读法成立，各读法一致的行已读入，其余行未读。请对照原件核对。`,
  });
  return result;
}
