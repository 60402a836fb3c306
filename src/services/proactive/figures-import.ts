/**
 * Importing table 二's （五）（六）（八） figures for one year from a CSV (UTF-8 with or without
 * BOM, or GB18030) or an XLSX file: the type read from the content, the size limited, a zip
 * bomb refused as attachments are, every problem listed at once; on success saved through the
 * same service as the form, with 「导入：文件名」 as the source (audited there).
 */
import type ExcelJS from 'exceljs';
import { AppError, invalidField } from '../../core/errors.js';
import { readFiguresSheet, type ImportedFigures } from '../../core/proactive/figures-import.js';
import { decodeText, looksBinary } from '../../ingest/decode.js';
import { zipRead, ZipError } from '../../ingest/zip.js';
import { loadExcelJs } from '../../render/exceljs.js';
import type { Actor, ServiceContext } from '../context.js';
import { cleanFilename, refuseZipBomb } from './attachments.js';
import { enterYearFigures } from './figures.js';

export const FIGURES_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
/** What all the parts of an XLSX may expand to, in total, really inflated. */
const XLSX_EXPANDED_MAX = 20 * 1024 * 1024;

/** Splits CSV text into rows of cells (RFC 4180 quotes; commas, tabs or semicolons). */
export function csvRows(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const sep = [',', '\t', ';', '，'].find((s) => firstLine.includes(s)) ?? ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) endCell();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endCell();
      rows.push(row);
      row = [];
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(Number(value.toFixed(6)));
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return '';
}

async function xlsxRows(bytes: Uint8Array, name: string): Promise<string[][]> {
  const entries = refuseZipBomb(bytes, name);
  try {
    // Every part really inflated under one cap before exceljs sees the file.
    let left = XLSX_EXPANDED_MAX;
    for (const e of entries) left -= zipRead(bytes, e, Math.max(left, 0)).length;
  } catch (error) {
    if (error instanceof ZipError && error.reason === 'too-large')
      throw invalidField(
        'file',
        `“${name}”解压后超过 ${XLSX_EXPANDED_MAX / 1024 / 1024} MB，疑似压缩炸弹，未导入。`,
      );
    throw invalidField('file', `“${name}”已损坏或已加密；请用 Excel 或 WPS 另存为新文件后再导入。`);
  }
  const { Workbook } = await loadExcelJs();
  const book = new Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw invalidField(
      'file',
      `“${name}”无法作为 Excel 文件读取；请用 Excel 或 WPS 另存后再导入。`,
    );
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw invalidField('file', `“${name}”中没有工作表。`);
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    rows[n - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}

/** The rows of the file, by its content: XLSX (a zip with a workbook) or CSV text. */
async function sheetRows(bytes: Uint8Array, name: string): Promise<string[][]> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    let isWorkbook = false;
    try {
      isWorkbook = refuseZipBomb(bytes, name).some((e) => e.name === 'xl/workbook.xml');
    } catch (error) {
      if (error instanceof AppError) throw error;
    }
    if (!isWorkbook)
      throw invalidField(
        'file',
        `“${name}”是压缩文件而不是 Excel 工作簿；请导入 CSV 或 XLSX 文件（见导入说明）。`,
      );
    return xlsxRows(bytes, name);
  }
  const { text } = decodeText(bytes);
  if (looksBinary(bytes, text))
    throw invalidField(
      'file',
      `“${name}”不是 CSV 或 XLSX 文件（内容不是文字表格）；请从原系统导出为 CSV 或 XLSX 后再导入。`,
    );
  return csvRows(text);
}

export interface FiguresImport {
  fileName: string;
  source: string;
  figures: ImportedFigures;
}

/** Reads the file; refuses it with every problem listed (`problems`, each with row and column). */
export async function readFiguresFile(bytes: Uint8Array, fileName: string): Promise<FiguresImport> {
  const name = cleanFilename(fileName) || '未命名文件';
  if (bytes.length === 0) throw invalidField('file', `“${name}”是空文件，请选择导出的表格文件。`);
  if (bytes.length > FIGURES_IMPORT_MAX_BYTES)
    throw new AppError(
      'validation_failed',
      `“${name}”有 ${(bytes.length / 1024 / 1024).toFixed(1)} MB，超过导入文件上限 ${FIGURES_IMPORT_MAX_BYTES / 1024 / 1024} MB；这四个数字的表格不应这么大，请只保留这四行。`,
      { field: 'file' },
    );
  const reading = readFiguresSheet(await sheetRows(bytes, name));
  if (!reading.ok)
    throw new AppError(
      'validation_failed',
      `“${name}”有 ${reading.problems.length} 处问题，未导入：${reading.problems[0]!.message}`,
      {
        field: 'file',
        problems: reading.problems.map((p) => ({ field: 'file', ...p })),
      },
    );
  return { fileName: name, source: `导入：${name}`.slice(0, 200), figures: reading.figures };
}

/** Reads and, unless only previewing, saves the year's figures with their source. */
export async function importYearFigures(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  year: number,
  file: { name: string; bytes: Uint8Array },
  options: { preview: boolean },
): Promise<FiguresImport & { saved: boolean }> {
  const read = await readFiguresFile(file.bytes, file.name);
  if (options.preview) return { ...read, saved: false };
  await enterYearFigures(ctx, actor, agencyId, year, { ...read.figures, source: read.source });
  return { ...read, saved: true };
}
