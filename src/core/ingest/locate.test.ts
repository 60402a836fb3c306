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
      if (f.location.row === undefined) expect(located[i]).toBe(f);
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
