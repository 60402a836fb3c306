/**
 * Section headings of a report: "一、总体情况", "第二部分 主动公开…", an official title without
 * its number — told apart from the rows of table 三 that look like headings.
 */
import { SECTION_DEFINITIONS, type SectionKey } from '../report/format.js';
import { detach, matchSectionTitle, normalizeLabel } from './labels.js';
import type { Row } from './rows.js';
import { chineseOrdinal, codeSet } from './text.js';

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
const isHeadingStart = codeSet(
  `一二三四五六七八九十第${SECTION_DEFINITIONS.map((s) => s.title[0]!).join('')}`,
);

export function parseHeading(row: Row, index: number, afterLast: boolean): Heading | null {
  if (!isHeadingStart(row.firstCode)) return null;
  if (row.cells.length > 2 && filledCells(row.cells) > 2) return null;
  const text = row.text;
  if (text.length > 200) return null;
  // The same headings (and rows of table 三) come back in every report: their reading is
  // remembered by text, and by the printed form for a numbered one (its title is the printed).
  let parsed = PARSED.get(text);
  if (
    parsed === undefined ||
    (parsed !== null && parsed.shown !== null && parsed.shown !== shownOf(row, text))
  ) {
    parsed = parse(text, row);
    if (text.length <= CACHED_HEADING_MAX) {
      if (PARSED.size >= 2_000) PARSED.clear();
      PARSED.set(detach(text), parsed && detachParsed(parsed));
    }
  }
  if (parsed === null || (parsed.key === null && !(afterLast && parsed.late))) return null;
  return { index, key: parsed.key, number: parsed.number, title: parsed.title, rest: parsed.rest };
}

/** A heading as read from a line's text, whatever its place. */
interface Parsed {
  /** The printed form the title was cut from (null: the title is the text's). */
  shown: string | null;
  key: SectionKey | null;
  number: string;
  title: string;
  rest: string;
  /** Without a section's key: whether it is a heading after the last section's (七、…). */
  late: boolean;
}

/** parseHeading's readings by text (bounded; short lines only, copied). */
const PARSED = new Map<string, Parsed | null>();
/** The longest line whose reading is remembered (a heading with prose after it is longer). */
const CACHED_HEADING_MAX = 64;

function detachParsed(p: Parsed): Parsed {
  return {
    shown: p.shown === null ? null : detach(p.shown),
    key: p.key,
    number: p.number,
    title: detach(p.title),
    rest: detach(p.rest),
    late: p.late,
  };
}

/** The printed form of a row where it lines up with its text, else the text. */
function shownOf(row: Row, text: string): string {
  const shown = row.shown;
  return shown.length === text.length ? shown : text;
}

function parse(text: string, row: Row): Parsed | null {
  const m = TOP_NUMBER.exec(text);
  if (!m) {
    const key = OFFICIAL_TITLES.get(normalizeLabel(text));
    return key
      ? { shown: null, key, number: NUMBER_OF.get(key)!, title: text.trim(), rest: '', late: false }
      : null;
  }
  const number = (m[1] ?? m[2] ?? m[3])!;
  const shown = shownOf(row, text);
  let title = shown.slice(text.length - m[4]!.length).trim();
  let rest = '';
  const stop = /[。:：]/.exec(title);
  if (stop && stop.index <= 30 && stop.index < title.length - 1) {
    rest = title.slice(stop.index + 1).trim();
    title = title.slice(0, stop.index).trim();
  }
  const norm = normalizeLabel(title);
  // Read from the printed form, so remembered with it even when it is no heading.
  if (norm.length === 0 || norm.length > 40)
    return { shown, key: null, number, title, rest, late: false };
  const key = matchSectionTitle(norm);
  if (key) {
    // Rows of table 三 look like headings (一、本年新收… 四、结转下年度…); they name no section.
    return { shown, key, number, title, rest, late: false };
  }
  const value = chineseOrdinal(number);
  const late = value !== null && value >= 7 && norm.length <= 24 && !rest && !/[。，,]/.test(title);
  return { shown, key: null, number, title, rest, late };
}

/** How many cells are not empty (counted, not copied). */
function filledCells(cells: readonly string[]): number {
  let count = 0;
  for (const c of cells) if (c !== '') count++;
  return count;
}
