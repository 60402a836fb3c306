/**
 * The audit of published documents: the validation runs on every report read, so the checks
 * that matter for published reports fire on what the reader found — and the reader's own
 * findings are not repeated by the validation.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/report/findings.js';
import { ingestFile, mergeFindings } from '../../src/ingest/index.js';
import { sampleReport } from '../support/ingest-sample.js';
import { layoutReport } from '../support/report-layouts.js';

const sample = () => layoutReport(sampleReport(), 'tabs');
const read = (text: string) => ingestFile(new TextEncoder().encode(text), 'report.txt');
const codes = async (text: string) => (await read(text)).findings.map((f) => f.code);

describe('auditing a published report', () => {
  it('finds nothing wrong with a sound report', async () => {
    expect(await codes(sample())).toEqual([]);
  });

  it('outdated-regulation: the superseded regulation cited as the basis', async () => {
    const text = sample().replace('（国务院令第711号）', '（国务院令第492号）');
    expect(await codes(text)).toContain('outdated-regulation');
  });

  it('outdated-format: the 2019 layout of table 二', async () => {
    const text = sample().replace(
      '本年制发件数\t本年废止件数\t现行有效件数',
      '本年新制作数量\t本年新公开数量\t对外公开总数量',
    );
    expect(await codes(text)).toContain('outdated-format');
  });

  it('narrative-mismatch: the prose contradicts the tables', async () => {
    const text = sample().replace(
      '全年共收到政府信息公开申请63件',
      '全年共收到政府信息公开申请36件',
    );
    expect(await codes(text)).toContain('narrative-mismatch');
  });

  it('late-publication: published after 31 January (a department)', async () => {
    const text = sample().replace('2024年1月26日', '2024年3月8日');
    const result = await read(text);
    expect(result.report!.publishedOn).toBe('2024-03-08');
    expect(result.findings.map((f) => f.code)).toContain('late-publication');
  });

  it('year-mismatch: the statistics period names another year', async () => {
    const text = sample().replace(
      '自2023年1月1日起至2023年12月31日止',
      '自2022年1月1日起至2022年12月31日止',
    );
    expect(await codes(text)).toContain('year-mismatch');
  });

  it('missing-section: a section left out', async () => {
    const text = sample().replace(/五、存在的主要问题及改进情况[\s\S]*?六、/, '六、');
    const result = await read(text);
    expect(
      result.findings.filter((f) => f.code === 'missing-section').map((f) => f.location.section),
    ).toEqual(['五']);
  });

  it('balance and totals: a figure that does not add up', async () => {
    const text = sample().replace(
      /（七）总计\t45\t12\t1\t0\t3\t2\t63/,
      '（七）总计\t45\t12\t1\t0\t3\t2\t64',
    );
    const found = await codes(text);
    expect(found).toEqual(expect.arrayContaining(['row-total', 'column-total', 'balance']));
  });
});

describe('mergeFindings', () => {
  it('keeps the reader’s finding (it has the line) where the validation says the same', () => {
    const reader: Finding = {
      code: 'missing-column',
      severity: 'warning',
      location: { table: 'applications', column: 'other', line: 58 },
      message: '表头缺少“其他”列',
    };
    const validation: Finding[] = [
      {
        code: 'missing-column',
        severity: 'error',
        location: { table: 'applications', column: 'other' },
        message: '缺少“其他”列',
      },
      {
        code: 'balance',
        severity: 'error',
        location: { table: 'applications', column: 'total' },
        message: '勾稽关系',
      },
    ];
    expect(mergeFindings([reader], validation)).toEqual([reader, validation[1]]);
  });
});
