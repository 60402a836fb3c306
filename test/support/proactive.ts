/** Items, files and agencies for the proactive disclosure tests. */
import { Document, Packer, Paragraph } from 'docx';
import { DEMO_REGION } from '../../src/services/bootstrap.js';
import type { ItemInput } from '../../src/services/proactive/items.js';
import type { Db } from '../../src/store/database.js';
import { buildZip } from './zip-writer.js';

export const SYSTEM = { kind: 'system', label: '测试' } as const;

/** The ids of the demo region's first two agencies (as DEMO_REGION names them), once bootstrapped. */
export async function demoAgencyIds(db: Db): Promise<[string, string]> {
  const agencies = await db.selectFrom('agency').select(['id', 'name']).execute();
  const idOf = (name: string) => agencies.find((a) => a.name === name)!.id;
  return [idOf(DEMO_REGION.agencies[0]!.name), idOf(DEMO_REGION.agencies[1]!.name)];
}

export function itemInput(overrides: Partial<ItemInput> = {}): ItemInput {
  return {
    kind: 'general',
    title: '关于开展2026年科技型中小企业评价工作的通知',
    bodyHtml: '<p>各有关单位：为做好科技型中小企业评价工作，现将有关事项通知如下。</p>',
    summary: '科技型中小企业评价工作安排',
    documentNumber: '示科发〔2026〕3号',
    issuingBody: '示范市科学技术局',
    writtenOn: '2026-02-20',
    topic: '科技、教育',
    genre: '通知',
    article20Category: 'a20_03',
    channels: ['website'],
    ...overrides,
  };
}

/** A real DOCX with the given paragraphs. */
export async function docxWith(paragraphs: string[]): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A DOCX-shaped ZIP whose document part expands to `mb` megabytes of zeros. */
export function docxBomb(mb: number): Uint8Array {
  return buildZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'word/document.xml', data: new Uint8Array(mb * 1024 * 1024), deflate: true },
  ]);
}

/** A minimal valid PDF with a text layer saying `text` (ASCII). */
export function pdfWith(text: string): Uint8Array {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
