/**
 * Section headings broken over lines (a narrow PDF column, a crawler's or a converter's
 * wrapping: "四、政府信息公开行" / "政复议、行政诉讼情" / "况"): each corpus report with every
 * heading it has broken every 2 to 12 characters (one line to ten; a heading inside a line put
 * on lines of its own first) reads the truth's figures, every cell it reads unbroken, the same
 * sections with the same titles and texts, and no missing-* claim the unbroken report does not
 * get. A heading that truly is absent is still reported missing.
 */
import { describe, expect, it } from 'vitest';
import { ingestFile, type IngestResult } from '../../src/ingest/index.js';
import { corpusText, judge, missingClaims, truths } from '../support/corpus-transformations.js';
import { headingsWrapped, wholeHeadings, withoutHeading } from '../support/corpus-headings.js';

const read = (text: string, file: string) => ingestFile(new TextEncoder().encode(text), file);
const sectionKeys = (r: IngestResult) => r.report?.sections.map((s) => s.key) ?? [];
const titles = (r: IngestResult) => r.report?.sections.map((s) => [s.key, s.title]) ?? [];

const WIDTHS = [2, 3, 4, 5, 6, 7, 9, 12, 40];

describe('section headings wrapped over lines', () => {
  it('every corpus report has its six headings broken', () => {
    expect(truths.map((t) => headingsWrapped(corpusText(t), 6).wrapped)).toEqual([
      6, 6, 6, 6, 6, 6,
    ]);
  });

  it('the widths break the headings into one line to more than five', () => {
    const counts = new Set(WIDTHS.flatMap((w) => headingsWrapped(corpusText(truths[0]!), w).lines));
    for (const n of [1, 2, 3, 4, 5]) expect(counts, `a heading on ${n} lines`).toContain(n);
    expect(Math.max(...counts)).toBeGreaterThan(5);
  });

  for (const truth of truths) {
    const text = corpusText(truth);
    const original = read(text, truth.file);
    for (const width of WIDTHS) {
      it(`${truth.file}, every heading broken every ${width} characters: the truth's figures, the same sections, no false missing-*`, async () => {
        const wrapped = headingsWrapped(text, width);
        if (width <= 5) expect(wholeHeadings(wrapped.text), 'no heading left whole').toBe(0);
        const before = await original;
        const after = await read(wrapped.text, truth.file);
        const j = judge(truth, after, missingClaims(before));
        const unwrapped = judge(truth, before, missingClaims(before));
        expect(j.wrong, 'no wrong figure').toEqual([]);
        expect(j.falseMissing, 'no missing-* the unbroken report does not get').toEqual([]);
        expect(j.read, 'every cell read unbroken').toBe(unwrapped.read);
        expect(j.read, 'every cell of the truth').toBe(j.checked);
        // The heading's title whole, not its last line left in the section's text.
        expect(titles(after)).toEqual(titles(before));
        // The same texts, where the headings stood on lines of their own (a crawler's page on one
        // line has its prose cut at the headings now, and reads its table region apart).
        if (wrapped.inline === 0)
          expect(after.report!.sections.map((s) => s.text)).toEqual(
            before.report!.sections.map((s) => s.text),
          );
      });
    }
  }

  // pdftotext at a page break inside 四's heading: the page's number, then a form feed.
  const truth0 = truths.find((t) => t.file.startsWith('000_'))!;
  const HEADING_4 = '四、政府信息公开行政复议、行政诉讼情况';
  for (const mark of ['- 7 -', '第7页', '－７－', '7']) {
    it(`${truth0.file}, 四's heading broken by a page break and "${mark}": the truth's figures and titles, no missing-*`, async () => {
      const text = corpusText(truth0);
      expect(text.split('\n').filter((l) => l === HEADING_4)).toHaveLength(1);
      const broken = text.replace(HEADING_4, `四、政府信息公开行政\n${mark}\n\f复议、行政诉讼情况`);
      const before = await read(text, truth0.file);
      const after = await read(broken, truth0.file);
      const j = judge(truth0, after, missingClaims(before));
      expect(j.wrong, 'no wrong figure').toEqual([]);
      expect(j.falseMissing, 'no missing-* the unbroken report does not get').toEqual([]);
      expect(j.read, 'every cell of the truth').toBe(j.checked);
      expect(after.findings.filter((f) => f.code.startsWith('missing-'))).toEqual(
        before.findings.filter((f) => f.code.startsWith('missing-')),
      );
      expect(titles(after)).toEqual(titles(before));
    });
  }

  it('a heading that truly is absent is still reported missing (the others wrapped)', async () => {
    let ran = 0;
    for (const truth of truths) {
      for (const [number, key] of [
        ['四', 'appeals'],
        ['五', 'problems'],
        ['六', 'other'],
      ] as const) {
        if (
          !new RegExp(`${number}、`).test(corpusText(truth)) ||
          wholeHeadings(corpusText(truth)) < 6
        )
          continue;
        const text = headingsWrapped(withoutHeading(corpusText(truth), number), 5).text;
        const result = await read(text, truth.file);
        expect(sectionKeys(result), `${truth.file} without ${number}`).not.toContain(key);
        expect(
          result.findings.some(
            (f) => f.code === 'missing-section' && f.message.includes(`第${number}部分`),
          ),
          `${truth.file}: missing-section for ${number}`,
        ).toBe(true);
        ran++;
      }
    }
    // Three sections of each report whose six headings stand whole: no report skipped unseen.
    expect(ran).toBe(18);
  });
});
