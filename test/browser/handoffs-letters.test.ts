/**
 * Issue 11, items 4 and 6, in Chromium: a case is signed for by the general office, transferred
 * to the unit responsible, assisted by a third, and replied with its original receipt date; a
 * scan of the envelope goes on its timeline; every letter of the set downloads with its 文号.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { closeSharedChromium } from '../../src/render/chromium.js';
import { createUnit } from '../../src/services/applications/units.js';
import { TestClient, type TestClock } from '../support/app.js';
import { makeClerk, makeReviewer, personApplication, SYSTEM } from '../support/applications.js';
import {
  describeBrowser,
  launchBrowser,
  startServer,
  type RunningServer,
} from '../support/browser.js';

const AGENCY = '示范市科学技术局';
const NOW = new Date('2026-03-02T02:00:00Z');
const PASSWORD = 'Handoff-secret-2026';

describeBrowser('hand-offs and the letter set in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let agencyId = '';
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer();
    const clock = server.ctx.clock as TestClock;
    agencyId = (
      await server.ctx.store.db
        .selectFrom('agency')
        .select('id')
        .where('name', '=', AGENCY)
        .executeTakeFirstOrThrow()
    ).id;
    await makeClerk(server.ctx, agencyId, 'wang', PASSWORD, '王经办');
    await makeReviewer(server.ctx, agencyId, 'head', PASSWORD, 'section_head');
    for (const [name, generalOffice] of [
      ['办公室', true],
      ['科技计划科', false],
      ['政策法规科', false],
    ] as const) {
      await createUnit(server.ctx, SYSTEM, agencyId, { name, generalOffice });
    }

    // The cases that carry the rest of the letter set, set up through the API.
    const base = `/api/v1/agencies/${agencyId}`;
    const clerk = new TestClient(server.app);
    const register = async (receivedOn: string) => {
      const r = await clerk.request('POST', `${base}/applications`, {
        ...personApplication(),
        channel: 'letter',
        receivedOn,
      });
      expect(r.statusCode, r.body).toBe(201);
      const id = r.json<{ application: { id: string; number: string } }>().application;
      return id;
    };
    const step = async (id: string, path: string, body: Record<string, unknown>) => {
      const r = await clerk.request('POST', `${base}/applications/${id}/${path}`, body);
      expect(r.statusCode, r.body).toBe(200);
    };
    // A correction asked on 26 February and not answered by the 27th: 不再处理 on 2 March.
    clock.set(new Date('2026-02-26T02:00:00Z'));
    await clerk.loginReady('wang', PASSWORD);
    const lapsed = await register('2026-02-26');
    await step(lapsed.id, 'events', {
      type: 'correction_requested',
      date: '2026-02-26',
      correctBy: '2026-02-27',
      note: '请写明所需信息的名称。',
    });
    clock.set(NOW);
    await clerk.loginReady('wang', PASSWORD);
    await step(lapsed.id, 'events', { type: 'correction_lapsed', date: '2026-03-02' });
    numbers.lapsed = lapsed.number;

    const consulted = await register('2026-03-02');
    await step(consulted.id, 'events', {
      type: 'consultation_started',
      date: '2026-03-02',
      party: 'third_party',
      name: '某科技有限公司',
    });
    await step(consulted.id, 'events', { type: 'consultation_answered', date: '2026-03-02' });
    await step(consulted.id, 'events', {
      type: 'fee_notice_issued',
      date: '2026-03-02',
      method: 'pages',
      quantity: 120,
      deliveredOn: '2026-03-02',
    });
    await step(consulted.id, 'events', { type: 'fee_paid', date: '2026-03-02' });
    await step(consulted.id, 'approvals', {
      kind: 'extension',
      workingDays: 10,
      reason: '检索档案',
    });
    const reviewer = new TestClient(server.app);
    await reviewer.loginReady('head', PASSWORD);
    /** The section head approves what waits for them (the default chains have that one level). */
    const approvePending = async () => {
      const pending = (await reviewer.request('GET', `${base}/approvals`)).json<{
        approvals: { id: string; status: string }[];
      }>().approvals;
      for (const a of pending.filter((p) => p.status === 'pending')) {
        const r = await reviewer.request('POST', `${base}/approvals/${a.id}/decision`, {
          decision: 'approve',
        });
        expect(r.statusCode, r.body).toBe(200);
      }
    };
    await approvePending();
    numbers.consulted = consulted.number;

    const forwarded = await register('2026-03-02');
    await step(forwarded.id, 'handoffs', { type: 'forwarded', agencyName: '示范市教育局' });
    numbers.forwarded = forwarded.number;

    const refused = await register('2026-03-02');
    await step(refused.id, 'approvals', {
      kind: 'reply',
      outcome: 'not_processed.publication',
      legalBasis: '《中华人民共和国政府信息公开条例》第三十九条第二款',
      reasons: '所申请的信息为公开出版物，不属于本机关应予提供的政府信息。',
      details: '该出版物可在新华书店购买。',
    });
    // A withholding reply goes through the review chain before its letter is issued.
    await approvePending();
    numbers.refused = refused.number;

    // A case acknowledged and replied 予以公开: the 受理回执 and the 答复告知书 of the set.
    const replied = await register('2026-03-02');
    await step(replied.id, 'acknowledgement', {});
    await step(replied.id, 'approvals', {
      kind: 'reply',
      outcome: 'disclosed',
      legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项',
      details: '现提供示范市2025年科技项目资金分配表。',
    });
    await approvePending();
    numbers.replied = replied.number;

    browser = await launchBrowser();
  });

  /** Each test signs in on a page of its own, so each runs alone and in any order. */
  beforeEach(async () => {
    context = await browser.newContext({ acceptDownloads: true });
    await context.clock.setFixedTime(NOW);
    page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${server.url}/workspace/`);
    await page.getByLabel('用户名').fill('wang');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await nav('依申请公开').waitFor();
  });
  afterEach(async () => {
    await context?.close();
  });

  afterAll(async () => {
    await browser?.close();
    await closeSharedChromium();
    await server?.close();
  });

  const nav = (name: string) =>
    page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true });
  const openCase = async (number: string) => {
    await nav('依申请公开').click();
    // Closed cases too: the list shows every case.
    await page.getByLabel('范围').selectOption({ label: '全部' });
    const list = page.getByRole('table', { name: '申请列表' });
    await list.getByRole('link', { name: number, exact: true }).click();
    await page.getByRole('heading', { name: `申请 ${number}` }).waitFor();
  };
  const handoffs = () => page.getByRole('region', { name: '签收与转办' });
  const handOff = async (
    button: string,
    fill: (form: ReturnType<Page['getByRole']>) => Promise<unknown>,
  ) => {
    await handoffs().getByRole('button', { name: button, exact: true }).click();
    const form = handoffs().getByRole('form', { name: button });
    await fill(form);
    await form.getByRole('button', { name: `确定${button}` }).click();
    await page.getByRole('status').getByText(`已${button}。`).waitFor();
  };
  const pdfText = async (item: ReturnType<Page['getByRole']>) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('link', { name: 'PDF' }).click(),
    ]);
    return execFileSync('pdftotext', [(await download.path())!, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      '',
    );
  };

  it('a case received on 27 February is signed for, transferred to another unit, assisted by a third and replied; the receipt date stays', async () => {
    const created = await page.evaluate(
      async ({ agencyId, body }) => {
        const csrf = (await (await fetch('/api/v1/auth/csrf')).json()) as { csrfToken: string };
        const r = await fetch(`/api/v1/agencies/${agencyId}/applications`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf.csrfToken },
          body: JSON.stringify(body),
        });
        return (await r.json()) as { application: { number: string } };
      },
      {
        agencyId,
        body: { ...personApplication(), channel: 'registered_mail', receivedOn: '2026-02-27' },
      },
    );
    const number = created.application.number;
    await openCase(number);
    await page.getByLabel('经办人', { exact: true }).selectOption({ label: '王经办（我）' });
    await page.getByRole('status').getByText('经办人已更新').waitFor();

    await handOff('签收', (f) =>
      f.getByLabel('签收科室').selectOption({ label: '办公室（办公室）' }),
    );
    await handOff('转办', async (f) => {
      await f.getByLabel('承办科室').selectOption({ label: '科技计划科' });
      await f.getByLabel('备注').fill('属科技计划科职责');
    });
    expect(await handoffs().getByTestId('handling').textContent()).toContain(
      '科技计划科（待签收）',
    );
    await handOff('签收', (f) => f.getByLabel('签收科室').selectOption({ label: '科技计划科' }));

    // 协办 past the reply due date is refused, next to the field, and what was typed stays.
    await handoffs().getByRole('button', { name: '请其他科室协办' }).click();
    const assist = handoffs().getByRole('form', { name: '请其他科室协办' });
    await assist.getByLabel('协办科室').selectOption({ label: '政策法规科' });
    await assist.getByLabel('协办事项').fill('请核对政策依据');
    await assist.getByLabel('协办期限').fill('2026-12-31');
    await assist.getByRole('button', { name: '确定请其他科室协办' }).click();
    await assist.getByText('协办期限须在答复期限之内').waitFor();
    // Beside the field it is about, named as the form labels it.
    expect(await assist.locator('.field-invalid').textContent()).toContain('协办期限');
    expect(await assist.getByLabel('协办事项').inputValue()).toBe('请核对政策依据');
    await assist.getByLabel('协办期限').fill('2026-03-13');
    await assist.getByRole('button', { name: '确定请其他科室协办' }).click();
    await page.getByRole('status').getByText('已请其他科室协办。').waitFor();
    await handOff('协办完成', async (f) => {
      await f.getByLabel('协办', { exact: true }).selectOption({ label: 'A1 政策法规科' });
      await f.getByLabel('协办意见').fill('已核对');
    });

    // The scan of the envelope (registered mail: the day signed for is the receipt date).
    const upload = page.getByRole('form', { name: '上传扫描件' });
    await upload.getByLabel('材料类型').selectOption({ label: '信封' });
    await upload
      .getByLabel('扫描件')
      .setInputFiles(join('test', 'fixtures', 'scans', 'envelope.png'));
    await upload.getByRole('button', { name: '上传' }).click();
    await page.getByTestId('attachment').getByText('envelope.png').waitFor();
    expect(await page.getByTestId('attachment').textContent()).toContain('附扫描件（信封）');

    await page.getByRole('button', { name: '出具受理回执' }).click();
    await page.getByRole('status').getByText('已出具受理回执。').waitFor();

    await page
      .getByRole('region', { name: '办理' })
      .getByRole('button', { name: '答复', exact: true })
      .click();
    const reply = page.getByRole('form', { name: '答复' });
    await reply.getByLabel('办理结果（年度报告表三的类别）').selectOption({ label: '予以公开' });
    await reply.getByLabel('答复内容').fill('现提供示范市2025年科技项目资金分配表。');
    await reply.getByRole('button', { name: '提交' }).click();
    await page
      .getByRole('region', { name: '文书' })
      .getByText('政府信息公开申请答复告知书')
      .waitFor();

    const timeline = page.getByRole('region', { name: '办理过程' });
    const labels = await timeline.locator('ol.timeline > li').allTextContents();
    expect(labels.join('\n')).toMatch(
      /签收[\s\S]*转办给：科技计划科[\s\S]*签收[\s\S]*协办[\s\S]*协办完成[\s\S]*答复/,
    );
    expect(await page.getByRole('region', { name: '申请信息' }).textContent()).toContain(
      '2026-02-27',
    );

    const letters = page.getByRole('region', { name: '文书' });
    const replyItem = letters.getByRole('listitem').filter({ hasText: '答复告知书' });
    const text = await pdfText(replyItem);
    expect(text).toContain('本机关于2026年2月27日收到你（单位）提出的政府信息公开申请');
  });

  it('every letter of the set downloads with its 文号', async () => {
    const seen = new Set<string>();
    for (const key of ['replied', 'consulted', 'forwarded', 'refused', 'lapsed']) {
      await openCase(numbers[key]!);
      const items = page.getByRole('region', { name: '文书' }).getByRole('listitem');
      const count = await items.count();
      for (let i = 0; i < count; i++) {
        const item = items.nth(i);
        const number = await item.getByTestId('document-number').count();
        if (number === 0) continue; // a fee line, not a letter
        const documentNumber = (await item.getByTestId('document-number').textContent())!.replace(
          /[（）]/g,
          '',
        );
        expect(documentNumber).toMatch(/^〔2026〕第\d+号$/);
        const title = (await item.textContent())!.split('（')[0]!;
        const text = await pdfText(item);
        expect(text, title).toContain(documentNumber);
        expect(text, title).toContain(title);
        seen.add(title);
      }
    }
    expect([...seen].sort()).toEqual(
      [
        '政府信息公开申请受理回执',
        '政府信息公开申请答复告知书',
        '政府信息公开征求第三方意见书',
        '政府信息公开申请征求意见告知书',
        '政府信息公开信息处理费缴费通知书',
        '政府信息公开申请延期答复告知书',
        '政府信息公开申请转送告知书',
        '政府信息公开申请不予处理告知书',
        '政府信息公开申请补正告知书',
        '政府信息公开申请不再处理告知书',
      ].sort(),
    );
  });
});
