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

/** Whether an element holds a table anywhere inside it (no recursion: pages nest deeply). */
function containsTable(node: Element): boolean {
  const stack: ChildNode[] = [...node.children];
  for (let child = stack.pop(); child; child = stack.pop()) {
    if (!isElement(child)) continue;
    if (child.name === 'table') return true;
    for (const c of child.children) stack.push(c);
  }
  return false;
}

/** The text of a cell, line breaks and paragraphs inside it joined (no recursion). */
function cellText(node: ChildNode, out: string[]): void {
  const stack: ChildNode[] = [node];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.type === 'text') {
      out.push(n.data);
      continue;
    }
    if (!isElement(n) || SKIP.has(n.name)) continue;
    if (n.name === 'br' || n.name === 'p' || n.name === 'div') out.push(' ');
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
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

/**
 * Inline formatting tags carry nothing the reader uses (their text is kept). Pages exported from
 * Word often leave thousands of them open, and the parser's time grows with the square of the
 * open elements: they are dropped before parsing, in one linear pass (`[^<>]*` stops at the next
 * tag, so a tag without its `>` costs no rescan).
 */
const INLINE_TAG =
  /<\/?(?:span|font|b|i|u|s|em|strong|strike|small|big|sup|sub|ins|del|a|abbr|label|o:p|st1:[\w-]+)(?=[\s/>])[^<>]*>/gi;

function withoutInlineTags(html: string): string {
  return html.replace(INLINE_TAG, '');
}

/** Deeper than this, an HTML page is refused before parsing (see htmlDepthExceeds). */
export const MAX_HTML_DEPTH = 25_000;

const TAG = /<(\/?)([a-zA-Z][\w:-]*)[^<>]*?(\/?)>/g;
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const INLINE = new Set([
  'span',
  'font',
  'b',
  'i',
  'u',
  's',
  'em',
  'strong',
  'strike',
  'small',
  'big',
  'sup',
  'sub',
  'ins',
  'del',
  'a',
  'abbr',
  'label',
  'o:p',
]);
/** Opening one of these closes an open element of the listed names on top (as parsers do). */
const CLOSES: Record<string, readonly string[]> = {
  p: ['p'],
  li: ['li'],
  dt: ['dt', 'dd'],
  dd: ['dt', 'dd'],
  td: ['td', 'th'],
  th: ['td', 'th'],
  tr: ['tr', 'td', 'th'],
  option: ['option'],
};

/**
 * Whether elements nest deeper than `limit` anywhere in the page, in one linear pass over its
 * tags with a stack of open names. The parser's time grows faster than the square of the depth
 * (an 11 MB page of nested elements would hold a thread for hours): such a page is refused
 * before parsing. Implied ends (a <p> or <li> closing the one before it, a block closing an open
 * <p>) are followed closely enough that real pages, which seldom nest past a few dozen, are never
 * near the limit.
 */
export function htmlDepthExceeds(html: string, limit = MAX_HTML_DEPTH): boolean {
  const stack: string[] = [];
  const open = new Map<string, number>();
  const pop = () => {
    const name = stack.pop()!;
    open.set(name, open.get(name)! - 1);
  };
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2]!.toLowerCase();
    // Inline tags are dropped before parsing (withoutInlineTags): they nest nothing.
    if (INLINE.has(name) || name.startsWith('st1:')) continue;
    if (m[1]) {
      if ((open.get(name) ?? 0) > 0) {
        while (stack[stack.length - 1] !== name) pop();
        pop();
      }
      continue;
    }
    if (m[3] || VOID.has(name)) continue;
    const closes = CLOSES[name] ?? (BLOCK.has(name) ? ['p'] : []);
    while (stack.length > 0 && closes.includes(stack[stack.length - 1]!)) pop();
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (stack.length > limit) return true;
  }
  return false;
}

/** Lines and rows of an HTML document. */
export function htmlToLines(html: string): LineCollector {
  const collector = new LineCollector();
  const document = parseDocument(withoutInlineTags(html), {
    decodeEntities: true,
    lowerCaseTags: true,
  });
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) collector.paragraph(paragraph.join(''));
    paragraph = [];
  };
  // Depth first, in document order, with an explicit stack (a page can nest elements
  // thousands deep); FLUSH ends a block after its children.
  const FLUSH = null;
  const stack: (ChildNode | null)[] = [];
  const pushChildren = (node: Element) => {
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  };
  for (let i = document.children.length - 1; i >= 0; i--) stack.push(document.children[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === FLUSH) {
      flush();
      continue;
    }
    if (node.type === 'text') {
      paragraph.push(node.data);
      continue;
    }
    if (!isElement(node) || SKIP.has(node.name)) continue;
    const name = node.name;
    if (name === 'br') {
      flush();
      continue;
    }
    if (name === 'pre' || name === 'textarea') {
      flush();
      const out: string[] = [];
      cellText(node, out);
      for (const line of out.join('').split(/\r\n|\r|\n/)) collector.paragraph(line, true);
      continue;
    }
    if (name === 'table') {
      flush();
      if (containsTable(node)) {
        stack.push(FLUSH);
        pushChildren(node);
        continue;
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
      continue;
    }
    if (BLOCK.has(name)) {
      flush();
      stack.push(FLUSH);
    }
    pushChildren(node);
  }
  flush();
  return collector;
}

/** The charset an HTML page declares for itself, if any. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m?.[1];
}
