/** The report as JSON following the published schema (docs/report.schema.json). */
import type { Finding } from '../core/report/findings.js';
import type { AnnualReport } from '../core/report/model.js';
import { REPORT_SCHEMA_ID, toReportJson } from '../core/report/schema.js';

export interface JsonOptions {
  /** Findings to include (e.g. from validateReport); left out when not given. */
  findings?: readonly Finding[];
}

export function renderJson(report: AnnualReport, options: JsonOptions = {}): string {
  // $schema first: a reader (or an editor) knows the file's format before anything else.
  const json = { $schema: REPORT_SCHEMA_ID, ...toReportJson(report, options.findings) };
  return `${JSON.stringify(json, null, 2)}\n`;
}
