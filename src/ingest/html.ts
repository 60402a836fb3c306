/**
 * Reading an HTML page (as government sites publish reports, and as mammoth or LibreOffice
 * write them): paragraphs become lines, and each table is laid on a grid with its rowspan and
 * colspan expanded, one line per grid row. A table that holds other tables is page layout,
 * not data: its cells are read as paragraphs.
 */
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { LineCollector, type GridCell } from './lines.js';

const SKIP = new Set([
  'head',
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'iframe',
  'object',
  'select',
  'button',
  'math',
]);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'nav',
  'aside',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'center',
  'form',
  'fieldset',
  'address',
  'figure',
  'figcaption',
  'caption',
  'hr',
  'tr',
  'td',
  'th',
  'body',
  'html',
]);

const isElement = (node: ChildNode): node is Element =>
  node.type === 'tag' || node.type === 'script' || node.type === 'style';

function containsTable(node: Element): boolean {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (child.name === 'table' || containsTable(child)) return true;
  }
  return false;
}

/** The text of a cell, line breaks and paragraphs inside it joined. */
function cellText(node: ChildNode, out: string[]): void {
  if (node.type === 'text') {
    out.push(node.data);
    return;
  }
  if (!isElement(node) || SKIP.has(node.name)) return;
  if (node.name === 'br' || node.name === 'p' || node.name === 'div') out.push(' ');
  for (const child of node.children) cellText(child, out);
}

function span(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (node: Element) => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (child.name === 'tr') rows.push(child);
      else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot')
        visit(child);
    }
  };
  visit(table);
  return rows;
}

/** Lines and rows of an HTML document. */
export function htmlToLines(html: string): LineCollector {
  const collector = new LineCollector();
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) collector.paragraph(paragraph.join(''));
    paragraph = [];
  };
  const walk = (node: ChildNode): void => {
    if (node.type === 'text') {
      paragraph.push(node.data);
      return;
    }
    if (!isElement(node) || SKIP.has(node.name)) return;
    const name = node.name;
    if (name === 'br') {
      flush();
      return;
    }
    if (name === 'pre' || name === 'textarea') {
      flush();
      const out: string[] = [];
      cellText(node, out);
      for (const line of out.join('').split(/\r\n|\r|\n/)) collector.paragraph(line, true);
      return;
    }
    if (name === 'table') {
      flush();
      if (containsTable(node)) {
        for (const child of node.children) walk(child);
        flush();
        return;
      }
      const rows: GridCell[][] = tableRows(node).map((tr) =>
        tr.children
          .filter(isElement)
          .filter((c) => c.name === 'td' || c.name === 'th')
          .map((td) => {
            const out: string[] = [];
            for (const child of td.children) cellText(child, out);
            return {
              text: out.join(''),
              colspan: span(td.attribs.colspan),
              rowspan: span(td.attribs.rowspan),
            };
          }),
      );
      collector.table(rows);
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    for (const child of node.children) walk(child);
    if (block) flush();
  };
  for (const node of document.children) walk(node);
  flush();
  return collector;
}

/** The charset an HTML page declares for itself, if any. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m?.[1];
}
