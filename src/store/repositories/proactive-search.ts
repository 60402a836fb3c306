/**
 * The portal's search over published items, without word segmentation: substring matches on
 * trigram indexes. SQLite: an FTS5 `trigram` table (terms of three characters or more go
 * through MATCH; shorter ones scan with LIKE). PostgreSQL: ILIKE on `pg_trgm` GIN indexes.
 * Ranked: title and 文号 hits first, then the newest.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import { caseless, ftsPhrase, likeContains } from '../../core/proactive/search-query.js';
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
  /** A set of agencies (a government's column): hits of any of them. */
  agencyIds?: readonly string[];
  regionCodes?: readonly string[];
  article20Category?: string;
  year?: number;
  validity?: string;
  kind?: string[];
  limit: number;
  offset: number;
  /** Count hits exactly up to this many; beyond it `total` is the cap and `capped` is true. */
  countCap?: number;
  /** A ≥3-character term the FTS index finds fewer times than this goes through FTS (default 2,000). */
  ftsRareBelow?: number;
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

/** A term this common (FTS hits at least this many) is read by walking the date index instead. */
const FTS_RARE_BELOW = 2_000;

/**
 * One page of hits, title and 文号 hits first, each part newest first. Neither part is
 * materialised and sorted: each walks the `(published_on, item_id)` index newest first and stops
 * once the page is full, and the total is counted only up to `countCap`. A term of three
 * characters or more that the SQLite FTS index finds rarely is matched through FTS instead (few
 * rows to sort); a common one by LIKE on the walk, which soon fills a page.
 */
export async function searchItems(
  store: Store,
  f: SearchFilter,
): Promise<{ total: number; capped: boolean; hits: SearchHit[] }> {
  const db = store.db;
  const sqlite = store.dialect === 'sqlite';
  // SQLite's LIKE folds ASCII case only, as its FTS5 trigram index does; PostgreSQL folds with
  // ILIKE, and a term without cased letters needs no folding (LIKE reads each row twice as fast).
  const like = (term: string) => sql.raw(sqlite || caseless(term) ? 'LIKE' : 'ILIKE');
  let base = db.selectFrom('proactive_search as s');
  if (f.agencyId) base = base.where('s.agency_id', '=', f.agencyId);
  if (f.agencyIds)
    base = base.where('s.agency_id', 'in', f.agencyIds.length ? [...f.agencyIds] : ['']);
  if (f.regionCodes)
    base = base.where('s.region_code', 'in', f.regionCodes.length ? [...f.regionCodes] : ['']);
  if (f.article20Category) base = base.where('s.article20_category', '=', f.article20Category);
  if (f.year) base = base.where('s.year', '=', f.year);
  if (f.validity) base = base.where('s.validity', '=', f.validity);
  if (f.kind?.length) base = base.where('s.kind', 'in', f.kind);
  const termConditions: Expression<SqlBool>[] = [];
  for (const term of f.terms) {
    const pattern = likeContains(term);
    if (sqlite && [...term].length >= 3) {
      const match = `content : ${ftsPhrase(term)}`;
      const rareBelow = f.ftsRareBelow ?? FTS_RARE_BELOW;
      const { n } = await sql<{
        n: number;
      }>`SELECT count(*) AS n FROM (SELECT 1 FROM proactive_search_fts WHERE proactive_search_fts MATCH ${match} LIMIT ${rareBelow})`
        .execute(db)
        .then((r) => r.rows[0]!);
      termConditions.push(
        Number(n) < rareBelow
          ? sql<SqlBool>`s.item_id IN (SELECT item_id FROM proactive_search_fts WHERE proactive_search_fts MATCH ${match})`
          : sql<SqlBool>`s.content LIKE ${pattern} ESCAPE '!'`,
      );
    } else {
      termConditions.push(sql<SqlBool>`s.content ${like(term)} ${pattern} ESCAPE '!'`);
    }
  }
  /** `x` narrowed to the hits of every term (after its own conditions: SQLite tests them in order). */
  const withTerms = (x: typeof base) => termConditions.reduce((acc, c) => acc.where(c), x);
  const q = withTerms(base);
  const titleHit: Expression<SqlBool> | null = f.terms.length
    ? sql<SqlBool>`(${sql.join(
        f.terms.map(
          (t) =>
            sql`s.title ${like(t)} ${likeContains(t)} ESCAPE '!' OR s.document_number ${like(t)} ${likeContains(t)} ESCAPE '!'`,
        ),
        sql` OR `,
      )})`
    : null;
  const columns = [
    's.item_id',
    's.agency_id',
    's.title',
    's.document_number',
    's.published_on',
    's.validity',
    's.kind',
    's.content',
  ] as const;
  const newest = <T extends typeof q>(x: T) =>
    x.select(columns).orderBy('s.published_on', 'desc').orderBy('s.item_id', 'desc');
  /** How many rows `x` has, counted up to `cap` (the scan stops there). */
  const countUpTo = async (x: typeof q, cap: number) => {
    const inner = x.select(sql<number>`1`.as('one')).limit(cap);
    const row = await db
      .selectFrom(inner.as('c'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  let hits: (Omit<SearchHit, 'title_hit'> & { title_hit: number })[];
  if (!titleHit) {
    hits = (await newest(q).limit(f.limit).offset(f.offset).execute()).map((h) => ({
      ...h,
      title_hit: 0,
    }));
  } else {
    // The cheap title test first: a term seldom in titles then skips reading most bodies. The
    // content holds the title and the 文号, so a single term's title hit is a content hit. On
    // PostgreSQL its content test is left out: the planner took the two as independent,
    // estimated a few hundred rows and intersected the content's trigram index — hundreds of
    // milliseconds for a common phrase — instead of walking the date index through the titles.
    // SQLite keeps it: for a rare term its FTS lookup is what finds the few rows.
    const inTitle =
      !sqlite && f.terms.length === 1 ? base.where(titleHit) : withTerms(base.where(titleHit));
    const first = (await newest(inTitle).limit(f.limit).offset(f.offset).execute()).map((h) => ({
      ...h,
      title_hit: 1,
    }));
    hits = first;
    if (first.length < f.limit) {
      // The title hits end on this page: the body-only hits follow them.
      const titleCount =
        first.length > 0 ? f.offset + first.length : await countUpTo(inTitle, f.offset);
      const rest = await newest(q.where(sql<SqlBool>`NOT ${titleHit}`))
        .limit(f.limit - first.length)
        .offset(Math.max(0, f.offset - titleCount))
        .execute();
      hits = [...first, ...rest.map((h) => ({ ...h, title_hit: 0 }))];
    }
  }
  const cap = f.countCap ?? 1_000;
  const counted = await countUpTo(q, cap + 1);
  return { total: Math.min(counted, cap), capped: counted > cap, hits };
}
