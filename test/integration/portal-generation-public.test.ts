/**
 * The portal's generation (migrations 0070, 0076) moves only when something public changes:
 * drafting an item, attaching a file to it, editing it and each review step leave it (and the
 * kept pages) alone; the approval that publishes it moves it, and the next page shows the item.
 * Writes to a published item (a direct one too) still move it.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STANDARD_SECRECY_ITEMS } from '../../src/core/proactive/secrecy.js';
import { portalPageCache, type PortalPageCache } from '../../src/server/portal/page-cache.js';
import type { ServiceContext } from '../../src/services/context.js';
import { bootstrapDemo } from '../support/accounts.js';
import { TEST_CONFIG, TestClient, testContext } from '../support/app.js';
import { buildApp } from '../../src/server/app.js';
import { makeClerk, makeReviewer } from '../support/applications.js';
import { docxWith, itemInput } from '../support/proactive.js';
import { describeEachStore } from '../support/stores.js';

const password = 'Generation-pass-2026';
const allClear = STANDARD_SECRECY_ITEMS.map((i) => ({ key: i.key, answer: 'clear' }));

describeEachStore('portal generation moves on public changes only', (getStore) => {
  let ctx: ServiceContext;
  let app: FastifyInstance;
  let cache: PortalPageCache;
  let agencyId: string;
  const generation = async () =>
    String(
      (
        await ctx.store.db
          .selectFrom('portal_generation' as never)
          .select('generation' as never)
          .executeTakeFirstOrThrow()
      ).generation,
    );
  const signIn = async (username: string) => {
    const c = new TestClient(app);
    await c.loginReady(username, password);
    return c;
  };

  beforeAll(async () => {
    ctx = testContext(getStore().store);
    await bootstrapDemo(ctx);
    agencyId = (
      await ctx.store.db
        .selectFrom('agency')
        .select('id')
        .orderBy('name', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
    await makeClerk(ctx, agencyId, 'gen-clerk', password);
    await makeReviewer(ctx, agencyId, 'gen-head', password, 'section_head');
    await makeReviewer(ctx, agencyId, 'gen-deputy', password, 'deputy');
    cache = portalPageCache(ctx.store);
    app = await buildApp({ ctx, config: TEST_CONFIG, logger: false, portalPageCache: cache });
    await app.ready();
  });
  afterAll(async () => app?.close());

  it('drafting and reviewing keep the generation; publishing moves it and the page shows the item', async () => {
    const clerk = await signIn('gen-clerk');
    const head = await signIn('gen-head');
    const deputy = await signIn('gen-deputy');
    const visitor = new TestClient(app);
    const list = `/portal/agencies/${agencyId}/disclosure/statutory?category=a20_01`;
    const before = await visitor.request('GET', list);
    expect(before.statusCode).toBe(200);
    const start = await generation();

    const base = `/api/v1/agencies/${agencyId}/proactive/items`;
    const input = itemInput({ title: '关于公布代次测试名录的通知', article20Category: 'a20_01' });
    const created = await clerk.request('POST', base, input);
    expect(created.statusCode).toBe(201);
    const id = created.json<{ item: { id: string } }>().item.id;
    const upload = await clerk.request(
      'POST',
      `${base}/${id}/attachments`,
      Buffer.from(await docxWith(['附件：代次测试名录'])),
      {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent('名录.docx'),
      },
    );
    expect(upload.statusCode).toBe(201);
    expect(
      (await clerk.request('PUT', `${base}/${id}`, { ...input, summary: '修改后的摘要' }))
        .statusCode,
    ).toBe(200);
    expect((await clerk.request('POST', `${base}/${id}/submit`, {})).statusCode).toBe(200);
    expect(
      (
        await head.request('POST', `${base}/${id}/review`, {
          decision: 'approve',
          checks: allClear,
        })
      ).statusCode,
    ).toBe(200);
    expect(await generation()).toBe(start);
    // The kept list is still answered from the cache, unchanged.
    const hits = cache.stats.hits;
    expect((await visitor.request('GET', list)).body).toBe(before.body);
    expect(cache.stats.hits).toBe(hits + 1);

    // The last approval publishes.
    expect(
      (await deputy.request('POST', `${base}/${id}/review`, { decision: 'approve' })).statusCode,
    ).toBe(200);
    expect(await generation()).not.toBe(start);
    const after = await visitor.request('GET', list);
    expect(after.body).toContain(`/items/${id}`);
    expect(after.body).toContain('关于公布代次测试名录的通知');
    const page = await visitor.request('GET', `/portal/agencies/${agencyId}/items/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('名录.docx');

    // A write to a published row, even straight into the store, still moves it.
    const published = await generation();
    await ctx.store.db
      .updateTable('proactive_item')
      .set({ summary: '另一个节点改过的摘要' })
      .where('id', '=', id)
      .execute();
    expect(await generation()).not.toBe(published);
  });

  it('a draft written straight into the store keeps the generation', async () => {
    const start = await generation();
    const clerk = await signIn('gen-clerk');
    const created = await clerk.request(
      'POST',
      `/api/v1/agencies/${agencyId}/proactive/items`,
      itemInput({ title: '关于另一份草稿的通知' }),
    );
    expect(created.statusCode).toBe(201);
    const id = created.json<{ item: { id: string } }>().item.id;
    await ctx.store.db
      .updateTable('proactive_item')
      .set({ title: '草稿改过的标题' })
      .where('id', '=', id)
      .execute();
    await ctx.store.db.deleteFrom('proactive_item').where('id', '=', id).execute();
    expect(await generation()).toBe(start);
  });
});
