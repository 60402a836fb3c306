/**
 * Reads the tables of an HTML document (ours, or mammoth's reading of a DOCX) into cells with
 * their spans, and into a matrix that places each cell where a browser would.
 */
import { Parser } from 'htmlparser2';

export interface HtmlCell {
  tag: 'td' | 'th';
  text: string;
  rowSpan: number;
  colSpan: number;
}

export type HtmlTable = HtmlCell[][];

export function readHtmlTables(html: string): HtmlTable[] {
  const tables: HtmlTable[] = [];
  const stack: HtmlTable[] = [];
  let cell: HtmlCell | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'table') stack.push([]);
        else if (name === 'tr') stack.at(-1)?.push([]);
        else if (name === 'td' || name === 'th') {
          cell = {
            tag: name,
            text: '',
            rowSpan: Number(attributes.rowspan ?? 1),
            colSpan: Number(attributes.colspan ?? 1),
          };
        }
      },
      ontext(text) {
        if (cell) cell.text += text;
      },
      onclosetag(name) {
        if ((name === 'td' || name === 'th') && cell) {
          cell.text = cell.text.replace(/\s+/g, ' ').trim();
          stack.at(-1)?.at(-1)?.push(cell);
          cell = null;
        } else if (name === 'table') {
          const table = stack.pop();
          if (table) tables.push(table);
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return tables;
}

/** The table as a matrix: each cell's text at its first row and column, '' where it spans. */
export function tableMatrix(table: HtmlTable): string[][] {
  const matrix: (string | undefined)[][] = table.map(() => []);
  table.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (matrix[r]![c] !== undefined) c++;
      for (let dr = 0; dr < cell.rowSpan && r + dr < table.length; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) {
          matrix[r + dr]![c + dc] = dr === 0 && dc === 0 ? cell.text : '';
        }
      }
      c += cell.colSpan;
    }
  });
  return matrix.map((row) => Array.from(row, (v) => v ?? ''));
}
