/**
 * From rows of cells to a stream of tokens: label text and values, each with its line. Every
 * layout of a table — a row per line cut by tabs, spaces or pipes; a cell per line; a label
 * with its digits run on — becomes the same stream: a label, then its values.
 */
import { detach, hasNumbering, normalizeLabel } from './labels.js';

import type { SourceRow } from './source.js';

export type { SourceRow };

export interface TextToken {
  kind: 'text';
  text: string;
  /** normalizeLabel(text) */
  norm: string;
  numbered: boolean;
  line: number;
}

export interface ValueToken {
  kind: 'value';
  raw: string;
  /** null for a blank cell or a placeholder (—, /, 无). */
  value: number | null;
  line: number;
}

export type Token = TextToken | ValueToken;

const NUMBER = /^\d+(?:\.\d+)?$|^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const PLACEHOLDER = /^(?:-+|—+|–+|\/|无|空|\*|×|x|X)$/;
/** Cells that are numbers separated by single spaces: "0 0 0 0 0 0 0". */
const NUMBERS = /^[\d.,]+(?: [\d.,]+)*$/;
/** Numbers in a label's cell: "数量 0 0 1", "规章000", "申请 0 0 0 0 0 0 0数量". */
const NUMBER_RUN = /\d[\d.,]*(?: +\d[\d.,]*)*/g;
/** A digit after something other than a digit, "." or "," (white space between allowed). */
const TEXT_THEN_DIGIT = /[^\d.,\s]\s*\d/;
/** Where a cell of single-space-joined cells starts a new numbered label. */
const BEFORE_NUMBERING =
  /\s+(?=[(（][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[.、．](?![\d\s])|[一二三四五六七八九十]{1,2}、)/;

/** A count or an amount written with its unit: "15件", "3 件", "0.5万元", "1,280件". */
const WITH_UNIT = /^(\d[\d,]*(?:\.\d+)?)\s*(?:件|条|个|项|次|人次|人|份|家|万元|元)$/;
/** The last characters of WITH_UNIT's units (a cheap test before the pattern). */
const UNIT_END = new Set([...'件条个项次人份家元'].map((c) => c.charCodeAt(0)));

/** The number of a cell written with its unit, or null (most cells end in no unit). */
function withoutUnit(cell: string): string | null {
  const first = cell.charCodeAt(0);
  if (first < 48 || first > 57 || !UNIT_END.has(cell.charCodeAt(cell.length - 1))) return null;
  const number = WITH_UNIT.exec(cell)?.[1];
  return number !== undefined && parseNumber(number) !== null ? number : null;
}

const isDigits = (text: string): boolean => {
  if (text.length === 0 || text.length > 15) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};

function parseNumber(text: string): number | null {
  if (isDigits(text)) return Number(text);
  if (!NUMBER.test(text)) return null;
  return Number(text.replace(/,/g, ''));
}

/** Values in a cell of numbers, or null when the cell is not all numbers. */
export function cellValues(cell: string): string[] | null {
  if (isDigits(cell)) return [cell];
  if (!NUMBERS.test(cell)) return null;
  const parts = cell.split(' ');
  for (const p of parts) if (parseNumber(p) === null) return null;
  return parts;
}

/** A unit right after run-on figures, alone or before the next piece of text. */
const UNIT_AFTER = /^(?:件|条|个|项|次|人次|人|份|家|万元|元)(?=\s|$)/;

/** What tokenizing one row has seen so far. */
interface RowState {
  row: SourceRow;
  isLabel: (norm: string) => boolean;
  tokens: Token[];
  /** Empty cells seen since the last value, with whether each is a real cell of the table. */
  pendingBlanks: boolean[];
  seenValue: boolean;
}

function pushValue(state: RowState, raw: string, value: number | null): void {
  const { row, tokens } = state;
  if (state.seenValue) {
    // An empty cell between two values is a blank cell (in a grid, unless it is a merge).
    for (const real of state.pendingBlanks) {
      if (real || !row.realCells)
        tokens.push({ kind: 'value', raw: '', value: null, line: row.line });
    }
  }
  if (state.pendingBlanks.length > 0) state.pendingBlanks = [];
  tokens.push({ kind: 'value', raw, value, line: row.line });
  state.seenValue = true;
}

function pushText(state: RowState, text: string, norm: string): void {
  if (state.pendingBlanks.length > 0) state.pendingBlanks = [];
  state.seenValue = false;
  state.tokens.push({
    kind: 'text',
    text,
    norm,
    numbered: hasNumbering(text),
    line: state.row.line,
  });
}

/**
 * A label, maybe with its numbers run on and text of the next line glued after them.
 * `beforeValues`: the piece ends its cell and the row's next cell holds figures, so one figure
 * at its end after a space is the row's first figure ("其政府 0", a wrapped label's piece that
 * pdftotext -layout set one space before the first column).
 */
function labelPiece(state: RowState, piece: string, beforeValues = false): void {
  const text = piece.trim();
  if (text === '') return;
  const values = cellValues(text);
  if (values) {
    for (const v of values) pushValue(state, v, parseNumber(v));
    return;
  }
  // Numbers run on only after text (a digit after a leading list number such as "1." is not):
  // without that, no NUMBER_RUN match below passes its first test.
  if (!TEXT_THEN_DIGIT.test(text)) {
    pushText(state, text, normalizeLabel(text));
    return;
  }
  // An exec loop rather than matchAll, which copies the expression on every call. The loop
  // ends at the recursive call below (which runs NUMBER_RUN over the rest): it returns at once.
  NUMBER_RUN.lastIndex = 0;
  for (let m = NUMBER_RUN.exec(text); m !== null; m = NUMBER_RUN.exec(text)) {
    const prefix = text.slice(0, m.index).trim();
    if (prefix === '' || /[\d.,]$/.test(prefix)) continue;
    const norm = normalizeLabel(prefix);
    const numbers = m[0].split(/ +/);
    // After a label, or a row of figures after a fragment of a wrapped label.
    const spaced =
      (numbers.length >= 2 || (beforeValues && m.index + m[0].length === text.length)) &&
      /\s$/.test(text.slice(0, m.index));
    if (norm.length === 0 || !(spaced || state.isLabel(norm))) continue;
    if (!numbers.every((v) => parseNumber(v) !== null)) continue;
    pushText(state, prefix, norm);
    for (const v of numbers) pushValue(state, v, parseNumber(v));
    let rest = text.slice(m.index + m[0].length).trim();
    // The figure's unit ("行政许可1280件"): not text of the next label.
    const unit = UNIT_AFTER.exec(rest);
    if (unit) rest = rest.slice(unit[0].length).trim();
    if (rest) labelPiece(state, rest);
    return;
  }
  pushText(state, text, normalizeLabel(text));
}

/**
 * Tokens of one row, appended to `tokens` (a new array by default). `isLabel` tells whether a
 * text may carry run-on numbers (a table label); prose ending in a number is left whole.
 */
export function tokenizeRow(
  row: SourceRow,
  isLabel: (norm: string) => boolean,
  tokens: Token[] = [],
): Token[] {
  const state: RowState = { row, isLabel, tokens, pendingBlanks: [], seenValue: false };
  const cells = row.cells;
  for (let index = 0; index < cells.length; index++) {
    const cell = cells[index]!;
    if (cell === '') {
      if (state.seenValue) state.pendingBlanks.push(row.realCells?.[index] ?? false);
      continue;
    }
    if (isDigits(cell)) {
      // The usual cell of a table: one count (what cellValues and parseNumber make of it).
      pushValue(state, cell, Number(cell));
      continue;
    }
    const number = withoutUnit(cell);
    if (number !== null) {
      pushValue(state, number, parseNumber(number));
      continue;
    }
    const known = LABEL_CELLS.get(cell);
    if (known) {
      for (const piece of known) pushLabel(state, piece);
      continue;
    }
    const values = cellValues(cell);
    if (values) {
      for (const v of values) pushValue(state, v, parseNumber(v));
      continue;
    }
    if (PLACEHOLDER.test(cell)) {
      pushValue(state, cell, null);
      continue;
    }
    if (cell.length > 90) {
      pushText(state, cell, '');
      continue;
    }
    // Cells of a line joined by single spaces (a PDF's text): "三、本年度办理结果 (一) 予以公开 1 0".
    const pieces = !/\s/.test(cell) ? [cell] : cell.split(BEFORE_NUMBERING);
    const labels = plainLabels(pieces);
    if (labels) {
      if (LABEL_CELLS.size >= 20_000) LABEL_CELLS.clear();
      LABEL_CELLS.set(detach(cell), labels.map(detachLabel));
      for (const piece of labels) pushLabel(state, piece);
    } else {
      const beforeValues = valuesNext(cells, index);
      for (let p = 0; p < pieces.length; p++)
        labelPiece(state, pieces[p]!, beforeValues && p === pieces.length - 1);
    }
  }
  return state.tokens;
}

/** Whether the next non-empty cell after `index` holds figures only. */
function valuesNext(cells: readonly string[], index: number): boolean {
  for (let i = index + 1; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell !== '') return isDigits(cell) || cellValues(cell) !== null;
  }
  return false;
}

/** A piece of a label cell as its text token needs it. */
interface PlainLabel {
  text: string;
  norm: string;
  numbered: boolean;
}

/**
 * Label cells already met, as their text tokens. Only cells that hold no figures are kept (what
 * becomes of them depends on nothing but the cell), and the same labels come back in every
 * report. Bounded.
 */
const LABEL_CELLS = new Map<string, readonly PlainLabel[]>();

/**
 * The pieces of a label cell as labelPiece would push them, when every piece is plain text (no
 * figures, no numbers run on); null otherwise.
 */
function plainLabels(pieces: readonly string[]): PlainLabel[] | null {
  const labels: PlainLabel[] = [];
  for (const piece of pieces) {
    const text = piece.trim();
    if (text === '') continue;
    if (cellValues(text) || TEXT_THEN_DIGIT.test(text)) return null;
    labels.push({ text, norm: normalizeLabel(text), numbered: hasNumbering(text) });
  }
  return labels;
}

const detachLabel = (l: PlainLabel): PlainLabel => ({
  text: detach(l.text),
  norm: detach(l.norm),
  numbered: l.numbered,
});

function pushLabel(state: RowState, label: PlainLabel): void {
  if (state.pendingBlanks.length > 0) state.pendingBlanks = [];
  state.seenValue = false;
  state.tokens.push({
    kind: 'text',
    text: label.text,
    norm: label.norm,
    numbered: label.numbered,
    line: state.row.line,
  });
}
