import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayLine, isRuleLine, splitCells } from './text.js';

/** The rule-line pattern isRuleLine implements without backtracking. */
const RULE = /^\s*[|+]?\s*:?[-=]{3,}:?\s*(?:[|+]\s*:?[-=]{3,}:?\s*)*[|+]?\s*$/;

const ruleish = fc
  .array(fc.constantFrom(' ', '\t', '|', '+', ':', '-', '=', '---', 'x', '\u3000'), {
    maxLength: 24,
  })
  .map((parts) => parts.join(''));

describe('isRuleLine', () => {
  it('says what the rule-line pattern says, for any line made of rule characters', () => {
    fc.assert(
      fc.property(ruleish, (line) => {
        expect(isRuleLine(line)).toBe(RULE.test(line));
      }),
      { numRuns: 5000 },
    );
  });

  it('knows the rules of Markdown, pandoc grid and dash tables', () => {
    for (const line of ['|---|:---:|', '+----+----+', '  ----- ', '| --- | --- |', '===='])
      expect(isRuleLine(line), line).toBe(true);
    for (const line of ['--', '| 予以公开 | 3 |', '-- x --', ''])
      expect(isRuleLine(line)).toBe(false);
  });
});

/** splitCells as written with String.prototype.split and regular expressions. */
function splitCellsBySplit(line: string): string[] {
  const trimmed = line.trim();
  let cells: string[];
  if (trimmed.startsWith('|') && trimmed.length > 1) {
    cells = trimmed.replace(/^\|/, '').replace(/\|$/, '').split('|');
  } else if (line.includes('\t')) {
    cells = line.split('\t');
  } else {
    if (!line.includes('  ')) return trimmed === '' ? [] : [trimmed];
    cells = [line];
  }
  const out = cells.flatMap((cell) => cell.split(/ {2,}/).map((part) => part.trim()));
  if (!line.includes('\t') && !trimmed.startsWith('|')) {
    while (out.length > 0 && out[0] === '') out.shift();
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
  }
  return out;
}

describe('splitCells', () => {
  it('cuts as split and regular expressions would, for any line of cell characters', () => {
    const cellish = fc
      .array(fc.constantFrom(' ', '  ', '\t', '|', 'a', '7', '自', '\u3000', '\u00a0', '-'), {
        maxLength: 30,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(cellish, (line) => {
        expect(splitCells(line)).toEqual(splitCellsBySplit(line));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('displayLine', () => {
  it('drops a Markdown row’s outer pipes and tidies its spacing', () => {
    expect(displayLine('  | （一）予以公开 |  41\t11 |  ')).toBe('（一）予以公开 | 41 11');
    expect(displayLine('|')).toBe('');
    expect(displayLine('　第一段　　正文　')).toBe('第一段 正文');
  });
});
