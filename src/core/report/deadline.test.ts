import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/support/sample-report.js';
import { checkPublication } from './deadline.js';

describe('late-publication of an agency the reader could not name', () => {
  it('names the agency as not read, never as “”', () => {
    const report = { ...sampleReport(), agency: '', agencyLevel: null, publishedOn: '2024-02-20' };
    const messages = checkPublication(report).map((f) => f.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('名称未能识别');
    expect(messages[0]).not.toContain('“”');
    const named = { ...report, agency: '示例县教育局' };
    expect(checkPublication(named)[0]!.message).toContain('“示例县教育局”');
  });
});
