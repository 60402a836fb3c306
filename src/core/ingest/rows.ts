/**
 * The rows the report reader works on: a text file's lines cut into cells, or the rows another
 * format's reader made; long lines cut at their section headings; and page furniture (page
 * numbers) found so that it is read as neither prose nor figure.
 */
import type { SourceRow } from './source.js';
import {
  cutAtHeadings,
  cutAtInlineHeadings,
  holdsHeadingNumber,
  sectionAnchors,
  sectionOrder,
} from './structure/template.js';
import {
  cellHints,
  HINT_ALL,
  HINT_FIGURE,
  HINT_HEADING,
  HINT_MARK,
  lineEnd,
  lineText,
  plainCells,
  plainDisplayLine,
  plainHints,
  plainPiped,
  plainShown,
} from './line-cells.js';
import { cleanLine, codeSet, displayLine, isBlank, isRuleLine, splitCells } from './text.js';

/** A row of the document as the reader uses it. */
export class Row implements SourceRow {
  /** Whether the row has no text (no cell, or only empty or blank ones). */
  readonly empty: boolean;
  /** The first character of the row's text (NaN when empty). */
  readonly firstCode: number;
  /** A piece of a long line cut at its section headings (relined). */
  piece = false;
  /** What the cells may hold (line-cells.ts's HINT_ bits: a bit cleared, they hold none of it). */
  hints = HINT_ALL;
  private joined: string | undefined;
  private printedClean: string | undefined;
  /** The row is a plain line (line-cells.ts) of no "|": displayLine would only tidy its spaces. */
  private plainDisplay = false;

  constructor(
    readonly line: number,
    readonly cells: readonly string[],
    readonly realCells: readonly boolean[] | undefined,
    readonly pageBreak: boolean,
    /** The row as printed (SourceRow's display). */
    readonly display: string | undefined,
    /** The cells are trimmed already (plainCells'): not trimmed again. */
    trimmed = false,
  ) {
    if (cells.length === 1) {
      this.joined = trimmed ? cells[0]! : cells[0]!.trim();
      this.empty = this.joined === '';
      this.firstCode = this.joined.charCodeAt(0);
    } else {
      // Most rows of many cells are table rows, whose text is seldom needed: joined on demand.
      let first = NaN;
      for (const cell of cells) {
        const text = trimmed ? cell : cell.trim();
        if (text !== '') {
          first = text.charCodeAt(0);
          break;
        }
      }
      this.empty = Number.isNaN(first);
      this.firstCode = first;
    }
  }

  /** A row of the reader's from any source row (the rows of lineRows already are). */
  static of(source: SourceRow): Row {
    return source instanceof Row
      ? source
      : new Row(
          source.line,
          source.cells,
          source.realCells,
          source.pageBreak === true,
          source.display,
        );
  }

  /** The row's non-empty cells joined by a space (half-width, for matching). */
  get text(): string {
    if (this.joined === undefined) {
      const parts: string[] = [];
      for (const cell of this.cells) if (cell !== '') parts.push(cell);
      this.joined = parts.join(' ').trim();
    }
    return this.joined;
  }

  /** The row as printed, known already (the same as displayLine would make of its display). */
  shownAs(printed: string): void {
    this.printedClean = printed;
  }

  /** displayLine of the row's display is plainDisplayLine's (line-cells.ts). */
  shownPlain(): void {
    this.plainDisplay = true;
  }

  /** The row as printed (for the narrative), worked out only for the rows that need it. */
  get shown(): string {
    this.printedClean ??=
      this.display === undefined
        ? this.text
        : this.plainDisplay
          ? plainDisplayLine(this.display)
          : displayLine(this.display);
    return this.printedClean;
  }
}

/** Lines of a text file to rows (a form feed marks a page break, as pdftotext writes). */
export function textRows(text: string): SourceRow[] {
  return lineRows(text.split(/\r\n|\r|\n/));
}

/** The lines of a text file (already split) to rows (the reader's own). */
export function lineRows(lines: readonly string[]): SourceRow[] {
  const rows: Row[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    rows.push(lineRow(plainCells(raw, 0, raw.length, false), raw, i + 1));
  }
  return rows;
}

/**
 * The lines of a text file (as split at \r\n, \r or \n) and their rows (as lineRows makes
 * them), in one pass over the text that finds the lines' ends and cuts their cells: a pass over
 * the whole string reads it faster than one over each line's slice.
 */
export function textLines(text: string): { lines: string[]; rows: Row[] } {
  const lines: string[] = [];
  const rows: Row[] = [];
  const n = text.length;
  for (let start = 0; ;) {
    const cells = plainCells(text, start, n, true);
    const raw = lineText();
    lines.push(raw);
    rows.push(lineRow(cells, raw, lines.length));
    const end = lineEnd();
    if (end >= n) break;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return { lines, rows };
}

/** The row of a line numbered `line`, given the cells plainCells cut of it (null: not plain). */
function lineRow(plain: string[] | null, raw: string, line: number): Row {
  // Most lines need no cleaning and are cut only at tabs: one pass.
  if (plain !== null) {
    const row = new Row(line, plain, undefined, false, raw, true);
    row.hints = plainHints();
    const shown = plainShown(raw, plain);
    if (shown !== undefined) row.shownAs(shown);
    else if (!plainPiped()) row.shownPlain();
    return row;
  }
  const clean = cleanLine(raw);
  // cleanLine removes a form feed: a line it leaves as it is has none.
  const pageBreak = clean !== raw && raw.includes('\f');
  const empty = isBlank(clean) || isRuleLine(clean);
  const cells = empty ? [] : splitCells(clean);
  const row = new Row(line, cells, undefined, pageBreak, raw);
  row.hints = cellHints(cells);
  return row;
}

// ---------------------------------------------------------------------------------------------
// Page furniture
// ---------------------------------------------------------------------------------------------

const PAGE_NUMBER =
  /^(?:[-—–_]\s*\d{1,4}\s*[-—–_]|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页)$/i;

/** The characters a page number (PAGE_NUMBER, or a bare number) can begin with. */
const isPageNumberStart = codeSet('-—–_第共pP0123456789');

export function furnitureRows(rows: readonly Row[]): Set<number> {
  const out = new Set<number>();
  let lastNonEmpty = rows.length - 1;
  while (lastNonEmpty >= 0 && rows[lastNonEmpty]!.empty) lastNonEmpty--;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.empty || !isPageNumberStart(row.firstCode)) continue;
    // Most such rows are figures (a cell per line): one that begins with a digit is a page
    // number "3 / 12" only with a slash, or a bare number only near a page break or at the end,
    // which are cheaper to see than the row's text.
    const digitFirst = row.firstCode >= 48 && row.firstCode <= 57;
    if ((!digitFirst || hasSlash(row)) && PAGE_NUMBER.test(row.text)) {
      out.add(i);
      continue;
    }
    if (!digitFirst) continue;
    // A bare number is a page number only next to a page break, or at the very end.
    const nearBreak =
      row.pageBreak || rows[i + 1]?.pageBreak === true || (i > 0 && rows[i - 1]!.pageBreak);
    if ((nearBreak || i === lastNonEmpty) && /^\d{1,3}$/.test(row.text)) out.add(i);
  }
  return out;
}

/** Whether a row's cells hold a "/" (none when its hints say they hold no placeholder mark). */
function hasSlash(row: Row): boolean {
  if ((row.hints & HINT_MARK) === 0) return false;
  for (const cell of row.cells) if (cell.includes('/')) return true;
  return false;
}

/**
 * Rows of one long cell holding several section headings, cut before each heading; and lines of
 * wrapped prose (a PDF's paragraph printed as lines) with a section heading after other text or
 * its text after the heading, cut before the heading and after its title — each heading only
 * when it comes after the last one the document gave.
 */
export function relined(rows: readonly SourceRow[]): Row[] {
  let last = -1;
  const out: Row[] = [];
  for (const r of rows) {
    // A row of a table grid, or a row of cells (most of a table's) holding no section's number
    // (its cells are not joined to be searched): no heading to cut at.
    if (r instanceof Row && (r.hints & HINT_HEADING) === 0) {
      out.push(r);
      continue;
    }
    if (r.realCells || (r.cells.length !== 1 && !holdsHeadingNumber(r.cells))) {
      out.push(Row.of(r));
      continue;
    }
    const text = r.cells.length === 1 ? r.cells[0]! : r.cells.join('\t');
    // Most lines hold no heading: nothing to cut, and the last heading stays. A row holding
    // figures ("二、上年结转…\t0\t1") is not remembered: its figures differ in every report.
    const anchors = sectionAnchors(text, !(r instanceof Row) || (r.hints & HINT_FIGURE) === 0);
    let pieces: readonly string[] = [];
    if (anchors.length > 0) {
      if (text.length - (r.cells.length - 1) >= 300) {
        // A long line (its cells' characters, the tabs between them not counted).
        pieces = cutAtHeadings(text, anchors);
        for (const a of anchors) last = Math.max(last, sectionOrder(a.key));
      } else {
        const cut = cutAtInlineHeadings(text, last, anchors);
        pieces = cut.pieces;
        last = cut.last;
      }
    }
    if (pieces.length <= 1) {
      out.push(Row.of(r));
      continue;
    }
    for (const piece of pieces) {
      const row = Row.of({
        line: r.line,
        cells: piece.split('\t'),
        display: piece.replace(/\t/g, ' '),
      });
      row.piece = true;
      out.push(row);
    }
  }
  return out;
}
