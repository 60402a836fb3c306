/**
 * The workspace's application pages — applications, 督办, appeals, 依申请公开设置 and 本机关信息 —
 * show a control only when the API's check for that action would pass (core/auth/roles can(),
 * over every grant of the person: /auth/me agencyPermissions, globalPermissions) and, where the
 * record decides too, the record's own answer. In real Chromium, for a clerk, a reviewer, an
 * agency administrator and a person who is agency administrator and clerk (the pages used to
 * read the chosen role's name, so the double-hatted saw in either context half of what they may
 * do). One who may uses each control and the API accepts; a hidden one the API refuses.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeSharedChromium } from '../../src/render/chromium.js';
import { createUser } from '../../src/services/accounts.js';
import { registerApplication } from '../../src/services/applications/cases.js';
import { totpCode, type TestClock } from '../support/app.js';
import { axeViolations } from '../support/axe.js';
import {
  citizenId,
  makeClerk,
  makeReviewer,
  personApplication,
  SYSTEM,
} from '../support/applications.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';

const AGENCY = '示范市科学技术局';
const NOW = new Date('2026-03-02T02:00:00Z');
const PASSWORD = 'Perms-secret-2026';
/** Screenshots of the walk, for a person to look at (not compared). */
const SHOTS = process.env.GONGKAI_SHOTS ?? '';

describeBrowser('the application pages show what the API allows', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let agencyId = '';
  let caseId = '';
  let caseNumber = '';

  beforeAll(async () => {
    server = await startServer();
    const { ctx } = server;
    (ctx.clock as TestClock).set(NOW);
    agencyId = (
      await ctx.store.db
        .selectFrom('agency')
        .select('id')
        .where('name', '=', AGENCY)
        .executeTakeFirstOrThrow()
    ).id;
    const clerkId = await makeClerk(ctx, agencyId, 'jing', PASSWORD, '经办小李');
    await makeReviewer(ctx, agencyId, 'gushi', PASSWORD, 'section_head');
    for (const [username, displayName, roles] of [
      ['guanli', '管理员老赵', ['agency_admin']],
      ['shuanggang', '双岗老钱', ['agency_admin', 'clerk']],
    ] as const) {
      await createUser(ctx, SYSTEM, {
        username,
        displayName,
        password: PASSWORD,
        grants: roles.map((role) => ({ role, agencyId })),
        mustChangePassword: false,
      });
    }
    await createUser(ctx, SYSTEM, {
      username: 'xitong',
      displayName: '系统管理员老孙',
      password: PASSWORD,
      grants: [{ role: 'system_admin' }],
      mustChangePassword: false,
    });
    const principal = {
      userId: clerkId,
      username: 'jing',
      displayName: '经办小李',
      grants: [{ id: 'g', role: 'clerk' as const, agencyId, regionCode: null, reviewLevel: null }],
    };
    const registered = await registerApplication(ctx, { kind: 'user', principal }, agencyId, {
      ...personApplication(),
      channel: 'in_person',
      receivedOn: '2026-02-26',
    } as Parameters<typeof registerApplication>[3]);
    caseId = registered.application.id;
    caseNumber = registered.application.number;
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await closeSharedChromium();
    await server?.close();
  });

  /** Signs in; `roleLabel` picks the context (机关管理员 / 经办人) of a person with two. */
  async function signIn(username: string, roleLabel?: string): Promise<Page> {
    // bypassCSP: the test injects axe-core as a script into the page it checks.
    const context = await browser.newContext({ locale: 'zh-CN', bypassCSP: true });
    await context.clock.setFixedTime(NOW);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/workspace/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    if (roleLabel) {
      const switcher = page.getByLabel('当前机关与角色');
      const value = await switcher.locator('option', { hasText: roleLabel }).getAttribute('value');
      await switcher.selectOption(value!);
      await expect.poll(() => switcher.inputValue()).toBe(value);
    }
    return page;
  }

  /** Opens a workspace page by its navigation link, as a person would. */
  async function open(page: Page, link: string, heading: string) {
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: link, exact: true })
      .click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  }

  async function shot(page: Page, name: string) {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  /** No axe violation; on failure the message lists each rule and the elements at fault. */
  async function expectAccessible(page: Page, what: string) {
    const violations = await axeViolations(page);
    expect(
      violations.map((v) => `${v.id}（${v.help}）：${v.nodes.join('，')}`),
      what,
    ).toEqual([]);
  }

  /** Polled: the page shows its controls once the session and the record have loaded. */
  const shown = (locator: Locator, what: string) =>
    expect.poll(() => locator.count(), { message: what }).toBeGreaterThan(0);
  const absent = async (locator: Locator, what: string) =>
    expect(await locator.count(), what).toBe(0);

  /** The API's answer to a request made from the page (the person's session and CSRF token). */
  async function apiStatus(page: Page, method: string, path: string, body: unknown) {
    return page.evaluate(
      async ({ method, path, body }) => {
        const csrf = (await (await fetch('/api/v1/auth/csrf')).json()) as { csrfToken: string };
        const response = await fetch(path, {
          method,
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf.csrfToken },
          body: JSON.stringify(body),
        });
        return response.status;
      },
      { method, path, body },
    );
  }

  it('applications: registering and handling for those with application.handle only', async () => {
    const register = (p: Page) => p.getByRole('link', { name: '登记申请', exact: true });
    const handling = (p: Page) => p.getByRole('region', { name: '办理', exact: true });
    const revealButton = (p: Page) => p.getByRole('button', { name: /显示完整证件号码/ });
    const openCase = async (p: Page) => {
      await open(p, '依申请公开', '依申请公开');
      await p
        .getByRole('table', { name: '申请列表' })
        .getByRole('link', { name: caseNumber })
        .click();
      await p.getByRole('heading', { name: `申请 ${caseNumber}`, level: 1 }).waitFor();
    };

    // The reviewer reads the case; registering and handling are the clerk's.
    const reviewer = await signIn('gushi');
    await open(reviewer, '依申请公开', '依申请公开');
    await absent(register(reviewer), '审核人：登记申请');
    await openCase(reviewer);
    await reviewer.getByRole('region', { name: '申请信息' }).waitFor();
    await absent(handling(reviewer), '审核人：办理');
    await reviewer.getByText('办理步骤（补正、征求意见、答复等）由本机关经办人记录').waitFor();
    await absent(revealButton(reviewer), '审核人：显示完整证件号码');
    await expectAccessible(reviewer, '审核人：申请详情');
    await shot(reviewer, 'perms-application-reviewer');
    // Typed in by hand, the register page says why, instead of a form the API refuses.
    await reviewer.goto(`${server.url}/workspace/applications/new`);
    await reviewer.getByRole('note').getByText('登记申请由本机关的经办人办理').waitFor();
    await absent(reviewer.getByRole('form', { name: '登记申请' }), '审核人：登记表');
    await shot(reviewer, 'perms-register-reviewer');
    expect(await apiStatus(reviewer, 'POST', `/api/v1/agencies/${agencyId}/applications`, {})).toBe(
      403,
    );

    // The agency administrator assigns, but neither registers nor handles.
    const admin = await signIn('guanli');
    await open(admin, '依申请公开', '依申请公开');
    await absent(register(admin), '机关管理员：登记申请');
    await openCase(admin);
    await admin.getByLabel('经办人', { exact: true }).waitFor();
    await absent(handling(admin), '机关管理员：办理');

    // Agency administrator and clerk: in the administrator context the API counts the clerk
    // grant too — registering and handling are open, and used they are accepted.
    const both = await signIn('shuanggang', '机关管理员');
    await open(both, '依申请公开', '依申请公开');
    await shown(register(both), '双岗（机关管理员身份）：登记申请');
    await openCase(both);
    await shown(handling(both), '双岗（机关管理员身份）：办理');
    await shot(both, 'perms-application-dual');

    // The clerk registers one through the form, end to end.
    const clerk = await signIn('jing');
    await open(clerk, '依申请公开', '依申请公开');
    await register(clerk).click();
    const form = clerk.getByRole('form', { name: '登记申请' });
    await form.getByLabel('姓名').fill('王来信');
    await form.getByLabel('证件号码').fill(citizenId('11010519800101123'));
    await form.getByLabel('联系电话').fill('13812345678');
    await form.getByLabel('通信地址', { exact: false }).fill('示范市幸福路 8 号');
    await form.getByLabel('所需政府信息的名称、文号或者特征性描述').fill('2025年科技项目验收名单');
    await expectAccessible(clerk, '经办人：登记申请');
    await form.getByRole('button', { name: '登记', exact: true }).click();
    await clerk.getByRole('status', { name: '登记结果' }).waitFor();
    await clerk.getByRole('button', { name: '打开这件申请' }).click();
    await shown(handling(clerk), '经办人：办理');
    await shot(clerk, 'perms-application-clerk');
  });

  it('督办: the reminder setting for those with application.configure only', async () => {
    const settings = (p: Page) => p.getByRole('form', { name: '提醒设置' });
    const clerk = await signIn('jing');
    await open(clerk, '督办', '督办');
    await clerk.getByRole('region', { name: '已超期' }).waitFor();
    await absent(settings(clerk), '经办人：提醒设置');
    await expectAccessible(clerk, '经办人：督办');
    expect(
      await apiStatus(clerk, 'PUT', `/api/v1/agencies/${agencyId}/reminder-settings`, {
        dueSoonWorkingDays: 4,
      }),
    ).toBe(403);

    const reviewer = await signIn('gushi');
    await open(reviewer, '督办', '督办');
    await reviewer.getByRole('region', { name: '已超期' }).waitFor();
    await absent(settings(reviewer), '审核人：提醒设置');

    // The double-hatted in the clerk context: the administrator grant lets them set it.
    const both = await signIn('shuanggang', '经办人');
    await open(both, '督办', '督办');
    await shown(settings(both), '双岗（经办人身份）：提醒设置');
    await settings(both)
      .getByLabel(/即将超期/)
      .fill('5');
    await settings(both).getByRole('button', { name: '保存' }).click();
    await both.getByRole('status').getByText('提醒设置已保存').waitFor();
    await both.getByRole('heading', { name: /即将超期：5 个工作日内到期/ }).waitFor();
    await expectAccessible(both, '双岗：督办');
    await shot(both, 'perms-overdue-dual');
  });

  it('appeals: registering and updating for those with application.handle only', async () => {
    const form = (p: Page) => p.getByRole('form', { name: /登记复议诉讼|修改复议诉讼/ });
    const list = (p: Page) => p.getByRole('table', { name: '复议诉讼列表' });

    // The clerk registers one, end to end.
    const clerk = await signIn('jing');
    await open(clerk, '复议诉讼', '行政复议和行政诉讼');
    await shown(form(clerk), '经办人：登记复议诉讼');
    await form(clerk)
      .getByLabel('所涉申请')
      .selectOption({ label: `${caseNumber} 李申请` });
    await form(clerk).getByLabel('复议机关').fill('示范市人民政府');
    await form(clerk).getByRole('button', { name: '登记', exact: true }).click();
    await clerk.getByRole('status').getByText('已登记').waitFor();
    await list(clerk).getByRole('cell', { name: '示范市人民政府' }).waitFor();
    await shown(list(clerk).getByRole('button', { name: '修改' }), '经办人：修改');
    await expectAccessible(clerk, '经办人：复议诉讼');
    await shot(clerk, 'perms-appeals-clerk');

    // The agency administrator and the reviewer read the list; no form, no 修改, and why.
    const readers: Page[] = [];
    for (const [username, who] of [
      ['guanli', '机关管理员'],
      ['gushi', '审核人'],
    ] as const) {
      const page = await signIn(username);
      readers.push(page);
      await open(page, '复议诉讼', '行政复议和行政诉讼');
      await list(page).getByRole('cell', { name: '示范市人民政府' }).waitFor();
      await absent(form(page), `${who}：登记复议诉讼`);
      await absent(list(page).getByRole('button', { name: '修改' }), `${who}：修改`);
      await page.getByText('登记和修改复议诉讼记录由本机关经办人办理').waitFor();
      await expectAccessible(page, `${who}：复议诉讼`);
      await shot(page, `perms-appeals-${username}`);
    }
    expect(
      await apiStatus(readers[0]!, 'POST', `/api/v1/agencies/${agencyId}/appeals`, {
        applicationId: caseId,
        kind: 'review',
        afterReview: false,
        filedOn: '2026-03-01',
        body: '示范市人民政府',
        caseNumber: null,
        outcome: 'pending',
        decidedOn: null,
        note: null,
      }),
    ).toBe(403);

    // Agency administrator and clerk, in the administrator context: the form is there.
    const both = await signIn('shuanggang', '机关管理员');
    await open(both, '复议诉讼', '行政复议和行政诉讼');
    await shown(form(both), '双岗（机关管理员身份）：登记复议诉讼');
  });

  it('依申请公开设置: changing them for those with application.configure only', async () => {
    const settings = (p: Page) => p.getByRole('form', { name: '审核流程与答复设置' });
    const save = (p: Page) => settings(p).getByRole('button', { name: '保存设置' });

    const clerk = await signIn('jing');
    await open(clerk, '依申请公开设置', '依申请公开设置');
    await settings(clerk).waitFor();
    await absent(save(clerk), '经办人：保存设置');
    await settings(clerk).getByText('以下设置由本机关的机关管理员维护').waitFor();
    expect(await settings(clerk).getByLabel('受理行政诉讼的人民法院').isEditable()).toBe(false);
    await absent(clerk.getByRole('form', { name: '录入节假日安排' }), '经办人：录入节假日安排');
    await absent(clerk.getByRole('form', { name: '添加科室' }), '经办人：添加科室');
    await clerk.getByText('本机关尚未设置科室；科室由机关管理员在此添加').waitFor();
    await expectAccessible(clerk, '经办人：依申请公开设置');
    await shot(clerk, 'perms-settings-clerk');

    // The agency administrator changes the court, end to end.
    const admin = await signIn('guanli');
    await open(admin, '依申请公开设置', '依申请公开设置');
    await shown(save(admin), '机关管理员：保存设置');
    await shown(admin.getByRole('form', { name: '添加科室' }), '机关管理员：添加科室');
    await settings(admin).getByLabel('受理行政诉讼的人民法院').fill('示范市中级人民法院');
    await save(admin).click();
    await admin.getByRole('status').getByText('设置已保存').waitFor();
    // calendar.manage is the system administrator's, for the whole installation.
    await absent(admin.getByRole('form', { name: '录入节假日安排' }), '机关管理员：录入节假日安排');
    await expectAccessible(admin, '机关管理员：依申请公开设置');
    await shot(admin, 'perms-settings-admin');
  });

  it('本机关信息: changing it for those with agency.update only', async () => {
    const save = (p: Page) =>
      p.getByRole('form', { name: '机关信息' }).getByRole('button', { name: '保存' });
    const phone = (p: Page) => p.getByRole('form', { name: '机关信息' }).getByLabel('联系电话');

    const clerk = await signIn('jing');
    await open(clerk, '本机关信息', '本机关信息');
    await phone(clerk).waitFor();
    await absent(save(clerk), '经办人：保存');
    expect(await phone(clerk).isDisabled()).toBe(true);
    await clerk.getByText('本机关信息由机关管理员维护').waitFor();
    await expectAccessible(clerk, '经办人：本机关信息');
    await shot(clerk, 'perms-agency-clerk');
    expect(
      await apiStatus(clerk, 'PATCH', `/api/v1/agencies/${agencyId}`, { phone: '0591-1' }),
    ).toBe(403);

    // The double-hatted in the clerk context saves (the administrator grant allows it).
    const both = await signIn('shuanggang', '经办人');
    await open(both, '本机关信息', '本机关信息');
    await shown(save(both), '双岗（经办人身份）：保存');
    await phone(both).fill('0591-87654321');
    await save(both).click();
    await both.getByText('已保存。').waitFor();
    await expect.poll(() => phone(both).inputValue()).toBe('0591-87654321');
  });

  it('节假日安排: entering the schedule for those with calendar.manage over the installation', async () => {
    // The system administrator (三员) first sets up the second factor.
    const context = await browser.newContext({ locale: 'zh-CN', bypassCSP: true });
    await context.clock.setFixedTime(NOW);
    contexts.push(context);
    const root = await context.newPage();
    await root.goto(`${server.url}/workspace/`);
    await root.getByLabel('用户名').fill('xitong');
    await root.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await root.getByRole('button', { name: '登录' }).click();
    await root.getByRole('button', { name: '开始设置' }).click();
    const secret = (await root.getByTestId('totp-secret').textContent())!;
    await root
      .getByLabel('2. 输入应用上显示的 6 位验证码')
      .fill(totpCode(secret, Math.floor(server.ctx.clock.now().getTime() / 30_000)));
    await root.getByRole('button', { name: '开启两步验证' }).click();
    await root.getByRole('button', { name: '我已保存恢复码' }).click();
    await open(root, '节假日安排', '节假日安排');
    await shown(root.getByRole('form', { name: '录入节假日安排' }), '系统管理员：录入节假日安排');
    await expectAccessible(root, '系统管理员：节假日安排');
    await shot(root, 'perms-calendar-system-admin');
  });
});
