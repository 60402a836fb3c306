/**
 * Issue 11 item 8: the PDF and DOCX of an annual report end with its 落款 — the agency and the
 * date. A published version is dated the day it was published, a draft the day its document is
 * made; a closing the agency typed with its own date keeps that date, once. Read back with the
 * real tools: pdftotext for the PDF Chromium prints, mammoth for the DOCX.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeSharedChromium } from '../../src/render/index.js';
import type { ServiceContext } from '../../src/services/context.js';
import {
  createReport,
  getReport,
  publishReport,
  reportDocument,
  saveDraft,
} from '../../src/services/reports.js';
import { bootstrapDemo } from '../support/accounts.js';
import { TestClock, testContext } from '../support/app.js';
import { agencyIdByName, SYSTEM } from '../support/applications.js';
import { fillNarrative } from '../support/report-narrative.js';
import { describeEachStore } from '../support/stores.js';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-report-closing-'));
let files = 0;

afterAll(async () => {
  await closeSharedChromium();
  rmSync(dir, { recursive: true, force: true });
});

/** The non-empty lines of a PDF as pdftotext reads them, each trimmed, page numbers (—3—) left out. */
function pdfLines(bytes: Uint8Array): string[] {
  const path = join(dir, `report-${files++}.pdf`);
  writeFileSync(path, bytes);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
    .split(/\n|\f/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^—\s*\d+\s*—$/.test(l));
}

/** The non-empty paragraphs of a DOCX as mammoth reads them. */
async function docxLines(bytes: Uint8Array): Promise<string[]> {
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return value
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

describeEachStore('the 落款 of a report’s PDF and DOCX', (getStore) => {
  let ctx: ServiceContext;
  let agencyId: string;
  const clock = new TestClock(new Date('2026-01-10T02:00:00Z'));
  const AGENCY = '示范市科学技术局';

  beforeAll(async () => {
    ctx = testContext(getStore().store, clock);
    await bootstrapDemo(ctx);
    agencyId = await agencyIdByName(ctx, AGENCY);
  });

  it('a published version ends with the agency and the day it was published', async () => {
    await createReport(ctx, SYSTEM, agencyId, 2025);
    await fillNarrative(ctx, SYSTEM, agencyId, 2025);
    // A new draft's closing is the agency's name alone: the date is the publication's.
    expect((await getReport(ctx, agencyId, 2025)).draft!.closing).toBe(AGENCY);
    await publishReport(ctx, SYSTEM, agencyId, 2025, {});
    clock.set(new Date('2026-01-20T02:00:00Z'));

    const pdf = pdfLines((await reportDocument(ctx, agencyId, 2025, 1, 'pdf')).bytes);
    expect(pdf.slice(-2)).toEqual([AGENCY, '2026年1月10日']);
    const docx = await docxLines((await reportDocument(ctx, agencyId, 2025, 1, 'docx')).bytes);
    expect(docx.slice(-2)).toEqual([AGENCY, '2026年1月10日']);
  });

  it('a draft’s document is dated the day it is made; a closing typed with its date keeps it, once', async () => {
    clock.set(new Date('2026-01-12T02:00:00Z'));
    await createReport(ctx, SYSTEM, agencyId, 2024);
    await fillNarrative(ctx, SYSTEM, agencyId, 2024);
    let docx = await docxLines((await reportDocument(ctx, agencyId, 2024, 'draft', 'docx')).bytes);
    expect(docx.slice(-2)).toEqual([AGENCY, '2026年1月12日']);

    // The agency signs as its office, with its own date: kept as typed, no second date added.
    const { figureSources: _sources, ...edit } = (await getReport(ctx, agencyId, 2024)).draft!;
    await saveDraft(ctx, SYSTEM, agencyId, 2024, {
      ...edit,
      closing: '示范市科学技术局办公室\n二〇二六年一月八日',
    });
    docx = await docxLines((await reportDocument(ctx, agencyId, 2024, 'draft', 'docx')).bytes);
    expect(docx.slice(-2)).toEqual(['示范市科学技术局办公室', '二〇二六年一月八日']);
    expect(docx.filter((l) => /^\d{4}年\d+月\d+日$/.test(l))).toEqual([]);
    const pdf = pdfLines((await reportDocument(ctx, agencyId, 2024, 'draft', 'pdf')).bytes);
    expect(pdf.slice(-2)).toEqual(['示范市科学技术局办公室', '二〇二六年一月八日']);

    // An empty closing still ends with the agency and the date.
    await saveDraft(ctx, SYSTEM, agencyId, 2024, { ...edit, closing: '' });
    docx = await docxLines((await reportDocument(ctx, agencyId, 2024, 'draft', 'docx')).bytes);
    expect(docx.slice(-2)).toEqual([AGENCY, '2026年1月12日']);
  });
});
