/**
 * Table 三 read structurally from the sample report changed the ways real reports differ: a
 * header that lacks a column with rows shorter still, figures printed with a leading zero, a
 * line of figures apart from its label, a group heading missing. Each figure is right or left
 * unread with an error giving the candidates; findings claim only what the text shows.
 */
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../../test/support/ingest-sample.js';
import { layoutReport } from '../../../../test/support/report-layouts.js';
import type { Finding } from '../../report/findings.js';
import { readReportText } from '../read.js';

const sample = () => layoutReport(sampleReport(), 'tabs');
const want = () => sampleReport().tables.applications;
const of = (findings: readonly Finding[], table = 'applications') =>
  findings
    .filter((f) => f.location.table === table)
    .map((f) => `${f.severity}:${f.code}:${f.location.row ?? f.location.column ?? ''}`)
    .sort();

/** The sample's text with the line starting with `start` (after tabs) edited. */
function edit(text: string, start: string, change: (line: string) => string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.replace(/^\t+/, '').startsWith(start));
  if (i < 0) throw new Error(`no line starts with ${start}`);
  lines[i] = change(lines[i]!);
  return lines.join('\n');
}

/** The header without 其他, and every row of table 三 without its 其他 figure. */
function withoutOther(text: string): string {
  return edit(text, '商业企业', (l) => l.replace('\t法律服务机构\t其他\t', '\t法律服务机构\t'))
    .split('\n')
    .map((line) => {
      const cells = line.split('\t');
      const figures = cells.slice(-7);
      if (cells.length < 8 || !figures.every((c) => /^\d+$/.test(c))) return line;
      cells.splice(cells.length - 2, 1);
      return cells.join('\t');
    })
    .join('\n');
}

/** A row's figure at `index` (0-based among the figures left) dropped. */
const drop = (index: number) => (line: string) => {
  const cells = line.split('\t');
  const first = cells.findIndex((c) => /^\d+$/.test(c));
  cells.splice(first + index, 1);
  return cells.join('\t');
};

describe('table 三 against a header that lacks a column', () => {
  it('reads a row one figure short of the header where the totals allow one reading', () => {
    // 4.保护第三方合法权益 2 0 0 0 1 (0) 3, printed "2 0 0 0 3": its 法律服务机构 figure lost too.
    const text = edit(withoutOther(sample()), '4.保护第三方', drop(4));
    expect(text).toContain('4.保护第三方合法权益\t2\t0\t0\t0\t3\n');
    const { report, findings } = readReportText(text);
    expect(report!.tables.applications).toEqual(want());
    expect(of(findings)).toEqual([
      'warning:cell-count:withheld.third_party_rights',
      'warning:missing-column:other',
    ]);
  });

  it('leaves rows unread with their candidates when the totals allow several readings', () => {
    // Both rows lost their 法律服务机构 figure: 1 | 0 and 1 | 1, or 0 | 1 and 2 | 0, hold alike.
    let text = edit(withoutOther(sample()), '4.保护第三方', drop(4));
    text = edit(text, '（四）无法提供', drop(4));
    const { report, findings } = readReportText(text);
    const t = report!.tables.applications;
    for (const row of ['withheld.third_party_rights', 'unable.not_held'] as const) {
      expect(Object.values(t[row]!).every((v) => v === null)).toBe(true);
      const error = findings.find((f) => f.location.row === row)!;
      expect([error.severity, error.code]).toEqual(['error', 'unread-table']);
      expect(error.message).toContain('可能的读法');
    }
    // Every other row keeps the sample's figures.
    for (const [row, cells] of Object.entries(want()))
      if (row !== 'withheld.third_party_rights' && row !== 'unable.not_held')
        expect(t[row as keyof typeof t]).toEqual(cells);
    expect(findings.some((f) => f.code.startsWith('missing-') && f.location.row)).toBe(false);
  });
});

describe('figures printed with a leading zero', () => {
  it('reads "04" as two cells run together, never as one count beside a lost cell', () => {
    // 二、上年结转 3 1 0 0 0 0 4 printed "3 1 0 0 0 04".
    const text = edit(sample(), '二、上年结转', (l) => l.replace(/\t0\t4$/, '\t04'));
    expect(text).toContain('\t3\t1\t0\t0\t0\t04\n');
    const { report, findings } = readReportText(text);
    expect(report!.tables.applications).toEqual(want());
    expect(of(findings)).toEqual(['warning:cell-count:carried_over']);
    expect(findings.find((f) => f.location.row === 'carried_over')!.message).toContain(
      '3、1、0、0、0、0、4',
    );
  });
});

describe('a line of figures apart from its label', () => {
  // （七）总计 centred below its figures and 四 below its own: read as met, 总计 would take 四's.
  const apart = () =>
    edit(
      edit(sample(), '（七）总计', () => '\t45\t12\t1\t0\t3\t2\t63\n（七）总计'),
      '四、结转下年度',
      () => '\t3\t1\t0\t0\t0\t0\t4\n四、结转下年度继续办理',
    );

  it('gives each row the line the table’s arithmetic allows, with a warning', () => {
    const text = apart();
    const { report, findings } = readReportText(text);
    expect(report!.tables.applications).toEqual(want());
    expect(of(findings)).toEqual(['warning:row-order:carried_forward', 'warning:row-order:total']);
    const lines = text.split('\n');
    const total = findings.find((f) => f.location.row === 'total')!;
    expect(lines[total.location.line! - 1]).toBe('\t45\t12\t1\t0\t3\t2\t63');
  });

  // Both lines between （七）总计 and 四: the first may be either row's, the second too.
  const between = () =>
    edit(
      edit(sample(), '（七）总计', () => '（七）总计\n\t45\t12\t1\t0\t3\t2\t63'),
      '四、结转下年度',
      () => '\t3\t1\t0\t0\t0\t0\t4\n四、结转下年度继续办理',
    );

  it('reads lines between two labels by the one assignment the totals allow', () => {
    const { report, findings } = readReportText(between());
    expect(report!.tables.applications).toEqual(want());
    expect(of(findings)).toEqual(['warning:row-order:carried_forward']);
  });

  it('leaves both rows unread, with the candidates, when the totals allow either', () => {
    // Without 3.其他 nothing checks （七）总计 against its rows; 一+二 = 七+四 holds both ways.
    const text = edit(between(), '3.其他', () => '');
    const { report, findings } = readReportText(text);
    const t = report!.tables.applications;
    for (const row of ['total', 'carried_forward'] as const) {
      expect(Object.values(t[row]!).every((v) => v === null)).toBe(true);
      const error = findings.find((f) => f.location.row === row)!;
      expect([error.severity, error.code]).toEqual(['error', 'unread-table']);
      expect(error.message).toContain('（45 12 1 0 3 2 63）');
      expect(error.message).toContain('（3 1 0 0 0 0 4）');
    }
    expect(t.received).toEqual(want().received);
  });
});

describe('a group heading the report lacks', () => {
  it('is a missing-row warning where it should stand, its rows read by their labels', () => {
    const text = edit(sample(), '（三）不予公开', (l) => l.replace('（三）不予公开', ''));
    const { report, findings } = readReportText(text);
    expect(report!.tables.applications).toEqual(want());
    const missing = findings.filter((f) => f.code === 'missing-row');
    expect(missing.map((f) => [f.severity, f.location.row])).toEqual([['warning', 'withheld']]);
    expect(text.split('\n')[missing[0]!.location.line! - 1]).toContain('1.属于国家秘密');
  });

  it('is not missing when printed by its number with other words ("（六）其他")', () => {
    const text = edit(sample(), '（六）其他处理', (l) => l.replace('（六）其他处理', '（六）其他'));
    const { report, findings } = readReportText(text);
    expect(report!.tables.applications).toEqual(want());
    expect(findings.filter((f) => f.code === 'missing-row')).toEqual([]);
  });
});
