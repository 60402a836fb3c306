/** Small helpers for the tests of validateReport: a sample report changed, and the findings' codes. */
import type { Finding, FindingCode } from '../../src/core/report/findings.js';
import type { AnnualReport } from '../../src/core/report/model.js';
import { sampleReport } from './sample-report.js';

export const codes = (findings: readonly Finding[]) => findings.map((f) => f.code);
export const withCode = (findings: readonly Finding[], code: FindingCode) =>
  findings.filter((f) => f.code === code);

/** The sample report, changed by `change`. */
export function mutate(change: (report: AnnualReport) => void): AnnualReport {
  const report = sampleReport();
  change(report);
  return report;
}

/** Sets a section's narrative. */
export function setText(report: AnnualReport, key: string, text: string): void {
  const section = report.sections.find((s) => s.key === key);
  if (!section) throw new Error(`no section ${key}`);
  section.text = text;
}
