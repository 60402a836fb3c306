/**
 * A finding's fingerprint — its rule, the agency, the year and its place in the report — is
 * what a supervisor's review sticks to: the same finding raised again by a re-read, a
 * re-import or a corrected version has the same fingerprint, whatever its wording or line.
 */
import type { Finding } from '../report/findings.js';

export const REVIEW_DECISIONS = ['confirmed', 'dismissed', 'withdrawn'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const REVIEW_DECISION_LABELS: Record<ReviewDecision, string> = {
  confirmed: '已确认，待机关更正',
  dismissed: '已排除',
  withdrawn: '已撤回确认',
};

/** The place of a finding that its fingerprint keeps (never the line or the quote). */
export function findingPlace(finding: Finding): {
  table?: string;
  row?: string;
  column?: string;
  section?: string;
} {
  const { table, row, column, section } = finding.location;
  return {
    ...(table ? { table } : {}),
    ...(row ? { row } : {}),
    ...(column ? { column } : {}),
    ...(section ? { section } : {}),
  };
}

/**
 * @example
 *   findingFingerprint('a1', 2025, { code: 'balance', location: { table: 'applications',
 *     column: 'total' }, … }) // 'balance|a1|2025|applications||total|'
 */
export function findingFingerprint(agencyId: string, year: number, finding: Finding): string {
  // The same fields as findingPlace, read directly: the console makes one per finding shown.
  const { table, row, column, section } = finding.location;
  return `${finding.code}|${agencyId}|${year}|${table || ''}|${row || ''}|${column || ''}|${section || ''}`;
}

/** Whether a review of a finding is still open for the supervisor: never reviewed, or withdrawn. */
export function needsReview(decision: ReviewDecision | null): boolean {
  return decision === null || decision === 'withdrawn';
}
