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
  const row = APPLICATION_ROWS.find((r) => r.key === key);
  if (!row) return key;
  if (row.group === null || row.key === row.group || row.key === 'total') return row.label;
  const group = OUTCOME_GROUPS.find((g) => g.key === row.group);
  return group ? `${group.number}${group.label} ${row.label}` : row.label;
}

export function applicationColumnName(key: ApplicationColumnKey): string {
  return APPLICATION_COLUMNS.find((c) => c.key === key)?.label ?? key;
}

/** "行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）". */
export function appealGroupName(key: AppealGroupKey): string {
  const group = APPEAL_GROUPS.find((g) => g.key === key);
  if (!group) return key;
  return group.parent ? `${group.parent}（${group.label}）` : group.label;
}

export function appealColumnName(key: AppealColumnKey): string {
  return APPEAL_COLUMNS.find((c) => c.key === key)?.label ?? key;
}

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
