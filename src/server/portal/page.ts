import { escapeHtml } from '../../render/html.js';

/** The public portal: server-rendered pages that work without JavaScript. */

export { escapeHtml };

/** Tagged template that escapes every interpolated value unless it is marked safe. */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

/** The site's icon (the same as the workspace's, src/web/index.html): a red square with 公. */
export const FAVICON_HREF =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='6' fill='%23b71c1c'/%3E%3Ctext x='16' y='24' font-size='22' text-anchor='middle' fill='%23fff' font-family='sans-serif'%3E%E5%85%AC%3C/text%3E%3C/svg%3E";

export const raw = (html: string): SafeHtml => new SafeHtml(html);

type Value = string | number | null | undefined | SafeHtml | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.html;
  if (Array.isArray(value)) return value.map((v) => render(v as Value)).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** GB/T 37668 / WCAG 2.1 AA: skip link, visible focus, 360 px layout, the large-type mode. */
const ACCESSIBLE_CSS = `
.skip-link { position:absolute; left:-999px; top:0; background:#fff; color:#1d4ed8; padding:0.5rem 1rem; z-index:10; }
.skip-link:focus { left:0.5rem; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, main:focus-visible { outline:3px solid #f59e0b; outline-offset:2px; }
fieldset { border:1px solid var(--line); border-radius:4px; padding:0.5rem 1rem; }
mark { background:#fde68a; color:inherit; }
.banner { padding:0.8rem 1rem; border:2px solid #b91c1c; background:#fef2f2; color:#7f1d1d; border-radius:4px; margin-bottom:1rem; font-weight:600; }
table.meta { width:100%; border-collapse:collapse; background:#fff; margin-bottom:1rem; }
table.meta th, table.meta td { border:1px solid var(--line); padding:0.4rem 0.6rem; text-align:left; }
table.meta th { background:#fafafa; width:8em; font-weight:600; }
.item-body { background:#fff; border:1px solid var(--line); padding:1rem 1.25rem; border-radius:6px; overflow-wrap:anywhere; }
.sections { display:grid; grid-template-columns:repeat(auto-fit, minmax(13rem, 1fr)); gap:1rem; }
.pager a, .pager span { margin-right:0.6rem; }
form.search { display:flex; flex-wrap:wrap; gap:0.5rem; align-items:flex-end; margin-bottom:1rem; }
form.search label { display:flex; flex-direction:column; font-size:0.9rem; }
form.search input, form.search select { font:inherit; padding:0.35rem 0.5rem; border:1px solid #8a8f99; border-radius:4px; }
form.search button { margin-top:0; }
@media (max-width: 480px) {
  header.site nav a { margin-left:0; margin-right:0.8rem; display:inline-block; }
  main { padding:1rem 0.75rem; }
  table.list, table.meta { font-size:0.9rem; }
  table.meta th { width:6em; }
}
html.large body { font-size:125%; background:#000; color:#fff; }
html.large main a, html.large footer a { color:#ffeb3b; }
html.large .card, html.large table.list, html.large table.meta, html.large .item-body { background:#000; color:#fff; border-color:#fff; }
html.large table.list th, html.large table.meta th { background:#222; color:#fff; }
html.large .muted, html.large footer.site, html.large dl.contact dt { color:#e5e5e5; }
html.large .badge { color:#fff; border-color:#fff; }
html.large .badge.warn { color:#ffeb3b; border-color:#ffeb3b; }
html.large mark { background:#ffeb3b; color:#000; }
html.large .banner { background:#000; color:#ffeb3b; border-color:#ffeb3b; }
html.large .notice { background:#000; color:#fff; border-color:#fff; }
html.large header.site { background:#000; border-bottom:2px solid #fff; }
`;

const PORTAL_CSS = `
:root { --ink:#1f2329; --muted:#646a73; --line:#dee0e3; --brand:#b4232a; --bg:#f7f7f5; }
* { box-sizing: border-box; }
body { margin:0; font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif; color:var(--ink); background:var(--bg); line-height:1.7; }
a { color:#1d4ed8; }
header.site { background:var(--brand); color:#fff; padding:0.8rem 1.5rem; display:flex; justify-content:space-between; align-items:center; flex-wrap:wrap; gap:0.5rem; }
header.site a { color:#fff; text-decoration:none; }
header.site .title { font-size:1.2rem; font-weight:700; letter-spacing:0.05em; }
header.site nav a { margin-left:1.2rem; }
main { max-width:60rem; margin:0 auto; padding:1.5rem; }
h1 { font-size:1.5rem; margin:0.5rem 0 1rem; }
h2 { font-size:1.15rem; margin:1.5rem 0 0.75rem; }
.card { background:#fff; border:1px solid var(--line); border-radius:6px; padding:1rem 1.25rem; margin-bottom:1rem; }
.muted { color:var(--muted); }
table.list { width:100%; border-collapse:collapse; background:#fff; }
table.list th, table.list td { border:1px solid var(--line); padding:0.45rem 0.7rem; text-align:left; vertical-align:top; }
table.list th { background:#fafafa; }
.downloads a { margin-right:0.8rem; white-space:nowrap; }
.badge { display:inline-block; font-size:0.8rem; border:1px solid var(--line); border-radius:3px; padding:0 0.35rem; margin-left:0.4rem; color:var(--muted); }
.badge.warn { border-color:#e3a008; color:#8a5a00; }
.notice { padding:0.6rem 0.9rem; border-radius:4px; border:1px solid #c5d5f7; background:#eef3fd; margin-bottom:1rem; }
.error { border-color:#f3c4c4; background:#fdf0f0; color:#c02c2c; }
dl.contact { display:grid; grid-template-columns:max-content 1fr; gap:0.2rem 1rem; margin:0; }
dl.contact dt { color:var(--muted); }
.diff del { background:#fde2e2; text-decoration:line-through; }
.diff ins { background:#dcfce7; text-decoration:none; }
footer.site { text-align:center; color:var(--muted); font-size:0.85rem; padding:2rem 1rem; }
form.stack label { display:block; font-weight:600; margin-top:0.8rem; }
form.stack input, form.stack select, form.stack textarea { width:100%; font:inherit; padding:0.4rem 0.6rem; border:1px solid var(--line); border-radius:4px; }
form.stack .hint { font-weight:normal; color:var(--muted); font-size:0.85rem; }
form.stack .field-error { color:#c02c2c; font-weight:normal; font-size:0.9rem; }
button { font:inherit; padding:0.5rem 1.2rem; border-radius:4px; border:1px solid var(--brand); background:var(--brand); color:#fff; cursor:pointer; margin-top:1rem; }
@media print { header.site, footer.site, .no-print { display:none; } body { background:#fff; } }
`;

/** Page tags of 国办发〔2017〕47号 that depend on the page (the site's own are added per request). */
export interface PageMeta {
  columnName?: string;
  columnType?: string;
  articleTitle?: string;
  pubDate?: string;
  contentSource?: string;
}

/** Replaced per request (see portal/chrome.ts): the site's identity tags and its footer. */
export const SITE_META_SLOT = '<!--gk:site-meta-->';
export const SITE_FOOTER_SLOT = '<!--gk:site-footer-->';

const metaTag = (name: string, content: string | undefined) =>
  content ? `<meta name="${name}" content="${escapeHtml(content)}">\n` : '';

export function portalPage(
  title: string,
  body: SafeHtml,
  options: { extraCss?: string; meta?: PageMeta } = {},
): string {
  const meta = options.meta ?? {};
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - 政府信息公开</title>
<link rel="icon" type="image/svg+xml" href="${FAVICON_HREF}">
${SITE_META_SLOT}
${metaTag('ColumnName', meta.columnName ?? title)}${metaTag('ColumnType', meta.columnType ?? '其他')}${metaTag('ArticleTitle', meta.articleTitle)}${metaTag('PubDate', meta.pubDate)}${metaTag('ContentSource', meta.contentSource)}<style>${PORTAL_CSS}${ACCESSIBLE_CSS}${options.extraCss ?? ''}</style>
</head>
<body>
<a class="skip-link" href="#main">跳到正文</a>
<header class="site">
  <a class="title" href="/portal">政府信息公开</a>
  <nav aria-label="网站导航"><a href="/portal">机关目录</a><a href="/portal/search">信息检索</a><a href="/portal/follow">查询申请</a><a href="/portal/sitemap">网站地图</a><a href="/portal/display?mode=toggle">大字号 高对比度</a><a href="/workspace/">工作人员登录</a></nav>
</header>
<main id="main" tabindex="-1">
${body.html}
</main>
<footer class="site">${SITE_FOOTER_SLOT}</footer>
</body>
</html>`;
}
