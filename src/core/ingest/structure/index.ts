/**
 * The structural reader: the document as one token stream (stream.ts), the template's section
 * headings found in it (template.ts), and each table read from the region between its heading
 * and the next by anchoring its labels and solving its arithmetic. Line breaks, page breaks and
 * cell boundaries do not matter: a crawler's page on one line, a cell per line, a grid with
 * empty cells and a PDF's text all become the same stream.
 */
import type { SectionKey } from '../../report/format.js';
import type { SourceRow } from '../source.js';
import { isProactive2019Label, normalizeLabel } from '../labels.js';
import { HINT_ALL, HINT_HEADING } from '../line-cells.js';
import { readApplicationsStructure } from './applications.js';
import { readAppealsStructure } from './appeals.js';
import { readProactiveStructure } from './proactive.js';
import type { Budget } from './readings.js';
import {
  headerLines,
  placeholderFindings,
  tableLines,
  type StructuralTable,
  type TableKey,
} from './result.js';
import { textToken, tokenStream, type StreamToken } from './stream.js';
import { sectionAnchors } from './template.js';

export type { StructuralTable, TableKey } from './result.js';

export interface Structure {
  /** The sections whose headings were found, in order. */
  sections: SectionKey[];
  tables: Partial<Record<TableKey, StructuralTable>>;
  /** Table 二 has the 2019 format's rows and columns (国办公开办函〔2019〕60号). */
  format2019?: boolean;
}

const TABLE_SECTION: Record<TableKey, SectionKey> = {
  proactive: 'proactive',
  applications: 'applications',
  appeals: 'appeals',
};

/** Steps the whole structural reading may take (bounds the time per document). */
export const STRUCTURE_BUDGET = 300_000;

/** Reads the sections' places and the three tables from a document's rows. */
export function readStructure(
  rows: readonly SourceRow[],
  budget: Budget = { steps: STRUCTURE_BUDGET },
): Structure {
  const stream = tokenStream(rows);
  // Headings: each text token searched; a heading starts a region at its token and offset.
  const heads: { key: SectionKey; token: number; offset: number }[] = [];
  const seen = new Set<SectionKey>();
  const order: SectionKey[] = [];
  // The lines whose rows may hold a section's number and its mark (a text file's rows say which
  // do not): a token of any other line holds no heading.
  // (A table by line number: looked up for every token.)
  let lastLine = 0;
  for (const row of rows) if (row.line > lastLine) lastLine = row.line;
  // (An array, not a typed one: a typed array's store is allocated outside the heap, slower.)
  const headingLines: number[] = new Array<number>(lastLine + 1).fill(0);
  for (const row of rows)
    if ((((row as { hints?: number }).hints ?? HINT_ALL) & HINT_HEADING) !== 0)
      headingLines[row.line] = 1;
  for (let i = 0; i < stream.length; i++) {
    const t = stream[i]!;
    if (t.kind !== 'text' || headingLines[t.line] !== 1) continue;
    for (const a of sectionAnchors(t.text)) {
      if (seen.has(a.key)) continue;
      const last = order[order.length - 1];
      if (last && SECTION_ORDER.indexOf(a.key) < SECTION_ORDER.indexOf(last)) continue;
      seen.add(a.key);
      order.push(a.key);
      heads.push({ key: a.key, token: i, offset: a.offset });
    }
  }
  const region = (key: SectionKey): StreamToken[] | null => {
    const k = heads.findIndex((h) => h.key === key);
    if (k < 0) return null;
    const start = heads[k]!;
    const end = heads[k + 1];
    // The tokens from the heading's to the next heading's, copied at once: only those two may
    // be cut (a token wholly inside the region is taken as it is; no token is ever changed).
    const out = stream.slice(start.token, end ? end.token + 1 : stream.length);
    const cut = (t: StreamToken, i: number): StreamToken | null => {
      if (t.kind !== 'text') return t;
      const from = i === start.token ? start.offset : 0;
      const to = end && i === end.token ? end.offset : t.text.length;
      if (from === 0 && to === t.text.length) return t;
      return to > from ? textToken(t.text.slice(from, to), t.line, t.cell, t.column + from) : null;
    };
    const lastIndex = start.token + out.length - 1;
    if (out.length > 1) {
      const last = cut(out[out.length - 1]!, lastIndex);
      if (last === null) out.pop();
      else out[out.length - 1] = last;
    }
    const first = cut(out[0]!, start.token);
    if (first === null) out.shift();
    else out[0] = first;
    return out;
  };
  // The report's prose, made once and only when table 二 needs it.
  let proseText: string | null = null;
  const prose = () => (proseText ??= rows.map((r) => r.cells.join(' ')).join('\n'));
  const tables: Structure['tables'] = {};
  let format2019 = false;
  for (const table of ['proactive', 'applications', 'appeals'] as const) {
    const found = region(TABLE_SECTION[table]);
    if (!found) continue;
    // An empty cell of a header row (under a merged cell) is no figure's place. Dropping empty
    // cells changes no line's header status (headerLines counts text and figures only), so the
    // header found here is the tokens' header too.
    const header = headerLines(found);
    // (Filtered in place: the region is this table's own copy.)
    let kept = 0;
    for (let i = 0; i < found.length; i++) {
      const t = found[i]!;
      if (t.kind !== 'empty' || !header.has(t.line)) found[kept++] = t;
    }
    found.length = kept;
    const tokens = found;
    if (table === 'proactive' && tokens.some((t) => t.kind === 'text' && is2019(t.text))) {
      tables.proactive = format2019Table(tokens, header);
      format2019 = true;
      continue;
    }
    tables[table] =
      table === 'proactive'
        ? readProactiveStructure(tokens, prose, budget)
        : table === 'applications'
          ? readApplicationsStructure(tokens, budget, header)
          : readAppealsStructure(tokens, budget);
    // Its header, its figures' lines, and the lines of the labels its reader anchored.
    const lines = tableLines(tokens, header);
    for (const line of tables[table]!.lines ?? []) lines.add(line);
    tables[table]!.lines = lines;
    tables[table]!.findings.push(...placeholderFindings(table, tables[table]!, tokens));
  }
  return { sections: order, tables, ...(format2019 ? { format2019 } : {}) };
}

const SECTION_ORDER: SectionKey[] = [
  'overview',
  'proactive',
  'applications',
  'appeals',
  'problems',
  'other',
];

/**
 * Whether a text is a label of table 二's 2019 format. Every label isProactive2019Label knows
 * holds 年, 外, 九 or 采, which normalizeLabel keeps: a text holding none is none (most are not).
 */
const is2019 = (text: string) =>
  MAY_BE_2019.test(text) && isProactive2019Label(normalizeLabel(text));
const MAY_BE_2019 = /[年外九采]/;

/**
 * Table 二 in the 2019 format: its columns (本年新制作数量 …) do not mean the 2021 ones, so its
 * figures are not carried over; validation reports the outdated format where it was outdated,
 * and this says the figures are there but not read.
 */
function format2019Table(
  tokens: readonly StreamToken[],
  header: ReadonlySet<number>,
): StructuralTable {
  const line = tokens.find((t) => t.kind === 'text' && is2019(t.text))?.line;
  return {
    cells: new Map(),
    complete: false,
    anchored: true,
    lines: tableLines(tokens, header),
    findings: [
      {
        code: 'unreadable-cell',
        severity: 'info',
        location: { table: 'proactive', ...(line ? { line } : {}) },
        message:
          '表二是2019年格式（国办公开办函〔2019〕60号）的栏目（如“本年新制作数量”），含义与2021年格式的栏目不同，其数字未读入；请对照原件查看。',
      },
    ],
  };
}
