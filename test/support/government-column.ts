/**
 * The world of the government column's tests: the demo city (示范市人民政府 and its departments)
 * with the 47号 site identity, and another city whose government has one department and no
 * agency recorded as itself, with one published item; a server with the portal page cache.
 * `governmentColumnWorld` registers the set-up (beforeAll) and the close (afterAll) in the
 * calling describe block; `get()` gives what the set-up made.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { portalPageCache, type PortalPageCache } from '../../src/server/portal/page-cache.js';
import type { ServiceContext } from '../../src/services/context.js';
import { createRegionWithAgencies } from '../../src/services/organisations.js';
import { saveSiteIdentity } from '../../src/services/proactive/column.js';
import { recordPublishedItem } from '../../src/services/proactive/items.js';
import { bootstrapDemo } from './accounts.js';
import { serverClock, TEST_CONFIG, testContext, TestClock } from './app.js';
import { itemInput, SYSTEM } from './proactive.js';
import type { TestStore } from './stores.js';

export interface GovernmentColumnWorld {
  ctx: ServiceContext;
  app: FastifyInstance;
  cache: PortalPageCache;
  governmentId: string;
  own: { id: string; name: string; address: string };
  departments: { id: string; name: string }[];
  other: { governmentId: string; agencyId: string; itemId: string };
}

export function governmentColumnWorld(getStore: () => TestStore): () => GovernmentColumnWorld {
  let ctx: ServiceContext;
  let app: FastifyInstance;
  let cache: PortalPageCache;
  let governmentId: string;
  let own: { id: string; name: string; address: string };
  let departments: { id: string; name: string }[];
  let other: { governmentId: string; agencyId: string; itemId: string };
  beforeAll(async () => {
    ctx = testContext(getStore().store, new TestClock(new Date('2026-12-06T02:00:00Z')));
    await bootstrapDemo(ctx);
    await saveSiteIdentity(ctx, SYSTEM, {
      siteName: '示范市人民政府门户网站',
      siteDomain: 'www.example.gov.cn',
      sponsor: '示范市人民政府办公室',
      organiser: '示范市大数据中心',
      siteIdCode: '9901000001',
      icpRecord: '示ICP备00000001号',
      policeRecord: '示公网安备 99010002000001号',
      contact: '0999-1234000',
    });
    const agencies = await ctx.store.db
      .selectFrom('agency')
      .select(['id', 'name', 'address', 'is_government', 'government_id'])
      .orderBy('name')
      .execute();
    const gov = agencies.find((a) => a.is_government === 1)!;
    governmentId = gov.government_id;
    own = gov;
    departments = agencies.filter((a) => a.government_id === governmentId && !a.is_government);
    // Another city: a government with one department and no agency recorded as itself.
    const [elsewhere] = await ctx.store.transaction((t) =>
      createRegionWithAgencies(ctx, t, SYSTEM, {
        region: { code: '990200', name: '另一市', parentCode: null },
        governmentName: '另一市人民政府',
        agencies: [{ name: '另一市财政局' }],
      }),
    );
    const item = await recordPublishedItem(ctx, SYSTEM, elsewhere!.id, {
      ...itemInput({ title: '另一市财政预算公开说明', article20Category: 'a20_07' }),
      publishedOn: '2026-11-02',
    });
    other = { governmentId: elsewhere!.governmentId, agencyId: elsewhere!.id, itemId: item.id };
    cache = portalPageCache(ctx.store);
    app = await buildApp({ ctx, config: TEST_CONFIG, logger: false, portalPageCache: cache });
    await app.ready();
    serverClock(app, ctx.clock);
  });
  afterAll(async () => app?.close());
  return () => ({ ctx, app, cache, governmentId, own, departments, other });
}
