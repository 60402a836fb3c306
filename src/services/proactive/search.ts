/**
 * The catalogue's search: published items only, over title, 文号, body and the text of their
 * attachments. Any query is answered (see core/proactive/search-query).
 */
import { highlight, queryTerms } from '../../core/proactive/search-query.js';
import type { Db, Trx } from '../../store/database.js';
import * as repo from '../../store/repositories/proactive.js';
import {
  putSearchRow,
  removeSearchRow,
  searchItems,
} from '../../store/repositories/proactive-search.js';
import type { ServiceContext } from '../context.js';
import { getAgency } from '../organisations.js';
import type { ProactiveItem } from './model.js';

export async function indexItem(ctx: ServiceContext, t: Trx, item: ProactiveItem): Promise<void> {
  const agency = await getAgency(t, item.agencyId);
  const row = await repo.findItem(t, item.agencyId, item.id);
  const attachments = await repo.listAttachments(t, item.id);
  await putSearchRow(ctx.store, t, {
    item_id: item.id,
    agency_id: item.agencyId,
    region_code: agency.regionCode,
    kind: item.kind,
    article20_category: item.article20Category,
    validity: item.validity,
    year: Number((item.publishedOn ?? '0000').slice(0, 4)),
    published_on: item.publishedOn ?? '',
    title: item.title,
    document_number: item.documentNumber ?? '',
    content: [
      item.title,
      item.documentNumber ?? '',
      item.indexNumber,
      row?.body_text ?? '',
      ...attachments.map((a) => `${a.filename}\n${a.text}`),
    ].join('\n'),
  });
}

export const unindexItem = (ctx: ServiceContext, t: Trx, itemId: string) =>
  removeSearchRow(ctx.store, t, itemId);

export interface SearchResult {
  itemId: string;
  agencyId: string;
  title: string;
  documentNumber: string;
  publishedOn: string;
  validity: string | null;
  kind: string;
  /** A snippet split into plain and matched parts. */
  snippet: { text: string; hit: boolean }[];
  titleParts: { text: string; hit: boolean }[];
}

export interface SearchQuery {
  q: string;
  agencyId?: string;
  /** A set of agencies (a government's column). */
  agencyIds?: readonly string[];
  regionCodes?: string[];
  article20Category?: string;
  year?: number;
  validity?: string;
  kind?: string[];
  page?: number;
  pageSize?: number;
  /** Count hits exactly up to this many (default SEARCH_COUNT_CAP). */
  countCap?: number;
}

/**
 * Hits are counted exactly up to this many; a common term (tens of thousands of hits) shows
 * "1,000 条以上" instead of a count that would cost a scan of every hit.
 */
export const SEARCH_COUNT_CAP = 1_000;

/** The last page a search pages to (deeper pages are not offered: narrow the query instead). */
export const SEARCH_MAX_PAGE = 500;

export async function searchCatalogue(
  ctx: ServiceContext,
  query: SearchQuery,
): Promise<{
  /** Exact up to SEARCH_COUNT_CAP hits; beyond it the cap, with `capped` set. */
  total: number;
  capped: boolean;
  /**
   * Whether a next page has hits: read, not guessed from a full page (a capped search whose
   * last page is exactly full has none).
   */
  more: boolean;
  page: number;
  pageSize: number;
  terms: string[];
  results: SearchResult[];
}> {
  const terms = queryTerms(query.q);
  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 100);
  const page = Math.min(Math.max(query.page ?? 1, 1), SEARCH_MAX_PAGE);
  const found = await searchItems(ctx.store, {
    terms,
    ...(query.agencyId ? { agencyId: query.agencyId } : {}),
    ...(query.agencyIds ? { agencyIds: query.agencyIds } : {}),
    ...(query.regionCodes ? { regionCodes: query.regionCodes } : {}),
    ...(query.article20Category ? { article20Category: query.article20Category } : {}),
    ...(query.year ? { year: query.year } : {}),
    ...(query.validity ? { validity: query.validity } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    // One hit beyond the page says whether there is a next one.
    limit: pageSize + 1,
    offset: (page - 1) * pageSize,
    countCap: query.countCap ?? SEARCH_COUNT_CAP,
  });
  const { total, capped } = found;
  const hits = found.hits.slice(0, pageSize);
  return {
    total,
    capped,
    more: found.hits.length > pageSize && page < SEARCH_MAX_PAGE,
    page,
    pageSize,
    terms,
    results: hits.map((h) => {
      // The content starts with the title, 文号 and 索引号: the snippet shows the body's hit.
      const body = h.content.split('\n').slice(3).join(' ');
      return {
        itemId: h.item_id,
        agencyId: h.agency_id,
        title: h.title,
        documentNumber: h.document_number,
        publishedOn: h.published_on,
        validity: h.validity,
        kind: h.kind,
        snippet: highlight(body, terms, 120),
        titleParts: highlight(h.title, terms, 200),
      };
    }),
  };
}

/** The region codes at and below a region (for the portal's region-wide search). */
export async function regionAndBelow(db: Db, code: string): Promise<string[]> {
  const regions = await db.selectFrom('region').select(['code', 'parent_code']).execute();
  const out = [code];
  for (let i = 0; i < out.length; i++) {
    for (const r of regions)
      if (r.parent_code === out[i] && !out.includes(r.code)) out.push(r.code);
  }
  return out;
}
