/** HTML pieces of the 政府信息公开 column: the section menu, item lists, the metadata table. */
import {
  article20Label,
  INTERPRETATION_FORM_LABELS,
  ITEM_KIND_LABELS,
  VALIDITY_LABELS,
  type InterpretationForm,
  type Validity,
} from '../../core/proactive/categories.js';
import { MAX_QUERY_INPUT } from '../../core/proactive/search-query.js';
import { validityBanner } from '../../core/proactive/validity.js';
import type { Guide } from '../../services/proactive/column.js';
import type { ItemDetail, LinkedItem } from '../../services/proactive/detail.js';
import type { ItemSummary } from '../../services/proactive/listing.js';
import type { ProactiveItem } from '../../services/proactive/model.js';
import { html, raw, type SafeHtml } from './page.js';

export const COLUMN_SECTIONS = [
  { key: 'guide', label: '政府信息公开指南' },
  { key: 'system', label: '政府信息公开制度' },
  { key: 'statutory', label: '法定主动公开内容' },
  { key: 'reports', label: '政府信息公开年报' },
] as const;

export const columnUrl = (agencyId: string, section?: string) =>
  `/portal/agencies/${agencyId}/disclosure${section ? `/${section}` : ''}`;
export const itemUrl = (agencyId: string, itemId: string) =>
  `/portal/agencies/${agencyId}/items/${itemId}`;

/** The column of a government (all its agencies): portal/government-column.ts. */
export const governmentColumnUrl = (governmentId: string, section?: string) =>
  `/portal/governments/${governmentId}/disclosure${section ? `/${section}` : ''}`;

/** The agency column's section menu; `government` adds the way back to its government's column. */
export function columnNav(
  agencyId: string,
  agencyName: string,
  current: string | null,
  government?: { id: string; name: string },
): SafeHtml {
  return html`<p class="no-print">
      <a href="/portal/agencies/${agencyId}">← ${agencyName}</a>${
        government
          ? html` ·
              <a href="${governmentColumnUrl(government.id)}">${government.name}政府信息公开</a>`
          : ''
      }
    </p>
    <nav aria-label="政府信息公开专栏" class="card">
      <strong><a href="${columnUrl(agencyId)}">政府信息公开</a></strong
      >：
      ${COLUMN_SECTIONS.map((s) =>
        current === s.key
          ? html`<strong aria-current="page">${s.label}</strong> · `
          : html`<a href="${columnUrl(agencyId, s.key)}">${s.label}</a> · `,
      )}
      <a href="/portal/agencies/${agencyId}/apply">依申请公开</a>
    </nav>`;
}

/** The column's four first-level sections as cards, each linking to `urlOf(section)`. */
export function sectionCards(urlOf: (section: string) => string): SafeHtml {
  return html`<div class="sections">
    ${COLUMN_SECTIONS.map(
      (s) =>
        html`<section class="card">
          <h2><a href="${urlOf(s.key)}">${s.label}</a></h2>
        </section>`,
    )}
  </div>`;
}

/** A 政府信息公开指南's sections, then its version and the date it was saved. */
export function guideBody(guide: Guide): SafeHtml {
  return html`${guide.sections.map(
      (s) =>
        html`<h2>${s.heading}</h2>
          ${s.text.split('\n').map((p) => html`<p>${p}</p>`)}`,
    )}
    <p class="muted">
      ${guide.version > 0 ? `第 ${guide.version} 版，更新于 ${guide.savedAt?.slice(0, 10) ?? ''}` : ''}
    </p>`;
}

export function searchForm(action: string, q: string, extra: SafeHtml | string = ''): SafeHtml {
  return html`<form class="search" role="search" method="get" action="${action}">
    <label
      >检索关键词 <input type="search" name="q" value="${q}" maxlength="${String(MAX_QUERY_INPUT)}"
    /></label>
    ${extra}
    <button type="submit">检索</button>
  </form>`;
}

export function itemList(agencyId: string, items: readonly ItemSummary[]): SafeHtml {
  return itemTable(items, (i) => itemUrl(agencyId, i.id));
}

/**
 * Published items as a table: the title linked to `href` (with the validity when not in force),
 * the 文号 and the date; `agencyName`, when given, adds the 发布机构 column (items of several
 * agencies, as a government's column lists them).
 */
export function itemTable(
  items: readonly ItemSummary[],
  href: (item: ItemSummary) => string,
  agencyName?: (item: ItemSummary) => string,
): SafeHtml {
  if (items.length === 0) return html`<p class="muted">暂无信息。</p>`;
  const agencyHead = agencyName ? html`<th scope="col">发布机构</th>` : '';
  const agencyCell = (i: ItemSummary) => (agencyName ? html`<td>${agencyName(i)}</td>` : '');
  return html`<table class="list">
    <thead>
      <tr>
        <th scope="col">标题</th>
        ${agencyHead}
        <th scope="col">文号</th>
        <th scope="col">发布日期</th>
      </tr>
    </thead>
    <tbody>
      ${items.map(
        (i) =>
          html`<tr>
            <td>
              <a href="${href(i)}">${i.title}</a>${
                i.validity && i.validity !== 'in_force'
                  ? html`<span class="badge warn">${VALIDITY_LABELS[i.validity]}</span>`
                  : ''
              }
            </td>
            ${agencyCell(i)}
            <td>${i.documentNumber ?? ''}</td>
            <td>${i.publishedOn ?? ''}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/**
 * Page links. `more` (a search whose total was only counted up to a cap) says whether a next
 * page exists; the page count is then not known and not shown.
 */
export function pager(
  base: string,
  page: number,
  pageSize: number,
  total: number,
  more?: boolean,
): SafeHtml {
  const sep = base.includes('?') ? '&' : '?';
  if (more !== undefined) {
    if (page <= 1 && !more) return html``;
    return html`<nav class="pager" aria-label="分页">
      ${page > 1 ? html`<a href="${base}${sep}page=${page - 1}">上一页</a>` : ''}
      <span>第 ${page} 页（${total.toLocaleString('zh-CN')} 条以上）</span>
      ${more ? html`<a href="${base}${sep}page=${page + 1}">下一页</a>` : ''}
    </nav>`;
  }
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return html``;
  return html`<nav class="pager" aria-label="分页">
    ${page > 1 ? html`<a href="${base}${sep}page=${page - 1}">上一页</a>` : ''}
    <span>第 ${page} / ${pages} 页（共 ${total} 条）</span>
    ${page < pages ? html`<a href="${base}${sep}page=${page + 1}">下一页</a>` : ''}
  </nav>`;
}

const linkedTitle = (agencyId: string, l: LinkedItem) =>
  html`<a href="${itemUrl(agencyId, l.id)}">${l.title}</a
    >${l.documentNumber ? `（${l.documentNumber}）` : ''}`;

/** The item page: banner, metadata table, body, attachments, links, versions. */
export function itemArticle(
  detail: ItemDetail,
  shown: ProactiveItem,
  version: number | null,
): SafeHtml {
  const item = detail.item;
  const banner =
    item.validity && item.validity !== 'in_force'
      ? validityBanner({
          validity: item.validity as Validity,
          changedOn: item.validityChangedOn,
          successor: detail.successor
            ? {
                id: detail.successor.id,
                title: detail.successor.title,
                documentNumber: detail.successor.documentNumber,
              }
            : null,
        })
      : null;
  const rows: [string, string][] = [
    ['索引号', item.indexNumber],
    ['发布机构', shown.issuingBody],
    ['成文日期', shown.writtenOn ?? ''],
    ['发布日期', item.publishedOn ?? ''],
    ['文号', shown.documentNumber ?? ''],
    ['主题分类', shown.topic],
    ['体裁分类', shown.genre],
    ['公开类别', article20Label(shown.article20Category)],
    ['信息类别', ITEM_KIND_LABELS[shown.kind]],
    ['有效性', item.validity ? VALIDITY_LABELS[item.validity] : '—'],
  ];
  return html`${
      banner
        ? html`<div class="banner" role="alert">
            ${banner}${detail.successor ? html` 现行文件：${linkedTitle(item.agencyId, detail.successor)}` : ''}
          </div>`
        : ''
    }
    ${
      version !== null
        ? html`<p class="notice error">
            这是第 ${version} 版，已被更正。<a href="${itemUrl(item.agencyId, item.id)}"
              >查看现行版本</a
            >
          </p>`
        : ''
    }
    <table class="meta">
      <caption class="muted" style="text-align:left">
        信息索引
      </caption>
      <tbody>
        ${rows.map(
          ([k, v]) =>
            html`<tr>
              <th scope="row">${k}</th>
              <td>${v}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h1>${shown.title}</h1>
    ${shown.summary ? html`<p class="muted">内容概述：${shown.summary}</p>` : ''}
    <div class="item-body">${raw(shown.bodyHtml)}</div>
    ${
      detail.attachments.length > 0 && version === null
        ? html`<h2>附件</h2>
            <ul>
              ${detail.attachments.map(
                (a) =>
                  html`<li>
                    <a href="${itemUrl(item.agencyId, item.id)}/attachments/${a.id}"
                      >${a.filename}</a
                    >
                    <span class="muted">（${Math.max(1, Math.round(a.size / 1024))} KB）</span>
                  </li>`,
              )}
            </ul>`
        : ''
    }
    ${
      detail.policy
        ? html`<h2>解读的政策</h2>
            <p>
              ${linkedTitle(item.agencyId, detail.policy)}${
                detail.policy.lagDays !== null
                  ? html`<span class="muted">（政策发布后 ${detail.policy.lagDays} 天解读）</span>`
                  : ''
              }
            </p>`
        : ''
    }
    ${
      detail.interpretations.length > 0
        ? html`<h2>政策解读</h2>
            <ul>
              ${detail.interpretations.map(
                (i) =>
                  html`<li>
                    ${i.interpretationForm ? `【${INTERPRETATION_FORM_LABELS[i.interpretationForm as InterpretationForm]}】` : ''}${linkedTitle(item.agencyId, i)}
                    ${i.lagDays !== null ? html`<span class="muted">（政策发布后 ${i.lagDays} 天）</span>` : ''}
                  </li>`,
              )}
            </ul>`
        : ''
    }
    ${
      detail.replaces.length > 0
        ? html`<h2>本文件修改或废止的文件</h2>
            <ul>
              ${detail.replaces.map((r) => html`<li>${linkedTitle(item.agencyId, r)}</li>`)}
            </ul>`
        : ''
    }
    ${
      detail.versions.length > 0
        ? html`<h2>更正记录</h2>
            <ul>
              ${detail.versions.map(
                (v) =>
                  html`<li>
                    <a href="${itemUrl(item.agencyId, item.id)}/v/${v.version}"
                      >第 ${v.version} 版</a
                    >
                    （${v.replacedAt.slice(0, 10)} 更正，原因：${v.reason ?? ''}）
                  </li>`,
              )}
            </ul>`
        : ''
    }`;
}
