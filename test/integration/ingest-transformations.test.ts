/**
 * Each corpus report through every transformation the reader claims to handle — joined onto
 * one line, one cell per line, cells run together, rows wrapped, headings wrapped, an HTML
 * table whose zero cells are empty, DOCX, GB18030 and PDF printed by Chromium (its zeros
 * written, and its zero cells empty; skipped without Chromium, failing under CI) — reads every cell of the truth right or
 * leaves it unread with an unread error naming its table (and its row, where the error names
 * one): never a wrong figure, never a missing-* finding or row-order warning the untransformed
 * report does not get, and never fewer cells than the reader reads today (a floor per report
 * and transformation, so "reads nothing" fails). Labels a PDF tool turned into unmappable
 * glyphs (□, U+FFFD, private use) are held to the same: the reader's limit, not the report's
 * defect. `node --import tsx test/support/measure-transformations.ts` prints the figures.
 *
 * Each transformation changes every report (the transformed text differs) and has the
 * property it claims (one line; one cell per line; no separator between a row's figures;
 * every long label wrapped; no heading whole on a line) — see
 * test/support/corpus-transformations.ts.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ingestFile, type IngestResult } from '../../src/ingest/index.js';
import { describeBrowser, launchBrowser } from '../support/browser.js';
import {
  corpusText,
  docxOf,
  glyphsFor,
  htmlOf,
  judge,
  missingClaims,
  TRANSFORMATIONS,
  truths,
  type Truth,
} from '../support/corpus-transformations.js';

/**
 * Cells of the truth read right today, per report (file name's first part) and transformation:
 * a floor, not a target. Of 200 (hongze 179, whose 21 proactive cells the truth skips; 000
 * 175–200, its 其他 column may be absent).
 */
const FLOORS: Record<string, Record<string, number>> = {
  '000': {
    'joined onto one line': 200,
    'one cell per line': 200,
    'cells run together': 200,
    'rows wrapped': 200,
    'headings wrapped': 200,
    // 0: every zero cell is blank and nothing printed is left to confirm a blank as 0 (table 二
    // has no totals; table 三's and 四's totals are blank too), so no cell is read; expectTrue
    // still asserts no cell differs from the truth and every unread cell has an unread error
    // naming its table (and row) — which it does (blank-cells.ts).
    html: 0,
    docx: 179,
    glyphs: 179,
    gb18030: 200,
    pdf: 200,
    // 0: as for html — the zero cells are blank; expectTrue asserts no wrong figure and an
    // unread error for every unread cell.
    'pdf (zero cells empty)': 0,
  },
  '002': {
    'joined onto one line': 200,
    'one cell per line': 200,
    'cells run together': 200,
    'rows wrapped': 200,
    'headings wrapped': 200,
    // 161, not 200: table 二's blank cells (no totals) are unread, and 二、上年结转 and
    // 四、结转下年度继续办理 are blank rows whose balance (一+二 = 七+四) holds for any equal pair:
    // no printed total confirms them as 0 (blank-cells.ts).
    html: 161,
    docx: 193,
    glyphs: 172,
    gb18030: 200,
    pdf: 200,
    // 0: as for html — the zero cells are blank; expectTrue asserts no wrong figure and an
    // unread error for every unread cell.
    'pdf (zero cells empty)': 0,
  },
  '003': {
    'joined onto one line': 200,
    'one cell per line': 200,
    'cells run together': 200,
    'rows wrapped': 200,
    'headings wrapped': 200,
    // 0: every zero cell is blank and nothing printed is left to confirm a blank as 0 (table 二
    // has no totals; table 三's and 四's totals are blank too), so no cell is read; expectTrue
    // still asserts no cell differs from the truth and every unread cell has an unread error
    // naming its table (and row) — which it does (blank-cells.ts).
    html: 0,
    docx: 200,
    glyphs: 179,
    gb18030: 200,
    pdf: 200,
    // 0: as for html — the zero cells are blank; expectTrue asserts no wrong figure and an
    // unread error for every unread cell.
    'pdf (zero cells empty)': 0,
  },
  hongze: {
    'joined onto one line': 31,
    'one cell per line': 52,
    'cells run together': 52,
    'rows wrapped': 50,
    'headings wrapped': 179,
    // 32, not 59: 二、上年结转, 四、结转下年度继续办理 and 4.无正当理由大量反复申请 are blank
    // rows whose blank total was taken to "confirm" them as 0; their column equations name
    // rows left unread, so no printed total confirms them (blank-cells.ts); and 32, not 38:
    // table 二's 规章 and 行政规范性文件 rows hold blank cells, which no total confirms.
    html: 32,
    docx: 36,
    glyphs: 53,
    gb18030: 179,
    pdf: 52,
    'pdf (zero cells empty)': 3,
  },
  pingtan: {
    'joined onto one line': 200,
    'one cell per line': 200,
    'cells run together': 200,
    'rows wrapped': 200,
    'headings wrapped': 200,
    // 191, not 200: table 四's 复议后起诉 group is blank with its total; 0 = 0 confirms
    // nothing, so that group is unread, with an error naming it (the other two groups, confirmed
    // by their printed totals, are read); table 二's blank cells (no totals) are unread too.
    html: 191,
    docx: 200,
    glyphs: 179,
    gb18030: 200,
    pdf: 200,
    'pdf (zero cells empty)': 6,
  },
  shuyang: {
    'joined onto one line': 200,
    'one cell per line': 200,
    'cells run together': 197,
    'rows wrapped': 200,
    'headings wrapped': 200,
    // 197: table 二's blank cells (no totals) are unread.
    html: 197,
    docx: 185,
    glyphs: 179,
    gb18030: 200,
    pdf: 200,
    'pdf (zero cells empty)': 7,
  },
};
const floor = (truth: Truth, name: string) => {
  const key = Object.keys(FLOORS).find((k) => truth.file.startsWith(k));
  const value = key ? FLOORS[key]![name] : undefined;
  if (value === undefined) throw new Error(`no floor for ${truth.file} / ${name}`);
  return value;
};

/** The missing-* claims of the untransformed report (its real defects). */
const originals = new Map<string, Promise<Set<string>>>();
function originalClaims(truth: Truth): Promise<Set<string>> {
  let claims = originals.get(truth.file);
  if (!claims) {
    claims = ingestFile(new TextEncoder().encode(corpusText(truth)), truth.file).then(
      missingClaims,
    );
    originals.set(truth.file, claims);
  }
  return claims;
}

/** Every cell right or explicitly unread, no false missing-*, at least the floor read. */
async function expectTrue(truth: Truth, name: string, result: IngestResult): Promise<void> {
  expect(result.report, 'a report is read').not.toBeNull();
  const j = judge(truth, result, await originalClaims(truth));
  expect(j.wrong, 'no wrong figure').toEqual([]);
  expect(j.silent, 'no cell unread without an unread error naming its table').toEqual([]);
  expect(j.falseMissing, 'no missing-* finding the report does not deserve').toEqual([]);
  expect(j.falseOrder, 'no row-order warning the report does not get').toEqual([]);
  expect(j.read, `cells read (of ${j.checked})`).toBeGreaterThanOrEqual(floor(truth, name));
}

const encode = (s: string) => new TextEncoder().encode(s);

describe('each corpus report through every transformation', () => {
  for (const truth of truths) {
    const text = corpusText(truth);
    describe(truth.file, () => {
      for (const [name, t] of Object.entries(TRANSFORMATIONS)) {
        it(`${name}: changes the report, has its property, reads the same figures or says it could not`, async () => {
          const transformed = t.apply(text, truth);
          expect(transformed, 'the transformation changes the report').not.toBe(text);
          expect(t.holds(text, transformed)).toBeNull();
          await expectTrue(truth, name, await ingestFile(encode(transformed), `${truth.file}.txt`));
        });
      }
      it('joined onto one line: the same agency, year and publication date, no false claim about the title', async () => {
        const original = await ingestFile(encode(text), truth.file);
        const joined = await ingestFile(
          encode(TRANSFORMATIONS['joined onto one line']!.apply(text, truth)),
          `${truth.file}.txt`,
        );
        const metadata = (r: IngestResult) => ({
          agency: r.report?.agency,
          year: r.report?.year,
          publishedOn: r.report?.publishedOn,
        });
        expect(original.report?.agency, 'the original reads an agency').not.toBe('');
        expect(metadata(joined)).toEqual(metadata(original));
        const about = (r: IngestResult) =>
          r.findings
            .filter((f) => ['year-mismatch', 'late-publication'].includes(f.code))
            .map((f) => `${f.code}:${f.severity}`)
            .sort();
        expect(about(joined)).toEqual(about(original));
      });
      it('HTML table with empty zero cells: the same figures or an explicit unread error', async () => {
        const html = htmlOf(text, truth);
        expect(html, 'the table region is a table').toContain('<td>');
        expect(html, 'a zero cell is empty').toContain('<td></td>');
        await expectTrue(truth, 'html', await ingestFile(encode(html), `${truth.file}.html`));
      });
      it('HTML table whose cells holding 1 are empty too: never 0 for them, unread said', async () => {
        // Blank cells no printed total confirms as 0 (a row's blank total, 0 = 0) must not read
        // as 0 by any path — the label reading's or the layout order's (all-zero blanks satisfy
        // every equation): each cell is the truth's or unread with an unread error for its row.
        const html = htmlOf(text, truth).replaceAll('<td>1</td>', '<td></td>');
        const result = await ingestFile(encode(html), `${truth.file}.html`);
        expect(result.report, 'a report is read').not.toBeNull();
        const j = judge(truth, result, await originalClaims(truth));
        const blanked = j.checked - j.read;
        expect(j.wrong, 'no wrong figure').toEqual([]);
        expect(j.silent, 'no cell unread without an unread error naming its table').toEqual([]);
        expect(blanked, 'some cells are left unread').toBeGreaterThan(0);
      });
      it('DOCX: the same figures or an explicit unread error', async () => {
        await expectTrue(
          truth,
          'docx',
          await ingestFile(await docxOf(text, truth), `${truth.file}.docx`),
        );
      });
      it('labels turned into unmappable glyphs (□, U+FFFD, private use): no false missing-row, no false row-order, unread said', async () => {
        const { text: garbled, changed } = glyphsFor(text);
        expect(changed, 'labels changed').toBeGreaterThanOrEqual(4);
        await expectTrue(truth, 'glyphs', await ingestFile(encode(garbled), `${truth.file}.txt`));
      });
      it('GB18030: the same figures as UTF-8', async () => {
        const utf8 = await ingestFile(encode(text), truth.file);
        const gb = await ingestFile(iconv.encode(text, 'gb18030'), truth.file);
        expect(gb.encoding).not.toBe('utf-8');
        expect(gb.report?.tables).toEqual(utf8.report?.tables);
        await expectTrue(truth, 'gb18030', gb);
      });
    });
  }
});

// Skipped with the reason where Chromium is missing — a failure under CI=true.
describeBrowser('each corpus report printed to PDF by Chromium', () => {
  for (const [name, zeros] of [
    ['pdf', 'written'],
    ['pdf (zero cells empty)', 'empty'],
  ] as const) {
    it(`${name}: the same figures or an explicit unread error`, async () => {
      const browser = await launchBrowser();
      try {
        const problems: string[] = [];
        for (const truth of truths) {
          const page = await browser.newPage();
          await page.setContent(htmlOf(corpusText(truth), truth, zeros));
          const pdf = new Uint8Array(await page.pdf({ format: 'A4' }));
          await page.close();
          try {
            await expectTrue(truth, name, await ingestFile(pdf, `${truth.file}.pdf`));
          } catch (error) {
            problems.push(`${truth.file}: ${String(error).slice(0, 600)}`);
          }
        }
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    }, 120_000);
  }
});
