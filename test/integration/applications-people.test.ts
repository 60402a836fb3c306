/**
 * Who may do what to a case beyond the role table: nobody approves their own request (four
 * eyes), and a case assigned to one clerk is not taken over by another clerk at will.
 *
 * Reassignment rule: an unassigned case may be taken (or given to a clerk) by any clerk of the
 * agency; once assigned, only its current clerk (handing it over) or an agency admin (or the
 * system admin) may change the assignee. The previous clerk is told, and every change shows in
 * the case's history.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/services/accounts.js';
import type { ServiceContext } from '../../src/services/context.js';
import { TestClient, TestClock, testApp, testContext } from '../support/app.js';
import {
  agencyIdByName,
  makeClerk,
  makeReviewer,
  personApplication,
  SYSTEM,
} from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';
import { bootstrapDemo } from '../support/accounts.js';

const PASSWORD = 'People-pass-2026';

interface Detail {
  id: string;
  assignedUserId: string | null;
  canAssign: boolean;
  canReveal: boolean;
  assignments: { at: string; from: string | null; to: string | null; by: string }[];
}
interface ErrorBody {
  error: { code: string; message: string; reason?: string };
}

describeEachStore('applications: four eyes and reassignment', (getStore) => {
  let app: FastifyInstance;
  let ctx: ServiceContext;
  let wang: TestClient;
  let zhao: TestClient;
  let both: TestClient;
  let chen: TestClient;
  let boss: TestClient;
  let agencyId: string;
  const ids: Record<string, string> = {};
  const clock = new TestClock(new Date('2026-03-02T02:00:00Z'));
  const base = () => `/api/v1/agencies/${agencyId}`;

  beforeAll(async () => {
    ctx = testContext(getStore().store, clock);
    await bootstrapDemo(ctx);
    agencyId = await agencyIdByName(ctx, '示范市科学技术局');
    ids.wang = await makeClerk(ctx, agencyId, 'wang', PASSWORD, '王经办');
    ids.zhao = await makeClerk(ctx, agencyId, 'zhao', PASSWORD, '赵经办');
    ids.chen = await makeReviewer(ctx, agencyId, 'chen', PASSWORD, 'section_head');
    ids.both = (
      await createUser(ctx, SYSTEM, {
        username: 'both',
        displayName: '钱兼审',
        password: PASSWORD,
        grants: [
          { role: 'clerk', agencyId },
          { role: 'reviewer', agencyId, reviewLevel: 'section_head' },
        ],
        mustChangePassword: false,
      })
    ).user.id;
    ids.boss = (
      await createUser(ctx, SYSTEM, {
        username: 'boss',
        displayName: '孙管理',
        password: PASSWORD,
        grants: [{ role: 'agency_admin', agencyId }],
        mustChangePassword: false,
      })
    ).user.id;
    app = await testApp(ctx);
    const login = async (username: string) => {
      const c = new TestClient(app);
      await c.loginReady(username, PASSWORD);
      return c;
    };
    wang = await login('wang');
    zhao = await login('zhao');
    both = await login('both');
    chen = await login('chen');
    boss = await login('boss');
  });
  afterAll(async () => app?.close());

  const register = async (client: TestClient, assignedUserId?: string | null) => {
    const r = await client.request('POST', `${base()}/applications`, {
      ...personApplication(),
      channel: 'in_person',
      receivedOn: '2026-03-02',
      ...(assignedUserId === undefined ? {} : { assignedUserId }),
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ application: { id: string } }>().application.id;
  };
  const pending = async (client: TestClient) =>
    (await client.request('GET', `${base()}/approvals`)).json<{
      approvals: { id: string; subjectId: string; canDecide: boolean }[];
    }>().approvals;
  const notifications = async (client: TestClient) =>
    (await client.request('GET', '/api/v1/notifications')).json<{
      notifications: { kind: string; applicationId: string | null; message: string }[];
    }>().notifications;

  describe('four eyes', () => {
    it('a person holding clerk and reviewer roles cannot approve their own request', async () => {
      const id = await register(both);
      const asked = await both.request('POST', `${base()}/applications/${id}/approvals`, {
        kind: 'extension',
        workingDays: 5,
        reason: '需要检索档案',
      });
      expect(asked.statusCode, asked.body).toBe(200);
      const mine = (await pending(both)).find((a) => a.subjectId === id)!;
      expect(mine.canDecide).toBe(false);
      const self = await both.request('POST', `${base()}/approvals/${mine.id}/decision`, {
        decision: 'approve',
      });
      expect(self.statusCode).toBe(403);
      expect(self.json<ErrorBody>().error.message).toContain('不能审批自己提请的事项');
      // Nothing was decided: another reviewer of the level still can.
      const other = (await pending(chen)).find((a) => a.id === mine.id)!;
      expect(other.canDecide).toBe(true);
      const approved = await chen.request('POST', `${base()}/approvals/${mine.id}/decision`, {
        decision: 'approve',
      });
      expect(approved.statusCode, approved.body).toBe(200);
    });

    it('nor reject it', async () => {
      const id = await register(both);
      await both.request('POST', `${base()}/applications/${id}/approvals`, {
        kind: 'extension',
        workingDays: 5,
        reason: '需要检索档案',
      });
      const mine = (await pending(both)).find((a) => a.subjectId === id)!;
      const self = await both.request('POST', `${base()}/approvals/${mine.id}/decision`, {
        decision: 'reject',
        comment: '自己退回',
      });
      expect(self.statusCode).toBe(403);
    });
  });

  describe('reassignment', () => {
    let id: string;

    it('any clerk may take an unassigned case', async () => {
      id = await register(wang, null);
      const taken = await wang.request('PUT', `${base()}/applications/${id}/assignee`, {
        userId: ids.wang,
      });
      expect(taken.statusCode, taken.body).toBe(200);
      expect(taken.json<Detail>()).toMatchObject({ assignedUserId: ids.wang, canReveal: true });
    });

    it('another clerk cannot take over an assigned case (nor then see the identity)', async () => {
      const view = (await zhao.request('GET', `${base()}/applications/${id}`)).json<Detail>();
      expect(view.canAssign).toBe(false);
      const grab = await zhao.request('PUT', `${base()}/applications/${id}/assignee`, {
        userId: ids.zhao,
      });
      expect(grab.statusCode).toBe(403);
      expect(grab.json<ErrorBody>().error.message).toContain('王经办');
      const reveal = await zhao.request('POST', `${base()}/applications/${id}/reveal`);
      expect(reveal.statusCode).toBe(403);
    });

    it('the current clerk hands it over; the new clerk is told', async () => {
      expect(
        (await wang.request('GET', `${base()}/applications/${id}`)).json<Detail>().canAssign,
      ).toBe(true);
      const handed = await wang.request('PUT', `${base()}/applications/${id}/assignee`, {
        userId: ids.zhao,
      });
      expect(handed.statusCode, handed.body).toBe(200);
      expect(await notifications(zhao)).toContainEqual(
        expect.objectContaining({ kind: 'assigned', applicationId: id }),
      );
    });

    it('an agency admin reassigns; the previous clerk is told; the history shows each change', async () => {
      const view = (await boss.request('GET', `${base()}/applications/${id}`)).json<Detail>();
      expect(view.canAssign).toBe(true);
      const moved = await boss.request('PUT', `${base()}/applications/${id}/assignee`, {
        userId: ids.wang,
      });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(await notifications(zhao)).toContainEqual(
        expect.objectContaining({
          kind: 'unassigned',
          applicationId: id,
          message: expect.stringContaining('王经办'),
        }),
      );
      const d = moved.json<Detail>();
      expect(d.assignments.map((a) => [a.from, a.to])).toEqual([
        [null, '王经办'],
        ['王经办', '赵经办'],
        ['赵经办', '王经办'],
      ]);
      expect(d.assignments.at(-1)!.by).toContain('孙管理');
    });

    it('a reviewer may not assign at all', async () => {
      const r = await chen.request('PUT', `${base()}/applications/${id}/assignee`, {
        userId: ids.zhao,
      });
      expect(r.statusCode).toBe(403);
    });
  });
});
