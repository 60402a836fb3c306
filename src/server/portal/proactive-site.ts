/**
 * The portal's site-wide pages beside the column: the site map, the large-type high-contrast
 * switch (a cookie, so it stays on across pages without JavaScript) and the HTML 404 for unknown
 * portal paths. Registered in the column's scope (portal/proactive.ts), whose errors are pages.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.js';
import { listRegions } from '../../services/organisations.js';
import { listAgenciesAll } from '../../store/repositories/organisations.js';
import { DISPLAY_COOKIE } from './chrome.js';
import { html } from './page.js';
import { listGovernments } from '../../services/proactive/government-column.js';
import { columnUrl, COLUMN_SECTIONS, governmentColumnUrl } from './proactive-pages.js';
import { hidden, publicAccess, send } from './proactive-route-kit.js';

export function portalSiteRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/portal/sitemap', { config: publicAccess, schema: hidden }, async (_request, reply) => {
    const [regions, agencies, governments] = await Promise.all([
      listRegions(ctx.store.db),
      listAgenciesAll(ctx.store.db),
      listGovernments(ctx.store.db),
    ]);
    return send(
      reply,
      '网站地图',
      html`<h1>网站地图</h1>
        <ul>
          <li><a href="/portal">机关目录</a></li>
          <li><a href="/portal/search">信息检索</a></li>
          <li><a href="/portal/follow">查询申请</a></li>
          <li><a href="/portal/open-data">开放数据</a></li>
        </ul>
        ${regions.map((region) => {
          const inRegion = agencies.filter((a) => a.region_code === region.code);
          const govs = governments.filter((g) => g.regionCode === region.code);
          return inRegion.length === 0 && govs.length === 0
            ? ''
            : html`<h2>${region.name}</h2>
                <ul>
                  ${govs.map(
                    (g) =>
                      html`<li>
                        <a href="${governmentColumnUrl(g.id)}">${g.name}政府信息公开</a>：
                        ${COLUMN_SECTIONS.map((s) => html`<a href="${governmentColumnUrl(g.id, s.key)}">${s.label}</a> `)}
                        <a href="/portal/governments/${g.id}/apply">依申请公开</a>
                      </li>`,
                  )}
                  ${inRegion.map(
                    (a) =>
                      html`<li>
                        <a href="${columnUrl(a.id)}">${a.name}政府信息公开</a>：
                        ${COLUMN_SECTIONS.map((s) => html`<a href="${columnUrl(a.id, s.key)}">${s.label}</a> `)}
                      </li>`,
                  )}
                </ul>`;
        })}`,
      { columnName: '网站地图', columnType: '网站地图' },
    );
  });

  r.get(
    '/portal/display',
    {
      config: publicAccess,
      schema: {
        ...hidden,
        querystring: Type.Object({ mode: Type.Optional(Type.String({ maxLength: 10 })) }),
      },
    },
    async (request, reply) => {
      const current = request.cookies[DISPLAY_COOKIE] === 'large';
      const mode =
        request.query.mode === 'large' ? true : request.query.mode === 'normal' ? false : !current;
      void reply.setCookie(DISPLAY_COOKIE, mode ? 'large' : 'normal', {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        maxAge: 365 * 86_400,
      });
      // Back to the page the visitor came from, when it is one of ours.
      const referer = request.headers.referer ?? '';
      let back = '/portal';
      try {
        const url = new URL(referer);
        if (url.host === request.headers.host && url.pathname.startsWith('/portal'))
          back = url.pathname + url.search;
      } catch {
        // no usable referer
      }
      return reply.redirect(back);
    },
  );

  // Unknown public paths: a page in Chinese, not JSON.
  r.get('/portal/*', { config: publicAccess, schema: hidden }, async (_request, reply) =>
    send(
      reply,
      '找不到页面',
      html`<h1>找不到页面</h1>
        <p class="notice error">您访问的页面不存在，可能已被删除或地址有误。</p>
        <p>
          <a href="/portal">返回机关目录</a> · <a href="/portal/search">信息检索</a> ·
          <a href="/portal/sitemap">网站地图</a>
        </p>`,
      { columnName: '找不到页面' },
      404,
    ),
  );
}
