/**
 * Table 三 read structurally: the region's text is cut into label pieces and anchored to the
 * template's rows (applicationAnchor), the figures after each anchor are the row's tokens, every
 * reading of each row is made (readings.ts) and the table's arithmetic chooses among them
 * (solver.ts). A row is read only when one reading satisfies every constraint.
 */
import {
  APPLICANT_COLUMN_KEYS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  OUTCOME_ROW_KEYS,
  type ApplicationRowKey,
  type OutcomeGroupKey,
} from '../../report/format.js';
import { applicationRowName } from '../../report/labels.js';
import { rowReadings, type Budget, type Reading, type RowTokens } from './readings.js';
import { solveTable, allCheckable, type Constraint, type RowOutcome } from './solver.js';
import type { StreamToken } from './stream.js';
import { APPLICATION_PIECE_START, applicationAnchor } from './template.js';
import { readByLayout } from './application-layout.js';
import { headerLines, type StructuralTable, unreadFinding, readFinding } from './result.js';

const WIDTH = APPLICATION_COLUMN_KEYS.length;
const TOTAL = WIDTH - 1;
const ROW = new Map(APPLICATION_ROW_KEYS.map((k, i) => [k, i]));

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

const rowTotalHolds = (v: readonly number[]) => {
  let s = 0;
  for (let i = 0; i < TOTAL; i++) s += v[i]!;
  return Math.abs(s - v[TOTAL]!) < 1e-6 && v.every((x) => Number.isInteger(x));
};

interface Segment {
  key: ApplicationRowKey;
  tokens: RowTokens[number][];
}

/** The rows' tokens: each figure goes to the row anchored last before it. */
function segments(tokens: readonly StreamToken[], groups = new Set<OutcomeGroupKey>()): Segment[] {
  const header = headerLines(tokens);
  const out: Segment[] = [];
  let current: Segment | null = null;
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
      if (!anchor) continue;
      if (anchor.kind === 'outcomes') {
        current = null;
      } else if (anchor.kind === 'group') {
        group = anchor.key;
        groups.add(anchor.key);
        current = null;
      } else {
        const g = anchor.key.includes('.') ? (anchor.key.split('.')[0] as OutcomeGroupKey) : null;
        if (g) group = g;
        current = { key: anchor.key, tokens: [] };
        out.push(current);
      }
    }
  }
  return out;
}

/** The applicant columns a header may name, in the template's order (总计 may come anywhere). */
const COLUMN_NAMES = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];

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

/**
 * The applicant columns the header names, wherever its lines or cells break a name (a name
 * counts by its first four characters, as a narrow cell may cut it: 社会公益).
 */
function namedColumns(tokens: readonly StreamToken[]): Set<string> {
  const header = headerText(tokens, true);
  const out = new Set<string>();
  COLUMN_NAMES.forEach((name, c) => {
    if (header.includes(name.slice(0, 4))) out.add(APPLICANT_COLUMN_KEYS[c]!);
  });
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
  const segs = segments(tokens, groups);
  const readings: (Reading[] | null)[] = APPLICATION_ROW_KEYS.map(() => null);
  let overBudget = false;
  for (const seg of segs) {
    if (seg.tokens.length === 0) continue;
    const r = ROW.get(seg.key)!;
    const found = rowReadings(seg.tokens, WIDTH, rowTotalHolds, budget, true);
    if (found === null) {
      overBudget = true;
      continue;
    }
    // A row anchored twice (a heading and its row, a header's label): the readings of both.
    readings[r] = [...(readings[r] ?? []), ...found];
  }
  const outcomes = solveTable(readings, CONSTRAINTS, budget);
  const rows = new Set(segs.map((s) => s.key));
  const read = tableOf(outcomes, readings, overBudget);
  if (!read.complete && segs.some((s) => s.tokens.length !== WIDTH)) {
    // The figures are not each after their row's label (labels with none, or with another
    // row's too): the order the layout printed them in decides. A table whose every label has
    // its row's cells after it is laid out row by row: a row failing its total there is the
    // report's own error, not the layout's, and is not rearranged.
    const byLayout = readByLayout(tokens, rows, groups, read, rowTotalHolds, budget);
    if (byLayout) return { ...byLayout, rows, columns: namedColumns(tokens) };
  }
  return { ...read, rows, columns: namedColumns(tokens) };
}

function tableOf(
  outcomes: RowOutcome[],
  readings: (Reading[] | null)[],
  overBudget: boolean,
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
        result.findings.push(unreadFinding('applications', key, applicationRowName(key), o));
      return;
    }
    o.reading.forEach((cell, c) => {
      const column = APPLICATION_COLUMN_KEYS[c]!;
      result.cells.set(`applications.${key}.${column}`, {
        value: cell.value,
        line: cell.at?.line ?? null,
      });
    });
    const info = readFinding('applications', key, applicationRowName(key), o.reading, (c) =>
      c < APPLICANT_COLUMN_KEYS.length ? APPLICATION_COLUMN_KEYS[c]! : 'total',
    );
    if (info) result.findings.push(info);
  });
  return result;
}
