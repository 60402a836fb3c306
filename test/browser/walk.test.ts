/**
 * The workspace walked as each role would: every page the menu leads to (and every page those
 * pages link to), every form on it submitted empty and then with the wrong kind of input
 * (letters in number fields, half-typed dates, over-long text). Controls outside a `<form>`
 * (an editor card, an approval's comment with its buttons) count as a form: the group is the
 * nearest element holding both the controls and a button, and its primary (else saving) button
 * submits it.
 * The forms behind buttons (a case's 办理 steps, 签收/转办/协办/转送) are opened one by one. The walk fails when a person
 * would read an ASCII identifier (a field name, an enum code, `undefined`, `null`, `NaN`,
 * `[object Object]`), a `\u0000`, or an English message of the browser's own; when the server
 * answers 500; when a refused form loses what was typed.
 *
 * The pages are found from the menu and the links, not from a list. The list of route patterns
 * below only names the pages found (so each is walked once): the walk also fails when it finds
 * a page no pattern names, when a pattern is never reached, and when the router (app.tsx and
 * the supervision console) has a route the patterns lack.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeSharedChromium } from '../../src/render/chromium.js';
import { createUser } from '../../src/services/accounts.js';
import { FIRST_ADMINISTRATORS } from '../../src/services/bootstrap.js';
import { createItem } from '../../src/services/proactive/items.js';
import { createReport } from '../../src/services/reports.js';
import { startImport } from '../../src/services/supervision/bulk-import.js';
import { TestClient, totpCode, type TestClock } from '../support/app.js';
import { agencyIdByName, personApplication, SYSTEM } from '../support/applications.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';
import { itemInput } from '../support/proactive.js';
import { publishWithFigures } from '../support/supervision.js';
import { createUnit } from '../../src/services/applications/units.js';
import { FAVICON_HREF } from '../../src/server/portal/page.js';

const NOW = new Date('2026-12-07T02:00:00Z');
const PASSWORD = 'Walk-every-page-2026';

/** The route patterns of the workspace (ids and years stand for any). */
const PATTERNS = [
  '/',
  '/applications',
  '/applications/new',
  '/applications/:id',
  '/overdue',
  '/approvals',
  '/appeals',
  '/proactive',
  '/proactive/new',
  '/proactive/:id',
  '/proactive/:id/edit',
  '/proactive/:id/correct',
  '/proactive/:id/interpret',
  '/proactive/catalogue',
  '/proactive/catalogue/new',
  '/proactive/catalogue/:id',
  '/proactive/catalogue/:id/edit',
  '/proactive/settings',
  '/proactive/guide',
  '/proactive/figures/:year',
  '/reports',
  '/reports/:year',
  '/reports/:year/cells/:table/:row/:column',
  '/imports',
  '/supervision',
  '/supervision/totals',
  '/supervision/imports',
  '/supervision/imports/:id',
  '/supervision/settings',
  '/supervision/agencies/:id/:year',
  '/agency',
  '/application-settings',
  '/calendar',
  '/site-identity',
  '/notifications',
  '/organisations',
  '/accounts',
  '/roles',
  '/security-policy',
  '/users',
  '/audit',
  '/security-alerts',
  '/account',
];

function patternOf(path: string): string | null {
  for (const pattern of PATTERNS) {
    const re = new RegExp(
      `^${pattern
        .replace(/:year/g, '\\d{4}')
        .replace(/:(id|table|row|column)/g, '[^/]+')
        .replace(/\//g, '\\/')}$`,
    );
    if (re.test(path)) {
      // A literal page (…/new) wins over an id pattern.
      const literal = PATTERNS.find((p) => p === path);
      return literal ?? pattern;
    }
  }
  return null;
}

/**
 * ASCII a person may legitimately read: names of file formats and standards, the product's name,
 * the authenticator app's kind. Anything else in ASCII letters is an identifier leaking through.
 */
const ALLOWED_WORDS = new Set([
  'gongkai', // the product's name, in the top bar
  'Word', // 下载 Word 版
  'Excel', // 导出台账（Excel）
  'Chromium', // the PDF renderer named in a hint
]);

/** Text that is the person's own data (usernames, typed values) or a secret shown once. */
const DATA_SELECTOR = [
  '.code', // case numbers, query codes
  '.password', // a one-time password or query code
  '[data-testid="initial-password"]',
  '[data-testid="totp-secret"]',
  '[data-testid="recovery-codes"]',
  // Marked by the page as data: a session's browser and system ("Chrome/131（Linux）"), which
  // are proper names.
  '[data-ascii="data"]',
].join(',');

function foreignTokens(text: string, typed: Set<string>): string[] {
  const found: string[] = [];
  if (text.includes('\u0000')) found.push('\\u0000');
  if (text.includes('[object Object]')) found.push('[object Object]');
  const tokens = text.match(/[A-Za-z][A-Za-z0-9_.:/@-]*/g) ?? [];
  for (const raw of tokens) {
    // Adjacent links run together in the text (“PDF”“Word” → PDFWord): take the allowed words out.
    let token = raw.replace(/[.:/-]+$/, '');
    for (const word of ALLOWED_WORDS) token = token.split(word).join(' ');
    token = token.trim();
    if (token === '') continue;
    if (!/[a-z]/.test(token) && !/[_.]/.test(token)) continue; // PDF, DOCX, TOTP, XLSX, SM4
    // Only a whole token equal to what the walk itself created or typed (a username, `abc`): a
    // role code such as `clerk` or `admin` is part of a username but is not the person's data.
    if (typed.has(token)) continue;
    if (/^https?:\/\//.test(token) || /@/.test(token)) continue; // URLs, e-mail addresses
    found.push(token);
  }
  return found;
}

interface Role {
  username: string;
  label: string;
  administrator: boolean;
}

const ROLES: Role[] = [
  { username: 'walkclerk', label: '经办人', administrator: false },
  { username: 'walkreviewer', label: '审核人', administrator: false },
  { username: 'walkagencyadmin', label: '机关管理员', administrator: false },
  { username: 'walksupervisor', label: '政务公开办', administrator: false },
  { username: 'walksysadmin', label: '系统管理员', administrator: true },
  { username: 'walksecadmin', label: '安全管理员', administrator: true },
  { username: 'walkauditadmin', label: '审计管理员', administrator: true },
];

/**
 * What is the people's own data or typing: the usernames the walk and the installation (the three
 * first administrators) created, and the junk the walk types. Each counts only as a whole token.
 */
const TYPED = new Set<string>([
  ...ROLES.map((r) => r.username),
  ...FIRST_ADMINISTRATORS.map((a) => a.username),
  'abc',
  'abcxyz',
]);

const LONG_TEXT = '超长文本'.repeat(1500);

describeBrowser('walking every workspace page and form in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const reached = new Map<string, string>();
  const reachedPaths: string[] = [];
  let draftItemId = '';
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startServer();
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
    // Something on every kind of page: a case with an extension waiting for approval, a report
    // draft, a proactive draft, a bulk import.
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
    draftItemId = (await createItem(ctx, SYSTEM, agencyId, itemInput())).id;
    await startImport(ctx, SYSTEM, regionCode, 2025);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await closeSharedChromium();
    await server?.close();
  });

  async function signIn(role: Role): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'zh-CN' });
    await context.clock.setFixedTime(NOW);
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
    await page.goto(`${server.url}/workspace/`);
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

  /** Waits until the page has no request in flight and has drawn what came back. */
  async function settle(page: Page): Promise<void> {
    await page.waitForLoadState('networkidle');
    await expect
      .poll(() => page.getByText('正在加载…', { exact: true }).count(), { timeout: 30_000 })
      .toBe(0);
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))),
    );
    await page.waitForLoadState('networkidle');
  }

  /** The text a person reads on the page, without their own data and secrets shown once. */
  async function visibleText(page: Page): Promise<string> {
    return page.evaluate((dataSelector) => {
      // The visible text of the page, minus the text of the data elements, and minus the codes
      // of findings shown beside their Chinese title.
      const cjk = /[\u4e00-\u9fff]/;
      const hidden = [
        ...document.querySelectorAll<HTMLElement>(dataSelector),
        ...Array.from(document.querySelectorAll<HTMLElement>('code.finding-code')).filter((c) => {
          const title = c.previousElementSibling;
          return title?.classList.contains('finding-title') && cjk.test(title.textContent ?? '');
        }),
      ];
      let text = document.body.innerText;
      for (const el of hidden) {
        if (el.innerText) text = text.split(el.innerText).join(' ');
      }
      // What a form control shows: its value is typed data; its placeholder is the page's.
      for (const el of document.querySelectorAll<HTMLInputElement>('input, textarea')) {
        if (el.placeholder && el.offsetParent !== null) text += `\n${el.placeholder}`;
      }
      return text;
    }, DATA_SELECTOR);
  }

  async function check(page: Page, role: Role, where: string): Promise<void> {
    // What is folded away is read too (为什么有些步骤不能办理, 各日依据).
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('details')) d.open = true;
    });
    const tokens = foreignTokens(await visibleText(page), TYPED);
    if (tokens.length > 0) {
      problems.push(`${role.label} ${where}：显示了 ${[...new Set(tokens)].join('、')}`);
    }
  }

  /**
   * Marks the groups of controls outside any form: for each visible input or text area of the
   * main area not in a form, the nearest element also holding a visible button (not in a form).
   * The group's controls and the button that submits it (its primary, else the first) are marked.
   */
  async function markGroups(page: Page): Promise<void> {
    await page.evaluate(() => {
      const main = document.querySelector('main');
      if (!main) return;
      for (const el of main.querySelectorAll('[data-walk-group]')) {
        el.removeAttribute('data-walk-group');
      }
      const outside = (e: Element) => e.closest('form') === null;
      const visible = (e: Element) => (e as HTMLElement).offsetParent !== null;
      const skipped = ['file', 'checkbox', 'radio', 'hidden', 'submit', 'button'];
      const groups: Element[] = [];
      for (const control of main.querySelectorAll<HTMLInputElement>('input, textarea')) {
        if (!outside(control) || !visible(control) || skipped.includes(control.type)) continue;
        let group: Element | null = control.parentElement;
        while (group && group !== main) {
          // A button disabled until something is typed (保存草稿) still makes the group.
          const buttons = Array.from(group.querySelectorAll('button')).filter(
            (b) => outside(b) && visible(b),
          );
          if (buttons.length > 0) break;
          group = group.parentElement;
        }
        if (!group || group === main || groups.includes(group)) continue;
        groups.push(group);
      }
      for (const group of groups) {
        group.setAttribute('data-walk-group', '');
        for (const c of group.querySelectorAll('input, textarea')) {
          if (outside(c)) c.setAttribute('data-walk-control', '');
        }
      }
    });
  }

  /** The controls of a form, or of a group of controls outside a form (marked by markGroups). */
  async function controlsOf(form: Locator): Promise<Locator> {
    const group = await form.evaluate((f) => f.hasAttribute('data-walk-group'));
    return form.locator(group ? '[data-walk-control]' : 'input, textarea');
  }

  /** The English messages the browser showed through reportValidity since the page loaded. */
  async function shownMessages(page: Page): Promise<string[]> {
    return page.evaluate(() =>
      ((window as unknown as { __walkShown?: string[] }).__walkShown ?? []).filter((m) =>
        /[A-Za-z]/.test(m),
      ),
    );
  }

  /** The English message the browser itself would show for a control, if the form lets it. */
  async function browserMessages(form: Locator): Promise<string[]> {
    return form.evaluate((f: HTMLFormElement | HTMLElement) => {
      if (!(f instanceof HTMLFormElement)) return []; // a group: only reportValidity shows one
      if (f.noValidate) {
        // The page validates: only a custom validity (set by the page) can still be shown.
        return [];
      }
      return Array.from(f.elements)
        .map((el) => (el as HTMLInputElement).validationMessage ?? '')
        .filter((m) => /[A-Za-z]/.test(m));
    });
  }

  async function submit(form: Locator): Promise<void> {
    await form.evaluate((f: HTMLFormElement | HTMLElement) => {
      if (!(f instanceof HTMLFormElement)) {
        // The group's primary button, else the one that saves or submits, else the first; chosen
        // now, as typing enables some (保存草稿).
        const buttons = Array.from(f.querySelectorAll('button')).filter(
          (b) => b.closest('form') === null && b.offsetParent !== null && !b.disabled,
        );
        const button =
          buttons.find((b) => b.classList.contains('primary')) ??
          buttons.find((b) => /^(保存|提交|确定|添加|登记|同意|开始)/.test(b.textContent ?? '')) ??
          buttons[0];
        button?.click();
        return;
      }
      const button =
        f.querySelector<HTMLButtonElement>('button[type="submit"]:not([disabled])') ??
        f.querySelector<HTMLButtonElement>('button:not([type]):not([disabled])');
      if (button) button.click();
      else f.requestSubmit();
    });
  }

  /** Fills the form's controls: empty, or with the wrong kind of input; returns what was typed. */
  async function fill(page: Page, form: Locator, wrong: boolean): Promise<Map<number, string>> {
    const typed = new Map<number, string>();
    const controls = await controlsOf(form);
    const n = await controls.count();
    for (let i = 0; i < n; i++) {
      const control = controls.nth(i);
      if (!(await control.isVisible()) || !(await control.isEditable())) continue;
      const type = (await control.getAttribute('type')) ?? 'text';
      if (['file', 'checkbox', 'radio', 'hidden', 'submit', 'button'].includes(type)) continue;
      if (type === 'password') {
        // A wrong password three times locks the account: the walk types none.
        continue;
      }
      await control.fill('');
      if (!wrong) continue;
      if (type === 'number') {
        await control.click();
        await page.keyboard.type('abc');
      } else if (type === 'date') {
        await control.click();
        await page.keyboard.type('99');
      } else {
        const value =
          type === 'email' ? 'abcxyz' : type === 'tel' || type === 'search' ? 'abc' : LONG_TEXT;
        await control.fill(value);
        typed.set(i, await control.inputValue());
      }
    }
    return typed;
  }

  /** Every form of the page, empty and then with the wrong kind of input. */
  async function walkForms(
    page: Page,
    role: Role,
    path: string,
    open?: (page: Page, index: number) => Promise<boolean>,
  ): Promise<void> {
    const forms = () => page.locator('main form:visible, main [data-walk-group]');
    for (let opener = 0; ; opener++) {
      await page.goto(`${server.url}/workspace${path}`);
      await settle(page);
      if (open && !(await open(page, opener))) break;
      if (!open && opener > 0) break;
      await settle(page);
      await markGroups(page);
      const count = await forms().count();
      for (let i = 0; i < count; i++) {
        for (const wrong of [false, true]) {
          if (i > 0 || wrong || open) {
            await page.goto(`${server.url}/workspace${path}`);
            await settle(page);
            if (open) await open(page, opener);
            await settle(page);
            await markGroups(page);
          }
          const form = forms().nth(i);
          if ((await form.count()) === 0) continue;
          const name = (await form.getAttribute('aria-label')) ?? `第 ${i + 1} 个表单`;
          const where = `${path}“${name}”${wrong ? '（错误类型）' : '（空白）'}`;
          const typed = await fill(page, form, wrong);
          for (const message of await browserMessages(form)) {
            problems.push(`${role.label} ${where}：浏览器自己的提示“${message}”`);
          }
          await submit(form);
          await settle(page);
          for (const message of await shownMessages(page)) {
            problems.push(`${role.label} ${where}：浏览器自己的提示“${message}”`);
          }
          await check(page, role, where);
          // A refused form keeps what was typed.
          if ((await form.count()) > 0 && (await form.isVisible())) {
            const refused =
              (await form.locator('[role="alert"], .field-error').count()) > 0 ||
              (await page.locator('main [role="alert"]').count()) > 0;
            if (refused) {
              const controls = await controlsOf(form);
              for (const [index, value] of typed) {
                const now = await controls
                  .nth(index)
                  .inputValue()
                  .catch(() => null);
                if (now !== null && now !== value) {
                  problems.push(`${role.label} ${where}：被拒后第 ${index + 1} 个输入框的内容丢了`);
                }
              }
            }
          }
        }
      }
    }
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

  async function walk(role: Role): Promise<void> {
    const { context, page } = await signIn(role);
    await settle(page);
    await check(page, role, '首页');
    const queue: string[] = await page
      .getByRole('navigation', { name: '主导航' })
      .locator('a')
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    // The draft made for the walk is listed last of the agency's many items: its page (the one
    // with the 修改草稿 link) is read too, by those whose menu has 主动公开.
    if (queue.includes('/workspace/proactive')) queue.push(`/workspace/proactive/${draftItemId}`);
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
      reached.set(pattern, role.label);
      reachedPaths.push(path);
      await page.goto(`${server.url}/workspace${path}`);
      await settle(page);
      await check(page, role, path);
      const links = await page
        .locator('main a[href^="/workspace/"]')
        .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      queue.push(...links);
      if (instances.size > 1) continue;
      await walkForms(page, role, path);
      if (pattern === '/applications/:id') {
        await walkForms(page, role, path, openCaseStep);
      }
    }
    await context.close();
  }

  for (const role of ROLES) {
    it(`as ${role.username}: no identifier, no \\u0000, no English, no 500, nothing lost`, async () => {
      problems.length = 0;
      await walk(role);
      expect(problems).toEqual([]);
    }, 900_000);
  }

  it('the workspace and the portal show the site icon', async () => {
    const page = await browser.newPage();
    const icons: string[] = [];
    for (const path of ['/workspace/', '/portal']) {
      await page.goto(`${server.url}${path}`);
      icons.push((await page.locator('link[rel="icon"]').getAttribute('href')) ?? '');
    }
    expect(icons).toEqual([FAVICON_HREF, FAVICON_HREF]);
    await page.close();
  });

  it('reached every route of the router, and the router has no route the walk does not know', () => {
    const sources = ['src/web/app.tsx', 'src/web/pages/supervision/routes.tsx'].map((f) =>
      readFileSync(join(process.cwd(), f), 'utf8'),
    );
    const literal = sources.flatMap((s) =>
      [...s.matchAll(/(?:path: |path === )'(\/[^']*)'/g)].map((m) => m[1]!),
    );
    const regexes = sources.flatMap((s) =>
      [...s.matchAll(/\/(\^\\\/[^\n]*?\$)\/\.exec/g)].map((m) => new RegExp(m[1]!)),
    );
    expect(literal.length).toBeGreaterThan(20);
    expect(regexes.length).toBeGreaterThan(5);
    const unknown = literal.filter((p) => !PATTERNS.includes(p));
    expect(unknown, '路由里有测试不认识的页面').toEqual([]);
    for (const re of regexes) {
      expect(
        reachedPaths.some((p) => re.test(p)),
        `路由 ${re} 的页面巡查没有到达`,
      ).toBe(true);
    }
    const missed = PATTERNS.filter((p) => !reached.has(p));
    expect(missed, '巡查没有到达的页面').toEqual([]);
  });
});
