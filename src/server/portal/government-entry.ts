/**
 * The government column's entries beside its four sections: 依申请公开 (the government's own
 * application form and each department's) and the search over all its agencies. Registered by
 * governmentColumnRoutes (government-column.ts), in the column's scope, whose errors are pages.
 */
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.js';
import { getGovernmentColumn } from '../../services/proactive/government-column.js';
import {
  GovernmentId,
  governmentNav,
  governmentSearchUrl,
  META,
  noOwnAgency,
} from './government-pages.js';
import { html } from './page.js';
import { hidden, publicAccess, send } from './proactive-route-kit.js';
import { portalSearchPage, SearchQuery } from './proactive-search.js';

export function governmentEntryRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const column = (governmentId: string) => getGovernmentColumn(ctx.store.db, governmentId);
  const searchPage = portalSearchPage(ctx);

  r.get(
    '/portal/governments/:governmentId/apply',
    {
      config: publicAccess,
      schema: { ...hidden, params: Type.Object({ governmentId: GovernmentId }) },
    },
    async (request, reply) => {
      const gov = await column(request.params.governmentId);
      return send(
        reply,
        `${gov.name}依申请公开`,
        html`${governmentNav(gov, 'apply')}
          <h1>依申请公开</h1>
          <p>
            请向保存该政府信息的机关提出申请（条例第二十七条）。不确定由哪个机关保存的，可以向${gov.name}提出，并在申请中写明所需信息的名称、文号或者便于查询的其他特征描述。
          </p>
          ${
            gov.own
              ? html`<p>
                  <a href="/portal/agencies/${gov.own.id}/apply"
                    >向${gov.own.name}申请政府信息公开</a
                  >
                </p>`
              : noOwnAgency(gov, '在线申请入口')
          }
          <h2>向各部门申请</h2>
          ${
            gov.departments.length === 0
              ? html`<p class="muted">本级政府暂无部门。</p>`
              : html`<ul>
                  ${gov.departments.map(
                    (a) =>
                      html`<li><a href="/portal/agencies/${a.id}/apply">向${a.name}申请</a></li>`,
                  )}
                </ul>`
          }
          <p><a href="/portal/follow">查询申请办理情况</a></p>`,
        { ...META, columnName: '依申请公开' },
      );
    },
  );

  r.get(
    '/portal/governments/:governmentId/search',
    {
      config: publicAccess,
      schema: {
        ...hidden,
        params: Type.Object({ governmentId: GovernmentId }),
        querystring: SearchQuery,
      },
    },
    async (request, reply) => {
      const gov = await column(request.params.governmentId);
      return searchPage(reply, request.query, {
        action: governmentSearchUrl(gov.id),
        heading: `${gov.name} 信息检索`,
        nav: governmentNav(gov, null),
        agencyIds: gov.agencies.map((a) => a.id),
        agencyNames: new Map(gov.agencies.map((a) => [a.id, a.name])),
      });
    },
  );
}
