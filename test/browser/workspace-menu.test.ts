/**
 * The workspace's navigation offers exactly the pages a person may use: each entry follows the
 * permission its page's routes check (core/auth/roles can(), over every grant of the person, for
 * the context's agency, the supervisor's region or the whole installation), never a role's name.
 * In real Chromium, for every kind of person: clerk, reviewer, agency administrator, a person who
 * is agency administrator and clerk (in both contexts), a supervisor and the three
 * administrators. Each opens every entry of their menu, and no request the page makes is refused.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/core/auth/roles.js';
import { closeSharedChromium } from '../../src/render/chromium.js';
import { createUser } from '../../src/services/accounts.js';
import { totpCode, type TestClock } from '../support/app.js';
import { makeClerk, makeReviewer, SYSTEM } from '../support/applications.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';
import { settle, trackRequests } from '../support/walk/settle.js';

const AGENCY = '示范市科学技术局';
const NOW = new Date('2026-03-02T02:00:00Z');
const PASSWORD = 'Menu-secret-2026';
/** Screenshots of the walk, for a person to look at (not compared). */
const SHOTS = process.env.GONGKAI_SHOTS ?? '';

/** What each person's menu holds, in the navigation's order. */
const AGENCY_STAFF_COMMON = ['依申请公开', '督办'];
const MENUS: Record<string, string[]> = {
  clerk: [
    '首页',
    ...AGENCY_STAFF_COMMON,
    '复议诉讼',
    '主动公开',
    '年度报告',
    '导入与审查',
    '本机关信息',
    '依申请公开设置',
    '通知',
    '账号安全',
  ],
  // Decides approvals; imports no reports (report.import is not the reviewer's).
  reviewer: [
    '首页',
    ...AGENCY_STAFF_COMMON,
    '审批',
    '复议诉讼',
    '主动公开',
    '年度报告',
    '本机关信息',
    '依申请公开设置',
    '通知',
    '账号安全',
  ],
  // review.decide is the agency admin's too: 审批 was shown to reviewers only.
  agencyAdmin: [
    '首页',
    ...AGENCY_STAFF_COMMON,
    '审批',
    '复议诉讼',
    '主动公开',
    '年度报告',
    '导入与审查',
    '本机关信息',
    '依申请公开设置',
    '通知',
    '用户管理',
    '操作留痕',
    '账号安全',
  ],
  // No 年度报告 (report.read is for an agency; the supervisor reads reports in 监督汇总).
  supervisor: ['首页', '导入与审查', '监督汇总', '通知', '操作留痕', '账号安全'],
  systemAdmin: [
    '首页',
    '本机关信息',
    '节假日安排',
    '门户网站标识',
    '通知',
    '机关管理',
    '账号管理',
    '账号安全',
  ],
  securityAdmin: ['首页', '通知', '角色授权', '安全策略', '账号安全'],
  auditAdmin: ['首页', '通知', '操作留痕', '安全告警', '账号安全'],
};

describeBrowser('the workspace menu offers what the API allows', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer();
    const { ctx } = server;
    (ctx.clock as TestClock).set(NOW);
    const agency = await ctx.store.db
      .selectFrom('agency')
      .innerJoin('government', 'government.id', 'agency.government_id')
      .select(['agency.id', 'government.region_code'])
      .where('agency.name', '=', AGENCY)
      .executeTakeFirstOrThrow();
    await makeClerk(ctx, agency.id, 'jing', PASSWORD, '经办小李');
    await makeReviewer(ctx, agency.id, 'gushi', PASSWORD, 'section_head');
    const people: [string, string, { role: Role; agencyId?: string; regionCode?: string }[]][] = [
      ['guanli', '管理员老赵', [{ role: 'agency_admin', agencyId: agency.id }]],
      [
        'shuanggang',
        '双岗老钱',
        [
          { role: 'agency_admin', agencyId: agency.id },
          { role: 'clerk', agencyId: agency.id },
        ],
      ],
      ['jiandu', '公开办老周', [{ role: 'supervisor', regionCode: agency.region_code }]],
      ['xitong', '系统管理员老孙', [{ role: 'system_admin' }]],
      ['anquan', '安全管理员老吴', [{ role: 'security_admin' }]],
      ['shenji', '审计管理员老郑', [{ role: 'audit_admin' }]],
    ];
    for (const [username, displayName, grants] of people) {
      await createUser(ctx, SYSTEM, {
        username,
        displayName,
        password: PASSWORD,
        grants,
        mustChangePassword: false,
      });
    }
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await closeSharedChromium();
    await server?.close();
  });

  /**
   * Signs in (setting up the second factor where the account must), picks the context named by
   * `roleLabel` for a person with two, and collects every API answer that refuses.
   */
  async function signIn(username: string, roleLabel?: string) {
    const context = await browser.newContext({ locale: 'zh-CN' });
    await context.clock.setFixedTime(NOW);
    // Counts the page's requests, so each entry is read only once its page has settled.
    await trackRequests(context);
    contexts.push(context);
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/') && (r.status() === 401 || r.status() === 403))
        refused.push(`${r.request().method()} ${new URL(r.url()).pathname} → ${r.status()}`);
    });
    await page.goto(`${server.url}/workspace/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    const nav = page.getByRole('navigation', { name: '主导航' });
    const enrol = page.getByRole('button', { name: '开始设置' });
    await nav.or(enrol).first().waitFor();
    if (await enrol.isVisible()) {
      await enrol.click();
      const secret = (await page.getByTestId('totp-secret').textContent())!;
      await page
        .getByLabel('2. 输入应用上显示的 6 位验证码')
        .fill(totpCode(secret, Math.floor(server.ctx.clock.now().getTime() / 30_000)));
      await page.getByRole('button', { name: '开启两步验证' }).click();
      await page.getByRole('button', { name: '我已保存恢复码' }).click();
      await nav.waitFor();
    }
    if (roleLabel) {
      const switcher = page.getByLabel('当前机关与角色');
      const value = await switcher.locator('option', { hasText: roleLabel }).getAttribute('value');
      await switcher.selectOption(value!);
      await expect.poll(() => switcher.inputValue()).toBe(value);
    }
    // Sign-in itself answers 401 to /auth/me before anyone is signed in: not a refusal of a page.
    refused.length = 0;
    return { page, refused };
  }

  const menu = (page: Page) =>
    page.getByRole('navigation', { name: '主导航' }).getByRole('link').allTextContents();

  /**
   * Opens every entry of the menu in turn; none ends on a refusal or on 没有这个页面. Each page is
   * read once it is the entry's and has settled (its requests answered and drawn): the menu
   * changes pages without loading a document, so the load states (networkidle) were reached
   * once, at sign-in, and waiting for them waited for nothing — an entry was read while its
   * requests were still out, and a refusal of the last entry's was never seen.
   */
  async function walk(who: string, username: string, expected: string[], roleLabel?: string) {
    const { page, refused } = await signIn(username, roleLabel);
    await expect.poll(() => menu(page), { message: `${who}的菜单` }).toEqual(expected);
    for (const [i, label] of expected.entries()) {
      const link = page
        .getByRole('navigation', { name: '主导航' })
        .getByRole('link', { name: label, exact: true });
      const target = new URL((await link.getAttribute('href'))!, server.url).pathname;
      await link.click();
      await page.waitForURL((url) => url.pathname === target);
      await settle(page);
      await page.locator('main h1').first().waitFor();
      expect(await page.getByText('没有这个页面').count(), `${who}：${label}`).toBe(0);
      expect(refused, `${who}：打开“${label}”时被拒绝的请求`).toEqual([]);
      if (SHOTS) {
        await page.screenshot({
          path: `${SHOTS}/menu-${username}${roleLabel ? `-${roleLabel}` : ''}-${i}.png`,
          fullPage: true,
        });
      }
    }
  }

  it('a clerk: the agency business pages, no 审批, no administration', async () => {
    await walk('经办人', 'jing', MENUS.clerk!);
  });

  it('a reviewer: 审批, no 导入与审查', async () => {
    await walk('审核人', 'gushi', MENUS.reviewer!);
  });

  it('an agency administrator: 审批, 用户管理 and 操作留痕 besides the business pages', async () => {
    await walk('机关管理员', 'guanli', MENUS.agencyAdmin!);
  });

  it('agency administrator and clerk: the same menu in either context', async () => {
    await walk('双岗（机关管理员身份）', 'shuanggang', MENUS.agencyAdmin!, '机关管理员');
    await walk('双岗（经办人身份）', 'shuanggang', MENUS.agencyAdmin!, '经办人');
  });

  it('a supervisor: the region console, imports and the trail of its reports', async () => {
    await walk('政务公开办', 'jiandu', MENUS.supervisor!);
  });

  it('the three administrators: each only the pages of their separate duty', async () => {
    await walk('系统管理员', 'xitong', MENUS.systemAdmin!);
    await walk('安全管理员', 'anquan', MENUS.securityAdmin!);
    await walk('审计管理员', 'shenji', MENUS.auditAdmin!);
  });
});
