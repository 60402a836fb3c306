import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellHints,
  HINT_FIGURE,
  HINT_HEADING,
  HINT_MARK,
  plainCells,
  plainDisplayLine,
  plainHints,
  plainLineCells,
  plainPiped,
  plainShown,
} from './line-cells.js';
import { lineRows, textLines, type Row } from './rows.js';
import { cleanLine, displayLine, isBlank, isRuleLine, splitCells } from './text.js';

describe('plainLineCells', () => {
  it('gives the cells cleanLine, isBlank, isRuleLine and splitCells give, or leaves the line to them', () => {
    const lineish = fc
      .array(
        fc.constantFrom(
          ...[' ', '  ', '\t', '|', '+', ':', '-', '---', '=', '#', '>', 'a', '7', '自', '、'],
          ...['（', '）', '：', '１', '＃', '｜', '－', '＊', '［', '＜', '*', '_', '[', '\\'],
          ...['\u3000', '\u00a0', '\u200b', '\ufeff', '\u00ad', '\f', '\u2f00', '\u2ee2'],
          ...['\r', '\u2028', '\uff5f', '\uffe5', '\ud83d\ude00'],
        ),
        { maxLength: 24 },
      )
      .map((parts) => parts.join(''));
    let read = 0;
    fc.assert(
      fc.property(lineish, (line) => {
        const cells = plainLineCells(line);
        if (cells === null) return;
        read++;
        const clean = cleanLine(line);
        expect(clean === line || !line.includes('\f')).toBe(true);
        expect(cells).toEqual(isBlank(clean) || isRuleLine(clean) ? [] : splitCells(clean));
        // Trimmed (a Row of them does not trim them again).
        for (const cell of cells) expect(cell).toBe(cell.trim());
        const shown = plainShown(line, cells);
        if (shown !== undefined) expect(shown).toBe(displayLine(line));
        else if (!plainPiped()) expect(plainDisplayLine(line)).toBe(displayLine(line));
      }),
      { numRuns: 10000 },
    );
    expect(read).toBeGreaterThan(1000);
  });
});

/** What each hint bit says the cells may hold (joined by tabs, as a row's text is searched). */
const HINTED: [number, RegExp][] = [
  [HINT_HEADING, /[一二三四五六]\s*[、.．]/],
  [HINT_FIGURE, /[0-9\uff0e\uff10-\uff19]/],
  [HINT_MARK, /[-—–－/／]/],
];

describe('line hints', () => {
  const hintish = fc
    .array(
      fc.constantFrom(
        ...[' ', '\t', '一', '三', '六', '七', '、', '.', '．', '5', '５', '-', '—', '－', '/'],
        ...['／', '–', '自', '（', '|', '  ', '\u2028', '\u3000', '\u000b', '#', '\r', '*'],
      ),
      { maxLength: 16 },
    )
    .map((parts) => parts.join(''));

  it('plainLineCells clears a bit only when its cells hold no such thing', () => {
    let cleared = 0;
    fc.assert(
      fc.property(hintish, (line) => {
        const cells = plainLineCells(line);
        if (cells === null) return;
        const hints = plainHints();
        for (const [bit, pattern] of HINTED) {
          if ((hints & bit) !== 0) continue;
          cleared++;
          expect(pattern.test(cells.join('\t'))).toBe(false);
        }
        // The heading bit is exact: a line holding a number and its mark has it.
        expect((hints & HINT_HEADING) !== 0).toBe(HINTED[0]![1].test(cells.join('\t')));
      }),
      { numRuns: 10000 },
    );
    expect(cleared).toBeGreaterThan(1000);
  });

  it('cellHints says what the cells hold', () => {
    const cellsish = fc.array(hintish, { maxLength: 4 });
    fc.assert(
      fc.property(cellsish, (cells) => {
        const hints = cellHints(cells);
        for (const [bit, pattern] of HINTED)
          expect((hints & bit) !== 0).toBe(pattern.test(cells.join('\t')));
      }),
      { numRuns: 10000 },
    );
  });
});

describe('plainCells', () => {
  it('reads a line where it stands in a longer text as it reads the line alone', () => {
    const line = '\t（一）主动公开\t5\t一、总体 ';
    const text = `前一行\n${line}\n后一行`;
    const alone = plainLineCells(line);
    const hints = plainHints();
    expect(plainCells(text, 4, 4 + line.length, false)).toEqual(alone);
    expect(plainHints()).toBe(hints);
    expect(alone).toEqual(['', '(一)主动公开', '5', '一、总体']);
    expect(hints).toBe(HINT_HEADING | HINT_FIGURE);
  });
});

describe('textLines', () => {
  it('gives the lines split gives and the rows lineRows gives', () => {
    const lineish = fc
      .array(
        fc.constantFrom(
          '\n',
          '\r',
          '\r\n',
          '\t',
          ' ',
          '  ',
          '一、',
          '5',
          '（',
          '|',
          '**',
          '\u3000',
          '自',
          '—',
        ),
        {
          maxLength: 30,
        },
      )
      .map((parts) => parts.join(''));
    const shape = (r: Row) => [r.line, r.cells, r.pageBreak, r.display, r.hints, r.shown];
    fc.assert(
      fc.property(lineish, (text) => {
        const { lines, rows } = textLines(text);
        expect(lines).toEqual(text.split(/\r\n|\r|\n/));
        expect(rows.map(shape)).toEqual((lineRows(lines) as Row[]).map(shape));
      }),
      { numRuns: 3000 },
    );
    expect(textLines('甲\r\n乙\r丙').lines).toEqual(['甲', '乙', '丙']);
  });
});
