/**
 * The walk itself: the records it needs, signing in as a role, and following the menu and the
 * links from page to page (each kind of page read up to three times, the forms of the first
 * walked).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { createUser } from '../../../src/services/accounts.js';
import { createUnit } from '../../../src/services/applications/units.js';
import { createItem } from '../../../src/services/proactive/items.js';
import { createReport } from '../../../src/services/reports.js';
import { startImport } from '../../../src/services/supervision/bulk-import.js';
import { TestClient, totpCode, type TestClock } from '../app.js';
import { agencyIdByName, personApplication, SYSTEM } from '../applications.js';
import type { RunningServer } from '../browser.js';
import { itemInput } from '../proactive.js';
import { publishWithFigures } from '../supervision.js';
import { walkForms } from './forms.js';
import { NOW, PASSWORD, ROLES, type Role } from './roles.js';
import { patternOf } from './routes.js';
import { settle, trackRequests } from './settle.js';
import { check } from './text.js';

/** One walk's server, browser, what it found wrong and where it went. */
export interface WalkRun {
  server: RunningServer;
  browser: Browser;
  /** The proactive draft made for the walk. */
  draftItemId: string;
  problems: string[];
  /** Each pattern reached, with the label of the (last) role that reached it. */
  reached: Map<string, string>;
  reachedPaths: string[];
}

/**
 * Something on every kind of page: published reports whose figures disagree, a unit, a case with
 * an extension waiting for approval, a report draft, a proactive draft, a bulk import; and the
 * walk's seven accounts. Returns the proactive draft's id.
 */
export async function seedWalk(server: RunningServer): Promise<string> {
  const { ctx } = server;
  (ctx.clock as TestClock).set(NOW);
  const agencyId = await agencyIdByName(ctx, '示范市科学技术局');
  const { region_code: regionCode } = await ctx.store.db
    .selectFrom('agency')
    .innerJoin('government', 'government.id', 'agency.government_id')
    .select('government.region_code')
    .where('agency.id', '=', agencyId)
    .executeTakeFirstOrThrow();
  // Two published reports whose carry-over disagrees (结转下年度 2 in 2024, 上年结转 1 in
  // 2025): the supervisor's page of the agency shows a finding with its 复核 form.
  await publishWithFigures(ctx, ctx.clock as TestClock, agencyId, 2024, '2025-01-15', {
    received: 12,
    carriedForward: 2,
  });
  await publishWithFigures(ctx, ctx.clock as TestClock, agencyId, 2025, '2026-01-08', {
    received: 30,
    carriedOver: 1,
  });
  (ctx.clock as TestClock).set(NOW);
  // A unit, so a case's 签收/转办/协办 forms have a choice to make.
  await createUnit(ctx, SYSTEM, agencyId, { name: '巡查办公室', generalOffice: true });
  const grants = {
    walkclerk: [{ role: 'clerk' as const, agencyId }],
    walkreviewer: [{ role: 'reviewer' as const, agencyId, reviewLevel: 'section_head' as const }],
    walkagencyadmin: [{ role: 'agency_admin' as const, agencyId }],
    walksupervisor: [{ role: 'supervisor' as const, regionCode }],
    walksysadmin: [{ role: 'system_admin' as const }],
    walksecadmin: [{ role: 'security_admin' as const }],
    walkauditadmin: [{ role: 'audit_admin' as const }],
  };
  for (const role of ROLES) {
    await createUser(ctx, SYSTEM, {
      username: role.username,
      displayName: `巡查${role.label}`,
      password: PASSWORD,
      grants: grants[role.username as keyof typeof grants],
      mustChangePassword: false,
    });
  }
  const clerk = new TestClient(server.app);
  await clerk.login('walkclerk', PASSWORD);
  const registered = await clerk.request('POST', `/api/v1/agencies/${agencyId}/applications`, {
    ...personApplication(),
    channel: 'in_person',
    receivedOn: '2026-12-01',
  });
  expect(registered.statusCode, registered.body).toBe(201);
  const caseId = registered.json<{ application: { id: string } }>().application.id;
  const extension = await clerk.request(
    'POST',
    `/api/v1/agencies/${agencyId}/applications/${caseId}/approvals`,
    { kind: 'extension', workingDays: 10, reason: '需调取多个处室的档案' },
  );
  expect(extension.statusCode, extension.body).toBeLessThan(300);
  await clerk.request('POST', `/api/v1/agencies/${agencyId}/applications`, {
    ...personApplication({ name: '王申请' }),
    channel: 'email',
    receivedOn: '2026-12-02',
  });
  // This year's report: its tables 三 and 四 count the cases above, and link to them.
  await createReport(ctx, SYSTEM, agencyId, 2026);
  const draftItemId = (await createItem(ctx, SYSTEM, agencyId, itemInput())).id;
  await startImport(ctx, SYSTEM, regionCode, 2025);
  return draftItemId;
}

async function signIn(run: WalkRun, role: Role): Promise<{ context: BrowserContext; page: Page }> {
  const { problems } = run;
  const context = await run.browser.newContext({ locale: 'zh-CN' });
  await context.clock.setFixedTime(NOW);
  await trackRequests(context);
  // A page that validates outside a form shows the browser's message through reportValidity:
  // what it would show is recorded for the walk to read.
  await context.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { __walkShown: string[] }).__walkShown = shown;
    for (const proto of [
      HTMLInputElement.prototype,
      HTMLTextAreaElement.prototype,
      HTMLSelectElement.prototype,
      HTMLFormElement.prototype,
    ]) {
      const original = proto.reportValidity;
      proto.reportValidity = function (this: HTMLElement & { validationMessage?: string }) {
        const controls =
          this instanceof HTMLFormElement
            ? Array.from(this.elements)
            : [this as unknown as Element];
        for (const c of controls) {
          const m = (c as HTMLInputElement).validationMessage ?? '';
          if (m) shown.push(m);
        }
        return original.call(this);
      };
    }
  });
  const page = await context.newPage();
  page.on('response', (response) => {
    if (response.status() >= 500) {
      problems.push(`${role.label}：${response.url()} 答复 ${response.status()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`${role.label}：页面脚本出错 ${error.message}`));
  // The page's own questions (确定离开吗？) are Chinese; leaving a half-filled form is accepted.
  page.on('dialog', (dialog) => {
    if (dialog.type() !== 'beforeunload' && /[A-Za-z]{3,}/.test(dialog.message())) {
      problems.push(`${role.label}：对话框“${dialog.message()}”`);
    }
    void dialog.accept();
  });
  await page.goto(`${run.server.url}/workspace/`);
  await page.getByLabel('用户名').fill(role.username);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  if (role.administrator) {
    await page.getByRole('button', { name: '开始设置' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())!;
    await page
      .getByLabel('2. 输入应用上显示的 6 位验证码')
      .fill(totpCode(secret, Math.floor(NOW.getTime() / 30_000)));
    await page.getByRole('button', { name: '开启两步验证' }).click();
    await page.getByRole('button', { name: '我已保存恢复码' }).click();
  }
  await page.getByRole('navigation', { name: '主导航' }).waitFor();
  return { context, page };
}

/** The steps of a case and its hand-offs (签收、转办、协办、转送) open their forms one by one. */
async function openCaseStep(page: Page, index: number): Promise<boolean> {
  const buttons = page
    .locator('main .action-buttons button:visible')
    .filter({ hasNotText: '受理回执' });
  if (index >= (await buttons.count())) return false;
  await buttons.nth(index).click();
  return true;
}

/** Walks the workspace as the role: the menu's pages, the pages they link to, and their forms. */
export async function walk(run: WalkRun, role: Role): Promise<void> {
  const { problems } = run;
  const { context, page } = await signIn(run, role);
  await settle(page);
  await check(page, problems, role.label, '首页');
  const queue: string[] = await page
    .getByRole('navigation', { name: '主导航' })
    .locator('a')
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  // The draft made for the walk is listed last of the agency's many items: its page (the one
  // with the 修改草稿 link) is read too, by those whose menu has 主动公开.
  if (queue.includes('/workspace/proactive')) queue.push(`/workspace/proactive/${run.draftItemId}`);
  const seen = new Map<string, Set<string>>();
  while (queue.length > 0) {
    const full = queue.shift()!;
    const path = full.replace(/^\/workspace/, '') || '/';
    const pattern = patternOf(path);
    if (pattern === null) {
      problems.push(`${role.label}：链接 ${path} 不在已知页面之列（请把它加入 PATTERNS）`);
      continue;
    }
    // Up to three pages of each kind are read (a published item has no 修改草稿 link, a draft
    // has); the forms of the first are walked.
    const instances = seen.get(pattern) ?? new Set<string>();
    if (instances.has(path) || instances.size >= 3) continue;
    instances.add(path);
    seen.set(pattern, instances);
    run.reached.set(pattern, role.label);
    run.reachedPaths.push(path);
    const url = `${run.server.url}/workspace${path}`;
    await page.goto(url);
    await settle(page);
    // Reading the page changes it only if something folded had to be opened.
    const asLoaded = await check(page, problems, role.label, path);
    const links = await page
      .locator('main a[href^="/workspace/"]')
      .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    queue.push(...links);
    if (instances.size > 1) continue;
    await walkForms(page, problems, role, url, path, { loaded: asLoaded });
    if (pattern === '/applications/:id') {
      await walkForms(page, problems, role, url, path, { open: openCaseStep });
    }
  }
  await context.close();
}
