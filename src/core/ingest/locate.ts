/**
 * Pointing validation's findings at the lines of a read document. Validation works on the report
 * alone and names a table's row and column; the reader knows which line each figure came from.
 */
import type { Finding } from '../report/findings.js';
import type { SourceLines } from './source.js';
import { isWhiteSpace } from './text.js';
import { packedMap } from './arrays.js';

const EXCERPT_LENGTH = 60;

/**
 * The findings, each that names a row of a table the reader read from a line given that line
 * (the cell's, when it names a column too; else the first of the row's) and, when `lines` are
 * given, an excerpt of it. Findings that already name a line, or name no row, are kept as they
 * are.
 */
export function locateFindings(
  findings: readonly Finding[],
  sourceLines: SourceLines,
  lines?: readonly string[],
): Finding[] {
  // The first line of each row's cells, made once and only when a finding needs it.
  let firstLines: Map<string, number> | undefined;
  // packedMap (arrays.ts), not Array.map: mergeFindings' optimised code reads the list, and
  // saw holey arrays from this function's optimised code besides packed ones (wrong map).
  return packedMap(findings, (f) => {
    const { table, row, column, line } = f.location;
    if (line === undefined && row === undefined && f.location.excerpt && lines) {
      // A finding about the prose (narrative-mismatch, a year or a regulation in a sentence):
      // the line where its sentence begins.
      const at = lineOfExcerpt(f.location.excerpt, lines);
      return at === undefined ? f : { ...f, location: { ...f.location, line: at } };
    }
    if (line !== undefined || table === undefined || row === undefined) return f;
    let found: number | undefined =
      column === undefined ? undefined : sourceLines[`${table}.${row}.${column}`];
    if (found === undefined)
      found = (firstLines ??= rowFirstLines(sourceLines)).get(`${table}.${row}.`);
    if (found === undefined) return f;
    const source = lines?.[found - 1];
    const excerpt = f.location.excerpt ?? (source === undefined ? undefined : excerptOf(source));
    return {
      ...f,
      location: { ...f.location, line: found, ...(excerpt === undefined ? {} : { excerpt }) },
    };
  });
}

/**
 * The least line of the cells under each prefix a row's name can give ("applications.received."):
 * every prefix of a key ending at a dot, since a row's name may hold dots itself. One pass over
 * the keys, instead of one per finding (a report with many findings has some 200 keys).
 */
function rowFirstLines(sourceLines: SourceLines): Map<string, number> {
  const out = new Map<string, number>();
  // A row's keys come one after another: at each depth the prefix of the run of keys sharing it
  // (the same string each time, see prefixesOf) and the least line of the run, given to the map
  // once a run, not once a key.
  const open: string[] = [];
  const least: number[] = [];
  const flush = (prefix: string, l: number) => {
    const known = out.get(prefix);
    if (known === undefined || l < known) out.set(prefix, l);
  };
  for (const key in sourceLines) {
    if (!Object.hasOwn(sourceLines, key)) continue;
    const l = sourceLines[key]!;
    const prefixes = prefixesOf(key);
    for (let d = 0; d < prefixes.length; d++) {
      const prefix = prefixes[d]!;
      if (open[d] === prefix) {
        if (l < least[d]!) least[d] = l;
        continue;
      }
      if (open[d] !== undefined) flush(open[d]!, least[d]!);
      open[d] = prefix;
      least[d] = l;
    }
  }
  for (let d = 0; d < open.length; d++) flush(open[d]!, least[d]!);
  return out;
}

/**
 * A key's prefixes ending at a dot, cut once per key: every report names the same few hundred
 * cells, so the prefixes are kept (up to a bound, past which they are cut each time).
 */
const PREFIXES = new Map<string, readonly string[]>();
const MAX_PREFIXED_KEYS = 20_000;
/** One string for each prefix, whatever key it was cut from: runs of a row compare as one. */
const PREFIX_STRINGS = new Map<string, string>();
function prefixesOf(key: string): readonly string[] {
  let prefixes = PREFIXES.get(key);
  if (prefixes === undefined) {
    const cut: string[] = [];
    for (let dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
      const prefix = key.slice(0, dot + 1);
      let same = PREFIX_STRINGS.get(prefix);
      if (same === undefined && PREFIX_STRINGS.size < MAX_PREFIXED_KEYS)
        PREFIX_STRINGS.set(prefix, (same = prefix));
      cut.push(same ?? prefix);
    }
    prefixes = cut;
    if (PREFIXES.size < MAX_PREFIXED_KEYS) PREFIXES.set(key, prefixes);
  }
  return prefixes;
}

/**
 * A line as an excerpt: its runs of white space made one space, trimmed, cut at EXCERPT_LENGTH
 * characters with "…"; undefined for a blank line. Only the characters the excerpt shows are
 * read (a line may be a whole page run together).
 */
function excerptOf(line: string): string | undefined {
  let out = '';
  let space = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (isWhiteSpace(c)) {
      space = out !== '';
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += line[i];
    if (out.length > EXCERPT_LENGTH) return `${out.slice(0, EXCERPT_LENGTH)}…`;
  }
  return out === '' ? undefined : out;
}

/** The first line holding the start of an excerpt (its first 16 characters, spaces ignored). */
function lineOfExcerpt(excerpt: string, lines: readonly string[]): number | undefined {
  const head = excerpt.replace(/…$/, '').replace(/\s+/g, '').slice(0, 16);
  if (head.length < 4) return undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.includes(head) || (/\s/.test(l) && l.replace(/\s+/g, '').includes(head))) return i + 1;
  }
  return undefined;
}
