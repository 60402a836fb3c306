/**
 * The public 政府信息公开 column of each government (国办公开办函〔2019〕61号), as a citizen of
 * the county or city finds it on the government portal: the same four first-level sections as
 * an agency's — 指南 (the government's own, i.e. its is_government agency's), 制度 (its rules and
 * each department's), 法定主动公开内容 (the 第二十条 tree over all its agencies, by category,
 * year and 发布机构), 年报 (its own and each department's, by year) — the application entry and
 * a search over its agencies. Server-rendered, no JavaScript; registered in the column's scope
 * (portal/proactive.ts), whose errors are pages. The lists are kept in the portal page cache
 * like the agencies' (the generation moves on any item, agency or government change).
 */
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/errors.js';
import { ARTICLE_20_CATEGORIES } from '../../core/proactive/categories.js';
import type { ServiceContext } from '../../services/context.js';
import { getGuide } from '../../services/proactive/column.js';
import {
  getGovernmentColumn,
  isAgencyOfGovernment,
  listGovernmentItems,
  listGovernmentYears,
  type GovernmentColumn,
} from '../../services/proactive/government-column.js';
import { listPublishedReports } from '../../services/reports.js';
import {
  departmentLinks,
  GovernmentId,
  META,
  governmentApplyUrl,
  governmentItemList,
  governmentNav,
  governmentSearchUrl,
  noOwnAgency,
} from './government-pages.js';
import { html } from './page.js';
import type { PortalPageCache } from './page-cache.js';
import {
  columnUrl,
  COLUMN_SECTIONS,
  governmentColumnUrl,
  pager,
  searchForm,
  sectionCards,
  guideBody,
} from './proactive-pages.js';
import {
  hidden,
  intOr,
  pageOf,
  PAGE_SIZE,
  publicAccess,
  renderPage,
  send,
  sendPage,
} from './proactive-route-kit.js';
import { governmentEntryRoutes } from './government-entry.js';

const ListQuery = Type.Object({
  category: Type.Optional(Type.String({ maxLength: 10 })),
  year: Type.Optional(Type.String({ maxLength: 4 })),
  agency: Type.Optional(Type.String({ maxLength: 64 })),
  page: Type.Optional(Type.String({ maxLength: 4 })),
});

export function governmentColumnRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
  cache: PortalPageCache,
): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const column = (governmentId: string) => getGovernmentColumn(ctx.store.db, governmentId);

  r.get(
    '/portal/governments/:governmentId/disclosure',
    {
      config: publicAccess,
      schema: { ...hidden, params: Type.Object({ governmentId: GovernmentId }) },
    },
    async (request, reply) =>
      sendPage(
        reply,
        await cache.page(`government:${request.params.governmentId}`, async () => {
          const gov = await column(request.params.governmentId);
          const { items } = await listGovernmentItems(ctx.store.db, gov, { limit: 10, offset: 0 });
          return renderPage(
            `${gov.name}政府信息公开`,
            html`${governmentNav(gov, null)}
              <h1>${gov.name} 政府信息公开</h1>
              ${searchForm(governmentSearchUrl(gov.id), '')}
              ${sectionCards((key) => governmentColumnUrl(gov.id, key))}
              <section class="card">
                <h2>依申请公开</h2>
                <p>
                  <a href="${governmentApplyUrl(gov.id)}">申请政府信息公开</a> ·
                  <a href="/portal/follow">查询申请办理情况</a>
                </p>
              </section>
              <section class="card">
                <h2>部门政府信息公开</h2>
                ${
                  gov.departments.length === 0
                    ? html`<p class="muted">本级政府暂无部门。</p>`
                    : html`<ul>
                        ${gov.departments.map(
                          (a) =>
                            html`<li><a href="${columnUrl(a.id)}">${a.name}政府信息公开</a></li>`,
                        )}
                      </ul>`
                }
              </section>
              <h2>最新信息</h2>
              ${governmentItemList(gov, items)}`,
            { ...META, columnName: '政府信息公开' },
          );
        }),
      ),
  );

  /** 政府信息公开制度: the government's own rules, then each department's. */
  const systemPage = async (gov: GovernmentColumn, page: number) => {
    const own = gov.own
      ? await listGovernmentItems(ctx.store.db, gov, {
          agencyId: gov.own.id,
          kind: ['system'],
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        })
      : null;
    return renderPage(
      `${gov.name}政府信息公开制度`,
      html`${governmentNav(gov, 'system')}
        <h1>政府信息公开制度</h1>
        ${
          own
            ? html`<h2>${gov.name}</h2>
                ${governmentItemList(gov, own.items)}
                ${pager(governmentColumnUrl(gov.id, 'system'), page, PAGE_SIZE, own.total)}`
            : noOwnAgency(gov, '政府信息公开制度')
        }
        <h2>各部门政府信息公开制度</h2>
        ${departmentLinks(gov, 'system', '政府信息公开制度')}`,
      { ...META, columnName: '政府信息公开制度' },
    );
  };

  /** 法定主动公开内容: the 第二十条 tree over all the government's agencies. */
  const statutoryPage = async (
    gov: GovernmentColumn,
    page: number,
    category: (typeof ARTICLE_20_CATEGORIES)[number] | undefined,
    year: number | undefined,
    agencyId: string | undefined,
  ) => {
    const agency = gov.agencies.find((a) => a.id === agencyId);
    const [{ items, total }, years] = await Promise.all([
      listGovernmentItems(ctx.store.db, gov, {
        ...(category ? { article20Category: category.key } : {}),
        ...(year ? { year } : {}),
        ...(agency ? { agencyId: agency.id } : {}),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
      listGovernmentYears(ctx.store.db, gov),
    ]);
    const base = governmentColumnUrl(gov.id, 'statutory');
    const query = (c: string, y: number | undefined = year) =>
      `${base}?category=${c}&year=${y ?? ''}&agency=${agency?.id ?? ''}`;
    return renderPage(
      `${gov.name}法定主动公开内容`,
      html`${governmentNav(gov, 'statutory')}
        <h1>
          法定主动公开内容${category ? html`：${category.number}${category.label}` : ''}${year ? `（${year}年）` : ''}${agency ? `（${agency.name}）` : ''}
        </h1>
        <details ${category ? '' : 'open'} class="card">
          <summary>按类别浏览（条例第二十条）</summary>
          <ul>
            <li><a href="${query('')}">全部类别</a></li>
            ${ARTICLE_20_CATEGORIES.map(
              (c) => html`<li><a href="${query(c.key)}">${c.number}${c.label}</a></li>`,
            )}
          </ul>
        </details>
        <nav aria-label="按年份浏览" class="card">
          按年份浏览：
          ${
            year
              ? html`<a href="${query(category?.key ?? '', undefined)}">全部年份</a>`
              : html`<strong aria-current="page">全部年份</strong>`
          }
          ${years.map((y) =>
            y === year
              ? html` · <strong aria-current="page">${y}年</strong>`
              : html` · <a href="${query(category?.key ?? '', y)}">${y}年</a>`,
          )}
        </nav>
        <form class="search" method="get" action="${base}">
          <input type="hidden" name="category" value="${category?.key ?? ''}" />
          <label
            >发布机构
            <select name="agency">
              <option value="">全部机构</option>
              ${gov.agencies.map(
                (a) =>
                  html`<option value="${a.id}" ${agency?.id === a.id ? 'selected' : ''}>
                    ${a.name}
                  </option>`,
              )}
            </select></label
          >
          <label
            >年份
            <input name="year" inputmode="numeric" maxlength="4" size="5" value="${year ?? ''}"
          /></label>
          <button type="submit">筛选</button>
        </form>
        ${governmentItemList(gov, items)}
        ${pager(query(category?.key ?? ''), page, PAGE_SIZE, total)}`,
      { ...META, columnName: category ? category.label : '法定主动公开内容' },
    );
  };

  r.get(
    '/portal/governments/:governmentId/disclosure/:section',
    {
      config: publicAccess,
      schema: {
        ...hidden,
        params: Type.Object({
          governmentId: GovernmentId,
          section: Type.String({ maxLength: 20 }),
        }),
        querystring: ListQuery,
      },
    },
    async (request, reply) => {
      const { governmentId } = request.params;
      const section = COLUMN_SECTIONS.find((s) => s.key === request.params.section);
      const page = pageOf(request.query.page);
      if (section?.key === 'system')
        return sendPage(
          reply,
          await cache.page(`government-system:${governmentId}:${page}`, async () =>
            systemPage(await column(governmentId), page),
          ),
        );
      if (section?.key === 'statutory') {
        const category = ARTICLE_20_CATEGORIES.find((c) => c.key === request.query.category);
        const year = intOr(request.query.year, undefined);
        // Only an agency of this government enters the cache key: junk values share the
        // unfiltered page and cannot push real pages out of the cache.
        const given = request.query.agency;
        const agencyId =
          given && (await isAgencyOfGovernment(ctx.store.db, governmentId, given))
            ? given
            : undefined;
        return sendPage(
          reply,
          await cache.page(
            `government-statutory:${governmentId}:${category?.key ?? ''}:${year ?? ''}:${agencyId ?? ''}:${page}`,
            async () => statutoryPage(await column(governmentId), page, category, year, agencyId),
          ),
        );
      }
      const gov = await column(governmentId);
      if (!section) throw new AppError('not_found', '政府信息公开专栏没有这个栏目。');
      if (section.key === 'guide') {
        const guide = gov.own ? await getGuide(ctx.store.db, gov.own.id) : null;
        return send(
          reply,
          `${gov.name}政府信息公开指南`,
          html`${governmentNav(gov, 'guide')}
            <h1>${gov.name}政府信息公开指南</h1>
            ${guide ? guideBody(guide) : noOwnAgency(gov, '政府信息公开指南')}
            <h2>各部门政府信息公开指南</h2>
            ${departmentLinks(gov, 'guide', '政府信息公开指南')}`,
          { ...META, columnName: section.label },
        );
      }
      // 政府信息公开年报: the government's own and each department's, by year.
      const reports = await listPublishedReports(
        ctx,
        gov.agencies.map((a) => a.id),
      );
      const order = new Map(gov.agencies.map((a, i) => [a.id, i]));
      const names = new Map(gov.agencies.map((a) => [a.id, a.name]));
      const years = [...new Set(reports.map((rep) => rep.year))].sort((a, b) => b - a);
      return send(
        reply,
        `${gov.name}政府信息公开年报`,
        html`${governmentNav(gov, 'reports')}
          <h1>政府信息公开工作年度报告</h1>
          ${
            years.length === 0
              ? html`<p class="muted">尚未发布年度报告。</p>`
              : years.map(
                  (year) =>
                    html`<h2>${year}年度</h2>
                      <ul>
                        ${reports
                          .filter((rep) => rep.year === year)
                          .sort((a, b) => order.get(a.agencyId)! - order.get(b.agencyId)!)
                          .map(
                            (rep) =>
                              html`<li>
                                <a href="/portal/agencies/${rep.agencyId}/reports/${rep.year}"
                                  >${names.get(rep.agencyId)}${rep.year}年政府信息公开工作年度报告</a
                                >
                                <span class="muted">（${rep.publishedOn}）</span>
                              </li>`,
                          )}
                      </ul>`,
                )
          }`,
        { ...META, columnName: section.label },
      );
    },
  );

  governmentEntryRoutes(app, ctx);
}
