/**
 * A letter as HTML (for the PDF and for reading on screen), DOCX (docx package) and PDF
 * (Chromium's print of the HTML, CJK fonts embedded). 公文 practice: 小标宋-like bold title,
 * 仿宋 三号 body, the agency's name and the date at the bottom right with the seal over them.
 */
import { printHtmlToPdf, type PrintOptions } from '../chromium.js';
import { escapeHtml } from '../html.js';
import type { LetterContent } from './templates.js';

export const LETTER_FORMATS = ['pdf', 'docx', 'html'] as const;
export type LetterFormat = (typeof LETTER_FORMATS)[number];

export const LETTER_MEDIA_TYPES: Record<LetterFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
};

const LETTER_CSS = `
@page { size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm; }
body { font-family: 'Noto Serif CJK SC', 'FangSong', serif; font-size: 16pt; line-height: 1.75; color: #000; margin: 0; }
.gk-letter { max-width: 42em; margin: 0 auto; }
.gk-letter h1 { font-family: 'Noto Serif CJK SC', 'SimSun', serif; font-size: 22pt; text-align: center; margin: 0 0 0.3em; font-weight: 700; letter-spacing: 0.05em; }
.gk-letter .document-number { text-align: center; text-indent: 0; margin: 0 0 0.2em; }
.gk-letter .reference { text-align: center; font-size: 14pt; margin: 0 0 1.2em; }
.gk-letter p { margin: 0; text-indent: 2em; text-align: justify; }
.gk-letter p.salutation { text-indent: 0; }
.gk-letter table { border-collapse: collapse; margin: 0.5em auto; font-size: 12pt; }
.gk-letter th, .gk-letter td { border: 1px solid #000; padding: 0.2em 0.8em; text-align: center; }
.gk-letter .remedy { margin-top: 0.6em; }
.gk-letter .signature { margin-top: 2em; text-align: right; position: relative; }
.gk-letter .signature p { text-indent: 0; text-align: right; }
.gk-letter .seal { display: inline-block; width: 4.2cm; height: 4.2cm; border: 1px dashed #b4232a; border-radius: 50%; color: #b4232a; font-size: 11pt; line-height: 4.2cm; text-align: center; position: absolute; right: 1.5em; top: -1.2cm; opacity: 0.75; }
.gk-letter .contact { margin-top: 2em; font-size: 12pt; }
.gk-letter .contact p { text-indent: 0; }
`;

/** The letter's body as an HTML fragment (for a page that has its own frame). */
export function renderLetterArticle(letter: LetterContent): string {
  const p = (text: string, cls = '') => `<p${cls ? ` class="${cls}"` : ''}>${escapeHtml(text)}</p>`;
  const parts = [
    `<h1>${escapeHtml(letter.title)}</h1>`,
    ...(letter.documentNumber
      ? [`<p class="document-number">${escapeHtml(letter.documentNumber)}</p>`]
      : []),
    `<p class="reference">${escapeHtml(letter.reference)}</p>`,
    p(letter.salutation, 'salutation'),
    ...letter.paragraphs.map((t) => p(t)),
  ];
  if (letter.table) {
    parts.push(
      `<table><thead><tr>${letter.table.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${letter.table.rows
        .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`,
    );
  }
  if (letter.remedy.length > 0) {
    parts.push(`<div class="remedy">${letter.remedy.map((t) => p(t)).join('')}</div>`);
  }
  parts.push(
    `<div class="signature"><span class="seal" aria-label="印章位置">（机关印章）</span>${p(letter.signature.agency)}${p(letter.signature.date)}</div>`,
  );
  if (letter.contact.length > 0) {
    parts.push(`<div class="contact">${letter.contact.map((t) => p(t)).join('')}</div>`);
  }
  return `<article class="gk-letter">${parts.join('\n')}</article>`;
}

export function renderLetterHtml(letter: LetterContent): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(letter.title)}</title>
<style>${LETTER_CSS}</style>
</head>
<body>
${renderLetterArticle(letter)}
</body>
</html>`;
}

/** The letter as DOCX: letter-docx.ts, and the docx package with it, is imported on first use. */
export async function renderLetterDocx(letter: LetterContent): Promise<Uint8Array> {
  const { letterDocx } = await import('./letter-docx.js');
  return letterDocx(letter);
}

export function renderLetterPdf(
  letter: LetterContent,
  options: PrintOptions = {},
): Promise<Uint8Array> {
  return printHtmlToPdf(renderLetterHtml(letter), { pageNumbers: false, ...options });
}

export async function renderLetter(
  letter: LetterContent,
  format: LetterFormat,
  options: PrintOptions = {},
): Promise<Uint8Array> {
  switch (format) {
    case 'pdf':
      return renderLetterPdf(letter, options);
    case 'docx':
      return renderLetterDocx(letter);
    case 'html':
      return new TextEncoder().encode(renderLetterHtml(letter));
  }
}
