/**
 * The agency's settings of the hand-offs, the letter set and the refusals, in Chromium (issue
 * 11 items 2, 4, 6): the agency admin adds units (科室), sets the 文号 pattern of a letter type
 * and edits the clause library; a bad entry is refused in Chinese beside its field with what was
 * typed kept, and every bad pattern is shown at once. What is saved is what the clerk then gets:
 * the unit in the hand-off form, the 文号 on the 受理回执, the wording in the reply form. A clerk
 * sees the settings and cannot change them.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeSharedChromium } from '../../src/render/chromium.js';
import { createUser } from '../../src/services/accounts.js';
import { createUnit } from '../../src/services/applications/units.js';
import { TestClient, type TestClock } from '../support/app.js';
import { agencyIdByName, makeClerk, personApplication, SYSTEM } from '../support/applications.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';

const NOW = new Date('2026-03-02T02:00:00Z');
const PASSWORD = 'Settings-ui-2026';

describeBrowser('the agency’s units, 文号 and clause library in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let agencyId = '';

  beforeAll(async () => {
    server = await startServer();
    (server.ctx.clock as TestClock).set(NOW);
    agencyId = await agencyIdByName(server.ctx, '示范市科学技术局');
    await createUser(server.ctx, SYSTEM, {
      username: 'set-admin',
      displayName: '科技局管理员',
      password: PASSWORD,
      grants: [{ role: 'agency_admin', agencyId }],
      mustChangePassword: false,
    });
    await makeClerk(server.ctx, agencyId, 'set-clerk', PASSWORD, '设置经办');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await closeSharedChromium();
    await server?.close();
  });

  /** A page of its own (each test signs in afresh, so each runs alone), on the page named. */
  async function signIn(username: string, navLabel: string): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    await context.clock.setFixedTime(NOW);
    const page = await context.newPage();
    await page.goto(`${server.url}/workspace/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: navLabel, exact: true })
      .click();
    return page;
  }

  async function open(username: string): Promise<Page> {
    const page = await signIn(username, '依申请公开设置');
    await page.getByRole('heading', { name: '依申请公开设置' }).waitFor();
    return page;
  }

  async function openCase(number: string): Promise<Page> {
    const page = await signIn('set-clerk', '依申请公开');
    await page.getByRole('table', { name: '申请列表' }).getByRole('link', { name: number }).click();
    await page.getByRole('heading', { name: `申请 ${number}` }).waitFor();
    return page;
  }

  /** A case registered by the clerk through the API, its id and number. */
  async function registerCase(): Promise<{ id: string; number: string; clerk: TestClient }> {
    const clerk = new TestClient(server.app);
    await clerk.loginReady('set-clerk', PASSWORD);
    const r = await clerk.request('POST', `/api/v1/agencies/${agencyId}/applications`, {
      ...personApplication(),
      channel: 'in_person',
      receivedOn: '2026-03-02',
    });
    expect(r.statusCode, r.body).toBe(201);
    const { id, number } = r.json<{ application: { id: string; number: string } }>().application;
    return { id, number, clerk };
  }

  it('units: an empty or doubled name is refused beside the field, the name kept; the units are offered for 签收', async () => {
    const page = await open('set-admin');
    const units = page.getByRole('region', { name: '科室' });
    const form = units.getByRole('form', { name: '添加科室' });
    await form.getByRole('button', { name: '添加科室' }).click();
    await form.getByText('请填写科室名称').waitFor();
    expect(await form.locator('.field-invalid').textContent()).toContain('科室名称');

    await form.getByLabel('科室名称').fill('办公室');
    await form.getByLabel('办公室（负责签收）').check();
    await form.getByRole('button', { name: '添加科室' }).click();
    await page.getByRole('status').getByText('科室已添加。').waitFor();
    await form.getByLabel('科室名称').fill('信息公开科');
    await form.getByRole('button', { name: '添加科室' }).click();
    await units.getByRole('listitem').filter({ hasText: '信息公开科' }).waitFor();

    await form.getByLabel('科室名称').fill('信息公开科');
    await form.getByRole('button', { name: '添加科室' }).click();
    await form.getByText('本机关已有名为“信息公开科”的科室。').waitFor();
    expect(await form.getByLabel('科室名称').inputValue()).toBe('信息公开科');

    await page.reload();
    const list = page.getByRole('region', { name: '科室' }).getByRole('listitem');
    await list.filter({ hasText: '信息公开科' }).waitFor();
    const listed = await list.allTextContents();
    expect(listed).toEqual(expect.arrayContaining(['办公室（办公室，负责签收）', '信息公开科']));

    // The clerk's 签收 offers the units the admin added.
    const { number } = await registerCase();
    const clerk = await openCase(number);
    const handoffs = clerk.getByRole('region', { name: '签收与转办' });
    await handoffs.getByRole('button', { name: '签收', exact: true }).click();
    const options = await handoffs
      .getByRole('form', { name: '签收' })
      .getByLabel('签收科室')
      .locator('option')
      .allTextContents();
    expect(options).toEqual(expect.arrayContaining(['办公室（办公室）', '信息公开科']));
  });

  it('文号: every bad pattern is shown at once beside its letter, what was typed kept; a saved pattern numbers the 受理回执', async () => {
    const page = await open('set-admin');
    const numbers = page.getByRole('form', { name: '文号格式' });
    const receipt = numbers.getByLabel('政府信息公开申请受理回执的文号格式');
    const reply = numbers.getByLabel('政府信息公开申请答复告知书的文号格式');
    expect(await receipt.inputValue()).toBe('〔{年}〕第{号}号');
    await receipt.fill('示科受〔{年}〕');
    await reply.fill('示科答〔{年}〕{序}号');
    await numbers.getByRole('button', { name: '保存文号格式' }).click();
    await numbers.getByText(/文号格式中须有“\{号\}”/).waitFor();
    await numbers.getByText(/“\{序\}”无法识别/).waitFor();
    expect(await numbers.locator('.field-invalid').count()).toBe(2);
    expect(await receipt.inputValue()).toBe('示科受〔{年}〕');
    expect(await reply.inputValue()).toBe('示科答〔{年}〕{序}号');

    await receipt.fill('示科受〔{年}〕{号}号');
    await reply.fill('示科答〔{年}〕{号}号');
    await numbers.getByRole('button', { name: '保存文号格式' }).click();
    await page.getByRole('status').getByText('文号格式已保存。').waitFor();
    await numbers
      .getByRole('row')
      .filter({ hasText: '政府信息公开申请受理回执' })
      .getByText('示科受〔2026〕1号')
      .waitFor();

    // The next 受理回执 carries the agency's pattern.
    const { id, clerk } = await registerCase();
    const issued = await clerk.request(
      'POST',
      `/api/v1/agencies/${agencyId}/applications/${id}/acknowledgement`,
    );
    expect(issued.statusCode, issued.body).toBe(200);
    const letters = issued.json<{ letters: { kind: string; documentNumber: string | null }[] }>()
      .letters;
    expect(letters.find((l) => l.kind === 'acknowledgement')?.documentNumber).toMatch(
      /^示科受〔2026〕\d+号$/,
    );
  });

  it('clause library: a 部分公开 basis left empty is refused with the reasons kept; the saved wording fills the clerk’s reply form', async () => {
    const page = await open('set-admin');
    const library = page.getByRole('region', { name: '答复条款库' });
    const partial = library.getByRole('group', { name: /部分公开/ });
    await partial.getByText('（系统默认）').waitFor();
    const wording = '申请公开的信息中含有评审专家的个人信息，属于个人隐私，已作区分处理';
    await partial.getByLabel('法律依据').fill('');
    await partial.getByLabel('理由的标准表述').fill(wording);
    await partial.getByRole('button', { name: '保存' }).click();
    await partial
      .locator('.field-invalid')
      .getByText(/部分公开”的答复须载明法律依据，请填写。/)
      .waitFor();
    expect(await partial.locator('.field-invalid').textContent()).toContain('法律依据');
    expect(await partial.getByLabel('理由的标准表述').inputValue()).toBe(wording);

    await partial.getByLabel('法律依据').fill('《条例》第三十七条、《条例》第十五条');
    await partial.getByRole('button', { name: '保存' }).click();
    await partial.getByRole('status').getByText('已保存。').waitFor();
    await page.reload();
    const reloaded = page
      .getByRole('region', { name: '答复条款库' })
      .getByRole('group', { name: /部分公开/ });
    expect(await reloaded.getByLabel('理由的标准表述').inputValue()).toBe(wording);
    expect(await reloaded.textContent()).not.toContain('系统默认');

    // The clerk's reply form offers the agency's wording for 部分公开.
    const { number } = await registerCase();
    const clerk = await openCase(number);
    await clerk.getByLabel('经办人', { exact: true }).selectOption({ label: '设置经办（我）' });
    await clerk.getByRole('status').getByText('经办人已更新').waitFor();
    await clerk
      .getByRole('region', { name: '办理' })
      .getByRole('button', { name: '答复', exact: true })
      .click();
    const form = clerk.getByRole('form', { name: '答复' });
    await form.getByLabel('办理结果（年度报告表三的类别）').selectOption({ label: '部分公开' });
    expect(await form.getByLabel('理由').inputValue()).toBe(wording);
    expect(await form.getByLabel('法律依据').inputValue()).toBe(
      '《条例》第三十七条、《条例》第十五条',
    );
  });

  it('a clerk sees the settings and cannot change them', async () => {
    await createUnit(server.ctx, SYSTEM, agencyId, { name: '档案科', generalOffice: false });
    const page = await open('set-clerk');
    await page.getByRole('region', { name: '科室' }).getByText('档案科').waitFor();
    expect(await page.getByRole('form', { name: '添加科室' }).count()).toBe(0);
    const numbers = page.getByRole('form', { name: '文号格式' });
    expect(await numbers.getByLabel('政府信息公开申请受理回执的文号格式').isDisabled()).toBe(true);
    expect(await numbers.getByRole('button', { name: '保存文号格式' }).count()).toBe(0);
    const partial = page
      .getByRole('region', { name: '答复条款库' })
      .getByRole('group', { name: /部分公开/ });
    expect(await partial.getByLabel('法律依据').getAttribute('readonly')).not.toBeNull();
    expect(await partial.getByRole('button', { name: '保存' }).count()).toBe(0);
  });
});
