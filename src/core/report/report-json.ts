/**
 * The published JSON form of an annual report (its schema and parser are in schema.ts). Kept
 * apart from the schema so that printing a report as JSON loads no schema library.
 */
import type { Finding } from './findings.js';
import type { AnnualReport } from './model.js';

/**
 * The report in its published JSON form, keys in a stable order; findings only when given, and
 * the line each figure was read from only when given and known.
 */
export function toReportJson(
  report: AnnualReport,
  findings?: readonly Finding[],
  sourceLines?: Readonly<Record<string, number>>,
): Record<string, unknown> {
  const json: Record<string, unknown> = {
    agency: report.agency,
    agencyLevel: report.agencyLevel,
    year: report.year,
    publishedOn: report.publishedOn,
    title: report.title,
    format: report.format,
    preamble: report.preamble,
    sections: report.sections.map((s) => ({
      key: s.key,
      number: s.number,
      title: s.title,
      text: s.text,
      ...(s.html === undefined ? {} : { html: s.html }),
    })),
    tables: report.tables,
    closing: report.closing,
  };
  if (findings) json.findings = findings;
  if (sourceLines && Object.keys(sourceLines).length > 0) json.sourceLines = sourceLines;
  return json;
}
