/**
 * The cells of a Markdown table's row, as splitCells cuts them (its outer pipes removed, cut at
 * every other "|", each piece cut again at runs of two or more spaces, every cell trimmed), read
 * in place in the text: one slice per cell and no runtime call per cell.
 */
import { isWhiteSpace } from './text.js';

/**
 * The cells of the row text[from, to) — a row with nothing cleanLine changes, its first
 * character (after white space) a "|" and no rule line. Null when the row, trimmed, is that
 * "|" alone (left to splitCells).
 */
export function markdownCells(text: string, from = 0, to = text.length): string[] | null {
  while (from < to && isWhiteSpace(text.charCodeAt(from))) from++;
  while (to > from && isWhiteSpace(text.charCodeAt(to - 1))) to--;
  if (to - from <= 1) return null;
  // The outer pipes.
  from++;
  if (text.charCodeAt(to - 1) === 0x7c) to--;
  const cells: string[] = [];
  let cell = from;
  for (let i = from; i < to; i++) {
    if (text.charCodeAt(i) !== 0x7c) continue;
    pushCell(text, cell, i, cells);
    cell = i + 1;
  }
  pushCell(text, cell, to, cells);
  return cells;
}

/** Pushes the cell text[from, to) cut at runs of two or more spaces, each part trimmed. */
function pushCell(text: string, from: number, to: number, out: string[]): void {
  let start = from;
  for (let i = from; i < to - 1; i++) {
    if (text.charCodeAt(i) !== 32 || text.charCodeAt(i + 1) !== 32) continue;
    out.push(trimmed(text, start, i));
    let j = i + 2;
    while (j < to && text.charCodeAt(j) === 32) j++;
    start = j;
    i = j - 1;
  }
  out.push(trimmed(text, start, to));
}

/** text[from, to) trimmed. */
function trimmed(text: string, from: number, to: number): string {
  while (from < to && isWhiteSpace(text.charCodeAt(from))) from++;
  while (to > from && isWhiteSpace(text.charCodeAt(to - 1))) to--;
  return from === to ? '' : text.slice(from, to);
}
