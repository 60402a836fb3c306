/**
 * The government column's search and lists: the search spans its agencies only and counts only
 * their hits; page numbers below 1 show the first page; the lists read summaries, not bodies;
 * the lists are kept in the portal page cache (an agency= that is not one of its agencies
 * shares the unfiltered page) until one of its agencies publishes. The world is
 * test/support/government-column.ts.
 */
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { type PortalPageCache } from '../../src/server/portal/page-cache.js';
import type { ServiceContext } from '../../src/services/context.js';
import {
  getGovernmentColumn,
  listGovernmentItems,
} from '../../src/services/proactive/government-column.js';
import { recordPublishedItem } from '../../src/services/proactive/items.js';
import { TestClient } from '../support/app.js';
import { itemInput, SYSTEM } from '../support/proactive.js';
import { describeEachStore } from '../support/stores.js';
import { governmentColumnWorld } from '../support/government-column.js';

describeEachStore('the government column: search and lists', (getStore) => {
  const world = governmentColumnWorld(getStore);
  let ctx: ServiceContext;
  let app: FastifyInstance;
  let cache: PortalPageCache;
  let governmentId: string;
  let own: { id: string; name: string; address: string };
  let departments: { id: string; name: string }[];
  let other: { governmentId: string; agencyId: string; itemId: string };
  beforeAll(() => {
    ({ ctx, app, cache, governmentId, own, departments, other } = world());
  });
  const get = (url: string) => new TestClient(app).request('GET', url);
  const column = (section?: string) =>
    `/portal/governments/${governmentId}/disclosure${section ? `/${section}` : ''}`;

  it('searches all its agencies (and only them), naming each result’s agency', async () => {
    const found = await get(
      `/portal/governments/${governmentId}/search?q=${encodeURIComponent('预算')}`,
    );
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('<h1>示范市人民政府 信息检索</h1>');
    for (const agency of [own, ...departments])
      expect(found.body).toContain(`/portal/agencies/${agency.id}/items/`);
    expect(found.body).toContain('<meta name="ColumnType" content="检索">');
    const theirs = await get(
      `/portal/governments/${other.governmentId}/search?q=${encodeURIComponent('预算')}`,
    );
    expect(theirs.body).toContain(other.itemId);
    expect(theirs.body).not.toContain(`/portal/agencies/${own.id}/items/`);
  });

  it('counts only the hits of its own agencies, as many as it lists', async () => {
    for (const q of ['财政预算', '另一市', '预算公开说明', '预算'])
      for (const g of [governmentId, other.governmentId]) {
        const url = `/portal/governments/${g}/search?q=${encodeURIComponent(q)}`;
        const body = (await get(url)).body;
        const shown = (body.match(/<li class="card">/g) ?? []).length;
        const count = /找到 (\d+)/.exec(body)?.[1];
        expect(shown, url).toBeLessThan(20);
        expect(count === undefined ? 0 : Number(count), url).toBe(shown);
      }
  });

  it('a page number below 1 (page=0, page=-1) shows the first page, never an error', async () => {
    const searchOwn = `/portal/governments/${governmentId}/search?q=${encodeURIComponent('预算')}`;
    for (const base of [
      column('statutory'),
      column('system'),
      `/portal/agencies/${own.id}/disclosure/statutory`,
      `/portal/agencies/${own.id}/disclosure/system`,
    ])
      for (const page of ['0', '-1', '00']) {
        const url = `${base}?page=${page}`;
        const res = await get(url);
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).toBe((await get(base)).body);
      }
    for (const page of ['0', '-1']) {
      const url = `${searchOwn}&page=${page}`;
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain(`/portal/agencies/${own.id}/items/`);
    }
  });

  it('an agency= that is not one of its agencies shares the unfiltered page in the cache', async () => {
    const base = column('statutory');
    const unfiltered = (await get(base)).body;
    const before = { ...cache.stats };
    for (const agency of [
      'junk-1',
      'junk-2',
      encodeURIComponent('中'.repeat(60)),
      other.agencyId,
    ]) {
      const url = `${base}?agency=${agency}`;
      expect((await get(url)).body, url).toBe(unfiltered);
    }
    expect(cache.stats.renders - before.renders).toBe(0);
    expect(cache.stats.hits - before.hits).toBe(4);
    const dept = departments[0]!;
    const filtered = (await get(`${base}?agency=${dept.id}`)).body;
    expect(cache.stats.renders - before.renders).toBe(1);
    expect(filtered).toContain(`/portal/agencies/${dept.id}/items/`);
    expect(filtered).not.toContain(`/portal/agencies/${own.id}/items/`);
  });

  it('lists summaries, never the bodies', async () => {
    const gov = await getGovernmentColumn(ctx.store.db, governmentId);
    const { items, total } = await listGovernmentItems(ctx.store.db, gov, { limit: 50, offset: 0 });
    expect(total).toBeGreaterThan(0);
    expect(items.length).toBe(Math.min(total, 50));
    const ids = new Set(gov.agencies.map((a) => a.id));
    for (const item of items) {
      expect(ids.has(item.agencyId)).toBe(true);
      expect(item).not.toHaveProperty('bodyHtml');
    }
  });

  it('keeps its lists in the page cache until one of its agencies publishes', async () => {
    const url = `${column('statutory')}?category=a20_09`;
    await get(url);
    const before = { ...cache.stats };
    const first = await get(url);
    expect(cache.stats.hits - before.hits).toBe(1);
    expect(cache.stats.renders - before.renders).toBe(0);
    const item = await recordPublishedItem(ctx, SYSTEM, departments[1]!.id, {
      ...itemInput({ title: '办公设备采购意向公开', article20Category: 'a20_09' }),
      publishedOn: '2026-12-05',
    });
    const after = await get(url);
    expect(after.body).not.toBe(first.body);
    expect(after.body).toContain(`/portal/agencies/${departments[1]!.id}/items/${item.id}`);
  });
});
