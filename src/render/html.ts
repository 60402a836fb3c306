/**
 * The report as one self-contained HTML page in the official layout: merged header cells as in
 * 国办公开办函〔2021〕30号, inline CSS with a print stylesheet (A4), no external asset, every text
 * escaped. The PDF is Chromium's print of this page.
 */
import sanitizeHtml from 'sanitize-html';
import type { AnnualReport } from '../core/report/model.js';
import {
  closingLines,
  paragraphs,
  reportBlocks,
  reportTitle,
  tableGrid,
  type Grid,
} from './layout.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** CJK fonts installed with Debian fonts-noto-cjk first, then those of Windows and macOS. */
const SERIF =
  '"Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", "Noto Sans CJK SC", serif';
const SANS = '"Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "PingFang SC", sans-serif';

/**
 * Table 三's column widths on A4 (pt, 170 mm of text width): wide enough that pdftotext reads
 * every heading whole — 三、本年度办理结果 (col 1), （三）不予公开…（六）其他处理 (col 2), the
 * applicant columns 自然人 … 法律服务机构 — and the 勾稽关系 note on one line over cols 1–3.
 * Only the long item labels of col 3 wrap.
 */
const PRINT_APPLICATION_WIDTHS = [80, 62, 87, 29, 35, 35, 51, 51, 22, 30];

const printApplicationColumns = (() => {
  const total = PRINT_APPLICATION_WIDTHS.reduce((a, b) => a + b, 0);
  return PRINT_APPLICATION_WIDTHS.map(
    (w, i) =>
      `  .gk-report table.gk-applications col:nth-child(${i + 1}) { width: ${((w / total) * 100).toFixed(2)}% !important; }`,
  ).join('\n');
})();

/** The stylesheet of the report page (screen and print). */
export const REPORT_CSS = `
.gk-report { font-family: ${SERIF}; color: #000; line-height: 1.8; max-width: 52em; margin: 2em auto; padding: 0 1em; font-size: 16px; }
.gk-report h1 { font-family: ${SANS}; font-size: 1.6em; font-weight: bold; text-align: center; line-height: 1.5; margin: 0 0 1.2em; }
.gk-report h2 { font-family: ${SANS}; font-size: 1.15em; font-weight: bold; margin: 1.4em 0 0.6em; }
.gk-report p { text-indent: 2em; margin: 0 0 0.5em; text-align: justify; }
.gk-report .gk-closing p { text-align: right; text-indent: 0; margin: 0; }
.gk-report .gk-closing { margin-top: 2em; }
.gk-report table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1.2em; font-size: 0.8em; line-height: 1.4; table-layout: fixed; }
.gk-report caption { caption-side: top; font-weight: bold; padding: 0 0 0.4em; }
.gk-report th, .gk-report td { border: 1px solid #000; padding: 0.3em 0.35em; vertical-align: middle; word-break: break-all; }
.gk-report th { font-weight: normal; text-align: center; background: #f2f2f2; }
.gk-report td.gk-label { text-align: left; }
.gk-report td.gk-value { text-align: center; font-variant-numeric: tabular-nums; }
.gk-report table.gk-appeals { font-size: 0.6em; }
.gk-report table.gk-appeals th, .gk-report table.gk-appeals td { padding: 0.3em 0.1em; word-break: keep-all; }
@media print {
  @page { size: A4; margin: 25mm 20mm 22mm; }
  body { margin: 0; }
  .gk-report { max-width: none; margin: 0; padding: 0; font-size: 12pt; }
  .gk-report th { background: none; }
  .gk-report h2 { break-after: avoid; page-break-after: avoid; }
  .gk-report thead { display: table-header-group; }
  .gk-report tr { break-inside: avoid; page-break-inside: avoid; }
  /* Every table on one page: table 三 cut after row 二 would leave half a page blank, as its
     22 rows under 三、本年度办理结果 cannot be split. */
  .gk-report table.gk-appeals, .gk-report table.gk-proactive, .gk-report table.gk-applications { break-inside: avoid; page-break-inside: avoid; }
  /* Table 三: a slightly smaller font, headings on one line, group headings at the top of their rows. */
  .gk-report table.gk-applications { font-size: 8.5pt; line-height: 1.3; }
  .gk-report table.gk-applications th, .gk-report table.gk-applications td { padding: 0.12em 0.15em; }
  .gk-report table.gk-applications th { font-size: 8pt; white-space: nowrap; word-break: keep-all; vertical-align: top; }
  .gk-report table.gk-applications thead tr:first-child th:first-child { font-size: 6.5pt; padding: 0.25em 0; }
  .gk-report table.gk-applications td.gk-label[rowspan] { vertical-align: top; white-space: nowrap; }
  .gk-report table.gk-applications td.gk-value { white-space: nowrap; }
${printApplicationColumns}
}
`.trim();

function renderGrid(grid: Grid): string {
  const total = grid.widths.reduce((a, b) => a + b, 0);
  const cols = grid.widths
    .map((w) => `<col style="width:${((w / total) * 100).toFixed(2)}%">`)
    .join('');
  const row = (cells: Grid['rows'][number], inHead: boolean) =>
    '<tr>' +
    cells
      .map((cell) => {
        const span =
          (cell.rowSpan && cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : '') +
          (cell.colSpan && cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : '');
        const tag = cell.kind === 'header' || inHead ? 'th' : 'td';
        const cls = tag === 'td' ? ` class="gk-${cell.kind}"` : '';
        return `<${tag}${span}${cls}>${escapeHtml(cell.text)}</${tag}>`;
      })
      .join('') +
    '</tr>';
  const head = grid.rows.slice(0, grid.headerRows).map((r) => row(r, true));
  const body = grid.rows.slice(grid.headerRows).map((r) => row(r, false));
  return [
    `<table class="gk-${grid.table}">`,
    `<colgroup>${cols}</colgroup>`,
    head.length ? `<thead>${head.join('\n')}</thead>` : '',
    `<tbody>${body.join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

/**
 * Rich text from the editor, kept to harmless markup whatever the model holds. The server
 * stores sections through this too, so what is saved is exactly what is shown.
 */
export function sanitise(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'p',
      'br',
      'strong',
      'b',
      'em',
      'i',
      'u',
      'ul',
      'ol',
      'li',
      'h3',
      'h4',
      'blockquote',
    ],
    allowedAttributes: {},
  });
}

/**
 * The report as an <article> (title, preamble, sections with their tables, closing), for
 * embedding in a page that includes REPORT_CSS.
 */
export function renderReportArticle(report: AnnualReport): string {
  const parts: string[] = ['<article class="gk-report" lang="zh-CN">'];
  parts.push(`<h1>${escapeHtml(reportTitle(report))}</h1>`);
  for (const p of paragraphs(report.preamble)) parts.push(`<p>${escapeHtml(p)}</p>`);
  // A section written in the rich-text editor is shown as written, instead of its plain text.
  let rich = false;
  for (const block of reportBlocks(report)) {
    if (block.kind === 'heading') {
      parts.push(`<h2>${escapeHtml(block.text)}</h2>`);
      rich = block.html !== undefined;
      if (block.html !== undefined) parts.push(sanitise(block.html));
    } else if (block.kind === 'paragraph') {
      if (!rich) parts.push(`<p>${escapeHtml(block.text)}</p>`);
    } else {
      parts.push(renderGrid(tableGrid(block.table, report.tables)));
    }
  }
  const closing = closingLines(report);
  if (closing.length > 0) {
    parts.push(
      `<div class="gk-closing">${closing.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</div>`,
    );
  }
  parts.push('</article>');
  return parts.join('\n');
}

/** The whole page: self-contained, prints on A4. */
export function renderHtml(report: AnnualReport): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(reportTitle(report))}</title>`,
    `<style>\nbody { margin: 0; background: #fff; }\n${REPORT_CSS}\n</style>`,
    '</head>',
    '<body>',
    renderReportArticle(report),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
