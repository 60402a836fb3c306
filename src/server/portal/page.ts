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

export function portalPage(
  title: string,
  body: SafeHtml,
  options: { extraCss?: string } = {},
): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - 政府信息公开</title>
<style>${PORTAL_CSS}${options.extraCss ?? ''}</style>
</head>
<body>
<header class="site">
  <a class="title" href="/portal">政府信息公开</a>
  <nav><a href="/portal">机关目录</a><a href="/portal/follow">查询申请</a><a href="/workspace/">工作人员登录</a></nav>
</header>
<main>
${body.html}
</main>
<footer class="site">依据《中华人民共和国政府信息公开条例》（国务院令第711号）公开 · gongkai</footer>
</body>
</html>`;
}
