/**
 * The year-end calendar: a case whose period runs into a year without the State Council's notice
 * gets a 暂定 due date from the holiday law; the system admin pastes the notice, sees it read
 * line by line, is refused when it is malformed or contradicts the law (keeping the text), and
 * on entering it every open case is recounted and the change recorded on the case.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/services/accounts.js';
import { bootstrap } from '../../src/services/bootstrap.js';
import { loadConfig } from '../../src/services/config.js';
import type { ServiceContext } from '../../src/services/context.js';
import { TestClient, TestClock, testApp, testContext } from '../support/app.js';
import { agencyIdByName, makeClerk, personApplication, SYSTEM } from '../support/applications.js';
import { NOTICE_2027_TEXT } from '../support/notices.js';
import { describeEachStore } from '../support/stores.js';

const PASSWORD = 'Notices-pass-2026';

interface Detail {
  dueOn: string | null;
  dueProvisional: boolean;
  due: { dueOn: string | null; provisionalYears: number[]; rule: string[]; error: string | null };
  dueDays: string[];
  dueChanges: {
    text: string;
    before: string | null;
    after: string | null;
    afterProvisional: boolean;
  }[];
}

describeEachStore('the year-end calendar: 暂定 due dates and the notice', (getStore) => {
  let app: FastifyInstance;
  let ctx: ServiceContext;
  let system: TestClient;
  let clerk: TestClient;
  let agencyId: string;
  const clock = new TestClock(new Date('2026-12-21T02:00:00Z'));
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ctx = testContext(getStore().store, clock);
    await bootstrap(ctx, loadConfig({ GONGKAI_ADMIN_PASSWORD: 'First-pass-2026' }, '/tmp'));
    agencyId = await agencyIdByName(ctx, '示范市科学技术局');
    await makeClerk(ctx, agencyId, 'nc-clerk', PASSWORD, '年末经办');
    await createUser(ctx, SYSTEM, {
      username: 'nc-root',
      displayName: '日历管理员',
      password: PASSWORD,
      grants: [{ role: 'system_admin' }],
      mustChangePassword: false,
    });
    app = await testApp(ctx);
    system = new TestClient(app);
    await system.loginReady('nc-root', PASSWORD);
    clerk = new TestClient(app);
    await clerk.loginReady('nc-clerk', PASSWORD);
  });
  afterAll(async () => app?.close());

  const register = async (receivedOn: string) => {
    const r = await clerk.request('POST', `/api/v1/agencies/${agencyId}/applications`, {
      ...personApplication(),
      channel: 'in_person',
      receivedOn,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ application: { id: string } }>().application.id;
  };
  const detail = async (id: string) => {
    const r = await clerk.request('GET', `/api/v1/agencies/${agencyId}/applications/${id}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Detail>();
  };

  it('a case received on 2026-12-20 gets a 暂定 due date, each day’s source named', async () => {
    ids.december = await register('2026-12-20');
    const d = await detail(ids.december);
    expect(d).toMatchObject({ dueOn: '2027-01-18', dueProvisional: true });
    expect(d.due.provisionalYears).toEqual([2027]);
    expect(d.due.rule.join('\n')).toContain('暂定：2027 年的节假日安排');
    expect(d.dueDays).toContain(
      '2027-01-01：元旦放假（依《全国年节及纪念日放假办法》第二条：新年，放假1天（1月1日）；暂定）',
    );
    expect(d.dueDays[0]).toBe('2026-12-20：周末休息');
    expect(d.dueDays).toContain('2026-12-21 至 2026-12-24：工作日（星期一至星期五）');
  });

  it('reminds: the calendar status names the missing year', async () => {
    const r = await clerk.request('GET', '/api/v1/calendar/status');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ missing: [{ year: 2027, provisional: true }] });
    expect(r.json<{ reminder: string }>().reminder).toContain(
      '2027 年的国务院办公厅节假日安排尚未录入',
    );
  });

  it('a pasted notice is read line by line; what is not understood is shown and nothing saved', async () => {
    clock.set(new Date('2027-01-25T02:00:00Z'));
    await clerk.loginReady('nc-clerk', PASSWORD);
    await system.loginReady('nc-root', PASSWORD);
    ids.january = await register('2027-01-25');
    expect(await detail(ids.january)).toMatchObject({ dueOn: '2027-02-26', dueProvisional: true });

    const broken = NOTICE_2027_TEXT.replace(
      '三、清明节：4月3日（周六）至5日（周一）放假，共3天。',
      '三、清明节：4月3日至放假。',
    );
    const preview = await system.request('POST', '/api/v1/calendar/notices/preview', {
      text: broken,
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json<{
      preview: {
        ok: boolean;
        year: number;
        items: { name: string; dayList: string[] }[];
        unread: { line: number; message: string }[];
      };
    }>().preview;
    expect(p.ok).toBe(false);
    expect(p.year).toBe(2027);
    expect(p.items.map((i) => i.name)).toEqual([
      '元旦',
      '春节',
      '劳动节',
      '端午节',
      '中秋节',
      '国庆节',
    ]);
    expect(p.items[1]!.dayList[0]).toBe('2027-02-05（星期五）');
    expect(p.unread).toEqual([expect.objectContaining({ line: 7 })]);
    expect(p.unread[0]!.message).toContain('放假日期“4月3日至放假”没有看懂');

    const refused = await system.request('POST', '/api/v1/calendar/notices', {
      year: 2027,
      text: broken,
    });
    expect(refused.statusCode).toBe(400);
    const body = refused.json<{
      error: { message: string; field: string; preview: { unread: unknown[] } };
    }>();
    expect(body.error.field).toBe('text');
    expect(body.error.message).toContain('没有看懂');
    expect(body.error.preview.unread).toHaveLength(1);
    expect((await detail(ids.january)).dueProvisional).toBe(true);
  });

  it('a notice whose days contradict the holiday law is refused with the reason', async () => {
    const short = NOTICE_2027_TEXT.replace(
      '二、春节：2月5日（农历除夕、周五）',
      '二、春节：2月6日（农历正月初一、周六）',
    ).replace('共7天。2月27日', '共6天。2月27日');
    const r = await system.request('POST', '/api/v1/calendar/notices', { year: 2027, text: short });
    expect(r.statusCode).toBe(400);
    const message = r.json<{ error: { message: string } }>().error.message;
    expect(message).toContain(
      '春节的农历除夕是2027年2月5日（星期五），通知中没有把这一天列为放假日',
    );
  });

  it('entering the notice recounts every open case and records the change on each', async () => {
    const r = await system.request('POST', '/api/v1/calendar/notices', {
      year: 2027,
      text: NOTICE_2027_TEXT,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      year: 2027,
      notice: '国办发明电〔2026〕99号',
      recomputed: { changed: 2 },
    });

    const moved = await detail(ids.january!);
    expect(moved).toMatchObject({ dueOn: '2027-02-27', dueProvisional: false });
    expect(moved.dueChanges).toEqual([
      expect.objectContaining({
        before: '2027-02-26',
        after: '2027-02-27',
        afterProvisional: false,
        text: '录入 2027 年节假日安排（国办发明电〔2026〕99号）后重新计算：答复期限由 2027-02-26（暂定） 改为 2027-02-27',
      }),
    ]);
    expect(moved.dueDays).toContain('2027-02-27：调休上班（依国办发明电〔2026〕99号）');

    const settled = await detail(ids.december!);
    expect(settled).toMatchObject({ dueOn: '2027-01-18', dueProvisional: false });
    expect(settled.dueChanges.map((c) => c.text)).toEqual([
      '录入 2027 年节假日安排（国办发明电〔2026〕99号）后重新计算：答复期限 2027-01-18 不变，不再是暂定',
    ]);

    const audit = await ctx.store.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', 'in', ['application.due_recomputed', 'calendar_year.create'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'application.due_recomputed',
      'application.due_recomputed',
      'calendar_year.create',
    ]);
    const kept = await ctx.store.db
      .selectFrom('calendar_year')
      .select(['notice_text'])
      .where('year', '=', 2027)
      .executeTakeFirstOrThrow();
    expect(kept.notice_text).toBe(NOTICE_2027_TEXT);
    const status = await clerk.request('GET', '/api/v1/calendar/status');
    expect(status.json()).toMatchObject({ missing: [], reminder: null });
  });
});
