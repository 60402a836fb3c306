/** HTML pieces of a government's 政府信息公开 column: its section menu and its item lists. */
import { Type } from '@sinclair/typebox';
import type { GovernmentColumn } from '../../services/proactive/government-column.js';
import type { ItemSummary } from '../../services/proactive/listing.js';
import { html, type SafeHtml } from './page.js';
import {
  COLUMN_SECTIONS,
  columnUrl,
  governmentColumnUrl,
  itemTable,
  itemUrl,
} from './proactive-pages.js';

/** Any string: an id of another format is simply not found (an HTML 404, not a 400). */
export const GovernmentId = Type.String({ maxLength: 200 });

/** The page tags' ColumnType of every page of a government's column. */
export const META = { columnType: '政府信息公开' };

export const governmentApplyUrl = (governmentId: string) =>
  `/portal/governments/${governmentId}/apply`;
export const governmentSearchUrl = (governmentId: string) =>
  `/portal/governments/${governmentId}/search`;

/** The section menu: the four first-level sections, then the application entry. */
export function governmentNav(column: GovernmentColumn, current: string | null): SafeHtml {
  return html`<p class="no-print"><a href="/portal">← 机关目录</a></p>
    <nav aria-label="政府信息公开专栏" class="card">
      <strong><a href="${governmentColumnUrl(column.id)}">${column.name}政府信息公开</a></strong
      >：
      ${COLUMN_SECTIONS.map((s) =>
        current === s.key
          ? html`<strong aria-current="page">${s.label}</strong> · `
          : html`<a href="${governmentColumnUrl(column.id, s.key)}">${s.label}</a> · `,
      )}
      ${
        current === 'apply'
          ? html`<strong aria-current="page">依申请公开</strong>`
          : html`<a href="${governmentApplyUrl(column.id)}">依申请公开</a>`
      }
    </nav>`;
}

/** Items of several agencies: each row names its agency (发布机构) and links to its item page. */
export function governmentItemList(
  column: GovernmentColumn,
  items: readonly ItemSummary[],
): SafeHtml {
  const names = new Map(column.agencies.map((a) => [a.id, a.name]));
  return itemTable(
    items,
    (i) => itemUrl(i.agencyId, i.id),
    (i) => names.get(i.agencyId) ?? '',
  );
}

/** Links to one section of each department's own column (e.g. every department's 指南). */
export function departmentLinks(
  column: GovernmentColumn,
  section: string,
  label: string,
): SafeHtml {
  if (column.departments.length === 0) return html`<p class="muted">本级政府暂无部门。</p>`;
  return html`<ul>
    ${column.departments.map(
      (a) => html`<li><a href="${columnUrl(a.id, section)}">${a.name}${label}</a></li>`,
    )}
  </ul>`;
}

/** What a government without an agency recorded as itself shows instead of its own part. */
export function noOwnAgency(column: GovernmentColumn, what: string): SafeHtml {
  return html`<p class="notice">
    本系统尚未登记${column.name}本级（政府本身）的机关，暂无政府本级的${what}。请查看下列各部门的${what}。
  </p>`;
}
