/** The report as PDF: Chromium's print of the HTML page, CJK fonts (fonts-noto-cjk) embedded. */
import type { AnnualReport } from '../core/report/model.js';
import { printHtmlToPdf, type PrintOptions } from './chromium.js';
import { renderHtml } from './html.js';

/**
 * Renders the PDF with the shared Chromium unless a browser is given; the caller closes the
 * shared one (closeSharedChromium) when done.
 */
export function renderPdf(report: AnnualReport, options: PrintOptions = {}): Promise<Uint8Array> {
  return printHtmlToPdf(renderHtml(report), options);
}
