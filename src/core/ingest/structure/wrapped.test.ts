/**
 * Labels split across lines or cells (wrapped.ts): found from their pieces, the figures between
 * the pieces their row's — and, when a label is wrapped around another row's label (pdftotext
 * -layout, pdf.js centre a row's figures in a tall cell), the figures there read only as the
 * table's arithmetic allows, otherwise left unread with the candidates.
 */
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../../test/support/ingest-sample.js';
import { layoutReport } from '../../../../test/support/report-layouts.js';
import { readReportText, textRows } from '../read.js';
import { readStructure } from './index.js';
import { tokenStream, type StreamToken } from './stream.js';
import { joinApplicationLabels, wrappedLabels } from './wrapped.js';

const TITLE = '某县交通运输局2023年政府信息公开工作年度报告';
const T3 = '三、收到和处理政府信息公开申请情况';
const row = (...cells: (string | number)[]) => cells.join('\t');
const texts = (tokens: readonly StreamToken[]) =>
  tokens.flatMap((t) => (t.kind === 'text' ? [t.text] : []));

describe('wrappedLabels', () => {
  const labels = new Map([
    ['规章', 'regulations'],
    ['行政许可', 'licensing'],
    ['行政强制', 'coercion'],
  ]);
  const match = (text: string) => labels.get(text) ?? null;
  const stream = (...lines: string[]) => tokenStream(textRows(lines.join('\n')));

  it('joins pieces with figures between them, the label at its first piece', () => {
    const tokens = stream('规\t0\t0\t0', '章', '行政   1280', '许可');
    const found = wrappedLabels(tokens, () => true, match);
    expect(found.map((f) => [f.key, f.pieces.map((i) => tokens[i]!.line)])).toEqual([
      ['regulations', [1, 2]],
      ['licensing', [3, 4]],
    ]);
  });

  it('takes no label when the same pieces can be joined into two', () => {
    // "行政" + "许可" and "行政" + "强制" end at different pieces; "行政" "行政" "许可" does not
    // decide which 行政 begins 行政许可 — the nearer one is taken, the other left alone.
    const tokens = stream('行政', '行政', '许可');
    expect(wrappedLabels(tokens, () => true, match).map((f) => f.pieces)).toEqual([[1, 2]]);
    const both = (text: string) => (text === '行政许可' ? 'a' : text === '政许可' ? 'b' : null);
    const split = stream('行', '政', '许可');
    expect(wrappedLabels(split, () => true, both)).toEqual([]);
  });

  it('joins no pieces further apart than a label wraps', () => {
    const tokens = stream('行政', '', '', '', '', '许可');
    expect(wrappedLabels(tokens, () => true, match)).toEqual([]);
  });

  it('never joins a text that names a label by itself', () => {
    const tokens = stream('规章', '章');
    expect(wrappedLabels(tokens, (i) => i !== 0, match)).toEqual([]);
  });
});

describe('prose is no label', () => {
  it('joins no lines of a paragraph, whatever phrase a line break cuts', () => {
    const text = [
      TITLE,
      T3,
      '本年度共收到政府信息公开申请63件，其中因申请内容属于国家秘',
      '密而不予公开的申请共3件，均已依法答复并告知申请人救济途径。',
    ].join('\n');
    const table = readStructure(textRows(text)).tables.applications;
    expect([...(table?.rows ?? [])]).not.toContain('withheld.state_secret');
  });
});

describe('table 二: a label broken over lines', () => {
  it('reads the row from its pieces even where the small table cannot be read in order', () => {
    // 规章 written "/": its small table's figures cannot be taken in the template's order, so
    // only the broken label itself can give 行政规范性文件 its figures.
    const text = [
      TITLE,
      '二、主动公开政府信息情况',
      '第二十条第（一）项',
      '规\t/\t/\t/',
      '章',
      '行政规范性\t3\t1\t25',
      '文件',
      '三、收到和处理政府信息公开申请情况',
    ].join('\n');
    const table = readStructure(textRows(text)).tables.proactive!;
    expect(table.cells.get('proactive.normative_documents.issued')).toEqual({ value: 3, line: 6 });
    expect(table.cells.get('proactive.normative_documents.in_force')).toEqual({
      value: 25,
      line: 6,
    });
    // 规章's cells written "/": places without a figure (NaN, the report's null), never a figure.
    expect(table.cells.get('proactive.regulations.issued')?.value ?? NaN).toBeNaN();
    // The pieces and the small table's label are the table's lines, not prose.
    expect([...table.lines!].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7]);
  });
});

describe('table 三: a label wrapped around another row’s label (pdftotext -layout, pdf.js)', () => {
  // 四、结转下年度继续办理 wraps over three lines around （七）总计, centred in its tall cell, and
  // the total's figures stand above both labels.
  const wrapped = (complete: boolean) =>
    [
      TITLE,
      T3,
      complete ? row('一、本年新收政府信息公开申请数量', 42, 11, 2, 2, 2, 1, 60) : '',
      row('二、上年结转政府信息公开申请数量', 3, 1, 0, 0, 0, 0, 4),
      complete ? row('（一）予以公开', 41, 11, 1, 2, 2, 1, 58) : '',
      '    41    11    1    2    2    1    58',
      '四、结转下',
      '      （七）总计',
      '年度继续办    4    1    1    0    0    0    6',
      '理',
    ].join('\n');
  const figures = (...values: (number | null)[]) => ({
    natural_person: values[0],
    commercial: values[1],
    research: values[2],
    nonprofit: values[3],
    legal_service: values[4],
    other: values[5],
    total: values[6],
  });

  it('joins the label at its first piece and doubts the figures between its pieces', () => {
    const joined = joinApplicationLabels(tokenStream(textRows(wrapped(true))));
    expect(texts(joined.tokens)).toContain('四、结转下年度继续办理');
    expect(texts(joined.tokens)).not.toContain('理');
    expect([...joined.doubtful].map((t) => (t.kind === 'figure' ? Number(t.raw) : null))).toEqual([
      4, 1, 1, 0, 0, 0, 6,
    ]);
  });

  it('gives each row its own figures when the totals confirm them', () => {
    // The whole table: （七）总计 = the sum of its rows tells the total's figures from 四's.
    const text = layoutReport(sampleReport(), 'tabs').replace(
      ['（七）总计\t45\t12\t1\t0\t3\t2\t63', '四、结转下年度继续办理\t3\t1\t0\t0\t0\t0\t4'].join(
        '\n',
      ),
      [
        '    45    12    1    0    3    2    63',
        '四、结转下',
        '      （七）总计',
        '年度继续办    3    1    0    0    0    0    4',
        '理',
      ].join('\n'),
    );
    expect(text).toContain('年度继续办    3');
    const { report, findings } = readReportText(text);
    expect(report!.tables).toEqual(sampleReport().tables);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('leaves both rows unread when only 一+二 = （七）+四 checks them: it holds either way', () => {
    // 一、二 and （一） alone: 42+3 = 41+4 = 4+41, so the figures' order beside the labels would
    // be all that decides — and the labels' places are what a wrapped layout cannot be trusted on.
    const { report, findings } = readReportText(wrapped(true));
    const t = report!.tables.applications;
    expect(t.disclosed).toEqual(figures(41, 11, 1, 2, 2, 1, 58));
    const unread = figures(...new Array<null>(7).fill(null));
    expect(t.total).toEqual(unread);
    expect(t.carried_forward).toEqual(unread);
    for (const row of ['total', 'carried_forward']) {
      const error = findings.find((f) => f.location.row === row)!;
      expect([error.severity, error.code]).toEqual(['error', 'unread-table']);
      expect(error.message).toContain('（41 11 1 2 2 1 58）');
      expect(error.message).toContain('（4 1 1 0 0 0 6）');
    }
  });

  it('leaves the rows unread, the figures kept as candidates, when the totals cannot tell', () => {
    // Without 一、本年新收 and （一）予以公开 nothing decides which figures are the total's.
    const { report, findings } = readReportText(wrapped(false));
    const t = report!.tables.applications;
    const unread = figures(...new Array<null>(7).fill(null));
    expect(t.carried_forward).toEqual(unread);
    expect(t.total).toEqual(unread);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.every((f) => f.code === 'unread-table')).toBe(true);
    expect(errors.map((f) => f.location.row)).toEqual(
      expect.arrayContaining(['total', 'carried_forward']),
    );
    expect(errors.find((f) => f.location.row === 'total')!.message).toContain('4 1 1 0 0 0 6');
  });

  it('joins a group label broken around a row: a group holds no figures, nothing doubted', () => {
    const tokens = tokenStream(
      textRows(
        [
          T3,
          row('不予公', '4.保护第三方合法权益', 2, 0, 0, 0, 1, 0, 3),
          row('开', '5.属于三类内部事务信息', 0, 0, 0, 0, 0, 0, 0),
        ].join('\n'),
      ),
    );
    const joined = joinApplicationLabels(tokens);
    expect(texts(joined.tokens).slice(1, 3)).toEqual(['不予公开', '4.保护第三方合法权益']);
    expect(joined.doubtful.size).toBe(0);
  });

  it('completes a label named by its first words with the pieces that follow it', () => {
    // pdftotext -layout: 四、结转下年度继续办 and （七）总计 on one line, the carried-forward's
    // figures below them, then 理 — the figures between its pieces may be either row's.
    const tokens = tokenStream(
      textRows(
        [T3, '四、结转下年度继续办   （七）总计', '    3    1    0    0    0    0    4', '理'].join(
          '\n',
        ),
      ),
    );
    const joined = joinApplicationLabels(tokens);
    expect(texts(joined.tokens)).toEqual([T3, '四、结转下年度继续办理', '(七)总计']);
    expect(joined.doubtful.size).toBe(7);
  });

  it('reads a row whose wrapped labels stand on a line of their own, not as a header', () => {
    const text = [
      TITLE,
      T3,
      row('三、本年度办理结果', '（四）无法提供', '2.没有现成信息需要另行制'),
      '        2    0    0    0    0    0    2',
      '作',
    ].join('\n');
    const table = readStructure(textRows(text)).tables.applications!;
    expect(table.rows).toContain('unable.needs_creation');
    expect(table.cells.get('applications.unable.needs_creation.total')).toEqual({
      value: 2,
      line: 4,
    });
  });

  it('a group label broken over lines still opens its group (its bare 3.其他 is its row)', () => {
    const text = [
      TITLE,
      T3,
      row('（五）不予处理', '2.重复申请', 1, 0, 0, 0, 0, 0, 1),
      row('其他处', '3.其他', 1, 0, 0, 0, 0, 0, 1),
      '理',
    ].join('\n');
    const table = readStructure(textRows(text)).tables.applications!;
    expect(table.cells.get('applications.other.other.total')).toEqual({ value: 1, line: 4 });
    expect(table.cells.get('applications.not_processed.duplicate.total')).toEqual({
      value: 1,
      line: 3,
    });
  });
});

describe('table 三: group labels broken over lines (the sample, tab-separated)', () => {
  const sample = () => layoutReport(sampleReport(), 'tabs');
  it.each([
    ['（三）不予公开', '（三）不予', '5.属于三类内部事务信息', '公开'],
    ['（四）无法提供', '（四）无法', '3.补正后申请内容仍不明确', '提供'],
    ['（五）不予处理', '（五）不予', '4.无正当理由大量反复申请', '处理'],
    ['（六）其他处理', '（六）其他', '3.其他', '处理'],
    ['（三）不予公开', '不予公', '5.属于三类内部事务信息', '开'],
  ])('%s broken after %s: the figures as before, no finding', (label, first, below, rest) => {
    const text = sample().replace(label, first).replace(`\t\t${below}`, `\t${rest}\t${below}`);
    expect(text).not.toContain(label);
    const { report, findings } = readReportText(text);
    expect(report!.tables).toEqual(sampleReport().tables);
    expect(findings).toEqual([]);
  });
});
