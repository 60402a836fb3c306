/**
 * The structural reader's first step: the document as one stream of tokens — pieces of text,
 * figures and empty table cells — each with its source position (line, cell, column), whatever
 * the line breaks, page breaks and cell boundaries were. Figures run together without a
 * separator ("713000074") stay one token; the solver decides how they split.
 */
import type { SourceRow } from '../source.js';
import { HINT_ALL, HINT_FIGURE, HINT_MARK } from '../line-cells.js';
import { codeSet, isWhiteSpace } from '../text.js';
import {
  hasMarkCharacter,
  isCjk,
  markOf,
  withBlankCells,
  withInlineMarks,
  withNumberingRejoined,
} from './stream-passes.js';

export interface Position {
  /** 1-based line of the source text. */
  line: number;
  /** 0-based cell of the row (0 for a text line). */
  cell: number;
  /** 0-based column (character offset) in the cell. */
  column: number;
}

export interface TextToken extends Position {
  kind: 'text';
  text: string;
}

export interface FigureToken extends Position {
  kind: 'figure';
  /** The digits as printed (commas removed): "713000074", "9116.36". */
  raw: string;
}

/**
 * An empty cell of a real table grid (HTML, DOCX): a figure not filled in; or a cell written
 * "/", "—", "无" (`placeholder`): said to be empty, never read as 0.
 */
export interface EmptyToken extends Position {
  kind: 'empty';
  placeholder?: boolean;
  /** The placeholder as written, half-width ("/", "—", "-", "无"). */
  mark?: string;
}

export type StreamToken = TextToken | FigureToken | EmptyToken;

/*
 * Every token is made by one of these: each kind one object literal, the same shape every time
 * (a spread copy of a token may take a shape of its own, which the readers then meet too).
 */

/** A text token. */
export const textToken = (text: string, line: number, cell: number, column: number): TextToken => ({
  kind: 'text',
  text,
  line,
  cell,
  column,
});

/** A figure token. */
export const figureToken = (
  raw: string,
  line: number,
  cell: number,
  column: number,
): FigureToken => ({
  kind: 'figure',
  raw,
  line,
  cell,
  column,
});

/** An empty token; with `mark`, a placeholder written so. */
export const emptyToken = (
  line: number,
  cell: number,
  column: number,
  mark?: string,
): EmptyToken =>
  mark === undefined
    ? { kind: 'empty', line, cell, column }
    : { kind: 'empty', placeholder: true, mark, line, cell, column };

/** Page furniture: "-1-", "— 2 —", "第 3 页", "第3页 共5页", "3 / 12". */
export const PAGE_MARK =
  /^(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3})$/;
/** A converter's placeholder column header: "数据1", "列2", "Column 3". */
const PLACEHOLDER_HEADER = /^(?:数据|列|字段|栏|data|col(?:umn)?)\s*\d{1,2}$/i;
/** Placeholders for a figure: "-", "—", "/", "无". */
const PLACEHOLDER = /^(?:[-—–－]+|[/／]|无)$/;
/**
 * The characters PAGE_MARK, PLACEHOLDER_HEADER (whatever the case) and PLACEHOLDER begin with:
 * a text beginning otherwise is none of them.
 */
const isMarkStart = codeSet('0123456789-—–－第/／无数列字栏dDcC');
/** The characters they end with: a text ending otherwise is none of them either. */
const isMarkEnd = codeSet('0123456789-—–－页/／无');
/** What may follow a figure that makes it not a figure of a table (a date, a document number). */
const NOT_FIGURE_AFTER = /^\s*(?:年|月|日|号|〕|]|\]|时|:|：\d|%|％|个工作日|\.\d+\.)/;
const NOT_FIGURE_BEFORE = /(?:〔|\[|第|编号|电话|邮编|地址)\s*$/;
/**
 * A converter's placeholder column header inside a longer text ("类别 数据1 数据2 … 总计", a
 * PDF's line of header cells): the word on its own before the digits, nothing after them but a
 * space or the end. A word inside a sentence ("专栏33个") is not one.
 */
const PLACEHOLDER_WORD_BEFORE = /(?:^|[\s|(（])(?:数据|列|字段|栏|data|col(?:umn)?)\s*$/i;

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * What halfWidth changes: full-width digits and full stop. (The full-width comma it keeps as it
 * is: most prose holds one, and a copy made for it would be the same text.)
 */
const FULL_WIDTH = /[\uff0e\uff10-\uff19]/;

/** Full-width digits and full stop to half-width, so "１２．５" reads as 12.5. */
function halfWidth(s: string): string {
  if (!FULL_WIDTH.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0xff0e) out += '.';
    else out += ch;
  }
  return out;
}

/** Whether a character may end a list number ("2.", "3、", "4)", "5）"). */
const isListMark = (c: number) => c === 0x2e || c === 0x3001 || c === 0x29 || c === 0xff09;

/**
 * The text of a cell from `start` to `end` as text tokens: one token, or, where a Markdown
 * table's cell boundaries ("| 类别 | 数据1 |") were left inside one cell (a table joined onto a
 * line with its text), each cell's text a token of its own, as if the row were split.
 */
function flushText(
  s: string,
  start: number,
  end: number,
  line: number,
  cell: number,
  out: StreamToken[],
): void {
  if (end <= start) return;
  const text = s.slice(start, end);
  if (!text.includes('|')) {
    // No cell boundary inside (the usual case): the text as one token, without splitting.
    const trimmed = text.trim();
    if (trimmed !== '') out.push(textToken(trimmed, line, cell, start));
    return;
  }
  let from = start;
  for (const part of text.split('|')) {
    if (part.trim() !== '') out.push(textToken(part.trim(), line, cell, from));
    from += part.length + 1;
  }
}

/** Whether a sticky regular expression matches at `at` in `s` (as `^…` on `s.slice(at)`). */
function matchesAt(sticky: RegExp, s: string, at: number): boolean {
  sticky.lastIndex = at;
  return sticky.test(s);
}

/** The end of `s` before `end` with white space before it skipped, no further back than `start`. */
function trimmedEnd(s: string, start: number, end: number): number {
  while (end > start && isWhiteSpace(s.charCodeAt(end - 1))) end--;
  return end;
}

/*
 * The patterns cellTokens tests around a figure, sticky: each is tested where the text after the
 * figure begins (as `^…` on the rest of the text, without a copy of it).
 */
const AFTER_NOT_FIGURE = new RegExp(NOT_FIGURE_AFTER.source.slice(1), 'y');
const AFTER_LIST_MARK = /[.、)）]\s*(?=[^\d\s.])/y;
const AFTER_SPACE_OR_END = /(?:\s|$)/y;
const AFTER_YEAR = /\s*年/y;
const AFTER_UNIT = /\s*(?:件|条|个|项|次|人次|人|份|家|万元|元)/y;

/**
 * The text before a figure as far back as NOT_FIGURE_BEFORE and PLACEHOLDER_WORD_BEFORE can see:
 * both end in a word and white space to the end, so the word ends where the white space begins;
 * the longest word ("column") and the character before it are seven characters. Cut there (never
 * before `start`), the text matches them exactly when the whole text before the figure does.
 */
function beforeTail(s: string, start: number, end: number): string {
  return s.slice(Math.max(start, trimmedEnd(s, start, end) - 7), end);
}

/**
 * The characters NOT_FIGURE_BEFORE's and PLACEHOLDER_WORD_BEFORE's words end with (whatever the
 * case): when the text before a figure, white space skipped, ends otherwise, neither matches.
 */
const isWordBeforeEnd = codeSet('〔[第号话编址据列段栏aAlLnN');

/** Whether the text of `s` from `start` to `end`, white space skipped at its end, may end in one. */
function mayEndInWord(s: string, start: number, end: number): boolean {
  const last = trimmedEnd(s, start, end);
  return last > start && isWordBeforeEnd(s.charCodeAt(last - 1));
}

/** The tokens of one cell's text, appended to `out`. */
function cellTokens(text: string, line: number, cell: number, out: StreamToken[]): void {
  const s = halfWidth(text);
  let textStart = 0;
  let i = 0;
  while (i < s.length) {
    if (!isDigit(s.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < s.length && (isDigit(s.charCodeAt(j)) || s.charCodeAt(j) === 0x2c)) {
      const comma = s.charCodeAt(j) === 0x2c;
      if (
        comma &&
        !(j + 1 < s.length && isDigit(s.charCodeAt(j + 1)) && isDigit(s.charCodeAt(j - 1)))
      )
        break;
      j++;
    }
    // Read within the text only (past its end a figure ends): no reading past a string's end.
    if (j + 1 < s.length && s.charCodeAt(j) === 0x2e && isDigit(s.charCodeAt(j + 1))) {
      j++;
      while (j < s.length && isDigit(s.charCodeAt(j))) j++;
    }
    let raw = s.slice(i, j);
    if (raw.includes(',')) raw = raw.replace(/,/g, '');
    // Where the text after the figure begins (before a list number's digit is given back).
    const after = j;
    // A list number ("2.其他…", "3、…") after the figures run into it: the last digit is the label's.
    const numbering =
      j < s.length &&
      isListMark(s.charCodeAt(j)) &&
      matchesAt(AFTER_LIST_MARK, s, after) &&
      !raw.includes('.');
    if (numbering) {
      if (raw.length === 1) {
        i = j;
        continue;
      }
      raw = raw.slice(0, -1);
      j -= 1;
    }
    const prev = i > 0 ? s.charCodeAt(i - 1) : NaN;
    // The text before the figure, when it may end in a word that makes the figure words.
    const before = mayEndInWord(s, textStart, i) ? beforeTail(s, textStart, i) : '';
    // A number inside words (第二十条第1项, 30号, 2022年, 〔2021〕) is text.
    const inWords =
      matchesAt(AFTER_NOT_FIGURE, s, i + raw.length) ||
      (before !== '' && NOT_FIGURE_BEFORE.test(before)) ||
      (before !== '' &&
        PLACEHOLDER_WORD_BEFORE.test(before) &&
        matchesAt(AFTER_SPACE_OR_END, s, after)) ||
      (raw.length === 4 && /^(?:19|20)\d\d$/.test(raw) && matchesAt(AFTER_YEAR, s, after)) ||
      prev === 0x2d; /* "-" of a range or a phone number */
    if (inWords) {
      i = j;
      continue;
    }
    flushText(s, textStart, i, line, cell, out);
    out.push(figureToken(raw, line, cell, i));
    i = j;
    // A unit right after the figure belongs to it.
    AFTER_UNIT.lastIndex = i;
    if (
      AFTER_UNIT.test(s) &&
      !(AFTER_UNIT.lastIndex < s.length && isCjk(s.charCodeAt(AFTER_UNIT.lastIndex)))
    )
      i = AFTER_UNIT.lastIndex;
    textStart = i;
  }
  flushText(s, textStart, s.length, line, cell, out);
}

/**
 * The token stream of a document's rows. Page furniture is dropped; an empty cell of a table
 * grid is an EmptyToken; so is an empty cell of a text line between two cells holding figures
 * (tabs or a Markdown table: a cell not filled in). A text line's other empty cells are spacing.
 */
export function tokenStream(rows: readonly SourceRow[]): StreamToken[] {
  const out: StreamToken[] = [];
  for (const row of rows) {
    const start = out.length;
    const cells = row.cells;
    // What the row's cells may hold, when the reader's rows say (a text file's lines).
    const hints = (row as { hints?: number }).hints ?? HINT_ALL;
    for (let cell = 0; cell < cells.length; cell++) {
      const raw = cells[cell]!;
      if (isDigits(raw)) {
        // A cell of digits alone (most cells of a table): the one figure cellTokens would make
        // of it — no furniture, placeholder or header matches digits alone, and nothing before
        // or after them makes them words.
        out.push(figureToken(raw, row.line, cell, 0));
        continue;
      }
      // Most cells are trimmed already (a text line's are): looked at before a copy is made.
      const text =
        raw.length > 0 &&
        (isWhiteSpace(raw.charCodeAt(0)) || isWhiteSpace(raw.charCodeAt(raw.length - 1)))
          ? raw.trim()
          : raw;
      if (text === '') {
        if (row.realCells?.[cell]) out.push(emptyToken(row.line, cell, 0));
        continue;
      }
      // Furniture, a placeholder header or a placeholder begins with one of few characters.
      if (isMarkStart(text.charCodeAt(0)) && isMarkEnd(text.charCodeAt(text.length - 1))) {
        if (PAGE_MARK.test(text)) continue;
        if (PLACEHOLDER_HEADER.test(text)) {
          out.push(textToken(text, row.line, cell, 0));
          continue;
        }
        if (PLACEHOLDER.test(text)) {
          out.push(emptyToken(row.line, cell, 0, markOf(text)));
          continue;
        }
      }
      const from = out.length;
      // A cell of a row without a digit is text alone (cellTokens would find no figure in it).
      if ((hints & HINT_FIGURE) === 0) flushText(text, 0, text.length, row.line, cell, out);
      else cellTokens(text, row.line, cell, out);
      // Placeholder marks are only looked for in text tokens (a cell of figures has none), and
      // only where a text token holds a mark's character (else withInlineMarks keeps them all).
      if (out.length - from === 1 && out[from]!.kind !== 'text') continue;
      if ((hints & HINT_MARK) !== 0 && hasMarkCharacter(out, from))
        out.push(...withInlineMarks(out.splice(from)));
    }
    if (!row.realCells && out.length - start >= 2) withBlankCells(row, out, start);
  }
  return withNumberingRejoined(out);
}

/** Whether a string is one or more ASCII digits and nothing else. */
function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}
