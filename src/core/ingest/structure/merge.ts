/**
 * Where the structural reading of a table takes the place of the row reader's: when the row
 * reader left the table with an error or with cells unread, and the structural reading read
 * every cell with every constraint of the table checked — or when the row reader read nothing
 * of a table the structural reader found, whose cells it read (each with its row's arithmetic
 * holding) are taken and what it could not read is reported as the reader's limit.
 */
import {
  APPEAL_COLUMN_KEYS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  PROACTIVE_GROUPS,
  type ApplicationColumnKey,
} from '../../report/format.js';
import type { Finding } from '../../report/findings.js';
import type { AnnualReport } from '../../report/model.js';
import type { Structure, StructuralTable, TableKey } from './index.js';

type SourceLines = Record<string, number>;

/** The columns of a row of each table. */
const COLUMNS: Record<TableKey, (row: string) => readonly string[]> = {
  proactive: (row) =>
    PROACTIVE_GROUPS.find((g) => g.rows.some((r) => r.key === row))!.columns.map((c) => c.key),
  applications: () => APPLICATION_COLUMN_KEYS,
  appeals: () => APPEAL_COLUMN_KEYS,
};

const CELL_COUNT: Record<TableKey, number> = { proactive: 10, applications: 175, appeals: 15 };

function countCells(table: object): number {
  let n = 0;
  for (const row of Object.values(table) as Record<string, unknown>[])
    for (const v of Object.values(row ?? {})) if (typeof v === 'number') n++;
  return n;
}

/**
 * A cell's name split into its row and column; `index`, its column's in a row of table 三;
 * `rowId`, a number for its row (the same for every cell of the row: comparing it tells rows
 * apart without comparing the names, which are separate strings of the same characters).
 */
interface CellName {
  name: string;
  row: string;
  column: string;
  index: number;
  rowId: number;
  /**
   * The cell that came after this one in the last table read (null: none yet). Reports give
   * their cells in the same order, so the next cell is mostly this one: compared by name, a
   * lookup of CELL_NAMES (hashing the name) is spared for it.
   */
  next: CellName | null;
}

/** The number of each row named so far (by the cell name's part before the column). */
const ROW_IDS = new Map<string, number>();

/**
 * A cell's name ("applications.新收政府信息公开申请数量.自然人") split into its row and column,
 * with the name itself: cached, since every report names the same few hundred cells (the strings
 * kept are the same ones each time, which spares hashing and slicing them again per report).
 */
const CELL_NAMES = new Map<string, CellName>();
function cellName(cell: string, key: TableKey): CellName {
  let parsed = CELL_NAMES.get(cell);
  if (!parsed) {
    const rest = cell.slice(key.length + 1);
    const dot = rest.lastIndexOf('.');
    const column = rest.slice(dot + 1);
    const index =
      key === 'applications' ? APPLICATION_COLUMN_KEYS.indexOf(column as ApplicationColumnKey) : -1;
    const row = rest.slice(0, dot);
    const prefix = cell.slice(0, cell.length - column.length);
    let rowId = ROW_IDS.get(prefix);
    if (rowId === undefined) ROW_IDS.set(prefix, (rowId = ROW_IDS.size));
    parsed = { name: cell, row, column, index, rowId, next: null };
    CELL_NAMES.set(cell, parsed);
  }
  return parsed;
}

/**
 * A row of table 三 made whole from its seven cells in the model's column order: one object
 * literal, where adding the cells one by one to an empty object takes a new shape per cell.
 */
const applicationRow = (v: readonly (number | null)[]): Record<string, number | null> => ({
  natural_person: v[0]!,
  commercial: v[1]!,
  research: v[2]!,
  nonprofit: v[3]!,
  legal_service: v[4]!,
  other: v[5]!,
  total: v[6]!,
});
/** Whether the literal names APPLICATION_COLUMN_KEYS, in their order (else it is not used). */
const APPLICATION_ROW_LITERAL =
  Object.keys(applicationRow([])).join() === APPLICATION_COLUMN_KEYS.join();

type Row = Record<string, number | null>;

/**
 * Table 三 from its rows in the template's order: one object literal, whose properties are the
 * literal's own (a fast object), where adding 25 rows by name makes a hash table of them.
 */
const applicationTable = (r: readonly Row[]): Record<string, Row> => ({
  received: r[0]!,
  carried_over: r[1]!,
  disclosed: r[2]!,
  partially_disclosed: r[3]!,
  'withheld.state_secret': r[4]!,
  'withheld.prohibited_by_law': r[5]!,
  'withheld.security_stability': r[6]!,
  'withheld.third_party_rights': r[7]!,
  'withheld.internal_affairs': r[8]!,
  'withheld.process_information': r[9]!,
  'withheld.enforcement_files': r[10]!,
  'withheld.administrative_query': r[11]!,
  'unable.not_held': r[12]!,
  'unable.needs_creation': r[13]!,
  'unable.still_unclear': r[14]!,
  'not_processed.complaint': r[15]!,
  'not_processed.duplicate': r[16]!,
  'not_processed.publication': r[17]!,
  'not_processed.excessive': r[18]!,
  'not_processed.confirmation': r[19]!,
  'other.no_correction': r[20]!,
  'other.fee_unpaid': r[21]!,
  'other.other': r[22]!,
  total: r[23]!,
  carried_forward: r[24]!,
});
/** Whether the literal names APPLICATION_ROW_KEYS, in their order (else it is not used). */
const APPLICATION_TABLE_LITERAL =
  Object.keys(applicationTable([])).join() === APPLICATION_ROW_KEYS.join();

/**
 * An object about to be given many properties by name (a table's rows, the cells' source
 * lines): made a hash table of its properties at once, as the engine makes it after the first
 * dozen or so anyway, instead of a new shape for each property added before that. Two
 * properties added and deleted again leave the object as it was (no property, same prototype;
 * the properties added later are enumerated in the order they are added).
 */
function asDictionary(o: object): void {
  const x = o as Record<string, number>;
  x['\u0000a'] = 0;
  x['\u0000b'] = 0;
  delete x['\u0000a'];
  delete x['\u0000b'];
}

/**
 * The table as the model holds it, from the structural reading's cells; their lines are added
 * to `sourceLines`, which the caller has made a dictionary (asDictionary) once for every table.
 */
function tableOf(st: StructuralTable, key: TableKey, sourceLines: SourceLines): object {
  let out: Record<string, Row> = {};
  // A row's cells come one after another: its object is looked up once for them. A row of
  // table 三 whose cells come in the model's order is gathered first and made at once (its
  // cells are held in `values` while `held` counts them; -1: the row is being added to cell
  // by cell).
  const whole = key === 'applications' && APPLICATION_ROW_LITERAL;
  const values: (number | null)[] = [];
  const columns: string[] = [];
  let held = -1;
  // Rows of table 三 made whole in the template's order, held until the table is known to be
  // all of them (then made at once) or until another row comes (then given to `out` first);
  // -1: given already.
  const made: Row[] = [];
  let inOrder = whole && APPLICATION_TABLE_LITERAL ? 0 : -1;
  // Table 三 given its rows one by one is made a dictionary first (at once, when the rows are not
  // held); tables 二 and 四 have a few rows (6 and 3), which a plain object holds as its own.
  if (key === 'applications' && inOrder < 0) asDictionary(out);
  const flush = () => {
    asDictionary(out);
    for (let i = 0; i < inOrder; i++) out[APPLICATION_ROW_KEYS[i]!] = made[i]!;
    inOrder = -1;
  };
  let lastRow: string | null = null;
  let lastRowId = -1;
  let cells: Row = {};
  /** The held cells of the row given to its object, cell by cell. */
  const release = (row: string) => {
    if (inOrder >= 0) flush();
    cells = out[row] ??= {};
    for (let i = 0; i < held; i++) cells[columns[i]!] = values[i]!;
    held = -1;
  };
  /** The row just ended: made whole when all its cells were held, else given what is held. */
  const end = (row: string) => {
    if (held === APPLICATION_COLUMN_KEYS.length) {
      if (inOrder >= 0 && row === APPLICATION_ROW_KEYS[inOrder])
        made[inOrder++] = applicationRow(values);
      else {
        if (inOrder >= 0) flush();
        if (out[row] === undefined) out[row] = applicationRow(values);
        else release(row);
      }
    } else if (held > 0) release(row);
    held = -1;
  };
  // The cell before this one, and the cell that followed it last time (see CellName.next).
  let previous: CellName | null = null;
  let predicted: CellName | null = null;
  st.cells.forEach(({ value, line }, cell) => {
    let parsed = predicted;
    if (parsed === null || parsed.name !== cell) {
      parsed = cellName(cell, key);
      if (previous !== null) previous.next = parsed;
    }
    previous = parsed;
    predicted = parsed.next;
    const { name, row, column, index, rowId } = parsed;
    // NaN: a cell the report left without a figure ("/", "—"), not filled in.
    const v = Number.isNaN(value) ? null : value;
    if (rowId !== lastRowId) {
      if (lastRow !== null && held >= 0) end(lastRow);
      lastRow = row;
      lastRowId = rowId;
      if (whole && index === 0) held = 0;
      else {
        if (inOrder >= 0) flush();
        cells = out[row] ??= {};
      }
    }
    if (held >= 0) {
      if (index === held && held < APPLICATION_COLUMN_KEYS.length) {
        values[held] = v;
        columns[held] = column;
        held++;
      } else {
        release(row);
        cells[column] = v;
      }
    } else cells[column] = v;
    if (line !== null) sourceLines[name] = line;
  });
  if (lastRow !== null && held >= 0) end(lastRow);
  if (inOrder === APPLICATION_ROW_KEYS.length) out = applicationTable(made);
  else if (inOrder > 0) flush();
  return out;
}

/** The findings after the structural readings replaced the row reader's where they should. */
export function preferStructure(
  tables: AnnualReport['tables'],
  findings: readonly Finding[],
  sourceLines: SourceLines,
  structure: Structure,
): Finding[] {
  let out = withoutUnfoundedColumnClaims(findings, structure);
  asDictionary(sourceLines);
  for (const key of ['proactive', 'applications', 'appeals'] as const) {
    const st = structure.tables[key];
    if (!st || !st.anchored) continue;
    const old = countCells(tables[key]);
    const troubled =
      old < CELL_COUNT[key] ||
      out.some(
        (f) =>
          f.location.table === key && (f.severity === 'error' || f.code.startsWith('missing-')),
      );
    const take = (st.complete && troubled) || (old === 0 && st.cells.size > 0);
    if (!take) {
      const present = presentRows(tables, key, st);
      out.push(...present);
      // A table whose labels are all there but none of its figures (empty cells a converter
      // dropped): the reader's limit, with the structural reader's reason.
      if (present.length > 0 && st.cells.size === 0)
        out = [
          ...out.filter((f) => !(f.location.table === key && f.code.startsWith('missing-'))),
          ...st.findings,
        ];
      continue;
    }
    for (const cell of Object.keys(sourceLines))
      if (cell.startsWith(`${key}.`)) delete sourceLines[cell];
    (tables as unknown as Record<string, object>)[key] = tableOf(st, key, sourceLines);
    out = [...out.filter((f) => f.location.table !== key), ...st.findings];
    out.push(...presentRows(tables, key, st));
  }
  return out;
}

/**
 * The findings without a missing-column claim against a header that names the column (its name
 * broken across lines or cells, which the row reader's header logic did not join): such a claim
 * has no evidence.
 */
export function withoutUnfoundedColumnClaims(
  findings: readonly Finding[],
  structure: Structure,
): Finding[] {
  return findings.filter((f) => {
    if (f.code !== 'missing-column' || f.location.column === undefined) return true;
    const st = structure.tables[f.location.table as TableKey];
    return !(st?.anchored && st.columns?.has(f.location.column));
  });
}

/**
 * Rows the structural reader found the labels of (a label with a character dropped, say) that
 * the row reader did not: they are in the document, so their cells are unread (null) with the
 * reader's limit said — never a missing-row, which would claim the report lacks them.
 */
function presentRows(
  tables: AnnualReport['tables'],
  key: TableKey,
  st: StructuralTable,
): Finding[] {
  const table = (tables as unknown as Record<string, Record<string, Record<string, null>>>)[key]!;
  const findings: Finding[] = [];
  for (const row of st.rows ?? []) {
    if (table[row] !== undefined) continue;
    const columns = COLUMNS[key](row);
    table[row] = Object.fromEntries(columns.map((c) => [c, null]));
    findings.push({
      code: 'unread-table',
      severity: 'error',
      location: { table: key, row },
      message:
        '表格中有这一行的行名，但未能确定其数字属于哪些单元格；请对照原件核对并手工填写这一行。',
    });
  }
  return findings;
}

/**
 * The structural readings as the report's tables: each table's cells, its findings, and rows
 * whose labels were found but not their figures (unread, with the reader's limit said).
 */
export function adoptStructure(
  tables: AnnualReport['tables'],
  sourceLines: SourceLines,
  structure: Structure,
): Finding[] {
  const out: Finding[] = [];
  asDictionary(sourceLines);
  for (const key of ['proactive', 'applications', 'appeals'] as const) {
    const st = structure.tables[key];
    if (!st) continue;
    (tables as unknown as Record<string, object>)[key] = tableOf(st, key, sourceLines);
    for (const f of st.findings) out.push(f);
    // Rows found but not read, without a finding of their own: the reader's limit said.
    // An error about a table left wholly unread (no row named, no cell read) speaks for every row.
    // (Most tables have no such row: the findings are looked through only when one is.)
    const present = presentRows(tables, key, st);
    if (present.length === 0) continue;
    const whole =
      st.cells.size === 0 &&
      st.findings.some((f) => f.severity === 'error' && f.location.row === undefined);
    if (whole) continue;
    const said = new Set(st.findings.map((f) => f.location.row));
    for (const f of present) if (!said.has(f.location.row)) out.push(f);
  }
  return out;
}

/**
 * The structural reading is the reader's: every table it read completely (every cell, every
 * constraint checked) replaces what was read before, with its own findings.
 */
export function adoptComplete(
  tables: AnnualReport['tables'],
  findings: readonly Finding[],
  sourceLines: SourceLines,
  structure: Structure,
): Finding[] {
  let out = [...findings];
  asDictionary(sourceLines);
  for (const key of ['proactive', 'applications', 'appeals'] as const) {
    const st = structure.tables[key];
    if (!st?.complete) continue;
    for (const cell of Object.keys(sourceLines))
      if (cell.startsWith(`${key}.`)) delete sourceLines[cell];
    (tables as unknown as Record<string, object>)[key] = tableOf(st, key, sourceLines);
    out = [...out.filter((f) => f.location.table !== key), ...st.findings];
  }
  return out;
}
