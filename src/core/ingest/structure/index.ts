/**
 * The structural reader: the document as one token stream (stream.ts), the template's section
 * headings found in it (template.ts), and each table read from the region between its heading
 * and the next by anchoring its labels and solving its arithmetic. Line breaks, page breaks and
 * cell boundaries do not matter: a crawler's page on one line, a cell per line, a grid with
 * empty cells and a PDF's text all become the same stream.
 */
import type { SectionKey } from '../../report/format.js';
import type { SourceRow } from '../tokens.js';
import { readApplicationsStructure } from './applications.js';
import { readAppealsStructure } from './appeals.js';
import { readProactiveStructure } from './proactive.js';
import type { Budget } from './readings.js';
import { headerLines, tableLines, type StructuralTable, type TableKey } from './result.js';
import { tokenStream, type StreamToken } from './stream.js';
import { sectionAnchors } from './template.js';

export type { StructuralTable, TableKey } from './result.js';

export interface Structure {
  /** The sections whose headings were found, in order. */
  sections: SectionKey[];
  tables: Partial<Record<TableKey, StructuralTable>>;
}

const TABLE_SECTION: Record<TableKey, SectionKey> = {
  proactive: 'proactive',
  applications: 'applications',
  appeals: 'appeals',
};

/** Steps the whole structural reading may take (bounds the time per document). */
export const STRUCTURE_BUDGET = 300_000;

/** Reads the sections' places and the three tables from a document's rows. */
export function readStructure(rows: readonly SourceRow[]): Structure {
  const stream = tokenStream(rows);
  // Headings: each text token searched; a heading starts a region at its token and offset.
  const heads: { key: SectionKey; token: number; offset: number }[] = [];
  const seen = new Set<SectionKey>();
  const order: SectionKey[] = [];
  stream.forEach((t, i) => {
    if (t.kind !== 'text') return;
    for (const a of sectionAnchors(t.text)) {
      if (seen.has(a.key)) continue;
      const last = order[order.length - 1];
      if (last && SECTION_ORDER.indexOf(a.key) < SECTION_ORDER.indexOf(last)) continue;
      seen.add(a.key);
      order.push(a.key);
      heads.push({ key: a.key, token: i, offset: a.offset });
    }
  });
  const region = (key: SectionKey): StreamToken[] | null => {
    const k = heads.findIndex((h) => h.key === key);
    if (k < 0) return null;
    const start = heads[k]!;
    const end = heads[k + 1];
    const out: StreamToken[] = [];
    for (let i = start.token; i < (end ? end.token + 1 : stream.length); i++) {
      const t = stream[i]!;
      if (t.kind !== 'text') {
        out.push(t);
        continue;
      }
      const from = i === start.token ? start.offset : 0;
      const to = end && i === end.token ? end.offset : t.text.length;
      if (to > from) out.push({ ...t, text: t.text.slice(from, to), column: t.column + from });
    }
    return out;
  };
  const prose = rows.map((r) => r.cells.join(' ')).join('\n');
  const budget: Budget = { steps: STRUCTURE_BUDGET };
  const tables: Structure['tables'] = {};
  for (const table of ['proactive', 'applications', 'appeals'] as const) {
    const found = region(TABLE_SECTION[table]);
    if (!found) continue;
    // An empty cell of a header row (under a merged cell) is no figure's place.
    const header = headerLines(found);
    const tokens = found.filter((t) => t.kind !== 'empty' || !header.has(t.line));
    tables[table] =
      table === 'proactive'
        ? readProactiveStructure(tokens, prose, budget)
        : table === 'applications'
          ? readApplicationsStructure(tokens, budget)
          : readAppealsStructure(tokens, budget);
    tables[table]!.lines = tableLines(tokens);
  }
  return { sections: order, tables };
}

const SECTION_ORDER: SectionKey[] = [
  'overview',
  'proactive',
  'applications',
  'appeals',
  'problems',
  'other',
];
