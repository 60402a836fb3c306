/**
 * Reading a PDF through pdfjs-dist (the legacy build, which runs in Node without a worker
 * thread): text items with their positions are put back into lines by their height on the
 * page, and into cells by the gaps between them. The text reader then reads the lines as it
 * reads pdftotext's layout mode. Nothing is fetched: fonts are not loaded (text extraction
 * needs none) and the character maps come from the installed package.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { LineCollector } from './lines.js';

export class PdfError extends Error {
  constructor(
    readonly reason: 'encrypted' | 'corrupt' | 'no-text' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

type PdfJs = typeof PdfJsModule;
let pdfjs: Promise<PdfJs> | null = null;
const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('pdfjs-dist/package.json'));

function load(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/** Items of one page grouped into lines (top to bottom), each line's items left to right. */
function pageLines(items: readonly Item[]): Item[][] {
  const sorted = items.slice().sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; size: number; items: Item[] }[] = [];
  for (const item of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - item.y) <= Math.max(2, Math.min(last.size, item.size) * 0.45)) {
      last.items.push(item);
    } else {
      lines.push({ y: item.y, size: item.size, items: [item] });
    }
  }
  return joinCenteredFigures(
    lines.map((l) => ({ ...l, items: l.items.sort((a, b) => a.x - b.x) })),
  ).map((l) => l.items);
}

const FIGURE = /^\s*\d+(?:\.\d+)?\s*$/;

/**
 * A table cell whose label wraps onto two lines prints the row's figures centred between them
 * ("一、本年新收" / "0 0 0 0 0 0 0" / "政府信息公开申请数量"): by height alone the figures are
 * a line of their own, apart from both halves of their label. Where the geometry shows one
 * cell — a line of figures only, right of the text of the lines just above and below it and
 * half-way between them, those two a single line-spacing apart, starting at the same x,
 * holding one cell each and nothing to the right of their text — the label's two lines and
 * the figures become one line.
 */
function joinCenteredFigures(lines: { y: number; size: number; items: Item[] }[]) {
  const out: typeof lines = [];
  for (let i = 0; i < lines.length; i++) {
    const [above, figures, below] = [lines[i]!, lines[i + 1], lines[i + 2]];
    if (figures && below && centred(above, figures, below)) {
      out.push({ ...above, items: [...above.items, ...below.items, ...figures.items] });
      i += 2;
      continue;
    }
    out.push(above);
  }
  return out;
}

function centred(
  above: { y: number; size: number; items: Item[] },
  figures: { y: number; size: number; items: Item[] },
  below: { y: number; size: number; items: Item[] },
): boolean {
  const size = Math.min(above.size, below.size);
  const blank = (i: Item) => i.str.trim() === '';
  if (!figures.items.every((i) => FIGURE.test(i.str) || blank(i))) return false;
  if (figures.items.every(blank)) return false;
  const right = (items: Item[]) =>
    Math.max(...items.filter((i) => !blank(i)).map((i) => i.x + i.width));
  const left = Math.min(...figures.items.filter((i) => !blank(i)).map((i) => i.x));
  if (left <= right(above.items) || left <= right(below.items)) return false;
  // One cell: the two lines start together and hold no other cell (no column gap in them).
  if (Math.abs(above.items[0]!.x - below.items[0]!.x) > size) return false;
  if (lineText(above.items).includes('\t') || lineText(below.items).includes('\t')) return false;
  if (above.y - below.y > 1.7 * size) return false;
  return Math.abs(figures.y - (above.y + below.y) / 2) <= 0.2 * size;
}

/** A line's text: items close together joined, a wide gap (a table column) made a tab. */
function lineText(items: readonly Item[]): string {
  let out = '';
  let end = -Infinity;
  for (const item of items) {
    if (out !== '') {
      const gap = item.x - end;
      if (gap > item.size * 1.2) out += '\t';
      else if (gap > item.size * 0.25 && !out.endsWith(' ')) out += ' ';
    }
    out += item.str;
    end = Math.max(end, item.x + item.width);
  }
  return out;
}

export interface PdfOptions {
  timeoutMs: number;
}

/** The lines of a PDF's text layer. Throws PdfError for an encrypted, damaged or image-only PDF. */
export async function pdfToLines(bytes: Uint8Array, options: PdfOptions): Promise<LineCollector> {
  const lib = await load();
  const task = lib.getDocument({
    // pdf.js takes ownership of the buffer it is given.
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    stopAtErrors: false,
    verbosity: 0,
    cMapUrl: pathToFileURL(join(packageDir, 'cmaps') + '/').href,
    cMapPacked: true,
    standardFontDataUrl: pathToFileURL(join(packageDir, 'standard_fonts') + '/').href,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new PdfError('timeout', `读取超过时间上限（${Math.round(options.timeoutMs / 1000)} 秒）`),
        ),
      options.timeoutMs,
    );
  });
  try {
    // pdf.js parses in this thread and seldom yields to timers: read() also checks the clock
    // between pages.
    return await Promise.race([read(task, performance.now() + options.timeoutMs), timeout]);
  } finally {
    clearTimeout(timer);
    void task.destroy().catch(() => undefined);
  }
}

async function read(
  task: ReturnType<PdfJs['getDocument']>,
  deadline: number,
): Promise<LineCollector> {
  const overdue = () => {
    if (performance.now() > deadline) throw new PdfError('timeout', '读取超过时间上限');
  };
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException')
      throw new PdfError('encrypted', 'PDF 已加密（需要密码才能打开）');
    throw new PdfError('corrupt', `PDF 无法解析（${(error as Error).message ?? '文件已损坏'}）`);
  }
  overdue();
  const collector = new LineCollector();
  let characters = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    overdue();
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    const items: Item[] = [];
    for (const raw of content.items) {
      if (!('str' in raw) || raw.str === '') continue;
      const [a, b, c, d, x, y] = raw.transform as number[];
      const size = Math.max(Math.hypot(c ?? 0, d ?? 0), Math.hypot(a ?? 0, b ?? 0), 1);
      items.push({ str: raw.str, x: x ?? 0, y: y ?? 0, width: raw.width, size });
      characters += raw.str.trim().length;
    }
    if (p > 1) collector.pageBreak();
    for (const line of pageLines(items)) collector.paragraph(lineText(line), true);
    page.cleanup();
  }
  if (characters === 0) {
    throw new PdfError('no-text', 'PDF 没有文字层（可能是扫描件或图片），无法读取其中的文字');
  }
  return collector;
}
