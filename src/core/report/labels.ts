/** Chinese names of table parts for messages, taken from the format (one source of truth). */
import {
  APPEAL_COLUMNS,
  APPEAL_GROUPS,
  APPLICATION_COLUMNS,
  APPLICATION_ROWS,
  OUTCOME_GROUPS,
  PROACTIVE_GROUPS,
  type AppealColumnKey,
  type AppealGroupKey,
  type ApplicationColumnKey,
  type ApplicationRowKey,
} from './format.js';

/**
 * A table 三 row as a person names it: the official label, with its outcome group for the
 * numbered leaf rows (e.g. "（三）不予公开 1.属于国家秘密").
 */
export function applicationRowName(key: ApplicationRowKey): string {
  return APPLICATION_ROW_NAMES.get(key) ?? key;
}

// Names are made once: validation asks for them for every cell of every report it checks.
const APPLICATION_ROW_NAMES = new Map<string, string>();
for (const row of APPLICATION_ROWS) {
  if (APPLICATION_ROW_NAMES.has(row.key)) continue;
  const group =
    row.group === null || row.key === row.group || row.key === 'total'
      ? undefined
      : OUTCOME_GROUPS.find((g) => g.key === row.group);
  APPLICATION_ROW_NAMES.set(
    row.key,
    group ? `${group.number}${group.label} ${row.label}` : row.label,
  );
}

export function applicationColumnName(key: ApplicationColumnKey): string {
  return APPLICATION_COLUMN_NAMES.get(key) ?? key;
}

const APPLICATION_COLUMN_NAMES = new Map<string, string>();
for (const c of APPLICATION_COLUMNS)
  if (!APPLICATION_COLUMN_NAMES.has(c.key)) APPLICATION_COLUMN_NAMES.set(c.key, c.label);

/** "行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）". */
export function appealGroupName(key: AppealGroupKey): string {
  return APPEAL_GROUP_NAMES.get(key) ?? key;
}

const APPEAL_GROUP_NAMES = new Map<string, string>();
for (const g of APPEAL_GROUPS) {
  if (!APPEAL_GROUP_NAMES.has(g.key))
    APPEAL_GROUP_NAMES.set(g.key, g.parent ? `${g.parent}（${g.label}）` : g.label);
}

export function appealColumnName(key: AppealColumnKey): string {
  return APPEAL_COLUMN_NAMES.get(key) ?? key;
}

const APPEAL_COLUMN_NAMES = new Map<string, string>();
for (const c of APPEAL_COLUMNS)
  if (!APPEAL_COLUMN_NAMES.has(c.key)) APPEAL_COLUMN_NAMES.set(c.key, c.label);

/** A table 二 row and column as printed, e.g. "规章 · 本年制发件数". */
export function proactiveCellName(row: string, column: string): string {
  for (const group of PROACTIVE_GROUPS) {
    const r = group.rows.find((x) => x.key === row);
    if (!r) continue;
    const c = group.columns.find((x) => x.key === column);
    return `${group.label}“${r.label}”${c ? `“${c.label}”` : ''}`;
  }
  return `${row} ${column}`;
}
