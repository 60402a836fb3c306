/**
 * The 发布审查表 as a Word document (docx package). Imported by review-sheet.ts on the first
 * DOCX sheet, so that the server starts without docx.
 */
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ReviewSheet } from './review-sheet.js';

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
const table = (rows: string[][], header = false) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map((r, i) => new TableRow({ children: r.map((t) => cell(t, header && i === 0)) })),
  });

export async function reviewSheetDocument(sheet: ReviewSheet): Promise<Uint8Array> {
  const heading = (text: string) =>
    new Paragraph({
      spacing: { before: 240, after: 120 },
      children: [new TextRun({ text, bold: true, size: 26 })],
    });
  const doc = new Document({
    title: '发布审查表',
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new TextRun({
                text: `${sheet.agencyName}政府信息主动公开发布审查表`,
                bold: true,
                size: 36,
              }),
            ],
          }),
          table(sheet.fields.map(([k, v]) => [k, v])),
          heading(`保密审查（审查人：${sheet.checkedBy}）`),
          table(
            [['审查事项', '结论', '说明'], ...sheet.checks.map((c) => [c.label, c.answer, c.note])],
            true,
          ),
          heading('审核意见'),
          table(
            [
              ['层级', '意见', '说明', '审核人', '时间'],
              ...sheet.steps.map((s) => [s.level, s.decision, s.comment, s.by, s.at]),
            ],
            true,
          ),
        ],
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
