/**
 * The three tables as one CSV, one figure per line ("long" layout, easy to filter, pivot and
 * concatenate across reports):
 *
 *   机关,年度,表格,表格键,行键,列键,行名称,列名称,数值
 *   中卫市科学技术局,2023,表三,applications,received,natural_person,一、本年新收政府信息公开申请数量,自然人,1
 *
 * Keys are those of GLOSSARY.md; names are the official labels. A cell without a value is an
 * empty 数值; a cell the report lacks has no line. UTF-8 with a byte-order mark so that Excel
 * reads the Chinese, CRLF line ends (RFC 4180).
 */
import {
  APPEAL_COLUMN_KEYS,
  APPEAL_GROUP_KEYS,
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROW_KEYS,
  PROACTIVE_GROUPS,
} from '../core/report/format.js';
import {
  appealColumnName,
  appealGroupName,
  applicationColumnName,
  applicationRowName,
} from '../core/report/labels.js';
import type { AnnualReport, Cell } from '../core/report/model.js';
import { formatCell } from './layout.js';

export const CSV_HEADER = [
  '机关',
  '年度',
  '表格',
  '表格键',
  '行键',
  '列键',
  '行名称',
  '列名称',
  '数值',
];

const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** Renders the CSV text, byte-order mark included. */
export function renderCsv(report: AnnualReport): string {
  const lines: string[][] = [CSV_HEADER];
  const add = (
    tableName: string,
    table: string,
    row: string,
    column: string,
    rowName: string,
    columnName: string,
    value: Cell | undefined,
  ) => {
    if (value === undefined) return;
    lines.push([
      report.agency,
      String(report.year),
      tableName,
      table,
      row,
      column,
      rowName,
      columnName,
      formatCell(value),
    ]);
  };
  for (const group of PROACTIVE_GROUPS) {
    for (const row of group.rows) {
      const cells = report.tables.proactive[row.key] as
        Record<string, Cell | undefined> | undefined;
      for (const column of group.columns) {
        add(
          '表二',
          'proactive',
          row.key,
          column.key,
          `${group.label} ${row.label}`,
          column.label,
          cells?.[column.key],
        );
      }
    }
  }
  for (const row of APPLICATION_ROW_KEYS) {
    for (const column of APPLICATION_COLUMN_KEYS) {
      add(
        '表三',
        'applications',
        row,
        column,
        applicationRowName(row),
        applicationColumnName(column),
        report.tables.applications[row]?.[column],
      );
    }
  }
  for (const group of APPEAL_GROUP_KEYS) {
    for (const column of APPEAL_COLUMN_KEYS) {
      add(
        '表四',
        'appeals',
        group,
        column,
        appealGroupName(group),
        appealColumnName(column),
        report.tables.appeals[group]?.[column],
      );
    }
  }
  return `\uFEFF${lines.map((l) => l.map(field).join(',')).join('\r\n')}\r\n`;
}
