import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeSharedChromium } from '../../src/render/chromium.js';
import { makeClerk, makeReviewer, personApplication } from '../support/applications.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';
import { submitPortalApplication } from '../../src/services/applications/cases.js';
import { createReport } from '../../src/services/reports.js';
import { fillNarrative } from '../support/report-narrative.js';

const AGENCY = '示范市科学技术局';
const NOW = new Date('2026-03-02T02:00:00Z');

async function login(page: Page, url: string, username: string, password: string) {
  await page.goto(`${url}/workspace/`);
  // Signed in already in this browser context (an earlier test): the workspace is there.
  const form = page.getByLabel('用户名');
  const shell = page.getByRole('navigation', { name: '主导航' });
  await form.or(shell).first().waitFor();
  if (await shell.isVisible()) return;
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true });

describeBrowser('review chain in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let clerkContext: BrowserContext;
  let reviewerContext: BrowserContext;
  let agencyId = '';

  beforeAll(async () => {
    server = await startServer();
    agencyId = (
      await server.ctx.store.db
        .selectFrom('agency')
        .select('id')
        .where('name', '=', AGENCY)
        .executeTakeFirstOrThrow()
    ).id;
    await makeClerk(server.ctx, agencyId, 'zhao', 'Clerk-secret-2026', '赵经办');
    await makeReviewer(server.ctx, agencyId, 'qian', 'Review-secret-2026', 'section_head');
    browser = await launchBrowser();
    clerkContext = await browser.newContext();
    reviewerContext = await browser.newContext();
    await clerkContext.clock.setFixedTime(NOW);
    await reviewerContext.clock.setFixedTime(NOW);
  });
  afterAll(async () => {
    await clerkContext?.close();
    await reviewerContext?.close();
    await browser?.close();
    await closeSharedChromium();
    await server?.close();
  });

  it('a 部分公开 reply without reasons is refused with the fields kept; the reviewer sees the letter and returns it with a comment, which reaches the clerk', async () => {
    const submitted = await submitPortalApplication(
      server.ctx,
      { kind: 'anonymous', label: '申请人' },
      agencyId,
      personApplication({ name: '孙申请' }) as never,
    );
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.problems));
    const number = submitted.registered.application.number;

    const clerk = await clerkContext.newPage();
    await login(clerk, server.url, 'zhao', 'Clerk-secret-2026');
    await nav(clerk, '依申请公开').click();
    await clerk
      .getByRole('table', { name: '申请列表' })
      .getByRole('link', { name: number })
      .click();
    await clerk.getByRole('heading', { name: `申请 ${number}` }).waitFor();
    // Only the assigned clerk replies: the clerk takes the case first (recorded).
    await clerk.getByLabel('经办人').selectOption({ label: '赵经办（我）' });
    await clerk.getByRole('status').getByText('经办人已更新').waitFor();
    await clerk
      .getByRole('region', { name: '办理' })
      .getByRole('button', { name: '答复', exact: true })
      .click();
    const form = clerk.getByRole('form', { name: '答复' });
    await form.getByLabel('办理结果（年度报告表三的类别）').selectOption({ label: '部分公开' });
    // The clause library offers the agency's standard wording; the clerk clears it.
    expect(await form.getByLabel('理由').inputValue()).toContain('个人隐私');
    await form.getByLabel('理由').fill('');
    await form.getByLabel('法律依据').fill('');
    await form.getByLabel('答复内容').fill('现提供项目名单和资金额度。');
    await form.getByRole('button', { name: '提交' }).click();
    // Refused, in Chinese, next to each field; nothing typed is lost.
    await form.getByText('须说明理由').first().waitFor();
    await form.getByText('须载明法律依据').first().waitFor();
    expect(await form.getByLabel('答复内容').inputValue()).toBe('现提供项目名单和资金额度。');
    expect(await form.getByLabel('办理结果（年度报告表三的类别）').inputValue()).toBe(
      'partially_disclosed',
    );
    expect(
      await clerk.getByRole('region', { name: '申请信息' }).getByRole('heading').textContent(),
    ).toContain('办理中');

    await form.getByLabel('理由').fill('评审专家的个人信息属于个人隐私，公开会损害其合法权益');
    await form.getByLabel('法律依据').fill('《条例》第三十七条、《条例》第十五条');
    await form.getByRole('button', { name: '提交' }).click();
    const approvals = clerk.getByRole('region', { name: '审批' });
    await approvals.getByText('待股室负责人审批').waitFor();

    // The reviewer sees the letter as the applicant would get it, the timeline and the reasons.
    const reviewer = await reviewerContext.newPage();
    await login(reviewer, server.url, 'qian', 'Review-secret-2026');
    await nav(reviewer, '审批').click();
    const card = reviewer.getByRole('region', { name: new RegExp(number) });
    const letter = card.getByTestId('approval-document');
    await letter.getByText('政府信息公开申请答复告知书').waitFor();
    const text = (await letter.textContent())!;
    expect(text).toContain('孙申请：');
    expect(text).toContain('评审专家的个人信息属于个人隐私，公开会损害其合法权益。');
    expect(text).toContain('依据：《中华人民共和国政府信息公开条例》第三十七条、第十五条。');
    expect(text).toContain('现提供项目名单和资金额度。');
    await card.getByText(/^办理经过（/).click();
    expect(await card.getByRole('list', { name: '办理经过' }).textContent()).toContain('收到申请');
    expect(await card.getByRole('definition').allTextContents()).toContain(
      '评审专家的个人信息属于个人隐私，公开会损害其合法权益',
    );
    await card.getByLabel(/审批意见/).fill('第三方是否书面征求过意见？请补充征求意见的情况。');
    await card.getByRole('button', { name: '退回修改' }).click();
    await reviewer.getByRole('status').getByText('已退回').waitFor();

    // The comment goes to the clerk, on the case and in the notifications.
    await clerk.reload();
    await clerk
      .getByRole('region', { name: '审批' })
      .getByTestId('approval-comment')
      .getByText('第三方是否书面征求过意见？请补充征求意见的情况。')
      .waitFor();
    await nav(clerk, '通知').click();
    await clerk
      .getByText(/被股室负责人.*退回：第三方是否书面征求过意见/)
      .first()
      .waitFor();
  });

  it('the annual report goes through approval before it publishes', async () => {
    const system = { kind: 'system', label: '测试' } as const;
    await createReport(server.ctx, system, agencyId, 2025);
    await fillNarrative(server.ctx, system, agencyId, 2025);

    const clerk = await clerkContext.newPage();
    clerk.on('dialog', (dialog) => void dialog.accept());
    await login(clerk, server.url, 'zhao', 'Clerk-secret-2026');
    await nav(clerk, '年度报告').click();
    await clerk.getByRole('link', { name: /2025/ }).first().click();
    await clerk.getByRole('heading', { name: `${AGENCY}2025年度报告` }).waitFor();
    await clerk.getByRole('button', { name: '发布', exact: true }).click();
    await clerk.getByRole('status').getByText('已提请审批').waitFor();
    await clerk.getByTestId('report-approval').getByText('审批期间草稿不能修改').waitFor();
    // Nothing is published yet: the portal does not list it.
    const portal = await (await browser.newContext()).newPage();
    await portal.goto(`${server.url}/portal/agencies/${agencyId}`);
    expect(await portal.content()).not.toContain('2025年度');

    const reviewer = await reviewerContext.newPage();
    await login(reviewer, server.url, 'qian', 'Review-secret-2026');
    await nav(reviewer, '审批').click();
    const card = reviewer.getByRole('region', { name: /2025年度报告/ });
    await card.getByTestId('approval-document').getByText('总体情况').first().waitFor();
    await card.getByRole('button', { name: '同意' }).click();
    await reviewer.getByRole('status').getByText('已同意').waitFor();

    await clerk.reload();
    await clerk.getByText('已发布第 1 版').waitFor();
    await portal.reload();
    expect(await portal.content()).toContain('2025年度');
    await portal.context().close();
  });
});
