/**
 * The token stream's passes after a cell's text is cut into tokens: placeholder marks standing
 * alone in a text made empty tokens, a text line's empty cells between figures made empty
 * tokens, and a list number cut from its label by a line break given back to it.
 */
import type { SourceRow } from '../source.js';
import { emptyToken, figureToken, textToken } from './stream.js';
import type { StreamToken, TextToken } from './stream.js';

/** A placeholder as written, its full-width forms half-width ("－" → "-", "／" → "/"). */
export const markOf = (text: string) => text.replace(/－/g, '-').replace(/／/g, '/');
export const isCjk = (c: number) => c >= 0x3400 && c <= 0x9fff;

/** Whether a text token from `from` on holds a character a placeholder mark is made of. */
export function hasMarkCharacter(tokens: readonly StreamToken[], from: number): boolean {
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'text' && MARK_CHARACTER.test(t.text)) return true;
  }
  return false;
}

/** The characters of MARK (LEADING_MARKS and TRAILING_MARKS match nothing without one). */
const MARK_CHARACTER = /[-—–－/／]/;

/** A run of placeholders standing alone in a text ("— /"), each between spaces. */
const MARK = '(?:[-—–－]{1,2}|[/／])';
const LEADING_MARKS = new RegExp(`^(${MARK}(?:\\s+${MARK})*)(?=\\s|$)`);
const TRAILING_MARKS = new RegExp(`(?:^|\\s)(${MARK}(?:\\s+${MARK})*)$`);

/** A run of placeholders in a text token, each an empty token in its place, appended to `out`. */
function marks(run: string, t: TextToken, from: number, out: StreamToken[]): void {
  let column = t.column + from;
  for (const m of run.split(/(\s+)/)) {
    if (m.trim() !== '') out.push(emptyToken(t.line, t.cell, column, markOf(m)));
    column += m.length;
  }
}

/**
 * Placeholders inside a cell's text where its cells were joined by single spaces (a crawler's
 * page on one line: "（一）予以公开 20 6 1 — 1 1 29", "行政许可 —"): a mark standing alone among
 * the figures of a row, or ending the cell after a label, is a place of a figure the report
 * left without one — an empty token, not words (which would let the row be read as if the cell
 * were lost, and recovered as 0). A mark inside words ("2021年—2022年") is not alone and stays.
 */
export function withInlineMarks(tokens: readonly StreamToken[]): StreamToken[] {
  const hasFigure = tokens.some((t) => t.kind === 'figure');
  const out: StreamToken[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== 'text') {
      out.push(t);
      return;
    }
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    // Marks right after a figure of the row, before the text that follows them.
    const lead = prev && prev.kind !== 'text' ? LEADING_MARKS.exec(t.text) : null;
    const from = lead ? lead[1]!.length : 0;
    const text = t.text.slice(from);
    // Marks before a figure of the row, or ending a cell of figures or a label's cell.
    const trail = TRAILING_MARKS.exec(text);
    // Not after a number in words ("见第 3 / 12 页"): a label ends in words.
    const takeTrail =
      trail !== null &&
      !/\d\s*$/.test(text.slice(0, trail.index)) &&
      (next !== undefined
        ? next.kind !== 'text'
        : hasFigure || text.slice(0, trail.index).trim() !== '');
    if (!lead && !takeTrail) {
      out.push(t);
      return;
    }
    if (lead) marks(lead[1]!, t, 0, out);
    const words = takeTrail ? text.slice(0, trail.index) : text;
    if (words.trim() !== '')
      out.push(
        textToken(
          words.trim(),
          t.line,
          t.cell,
          t.column + from + (words.length - words.trimStart().length),
        ),
      );
    if (takeTrail) marks(trail[1]!, t, from + text.length - trail[1]!.length, out);
  });
  return out;
}

/**
 * A text line's empty cells between a cell ending with a figure and one beginning with a figure
 * (nothing but empty cells between them), as EmptyTokens in their places among the line's tokens
 * (from `start` in `out`).
 */
export function withBlankCells(row: SourceRow, out: StreamToken[], start: number): void {
  // Most lines have no empty cell between two figures: looked for before any copy is made.
  let gap = false;
  for (let i = start + 1; i < out.length && !gap; i++) {
    const prev = out[i - 1]!;
    const t = out[i]!;
    gap = prev.kind === 'figure' && t.kind === 'figure' && t.cell > prev.cell + 1;
  }
  if (!gap) return;
  const tokens = out.slice(start);
  const result: StreamToken[] = [];
  for (const [i, t] of tokens.entries()) {
    const prev = tokens[i - 1];
    if (prev?.kind === 'figure' && t.kind === 'figure' && t.cell > prev.cell + 1) {
      const between = row.cells.slice(prev.cell + 1, t.cell).map((_, k) => prev.cell + 1 + k);
      if (between.every((c) => row.cells[c]!.trim() === ''))
        for (const cell of between) result.push(emptyToken(row.line, cell, 0));
    }
    result.push(t);
  }
  if (result.length > tokens.length) out.splice(start, tokens.length, ...result);
}

/**
 * A label's list number cut from its words by a line break ("…信息 10000016." then "属于四类…"
 * on the next line: a PDF's row wrapped after "6."): the digit before the "." that ends the
 * line is the next label's number, not the figures' last digit. It goes back to its label.
 */
export function withNumberingRejoined(tokens: StreamToken[]): StreamToken[] {
  // Most streams have no such number (a text token "." or "、" after a figure): kept as they are.
  let from = -1;
  for (let i = 0; i < tokens.length - 2 && from < 0; i++)
    if (tokens[i]!.kind === 'figure' && isMarkToken(tokens[i + 1]!)) from = i;
  if (from < 0) return tokens;
  const out: StreamToken[] = tokens.slice(0, from);
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    const mark = tokens[i + 1];
    const label = tokens[i + 2];
    if (
      t.kind !== 'figure' ||
      t.raw.includes('.') ||
      mark?.kind !== 'text' ||
      mark.line !== t.line ||
      !/^[.、]$/.test(mark.text) ||
      label?.kind !== 'text' ||
      label.line <= t.line ||
      !isCjk(label.text.charCodeAt(0))
    ) {
      out.push(t);
      continue;
    }
    const number = t.raw.slice(-1);
    if (t.raw.length > 1) out.push(figureToken(t.raw.slice(0, -1), t.line, t.cell, t.column));
    out.push(textToken(`${number}${mark.text}${label.text}`, label.line, label.cell, label.column));
    i += 2;
  }
  return out;
}

/** A text token that is a list number's mark alone ("." or "、"). */
const isMarkToken = (t: StreamToken) => t.kind === 'text' && (t.text === '.' || t.text === '、');
