/**
 * What every public page carries, filled in per request: the site identity's page tags and
 * footer (国办发〔2017〕47号: 主办单位, 网站标识码, ICP备案号, 公安机关备案号, the 党政机关网站
 * mark; no product name), and the large-type high-contrast mode the visitor chose (a cookie,
 * so it stays on across pages without JavaScript).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { getSiteIdentity, type SiteIdentity } from '../../services/proactive/column.js';
import type { ServiceContext } from '../../services/context.js';
import { escapeHtml, SITE_FOOTER_SLOT, SITE_META_SLOT } from './page.js';

export const DISPLAY_COOKIE = 'gk_display';

const tag = (name: string, content: string) =>
  `<meta name="${name}" content="${escapeHtml(content)}">`;

export function siteMeta(site: SiteIdentity): string {
  return [
    tag('SiteName', site.siteName),
    tag('SiteDomain', site.siteDomain),
    tag('SiteIDCode', site.siteIdCode),
  ].join('\n');
}

export function siteFooter(site: SiteIdentity): string {
  const line = (label: string, value: string) =>
    value ? `<span>${label}：${escapeHtml(value)}</span>` : '';
  return [
    '<div class="footer-links"><a href="/portal/sitemap">网站地图</a> · <a href="/portal/search">信息检索</a></div>',
    `<div>${line('主办单位', site.sponsor)} ${line('承办单位', site.organiser)}</div>`,
    `<div>${line('网站标识码', site.siteIdCode)} ${site.icpRecord ? `<span>${escapeHtml(site.icpRecord)}</span>` : ''} ${site.policeRecord ? `<span>${escapeHtml(site.policeRecord)}</span>` : ''}</div>`,
    site.contact ? `<div>${line('联系我们', site.contact)}</div>` : '',
    '<div><span class="dzjg" role="img" aria-label="党政机关网站标识">党政机关</span></div>',
  ].join('\n');
}

const largeMode = (request: FastifyRequest) => request.cookies[DISPLAY_COOKIE] === 'large';

export function registerPortalChrome(app: FastifyInstance, ctx: ServiceContext): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' || !payload.includes(SITE_FOOTER_SLOT)) return payload;
    const site = await getSiteIdentity(ctx.store.db);
    let out = payload
      .replace(SITE_META_SLOT, siteMeta(site))
      .replace(SITE_FOOTER_SLOT, siteFooter(site));
    if (largeMode(request))
      out = out.replace('<html lang="zh-CN">', '<html lang="zh-CN" class="large">');
    void reply;
    return out;
  });
}
