/**
 * A letter as a Word document (docx package), 公文 practice: 小标宋-like bold title, 仿宋 三号
 * body, a framed blank for the seal over the agency's name and the date at the bottom right.
 * Imported by documents.ts on the first DOCX letter, so that the server starts without docx.
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
import type { LetterContent } from './templates.js';

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

export async function letterDocx(letter: LetterContent): Promise<Uint8Array> {
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
