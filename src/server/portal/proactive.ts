/**
 * The public 政府信息公开 column of each agency (国办公开办函〔2019〕61号): exactly four
 * first-level sections — 指南, 制度, 法定主动公开内容 (the 第二十条 tree by category and year),
 * 年报 — plus the application entry; item pages with their metadata table; the column's and
 * the region's search (proactive-search.ts); the site map; an HTML 404 for unknown portal paths. Server-rendered,
 * no JavaScript.
 */
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../core/errors.js';
import { ARTICLE_20_CATEGORIES } from '../../core/proactive/categories.js';
import type { ServiceContext } from '../../services/context.js';
import { getAgency, type Agency } from '../../services/organisations.js';
import { attachmentFile } from '../../services/proactive/attachments.js';
import { getGuide } from '../../services/proactive/column.js';
import { itemDetail } from '../../services/proactive/detail.js';
import { countPublished } from '../../services/proactive/items.js';
import { listItemSummaries } from '../../services/proactive/listing.js';
import { listPublishedReports } from '../../services/reports.js';
import { sendDocument } from '../routes/reports.js';
import { toErrorResponse } from '../errors.js';
import { html } from './page.js';
import {
  columnNav,
  columnUrl,
  COLUMN_SECTIONS,
  itemArticle,
  itemList,
  pager,
  searchForm,
  sectionCards,
  guideBody,
} from './proactive-pages.js';

import { portalPageCache, type PortalPageCache, type RenderedPage } from './page-cache.js';
import {
  hidden,
  Id,
  intOr,
  pageOf,
  PAGE_SIZE,
  publicAccess,
  renderPage,
  send,
  sendPage,
} from './proactive-route-kit.js';
import { portalSearchRoutes, SearchQuery } from './proactive-search.js';
import { portalSiteRoutes } from './proactive-site.js';
import { governmentColumnRoutes } from './government-column.js';

/** The government an agency belongs to, for the way back to the government's column. */
const governmentOf = (agency: Agency) => ({ id: agency.governmentId, name: agency.governmentName });

export async function proactivePortalRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
  cache: PortalPageCache = portalPageCache(ctx.store),
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  // Visitors read pages, not JSON: errors are pages too.
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toErrorResponse(error as Error, request);
    const title = status === 404 ? '找不到页面' : status >= 500 ? '服务器出错了' : '请求无法处理';
    return send(
      reply,
      title,
      html`<h1>${title}</h1>
        <p class="notice error">${body.error.message}</p>
        <p><a href="/portal">返回机关目录</a> · <a href="/portal/search">信息检索</a></p>`,
      { columnName: title },
      status,
    );
  });

  /** 政府信息公开制度 and 法定主动公开内容 (the 第二十条 tree, by category and year): lists of items. */
  const listSection = async (
    agency: Agency,
    section: 'system' | 'statutory',
    page: number,
    category: (typeof ARTICLE_20_CATEGORIES)[number] | undefined,
    year: number | undefined,
  ): Promise<RenderedPage> => {
    const label = COLUMN_SECTIONS.find((s) => s.key === section)!.label;
    const nav = columnNav(agency.id, agency.name, section, governmentOf(agency));
    const meta = { columnName: label, columnType: '政府信息公开' };
    if (section === 'system') {
      const filter = { status: ['published'], kind: ['system'] };
      const [items, total] = await Promise.all([
        listItemSummaries(ctx.store.db, agency.id, {
          ...filter,
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        }),
        countPublished(ctx.store.db, agency.id, filter),
      ]);
      return renderPage(
        `${agency.name}政府信息公开制度`,
        html`${nav}
          <h1>政府信息公开制度</h1>
          ${itemList(agency.id, items)}
          ${pager(columnUrl(agency.id, 'system'), page, PAGE_SIZE, total)}`,
        meta,
      );
    }
    // 法定主动公开内容: the 第二十条 tree, browsable by category and year.
    const filter = {
      status: ['published'],
      ...(category ? { article20Category: category.key } : {}),
      ...(year ? { year } : {}),
    };
    const [items, total] = await Promise.all([
      listItemSummaries(ctx.store.db, agency.id, {
        ...filter,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
      countPublished(ctx.store.db, agency.id, filter),
    ]);
    const here = `${columnUrl(agency.id, 'statutory')}?category=${category?.key ?? ''}&year=${year ?? ''}`;
    return renderPage(
      `${agency.name}法定主动公开内容`,
      html`${nav}
        <h1>
          法定主动公开内容${category ? html`：${category.number}${category.label}` : ''}${year ? `（${year}年）` : ''}
        </h1>
        <details ${category ? '' : 'open'} class="card">
          <summary>按类别浏览（条例第二十条）</summary>
          <ul>
            ${ARTICLE_20_CATEGORIES.map(
              (c) =>
                html`<li>
                  <a href="${columnUrl(agency.id, 'statutory')}?category=${c.key}"
                    >${c.number}${c.label}</a
                  >
                </li>`,
            )}
          </ul>
        </details>
        <form class="search" method="get" action="${columnUrl(agency.id, 'statutory')}">
          <input type="hidden" name="category" value="${category?.key ?? ''}" />
          <label
            >年份
            <input name="year" inputmode="numeric" maxlength="4" size="5" value="${year ?? ''}"
          /></label>
          <button type="submit">按年份查看</button>
        </form>
        ${itemList(agency.id, items)} ${pager(here, page, PAGE_SIZE, total)}`,
      { ...meta, columnName: category ? category.label : meta.columnName },
    );
  };

  r.get(
    '/portal/agencies/:agencyId/disclosure',
    { config: publicAccess, schema: { ...hidden, params: Type.Object({ agencyId: Id }) } },
    async (request, reply) =>
      sendPage(
        reply,
        await cache.page(`column:${request.params.agencyId}`, async () => {
          const agency = await getAgency(ctx.store.db, request.params.agencyId);
          const latest = await listItemSummaries(ctx.store.db, agency.id, {
            status: ['published'],
            limit: 10,
          });
          return renderPage(
            `${agency.name}政府信息公开`,
            html`${columnNav(agency.id, agency.name, null, governmentOf(agency))}
              <h1>${agency.name} 政府信息公开</h1>
              ${searchForm(`/portal/agencies/${agency.id}/search`, '')}
              ${sectionCards((key) => columnUrl(agency.id, key))}
              <section class="card">
                <h2>依申请公开</h2>
                <p><a href="/portal/agencies/${agency.id}/apply">申请政府信息公开</a></p>
              </section>
              <h2>最新信息</h2>
              ${itemList(agency.id, latest)}`,
            { columnName: '政府信息公开', columnType: '政府信息公开' },
          );
        }),
      ),
  );

  r.get(
    '/portal/agencies/:agencyId/disclosure/:section',
    {
      config: publicAccess,
      schema: {
        ...hidden,
        params: Type.Object({ agencyId: Id, section: Type.String({ maxLength: 20 }) }),
        querystring: SearchQuery,
      },
    },
    async (request, reply) => {
      const section = COLUMN_SECTIONS.find((s) => s.key === request.params.section);
      const page = pageOf(request.query.page);
      const category = ARTICLE_20_CATEGORIES.find((c) => c.key === request.query.category);
      const year = intOr(request.query.year, undefined);
      if (section?.key === 'system' || section?.key === 'statutory') {
        const key =
          section.key === 'system'
            ? `system:${request.params.agencyId}:${page}`
            : `statutory:${request.params.agencyId}:${category?.key ?? ''}:${year ?? ''}:${page}`;
        return sendPage(
          reply,
          await cache.page(key, async () =>
            listSection(
              await getAgency(ctx.store.db, request.params.agencyId),
              section.key,
              page,
              category,
              year,
            ),
          ),
        );
      }
      const agency = await getAgency(ctx.store.db, request.params.agencyId);
      if (!section) throw new AppError('not_found', '政府信息公开专栏没有这个栏目。');
      const nav = columnNav(agency.id, agency.name, section.key, governmentOf(agency));
      const meta = { columnName: section.label, columnType: '政府信息公开' };
      if (section.key === 'guide') {
        const guide = await getGuide(ctx.store.db, agency.id);
        return send(
          reply,
          `${agency.name}政府信息公开指南`,
          html`${nav}
            <h1>${agency.name}政府信息公开指南</h1>
            ${guideBody(guide)}`,
          meta,
        );
      }
      if (section.key === 'reports') {
        const reports = await listPublishedReports(ctx, [agency.id]);
        return send(
          reply,
          `${agency.name}政府信息公开年报`,
          html`${nav}
            <h1>政府信息公开工作年度报告</h1>
            ${
              reports.length === 0
                ? html`<p class="muted">尚未发布年度报告。</p>`
                : html`<ul>
                    ${reports.map(
                      (rep) =>
                        html`<li>
                          <a href="/portal/agencies/${agency.id}/reports/${rep.year}"
                            >${agency.name}${rep.year}年政府信息公开工作年度报告</a
                          >
                          <span class="muted">（${rep.publishedOn}）</span>
                        </li>`,
                    )}
                  </ul>`
            }`,
          meta,
        );
      }
      throw new AppError('not_found', '政府信息公开专栏没有这个栏目。');
    },
  );

  const itemPage = async (
    reply: FastifyReply,
    agencyId: string,
    itemId: string,
    version: number | null,
  ) =>
    sendPage(
      reply,
      await cache.page(`item:${agencyId}:${itemId}:${version ?? ''}`, () =>
        renderItemPage(agencyId, itemId, version),
      ),
    );

  const renderItemPage = async (agencyId: string, itemId: string, version: number | null) => {
    const agency = await getAgency(ctx.store.db, agencyId);
    const detail = await itemDetail(ctx.store.db, agencyId, itemId, true).catch(() => null);
    // A withdrawn item has left the portal (it stays in the agency's archive).
    if (!detail || detail.item.status !== 'published')
      throw new AppError('not_found', '该信息不存在或已撤回。');
    const old = version !== null ? detail.versions.find((v) => v.version === version) : undefined;
    if (version !== null && !old) throw new AppError('not_found', '没有这个版本。');
    const shown = old ? old.item : detail.item;
    return renderPage(
      shown.title,
      html`${columnNav(agency.id, agency.name, 'statutory', governmentOf(agency))}
      ${itemArticle(detail, shown, old ? version : null)}`,
      {
        columnName: '法定主动公开内容',
        columnType: '政府信息公开',
        articleTitle: shown.title,
        pubDate: detail.item.publishedOn ?? '',
        contentSource: shown.issuingBody,
      },
    );
  };

  r.get(
    '/portal/agencies/:agencyId/items/:itemId',
    {
      config: publicAccess,
      schema: { ...hidden, params: Type.Object({ agencyId: Id, itemId: Id }) },
    },
    async (request, reply) => itemPage(reply, request.params.agencyId, request.params.itemId, null),
  );

  r.get(
    '/portal/agencies/:agencyId/items/:itemId/v/:version',
    {
      config: publicAccess,
      schema: {
        ...hidden,
        params: Type.Object({
          agencyId: Id,
          itemId: Id,
          version: Type.Integer({ minimum: 1, maximum: 10_000 }),
        }),
      },
    },
    async (request, reply) =>
      itemPage(reply, request.params.agencyId, request.params.itemId, request.params.version),
  );

  r.get(
    '/portal/agencies/:agencyId/items/:itemId/attachments/:attachmentId',
    {
      config: publicAccess,
      schema: { ...hidden, params: Type.Object({ agencyId: Id, itemId: Id, attachmentId: Id }) },
    },
    async (request, reply) => {
      const detail = await itemDetail(
        ctx.store.db,
        request.params.agencyId,
        request.params.itemId,
        true,
      ).catch(() => null);
      if (!detail || detail.item.status !== 'published')
        throw new AppError('not_found', '该信息不存在或已撤回。');
      return sendDocument(
        reply,
        await attachmentFile(ctx.store.db, detail.item.id, request.params.attachmentId),
      );
    },
  );

  portalSearchRoutes(r, ctx);

  governmentColumnRoutes(r, ctx, cache);

  portalSiteRoutes(app, ctx);
}
