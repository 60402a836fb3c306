/**
 * Reading the three tables of the report from the tokens of their part of the document, with
 * every figure traced to its line and every repair reported.
 */
import {
  APPEAL_COLUMNS,
  APPEAL_COLUMN_KEYS,
  APPEAL_GROUP_KEYS,
  APPEAL_OUTCOME_KEYS,
  APPLICANT_COLUMN_KEYS,
  APPLICATION_COLUMNS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  OUTCOME_GROUPS,
  OUTCOME_ROW_KEYS,
  PROACTIVE_GROUPS,
  type AppealColumnKey,
  type AppealGroupKey,
  type ApplicationColumnKey,
  type ApplicationRowKey,
  type ProactiveRowKey,
} from '../report/format.js';
import type { Finding, FindingLocation } from '../report/findings.js';
import {
  appealColumnName,
  appealGroupName,
  applicationColumnName,
  applicationRowName,
  proactiveCellName,
} from '../report/labels.js';
import type { AppealsTable, ApplicationTable, Cell, ProactiveTable } from '../report/model.js';
import {
  isApplicationHeaderLabel,
  isOutcomesHeader,
  isProactive2019Label,
  isProactiveHeaderLabel,
  matchAppealColumn,
  matchAppealGroup,
  matchApplicationColumn,
  matchApplicationRow,
  matchOutcomeGroup,
  matchProactiveRow,
  normalizeLabel,
  runInOutcomeGroup,
} from './labels.js';
import {
  BLANK,
  UNKNOWN,
  rowReadings,
  solveRows,
  type Budget,
  type DamagedRow,
  type Equality,
  type ReadingOptions,
  type ReadingsResult,
  type RowSolution,
} from './solve.js';
import type { Token, ValueToken } from './tokens.js';
import {
  redistribute,
  walkRows,
  type Classification,
  type RowContext,
  type WalkState,
} from './walk.js';

/** Where each figure came from: "applications.received.total" → line number. */
export type SourceLines = Record<string, number>;

export interface TableResult<T> {
  table: T;
  findings: Finding[];
  sourceLines: SourceLines;
  /** Lines that belong to the table (not to the narrative). */
  lines: Set<number>;
}

const excerptOf = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);
const rawList = (values: readonly ValueToken[]) =>
  values.map((v) => (v.raw === '' ? '（空）' : v.raw)).join(' ');
const showSlots = (slots: readonly number[]) =>
  slots.map((v) => (v === BLANK ? '（空）' : v === UNKNOWN ? '？' : String(v))).join('、');

const REASON: Record<Exclude<RowSolution, { status: 'resolved' }>['reason'], string> = {
  none: '没有一种读法能与本表的总计和勾稽关系相符',
  ambiguous: '有不止一种读法与本表的总计相符',
  budget: '可能的读法过多，无法在限定步数内确定',
};

// ---------------------------------------------------------------------------------------------
// Table 三
// ---------------------------------------------------------------------------------------------

const APP_WIDTH = APPLICATION_COLUMN_KEYS.length;
const appCell = (row: number, column: number) => row * APP_WIDTH + column;
const ROW_INDEX = new Map(APPLICATION_ROW_KEYS.map((k, i) => [k, i]));
const TOTAL_COLUMN = APPLICATION_COLUMN_KEYS.indexOf('total');
/** "applications.<row>.<column>" for every cell, made once. */
const APPLICATION_SOURCE_KEYS = APPLICATION_ROW_KEYS.map((row) =>
  APPLICATION_COLUMN_KEYS.map((column) => `applications.${row}.${column}`),
);

/** The arithmetic of table 三 (国办公开办函〔2021〕30号): row totals, （七）总计, the balance. */
function applicationEqualities(): Equality[] {
  const equalities: Equality[] = [];
  APPLICATION_ROW_KEYS.forEach((_, r) => {
    equalities.push({
      left: [appCell(r, TOTAL_COLUMN)],
      right: APPLICANT_COLUMN_KEYS.map((_, c) => appCell(r, c)),
    });
  });
  const totalRow = ROW_INDEX.get('total')!;
  const leafRows = OUTCOME_ROW_KEYS.map((k) => ROW_INDEX.get(k)!);
  const [received, carriedOver, carriedForward] = (
    ['received', 'carried_over', 'carried_forward'] as const
  ).map((k) => ROW_INDEX.get(k)!);
  for (let c = 0; c < APP_WIDTH; c++) {
    equalities.push({ left: [appCell(totalRow, c)], right: leafRows.map((r) => appCell(r, c)) });
    equalities.push({
      left: [appCell(received!, c), appCell(carriedOver!, c)],
      right: [appCell(totalRow, c), appCell(carriedForward!, c)],
    });
  }
  return equalities;
}
const APPLICATION_EQUALITIES = applicationEqualities();
/** The rows of each outcome group: withheld → withheld.state_secret, …. */
const OUTCOME_ROWS_OF_GROUP = new Map(
  OUTCOME_GROUPS.map((g) => [g.key, OUTCOME_ROW_KEYS.filter((k) => k.startsWith(`${g.key}.`))]),
);

/** 总计 = the sum of the six applicant columns (a reading of a table 三 row). */
const rowTotalHolds = (slots: readonly number[]) => {
  let sum = 0;
  for (let i = 0; i < TOTAL_COLUMN; i++) sum += slots[i]!;
  return sum === slots[TOTAL_COLUMN];
};

/** The numbering of an outcome group's label: （三） … （六）. */
const GROUP_NUMBERING = /^\s*[(（]\s*[三四五六]\s*[)）]/;

function classifyApplication(norm: string, state: WalkState, text: string): Classification {
  const row = matchApplicationRow(norm);
  if (row === 'other.other' && GROUP_NUMBERING.test(text)) {
    // "（六）其他" is the group （六）其他处理 cut short (a line break in a narrow cell), not the
    // row "3.其他".
    return { kind: 'label', tag: 'group:other' };
  }
  if (row && !((!state.seenRow || state.inHeader) && (row === 'other.other' || row === 'total'))) {
    return { kind: 'row', key: row };
  }
  const group = matchOutcomeGroup(norm);
  if (group) return { kind: 'label', tag: `group:${group}` };
  if (isOutcomesHeader(norm)) return { kind: 'label', tag: 'outcomes' };
  const column = matchApplicationColumn(norm);
  if (column) return { kind: 'label', tag: `column:${column}` };
  if (isApplicationHeaderLabel(norm)) return { kind: 'label', tag: 'header' };
  return null;
}

/** Labels that may carry run-on digits in table 三. */
export function isApplicationLabel(norm: string): boolean {
  return matchApplicationRow(norm) !== null || matchOutcomeGroup(norm) !== null;
}

interface PlacedRow {
  key: ApplicationRowKey;
  context: RowContext;
  values: ValueToken[];
  readings: ReadingsResult;
}

/** Where a finding about a row of table 三 points (made only for a finding). */
function rowLocation(key: ApplicationRowKey, c: RowContext): FindingLocation {
  return { table: 'applications', row: key, line: c.line, excerpt: excerptOf(c.text) };
}

/** A row's figures into the table and the lines they came from into sourceLines. */
function setApplicationRow(
  cells: Partial<Record<ApplicationColumnKey, Cell>>,
  sourceLines: SourceLines,
  keys: readonly string[],
  row: PlacedRow,
  slots: readonly number[],
  exact: boolean,
): void {
  const line = row.context.line;
  for (let i = 0; i < APP_WIDTH; i++) {
    const v = slots[i]!;
    cells[APPLICATION_COLUMN_KEYS[i]!] = v >= 0 ? v : null;
    sourceLines[keys[i]!] = exact ? (row.values[i]?.line ?? line) : (row.values[0]?.line ?? line);
  }
}

/** A row of table 三, or figures that follow no row label, in the order met. */
interface SequenceItem {
  row?: PlacedRow;
  orphan?: RowContext;
}

/** Figures as they were read together: a row's own, or figures that follow no row label. */
interface FigureGroup {
  values: ValueToken[];
  readings: ReadingsResult;
  /** The row whose label they followed; null for figures that follow none. */
  owner: PlacedRow | null;
}

interface PairedRow {
  solution: RowSolution;
  /** The figures the row was read from, when resolved. */
  group: FigureGroup | null;
  /** Every group of figures the row could have been read from. */
  nearby: readonly FigureGroup[];
}

interface Pairing {
  rows: Map<PlacedRow, PairedRow>;
  /** Solutions of the other damaged rows, in their order. */
  damaged: RowSolution[];
  /** Groups of figures that no row certainly took. */
  unplaced: FigureGroup[];
}

/** Pairings of rows and figures tried at most; beyond, the rows are left unresolved. */
const MAX_PAIRINGS = 720;

const usableReadings = (r: ReadingsResult): readonly number[][] =>
  r.kind === 'exact' || r.kind === 'header' || r.kind === 'repair' ? r.readings : [];

/** The cells of a table 三 row. */
const rowCells = (key: ApplicationRowKey): number[] => {
  const r = ROW_INDEX.get(key)!;
  return APPLICATION_COLUMN_KEYS.map((_, c) => appCell(r, c));
};

const sameSolution = (a: RowSolution, b: RowSolution) =>
  a.status === 'resolved' && b.status === 'resolved' && a.slots.join(',') === b.slots.join(',');

/**
 * Which figures belong to which of the doubtful rows (rows beside figures that follow no row
 * label): every way of giving each row a different group of figures is tried against the table's
 * arithmetic, and a row is read only when every way that fits gives it the same figures.
 */
function pairRows(
  rows: readonly PlacedRow[],
  groups: readonly FigureGroup[],
  known: readonly (number | undefined)[],
  damaged: readonly { damaged: DamagedRow }[],
  budget: Budget,
): Pairing {
  const usable = groups.filter((g) => usableReadings(g.readings).length > 0);
  const k = rows.length;
  const m = usable.length;
  // A row takes figures that followed another label (or none) only as readings that fill a
  // whole row (digits run together may be cut): cells lost from someone else's figures are no
  // evidence.
  const whole = usable.map((g) =>
    g.readings.kind === 'header'
      ? g.readings.readings
      : usableReadings(g.readings).filter((slots) => !slots.includes(UNKNOWN)),
  );
  const readingsFor = (r: number, g: number) =>
    usable[g]!.owner === rows[r] ? usableReadings(usable[g]!.readings) : whole[g]!;
  const allowed = rows.map((_, r) =>
    usable.flatMap((_, g) => (readingsFor(r, g).length ? [g] : [])),
  );
  // Every way of giving rows different groups, as many rows as can have one.
  const ways: number[][] = [];
  let size = 0;
  const assign = new Array<number>(k).fill(-1);
  const used = new Array<boolean>(m).fill(false);
  let overflow = false;
  const enumerate = (r: number, taken: number) => {
    if (overflow) return;
    if (r === k) {
      if (taken > size) {
        size = taken;
        ways.length = 0;
      }
      if (taken === size) ways.push(assign.slice());
      if (ways.length > MAX_PAIRINGS) overflow = true;
      return;
    }
    for (const g of allowed[r]!) {
      if (used[g]) continue;
      used[g] = true;
      assign[r] = g;
      enumerate(r + 1, taken + 1);
      used[g] = false;
      assign[r] = -1;
    }
    enumerate(r + 1, taken);
  };
  enumerate(0, 0);
  const base = damaged.map((d) => d.damaged);
  const solve = (list: readonly DamagedRow[]) =>
    list.length ? solveRows(known.length, APPLICATION_EQUALITIES, known, list, budget) : [];
  // The other damaged rows without the doubtful ones: a row that fits no reading even then is
  // not a sign of a wrong pairing.
  const baseline = solve(base);

  const fits: { assign: number[]; solutions: RowSolution[]; index: number[] }[] = [];
  let exhausted = overflow;
  const attempt = (assign: readonly number[]) => {
    const list = base.slice();
    const index = assign.map((g, r) => {
      if (g < 0) return -1;
      list.push({ cells: rowCells(rows[r]!.key), readings: readingsFor(r, g) });
      return list.length - 1;
    });
    const solutions = solve(list);
    if (budget.steps <= 0) {
      exhausted = true;
      return;
    }
    const cells = known.slice();
    let fitting = true;
    solutions.forEach((s, i) => {
      if (s.status === 'resolved') {
        list[i]!.cells.forEach((cell, slot) => {
          if (s.slots[slot]! >= 0) cells[cell] = s.slots[slot];
        });
      } else if (
        s.reason === 'none' &&
        !(i < base.length && baseline[i]!.status === 'unresolved' && baseline[i]!.reason === 'none')
      ) {
        fitting = false;
      }
    });
    // The solver takes a reading that is all there is as it stands; the arithmetic is checked here.
    if (fitting && holds(cells)) fits.push({ assign: [...assign], solutions, index });
  };
  for (const way of ways) {
    if (exhausted) break;
    attempt(way);
  }

  const result: Pairing = { rows: new Map(), damaged: [], unplaced: [] };
  const unresolved = (reason: 'none' | 'ambiguous' | 'budget'): RowSolution => ({
    status: 'unresolved',
    reason,
  });
  if (exhausted || fits.length === 0) {
    const reason = exhausted ? 'budget' : 'none';
    for (const row of rows)
      result.rows.set(row, { solution: unresolved(reason), group: null, nearby: groups });
    result.damaged = exhausted ? base.map(() => unresolved('budget')) : baseline;
    result.unplaced = groups.filter((g) => g.owner === null);
    return result;
  }
  // A solution holds when every pairing that fits gives it.
  const agreed = (pick: (fit: (typeof fits)[number]) => RowSolution): RowSolution => {
    const first = pick(fits[0]!);
    if (first.status !== 'resolved') return first;
    return fits.every((f) => sameSolution(pick(f), first)) ? first : unresolved('ambiguous');
  };
  result.damaged = base.map((_, i) => agreed((f) => f.solutions[i]!));
  rows.forEach((row, r) => {
    const solution = agreed((f) =>
      f.index[r]! < 0 ? unresolved('ambiguous') : f.solutions[f.index[r]!]!,
    );
    let group: FigureGroup | null = null;
    if (solution.status === 'resolved') {
      const taken = fits.map((f) => usable[f.assign[r]!]!);
      group = taken.find((g) => g.owner === row) ?? taken[0]!;
    }
    result.rows.set(row, { solution, group, nearby: groups });
  });
  const resolved = (r: number) => result.rows.get(rows[r]!)!.solution.status === 'resolved';
  for (const group of groups) {
    const g = usable.indexOf(group);
    const placed =
      g >= 0 && fits.every((f) => f.assign.some((taken, r) => taken === g && resolved(r)));
    if (placed) continue;
    // A row's own figures are reported with the row when the row itself is unresolved.
    const owner = group.owner ? result.rows.get(group.owner) : undefined;
    if (owner && owner.solution.status !== 'resolved') continue;
    if (owner && owner.group === group) continue;
    result.unplaced.push(group);
  }
  return result;
}

/**
 * Whether table 三's arithmetic can hold with these cells (undefined: not known, at least 0):
 * each equality whose one side is all known is at least the known part of the other.
 */
function holds(cells: readonly (number | undefined)[]): boolean {
  for (const eq of APPLICATION_EQUALITIES) {
    const left = sideOf(eq.left, cells);
    const right = sideOf(eq.right, cells);
    if (left.open === 0 && right.open === 0) {
      if (left.sum !== right.sum) return false;
    } else if (left.open === 0) {
      if (left.sum < right.sum) return false;
    } else if (right.open === 0 && right.sum < left.sum) return false;
  }
  return true;
}

function sideOf(
  side: readonly number[],
  cells: readonly (number | undefined)[],
): { sum: number; open: number } {
  let sum = 0;
  let open = 0;
  for (const i of side) {
    const v = cells[i];
    if (v === undefined) open++;
    else sum += v;
  }
  return { sum, open };
}

/** The outcome groups whose label a narrow cell can break without its number. */
const BREAKABLE_GROUPS = OUTCOME_GROUPS.filter((g) =>
  ['withheld', 'unable', 'not_processed', 'other'].includes(g.key),
);

/**
 * Adds to `seen` the outcome groups whose label a narrow cell broke over lines without its
 * number ("不予公" … "开", "无法" … "提供"): pieces within two lines that make up the label, other
 * labels (the rows beside it) between them.
 */
function brokenGroupLabels(tokens: readonly Token[], seen: Set<string>): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'text') continue;
    const first = token.norm.charCodeAt(0);
    // 不 无 其: the first character of 不予公开, 不予处理, 无法提供, 其他处理.
    if (first !== 0x4e0d && first !== 0x65e0 && first !== 0x5176) continue;
    for (const group of BREAKABLE_GROUPS) {
      if (seen.has(group.key) || token.norm.length >= group.label.length) continue;
      if (!group.label.startsWith(token.norm)) continue;
      let rest = group.label.slice(token.norm.length);
      for (let j = i + 1; j < tokens.length && rest !== ''; j++) {
        const next = tokens[j]!;
        if (next.line - token.line > 2) break;
        if (next.kind === 'text' && next.norm !== '' && rest.startsWith(next.norm))
          rest = rest.slice(next.norm.length);
      }
      if (rest === '') seen.add(group.key);
    }
  }
}

/** Reading a row's values, never taking "04" or "00" for one count (digits run together). */
function readingsOf(
  values: readonly ValueToken[],
  width: number,
  options: ReadingOptions,
): ReadingsResult {
  if (values.length >= width && values.some(runOnZero)) return { kind: 'too-many-values' };
  return rowReadings(values, width, options);
}

/** A count never begins with 0: "04" is 0 and 4 run together. */
const RUN_ON_ZERO = /^0\d/;

/** RUN_ON_ZERO.test(v.raw) by two character codes (asked of every value of every row). */
function runOnZero(v: ValueToken): boolean {
  const next = v.raw.charCodeAt(1);
  return v.raw.charCodeAt(0) === 48 && next >= 48 && next <= 57;
}

/** Why a row has more values than columns, as the message says it. */
function tooMany(values: readonly ValueToken[], width: number): string {
  if (values.length > width) return `有 ${values.length} 个数值，多于表格的 ${width} 列`;
  const joined = values.filter((v) => RUN_ON_ZERO.test(v.raw)).map((v) => `“${v.raw}”`);
  return `有 ${values.length} 个数值，但其中${joined.join('、')}是连在一起的数字（计数不以 0 开头），拆开后多于表格的 ${width} 列`;
}

/**
 * The warning for a row of table 三 repaired by the totals; null when the row was read as it
 * stands against a header that lacks columns (the missing-column finding says so).
 */
function repairFinding(
  key: ApplicationRowKey,
  c: RowContext,
  values: readonly ValueToken[],
  readings: ReadingsResult,
  slots: readonly number[],
): Finding | null {
  let r: { runTogether: boolean; lost: boolean };
  if (readings.kind === 'repair') r = readings;
  else if (readings.kind === 'header') {
    // The first reading is the header's; the others cut digits run together.
    const header = readings.readings[0]!;
    if (header.every((v, i) => v === UNKNOWN || v === slots[i])) return null;
    r = { runTogether: true, lost: false };
  } else return null;
  const how =
    r.runTogether && !r.lost
      ? `数字连在一起（${rawList(values)}），按本表总计唯一可能的拆分读作`
      : `只有 ${values.length} 个数值，少于表格的 ${APP_WIDTH} 列（原始数值：${rawList(values)}），按本表总计唯一可能的读法补全为`;
  return {
    code: 'cell-count',
    severity: 'warning',
    location: rowLocation(key, c),
    message: `表三“${applicationRowName(key)}”行（第 ${c.line} 行）${how} ${showSlots(slots)}；请对照原件核对。`,
  };
}

/**
 * Table 三 read from its tokens; when that leaves rows unread and a bare number stands alone on
 * its line between two labels ("（三）不予公开" / "12" / "1.属于国家秘密": a page number the
 * text kept without its dashes), read again without it — kept only when then every row is read
 * (no error, no finding the first reading did not have) and the table's arithmetic holds, so
 * the totals decide whether it was a page number or a figure.
 */
export function readApplicationTableChecked(
  tokens: readonly Token[],
  budget: Budget,
  sourceLines: SourceLines,
): TableResult<ApplicationTable> {
  // The first reading writes straight into sourceLines (copying some 175 keys after it cost
  // a tenth of all reading time), unless the table was met before and has lines there already.
  let direct = true;
  for (const key in sourceLines) {
    if (key.startsWith(APPLICATIONS_PREFIX)) {
      direct = false;
      break;
    }
  }
  const trial: SourceLines = direct ? sourceLines : {};
  const first = readApplicationTable(tokens, budget, trial);
  let result = first;
  let lines: SourceLines | null = direct ? null : trial;
  const errors = first.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    const errorLines = new Set(errors.map((f) => f.location.line));
    const before = new Set(first.findings.map(findingKey));
    // Each candidate alone; kept only when the readings that fit all give the same table.
    let fit: { result: TableResult<ApplicationTable>; lines: SourceLines } | null = null;
    let agreed = true;
    for (const lone of loneNumbers(tokens, errorLines).slice(0, 8)) {
      const again: SourceLines = {};
      const retry = readApplicationTable(
        tokens.filter((t) => t !== lone),
        budget,
        again,
      );
      if (
        retry.findings.some((f) => f.severity === 'error' || !before.has(findingKey(f))) ||
        !applicationArithmeticHolds(retry.table)
      )
        continue;
      if (fit && JSON.stringify(fit.result.table) !== JSON.stringify(retry.table)) agreed = false;
      fit ??= { result: retry, lines: again };
    }
    if (fit && agreed) {
      result = fit.result;
      if (direct) {
        // The first reading's lines give way to the second's.
        for (const key in sourceLines)
          if (key.startsWith(APPLICATIONS_PREFIX)) delete sourceLines[key];
      }
      lines = fit.lines;
    }
  }
  if (lines) Object.assign(sourceLines, lines);
  return { ...result, sourceLines };
}

const APPLICATIONS_PREFIX = 'applications.';

const findingKey = (f: Finding) =>
  [f.code, f.severity, f.location.row ?? '', f.location.column ?? ''].join('|');

/**
 * Value tokens that may be a page number: a count of 1 to 999 alone on its line, a label on a
 * later line after it, and either a line an error of the reader points at (figures without a
 * row) or a row's figure beyond its seven; or such a count among the seven figures before one
 * an error points at.
 */
function loneNumbers(tokens: readonly Token[], errorLines: ReadonlySet<number | undefined>) {
  const lone: Token[] = [];
  for (let i = 1; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'value' || t.value === null || !/^[1-9]\d{0,2}$/.test(t.raw)) continue;
    const after = tokens[i + 1]!;
    if (after.kind !== 'text' || after.line === t.line || tokens[i - 1]!.line === t.line) continue;
    let run = 0;
    while (run < i && tokens[i - 1 - run]!.kind === 'value') run++;
    if (errorLines.has(t.line) || run === APP_WIDTH) lone.push(t);
  }
  // Inside a row's figures (a page break between two of its cells): the figure past the row's
  // seven is left without a row, and an error points at it.
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'value' || !errorLines.has(t.line) || tokens[i - 1]!.kind !== 'value') continue;
    for (let j = i - 1; j >= Math.max(1, i - APP_WIDTH); j--) {
      const v = tokens[j]!;
      if (v.kind !== 'value') break;
      if (v.value === null || !/^[1-9]\d{0,2}$/.test(v.raw)) continue;
      if (tokens[j - 1]!.line === v.line || tokens[j + 1]!.line === v.line) continue;
      if (!lone.includes(v)) lone.push(v);
    }
  }
  return lone;
}

/** Whether table 三 as read is complete and its arithmetic holds. */
function applicationArithmeticHolds(table: ApplicationTable): boolean {
  const cells: (number | undefined)[] = [];
  for (const row of APPLICATION_ROW_KEYS) {
    const values = (table as Record<string, Record<string, Cell> | undefined>)[row];
    for (const column of APPLICATION_COLUMN_KEYS) {
      const v = values?.[column];
      if (typeof v !== 'number') return false;
      cells.push(v);
    }
  }
  return holds(cells);
}

/**
 * A row whose figures all stand on its label's line, with no other row's label there (see
 * readApplicationTable). This, doubt and position are functions of the module rather than
 * closures in readApplicationTable: tsx names every closure when it is made, on every call.
 */
function anchored(row: PlacedRow, labelLines: ReadonlyMap<number, number>): boolean {
  return (
    row.values.length > 0 &&
    labelLines.get(row.context.line) === 1 &&
    row.values.every((v) => v.line === row.context.line)
  );
}

/** Counts a row among the doubtful ones, unless it owns its figures. */
function doubt(
  row: PlacedRow | undefined,
  labelLines: ReadonlyMap<number, number>,
  doubtful: Set<PlacedRow>,
): void {
  if (row && !anchored(row, labelLines)) doubtful.add(row);
}

/** Where the figures a row was read from stand. */
function position(r: PlacedRow, readFrom: ReadonlyMap<PlacedRow, readonly ValueToken[]>): number {
  return (readFrom.get(r) ?? r.values)[0]?.line ?? r.context.line;
}

export function readApplicationTable(
  tokens: readonly Token[],
  budget: Budget,
  sourceLines: SourceLines = {},
): TableResult<ApplicationTable> {
  const findings: Finding[] = [];
  const lines = new Set<number>();
  const contexts = redistribute(walkRows(tokens, classifyApplication), () => APP_WIDTH);
  for (const c of contexts)
    if (c.kind !== 'unknown' || c.values.length > 0) c.lines.forEach((l) => lines.add(l));

  // The header: which columns it names. A column counts as named when its cell is there, or
  // when its characters all are (a PDF breaks 科研机构 into 科研 / 机构 on two lines).
  const headerColumns = new Set<ApplicationColumnKey>();
  let headerLine: number | undefined;
  let headerText = '';
  /** The header's column labels, in the order met. */
  const headerMet: { column: ApplicationColumnKey; line: number }[] = [];
  for (const c of contexts) {
    if (!c.header) continue;
    headerText += c.norm;
    if (c.kind === 'label' && c.key?.startsWith('column:')) {
      headerColumns.add(c.key.slice('column:'.length) as ApplicationColumnKey);
      headerMet.push({
        column: c.key.slice('column:'.length) as ApplicationColumnKey,
        line: c.line,
      });
      headerLine = c.line;
    } else {
      // Header cells joined by spaces in a PDF line: "自然人 法人或其他组织".
      // (A fragment without white space is one piece: not split.)
      for (const piece of c.fragments.flatMap((f) => (/\s/.test(f) ? f.split(/\s+/) : f))) {
        const column = matchApplicationColumn(normalizeLabel(piece));
        if (column) {
          headerColumns.add(column);
          headerMet.push({ column, line: c.line });
          headerLine = c.line;
        }
      }
    }
  }
  let headerPositions: number[] | undefined;
  if (headerColumns.size >= 3 && headerColumns.size < APP_WIDTH) {
    const rest = new Set(
      headerText.replace(/法人或其他组织|申请人情况|勾稽关系|第[一二三四]项/g, ''),
    );
    const fragmentary = APPLICATION_COLUMNS.filter(
      (column) => !headerColumns.has(column.key) && [...column.label].every((ch) => rest.has(ch)),
    );
    if (headerColumns.size + fragmentary.length < APP_WIDTH) {
      for (const column of fragmentary) headerColumns.add(column.key);
      headerPositions = APPLICATION_COLUMN_KEYS.flatMap((k, i) =>
        headerColumns.has(k) ? [i] : [],
      );
    }
  }

  const readingOptions: ReadingOptions = {
    budget,
    check: rowTotalHolds,
    sumGroupSize: APP_WIDTH,
    ...(headerPositions ? { headerPositions } : {}),
  };
  // The header naming the applicant columns in another order than the official one: each figure
  // is read into the column the header names, or, when that order is not certain, none is read.
  const columnOrder = headerColumnOrder(headerMet);
  const readingsOfRow = (values: readonly ValueToken[]): ReadingsResult => {
    const r = readingsOf(values, APP_WIDTH, readingOptions);
    if (columnOrder === null || columnOrder === 'unknown') return r;
    if (r.kind !== 'exact' && r.kind !== 'header' && r.kind !== 'repair') return r;
    return { ...r, readings: r.readings.map((slots) => byColumn(slots, columnOrder)) };
  };

  // Rows, in the order met; out-of-order and repeated rows are reported.
  const placed = new Map<ApplicationRowKey, PlacedRow>();
  const groupsSeen = new Set<string>();
  /** Rows and figures without a row label, in the order met (see pairRows). */
  const sequence: SequenceItem[] = [];
  for (const c of contexts) {
    // A group label a narrow PDF cell broke up ("（三）" / "不予公" / "开") still shows its number.
    for (const fragment of c.fragments) {
      const first = fragment.charCodeAt(0);
      if (first !== 0x28 && first !== 0xff08) continue; // ( or （
      const number = /^[(（]\s*([三四五六])\s*[)）]/.exec(fragment)?.[1];
      if (number === undefined) continue;
      const group = OUTCOME_GROUPS.find((g) => g.number === `（${number}）`);
      if (group) groupsSeen.add(group.key);
    }
    if (c.kind === 'row') {
      // "不予公开1.属于国家秘密": the group's label run into its first row's.
      const group = runInOutcomeGroup(c.norm);
      if (group) groupsSeen.add(group);
    }
    if (c.kind === 'label') {
      if (c.key?.startsWith('group:')) groupsSeen.add(c.key.slice('group:'.length));
      if (c.values.length > 0) sequence.push({ orphan: c });
      continue;
    }
    if (c.kind === 'unknown') {
      if (c.text === '' && (c.values.length > 0 || c.takenBy)) {
        sequence.push({ orphan: c });
        continue;
      }
      if (c.values.length === 0) continue;
      findings.push({
        code: 'unreadable-cell',
        severity: 'error',
        location: { table: 'applications', line: c.line, excerpt: excerptOf(c.text) },
        message: c.text
          ? `表三第 ${c.line} 行“${excerptOf(c.text)}”不是格式规定的行名，其数值（${rawList(c.values)}）无法归入任何一行；请对照原件核对并手工填写。`
          : `表三第 ${c.line} 行的数值（${rawList(c.values)}）前没有行名，无法归入任何一行；请对照原件核对并手工填写。`,
      });
      continue;
    }
    const key = c.key as ApplicationRowKey;
    if (placed.has(key)) {
      findings.push({
        code: 'row-order',
        severity: 'error',
        location: { table: 'applications', row: key, line: c.line, excerpt: excerptOf(c.text) },
        message: `表三“${applicationRowName(key)}”行第 ${c.line} 行再次出现（首次在第 ${placed.get(key)!.context.line} 行），以首次出现的为准；请核对原件。`,
      });
      continue;
    }
    const values = c.values;
    const readings = readingsOfRow(values);
    const row: PlacedRow = { key, context: c, values, readings };
    placed.set(key, row);
    sequence.push({ row });
  }

  // Group labels of 三、本年度办理结果 that are missing while their rows are there.
  brokenGroupLabels(tokens, groupsSeen);
  for (const group of OUTCOME_GROUPS) {
    if (group.key === 'disclosed' || group.key === 'partially_disclosed' || group.key === 'total')
      continue;
    const present = OUTCOME_ROWS_OF_GROUP.get(group.key)!.filter((k) => placed.has(k));
    if (present.length === 0 || groupsSeen.has(group.key)) continue;
    const first = placed.get(present[0]!)!;
    findings.push({
      code: 'missing-row',
      severity: 'warning',
      location: { table: 'applications', row: group.key, line: first.context.line },
      message: `表三缺少分组行名“${group.number}${group.label}”（应在第 ${first.context.line} 行之前）；其下各行按各自的行名读入。`,
    });
  }

  // Missing columns of the header.
  if (headerPositions) {
    const lacking = APPLICATION_COLUMN_KEYS.filter((k) => !headerColumns.has(k));
    for (const column of lacking) {
      findings.push({
        code: 'missing-column',
        severity: 'warning',
        location: { table: 'applications', column, ...(headerLine ? { line: headerLine } : {}) },
        message: `表三表头缺少“${applicationColumnName(column)}”列（国办公开办函〔2021〕30号规定申请人情况分自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他及总计七列）；与表头列数相同的行按表头读入，缺少的数值由各行总计推算。`,
      });
    }
  }

  // Rows beside figures that stand without a row label: the layout may have moved figures
  // between them, so their figures are read only as the table's arithmetic confirms.
  // The rows by their label's context, made only for figures a row took (seldom).
  let byContext: Map<RowContext, PlacedRow> | undefined;
  const doubtful = new Set<PlacedRow>();
  const loose: RowContext[] = [];
  // A row whose figures all stand on its label's line, with no other row's label there, owns
  // them (the usual row of a table); the table's arithmetic could not tell it from a row of the
  // same group anyway.
  const labelLines = new Map<number, number>();
  for (const row of placed.values())
    labelLines.set(row.context.line, (labelLines.get(row.context.line) ?? 0) + 1);
  sequence.forEach((item, i) => {
    const orphan = item.orphan;
    if (!orphan) return;
    // Rows whose label is within two lines of the figures (two labels on one line, a label
    // centred beside them), and the nearest row on each side.
    const from = (orphan.values[0] ?? orphan).line - 2;
    const to = (orphan.values[orphan.values.length - 1] ?? orphan).line + 2;
    for (const other of sequence)
      if (other.row && other.row.context.line >= from && other.row.context.line <= to)
        doubt(other.row, labelLines, doubtful);
    for (let j = i - 1; j >= 0; j--) {
      const row = sequence[j]!.row;
      if (row) {
        doubt(row, labelLines, doubtful);
        break;
      }
    }
    for (let j = i + 1; j < sequence.length; j++) {
      const row = sequence[j]!.row;
      if (row) {
        doubt(row, labelLines, doubtful);
        break;
      }
    }
    if (orphan.takenBy) {
      byContext ??= new Map([...placed.values()].map((r) => [r.context, r]));
      doubt(byContext.get(orphan.takenBy), labelLines, doubtful);
    }
    if (orphan.values.length > 0) loose.push(orphan);
  });
  // Labels that lost their order (pdftotext's default mode lists a column of labels, then the
  // figures): figures under a row label that follows rows left without figures, and not the row
  // right after them in the format, may be any of those rows' — the totals decide.
  sequence.forEach((item, i) => {
    const row = item.row;
    if (!row || row.values.length === 0 || anchored(row, labelLines)) return;
    const empty: PlacedRow[] = [];
    for (let j = i - 1; j >= 0; j--) {
      const before = sequence[j]!.row;
      if (!before || before.values.length > 0) break;
      empty.push(before);
    }
    if (empty.length === 0) return;
    if (ROW_INDEX.get(row.key)! - ROW_INDEX.get(empty[0]!.key)! === 1) return;
    doubt(row, labelLines, doubtful);
    for (const e of empty) doubt(e, labelLines, doubtful);
  });

  // Known cells and damaged rows.
  const known: (number | undefined)[] = new Array(APPLICATION_ROW_KEYS.length * APP_WIDTH).fill(
    undefined,
  );
  const damaged: { row: PlacedRow; damaged: DamagedRow }[] = [];
  for (const row of placed.values()) {
    if (doubtful.has(row)) continue;
    const r = ROW_INDEX.get(row.key)!;
    if (row.readings.kind === 'exact') {
      const slots = row.readings.readings[0]!;
      for (let c = 0; c < APP_WIDTH; c++) if (slots[c]! >= 0) known[appCell(r, c)] = slots[c];
    } else if (row.readings.kind === 'header' || row.readings.kind === 'repair') {
      damaged.push({ row, damaged: { cells: rowCells(row.key), readings: row.readings.readings } });
    }
  }
  const solved = new Map<ApplicationRowKey, RowSolution>();
  let pairing: Pairing | null = null;
  if (doubtful.size === 0) {
    const solutions = damaged.length
      ? solveRows(
          known.length,
          APPLICATION_EQUALITIES,
          known,
          damaged.map((d) => d.damaged),
          budget,
        )
      : [];
    damaged.forEach((d, i) => solved.set(d.row.key, solutions[i]!));
  } else {
    const groups: FigureGroup[] = [];
    for (const row of doubtful)
      if (row.values.length > 0)
        groups.push({ values: row.values, readings: row.readings, owner: row });
    for (const orphan of loose) {
      groups.push({
        values: orphan.values,
        readings: readingsOfRow(orphan.values),
        owner: null,
      });
    }
    pairing = pairRows([...doubtful], groups, known, damaged, budget);
    damaged.forEach((d, i) => solved.set(d.row.key, pairing!.damaged[i]!));
    for (const group of pairing.unplaced) {
      const first = group.values[0]!;
      findings.push({
        code: 'unreadable-cell',
        severity: 'error',
        location: { table: 'applications', line: first.line },
        message: `表三第 ${first.line} 行的数值（${rawList(group.values)}）${group.owner ? `写在“${excerptOf(group.owner.context.text)}”之后，但按本表的总计和勾稽关系不属于该行` : '前没有行名'}，无法确定属于哪一行；请对照原件核对并手工填写。`,
      });
    }
  }

  // The table, with provenance and findings for every repair.
  const table: ApplicationTable = {};
  /** The figures a doubtful row was read from, and the rows read from figures not their own. */
  const readFrom = new Map<PlacedRow, readonly ValueToken[]>();
  const moved = new Set<PlacedRow>();
  for (const key of APPLICATION_ROW_KEYS) {
    const row = placed.get(key);
    if (!row) continue;
    const c = row.context;
    const cells: Partial<Record<ApplicationColumnKey, Cell>> = {};
    const keys = APPLICATION_SOURCE_KEYS[ROW_INDEX.get(key)!]!;
    table[key] = cells;
    const pairedRow = pairing?.rows.get(row);
    if (pairedRow) {
      const { solution, group } = pairedRow;
      if (solution.status === 'resolved' && group) {
        const read = { ...row, values: group.values };
        readFrom.set(row, group.values);
        setApplicationRow(
          cells,
          sourceLines,
          keys,
          read,
          solution.slots,
          group.readings.kind === 'exact',
        );
        if (group.owner !== row) {
          moved.add(row);
          const from = group.values[0]!.line;
          findings.push({
            code: 'row-order',
            severity: 'warning',
            location: rowLocation(key, c),
            message: `表三“${applicationRowName(key)}”行（第 ${c.line} 行）的数值不在行名之后，而在第 ${from} 行（${rawList(group.values)}）；按本表的总计和勾稽关系，只有这一组数值能属于该行，已读作 ${showSlots(solution.slots)}；请对照原件核对。`,
          });
        } else {
          const repaired = repairFinding(key, c, group.values, group.readings, solution.slots);
          if (repaired) findings.push(repaired);
        }
        continue;
      }
      setApplicationRow(cells, sourceLines, keys, row, new Array(APP_WIDTH).fill(UNKNOWN), false);
      const nearby = pairedRow.nearby
        .map((g) => `第 ${g.values[0]!.line} 行：${rawList(g.values)}`)
        .join('；');
      findings.push({
        code: 'cell-count',
        severity: 'error',
        location: rowLocation(key, c),
        message: `表三“${applicationRowName(key)}”行（第 ${c.line} 行）附近有不在任何行名之后的数值，本行读到的数值（${row.values.length ? rawList(row.values) : '无'}）可能属于别的行；附近的各组数值（${nearby}）${solution.status === 'unresolved' ? REASON[solution.reason] : REASON.none}，无法确定哪一组属于本行，未读入；请对照原件核对并手工填写。`,
      });
      continue;
    }
    const r = row.readings;
    if (r.kind === 'exact') {
      setApplicationRow(cells, sourceLines, keys, row, r.readings[0]!, true);
    } else if (r.kind === 'too-many-values' || r.kind === 'too-many-readings') {
      setApplicationRow(cells, sourceLines, keys, row, new Array(APP_WIDTH).fill(UNKNOWN), false);
      findings.push({
        code: 'cell-count',
        severity: 'error',
        location: rowLocation(key, c),
        message:
          r.kind === 'too-many-values'
            ? `表三“${applicationRowName(key)}”行（第 ${c.line} 行）${tooMany(row.values, APP_WIDTH)}，无法确定各数值所属的列（原始数值：${rawList(row.values)}）；请对照原件核对并手工填写。`
            : `表三“${applicationRowName(key)}”行（第 ${c.line} 行）的数值（${rawList(row.values)}）${REASON.budget}，未读入；请对照原件核对并手工填写。`,
      });
    } else {
      const solution = solved.get(key)!;
      if (solution.status === 'resolved') {
        setApplicationRow(cells, sourceLines, keys, row, solution.slots, false);
        const repaired = repairFinding(key, c, row.values, r, solution.slots);
        if (repaired) findings.push(repaired);
      } else {
        // Never dropped: the row is there, its figures unread and kept in the message.
        setApplicationRow(cells, sourceLines, keys, row, new Array(APP_WIDTH).fill(UNKNOWN), false);
        findings.push({
          code: 'cell-count',
          severity: 'error',
          location: rowLocation(key, c),
          message: `表三“${applicationRowName(key)}”行（第 ${c.line} 行）有 ${row.values.length} 个数值，应为 ${APP_WIDTH} 个，${REASON[solution.reason]}，无法确定各数值所属的列（原始数值：${rawList(row.values)}）；请对照原件核对并手工填写。`,
        });
      }
    }
  }
  // Rows out of the official order, by where the figures they were read from stand (a label a
  // PDF shifted below its figures is not out of order).
  let furthest = -1;
  let furthestKey: ApplicationRowKey | null = null;
  for (const row of [...placed.values()].sort(
    (a, b) => position(a, readFrom) - position(b, readFrom),
  )) {
    const index = ROW_INDEX.get(row.key)!;
    const c = row.context;
    if (index < furthest && furthestKey) {
      if (moved.has(row)) continue;
      findings.push({
        code: 'row-order',
        severity: 'warning',
        location: { table: 'applications', row: row.key, line: c.line, excerpt: excerptOf(c.text) },
        message: `表三“${applicationRowName(row.key)}”行（第 ${c.line} 行）排在“${applicationRowName(furthestKey)}”行之后，与国办公开办函〔2021〕30号规定的行序不符；已按行名读入。`,
      });
    } else {
      furthest = index;
      furthestKey = row.key;
    }
  }

  if (columnOrder !== null) {
    const location: FindingLocation = {
      table: 'applications',
      ...(headerLine ? { line: headerLine } : {}),
    };
    const names = headerMet.map((m) => applicationColumnName(m.column)).join('、');
    if (columnOrder === 'unknown') {
      for (const key of APPLICATION_ROW_KEYS) {
        const cells = table[key];
        if (!cells) continue;
        for (const column of APPLICATION_COLUMN_KEYS) cells[column] = null;
      }
      findings.push({
        code: 'row-order',
        severity: 'error',
        location,
        message: `表三表头的列名（${names}）与国办公开办函〔2021〕30号规定的列序（${OFFICIAL_COLUMNS}）不同，且无法确定各列的位置，各行数值未读入；请对照原件核对并手工填写。`,
      });
    } else {
      const order = columnOrder.map((i) => applicationColumnName(APPLICATION_COLUMN_KEYS[i]!));
      findings.push({
        code: 'row-order',
        severity: 'warning',
        location,
        message: `表三表头的列序（${order.join('、')}）与国办公开办函〔2021〕30号规定的列序（${OFFICIAL_COLUMNS}）不同，各数值已按表头的列名读入；请对照原件核对。`,
      });
    }
  }

  return { table, findings, sourceLines, lines };
}

const OFFICIAL_COLUMNS = '自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计';

/** A reading in the header's column order (`order[p]`: the official column of position p). */
function byColumn(slots: readonly number[], order: readonly number[]): number[] {
  const out = new Array<number>(slots.length);
  order.forEach((column, p) => (out[column] = slots[p]!));
  return out;
}

/**
 * The order of table 三's columns as its header names them, as official column indices by
 * position; null when the columns of 法人或其他组织 stand in the official order (or the header
 * does not tell), 'unknown' when they do not and the order cannot be established with certainty.
 * Certain: every column named once, 总计 last, and either all seven on one line or 自然人 and 总计 on
 * lines above the five columns of 法人或其他组织, which stand together on one line.
 */
function headerColumnOrder(
  met: readonly { column: ApplicationColumnKey; line: number }[],
): number[] | 'unknown' | null {
  // Fast: the columns of 法人或其他组织 in the official order (自然人 and 总计 stand where a
  // header of several lines puts them) ask for nothing more.
  let last = -1;
  let official = true;
  for (const m of met) {
    if (m.column === 'natural_person' || m.column === 'total') continue;
    const i = APPLICATION_COLUMN_KEYS.indexOf(m.column);
    if (i < last) official = false;
    last = Math.max(last, i);
  }
  if (official) return null;
  const oneLine = met.every((m) => m.line === met[0]!.line);
  if (met.length !== APP_WIDTH || new Set(met.map((m) => m.column)).size !== APP_WIDTH)
    return 'unknown';
  const index = (m: { column: ApplicationColumnKey }) => APPLICATION_COLUMN_KEYS.indexOf(m.column);
  if (oneLine) return met[APP_WIDTH - 1]!.column === 'total' ? met.map(index) : 'unknown';
  const middle = met.filter((m) => m.column !== 'natural_person' && m.column !== 'total');
  const at = met.indexOf(middle[0]!);
  const line = middle[0]!.line;
  const together = middle.every((m, i) => met[at + i] === m && m.line === line);
  const endsAbove = met.every((m) => middle.includes(m) || m.line < line);
  if (!together || !endsAbove) return 'unknown';
  return [0, ...middle.map(index), APP_WIDTH - 1];
}

// ---------------------------------------------------------------------------------------------
// Table 二
// ---------------------------------------------------------------------------------------------

const PROACTIVE_ROWS = PROACTIVE_GROUPS.flatMap((g) =>
  g.rows.map((r) => ({
    key: r.key as ProactiveRowKey,
    group: g,
    columns: g.columns.map((c) => c.key as string),
    /** "proactive.<row>.<column>" for every column, made once. */
    sourceKeys: g.columns.map((c) => `proactive.${r.key}.${c.key}`),
  })),
);

function classifyProactive(norm: string): Classification {
  const row = matchProactiveRow(norm);
  if (row) return { kind: 'row', key: row };
  if (isProactiveHeaderLabel(norm) || isProactive2019Label(norm))
    return { kind: 'label', tag: norm };
  return null;
}

/** Labels that may carry run-on digits in table 二 (a row's label, or the start of one). */
export function isProactiveLabel(norm: string): boolean {
  return matchProactiveRow(norm) !== null || (norm.length >= 2 && isProactiveLabelStart(norm));
}

/** Table 二's row labels, normalised. */
const PROACTIVE_LABELS = [
  ...PROACTIVE_GROUPS.flatMap((g) => g.rows.map((r) => normalizeLabel(r.label))),
  '规范性文件',
];

/** Whether a label is the beginning of a table 二 row's (cut off by a narrow cell). */
function isProactiveLabelStart(norm: string): boolean {
  if (norm.length === 0 || norm.length > 8) return false;
  for (const label of PROACTIVE_LABELS)
    if (label.length > norm.length && label.startsWith(norm)) return true;
  return false;
}

/**
 * A label a narrow cell wrapped over two or three lines ("行政规范性" / "文件", "行政" / "许可"),
 * joined into one text token where its pieces together name a row; the figures may stand after
 * any piece. Returns the tokens and the lines of the pieces joined.
 */
function joinWrappedProactiveLabels(tokens: readonly Token[]): {
  tokens: Token[];
  lines: number[];
} {
  const out: Token[] = [];
  const lines: number[] = [];
  const joined = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    if (joined.has(i)) continue;
    const token = tokens[i]!;
    out.push(token);
    if (token.kind !== 'text' || matchProactiveRow(token.norm) !== null) continue;
    if (!isProactiveLabelStart(token.norm)) continue;
    let norm = token.norm;
    let text = token.text;
    const pieces: number[] = [];
    for (let j = i + 1; j < tokens.length && pieces.length < 2; j++) {
      const next = tokens[j]!;
      if (next.kind !== 'text') continue;
      if (next.line - token.line > 2 || next.numbered) break;
      norm += next.norm;
      text += next.text;
      pieces.push(j);
      if (matchProactiveRow(norm) !== null) {
        out[out.length - 1] = { ...token, text, norm };
        for (const p of pieces) {
          joined.add(p);
          lines.push(tokens[p]!.line);
        }
        break;
      }
      if (!isProactiveLabelStart(norm)) break;
    }
  }
  return { tokens: out, lines };
}

export interface ProactiveResult extends TableResult<ProactiveTable> {
  /** The table follows the 2019 format (国办公开办函〔2019〕60号). */
  format2019: boolean;
}

export function readProactiveTable(
  tokens: readonly Token[],
  budget: Budget,
  sourceLines: SourceLines = {},
): ProactiveResult {
  const findings: Finding[] = [];
  const wrapped = joinWrappedProactiveLabels(tokens);
  const lines = new Set<number>(wrapped.lines);
  const contexts = redistribute(walkRows(wrapped.tokens, classifyProactive), (c) =>
    c.kind === 'row' ? (PROACTIVE_ROWS.find((r) => r.key === c.key)?.columns.length ?? 1) : 1,
  );
  let format2019 = false;
  for (const c of contexts) {
    if (c.kind === 'unknown' && c.values.length === 0) continue;
    c.lines.forEach((l) => lines.add(l));
    if (c.kind === 'label' && isProactive2019Label(c.norm)) format2019 = true;
  }
  const table: ProactiveTable = {};
  if (format2019) {
    // The 2019 columns (本年新制作数量 …) do not mean the 2021 ones; the figures are not carried
    // over, and validation reports the outdated format where it was outdated; this says that
    // the figures are there but not read.
    const first = Math.min(...lines);
    findings.push({
      code: 'unreadable-cell',
      severity: 'info',
      location: { table: 'proactive', ...(Number.isFinite(first) ? { line: first } : {}) },
      message:
        '表二是2019年格式（国办公开办函〔2019〕60号）的栏目（如“本年新制作数量”），含义与2021年格式的栏目不同，其数字未读入；请对照原件查看。',
    });
    return { table, findings, sourceLines, lines, format2019 };
  }
  for (const c of contexts) {
    if (c.kind !== 'row') {
      if (c.kind === 'unknown' && c.values.length > 0 && c.text) {
        findings.push({
          code: 'unreadable-cell',
          severity: 'error',
          location: { table: 'proactive', line: c.line, excerpt: excerptOf(c.text) },
          message: `表二第 ${c.line} 行“${excerptOf(c.text)}”不是格式规定的行名，其数值（${rawList(c.values)}）未读入；请对照原件核对。`,
        });
      }
      continue;
    }
    const key = c.key as ProactiveRowKey;
    const definition = PROACTIVE_ROWS.find((r) => r.key === key)!;
    if (table[key]) {
      findings.push({
        code: 'row-order',
        severity: 'error',
        location: { table: 'proactive', row: key, line: c.line },
        message: `表二“${definition.group.label}${excerptOf(c.text)}”行在第 ${c.line} 行再次出现，以首次出现的为准；请核对原件。`,
      });
      continue;
    }
    const width = definition.columns.length;
    const values = c.values;
    const readings = rowReadings(values, width, { budget });
    const cells: Record<string, Cell> = {};
    const location: FindingLocation = {
      table: 'proactive',
      row: key,
      line: c.line,
      excerpt: excerptOf(c.text),
    };
    let slots: number[] | null = null;
    if (readings.kind === 'exact') slots = readings.readings[0]!;
    else if (readings.kind === 'repair' && values.length > 0) {
      // Table 二 has no totals: only a reading that is the only one possible is certain.
      const solutions = solveRows(
        width,
        [],
        new Array(width).fill(undefined),
        [{ cells: definition.columns.map((_, i) => i), readings: readings.readings }],
        budget,
      );
      if (solutions[0]!.status === 'resolved') {
        slots = solutions[0]!.slots;
        findings.push({
          code: 'cell-count',
          severity: 'warning',
          location,
          message: `表二“${excerptOf(c.text)}”行（第 ${c.line} 行）数字连在一起（${rawList(values)}），唯一可能的拆分为 ${showSlots(slots)}；请对照原件核对。`,
        });
      }
    }
    if (values.length === 0) {
      definition.columns.forEach((column) => (cells[column] = null));
      findings.push({
        code: 'unreadable-cell',
        severity: 'warning',
        location,
        message: `表二“${excerptOf(c.text)}”行（第 ${c.line} 行）没有数值；请对照原件核对。`,
      });
    } else if (slots) {
      definition.columns.forEach(
        (column, i) => (cells[column] = slots![i]! >= 0 ? slots![i]! : null),
      );
    } else {
      definition.columns.forEach((column) => (cells[column] = null));
      findings.push({
        code: 'cell-count',
        severity: 'error',
        location,
        message: `表二“${excerptOf(c.text)}”行（第 ${c.line} 行）有 ${values.length} 个数值，应为 ${width} 个，无法确定各数值所属的列（原始数值：${rawList(values)}）；请对照原件核对并手工填写。`,
      });
    }
    definition.sourceKeys.forEach((sourceKey, i) => {
      sourceLines[sourceKey] = readings.kind === 'exact' ? (values[i]?.line ?? c.line) : c.line;
    });
    (table as Record<string, Record<string, Cell>>)[key] = cells;
  }
  return { table, findings, sourceLines, lines, format2019 };
}

// ---------------------------------------------------------------------------------------------
// Table 四
// ---------------------------------------------------------------------------------------------

const APPEAL_WIDTH = APPEAL_GROUP_KEYS.length * APPEAL_COLUMN_KEYS.length;
/** "appeals.<group>.<column>" for every cell, made once. */
const APPEAL_SOURCE_KEYS = APPEAL_GROUP_KEYS.map((group) =>
  APPEAL_COLUMN_KEYS.map((column) => `appeals.${group}.${column}`),
);
const APPEAL_EQUALITIES: Equality[] = APPEAL_GROUP_KEYS.map((_, g) => ({
  left: [g * APPEAL_COLUMN_KEYS.length + APPEAL_COLUMN_KEYS.indexOf('total')],
  right: APPEAL_OUTCOME_KEYS.map(
    (k) => g * APPEAL_COLUMN_KEYS.length + APPEAL_COLUMN_KEYS.indexOf(k),
  ),
}));

function classifyAppeal(norm: string): Classification {
  const group = matchAppealGroup(norm);
  if (group) return { kind: 'label', tag: `group:${group}` };
  const column = matchAppealColumn(norm);
  if (column) return { kind: 'label', tag: `column:${column}` };
  return null;
}

export function isAppealLabel(norm: string): boolean {
  return matchAppealGroup(norm) !== null;
}

/** Whether each group's 总计 of table 四 is the sum of its results (blank cells: not checked). */
function appealsHold(slots: readonly number[]): boolean {
  return APPEAL_EQUALITIES.every((eq) => {
    const cells = [...eq.left, ...eq.right];
    if (cells.some((i) => slots[i]! < 0)) return true;
    return slots[eq.left[0]!] === eq.right.reduce((sum, i) => sum + slots[i]!, 0);
  });
}

/**
 * The order of table 四's groups as columns, from the header's group labels in the order met:
 * on one line as they stand; on two (行政复议 and 行政诉讼 above, 未经复议直接起诉 and 复议后起诉
 * below 行政诉讼) the upper line's order with 行政诉讼 opened into the lower's. Null when the
 * labels do not tell.
 */
function headerGroupOrder(
  labels: readonly { group: AppealGroupKey | 'litigation'; line: number }[],
): AppealGroupKey[] | null {
  const seen = new Set<string>();
  const unique = labels.filter((l) => !seen.has(l.group) && seen.add(l.group));
  const own = unique.filter((l) => l.group !== 'litigation') as {
    group: AppealGroupKey;
    line: number;
  }[];
  if (own.length !== APPEAL_GROUP_KEYS.length) return null;
  if (own.every((l) => l.line === own[0]!.line)) return own.map((l) => l.group);
  const review = own.find((l) => l.group === 'review')!;
  const litigation = unique.find((l) => l.group === 'litigation');
  const lower = own.filter((l) => l.group !== 'review');
  if (!litigation || litigation.line !== review.line || lower[0]!.line !== lower[1]!.line)
    return null;
  if (lower[0]!.line <= review.line) return null;
  const sub = lower.map((l) => l.group);
  return unique.indexOf(review) < unique.indexOf(litigation)
    ? ['review', ...sub]
    : [...sub, 'review'];
}

/** Table 四's result labels, normalised. */
const APPEAL_COLUMN_LABELS = APPEAL_COLUMNS.map((c) => ({
  key: c.key as AppealColumnKey,
  label: normalizeLabel(c.label),
}));

/**
 * Adds to `seen` the result columns table 四's header names in pieces: a cell joined by single
 * spaces to its neighbours ("总计 未经复议直接起诉"), or a label pdftotext -layout broke over two
 * lines ("尚未审" … "结", "其他结" … "果").
 */
function fragmentaryAppealColumns(
  contexts: readonly RowContext[],
  seen: Set<AppealColumnKey>,
): void {
  // The header is what stands above the figures: labels on lines up to the first figure's (the
  // walk may give the figures to a label of the header's first line, as in pdftotext -raw's
  // output, where each piece of the header is a line of its own).
  let firstValue = Infinity;
  for (const c of contexts)
    if (c.values.length > 0) firstValue = Math.min(firstValue, c.values[0]!.line);
  const pieces: string[] = [];
  for (const c of contexts) {
    if (c.line > firstValue) break;
    for (const fragment of c.fragments)
      for (const piece of fragment.split(/\s+/)) {
        const norm = normalizeLabel(piece);
        if (norm !== '') pieces.push(norm);
      }
  }
  const set = new Set(pieces);
  for (const piece of set) {
    const column = matchAppealColumn(piece);
    if (column) seen.add(column);
  }
  for (const { key, label } of APPEAL_COLUMN_LABELS) {
    if (!seen.has(key) && inPieces(label, set, 3)) seen.add(key);
  }
}

/** Whether `label` is made of at most `parts` of the pieces ("尚未" "审结", "尚未" "审" "结"). */
function inPieces(label: string, pieces: ReadonlySet<string>, parts: number): boolean {
  if (pieces.has(label)) return true;
  if (parts === 1) return false;
  for (let cut = 1; cut < label.length; cut++) {
    if (pieces.has(label.slice(0, cut)) && inPieces(label.slice(cut), pieces, parts - 1))
      return true;
  }
  return false;
}

type LabelledAppeals =
  | { kind: 'read'; slots: number[]; lines: number[]; findings: Finding[] }
  | { kind: 'unread'; findings: Finding[] };

/**
 * Table 四 read by row labels, when its figures stand after them: the three groups as rows (each
 * with its five results), or the five results as rows (each with the three groups, in the order
 * the header names them). Null when the figures do not stand after such labels (the official
 * layout: one row of fifteen under the header).
 */
function readLabelledAppeals(
  contexts: readonly RowContext[],
  budget: Budget,
): LabelledAppeals | null {
  // A row label's figures on its line, even where the walk gave them to a label before it (the
  // corner cell "信息内容" took the figures of 行政复议 beside it, as a row label takes figures
  // past a group label in table 三).
  const onLine = new Map<number, RowContext>();
  for (const c of contexts)
    if (c.kind === 'label' && c.values.length === 0 && c.key !== 'group:litigation')
      onLine.set(c.line, c);
  const withValues = contexts.flatMap((c) => {
    if (c.values.length === 0) return [];
    const line = c.values[0]!.line;
    const owner = onLine.get(line);
    if (owner && c.line !== line && c.values.every((v) => v.line === line))
      return [{ ...owner, values: c.values }];
    return [c];
  });
  if (withValues.length < 2) return null;
  // Only a label that is nothing but a group's or a result's name is a row label here (a header
  // line the walk joined to a label, "行政诉讼结果维持 … 未经复议直接起诉", is not).
  const tag = (c: RowContext) =>
    c.kind === 'label' && (matchAppealGroup(c.norm) ?? matchAppealColumn(c.norm)) !== null
      ? (c.key ?? '')
      : '';
  const groupOf = (c: RowContext) =>
    tag(c).startsWith('group:')
      ? (tag(c).slice('group:'.length) as AppealGroupKey | 'litigation')
      : null;
  const columnOf = (c: RowContext) =>
    tag(c).startsWith('column:') ? (tag(c).slice('column:'.length) as AppealColumnKey) : null;
  const G = APPEAL_COLUMN_KEYS.length;
  const slots = new Array<number>(APPEAL_WIDTH).fill(UNKNOWN);
  const lines = new Array<number>(APPEAL_WIDTH).fill(withValues[0]!.line);
  const findings: Finding[] = [];
  const unread = (message: string): LabelledAppeals => ({
    kind: 'unread',
    findings: [
      {
        code: 'cell-count',
        severity: 'error',
        location: { table: 'appeals', line: withValues[0]!.line },
        message: `${message}（原始数值：${withValues.map((c) => `${excerptOf(c.text)} ${rawList(c.values)}`).join('；')}）；请对照原件核对并手工填写。`,
      },
    ],
  });

  const groups = withValues.map(groupOf);
  if (groups.every((g) => g !== null)) {
    // The groups as rows.
    if (groups.includes('litigation') || new Set(groups).size !== groups.length)
      return unread(
        '表四按行排列，但行名（行政复议、行政诉讼的两类）不全或重复，无法确定各数值所属的组',
      );
    for (const c of withValues) {
      const g = APPEAL_GROUP_KEYS.indexOf(groupOf(c) as AppealGroupKey);
      const offset = g * G;
      const readings = rowReadings(c.values, G, {
        budget,
        sumGroupSize: G,
        check: (s) => s[G - 1] === s.slice(0, G - 1).reduce((a, b) => a + b, 0),
      });
      let row: number[] | null = null;
      if (readings.kind === 'exact') row = readings.readings[0]!;
      else if (readings.kind === 'repair') {
        const solution = solveRows(
          G,
          [APPEAL_EQUALITIES[0]!],
          new Array(G).fill(undefined),
          [{ cells: Array.from({ length: G }, (_, i) => i), readings: readings.readings }],
          budget,
        )[0]!;
        if (solution.status === 'resolved') {
          row = solution.slots;
          findings.push({
            code: 'cell-count',
            severity: 'warning',
            location: { table: 'appeals', line: c.line },
            message: `表四“${excerptOf(c.text)}”行（第 ${c.line} 行）的数值（${rawList(c.values)}）按本组总计唯一可能的读法为 ${showSlots(row)}；请对照原件核对。`,
          });
        }
      }
      if (!row)
        return unread(
          `表四“${excerptOf(c.text)}”行（第 ${c.line} 行）有 ${c.values.length} 个数值，应为 ${G} 个，无法确定各数值所属的列`,
        );
      row.forEach((v, i) => {
        slots[offset + i] = v;
        lines[offset + i] = readings.kind === 'exact' ? c.values[i]!.line : c.line;
      });
    }
    return { kind: 'read', slots, lines, findings };
  }

  const columns = withValues.map(columnOf);
  if (columns.every((k) => k !== null)) {
    // The results as rows, the groups as columns (in the header's order).
    const order = headerGroupOrder(
      contexts.flatMap((c) => {
        const g = groupOf(c);
        return g && c.values.length === 0 ? [{ group: g, line: c.line }] : [];
      }),
    );
    if (!order || new Set(columns).size !== columns.length)
      return unread('表四按列排列（结果为行），但表头的组名或行名不全，无法确定各数值所属的组');
    for (const c of withValues) {
      if (c.values.length !== order.length)
        return unread(
          `表四“${excerptOf(c.text)}”行（第 ${c.line} 行）有 ${c.values.length} 个数值，应为 ${order.length} 个，无法确定各数值所属的组`,
        );
      const i = APPEAL_COLUMN_KEYS.indexOf(columnOf(c)!);
      c.values.forEach((v, k) => {
        const index = APPEAL_GROUP_KEYS.indexOf(order[k]!) * G + i;
        slots[index] = v.value === null ? BLANK : v.value;
        lines[index] = v.line;
      });
    }
    return { kind: 'read', slots, lines, findings };
  }
  return null;
}

/** Whether a reading of table 四 keeps its arithmetic (each group's 总计). */
const appealSlotsHold = (slots: readonly number[]): boolean =>
  APPEAL_EQUALITIES.every(
    (eq) => slots[eq.left[0]!] === eq.right.reduce((sum, i) => sum + slots[i]!, 0),
  );

export function readAppealsTable(
  tokens: readonly Token[],
  budget: Budget,
  sourceLines: SourceLines = {},
): TableResult<AppealsTable> {
  const findings: Finding[] = [];
  const lines = new Set<number>();
  const contexts = walkRows(tokens, classifyAppeal);
  const values: ValueToken[] = [];
  let started = false;
  let firstLine: number | undefined;
  const columnsSeen = new Set<AppealColumnKey>();
  /** Runs of figures with labels between them. */
  let runs = 0;
  for (const c of contexts) {
    if (c.kind === 'label') {
      started = true;
      if (c.key?.startsWith('column:'))
        columnsSeen.add(c.key.slice('column:'.length) as AppealColumnKey);
    }
    if (!started && c.values.length === 0) continue;
    if (c.kind === 'label' || c.values.length > 0) c.lines.forEach((l) => lines.add(l));
    if (c.values.length > 0) runs++;
    for (const v of c.values) {
      values.push(v);
      firstLine ??= v.line;
    }
  }
  const table: AppealsTable = {};
  if (values.length === 0) return { table, findings, sourceLines, lines };
  const own = values;
  const line = firstLine ?? own[0]!.line;
  const location: FindingLocation = { table: 'appeals', line };

  // Figures that stand after row labels: the table turned on its side (行政复议, 未经复议直接起诉,
  // 复议后起诉 as rows, or the five results as rows). Read by the labels, in whatever order the
  // rows come; never by the order of the figures.
  const labelled = readLabelledAppeals(contexts, budget);
  if (labelled) {
    if (labelled.kind === 'read') {
      APPEAL_GROUP_KEYS.forEach((group, g) => {
        const row: Record<string, Cell> = {};
        APPEAL_COLUMN_KEYS.forEach((column, i) => {
          const index = g * APPEAL_COLUMN_KEYS.length + i;
          const v = labelled.slots[index]!;
          row[column] = v >= 0 ? v : null;
          sourceLines[`appeals.${group}.${column}`] = labelled.lines[index]!;
        });
        table[group] = row;
      });
    } else {
      APPEAL_GROUP_KEYS.forEach((group) => {
        table[group] = Object.fromEntries(APPEAL_COLUMN_KEYS.map((column) => [column, null]));
        APPEAL_COLUMN_KEYS.forEach((column) => (sourceLines[`appeals.${group}.${column}`] = line));
      });
    }
    findings.push(...labelled.findings);
    return { table, findings, sourceLines, lines };
  }

  if (columnsSeen.size >= 3 && columnsSeen.size < APPEAL_COLUMN_KEYS.length)
    fragmentaryAppealColumns(contexts, columnsSeen);
  let headerPositions: number[] | undefined;
  if (columnsSeen.size >= 3 && columnsSeen.size < APPEAL_COLUMN_KEYS.length) {
    headerPositions = APPEAL_GROUP_KEYS.flatMap((_, g) =>
      APPEAL_COLUMN_KEYS.flatMap((k, i) =>
        columnsSeen.has(k) ? [g * APPEAL_COLUMN_KEYS.length + i] : [],
      ),
    );
    for (const column of APPEAL_COLUMN_KEYS.filter((k) => !columnsSeen.has(k))) {
      findings.push({
        code: 'missing-column',
        severity: 'warning',
        location: { table: 'appeals', column, line },
        message: `表四表头缺少“${appealColumnName(column)}”列（国办公开办函〔2021〕30号规定行政复议及两类行政诉讼各有结果维持、结果纠正、其他结果、尚未审结、总计五列）。`,
      });
    }
  }
  const readings = rowReadings(own, APPEAL_WIDTH, {
    sumGroupSize: APPEAL_COLUMN_KEYS.length,
    check: appealSlotsHold,
    budget,
    ...(headerPositions ? { headerPositions } : {}),
  });
  let slots: number[] | null = null;
  if (readings.kind === 'exact') {
    slots = readings.readings[0]!;
    if (runs > 1 && !appealsHold(slots)) {
      // Figures met in several places (pdftotext's default mode reads a table's cells in the
      // order of its text flow) that break the totals were not read in the table's order.
      slots = null;
      const last = own[own.length - 1]!.line;
      findings.push({
        code: 'cell-count',
        severity: 'error',
        location,
        message: `表四的数值分散在第 ${line} 行至第 ${last} 行的多处，按出现的顺序读入与各组总计不符，原件的单元格顺序可能已被打乱，无法确定各数值所属的列（原始数值：${rawList(own)}）；请对照原件核对并手工填写。`,
      });
    }
  } else if (readings.kind === 'header' || readings.kind === 'repair') {
    const solution = solveRows(
      APPEAL_WIDTH,
      APPEAL_EQUALITIES,
      new Array(APPEAL_WIDTH).fill(undefined),
      [{ cells: Array.from({ length: APPEAL_WIDTH }, (_, i) => i), readings: readings.readings }],
      budget,
    )[0]!;
    if (solution.status === 'resolved') {
      slots = solution.slots;
      if (readings.kind === 'repair') {
        findings.push({
          code: 'cell-count',
          severity: 'warning',
          location,
          message:
            readings.runTogether && !readings.lost
              ? `表四（第 ${line} 行）数字连在一起（${rawList(own)}），按各组总计唯一可能的拆分读作 ${showSlots(slots)}；请对照原件核对。`
              : `表四（第 ${line} 行）只有 ${own.length} 个数值，少于表格的 ${APPEAL_WIDTH} 列（原始数值：${rawList(own)}），按各组总计唯一可能的读法补全为 ${showSlots(slots)}；请对照原件核对。`,
        });
      }
    } else if (readings.kind === 'header') {
      slots = readings.readings[0]!;
    } else {
      findings.push({
        code: 'cell-count',
        severity: 'error',
        location,
        message: `表四（第 ${line} 行）有 ${own.length} 个数值，应为 ${APPEAL_WIDTH} 个，${REASON[solution.reason]}，无法确定各数值所属的列（原始数值：${rawList(own)}）；请对照原件核对并手工填写。`,
      });
    }
  } else {
    findings.push({
      code: 'cell-count',
      severity: 'error',
      location,
      message:
        readings.kind === 'too-many-values'
          ? `表四（第 ${line} 行起）有 ${own.length} 个数值，多于表格的 ${APPEAL_WIDTH} 列，无法确定各数值所属的列（原始数值：${rawList(own)}）；请对照原件核对并手工填写。`
          : `表四（第 ${line} 行起）的数值（${rawList(own)}）${REASON.budget}，未读入；请对照原件核对并手工填写。`,
    });
  }
  const exact = readings.kind === 'exact';
  APPEAL_GROUP_KEYS.forEach((group, g) => {
    const row: Record<string, Cell> = {};
    APPEAL_COLUMN_KEYS.forEach((column, i) => {
      const index = g * APPEAL_COLUMN_KEYS.length + i;
      const v = slots ? slots[index]! : UNKNOWN;
      row[column] = v >= 0 ? v : null;
      sourceLines[APPEAL_SOURCE_KEYS[g]![i]!] = exact ? (own[index]?.line ?? line) : line;
    });
    table[group] = row;
  });
  return { table, findings, sourceLines, lines };
}

// ---------------------------------------------------------------------------------------------
// Cells written as a placeholder
// ---------------------------------------------------------------------------------------------

const TABLE_NUMBERS = { proactive: '表二', applications: '表三', appeals: '表四' } as const;

/**
 * A warning for each row of a table read whose empty cells were written as a placeholder ("/",
 * "—", "－"): read as not filled in (empty), never as 0, and said so — an empty cell is otherwise
 * only an info of validation's checks. Rows that already have an error of the reader are left to
 * it.
 */
export function placeholderFindings(
  table: keyof typeof TABLE_NUMBERS,
  tokens: readonly Token[],
  read: ProactiveTable | ApplicationTable | AppealsTable,
  sourceLines: SourceLines,
  findings: readonly Finding[],
): Finding[] {
  const placeholders = new Map<number, string[]>();
  for (const t of tokens) {
    if (t.kind !== 'value' || t.value !== null || t.raw === '') continue;
    const list = placeholders.get(t.line);
    if (list) list.push(t.raw);
    else placeholders.set(t.line, [t.raw]);
  }
  if (placeholders.size === 0) return [];
  const out: Finding[] = [];
  const rows = read as Record<string, Record<string, Cell> | undefined>;
  for (const [row, values] of Object.entries(rows)) {
    if (!values) continue;
    if (findings.some((f) => f.severity === 'error' && f.location.row === row)) continue;
    const empty: string[] = [];
    let line: number | undefined;
    const raws = new Set<string>();
    for (const [column, value] of Object.entries(values)) {
      if (value !== null) continue;
      const at = sourceLines[`${table}.${row}.${column}`];
      const written = at === undefined ? undefined : placeholders.get(at);
      if (!written) continue;
      line ??= at;
      written.forEach((r) => raws.add(r));
      empty.push(column);
    }
    if (line === undefined) continue;
    const name =
      table === 'proactive'
        ? proactiveCellName(row, empty.length === 1 ? empty[0]! : '')
        : table === 'applications'
          ? `“${applicationRowName(row as ApplicationRowKey)}”行“${empty.map((c) => applicationColumnName(c as ApplicationColumnKey)).join('”“')}”`
          : `“${appealGroupName(row as AppealGroupKey)}”“${empty.map((c) => appealColumnName(c as AppealColumnKey)).join('”“')}”`;
    out.push({
      code: 'unreadable-cell',
      severity: 'warning',
      location: { table, row, ...(empty.length === 1 ? { column: empty[0]! } : {}), line },
      message: `${TABLE_NUMBERS[table]}${name}（第 ${line} 行）写作“${[...raws].join('”“')}”，不是数字，按未填写（空白）读入，未当作 0；请对照原件核对并填写。`,
    });
  }
  return out;
}
