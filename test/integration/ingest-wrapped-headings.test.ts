/**
 * Section headings broken over lines (a narrow column, a converter's wrapping: "四、政府信息公开行"
 * / "政复议、行政诉讼情" / "况"): each corpus report whose headings stand on lines of their own,
 * with all six headings wrapped at several widths, reads the truth's figures, every cell it
 * reads unwrapped, the same sections, and no missing-* claim the unwrapped report does not get.
 * A heading that truly is absent is still reported missing. (A heading is joined from four
 * lines at most — wrappedLabels' limit — so the widths leave the longest heading, 22
 * characters, on four lines or fewer.)
 */
import { describe, expect, it } from 'vitest';
import { ingestFile, type IngestResult } from '../../src/ingest/index.js';
import { corpusText, judge, missingClaims, truths } from '../support/corpus-transformations.js';

/** A section heading on a line of its own (a Markdown heading mark kept apart). */
const HEADING =
  /^(#*\s*)([一二三四五六])、(?:总体情况|主动公开|收到和处理|政府信息公开行政复议|(?:政府信息公开工作)?存在|其他需要报告)/;

/** The text with the first heading of each section broken every `width` characters. */
function wrapHeadings(text: string, width: number): { text: string; wrapped: number } {
  const seen = new Set<string>();
  const lines = text.split('\n').map((line) => {
    const m = HEADING.exec(line.trim());
    if (!m || seen.has(m[2]!)) return line;
    seen.add(m[2]!);
    const heading = line.trim().slice(m[1]!.length);
    const pieces: string[] = [];
    for (let i = 0; i < heading.length; i += width) pieces.push(heading.slice(i, i + width));
    return m[1]! + pieces.join('\n');
  });
  return { text: lines.join('\n'), wrapped: seen.size };
}

/** The text without the line of section `number`'s first heading. */
function withoutHeading(text: string, number: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => HEADING.exec(l.trim())?.[2] === number);
  expect(at, `heading ${number} found`).toBeGreaterThanOrEqual(0);
  return [...lines.slice(0, at), ...lines.slice(at + 1)].join('\n');
}

const read = (text: string, file: string) => ingestFile(new TextEncoder().encode(text), file);
const sectionKeys = (r: IngestResult) => r.report?.sections.map((s) => s.key) ?? [];

/** The reports whose six headings stand on lines of their own (not the crawler's one line). */
const onLines = truths.filter((t) => wrapHeadings(corpusText(t), 6).wrapped === 6);

describe('section headings wrapped over lines', () => {
  it('five of the six corpus reports have their six headings on lines of their own', () => {
    expect(onLines.length).toBe(5);
  });

  for (const truth of onLines) {
    const text = corpusText(truth);
    const original = read(text, truth.file);
    for (const width of [6, 7, 9, 12]) {
      it(`${truth.file}, every heading wrapped at ${width} characters: the truth's figures, no false missing-*`, async () => {
        const wrapped = wrapHeadings(text, width);
        expect(wrapped.wrapped).toBe(6);
        const before = await original;
        const after = await read(wrapped.text, truth.file);
        const j = judge(truth, after, missingClaims(before));
        const unwrapped = judge(truth, before, missingClaims(before));
        expect(j.wrong, 'no wrong figure').toEqual([]);
        expect(j.falseMissing, 'no missing-* the unwrapped report does not get').toEqual([]);
        expect(j.read, 'every cell read unwrapped').toBe(unwrapped.read);
        expect(j.read, 'every cell of the truth').toBe(j.checked);
        expect(sectionKeys(after)).toEqual(sectionKeys(before));
        // The heading's title whole, not its last line left in the section's text.
        const titles = (r: IngestResult) => r.report!.sections.map((s) => s.title);
        expect(titles(after)).toEqual(titles(before));
      });
    }
  }

  it('a heading that truly is absent is still reported missing (the others wrapped)', async () => {
    for (const truth of onLines) {
      for (const [number, key] of [
        ['四', 'appeals'],
        ['五', 'problems'],
      ] as const) {
        const text = wrapHeadings(withoutHeading(corpusText(truth), number), 9).text;
        const result = await read(text, truth.file);
        expect(sectionKeys(result), `${truth.file} without ${number}`).not.toContain(key);
        expect(
          result.findings.some(
            (f) => f.code === 'missing-section' && f.message.includes(`第${number}部分`),
          ),
          `${truth.file}: missing-section for ${number}`,
        ).toBe(true);
      }
    }
  });
});
