/**
 * The text a reader makes of a structured document (HTML, DOCX, PDF): one line per paragraph
 * and one per table row (cells separated by tabs), the lines people see beside the parsed
 * report, and the rows of cells the core reader reads.
 */
import { cleanLine, splitCells } from '../core/ingest/text.js';
import type { SourceRow } from '../core/ingest/source.js';

/** A cell of a table as a document declares it. */
export interface GridCell {
  text: string;
  colspan: number;
  rowspan: number;
  /** DOCX: the cell continues a vertical merge from the row above. */
  continuesAbove?: boolean;
  /** DOCX: grid columns skipped before this cell (w:gridBefore). */
  skipBefore?: number;
}

const MAX_SPAN = 64;
const MAX_GRID_CELLS = 100_000;

/** Collapses whitespace; joins CJK without spaces, as a browser shows a cell. */
export function tidy(text: string): string {
  return text
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .replace(/([\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])/g, '$1')
    .trim();
}

export class LineCollector {
  readonly lines: string[] = [];
  readonly rows: SourceRow[] = [];
  private pageBreakNext = false;

  /** The next line starts a new page. */
  pageBreak(): void {
    this.pageBreakNext = true;
  }

  private push(row: Omit<SourceRow, 'line'>, text: string): void {
    const line = this.lines.length + 1;
    this.lines.push(text);
    const full: SourceRow = { line, ...row };
    if (this.pageBreakNext) {
      full.pageBreak = true;
      this.pageBreakNext = false;
    }
    this.rows.push(full);
  }

  /** A paragraph of prose (or a line of preformatted text, cut into cells like a text file). */
  paragraph(text: string, asText = false): void {
    const shown = asText ? text.trimEnd() : tidy(text);
    if (shown.trim() === '') return;
    const clean = cleanLine(shown);
    const cells = asText || shown.includes('\t') ? splitCells(clean) : [clean.trim()];
    this.push({ cells, display: shown }, shown);
  }

  /** A table: cells placed on a grid by their spans; each grid row becomes one line. */
  table(rows: readonly (readonly GridCell[])[]): void {
    const grid: { text: string; real: boolean }[][] = [];
    const taken: boolean[][] = [];
    let cellsPlaced = 0;
    rows.forEach((row, r) => {
      grid[r] ??= [];
      taken[r] ??= [];
      let c = 0;
      for (const cell of row) {
        if (cell.skipBefore) c += Math.min(cell.skipBefore, MAX_SPAN);
        while (taken[r]![c]) c++;
        const colspan = Math.max(1, Math.min(cell.colspan, MAX_SPAN));
        const rowspan = Math.max(1, Math.min(cell.rowspan, MAX_SPAN));
        if ((cellsPlaced += colspan * rowspan) > MAX_GRID_CELLS) return;
        for (let dr = 0; dr < rowspan; dr++) {
          const rr = r + dr;
          grid[rr] ??= [];
          taken[rr] ??= [];
          for (let dc = 0; dc < colspan; dc++) {
            taken[rr]![c + dc] = true;
            grid[rr]![c + dc] =
              dr === 0 && dc === 0 && !cell.continuesAbove
                ? { text: tidy(cell.text), real: true }
                : { text: '', real: false };
          }
        }
        c += colspan;
      }
    });
    for (const row of grid) {
      if (!row) continue;
      const cells: string[] = [];
      const real: boolean[] = [];
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        cells.push(cell ? cleanLine(cell.text).trim() : '');
        real.push(cell?.real ?? false);
      }
      // A row of empty cells is a row of figures not filled in (a table 四 of zeros left blank),
      // kept so the table's totals can confirm them as 0; a spacer row (one or two cells) is not.
      if (cells.every((c) => c === '') && real.filter(Boolean).length < 3) continue;
      const shown = row.map((cell) => cell?.text ?? '').join('\t');
      this.push({ cells, realCells: real, display: shown }, shown);
    }
  }
}
