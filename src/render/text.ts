/**
 * The report as plain text in the common tab-separated layout — the layout of corpus report 002
 * (中卫市科学技术局 2023): title, preamble, each section under its heading 一、…, and the tables
 * as tab-separated rows with the same header lines, blank lines between paragraphs. Unlike 002,
 * every row carries all its figures (002 lost one in rows （一） and （二） in conversion).
 */
import {
  APPEAL_COLUMNS,
  APPEAL_GROUPS,
  APPLICANT_COLUMNS,
  APPLICANT_HEADER,
  APPLICATION_BALANCE_NOTE,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROWS,
  LITIGATION_HEADER,
  ORGANISATION_HEADER,
  OUTCOME_GROUPS,
  OUTCOMES_HEADER,
  PROACTIVE_CONTENT_LABEL,
  PROACTIVE_GROUPS,
  type ApplicationRowKey,
} from '../core/report/format.js';
import type { AnnualReport, Cell, ReportTables } from '../core/report/model.js';
import {
  closingLines,
  formatCell,
  paragraphs,
  reportBlocks,
  reportTitle,
  type TableKey,
} from './layout.js';

/** A cell never holds a tab or a line break, which would start a new cell or row. */
const clean = (text: string) => text.replace(/[\t\r\n]+/g, ' ');
const line = (cells: readonly string[]) => cells.map(clean).join('\t');
const figures = (values: readonly (Cell | undefined)[]) => values.map(formatCell);

function proactiveLines(tables: ReportTables): string[] {
  const lines: string[] = [];
  for (const group of PROACTIVE_GROUPS) {
    const pad = (cells: string[]) => [...cells, ...Array<string>(4 - cells.length).fill('')];
    lines.push(line(pad([group.label])));
    lines.push(line(pad([PROACTIVE_CONTENT_LABEL, ...group.columns.map((c) => c.label)])));
    for (const row of group.rows) {
      const cells = tables.proactive[row.key] as Record<string, Cell | undefined> | undefined;
      lines.push(line(pad([row.label, ...figures(group.columns.map((c) => cells?.[c.key]))])));
    }
  }
  return lines;
}

function applicationLines(tables: ReportTables): string[] {
  const t = tables.applications;
  const values = (key: ApplicationRowKey) =>
    figures(APPLICATION_COLUMN_KEYS.map((c) => t[key]?.[c]));
  const label = (key: ApplicationRowKey) => APPLICATION_ROWS.find((r) => r.key === key)!.label;
  const lines = [
    line([APPLICATION_BALANCE_NOTE, APPLICANT_HEADER, '', '', '', '', '', '总计']),
    line(['', APPLICANT_COLUMNS[0].label, ORGANISATION_HEADER, '', '', '', '', '']),
    line(['', '', ...APPLICANT_COLUMNS.slice(1).map((c) => c.label), '']),
    line([label('received'), ...values('received')]),
    line([label('carried_over'), ...values('carried_over')]),
  ];
  let first = true;
  for (const group of OUTCOME_GROUPS) {
    const items = APPLICATION_ROWS.filter((r) => r.group === group.key);
    const lead = first ? OUTCOMES_HEADER : '';
    first = false;
    if (items.length === 1 && items[0]!.key === group.key) {
      lines.push(line([lead, items[0]!.label, '', ...values(items[0]!.key)]));
      continue;
    }
    items.forEach((item, i) => {
      lines.push(
        line(['', i === 0 ? `${group.number}${group.label}` : '', item.label, ...values(item.key)]),
      );
    });
  }
  lines.push(line(['', label('carried_forward'), '', ...values('carried_forward')]));
  return lines;
}

function appealLines(tables: ReportTables): string[] {
  const review = APPEAL_GROUPS.find((g) => g.parent === null)!;
  const lawsuits = APPEAL_GROUPS.filter((g) => g.parent !== null);
  const outcomeLabels = APPEAL_COLUMNS.map((c) => c.label);
  const blank5 = ['', '', '', '', ''];
  return [
    line([review.label, '', '', '', '', LITIGATION_HEADER, ...Array<string>(9).fill('')]),
    line([...outcomeLabels, ...lawsuits.flatMap((g) => [g.label, '', '', '', ''])]),
    line([...blank5, ...lawsuits.flatMap(() => outcomeLabels)]),
    line(
      APPEAL_GROUPS.flatMap((g) =>
        figures(APPEAL_COLUMNS.map((c) => tables.appeals[g.key]?.[c.key])),
      ),
    ),
  ];
}

export function tableLines(table: TableKey, tables: ReportTables): string[] {
  if (table === 'proactive') return proactiveLines(tables);
  if (table === 'applications') return applicationLines(tables);
  return appealLines(tables);
}

/** Renders the plain-text report (UTF-8, LF line ends). */
export function renderText(report: AnnualReport): string {
  const out: string[] = [clean(reportTitle(report)), ''];
  for (const p of paragraphs(report.preamble)) out.push(clean(p), '');
  for (const block of reportBlocks(report)) {
    if (block.kind === 'table') out.push(...tableLines(block.table, report.tables), '');
    else out.push(clean(block.text), '');
  }
  for (const p of closingLines(report)) out.push(clean(p));
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
