import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/support/ingest-sample.js';
import { layoutReport } from '../../../test/support/report-layouts.js';
import { validateReport } from '../report/validate.js';
import { locateFindings } from './locate.js';
import { readReportText } from './read.js';

describe('D10: validation findings point at the line the row was read from', () => {
  // 一、本年新收's total one too many: the row total and the balance no longer hold.
  const text = layoutReport(sampleReport(), 'tabs').replace(
    '一、本年新收政府信息公开申请数量\t45\t12\t1\t0\t3\t2\t63',
    '一、本年新收政府信息公开申请数量\t45\t12\t1\t0\t3\t2\t64',
  );
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.startsWith('一、本年新收')) + 1;
  const read = readReportText(text);
  const validation = validateReport(read.report!);

  it('gives a finding about a row its line and an excerpt of it', () => {
    const located = locateFindings(validation, read.sourceLines, lines);
    const rowTotal = located.find((f) => f.code === 'row-total')!;
    expect(rowTotal.location).toMatchObject({ table: 'applications', row: 'received', line });
    expect(rowTotal.location.excerpt).toContain('一、本年新收政府信息公开申请数量');
    // Without the row validation names no line.
    expect(validation.find((f) => f.code === 'row-total')!.location.line).toBeUndefined();
  });

  it('leaves findings that name no row, or already a line, as they are', () => {
    const located = locateFindings(validation, read.sourceLines, lines);
    validation.forEach((f, i) => {
      if (f.location.row === undefined && f.location.excerpt === undefined)
        expect(located[i]).toBe(f);
    });
    const withLine = { ...validation[0]!, location: { ...validation[0]!.location, line: 3 } };
    expect(locateFindings([withLine], read.sourceLines)[0]).toBe(withLine);
  });

  it('uses the row’s first line when the finding names no column', () => {
    const [f] = locateFindings(
      [
        {
          code: 'missing-row',
          severity: 'warning',
          location: { table: 'applications', row: 'received' },
          message: '…',
        },
      ],
      read.sourceLines,
    );
    expect(f!.location.line).toBe(line);
    expect(f!.location.excerpt).toBeUndefined();
  });
});

describe('findings about the prose point at the line their sentence begins on', () => {
  it('gives narrative-mismatch the line of the sentence it quotes', () => {
    const base = layoutReport(sampleReport(), 'tabs').split('\n');
    const at = base.findIndex((l) => l.startsWith('二、主动公开政府信息情况'));
    const sentence = '本年度共收到政府信息公开申请999件，均已按时答复。';
    const lines = [...base.slice(0, at), sentence, ...base.slice(at)];
    const read = readReportText(lines.join('\n'));
    const located = locateFindings(validateReport(read.report!), read.sourceLines, lines);
    const mismatch = located.find((f) => f.code === 'narrative-mismatch')!;
    expect(mismatch.location.line).toBe(at + 1);
  });
});

describe('excerpts and rows found by their cells', () => {
  const finding = (row: string, column?: string) => ({
    code: 'row-total' as const,
    severity: 'error' as const,
    location: { table: 'applications' as const, row, ...(column ? { column } : {}) },
    message: '…',
  });

  it('makes white space one space, trims and cuts a long line at 60 characters', () => {
    const line = `\u3000 甲\t\t乙\u00a0 丙${'丁'.repeat(70)}  `;
    const [f] = locateFindings(
      [finding('received', 'total')],
      { 'applications.received.total': 1 },
      [line],
    );
    const text = line.replace(/\s+/g, ' ').trim();
    expect(f!.location.excerpt).toBe(`${text.slice(0, 60)}…`);
    const [short] = locateFindings([finding('received')], { 'applications.received.x': 1 }, [
      ' 甲  乙 ',
    ]);
    expect(short!.location.excerpt).toBe('甲 乙');
    const [blank] = locateFindings([finding('received')], { 'applications.received.x': 1 }, [
      ' \t ',
    ]);
    expect(blank!.location).not.toHaveProperty('excerpt');
  });

  it('takes the least line of the row’s cells, and only of that row', () => {
    const sourceLines = {
      'applications.received.a': 9,
      'applications.received.b': 4,
      'applications.receivedx.c': 1,
      'applications.received.part.d': 2,
      'applications.other.e': 3,
    };
    const lines = Array.from({ length: 10 }, (_, i) => `第${i + 1}行`);
    const [a, b, c] = locateFindings(
      [finding('received'), finding('received.part', 'missing'), finding('nowhere')],
      sourceLines,
      lines,
    );
    expect(a!.location.line).toBe(2);
    expect(b!.location.line).toBe(2);
    expect(c!.location.line).toBeUndefined();
  });
});
