/**
 * Tables as spreadsheets: XLSX (exceljs; strings are text cells, which Excel never runs as
 * formulas) and CSV (UTF-8 with a byte-order mark so that Excel reads the Chinese, CRLF line
 * ends, and a cell that would start a formula — = + - @, a tab or a CR — prefixed with an
 * apostrophe).
 */
import { loadExcelJs } from './exceljs.js';

export type SheetCell = string | number | null;

export interface Sheet {
  name: string;
  columns: { header: string; width?: number }[];
  rows: SheetCell[][];
}

export const SHEET_MEDIA_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export async function renderXlsx(sheets: readonly Sheet[], created: Date): Promise<Uint8Array> {
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
  workbook.creator = 'gongkai';
  workbook.created = created;
  for (const s of sheets) {
    // Excel refuses sheet names over 31 characters or with []:*?/\.
    const sheet = workbook.addWorksheet(s.name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = s.columns.map((c) => ({ header: c.header, width: c.width ?? 14 }));
    sheet.getRow(1).font = { bold: true };
    for (const row of s.rows) sheet.addRow(row.map((v) => (v === null ? '' : v)));
    if (s.columns.length > 0) {
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: s.columns.length } };
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function csvCell(value: SheetCell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsvSheet(sheet: Sheet): Uint8Array {
  const lines = [sheet.columns.map((c) => c.header), ...sheet.rows].map((r) =>
    r.map(csvCell).join(','),
  );
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}
