/**
 * The item page shows the controls the API would allow, for the person and the item, and none it
 * would refuse — in real Chromium, for a clerk, a reviewer at the current level, a reviewer at
 * another level, an agency administrator, and a person who is both agency administrator and clerk
 * (the API counts every grant of the person; the page used to look only at the chosen role's
 * name). Each shown control is then used and accepted; a hidden one is refused by the API.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeSharedChromium } from '../../src/render/chromium.js';
import { createUser } from '../../src/services/accounts.js';
import { createItem, recordPublishedItem } from '../../src/services/proactive/items.js';
import type { TestClock } from '../support/app.js';
import { makeClerk, makeReviewer } from '../support/applications.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';
import { itemInput, SYSTEM } from '../support/proactive.js';

const AGENCY = '示范市科学技术局';
const NOW = new Date('2026-03-02T02:00:00Z');
const PASSWORD = 'Actions-secret-2026';
const DRAFT = '关于征集2026年度科技计划项目的通知';
const NORMATIVE = '示范市科技创新券管理办法';
/** Screenshots of the walk, for a person to look at (not compared). */
const SHOTS = process.env.GONGKAI_SHOTS ?? '';

/** The controls of the item page, by what a person sees. */
const CONTROLS = {
  修改草稿: (p: Page) => p.getByRole('link', { name: '修改草稿', exact: true }),
  提交审查: (p: Page) => p.getByRole('button', { name: '提交审查', exact: true }),
  上传附件: (p: Page) => p.getByLabel('上传附件'),
  撤回审查: (p: Page) => p.getByRole('button', { name: '撤回审查', exact: true }),
  审查决定: (p: Page) => p.getByRole('form', { name: '审查决定' }),
  更正: (p: Page) => p.getByRole('link', { name: '更正', exact: true }),
  有效性变化: (p: Page) => p.getByRole('form', { name: '有效性变化' }),
  撤回: (p: Page) => p.getByRole('button', { name: '撤回', exact: true }),
} as const;
type Control = keyof typeof CONTROLS;

describeBrowser('the proactive item page shows what the API allows', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let agencyId = '';
  let draftId = '';
  let normativeId = '';

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
    await makeClerk(ctx, agencyId, 'jing', PASSWORD, '经办小李');
    await makeReviewer(ctx, agencyId, 'gushi', PASSWORD, 'section_head');
    await makeReviewer(ctx, agencyId, 'fenguan', PASSWORD, 'deputy');
    await createUser(ctx, SYSTEM, {
      username: 'guanli',
      displayName: '管理员老赵',
      password: PASSWORD,
      grants: [{ role: 'agency_admin', agencyId }],
      mustChangePassword: false,
    });
    await createUser(ctx, SYSTEM, {
      username: 'shuanggang',
      displayName: '双岗老钱',
      password: PASSWORD,
      grants: [
        { role: 'agency_admin', agencyId },
        { role: 'clerk', agencyId },
      ],
      mustChangePassword: false,
    });
    draftId = (await createItem(ctx, SYSTEM, agencyId, itemInput({ title: DRAFT }))).id;
    normativeId = (
      await recordPublishedItem(ctx, SYSTEM, agencyId, {
        ...itemInput({
          kind: 'normative',
          title: NORMATIVE,
          documentNumber: '示科规〔2026〕1号',
          article20Category: 'a20_01',
        }),
        publishedOn: '2026-02-20',
      })
    ).id;
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await closeSharedChromium();
    await server?.close();
  });

  async function signIn(username: string, roleLabel?: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN' });
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

  async function openItem(page: Page, id: string, title: string) {
    await page.goto(`${server.url}/workspace/proactive/${id}`);
    await page.getByRole('heading', { name: title }).waitFor();
    // The page has read the reviews too.
    await page.getByRole('heading', { name: '发布审查' }).waitFor();
  }

  /** Exactly these controls are on the page. */
  async function expectControls(page: Page, shown: Control[], what: string) {
    // Polled: the page may still be showing the item as it was before its last load finished.
    const present = async () => {
      const actual: Control[] = [];
      for (const name of Object.keys(CONTROLS) as Control[])
        if ((await CONTROLS[name](page).count()) > 0) actual.push(name);
      return actual;
    };
    await expect.poll(present, { message: what }).toEqual(shown);
  }

  async function shot(page: Page, name: string) {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

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

  it('a clerk, the reviewer at the current level, a reviewer at another level and an agency administrator each see what they may do', async () => {
    const base = `/api/v1/agencies/${agencyId}/proactive/items`;
    // The clerk: the draft's controls; submitting it gives the withdrawal of the review.
    const clerk = await signIn('jing');
    await openItem(clerk, draftId, DRAFT);
    await expectControls(clerk, ['修改草稿', '提交审查', '上传附件'], '经办人：草稿');
    await shot(clerk, 'actions-clerk-draft');
    await CONTROLS.提交审查(clerk).click();
    await clerk.getByRole('status').getByText('已提交发布审查').waitFor();
    await expectControls(clerk, ['撤回审查'], '经办人：审查中');

    // The 股室负责人 (the chain's first level) decides; the 分管领导 waits for it.
    const head = await signIn('gushi');
    await openItem(head, draftId, DRAFT);
    await expectControls(head, ['审查决定'], '股室负责人：待本级审批');
    await shot(head, 'actions-reviewer-current-level');
    const deputy = await signIn('fenguan');
    await openItem(deputy, draftId, DRAFT);
    await expectControls(deputy, [], '分管领导：待股室负责人审批');
    await shot(deputy, 'actions-reviewer-other-level');
    // What the page hides, the API refuses.
    expect(
      await apiStatus(deputy, 'POST', `${base}/${draftId}/review`, {
        decision: 'return',
        comment: '越级审批',
      }),
    ).toBe(409);

    // The agency administrator configures but neither drafts nor publishes.
    const admin = await signIn('guanli');
    await openItem(admin, draftId, DRAFT);
    await expectControls(admin, [], '机关管理员：审查中的信息');
    await openItem(admin, normativeId, NORMATIVE);
    await expectControls(admin, [], '机关管理员：已发布的规范性文件');
    await shot(admin, 'actions-agency-admin-published');
    expect(
      await apiStatus(admin, 'POST', `${base}/${normativeId}/withdraw`, { reason: '试撤回' }),
    ).toBe(403);

    // The clerk on the published normative document: correct, validity, withdraw.
    await openItem(clerk, normativeId, NORMATIVE);
    await expectControls(clerk, ['更正', '有效性变化', '撤回'], '经办人：已发布的规范性文件');
  });

  it('a person who is agency administrator and clerk sees, in the administrator context, what the API lets them do', async () => {
    const both = await signIn('shuanggang', '机关管理员');
    await openItem(both, normativeId, NORMATIVE);
    // The API counts the clerk grant too: correcting, the validity and withdrawing are open.
    await expectControls(both, ['更正', '有效性变化', '撤回'], '双岗：机关管理员身份');
    await shot(both, 'actions-dual-role');
    // And used, they are accepted: the withdrawal takes the document off the portal.
    await both.getByLabel('撤回原因').fill('文件已被新办法替代');
    await CONTROLS.撤回(both).click();
    await both.getByRole('status').getByText('已撤回').waitFor();
    await expect.poll(() => both.getByTestId('item-status').textContent()).toBe('已撤回');
    await expectControls(both, [], '双岗：已撤回');
  });
});
