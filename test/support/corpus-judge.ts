/**
 * The judge: for one reading of a corpus report, how many cells of the truth it read right,
 * which it read wrong, which it left unread without saying so, and which missing-* claims it
 * makes that the untransformed report does not get.
 */
import type { IngestResult } from '../../src/ingest/index.js';
import { CELLS, type Truth } from './corpus-truth.js';

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
