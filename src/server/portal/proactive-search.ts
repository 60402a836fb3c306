/**
 * The portal's search pages: the region-wide search and each agency column's own search box.
 * Server-rendered; a common term shows "N 条以上" (the count is capped, see services/proactive/search).
 */
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  ARTICLE_20_CATEGORIES,
  VALIDITIES,
  VALIDITY_LABELS,
} from '../../core/proactive/categories.js';
import { MAX_QUERY_INPUT } from '../../core/proactive/search-query.js';
import type { ServiceContext } from '../../services/context.js';
import { getAgency, listRegions } from '../../services/organisations.js';
import {
  regionAndBelow,
  searchCatalogue,
  type SearchResult,
} from '../../services/proactive/search.js';
import { html, type SafeHtml } from './page.js';
import { columnNav, itemUrl, pager, searchForm } from './proactive-pages.js';
import { hidden, Id, intOr, pageOf, PAGE_SIZE, publicAccess, send } from './proactive-route-kit.js';

export const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 20_000 })),
  category: Type.Optional(Type.String({ maxLength: 10 })),
  year: Type.Optional(Type.String({ maxLength: 4 })),
  validity: Type.Optional(Type.String({ maxLength: 10 })),
  region: Type.Optional(Type.String({ maxLength: 12 })),
  page: Type.Optional(Type.String({ maxLength: 4 })),
});

function results(list: SearchResult[], agencyNames?: ReadonlyMap<string, string>): SafeHtml {
  if (list.length === 0) return html`<p class="muted">没有找到相关信息，请换一个关键词。</p>`;
  return html`<ol class="results">
    ${list.map(
      (r) =>
        html`<li class="card">
          <a href="${itemUrl(r.agencyId, r.itemId)}"
            >${r.titleParts.map((p) => (p.hit ? html`<mark>${p.text}</mark>` : p.text))}</a
          >
          ${
            r.validity && r.validity !== 'in_force'
              ? html`<span class="badge warn">${VALIDITY_LABELS[r.validity as 'repealed']}</span>`
              : ''
          }
          <div class="muted">
            ${agencyNames?.get(r.agencyId) ? `${agencyNames.get(r.agencyId)} · ` : ''}${r.documentNumber ? `${r.documentNumber} · ` : ''}${r.publishedOn}
          </div>
          <div>${r.snippet.map((p) => (p.hit ? html`<mark>${p.text}</mark>` : p.text))}</div>
        </li>`,
    )}
  </ol>`;
}

function filters(q: { category?: string; year?: string; validity?: string }): SafeHtml {
  return html`<label
      >公开类别
      <select name="category">
        <option value="">全部</option>
        ${ARTICLE_20_CATEGORIES.map(
          (c) =>
            html`<option value="${c.key}" ${q.category === c.key ? 'selected' : ''}>
              ${c.number}${c.label.slice(0, 12)}
            </option>`,
        )}
      </select></label
    >
    <label
      >年份 <input name="year" inputmode="numeric" maxlength="4" size="5" value="${q.year ?? ''}"
    /></label>
    <label
      >有效性
      <select name="validity">
        <option value="">全部</option>
        ${VALIDITIES.map((v) => html`<option value="${v}" ${q.validity === v ? 'selected' : ''}>${VALIDITY_LABELS[v]}</option>`)}
      </select></label
    >`;
}

/** A column's own search: one agency's, or a government's (the set of its agencies). */
export interface SearchScope {
  /** The search form's action. */
  action: string;
  heading: string;
  /** The column's section menu above the results. */
  nav: SafeHtml;
  agencyId?: string;
  agencyIds?: readonly string[];
  /** Each result then names its agency (a government's search spans several). */
  agencyNames?: ReadonlyMap<string, string>;
}

/** The search page, region-wide (scope null) or a column's own. */
export function portalSearchPage(ctx: ServiceContext) {
  return async (
    reply: FastifyReply,
    query: typeof SearchQuery.static,
    scope: SearchScope | null,
  ) => {
    const page = pageOf(query.page);
    const regions = await listRegions(ctx.store.db);
    const region = regions.find((x) => x.code === query.region);
    const found = await searchCatalogue(ctx, {
      q: query.q ?? '',
      ...(scope?.agencyId ? { agencyId: scope.agencyId } : {}),
      ...(scope?.agencyIds ? { agencyIds: scope.agencyIds } : {}),
      ...(region ? { regionCodes: await regionAndBelow(ctx.store.db, region.code) } : {}),
      ...(query.category ? { article20Category: query.category } : {}),
      ...(intOr(query.year, undefined) ? { year: intOr(query.year, undefined)! } : {}),
      ...(query.validity ? { validity: query.validity } : {}),
      page,
      pageSize: PAGE_SIZE,
    });
    const action = scope ? scope.action : '/portal/search';
    const regionSelect = scope
      ? ''
      : html`<label
          >地区
          <select name="region">
            <option value="">全部地区</option>
            ${regions.map((x) => html`<option value="${x.code}" ${region?.code === x.code ? 'selected' : ''}>${x.name}</option>`)}
          </select></label
        >`;
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query))
      if (v && k !== 'page') params.set(k, String(v).slice(0, MAX_QUERY_INPUT));
    return send(
      reply,
      '信息检索',
      html`${scope ? scope.nav : ''}
        <h1>${scope ? scope.heading : '政府信息检索'}</h1>
        ${searchForm(action, query.q?.slice(0, MAX_QUERY_INPUT) ?? '', html`${regionSelect}${filters(query)}`)}
        ${
          query.q || query.category || query.year || query.validity
            ? html`${
                found.capped
                  ? html`<p>
                      找到 ${found.total.toLocaleString('zh-CN')} 条以上（只精确计数前
                      ${found.total.toLocaleString('zh-CN')}
                      条），按标题和文号命中优先、发布日期从新到旧排列；可加关键词或按机关、年份筛选缩小范围。
                    </p>`
                  : html`<p>找到 ${found.total} 条</p>`
              }
              ${results(found.results, scope?.agencyNames)}
              ${pager(
                `${action}?${params.toString()}`,
                found.page,
                PAGE_SIZE,
                found.total,
                found.capped ? found.more : undefined,
              )}`
            : html`<p class="muted">
                输入关键词（一个字也可以）、文号或标题检索已公开的政府信息。
              </p>`
        }`,
      { columnName: '信息检索', columnType: '检索' },
    );
  };
}

export function portalSearchRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const searchPage = portalSearchPage(ctx);

  r.get(
    '/portal/search',
    { config: publicAccess, schema: { ...hidden, querystring: SearchQuery } },
    async (request, reply) => searchPage(reply, request.query, null),
  );

  r.get(
    '/portal/agencies/:agencyId/search',
    {
      config: publicAccess,
      schema: { ...hidden, params: Type.Object({ agencyId: Id }), querystring: SearchQuery },
    },
    async (request, reply) => {
      const agency = await getAgency(ctx.store.db, request.params.agencyId);
      return searchPage(reply, request.query, {
        action: `/portal/agencies/${agency.id}/search`,
        heading: `${agency.name} 信息检索`,
        nav: columnNav(agency.id, agency.name, null, {
          id: agency.governmentId,
          name: agency.governmentName,
        }),
        agencyId: agency.id,
      });
    },
  );
}
