/**
 * Reading a DOCX from its document XML (word/document.xml): paragraphs become lines and tables
 * stay tables — w:gridSpan is a colspan, w:vMerge a vertical merge — laid on the same grid as
 * HTML tables. Faster than converting through HTML, and nothing of the table is lost.
 *
 * The XML is read by a small scanner made for what Word and WPS write (docx-scan.ts); anything
 * it does not know goes to htmlparser2 instead, which reads every document the same way, only
 * about five times slower.
 */
import { Parser } from 'htmlparser2';
import { scanDocumentXml } from './docx-scan.js';
import { LineCollector, type GridCell } from './lines.js';
import { zipEntries, zipRead, ZipError } from './zip.js';

export { ZipError };

interface Cell extends GridCell {
  paragraphs: string[];
}

interface TableState {
  rows: Cell[][];
  row: Cell[] | null;
  cell: Cell | null;
  gridBefore: number;
}

/** The lines of the main document part of a DOCX. Throws ZipError for a damaged package. */
export function docxToLines(bytes: Uint8Array, maxSize: number): LineCollector {
  const entries = zipEntries(bytes);
  const entry = entries.find((e) => e.name === 'word/document.xml');
  if (!entry) throw new ZipError('not-zip', '不是 Word 文档（缺少 word/document.xml）');
  const xml = new TextDecoder().decode(zipRead(bytes, entry, maxSize));
  return documentXmlToLines(xml);
}

/** The lines of a document XML: by the scanner, or by htmlparser2 where the scanner gives up. */
export function documentXmlToLines(xml: string): LineCollector {
  const builder = new DocumentBuilder();
  if (scanDocumentXml(xml, builder)) return builder.finish();
  return parseDocumentXml(xml);
}

/** The lines of a document XML read by htmlparser2 (the reference the scanner must match). */
export function parseDocumentXml(xml: string): LineCollector {
  const builder = new DocumentBuilder();
  const parser = new Parser(
    {
      onopentag: (name, attribs) => builder.open(name, attribs['w:val']),
      ontext: (text) => builder.text(text),
      onclosetag: (name) => builder.close(name),
    },
    { xmlMode: true, decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(xml);
  parser.end();
  return builder.finish();
}

/**
 * What the document's elements make: given each element opened (its lower-case name and its
 * w:val), each piece of text and each element closed, in document order.
 */
export class DocumentBuilder {
  private readonly collector = new LineCollector();
  private readonly tables: TableState[] = [];
  private paragraph: string[] | null = null;
  private inText = false;
  private skipDepth = 0;

  private endParagraph(text: string): void {
    const table = this.tables[this.tables.length - 1];
    if (table?.cell) table.cell.paragraphs.push(text);
    else for (const line of text.split('\n')) this.collector.paragraph(line);
  }

  open(name: string, val: string | undefined): void {
    if (this.skipDepth > 0) {
      this.skipDepth++;
      return;
    }
    const tables = this.tables;
    switch (name) {
      case 'mc:fallback':
      case 'w:instrtext':
      case 'w:deltext':
        this.skipDepth = 1;
        return;
      case 'w:p':
        this.paragraph = [];
        return;
      case 'w:t':
        this.inText = true;
        return;
      case 'w:tab':
        this.paragraph?.push('\t');
        return;
      case 'w:br':
      case 'w:cr':
        this.paragraph?.push('\n');
        return;
      case 'w:tbl':
        tables.push({ rows: [], row: null, cell: null, gridBefore: 0 });
        return;
      case 'w:tr': {
        const table = tables[tables.length - 1];
        if (table) {
          table.row = [];
          table.gridBefore = 0;
        }
        return;
      }
      case 'w:gridbefore': {
        const table = tables[tables.length - 1];
        if (table) table.gridBefore = Number.parseInt(val ?? '0', 10) || 0;
        return;
      }
      case 'w:tc': {
        const table = tables[tables.length - 1];
        if (table) {
          table.cell = { text: '', colspan: 1, rowspan: 1, paragraphs: [] };
          if (table.gridBefore && table.row?.length === 0) table.cell.skipBefore = table.gridBefore;
        }
        return;
      }
      case 'w:gridspan': {
        const cell = tables[tables.length - 1]?.cell;
        if (cell) cell.colspan = Number.parseInt(val ?? '1', 10) || 1;
        return;
      }
      case 'w:vmerge': {
        const cell = tables[tables.length - 1]?.cell;
        if (cell && val !== 'restart') cell.continuesAbove = true;
        return;
      }
      default:
        return;
    }
  }

  /** Whether text here is kept (inside w:t of a paragraph, not in a skipped element). */
  get wantsText(): boolean {
    return this.inText && this.skipDepth === 0 && this.paragraph !== null;
  }

  text(text: string): void {
    if (this.inText && this.skipDepth === 0) this.paragraph?.push(text);
  }

  close(name: string): void {
    if (this.skipDepth > 0) {
      this.skipDepth--;
      return;
    }
    const tables = this.tables;
    switch (name) {
      case 'w:t':
        this.inText = false;
        return;
      case 'w:p':
        if (this.paragraph) this.endParagraph(this.paragraph.join(''));
        this.paragraph = null;
        return;
      case 'w:tc': {
        const table = tables[tables.length - 1];
        if (table?.cell && table.row) {
          table.cell.text = table.cell.paragraphs.join(' ');
          table.row.push(table.cell);
        }
        if (table) table.cell = null;
        return;
      }
      case 'w:tr': {
        const table = tables[tables.length - 1];
        if (table?.row) table.rows.push(table.row);
        if (table) table.row = null;
        return;
      }
      case 'w:tbl': {
        const table = tables.pop();
        if (!table) return;
        const outer = tables[tables.length - 1];
        if (outer?.cell) {
          // A table inside a cell: its text becomes the cell's text.
          outer.cell.paragraphs.push(
            table.rows.map((r) => r.map((c) => c.text).join(' ')).join(' '),
          );
        } else {
          this.collector.table(table.rows);
        }
        return;
      }
      default:
        return;
    }
  }

  finish(): LineCollector {
    return this.collector;
  }
}
