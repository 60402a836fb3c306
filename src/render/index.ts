/**
 * Every document of an annual report, all from the one model. Each renderer is
 * render<Format>(report); renderReport(report, format) picks one by name.
 */
import type { AnnualReport } from '../core/report/model.js';
import type { PrintOptions } from './chromium.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson, type JsonOptions } from './json.js';
import { renderPdf } from './pdf.js';
import { renderText } from './text.js';

export { renderCsv, CSV_HEADER } from './csv.js';
export { renderHtml, renderReportArticle, REPORT_CSS, escapeHtml } from './html.js';
export { renderJson, type JsonOptions } from './json.js';
export { renderPdf } from './pdf.js';
export { renderText, tableLines } from './text.js';
export {
  closeSharedChromium,
  launchChromium,
  printHtmlToPdf,
  sharedChromium,
  type ChromiumOptions,
  type PrintOptions,
} from './chromium.js';
export {
  placeCells,
  reportBlocks,
  reportTitle,
  tableGrid,
  type Block,
  type Grid,
  type GridCell,
  type TableKey,
} from './layout.js';

export { DOCUMENT_FORMATS, DOCUMENT_TYPES, type DocumentFormat } from './formats.js';
import { DOCUMENT_FORMATS, type DocumentFormat } from './formats.js';

export function isDocumentFormat(value: string): value is DocumentFormat {
  return (DOCUMENT_FORMATS as readonly string[]).includes(value);
}

export type RenderOptions = JsonOptions & PrintOptions;

/**
 * The report as DOCX. docx.ts (with the docx package) is imported on the first DOCX rather than
 * with the server: the package takes most of a second to import, and most requests are pages.
 */
export async function renderDocx(report: AnnualReport): Promise<Uint8Array> {
  const docx = await import('./docx.js');
  return docx.renderDocx(report);
}

/** Renders the report in the given format: text formats as string, DOCX and PDF as bytes. */
export async function renderReport(
  report: AnnualReport,
  format: DocumentFormat,
  options: RenderOptions = {},
): Promise<string | Uint8Array> {
  switch (format) {
    case 'html':
      return renderHtml(report);
    case 'docx':
      return renderDocx(report);
    case 'pdf':
      return renderPdf(report, options);
    case 'json':
      return renderJson(report, options);
    case 'csv':
      return renderCsv(report);
    case 'txt':
      return renderText(report);
  }
}
