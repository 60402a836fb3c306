import { execFileSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeSharedChromium } from '../../src/render/chromium.js';
import type { TestClock } from '../support/app.js';
import { citizenId, makeClerk, makeReviewer } from '../support/applications.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';

const AGENCY = '示范市科学技术局';
/** The server's test clock; the browser's clock is set to it so both agree on "today". */
const NOW = new Date('2026-03-02T02:00:00Z');

/** The applicant, on the public portal, without JavaScript. */
class Applicant {
  number = '';
  code = '';
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  async apply(): Promise<void> {
    const p = this.page;
    await p.goto(`${this.url}/portal`);
    await p.getByRole('link', { name: AGENCY }).click();
    await p.getByRole('link', { name: '申请政府信息公开' }).click();
    await p.getByLabel('公民（自然人）').check();
    await p.getByLabel('姓名或单位名称').fill('李申请');
    await p.getByLabel('证件号码').fill(citizenId('11010519800101123'));
    await p.getByLabel('联系电话').fill('13812345678');
    await p.getByLabel('所需政府信息的名称、文号或者特征性描述').fill('科技项目资金分配情况');
    await p.getByLabel('电子', { exact: true }).check();
    await p.getByLabel('网上获取').check();
    await p.getByRole('button', { name: '提交申请' }).click();
    const receipt = p.getByRole('region', { name: '申请回执' });
    this.number = (await receipt.getByTestId('application-number').textContent())!.trim();
    this.code = (await receipt.getByTestId('query-code').textContent())!.trim();
  }

  async follow(): Promise<void> {
    const p = this.page;
    await p.goto(`${this.url}/portal`);
    await p.getByRole('link', { name: '查询申请' }).first().click();
    await p.getByLabel('申请编号').fill(this.number);
    await p.getByLabel('查询码').fill(this.code);
    await p.getByRole('button', { name: '查询' }).click();
    await p.getByRole('heading', { name: `申请 ${this.number}` }).waitFor();
  }

  async correct(text: string): Promise<void> {
    const section = this.page.getByRole('region', { name: '需要您补正' });
    await section.getByLabel('补正内容').fill(text);
    await section.getByRole('button', { name: '提交补正' }).click();
    await this.page.getByRole('status').getByText('补正已提交').waitFor();
  }

  /** Downloads a letter as PDF and returns its text (pdftotext). */
  async readLetter(title: string): Promise<string> {
    const item = this.page.getByRole('listitem').filter({ hasText: title });
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      item.getByRole('link', { name: '下载 PDF' }).click(),
    ]);
    const file = await download.path();
    // Lines break anywhere in a PDF: compare the text without whitespace.
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  }
}

/** The clerk, in the workspace. */
class Clerk {
  constructor(readonly page: Page) {}

  async login(url: string, username: string, password: string): Promise<void> {
    await this.page.goto(`${url}/workspace/`);
    await this.page.getByLabel('用户名').fill(username);
    await this.page.getByLabel('密码', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: '登录' }).click();
  }

  nav(name: string) {
    return this.page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name, exact: true });
  }

  async openCase(number: string): Promise<void> {
    await this.nav('依申请公开').click();
    await this.page
      .getByRole('table', { name: '申请列表' })
      .getByRole('link', { name: number })
      .click();
    await this.page.getByRole('heading', { name: `申请 ${number}` }).waitFor();
  }

  async takeCase(name: string): Promise<void> {
    await this.page.getByLabel('经办人').selectOption({ label: `${name}（我）` });
    await this.page.getByRole('status').getByText('经办人已更新').waitFor();
  }

  async act(action: string): Promise<ReturnType<Page['getByRole']>> {
    await this.page
      .getByRole('region', { name: '办理' })
      .getByRole('button', { name: action, exact: true })
      .click();
    return this.page.getByRole('form', { name: action });
  }

  async status(): Promise<string> {
    return (await this.page
      .getByRole('region', { name: '申请信息' })
      .getByRole('heading')
      .textContent())!;
  }
}

describeBrowser('applications in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let applicantContext: BrowserContext;
  let clerkContext: BrowserContext;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer();
    const agency = await server.ctx.store.db
      .selectFrom('agency')
      .select('id')
      .where('name', '=', AGENCY)
      .executeTakeFirstOrThrow();
    await makeClerk(server.ctx, agency.id, 'wang', 'Clerk-secret-2026', '王经办');
    await makeReviewer(server.ctx, agency.id, 'zhou', 'Review-secret-2026', 'section_head');
    browser = await launchBrowser();
    // The applicant's browser runs no JavaScript: the portal must work without it.
    applicantContext = await browser.newContext({
      javaScriptEnabled: false,
      acceptDownloads: true,
    });
    clerkContext = await browser.newContext();
    await clerkContext.clock.setFixedTime(NOW);
  });
  afterAll(async () => {
    await applicantContext?.close();
    await clerkContext?.close();
    for (const c of contexts) await c.close();
    await browser?.close();
    await closeSharedChromium();
    await server?.close();
  });

  it('an applicant applies on the portal, a clerk sends a correction request, the applicant corrects, the clerk replies 部分公开, the applicant reads the reply by query code; then the case appears in table 三 of the annual report', async () => {
    const applicant = new Applicant(await applicantContext.newPage(), server.url);
    await applicant.apply();
    expect(applicant.number).toBe('2026-00001');
    expect(applicant.code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);

    const clerk = new Clerk(await clerkContext.newPage());
    clerk.page.on('dialog', (dialog) => void dialog.accept());
    await clerk.login(server.url, 'wang', 'Clerk-secret-2026');
    await clerk.openCase(applicant.number);
    await clerk.takeCase('王经办');
    // Masked to everyone; the assigned clerk may reveal it.
    expect(await clerk.page.getByTestId('id-number').textContent()).toMatch(/^110105\*+/);

    const correction = await clerk.act('告知补正');
    await correction.getByLabel('补正期限').fill('2026-03-16');
    await correction.getByLabel('需要补正的内容').fill('请写明项目名称或文号。');
    await correction.getByRole('button', { name: '记录' }).click();
    await expect.poll(() => clerk.status()).toContain('等待补正');

    await applicant.follow();
    await applicant.page.getByText('请写明项目名称或文号。').waitFor();
    await applicant.correct('示范市2025年重点研发计划项目资金分配结果');

    await clerk.page.reload();
    await expect.poll(() => clerk.status()).toContain('办理中');
    await clerk.page.getByText('示范市2025年重点研发计划项目资金分配结果').waitFor();
    const reply = await clerk.act('答复');
    await reply.getByLabel('办理结果（年度报告表三的类别）').selectOption({ label: '部分公开' });
    expect(await reply.getByLabel('法律依据').inputValue()).toContain('第三十七条');
    await reply
      .getByLabel('答复内容')
      .fill('现提供项目名单和资金额度；评审专家的个人信息属于个人隐私，不予公开。');
    await reply.getByRole('button', { name: '提交' }).click();
    // A reply that withholds anything goes to the section head first (the default chain).
    await clerk.page.getByRole('region', { name: '审批' }).getByText('待股室负责人审批').waitFor();
    const reviewerContext = await browser.newContext();
    contexts.push(reviewerContext);
    await reviewerContext.clock.setFixedTime(NOW);
    const reviewer = new Clerk(await reviewerContext.newPage());
    await reviewer.login(server.url, 'zhou', 'Review-secret-2026');
    await reviewer.nav('审批').click();
    const card = reviewer.page.getByRole('region', { name: new RegExp(applicant.number) });
    await card
      .getByTestId('approval-document')
      .getByText('评审专家的个人信息属于个人隐私')
      .waitFor();
    await card.getByRole('button', { name: '同意' }).click();
    await reviewer.page.getByRole('status').getByText('已同意').waitFor();
    await clerk.page.reload();
    await expect.poll(() => clerk.status()).toContain('已答复');
    await clerk.page
      .getByRole('region', { name: '文书' })
      .getByText('政府信息公开申请答复告知书')
      .waitFor();

    await applicant.follow();
    await applicant.page.getByText('已答复').first().waitFor();
    const letter = await applicant.readLetter('政府信息公开申请答复告知书');
    expect(letter).toContain('政府信息公开申请答复告知书');
    expect(letter).toContain(applicant.number);
    expect(letter).toContain('评审专家的个人信息属于个人隐私');
    expect(letter).toMatch(/六十日内向示范市人民政府申请行政复议/);

    // The annual report: table 三 counts the case under （二）部分公开, 自然人, and the cell
    // leads to the case.
    await clerk.nav('年度报告').click();
    const create = clerk.page.getByRole('form', { name: '新建年度报告' });
    await create.getByLabel('年度').selectOption('2026');
    await create.getByRole('button', { name: '新建年度报告' }).click();
    await clerk.page.getByRole('heading', { name: `${AGENCY}2026年度报告` }).waitFor();
    const cell = clerk.page.getByRole('link', {
      name: '（二）部分公开（区分处理的，只计这一情形，不计其他情形） 自然人',
      exact: true,
    });
    expect(await cell.textContent()).toBe('1');
    expect(
      await clerk.page
        .getByRole('link', { name: '一、本年新收政府信息公开申请数量 总计' })
        .textContent(),
    ).toBe('1');
    await cell.click();
    await clerk.page
      .getByRole('table', { name: '构成该数字的申请' })
      .getByRole('link', { name: applicant.number })
      .waitFor();
  });

  it('a correction sent after its period waits for the clerk, who accepts it on the case page', async () => {
    const clock = server.ctx.clock as TestClock;
    clock.set(NOW);
    /** A clerk in a fresh browser whose clock agrees with the server's. */
    const signIn = async (at: Date) => {
      const context = await browser.newContext();
      contexts.push(context);
      await context.clock.setFixedTime(at);
      const c = new Clerk(await context.newPage());
      await c.login(server.url, 'wang', 'Clerk-secret-2026');
      return c;
    };
    const applicant = new Applicant(await applicantContext.newPage(), server.url);
    await applicant.apply();

    let clerk = await signIn(NOW);
    await clerk.openCase(applicant.number);
    await clerk.takeCase('王经办');
    const correction = await clerk.act('告知补正');
    await correction.getByLabel('补正期限').fill('2026-03-04');
    await correction.getByLabel('需要补正的内容').fill('请写明文件的名称。');
    await correction.getByRole('button', { name: '记录' }).click();
    await expect.poll(() => clerk.status()).toContain('等待补正');

    // Two days after the period: the applicant may still send it, and explain the delay.
    const later = new Date('2026-03-06T02:00:00Z');
    clock.set(later);
    await applicant.follow();
    const section = applicant.page.getByRole('region', { name: '需要您补正' });
    await section.getByLabel('补正内容').fill('示范市科学技术局2025年第3号通知');
    await section.getByLabel('逾期原因说明').fill('出差在外，未能及时查看');
    await section.getByRole('button', { name: '提交补正' }).click();
    await applicant.page.getByRole('status').getByText('本机关将审查是否接受').waitFor();

    clerk = await signIn(later);
    await clerk.openCase(applicant.number);
    await expect.poll(() => clerk.status()).toContain('逾期补正待审查');
    await clerk.page.getByRole('note', { name: '逾期补正' }).getByText('出差在外').waitFor();
    const accept = await clerk.act('接受逾期补正');
    await accept.getByLabel('本机关认定的正当理由').fill('申请人出差有据，属于正当理由');
    await accept.getByRole('button', { name: '记录' }).click();
    await expect.poll(() => clerk.status()).toContain('办理中');
    // The clock restarted from the day the correction arrived (03-06): 20 working days → 04-03.
    await clerk.page
      .getByRole('region', { name: '答复期限' })
      .getByRole('heading', { name: '答复期限：最迟于2026年4月3日（含当日）' })
      .waitFor();
  });
});
