/**
 * Pointing validation's findings at the lines of a read document. Validation works on the report
 * alone and names a table's row and column; the reader knows which line each figure came from.
 */
import type { Finding } from '../report/findings.js';
import type { SourceLines } from './source.js';

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
  // The keys, listed once and only when a finding needs them (a document has some 200).
  let keys: string[] | undefined;
  return findings.map((f) => {
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
    if (found === undefined) {
      const prefix = `${table}.${row}.`;
      for (const key of (keys ??= Object.keys(sourceLines))) {
        if (!key.startsWith(prefix)) continue;
        const l = sourceLines[key]!;
        if (found === undefined || l < found) found = l;
      }
    }
    if (found === undefined) return f;
    const text = lines?.[found - 1]?.replace(/\s+/g, ' ').trim();
    const excerpt =
      f.location.excerpt ??
      (text
        ? text.length > EXCERPT_LENGTH
          ? `${text.slice(0, EXCERPT_LENGTH)}…`
          : text
        : undefined);
    return {
      ...f,
      location: { ...f.location, line: found, ...(excerpt === undefined ? {} : { excerpt }) },
    };
  });
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
