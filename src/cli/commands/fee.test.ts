import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.js';

describe('gongkai fee items', () => {
  it('prints the total in 元 and the breakdown by band', async () => {
    const r = await runCli(['fee', 'items', '41']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '4300 元',
        '第 1–10 件：10 件，不收费',
        '第 11–30 件：20 件 × 100 元 = 2000 元',
        '第 31–40 件：10 件 × 200 元 = 2000 元',
        '第 41–50 件：1 件 × 300 元 = 300 元',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['0', 0],
    ['10', 0],
    ['11', 100],
    ['30', 2000],
    ['31', 2200],
    ['40', 4000],
    ['50', 7000],
    ['51', 7400],
  ])('%s items → %i 元 (--json)', async (n, total) => {
    const r = await runCli(['fee', 'items', n, '--json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as { totalYuan: number; bands: unknown[] };
    expect(Object.keys(body)).toEqual(['totalYuan', 'bands']);
    expect(body.totalYuan).toBe(total);
  });

  it('prints exactly {"totalYuan", "bands"} with --json', async () => {
    const r = await runCli(['fee', 'items', '12', '--json']);
    expect(JSON.parse(r.stdout)).toEqual({
      totalYuan: 200,
      bands: [
        { from: 1, to: 10, count: 10, unitYuan: 0, amountYuan: 0 },
        { from: 11, to: 30, count: 2, unitYuan: 100, amountYuan: 200 },
      ],
    });
  });

  it.each(['-1', '1.5', 'abc', '1e3'])('exits 2 for %s', async (n) => {
    const r = await runCli(['fee', 'items', n]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`件数“${n}”无效：请填写不小于 0 的整数`);
  });

  it('exits 2 for an absurd count', async () => {
    const r = await runCli(['fee', 'items', '1000000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('过大');
  });
});

describe('gongkai fee pages', () => {
  it('prints the open-ended last band', async () => {
    const r = await runCli(['fee', 'pages', '201']);
    expect(r.stdout).toBe(
      [
        '2740 元',
        '第 1–30 页：30 页，不收费',
        '第 31–100 页：70 页 × 10 元 = 700 元',
        '第 101–200 页：100 页 × 20 元 = 2000 元',
        '第 201 页及以上：1 页 × 40 元 = 40 元',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['0', 0],
    ['30', 0],
    ['31', 10],
    ['100', 700],
    ['101', 720],
    ['200', 2700],
    ['201', 2740],
  ])('%s pages → %i 元 (--json)', async (n, total) => {
    const r = await runCli(['fee', 'pages', n, '--json']);
    expect((JSON.parse(r.stdout) as { totalYuan: number }).totalYuan).toBe(total);
  });

  it('prints no band for 0 pages', async () => {
    expect(await runCli(['fee', 'pages', '0', '--json'])).toMatchObject({
      code: 0,
      stdout: '{"totalYuan":0,"bands":[]}\n',
    });
    expect((await runCli(['fee', 'pages', '0'])).stdout).toBe('0 元\n');
  });

  it('exits 2 for a negative count', async () => {
    const r = await runCli(['fee', 'pages', '-5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('页数“-5”无效');
  });
});
