/**
 * What the supervisor's console needs of one published report version, derived once when the
 * version is saved (a version never changes, so neither does its summary): the three tables
 * without the narrative, the stored findings, the sentence stating a region total (for a
 * government's check against its departments), and table 三's outcome groups summed, so a
 * region's outcomes over the years are one SQL sum.
 */
import { regionTotalStatement } from '../report/cross-checks.js';
import type { Finding } from '../report/findings.js';
import { OUTCOME_GROUPS, OUTCOME_ROW_KEYS } from '../report/format.js';
import type { AnnualReport } from '../report/model.js';

/** Table 三's outcome groups （一）…（六）, each a column of the summary. */
export const SUMMARY_OUTCOME_GROUPS = OUTCOME_GROUPS.filter((g) => g.key !== 'total').map(
  (g) => g.key,
);
export type SummaryOutcomeGroup = (typeof SUMMARY_OUTCOME_GROUPS)[number];

export interface VersionSummary {
  /** The three tables as JSON ('null' for a report stored without them). */
  tablesJson: string;
  findingsJson: string;
  regionStatement: string | null;
  /** Each outcome group's 总计 rows summed (numbers only), as outcomeMixOf sums them. */
  outcomes: Record<SummaryOutcomeGroup, number>;
}

/** The summary of a version from its report and its stored findings. */
export function versionSummary(report: AnnualReport, findings: readonly Finding[]): VersionSummary {
  const outcomes = Object.fromEntries(SUMMARY_OUTCOME_GROUPS.map((g) => [g, 0])) as Record<
    SummaryOutcomeGroup,
    number
  >;
  // A stored report without its tables (never published so) sums to nothing.
  const a = (report.tables as AnnualReport['tables'] | undefined)?.applications;
  for (const row of OUTCOME_ROW_KEYS) {
    const v = a?.[row]?.total;
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    const group = row.split('.')[0] as SummaryOutcomeGroup;
    if (group in outcomes) outcomes[group] += v;
  }
  return {
    tablesJson: JSON.stringify(report.tables ?? null),
    findingsJson: JSON.stringify(findings),
    regionStatement: regionTotalStatement(report),
    outcomes,
  };
}
