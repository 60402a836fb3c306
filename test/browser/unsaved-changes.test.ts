/**
 * Long forms do not lose what was typed: the report editor and the registration form ask before
 * a link takes the person away (and the browser asks before the tab closes); the report editor
 * keeps a copy of unsaved edits in the browser and offers it back after a reload.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeSharedChromium } from '../../src/render/chromium.js';
import { createReport } from '../../src/services/reports.js';
import { agencyIdByName, makeClerk, SYSTEM } from '../support/applications.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';

const PASSWORD = 'Unsaved-edits-2026';

describeBrowser('unsaved changes in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  let answer = false;

  beforeAll(async () => {
    server = await startServer();
    const agencyId = await agencyIdByName(server.ctx, '示范市科学技术局');
    await makeClerk(server.ctx, agencyId, 'keepclerk', PASSWORD, '保留经办');
    await createReport(server.ctx, SYSTEM, agencyId, 2025);
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}:${dialog.message()}`);
      void (answer ? dialog.accept() : dialog.dismiss());
    });
    await page.goto(`${server.url}/workspace/`);
    await page.getByLabel('用户名').fill('keepclerk');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await closeSharedChromium();
    await server?.close();
  });

  const nav = (label: string) =>
    page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: label, exact: true });

  it('the registration form asks before a link leaves it, and stays with the text when told to', async () => {
    await nav('依申请公开').click();
    await page.getByRole('link', { name: '登记申请' }).click();
    const form = page.getByRole('form', { name: '登记申请' });
    await form.getByLabel('姓名').fill('赵申请');
    answer = false;
    await nav('年度报告').click();
    expect(dialogs.at(-1)).toBe('confirm:有尚未保存的修改，离开后将丢失。确定离开吗？');
    expect(await form.getByLabel('姓名').inputValue()).toBe('赵申请');
    // Nothing typed, nothing asked.
    await form.getByLabel('姓名').fill('');
    const asked = dialogs.length;
    await nav('年度报告').click();
    await page.getByRole('heading', { name: '政府信息公开工作年度报告' }).waitFor();
    expect(dialogs.length).toBe(asked);
  });

  it('the report editor keeps unsaved edits in the browser and offers them back after a reload', async () => {
    await page.getByRole('link', { name: '2025年度' }).click();
    const preamble = page.getByRole('textbox', { name: '引言' });
    await preamble.fill('本报告依据条例第五十条编制。（尚未保存的修改）');
    answer = true;
    await page.reload();
    // The browser asked before reloading a page with unsaved edits.
    expect(dialogs.some((d) => d.startsWith('beforeunload'))).toBe(true);
    const offer = page.getByRole('status', { name: '本机保存的修改' });
    await offer.waitFor();
    expect(await page.getByRole('textbox', { name: '引言' }).inputValue()).not.toContain(
      '尚未保存的修改',
    );
    await offer.getByRole('button', { name: '恢复这些修改' }).click();
    expect(await page.getByRole('textbox', { name: '引言' }).inputValue()).toBe(
      '本报告依据条例第五十条编制。（尚未保存的修改）',
    );
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存。').waitFor();
    // Saved: nothing left to offer.
    await page.reload();
    await page.getByRole('region', { name: '审查结果' }).waitFor();
    expect(await page.getByRole('status', { name: '本机保存的修改' }).count()).toBe(0);
    expect(await page.getByRole('textbox', { name: '引言' }).inputValue()).toContain(
      '尚未保存的修改',
    );
  });
});
