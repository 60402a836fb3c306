/**
 * Overdue watch and escalation: the daily reminders run by the server's scheduler (fixed clock),
 * once per working day however many nodes tick, reach the clerk's notifications on the right
 * working day, raise an overdue case to the reviewer and the agency admin (督办), and go out by
 * e-mail through the outbox to a local SMTP sink started here; without SMTP nothing is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/services/accounts.js';
import {
  deliverOutbox,
  enqueueEmail,
  smtpTransport,
  type MailTransport,
} from '../../src/services/mail.js';
import { reminderJob, Scheduler } from '../../src/services/scheduler.js';
import { TestClient } from '../support/app.js';
import { clerkDesk, makeReviewer, SYSTEM } from '../support/applications.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeEachStore } from '../support/stores.js';

const PASSWORD = 'Reminder-pass-2026';

describeEachStore('overdue watch, escalation and reminders', (getStore) => {
  const desk = clerkDesk(getStore, PASSWORD);
  let sink: SmtpSink;
  let reviewer: TestClient;
  let admin: TestClient;
  const ids: Record<string, string> = {};
  const users: Record<string, string> = {};

  beforeAll(async () => {
    sink = await startSmtpSink();
    users.reviewer = await makeReviewer(desk.ctx, desk.agencyId, 'rm-li', PASSWORD, 'section_head');
    users.admin = (
      await createUser(desk.ctx, SYSTEM, {
        username: 'rm-admin',
        displayName: '科技局管理员',
        password: PASSWORD,
        grants: [{ role: 'agency_admin', agencyId: desk.agencyId }],
        mustChangePassword: false,
      })
    ).user.id;
    reviewer = new TestClient(desk.app);
    await reviewer.loginReady('rm-li', PASSWORD);
    admin = new TestClient(desk.app);
    await admin.loginReady('rm-admin', PASSWORD);
    users.clerk = (
      await desk.ctx.store.db
        .selectFrom('user_account')
        .select('id')
        .where('username', '=', 'wang')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => sink?.close());

  const at = (instant: string) => desk.clock.set(new Date(instant));
  const scheduler = (mail: ReturnType<typeof smtpTransport>, node?: string) =>
    new Scheduler(desk.ctx, { jobs: [reminderJob()], mail, ...(node ? { node } : {}) });
  const notes = async (userId: string) =>
    desk.ctx.store.db
      .selectFrom('notification')
      .select(['kind', 'application_id', 'message', 'created_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();

  it('each person sets the address reminders go to; a bad one is refused in Chinese', async () => {
    const bad = await desk.clerk.request('PUT', '/api/v1/me/email', { email: 'wang@' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { field: 'email' } });
    expect(bad.json<{ error: { message: string } }>().error.message).toContain(
      '不是有效的电子邮件地址',
    );
    for (const [client, email] of [
      [desk.clerk, 'wang@kj.example.gov.cn'],
      [reviewer, 'li@kj.example.gov.cn'],
      [admin, 'admin@kj.example.gov.cn'],
    ] as const) {
      const r = await client.request('PUT', '/api/v1/me/email', { email });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect((await desk.clerk.request('GET', '/api/v1/me/email')).json()).toEqual({
      email: 'wang@kj.example.gov.cn',
    });
  });

  it('lists 即将超期 and 已超期 with the clerk responsible, by the agency’s window', async () => {
    ids.march = await desk.register('2026-03-02'); // due 2026-03-30 (Monday)
    await desk.setToday('2026-03-06');
    ids.friday = await desk.register('2026-03-06'); // due 2026-04-03 (Friday, before 清明 4–6)
    await desk.setToday('2026-03-24');
    await admin.loginReady('rm-admin', PASSWORD);
    const watch = async () =>
      (await desk.clerk.request('GET', `${desk.base()}/overdue-watch`)).json<{
        watch: {
          dueSoonWorkingDays: number;
          dueSoon: {
            id: string;
            dueOn: string;
            responsible: { name: string } | null;
            workingDaysLeft: number;
          }[];
          overdue: { id: string }[];
        };
      }>().watch;
    // 2026-03-24: 4 working days to 3-30 — outside the default window of 3.
    expect((await watch()).dueSoon).toEqual([]);
    const set = await admin.request('PUT', `${desk.base()}/reminder-settings`, {
      dueSoonWorkingDays: 5,
    });
    expect(set.statusCode, set.body).toBe(200);
    const wide = await watch();
    expect(wide.dueSoonWorkingDays).toBe(5);
    expect(wide.dueSoon).toEqual([
      expect.objectContaining({
        id: ids.march,
        dueOn: '2026-03-30',
        workingDaysLeft: 4,
        responsible: expect.objectContaining({ name: '王经办' }),
      }),
    ]);
    const clerkCannot = await desk.clerk.request('PUT', `${desk.base()}/reminder-settings`, {
      dueSoonWorkingDays: 2,
    });
    expect(clerkCannot.statusCode).toBe(403);
    await admin.request('PUT', `${desk.base()}/reminder-settings`, { dueSoonWorkingDays: 3 });
  });

  it('without SMTP the scheduler runs the day, queues the e-mails and fails nothing', async () => {
    at('2026-03-25T01:00:00Z'); // 09:00 in Shanghai, Wednesday: 3-30 is 3 working days away
    const result = await scheduler(null).tick();
    expect(result.failed).toEqual([]);
    expect(result.ran.map((r) => r.job)).toEqual(['daily-reminders']);
    const clerkNotes = await notes(users.clerk!);
    expect(clerkNotes.filter((n) => n.application_id === ids.march).map((n) => n.kind)).toEqual([
      'due_soon',
    ]);
    expect(await notes(users.reviewer!)).toEqual([]);
    const queued = await desk.ctx.store.db.selectFrom('outbox_email').selectAll().execute();
    expect(queued.map((q) => [q.recipient, q.status])).toEqual([
      ['wang@kj.example.gov.cn', 'pending'],
    ]);
    expect(result.outbox).toEqual({ sent: 0, failed: 0, waiting: 1 });
    expect(sink.received).toEqual([]);
  });

  it('the overdue reminder comes on the first working day after the due date, with 督办 and e-mail', async () => {
    const mail = smtpTransport({
      smtpUrl: sink.url,
      smtpFrom: '政府信息公开 <gongkai@example.gov.cn>',
    });
    // 2026-03-31 07:00 in Shanghai: before the reminders' hour; but the waiting e-mail goes out.
    at('2026-03-30T23:00:00Z');
    const early = await scheduler(mail).tick();
    expect(early.ran).toEqual([]);
    expect(early.outbox.sent).toBe(1);
    expect(sink.received[0]).toMatchObject({
      to: ['wang@kj.example.gov.cn'],
      subject: '政府信息公开工作提醒（2026-03-25）',
    });
    expect(sink.received[0]!.text).toContain(
      '答复期限最迟于2026年3月30日（含当日），还有 3 个工作日',
    );

    // 09:00, two nodes tick at once: the day runs once.
    at('2026-03-31T01:00:00Z');
    const [a, b] = await Promise.all([
      scheduler(mail, 'node-a').tick(),
      scheduler(mail, 'node-b').tick(),
    ]);
    expect([...a.ran, ...b.ran].map((r) => r.job)).toEqual(['daily-reminders']);
    const overdue = (await notes(users.clerk!)).filter((n) => n.kind === 'overdue');
    expect(overdue.map((n) => [n.application_id, n.created_at])).toEqual([
      [ids.march, '2026-03-31T01:00:00.000Z'],
    ]);
    expect(overdue[0]!.message).toContain('已超期 1 个工作日');
    for (const who of [users.reviewer!, users.admin!]) {
      const escalations = (await notes(who)).filter((n) => n.kind === 'escalation');
      expect(escalations.map((n) => n.application_id)).toEqual([ids.march]);
      expect(escalations[0]!.message).toMatch(/^督办：申请 .*经办人：王经办。$/);
    }
    const today = sink.received.filter((m) => m.subject === '政府信息公开工作提醒（2026-03-31）');
    expect(today.map((m) => m.to[0]).sort()).toEqual([
      'admin@kj.example.gov.cn',
      'li@kj.example.gov.cn',
      'wang@kj.example.gov.cn',
    ]);
    expect(today.find((m) => m.to[0] === 'li@kj.example.gov.cn')!.text).toContain(
      '督办（示范市科学技术局）',
    );
    expect(today[0]!.from).toBe('gongkai@example.gov.cn');

    // Another tick that day adds nothing.
    const again = await scheduler(mail).tick();
    expect(again.ran).toEqual([]);
    expect(sink.received.filter((m) => m.subject.includes('2026-03-31'))).toHaveLength(3);
  });

  it('skips the weekend and the 清明 holiday: a case due Friday 4-3 is reminded on Tuesday 4-7', async () => {
    const mail = smtpTransport({ smtpUrl: sink.url, smtpFrom: 'gongkai@example.gov.cn' });
    for (const day of ['2026-04-04', '2026-04-05', '2026-04-06']) {
      at(`${day}T01:00:00Z`);
      const r = await scheduler(mail).tick();
      expect(r.ran, day).toEqual([{ job: 'daily-reminders', result: { skipped: '非工作日' } }]);
    }
    expect(
      (await notes(users.clerk!)).filter(
        (n) => n.application_id === ids.friday && n.kind === 'overdue',
      ),
    ).toEqual([]);
    at('2026-04-07T01:00:00Z');
    await scheduler(mail).tick();
    const reminded = (await notes(users.clerk!)).filter(
      (n) => n.application_id === ids.friday && n.kind === 'overdue',
    );
    expect(reminded.map((n) => n.created_at)).toEqual(['2026-04-07T01:00:00.000Z']);
    // The clerk reads it in the workspace.
    await desk.setToday('2026-04-07');
    const list = await desk.clerk.request('GET', '/api/v1/notifications');
    expect(
      list.json<{ notifications: { kind: string; applicationId: string }[] }>().notifications,
    ).toContainEqual(expect.objectContaining({ kind: 'overdue', applicationId: ids.friday }));
  });

  it('from 1 November reminds the system admins, weekly, that next year’s notice is due', async () => {
    const admins = (
      await desk.ctx.store.db
        .selectFrom('role_grant')
        .select('user_id')
        .where('role', '=', 'system_admin')
        .execute()
    ).map((r) => r.user_id);
    expect(admins.length).toBeGreaterThan(0);
    const reminders = async (userId: string) =>
      (await notes(userId)).filter((n) => n.kind === 'calendar_notice_due');
    at('2026-10-30T01:00:00Z'); // Friday 30 October
    await scheduler(null).tick();
    for (const id of admins) expect(await reminders(id)).toEqual([]);
    at('2026-11-02T01:00:00Z'); // Monday 2 November
    await scheduler(null).tick();
    for (const id of admins) {
      const got = await reminders(id);
      expect(got).toHaveLength(1);
      expect(got[0]!.message).toContain('2027 年的国务院办公厅节假日安排尚未录入');
    }
    at('2026-11-03T01:00:00Z');
    await scheduler(null).tick();
    for (const id of admins) expect(await reminders(id)).toHaveLength(1);
    at('2026-11-09T01:00:00Z');
    await scheduler(null).tick();
    for (const id of admins) expect(await reminders(id)).toHaveLength(2);
    // Agency admins are shown it in the workspace, not sent it.
    expect(await reminders(users.admin!)).toEqual([]);
    const status = await admin.request('GET', '/api/v1/calendar/status');
    expect(status.statusCode).toBe(401); // signed out by the clock; sign in again
    await admin.loginReady('rm-admin', PASSWORD);
    expect(
      (await admin.request('GET', '/api/v1/calendar/status')).json<{ reminder: string }>().reminder,
    ).toContain('2027 年');
  });

  it('a run left unfinished by a dead node is taken over once its lease has passed', async () => {
    await desk.ctx.store.db
      .insertInto('scheduled_job_run')
      .values({
        job: 'daily-reminders',
        run_on: '2026-04-08',
        node: 'dead',
        started_at: '2026-04-08T00:00:00.000Z',
        lease_until: '2026-04-08T00:15:00.000Z',
        finished_at: null,
        result_json: null,
      })
      .execute();
    at('2026-04-08T00:10:00Z'); // 08:10: the lease still holds
    expect((await scheduler(null).tick()).ran).toEqual([]);
    at('2026-04-08T00:20:00Z');
    expect((await scheduler(null, 'heir').tick()).ran.map((r) => r.job)).toEqual([
      'daily-reminders',
    ]);
    const row = await desk.ctx.store.db
      .selectFrom('scheduled_job_run')
      .selectAll()
      .where('run_on', '=', '2026-04-08')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ node: 'heir' });
    expect(row.finished_at).not.toBeNull();
  });
});

describeEachStore('the e-mail outbox retries and never loses a message', (getStore) => {
  const desk = clerkDesk(getStore, PASSWORD);

  it('retries a failed send with a pause, then sends; gives up after the last attempt', async () => {
    const sent: string[] = [];
    let failures = 1;
    const flaky: MailTransport = {
      send: async (m) => {
        if (failures-- > 0) throw new Error('连接邮件服务器超时');
        sent.push(m.to);
      },
    };
    desk.clock.set(new Date('2026-05-06T01:00:00Z'));
    await enqueueEmail(desk.ctx.store.db, desk.clock.now(), {
      to: 'a@example.gov.cn',
      subject: '测试',
      text: '正文',
      dedupeKey: 'retry-1',
    });
    expect(
      await enqueueEmail(desk.ctx.store.db, desk.clock.now(), {
        to: 'a@example.gov.cn',
        subject: '测试',
        text: '正文',
        dedupeKey: 'retry-1',
      }),
    ).toBe(false);
    const mail = { transport: flaky, from: 'gongkai@example.gov.cn' };
    expect(await deliverOutbox(desk.ctx, mail)).toEqual({ sent: 0, failed: 1, waiting: 0 });
    const row = await desk.ctx.store.db
      .selectFrom('outbox_email')
      .selectAll()
      .where('dedupe_key', '=', 'retry-1')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: '连接邮件服务器超时' });
    // Not before its pause.
    expect(await deliverOutbox(desk.ctx, mail)).toEqual({ sent: 0, failed: 0, waiting: 0 });
    desk.clock.advance(61_000);
    expect(await deliverOutbox(desk.ctx, mail)).toEqual({ sent: 1, failed: 0, waiting: 0 });
    expect(sent).toEqual(['a@example.gov.cn']);

    const broken: MailTransport = { send: () => Promise.reject(new Error('拒绝接收')) };
    await enqueueEmail(desk.ctx.store.db, desk.clock.now(), {
      to: 'b@example.gov.cn',
      subject: '测试',
      text: '正文',
      dedupeKey: 'retry-2',
    });
    for (let i = 0; i < 8; i++) {
      await deliverOutbox(desk.ctx, { transport: broken, from: 'x@example.gov.cn' });
      desk.clock.advance(7 * 3600_000);
    }
    const failed = await desk.ctx.store.db
      .selectFrom('outbox_email')
      .selectAll()
      .where('dedupe_key', '=', 'retry-2')
      .executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: 'failed', attempts: 8, last_error: '拒绝接收' });
  });
});

describe('configuration of e-mail', () => {
  it('refuses a malformed SMTP URL or sender, naming the variable', async () => {
    const { loadConfig } = await import('../../src/services/config.js');
    expect(() => loadConfig({ GONGKAI_SMTP_URL: 'mail.example.gov.cn' }, '/x')).toThrow(
      /GONGKAI_SMTP_URL/,
    );
    expect(() => loadConfig({ GONGKAI_SMTP_FROM: 'not an address' }, '/x')).toThrow(
      /GONGKAI_SMTP_FROM/,
    );
    expect(loadConfig({}, '/x')).toMatchObject({ smtpUrl: null, smtpFrom: null, scheduler: true });
    expect(smtpTransport({ smtpUrl: null, smtpFrom: null })).toBeNull();
  });
});
