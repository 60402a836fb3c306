/**
 * The review-chain engine on both stores, with a subject kind of its own (as another module —
 * proactive items, say — plugs in): chains per agency with defaults, levels in order, four
 * eyes, one level per person, an agency admin as a level, a return with its comment back to the
 * author, withdrawal by the author only, and an audit record for every state change.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ReviewLevel, Role } from '../../src/core/auth/roles.js';
import { createUser } from '../../src/services/accounts.js';
import type { Actor, ServiceContext } from '../../src/services/context.js';
import { listNotifications } from '../../src/services/applications/notifications.js';
import {
  chainFor,
  decide,
  listChains,
  listRequests,
  requestDetail,
  setChain,
  submit,
  withdraw,
} from '../../src/services/review/engine.js';
import { registerSubjectKind } from '../../src/services/review/registry.js';
import { TestClock, testContext } from '../support/app.js';
import { bootstrapDemo } from '../support/accounts.js';
import { agencyIdByName, SYSTEM } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';

type UserActor = Extract<Actor, { kind: 'user' }>;

const applied: { id: string; text: string; by: string }[] = [];
const returned: string[] = [];

registerSubjectKind<{ text: string }>({
  kind: 'test.publish',
  label: '测试发布',
  defaultLevels: [{ role: 'reviewer', reviewLevel: 'section_head' }],
  auditPrefix: 'test_item',
  entityType: 'test_item',
  lockKey: (id) => `test_item:${id}`,
  summary: (p) => `发布：${p.text}`,
  onApproved: (_ctx, _t, actor, r) => {
    applied.push({ id: r.subjectId, text: r.payload.text, by: actor.kind });
    return Promise.resolve();
  },
  onReturned: (_ctx, _t, _actor, r, comment) => {
    returned.push(`${r.subjectId}:${comment}`);
    return Promise.resolve();
  },
  preview: (_ctx, _actor, r) =>
    Promise.resolve({
      document: { title: '待发布', html: `<p>${r.payload.text}</p>` },
      timeline: [],
      reasons: [],
    }),
});

describeEachStore('review-chain engine', (getStore) => {
  let ctx: ServiceContext;
  let agencyId: string;
  const people: Record<string, UserActor> = {};

  async function person(username: string, role: Role, reviewLevel?: ReviewLevel) {
    const { user } = await createUser(ctx, SYSTEM, {
      username,
      displayName: username,
      password: 'Review-engine-2026',
      grants: [{ role, agencyId, ...(reviewLevel ? { reviewLevel } : {}) }],
      mustChangePassword: false,
    });
    people[username] = {
      kind: 'user',
      principal: {
        userId: user.id,
        username,
        displayName: username,
        grants: [
          {
            id: `${username}-grant`,
            role,
            agencyId,
            regionCode: null,
            reviewLevel: reviewLevel ?? null,
          },
        ],
      },
    };
  }

  const submitted = (author: UserActor, subjectId: string, text: string) =>
    ctx.store.transaction((t) =>
      submit(ctx, t, author, { agencyId, kind: 'test.publish', subjectId, payload: { text } }),
    );

  const audit = async (entityId: string) =>
    (
      await ctx.store.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', entityId)
        .orderBy('seq')
        .execute()
    ).map((r) => r.action);

  beforeAll(async () => {
    ctx = testContext(getStore().store, new TestClock());
    await bootstrapDemo(ctx);
    agencyId = await agencyIdByName(ctx, '示范市科学技术局');
    await person('author', 'clerk');
    await person('head', 'reviewer', 'section_head');
    await person('head2', 'reviewer', 'section_head');
    await person('deputy', 'reviewer', 'deputy');
    await person('admin', 'agency_admin');
    applied.length = 0;
    returned.length = 0;
  });
  afterAll(() => undefined);

  it('has a default chain until the agency sets its own, and checks the chain', async () => {
    expect(await chainFor(ctx.store.db, agencyId, 'test.publish')).toEqual([
      { role: 'reviewer', reviewLevel: 'section_head' },
    ]);
    const listed = (await listChains(ctx.store.db, agencyId)).find(
      (c) => c.kind === 'test.publish',
    );
    expect(listed).toMatchObject({ isDefault: true, label: '测试发布' });
    await expect(
      setChain(ctx, SYSTEM, agencyId, 'test.publish', [
        { role: 'reviewer', reviewLevel: 'deputy' },
        { role: 'reviewer', reviewLevel: 'section_head' },
      ]),
    ).rejects.toThrow(/由低到高/);
    await expect(
      setChain(ctx, SYSTEM, agencyId, 'test.publish', [
        { role: 'reviewer', reviewLevel: 'section_head' },
        { role: 'reviewer', reviewLevel: 'section_head' },
      ]),
    ).rejects.toThrow(/不能重复/);
    await expect(setChain(ctx, SYSTEM, agencyId, 'no.such', [])).rejects.toThrow(/没有这种/);
  });

  it('an empty chain lets the caller act at once', async () => {
    await setChain(ctx, SYSTEM, agencyId, 'test.publish', []);
    expect(await submitted(people.author!, 'item-0', '无需审批')).toBeNull();
  });

  it('runs every level in order; no one decides their own request or two levels', async () => {
    await setChain(ctx, SYSTEM, agencyId, 'test.publish', [
      { role: 'reviewer', reviewLevel: 'section_head' },
      { role: 'reviewer', reviewLevel: 'deputy' },
      { role: 'agency_admin' },
    ]);
    const id = (await submitted(people.author!, 'item-1', '第一件'))!;
    expect(id).toBeTruthy();
    // One pending request per kind and subject.
    await expect(submitted(people.author!, 'item-1', '又一件')).rejects.toThrow(/已有一份待审批/);

    const inbox = async (who: string) =>
      (await listRequests(ctx, people[who]!, agencyId, { scope: 'inbox' })).map((r) => r.id);
    expect(await inbox('head')).toEqual([id]);
    expect(await inbox('deputy')).toEqual([]);
    expect(await inbox('author')).toEqual([]);
    await expect(
      decide(ctx, people.author!, agencyId, id, { decision: 'approve' }),
    ).rejects.toThrow(/不能审批自己提请的事项/);
    await expect(
      decide(ctx, people.deputy!, agencyId, id, { decision: 'approve' }),
    ).rejects.toThrow(/应由股室负责人审批/);
    const first = await decide(ctx, people.head!, agencyId, id, { decision: 'approve' });
    expect(first).toMatchObject({ status: 'pending', currentLevelLabel: '分管领导' });
    expect(await inbox('deputy')).toEqual([id]);
    await decide(ctx, people.deputy!, agencyId, id, { decision: 'approve', comment: '同意' });
    expect(applied).toEqual([]);
    const done = await decide(ctx, people.admin!, agencyId, id, { decision: 'approve' });
    expect(done).toMatchObject({ status: 'approved', currentLevelIndex: null });
    expect(done.steps.map((s) => [s.levelLabel, s.decision, s.by])).toEqual([
      ['股室负责人', 'approve', 'head（head）'],
      ['分管领导', 'approve', 'deputy（deputy）'],
      ['机关管理员', 'approve', 'admin（admin）'],
    ]);
    expect(applied).toEqual([{ id: 'item-1', text: '第一件', by: 'user' }]);
    await expect(decide(ctx, people.head2!, agencyId, id, { decision: 'approve' })).rejects.toThrow(
      /已经处理完毕/,
    );
    expect(await audit('item-1')).toEqual([
      'test_item.approval_submit',
      'test_item.approval_approve',
      'test_item.approval_approve',
      'test_item.approval_approve',
    ]);
  });

  it('a return needs a comment and goes back to the author, in the notifications and the record', async () => {
    await setChain(ctx, SYSTEM, agencyId, 'test.publish', [
      { role: 'reviewer', reviewLevel: 'section_head' },
    ]);
    const id = (await submitted(people.author!, 'item-2', '第二件'))!;
    await expect(decide(ctx, people.head!, agencyId, id, { decision: 'return' })).rejects.toThrow(
      /退回时请写明理由/,
    );
    const back = await decide(ctx, people.head!, agencyId, id, {
      decision: 'return',
      comment: '标题有误，请更正。',
    });
    expect(back).toMatchObject({ status: 'returned' });
    expect(returned).toEqual(['item-2:标题有误，请更正。']);
    const { notifications } = await listNotifications(ctx, people.author!.principal.userId, []);
    expect(notifications.map((n) => n.message)).toContainEqual(
      expect.stringContaining('被股室负责人head（head）退回：标题有误，请更正。'),
    );
    expect(await audit('item-2')).toEqual([
      'test_item.approval_submit',
      'test_item.approval_return',
    ]);
    const detail = await requestDetail(ctx, people.head!, agencyId, id);
    expect(detail.preview?.document?.html).toBe('<p>第二件</p>');
  });

  it('only the author withdraws; another agency does not see the request', async () => {
    const id = (await submitted(people.author!, 'item-3', '第三件'))!;
    await expect(withdraw(ctx, people.head!, agencyId, id)).rejects.toThrow(/只有提请人/);
    expect(await withdraw(ctx, people.author!, agencyId, id)).toMatchObject({
      status: 'withdrawn',
    });
    const other = await agencyIdByName(ctx, '示范市教育局');
    await expect(requestDetail(ctx, people.head!, other, id)).rejects.toThrow(/不存在/);
    expect(await audit('item-3')).toEqual([
      'test_item.approval_submit',
      'test_item.approval_withdraw',
    ]);
  });
});
