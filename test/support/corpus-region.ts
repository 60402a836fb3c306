/**
 * The table region of a corpus report (from the first “第二十条第” to the heading
 * “五、…存在的主要问题”), cut into pieces — a figure, or a run of text — whatever the source's
 * layout (tabs, Markdown pipes, runs of spaces, one cell per line, cells run together on one
 * line), and the pieces grouped into rows and tables: what every transformation works on.
 */
import { CELLS, type Truth } from './corpus-truth.js';

/** Where the tables are: from the first “第二十条第” to the heading of section 五 (or the end). */
export function tableRegion(text: string): { start: number; end: number } {
  const start = text.indexOf('第二十条第');
  if (start < 0) throw new Error('no table region (no “第二十条第”)');
  const five = /五\s*、[^\n。]{0,12}存在的主要问题/g;
  five.lastIndex = start;
  const end = five.exec(text)?.index ?? text.length;
  return { start, end };
}

export interface Piece {
  text: string;
  figure: boolean;
  /** The source line (0-based, within the region) the piece is on. */
  line: number;
}

/** A unit after a number makes it prose (2023年, 5件), not a cell. */
const UNIT = /^[年月日号件个条项次人名家万元%％]/;

/** The pieces of one chunk (a cell of the source): figures and the text between them. */
export function chunkPieces(chunk: string, line: number): Piece[] {
  const out: Piece[] = [];
  const push = (text: string, figure: boolean) => {
    const t = text.trim();
    if (t === '') return;
    const last = out[out.length - 1];
    if (!figure && last && !last.figure) last.text += ` ${t}`;
    else out.push({ text: t, figure, line });
  };
  let at = 0;
  for (const m of chunk.matchAll(/\d+(?:\.\d+)?/g)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = chunk.slice(0, start);
    const after = chunk.slice(end);
    const label = /^[.．、]/.test(after) && !/^[.．]\d/.test(after); // “1.”, “2、”
    const prose = UNIT.test(after) || /[第A-Za-z]$/.test(before);
    // A header word with a number of its own (a converter's “数据1”): the word stands alone.
    const headerWord = /(?:^|\s)[\u3400-\u9fff]+$/.test(before) && /^(?:\s|$)/.test(after);
    if (prose || headerWord) continue;
    // A label's number glued to the figures before it (“00000002.其他…”): its last digit.
    const figure = label ? m[0].slice(0, -1) : m[0];
    if (figure === '' || (label && figure.includes('.'))) continue;
    push(chunk.slice(at, start), false);
    push(figure, true);
    at = start + figure.length;
  }
  push(chunk.slice(at), false);
  return out;
}

/**
 * The pieces of the table region: cut at line ends, tabs, Markdown pipes, ideographic spaces
 * and runs of spaces (a Markdown rule row dropped), then into figures and text — a figure is
 * a number standing on its own or glued between labels (“规章000行政规范性文件”), not a label's
 * number (“1.”), a number with a unit (“2023年”) or a header word's (“数据1”).
 */
export function regionPieces(region: string, truth?: Truth): Piece[] {
  const runs = truth ? truthRuns(truth) : new Map<string, string[]>();
  const pieces: Piece[] = [];
  region.split(/\n|\f/).forEach((line, n) => {
    for (const chunk of line.split(/\t|\||\u3000| {2,}/)) {
      const c = chunk.trim();
      if (c === '' || /^:?-{3,}:?$/.test(c)) continue;
      for (const piece of chunkPieces(c, n)) {
        const cells = piece.figure ? runs.get(piece.text) : undefined;
        if (cells) pieces.push(...cells.map((text) => ({ text, figure: true, line: n })));
        else pieces.push(piece);
      }
    }
  });
  return pieces;
}

/**
 * A row's figures as the source runs them together (“713000074”), mapped to the row's cells
 * as the truth has them (71, 3, 0, 0, 0, 0, 74): the one thing about a source whose cells run
 * together that its text cannot tell, and that the truth does.
 */
function truthRuns(truth: Truth): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const key of CELLS) {
    if (truth.unknown?.includes(key)) continue;
    const row = key.slice(0, key.lastIndexOf('.'));
    rows.set(row, [...(rows.get(row) ?? []), String(truth.nonzero[key] ?? 0)]);
  }
  const runs = new Map<string, string[]>();
  const ambiguous = new Set<string>();
  for (const cells of rows.values()) {
    if (cells.length < 2) continue;
    const run = cells.join('');
    const known = runs.get(run);
    if (known && known.join(' ') !== cells.join(' ')) ambiguous.add(run);
    runs.set(run, cells);
  }
  for (const run of ambiguous) runs.delete(run);
  return runs;
}

/** The text with its table region replaced. */
export function withRegion(
  text: string,
  truth: Truth,
  render: (pieces: Piece[]) => string,
): string {
  const { start, end } = tableRegion(text);
  return `${text.slice(0, start)}\n${render(regionPieces(text.slice(start, end), truth))}\n${text.slice(end)}`;
}

/**
 * Rows of the table region: a row is a source line's pieces, a line of figures only joins the
 * row before it (one cell per line, a row's figures under its label), and a text piece after a
 * figure starts a new row (rows run together on one line).
 */
export function regionRows(pieces: readonly Piece[]): Piece[][] {
  const rows: Piece[][] = [];
  let line = -1;
  for (const piece of pieces) {
    const row = rows[rows.length - 1];
    const sameLine = piece.line === line;
    line = piece.line;
    if (row && piece.figure) row.push(piece);
    else if (row && sameLine && !row[row.length - 1]!.figure) row.push(piece);
    else rows.push([piece]);
  }
  return rows;
}

/** A section's heading (“四、政府信息公开行政复议、行政诉讼情况”): not a row, not wrapped. */
export const heading = (t: string) => /^#*\s*[一二三四五六七八九十]+\s*、.*情况$/.test(t);
/** A label that rows wrapped cuts in two. */
export const wraps = (t: string) => [...t].length > 8 && !heading(t);

/** The region's rows as tables, a section's heading between them a paragraph. */
export function tablesOf(rows: readonly Piece[][]): (string | Piece[][])[] {
  const out: (string | Piece[][])[] = [];
  for (const row of rows) {
    const only = row.length === 1 && !row[0]!.figure ? row[0]!.text : null;
    if (only !== null && heading(only)) out.push(only);
    else if (Array.isArray(out.at(-1))) (out.at(-1) as Piece[][]).push(row);
    else out.push([row]);
  }
  return out;
}

/** The table region's text. */
export const regionOf = (text: string) => {
  const { start, end } = tableRegion(text);
  return text.slice(start, end);
};
