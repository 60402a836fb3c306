/**
 * The annual report editor takes table 二 from the 主动公开 register, in real Chromium: the clerk
 * presses 「从主动公开登记取数」 on a draft; the 第二十条（一） cells equal a count made here of the
 * seeded items (and the register's own answer), with their documents linked; the （五）（六）（八）
 * figures entered for the year fill their cells; a figure the clerk typed differently is not
 * overwritten until the clerk chooses; the section 一 sentence is inserted after the clerk's text.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeSharedChromium } from '../../src/render/chromium.js';
import { createUser } from '../../src/services/accounts.js';
import { enterYearFigures, proactiveFigures } from '../../src/services/proactive/figures.js';
import { recordPublishedItem } from '../../src/services/proactive/items.js';
import { changeValidity } from '../../src/services/proactive/item-changes.js';
import { createReport } from '../../src/services/reports.js';
import { totpCode } from '../support/app.js';
import { makeClerk } from '../support/applications.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';
import { itemInput, SYSTEM } from '../support/proactive.js';

const AGENCY = '示范市科学技术局';
const PASSWORD = 'Register-secret-2026';
// A year before the demo data's.
const YEAR = 2022;

interface Seeded {
  kind: 'regulation' | 'normative' | 'general';
  publishedOn: string;
  repealedOn?: string;
}

const SEEDS: Seeded[] = [
  { kind: 'regulation', publishedOn: `${YEAR}-03-15` },
  { kind: 'regulation', publishedOn: `${YEAR}-07-01` },
  { kind: 'regulation', publishedOn: `${YEAR - 1}-05-20` },
  { kind: 'normative', publishedOn: `${YEAR}-02-10` },
  { kind: 'normative', publishedOn: `${YEAR}-04-10`, repealedOn: `${YEAR}-11-01` },
  { kind: 'normative', publishedOn: `${YEAR}-09-10` },
  { kind: 'normative', publishedOn: `${YEAR - 1}-06-10`, repealedOn: `${YEAR}-06-01` },
  { kind: 'normative', publishedOn: `${YEAR - 1}-08-10` },
  { kind: 'general', publishedOn: `${YEAR}-05-05` },
  { kind: 'general', publishedOn: `${YEAR}-10-05` },
];

/** Table 二 第二十条（一） counted here from the seeds, independently of the register's code. */
function expectedItem1(kind: 'regulation' | 'normative') {
  const docs = SEEDS.filter((s) => s.kind === kind);
  const y = String(YEAR);
  return {
    issued: docs.filter((d) => d.publishedOn.startsWith(y)).length,
    repealed: docs.filter((d) => d.repealedOn?.startsWith(y)).length,
    in_force: docs.filter((d) => !d.repealedOn).length,
  };
}

describeBrowser('table 二 from the 主动公开 register in the report editor', () => {
  let server: RunningServer;
  let browser: Browser;
  let agencyId = '';

  beforeAll(async () => {
    server = await startServer();
    const { ctx } = server;
    agencyId = (
      await ctx.store.db
        .selectFrom('agency')
        .select('id')
        .where('name', '=', AGENCY)
        .executeTakeFirstOrThrow()
    ).id;
    await makeClerk(ctx, agencyId, 'wang', PASSWORD, '王经办');
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
    await createReport(ctx, SYSTEM, agencyId, YEAR - 1);
    const ids: string[] = [];
    for (const [i, s] of SEEDS.entries()) {
      const item = await recordPublishedItem(ctx, SYSTEM, agencyId, {
        ...itemInput({
          kind: s.kind,
          title: `登记取数测试文件${i}`,
          documentNumber: `示科发〔${s.publishedOn.slice(0, 4)}〕${i + 10}号`,
          writtenOn: null,
          article20Category: s.kind === 'general' ? 'a20_03' : 'a20_01',
          channels: i % 2 === 0 ? ['website'] : ['website', 'new_media'],
        }),
        publishedOn: s.publishedOn,
      });
      ids.push(item.id);
    }
    const successor = ids[SEEDS.findIndex((s) => s.kind === 'normative' && !s.repealedOn)]!;
    for (const [i, s] of SEEDS.entries())
      if (s.repealedOn)
        await changeValidity(ctx, SYSTEM, agencyId, ids[i]!, {
          validity: 'repealed',
          changedOn: s.repealedOn,
          successorId: successor,
        });
    await enterYearFigures(ctx, SYSTEM, agencyId, YEAR, {
      licensing: 12,
      penalty: 3,
      coercion: 1,
      feesFen: 125_000,
      source: '市政务服务平台导出',
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await closeSharedChromium();
    await server?.close();
  });

  const cell = (page: Page, label: string) =>
    page.getByRole('textbox', { name: label, exact: true });

  it('fills table 二 from the register, asks where the clerk typed otherwise, and inserts the sentence', async () => {
    const page = await browser.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${server.url}/workspace/`);
    await page.getByLabel('用户名').fill('wang');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '年度报告' })
      .click();
    const create = page.getByRole('form', { name: '新建年度报告' });
    await create.getByLabel('年度').selectOption(String(YEAR));
    await create.getByRole('button', { name: '新建年度报告' }).click();
    await page.getByRole('heading', { name: `${AGENCY}${YEAR}年度报告` }).waitFor();

    // The clerk has typed section 一 and one figure of table 二 already.
    const overview = page.getByRole('textbox', { name: '一、总体情况 正文' });
    await overview.click();
    await overview.pressSequentially('本局高度重视政务公开工作。');
    await cell(page, '行政许可 本年处理决定数量').fill('7');

    await page.getByRole('button', { name: '从主动公开登记取数' }).click();
    const result = page.getByRole('table', { name: '从登记取数的结果' });
    await result.waitFor();

    const register = await proactiveFigures(server.ctx.store.db, agencyId, YEAR);
    for (const [kind, row, label] of [
      ['regulation', 'regulations', '规章'],
      ['normative', 'normative_documents', '行政规范性文件'],
    ] as const) {
      const expected = expectedItem1(kind);
      for (const [column, columnLabel] of [
        ['issued', '本年制发件数'],
        ['repealed', '本年废止件数'],
        ['in_force', '现行有效件数'],
      ] as const) {
        expect(register.item1[row][column].value).toBe(expected[column]);
        expect(await cell(page, `${label} ${columnLabel}`).inputValue()).toBe(
          String(expected[column]),
        );
      }
    }
    // Each 第二十条（一） figure links its documents.
    const inForce = result.locator('tr[data-path="proactive.normative_documents.in_force"]');
    await inForce.getByText('查看构成该数字的 3 份文件').click();
    expect(await inForce.getByRole('link').count()).toBe(3);
    expect(await inForce.getByRole('link').first().getAttribute('href')).toContain(
      `/proactive/${register.item1.normative_documents.in_force.itemIds[0]}`,
    );

    // Entered for the year: filled where the draft held the fresh zero.
    expect(await cell(page, '行政处罚 本年处理决定数量').inputValue()).toBe('3');
    expect(await cell(page, '行政强制 本年处理决定数量').inputValue()).toBe('1');
    expect(await cell(page, '行政事业性收费 本年收费金额（单位：万元）').inputValue()).toBe(
      '0.125',
    );
    // The clerk's 7 is kept until the clerk chooses; both are shown.
    const licensing = result.locator('tr[data-path="proactive.licensing.decisions"]');
    expect(await licensing.getAttribute('data-status')).toBe('conflict');
    expect(await cell(page, '行政许可 本年处理决定数量').inputValue()).toBe('7');
    await licensing.getByRole('button', { name: '改用登记数 12' }).click();
    expect(await cell(page, '行政许可 本年处理决定数量').inputValue()).toBe('12');
    expect(await licensing.getAttribute('data-status')).toBe('filled');

    // The sentence: the register's, and its total counted here.
    const inYear = SEEDS.filter((s) => s.publishedOn.startsWith(String(YEAR))).length;
    const sentence = await page.getByTestId('section-one-sentence').textContent();
    expect(sentence).toBe(register.sectionOne);
    expect(sentence).toMatch(new RegExp(`^全年主动公开政府信息${inYear}条，其中`));
    await page.getByRole('button', { name: '插入第一部分' }).click();
    await expect
      .poll(() => overview.textContent())
      .toBe(`本局高度重视政务公开工作。${register.sectionOne}`);
    // Pressed again, the sentence is not put in twice; the clerk is told it is there.
    await page.getByRole('button', { name: '插入第一部分' }).click();
    await page.getByRole('status').getByText('已有这段表述，未重复插入').waitFor();
    expect(await overview.textContent()).toBe(`本局高度重视政务公开工作。${register.sectionOne}`);

    // One more document published in the year: taken again, the new sentence replaces the one
    // inserted before, and the clerk's own text stays.
    await recordPublishedItem(server.ctx, SYSTEM, agencyId, {
      ...itemInput({ title: '登记取数测试补充文件', documentNumber: null, writtenOn: null }),
      publishedOn: `${YEAR}-12-01`,
    });
    const again = await proactiveFigures(server.ctx.store.db, agencyId, YEAR);
    expect(again.sectionOne).not.toBe(register.sectionOne);
    await page.getByRole('button', { name: '从主动公开登记取数' }).click();
    await expect
      .poll(() => page.getByTestId('section-one-sentence').textContent())
      .toBe(again.sectionOne);
    await page.getByRole('button', { name: '插入第一部分' }).click();
    await page.getByRole('status').getByText('替换“一、总体情况”中先前插入的那一段').waitFor();
    await expect
      .poll(() => overview.textContent())
      .toBe(`本局高度重视政务公开工作。${again.sectionOne}`);

    // Saved, the figures and the text are the draft's.
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByRole('status').getByText('草稿已保存').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: `${AGENCY}${YEAR}年度报告` }).waitFor();
    expect(await cell(page, '规章 本年制发件数').inputValue()).toBe('2');
    expect(await cell(page, '行政许可 本年处理决定数量').inputValue()).toBe('12');
    expect(await page.getByRole('textbox', { name: '一、总体情况 正文' }).textContent()).toBe(
      `本局高度重视政务公开工作。${again.sectionOne}`,
    );
  });
  it('a person who is agency administrator and clerk may, in the administrator context, create, save and publish as the API lets them', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/workspace/`);
    await page.getByLabel('用户名').fill('shuanggang');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    const switcher = page.getByLabel('当前机关与角色');
    const admin = await switcher.locator('option', { hasText: '机关管理员' }).getAttribute('value');
    await switcher.selectOption(admin!);
    await expect.poll(() => switcher.inputValue()).toBe(admin);
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '年度报告' })
      .click();
    await page.getByRole('form', { name: '新建年度报告' }).waitFor();
    await page.goto(`${server.url}/workspace/reports/${YEAR - 1}`);
    await page.getByRole('heading', { name: `${AGENCY}${YEAR - 1}年度报告` }).waitFor();
    await page.getByRole('button', { name: '保存草稿' }).waitFor();
    await page.getByRole('button', { name: '发布', exact: true }).waitFor();
    // What the page offers the API accepts (the clerk grant counts there too).
    const cell = page.getByRole('textbox', { name: '一、总体情况 正文' });
    await cell.fill('本局按规定做好政务公开工作。');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿（有未保存的修改）').waitFor({ state: 'detached' });
    await page.close();
  });

  it('the system administrator reaches neither the report editor nor its register button (三员: no business work)', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/workspace/`);
    const signIn = async (password: string) => {
      await page.getByLabel('用户名').fill(server.administrators.system_admin);
      await page.getByLabel('密码', { exact: true }).fill(password);
      await page.getByRole('button', { name: '登录' }).click();
    };
    await signIn(server.adminPasswords.system_admin);
    const next = 'Chief-new-secret-88';
    await page.getByLabel('当前密码').fill(server.adminPasswords.system_admin);
    await page.getByLabel('新密码', { exact: true }).fill(next);
    await page.getByLabel('再次输入新密码').fill(next);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('button', { name: '开始设置' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())!;
    await page
      .getByLabel('2. 输入应用上显示的 6 位验证码')
      .fill(totpCode(secret, Math.floor(server.ctx.clock.now().getTime() / 30_000)));
    await page.getByRole('button', { name: '开启两步验证' }).click();
    await page.getByRole('button', { name: '我已保存恢复码' }).click();
    await page.getByRole('heading', { name: /您好，系统管理员/ }).waitFor();
    const navigation = page.getByRole('navigation', { name: '主导航' });
    expect(await navigation.getByRole('link', { name: '年度报告' }).count()).toBe(0);
    // Typed in, the editor's address says it is not theirs, and offers nothing to press.
    await page.goto(`${server.url}/workspace/reports/${YEAR}`);
    await page.getByRole('heading', { name: '没有这个页面' }).waitFor();
    await page.getByText('您当前的角色无权查看').waitFor();
    expect(await page.getByRole('button', { name: '从主动公开登记取数' }).count()).toBe(0);
    // The API agrees: neither the report nor the register's figures.
    for (const path of [`reports/${YEAR}`, `proactive/figures/${YEAR}`]) {
      const status = await page.evaluate(
        async (url) => (await fetch(url)).status,
        `/api/v1/agencies/${agencyId}/${path}`,
      );
      expect(status, path).toBe(403);
    }
    if (process.env.GONGKAI_SHOTS)
      await page.screenshot({ path: `${process.env.GONGKAI_SHOTS}/sysadmin-report-editor.png` });
  });
});
