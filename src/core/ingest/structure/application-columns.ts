/**
 * Table 三's header: which of the template's seven columns it names and in what order. Where the
 * header names the columns, the names fix the order of a row's figures: a header naming them in
 * another order has each figure read into the column it names (said with a warning), one whose
 * order cannot be established has no figure read (an error); a header that lacks a column has
 * the rows printed as wide as it read against it, the lacking cells worked out from the row's
 * total, and a row one figure shorter still gets a reading per place the figure may have been
 * lost from — the table's totals then choose, and only a unique choice is read.
 */
import { packedMap } from '../arrays.js';
import { APPLICATION_COLUMN_KEYS, type ApplicationColumnKey } from '../../report/format.js';
import type { Finding } from '../../report/findings.js';
import { applicationColumnName } from '../../report/labels.js';
import {
  sameValues,
  type Budget,
  type ReadCell,
  type Reading,
  type RowTokens,
} from './readings.js';
import { detach } from '../labels.js';
import type { StreamToken } from './stream.js';

const WIDTH = APPLICATION_COLUMN_KEYS.length;
const TOTAL = WIDTH - 1;

/** The columns' names as a header prints them, in the template's order. */
const COLUMN_NAMES = [
  '自然人',
  '商业企业',
  '科研机构',
  '社会公益组织',
  '法律服务机构',
  '其他',
  '总计',
];
/**
 * What shows a column is named in a header whose lines or cells broke its name ("社会公" … "益组
 * 织"): its characters no other column's name has, each somewhere in the header.
 */
const COLUMN_MARKS = ['自然', '商企', '科研', '公益', '律服', '其他', '总计'];
const OFFICIAL_ORDER = COLUMN_NAMES.join('、');
/** The group heading over the five columns: its 其他 names no column. */
const GROUP_HEADING = /法人或其他组织/g;

export interface ColumnHeader {
  /** The columns the header names, wherever its lines or cells break a name. */
  named: Set<ApplicationColumnKey>;
  /** 'permuted': named in another order, established; 'unknown': another order, not established. */
  status: 'template' | 'permuted' | 'unknown';
  /** The template column of each place of a row's seven figures. */
  order: readonly number[];
  /**
   * The template columns a row as wide as the header prints, when the header lacks columns (it
   * names at least three, 总计 among them, in the template's order); null otherwise.
   */
  printed: readonly number[] | null;
  findings: Finding[];
}

/**
 * The header's text, line breaks and spaces removed: before the first figure, so a converter's
 * header fragments with placeholder rows between them ("- -") count too.
 */
function headerText(tokens: readonly StreamToken[]): string {
  let header = '';
  for (const t of tokens) {
    if (t.kind === 'figure') break;
    if (t.kind === 'text') header += t.text;
  }
  return header.replace(/\s+/g, '').replace(GROUP_HEADING, '');
}

interface Met {
  column: number;
  line: number;
  cell: number;
  at: number;
}

/** Every whole column name the header prints, with its place (line, cell, offset). */
function metNames(tokens: readonly StreamToken[]): Met[] {
  const out: Met[] = [];
  for (const t of tokens) {
    if (t.kind === 'figure') break;
    if (t.kind !== 'text') continue;
    const text = t.text.replace(GROUP_HEADING, (m) => '＃'.repeat(m.length));
    COLUMN_NAMES.forEach((name, column) => {
      for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length))
        out.push({ column, line: t.line, cell: t.cell, at: t.column + i });
    });
  }
  return out.sort((a, b) => a.line - b.line || a.cell - b.cell || a.at - b.at);
}

/**
 * The template column of each place, as the header names them: null when no line of the header
 * holds two of 法人或其他组织's five columns out of the template's order (自然人 and 总计 stand
 * where a header of several lines puts them); 'unknown' when one does and the order is not
 * certain. Certain: every column named once, and either all seven on one line with 总计 last,
 * or the five together on one line below 自然人 and 总计.
 */
function headerOrder(met: readonly Met[]): { order: number[]; line: number } | 'unknown' | null {
  const middle = (m: Met) => m.column > 0 && m.column < TOTAL;
  let outOfOrder: number | null = null;
  for (let i = 1; i < met.length; i++) {
    const [a, b] = [met[i - 1]!, met[i]!];
    if (a.line === b.line && a.column !== TOTAL && b.column !== TOTAL && b.column < a.column)
      outOfOrder = b.line;
  }
  if (outOfOrder === null) return null;
  if (met.length !== WIDTH || new Set(met.map((m) => m.column)).size !== WIDTH) return 'unknown';
  if (met.every((m) => m.line === met[0]!.line))
    return met[WIDTH - 1]!.column === TOTAL
      ? { order: met.map((m) => m.column), line: outOfOrder }
      : 'unknown';
  const five = met.filter(middle);
  const at = met.indexOf(five[0]!);
  const line = five[0]!.line;
  const together = five.every((m, i) => met[at + i] === m && m.line === line);
  const above = met.every((m) => middle(m) || m.line < line);
  if (!together || !above) return 'unknown';
  return { order: [0, ...five.map((m) => m.column), TOTAL], line };
}

/** The header's line for a finding: the one that names the most columns. */
function headerLine(met: readonly Met[]): number | undefined {
  const counts = new Map<number, number>();
  for (const m of met) counts.set(m.line, (counts.get(m.line) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
}

/**
 * Headers read before, by their text tokens (each with its place, its line counted from the
 * first's): the template is fixed, so reports print the same header again and again, wherever
 * it stands in the report. Only headers that make no finding are kept (a finding names a line).
 */
const HEADERS = new Map<string, ColumnHeader>();
/**
 * The longest key kept: the official header's texts with their places are a few hundred
 * characters; a region whose text before its first figure is a long paragraph is read each time
 * (so that the thousand entries stay a few MB).
 */
const HEADER_KEY_MAX = 2_000;

/** Table 三's header, from the tokens of its region. */
export function columnHeader(tokens: readonly StreamToken[]): ColumnHeader {
  // Everything the header's reading looks at: the text tokens before the first figure. Moved
  // to another line as a whole, the header is read alike (only its findings' lines move).
  const recent = recentHeader(tokens);
  if (recent !== undefined) return copyOf(recent);
  let key = '';
  let first = NaN;
  for (const t of tokens) {
    if (t.kind === 'figure') break;
    if (t.kind !== 'text') continue;
    if (key === '') first = t.line;
    key += `${t.line - first},${t.cell},${t.column},${t.text.length}:${t.text}`;
    if (key.length > HEADER_KEY_MAX) return readHeader(tokens);
  }
  const known = HEADERS.get(key);
  if (known !== undefined) {
    remember(tokens, known);
    return copyOf(known);
  }
  const found = readHeader(tokens);
  if (found.findings.length === 0) {
    if (HEADERS.size >= 1_000) HEADERS.clear();
    // The key copied (a text may be a view into the whole report's).
    const kept = copyOf(found);
    HEADERS.set(detach(key), kept);
    remember(tokens, kept);
  }
  return found;
}

/** A header kept, given to a caller as its own (its `named` a copy; no finding). */
const copyOf = (h: ColumnHeader): ColumnHeader => ({
  named: new Set(h.named),
  status: h.status,
  order: h.order,
  printed: h.printed,
  findings: [],
});

/**
 * The headers met last, their text tokens (before the first figure) as HEADERS' keys spell
 * them — line from the first's, cell, column, text — compared field by field before a key is
 * made: the same header again is found without building and hashing its key.
 */
interface Recent {
  lines: number[];
  cells: number[];
  columns: number[];
  texts: string[];
  header: ColumnHeader;
}
const RECENT: Recent[] = [];
const MAX_RECENT = 8;
/** The longest text kept in RECENT (a longer one is not remembered there). */
const MAX_RECENT_TEXT = 256;

/** The header of tokens whose text tokens are a recent header's (moved to the front), if any. */
function recentHeader(tokens: readonly StreamToken[]): ColumnHeader | undefined {
  next: for (let k = 0; k < RECENT.length; k++) {
    const r = RECENT[k]!;
    const { lines, cells, columns, texts } = r;
    let n = 0;
    let first = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.kind === 'figure') break;
      if (t.kind !== 'text') continue;
      if (n === texts.length) continue next;
      if (n === 0) first = t.line;
      if (
        lines[n] !== t.line - first ||
        cells[n] !== t.cell ||
        columns[n] !== t.column ||
        texts[n] !== t.text
      )
        continue next;
      n++;
    }
    if (n !== texts.length) continue;
    if (k > 0) {
      RECENT.splice(k, 1);
      RECENT.unshift(r);
    }
    return r.header;
  }
  return undefined;
}

/** A header kept in HEADERS remembered as the most recent, its text tokens copied. */
function remember(tokens: readonly StreamToken[], header: ColumnHeader): void {
  const r: Recent = { lines: [], cells: [], columns: [], texts: [], header };
  let first = 0;
  for (const t of tokens) {
    if (t.kind === 'figure') break;
    if (t.kind !== 'text') continue;
    if (t.text.length > MAX_RECENT_TEXT) return;
    if (r.texts.length === 0) first = t.line;
    r.lines.push(t.line - first);
    r.cells.push(t.cell);
    r.columns.push(t.column);
    // Copied: a text may be a view into the whole report's.
    r.texts.push(detach(t.text));
  }
  RECENT.unshift(r);
  if (RECENT.length > MAX_RECENT) RECENT.pop();
}

/** Table 三's header read from its tokens (columnHeader, when not read before). */
function readHeader(tokens: readonly StreamToken[]): ColumnHeader {
  const text = headerText(tokens);
  const named = new Set<ApplicationColumnKey>();
  COLUMN_MARKS.forEach((marks, c) => {
    if ([...marks].every((ch) => text.includes(ch))) named.add(APPLICATION_COLUMN_KEYS[c]!);
  });
  const met = metNames(tokens);
  const line = headerLine(met);
  const at = line === undefined ? {} : { line };
  const template = [...Array(WIDTH).keys()];
  const found = headerOrder(met);
  const names = met.map((m) => COLUMN_NAMES[m.column]!).join('、');
  if (found === 'unknown')
    return {
      named,
      status: 'unknown',
      order: template,
      printed: null,
      findings: [
        {
          code: 'row-order',
          severity: 'error',
          location: { table: 'applications', ...at },
          message: `表三表头的列名（${names}）与国办公开办函〔2021〕30号规定的列序（${OFFICIAL_ORDER}）不同，且无法确定各列的位置；请按规定的列序排列。`,
        },
      ],
    };
  if (found !== null)
    return {
      named,
      status: 'permuted',
      order: found.order,
      printed: null,
      findings: [
        {
          code: 'row-order',
          severity: 'warning',
          location: { table: 'applications', line: found.line },
          message: `表三表头的列序（${found.order.map((c) => COLUMN_NAMES[c]).join('、')}）与国办公开办函〔2021〕30号规定的列序（${OFFICIAL_ORDER}）不同，各数值已按表头的列名读入；请对照原件核对。`,
        },
      ],
    };
  const lacking = named.size >= 3 && named.size < WIDTH;
  return {
    named,
    status: 'template',
    order: template,
    printed:
      lacking && named.has('total')
        ? template.filter((c) => named.has(APPLICATION_COLUMN_KEYS[c]!))
        : null,
    findings: lacking ? missingColumns(named, at) : [],
  };
}

/**
 * A warning per column the header lacks: the report's header is not the template's, whatever
 * its rows carry.
 */
function missingColumns(named: ReadonlySet<string>, at: { line?: number }): Finding[] {
  return APPLICATION_COLUMN_KEYS.filter((k) => !named.has(k)).map((column) => ({
    code: 'missing-column',
    severity: 'warning',
    location: { table: 'applications', column, ...at },
    message: `表三表头缺少“${applicationColumnName(column)}”列（国办公开办函〔2021〕30号规定申请人情况分自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他及总计七列）；与表头列数相同的行按表头读入，缺少的数值由各行总计推算。`,
  }));
}

/** A reading of a row's seven figures in the header's order, put in the template's. */
export function inTemplateOrder(reading: Reading, order: readonly number[]): Reading {
  // The template's own order: the same cells in the same places (readings are never changed
  // after they are made, so the reading itself serves).
  if (order.length === reading.length && order.every((column, place) => column === place))
    return reading;
  const out = new Array<ReadCell>(reading.length);
  order.forEach((column, place) => (out[column] = reading[place]!));
  return out;
}

/** More readings than this of one row against the header and the row is left to the others. */
const MAX_HEADER_READINGS = 64;

/**
 * The readings of a row against a header that lacks columns (`printed`, the template columns
 * it prints): its figures in the printed columns, or, one figure short, in all of them but one
 * (any but 总计); the cells not printed and the one lost take what the row's total leaves,
 * every way it can be shared. A cell the header lacks is `absent` (no figure was printed there);
 * the one lost has no source. Readings with the same values are one. null: too many.
 */
export function headerReadings(
  tokens: RowTokens,
  printed: readonly number[],
  budget: Budget,
): Reading[] | null {
  const figures = tokens.filter((t) => t.kind === 'figure');
  if (figures.length !== tokens.length) return [];
  // A decimal, a figure printed with a leading zero (cells run together) or one too long for a
  // count (readings.ts's bound) is no cell as printed.
  if (figures.some((f) => /[.]|^0\d|^\d{10}/.test(f.raw))) return [];
  const short = printed.length - figures.length;
  if (short < 0 || short > 1) return [];
  const out: Reading[] = [];
  const lostPlaces = short === 0 ? [-1] : [...printed.keys()].filter((p) => printed[p] !== TOTAL);
  for (const lost of lostPlaces) {
    const cells = new Array<ReadCell | null>(WIDTH).fill(null);
    let f = 0;
    printed.forEach((column, p) => {
      if (p !== lost) cells[column] = { value: Number(figures[f]!.raw), at: figures[f++]! };
    });
    const open = cells.flatMap((c, column) => (c === null ? [column] : []));
    const total = cells[TOTAL]!.value;
    const rest =
      total - cells.reduce((s, c, column) => (c && column !== TOTAL ? s + c.value : s), 0);
    if (rest < 0) continue;
    const share = (i: number, left: number): boolean => {
      if (--budget.steps < 0 || out.length > MAX_HEADER_READINGS) return false;
      const column = open[i]!;
      const values = i === open.length - 1 ? [left] : [...Array(left + 1).keys()];
      for (const v of values) {
        const absent = !printed.includes(column);
        cells[column] = { value: v, at: null, ...(absent ? { absent } : {}) };
        if (i === open.length - 1) {
          const reading = packedMap(cells, (c) => c!);
          if (!out.some((r) => sameValues(r, reading))) out.push(reading);
        } else if (!share(i + 1, left - v)) return false;
      }
      cells[column] = null;
      return true;
    };
    if (!share(0, rest)) return null;
  }
  return out;
}
