/**
 * Prints, for each corpus report and each transformation, the cells of the truth read right
 * (of those checked), the wrong ones, those unread without an unread error on their table, the
 * false missing-* claims, and the row-order / unread findings. Measured, never asserted:
 * `node --import tsx test/support/measure-transformations.ts [--no-pdf]`.
 */
import iconv from 'iconv-lite';
import { chromium } from 'playwright-core';
import { ingestFile, type IngestResult } from '../../src/ingest/index.js';
import { CHROMIUM_ARGS } from '../../src/render/chromium.js';
import {
  corpusText,
  docxOf,
  glyphsFor,
  htmlOf,
  judge,
  missingClaims,
  TRANSFORMATIONS,
  truths,
} from './corpus-transformations.js';

const withPdf = !process.argv.includes('--no-pdf');
const browser = withPdf
  ? await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
  : null;
const enc = (s: string) => new TextEncoder().encode(s);
for (const truth of truths) {
  const text = corpusText(truth);
  const original = await ingestFile(enc(text), truth.file);
  const claims = missingClaims(original);
  const cases: [string, () => Promise<IngestResult>][] = [
    ['original', async () => original],
    ...Object.entries(TRANSFORMATIONS).map(
      ([name, t]) =>
        [name, () => ingestFile(enc(t.apply(text, truth)), `${truth.file}.txt`)] as [
          string,
          () => Promise<IngestResult>,
        ],
    ),
    ['html', () => ingestFile(enc(htmlOf(text, truth)), `${truth.file}.html`)],
    ['docx', async () => ingestFile(await docxOf(text, truth), `${truth.file}.docx`)],
    ['glyphs', () => ingestFile(enc(glyphsFor(text).text), `${truth.file}.txt`)],
    ['gb18030', () => ingestFile(iconv.encode(text, 'gb18030'), truth.file)],
  ];
  for (const zeros of ['written', 'empty'] as const)
    if (browser)
      cases.push([
        `pdf (zeros ${zeros})`,
        async () => {
          const page = await browser.newPage();
          await page.setContent(htmlOf(text, truth, zeros));
          const pdf = new Uint8Array(await page.pdf({ format: 'A4' }));
          await page.close();
          return ingestFile(pdf, `${truth.file}.pdf`);
        },
      ]);
  for (const [name, run] of cases) {
    const result = await run();
    const j = judge(truth, result, claims);
    const codes = (c: string) => result.findings.filter((f) => f.code === c).length;
    console.log(
      [
        truth.file.slice(0, 12).padEnd(12),
        name.padEnd(20),
        `${j.read}/${j.checked}`.padEnd(8),
        `wrong ${j.wrong.length}`,
        `silent ${j.silent.length}`,
        `falseMissing ${j.falseMissing.length}`,
        `falseOrder ${j.falseOrder.length}`,
        `row-order ${codes('row-order')}`,
        `unread-table ${codes('unread-table')}`,
        `unreadable-cell ${codes('unreadable-cell')}`,
      ].join('  '),
    );
    if (process.argv.includes('-v')) {
      for (const w of [...j.wrong, ...j.silent.slice(0, 5), ...j.falseMissing, ...j.falseOrder])
        console.log('    ', w);
    }
  }
}
await browser?.close();
