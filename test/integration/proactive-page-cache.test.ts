/**
 * The portal keeps rendered column pages per portal generation (server/portal/page-cache.ts):
 * a page read twice is rendered once; any change to what it shows — publishing, withdrawing,
 * correcting, a validity change, an agency renamed, or a change written straight into the store
 * (another app node, the CLI) — is on the next response. The per-request parts (site identity,
 * large-type mode) follow each visitor.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { portalPageCache, type PortalPageCache } from '../../src/server/portal/page-cache.js';
import type { ServiceContext } from '../../src/services/context.js';
import { updateAgencyProfile } from '../../src/services/organisations.js';
import {
  DEFAULT_SITE_IDENTITY,
  getSiteIdentity,
  saveSiteIdentity,
} from '../../src/services/proactive/column.js';
import { recordPublishedItem } from '../../src/services/proactive/items.js';
import {
  changeValidity,
  correctItem,
  withdrawItem,
} from '../../src/services/proactive/item-changes.js';
import { bootstrapDemo } from '../support/accounts.js';
import { serverClock, TEST_CONFIG, TestClient, testContext, TestClock } from '../support/app.js';
import { itemInput, SYSTEM } from '../support/proactive.js';
import { createTestStore, describeEachStore } from '../support/stores.js';

describeEachStore('rendered portal pages kept per generation', (getStore) => {
  let ctx: ServiceContext;
  let app: FastifyInstance;
  let cache: PortalPageCache;
  let agencyId: string;
  const get = (url: string) => new TestClient(app).request('GET', url);
  let renders = 0;
  let hits = 0;
  /** Renders and answers from a kept page since the last call. */
  const counted = () => {
    const out = { renders: cache.stats.renders - renders, hits: cache.stats.hits - hits };
    renders = cache.stats.renders;
    hits = cache.stats.hits;
    return out;
  };

  beforeAll(async () => {
    ctx = testContext(getStore().store, new TestClock(new Date('2026-12-06T02:00:00Z')));
    await bootstrapDemo(ctx);
    agencyId = (await ctx.store.db.selectFrom('agency').select('id').executeTakeFirstOrThrow()).id;
    cache = portalPageCache(ctx.store);
    app = await buildApp({ ctx, config: TEST_CONFIG, logger: false, portalPageCache: cache });
    await app.ready();
    serverClock(app, ctx.clock);
  });
  afterAll(async () => app?.close());
  beforeEach(() => void counted());

  const publish = (title: string, overrides: Parameters<typeof itemInput>[0] = {}) =>
    recordPublishedItem(ctx, SYSTEM, agencyId, {
      ...itemInput({ title, article20Category: 'a20_01', ...overrides }),
      publishedOn: '2026-12-01',
    });

  it('renders a page once while nothing changes', async () => {
    const item = await publish('关于印发缓存测试办法的通知');
    const url = `/portal/agencies/${agencyId}/items/${item.id}`;
    const first = await get(url);
    const second = await get(url);
    expect(first.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(counted()).toEqual({ renders: 1, hits: 1 });
  });

  it('a withdrawn item leaves its page and the list at once', async () => {
    const item = await publish('关于临时交通管制的通告');
    const url = `/portal/agencies/${agencyId}/items/${item.id}`;
    const list = `/portal/agencies/${agencyId}/disclosure/statutory?category=a20_01`;
    expect((await get(url)).statusCode).toBe(200);
    expect((await get(list)).body).toContain(item.id);
    await withdrawItem(ctx, SYSTEM, agencyId, item.id, '管制已解除');
    expect((await get(url)).statusCode).toBe(404);
    expect((await get(list)).body).not.toContain(item.id);
  });

  it('a newly published item is on the list pages and the column home', async () => {
    const list = `/portal/agencies/${agencyId}/disclosure/statutory?category=a20_01`;
    const home = `/portal/agencies/${agencyId}/disclosure`;
    await get(list);
    await get(home);
    const item = await publish('关于公布第二批缓存名录的通知');
    expect((await get(list)).body).toContain(item.id);
    expect((await get(home)).body).toContain(item.id);
  });

  it('a correction, a validity change and an agency rename show on the next response', async () => {
    const policy = await publish('示范市缓存管理暂行办法', {
      kind: 'normative',
      documentNumber: '示规〔2026〕90号',
    });
    const url = `/portal/agencies/${agencyId}/items/${policy.id}`;
    expect((await get(url)).body).toContain('示范市缓存管理暂行办法');
    await correctItem(ctx, SYSTEM, agencyId, policy.id, {
      ...itemInput({ kind: 'normative', title: '示范市缓存管理办法', article20Category: 'a20_01' }),
      documentNumber: '示规〔2026〕90号',
      reason: '标题有误',
    });
    let body = (await get(url)).body;
    expect(body).toContain('<h1>示范市缓存管理办法</h1>');
    expect(body).toContain(`/items/${policy.id}/v/1`);
    await changeValidity(ctx, SYSTEM, agencyId, policy.id, {
      validity: 'repealed',
      changedOn: '2026-12-05',
    });
    expect((await get(url)).body).toMatch(/class="banner"[^>]*>[\s\S]*已废止/);
    await updateAgencyProfile(ctx, SYSTEM, agencyId, { name: '示范市缓存改名局' });
    body = (await get(url)).body;
    expect(body).toContain('示范市缓存改名局');
  });

  it('sees a change written straight into the store, not through the services', async () => {
    const item = await publish('关于直接写库的测试通知');
    const url = `/portal/agencies/${agencyId}/items/${item.id}`;
    await get(url);
    await ctx.store.db
      .updateTable('proactive_item')
      .set({ title: '另一个节点改过的标题' })
      .where('id', '=', item.id)
      .execute();
    expect((await get(url)).body).toContain('<h1>另一个节点改过的标题</h1>');
    await ctx.store.db
      .updateTable('proactive_item')
      .set({ status: 'withdrawn' })
      .where('id', '=', item.id)
      .execute();
    expect((await get(url)).statusCode).toBe(404);
  });

  it('a kept page still gets each visitor’s site identity and large-type mode', async () => {
    const item = await publish('关于显示模式的测试通知');
    const url = `/portal/agencies/${agencyId}/items/${item.id}`;
    await get(url);
    await saveSiteIdentity(ctx, SYSTEM, {
      siteName: '缓存市人民政府门户网站',
      siteDomain: 'www.cache.gov.cn',
      sponsor: '缓存市人民政府办公室',
      organiser: '缓存市大数据中心',
      siteIdCode: '9901000099',
      icpRecord: '示ICP备00000099号',
      policeRecord: '',
      contact: '',
    });
    const client = new TestClient(app);
    await client.request('GET', '/portal/display?mode=large');
    const large = await client.request('GET', url);
    const plain = await get(url);
    expect(counted().hits).toBe(2);
    expect(large.body).toContain('<html lang="zh-CN" class="large">');
    expect(plain.body).toContain('<html lang="zh-CN">');
    for (const page of [large, plain]) {
      expect(page.body).toContain('网站标识码：9901000099');
      expect(page.body).toContain('<meta name="SiteName" content="缓存市人民政府门户网站">');
    }
  });
});

it('keeps the site identity it reads once a second per database, never another’s', async () => {
  // Two deployments' stores in one process (as the tests run SQLite and PostgreSQL side by side):
  // a name just saved in one is not shown by the other within the cache's second.
  const [one, two] = [await createTestStore('sqlite'), await createTestStore('sqlite')];
  try {
    const first = testContext(one.store, new TestClock(new Date('2026-12-06T02:00:00Z')));
    await saveSiteIdentity(first, SYSTEM, {
      siteName: '甲市人民政府门户网站',
      siteDomain: 'www.jia.gov.cn',
      sponsor: '',
      organiser: '',
      siteIdCode: '',
      icpRecord: '',
      policeRecord: '',
      contact: '',
    });
    expect((await getSiteIdentity(one.store.db)).siteName).toBe('甲市人民政府门户网站');
    expect(await getSiteIdentity(two.store.db)).toEqual(DEFAULT_SITE_IDENTITY);
  } finally {
    await one.drop();
    await two.drop();
  }
});
