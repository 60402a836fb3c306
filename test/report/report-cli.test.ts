import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toReportJson } from '../../src/core/report/schema.js';
import { runCli } from '../support/cli.js';
import { sampleReport } from '../support/sample-report.js';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIXTURE = new URL('../fixtures/reports/zhongwei-kjj-2023.json', import.meta.url).pathname;

function writeReport(name: string, change?: (json: Record<string, unknown>) => void): string {
  const json = toReportJson(sampleReport());
  change?.(json);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

describe('gongkai report validate', () => {
  it('exits 0 and says so for a report without problems', async () => {
    const result = await runCli(['report', 'validate', FIXTURE]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('中卫市科学技术局 2023 年度报告');
    expect(result.stdout).toContain('未发现问题。');
  });

  it('prints one line per finding (severity, code, location, message) and exits 1 on an error', async () => {
    const file = writeReport('unbalanced.json', (json) => {
      const tables = json.tables as { applications: { carried_forward: { total: number } } };
      tables.applications.carried_forward.total = 9;
    });
    const result = await runCli(['report', 'validate', file]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(
      lines.some((l) =>
        l.startsWith(
          '错误\tbalance\t表三（依申请公开），“总计”列\t表三“总计”列：第一项加第二项之和',
        ),
      ),
    ).toBe(true);
    // The prose says 1 件 carried forward: the table's 9 contradicts it too.
    expect(lines.some((l) => l.startsWith('警告\tnarrative-mismatch\t第一部分'))).toBe(true);
    expect(lines.at(-1)).toBe('共 3 项：错误 2 项，警告 1 项，提示 0 项。');
  });

  it('exits 0 when there are only warnings', async () => {
    const file = writeReport('warning.json', (json) => {
      (json.sections as { key: string; text: string }[])[0]!.text =
        '2023年共收到政府信息公开申请 9 件。';
    });
    const result = await runCli(['report', 'validate', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('警告\tnarrative-mismatch\t第一部分');
  });

  it('quotes the text a finding is about, so findings on two sentences are told apart', async () => {
    const file = writeReport('two-sentences.json', (json) => {
      (json.sections as { key: string; text: string }[])[0]!.text =
        '2023年共收到政府信息公开申请 9 件。上半年收到政府信息公开申请 9 件。';
    });
    const result = await runCli(['report', 'validate', file]);
    const lines = result.stdout.split('\n').filter((l) => l.includes('narrative-mismatch'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).not.toBe(lines[1]);
    expect(lines[0]).toMatch(/\t原文：“2023年共收到政府信息公开申请 9 件”$/);
    expect(lines[1]).toMatch(/\t原文：“上半年收到政府信息公开申请 9 件”$/);
    // A finding without a quote (a table cell) has no such column.
    const table = await runCli([
      'report',
      'validate',
      writeReport('cell.json', (json) => {
        const tables = json.tables as { applications: { carried_forward: { total: number } } };
        tables.applications.carried_forward.total = 9;
      }),
    ]);
    const balance = table.stdout.split('\n').find((l) => l.includes('\tbalance\t'))!;
    expect(balance).not.toContain('原文：');
  });

  it('prints the findings as JSON with --json', async () => {
    const file = writeReport('late.json', (json) => (json.publishedOn = '2024-03-01'));
    const result = await runCli(['report', 'validate', file, '--json']);
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout) as { code: string; severity: string }[];
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['late-publication', 'error']]);
  });

  it('uses --today for a report not yet published', async () => {
    const file = writeReport('draft.json', (json) => (json.publishedOn = null));
    expect((await runCli(['report', 'validate', file, '--today', '2024-01-15'])).stdout).toContain(
      '未发现问题',
    );
    const late = await runCli(['report', 'validate', file, '--today', '2024-02-15']);
    expect(late.stdout).toContain('警告\tlate-publication');
    const bad = await runCli(['report', 'validate', file, '--today', '15/02/2024']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('YYYY-MM-DD');
  });

  it('refuses a --today that is not a date on the calendar (2024-13-45, 2023-02-29)', async () => {
    const file = writeReport('draft-today.json', (json) => (json.publishedOn = null));
    for (const today of ['2024-13-45', '2023-02-29']) {
      const result = await runCli(['report', 'validate', file, '--today', today]);
      expect(result.code, today).toBe(2);
      expect(result.stderr).toContain(`--today 的日期“${today}”无效`);
      expect(result.stdout).toBe('');
    }
    expect((await runCli(['report', 'validate', file, '--today', '2024-02-29'])).code).toBe(0);
  });

  it('exits 2 with the reason on a missing, unparseable or malformed file', async () => {
    const missing = await runCli(['report', 'validate', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到文件');

    writeFileSync(join(dir, 'broken.json'), '{"agency": "x",');
    const broken = await runCli(['report', 'validate', join(dir, 'broken.json')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('不是有效的 JSON');

    const wrongType = writeReport('wrong.json', (json) => (json.year = '2023'));
    const malformed = await runCli(['report', 'validate', wrongType]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('位置 /year');

    const usage = await runCli(['report', 'validate']);
    expect(usage.code).toBe(2);
  });

  it('has --help', async () => {
    const help = await runCli(['report', 'validate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--json');
    expect(help.stdout).toContain('退出码');
  });
});

describe('gongkai report render', () => {
  it('writes the text, CSV and JSON documents', async () => {
    for (const format of ['txt', 'csv', 'json', 'html']) {
      const out = join(dir, `zhongwei.${format}`);
      const result = await runCli(['report', 'render', FIXTURE, '--format', format, '-o', out]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(out);
      expect(readFileSync(out, 'utf8').length).toBeGreaterThan(500);
    }
    expect(readFileSync(join(dir, 'zhongwei.txt'), 'utf8')).toContain(
      '一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1',
    );
  });

  it('writes a DOCX file', async () => {
    const out = join(dir, 'zhongwei.docx');
    const result = await runCli(['report', 'render', FIXTURE, '-f', 'docx', '-o', out]);
    expect(result.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('exits 2 on a bad format, a missing option or an unwritable path', async () => {
    const bad = await runCli([
      'report',
      'render',
      FIXTURE,
      '--format',
      'odt',
      '-o',
      join(dir, 'x'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('odt');
    const noOutput = await runCli(['report', 'render', FIXTURE, '--format', 'txt']);
    expect(noOutput.code).toBe(2);
    const unwritable = await runCli([
      'report',
      'render',
      FIXTURE,
      '--format',
      'txt',
      '-o',
      join(dir, 'no-such-folder', 'x.txt'),
    ]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toContain('所在文件夹不存在');
  });

  it('renders a report with errors as it is, and says so', async () => {
    const file = writeReport('bad.json', (json) => {
      const tables = json.tables as { appeals: { review: { total: number } } };
      tables.appeals.review.total = 5;
    });
    const out = join(dir, 'bad.txt');
    const result = await runCli(['report', 'render', file, '--format', 'txt', '-o', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('有 1 项错误');
  });

  it('has --help listing the formats', async () => {
    const help = await runCli(['report', 'render', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/html.*docx.*pdf.*json.*csv.*txt/s);
  });
});

describe('gongkai report schema', () => {
  it('prints the published JSON Schema', async () => {
    const result = await runCli(['report', 'schema']);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as Record<string, unknown>;
    const published = JSON.parse(
      readFileSync(new URL('../../docs/report.schema.json', import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
    expect(printed).toEqual(published);
  });
});
