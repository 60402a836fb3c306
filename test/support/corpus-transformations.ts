/**
 * The corpus reports (test/fixtures/corpus) with their hand-checked truth, the transformations
 * the reader claims to handle, and a judge that tells, for one reading, how many cells of the
 * truth it read right, which it read wrong, which it left unread without saying so, and which
 * missing-* claims it makes that the untransformed report does not get.
 *
 * Every transformation works on the report's table region (from the first “第二十条第” to the
 * heading “五、…存在的主要问题”), cut into pieces — a figure, or a run of text — whatever the
 * source's layout (tabs, Markdown pipes, runs of spaces, one cell per line, cells run together
 * on one line), so it changes every corpus report, and each has a property that can be checked
 * (`TRANSFORMATIONS[name].holds`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import type { IngestResult } from '../../src/ingest/index.js';

export interface Truth {
  file: string;
  nonzero: Record<string, number>;
  unknown?: string[];
  absentOk?: string[];
  skipProactive?: boolean;
  expectFindings?: string[];
}

export const corpusDir = new URL('../fixtures/corpus/', import.meta.url);

export const truths: Truth[] = readdirSync(new URL('truth/', corpusDir))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(`truth/${f}`, corpusDir), 'utf8')) as Truth);

export const corpusText = (truth: Truth) =>
  readFileSync(new URL(truth.file, corpusDir), 'utf8').replace(/\r\n?/g, '\n');

const APP_ROWS = [
  'received',
  'carried_over',
  'disclosed',
  'partially_disclosed',
  ...[
    'state_secret',
    'prohibited_by_law',
    'security_stability',
    'third_party_rights',
    'internal_affairs',
    'process_information',
    'enforcement_files',
    'administrative_query',
  ].map((k) => `withheld.${k}`),
  ...['not_held', 'needs_creation', 'still_unclear'].map((k) => `unable.${k}`),
  ...['complaint', 'duplicate', 'publication', 'excessive', 'confirmation'].map(
    (k) => `not_processed.${k}`,
  ),
  ...['no_correction', 'fee_unpaid', 'other'].map((k) => `other.${k}`),
  'total',
  'carried_forward',
];
const APP_COLUMNS = [
  'natural_person',
  'commercial',
  'research',
  'nonprofit',
  'legal_service',
  'other',
  'total',
];

/** Every cell the truth speaks of (the same 200 as the corpus score): 0 unless it says otherwise. */
export const CELLS: string[] = [
  ...APP_ROWS.flatMap((r) => APP_COLUMNS.map((c) => `applications.${r}.${c}`)),
  ...['review', 'litigation_direct', 'litigation_after_review'].flatMap((g) =>
    ['upheld', 'corrected', 'other', 'pending', 'total'].map((k) => `appeals.${g}.${k}`),
  ),
  ...['regulations', 'normative_documents'].flatMap((g) =>
    ['issued', 'repealed', 'in_force'].map((k) => `proactive.${g}.${k}`),
  ),
  ...['licensing', 'penalty', 'coercion'].map((g) => `proactive.${g}.decisions`),
  'proactive.administrative_fees.amount_wan_yuan',
];

// ——— The table region and its pieces ———

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
function chunkPieces(chunk: string, line: number): Piece[] {
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
function withRegion(text: string, truth: Truth, render: (pieces: Piece[]) => string): string {
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
const heading = (t: string) => /^#*\s*[一二三四五六七八九十]+\s*、.*情况$/.test(t);
/** A label that rows wrapped cuts in two. */
const wraps = (t: string) => [...t].length > 8 && !heading(t);

/** The region's rows as tables, a section's heading between them a paragraph. */
function tablesOf(rows: readonly Piece[][]): (string | Piece[][])[] {
  const out: (string | Piece[][])[] = [];
  for (const row of rows) {
    const only = row.length === 1 && !row[0]!.figure ? row[0]!.text : null;
    if (only !== null && heading(only)) out.push(only);
    else if (Array.isArray(out.at(-1))) (out.at(-1) as Piece[][]).push(row);
    else out.push([row]);
  }
  return out;
}

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

const regionOf = (text: string) => {
  const { start, end } = tableRegion(text);
  return text.slice(start, end);
};

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

// ——— The judge ———

const globMatch = (pattern: string, key: string) =>
  new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`).test(key);

/** What a missing-* finding claims: its code and place. */
export const claim = (f: IngestResult['findings'][number]) =>
  [f.code, f.location.table, f.location.row, f.location.column, f.location.section].join('|');

/**
 * The reader's explicit word that it left cells unread: an error about the table — the whole
 * table, or the cell's row (unread-table, unreadable-cell, or a cell-count error saying the
 * row's figures cannot be told apart and were not read).
 */
export const UNREAD_CODES = new Set(['unread-table', 'unreadable-cell', 'cell-count']);

function unreadSaid(findings: IngestResult['findings'], table: string, row: string): boolean {
  return findings.some(
    (f) =>
      f.severity === 'error' &&
      UNREAD_CODES.has(f.code) &&
      f.location.table === table &&
      // A cell-count error is about the row it names: naming none, it excuses no cell (only an
      // unread-table or unreadable-cell error may speak for the whole table).
      (f.location.row === undefined
        ? f.code !== 'cell-count'
        : f.location.row === row || row.startsWith(`${f.location.row}.`)),
  );
}

export interface Judgement {
  /** Cells of the truth read right. */
  read: number;
  /** Cells of the truth checked (the 200 less the truth's unknown and skipped ones). */
  checked: number;
  /** "key got X want Y". */
  wrong: string[];
  /** Cells unread without an unread error naming their table (and row, if it names one). */
  silent: string[];
  /** missing-* findings the untransformed report does not get. */
  falseMissing: string[];
  /** row-order warnings (a claim that rows are out of the template's order) it does not get. */
  falseOrder: string[];
}

export function judge(
  truth: Truth,
  result: IngestResult,
  originalMissing: ReadonlySet<string>,
): Judgement {
  const tables = (result.report?.tables ?? {}) as unknown as Record<
    string,
    Record<string, Record<string, unknown>>
  >;
  const out: Judgement = {
    read: 0,
    checked: 0,
    wrong: [],
    silent: [],
    falseMissing: [],
    falseOrder: [],
  };
  for (const key of CELLS) {
    if (truth.unknown?.includes(key)) continue;
    if (key.startsWith('proactive.') && truth.skipProactive) continue;
    const [table, ...rest] = key.split('.');
    const column = rest.pop()!;
    const got = tables[table!]?.[rest.join('.')]?.[column];
    const want = truth.nonzero[key] ?? 0;
    if (got === null || got === undefined) {
      if (want === 0 && truth.absentOk?.some((p) => globMatch(p, key))) continue;
      out.checked++;
      if (!unreadSaid(result.findings, table!, rest.join('.'))) out.silent.push(key);
    } else {
      out.checked++;
      if (got === want) out.read++;
      else out.wrong.push(`${key} got ${String(got)} want ${want}`);
    }
  }
  out.falseMissing = result.findings
    .filter((f) => f.code.startsWith('missing-') && !originalMissing.has(claim(f)))
    .map((f) => `${f.code} ${f.message}`);
  out.falseOrder = result.findings
    .filter(
      (f) => f.code === 'row-order' && f.severity !== 'info' && !originalMissing.has(claim(f)),
    )
    .map((f) => `${f.code} ${f.message}`);
  return out;
}

/** The claims about the report a reading makes: its missing-* and row-order findings. */
export const missingClaims = (result: IngestResult) =>
  new Set(
    result.findings
      .filter((f) => f.code.startsWith('missing-') || f.code === 'row-order')
      .map(claim),
  );
