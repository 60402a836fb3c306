/**
 * A row whose label the reader does not know is reported with its figures as an error; it may
 * be the template's row validation finds missing, so that claim becomes the reader's limit.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/report/findings.js';
import { ingestFile, mergeFindings } from '../../src/ingest/index.js';
import { sampleReport } from '../support/ingest-sample.js';
import { layoutReport } from '../support/report-layouts.js';

const ingest = (text: string) => ingestFile(new TextEncoder().encode(text), 'report.txt');
const sample = () => layoutReport(sampleReport(), 'tabs');
const about = (findings: readonly Finding[], row: string) =>
  findings
    .filter((f) => f.location.row === row || (f.location.excerpt && !f.location.row))
    .map((f) => `${f.severity}:${f.code}:${f.location.row ?? f.location.excerpt}`);

describe('a row under a label the reader does not know', () => {
  it('turns the missing-row of the row it may be into the reader’s limit, naming it', async () => {
    // "4.保护第三方合法权益" printed as something no template row is.
    const text = sample().replace('4.保护第三方合法权益', '4.某某事项情形');
    const { findings } = await ingest(text);
    expect(about(findings, 'withheld.third_party_rights')).toEqual([
      'error:unreadable-cell:4.某某事项情形',
      'error:unread-table:withheld.third_party_rights',
    ]);
    const limit = findings.find((f) => f.location.row === 'withheld.third_party_rights')!;
    expect(limit.message).toContain('4.保护第三方合法权益');
    expect(limit.message).toContain('4.某某事项情形');
    expect(findings.some((f) => f.code === 'missing-row')).toBe(false);
  });

  it('keeps the missing-row when every row’s label is known', async () => {
    // The row's line taken out: the text was read and the label is not there.
    const lines = sample().split('\n');
    const text = lines.filter((l) => !l.includes('4.保护第三方合法权益')).join('\n');
    const { findings } = await ingest(text);
    expect(about(findings, 'withheld.third_party_rights')).toEqual([
      'error:missing-row:withheld.third_party_rights',
    ]);
  });
});

describe('a table the reader found and could not read', () => {
  const whole: Finding = {
    code: 'missing-row',
    severity: 'error',
    location: { table: 'applications' },
    message: '缺少表三的全部内容',
  };
  it('is no claim that the report lacks the table', () => {
    const unread: Finding = {
      code: 'unread-table',
      severity: 'error',
      location: { table: 'applications', line: 40 },
      message: '表中数字未读入',
    };
    expect(mergeFindings([unread], [whole])).toEqual([unread]);
  });
  it('while a table the reader said nothing about is claimed missing', () => {
    expect(mergeFindings([], [whole])).toEqual([whole]);
  });
});
