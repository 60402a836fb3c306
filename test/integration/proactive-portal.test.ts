/**
 * The public 政府信息公开 column: the four sections for every agency, the guide generated from
 * the agency's settings, the 47号 page tags and footer on every public page, item pages with
 * the metadata table and the validity banner, search, withdrawn items gone, an HTML 404, the
 * large-type mode kept across pages, and XSS payloads in titles and file names neutralised.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.js';
import { addAttachment } from '../../src/services/proactive/attachments.js';
import { getSettings } from '../../src/services/applications/settings.js';
import { updateAgencyProfile } from '../../src/services/organisations.js';
import {
  getGuide,
  listGuideVersions,
  saveGuide,
  saveSiteIdentity,
} from '../../src/services/proactive/column.js';
import { listItems, recordPublishedItem, createItem } from '../../src/services/proactive/items.js';
import { withdrawItem } from '../../src/services/proactive/item-changes.js';
import { bootstrapDemo } from '../support/accounts.js';
import { TestClient, testApp, testContext, TestClock } from '../support/app.js';
import { itemInput, SYSTEM } from '../support/proactive.js';
import { describeEachStore } from '../support/stores.js';

const SECTIONS = ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报'];
const PAGE_TAGS = ['SiteName', 'SiteDomain', 'SiteIDCode', 'ColumnName', 'ColumnType'];

describeEachStore('the public column', (getStore) => {
  let ctx: ServiceContext;
  let app: FastifyInstance;
  let agencies: {
    id: string;
    name: string;
    address: string;
    office_hours: string;
    is_government: number;
  }[];
  const visitor = () => new TestClient(app);

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
    agencies = await ctx.store.db
      .selectFrom('agency')
      .select(['id', 'name', 'address', 'office_hours', 'is_government'])
      .execute();
    app = await testApp(ctx);
  });
  afterAll(async () => app?.close());

  it('every agency has the four sections, the guide from its settings, and demo items', async () => {
    for (const agency of agencies) {
      const home = await visitor().request('GET', `/portal/agencies/${agency.id}/disclosure`);
      expect(home.statusCode).toBe(200);
      const headings = [
        ...home.body.matchAll(/<h2><a href="[^"]+\/disclosure\/(\w+)">([^<]+)<\/a><\/h2>/g),
      ].map((m) => m[2]);
      expect(headings).toEqual(SECTIONS);
      for (const section of ['guide', 'system', 'statutory', 'reports']) {
        const page = await visitor().request(
          'GET',
          `/portal/agencies/${agency.id}/disclosure/${section}`,
        );
        expect(page.statusCode, section).toBe(200);
      }
      const guide = await visitor().request(
        'GET',
        `/portal/agencies/${agency.id}/disclosure/guide`,
      );
      expect(guide.body).toContain(agency.address);
      expect(guide.body).toContain(agency.office_hours);
      const items = await listItems(ctx.store.db, agency.id, { status: ['published'] });
      // The government itself has a few items of its own (its column: the government column test).
      if (agency.is_government) {
        expect(items.length).toBeGreaterThan(3);
        continue;
      }
      expect(items.length).toBeGreaterThan(10);
      expect(items.some((i) => i.kind === 'interpretation' && i.policyId)).toBe(true);
      expect(items.some((i) => i.validity === 'repealed' && i.successorId)).toBe(true);
    }
  });

  it('the guide follows the agency profile and applications settings until it is edited, then keeps versions', async () => {
    // A department's (the demo saved an edited guide for the government itself).
    const agency = agencies.filter((a) => !a.is_government).at(-1)!;
    const guideUrl = `/portal/agencies/${agency.id}/disclosure/guide`;
    await updateAgencyProfile(ctx, SYSTEM, agency.id, {
      officeHours: '工作日上午9:00—12:00，下午13:30—17:30',
      phone: '0999-5550123',
    });
    const settings = await getSettings(ctx.store.db, agency.id);
    let body = (await visitor().request('GET', guideUrl)).body;
    expect(body).toContain('办公时间：工作日上午9:00—12:00，下午13:30—17:30');
    expect(body).toContain('电话：0999-5550123');
    expect(body).toContain(`复议机关：${settings.effectiveReviewBody}`);
    const generated = (await getGuide(ctx.store.db, agency.id)).sections;
    await saveGuide(ctx, SYSTEM, agency.id, [
      ...generated,
      { heading: '六、其他', text: '本指南自发布之日起施行。' },
    ]);
    await updateAgencyProfile(ctx, SYSTEM, agency.id, { phone: '0999-5550999' });
    body = (await visitor().request('GET', guideUrl)).body;
    // The edited version is what the public reads, with its version number.
    expect(body).toContain('本指南自发布之日起施行。');
    expect(body).toContain('第 1 版');
    expect(body).toContain('电话：0999-5550123');
    // A second save is version 2; the first stays readable, newest first.
    await saveGuide(ctx, SYSTEM, agency.id, [{ heading: '一、说明', text: '第二版的正文。' }]);
    const versions = await listGuideVersions(ctx.store.db, agency.id);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[0]!.sections).toEqual([{ heading: '一、说明', text: '第二版的正文。' }]);
    expect(versions[1]!.sections.at(-1)).toEqual({
      heading: '六、其他',
      text: '本指南自发布之日起施行。',
    });
  });

  it('a repealed normative document shows the banner and links its successor', async () => {
    const agency = agencies[0]!;
    const repealed = (await listItems(ctx.store.db, agency.id)).find(
      (i) => i.validity === 'repealed',
    )!;
    const page = await visitor().request(
      'GET',
      `/portal/agencies/${agency.id}/items/${repealed.id}`,
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/class="banner"[^>]*>[\s\S]*已废止/);
    expect(page.body).toContain(
      `href="/portal/agencies/${agency.id}/items/${repealed.successorId}"`,
    );
    for (const label of ['索引号', '发布机构', '成文日期', '文号', '主题分类', '有效性'])
      expect(page.body).toContain(`<th scope="row">${label}</th>`);
    expect(page.body).toContain(repealed.indexNumber);
  });

  it('the 47号 page tags and footer are on every public page, with no product name', async () => {
    const agency = agencies[0]!;
    const item = (await listItems(ctx.store.db, agency.id, { status: ['published'] }))[0]!;
    const { government_id: gov } = await ctx.store.db
      .selectFrom('agency')
      .select('government_id')
      .where('id', '=', agency.id)
      .executeTakeFirstOrThrow();
    const pages = [
      '/portal',
      `/portal/agencies/${agency.id}`,
      `/portal/agencies/${agency.id}/disclosure`,
      `/portal/agencies/${agency.id}/disclosure/guide`,
      `/portal/agencies/${agency.id}/disclosure/system`,
      `/portal/agencies/${agency.id}/disclosure/statutory`,
      `/portal/agencies/${agency.id}/disclosure/statutory?category=a20_01`,
      `/portal/agencies/${agency.id}/disclosure/reports`,
      `/portal/agencies/${agency.id}/items/${item.id}`,
      `/portal/agencies/${agency.id}/apply`,
      `/portal/agencies/${agency.id}/search?q=办法`,
      '/portal/search?q=预算',
      '/portal/follow',
      '/portal/open-data',
      '/portal/sitemap',
      '/portal/no-such-page',
      `/portal/governments/${gov}/disclosure`,
      `/portal/governments/${gov}/disclosure/guide`,
      `/portal/governments/${gov}/disclosure/system`,
      `/portal/governments/${gov}/disclosure/statutory`,
      `/portal/governments/${gov}/disclosure/statutory?category=a20_07&agency=${agency.id}`,
      `/portal/governments/${gov}/disclosure/reports`,
      `/portal/governments/${gov}/apply`,
      `/portal/governments/${gov}/search?q=预算`,
      '/portal/governments/none/disclosure',
    ];
    for (const url of pages) {
      const page = await visitor().request('GET', url);
      expect(page.headers['content-type'], url).toMatch(/text\/html/);
      for (const tag of PAGE_TAGS)
        expect(page.body, `${url} ${tag}`).toMatch(
          new RegExp(`<meta name="${tag}" content="[^"]+">`),
        );
      expect(page.body, url).toContain('网站标识码：9901000001');
      expect(page.body, url).toContain('示ICP备00000001号');
      expect(page.body, url).toContain('主办单位：示范市人民政府办公室');
      const footer = page.body.slice(page.body.indexOf('<footer'));
      expect(footer.toLowerCase(), url).not.toContain('gongkai');
    }
    const itemPage = await visitor().request(
      'GET',
      `/portal/agencies/${agency.id}/items/${item.id}`,
    );
    expect(itemPage.body).toContain(`<meta name="ArticleTitle" content="${item.title}">`);
    expect(itemPage.body).toContain(`<meta name="PubDate" content="${item.publishedOn}">`);
    expect(itemPage.body).toMatch(/<meta name="ContentSource" content="[^"]+">/);
  });

  it('unknown portal paths get an HTML 404 in Chinese', async () => {
    const page = await visitor().request('GET', '/portal/agencies/none/items/none');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const other = await visitor().request('GET', '/portal/a/b/c');
    expect(other.statusCode).toBe(404);
    expect(other.body).toContain('找不到页面');
  });

  it('search answers any query; a withdrawn item leaves the portal and search', async () => {
    const agency = agencies[0]!;
    for (const q of ['预', '预算', '%', '_', '*', '"', 'x'.repeat(10_000)]) {
      const page = await visitor().request('GET', `/portal/search?q=${encodeURIComponent(q)}`);
      expect(page.statusCode, q.slice(0, 5)).toBe(200);
    }
    const item = await recordPublishedItem(ctx, SYSTEM, agency.id, {
      ...itemInput({ title: '临时停水通知', bodyHtml: '<p>因管网检修，停水一天。</p>' }),
      publishedOn: '2026-11-20',
    });
    const found = await visitor().request('GET', `/portal/agencies/${agency.id}/search?q=停水`);
    expect(found.body).toContain(`/items/${item.id}`);
    expect(found.body).toContain('<mark>停水</mark>');
    await withdrawItem(ctx, SYSTEM, agency.id, item.id, '已恢复供水');
    expect(
      (await visitor().request('GET', `/portal/agencies/${agency.id}/items/${item.id}`)).statusCode,
    ).toBe(404);
    expect((await visitor().request('GET', `/portal/search?q=停水`)).body).not.toContain(item.id);
  });

  it('a search query too long for the server gets a Chinese page asking to shorten it (real HTTP)', async () => {
    // inject() has no header limit: a listening server, as a browser meets it.
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const tooLong = await fetch(`${base}/portal/search?q=${'%E5%B8%82'.repeat(2_000)}`);
    expect(tooLong.status).toBe(431);
    expect(tooLong.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    const body = await tooLong.text();
    expect(body).toContain('<html lang="zh-CN">');
    expect(body).toContain('请求的地址过长');
    expect(body).toContain('请缩短检索词');
    // A long query the server takes is answered as usual.
    const long = await fetch(`${base}/portal/search?q=${'%E5%B8%82'.repeat(500)}`);
    expect(long.status).toBe(200);
    expect(await long.text()).toContain('信息检索');
  });

  it('neutralises XSS payloads in titles, bodies and file names', async () => {
    const agency = agencies[0]!;
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const draft = await createItem(
      ctx,
      SYSTEM,
      agency.id,
      itemInput({
        title: `通知${payload}`,
        bodyHtml: `<p>正文${payload}<a href="javascript:alert(3)">x</a></p>`,
      }),
    );
    await addAttachment(ctx, SYSTEM, agency.id, draft.id, {
      name: `${payload}.png`,
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]),
    });
    await ctx.store.db
      .updateTable('proactive_item')
      .set({ status: 'approved' })
      .where('id', '=', draft.id)
      .execute();
    const { publishItem } = await import('../../src/services/proactive/items.js');
    await publishItem(ctx, SYSTEM, agency.id, draft.id);
    for (const url of [
      `/portal/agencies/${agency.id}/items/${draft.id}`,
      `/portal/search?q=${encodeURIComponent('通知<script>')}`,
    ]) {
      const page = await visitor().request('GET', url);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toMatch(/<script>alert|<img src=x|javascript:alert/);
    }
  });

  it('the large-type high-contrast mode stays on across pages', async () => {
    const client = visitor();
    const toggled = await client.request('GET', '/portal/display?mode=large', undefined, {
      referer: 'http://localhost:80/portal/sitemap',
      host: 'localhost:80',
    });
    expect(toggled.statusCode).toBe(302);
    for (const url of [
      '/portal',
      '/portal/sitemap',
      `/portal/agencies/${agencies[0]!.id}/disclosure`,
    ]) {
      expect((await client.request('GET', url)).body).toContain(
        '<html lang="zh-CN" class="large">',
      );
    }
    await client.request('GET', '/portal/display?mode=normal');
    expect((await client.request('GET', '/portal')).body).toContain('<html lang="zh-CN">');
  });
});
