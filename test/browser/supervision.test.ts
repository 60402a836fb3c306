/**
 * A city's 政务公开办 in January, in real Chromium: the console shows which departments are late,
 * missing or inconsistent; the supervisor drills into one's findings and confirms one; imports a
 * ZIP of corpus-derived reports, confirms the matches and saves them; exports the XLSX; and the
 * charts render, each beside a table holding the same figures.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestClock } from '../support/app.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';
import { makeRegions, makeSupervisor, publishWithFigures } from '../support/supervision.js';
import { buildZip } from '../support/zip-writer.js';

const fixture = (path: string) =>
  readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

describeBrowser('the supervisor’s console in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let zipPath: string;

  beforeAll(async () => {
    server = await startServer();
    const ctx = server.ctx;
    const clock = ctx.clock as TestClock;
    clock.set(new Date('2025-01-05T02:00:00Z'));
    const agencies = await makeRegions(ctx, [
      {
        code: '980100',
        name: '甲市',
        parentCode: null,
        government: '甲市人民政府',
        departments: ['甲市教育局', '甲市财政局', '甲市科学技术局', '甲市工业和信息化局'],
      },
      {
        code: '980102',
        name: '东县',
        parentCode: '980100',
        government: '东县人民政府',
        departments: ['东县教育局'],
      },
    ]);
    const id = (name: string) => agencies.get(name)!.id;
    await publishWithFigures(ctx, clock, id('甲市教育局'), 2024, '2025-01-15', {
      received: 12,
      carriedForward: 2,
    });
    await publishWithFigures(ctx, clock, id('甲市财政局'), 2024, '2025-02-20', { received: 3 });
    await publishWithFigures(ctx, clock, id('甲市教育局'), 2025, '2026-01-08', {
      received: 30,
      carriedOver: 1,
      withheld: 3,
    });
    await publishWithFigures(ctx, clock, id('东县教育局'), 2025, '2026-01-12', {
      received: 9,
      notHeld: 2,
    });
    clock.set(new Date('2026-01-20T02:00:00Z'));
    await makeSupervisor(ctx, '980100', 'city-office', 'City-watch-2026');

    // Reports of other agencies as published, renamed to agencies of 甲市 (corpus-derived).
    const zhongwei = fixture('corpus/002_947ca60925c42d42.txt').replaceAll(
      '中卫市科学技术局',
      '甲市科学技术局',
    );
    const shizhong = fixture('ingest/formats/003_d68fabd84de01588.html')
      .replaceAll('济南市市中区工业和信息化局', '甲市工业和信息化局')
      .replaceAll('市中区工业和信息化局', '甲市工业和信息化局');
    const wenxian = fixture('corpus/000_10421f3e08d9eefa.txt').replaceAll(
      '温县科技和工业信息化局',
      '甲市财政',
    );
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-zip-'));
    zipPath = join(dir, '2023年度报告.zip');
    writeFileSync(
      zipPath,
      buildZip([
        { name: '甲市科学技术局.txt', data: zhongwei, deflate: true },
        { name: '甲市工业和信息化局.html', data: shizhong, deflate: true },
        { name: '甲市财政.txt', data: wenxian, deflate: true },
        { name: '../越界.txt', data: 'x' },
      ]),
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function chartHasInk(page: Page, title: string): Promise<number> {
    const canvas = page.getByRole('img', { name: new RegExp(`^${title}`) }).locator('canvas');
    return canvas.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      let inked = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! > 0 && (data[i]! < 235 || data[i + 1]! < 235 || data[i + 2]! < 235))
          inked++;
      }
      return inked;
    });
  }

  it('a city supervisor in January: late, missing and inconsistent departments, findings, import, export, charts', async () => {
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1500, height: 1100 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${server.url}/workspace/`);
    await page.getByLabel('用户名').fill('city-office');
    await page.getByLabel('密码', { exact: true }).fill('City-watch-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '监督汇总' })
      .click();

    // January 2026: the 2025 reports are due on 31 January — 11 days left.
    const countdown = page.getByLabel('公布期限');
    await expect.poll(() => countdown.textContent()).toContain('还有 11 天');
    const table = page.getByRole('table', { name: '辖区各机关年度报告' });
    const rowOf = (name: string) => table.getByRole('row').filter({ hasText: name });
    // Inconsistent: 甲市教育局 carries over 1 where its 2024 report carried 2 forward.
    await expect.poll(() => rowOf('甲市教育局').textContent()).toContain('上年结转');
    expect(await rowOf('甲市科学技术局').textContent()).toContain('未开始');

    // The year before: who was late, who never published.
    await page.getByLabel('报告年度').selectOption('2024');
    await expect.poll(() => rowOf('甲市财政局').textContent()).toContain('逾期发布（逾期 20 天）');
    expect(await rowOf('甲市科学技术局').textContent()).toContain('逾期未发布');
    await page.getByLabel('筛选').selectOption('missing');
    await expect.poll(() => table.textContent()).not.toContain('甲市财政局');
    await page.getByLabel('筛选').selectOption('all');
    await page.getByLabel('报告年度').selectOption('2025');

    // Drill into 甲市教育局's findings and send the carry-over mismatch to it to correct.
    await rowOf('甲市教育局').getByRole('link', { name: '甲市教育局' }).click();
    const findings = page.getByRole('region', { name: '审查发现' });
    const mismatch = findings.getByRole('listitem').filter({ hasText: '总计' }).filter({
      hasText: '上年结转',
    });
    await mismatch.getByRole('button', { name: '保存复核' }).click();
    await expect.poll(() => mismatch.textContent()).toContain('请填写机关完成更正的期限');
    await mismatch.getByLabel('更正期限').fill('2026-02-10');
    await mismatch.getByRole('button', { name: '保存复核' }).click();
    await expect
      .poll(() => findings.textContent())
      .toContain('已确认，待机关更正，期限 2026-02-10');
    await page.getByRole('link', { name: '返回报告一览' }).click();

    // Bulk import the 2023 reports from a ZIP.
    await page
      .getByRole('navigation', { name: '监督汇总' })
      .getByRole('link', { name: '批量导入' })
      .click();
    await page.getByLabel('报告年度').selectOption('2023');
    await page.getByRole('button', { name: '开始导入 甲市 2023 年度报告' }).click();
    await page.getByLabel('上传 ZIP 压缩包或报告文件（可多选）').setInputFiles(zipPath);
    const review = page.getByRole('table', { name: '导入审核表' });
    await expect
      .poll(
        async () => {
          const text = (await review.textContent()) ?? '';
          return text.includes('越界') && !text.includes('排队读取中');
        },
        { timeout: 60_000 },
      )
      .toBe(true);
    const itemRow = (name: string) => review.getByRole('row').filter({ hasText: name });
    expect(await itemRow('越界').textContent()).toContain('上级目录');
    expect(await itemRow('甲市工业和信息化局.html').textContent()).toContain('可以保存');
    // The short name is only proposed: the supervisor confirms it (and records the alias).
    const proposal = itemRow('甲市财政.txt');
    expect(await proposal.textContent()).toContain('尚未确定机关');
    await proposal
      .getByLabel('甲市财政.txt的机关')
      .selectOption({ label: '甲市财政局（建议：名称相近）' });
    await proposal.getByLabel('甲市财政.txt的发布日期').fill('2024-01-26');
    await proposal.getByRole('button', { name: '确认' }).click();
    await expect.poll(() => itemRow('甲市财政.txt').textContent()).toContain('可以保存');
    const science = itemRow('甲市科学技术局.txt');
    await science.getByLabel('甲市科学技术局.txt的发布日期').fill('2024-01-30');
    await science.getByRole('button', { name: '确认' }).click();
    await expect.poll(() => itemRow('甲市科学技术局.txt').textContent()).toContain('可以保存');
    await page.getByRole('button', { name: /保存全部没有问题的行/ }).click();
    await page.getByRole('status').getByText('已保存 3 份报告').waitFor();

    // Back to the list: export the dataset as XLSX.
    await page
      .getByRole('navigation', { name: '监督汇总' })
      .getByRole('link', { name: '报告一览' })
      .click();
    await expect.poll(() => rowOf('甲市财政局').textContent()).toContain('已导入');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '导出数据集（XLSX）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('甲市2023年度政府信息公开工作年度报告数据.xlsx');
    const xlsx = readFileSync((await download.path())!);
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');

    // The charts of 2025: drawn, and each table beside holds the chart's figures.
    await page.getByLabel('报告年度').selectOption('2025');
    await page
      .getByRole('navigation', { name: '监督汇总' })
      .getByRole('link', { name: '汇总与图表' })
      .click();
    await page
      .getByRole('img', { name: /^各地区报告按时发布情况/ })
      .locator('canvas')
      .waitFor();
    for (const title of [
      '各地区报告按时发布情况',
      '历年依申请公开办理结果',
      '2025年逐月收到的申请',
    ]) {
      await expect.poll(() => chartHasInk(page, title)).toBeGreaterThan(500);
      const figure = page.getByRole('figure', { name: title });
      const shot = await figure.locator('.chart-canvas').screenshot();
      expect(shot.length, `${title} screenshot`).toBeGreaterThan(3000);
      const spec = JSON.parse(
        (await figure.locator('.chart-canvas').getAttribute('data-chart'))!,
      ) as { categories: string[]; series: { name: string; values: number[] }[] };
      const cells = await figure
        .locator('.chart-table table tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent!.trim())),
        );
      expect(cells.map((r) => r[0])).toEqual(spec.categories.map((c) => (/^\d+$/.test(c) ? c : c)));
      spec.series.forEach((s, i) => {
        expect(
          cells.map((r) => Number(r[i + 1])),
          `${title} · ${s.name}`,
        ).toEqual(s.values);
      });
    }
    // The outcomes of 2025 are the region's sum: 予以公开 28 + 7, 不予公开 3, 无法提供 2.
    const outcomes = page.getByRole('table', { name: '历年依申请公开办理结果（表）' });
    const row2025 = await outcomes
      .getByRole('row')
      .filter({ hasText: '2025' })
      .evaluate((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent!.trim()));
    expect(row2025).toEqual(['2025', '35', '0', '3', '2', '0', '0']);
    const totals = (await (
      await page.request.get(`${server.url}/api/v1/supervision/980100/totals/2025`)
    ).json()) as { cells: Record<string, { value: number }> };
    expect(totals.cells['applications.received.total']!.value).toBe(39);
    // The picture itself downloads as PNG.
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('figure', { name: '各地区报告按时发布情况' })
        .getByRole('button', { name: '下载图片（PNG）' })
        .click(),
    ]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    expect(
      readFileSync((await png.path())!)
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    await context.close();
  });
});
