/**
 * Table 三 the reader found but could not place by its header: the rows whose labels are there
 * are unread with the reason, never absent — so validation claims no missing-row of the report.
 */
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../../test/support/ingest-sample.js';
import { layoutReport } from '../../../../test/support/report-layouts.js';
import { validateReport } from '../../report/validate.js';
import { readReportText } from '../read.js';

const HEADER_START = '（本列数据的勾稽关系为';

/** The sample with table 三's three header lines replaced by `lines`. */
function withHeader(lines: readonly string[]): string {
  const all = layoutReport(sampleReport(), 'tabs').split('\n');
  const i = all.findIndex((l) => l.startsWith(HEADER_START));
  if (i < 0) throw new Error('no header of table 三');
  all.splice(i, 3, ...lines);
  return all.join('\n');
}

const missingRows = (text: string) => {
  const { report } = readReportText(text);
  return validateReport(report!).filter(
    (f) => f.code === 'missing-row' && f.location.table === 'applications',
  );
};

describe('table 三 under a header whose cells a PDF wrapped', () => {
  it('reads the table when "法人或其他组织" is cut by a line break (its 其他 is no column)', () => {
    // As Chromium's PDF of an HTML table prints the header: every cell's name wrapped.
    const text = withHeader([
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加',
      '申请人情况 总计',
      '第四项之和）',
      '法人或其他组',
      '自然人',
      '织',
      '社会公益组 法律服务机 其',
      '商业企业 科研机构',
      '织\t构\t他',
    ]);
    const { report, findings } = readReportText(text);
    expect(findings.filter((f) => f.location.table === 'applications')).toEqual([]);
    expect(report!.tables.applications).toEqual(sampleReport().tables.applications);
  });
});

describe('table 三 whose header names the columns in another order', () => {
  it('leaves every row unread with the reason, and no missing-row is claimed', () => {
    const text = withHeader([
      `${HEADER_START}：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\t\t\t\t\t\t`,
      '\t其他\t法人或其他组织\t\t\t\t\t总计',
      '\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t自然人\t',
    ]);
    const { report, findings } = readReportText(text);
    const errors = findings.filter((f) => f.location.table === 'applications');
    expect(errors.map((f) => `${f.severity}:${f.code}:${f.location.row ?? ''}`)).toEqual([
      'error:row-order:',
      'error:unread-table:',
    ]);
    expect(errors[0]!.message).toContain('列序');
    expect(errors[1]!.message).toContain('未读入');
    const rows = Object.values(report!.tables.applications);
    expect(rows).toHaveLength(25);
    expect(rows.every((r) => Object.values(r).every((v) => v === null))).toBe(true);
    expect(missingRows(text)).toEqual([]);
  });
});
