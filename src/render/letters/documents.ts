/**
 * A letter as HTML (for the PDF and for reading on screen), DOCX (docx package) and PDF
 * (Chromium's print of the HTML, CJK fonts embedded). 公文 practice: 小标宋-like bold title,
 * 仿宋 三号 body, the agency's name and the date at the bottom right with the seal over them.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
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

const LATIN = 'Times New Roman';
const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, eastAsia, cs: LATIN });
const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1587, right: 1474 };
const LINE = { line: 560, lineRule: LineRuleType.EXACT };

function body(text: string, indent = true): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text, font: font('仿宋'), size: 32 })],
    ...(indent ? { indent: { firstLine: 640 } } : {}),
    spacing: LINE,
    alignment: AlignmentType.JUSTIFIED,
  });
}

function right(text: string): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text, font: font('仿宋'), size: 32 })],
    spacing: LINE,
    alignment: AlignmentType.RIGHT,
  });
}

function bandsTable(table: NonNullable<LetterContent['table']>): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text, font: font('宋体'), size: 24, bold })],
        }),
      ],
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: table.headers.map((h) => cell(h, true)) }),
      ...table.rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
}

export async function renderLetterDocx(letter: LetterContent): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200, line: 720, lineRule: LineRuleType.AT_LEAST },
      children: [new TextRun({ text: letter.title, font: font('宋体'), size: 44, bold: true })],
    }),
    ...(letter.documentNumber
      ? [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: letter.documentNumber, font: font('仿宋'), size: 32 })],
          }),
        ]
      : []),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400 },
      children: [new TextRun({ text: letter.reference, font: font('仿宋'), size: 28 })],
    }),
    body(letter.salutation, false),
    ...letter.paragraphs.map((t) => body(t)),
  ];
  if (letter.table) children.push(bandsTable(letter.table));
  for (const t of letter.remedy) children.push(body(t));
  children.push(new Paragraph({ children: [] }));
  // The seal area: a framed blank the size of an official seal, over the agency's name.
  children.push(
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { before: 200 },
      border: {
        top: { style: BorderStyle.DASHED, size: 6, color: 'B4232A', space: 4 },
        bottom: { style: BorderStyle.DASHED, size: 6, color: 'B4232A', space: 4 },
        left: { style: BorderStyle.DASHED, size: 6, color: 'B4232A', space: 4 },
        right: { style: BorderStyle.DASHED, size: 6, color: 'B4232A', space: 4 },
      },
      indent: { left: 5600, right: 400 },
      children: [
        new TextRun({ text: '（机关印章）', font: font('仿宋'), size: 24, color: 'B4232A' }),
      ],
    }),
  );
  children.push(right(letter.signature.agency), right(letter.signature.date));
  if (letter.contact.length > 0) {
    children.push(new Paragraph({ children: [] }));
    for (const t of letter.contact) {
      children.push(
        new Paragraph({
          children: [new TextRun({ text: t, font: font('仿宋'), size: 24 })],
        }),
      );
    }
  }
  const document = new Document({
    creator: 'gongkai',
    title: letter.title,
    styles: { default: { document: { run: { font: font('仿宋'), size: 32 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        children,
      },
    ],
  });
  const buffer = await Packer.toBuffer(document);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
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
