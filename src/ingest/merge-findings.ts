/**
 * The reader's findings merged with the validation's: one finding per thing said, and no claim
 * about the report that the reader's findings deny its evidence.
 */
import type { Finding } from '../core/report/findings.js';

/** A finding identity: what it is about, regardless of how the message is worded. */
function identity(f: Finding): string {
  const l = f.location;
  // Concatenated rather than joined from an array: one is made for every finding of every file.
  return `${f.code}|${l.table ?? ''}|${l.row ?? ''}|${l.column ?? ''}|${l.section ?? ''}`;
}

const ARITHMETIC = new Set(['balance', 'row-total', 'column-total']);

/**
 * Merges the reader's findings with the validation's: where both speak of the same thing
 * (same code and place), the reader's — which points at the line — is kept.
 */
export function mergeFindings(
  reader: readonly Finding[],
  validation: readonly Finding[],
): Finding[] {
  // The identities of the reader's findings a validation finding may share: only those of a
  // code the validation gives (an identity starts with the code), the rest never made.
  const codes = new Set<string>();
  for (const f of validation) codes.add(f.code);
  const seen = new Set<string>();
  // A table the reader left (partly) unread: "cannot be checked" about its arithmetic says
  // again what the reader's error said; it is not a finding about the report.
  const unread = new Set<string | undefined>();
  // Whether the reader claims a row is missing (most files: no).
  let missingRows = false;
  for (const f of reader) {
    if (codes.has(f.code)) seen.add(identity(f));
    if (f.severity === 'error' && f.location.table) unread.add(f.location.table);
    if (f.code === 'missing-row' && f.location.row !== undefined) missingRows = true;
  }
  const kept: Finding[] = [];
  for (const f of validation) {
    // With no identity to share, none is made.
    if (seen.size !== 0 && seen.has(identity(f))) continue;
    if (redundant(f, unread)) continue;
    kept.push(f);
  }
  // The reader's own claims that a row is missing meet the same test as the validation's.
  const readerKept = missingRows ? withoutUnfoundedOwnMissingRows(reader, unread) : reader;
  return [...readerKept, ...withoutUnfoundedMissingRows(reader, kept, unread)];
}

/** A validation finding that cannot be checked, about a table the reader did not fully read. */
function redundant(f: Finding, unread: ReadonlySet<string | undefined>): boolean {
  return (
    f.severity === 'info' &&
    ARITHMETIC.has(f.code) &&
    f.location.table !== undefined &&
    unread.has(f.location.table)
  );
}

/** The reader's findings, its missing-row claims tested as the validation's are. */
function withoutUnfoundedOwnMissingRows(
  reader: readonly Finding[],
  unread: ReadonlySet<string | undefined>,
): Finding[] {
  const own = withoutUnfoundedMissingRows(
    reader,
    reader.filter((f) => f.code === 'missing-row' && f.location.row !== undefined),
    unread,
  );
  return reader.map((f) =>
    f.code === 'missing-row' && f.location.row !== undefined
      ? own[
          reader.filter((g) => g.code === 'missing-row' && g.location.row !== undefined).indexOf(f)
        ]!
      : f,
  );
}

const TABLE_NAMES: Record<string, string> = {
  proactive: '表二',
  applications: '表三',
  appeals: '表四',
};

/**
 * Validation's missing-row claims where the reader's findings deny them their evidence. A claim
 * that a whole table is missing, about a table the reader found and could not read (it gave an
 * error about it), is the reader's limit, which its error already says: dropped. A claim that a
 * row is missing, in a table where the reader met a row whose label names no row of the template
 * (its figures unread, an error): that row may be the one "missing" under a label the reader does
 * not know, so the claim becomes the reader's limit (`unread-table`), naming the unknown row.
 */
function withoutUnfoundedMissingRows(
  reader: readonly Finding[],
  validation: readonly Finding[],
  unread: ReadonlySet<string | undefined>,
): Finding[] {
  const unknown = new Map<string, Finding[]>();
  for (const f of reader) {
    const { table, row, excerpt } = f.location;
    // A label read that names no row (its figures unread), or a label printed in glyphs the
    // file does not map to text (an unread-table warning where it stands).
    const unknownLabel = f.code === 'unreadable-cell' && f.severity === 'error';
    const glyphLabel = f.code === 'unread-table' && f.severity === 'warning';
    if (!(unknownLabel || glyphLabel) || !table || row || !excerpt) continue;
    unknown.set(table, [...(unknown.get(table) ?? []), f]);
  }
  const out: Finding[] = [];
  for (const f of validation) {
    const table = f.location.table;
    if (f.code !== 'missing-row' || !table) {
      out.push(f);
      continue;
    }
    if (f.location.row === undefined) {
      if (!unread.has(table)) out.push(f);
      continue;
    }
    const rows = unknown.get(table);
    if (!rows) {
      out.push(f);
      continue;
    }
    const name = /缺少(?:分组行名)?“([^”]+)”/.exec(f.message)?.[1] ?? f.location.row;
    const where = rows.map((u) => `第 ${u.location.line} 行“${u.location.excerpt}”`).join('、');
    out.push({
      code: 'unread-table',
      severity: 'error',
      location: { ...f.location },
      message: `${TABLE_NAMES[table] ?? '表格'}中未找到“${name}”的行名，但${where}不是可识别的格式规定的行名${rows.some((u) => u.code === 'unread-table') ? '（含无法识别的字符）' : ''}，可能就是这一行；未能确定报告是否缺少这一行，请对照原件核对并手工填写。`,
    });
  }
  return out;
}
