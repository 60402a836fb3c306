/**
 * The report JSON files kept in the repository: the published schema must match the code, and
 * the hand-built fixture of a real report must parse and validate.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasErrors } from '../../src/core/report/findings.js';
import { parseReportJson, reportJsonSchemaDocument } from '../../src/core/report/schema.js';
import { validateReport } from '../../src/core/report/validate.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('docs/report.schema.json', () => {
  it('is the schema the code publishes (regenerate: gongkai report schema -o docs/report.schema.json)', () => {
    expect(JSON.parse(read('docs/report.schema.json'))).toEqual(reportJsonSchemaDocument());
  });
});

describe('test/fixtures/reports/zhongwei-kjj-2023.json (中卫市科学技术局 2023, corpus 002)', () => {
  const parsed = parseReportJson(read('test/fixtures/reports/zhongwei-kjj-2023.json'));

  it('follows the schema', () => {
    expect(parsed.problems).toEqual([]);
  });

  it('validates with no error and no warning', () => {
    const findings = validateReport(parsed.report!);
    expect(hasErrors(findings)).toBe(false);
    expect(findings).toEqual([]);
  });

  it('holds the figures printed in the report', () => {
    const { tables, sections } = parsed.report!;
    expect(tables.applications.received).toEqual({
      natural_person: 1,
      commercial: 0,
      research: 0,
      nonprofit: 0,
      legal_service: 0,
      other: 0,
      total: 1,
    });
    expect(tables.applications.disclosed?.total).toBe(1);
    expect(tables.proactive.normative_documents).toEqual({ issued: 0, repealed: 0, in_force: 2 });
    expect(sections.map((s) => `${s.number}、${s.title}`)).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
      '七、相关说明',
    ]);
  });
});
