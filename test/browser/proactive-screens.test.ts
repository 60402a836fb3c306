/**
 * The 主动公开 screens beyond drafting and review, in real Chromium, as the people who use them:
 * the agency administrator adds a 基层 catalogue entry (every missing field named at once by its
 * label, nothing typed lost), sees it overdue and edits it; the clerk drafts an interpretation
 * from its policy's page under that entry, links an already published interpretation to the
 * policy (a 更正 with its reason), sees the lag both ways, and corrects the policy with its
 * earlier version listed. Those who may not edit see no edit control.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeSharedChromium } from '../../src/render/chromium.js';
import { createUser } from '../../src/services/accounts.js';
import { recordPublishedItem } from '../../src/services/proactive/items.js';
import type { TestClock } from '../support/app.js';
import { makeClerk, makeReviewer } from '../support/applications.js';
import { axeViolations } from '../support/axe.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';
import { itemInput, SYSTEM } from '../support/proactive.js';

const AGENCY = '示范市科学技术局';
const NOW = new Date('2026-03-02T02:00:00Z');
const PASSWORD = 'Screens-secret-2026';
const POLICY = '示范市促进科技成果转化若干措施';
const OTHER_POLICY = '示范市科技企业孵化器管理办法';
const PUBLISHED_READING = '一图读懂科技成果转化措施';

/** No axe violation; on failure the message lists each rule and the elements at fault. */
async function expectAccessible(page: Page, what: string) {
  const violations = await axeViolations(page);
  expect(
    violations.map((v) => `${v.id}（${v.help}）：${v.nodes.slice(0, 5).join('，')}`),
    what,
  ).toEqual([]);
}

describeBrowser('主动公开 screens in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let policyId = '';

  beforeAll(async () => {
    server = await startServer();
    const { ctx } = server;
    (ctx.clock as TestClock).set(NOW);
    const agencyId = (
      await ctx.store.db
        .selectFrom('agency')
        .select('id')
        .where('name', '=', AGENCY)
        .executeTakeFirstOrThrow()
    ).id;
    await makeClerk(ctx, agencyId, 'qian', PASSWORD, '钱经办');
    await makeReviewer(ctx, agencyId, 'lishen', PASSWORD, 'section_head');
    await createUser(ctx, SYSTEM, {
      username: 'zhao',
      displayName: '赵管理',
      password: PASSWORD,
      grants: [{ role: 'agency_admin', agencyId }],
      mustChangePassword: false,
    });
    policyId = (
      await recordPublishedItem(ctx, SYSTEM, agencyId, {
        ...itemInput({ kind: 'policy', title: POLICY, documentNumber: '示科发〔2026〕5号' }),
        publishedOn: '2026-02-20',
      })
    ).id;
    const other = await recordPublishedItem(ctx, SYSTEM, agencyId, {
      ...itemInput({ kind: 'policy', title: OTHER_POLICY, documentNumber: '示科发〔2026〕6号' }),
      publishedOn: '2026-02-10',
    });
    // Published as an interpretation of the other policy, by mistake: the clerk links it here.
    await recordPublishedItem(ctx, SYSTEM, agencyId, {
      ...itemInput({
        kind: 'interpretation',
        title: PUBLISHED_READING,
        documentNumber: null,
        policyId: other.id,
        interpretationForm: 'graphic',
      }),
      publishedOn: '2026-02-25',
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await closeSharedChromium();
    await server?.close();
  });

  async function signIn(username: string): Promise<Page> {
    // bypassCSP: the test injects axe-core as a script into the page it checks.
    const context = await browser.newContext({ locale: 'zh-CN', bypassCSP: true });
    await context.clock.setFixedTime(NOW);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/workspace/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '主动公开', exact: true })
      .click();
    await page.getByRole('heading', { name: '主动公开', exact: true }).waitFor();
    return page;
  }

  it('the agency administrator adds a catalogue entry (all problems at once), sees it overdue, and edits it', async () => {
    const admin = await signIn('zhao');
    await admin.getByRole('link', { name: '基层政务公开标准目录' }).click();
    await admin.getByRole('link', { name: '添加事项' }).click();
    await admin.getByRole('heading', { name: '添加标准目录事项' }).waitFor();
    await admin.getByLabel('公开事项').fill('科技项目立项公示');
    await admin.getByLabel('公开主体').fill(AGENCY);
    await admin.getByRole('button', { name: '保存事项' }).click();
    // Eight fields left empty (方式 comes filled in): each named by its label, at once.
    const alert = admin.getByRole('alert');
    await alert.getByText('请改正以下 8 处').waitFor();
    for (const label of ['公开内容', '公开依据', '公开时限', '起始日期', '时限天数'])
      await alert.getByText(`请填写“${label}”。`).waitFor();
    expect(await admin.getByLabel('公开事项').inputValue()).toBe('科技项目立项公示');
    expect(await admin.getByLabel('公开主体').inputValue()).toBe(AGENCY);
    expect(await admin.getByLabel('公开内容').getAttribute('aria-invalid')).toBe('true');

    await admin.getByLabel('公开内容').fill('项目名称、承担单位、资助金额');
    await admin.getByLabel('公开依据').fill('《示范市科技计划项目管理办法》');
    await admin.getByLabel('公开时限').fill('每年1月31日前');
    await admin.getByLabel('公开渠道').fill('政府网站');
    await admin.getByLabel('公开对象').fill('全社会');
    await admin.getByLabel('公开层级').fill('市级');
    await admin.getByLabel('公开周期').selectOption({ label: '每年' });
    await admin.getByLabel('起始日期').fill('2026-01-01');
    await admin.getByLabel('时限天数').fill('30');
    await admin.getByRole('button', { name: '保存事项' }).click();
    await admin.getByRole('heading', { name: '科技项目立项公示' }).waitFor();
    // Due on 2026-01-31, nothing published under it by 2026-03-02: overdue.
    await admin
      .getByTestId('catalogue-status')
      .getByText('逾期（应于 2026-01-31 前公开）')
      .waitFor();
    await admin.getByText('《示范市科技计划项目管理办法》').waitFor();

    await admin.getByRole('link', { name: '修改事项' }).click();
    await admin.getByRole('heading', { name: '修改标准目录事项' }).waitFor();
    await expect.poll(() => admin.getByLabel('公开时限').inputValue()).toBe('每年1月31日前');
    await admin.getByLabel('公开时限').fill('每年3月31日前');
    await admin.getByLabel('时限天数').fill('90');
    await admin.getByRole('button', { name: '保存事项' }).click();
    await admin.getByRole('heading', { name: '科技项目立项公示' }).waitFor();
    await admin.getByText('每年3月31日前').waitFor();
    await admin.getByTestId('catalogue-status').getByText('待公开（2026-04-01 前）').waitFor();
  });

  it('the agency administrator saves the guide as versions, changes the 索引号 scheme without renumbering, and enters table 二 figures', async () => {
    const admin = await signIn('zhao');
    await admin.getByRole('link', { name: '政府信息公开指南' }).click();
    await admin
      .getByTestId('guide-version')
      .getByText(/^生成稿/)
      .waitFor();
    await admin.getByLabel('第 1 节内容').fill('本机关主动公开的政府信息，在本专栏发布。');
    await admin.getByRole('button', { name: '保存为新版本' }).click();
    await admin.getByRole('status').getByText('已保存为第 1 版').waitFor();
    await admin.getByLabel('第 1 节标题').fill('一、主动公开的范围');
    await admin.getByRole('button', { name: '保存为新版本' }).click();
    await admin.getByRole('status').getByText('已保存为第 2 版').waitFor();
    const old = admin.getByTestId('guide-old-version');
    await old.getByText(/^第 1 版/).waitFor();
    await old.locator('summary').click();
    await old.getByRole('heading', { name: '一、主动公开' }).waitFor();

    await admin.goto(`${server.url}/workspace/proactive/settings`);
    const numbers = admin.getByTestId('published-index');
    await numbers.first().waitFor();
    const before = await numbers.allTextContents();
    expect(before.length).toBeGreaterThan(0);
    await admin.getByRole('textbox', { name: '索引号规则' }).fill('');
    await admin.getByLabel('机构代码').fill('');
    await admin.getByRole('button', { name: '保存索引号规则' }).click();
    await admin.getByRole('alert').getByText('请改正以下 2 处').waitFor();
    await admin.getByRole('textbox', { name: '索引号规则' }).fill('{机构代码}-{年份}-{流水号:6}');
    await admin.getByLabel('机构代码').fill('SKJ');
    await admin.getByRole('button', { name: '保存索引号规则' }).click();
    await admin
      .getByRole('status')
      .getByText(/已发布的 (\d+) 条信息中 \1 条索引号不变（全部保留原号）/)
      .waitFor();
    await admin.getByTestId('index-example').getByText('SKJ-2026-000001').waitFor();
    expect(await numbers.allTextContents()).toEqual(before);

    await admin.goto(`${server.url}/workspace/proactive/figures/2025`);
    await admin.getByLabel('（五）行政许可决定数').fill('十二');
    await admin.getByLabel('（八）行政事业性收费金额').fill('3.5');
    await admin.getByRole('button', { name: '保存表二数字' }).click();
    // Empty and wrong fields all at once; what was typed stays.
    const problems = admin.getByRole('alert');
    await problems.getByText('请改正以下 4 处').waitFor();
    await problems.getByText('请填写“数据来源”。').waitFor();
    await problems.getByText('“（五）行政许可决定数”须为不小于 0 的整数。').waitFor();
    expect(await admin.getByLabel('（五）行政许可决定数').inputValue()).toBe('十二');
    await admin.getByLabel('（五）行政许可决定数').fill('12');
    await admin.getByLabel('（六）行政处罚决定数').fill('3');
    await admin.getByLabel('（六）行政强制决定数').fill('0');
    await admin.getByLabel('数据来源').fill('市政务服务平台导出，2026-01-05');
    await admin.getByRole('button', { name: '保存表二数字' }).click();
    await admin.getByRole('status').getByText('已保存').waitFor();
    await admin.getByText(/来源：\s*市政务服务平台导出，2026-01-05/).waitFor();
    await admin.reload();
    await expect.poll(() => admin.getByLabel('（八）行政事业性收费金额').inputValue()).toBe('3.5');

    // Importing from a file: typed-but-unsaved values in the form stay; bad rows all listed.
    await admin.getByLabel('（五）行政许可决定数').fill('99');
    const csv = (text: string) => ({ mimeType: 'text/csv', buffer: Buffer.from(text) });
    await admin
      .getByLabel('选择文件')
      .setInputFiles({ name: '错.csv', ...csv('行政许可,-1\n行政处罚,2.5\n行政强制,0\n') });
    const listed = admin.getByRole('alert');
    await listed.getByText('请改正以下 3 处').waitFor();
    await listed.getByText(/第 2 行第 2 列（行政处罚）/).waitFor();
    await expectAccessible(admin, '表二数字：导入文件的问题');
    await admin.getByLabel('选择文件').setInputFiles({
      name: '平台导出.csv',
      ...csv('项目,数量\n行政许可,40\n行政处罚,5\n行政强制,1\n行政事业性收费,7.25\n'),
    });
    const read = admin.getByRole('table', { name: '将要保存的数字' });
    await read.getByText('7.25 万元').waitFor();
    await expectAccessible(admin, '表二数字：导入预览');
    await admin.getByRole('button', { name: '保存导入的数字' }).click();
    await admin
      .getByRole('status')
      .getByText(/已从“平台导出\.csv”导入并保存/)
      .waitFor();
    await admin.getByText(/来源：\s*导入：平台导出\.csv/).waitFor();
    expect(await admin.getByLabel('（五）行政许可决定数').inputValue()).toBe('99');
    await expectAccessible(admin, '表二数字：导入并保存之后');
  });

  it('the clerk drafts an interpretation from the policy, links a published one with a 更正, and corrects the policy', async () => {
    const clerk = await signIn('qian');
    // The clerk may not change the catalogue: no control for it.
    await clerk.getByRole('link', { name: '基层政务公开标准目录' }).click();
    await clerk.getByRole('link', { name: '科技项目立项公示' }).waitFor();
    expect(await clerk.getByRole('link', { name: '添加事项' }).count()).toBe(0);
    await clerk.goBack();

    await clerk.getByRole('link', { name: POLICY }).click();
    await clerk.getByRole('heading', { name: POLICY }).waitFor();
    await clerk.getByText('这份文件还没有解读。').waitFor();
    await clerk.getByRole('link', { name: '起草解读' }).click();
    await clerk.getByRole('heading', { name: '起草政策解读' }).waitFor();
    await expect.poll(() => clerk.getByLabel('标题').inputValue()).toBe(`《${POLICY}》政策解读`);
    expect(await clerk.getByLabel('信息类别').inputValue()).toBe('interpretation');
    expect(await clerk.getByLabel('政策文件').inputValue()).toBe(policyId);
    await clerk.getByLabel('正文').fill('<p>一、出台背景。二、主要内容。</p>');
    await clerk.getByRole('button', { name: '保存草稿' }).click();
    // The form is named by its label, and nothing typed is lost.
    await clerk.getByText('请选择解读形式（文字解读、图解、音视频或新闻发布）。').first().waitFor();
    expect(await clerk.getByLabel('正文').inputValue()).toBe('<p>一、出台背景。二、主要内容。</p>');
    await clerk.getByLabel('解读形式').selectOption({ label: '文字解读' });
    await clerk.getByLabel('标准目录事项').selectOption({ label: '科技项目立项公示' });
    await clerk.getByRole('button', { name: '保存草稿' }).click();
    await clerk.getByRole('heading', { name: `《${POLICY}》政策解读` }).waitFor();
    const ownPolicy = clerk.getByRole('region', { name: '所解读的政策' });
    await ownPolicy.getByRole('link', { name: POLICY }).waitFor();
    await ownPolicy.getByTestId('lag').getByText('尚未发布，暂无法计算').waitFor();

    // From the policy's page: the draft is listed; the published 一图读懂 is linked here.
    await ownPolicy.getByRole('link', { name: POLICY }).click();
    await clerk.getByRole('heading', { name: POLICY }).waitFor();
    const readings = clerk.getByRole('table', { name: '本文件的解读' });
    await readings.getByRole('link', { name: `《${POLICY}》政策解读` }).waitFor();
    const link = clerk.getByRole('form', { name: '关联解读' });
    await link.getByLabel('要关联的解读').selectOption({ label: PUBLISHED_READING });
    await link.getByLabel('解读形式').selectOption({ label: '图解' });
    await link.getByRole('button', { name: '关联到本政策' }).click();
    await link.getByText('已发布的解读改关联要作更正，请填写更正原因。').first().waitFor();
    await link.getByLabel('更正原因').fill('原关联的政策有误');
    await link.getByRole('button', { name: '关联到本政策' }).click();
    await clerk.getByRole('status').getByText('已把所选的解读关联到本政策文件。').waitFor();
    const row = readings.getByRole('row').filter({ hasText: PUBLISHED_READING });
    await row.getByText('图解').waitFor();
    // Policy out on 2026-02-20, its 一图读懂 on 2026-02-25.
    await row.getByTestId('lag').getByText('滞后 5 天').waitFor();

    // The other direction: the interpretation's page names this policy and the same lag, and
    // keeps its version before the link.
    await row.getByRole('link', { name: PUBLISHED_READING }).click();
    await clerk.getByRole('heading', { name: PUBLISHED_READING }).waitFor();
    const itsPolicy = clerk.getByRole('region', { name: '所解读的政策' });
    await itsPolicy.getByRole('link', { name: POLICY }).waitFor();
    await itsPolicy.getByTestId('lag').getByText('滞后 5 天').waitFor();
    await clerk.getByTestId('version').getByText('原因：原关联的政策有误').waitFor();
    // The other policy no longer lists it.
    await clerk.goto(`${server.url}/workspace/proactive`);
    await clerk.getByRole('link', { name: OTHER_POLICY }).click();
    await clerk.getByText('这份文件还没有解读。').waitFor();

    // The interpretation drafted under the catalogue entry is listed on the entry's page.
    await clerk.goto(`${server.url}/workspace/proactive/catalogue`);
    await clerk.getByRole('link', { name: '科技项目立项公示' }).click();
    await clerk
      .getByRole('table', { name: '在此事项下的信息' })
      .getByRole('link', { name: `《${POLICY}》政策解读` })
      .waitFor();
    expect(await clerk.getByRole('link', { name: '修改事项' }).count()).toBe(0);

    // 更正 the policy: the reason and the emptied title are named at once; the old version stays.
    await clerk.goto(`${server.url}/workspace/proactive/${policyId}`);
    await clerk.getByRole('link', { name: '更正', exact: true }).click();
    await clerk.getByRole('heading', { name: '更正信息' }).waitFor();
    await clerk.getByLabel('标题').fill('');
    await clerk.getByLabel('文号').fill('示科发〔2026〕5号（更正）');
    await clerk.getByRole('button', { name: '保存更正' }).click();
    const refusal = clerk.getByRole('alert');
    await refusal.getByText('请改正以下 2 处').waitFor();
    await refusal.getByText('请填写更正原因。').waitFor();
    await refusal.getByText('请填写标题。').waitFor();
    expect(await clerk.getByLabel('文号').inputValue()).toBe('示科发〔2026〕5号（更正）');
    await clerk.getByLabel('标题').fill(`${POLICY}（2026年修订）`);
    await clerk.getByLabel('更正原因').fill('文号录入有误');
    await clerk.getByRole('button', { name: '保存更正' }).click();
    await clerk.getByRole('heading', { name: `${POLICY}（2026年修订）` }).waitFor();
    const version = clerk.getByTestId('version');
    await version.getByText('原因：文号录入有误').waitFor();
    await version.locator('summary').click();
    await version.getByText('示科发〔2026〕5号', { exact: true }).waitFor();
  });

  it('a reviewer reads the links but has no control to change them', async () => {
    const reviewer = await signIn('lishen');
    await reviewer.goto(`${server.url}/workspace/proactive/${policyId}`);
    await reviewer.getByRole('table', { name: '本文件的解读' }).waitFor();
    expect(await reviewer.getByRole('link', { name: '起草解读' }).count()).toBe(0);
    expect(await reviewer.getByRole('form', { name: '关联解读' }).count()).toBe(0);
    expect(await reviewer.getByRole('link', { name: '更正', exact: true }).count()).toBe(0);
    await reviewer.goto(`${server.url}/workspace/proactive/settings`);
    await reviewer.getByRole('heading', { name: '索引号规则' }).waitFor();
    expect(await reviewer.getByRole('form', { name: '索引号规则' }).count()).toBe(0);
  });
});
