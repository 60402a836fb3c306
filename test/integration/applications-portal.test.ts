import type { FastifyInstance } from 'fastify';
import mammoth from 'mammoth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.js';
import { TestClient, TestClock, testApp, testContext } from '../support/app.js';
import { agencyIdByName, citizenId, makeClerk } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';
import { bootstrapDemo } from '../support/accounts.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const PASSWORD = 'Portal-pass-2026';

function hidden(page: string, name: string): string {
  const m = new RegExp(`name="${name}"\\s+value="([^"]*)"`).exec(page);
  if (!m) throw new Error(`no hidden field ${name}`);
  return m[1]!;
}

const encode = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describeEachStore(
  'portal: apply without JavaScript, follow by number and query code',
  (getStore) => {
    let app: FastifyInstance;
    let ctx: ServiceContext;
    let visitor: TestClient;
    let clerk: TestClient;
    let agencyId: string;
    const clock = new TestClock(new Date('2026-03-02T02:00:00Z'));
    let number = '';
    let code = '';
    let applicationId = '';

    beforeAll(async () => {
      ctx = testContext(getStore().store, clock);
      await bootstrapDemo(ctx);
      agencyId = await agencyIdByName(ctx, '示范市科学技术局');
      await makeClerk(ctx, agencyId, 'wang', PASSWORD, '王经办');
      app = await testApp(ctx);
      visitor = new TestClient(app);
      clerk = new TestClient(app);
      await clerk.loginReady('wang', PASSWORD);
    });
    afterAll(async () => app?.close());

    const person = (form: string, overrides: Record<string, string> = {}) => ({
      _csrf: hidden(form, '_csrf'),
      idempotencyKey: hidden(form, 'idempotencyKey'),
      applicantType: 'natural_person',
      name: '李申请',
      idType: 'resident_id',
      idNumber: citizenId('11010519800101123'),
      organisationKind: '',
      legalRepresentative: '',
      phone: '13812345678',
      address: '示范市幸福路 8 号',
      email: '',
      description: '2025年科技项目资金分配结果',
      formWanted: 'electronic',
      deliveryMethod: 'online',
      ...overrides,
    });

    it('links the form from the agency page', async () => {
      const page = await visitor.request('GET', `/portal/agencies/${agencyId}`);
      expect(page.body).toContain(`/portal/agencies/${agencyId}/apply`);
    });

    it('shows the form again with everything typed and a message by each bad field', async () => {
      const form = (await visitor.request('GET', `/portal/agencies/${agencyId}/apply`)).body;
      const bad = person(form, {
        idNumber: '110105198001011230',
        description: '',
        name: '李<申请>',
      });
      const r = await visitor.request(
        'POST',
        `/portal/agencies/${agencyId}/apply`,
        encode(bad),
        FORM,
      );
      expect(r.statusCode).toBe(400);
      expect(r.headers['content-type']).toContain('text/html');
      expect(r.body).toContain('申请未能提交，请修改以下 2 处后再提交');
      expect(r.body).toContain('id="e-idNumber"');
      expect(r.body).toContain('校验码');
      expect(r.body).toContain('id="e-description"');
      expect(r.body).toContain('特征性描述');
      // What was typed comes back, escaped.
      expect(r.body).toContain('value="李&lt;申请&gt;"');
      expect(r.body).toContain('value="110105198001011230"');
      expect(r.body).toContain('value="13812345678"');
      expect(r.body).toMatch(/value="electronic"\s+checked/);
      expect(hidden(r.body, 'idempotencyKey')).toBe(bad.idempotencyKey);
      const count = await ctx.store.db
        .selectFrom('application')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(0);
    });

    it('keeps what was typed when the form has gone stale (CSRF)', async () => {
      const form = (await visitor.request('GET', `/portal/agencies/${agencyId}/apply`)).body;
      const stale = person(form, { _csrf: 'x'.repeat(32), description: '保留这段文字' });
      const r = await visitor.request(
        'POST',
        `/portal/agencies/${agencyId}/apply`,
        encode(stale),
        FORM,
      );
      expect(r.statusCode).toBe(403);
      expect(r.body).toContain('页面已过期');
      expect(r.body).toContain('保留这段文字');
    });

    it('acknowledges with the number and a query code; a double submit is the same application', async () => {
      const form = (await visitor.request('GET', `/portal/agencies/${agencyId}/apply`)).body;
      const body = encode(person(form));
      const [a, b] = await Promise.all([
        visitor.request('POST', `/portal/agencies/${agencyId}/apply`, body, FORM),
        visitor.request('POST', `/portal/agencies/${agencyId}/apply`, body, FORM),
      ]);
      for (const r of [a, b]) expect(r.statusCode).toBe(200);
      const pick = (page: string, id: string) =>
        new RegExp(`data-testid="${id}">([^<]+)<`).exec(page)![1]!;
      number = pick(a.body, 'application-number');
      code = pick(a.body, 'query-code');
      expect(number).toBe('2026-00001');
      expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
      expect(pick(b.body, 'application-number')).toBe(number);
      expect(pick(b.body, 'query-code')).toBe(code);
      expect([a.body, b.body].filter((p) => p.includes('重复提交'))).toHaveLength(1);
      // One phrasing for every deadline: the last day, which counts.
      expect(a.body).toContain('最迟于2026年3月30日（含当日）答复');
      const rows = await ctx.store.db.selectFrom('application').select(['id', 'channel']).execute();
      expect(rows).toEqual([expect.objectContaining({ channel: 'online' })]);
      applicationId = rows[0]!.id;
      // Only a hash of the code is stored.
      const stored = JSON.stringify(
        await ctx.store.db.selectFrom('application').selectAll().executeTakeFirstOrThrow(),
      );
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace('-', ''));
    });

    it('tells the clerks of a new application nobody handles yet', async () => {
      const r = await clerk.request('GET', '/api/v1/notifications');
      expect(
        r.json<{ notifications: { kind: string; message: string }[] }>().notifications,
      ).toContainEqual(expect.objectContaining({ kind: 'new_case' }));
    });

    it('lets the applicant follow by number and code only', async () => {
      const form = (await visitor.request('GET', '/portal/follow')).body;
      const wrong = await visitor.request(
        'POST',
        '/portal/follow',
        encode({ _csrf: hidden(form, '_csrf'), number, code: 'AAAAA-BBBBB' }),
        FORM,
      );
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain('申请编号或查询码不正确');
      const stranger = new TestClient(app);
      expect((await stranger.request('GET', '/portal/follow/case')).statusCode).toBe(401);
      const right = await visitor.request(
        'POST',
        '/portal/follow',
        encode({ _csrf: hidden(form, '_csrf'), number, code: code.toLowerCase() }),
        FORM,
      );
      expect(right.statusCode).toBe(303);
      const page = await visitor.request('GET', '/portal/follow/case');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('办理中');
      expect(page.body).toContain('最迟于2026年3月30日（含当日）');
    });

    it('answers a correction request on the portal; the clock restarts', async () => {
      // The clerk takes the case and asks for a correction.
      const me = (await clerk.request('GET', '/api/v1/auth/me')).json<{ user: { id: string } }>();
      await clerk.request(
        'PUT',
        `/api/v1/agencies/${agencyId}/applications/${applicationId}/assignee`,
        {
          userId: me.user.id,
        },
      );
      const asked = await clerk.request(
        'POST',
        `/api/v1/agencies/${agencyId}/applications/${applicationId}/events`,
        {
          type: 'correction_requested',
          date: '2026-03-02',
          correctBy: '2026-03-16',
          note: '请写明项目的名称。',
        },
      );
      expect(asked.statusCode).toBe(200);
      const page = (await visitor.request('GET', '/portal/follow/case')).body;
      expect(page).toContain('需要您补正申请');
      expect(page).toContain('请写明项目的名称。');
      expect(page).toContain('请您最迟于2026年3月16日（含当日）补正');
      expect(page).toContain('政府信息公开申请补正告知书');

      const empty = await visitor.request(
        'POST',
        '/portal/follow/case/correction',
        encode({ _csrf: hidden(page, '_csrf'), text: ' ' }),
        FORM,
      );
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('请填写补正的内容');
      clock.set(new Date('2026-03-04T02:00:00Z'));
      // Two days later the follow session has expired: the applicant enters number and code again.
      expect((await visitor.request('GET', '/portal/follow/case')).statusCode).toBe(401);
      const again = (await visitor.request('GET', '/portal/follow')).body;
      await visitor.request(
        'POST',
        '/portal/follow',
        encode({ _csrf: hidden(again, '_csrf'), number, code }),
        FORM,
      );
      const sent = await visitor.request(
        'POST',
        '/portal/follow/case/correction',
        encode({ _csrf: hidden(page, '_csrf'), text: '示范市2025年重点研发计划项目' }),
        FORM,
      );
      expect(sent.statusCode).toBe(303);
      const after = (await visitor.request('GET', '/portal/follow/case?done=correction')).body;
      expect(after).toContain('补正已提交');
      expect(after).not.toContain('需要您补正申请');
      await clerk.loginReady('wang', PASSWORD);
      const detail = await clerk.request(
        'GET',
        `/api/v1/agencies/${agencyId}/applications/${applicationId}`,
      );
      expect(detail.json()).toMatchObject({
        status: 'processing',
        due: { dueOn: '2026-04-01' },
        events: expect.arrayContaining([
          expect.objectContaining({
            type: 'correction_received',
            details: ['补正后的申请内容：示范市2025年重点研发计划项目'],
            actor: expect.stringContaining('申请人'),
          }),
        ]),
      });
    });

    it('offers the reply letter for download by query code', async () => {
      const replied = await clerk.request(
        'POST',
        `/api/v1/agencies/${agencyId}/applications/${applicationId}/approvals`,
        {
          kind: 'reply',
          outcome: 'disclosed',
          legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项',
          details: '所需信息见附件。',
        },
      );
      expect(replied.statusCode).toBe(200);
      const page = (await visitor.request('GET', '/portal/follow/case')).body;
      expect(page).toContain('已答复');
      const link = /href="(\/portal\/follow\/case\/letters\/[^"]+\/download\.docx)"/g;
      const links = [...page.matchAll(link)].map((m) => m[1]!);
      expect(links).toHaveLength(2);
      const doc = await visitor.request('GET', links[1]!);
      expect(doc.statusCode).toBe(200);
      const text = (await mammoth.extractRawText({ buffer: doc.rawPayload })).value;
      expect(text).toContain('政府信息公开申请答复告知书');
      expect(text).toContain('本机关决定予以公开');
      const stranger = new TestClient(app);
      expect((await stranger.request('GET', links[1]!)).statusCode).toBe(401);
    });
  },
);
