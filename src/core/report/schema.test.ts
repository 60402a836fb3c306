import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryReport } from '../../../test/support/report-arbitrary.js';
import { sampleReport } from '../../../test/support/sample-report.js';
import type { Finding } from './findings.js';
import { parseReportJson, reportJsonSchemaDocument, toReportJson } from './schema.js';
import { validateReport } from './validate.js';

const text = (value: unknown) => JSON.stringify(value, null, 2);

function withChange(change: (json: Record<string, unknown>) => void): string {
  const json = toReportJson(sampleReport()) as Record<string, unknown>;
  change(json);
  return text(json);
}

describe('toReportJson / parseReportJson', () => {
  it('round-trips every generated report to the same model', () => {
    fc.assert(
      fc.property(arbitraryReport(), (report) => {
        const parsed = parseReportJson(text(toReportJson(report)));
        expect(parsed.problems).toEqual([]);
        expect(parsed.report).toEqual(report);
      }),
      { seed: 11, numRuns: 100 },
    );
  });

  it('carries findings when given, and reads them back', () => {
    const report = sampleReport();
    report.publishedOn = '2024-03-01';
    const findings = validateReport(report);
    const parsed = parseReportJson(text(toReportJson(report, findings)));
    expect(parsed.findings).toEqual(findings);
    expect(parsed.findings.map((f: Finding) => f.code)).toEqual(['late-publication']);
  });

  it('accepts the minimal form printed by ingest --json (agency, year, publishedOn, tables)', () => {
    const full = sampleReport();
    const parsed = parseReportJson(
      text({
        agency: full.agency,
        year: full.year,
        publishedOn: null,
        tables: full.tables,
        findings: [],
      }),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.report).toMatchObject({
      agency: full.agency,
      agencyLevel: null,
      title: null,
      format: '2021',
      preamble: '',
      sections: [],
      closing: '',
    });
  });

  it('strips a byte-order mark', () => {
    expect(parseReportJson(`\uFEFF${text(toReportJson(sampleReport()))}`).report).not.toBeNull();
  });
});

describe('parseReportJson on bad input', () => {
  it('names the path of a wrong type, in Chinese', () => {
    const parsed = parseReportJson(
      withChange((json) => {
        (
          json.tables as { applications: { received: { total: unknown } } }
        ).applications.received.total = '4';
      }),
    );
    expect(parsed.report).toBeNull();
    expect(parsed.problems).toEqual([
      {
        path: '/tables/applications/received/total',
        message: expect.stringContaining('应为数字或 null，实际为字符串“4”'),
      },
    ]);
  });

  it('names an unknown field and lists the allowed ones', () => {
    const parsed = parseReportJson(
      withChange((json) => {
        (json.tables as { appeals: { review: Record<string, unknown> } }).appeals.review.uphold = 1;
        json.agencyName = 'x';
      }),
    );
    expect(parsed.problems.map((p) => p.path).sort()).toEqual([
      '/agencyName',
      '/tables/appeals/review/uphold',
    ]);
    const unknownKey = parsed.problems.find((p) => p.path.endsWith('uphold'))!;
    expect(unknownKey.message).toContain('未知字段“uphold”');
    expect(unknownKey.message).toContain('upheld');
  });

  it('names missing required fields, bad dates and bad enumerations', () => {
    const parsed = parseReportJson(
      withChange((json) => {
        delete json.agency;
        json.publishedOn = '2024/01/20';
        json.agencyLevel = 'county';
      }),
    );
    const byPath = Object.fromEntries(parsed.problems.map((p) => [p.path, p.message]));
    expect(byPath['/agency']).toContain('缺少必填字段');
    expect(byPath['/publishedOn']).toContain('YYYY-MM-DD');
    expect(byPath['/agencyLevel']).toContain('"department"');
    const impossible = parseReportJson(withChange((json) => (json.publishedOn = '2024-02-30')));
    expect(impossible.report).toBeNull();
    expect(impossible.problems[0]!.message).toContain('“2024-02-30”无效');
    expect(impossible.problems[0]!.message).toContain('请按 YYYY-MM-DD 填写一个存在的日期');
  });

  it('names an impossible publishedOn beside the other problems of the file', () => {
    for (const date of ['2024-02-30', '2024-13-45', '2023-02-29']) {
      const parsed = parseReportJson(
        withChange((json) => {
          json.publishedOn = date;
          json.year = 'x';
        }),
      );
      expect(parsed.problems.map((p) => p.path).sort(), date).toEqual(['/publishedOn', '/year']);
    }
    expect(
      parseReportJson(withChange((json) => (json.publishedOn = '2024-02-29'))).report,
    ).not.toBeNull();
  });

  it('reports a syntax error with its line, and an empty or non-object file', () => {
    const broken = parseReportJson('{\n  "agency": "x",\n  "year": 2023,,\n}');
    expect(broken.report).toBeNull();
    expect(broken.problems[0]!.message).toMatch(/不是有效的 JSON（第 3 行/);
    expect(parseReportJson('').problems[0]!.message).toContain('文件为空');
    expect(parseReportJson('[1,2]').problems[0]!.message).toContain('实际为数组');
  });

  it('never throws on arbitrary text or arbitrary JSON', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (input) => {
          const parsed = parseReportJson(input);
          expect(parsed.report === null).toBe(parsed.problems.length > 0);
        },
      ),
      { seed: 5, numRuns: 500 },
    );
  });

  it('keeps a negative count well-formed, for validation to report', () => {
    const parsed = parseReportJson(
      withChange((json) => {
        (
          json.tables as { proactive: { penalty: { decisions: number } } }
        ).proactive.penalty.decisions = -2;
      }),
    );
    expect(parsed.problems).toEqual([]);
    expect(validateReport(parsed.report!).map((f) => f.code)).toContain('negative-or-fraction');
  });
});

describe('reportJsonSchemaDocument', () => {
  it('is a draft-07 schema whose table keys are the glossary keys with their labels', () => {
    const doc = reportJsonSchemaDocument() as {
      $schema: string;
      properties: {
        tables: {
          properties: Record<string, { properties: Record<string, { description: string }> }>;
        };
      };
    };
    expect(doc.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const applications = doc.properties.tables.properties.applications!.properties;
    expect(Object.keys(applications)).toHaveLength(25);
    expect(applications['withheld.state_secret']!.description).toContain('属于国家秘密');
  });

  it('declares publishedOn a calendar date (format "date"), so any validator refuses 2024-02-30', () => {
    const doc = reportJsonSchemaDocument() as {
      properties: { publishedOn: { anyOf: { type: string; format?: string }[] } };
    };
    const date = doc.properties.publishedOn.anyOf.find((s) => s.type === 'string')!;
    expect(date.format).toBe('date');
  });
});
