/**
 * A citizen of 示范市 walks the government's 政府信息公开 column in real Chromium: from the portal
 * home to the column, its four sections, the 第二十条 tree narrowed by category, 发布机构 and
 * year, an entry opening on its department's item page (which leads back to the government's
 * column), the column's own search; the large-type mode and a 360 px phone. axe-core finds no
 * WCAG 2.1 AA violation on any of the column's pages or its search results, in either mode.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeSharedChromium } from '../../src/render/chromium.js';
import { axeViolations } from '../support/axe.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';

const GOVERNMENT = '示范市人民政府';
const DEPARTMENT = '示范市教育局';

async function expectAccessible(page: Page, what: string) {
  const violations = await axeViolations(page);
  expect(
    violations.map((v) => `${v.id}（${v.help}）：${v.nodes.slice(0, 5).join('，')}`),
    what,
  ).toEqual([]);
}

describeBrowser('the government’s 政府信息公开 column in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let governmentId = '';

  beforeAll(async () => {
    server = await startServer();
    governmentId = (
      await server.ctx.store.db
        .selectFrom('government')
        .select('id')
        .where('name', '=', GOVERNMENT)
        .executeTakeFirstOrThrow()
    ).id;
    browser = await launchBrowser();
    // bypassCSP: the test injects axe-core as a script into the page it checks.
    context = await browser.newContext({ bypassCSP: true });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await closeSharedChromium();
    await server?.close();
  });

  it('a citizen finds the column from the home page, browses its sections and searches it', async () => {
    const citizen = await context.newPage();
    await citizen.goto(`${server.url}/portal`);
    await citizen.getByRole('link', { name: `${GOVERNMENT}政府信息公开` }).click();
    await citizen.getByRole('heading', { level: 1, name: `${GOVERNMENT} 政府信息公开` }).waitFor();
    const menu = citizen.getByRole('navigation', { name: '政府信息公开专栏' });
    for (const section of [
      '政府信息公开指南',
      '政府信息公开制度',
      '法定主动公开内容',
      '政府信息公开年报',
    ])
      await citizen.getByRole('heading', { level: 2, name: section }).waitFor();
    await expectAccessible(citizen, '政府的政府信息公开专栏');

    await menu.getByRole('link', { name: '政府信息公开指南' }).click();
    await citizen
      .getByRole('heading', { level: 1, name: `${GOVERNMENT}政府信息公开指南` })
      .waitFor();
    await citizen.getByRole('heading', { name: '六、政府信息公开工作机构' }).waitFor();
    await citizen.getByRole('link', { name: `${DEPARTMENT}政府信息公开指南` }).waitFor();

    // The 第二十条 tree: a category, then one 发布机构 of it.
    await citizen
      .getByRole('navigation', { name: '政府信息公开专栏' })
      .getByRole('link', { name: '法定主动公开内容' })
      .click();
    await citizen.getByRole('link', { name: '（七）财政预算、决算信息' }).click();
    await citizen.getByRole('heading', { level: 1, name: /财政预算、决算信息/ }).waitFor();
    const rows = citizen.getByRole('table').getByRole('row');
    expect(await rows.count()).toBeGreaterThan(3);
    await citizen.getByLabel('发布机构').selectOption({ label: DEPARTMENT });
    await citizen.getByRole('button', { name: '筛选' }).click();
    await citizen.getByRole('heading', { level: 1, name: new RegExp(DEPARTMENT) }).waitFor();
    const cells = await citizen
      .getByRole('table')
      .getByRole('row')
      .locator('td:nth-child(2)')
      .allTextContents();
    expect(cells.length).toBeGreaterThan(0);
    expect(new Set(cells.map((c) => c.trim()))).toEqual(new Set([DEPARTMENT]));
    await expectAccessible(citizen, '按类别和发布机构筛选的法定主动公开内容');

    // An entry opens on its department's item page, which leads back to the government's column.
    const first = citizen.getByRole('table').getByRole('row').nth(1).getByRole('link');
    const title = (await first.textContent())!.trim();
    await first.click();
    await citizen.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(citizen.url()).toContain('/portal/agencies/');
    await expectAccessible(citizen, '部门的信息页');
    await citizen.getByRole('link', { name: `${GOVERNMENT}政府信息公开` }).click();
    await citizen.getByRole('heading', { level: 1, name: `${GOVERNMENT} 政府信息公开` }).waitFor();

    // The column's own search spans its agencies and names each result's agency.
    await citizen.getByRole('search').getByLabel('检索关键词').fill('预算');
    await citizen.getByRole('search').getByRole('button', { name: '检索' }).click();
    await citizen.getByRole('heading', { level: 1, name: `${GOVERNMENT} 信息检索` }).waitFor();
    await citizen.getByText(/找到 \d+ 条/).waitFor();
    const names = (await citizen.locator('ol.results .muted').allTextContents()).join(' ');
    expect(names).toContain(GOVERNMENT);
    expect(names).toContain(DEPARTMENT);
    await expectAccessible(citizen, '政府专栏的检索结果');

    // On a phone, nothing runs off the side.
    await citizen.setViewportSize({ width: 360, height: 740 });
    for (const url of [
      'disclosure',
      'disclosure/statutory',
      'disclosure/reports',
      'search?q=预算',
    ]) {
      await citizen.goto(`${server.url}/portal/governments/${governmentId}/${url}`);
      expect(
        await citizen.evaluate(() => document.documentElement.scrollWidth),
        url,
      ).toBeLessThanOrEqual(360);
    }
    await citizen.setViewportSize({ width: 1280, height: 800 });
  }, 300_000);

  it('every page of the column and its search results pass axe, in normal and large-type mode', async () => {
    const citizen = await context.newPage();
    const base = `/portal/governments/${governmentId}`;
    const pages = [
      `${base}/disclosure`,
      `${base}/disclosure/guide`,
      `${base}/disclosure/system`,
      `${base}/disclosure/statutory`,
      `${base}/disclosure/statutory?category=a20_01&year=&agency=`,
      `${base}/disclosure/reports`,
      `${base}/apply`,
      `${base}/search?q=${encodeURIComponent('办法')}`,
      `${base}/search?q=${encodeURIComponent('通知')}&category=a20_01`,
      `${base}/disclosure/none`,
    ];
    for (const mode of ['large', 'normal']) {
      await citizen.goto(`${server.url}/portal/display?mode=${mode}`);
      for (const url of pages) {
        await citizen.goto(`${server.url}${url}`);
        expect(await citizen.locator('html').getAttribute('class'), url).toBe(
          mode === 'large' ? 'large' : null,
        );
        await expectAccessible(citizen, `${mode === 'large' ? '大字号模式 ' : ''}${url}`);
      }
    }
  }, 300_000);
});
