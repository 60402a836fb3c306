/**
 * Section headings of a report: "一、总体情况", "第二部分 主动公开…", an official title without
 * its number — told apart from the rows of table 三 that look like headings.
 */
import { SECTION_DEFINITIONS, type SectionKey } from '../report/format.js';
import { matchSectionTitle, normalizeLabel } from './labels.js';
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

/** How many cells are not empty (counted, not copied). */
function filledCells(cells: readonly string[]): number {
  let count = 0;
  for (const c of cells) if (c !== '') count++;
  return count;
}
