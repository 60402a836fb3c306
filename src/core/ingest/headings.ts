/**
 * Section headings of a report: "一、总体情况", "第二部分 主动公开…", an official title without
 * its number — told apart from the rows of table 三 that look like headings.
 */
import { SECTION_DEFINITIONS, type SectionKey } from '../report/format.js';
import { matchSectionTitle, normalizeLabel } from './labels.js';
import { Row } from './rows.js';
import type { StreamToken } from './structure/stream.js';
import { wrappedLabels } from './structure/wrapped.js';
import { chineseOrdinal } from './text.js';

// ---------------------------------------------------------------------------------------------
// Headings
// ---------------------------------------------------------------------------------------------

export interface Heading {
  index: number;
  key: SectionKey | null;
  number: string;
  title: string;
  /** Prose that followed the title on the same line. */
  rest: string;
}

const TOP_NUMBER =
  /^(?:第([一二三四五六七八九十]{1,3})部分\s*[、.,:]?\s*|([一二三四五六七八九十]{1,3})\s*[、.,．:]\s*|([一二三四五六七八九十]{1,3})\s+)(.+)$/;
const OFFICIAL_TITLES = new Map(
  SECTION_DEFINITIONS.map((s) => [normalizeLabel(s.title), s.key as SectionKey]),
);
const NUMBER_OF = new Map(SECTION_DEFINITIONS.map((s) => [s.key as SectionKey, s.number]));

/** Characters a heading can begin with (its numeral, 第, or the first of an official title). */
const HEADING_START = new Set(
  [...'一二三四五六七八九十第', ...SECTION_DEFINITIONS.map((s) => s.title[0]!)].map((c) =>
    c.charCodeAt(0),
  ),
);

export function parseHeading(row: Row, index: number, afterLast: boolean): Heading | null {
  if (!HEADING_START.has(row.firstCode)) return null;
  if (row.cells.length > 2 && row.cells.filter((c) => c !== '').length > 2) return null;
  const text = row.text;
  if (text.length > 200) return null;
  const m = TOP_NUMBER.exec(text);
  if (!m) {
    const key = OFFICIAL_TITLES.get(normalizeLabel(text));
    return key ? { index, key, number: NUMBER_OF.get(key)!, title: text.trim(), rest: '' } : null;
  }
  const number = (m[1] ?? m[2] ?? m[3])!;
  const shown = row.shown.length === text.length ? row.shown : text;
  let title = shown.slice(text.length - m[4]!.length).trim();
  let rest = '';
  const stop = /[。:：]/.exec(title);
  if (stop && stop.index <= 30 && stop.index < title.length - 1) {
    rest = title.slice(stop.index + 1).trim();
    title = title.slice(0, stop.index).trim();
  }
  const norm = normalizeLabel(title);
  if (norm.length === 0 || norm.length > 40) return null;
  const key = matchSectionTitle(norm);
  if (key) {
    // Rows of table 三 look like headings (一、本年新收… 四、结转下年度…); they name no section.
    return { index, key, number, title, rest };
  }
  const value = chineseOrdinal(number);
  if (
    afterLast &&
    value !== null &&
    value >= 7 &&
    norm.length <= 24 &&
    !rest &&
    !/[。，,]/.test(title)
  ) {
    return { index, key: null, number, title, rest };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Headings wrapped over lines
// ---------------------------------------------------------------------------------------------

const OFFICIAL_TITLE = new Map(
  SECTION_DEFINITIONS.map((s) => [s.key as SectionKey, normalizeLabel(s.title)]),
);

/** The section a text names as a numbered heading (its number the template's), or null. */
function headingKey(text: string): SectionKey | null {
  // Numbered: pieces of a title alone ("存在的主要" "问题及改进" "情况") may be a longer one's.
  if (!TOP_NUMBER.test(text)) return null;
  const h = parseHeading(Row.of({ line: 0, cells: [text] }), 0, false);
  if (!h?.key || h.rest) return null;
  return NUMBER_OF.get(h.key) === h.number ? h.key : null;
}

/** The title of a heading's text, normalized (its number and mark left off). */
const titleOf = (text: string) => {
  const m = TOP_NUMBER.exec(text);
  return normalizeLabel(m ? m[4]! : text);
};

/**
 * Section headings a narrow column or a converter broke over lines ("四、政府信息公开行" /
 * "政复议、行政诉讼情" / "况") joined again, the same way table 三's broken labels are
 * (wrappedLabels): lines of one short cell that name no section on their own, joined, are a
 * heading when the joined text names one section (with its number) and no other way of joining
 * them names another; the lines after that complete the official title ("况") are taken too.
 * The heading stands on its first line; the lines of its other pieces become empty rows (the
 * rows keep their places, so indices into them stay the same).
 */
export function joinWrappedHeadings(rows: readonly Row[]): Row[] {
  // A piece is a line of one cell (not a table's cell); a line of figures is none.
  const tokens: StreamToken[] = rows.map((row) => {
    const single = !row.empty && !row.realCells && row.cells.filter((c) => c !== '').length === 1;
    return single && !/^[\d\s.,，]+$/.test(row.text)
      ? { kind: 'text', text: row.text, line: row.line, cell: 0, column: 0 }
      : { kind: 'figure', raw: '', line: row.line, cell: 0, column: 0 };
  });
  const named = rows.map((row, i) =>
    tokens[i]!.kind === 'text' ? (parseHeading(row, i, false)?.key ?? null) : null,
  );
  // Completed only up to the official title: a line after it is the section's text.
  const within = (key: SectionKey, text: string) =>
    headingKey(text) === key && OFFICIAL_TITLE.get(key)!.startsWith(titleOf(text));
  const labels = wrappedLabels(
    tokens,
    (i) => tokens[i]!.kind === 'text' && named[i] === null,
    headingKey,
    within,
    (i) => (named[i] ? { key: named[i], text: rows[i]!.text } : null),
  );
  if (labels.length === 0) return [...rows];
  const out = [...rows];
  for (const { pieces } of labels) {
    const first = rows[pieces[0]!]!;
    const text = pieces.map((j) => rows[j]!.text).join('');
    const shown = pieces.map((j) => rows[j]!.shown).join('');
    out[pieces[0]!] = new Row(first.line, [text], undefined, first.pageBreak, shown);
    for (const j of pieces.slice(1))
      out[j] = new Row(rows[j]!.line, [], undefined, rows[j]!.pageBreak, '');
  }
  return out;
}
