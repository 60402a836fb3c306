import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';

/** Page object for the workspace: intent-level steps, not selectors, in the tests. */
class Workspace {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.url}/workspace/`);
  }

  async login(username: string, password: string): Promise<void> {
    await this.page.getByLabel('用户名').fill(username);
    await this.page.getByLabel('密码', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: '登录' }).click();
  }

  async setNewPassword(current: string, next: string): Promise<void> {
    await this.page.getByLabel('当前密码').fill(current);
    await this.page.getByLabel('新密码', { exact: true }).fill(next);
    await this.page.getByLabel('再次输入新密码').fill(next);
    await this.page.getByRole('button', { name: '修改密码' }).click();
  }

  async switchTo(label: string): Promise<void> {
    const select = this.page.getByLabel('当前机关与角色');
    const value = await select.locator('option', { hasText: label }).first().getAttribute('value');
    await select.selectOption(value!);
  }

  nav(label: string) {
    return this.page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: label, exact: true });
  }

  async logout(): Promise<void> {
    await this.page.getByRole('button', { name: '退出' }).click();
    await this.page.getByRole('button', { name: '登录' }).waitFor();
  }
}

describeBrowser('workspace shell in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs in, forces a password change, and lets an agency admin create a clerk who then signs in', async () => {
    const page = await browser.newPage();
    const ws = new Workspace(page, server.url);
    await ws.open();

    // A wrong password: a clear message, and the username stays.
    await ws.login('admin', 'Wrong-pass-2026');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/用户名或密码不正确/);
    expect(await page.getByLabel('用户名').inputValue()).toBe('admin');

    await ws.login('admin', server.adminPassword);
    await page.getByText('须先设置自己的新密码').waitFor();
    // The form explains the rule before the server is asked.
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await page.getByText('密码至少 10 位').waitFor();
    await ws.setNewPassword(server.adminPassword, 'Admin-new-secret-77'.replace('Admin', 'Chief'));
    await page.getByRole('heading', { name: /您好，系统管理员/ }).waitFor();

    // The system administrator opens an agency admin account for 示范市科学技术局…
    await ws.switchTo('示范市科学技术局');
    await ws.nav('用户管理').click();
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    const adminForm = page.getByRole('form', { name: '新建用户' });
    await adminForm.getByLabel('用户名').fill('zhao.admin');
    await adminForm.getByLabel('姓名').fill('赵管理');
    await adminForm.getByRole('checkbox', { name: '经办人' }).uncheck();
    await adminForm.getByRole('checkbox', { name: '机关管理员' }).check();
    await adminForm.getByRole('button', { name: '创建用户' }).click();
    const adminInitial = await page.getByTestId('initial-password').textContent();
    await ws.logout();

    // …who signs in, sets a password, and creates the clerk.
    await ws.login('zhao.admin', adminInitial!);
    await ws.setNewPassword(adminInitial!, 'Zhao-own-secret-66');
    await page.getByRole('heading', { name: /您好，赵管理/ }).waitFor();
    await ws.nav('用户管理').click();
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    const form = page.getByRole('form', { name: '新建用户' });
    await form.getByLabel('用户名').fill('li.clerk');
    await form.getByLabel('姓名').fill('李经办');
    await form.getByRole('button', { name: '创建用户' }).click();
    const initial = await page.getByTestId('initial-password').textContent();
    expect(initial).toMatch(/^[A-Za-z0-9]{14}$/);
    await page.getByRole('table', { name: '本机关用户' }).getByText('李经办').waitFor();
    expect(await page.getByRole('table', { name: '本机关用户' }).textContent()).toContain(
      '待首次登录',
    );

    // A duplicate username is refused with the reason, and the form keeps what was typed.
    await form.getByLabel('用户名').fill('li.clerk');
    await form.getByLabel('姓名').fill('另一个李');
    await form.getByRole('button', { name: '创建用户' }).click();
    await form.getByText('已被使用').first().waitFor();
    expect(await form.getByLabel('姓名').inputValue()).toBe('另一个李');

    await ws.logout();
    await ws.login('li.clerk', initial!);
    await ws.setNewPassword(initial!, 'Clerk-own-secret-88');
    await page.getByRole('heading', { name: /您好，李经办/ }).waitFor();
    expect(await page.getByLabel('当前机关与角色').textContent()).toContain(
      '示范市科学技术局 · 经办人',
    );
    // A clerk has no user management.
    expect(await ws.nav('用户管理').count()).toBe(0);
    await page.close();
  });
});
