import { describe, expect, it } from 'vitest';
import { textRows } from '../read.js';
import { tokenStream, type StreamToken } from './stream.js';

const shown = (tokens: readonly StreamToken[]) =>
  tokens.map((t) => (t.kind === 'text' ? `“${t.text}”` : t.kind === 'figure' ? t.raw : '_'));

describe('the token stream', () => {
  it("reads a converter's placeholder headers inside a line of header cells as words", () => {
    // A PDF's line of the header cells "类别 | 数据1 | … | 总计", joined by spaces.
    const tokens = tokenStream(textRows('类别 数据1 数据2 数据3 数据4 数据5 数据6 总计\n705 3 0'));
    expect(tokens.filter((t) => t.kind === 'figure').map((t) => t.line)).toEqual([2, 2, 2]);
    expect(shown(tokenStream(textRows('列1 列2 Column 3')))).toEqual(['“列1 列2 Column 3”']);
  });

  it('keeps a figure after such a word inside a sentence', () => {
    // "专栏33个": 栏 ends the word 专栏; "数据 12 项" is not a placeholder either (a unit follows).
    expect(shown(tokenStream(textRows('开设专栏33个')))).toEqual(['“开设专栏”', '33']);
    expect(shown(tokenStream(textRows('共享数据12项')))).toEqual(['“共享数据”', '12']);
  });

  it("cuts a text at a Markdown table's cell boundaries left inside one cell", () => {
    const tokens = tokenStream(
      textRows(
        '说明 | ### (二) 部分公开 | 类别 | 数据1 | 总计 |---|---| | 部分公开 | 99 | 0 | 99 |',
      ),
    );
    expect(shown(tokens)).toEqual([
      '“说明”',
      '“### (二) 部分公开”',
      '“类别”',
      '“数据1”',
      '“总计”',
      '“---”',
      '“---”',
      '“部分公开”',
      '99',
      '0',
      '99',
    ]);
  });

  it("gives a label's list number cut off by a line break back to its label", () => {
    // "5.属于三类内部事务信息 1000001 6." then "属于四类过程性信息 2000002" on the next line.
    const run = tokenStream(
      textRows('5.属于三类内部事务信息 10000016.\n属于四类过程性信息 2000002'),
    );
    expect(shown(run)).toEqual([
      '“5.属于三类内部事务信息”',
      '1000001',
      '“6.属于四类过程性信息”',
      '2000002',
    ]);
    const apart = tokenStream(textRows('内部事务 1 0 0 6、\n过程性信息 2'));
    expect(shown(apart)).toEqual(['“内部事务”', '1', '0', '0', '“6、过程性信息”', '2']);
    // Not before a label on the next line: a figure.
    expect(shown(tokenStream(textRows('合计 16.\n12')))).toEqual(['“合计”', '16', '“.”', '12']);
  });

  it("takes a placeholder standing alone among a row's figures or after its label as a cell", () => {
    // Cells joined by single spaces (a crawler's page on one line).
    expect(shown(tokenStream(textRows('（一）予以公开 20 6 1 — 1 1 29')))).toEqual([
      '“(一)予以公开”',
      '20',
      '6',
      '1',
      '_',
      '1',
      '1',
      '29',
    ]);
    expect(shown(tokenStream(textRows('规章 / / 3')))).toEqual(['“规章”', '_', '_', '3']);
    expect(shown(tokenStream(textRows('行政许可 －')))).toEqual(['“行政许可”', '_']);
    const marks = tokenStream(textRows('规章 1 ／ 3')).filter((t) => t.kind === 'empty');
    expect(marks).toMatchObject([{ placeholder: true, mark: '/' }]);
    // Inside words, or after a number in words, a dash or a slash is no cell.
    expect(shown(tokenStream(textRows('2021年—2022年 全年共 5 件')))).toEqual([
      '“2021年—2022年 全年共”',
      '5',
    ]);
    expect(shown(tokenStream(textRows('见第 3 / 12 页')))).toEqual(['“见第 3 /”', '12', '“页”']);
    expect(shown(tokenStream(textRows('本机关 — 全年 5 件')))).toEqual(['“本机关 — 全年”', '5']);
  });
});
