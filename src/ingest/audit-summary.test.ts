import { describe, expect, it } from 'vitest';
import { auditFiles, type AuditResult, type AuditSummary } from './audit.js';

const REPORT = new URL('../../test/fixtures/corpus/003_d68fabd84de01588.txt', import.meta.url)
  .pathname;

describe('auditFiles with summary', () => {
  it('sends back only what an audit line shows, the same as the full result', async () => {
    const full: AuditResult[] = [];
    const summaries: AuditSummary[] = [];
    await auditFiles([REPORT, '/nonexistent.txt'], {}, (r) => void full.push(r));
    await auditFiles([REPORT, '/nonexistent.txt'], { summary: true }, (r) => {
      summaries.push(r);
    });
    expect(full[0]!.report?.tables).toBeDefined();
    expect(Object.keys(full[0]!.sourceLines).length).toBeGreaterThan(10);
    expect(summaries.map((s) => Object.keys(s.report ?? {}).sort())).toEqual([
      ['agency', 'publishedOn', 'year'],
      [],
    ]);
    expect(summaries[0]).not.toHaveProperty('sourceLines');
    summaries.forEach((s, i) => {
      const { report, sourceLines: _s, published: _p, ...rest } = full[i]!;
      expect(s).toEqual({
        ...rest,
        report: report && {
          agency: report.agency,
          year: report.year,
          publishedOn: report.publishedOn,
        },
      });
    });
    expect(summaries[1]!.findings[0]!.code).toBe('unreadable-file');
  });
});
