/**
 * The search's page is read newest first per part (title and 文号 hits, then body hits) without
 * sorting every hit, and the total is exact only up to a cap: paging through must give the same
 * order as sorting all hits, on both stores, whichever way a term is matched.
 */
import { beforeAll, expect, it } from 'vitest';
import { DEMO_REGION } from '../../src/services/bootstrap.js';
import type { ServiceContext } from '../../src/services/context.js';
import { recordPublishedItem } from '../../src/services/proactive/items.js';
import { SEARCH_COUNT_CAP, searchCatalogue } from '../../src/services/proactive/search.js';
import { getAgency } from '../../src/services/organisations.js';
import { putSearchRow, searchItems } from '../../src/store/repositories/proactive-search.js';
import { PAGE_SIZE } from '../../src/server/portal/proactive-route-kit.js';
import { pager } from '../../src/server/portal/proactive-pages.js';
import { bootstrapDemo } from '../support/accounts.js';
import { TestClient, TestClock, testApp, testContext } from '../support/app.js';
import { itemInput, SYSTEM } from '../support/proactive.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('search paging', (getStore) => {
  let ctx: ServiceContext;
  let agencyId: string;
  /** Item ids in the expected order: title hits newest first, then body hits newest first. */
  const expected: string[] = [];

  beforeAll(async () => {
    ctx = testContext(getStore().store, new TestClock(new Date('2026-06-01T02:00:00Z')));
    await bootstrapDemo(ctx);
    const agencies = await ctx.store.db.selectFrom('agency').select(['id', 'name']).execute();
    agencyId = agencies.find((a) => a.name === DEMO_REGION.agencies[0]!.name)!.id;
    const titled: [string, string][] = [];
    const bodied: [string, string][] = [];
    // Dates interleave the two parts, so a plain newest-first order would mix them.
    for (let i = 0; i < 7; i++) {
      const inTitle = i % 3 === 0;
      const publishedOn = `2026-0${1 + (i % 5)}-1${i}`;
      const item = await recordPublishedItem(ctx, SYSTEM, agencyId, {
        ...itemInput({
          title: inTitle ? `关于蓝鲸湾保护的通知（${i}）` : `关于海岸保护的通知（${i}）`,
          bodyHtml: inTitle ? '<p>正文。</p>' : '<p>涉及蓝鲸湾的岸线。</p>',
          documentNumber: `示海发〔2026〕${i + 1}号`,
        }),
        publishedOn,
      });
      (inTitle ? titled : bodied).push([publishedOn, item.id]);
    }
    const newest = (a: [string, string], b: [string, string]) =>
      b[0].localeCompare(a[0]) || b[1].localeCompare(a[1]);
    expected.push(...titled.sort(newest).map((x) => x[1]), ...bodied.sort(newest).map((x) => x[1]));
  });

  it('pages through title hits, then body hits, each newest first, for two- and three-character terms', async () => {
    for (const q of ['蓝鲸', '蓝鲸湾']) {
      const seen: string[] = [];
      for (let page = 1; page <= 4; page++) {
        const found = await searchCatalogue(ctx, { q, agencyId, page, pageSize: 2 });
        expect(found.total).toBe(7);
        expect(found.capped).toBe(false);
        seen.push(...found.results.map((r) => r.itemId));
      }
      expect(seen).toEqual(expected);
    }
  });

  it('a common three-character term read by walking the date index gives the same pages as FTS', async () => {
    for (const ftsRareBelow of [1, 1_000]) {
      const seen: string[] = [];
      for (let offset = 0; offset < 8; offset += 3) {
        const { hits } = await searchItems(ctx.store, {
          terms: ['蓝鲸湾'],
          agencyId,
          limit: 3,
          offset,
          ftsRareBelow,
        });
        seen.push(...hits.map((h) => h.item_id));
      }
      expect(seen).toEqual(expected);
    }
  });

  it('PostgreSQL: a term taken as common or rare, its count scanned or read through the index, gives the same pages and totals', async () => {
    const ways = [
      {},
      { termsCommon: true },
      { termsCommon: true, countScan: { probe: 2_000, scan: 1 } },
      { termsCommon: false },
      { countScan: { probe: 1, scan: 1 } },
      { countScan: { probe: 1_000, scan: 1_000 } },
    ];
    for (const way of ways) {
      for (const q of ['蓝鲸', '蓝鲸湾', '蓝鲸 蓝鲸湾']) {
        const seen: string[] = [];
        const terms = q.split(' ');
        for (let offset = 0; offset < 8; offset += 3) {
          const found = await searchItems(ctx.store, { terms, agencyId, limit: 3, offset, ...way });
          expect(found, `${q} ${JSON.stringify(way)}`).toMatchObject({ total: 7, capped: false });
          seen.push(...found.hits.map((h) => h.item_id));
        }
        expect(seen, `${q} ${JSON.stringify(way)}`).toEqual(expected);
        const capped = await searchItems(ctx.store, {
          terms,
          agencyId,
          limit: 20,
          offset: 0,
          countCap: 5,
          ...way,
        });
        expect(capped, `${q} ${JSON.stringify(way)}`).toMatchObject({ total: 5, capped: true });
        expect(capped.hits.map((h) => h.item_id)).toEqual(expected);
      }
      // Every 文号 here starts 示海发〔2026〕: on PostgreSQL a rare 文号 is looked up by its
      // uncommon part, and each row found is tested for the whole of it.
      for (const [q, total] of [
        ['示海发〔2026〕3号', 1],
        ['示海发〔2026〕', 7],
        ['海发〔2026〕3', 1],
      ] as const) {
        const found = await searchItems(ctx.store, {
          terms: [q],
          agencyId,
          limit: 10,
          offset: 0,
          ...way,
        });
        expect(found.total, `${q} ${JSON.stringify(way)}`).toBe(total);
        expect(found.hits.every((h) => h.title_hit === 1 && h.document_number.includes(q))).toBe(
          true,
        );
      }
    }
  });

  it('folds the case of Latin letters on both stores; a term without letters matches the same rows', async () => {
    const latin = await recordPublishedItem(ctx, SYSTEM, agencyId, {
      ...itemInput({
        title: '关于发布Gdp核算口径的通知',
        bodyHtml: '<p>按新口径核算地区生产总值（GDP）。</p>',
        documentNumber: '示统发〔2026〕Ab9号',
      }),
      publishedOn: '2026-05-20',
    });
    const ids = async (terms: string[]) =>
      (await searchItems(ctx.store, { terms, agencyId, limit: 20, offset: 0 })).hits.map((h) => [
        h.item_id,
        h.title_hit,
      ]);
    for (const terms of [['gdp'], ['GDP'], ['gDp'], ['ab9'], ['AB9号'], ['gdp', '核算']])
      expect(await ids(terms), terms.join(' ')).toEqual([[latin.id, 1]]);
    expect(await ids(['口径'])).toEqual([[latin.id, 1]]);
    expect(await ids(['地区生产总值'])).toEqual([[latin.id, 0]]);
  });

  it('a term with non-ASCII capitals finds the same hits and title hits, common or rare', async () => {
    const agency = await getAgency(ctx.store.db, agencyId);
    const row = (id: string, publishedOn: string, title: string, body: string) => ({
      item_id: `00000000-0000-4000-9000-${id.padStart(12, '0')}`,
      agency_id: agencyId,
      region_code: agency.regionCode,
      kind: 'general',
      article20_category: 'a20_01',
      validity: null,
      year: 2026,
      published_on: publishedOn,
      title,
      document_number: '',
      content: `${title}\n${body}`,
    });
    await ctx.store.transaction(async (t) => {
      await putSearchRow(ctx.store, t, row('1', '2026-01-01', 'ÄPFEL 标题', '正文 äpfel'));
      await putSearchRow(ctx.store, t, row('2', '2026-06-01', '无关标题', '正文 äpfel'));
      await putSearchRow(ctx.store, t, row('3', '2026-03-01', '另一标题', '正文 ÄPFEL'));
      await putSearchRow(ctx.store, t, row('4', '2026-04-01', 'Äpfel und Birnen', '正文'));
    });
    for (const terms of [['äpfel'], ['ÄPFEL'], ['Äpfel'], ['äpfel', '正文']]) {
      const found = async (ftsRareBelow: number) => {
        const r = await searchItems(ctx.store, {
          terms,
          agencyId,
          limit: 10,
          offset: 0,
          ftsRareBelow,
        });
        return { hits: r.hits.map((h) => `${h.item_id.slice(-1)}:${h.title_hit}`), total: r.total };
      };
      const rare = await found(1_000);
      expect(rare.hits.length, terms.join(' ')).toBeGreaterThan(0);
      expect(await found(1), terms.join(' ')).toEqual(rare);
    }
  });

  it('finds an item by its own title and body as published, full-width brackets, colon and digits included', async () => {
    const item = await recordPublishedItem(ctx, SYSTEM, agencyId, {
      ...itemInput({
        title: '示范县农村集体资产管理办法（试行）',
        bodyHtml: '<p>第一条：为规范管理，自２０２６年起施行。</p>',
        documentNumber: '示农发〔2026〕9号',
      }),
      publishedOn: '2026-05-20',
    });
    for (const q of [
      '示范县农村集体资产管理办法（试行）',
      '（试行）',
      '第一条：为规范',
      '２０２６年',
    ]) {
      const found = await searchCatalogue(ctx, { q, agencyId, page: 1, pageSize: 10 });
      expect(
        found.results.map((r) => r.itemId),
        q,
      ).toContain(item.id);
    }
  });

  it('counts exactly up to the cap and says when there are more', async () => {
    const base = { terms: ['蓝鲸'], agencyId, limit: 20, offset: 0 };
    expect(await searchItems(ctx.store, { ...base, countCap: 5 })).toMatchObject({
      total: 5,
      capped: true,
    });
    const exact = await searchItems(ctx.store, { ...base, countCap: 7 });
    expect(exact).toMatchObject({ total: 7, capped: false });
    expect(exact.hits).toHaveLength(7);
  });

  it('the pager of a capped search says "以上" and offers the next page only when the page is full', () => {
    const more = String(pager('/portal/search?q=x', 3, 20, 1000, true));
    expect(more).toContain('第 3 页（1,000 条以上）');
    expect(more).toContain('page=4');
    expect(more).toContain('page=2');
    const last = String(pager('/portal/search?q=x', 3, 20, 1000, false));
    expect(last).not.toContain('page=4');
    expect(String(pager('/portal/search?q=x', 1, 20, 12))).toBe('');
  });

  it('offers the next page only when it has hits: a capped search whose page is exactly full has none', async () => {
    // 7 hits, counted only up to 5 (capped): pages of 7 and of 3 hits.
    const full = await searchCatalogue(ctx, { q: '蓝鲸', agencyId, pageSize: 7, countCap: 5 });
    expect(full).toMatchObject({ capped: true, more: false });
    expect(full.results).toHaveLength(7);
    const pages = [];
    for (let page = 1; page <= 3; page++) {
      const found = await searchCatalogue(ctx, {
        q: '蓝鲸',
        agencyId,
        page,
        pageSize: 3,
        countCap: 5,
      });
      pages.push([found.results.length, found.more]);
    }
    expect(pages).toEqual([
      [3, true],
      [3, true],
      [1, false],
    ]);
  });

  it('the portal search, capped, on its last page exactly full, has no 下一页 to an empty page', async () => {
    const agency = await getAgency(ctx.store.db, agencyId);
    const hits = SEARCH_COUNT_CAP + PAGE_SIZE; // more than the cap, a whole number of pages
    await ctx.store.transaction(async (t) => {
      for (let i = 0; i < hits; i++) {
        await putSearchRow(ctx.store, t, {
          item_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          agency_id: agencyId,
          region_code: agency.regionCode,
          kind: 'general',
          article20_category: 'a20_15',
          validity: null,
          year: 2025,
          published_on: `2025-${String(1 + (i % 12)).padStart(2, '0')}-10`,
          title: `鲲鹏计划公告第${i}号`,
          document_number: '',
          content: `鲲鹏计划公告第${i}号\n\n\n正文。`,
        });
      }
    });
    const app = await testApp(ctx);
    try {
      const last = hits / PAGE_SIZE;
      const page = async (n: number) =>
        (
          await new TestClient(app).request(
            'GET',
            `/portal/agencies/${agencyId}/search?q=${encodeURIComponent('鲲鹏')}&page=${n}`,
          )
        ).body;
      const before = await page(last - 1);
      expect(before).toContain('条以上');
      expect(before).toContain(`page=${last}`);
      const end = await page(last);
      expect(end.match(/<li class="card">/g)).toHaveLength(PAGE_SIZE);
      expect(end).toContain(`page=${last - 1}`);
      expect(end).not.toContain(`page=${last + 1}`);
      expect(end).not.toContain('下一页');
      // The page beyond has nothing, so nothing led there.
      expect(await page(last + 1)).toContain('没有找到相关信息');
    } finally {
      await app.close();
    }
  });
});
