/**
 * What the letters of a case say: the reply quotes the application as corrected.
 */
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { submitCorrection } from '../../src/services/applications/follow.js';
import { createUser } from '../../src/services/accounts.js';
import { createRegionWithAgencies } from '../../src/services/organisations.js';
import { TestClient } from '../support/app.js';
import { clerkDesk, makeClerk, personApplication, SYSTEM } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';

const PASSWORD = 'Letters-pass-2026';

interface Detail {
  id: string;
  status: string;
  outcome: string | null;
  events: { type: string; details: string[]; note: string | null }[];
  letters: { id: string; kind: string; title: string }[];
}

describeEachStore('applications: what the letters say', (getStore) => {
  const desk = clerkDesk(getStore, PASSWORD);
  const { base, setToday } = desk;
  const today = () => desk.clock.now().toISOString().slice(0, 10);
  const register = (receivedOn: string, overrides: Record<string, unknown> = {}) =>
    desk.register(receivedOn, { overrides });
  const event = async (id: string, body: Record<string, unknown>) => {
    const r = await desk.clerk.request('POST', `${base()}/applications/${id}/events`, body);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Detail>();
  };
  const reply = async (id: string, outcome = 'disclosed') => {
    const r = await desk.clerk.request('POST', `${base()}/applications/${id}/approvals`, {
      kind: 'reply',
      outcome,
      legalBasis: '条例第三十六条第（二）项',
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Detail>();
  };
  const letterText = async (id: string, kind: string) => {
    const d = (await desk.clerk.request('GET', `${base()}/applications/${id}`)).json<Detail>();
    const letter = d.letters.find((l) => l.kind === kind);
    expect(letter, `a ${kind} letter`).toBeDefined();
    const docx = await desk.clerk.request(
      'GET',
      `${base()}/applications/${id}/letters/${letter!.id}/document.docx`,
    );
    expect(docx.statusCode).toBe(200);
    return (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
  };

  describe('the reply quotes the corrected application', () => {
    it('when the clerk records the corrected application', async () => {
      const id = await register('2026-03-02', { description: '科技的资料' });
      await event(id, {
        type: 'correction_requested',
        date: '2026-03-02',
        correctBy: '2026-03-16',
        note: '请写明所需信息的名称。',
      });
      await setToday('2026-03-04');
      const d = await event(id, {
        type: 'correction_received',
        date: '2026-03-04',
        text: '示范市2025年重点研发计划项目资金分配结果',
      });
      expect(d.events.at(-1)!.details.join('\n')).toContain(
        '示范市2025年重点研发计划项目资金分配结果',
      );
      await reply(id);
      const text = await letterText(id, 'reply');
      expect(text).toContain('“科技的资料”');
      expect(text).toContain('补正后申请获取“示范市2025年重点研发计划项目资金分配结果”的政府信息');
    });

    it('when the applicant corrects on the portal', async () => {
      await setToday('2026-03-05');
      const id = await register('2026-03-05', { description: '那个文件' });
      await event(id, {
        type: 'correction_requested',
        date: '2026-03-05',
        correctBy: '2026-03-19',
        note: '请写明文件的名称或文号。',
      });
      await setToday('2026-03-06');
      await submitCorrection(desk.ctx, id, { text: '示范市科学技术局2025年第3号通知' });
      await reply(id);
      const text = await letterText(id, 'reply');
      expect(text).toContain('“那个文件”');
      expect(text).toContain('补正后申请获取“示范市科学技术局2025年第3号通知”的政府信息');
    });
  });

  describe('a case ended by a lapse gets its 告知书', () => {
    it('no correction in time: other.no_correction with the letter in DOCX and PDF', async () => {
      await setToday('2026-03-09');
      const id = await register('2026-03-09');
      await event(id, {
        type: 'correction_requested',
        date: '2026-03-09',
        correctBy: '2026-03-13',
        note: '请写明文件的名称或文号。',
      });
      await setToday('2026-03-16');
      const d = await event(id, { type: 'correction_lapsed', date: '2026-03-16' });
      expect(d).toMatchObject({ status: 'closed', outcome: 'other.no_correction' });
      const letter = d.letters.find((l) => l.kind === 'lapse');
      expect(letter?.title).toBe('政府信息公开申请不再处理告知书');
      const text = await letterText(id, 'lapse');
      expect(text).toContain('无正当理由逾期未补正，视为放弃申请');
      expect(text).toContain('最迟于2026年3月13日（含当日）');
      expect(text).toContain('六十日内向示范市人民政府申请行政复议');
      const pdf = await desk.clerk.request(
        'GET',
        `${base()}/applications/${id}/letters/${letter!.id}/document.pdf`,
      );
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('no payment in time: other.fee_unpaid with the letter', async () => {
      await setToday('2026-03-16');
      const id = await register('2026-03-16');
      await event(id, {
        type: 'fee_notice_issued',
        date: '2026-03-16',
        method: 'pages',
        quantity: 101,
        deliveredOn: '2026-03-16',
      });
      // 20 working days from the day after 03-16: 03-17 … [清明 04-04–06] … 04-14.
      await setToday('2026-04-15');
      const d = await event(id, { type: 'fee_lapsed', date: '2026-04-15' });
      expect(d).toMatchObject({ status: 'closed', outcome: 'other.fee_unpaid' });
      const text = await letterText(id, 'lapse');
      expect(text).toContain('逾期未按收费通知的要求缴纳信息处理费');
      expect(text).toContain('720元');
      expect(text).toContain('最迟于2026年4月14日（含当日）');
      expect(text).toContain('六个月内');
    });
  });

  describe('the remedy notice must name where to apply for review and where to sue', () => {
    it('the demo agencies come configured, so the demo works out of the box', async () => {
      const r = await desk.clerk.request('GET', `${base()}/application-settings`);
      const { settings } = r.json<{
        settings: { effectiveReviewBody: string; court: string; remedyProblem: string | null };
      }>();
      expect(settings.effectiveReviewBody).toBe('示范市人民政府');
      expect(settings.court).not.toBe('');
      expect(settings.remedyProblem).toBeNull();
    });

    it('an agency without them cannot reply or end a case by lapse until they are set', async () => {
      const [government, department] = await desk.ctx.store.transaction((t) =>
        createRegionWithAgencies(desk.ctx, t, SYSTEM, {
          region: { code: '990300', name: '新设市', parentCode: null },
          governmentName: '新设市人民政府',
          agencies: [{ name: '新设市人民政府', isGovernment: true }, { name: '新设市财政局' }],
        }),
      );
      const client = async (agency: string, username: string) => {
        await makeClerk(desk.ctx, agency, username, PASSWORD);
        await createUser(desk.ctx, SYSTEM, {
          username: `${username}-admin`,
          displayName: `${username}管理员`,
          password: PASSWORD,
          grants: [{ role: 'agency_admin', agencyId: agency }],
          mustChangePassword: false,
        });
        const c = new TestClient(desk.app);
        await c.loginReady(username, PASSWORD);
        const a = new TestClient(desk.app);
        await a.loginReady(`${username}-admin`, PASSWORD);
        return { clerk: c, admin: a };
      };
      for (const [agency, username] of [
        [government!, 'gov'],
        [department!, 'dep'],
      ] as const) {
        const { clerk: c, admin } = await client(agency.id, username);
        const at = `/api/v1/agencies/${agency.id}`;
        const settings = (await c.request('GET', `${at}/application-settings`)).json<{
          settings: { remedyProblem: string | null };
        }>().settings;
        expect(settings.remedyProblem).toContain('依申请公开设置');
        const registered = await c.request('POST', `${at}/applications`, {
          ...personApplication(),
          channel: 'in_person',
          receivedOn: today(),
        });
        const id = registered.json<{ application: { id: string } }>().application.id;
        const refused = await c.request('POST', `${at}/applications/${id}/approvals`, {
          kind: 'reply',
          outcome: 'disclosed',
          legalBasis: '条例第三十六条第（二）项',
        });
        expect(refused.statusCode, refused.body).toBe(409);
        const message = refused.json<{ error: { message: string } }>().error.message;
        expect(message).toContain('依申请公开设置');
        expect(message).toContain('人民法院');
        if (agency === government) expect(message).toContain('行政复议机关');
        const detail = (await c.request('GET', `${at}/applications/${id}`)).json<{
          actions: { action: string; allowed: boolean; reason: string | null }[];
        }>();
        expect(detail.actions.find((a) => a.action === 'reply_request')).toMatchObject({
          allowed: false,
          reason: expect.stringContaining('依申请公开设置'),
        });

        const saved = await admin.request('PUT', `${at}/application-settings`, {
          reviewBody: agency === government ? '新设省人民政府' : '',
          court: '新设市中级人民法院',
          countFrom: 'next_day',
          feeWait: 'excluded',
          extensionLevels: ['section_head'],
          replyLevels: [],
          replyWithholdingLevels: [],
        });
        expect(saved.statusCode, saved.body).toBe(200);
        const replied = await c.request('POST', `${at}/applications/${id}/approvals`, {
          kind: 'reply',
          outcome: 'disclosed',
          legalBasis: '条例第三十六条第（二）项',
        });
        expect(replied.statusCode, replied.body).toBe(200);
      }
    });

    it('a lapse is refused the same way', async () => {
      const [agency] = await desk.ctx.store.transaction((t) =>
        createRegionWithAgencies(desk.ctx, t, SYSTEM, {
          region: { code: '990400', name: '又一市', parentCode: null },
          governmentName: '又一市人民政府',
          agencies: [{ name: '又一市交通运输局' }],
        }),
      );
      await makeClerk(desk.ctx, agency!.id, 'lapse-clerk', PASSWORD);
      const c = new TestClient(desk.app);
      await setToday('2026-04-15');
      await c.loginReady('lapse-clerk', PASSWORD);
      const at = `/api/v1/agencies/${agency!.id}`;
      const registered = await c.request('POST', `${at}/applications`, {
        ...personApplication(),
        channel: 'in_person',
        receivedOn: '2026-04-15',
      });
      const id = registered.json<{ application: { id: string } }>().application.id;
      const asked = await c.request('POST', `${at}/applications/${id}/events`, {
        type: 'correction_requested',
        date: '2026-04-15',
        correctBy: '2026-04-17',
        note: '请写明文号。',
      });
      expect(asked.statusCode, asked.body).toBe(200);
      await setToday('2026-04-20');
      await c.loginReady('lapse-clerk', PASSWORD);
      const lapsed = await c.request('POST', `${at}/applications/${id}/events`, {
        type: 'correction_lapsed',
        date: '2026-04-20',
      });
      expect(lapsed.statusCode, lapsed.body).toBe(409);
      expect(lapsed.json<{ error: { message: string } }>().error.message).toContain('人民法院');
    });
  });
});
