import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayLine, isRuleLine } from './text.js';

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

describe('displayLine', () => {
  it('drops a Markdown row’s outer pipes and tidies its spacing', () => {
    expect(displayLine('  | （一）予以公开 |  41\t11 |  ')).toBe('（一）予以公开 | 41 11');
    expect(displayLine('|')).toBe('');
    expect(displayLine('　第一段　　正文　')).toBe('第一段 正文');
  });
});
