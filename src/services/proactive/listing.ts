/** The portal's lists of items: only the columns a list shows, never the bodies. */
import type { Db } from '../../store/database.js';
import * as repo from '../../store/repositories/proactive.js';
import type { ProactiveItem } from './model.js';

/** What a list of items shows (a `ProactiveItem` is one too). */
export type ItemSummary = Pick<
  ProactiveItem,
  'id' | 'agencyId' | 'title' | 'documentNumber' | 'publishedOn' | 'validity'
>;

/** A summary row as the lists show it. */
export const toItemSummary = (row: repo.ItemSummaryRow): ItemSummary => ({
  id: row.id,
  agencyId: row.agency_id,
  title: row.title,
  documentNumber: row.document_number,
  publishedOn: row.published_on,
  validity: row.validity as ProactiveItem['validity'],
});

/** listItems' rows (same filter, same order), read without the other columns. */
export async function listItemSummaries(
  db: Db,
  agencyId: repo.AgencyScope,
  filter: repo.ItemFilter = {},
): Promise<ItemSummary[]> {
  return (await repo.listItemSummaries(db, agencyId, filter)).map(toItemSummary);
}
