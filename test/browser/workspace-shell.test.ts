import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Clock } from '../../src/services/context.js';
import { totpCode } from '../support/app.js';
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

  /** The forced set-up of the second factor, with the code an authenticator app would show. */
  async enrolSecondFactor(clock: Clock): Promise<void> {
    await this.page.getByRole('heading', { name: '设置两步验证' }).waitFor();
    await this.page.getByRole('button', { name: '开始设置' }).click();
    const secret = (await this.page.getByTestId('totp-secret').textContent())!;
    await this.page
      .getByLabel('2. 输入应用上显示的 6 位验证码')
      .fill(totpCode(secret, Math.floor(clock.now().getTime() / 30_000)));
    await this.page.getByRole('button', { name: '开启两步验证' }).click();
    await this.page.getByRole('button', { name: '我已保存恢复码' }).click();
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

  it('lets the browser keep the built assets (named after their content) and asks for the page each time', async () => {
    const page = await fetch(`${server.url}/workspace/applications`);
    expect(page.headers.get('cache-control')).toBe('public, max-age=0');
    const assets = [...(await page.text()).matchAll(/\/workspace\/assets\/[^"]+/g)].map(
      (m) => m[0],
    );
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const answer = await fetch(`${server.url}${asset}`);
      expect(answer.status, asset).toBe(200);
      expect(answer.headers.get('cache-control'), asset).toBe(
        'public, max-age=31536000, immutable',
      );
    }
  });

  it('logs in, forces a password change; the system administrator opens an account, the security administrator makes it an agency admin, who creates a clerk who then signs in', async () => {
    const page = await browser.newPage();
    const ws = new Workspace(page, server.url);
    await ws.open();
    const { system_admin: sysadmin, security_admin: secadmin } = server.administrators;

    // A wrong password: a clear message, and the username stays.
    await ws.login(sysadmin, 'Wrong-pass-2026');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/用户名或密码不正确/);
    expect(await page.getByLabel('用户名').inputValue()).toBe(sysadmin);

    await ws.login(sysadmin, server.adminPasswords.system_admin);
    await page.getByText('须先设置自己的新密码').waitFor();
    // The form explains the rule before the server is asked.
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await page.getByText('密码至少 10 位').waitFor();
    await ws.setNewPassword(server.adminPasswords.system_admin, 'Chief-new-secret-77');
    // 三员 must use a second factor: set up before anything else.
    await ws.enrolSecondFactor(server.ctx.clock);
    await page.getByRole('heading', { name: /您好，系统管理员/ }).waitFor();
    // 三员分立: no business pages for the system administrator, no roles, no audit trail.
    for (const label of ['依申请公开', '年度报告', '用户管理', '操作留痕', '角色授权']) {
      expect(await ws.nav(label).count(), label).toBe(0);
    }

    // The system administrator opens an account — without a role…
    await ws.nav('账号管理').click();
    await page.getByRole('heading', { name: '账号管理' }).waitFor();
    const accountForm = page.getByRole('form', { name: '开设账号' });
    await accountForm.getByLabel('用户名').fill('zhao.admin');
    await accountForm.getByLabel('姓名').fill('赵管理');
    await accountForm.getByRole('button', { name: '开设账号' }).click();
    const adminInitial = await page.getByTestId('initial-password').textContent();
    await page
      .getByRole('table', { name: '全部账号' })
      .getByRole('row', { name: /zhao\.admin/ })
      .getByText('尚未授予角色')
      .waitFor();
    await ws.logout();

    // …and the security administrator makes it the agency admin of 示范市科学技术局.
    await ws.login(secadmin, server.adminPasswords.security_admin);
    await ws.setNewPassword(server.adminPasswords.security_admin, 'Guard-new-secret-55');
    await ws.enrolSecondFactor(server.ctx.clock);
    await page.getByRole('heading', { name: /您好，安全管理员/ }).waitFor();
    await ws.nav('角色授权').click();
    const row = page.getByRole('table', { name: '账号与角色' }).getByRole('row', {
      name: /zhao\.admin/,
    });
    await row.getByRole('button', { name: '调整角色' }).click();
    const editor = page.getByRole('group', { name: '调整 赵管理 的角色' });
    await editor.getByLabel('角色').selectOption({ label: '机关管理员' });
    await editor.getByLabel('机关').selectOption({ label: '示范市科学技术局' });
    await editor.getByRole('button', { name: '添加角色' }).click();
    await editor.getByRole('button', { name: '保存角色' }).click();
    await page.getByText('已保存 赵管理 的角色').waitFor();
    // The table is read again after the save: wait for it, not for the message.
    await expect.poll(() => row.textContent()).toContain('示范市科学技术局 · 机关管理员');
    // Nobody grants themselves a role.
    expect(
      await page
        .getByRole('table', { name: '账号与角色' })
        .getByRole('row', { name: new RegExp(secadmin) })
        .textContent(),
    ).toContain('不能自行调整');
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
    await ws.logout();

    // Both new accounts first signed in from the browser of whoever opened them: the audit
    // administrator is told.
    await ws.login(server.administrators.audit_admin, server.adminPasswords.audit_admin);
    await ws.setNewPassword(server.adminPasswords.audit_admin, 'Ledger-new-secret-44');
    await ws.enrolSecondFactor(server.ctx.clock);
    await ws.nav('安全告警').click();
    const alerts = page.getByRole('table', { name: '安全告警' });
    await alerts.getByText(/账号 zhao\.admin（赵管理）首次登录，来自开设它的系统管理员/).waitFor();
    await alerts.getByText(/账号 li\.clerk（李经办）首次登录，来自开设它的赵管理/).waitFor();
    // 安全审计: the trail in sentences (what, to what, by whom), verified by the audit administrator.
    await ws.nav('操作留痕').click();
    const trail = page.getByRole('table', { name: '操作留痕' });
    await trail.getByText('李经办（li.clerk）登录成功。').first().waitFor();
    await trail.getByText('李经办（li.clerk）修改了自己的密码。').waitFor();
    await trail
      .getByText(/调整了账号“赵管理（zhao\.admin）”的角色：由“无角色”改为“机关管理员”。/)
      .waitFor();
    expect(await trail.getByText(/[a-z_]+\.[a-z_]+ [a-z_]+ [0-9a-f]{8}/).count()).toBe(0);
    await page.getByRole('button', { name: '校验哈希链与链外锚点' }).click();
    await page
      .getByRole('status')
      .getByText(/留痕完好：数据库中 \d+ 条记录，哈希链完整/)
      .waitFor();
    await page.close();
  });
});
