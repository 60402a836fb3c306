/**
 * What every format's reader gives the report reader: rows of cells with their line numbers;
 * and what the report reader gives back about each figure: the line it came from.
 */

/** One row of the source: a line of text cut into cells, or a row of a table grid. */
export interface SourceRow {
  /** 1-based number of the line in the source text shown to the user. */
  line: number;
  cells: readonly string[];
  /**
   * For rows of a real table grid (HTML, DOCX): which empty cells are cells of the table (as
   * opposed to the continuation of a merged cell). An empty cell of the table is a blank value.
   */
  realCells?: readonly boolean[];
  /** The row as printed (original characters, before cleaning); the narrative is taken from it. */
  display?: string;
  /** The row begins a new page (pdftotext writes a form feed there). */
  pageBreak?: boolean;
}

/** Where each figure came from: "applications.received.total" → line number. */
export type SourceLines = Record<string, number>;
