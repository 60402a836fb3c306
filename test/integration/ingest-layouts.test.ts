/**
 * The reader on pdftotext's output of the sample report (test/fixtures/ingest/variants), changed
 * the way real reports differ from the official format: a header that lacks a column, labels
 * broken over lines. The figures must stay the sample's, and the findings those of the unchanged
 * output plus what the change itself calls for.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readReportText } from '../../src/core/ingest/read.js';
import type { Finding } from '../../src/core/report/findings.js';
import { ingestFile } from '../../src/ingest/index.js';
import { expectRightOrReported, type ExpectedTables } from '../support/ingest-expect.js';
import { sampleReport } from '../support/ingest-sample.js';

const VARIANTS = new URL('../fixtures/ingest/variants/', import.meta.url).pathname;
const LAYOUTS = ['sample.pdftotext-layout.txt', 'sample-official.pdftotext-layout.txt'] as const;

const variant = (name: string) => readFileSync(`${VARIANTS}${name}`, 'utf8');
const keys = (findings: readonly Finding[]) =>
  findings
    .map((f) =>
      [f.severity, f.code, f.location.row ?? '', f.location.column ?? '', f.location.line].join(
        '|',
      ),
    )
    .sort();

describe('D2: pdftotext -layout output whose table 三 header lacks 其他', () => {
  for (const name of LAYOUTS) {
    it(`${name}: rows read as before, one missing-column finding`, () => {
      const text = variant(name);
      const lines = text.split('\n');
      const i = lines.findIndex((l) => /^\s+商业企业\s+其他$/.test(l));
      expect(i).toBeGreaterThan(0);
      lines[i] = lines[i]!.replace(/\s+其他$/, '');
      const before = readReportText(text);
      const after = readReportText(lines.join('\n'));
      expect(after.report!.tables).toEqual(sampleReport().tables);
      const added = after.findings.filter((f) => f.code === 'missing-column');
      expect(added.map((f) => f.location.column)).toEqual(['other']);
      expect(keys(after.findings.filter((f) => f.code !== 'missing-column'))).toEqual(
        keys(before.findings),
      );
    });
  }
});

/** The official layout's lines, with the line holding `find` replaced by `replace(line)`. */
function edited(edits: readonly [string, (line: string) => string][]): string {
  const lines = variant('sample-official.pdftotext-layout.txt').split('\n');
  for (const [find, replace] of edits) {
    const i = lines.findIndex((l) => l.includes(find));
    expect(i).toBeGreaterThan(0);
    lines[i] = replace(lines[i]!);
  }
  return lines.join('\n');
}

/** A line of the layout with its first characters (the group column, blank) overwritten. */
const overwrite = (text: string) => (line: string) =>
  `${' '.repeat(17)}${text}${line.slice(17 + text.length * 2)}`;

describe('D5: table 三’s group labels broken over lines by pdftotext -layout', () => {
  const official = readReportText(variant('sample-official.pdftotext-layout.txt'));
  it.each([
    ['（三）不予 / 公开', '（三）不予公开', '5.属于三类内部事务信息', '公开'],
    ['（四）无法 / 提供', '（四）无法提供', '3.补正后申请内容仍不明确', '提供'],
    ['（五）不予 / 处理', '（五）不予处理', '4.无正当理由大量反复申请', '处理'],
    ['（六）其他 / 处理', '（六）其他处理', '要求缴纳费用', '处理'],
    ['不予公 / 开, without its number', '（三）不予公开', '5.属于三类内部事务信息', '开'],
  ])('%s: no missing-row, the figures as before', (name, label, below, rest) => {
    const first = name.split(' / ')[0]!;
    const text = edited([
      [label, (l) => l.replace(label, first + '  '.repeat(label.length + 1 - first.length))],
      [below, overwrite(rest)],
    ]);
    expect(text).not.toContain(label);
    const result = readReportText(text);
    expect(result.report!.tables).toEqual(sampleReport().tables);
    expect(keys(result.findings)).toEqual(keys(official.findings));
  });
});

describe('D12: table 四’s two-level header spread over lines by pdftotext -layout', () => {
  const name = 'sample.pdftotext-layout.txt';
  const original = readReportText(variant(name));
  /** The layout with the header lines that begin (after spaces) with `starts` replaced. */
  const header = (replacements: Record<string, string>) => {
    const lines = variant(name).split('\n');
    for (const [start, line] of Object.entries(replacements)) {
      const i = lines.findIndex((l) => l.trimStart().startsWith(start));
      expect(i).toBeGreaterThan(0);
      lines[i] = line;
    }
    return lines.join('\n');
  };
  it.each([
    [
      'the first group’s labels in cells of their own, 尚未审结 broken',
      {
        '结果维 结果纠 其他结 尚未审':
          '结果维持  结果纠正  其他结果  尚未审                         复议后',
        '持   正   果   结': '                        结                             起诉',
      },
    ],
    [
      'the second group’s labels in cells of their own, two broken',
      {
        '结果维持 结果纠':
          '                   结果维持  结果纠正  其他结    尚未审  总计  结果维        结果纠 其他结 尚未审 总计',
        '正   果': '                                       果        结       持   正   果   结',
      },
    ],
  ])('%s: no missing-column', (_, replacements) => {
    const result = readReportText(header(replacements));
    expect(result.report!.tables).toEqual(sampleReport().tables);
    expect(keys(result.findings)).toEqual(keys(original.findings));
  });

  it('still reports a column the header really lacks', () => {
    const text = header({
      '结果维 结果纠 其他结 尚未审': '结果维持  结果纠正  尚未审结                         复议后',
      '持   正   果   结': '                                               起诉',
      '结果维持 结果纠':
        '                   结果维持  结果纠正  尚未审结  总计  结果维持  结果纠正  尚未审结  总计',
      '正   果': '',
    });
    const missing = readReportText(text).findings.filter((f) => f.code === 'missing-column');
    expect(missing.map((f) => [f.location.table, f.location.column])).toEqual([
      ['appeals', 'other'],
    ]);
  });
});

describe('D10: validation findings of an ingested report point at their line', () => {
  it('a row whose total does not add up: row-total names the line it was read from', async () => {
    const lines = variant('sample.tabs.txt').split('\n');
    const i = lines.findIndex((l) => l.startsWith('二、上年结转'));
    lines[i] = lines[i]!.replace(/\t4$/, '\t5');
    const result = await ingestFile(new TextEncoder().encode(lines.join('\n')), 'sample.txt');
    const rowTotal = result.findings.find((f) => f.code === 'row-total')!;
    expect(rowTotal.location).toMatchObject({
      table: 'applications',
      row: 'carried_over',
      line: i + 1,
    });
    expect(rowTotal.location.excerpt).toContain('二、上年结转政府信息公开申请数量');
    expect(result.sourceLines['applications.carried_over.total']).toBe(i + 1);
  });
});

describe('pdftotext -layout of the corpus PDFs: a figure one space after a wrapped label', () => {
  const FIXTURES = new URL('../fixtures/ingest/', import.meta.url).pathname;
  const corpus = (name: string) => ({
    text: readFileSync(`${VARIANTS}${name}.pdftotext-layout.txt`, 'utf8'),
    want: JSON.parse(readFileSync(`${FIXTURES}expected/${name}.json`, 'utf8')) as {
      tables: unknown;
      findings: Finding[];
    },
  });
  const what = (findings: readonly Finding[]) =>
    findings
      .filter((f) => f.severity !== 'info')
      .map((f) => [f.severity, f.code, f.location.row ?? '', f.location.column ?? ''].join('|'))
      .sort();

  it.each(['000_10421f3e08d9eefa', '002_947ca60925c42d42', '003_d68fabd84de01588'])(
    '%s: the published figures, no row left unread',
    (name) => {
      const { text, want } = corpus(name);
      // The wrapped label of （六）1 ends one space before the row's first figure.
      expect(text).toMatch(/其政府\S* 0 {4}/);
      const result = readReportText(text);
      expect(result.report!.tables).toEqual(want.tables);
      expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    },
  );

  it('000: exactly the findings of the published text', () => {
    const { text, want } = corpus('000_10421f3e08d9eefa');
    expect(what(readReportText(text).findings)).toEqual(what(want.findings));
  });

  it('002: （一） and （二） lost a cell and ran two together ("01"): repaired, with warnings', () => {
    const { text } = corpus('002_947ca60925c42d42');
    const findings = readReportText(text).findings;
    for (const row of ['disclosed', 'partially_disclosed', 'other.no_correction']) {
      const f = findings.filter((x) => x.location.row === row && x.code === 'cell-count');
      expect(f.map((x) => x.severity)).toEqual(['warning']);
    }
  });
});

describe('pdftotext -layout of another report: a row’s first figure one space after its label', () => {
  it('上年结转 and （六）1 keep all seven figures: no cell-count finding', () => {
    const text = variant('zhongwei-2023.pdftotext-layout.txt');
    expect(text).toContain('府信息公开申请 2          1');
    const published = readReportText(variant('zhongwei-2023.txt'));
    const result = readReportText(text);
    expect(result.report!.tables).toEqual(published.report!.tables);
    expect(result.report!.tables.applications!.carried_over!.total).toBe(3);
    expect(result.findings).toEqual([]);
    expect(published.findings).toEqual([]);
  });
});

describe('table 四’s header labels broken over lines', () => {
  it('pdftotext -raw: 其他 / 结果 and 尚未 / 审结 on lines of their own, no missing-column', () => {
    const text = variant('zhongwei-2023.pdftotext-raw.txt');
    expect(text).toContain('\n其他\n结果\n尚未\n审结\n');
    const result = readReportText(text);
    expect(result.report!.tables).toEqual(
      readReportText(variant('zhongwei-2023.txt')).report!.tables,
    );
    expect(result.findings).toEqual([]);
  });

  it('pdftotext -layout: 尚未 审 … 结 in three pieces, no missing-column', () => {
    const text = variant('003_d68fabd84de01588.pdftotext-layout.txt');
    expect(text).toContain('尚未 审');
    const findings = readReportText(text).findings;
    expect(findings.filter((f) => f.code === 'missing-column')).toEqual([]);
  });
});

describe('a cell written "/", "—" or "－": empty, never 0, and said so', () => {
  const tabs = (edits: readonly [RegExp, string][]) => {
    let text = variant('sample.tabs.txt');
    for (const [find, replace] of edits) {
      expect(text).toMatch(find);
      text = text.replace(find, replace);
    }
    return text;
  };
  const placeholders = (findings: readonly Finding[]) =>
    findings
      .filter((f) => f.code === 'unreadable-cell')
      .map((f) =>
        [f.severity, f.location.table, f.location.row, f.location.column ?? ''].join('|'),
      );

  it.each(['/', '—', '－'])('%s in tables 二, 三 and 四', (mark) => {
    const text = tabs([
      [/^规章\t0\t0\t0$/m, `规章\t0\t${mark}\t0`],
      [/（一）予以公开\t20\t6\t1\t0\t1\t1\t29/, `（一）予以公开\t20\t6\t1\t${mark}\t1\t1\t29`],
      [/^2\t1\t0\t1\t4\t1/m, `2\t1\t${mark}\t1\t4\t1`],
    ]);
    const result = readReportText(text);
    const tables = result.report!.tables;
    expect(tables.proactive.regulations!.repealed).toBeNull();
    expect(tables.applications.disclosed!.nonprofit).toBeNull();
    expect(tables.appeals.review!.other).toBeNull();
    expect(placeholders(result.findings)).toEqual([
      'warning|proactive|regulations|repealed',
      'warning|applications|disclosed|nonprofit',
      'warning|appeals|review|other',
    ]);
    const message = result.findings.find((f) => f.location.table === 'proactive')!.message;
    expect(message).toContain(`“${mark === '－' ? '-' : mark}”`);
    expect(message).toContain('未当作 0');
  });

  it('the reviewer’s report: 规章 1 / 3 and 行政许可 —', () => {
    const lines = variant('zhongwei-2023.txt').split('\n');
    const at = (start: string) => lines.findIndex((l) => l.startsWith(start));
    lines[at('规章\t')] = '规章\t1\t/\t3';
    lines[at('行政许可\t')] = '行政许可\t—\t\t';
    const result = readReportText(lines.join('\n'));
    expect(placeholders(result.findings)).toEqual([
      'warning|proactive|regulations|repealed',
      'warning|proactive|licensing|decisions',
    ]);
  });
});

describe('one cell per line: a bare page number between two rows', () => {
  const withLine = (name: string, before: string, line: string) => {
    const lines = variant(name).split('\n');
    const i = lines.findIndex((l) => l.startsWith(before));
    expect(i).toBeGreaterThan(0);
    lines.splice(i, 0, line);
    return lines.join('\n');
  };
  const what = (findings: readonly Finding[]) =>
    findings.map((f) => [f.severity, f.code, f.location.row ?? ''].join('|')).sort();

  it.each([
    ['zhongwei-2023.cell-per-line.txt', '\t1.属于国家秘密', '12'],
    ['zhongwei-2023.cell-per-line.txt', '\t3.其他', '7'],
    ['sample.cell-per-line.txt', '\t（二）部分公开', '3'],
  ])('%s: "%s" after a line "%s" is dropped, as the totals confirm', (name, before, page) => {
    const plain = readReportText(variant(name));
    const result = readReportText(withLine(name, before, page));
    expect(result.report!.tables).toEqual(plain.report!.tables);
    expect(what(result.findings)).toEqual(what(plain.findings));
  });

  it('a page number between two figures of a row ("4 1 0 / 8 / 0 0 1 6"): dropped', () => {
    const name = 'zhongwei-2023.cell-per-line.txt';
    const lines = variant(name).split('\n');
    const i = lines.findIndex((l) => l.startsWith('\t1.本机关不掌握相关政府信息'));
    expect(lines.slice(i + 1, i + 8)).toEqual(['\t4', '\t1', '\t0', '\t0', '\t0', '\t1', '\t6']);
    lines.splice(i + 4, 0, '8');
    const plain = readReportText(variant(name));
    const result = readReportText(lines.join('\n'));
    expect(result.report!.tables).toEqual(plain.report!.tables);
    expect(what(result.findings)).toEqual(what(plain.findings));
  });

  it('a row’s only surviving figure between two labels is not dropped: the row stays unread', () => {
    const lines = variant('sample.cell-per-line.txt').split('\n');
    const i = lines.findIndex((l) => l.startsWith('\t（一）予以公开'));
    lines.splice(i + 2, 6);
    const result = readReportText(lines.join('\n'));
    expect(result.report!.tables.applications.disclosed!.total).toBeNull();
    const errors = result.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.location.row)).toContain('disclosed');
  });
});

describe('pdftotext’s default mode on the corpus PDFs: cells that lost their order', () => {
  const FIXTURES = new URL('../fixtures/ingest/', import.meta.url).pathname;
  it.each(['000_10421f3e08d9eefa', '002_947ca60925c42d42', '003_d68fabd84de01588'])(
    '%s: every figure is right, or empty with an error on its row',
    (name) => {
      const want = (
        JSON.parse(readFileSync(`${FIXTURES}expected/${name}.json`, 'utf8')) as {
          tables: ExpectedTables;
        }
      ).tables;
      const result = readReportText(variant(`${name}.pdftotext-plain.txt`));
      const read = expectRightOrReported(want, result);
      expect(read).toBeGreaterThan(150);
    },
  );
});

describe('table 四 on its side, each lawsuit row named with 行政诉讼 in one cell', () => {
  const want = {
    review: { upheld: 2, corrected: 1, other: 0, pending: 1, total: 4 },
    litigation_direct: { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 },
    litigation_after_review: { upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 },
  };
  it.each([
    't4-rows-litigation-prefixed.txt',
    't4-rows-litigation-spaced.txt',
    't4-rows-litigation-dashed.txt',
    't4-rows-litigation-one-cell.html',
  ])('%s: each row read by its label, whatever the rows’ order', async (name) => {
    const result = await ingestFile(new Uint8Array(readFileSync(`${VARIANTS}${name}`)), name);
    expect(result.report!.tables.appeals).toEqual(want);
    expect(result.findings.filter((f) => f.location.table === 'appeals')).toEqual([]);
  });
});

describe('table 三’s header naming its columns in another order (其他 before 法律服务机构)', () => {
  const text = variant('t3-columns-swapped.txt');
  it('each figure read into the column the header names, with a warning', () => {
    const result = readReportText(text);
    const t = result.report!.tables.applications;
    expect(t.received).toEqual({
      natural_person: 23,
      commercial: 4,
      research: 1,
      nonprofit: 0,
      legal_service: 2,
      other: 1,
      total: 31,
    });
    expect(t['other.other']!.other).toBe(0);
    expect(t['other.other']!.legal_service).toBe(1);
    const own = result.findings.filter((f) => f.location.table === 'applications');
    expect(own.map((f) => [f.severity, f.code, f.location.line])).toEqual([
      ['warning', 'row-order', text.split('\n').findIndex((l) => l.includes('\t其他\t法律')) + 1],
    ]);
    expect(own[0]!.message).toContain('国办公开办函〔2021〕30号');
  });

  it('an order that cannot be established: nothing read, an error', () => {
    const changed = text
      .replace('\t自然人\t法人或其他组织', '\t\t法人或其他组织')
      .replace('\t其他\t法律服务机构', '\t其他\t法律服务机构\t自然人');
    const result = readReportText(changed);
    const t = result.report!.tables.applications;
    for (const row of Object.values(t))
      for (const v of Object.values(row ?? {})) expect(v).toBeNull();
    expect(
      result.findings.some(
        (f) =>
          f.location.table === 'applications' && f.severity === 'error' && f.code === 'row-order',
      ),
    ).toBe(true);
  });
});
