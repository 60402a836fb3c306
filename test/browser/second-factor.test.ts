import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/services/accounts.js';
import type { TestClock } from '../support/app.js';
import { totpCode } from '../support/app.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';

const PASSWORD = 'Sun-clerk-pass-2026';

/** The sign-in form, as a person uses it. */
async function signIn(page: Page, url: string, password: string, code?: string): Promise<void> {
  await page.goto(`${url}/workspace/`);
  await page.getByLabel('用户名').fill('sun.clerk');
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  if (code !== undefined) {
    await page.getByLabel('两步验证码').waitFor();
    await page.getByLabel('两步验证码').fill(code);
    await page.getByRole('button', { name: '登录' }).click();
  }
}

describeBrowser('two-step sign-in and password expiry in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let clock: TestClock;
  const step = () => Math.floor(clock.now().getTime() / 30_000);

  beforeAll(async () => {
    server = await startServer();
    clock = server.ctx.clock as TestClock;
    const { id } = await server.ctx.store.db
      .selectFrom('agency')
      .select('id')
      .where('name', '=', '示范市科学技术局')
      .executeTakeFirstOrThrow();
    await createUser(
      server.ctx,
      { kind: 'system', label: '测试' },
      {
        username: 'sun.clerk',
        displayName: '孙经办',
        password: PASSWORD,
        grants: [{ role: 'clerk', agencyId: id }],
        mustChangePassword: false,
      },
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sets up TOTP with a real code, signs in with a code and with a recovery code, and forces an expired password to be changed', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, server.url, PASSWORD);
    await page.getByRole('heading', { name: /您好，孙经办/ }).waitFor();

    // 账号安全 → set up the second factor: the QR code is drawn by the server, an image.
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '账号安全' })
      .click();
    const card = page.getByRole('region', { name: '两步验证' });
    await card.getByRole('button', { name: '设置两步验证' }).click();
    await card.getByRole('button', { name: '开始设置' }).click();
    const qr = card.getByRole('img', { name: '两步验证二维码' });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const secret = (await card.getByTestId('totp-secret').textContent())!;
    // A wrong code: a clear message, and nothing is switched on.
    await card.getByLabel('2. 输入应用上显示的 6 位验证码').fill('12345');
    await card.getByRole('button', { name: '开启两步验证' }).click();
    await card.getByText(/验证码不正确/).waitFor();
    // The phone's code, computed here from the secret as an authenticator app would.
    await card.getByLabel('2. 输入应用上显示的 6 位验证码').fill(totpCode(secret, step()));
    await card.getByRole('button', { name: '开启两步验证' }).click();
    // The codes appear once the server has confirmed the code: wait for them, not the click.
    await page.getByTestId('recovery-codes').locator('code').nth(9).waitFor();
    const codes = (await page.getByTestId('recovery-codes').locator('code').allTextContents()).map(
      (c) => c.trim(),
    );
    expect(codes).toHaveLength(10);
    await page.getByRole('button', { name: '我已保存恢复码' }).click();
    await card.getByText(/已开启/).waitFor();
    await page.getByRole('button', { name: '退出' }).click();

    // Signing in now asks for the code after the password, and keeps the password typed.
    await signIn(page, server.url, PASSWORD);
    await page
      .getByRole('alert')
      .getByText(/请再输入手机验证器上显示的 6 位验证码/)
      .waitFor();
    expect(await page.getByLabel('密码', { exact: true }).inputValue()).toBe(PASSWORD);
    await page.getByLabel('两步验证码').fill(totpCode(secret, step() + 1));
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: /您好，孙经办/ }).waitFor();
    await page.getByRole('button', { name: '退出' }).click();

    // The phone is not at hand: a recovery code, good once.
    await signIn(page, server.url, PASSWORD, codes[0]);
    await page.getByRole('heading', { name: /您好，孙经办/ }).waitFor();
    await page.getByRole('button', { name: '退出' }).click();
    await signIn(page, server.url, PASSWORD, codes[0]);
    await page
      .getByRole('alert')
      .getByText(/验证码不正确或已用过/)
      .waitFor();

    // 91 days on, the password has expired: it must be changed before anything else.
    clock.advance(91 * 86_400_000);
    await signIn(page, server.url, PASSWORD, totpCode(secret, step()));
    await page
      .getByText('您的密码已超过 90 天有效期，须先设置新密码才能继续使用工作台。')
      .waitFor();
    await page.getByLabel('当前密码').fill(PASSWORD);
    // The old password again, or a common one, is refused with the reason.
    await page.getByLabel('新密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('再次输入新密码').fill(PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText(/不能与最近 5 次用过的密码相同/).waitFor();
    await page.getByLabel('新密码', { exact: true }).fill('Sun-renewed-pass-2026');
    await page.getByLabel('再次输入新密码').fill('Sun-renewed-pass-2026');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('heading', { name: /您好，孙经办/ }).waitFor();
    await page.close();
  });
});
