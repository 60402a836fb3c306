import { describe, expect, it } from 'vitest';
import { joinWrappedHeadings } from './heading-wraps.js';
import { lineRows, Row } from './rows.js';

const rowsOf = (lines: readonly string[]) => lineRows(lines).map(Row.of);
/** The rows' texts after joining ('' for a piece taken into the heading above it). */
const joined = (lines: readonly string[]) => joinWrappedHeadings(rowsOf(lines)).map((r) => r.text);

/** Around section 四's heading in the text of a report Chromium printed to PDF (pdfjs's lines). */
const PDF_ABOVE = ['3.其他 0 0 4 0 0 0 4', '(七)总计 107 69 106 553 431 1054 2320'];
const PDF_ROW = '四、结转下年度继续办理 0 0 0 0 0 17 17';
const PDF_BELOW = [
  '行政复议 行政诉讼',
  '未经复议直接起诉 复议后起诉',
  '结果维持 结果纠正 其他结果 尚未审结 总计',
  '0 0 50 0 50 16 0 10 0 26 0 0 19 0 19',
  '五、存在的主要问题及改进情况',
];

describe('a section heading broken over lines is joined onto its first line', () => {
  it('joins the pieces of a heading, its title whole, the other lines left empty', () => {
    expect(joined(['四、政府信息公开行', '政复议、行政诉讼情', '况', '行政复议 行政诉讼'])).toEqual(
      ['四、政府信息公开行政复议、行政诉讼情况', '', '', '行政复议 行政诉讼'],
    );
  });

  it('completes a heading cut short by the pieces of its official title, no further', () => {
    expect(joined(['六、其他需要报告的事', '项', '无。'])).toEqual([
      '六、其他需要报告的事项',
      '',
      '无。',
    ]);
    expect(joined(['一、总体', '情况', '本机关认真贯彻'])).toEqual([
      '一、总体情况',
      '',
      '本机关认真贯彻',
    ]);
    // A title with a character added by its agency, and a longer one ending with the official one.
    expect(joined(['四、政府信息公开行政法复议、', '行政诉讼', '情况', '行政复议'])).toEqual([
      '四、政府信息公开行政法复议、行政诉讼情况',
      '',
      '',
      '行政复议',
    ]);
    expect(joined(['五、政府信息公开工作存', '在的主要问题及改进情', '况'])[0]).toBe(
      '五、政府信息公开工作存在的主要问题及改进情况',
    );
  });

  it('takes no table row into a heading: the Chromium PDF case (a table 三 row, a page number, then 四)', () => {
    // The reverted join made "结转下年度继续办理 0 0 0 0 0 17 17— 3 —行政复议 行政诉讼" 四's title.
    const lines = [
      ...PDF_ABOVE,
      PDF_ROW,
      '— 3 —',
      '四、政府信息公开行政复议、行政诉讼情况',
      ...PDF_BELOW,
    ];
    expect(joined(lines)).toEqual(rowsOf(lines).map((r) => r.text));
    // The heading itself broken, the same rows around it: only its three pieces are joined.
    const wrapped = [
      ...PDF_ABOVE,
      PDF_ROW,
      '— 3 —',
      '四、政府信息公开行',
      '政复议、行政诉讼情',
      '况',
      ...PDF_BELOW,
    ];
    expect(joined(wrapped)).toEqual([
      ...PDF_ABOVE,
      PDF_ROW,
      '— 3 —',
      '四、政府信息公开行政复议、行政诉讼情况',
      '',
      '',
      ...PDF_BELOW,
    ]);
  });

  it('starts only at a line beginning with the heading’s own number, with no figure in any piece', () => {
    const none = (lines: string[]) =>
      expect(joined(lines)).toEqual(rowsOf(lines).map((r) => r.text));
    // A table 三 label a cell per line: its figures follow, no title.
    none(['四、结转下年度继续办理', '0', '0', '行政复议']);
    // The number of another section (三 with 四's title), no number, a figure, a table's cells.
    none(['三、政府信息公开行', '政复议、行政诉讼情况']);
    none(['政府信息公开行', '政复议、行政诉讼情况']);
    none(['四、政府信息公开行政复议', '2件、行政诉讼情况']);
    none(['四、政府信息公开', '行政复议 行政诉讼']);
    // A heading cut short above its table's header: the header is not its title's end.
    none(['四、政府信息公开', '行政复议', '行政诉讼', '未经复议直接起诉']);
    // A piece beginning with a list number, or a sentence.
    none(['四、政府信息公开行', '（一）政复议、行政诉讼情况']);
    none(['四、政府信息公开行', '政复议，行政诉讼情况']);
  });

  it('joins the pieces on both sides of a page break, its page number left in place', () => {
    for (const mark of ['- 7 -', '第7页', '－７－', '7']) {
      const lines = ['四、政府信息公开行政', mark, '\f复议、行政诉讼情况', '行政复议 行政诉讼'];
      const out = joined(lines);
      expect(out[0], mark).toBe('四、政府信息公开行政复议、行政诉讼情况');
      expect(out.slice(2), mark).toEqual(['', '行政复议 行政诉讼']);
      expect(out[1], mark).toBe(rowsOf(lines)[1]!.text);
    }
    // A bare number with no page break beside it is no page's: nothing is joined across it.
    const lines = ['四、政府信息公开行政', '7', '复议、行政诉讼情况'];
    expect(joined(lines)).toEqual(rowsOf(lines).map((r) => r.text));
  });

  it('takes no line of prose into a heading: the piece that names the section keeps to its title', () => {
    const lines = ['二、主动公开政府信息', '情况如下表', '（一）主动公开'];
    expect(joined(lines)).toEqual(rowsOf(lines).map((r) => r.text));
  });

  it('gives no section a second heading from pieces when a line names it whole', () => {
    const lines = [
      '四、政府信息公开行',
      '政复议、行政诉讼情况',
      '四、政府信息公开行政复议、行政诉讼情况',
    ];
    expect(joined(lines)).toEqual(lines);
  });

  it('is bounded: a heading is joined from twelve lines at most', () => {
    const lines = ['四、', ...'政府信息公开行政复议、行政诉讼情况'];
    const out = joined(lines);
    expect(out[0]).toBe('四、政府信息公开行政复议、');
    expect(out.slice(1, 12).every((t) => t === '')).toBe(true);
    expect(out.slice(12)).toEqual(lines.slice(12));
    // Two characters a line (ten pieces): joined whole.
    const pairs = ['四、', ...'政府信息公开行政复议、行政诉讼情况'.match(/.{1,2}/g)!];
    expect(joined(pairs)[0]).toBe('四、政府信息公开行政复议、行政诉讼情况');
  });
});
