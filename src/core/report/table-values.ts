/**
 * What the table checks share: a cell's value as the model holds it, the sums of values and the
 * info finding for a rule that blank or unreadable cells keep from being checked.
 */
import type { Finding, FindingLocation } from './findings.js';
import type { ApplicationColumnKey, ApplicationRowKey } from './format.js';
import type { Cell, ReportTables } from './model.js';

/** 国办公开办函〔2021〕30号, the format whose notes and labels these rules come from. */
export const FORMAT_NOTICE = '国办公开办函〔2021〕30号';

export type Value = Cell | undefined;

export const isNumber = (v: Value): v is number => typeof v === 'number' && Number.isFinite(v);

/** The sum when every value is a number; otherwise which values are missing or unreadable. */
export function sumOf(values: readonly Value[]): number | null {
  let sum = 0;
  for (const v of values) {
    if (!isNumber(v)) return null;
    sum += v;
  }
  return sum;
}

export const show = (v: number) => String(v);

export function unreadable(
  code: Finding['code'],
  location: FindingLocation,
  what: string,
  values: readonly Value[],
): Finding[] {
  // Absent cells are reported as missing-row / missing-column; only blanks need saying here.
  if (!values.some((v) => v === null || (typeof v === 'number' && !Number.isFinite(v)))) return [];
  return [
    {
      code,
      severity: 'info',
      location,
      message: `${what}有空白或无法识别的单元格，无法核对。`,
    },
  ];
}

export function applicationCell(
  tables: ReportTables,
  row: ApplicationRowKey,
  column: ApplicationColumnKey,
): Value {
  return tables.applications[row]?.[column];
}
