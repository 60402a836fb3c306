/**
 * exceljs, imported when a spreadsheet is first written or read rather than with the server:
 * importing it takes a good part of a second, and few requests need it.
 */
import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | null = null;

export function loadExcelJs(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((module) => module.default);
  return loading;
}
