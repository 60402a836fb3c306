/**
 * Every illegal step a clerk can attempt through the API is a 409 carrying the state machine's
 * reason; the review chain and the settings behave as set.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.js';
import { TestClient, TestClock, testApp, testContext } from '../support/app.js';
import {
  agencyIdByName,
  makeClerk,
  makeReviewer,
  personApplication,
} from '../support/applications.js';
import { createUser } from '../../src/services/accounts.js';
import { SYSTEM } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';
import { bootstrapDemo } from '../support/accounts.js';

const PASSWORD = 'Steps-pass-2026';

type Step = { event: Record<string, unknown> } | { approval: Record<string, unknown> };

const reply = (outcome = 'disclosed') => ({
  approval: { kind: 'reply', outcome, legalBasis: '条例第三十六条' },
});
const ev = (type: string, date: string, extra: Record<string, unknown> = {}) => ({
  event: { type, date, ...extra },
});

/**
 * [what, received on, steps before, the illegal step, the reason] — each case is registered on
 * 2026-06-30 and each event recorded on its own date; approvals are asked on the day reached.
 */
const SCENARIOS: [string, string, Step[], Step, string][] = [
  [
    'a correction after a consultation',
    '2026-03-02',
    [
      ev('consultation_started', '2026-03-03', { party: 'third_party' }),
      ev('consultation_answered', '2026-03-04'),
    ],
    ev('correction_requested', '2026-03-05', { correctBy: '2026-03-20', note: '补' }),
    'correction_after_processing',
  ],
  [
    'a late correction without a reason',
    '2026-03-02',
    [ev('correction_requested', '2026-03-03', { correctBy: '2026-03-10', note: '补' })],
    ev('correction_received', '2026-03-12'),
    'correction_overdue',
  ],
  [
    'an extension after the due date',
    '2026-03-02',
    [],
    { approval: { kind: 'extension', workingDays: 10, reason: '检索' } },
    'extension_after_due',
  ],
  [
    'the same consultation twice',
    '2026-06-01',
    [ev('consultation_started', '2026-06-02', { party: 'agency', consultationId: 'A' })],
    ev('consultation_started', '2026-06-03', { party: 'agency', consultationId: 'A' }),
    'consultation_exists',
  ],
  [
    'a consultation lapse before its 15 working days',
    '2026-06-01',
    [ev('consultation_started', '2026-06-02', { party: 'third_party' })],
    ev('consultation_lapsed', '2026-06-05'),
    'consultation_period_running',
  ],
  [
    'a consultation after the due date',
    '2026-03-02',
    [],
    ev('consultation_started', '2026-04-10', { party: 'third_party' }),
    'consultation_after_due',
  ],
  [
    'a second fee notice',
    '2026-06-01',
    [
      ev('fee_notice_issued', '2026-06-02', {
        method: 'pages',
        quantity: 50,
        deliveredOn: '2026-06-02',
      }),
      ev('fee_paid', '2026-06-03'),
    ],
    ev('fee_notice_issued', '2026-06-04', {
      method: 'pages',
      quantity: 60,
      deliveredOn: '2026-06-04',
    }),
    'fee_already_issued',
  ],
  [
    'a payment after the period',
    '2026-03-02',
    [
      ev('fee_notice_issued', '2026-03-03', {
        method: 'pages',
        quantity: 50,
        deliveredOn: '2026-03-03',
      }),
    ],
    ev('fee_paid', '2026-04-20'),
    'fee_overdue',
  ],
  [
    'a fee notice after the due date',
    '2026-03-02',
    [],
    ev('fee_notice_issued', '2026-04-10', {
      method: 'pages',
      quantity: 50,
      deliveredOn: '2026-04-10',
    }),
    'fee_after_due',
  ],
  [
    '补正后仍不明确 without a correction',
    '2026-06-01',
    [],
    reply('unable.still_unclear'),
    'still_unclear_without_correction',
  ],
  [
    'a fee notice after the reply',
    '2026-06-01',
    [reply()],
    ev('fee_notice_issued', '2026-06-30', {
      method: 'pages',
      quantity: 50,
      deliveredOn: '2026-06-30',
    }),
    'already_replied',
  ],
  ['a second reply', '2026-06-01', [reply()], reply(), 'already_replied'],
  [
    'a second delivery',
    '2026-06-01',
    [reply(), ev('delivered', '2026-06-30')],
    ev('delivered', '2026-06-30'),
    'already_delivered',
  ],
  [
    'withdrawal after the reply',
    '2026-06-01',
    [reply()],
    ev('withdrawn', '2026-06-30'),
    'withdraw_after_reply',
  ],
  [
    'a reply during a consultation',
    '2026-06-01',
    [ev('consultation_started', '2026-06-02', { party: 'third_party' })],
    reply(),
    'consultation_open',
  ],
  [
    'a reply while the fee is unpaid',
    '2026-06-01',
    [
      ev('fee_notice_issued', '2026-06-02', {
        method: 'pages',
        quantity: 50,
        deliveredOn: '2026-06-02',
      }),
    ],
    reply(),
    'awaiting_fee',
  ],
  [
    'an extension while waiting for a correction',
    '2026-06-01',
    [ev('correction_requested', '2026-06-02', { correctBy: '2026-07-10', note: '补' })],
    { approval: { kind: 'extension', workingDays: 5, reason: '检索' } },
    'awaiting_correction',
  ],
  [
    'a consultation answer without a consultation',
    '2026-06-01',
    [],
    ev('consultation_answered', '2026-06-02', { consultationId: 'X' }),
    'no_open_consultation',
  ],
  [
    'a step dated before the last one',
    '2026-06-01',
    [ev('consultation_started', '2026-06-10', { party: 'third_party' })],
    ev('consultation_answered', '2026-06-05'),
    'date_before_previous',
  ],
  [
    'anything after closing',
    '2026-06-01',
    [ev('withdrawn', '2026-06-02', { note: '撤回' })],
    ev('consultation_started', '2026-06-03', { party: 'third_party' }),
    'case_closed',
  ],
];

describeEachStore('applications: illegal steps, the review chain, settings', (getStore) => {
  let app: FastifyInstance;
  let ctx: ServiceContext;
  let clerk: TestClient;
  let head: TestClient;
  let deputy: TestClient;
  let admin: TestClient;
  let agencyId: string;
  const clock = new TestClock(new Date('2026-06-30T02:00:00Z'));
  const base = () => `/api/v1/agencies/${agencyId}`;

  beforeAll(async () => {
    ctx = testContext(getStore().store, clock);
    await bootstrapDemo(ctx);
    agencyId = await agencyIdByName(ctx, '示范市科学技术局');
    await makeClerk(ctx, agencyId, 'wang', PASSWORD);
    await makeReviewer(ctx, agencyId, 'head', PASSWORD, 'section_head');
    await makeReviewer(ctx, agencyId, 'deputy', PASSWORD, 'deputy');
    await createUser(ctx, SYSTEM, {
      username: 'boss',
      displayName: '管理员',
      password: PASSWORD,
      grants: [{ role: 'agency_admin', agencyId }],
      mustChangePassword: false,
    });
    app = await testApp(ctx);
    clerk = new TestClient(app);
    await clerk.loginReady('wang', PASSWORD);
    head = new TestClient(app);
    await head.loginReady('head', PASSWORD);
    deputy = new TestClient(app);
    await deputy.loginReady('deputy', PASSWORD);
    admin = new TestClient(app);
    await admin.loginReady('boss', PASSWORD);
  });
  afterAll(async () => app?.close());

  const newCase = async (receivedOn: string) => {
    const r = await clerk.request('POST', `${base()}/applications`, {
      ...personApplication(),
      channel: 'in_person',
      receivedOn,
    });
    expect(r.statusCode).toBe(201);
    return r.json<{ application: { id: string } }>().application.id;
  };
  /** Moves the test clock; sessions would have expired over days, so the clerk signs in again. */
  const setToday = async (date: string) => {
    clock.set(new Date(`${date}T02:00:00Z`));
    await clerk.loginReady('wang', PASSWORD);
  };
  /**
   * Each step is recorded on the day it is dated, as it would be: steps that produce letters
   * cannot be backdated (applications-backdating.test.ts). Approvals are dated the day asked.
   */
  const run = async (id: string, step: Step) => {
    if ('event' in step) {
      await setToday(step.event.date as string);
      return clerk.request('POST', `${base()}/applications/${id}/events`, step.event);
    }
    return clerk.request('POST', `${base()}/applications/${id}/approvals`, step.approval);
  };

  describe('illegal steps', () => {
    beforeAll(async () => {
      // Replies go out directly here; extensions need no approval either, so the state machine
      // alone decides.
      const r = await admin.request('PUT', `${base()}/application-settings`, {
        reviewBody: '',
        court: '示范市中心区人民法院',
        countFrom: 'next_day',
        feeWait: 'excluded',
        extensionLevels: ['section_head'],
        replyLevels: [],
        replyWithholdingLevels: [],
      });
      expect(r.statusCode).toBe(200);
    });

    afterAll(async () => {
      // Back to the day the other tests run on, everyone signed in again.
      await setToday('2026-06-30');
      for (const [client, username] of [
        [head, 'head'],
        [deputy, 'deputy'],
        [admin, 'boss'],
      ] as const) {
        await client.loginReady(username, PASSWORD);
      }
    });

    it.each(SCENARIOS)('%s → 409 %s', async (_what, receivedOn, before, step, reason) => {
      await setToday('2026-06-30');
      const id = await newCase(receivedOn);
      for (const s of before) {
        const r = await run(id, s);
        expect(r.statusCode, r.body).toBe(200);
      }
      const refused = await run(id, step);
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json()).toMatchObject({ error: { code: 'invalid_transition', reason } });
      const detail = await clerk.request('GET', `${base()}/applications/${id}`);
      expect(detail.json<{ events: unknown[] }>().events).toHaveLength(before.length + 1);
    });
  });

  describe('parts decided differently', () => {
    it('counts one outcome: 部分公开 wins when part is disclosed and part withheld', async () => {
      const id = await newCase('2026-06-29');
      const mismatch = await run(id, {
        approval: {
          kind: 'reply',
          parts: ['disclosed', 'withheld.third_party_rights'],
          outcome: 'disclosed',
          legalBasis: '条例第三十七条',
        },
      });
      expect(mismatch.statusCode).toBe(400);
      expect(mismatch.json()).toMatchObject({ error: { field: 'outcome' } });
      const r = await run(id, {
        approval: {
          kind: 'reply',
          parts: ['disclosed', 'withheld.third_party_rights'],
          legalBasis: '条例第三十七条',
        },
      });
      expect(r.json()).toMatchObject({ status: 'replied', outcome: 'partially_disclosed' });
    });
  });

  describe('the review chain', () => {
    it('needs every level in order; a rejection returns it to the clerk with the reason', async () => {
      const chain = await admin.request('PUT', `${base()}/application-settings`, {
        reviewBody: '示范市人民政府',
        court: '示范市人民法院',
        countFrom: 'next_day',
        feeWait: 'excluded',
        extensionLevels: ['section_head'],
        replyLevels: ['section_head', 'deputy'],
        replyWithholdingLevels: ['section_head', 'deputy'],
      });
      expect(chain.statusCode).toBe(200);
      const id = await newCase('2026-06-29');
      const asked = await run(id, reply('partially_disclosed'));
      expect(asked.json<{ status: string }>().status).toBe('processing');
      const pending = async (client: TestClient) =>
        (await client.request('GET', `${base()}/approvals`)).json<{
          approvals: { id: string; canDecide: boolean }[];
        }>().approvals;
      const [first] = await pending(deputy);
      expect(first!.canDecide).toBe(false);
      const early = await deputy.request('POST', `${base()}/approvals/${first!.id}/decision`, {
        decision: 'approve',
      });
      expect(early.statusCode).toBe(403);
      const noReason = await head.request('POST', `${base()}/approvals/${first!.id}/decision`, {
        decision: 'reject',
      });
      expect(noReason.statusCode).toBe(400);
      await head.request('POST', `${base()}/approvals/${first!.id}/decision`, {
        decision: 'approve',
      });
      expect((await pending(deputy))[0]!.canDecide).toBe(true);
      const rejected = await deputy.request('POST', `${base()}/approvals/${first!.id}/decision`, {
        decision: 'reject',
        comment: '理由写得不够具体',
      });
      expect(rejected.json()).toMatchObject({ status: 'returned' });
      const notes = (await clerk.request('GET', '/api/v1/notifications')).json<{
        notifications: { kind: string; message: string }[];
      }>().notifications;
      expect(notes).toContainEqual(
        expect.objectContaining({
          kind: 'approval_decided',
          message: expect.stringContaining('理由写得不够具体'),
        }),
      );

      await run(id, reply('partially_disclosed'));
      const [second] = await pending(head);
      await head.request('POST', `${base()}/approvals/${second!.id}/decision`, {
        decision: 'approve',
      });
      const done = await deputy.request('POST', `${base()}/approvals/${second!.id}/decision`, {
        decision: 'approve',
      });
      expect(done.json()).toMatchObject({ status: 'approved' });
      const detail = (await clerk.request('GET', `${base()}/applications/${id}`)).json<{
        status: string;
        letters: { kind: string }[];
      }>();
      expect(detail.status).toBe('replied');
      expect(detail.letters.map((l) => l.kind)).toEqual(['reply']);
    });

    it('refuses a chain without the level 条例第三十三条 requires for extensions', async () => {
      const r = await admin.request('PUT', `${base()}/application-settings`, {
        reviewBody: '',
        court: '',
        countFrom: 'next_day',
        feeWait: 'excluded',
        extensionLevels: [],
        replyLevels: [],
        replyWithholdingLevels: [],
      });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ error: { field: 'extensionLevels' } });
      const byClerk = await clerk.request('PUT', `${base()}/application-settings`, {
        reviewBody: '',
        court: '',
        countFrom: 'next_day',
        feeWait: 'excluded',
        extensionLevels: ['section_head'],
        replyLevels: [],
        replyWithholdingLevels: [],
      });
      expect(byClerk.statusCode).toBe(403);
    });
  });
  // Calendar years are national now: applications-calendar.test.ts.
});
