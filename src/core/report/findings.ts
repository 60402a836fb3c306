/**
 * Findings: what validation (and the document readers) say about a report. Other parts of the
 * system and its users rely on the codes, so they are stable; messages are Chinese and cite
 * the rule.
 */
import {
  appealColumnName,
  appealGroupName,
  applicationColumnName,
  applicationRowName,
  proactiveCellName,
} from './labels.js';

export const FINDING_CODES = [
  // Arithmetic of the tables.
  'balance',
  'row-total',
  'column-total',
  'negative-or-fraction',
  // Parts of the official format absent.
  'missing-section',
  'missing-row',
  'missing-column',
  // Old templates.
  'outdated-format',
  'outdated-regulation',
  // Text against tables, dates.
  'narrative-mismatch',
  'late-publication',
  'year-mismatch',
  // Against other reports (cross-checks.ts): the year before, a government's departments.
  'carry-over-mismatch',
  'year-on-year',
  'region-total-mismatch',
  // Found while reading a published document (ingest).
  'cell-count',
  'unreadable-cell',
  'row-order',
  'unreadable-file',
  // The reader's limits (never a claim about the report): a table or section it could not read.
  'unread-table',
  'unread-section',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

export type Severity = 'error' | 'warning' | 'info';

/**
 * Where a finding points. Every field is optional; a finding about a table cell names the
 * table, row and column (keys of GLOSSARY.md); one from a read document also names the line
 * (1-based) of the source text it came from.
 */
export interface FindingLocation {
  table?: 'proactive' | 'applications' | 'appeals';
  row?: string;
  column?: string;
  section?: string;
  line?: number;
  /** A short quote of the text the finding is about. */
  excerpt?: string;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  location: FindingLocation;
  /** Chinese, says what is wrong and cites the rule. */
  message: string;
}

const TABLE_NAMES: Record<NonNullable<FindingLocation['table']>, string> = {
  proactive: '表二（主动公开）',
  applications: '表三（依申请公开）',
  appeals: '表四（行政复议、行政诉讼）',
};

/** A one-line Chinese description of a location, for people. */
export function describeLocation(location: FindingLocation): string {
  const parts: string[] = [];
  if (location.line !== undefined) parts.push(`第 ${location.line} 行`);
  if (location.section) parts.push(`第${location.section}部分`);
  if (location.table) parts.push(TABLE_NAMES[location.table]);
  // Rows and columns are named as printed in the table, never by their keys.
  const { row, column } = location;
  if (location.table === 'proactive' && row) {
    parts.push(proactiveCellName(row, column ?? ''));
  } else {
    const names: [(k: string) => string, (k: string) => string] =
      location.table === 'applications'
        ? [(k) => applicationRowName(k as never), (k) => applicationColumnName(k as never)]
        : location.table === 'appeals'
          ? [(k) => appealGroupName(k as never), (k) => appealColumnName(k as never)]
          : [(k) => k, (k) => k];
    if (row) parts.push(`“${names[0](row)}”行`);
    if (column) parts.push(`“${names[1](column)}”列`);
  }
  return parts.join('，');
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
