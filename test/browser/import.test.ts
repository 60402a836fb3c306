import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ReaderPool } from '../../src/ingest/pool.js';
import { createUser } from '../../src/services/accounts.js';
import { TestClient } from '../support/app.js';
import { agencyIdByName } from '../support/applications.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';

describeBrowser('importing published reports in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    await createUser(
      server.ctx,
      { kind: 'system', label: '测试' },
      {
        username: 'office',
        displayName: '市政务公开办',
        password: 'Region-watch-2026',
        grants: [{ role: 'supervisor', regionCode: '990100' }],
        mustChangePassword: false,
      },
    );
    await createUser(
      server.ctx,
      { kind: 'system', label: '测试' },
      {
        username: 'edu-head',
        displayName: '教育局股室负责人',
        password: 'School-check-2026-ok',
        grants: [
          {
            role: 'reviewer',
            agencyId: await agencyIdByName(server.ctx, '示范市教育局'),
            reviewLevel: 'section_head',
          },
        ],
        mustChangePassword: false,
      },
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a supervisor uploads reports, sees each beside its source with findings at their lines, corrects one and submits it for approval, after which the portal shows it', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/workspace/`);
    await page.getByLabel('用户名').fill('office');
    await page.getByLabel('密码', { exact: true }).fill('Region-watch-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '导入与审查' })
      .click();

    await page.getByLabel('导入到哪个机关').selectOption({ label: '示范市教育局' });
    await page
      .getByLabel('选择报告文件')
      .setInputFiles([
        'test/fixtures/corpus/002_947ca60925c42d42.txt',
        'test/fixtures/corpus/000_10421f3e08d9eefa.txt',
      ]);
    const uploaded = page.getByRole('table', { name: '已上传的文件' });
    await expect.poll(() => uploaded.textContent()).toContain('中卫市科学技术局');
    await expect.poll(() => uploaded.textContent()).toContain('温县科技和工业信息化局');

    await uploaded.getByRole('button', { name: '002_947ca60925c42d42.txt' }).click();
    const findings = page.getByRole('region', { name: '审查结果' });
    await expect.poll(() => findings.textContent()).toContain('cell-count');
    // A finding points at its line: following it highlights that line of the source.
    await findings
      .getByRole('button', { name: /第 \d+ 行/ })
      .first()
      .click();
    const highlighted = page.locator('.source-lines li.highlight');
    await expect.poll(() => highlighted.count()).toBe(1);
    expect(await highlighted.textContent()).toMatch(/予以公开|部分公开|本年新收/);

    // The figure's own line is shown when its cell is focused.
    await page.getByRole('textbox', { name: '一、本年新收政府信息公开申请数量 总计' }).focus();
    await expect
      .poll(() => page.locator('.source-lines li.highlight').textContent())
      .toContain('本年新收政府信息公开申请数量');

    // A correction breaks the balance: the same rules judge it at once; undoing it clears it.
    const received = page.getByRole('textbox', { name: '一、本年新收政府信息公开申请数量 自然人' });
    await received.fill('5');
    await expect.poll(() => findings.textContent()).toContain('balance');
    await received.fill('1');
    await expect.poll(() => findings.textContent()).not.toContain('balance');
    // Confirming the figures of a row the reader repaired clears its cell-count finding.
    const before = (await findings.textContent())!.match(/cell-count/g)?.length ?? 0;
    const disclosed = page.getByRole('textbox', { name: '（一）予以公开 自然人' });
    await disclosed.fill('');
    await disclosed.fill('1');
    await expect
      .poll(async () => (await findings.textContent())!.match(/cell-count/g)?.length ?? 0)
      .toBe(before - 1);

    await page.getByLabel('发布日期').fill('2024-01-20');
    await page.getByRole('button', { name: /保存为示范市教育局2023年度的报告/ }).click();
    // The file is 中卫市科学技术局's: saving it under 示范市教育局 needs the supervisor's
    // explicit confirmation, with a reason.
    const mismatch = page.getByRole('alert', { name: '机关不符' });
    await mismatch.getByText('读出的机关是“中卫市科学技术局”').waitFor();
    await mismatch
      .getByLabel(/确认理由/)
      .fill('演示：以中卫市科学技术局的报告作为示范市教育局的样例');
    await mismatch.getByRole('button', { name: '确认属于示范市教育局并保存' }).click();
    // Saved = submitted for review, as a report written in the workspace: not yet public.
    await page
      .getByRole('status')
      .getByText(/已提交审核，审核通过后发布/)
      .waitFor();
    const agencyId = await agencyIdByName(server.ctx, '示范市教育局');
    const visitor = new TestClient(server.app);
    const beforeApproval = await visitor.request(
      'GET',
      `/portal/agencies/${agencyId}/reports/2023`,
    );
    expect(beforeApproval.statusCode).toBe(404);

    // The agency's section head (not the importer) approves it; then the portal shows it.
    const head = new TestClient(server.app);
    await head.loginReady('edu-head', 'School-check-2026-ok');
    const base = `/api/v1/agencies/${agencyId}`;
    const pending = (await head.request('GET', `${base}/approvals`)).json<{
      approvals: { id: string; kind: string; status: string }[];
    }>().approvals;
    const request = pending.find((a) => a.kind === 'report.publish' && a.status === 'pending');
    expect(request).toBeDefined();
    const approved = await head.request('POST', `${base}/approvals/${request!.id}/decision`, {
      decision: 'approve',
    });
    expect(approved.statusCode, approved.body).toBe(200);

    const portal = await browser.newPage();
    await portal.goto(`${server.url}/portal`);
    await portal.getByRole('link', { name: '示范市教育局' }).click();
    await portal.getByRole('link', { name: '2023年度' }).click();
    await portal.getByText('由已公开的文件读入并经人工核对').waitFor();
    expect(await portal.locator('article').textContent()).toContain('本年新收政府信息公开申请数量');
    await portal.close();
    await page.close();
  });

  it('a file waiting for a reading thread shows its place in line, then is read when a thread is free', async () => {
    // Every reading thread busy: a pool without a free thread, someone else's file first in line.
    const pool = new ReaderPool({ workers: 0, memoryMb: 256, perOwner: 2 });
    const previous = server.ctx.readers;
    server.ctx.readers = pool;
    const waiting = pool.read(
      {
        bytes: readFileSync('test/fixtures/corpus/000_10421f3e08d9eefa.txt'),
        file: 'someone-else.txt',
      },
      'someone-else',
    );
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(15_000);
    try {
      await page.goto(`${server.url}/workspace/`);
      await page.getByLabel('用户名').fill('office');
      await page.getByLabel('密码', { exact: true }).fill('Region-watch-2026');
      await page.getByRole('button', { name: '登录' }).click();
      await page
        .getByRole('navigation', { name: '主导航' })
        .getByRole('link', { name: '导入与审查' })
        .click();
      await page.getByLabel('导入到哪个机关').selectOption({ label: '示范市教育局' });
      await page
        .getByLabel('选择报告文件')
        .setInputFiles(['test/fixtures/corpus/002_947ca60925c42d42.txt']);
      const status = page.getByTestId('read-status');
      await expect.poll(() => status.textContent()).toContain('排队等候读取：第 2 位');
      expect(await status.textContent()).toContain('0 个文件正在读取');

      // A thread comes free (the pool allowed one): both files are read, in their order.
      (pool.options as { workers: number }).workers = 1;
      pool.nudge();
      const uploaded = page.getByRole('table', { name: '已上传的文件' });
      await expect.poll(() => uploaded.textContent()).toContain('中卫市科学技术局');
      expect((await waiting).report?.agency).toBe('温县科技和工业信息化局');
    } finally {
      await page.close();
      await pool.close();
      server.ctx.readers = previous;
    }
  });
});
