/**
 * The usual line of a text file cut into its cells in one pass over it — a table lookup per
 * character — with what the cells hold (hints), so that the passes after it need not search
 * them again: a line with no section number, no digit or no placeholder mark is not searched
 * for one. Any other line is left to cleanLine and splitCells (text.ts).
 */
import { markdownCells } from './markdown-cells.js';
import { isRuleLine, isWhiteSpace, skipSpace, toHalfWidth } from './text.js';

/*
 * What a row's cells may hold (Row.hints): a bit cleared says the cells hold no such thing. A
 * row of unknown cells has all of them set.
 */
/** A section's number, white space or cell boundaries, its mark: 一、 二. 三． (HEADING_NUMBER). */
export const HINT_HEADING = 1;
/** A digit, or a full-width digit or full stop (what a figure is made of). */
export const HINT_FIGURE = 2;
/** A character of a placeholder mark: - — – － / ／. */
export const HINT_MARK = 4;
/** Nothing known of the cells. */
export const HINT_ALL = HINT_HEADING | HINT_FIGURE | HINT_MARK;

// What a character is to plainCells (CLASS).
/** Kept as it is, and nothing the hints say. */
const ORDINARY = 0;
/** A space: two in a row are pdftotext's layout, which splitCells cuts. */
const SPACE = 1;
const TAB = 2;
/** Other white space the line keeps (a number's mark may follow it). */
const BLANK = 3;
/** What only cleanLine and splitCells read: debris, special spaces, radicals, form feed. */
const OTHER = 4;
const DIGIT = 5;
/** A placeholder mark's character: - / – —. */
const MARK = 6;
/** A full stop: a heading number's mark. */
const DOT = 7;
/** 一二三四五六: a section's number. */
const NUMBER = 8;
/** 、: a heading number's mark. */
const COMMA = 9;
/** Full-width ASCII, made half-width. */
const WIDE = 10;
const WIDE_DOT = 11;
const WIDE_DIGIT = 12;
const WIDE_MARK = 13;
const PIPE = 14;
/** A line feed or carriage return: a line's end in a text, white space in a line. */
const NEWLINE = 15;
/** *: debris (cleanLine's), but in a Markdown row "**" (bold) is only removed. */
const STAR = 16;
/** ｜: a full-width form, made "|" — in a Markdown row a cell boundary the scan did not see. */
const WIDE_PIPE = 17;

/** ASCII characters cleanLine works on: \f [ ] { } * _ < \ (CLEAN_WORK's). */
const ASCII_CLEAN_WORK = '\f[]{}*_<\\';

/** Each UTF-16 code unit's class. */
const CLASS = new Uint8Array(0x10000);
{
  const set = (chars: string, k: number) => {
    for (const c of chars) CLASS[c.charCodeAt(0)] = k;
  };
  // Special spaces, zero-width characters, radicals, and what lies beyond U+FEFF: cleanLine's.
  for (let c = 0x2000; c <= 0x200d; c++) CLASS[c] = OTHER;
  for (let c = 0x2e80; c <= 0x2fdf; c++) CLASS[c] = OTHER;
  for (let c = 0xfeff; c <= 0xffff; c++) CLASS[c] = OTHER;
  set('\u00a0\u00ad\u2060\u3000', OTHER);
  set(ASCII_CLEAN_WORK, OTHER);
  // Full-width ASCII (（）：，) to half-width, unless it becomes debris to remove.
  for (let c = 0xff01; c <= 0xff5e; c++)
    CLASS[c] = ASCII_CLEAN_WORK.includes(String.fromCharCode(c - 0xfee0)) ? OTHER : WIDE;
  for (let c = 0xff10; c <= 0xff19; c++) CLASS[c] = WIDE_DIGIT;
  set('．', WIDE_DOT);
  set('－／', WIDE_MARK);
  set(' ', SPACE);
  set('\t', TAB);
  set('\v\u1680\u2028\u2029\u202f\u205f', BLANK);
  set('\n\r', NEWLINE);
  set('0123456789', DIGIT);
  set('-/–—', MARK);
  set('.', DOT);
  set('一二三四五六', NUMBER);
  set('、', COMMA);
  set('|', PIPE);
  set('*', STAR);
  set('｜', WIDE_PIPE);
}

/** The hints of the last line plainCells cut, and whether it held a "|" or a full-width form. */
let lastHints = HINT_ALL;
let lastPipe = true;
let lastWide = true;
/** Where the last line plainCells read ends, and its text. */
let lastEnd = 0;
let lastRaw = '';

/**
 * Where the last line is cut into cells (from its start): at each tab, and at each run of two or
 * more spaces (pdftotext's layout) — cut k spans cuts[2k] to cuts[2k + 1]. Reused from line to
 * line.
 */
let cuts = new Int32Array(128);

/** Makes room for more cuts. */
function growCuts(): void {
  const grown = new Int32Array(cuts.length * 2);
  grown.set(cuts);
  cuts = grown;
}

/**
 * The cells of the line from text[start] in one pass over it, for the usual line: one cleanLine
 * would only turn to half-width (full-width forms, none of them debris) or leave as it is — no
 * other character of CLEAN_WORK, no Markdown marker — and that is no rule line and no Markdown
 * row: blank, or cut at tabs and at runs of two or more spaces. Null for any other line, which
 * cleanLine, isBlank, isRuleLine and splitCells read as before; for this one they give these
 * cells. The line ends at `end`, or with `lines` at the first line feed or carriage return
 * before it (as a text is split into lines); lineEnd() and lineText() then say where it ends and
 * what it is, and plainHints() what its cells hold. (The pass runs over `text`, which may be the
 * whole file: a flat string is read faster than a slice of it.)
 */
export function plainCells(
  text: string,
  start: number,
  end: number,
  lines: boolean,
): string[] | null {
  let hints = 0;
  let cutCount = 0;
  let tabbed = false;
  let lastSpace = -2;
  // White space other than spaces and tabs (without it or a space, no cell has any to trim).
  let blank = false;
  // Where the first full-width form is, from the line's start (-1: none).
  let wide = -1;
  let pipe = false;
  // After a section's number with nothing but white space since (a heading number's mark next).
  let pending = false;
  let i = start;
  // A Markdown row, "|" first: cut at its pipes (markdownCells), "**" (bold) removed.
  const piped = i < end && text.charCodeAt(i) === 0x7c;
  let stars = false;
  // A line that begins with another Markdown marker or a rule line's character is none of these
  // (as seen below): not read further than its end.
  let plain = piped || !(i < end && isMarkdownStart(text.charCodeAt(i)));
  scan: for (; plain && i < end; i++) {
    let k = CLASS[text.charCodeAt(i)]!;
    if (k === ORDINARY) {
      // A run of ordinary characters (most of a line: words) read in a loop of its own.
      pending = false;
      do i++;
      while (i < end && (k = CLASS[text.charCodeAt(i)]!) === ORDINARY);
      if (i === end) break;
    }
    switch (k) {
      case SPACE:
        if (lastSpace === i - 1) {
          // Two spaces or more: a cut (the last one made longer, when this run began it).
          const at = i - start;
          if (cutCount > 0 && cuts[2 * cutCount - 1] === at) cuts[2 * cutCount - 1] = at + 1;
          else {
            if (2 * cutCount === cuts.length) growCuts();
            cuts[2 * cutCount] = at - 1;
            cuts[2 * cutCount + 1] = at + 1;
            cutCount++;
          }
        }
        lastSpace = i;
        break;
      case TAB:
        tabbed = true;
        if (2 * cutCount === cuts.length) growCuts();
        cuts[2 * cutCount] = i - start;
        cuts[2 * cutCount + 1] = i - start + 1;
        cutCount++;
        break;
      case NEWLINE:
        if (lines) break scan;
        blank = true;
        break;
      case BLANK:
        blank = true;
        break;
      case OTHER:
        plain = false;
        break scan;
      case DIGIT:
        hints |= HINT_FIGURE;
        pending = false;
        break;
      case MARK:
        hints |= HINT_MARK;
        pending = false;
        break;
      case DOT:
      case COMMA:
        if (pending) hints |= HINT_HEADING;
        pending = false;
        break;
      case NUMBER:
        pending = true;
        break;
      case WIDE:
        if (wide === -1) wide = i - start;
        pending = false;
        break;
      case WIDE_DOT:
        if (wide === -1) wide = i - start;
        hints |= pending ? HINT_FIGURE | HINT_HEADING : HINT_FIGURE;
        pending = false;
        break;
      case WIDE_DIGIT:
        if (wide === -1) wide = i - start;
        hints |= HINT_FIGURE;
        pending = false;
        break;
      case WIDE_MARK:
        if (wide === -1) wide = i - start;
        hints |= HINT_MARK;
        pending = false;
        break;
      case PIPE:
        pipe = true;
        // A Markdown row's pipes are cell boundaries: white space to what follows a number.
        if (!piped) pending = false;
        break;
      case STAR:
        if (piped && i + 1 < end && text.charCodeAt(i + 1) === 0x2a) {
          // "**", which cleanLine removes (no other debris in the line, or it is not read here).
          stars = true;
          i++;
          break;
        }
        plain = false;
        break scan;
      case WIDE_PIPE:
        if (piped) {
          plain = false;
          break scan;
        }
        if (wide === -1) wide = i - start;
        pending = false;
        break;
    }
  }
  if (!plain && lines) {
    // The rest of a line left to cleanLine, up to its end.
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) break;
    }
  }
  const raw = lines
    ? text.slice(start, i)
    : start === 0 && end === text.length
      ? text
      : text.slice(start, end);
  lastEnd = lines ? i : end;
  lastRaw = raw;
  if (!plain) return null;
  // Half-width characters are no spaces, tabs or debris: the line as cleanLine leaves it (each
  // full-width form one character: the tabs stay where they were).
  let line = wide >= 0 ? plainHalfWidth(raw, wide) : raw;
  lastHints = hints;
  lastPipe = pipe;
  lastWide = wide >= 0;
  if (piped) {
    if (stars) line = line.replaceAll('**', '');
    if (isRuleLine(line)) {
      lastHints = 0;
      return [];
    }
    return line === raw ? markdownCells(text, start, start + raw.length) : markdownCells(line);
  }
  // A line of no white space but tabs has none to skip or trim (most lines of a report).
  const spaced = blank || lastSpace !== -2;
  const first = spaced || tabbed ? skipSpace(line, 0) : 0;
  if (first === line.length) return [];
  if (isMarkdownStart(line.charCodeAt(first))) return null;
  if (cutCount === 0) return [spaced ? line.trim() : line];
  // The cells between the cuts, trimmed: their ends found in the flat text (the line's own
  // copy when made half-width), then one slice each.
  const source = wide >= 0 ? line : text;
  const offset = wide >= 0 ? 0 : start;
  const cells: string[] = [];
  let from = offset;
  for (let k = 0; k <= cutCount; k++) {
    let to = offset + (k < cutCount ? cuts[2 * k]! : line.length);
    if (spaced) {
      while (from < to && isWhiteSpace(source.charCodeAt(from))) from++;
      while (to > from && isWhiteSpace(source.charCodeAt(to - 1))) to--;
    }
    cells.push(from >= to ? '' : source.slice(from, to));
    if (k < cutCount) from = offset + cuts[2 * k + 1]!;
  }
  // Leading and trailing empties of a line cut only at spaces carry no meaning (splitCells').
  if (!tabbed) {
    let a = 0;
    let b = cells.length;
    while (a < b && cells[a] === '') a++;
    while (b > a && cells[b - 1] === '') b--;
    if (a > 0 || b < cells.length) return cells.slice(a, b);
  }
  return cells;
}

/** Code units made into a string at once (an argument list is bounded). */
const CHUNK = 4096;

/**
 * toHalfWidth of a plain line, its first full-width form at `from`: in such a line only
 * full-width ASCII (U+FF01–FF5E) changes, one code unit for one, and each of its characters is
 * written once (a line longer than an argument list is left to toHalfWidth).
 */
function plainHalfWidth(raw: string, from: number): string {
  const n = raw.length;
  if (n > CHUNK) return toHalfWidth(raw);
  const codes = new Array<number>(n);
  for (let i = 0; i < from; i++) codes[i] = raw.charCodeAt(i);
  for (let i = from; i < n; i++) {
    const c = raw.charCodeAt(i);
    codes[i] = c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c;
  }
  return String.fromCharCode.apply(null, codes);
}

/**
 * Whether a line beginning (after white space) with this character is read by cleanLine and
 * splitCells: # (a Markdown heading), > (a quote), | (a Markdown row or a rule line), and + : - =
 * (the other characters a rule line begins with).
 */
function isMarkdownStart(c: number): boolean {
  return (
    c === 0x23 || c === 0x3e || c === 0x7c || c === 0x2b || c === 0x3a || c === 0x2d || c === 0x3d
  );
}

/** plainCells of a line on its own. */
export const plainLineCells = (raw: string): string[] | null =>
  plainCells(raw, 0, raw.length, false);

/** Where the last line plainCells read ends (its line feed or carriage return, or `end`). */
export const lineEnd = (): number => lastEnd;

/** The text of the last line plainCells read. */
export const lineText = (): string => lastRaw;

/** What the cells of the last line plainCells cut hold (HINT_ bits). */
export const plainHints = (): number => lastHints;

/**
 * The last line plainCells cut as displayLine shows it, when that is known without it: a line of
 * one cell has nothing displayLine would change but its outer spaces (plainCells lets through no
 * character of DISPLAY_WORK but a tab and "|"; one cell means no tab).
 */
export function plainShown(raw: string, cells: readonly string[]): string | undefined {
  if (cells.length !== 1 || lastPipe) return undefined;
  return lastWide ? raw.trim() : cells[0];
}

/** Whether the last line plainCells cut held a "|" (displayLine cuts a Markdown row's pipes). */
export const plainPiped = (): boolean => lastPipe;

/**
 * displayLine of a plain line of no "|": it holds nothing displayLine removes (no debris, radical,
 * special space, form feed or Markdown marker: plainCells lets none through), so only its outer
 * white space goes and each run of tabs and spaces becomes one space.
 */
export function plainDisplayLine(raw: string): string {
  return raw.trim().replace(/[\t ]+/g, ' ');
}

/** The numbers a section heading begins with (一二三四五六). */
const isHeadingNumber = (c: number) =>
  c === 0x4e00 || c === 0x4e8c || c === 0x4e09 || c === 0x56db || c === 0x4e94 || c === 0x516d;

/** What cells hold (the hints plainCells gives, for cells cut otherwise). */
export function cellHints(cells: readonly string[]): number {
  let hints = 0;
  // After a section's number with nothing but white space since (a cell boundary is white space).
  let pending = false;
  for (let k = 0; k < cells.length; k++) {
    const cell = cells[k]!;
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      if (pending && (c === 0x3001 || c === 0x2e || c === 0xff0e)) hints |= HINT_HEADING;
      if ((c >= 48 && c <= 57) || c === 0xff0e || (c >= 0xff10 && c <= 0xff19))
        hints |= HINT_FIGURE;
      else if (c === 0x2d || c === 0x2f || c === 0x2013 || c === 0x2014 || c === 0xff0d)
        hints |= HINT_MARK;
      else if (c === 0xff0f) hints |= HINT_MARK;
      if (!(pending && isWhiteSpace(c))) pending = isHeadingNumber(c);
    }
  }
  return hints;
}
