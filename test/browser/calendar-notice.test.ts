/**
 * The year-end calendar in the workspace: from 1 November the system admin is told that next
 * year's holiday notice is due; pasting the notice shows what was not understood line by line
 * (the text kept), then the days item by item for confirmation; entering it recounts the open
 * cases, and a case's due date shows 暂定 before and its change after, and the 督办 page lists it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeSharedChromium } from '../../src/render/chromium.js';
import { createUser } from '../../src/services/accounts.js';
import { totpCode, type TestClock } from '../support/app.js';
import { agencyIdByName, makeClerk, personApplication, SYSTEM } from '../support/applications.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';
import { NOTICE_2027_TEXT } from '../support/notices.js';
import { registerApplication } from '../../src/services/applications/cases.js';

const NOW = new Date('2026-12-21T02:00:00Z');
const PASSWORD = 'Calendar-ui-2026';

describeBrowser('the holiday notice in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let number = '';

  beforeAll(async () => {
    server = await startServer();
    (server.ctx.clock as TestClock).set(NOW);
    const agencyId = await agencyIdByName(server.ctx, '示范市科学技术局');
    await createUser(server.ctx, SYSTEM, {
      username: 'cal-root',
      displayName: '日历管理员',
      password: PASSWORD,
      grants: [{ role: 'system_admin' }],
      mustChangePassword: false,
    });
    const clerkId = await makeClerk(server.ctx, agencyId, 'cal-clerk', PASSWORD, '年末经办');
    const principal = {
      userId: clerkId,
      username: 'cal-clerk',
      displayName: '年末经办',
      grants: [{ id: 'g', role: 'clerk' as const, agencyId, regionCode: null, reviewLevel: null }],
    };
    const registered = await registerApplication(
      server.ctx,
      { kind: 'user', principal },
      agencyId,
      { ...personApplication(), channel: 'in_person', receivedOn: '2026-12-20' } as Parameters<
        typeof registerApplication
      >[3],
    );
    number = registered.application.number;
    browser = await launchBrowser();
    context = await browser.newContext();
    await context.clock.setFixedTime(NOW);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await closeSharedChromium();
    await server?.close();
  });

  const nav = (label: string) =>
    page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: label, exact: true });

  it('reminds, reads the pasted notice line by line, keeps the text, and enters it', async () => {
    await page.goto(`${server.url}/workspace/`);
    await page.getByLabel('用户名').fill('cal-root');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    // 三员: the system administrator first sets up the second factor.
    await page.getByRole('button', { name: '开始设置' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())!;
    await page
      .getByLabel('2. 输入应用上显示的 6 位验证码')
      .fill(totpCode(secret, Math.floor(server.ctx.clock.now().getTime() / 30_000)));
    await page.getByRole('button', { name: '开启两步验证' }).click();
    await page.getByRole('button', { name: '我已保存恢复码' }).click();
    await page
      .getByRole('status', { name: '节假日安排提醒' })
      .getByText('2027 年的国务院办公厅节假日安排尚未录入')
      .waitFor();

    // The holiday notice is the system administrator's own page (三员分立: no agency settings).
    await nav('节假日安排').click();
    const form = page.getByRole('form', { name: '录入节假日安排' });
    const broken = NOTICE_2027_TEXT.replace(
      '三、清明节：4月3日（周六）至5日（周一）放假，共3天。',
      '三、清明节：4月3日至放假。',
    );
    await form.getByLabel('通知全文').fill(broken);
    await form.getByRole('button', { name: '读取并核对' }).click();
    const unread = form.getByRole('list', { name: '没有看懂的行' });
    await unread.waitFor();
    expect(await unread.textContent()).toContain('第 7 行“三、清明节：4月3日至放假。”');
    expect(await form.getByLabel('通知全文').inputValue()).toBe(broken);
    expect(await form.getByRole('button', { name: /核对无误/ }).count()).toBe(0);

    await form.getByLabel('通知全文').fill(NOTICE_2027_TEXT);
    await form.getByRole('button', { name: '读取并核对' }).click();
    const table = form.getByRole('table', { name: '读取到的放假安排' });
    await table.waitFor();
    const rows = await table.getByRole('row').allTextContents();
    expect(rows).toHaveLength(8);
    expect(rows[2]).toContain('春节');
    expect(rows[2]).toContain('2027-02-05（星期五） 至 2027-02-11（星期四）');
    expect(rows[2]).toContain('2027-02-27（星期六）');
    await form.getByRole('button', { name: '核对无误，录入 2027 年节假日安排' }).click();
    await page.getByRole('status').getByText('2027 年节假日安排已录入').waitFor();
    expect(await page.getByRole('status').first().textContent()).toContain('其中 1 件有变化');
  });

  it('the case shows the settled due date, its change, and the source of each day', async () => {
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByLabel('用户名').fill('cal-clerk');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await nav('依申请公开').click();
    await page.getByRole('table', { name: '申请列表' }).getByRole('link', { name: number }).click();
    const due = page.getByRole('region', { name: '答复期限' });
    await due.getByText('2027年1月18日').waitFor();
    expect(await due.getByRole('heading').first().textContent()).not.toContain('暂定');
    expect(await due.getByRole('list', { name: '期限变化' }).textContent()).toContain(
      '答复期限 2027-01-18 不变，不再是暂定',
    );
    await due.getByText('各日依据（通知、放假办法、周末）').click();
    expect(await due.getByRole('list', { name: '各日依据' }).textContent()).toContain(
      '2027-01-01 至 2027-01-03：元旦放假（依国办发明电〔2026〕99号）',
    );
  });
});
