/**
 * Section headings broken over lines — a narrow PDF column, a crawler's or a converter's
 * wrapping: "四、政府信息公开行" / "政复议、行政诉讼情" / "况" — joined again onto their first
 * line, so that the sections and the tables are found as they would be unbroken.
 *
 * A join can take nothing but a heading's own pieces:
 * - it starts only at a line that begins with a section's number (一、…六、, 第四部分) and is not
 *   already that section's whole heading;
 * - every piece is a line of one short run of text: no figure, no table cell (a row of cells, a
 *   PDF line whose cells a space parts: "行政复议 行政诉讼"), no sentence punctuation; the pieces
 *   after the first begin with no list number and are no heading of their own; the last is no
 *   label of a table ("行政复议" under a heading cut short is its table's header);
 * - the joined title names the section of the number it begins with (labels.ts), where the first
 *   line alone names none; pieces after that are taken only while they complete the official
 *   title ("其他需要报告的事" + "项"), and the piece that names it adds no more than one
 *   character's difference from it ("主动公开政府信息" + "情况如下表" is prose, not a title);
 * - a page's number between two pieces (a page break inside the heading: "- 7 -", "第7页", a bare
 *   number next to the break) is passed over and stays where it is;
 * - it is bounded (MAX_PIECES lines, MAX_TITLE characters), and a section whose heading the
 *   document already gives unbroken is not joined again elsewhere.
 * The heading stands on its first line; its other pieces become empty rows (every row keeps its
 * place, so indices into the rows stay the same).
 */
import {
  APPEAL_COLUMNS,
  APPEAL_GROUPS,
  LITIGATION_HEADER,
  SECTION_DEFINITIONS,
  type SectionKey,
} from '../report/format.js';
import { parseHeading } from './headings.js';
import {
  detach,
  matchApplicationRow,
  matchOutcomeGroup,
  matchProactiveRow,
  matchSectionTitle,
  normalizeLabel,
} from './labels.js';
import { Row } from './rows.js';
import { PAGE_MARK } from './structure/stream.js';
import { codeSet, isBlank } from './text.js';

/** Lines a heading may be broken into, at most. */
const MAX_PIECES = 12;
/** Characters of a joined title, at most (the longest official title has 17). */
const MAX_TITLE = 32;
/** Rows from a heading's first line to its last, at most (an empty line may stand between). */
const MAX_SPAN = 2 * MAX_PIECES;

/** A section's number at the start of a line, and what follows it (possibly nothing yet). */
const NUMBER_START =
  /^(?:第([一二三四五六])部分\s*[、.,:]?|([一二三四五六])\s*[、.,:]|([一二三四五六])(?=\s))\s*(.*)$/;
const isStartCode = codeSet('一二三四五六第');

const KEY_OF_NUMBER = new Map<string, SectionKey>(
  SECTION_DEFINITIONS.map((s) => [s.number, s.key]),
);
const OFFICIAL = new Map<SectionKey, string>(
  SECTION_DEFINITIONS.map((s) => [s.key, normalizeLabel(s.title)]),
);

/** A figure (a table's cell, a page number, a date) or sentence punctuation: no heading's piece. */
const NOT_A_PIECE = /[\d。，,；;！!？?：:%]/;
/** A list number a piece after the first never begins with: 一、 （一） 1. ① 第…部分. */
const LIST_START =
  /^(?:[(（]\s*[一二三四五六七八九十\d]|[一二三四五六七八九十]{1,3}\s*[、.,]|第[一二三四五六七八九十]+部分|[①-⑩])/;

/** Table 四's labels, which its header prints on lines of their own ("行政复议", "总计"). */
const APPEAL_LABELS = new Set(
  [
    ...APPEAL_GROUPS.map((g) => g.label),
    ...APPEAL_COLUMNS.map((c) => c.label),
    LITIGATION_HEADER,
  ].map((l) => normalizeLabel(l)),
);

/**
 * The text of a line that can be a heading's piece: one cell of text, no figure (`first`: the
 * heading's first line, whose number's mark is checked apart).
 */
function pieceText(row: Row, first = false): string | null {
  if (row.empty || row.realCells) return null;
  // One cell and the row not empty: that cell holds text (most lines: no count).
  if (row.cells.length !== 1) {
    let cells = 0;
    for (const c of row.cells) if (!isBlank(c)) cells++;
    if (cells !== 1) return null;
  }
  const text = row.text;
  return text.length > MAX_TITLE || (!first && NOT_A_PIECE.test(text)) ? null : text;
}

/**
 * Whether a line is page furniture a heading's pieces may stand on both sides of (a page break
 * inside the heading: "- 7 -", "第7页", "－７－", or a bare page number next to the break). It is
 * skipped, not taken, and stays where it is.
 */
function isPageMark(rows: readonly Row[], j: number): boolean {
  const row = rows[j]!;
  const text = row.text.trim();
  if (PAGE_MARK.test(text)) return true;
  const nearBreak =
    row.pageBreak || rows[j + 1]?.pageBreak === true || (j > 0 && rows[j - 1]!.pageBreak);
  return nearBreak && /^\d{1,3}$/.test(text);
}

/** Whether a line can be a heading's piece after its first. */
function isContinuation(row: Row, index: number): boolean {
  const text = pieceText(row);
  if (text === null || /\s/.test(text) || LIST_START.test(text)) return false;
  return parseHeading(row, index, false) === null;
}

/**
 * Whether a piece is, on its own, a label of a table ("行政复议", "其他", "总计"): a table's
 * header line under a heading, unless more of the heading follows it.
 */
function isTableLabel(text: string): boolean {
  const norm = normalizeLabel(text);
  return (
    APPEAL_LABELS.has(norm) ||
    matchApplicationRow(norm) !== null ||
    matchOutcomeGroup(norm) !== null ||
    matchProactiveRow(norm) !== null
  );
}

/**
 * How far a title is from the official one's beginning: the fewest characters added, dropped or
 * changed that make it a beginning of the official title (edit distance to its nearest prefix),
 * and whether that nearest prefix is the whole title. "存在的主要问题及改" is 0 from it, not
 * whole; "政府信息公开行政法复议、行政诉讼情况" (a character added) is 1, whole;
 * "政府信息公开工作存在的主要问题及改进情况" 8, whole.
 */
function fromOfficial(key: SectionKey, norm: string): Distance {
  // The same titles and table labels come back in every report: remembered (bounded; the key
  // copied, so that no file's text is kept alive by it).
  let known = FROM_OFFICIAL.get(key);
  if (known === undefined) FROM_OFFICIAL.set(key, (known = new Map()));
  const hit = known.get(norm);
  if (hit !== undefined) return hit;
  const value = distanceFromOfficial(key, norm);
  if (known.size >= 5_000) known.clear();
  known.set(detach(norm), value);
  return value;
}

interface Distance {
  distance: number;
  whole: boolean;
}

/** fromOfficial's answers by section and title. */
const FROM_OFFICIAL = new Map<SectionKey, Map<string, Distance>>();

function distanceFromOfficial(key: SectionKey, norm: string): Distance {
  const official = OFFICIAL.get(key)!;
  const m = official.length;
  if (editRows[0].length <= m) editRows = [new Int32Array(m + 1), new Int32Array(m + 1)];
  // Row by row over the title's characters: the distance to each prefix of the official title
  // (two rows, reused from call to call, taking turns).
  let row = editRows[0];
  let next = editRows[1];
  for (let k = 0; k <= m; k++) row[k] = k;
  for (let i = 1; i <= norm.length; i++) {
    const c = norm.charCodeAt(i - 1);
    next[0] = i;
    for (let k = 1; k <= m; k++) {
      const change = c === official.charCodeAt(k - 1) ? 0 : 1;
      next[k] = Math.min(row[k]! + 1, next[k - 1]! + 1, row[k - 1]! + change);
    }
    const done = row;
    row = next;
    next = done;
  }
  let distance = row[0]!;
  for (let k = 1; k <= m; k++) if (row[k]! < distance) distance = row[k]!;
  return Object.freeze({ distance, whole: row[m] === distance });
}

/** fromOfficial's two rows, grown when an official title is longer. */
let editRows: [Int32Array, Int32Array] = [new Int32Array(32), new Int32Array(32)];

/** A first line's section number and what follows it, as wrappedAt reads them. */
interface Start {
  number: string;
  key: SectionKey;
  /** What follows the number (possibly nothing yet). */
  title: string;
  /** Whether that is the section's official title, whole already. */
  whole: boolean;
}

/**
 * A line's section number and title, when it can begin a heading broken over lines (no figure
 * or punctuation after its number); null when not. Remembered by line: the same headings come
 * back in every report (bounded; a piece is at most MAX_TITLE characters, copied).
 */
function startOf(text: string): Start | null {
  let start = STARTS.get(text);
  if (start === undefined) {
    const m = NUMBER_START.exec(text);
    if (!m || NOT_A_PIECE.test(m[4]!)) start = null;
    else {
      const number = (m[1] ?? m[2] ?? m[3])!;
      const key = KEY_OF_NUMBER.get(number)!;
      const title = detach(m[4]!);
      start = { number, key, title, whole: fromOfficial(key, normalizeLabel(title)).whole };
    }
    if (STARTS.size >= 2_000) STARTS.clear();
    STARTS.set(detach(text), start);
  }
  return start;
}

/** startOf's answers by line. */
const STARTS = new Map<string, Start | null>();

/** The rows of a heading broken over lines starting at row i (its first line), or null. */
function wrappedAt(rows: readonly Row[], i: number): { key: SectionKey; pieces: number[] } | null {
  const first = rows[i]!;
  const text = pieceText(first, true);
  const start = text === null ? null : startOf(text);
  if (start === null) return null;
  const { number, key } = start;
  const own = parseHeading(first, i, false);
  // A heading already (its title maybe cut short: "六、其他需要报告的事" … "项").
  if (own && (own.key !== key || own.number !== number || own.rest || start.whole)) return null;
  // Each piece with the title joined up to it, and whether that names the section.
  const taken: { row: number; text: string; named: boolean }[] = [
    { row: i, text: start.title, named: own !== null },
  ];
  for (let j = i + 1; j < rows.length && j - i <= MAX_SPAN && taken.length < MAX_PIECES; j++) {
    const row = rows[j]!;
    if (row.empty || isPageMark(rows, j)) continue;
    if (!isContinuation(row, j)) break;
    const last = taken[taken.length - 1]!;
    const title = last.text + row.text;
    const norm = normalizeLabel(title);
    if (norm.length > MAX_TITLE) break;
    // Once named, a piece only completes the official title: it continues it, adding no
    // difference from it (a line of the section's text would). The piece that names it adds
    // none either, but one character corrupted ("主动公开政府信息" + "情况如下表" is prose).
    const far = fromOfficial(key, norm);
    const before = fromOfficial(key, normalizeLabel(last.text)).distance;
    if (last.named && far.distance > before) break;
    const named = last.named || matchSectionTitle(norm) === key;
    if (!last.named && named && far.distance > before + 1) break;
    taken.push({ row: j, text: title, named });
    if (named && far.whole) break;
  }
  // A table's label is no heading's last piece: the header line under a heading cut short.
  while (taken.length > 1 && isTableLabel(rows[taken[taken.length - 1]!.row]!.text)) taken.pop();
  // Named by the pieces joined (or completed by them), never by the first line alone.
  return taken.length > 1 && taken[taken.length - 1]!.named
    ? { key, pieces: taken.map((t) => t.row) }
    : null;
}

/**
 * The rows with each heading broken over lines joined onto its first line (the rows given, when
 * no heading is broken).
 */
export function joinWrappedHeadings(rows: readonly Row[]): readonly Row[] {
  let out: Row[] | null = null;
  let named: Map<SectionKey, number[]> | null = null;
  for (let i = 0; i < rows.length; i++) {
    // An empty row's first code is NaN, which a table of codes looks up slowly: tested first.
    const row = rows[i]!;
    if (row.empty || !isStartCode(row.firstCode)) continue;
    const found = wrappedAt(rows, i);
    if (!found) continue;
    // A section whose heading another line names is not given one more from pieces.
    named ??= namedSections(rows);
    if (named.get(found.key)?.some((j) => j !== i)) continue;
    out ??= [...rows];
    const { pieces } = found;
    const firstRow = rows[pieces[0]!]!;
    const text = pieces.map((j) => rows[j]!.text).join('');
    const shown = pieces.map((j) => rows[j]!.shown).join('');
    const joined = new Row(firstRow.line, [text], undefined, firstRow.pageBreak, shown);
    joined.piece = firstRow.piece;
    out[pieces[0]!] = joined;
    for (const j of pieces.slice(1))
      out[j] = new Row(rows[j]!.line, [], undefined, rows[j]!.pageBreak, '');
    i = pieces[pieces.length - 1]!;
  }
  return out ?? rows;
}

/** The lines that name each section as a heading, unjoined. */
function namedSections(rows: readonly Row[]): Map<SectionKey, number[]> {
  const out = new Map<SectionKey, number[]>();
  rows.forEach((row, i) => {
    const key = row.empty ? null : parseHeading(row, i, false)?.key;
    if (key) out.set(key, [...(out.get(key) ?? []), i]);
  });
  return out;
}
