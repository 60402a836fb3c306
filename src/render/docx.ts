/**
 * The report as a Word document (docx package): the same grids as the HTML page, merged cells
 * as real merges (gridSpan / vMerge), so Word, WPS and LibreOffice show the official layout.
 * Fonts follow the usual 公文 practice with fonts every Windows has: 宋体 title and tables,
 * 黑体 headings, 仿宋 body, 三号 (16pt) text.
 */
import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { AnnualReport } from '../core/report/model.js';
import {
  closingLines,
  paragraphs,
  placeCells,
  reportBlocks,
  reportTitle,
  tableGrid,
  type Grid,
} from './layout.js';

const LATIN = 'Times New Roman';
const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, eastAsia, cs: LATIN });

/** A4 in twentieths of a point, with 2.8 cm / 2.6 cm margins. */
const PAGE = { width: 11906, height: 16838, top: 1587, bottom: 1474, left: 1474, right: 1474 };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text, font: font('仿宋'), size: 32 })],
    indent: { firstLine: 640 },
    spacing: { line: 560, lineRule: LineRuleType.EXACT },
    alignment: AlignmentType.JUSTIFIED,
  });
}

function heading(text: string): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text, font: font('黑体'), size: 32 })],
    indent: { firstLine: 640 },
    spacing: { line: 560, lineRule: LineRuleType.EXACT },
    keepNext: true,
  });
}

function gridTable(grid: Grid): Table {
  const totalWeight = grid.widths.reduce((a, b) => a + b, 0);
  const widths = grid.widths.map((w) => Math.floor((w / totalWeight) * TEXT_WIDTH));
  const size = grid.table === 'appeals' ? 16 : 20;
  // docx adds the continuation cells under a rowspan itself; each cell only needs its width.
  const rows = placeCells(grid).map(
    (placed, r) =>
      new TableRow({
        ...(r < grid.headerRows ? { tableHeader: true } : {}),
        cantSplit: true,
        children: placed.map(({ cell, column }) => {
          const span = cell.colSpan ?? 1;
          const width = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
          return new TableCell({
            children: [
              new Paragraph({
                // Tables 二 and 四 are short: kept on one page, as a reader expects them.
                keepNext: grid.table !== 'applications' && r < grid.rows.length - 1,
                alignment: cell.kind === 'label' ? AlignmentType.LEFT : AlignmentType.CENTER,
                children: [new TextRun({ text: cell.text, font: font('宋体'), size })],
              }),
            ],
            verticalAlign: VerticalAlign.CENTER,
            width: { size: width, type: WidthType.DXA },
            ...(cell.colSpan && cell.colSpan > 1 ? { columnSpan: cell.colSpan } : {}),
            ...(cell.rowSpan && cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
            margins: { top: 40, bottom: 40, left: 60, right: 60 },
          });
        }),
      }),
  );
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
  });
}

/** Renders the DOCX file. */
export async function renderDocx(report: AnnualReport): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400, line: 720, lineRule: LineRuleType.AT_LEAST },
      children: [
        new TextRun({ text: reportTitle(report), font: font('宋体'), size: 44, bold: true }),
      ],
    }),
    ...paragraphs(report.preamble).map(bodyParagraph),
  ];
  for (const block of reportBlocks(report)) {
    if (block.kind === 'heading') children.push(heading(block.text));
    else if (block.kind === 'paragraph') children.push(bodyParagraph(block.text));
    else {
      children.push(gridTable(tableGrid(block.table, report.tables)));
      children.push(new Paragraph({ children: [] }));
    }
  }
  const closing = closingLines(report);
  if (closing.length > 0) {
    children.push(new Paragraph({ children: [] }));
    for (const line of closing) {
      children.push(
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          spacing: { line: 560, lineRule: LineRuleType.EXACT },
          children: [new TextRun({ text: line, font: font('仿宋'), size: 32 })],
        }),
      );
    }
  }

  const document = new Document({
    creator: 'gongkai',
    title: reportTitle(report),
    description: `${report.agency}${report.year}年政府信息公开工作年度报告`,
    styles: { default: { document: { run: { font: font('仿宋'), size: 32 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    font: font('宋体'),
                    size: 28,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const buffer = await Packer.toBuffer(document);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
