/**
 * The transformations the reader claims to handle, each applied to a corpus report, and the
 * glyphs a PDF tool leaves for a font it cannot map. With them, re-exported so a test needs one
 * import: the corpus and its truth (corpus-truth.ts), the table region cut into pieces
 * (corpus-region.ts), the report as HTML and DOCX (corpus-documents.ts) and the judge that
 * tells, for one reading, how many cells of the truth it read right, which it read wrong, which
 * it left unread without saying so, and which missing-* claims it makes that the untransformed
 * report does not get (corpus-judge.ts).
 *
 * Every transformation works on the report's table region (from the first “第二十条第” to the
 * heading “五、…存在的主要问题”), cut into pieces — a figure, or a run of text — whatever the
 * source's layout (tabs, Markdown pipes, runs of spaces, one cell per line, cells run together
 * on one line), so it changes every corpus report, and each has a property that can be checked
 * (`TRANSFORMATIONS[name].holds`).
 */
import {
  chunkPieces,
  regionOf,
  regionPieces,
  regionRows,
  tableRegion,
  withRegion,
  wraps,
} from './corpus-region.js';
import type { Truth } from './corpus-truth.js';
import { headingsWrapped, wholeHeadings } from './corpus-headings.js';

export * from './corpus-documents.js';
export * from './corpus-headings.js';
export * from './corpus-judge.js';
export * from './corpus-region.js';
export * from './corpus-truth.js';

/** Cut a text in two halves. */
const halves = (t: string): [string, string] => {
  const cut = Math.ceil([...t].length / 2);
  return [[...t].slice(0, cut).join(''), [...t].slice(cut).join('')];
};

export interface Transformation {
  apply(text: string, truth: Truth): string;
  /** The property the transformed text has, or why it has not. */
  holds(original: string, transformed: string): string | null;
}

export const TRANSFORMATIONS: Record<string, Transformation> = {
  'joined onto one line': {
    apply: (text) => text.replace(/\s*[\n\f]\s*/g, ' ').trim(),
    holds: (_, t) => (/[\n\f]/.test(t) ? 'a line break is left' : null),
  },
  'one cell per line': {
    apply: (text, truth) =>
      withRegion(text, truth, (pieces) => pieces.map((p) => p.text).join('\n')),
    holds: (_, t) => {
      const bad = regionOf(t)
        .split('\n')
        .find((l) => /\t|\||\u3000| {2,}/.test(l) || chunkPieces(l.trim(), 0).length > 1);
      return bad === undefined ? null : `a line holds more than one cell: ${bad}`;
    },
  },
  'cells run together': {
    apply: (text, truth) =>
      withRegion(text, truth, (pieces) =>
        regionRows(pieces)
          .map((row) => {
            const labels = row.filter((p) => !p.figure).map((p) => p.text);
            const figures = row.filter((p) => p.figure).map((p) => p.text);
            return figures.length === 0
              ? labels.join('\n')
              : [...labels.slice(0, -1), `${labels.at(-1) ?? ''} ${figures.join('')}`].join('\n');
          })
          .join('\n'),
      ),
    holds: (_, t) => {
      const lines = regionOf(t).split('\n');
      const bad = lines.find((l, i) => {
        const pieces = chunkPieces(l.trim(), 0);
        const next = chunkPieces((lines[i + 1] ?? '').trim(), 0);
        // Two figures apart (on a line, or a line's last figure and the next line's first).
        return (
          pieces.some((p, k) => p.figure && pieces[k + 1]?.figure) ||
          (pieces.at(-1)?.figure === true && next[0]?.figure === true)
        );
      });
      return bad === undefined ? null : `figures apart: ${bad}`;
    },
  },
  'rows wrapped': {
    apply: (text, truth) =>
      withRegion(text, truth, (pieces) =>
        regionRows(pieces)
          .flatMap((row) => {
            const labels = row.filter((p) => !p.figure).map((p) => p.text);
            const figures = row.filter((p) => p.figure).map((p) => p.text);
            const lines = labels.flatMap((l) => (wraps(l) ? halves(l) : [l]));
            if (figures.length > 0) {
              const last = lines.pop() ?? '';
              if ([...last].length > 0 && !labels.some(wraps)) lines.push(last, figures.join(' '));
              else lines.push(`${last} ${figures.join(' ')}`);
            }
            return lines;
          })
          .join('\n'),
      ),
    holds: (original, t) => {
      const lines = regionOf(t).split('\n');
      const whole = regionPieces(regionOf(original)).find(
        (p) => !p.figure && wraps(p.text) && lines.some((l) => l.includes(p.text)),
      );
      return whole ? `a long label is not wrapped: ${whole.text}` : null;
    },
  },
  // A narrow PDF column or a converter's wrapping: every section heading broken every five
  // characters, on lines of its own (one inside a line is put on lines of its own first).
  'headings wrapped': {
    apply: (text) => headingsWrapped(text, 5).text,
    holds: (original, t) =>
      wholeHeadings(original) === 0
        ? 'the report has no heading to wrap'
        : wholeHeadings(t) > 0
          ? 'a heading is left whole on a line'
          : null,
  },
};

/** Labels of the template that `glyphsFor` turns into unmappable glyphs where they stand. */
const GLYPH_LABELS = [
  '（三）不予公开',
  '（四）无法提供',
  '（六）其他处理',
  '属于国家秘密',
  '重复申请',
  '本机关不掌握相关政府信息',
];
const GLYPHS = ['□', '\uFFFD', '\uE000'];

/**
 * The report with some labels of table 三 (group headings and rows) as a PDF tool leaves a
 * font it cannot map: each Chinese character of the label □, U+FFFD or a private-use
 * character (digits, brackets and spacing kept). Returns the text and how many labels changed.
 */
export function glyphsFor(text: string): { text: string; changed: number } {
  const { start, end } = tableRegion(text);
  let region = text.slice(start, end);
  let changed = 0;
  GLYPH_LABELS.forEach((label, i) => {
    const pattern = new RegExp(
      [...label].map((c) => (c === '（' ? '[(（]' : c === '）' ? '[)）]' : c)).join('\\s*'),
    );
    const m = pattern.exec(region);
    if (!m) return;
    const glyph = GLYPHS[i % GLYPHS.length]!;
    region =
      region.slice(0, m.index) +
      m[0].replace(/[\u3400-\u9fff]/g, glyph) +
      region.slice(m.index + m[0].length);
    changed++;
  });
  return { text: text.slice(0, start) + region + text.slice(end), changed };
}
