/**
 * The portal's search over published items, without word segmentation: substring matches on
 * trigram indexes. SQLite: an FTS5 `trigram` table (terms of three characters or more go
 * through MATCH; shorter ones scan with LIKE). PostgreSQL: ILIKE on `pg_trgm` GIN indexes.
 * Ranked: title and 文号 hits first, then the newest.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import { ftsPhrase, likeContains } from '../../core/proactive/search-query.js';
import type { Db, Store } from '../database.js';
import type { ProactiveSearchTable } from '../schema-proactive.js';

export async function putSearchRow(store: Store, db: Db, row: ProactiveSearchTable): Promise<void> {
  await removeSearchRow(store, db, row.item_id);
  await db.insertInto('proactive_search').values(row).execute();
  if (store.dialect === 'sqlite') {
    await sql`INSERT INTO proactive_search_fts (item_id, content) VALUES (${row.item_id}, ${row.content})`.execute(
      db,
    );
  }
}

export async function removeSearchRow(store: Store, db: Db, itemId: string): Promise<void> {
  await db.deleteFrom('proactive_search').where('item_id', '=', itemId).execute();
  if (store.dialect === 'sqlite') {
    await sql`DELETE FROM proactive_search_fts WHERE item_id = ${itemId}`.execute(db);
  }
}

export interface SearchFilter {
  terms: readonly string[];
  agencyId?: string;
  regionCodes?: readonly string[];
  article20Category?: string;
  year?: number;
  validity?: string;
  kind?: string[];
  limit: number;
  offset: number;
}

export interface SearchHit {
  item_id: string;
  agency_id: string;
  title: string;
  document_number: string;
  published_on: string;
  validity: string | null;
  kind: string;
  content: string;
  title_hit: number;
}

export async function searchItems(
  store: Store,
  f: SearchFilter,
): Promise<{ total: number; hits: SearchHit[] }> {
  const db = store.db;
  const sqlite = store.dialect === 'sqlite';
  let q = db.selectFrom('proactive_search as s');
  const conditions: Expression<SqlBool>[] = [];
  if (f.agencyId) q = q.where('s.agency_id', '=', f.agencyId);
  if (f.regionCodes)
    q = q.where('s.region_code', 'in', f.regionCodes.length ? [...f.regionCodes] : ['']);
  if (f.article20Category) q = q.where('s.article20_category', '=', f.article20Category);
  if (f.year) q = q.where('s.year', '=', f.year);
  if (f.validity) q = q.where('s.validity', '=', f.validity);
  if (f.kind?.length) q = q.where('s.kind', 'in', f.kind);
  for (const term of f.terms) {
    const pattern = likeContains(term);
    if (sqlite && [...term].length >= 3) {
      conditions.push(
        sql<SqlBool>`s.item_id IN (SELECT item_id FROM proactive_search_fts WHERE proactive_search_fts MATCH ${`content : ${ftsPhrase(term)}`})`,
      );
    } else if (sqlite) {
      conditions.push(sql<SqlBool>`s.content LIKE ${pattern} ESCAPE '!'`);
    } else {
      conditions.push(sql<SqlBool>`s.content ILIKE ${pattern} ESCAPE '!'`);
    }
  }
  for (const c of conditions) q = q.where(c);
  const titleHit =
    f.terms.length === 0
      ? sql<number>`0`
      : sql<number>`CASE WHEN ${sql.join(
          f.terms.map(
            (t) =>
              sql`(s.title ${sql.raw(sqlite ? 'LIKE' : 'ILIKE')} ${likeContains(t)} ESCAPE '!' OR s.document_number ${sql.raw(sqlite ? 'LIKE' : 'ILIKE')} ${likeContains(t)} ESCAPE '!')`,
          ),
          sql` OR `,
        )} THEN 1 ELSE 0 END`;
  const [count, hits] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q
      .select([
        's.item_id',
        's.agency_id',
        's.title',
        's.document_number',
        's.published_on',
        's.validity',
        's.kind',
        's.content',
        titleHit.as('title_hit'),
      ])
      .orderBy('title_hit', 'desc')
      .orderBy('s.published_on', 'desc')
      .orderBy('s.item_id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  return {
    total: Number(count.n),
    hits: hits.map((h) => ({ ...h, title_hit: Number(h.title_hit) })),
  };
}
