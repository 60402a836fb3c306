/**
 * A corpus report's section headings broken over lines, as a narrow PDF column or a converter
 * wraps them ("四、政府信息公开行" / "政复议、行政诉讼情" / "况"), and a report with one heading
 * taken out.
 */

/** Each section's heading as the corpus prints it (四 with a character added, as pingtan has it). */
const HEADINGS: readonly [string, RegExp][] = [
  ['一', /一、总体情况/],
  ['二', /二、主动公开政府信息情况/],
  ['三', /三、收到和处理政府信息公开申请情况/],
  ['四', /四、政府信息公开行政.{0,2}复议、行政诉讼情况/],
  ['五', /五、(?:政府信息公开工作)?存在的主要问题及改进情况/],
  ['六', /六、其他需要报告的事项/],
];

/** Where section `number`'s first heading is, with a Markdown heading mark before it. */
function headingAt(text: string, number: string): { start: number; end: number } | null {
  const pattern = HEADINGS.find(([n]) => n === number)![1];
  const m = pattern.exec(text);
  if (!m) return null;
  const mark = /(?:^|\n)(#+\s*)$/.exec(text.slice(Math.max(0, m.index - 8), m.index));
  return { start: m.index - (mark?.[1]!.length ?? 0), end: m.index + m[0].length };
}

/**
 * The text with the first heading of each section broken every `width` characters, on lines of
 * its own (a heading inside a line — a crawler's page on one line — is put on lines of its own
 * first): how many headings were broken, into how many lines each, and how many stood inside a
 * line.
 */
export function headingsWrapped(
  text: string,
  width: number,
): { text: string; wrapped: number; lines: number[]; inline: number } {
  let out = text;
  const lines: number[] = [];
  let inline = 0;
  for (const [number] of HEADINGS) {
    const at = headingAt(out, number);
    if (!at) continue;
    const whole = out.slice(at.start, at.end);
    const mark = /^#+\s*/.exec(whole)?.[0] ?? '';
    const heading = [...whole.slice(mark.length)];
    const pieces: string[] = [];
    for (let i = 0; i < heading.length; i += width)
      pieces.push(heading.slice(i, i + width).join(''));
    lines.push(pieces.length);
    const before = out.slice(0, at.start).replace(/[ \t]+$/, '');
    if (before !== '' && !before.endsWith('\n')) inline++;
    const after = out.slice(at.end).replace(/^[ \t]+/, '');
    out = `${before}${before === '' || before.endsWith('\n') ? '' : '\n'}${mark}${pieces.join('\n')}${after.startsWith('\n') ? '' : '\n'}${after}`;
  }
  return { text: out, wrapped: lines.length, lines, inline };
}

/** How many sections' headings stand whole (on one line) in a text. */
export const wholeHeadings = (text: string) =>
  HEADINGS.filter(([, pattern]) => text.split('\n').some((line) => pattern.test(line))).length;

/** The text without the line of section `number`'s first heading. */
export function withoutHeading(text: string, number: string): string {
  const at = headingAt(text, number);
  if (!at) throw new Error(`no heading ${number}`);
  return text.slice(0, at.start) + text.slice(at.end);
}
