/**
 * A corpus report as the documents a website or an office suite makes of it: an HTML page and
 * a DOCX, the table region a table, the rest paragraphs.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { regionPieces, regionRows, tableRegion, tablesOf, type Piece } from './corpus-region.js';
import type { Truth } from './corpus-truth.js';

/**
 * The report as an HTML page: its table region a table, the rest paragraphs. A zero cell is
 * left empty unless `zeros` is 'written' (a PDF printed from a page whose zero cells are empty
 * has no figure in its text layer at all: that is a different document).
 */
export function htmlOf(text: string, truth: Truth, zeros: 'empty' | 'written' = 'empty'): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const paragraphs = (s: string) =>
    s
      .split(/\n|\f/)
      .filter((l) => l.trim() !== '')
      .map((l) => `<p>${esc(l)}</p>`);
  const { start, end } = tableRegion(text);
  const rows = regionRows(regionPieces(text.slice(start, end), truth));
  const cell = (p: Piece) =>
    zeros === 'empty' && p.figure && Number(p.text) === 0 ? '' : esc(p.text);
  return [
    '<!doctype html><html><head><meta charset="utf-8"><style>td{border:1px solid #000}</style></head><body>',
    ...paragraphs(text.slice(0, start)),
    ...tablesOf(rows).map((t) =>
      typeof t === 'string'
        ? `<p>${esc(t)}</p>`
        : [
            '<table>',
            ...t.map((row) => `<tr>${row.map((p) => `<td>${cell(p)}</td>`).join('')}</tr>`),
            '</table>',
          ].join('\n'),
    ),
    ...paragraphs(text.slice(end)),
    '</body></html>',
  ].join('\n');
}

/** The report as a DOCX: its table region a table, every other line a paragraph. */
export async function docxOf(text: string, truth: Truth): Promise<Uint8Array> {
  const paragraphs = (s: string) =>
    s
      .split(/\n|\f/)
      .filter((l) => l.trim() !== '')
      .map((l) => new Paragraph(l));
  const { start, end } = tableRegion(text);
  const table = (rows: Piece[][]) => {
    const width = Math.max(...rows.map((r) => r.length));
    return new Table({
      rows: rows.map(
        (r) =>
          new TableRow({
            children: Array.from(
              { length: width },
              (_, i) => new TableCell({ children: [new Paragraph(r[i]?.text ?? '')] }),
            ),
          }),
      ),
    });
  };
  const rows = regionRows(regionPieces(text.slice(start, end), truth));
  const children = [
    ...paragraphs(text.slice(0, start)),
    ...tablesOf(rows).map((t) => (typeof t === 'string' ? new Paragraph(t) : table(t))),
    ...paragraphs(text.slice(end)),
  ];
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}
