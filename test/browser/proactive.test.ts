/**
 * 主动公开 in real Chromium, as a clerk, two reviewers and a citizen walk it: the clerk drafts an
 * item (every missing field named at once, nothing typed lost) and attaches a DOCX; the 股室负责人
 * completes the 保密审查 checklist (all unanswered questions named at once) and approves; the
 * 分管领导 returns it with a comment; the clerk revises and resubmits; both approve; the item is
 * in the column and in search (found by the attachment's text); the 发布审查表 downloads; the
 * item is withdrawn and leaves the portal. axe-core finds no WCAG 2.1 AA violation on the column
 * pages, the item page, the search results, nor in the large-type high-contrast mode.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeSharedChromium } from '../../src/render/chromium.js';
import { makeClerk, makeReviewer } from '../support/applications.js';
import { axeViolations } from '../support/axe.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';
import { recordPublishedItem } from '../../src/services/proactive/items.js';
import { docxWith, itemInput, SYSTEM } from '../support/proactive.js';

const AGENCY = '示范市科学技术局';
const NOW = new Date('2026-03-02T02:00:00Z');
const TITLE = '关于公布2026年度科普教育基地名单的通知';
const ATTACHMENT_TEXT = '星光天文馆';

async function login(page: Page, url: string, username: string, password: string) {
  await page.goto(`${url}/workspace/`);
  const form = page.getByLabel('用户名');
  const shell = page.getByRole('navigation', { name: '主导航' });
  await form.or(shell).first().waitFor();
  if (await shell.isVisible()) return;
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await shell.waitFor();
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true });

/** No axe violation; on failure the message lists each rule and the elements at fault. */
async function expectAccessible(page: Page, what: string) {
  const violations = await axeViolations(page);
  expect(
    violations.map((v) => `${v.id}（${v.help}）：${v.nodes.slice(0, 5).join('，')}`),
    what,
  ).toEqual([]);
}

describeBrowser('主动公开 in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let agencyId = '';

  const newContext = async () => {
    // bypassCSP: the test injects axe-core as a script into the page it checks.
    const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
    await context.clock.setFixedTime(NOW);
    contexts.push(context);
    return context;
  };

  beforeAll(async () => {
    server = await startServer();
    agencyId = (
      await server.ctx.store.db
        .selectFrom('agency')
        .select('id')
        .where('name', '=', AGENCY)
        .executeTakeFirstOrThrow()
    ).id;
    await makeClerk(server.ctx, agencyId, 'sun', 'Clerk-secret-2026', '孙经办');
    await makeReviewer(server.ctx, agencyId, 'zhou', 'Review-secret-2026', 'section_head');
    await makeReviewer(server.ctx, agencyId, 'wuling', 'Review-secret-2026', 'deputy');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await closeSharedChromium();
    await server?.close();
  });

  it('drafts, reviews with the 保密审查 checklist, returns, revises, publishes, finds, downloads the 审查表 and withdraws', async () => {
    // --- the clerk drafts ---------------------------------------------------------------------
    const clerk = await (await newContext()).newPage();
    await login(clerk, server.url, 'sun', 'Clerk-secret-2026');
    await nav(clerk, '主动公开').click();
    await clerk.getByRole('link', { name: '起草信息' }).click();
    await clerk.getByRole('heading', { name: '起草信息' }).waitFor();
    // 发布机构 is the agency's name until the clerk changes it.
    await expect.poll(() => clerk.getByLabel('发布机构').inputValue()).toBe(AGENCY);
    await clerk.getByLabel('文号').fill('示科发〔2026〕8号');
    await clerk.getByLabel('发布机构').fill('');
    await clerk.getByRole('button', { name: '保存草稿' }).click();
    // Every missing field at once, in Chinese, next to its field; what was typed stays.
    for (const message of ['请填写标题。', '请填写正文。', '请填写发布机构。'])
      await clerk.locator('.field-error', { hasText: message }).waitFor();
    await clerk.getByRole('alert').getByText('请改正以下 3 处').waitFor();
    expect(await clerk.getByLabel('文号').inputValue()).toBe('示科发〔2026〕8号');
    expect(await clerk.getByLabel('标题').getAttribute('aria-invalid')).toBe('true');

    await clerk.getByLabel('标题').fill(TITLE);
    await clerk.getByLabel('正文').fill('<p>现将2026年度科普教育基地名单予以公布。</p>');
    await clerk.getByLabel('发布机构').fill(AGENCY);
    await clerk.getByLabel('成文日期').fill('2026-02-26');
    await clerk.getByLabel('主题分类').selectOption('科技、教育');
    await clerk.getByRole('button', { name: '保存草稿' }).click();
    await clerk.getByRole('heading', { name: TITLE }).waitFor();
    // A text file named .docx is refused with its name; the page keeps the draft as it was.
    await clerk.getByLabel('上传附件').setInputFiles({
      name: '假文件.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from('这不是Word文件'),
    });
    await clerk
      .locator('.field-error', { hasText: '“假文件.docx”的内容不是允许的文件类型' })
      .waitFor();
    expect(await clerk.getByRole('link', { name: '假文件.docx' }).count()).toBe(0);
    await clerk.getByLabel('上传附件').setInputFiles({
      name: '科普教育基地名单.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from(await docxWith([`附件：科普教育基地名单，含${ATTACHMENT_TEXT}`])),
    });
    await clerk.getByRole('status').getByText('已上传“科普教育基地名单.docx”').waitFor();
    await clerk.getByRole('link', { name: '科普教育基地名单.docx' }).waitFor();
    await expectAccessible(clerk, '工作台：草稿信息页');
    await clerk.getByRole('button', { name: '提交审查' }).click();
    await clerk.getByRole('status').getByText('已提交发布审查').waitFor();
    await clerk.getByText('待股室负责人审批').waitFor();
    const itemUrl = clerk.url();
    const itemId = itemUrl.split('/').pop()!;

    // --- the 股室负责人: the checklist cannot be skipped -------------------------------------------
    const head = await (await newContext()).newPage();
    await login(head, server.url, 'zhou', 'Review-secret-2026');
    await nav(head, '审批').click();
    const headCard = head.getByRole('region', { name: new RegExp(TITLE) });
    await headCard.getByRole('link', { name: '填写保密审查清单并审查' }).click();
    await head.getByRole('heading', { name: TITLE }).waitFor();
    const checklist = head.getByRole('group', { name: '保密审查清单' });
    await checklist.getByLabel('涉及国家秘密').selectOption('clear');
    await head.getByLabel('审查意见').fill('同意公开');
    await head.getByRole('button', { name: '同意' }).click();
    // The four unanswered questions are each marked; the answer and comment typed stay.
    await checklist.getByText('保密审查清单未填完：请回答“涉及商业秘密”。').waitFor();
    await checklist.getByText(/请回答“涉及个人信息/).waitFor();
    await head.getByRole('alert').getByText('请改正以下 4 处').waitFor();
    expect(await checklist.locator('[aria-invalid="true"]').count()).toBe(4);
    expect(await checklist.getByLabel('涉及国家秘密').inputValue()).toBe('clear');
    expect(await head.getByLabel('审查意见').inputValue()).toBe('同意公开');
    await expectAccessible(head, '工作台：标出错误的保密审查清单');
    for (const label of [/涉及敏感信息/, /涉及个人信息/, '涉及商业秘密', /内部事务/])
      await checklist.getByLabel(label).selectOption('clear');
    await head.getByRole('button', { name: '同意' }).click();
    await head.getByRole('status').getByText('已同意').waitFor();
    await head.getByText('待分管领导审批').waitFor();

    // --- the 分管领导 returns it with a comment -----------------------------------------------
    const deputy = await (await newContext()).newPage();
    await login(deputy, server.url, 'wuling', 'Review-secret-2026');
    await nav(deputy, '审批').click();
    const deputyCard = deputy.getByRole('region', { name: new RegExp(TITLE) });
    await deputyCard.getByRole('button', { name: '退回修改' }).click();
    await deputyCard.getByText('退回时请写明理由').waitFor();
    await deputyCard.getByLabel(/审批意见/).fill('请在正文中补充咨询电话。');
    await deputyCard.getByRole('button', { name: '退回修改' }).click();
    await deputy.getByRole('status').getByText('已退回').waitFor();

    // --- the clerk revises and resubmits --------------------------------------------------------
    await clerk.reload();
    await clerk.getByText('请在正文中补充咨询电话。').waitFor();
    expect(await clerk.getByTestId('item-status').textContent()).toBe('草稿');
    await clerk.getByRole('link', { name: '修改草稿' }).click();
    await clerk.getByRole('heading', { name: '修改信息' }).waitFor();
    await clerk
      .getByLabel('正文')
      .fill('<p>现将2026年度科普教育基地名单予以公布。咨询电话：0999-7654321。</p>');
    await clerk.getByRole('button', { name: '保存草稿' }).click();
    await clerk.getByRole('heading', { name: TITLE }).waitFor();
    await clerk.getByText('咨询电话：0999-7654321').waitFor();
    await clerk.getByRole('button', { name: '提交审查' }).click();
    await clerk.getByRole('status').getByText('已提交发布审查').waitFor();

    // --- both approve -------------------------------------------------------------------------
    await head.goto(itemUrl);
    await head.getByRole('heading', { name: TITLE }).waitFor();
    for (const label of [
      '涉及国家秘密',
      /涉及敏感信息/,
      /涉及个人信息/,
      '涉及商业秘密',
      /内部事务/,
    ])
      await head
        .getByRole('group', { name: '保密审查清单' })
        .getByLabel(label)
        .selectOption('clear');
    await head.getByRole('button', { name: '同意' }).click();
    await head.getByRole('status').getByText('已同意').waitFor();

    await nav(deputy, '主动公开').click();
    await nav(deputy, '审批').click();
    await deputy
      .getByRole('region', { name: new RegExp(TITLE) })
      .getByRole('button', { name: '同意' })
      .click();
    await deputy.getByRole('status').getByText('已同意').waitFor();

    await clerk.reload();
    await expect.poll(() => clerk.getByTestId('item-status').textContent()).toBe('已发布');

    // --- the citizen finds it in the column and in search -------------------------------------
    const citizen = await (await newContext()).newPage();
    // The checker itself sees a page without lang and an image without text.
    await citizen.setContent('<html><body><main><img src="x.png"></main></body></html>');
    expect((await axeViolations(citizen)).map((v) => v.id)).toEqual(
      expect.arrayContaining(['html-has-lang', 'image-alt']),
    );
    await citizen.goto(`${server.url}/portal/agencies/${agencyId}/disclosure`);
    await expectAccessible(citizen, '专栏首页');
    await citizen.getByRole('link', { name: TITLE }).first().waitFor();
    for (const section of [
      '政府信息公开指南',
      '政府信息公开制度',
      '法定主动公开内容',
      '政府信息公开年报',
    ]) {
      await citizen
        .getByRole('navigation', { name: '政府信息公开专栏' })
        .getByRole('link', { name: section })
        .click();
      await citizen.getByRole('heading', { level: 1 }).waitFor();
      await expectAccessible(citizen, section);
    }
    await citizen.goto(`${server.url}/portal/agencies/${agencyId}/disclosure`);
    await citizen.getByRole('search').getByLabel('检索关键词').fill(ATTACHMENT_TEXT);
    await citizen.getByRole('search').getByRole('button', { name: '检索' }).click();
    await citizen.getByText('找到 1 条').waitFor();
    await expectAccessible(citizen, '检索结果');
    await citizen.getByRole('link', { name: TITLE }).click();
    await citizen.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(await citizen.getByRole('row', { name: /索引号/ }).textContent()).toMatch(/\S+/);
    await citizen.getByRole('link', { name: '科普教育基地名单.docx' }).waitFor();
    await expectAccessible(citizen, '信息页');
    // The large-type high-contrast mode stays on across pages, and passes axe too.
    await citizen.getByRole('link', { name: '大字号 高对比度' }).click();
    await citizen.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(await citizen.locator('html').getAttribute('class')).toBe('large');
    await expectAccessible(citizen, '大字号模式的信息页');
    await citizen.goto(`${server.url}/portal/search?q=${encodeURIComponent(ATTACHMENT_TEXT)}`);
    expect(await citizen.locator('html').getAttribute('class')).toBe('large');
    await expectAccessible(citizen, '大字号模式的检索结果');
    // Keyboard first: the skip link is the first stop and leads to the main content.
    await citizen.keyboard.press('Tab');
    expect(await citizen.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文');
    // 360 px wide (a phone): nothing runs off the side of the item page or the column.
    await citizen.setViewportSize({ width: 360, height: 740 });
    for (const url of [
      `/portal/agencies/${agencyId}/items/${itemId}`,
      `/portal/agencies/${agencyId}/disclosure`,
    ]) {
      await citizen.goto(`${server.url}${url}`);
      expect(
        await citizen.evaluate(() => document.documentElement.scrollWidth),
        url,
      ).toBeLessThanOrEqual(360);
    }
    await citizen.setViewportSize({ width: 1280, height: 800 });
    // Every kind of column page in both modes, with a repealed document (banner, badges).
    const repealed = await server.ctx.store.db
      .selectFrom('proactive_item')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where('validity', '=', 'repealed')
      .executeTakeFirstOrThrow();
    const pages = [
      `/portal/agencies/${agencyId}`,
      `/portal/agencies/${agencyId}/disclosure`,
      `/portal/agencies/${agencyId}/disclosure/guide`,
      `/portal/agencies/${agencyId}/disclosure/system`,
      `/portal/agencies/${agencyId}/disclosure/statutory`,
      `/portal/agencies/${agencyId}/disclosure/statutory?category=a20_01`,
      `/portal/agencies/${agencyId}/disclosure/reports`,
      `/portal/agencies/${agencyId}/items/${repealed.id}`,
      `/portal/agencies/${agencyId}/search?q=${encodeURIComponent('办法')}&validity=repealed`,
      `/portal/search?q=${encodeURIComponent('规定')}`,
      '/portal/sitemap',
    ];
    for (const mode of ['large', 'normal']) {
      await citizen.goto(`${server.url}/portal/display?mode=${mode}`);
      for (const url of pages) {
        await citizen.goto(`${server.url}${url}`);
        await expectAccessible(citizen, `${mode === 'large' ? '大字号模式 ' : ''}${url}`);
      }
    }

    // --- the 发布审查表 downloads ----------------------------------------------------------------
    const [docx] = await Promise.all([
      clerk.waitForEvent('download'),
      clerk.getByRole('link', { name: 'Word（DOCX）' }).click(),
    ]);
    expect(docx.suggestedFilename()).toMatch(/^发布审查表-.+\.docx$/);
    const docxBytes = await readDownload(docx);
    expect(docxBytes.subarray(0, 2).toString()).toBe('PK');
    const [pdf] = await Promise.all([
      clerk.waitForEvent('download'),
      clerk.getByRole('link', { name: 'PDF' }).click(),
    ]);
    expect((await readDownload(pdf)).subarray(0, 5).toString()).toBe('%PDF-');

    // --- withdrawn: it leaves the portal --------------------------------------------------------
    await clerk.getByRole('button', { name: '撤回', exact: true }).click();
    await clerk.locator('.field-error', { hasText: '请填写撤回原因。' }).waitFor();
    await clerk.getByLabel('撤回原因').fill('名单需核实，核实后重新发布');
    await clerk.getByRole('button', { name: '撤回', exact: true }).click();
    await clerk.getByRole('status').getByText('已撤回').waitFor();
    await expect.poll(() => clerk.getByTestId('item-status').textContent()).toBe('已撤回');
    await nav(clerk, '主动公开').click();
    const row = clerk
      .getByRole('table', { name: '主动公开信息' })
      .getByRole('row', { name: new RegExp(TITLE) });
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('已撤回');

    const gone = await citizen.goto(`${server.url}/portal/agencies/${agencyId}/items/${itemId}`);
    expect(gone?.status()).toBe(404);
    await citizen.getByRole('heading', { name: '找不到页面' }).waitFor();
    await citizen.goto(`${server.url}/portal/agencies/${agencyId}/disclosure`);
    expect(await citizen.getByRole('link', { name: TITLE }).count()).toBe(0);
    await citizen.goto(`${server.url}/portal/search?q=${encodeURIComponent(ATTACHMENT_TEXT)}`);
    await citizen.getByText('找到 0 条').waitFor();
  }, 300_000);

  it('a clerk repeals a normative document, naming the one that replaces it; its public page shows the banner and links it', async () => {
    const old = await server.ctx.store.db
      .selectFrom('proactive_item')
      .select(['id', 'title'])
      .where('agency_id', '=', agencyId)
      .where('kind', '=', 'normative')
      .where('status', '=', 'published')
      .where('validity', '=', 'in_force')
      .executeTakeFirstOrThrow();
    // The new document, published earlier through the chain (walked in the test above).
    const successor = await recordPublishedItem(server.ctx, SYSTEM, agencyId, {
      ...itemInput({
        kind: 'normative',
        title: '示范市科技计划项目管理办法（2026年修订）',
        documentNumber: '示科规〔2026〕1号',
        article20Category: 'a20_01',
      }),
      publishedOn: '2026-02-27',
    });

    const clerk = await (await newContext()).newPage();
    await login(clerk, server.url, 'sun', 'Clerk-secret-2026');
    await clerk.goto(`${server.url}/workspace/proactive/${old.id}`);
    const form = clerk.getByRole('form', { name: '有效性变化' });
    await form.getByLabel('变为').selectOption({ label: '已修改' });
    await form.getByRole('button', { name: '登记有效性变化' }).click();
    // Both problems at once, each by its field.
    await form.locator('.field-error', { hasText: '请填写有效性变化的日期' }).waitFor();
    await form.locator('.field-error', { hasText: '须指明修改它的文件' }).waitFor();
    expect(await form.getByLabel('变为').inputValue()).toBe('amended');

    await form.getByLabel('变为').selectOption({ label: '已废止' });
    await form.getByLabel('变化日期').fill('2026-03-01');
    await form
      .getByLabel('修改或废止它的文件')
      .selectOption({ label: `${successor.title}（示科规〔2026〕1号）` });
    await form.getByRole('button', { name: '登记有效性变化' }).click();
    await clerk.getByRole('status').getByText('已登记为“已废止”').waitFor();
    expect(await clerk.getByTestId('item-validity').textContent()).toBe('已废止（2026-03-01起）');

    const citizen = await (await newContext()).newPage();
    await citizen.goto(`${server.url}/portal/agencies/${agencyId}/items/${old.id}`);
    const banner = citizen.getByRole('alert');
    expect(await banner.textContent()).toMatch(/本文件自2026-03-01起已废止/);
    await expectAccessible(citizen, '已废止文件的信息页');
    await banner.getByRole('link', { name: successor.title }).click();
    await citizen.getByRole('heading', { level: 1, name: successor.title }).waitFor();
    await citizen.getByRole('heading', { name: '本文件修改或废止的文件' }).waitFor();
    await citizen.getByRole('link', { name: old.title }).waitFor();
  });
});

async function readDownload(download: { createReadStream(): Promise<NodeJS.ReadableStream> }) {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
