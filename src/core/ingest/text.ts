/**
 * Normalising the text of a published report before it is read: full-width forms to ASCII,
 * conversion debris removed, a line cut into cells. Everything here is a function of a string;
 * positions are never needed because a finding points at the whole line.
 */

/**
 * Radical code points that PDF text layers give for ordinary characters (a font's ToUnicode map
 * pointing at the radical rather than the character): Kangxi radicals (U+2F00–2FD5) by their
 * compatibility mapping, and the simplified radicals of U+2E80–2EF3 that are whole characters.
 */
const RADICALS: Record<string, string> = {
  '\u2e81': '厂',
  '\u2e9c': '日',
  '\u2e9d': '月',
  '\u2e9f': '母',
  '\u2ea0': '民',
  '\u2eb6': '羊',
  '\u2ec1': '虎',
  '\u2ec4': '西',
  '\u2ec5': '见',
  '\u2ec6': '角',
  '\u2ec9': '贝',
  '\u2ecb': '车',
  '\u2ed1': '長',
  '\u2ed3': '长',
  '\u2ed4': '门',
  '\u2ed7': '雨',
  '\u2ed8': '青',
  '\u2ed9': '韦',
  '\u2eda': '页',
  '\u2edb': '风',
  '\u2edc': '飞',
  '\u2edd': '食',
  '\u2ee1': '首',
  '\u2ee2': '马',
  '\u2ee3': '骨',
  '\u2ee4': '鬼',
  '\u2ee5': '鱼',
  '\u2ee6': '鸟',
  '\u2ee7': '卤',
  '\u2ee8': '麦',
  '\u2ee9': '黄',
  '\u2eea': '黾',
  '\u2eec': '齐',
  '\u2eee': '齿',
  '\u2ef0': '龙',
  '\u2ef3': '龟',
};

/** Radicals to the characters they stand for (see RADICALS). */
export function fromRadicals(text: string): string {
  if (!/[\u2e80-\u2fdf]/.test(text)) return text;
  return text.replace(/[\u2e80-\u2fdf]/g, fromRadical);
}

const fromRadical = (c: string) => (c >= '\u2f00' ? c.normalize('NFKC') : (RADICALS[c] ?? c));

/**
 * Full-width ASCII (Ｕ+FF01–FF5E) to ASCII, the ideographic space and no-break spaces to a
 * space, zero-width characters dropped. Chinese punctuation without an ASCII twin (、。“”《》)
 * is kept.
 */
export function toHalfWidth(text: string): string {
  // A line with nothing to change (most) is returned as it is; any other is written once into
  // a buffer of code units (cheaper than a string joined piece by piece).
  const n = text.length;
  let i = 0;
  while (i < n && halfWidthCode(text.charCodeAt(i), text, i) === text.charCodeAt(i)) i++;
  if (i === n) return text;
  if (halfBuffer.length < n) halfBuffer = new Uint16Array(2 * n);
  for (let k = 0; k < i; k++) halfBuffer[k] = text.charCodeAt(k);
  let m = i;
  for (; i < n; i++) {
    const code = halfWidthCode(text.charCodeAt(i), text, i);
    if (code >= 0) halfBuffer[m++] = code;
  }
  let out = '';
  for (let k = 0; k < m; k += CHUNK)
    out += String.fromCharCode.apply(null, halfBuffer.subarray(k, Math.min(m, k + CHUNK)) as never);
  return out;
}

/** toHalfWidth's buffer, reused from line to line (grown for a longer one). */
let halfBuffer = new Uint16Array(1024);
/** Code units made into a string at once (an argument list is bounded). */
const CHUNK = 4096;

/** What toHalfWidth makes of the code unit at text[i]: its half-width twin, or -1 (dropped). */
function halfWidthCode(code: number, text: string, i: number): number {
  if (code < 0xa0 || (code > 0x3000 && code < 0xfeff)) return code; // ASCII, CJK: kept
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code === 0x3000 || code === 0xa0 || (code >= 0x2000 && code <= 0x200a)) return 0x20;
  if ((code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff || code === 0xad)
    return -1;
  // A radical is one code unit, and so is the character it stands for.
  if (code >= 0x2e80 && code <= 0x2fdf) return fromRadical(text[i]!).charCodeAt(0);
  return code;
}

/** Marks converters leave in the text: Word bookmarks, pandoc anchors, Markdown emphasis. */
const DEBRIS =
  /\[bookmark:[^\]]*\]|\[\]\{[^}]*\}|\{#[^}]*\}|\*\*|__|<\/?(?:b|strong|i|em|u|span|font)[^>]*>|\\(?=[^\w\s])/g;

/** Whatever displayLine changes besides trimming (most lines have none of it). */
const DISPLAY_WORK =
  /[\u2e80-\u2fdf[\]{}*_<\\\f\u200b-\u200d\u2060\ufeff\u00ad|\t\u3000\u00a0]| {2}|^\s*(?:#{1,6}|>)\s/;

/** A line as shown to people: debris removed, spacing tidied, characters kept as printed. */
export function displayLine(raw: string): string {
  if (!DISPLAY_WORK.test(raw)) return raw.trim();
  let line = fromRadicals(raw);
  if (/[[\]{}*_<\\]/.test(line)) line = line.replace(DEBRIS, '');
  if (/^\s*(?:#{1,6}|>)\s/.test(line)) line = line.replace(/^\s*(?:#{1,6}|>)\s+/, '');
  line = line.replace(/[\f\u200b-\u200d\u2060\ufeff\u00ad]/g, '').trim();
  // A Markdown row's outer pipes (cut by hand: `\s*\|\s*$` would rescan a long run of spaces
  // from every one of its positions).
  if (line.startsWith('|')) line = line.slice(1);
  if (line.endsWith('|')) line = line.slice(0, -1);
  return line.replace(/[\t\u3000\u00a0 ]+/g, ' ').trim();
}

/** Whatever cleanLine changes (one test instead of four; most lines have none of it). */
const CLEAN_WORK =
  /[\uff01-\uff5e\u3000\u00a0\u2000-\u200d\u2060\ufeff\u00ad\u2e80-\u2fdf\f[\]{}*_<\\]|^\s*(?:#{1,6}|>)\s/;

/**
 * One line of a report as the reader sees it: half-width, debris removed, a Markdown heading or
 * quote marker removed. Tabs are kept (they separate cells).
 */
export function cleanLine(raw: string): string {
  if (!CLEAN_WORK.test(raw)) return raw;
  let line = toHalfWidth(raw);
  if (line.includes('\f')) line = line.replace(/\f/g, '');
  if (/[[\]{}*_<\\]/.test(line)) line = line.replace(DEBRIS, '');
  if (/^\s*(?:#{1,6}|>)\s/.test(line)) line = line.replace(/^\s*(?:#{1,6}|>)\s+/, '');
  return line;
}

/**
 * A set of characters as a test of a character code (a table lookup: cheaper than a Set's on
 * every row or cell). Characters beyond U+FFFF are not supported (a code unit is tested).
 */
export function codeSet(chars: string): (code: number) => boolean {
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return (code) => table[code] === 1;
}

/** Whether a character is white space as \s and String.prototype.trim see it. */
export function isWhiteSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c >= 0xa0 &&
      (c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff))
  );
}

/** Whether a line is empty or white space only (as `line.trim() === ''`, without a copy). */
export function isBlank(line: string): boolean {
  return skipSpace(line, 0) === line.length;
}

/** The index of the first character at or after i that is not white space. */
export function skipSpace(line: string, i: number): number {
  const n = line.length;
  while (i < n && isWhiteSpace(line.charCodeAt(i))) i++;
  return i;
}

/** Whether the character at i is a | or + (a rule line's cell border). */
function isPipe(line: string, i: number): boolean {
  const c = line.charCodeAt(i);
  return c === 0x7c || c === 0x2b;
}

/** A rule line of a Markdown, pandoc grid or simple table: `|---|:---:|`, `+----+`, `------`. */
export function isRuleLine(line: string): boolean {
  // Such a line begins (after white space) with one of | + : - =; most lines are words.
  // One pass over the line (the equivalent regex backtracks over long runs of spaces):
  // [|+]? then cells `:?[-=]{3,}:?` separated by | or +, an outer | or + allowed at the end.
  // (No closures: this runs on every line.)
  const n = line.length;
  let i = skipSpace(line, 0);
  if (isPipe(line, i)) i++;
  for (;;) {
    i = skipSpace(line, i);
    if (line[i] === ':') i++;
    const start = i;
    while (line[i] === '-' || line[i] === '=') i++;
    if (i - start < 3) return false;
    if (line[i] === ':') i++;
    i = skipSpace(line, i);
    if (i === n) return true;
    if (!isPipe(line, i)) return false;
    i = skipSpace(line, i + 1);
    if (i === n) return true;
  }
}

/**
 * A string cut at every occurrence of one character, as `text.split(char)` (a loop of slices
 * makes no runtime call and shares the empty string: twice as fast on the rows of a table).
 */
function splitAt(text: string, code: number): string[] {
  const out: string[] = [];
  const n = text.length;
  let start = 0;
  for (let i = 0; i < n; i++) {
    if (text.charCodeAt(i) !== code) continue;
    out.push(start === i ? '' : text.slice(start, i));
    start = i + 1;
  }
  out.push(start === n ? '' : text.slice(start));
  return out;
}

/** Pushes the parts of a cell cut at runs of two or more spaces (`/ {2,}/`), each trimmed. */
function pushSpaceSplit(cell: string, out: string[]): void {
  const n = cell.length;
  let start = 0;
  for (let i = 0; i < n - 1; i++) {
    if (cell.charCodeAt(i) !== 32 || cell.charCodeAt(i + 1) !== 32) continue;
    out.push(cell.slice(start, i).trim());
    let j = i + 2;
    while (j < n && cell.charCodeAt(j) === 32) j++;
    start = j;
    i = j - 1;
  }
  out.push(cell.slice(start).trim());
}

/**
 * Cuts a cleaned line into cells: Markdown table rows by `|`, otherwise by tabs and by runs of
 * two or more spaces (pdftotext's layout mode). Cells are trimmed; empty cells are kept, since
 * an empty cell between two numbers is a blank cell of the table.
 */
export function splitCells(line: string): string[] {
  // Whether the line begins (after white space) with a pipe, seen without trimming it.
  const piped = line.charCodeAt(skipSpace(line, 0)) === 0x7c; // |
  const tabbed = line.includes('\t');
  if (!piped && !line.includes('  ')) {
    // The usual line: cells only at tabs, trimmed in place.
    if (!tabbed) {
      const trimmed = line.trim();
      return trimmed === '' ? [] : [trimmed];
    }
    return trimCells(splitAt(line, 9));
  }
  const trimmed = line.trim();
  let cells: string[];
  if (piped && trimmed.length > 1) {
    // The outer pipes, as `.replace(/^\|/, '').replace(/\|$/, '')` would remove them.
    const inner = trimmed.endsWith('|') ? trimmed.slice(1, -1) : trimmed.slice(1);
    cells = splitAt(inner, 0x7c);
  } else if (tabbed) {
    cells = splitAt(line, 9);
  } else {
    cells = [line];
  }
  const out: string[] = [];
  for (const cell of cells) {
    if (cell.includes('  ')) pushSpaceSplit(cell, out);
    else out.push(cell.trim());
  }
  // Leading and trailing empties of a line split only by spaces carry no meaning.
  if (!tabbed && !piped) {
    while (out.length > 0 && out[0] === '') out.shift();
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
  }
  return out;
}

/** Trims a line's tab-separated cells in place (most have nothing to trim: looked at first). */
function trimCells(cells: string[]): string[] {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (isWhiteSpace(cell.charCodeAt(0)) || isWhiteSpace(cell.charCodeAt(cell.length - 1)))
      cells[i] = cell.trim();
  }
  return cells;
}

const CHINESE_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  O: 0,
  o: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 二〇二三 → 2023 (digit by digit, as years are written); null if any character is not a digit. */
export function chineseYear(text: string): number | null {
  let value = 0;
  for (const c of text) {
    const d = CHINESE_DIGITS[c];
    if (d === undefined) return null;
    value = value * 10 + d;
  }
  return value;
}

/** 十一 → 11, 三十一 → 31, 五 → 5 (months and days); null when not such a numeral. */
export function chineseSmallNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '') return null;
  const [, tens, ten, ones] = m;
  if (!ten) return tens && !ones ? CHINESE_DIGITS[tens]! : null;
  return (tens ? CHINESE_DIGITS[tens]! : 1) * 10 + (ones ? CHINESE_DIGITS[ones]! : 0);
}

/** Chinese ordinal of a section heading (一 … 十九) to its value. */
export function chineseOrdinal(text: string): number | null {
  return chineseSmallNumber(text);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A calendar date as YYYY-MM-DD when the parts make one, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30];
  const lengths = [...days, 31, 30, 31, 31, 30, 31, 30, 31];
  if (day > lengths[month - 1]!) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}
