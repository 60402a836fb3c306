import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeSharedChromium } from '../../src/render/chromium.js';
import { createUser } from '../../src/services/accounts.js';
import { REPORT_PUBLISH_KIND } from '../../src/services/report-approval.js';
import { setChain } from '../../src/services/review/engine.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';

const AGENCY = '示范市科学技术局';

class ReportEditor {
  constructor(readonly page: Page) {}

  figure(label: string) {
    return this.page.getByRole('textbox', { name: label, exact: true });
  }

  async fill(label: string, value: string): Promise<void> {
    await this.figure(label).fill(value);
  }

  findings() {
    return this.page.getByRole('region', { name: '审查结果' });
  }
}

describeBrowser('annual report in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    const agency = await server.ctx.store.db
      .selectFrom('agency')
      .select('id')
      .where('name', '=', AGENCY)
      .executeTakeFirstOrThrow();
    await createUser(
      server.ctx,
      { kind: 'system', label: '测试' },
      {
        username: 'wang',
        displayName: '王经办',
        password: 'Clerk-secret-2026',
        grants: [{ role: 'clerk', agencyId: agency.id }],
        mustChangePassword: false,
      },
    );
    // This agency publishes its annual report without an approval level (its admin's choice):
    // this test walks the editor and the portal; the approval before publishing is walked in
    // review-chain.test.ts.
    await setChain(
      server.ctx,
      { kind: 'system', label: '测试' },
      agency.id,
      REPORT_PUBLISH_KIND,
      [],
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await closeSharedChromium();
    await server?.close();
  });

  it('a clerk creates, fills, validates and publishes the report; a visitor downloads its PDF from the portal', async () => {
    const page = await browser.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${server.url}/workspace/`);
    await page.getByLabel('用户名').fill('wang');
    await page.getByLabel('密码', { exact: true }).fill('Clerk-secret-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '年度报告' })
      .click();

    const create = page.getByRole('form', { name: '新建年度报告' });
    await create.getByLabel('年度').selectOption('2025');
    await create.getByRole('button', { name: '新建年度报告' }).click();
    await page.getByRole('heading', { name: `${AGENCY}2025年度报告` }).waitFor();

    const editor = new ReportEditor(page);
    // Two applications received and only one handled: the balance rule fails, live.
    await editor.fill('一、本年新收政府信息公开申请数量 自然人', '2');
    await editor.fill('（一）予以公开 自然人', '1');
    await expect.poll(() => editor.findings().textContent()).toContain('balance');
    expect(await page.getByRole('button', { name: '发布' }).isDisabled()).toBe(true);
    // The other one is still being handled at year end.
    await editor.fill('四、结转下年度继续办理 自然人', '1');
    await expect.poll(() => editor.findings().textContent()).not.toContain('balance');
    // Totals are computed, not typed.
    expect(await page.getByLabel('（七）总计 总计').textContent()).toBe('1');
    // A figure that is not a count is refused before it is sent.
    await editor.fill('行政许可 本年处理决定数量', '1.5');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByRole('alert').getByText('非负整数').waitFor();
    await editor.fill('行政许可 本年处理决定数量', '12');

    const overview = page.getByRole('textbox', { name: '一、总体情况 正文' });
    await overview.click();
    await overview.pressSequentially(
      '2025年，本局共收到政府信息公开申请2件，办结1件，结转下年度1件。',
    );
    // Sections 五 and 六 must have text too (missing-section blocks publishing a blank one).
    for (const [label, text] of [
      ['五、存在的主要问题及改进情况 正文', '政策解读形式还不够丰富，下一步将加强培训。'],
      ['六、其他需要报告的事项 正文', '本年度未收取信息处理费。'],
    ] as const) {
      const box = page.getByRole('textbox', { name: label });
      await box.click();
      await box.pressSequentially(text);
    }
    // A report may add a section after 六.
    await page.getByRole('button', { name: /添加一个部分/ }).click();
    await page.getByLabel('第七部分标题').fill('相关说明');
    const notes = page.getByRole('textbox', { name: '七、相关说明 正文' });
    await notes.click();
    await notes.pressSequentially('本报告中的数据统计期限为2025年1月1日至12月31日。');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByRole('status').getByText('草稿已保存').waitFor();
    await expect.poll(() => editor.findings().textContent()).toMatch(/审查结果：0 个错误/);

    await page.getByRole('button', { name: '发布' }).click();
    await page.getByRole('status').getByText('已发布第 1 版').waitFor();
    await page.getByRole('button', { name: '发起更正' }).waitFor();

    // A visitor, signed in nowhere, finds the report on the portal and downloads the PDF.
    const visitor = await browser.newContext({ acceptDownloads: true });
    const portal = await visitor.newPage();
    await portal.goto(`${server.url}/`);
    await portal.getByRole('link', { name: AGENCY }).click();
    await portal.getByRole('link', { name: '2025年度' }).click();
    await portal.getByText('第 1 版 · 发布日期').waitFor();
    const [download] = await Promise.all([
      portal.waitForEvent('download'),
      portal.getByRole('link', { name: 'PDF', exact: true }).first().click(),
    ]);
    const file = await download.path();
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(`${AGENCY}2025年政府信息公开工作年度报告`);
    expect(text).toContain('本年新收政府信息公开申请数量');
    expect(text).toContain('共收到政府信息公开申请2件');
    expect(text).toContain('七、相关说明');
    await visitor.close();
    await page.close();
  });
});
