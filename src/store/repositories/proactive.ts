import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../database.js';
import type {
  ProactiveAttachmentTable,
  ProactiveCatalogueEntryTable,
  ProactiveItemTable,
  ProactiveSettingsTable,
} from '../schema-proactive.js';

export type ItemRow = Selectable<ProactiveItemTable>;
export type AttachmentRow = Selectable<ProactiveAttachmentTable>;
export type CatalogueEntryRow = Selectable<ProactiveCatalogueEntryTable>;
export type SettingsRow = Selectable<ProactiveSettingsTable>;

export const getSettings = (db: Db, agencyId: string) =>
  db
    .selectFrom('proactive_settings')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();

export async function putSettings(db: Db, row: Insertable<ProactiveSettingsTable>): Promise<void> {
  await db
    .insertInto('proactive_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('agency_id').doUpdateSet({
        index_scheme: row.index_scheme,
        agency_code: row.agency_code,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
        ...(row.secrecy_items === undefined ? {} : { secrecy_items: row.secrecy_items }),
      }),
    )
    .execute();
}

/** The next number of a series; the counter only grows (callers hold the agency's lock). */
export async function nextSequence(db: Db, agencyId: string, series: string): Promise<number> {
  const row = await db
    .selectFrom('proactive_index_counter')
    .select('last_seq')
    .where('agency_id', '=', agencyId)
    .where('series', '=', series)
    .executeTakeFirst();
  if (!row) {
    await db
      .insertInto('proactive_index_counter')
      .values({ agency_id: agencyId, series, last_seq: 1 })
      .execute();
    return 1;
  }
  const next = row.last_seq + 1;
  await db
    .updateTable('proactive_index_counter')
    .set({ last_seq: next })
    .where('agency_id', '=', agencyId)
    .where('series', '=', series)
    .execute();
  return next;
}

export const indexNumberTaken = async (db: Db, agencyId: string, indexNumber: string) =>
  (await db
    .selectFrom('proactive_item')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('index_number', '=', indexNumber)
    .executeTakeFirst()) !== undefined;

export const insertItem = (db: Db, row: Insertable<ProactiveItemTable>) =>
  db.insertInto('proactive_item').values(row).execute();

export const updateItem = (db: Db, id: string, patch: Updateable<ProactiveItemTable>) =>
  db.updateTable('proactive_item').set(patch).where('id', '=', id).execute();

export const findItem = (db: Db, agencyId: string, id: string) =>
  db
    .selectFrom('proactive_item')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();

export const findItemAnywhere = (db: Db, id: string) =>
  db.selectFrom('proactive_item').selectAll().where('id', '=', id).executeTakeFirst();

export interface ItemFilter {
  status?: string[];
  kind?: string[];
  article20Category?: string;
  year?: number;
  limit?: number;
  offset?: number;
}

/** One agency's items, or (an array) the items of a set of agencies, e.g. a government's. */
export type AgencyScope = string | readonly string[];

const inScope = (agencyId: AgencyScope) =>
  typeof agencyId === 'string' ? agencyId : agencyId.length ? [...agencyId] : [''];

/** The rows `filter` selects, newest first, as a query to select columns from. */
function filteredItems(db: Db, agencyId: AgencyScope, filter: ItemFilter) {
  const scope = inScope(agencyId);
  let q = db
    .selectFrom('proactive_item')
    .where('agency_id', typeof scope === 'string' ? '=' : 'in', scope);
  if (filter.status?.length) q = q.where('status', 'in', filter.status);
  if (filter.kind?.length) q = q.where('kind', 'in', filter.kind);
  if (filter.article20Category) q = q.where('article20_category', '=', filter.article20Category);
  if (filter.year) {
    q = q
      .where('published_on', '>=', `${filter.year}-01-01`)
      .where('published_on', '<=', `${filter.year}-12-31`);
  }
  return q
    .orderBy('published_on', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(filter.limit ?? 500)
    .offset(filter.offset ?? 0);
}

export function listItems(
  db: Db,
  agencyId: AgencyScope,
  filter: ItemFilter = {},
): Promise<ItemRow[]> {
  return filteredItems(db, agencyId, filter).selectAll().execute();
}

/** The columns a list of items shows (no body): what the portal's lists read. */
export const ITEM_SUMMARY_COLUMNS = [
  'id',
  'agency_id',
  'title',
  'document_number',
  'published_on',
  'validity',
] as const;

export type ItemSummaryRow = Pick<ItemRow, (typeof ITEM_SUMMARY_COLUMNS)[number]>;

export function listItemSummaries(
  db: Db,
  agencyId: AgencyScope,
  filter: ItemFilter = {},
): Promise<ItemSummaryRow[]> {
  return filteredItems(db, agencyId, filter).select(ITEM_SUMMARY_COLUMNS).execute();
}

export const countItems = async (
  db: Db,
  agencyId: AgencyScope,
  filter: ItemFilter = {},
): Promise<number> => {
  const scope = inScope(agencyId);
  let q = db
    .selectFrom('proactive_item')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agency_id', typeof scope === 'string' ? '=' : 'in', scope);
  if (filter.status?.length) q = q.where('status', 'in', filter.status);
  if (filter.kind?.length) q = q.where('kind', 'in', filter.kind);
  if (filter.article20Category) q = q.where('article20_category', '=', filter.article20Category);
  if (filter.year) {
    q = q
      .where('published_on', '>=', `${filter.year}-01-01`)
      .where('published_on', '<=', `${filter.year}-12-31`);
  }
  return Number((await q.executeTakeFirstOrThrow()).n);
};

/** Items linked to one item: its interpretations (policy_id) and what it replaced (successor_id). */
export const listInterpretationsOf = (db: Db, policyId: string) =>
  db
    .selectFrom('proactive_item')
    .selectAll()
    .where('policy_id', '=', policyId)
    .orderBy('published_on')
    .execute();

export const listReplacedBy = (db: Db, successorId: string) =>
  db.selectFrom('proactive_item').selectAll().where('successor_id', '=', successorId).execute();

/** The register for table 二 and section 一: every item of the agency, lean columns. */
export const listRegister = (db: Db, agencyId: string) =>
  db
    .selectFrom('proactive_item')
    .select([
      'id',
      'kind',
      'status',
      'published_on',
      'written_on',
      'validity',
      'validity_changed_on',
      'article20_category',
      'channels',
    ])
    .where('agency_id', '=', agencyId)
    .execute();

export const insertVersion = (
  db: Db,
  row: {
    item_id: string;
    version: number;
    snapshot_json: string;
    reason: string | null;
    created_at: string;
    created_by: string;
  },
) => db.insertInto('proactive_item_version').values(row).execute();

export const listVersions = (db: Db, itemId: string) =>
  db
    .selectFrom('proactive_item_version')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('version')
    .execute();

export const insertAttachment = (db: Db, row: Insertable<ProactiveAttachmentTable>) =>
  db.insertInto('proactive_attachment').values(row).execute();

export const listAttachments = (db: Db, itemId: string) =>
  db
    .selectFrom('proactive_attachment')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('removed', '=', 0)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const findAttachment = (db: Db, itemId: string, id: string) =>
  db
    .selectFrom('proactive_attachment')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('id', '=', id)
    .where('removed', '=', 0)
    .executeTakeFirst();

export const removeAttachment = (db: Db, itemId: string, id: string) =>
  db
    .updateTable('proactive_attachment')
    .set({ removed: 1 })
    .where('item_id', '=', itemId)
    .where('id', '=', id)
    .execute();

export const insertCatalogueEntry = (db: Db, row: Insertable<ProactiveCatalogueEntryTable>) =>
  db.insertInto('proactive_catalogue_entry').values(row).execute();

export const listCatalogueEntries = (db: Db, agencyId: string) =>
  db
    .selectFrom('proactive_catalogue_entry')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const updateCatalogueEntry = (
  db: Db,
  agencyId: string,
  id: string,
  patch: Updateable<ProactiveCatalogueEntryTable>,
) =>
  db
    .updateTable('proactive_catalogue_entry')
    .set(patch)
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .execute();

export const findCatalogueEntry = (db: Db, agencyId: string, id: string) =>
  db
    .selectFrom('proactive_catalogue_entry')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();

/** Publication dates of the published items under each entry of an agency. */
export const publishedUnderEntries = (db: Db, agencyId: string) =>
  db
    .selectFrom('proactive_item')
    .select(['catalogue_entry_id', 'published_on'])
    .where('agency_id', '=', agencyId)
    .where('status', '=', 'published')
    .where('catalogue_entry_id', 'is not', null)
    .execute();
