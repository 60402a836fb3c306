/**
 * The 政府信息公开 column of each government (/portal/governments/:id/disclosure): the four
 * sections over all its agencies — the government's own guide (its is_government agency's),
 * its rules and links to each department's, the 第二十条 tree across its agencies by category,
 * year and 发布机构, its own and its departments' published reports — the application entry,
 * the search over its agencies; drafts, withdrawn items and other governments' items never
 * listed; HTML 404s; the 47号 page tags with each page's ColumnName; a government without an
 * agency recorded as itself; the portal home, site map and agency columns linking to it; the
 * lists kept in the page cache until one of its agencies publishes or withdraws.
 */
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.js';
import { createItem, listItems, recordPublishedItem } from '../../src/services/proactive/items.js';
import { withdrawItem } from '../../src/services/proactive/item-changes.js';
import { createReport, publishReport } from '../../src/services/reports.js';
import { TestClient } from '../support/app.js';
import { itemInput, SYSTEM } from '../support/proactive.js';
import { makeClerk } from '../support/applications.js';
import { fillNarrative } from '../support/report-narrative.js';
import { describeEachStore } from '../support/stores.js';
import { governmentColumnWorld } from '../support/government-column.js';

const SECTIONS = ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报'];
const PAGE_TAGS = ['SiteName', 'SiteDomain', 'SiteIDCode', 'ColumnName', 'ColumnType'];

describeEachStore('the government column', (getStore) => {
  const world = governmentColumnWorld(getStore);
  let ctx: ServiceContext;
  let app: FastifyInstance;
  let governmentId: string;
  let own: { id: string; name: string; address: string };
  let departments: { id: string; name: string }[];
  let other: { governmentId: string; agencyId: string; itemId: string };
  beforeAll(() => {
    ({ ctx, app, governmentId, own, departments, other } = world());
  });
  const get = (url: string) => new TestClient(app).request('GET', url);
  const column = (section?: string) =>
    `/portal/governments/${governmentId}/disclosure${section ? `/${section}` : ''}`;

  it('has the four sections, the application entry and a search box, and links each department', async () => {
    const home = await get(column());
    expect(home.statusCode).toBe(200);
    const headings = [
      ...home.body.matchAll(/<h2><a href="[^"]+\/disclosure\/(\w+)">([^<]+)<\/a><\/h2>/g),
    ].map((m) => m[2]);
    expect(headings).toEqual(SECTIONS);
    expect(home.body).toContain('<h1>示范市人民政府 政府信息公开</h1>');
    expect(home.body).toContain(`action="/portal/governments/${governmentId}/search"`);
    expect(home.body).toContain(`href="/portal/governments/${governmentId}/apply"`);
    for (const d of departments)
      expect(home.body).toContain(`href="/portal/agencies/${d.id}/disclosure"`);
    for (const section of ['guide', 'system', 'statutory', 'reports']) {
      const page = await get(column(section));
      expect(page.statusCode, section).toBe(200);
      expect(page.body, section).toContain('<strong aria-current="page">');
    }
    const apply = await get(`/portal/governments/${governmentId}/apply`);
    expect(apply.statusCode).toBe(200);
    expect(apply.body).toContain(`href="/portal/agencies/${own.id}/apply"`);
    for (const d of departments)
      expect(apply.body).toContain(`href="/portal/agencies/${d.id}/apply"`);
  });

  it('the guide is the government agency’s own (generated from its settings, saved version shown), with each department’s', async () => {
    const page = await get(column('guide'));
    expect(page.body).toContain('<h1>示范市人民政府政府信息公开指南</h1>');
    expect(page.body).toContain(`地址：${own.address}`);
    // The demo saved one edited version of the government's guide.
    expect(page.body).toContain('六、政府信息公开工作机构');
    expect(page.body).toContain('第 1 版');
    expect(page.body).toContain('复议机关：示范省人民政府');
    for (const d of departments)
      expect(page.body).toContain(`href="/portal/agencies/${d.id}/disclosure/guide"`);
  });

  it('制度 lists the government’s own rules and links each department’s', async () => {
    const page = await get(column('system'));
    const ownRules = await listItems(ctx.store.db, own.id, {
      status: ['published'],
      kind: ['system'],
    });
    expect(ownRules.length).toBeGreaterThan(0);
    for (const rule of ownRules)
      expect(page.body).toContain(`href="/portal/agencies/${own.id}/items/${rule.id}"`);
    // Not a department's rule in the government's own list: they are linked instead.
    const deptRule = (
      await listItems(ctx.store.db, departments[0]!.id, { status: ['published'], kind: ['system'] })
    )[0]!;
    expect(page.body).not.toContain(deptRule.id);
    for (const d of departments)
      expect(page.body).toContain(`href="/portal/agencies/${d.id}/disclosure/system"`);
  });

  it('法定主动公开内容 spans all its agencies, by category, year and 发布机构, each entry linking its agency’s item page', async () => {
    const all = await get(`${column('statutory')}?category=a20_07`);
    for (const agency of [own, ...departments]) {
      const budgets = await listItems(ctx.store.db, agency.id, {
        status: ['published'],
        article20Category: 'a20_07',
      });
      expect(budgets.length, agency.name).toBeGreaterThan(0);
      for (const b of budgets)
        expect(all.body).toContain(`href="/portal/agencies/${agency.id}/items/${b.id}"`);
    }
    expect(all.body).toContain('<meta name="ColumnName" content="财政预算、决算信息">');
    // Items of other categories are not on the category's page.
    const rules = await listItems(ctx.store.db, departments[0]!.id, {
      status: ['published'],
      article20Category: 'a20_12',
    });
    expect(all.body).not.toContain(rules[0]!.id);
    // By 发布机构: one department's only.
    const one = await get(`${column('statutory')}?category=a20_07&agency=${departments[0]!.id}`);
    expect(one.body).toContain(`/portal/agencies/${departments[0]!.id}/items/`);
    expect(one.body).not.toContain(`/portal/agencies/${own.id}/items/`);
    expect(one.body).toContain(`<option value="${departments[0]!.id}" selected>`);
    // An agency of another government is no 发布机构 of this one: the filter is ignored.
    const foreign = await get(`${column('statutory')}?agency=${other.agencyId}`);
    expect(foreign.statusCode).toBe(200);
    expect(foreign.body).not.toContain(other.itemId);
    // By year: a link for each year its agencies published in; none for an empty year.
    expect(all.body).toContain(
      `<a href="/portal/governments/${governmentId}/disclosure/statutory?category=a20_07&amp;year=2025&amp;agency=">2025年</a>`,
    );
    expect(all.body).not.toContain('2019年</a>');
    expect((await get(`${column('statutory')}?year=2025`)).body).toContain(
      `/portal/agencies/${own.id}/items/`,
    );
    expect((await get(`${column('statutory')}?year=2019`)).body).toContain('暂无信息。');
  });

  it('never lists a department’s draft or withdrawn item, nor another government’s items', async () => {
    const dept = departments[0]!;
    const draft = await createItem(
      ctx,
      SYSTEM,
      dept.id,
      itemInput({ title: '尚未发布的草稿通知', article20Category: 'a20_05' }),
    );
    const gone = await recordPublishedItem(ctx, SYSTEM, dept.id, {
      ...itemInput({ title: '已撤回的停水通知', article20Category: 'a20_05' }),
      publishedOn: '2026-12-01',
    });
    const url = `${column('statutory')}?category=a20_05`;
    expect((await get(url)).body).toContain(gone.id);
    expect((await get(column())).body).toContain(gone.id);
    await withdrawItem(ctx, SYSTEM, dept.id, gone.id, '已恢复供水');
    for (const page of [
      url,
      column('statutory'),
      column(),
      `/portal/governments/${governmentId}/search?q=${encodeURIComponent('停水')}`,
      `/portal/governments/${governmentId}/search?q=${encodeURIComponent('草稿')}`,
    ]) {
      const body = (await get(page)).body;
      expect(body, page).not.toContain(gone.id);
      expect(body, page).not.toContain(draft.id);
    }
    for (const page of [
      column(),
      column('statutory'),
      `${column('statutory')}?category=a20_07`,
      `/portal/governments/${governmentId}/search?q=${encodeURIComponent('财政预算')}`,
    ]) {
      const body = (await get(page)).body;
      expect(body, page).not.toContain(other.itemId);
      expect(body, page).not.toContain('另一市');
    }
  });

  it('年报 lists its own and each department’s published reports by year, not one awaiting approval', async () => {
    expect((await get(column('reports'))).body).toContain('尚未发布年度报告。');
    const [published, drafted] = [departments[0]!, departments[1]!];
    for (const id of [own.id, published.id]) {
      await createReport(ctx, SYSTEM, id, 2025);
      await fillNarrative(ctx, SYSTEM, id, 2025);
      await publishReport(ctx, SYSTEM, id, 2025, {});
    }
    // A clerk's publication waits for the review chain (report.publish): not yet on the portal.
    const clerkId = await makeClerk(ctx, drafted.id, 'gov-col-clerk', 'Column-pass-2026');
    const clerk = {
      kind: 'user',
      principal: {
        userId: clerkId,
        username: 'gov-col-clerk',
        displayName: 'gov-col-clerk',
        grants: [
          { id: 'g', role: 'clerk', agencyId: drafted.id, regionCode: null, reviewLevel: null },
        ],
      },
    } as const;
    await createReport(ctx, SYSTEM, drafted.id, 2025);
    await fillNarrative(ctx, SYSTEM, drafted.id, 2025);
    await publishReport(ctx, clerk, drafted.id, 2025, {});
    const pending = await ctx.store.db
      .selectFrom('approval_request')
      .select('status')
      .where('agency_id', '=', drafted.id)
      .execute();
    expect(pending.map((p) => p.status)).toContain('pending');
    const body = (await get(column('reports'))).body;
    expect(body).toContain('<h2>2025年度</h2>');
    const ownAt = body.indexOf(`href="/portal/agencies/${own.id}/reports/2025"`);
    const deptAt = body.indexOf(`href="/portal/agencies/${published.id}/reports/2025"`);
    expect(ownAt).toBeGreaterThan(0);
    // The government's own report first, then its departments'.
    expect(deptAt).toBeGreaterThan(ownAt);
    expect(body).toContain('示范市人民政府2025年政府信息公开工作年度报告');
    expect(body).not.toContain(`href="/portal/agencies/${drafted.id}/reports/2025"`);
  });

  it('a government without an agency recorded as itself says so and lists its departments’', async () => {
    const base = `/portal/governments/${other.governmentId}`;
    const guide = await get(`${base}/disclosure/guide`);
    expect(guide.statusCode).toBe(200);
    expect(guide.body).toContain('本系统尚未登记另一市人民政府本级（政府本身）的机关');
    expect(guide.body).toContain(`href="/portal/agencies/${other.agencyId}/disclosure/guide"`);
    for (const url of [
      `${base}/disclosure`,
      `${base}/disclosure/system`,
      `${base}/disclosure/statutory`,
      `${base}/disclosure/reports`,
      `${base}/apply`,
    ]) {
      const page = await get(url);
      expect(page.statusCode, url).toBe(200);
    }
    expect((await get(`${base}/disclosure/statutory`)).body).toContain(other.itemId);
  });

  it('unknown governments and sections, and ids of another format, get an HTML 404 in Chinese', async () => {
    for (const url of [
      '/portal/governments/00000000-0000-0000-0000-000000000000/disclosure',
      '/portal/governments/abc/disclosure/guide',
      "/portal/governments/'%20OR%201=1/disclosure/statutory",
      `/portal/governments/${'x'.repeat(150)}/disclosure`,
      '/portal/governments/%E4%B8%AD/search?q=x',
      '/portal/governments/nope/apply',
      `/portal/governments/${governmentId}/disclosure/nosuch`,
      `/portal/governments/${governmentId}/disclosure/apply`,
      `/portal/governments/${governmentId}/other`,
    ]) {
      const page = await get(url);
      expect(page.statusCode, url).toBe(404);
      expect(page.headers['content-type'], url).toMatch(/text\/html/);
      expect(page.body, url).toContain('找不到页面');
      expect(page.body, url).toContain('网站标识码：9901000001');
    }
  });

  it('carries the 47号 footer and page tags, ColumnName per page', async () => {
    const pages: [string, string][] = [
      [column(), '政府信息公开'],
      [column('guide'), '政府信息公开指南'],
      [column('system'), '政府信息公开制度'],
      [column('statutory'), '法定主动公开内容'],
      [`${column('statutory')}?category=a20_01`, '行政法规、规章和行政规范性文件'],
      [column('reports'), '政府信息公开年报'],
      [`/portal/governments/${governmentId}/apply`, '依申请公开'],
      [`/portal/governments/${governmentId}/search?q=办法`, '信息检索'],
    ];
    for (const [url, columnName] of pages) {
      const page = await get(url);
      for (const tag of PAGE_TAGS)
        expect(page.body, `${url} ${tag}`).toMatch(
          new RegExp(`<meta name="${tag}" content="[^"]+">`),
        );
      expect(page.body, url).toContain(`<meta name="ColumnName" content="${columnName}">`);
      expect(page.body, url).toContain('主办单位：示范市人民政府办公室');
      expect(page.body, url).toContain('<a class="skip-link" href="#main">跳到正文</a>');
    }
  });

  it('the portal home, the site map and each agency’s column link the government’s column', async () => {
    expect((await get('/portal')).body).toContain(`href="${column()}"`);
    expect((await get(`/portal/agencies/${departments[0]!.id}`)).body).toContain(
      `href="${column()}"`,
    );
    const map = (await get('/portal/sitemap')).body;
    for (const s of ['', 'guide', 'system', 'statutory', 'reports'])
      expect(map).toContain(`href="${column(s || undefined)}"`);
    expect(map).toContain(`href="/portal/governments/${other.governmentId}/disclosure"`);
    const dept = departments[0]!;
    const item = (await listItems(ctx.store.db, dept.id, { status: ['published'] }))[0]!;
    for (const url of [
      `/portal/agencies/${dept.id}/disclosure`,
      `/portal/agencies/${dept.id}/disclosure/guide`,
      `/portal/agencies/${dept.id}/disclosure/statutory`,
      `/portal/agencies/${dept.id}/items/${item.id}`,
      `/portal/agencies/${dept.id}/search?q=办法`,
    ])
      expect((await get(url)).body, url).toContain(
        `<a href="${column()}">示范市人民政府政府信息公开</a>`,
      );
  });
});
