import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.js';

describe('gongkai calendar is-working-day', () => {
  it.each([
    ['2025-10-08', 'false'], // 国庆节、中秋节
    ['2025-10-11', 'true'], // 调休 Saturday
    ['2025-10-12', 'false'], // Sunday
    ['2025-10-13', 'true'],
    ['2026-02-23', 'false'], // 春节
  ])('%s → %s', async (date, answer) => {
    const r = await runCli(['calendar', 'is-working-day', date]);
    expect(r).toEqual({ code: 0, stdout: `${answer}\n`, stderr: '' });
  });

  it('answers a year without a notice from the holiday law, saying 暂定 and why', async () => {
    const r = await runCli(['calendar', 'is-working-day', '2027-02-08']);
    expect(r.code).toBe(0);
    const [answer, provisional, source] = r.stdout.split('\n');
    expect(answer).toBe('false');
    expect(provisional).toMatch(/^暂定：2027 年的节假日安排/);
    expect(source).toBe(
      '2027-02-08：春节放假（依《全国年节及纪念日放假办法》第二条：春节，放假4天（农历除夕、正月初一至初三）；暂定）',
    );
    // 正月初一 and 初二 fall on the weekend: 补假 on the next weekdays (第六条).
    expect((await runCli(['calendar', 'is-working-day', '2027-02-10'])).stdout).toMatch(
      /^false\n暂定：[^\n]*\n2027-02-10：春节补假（依《全国年节及纪念日放假办法》第六条/,
    );
    expect((await runCli(['calendar', 'is-working-day', '2027-02-11'])).stdout).toMatch(
      /^true\n暂定：/,
    );
  });

  it('exits 1 only for a year beyond the computable range, naming it', async () => {
    const r = await runCli(['calendar', 'is-working-day', '2089-03-01']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('没有 2089 年的节假日安排');
    expect(r.stderr).toContain('不在可按《全国年节及纪念日放假办法》推算的范围（2025–2088 年）内');
  });

  it.each(['2025-02-29', '20251008', 'tomorrow'])(
    'exits 2 for the malformed date %s',
    async (d) => {
      const r = await runCli(['calendar', 'is-working-day', d]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`日期“${d}”无效`);
    },
  );

  it('exits 2 when the date is missing', async () => {
    const r = await runCli(['calendar', 'is-working-day']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("缺少参数 'date'");
  });
});

describe('gongkai calendar add-working-days', () => {
  it.each([
    ['2025-09-30', '1', '2025-10-09'],
    ['2025-09-30', '3', '2025-10-11'],
    ['2026-02-13', '2', '2026-02-24'],
    ['2025-12-31', '2', '2026-01-05'],
    ['2025-03-10', '0', '2025-03-10'],
  ])('%s + %s → %s', async (date, n, answer) => {
    const r = await runCli(['calendar', 'add-working-days', date, n]);
    expect(r).toEqual({ code: 0, stdout: `${answer}\n`, stderr: '' });
  });

  it('counts into a year without a notice, saying 暂定', async () => {
    const r = await runCli(['calendar', 'add-working-days', '2026-12-01', '30']);
    expect(r.code).toBe(0);
    // 12-02–12-31: 22 working days; 2027-01-01 元旦; 01-04–01-08 (27), 01-11–13 (30).
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      '2027-01-13',
      expect.stringMatching(/^暂定：2027 年/),
    ]);
  });

  it('exits 1 naming a year beyond the computable range', async () => {
    const r = await runCli(['calendar', 'add-working-days', '2088-12-01', '30']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('没有 2089 年的节假日安排');
  });

  it.each(['-1', '1.5', 'ten'])('exits 2 for the count %s', async (n) => {
    const r = await runCli(['calendar', 'add-working-days', '2025-09-30', n]);
    expect(r.code).toBe(2);
  });
});

describe('gongkai calendar due', () => {
  it('prints the due date alone on the first line, then the rule', async () => {
    const r = await runCli(['calendar', 'due', '2025-09-30']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      '2025-11-04',
      '收到申请之日：2025-09-30',
      '答复期限：自收到申请之日起 20 个工作日（条例第三十三条第二款）',
      '起算：收到之日不计入，自次日起计算第 1 个工作日（本机关设置；条例对此未作规定，按通行做法）',
      '工作日按国务院办公厅节假日安排计算：2025 年依国办发明电〔2024〕12号',
      '各日依据：',
      '2025-09-30：工作日（星期一至星期五）',
      '2025-10-01 至 2025-10-08：国庆节、中秋节放假（依国办发明电〔2024〕12号）',
      '2025-10-09 至 2025-10-10：工作日（星期一至星期五）',
      '2025-10-11：调休上班（依国办发明电〔2024〕12号）',
      '2025-10-12：周末休息',
      '2025-10-13 至 2025-10-17：工作日（星期一至星期五）',
      '2025-10-18 至 2025-10-19：周末休息',
      '2025-10-20 至 2025-10-24：工作日（星期一至星期五）',
      '2025-10-25 至 2025-10-26：周末休息',
      '2025-10-27 至 2025-10-31：工作日（星期一至星期五）',
      '2025-11-01 至 2025-11-02：周末休息',
      '2025-11-03 至 2025-11-04：工作日（星期一至星期五）',
      '',
    ]);
  });

  it('prints the provisional date first and says 暂定, naming the source of every day', async () => {
    const r = await runCli(['calendar', 'due', '2026-12-20']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    // 12-21–12-31: 9 working days; 2027-01-01 元旦 (办法); 01-04–08 (14), 01-11–15 (19), 01-18.
    expect(lines[0]).toBe('2027-01-18');
    expect(lines[1]).toMatch(/^暂定：2027 年的节假日安排（国务院办公厅通知）尚未录入/);
    const days = lines.slice(lines.indexOf('各日依据：') + 1, -1);
    expect(days).toContain(
      '2027-01-01：元旦放假（依《全国年节及纪念日放假办法》第二条：新年，放假1天（1月1日）；暂定）',
    );
    expect(days).toContain('2026-12-21 至 2026-12-24：工作日（星期一至星期五）');
    expect(days).toContain('2026-12-26 至 2026-12-27：周末休息（暂定）');
    // Every day from receipt to the due date is named exactly once.
    const covered = days.flatMap((l) => {
      const [from, to] = l.split('：')[0]!.split(' 至 ');
      const out: string[] = [];
      for (
        let d = new Date(`${from}T00:00:00Z`);
        d <= new Date(`${to ?? from}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() + 1)
      )
        out.push(d.toISOString().slice(0, 10));
      return out;
    });
    expect(covered[0]).toBe('2026-12-20');
    expect(covered.at(-1)).toBe('2027-01-18');
    expect(covered).toHaveLength(30);
    expect(new Set(covered).size).toBe(30);
  });

  it('counts the day of receipt with --count-from same_day', async () => {
    const r = await runCli(['calendar', 'due', '2025-09-30', '--count-from', 'same_day']);
    expect(r.stdout.split('\n')[0]).toBe('2025-11-03');
    expect(r.stdout).toContain('收到之日为工作日的，计为第 1 个工作日');
  });

  it('crosses Spring Festival and the year end', async () => {
    expect((await runCli(['calendar', 'due', '2026-02-10'])).stdout.split('\n')[0]).toBe(
      '2026-03-16',
    );
    expect((await runCli(['calendar', 'due', '2025-12-15'])).stdout.split('\n')[0]).toBe(
      '2026-01-13',
    );
  });

  it('exits 1 naming the year when the period reaches beyond the computable range', async () => {
    const r = await runCli(['calendar', 'due', '2088-12-20']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/没有 2089 年的节假日安排.*请系统管理员在工作台的工作日历中录入/);
  });

  it('exits 2 for a bad --count-from', async () => {
    const r = await runCli(['calendar', 'due', '2025-09-30', '--count-from', 'whenever']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('应为 next_day 或 same_day');
  });
});

describe('--schedule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-calendar-'));
  const write = (name: string, body: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
    return path;
  };

  it('adds a year an admin has entered', async () => {
    const file = write('2027.json', {
      year: 2027,
      notice: '测试用安排',
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
      workdays: [],
    });
    const r = await runCli(['calendar', 'add-working-days', '2026-12-31', '1', '--schedule', file]);
    // The notice's 元旦 (1–3 January) rather than the law's 1 January alone; nothing 暂定.
    expect(r).toEqual({ code: 0, stdout: '2027-01-04\n', stderr: '' });
    const weekday = await runCli(['calendar', 'is-working-day', '2027-05-03', '--schedule', file]);
    expect(weekday).toEqual({ code: 0, stdout: 'true\n', stderr: '' });
  });

  it('exits 2 listing the problems of a bad schedule file', async () => {
    const file = write('bad.json', {
      year: 2027,
      notice: 'x',
      holidays: ['2027-01-01'],
      workdays: ['2027-01-04'],
    });
    const r = await runCli(['calendar', 'is-working-day', '2027-01-04', '--schedule', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('workdays[0]：2027-01-04 是星期一，本来就是工作日');
    const notJson = await runCli([
      'calendar',
      'is-working-day',
      '2027-01-04',
      '--schedule',
      write('x.json', '{'),
    ]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('不是有效的 JSON');
  });
});
