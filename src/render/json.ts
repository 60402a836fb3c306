/** The report as JSON following the published schema (docs/report.schema.json). */
import type { Finding } from '../core/report/findings.js';
import type { AnnualReport } from '../core/report/model.js';
import { toReportJson } from '../core/report/schema.js';

export interface JsonOptions {
  /** Findings to include (e.g. from validateReport); left out when not given. */
  findings?: readonly Finding[];
}

export function renderJson(report: AnnualReport, options: JsonOptions = {}): string {
  return `${JSON.stringify(toReportJson(report, options.findings), null, 2)}\n`;
}
