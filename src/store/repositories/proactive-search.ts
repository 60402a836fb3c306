/**
 * The portal's search over published items, without word segmentation: substring matches on
 * trigram indexes. SQLite: an FTS5 `trigram` table (terms of three characters or more go
 * through MATCH; shorter ones scan with LIKE). PostgreSQL: ILIKE on `pg_trgm` GIN indexes.
 * Ranked: title and 文号 hits first, then the newest.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import {
  caseless,
  ftsPhrase,
  indexedPart,
  likeContains,
  trigramWindows,
} from '../../core/proactive/search-query.js';
import type { Store } from '../database.js';

export { putSearchRow, removeSearchRow, titleText } from './proactive-search-rows.js';

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
  /** PostgreSQL: the rows a count probes and at most scans without an index (PROBE_ROWS, SCAN_ROWS). */
  countScan?: { probe: number; scan: number };
  /** PostgreSQL: take the terms as common (true) or rare (false) without probing (tests). */
  termsCommon?: boolean;
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

/** PostgreSQL: rows a count tests first, without an index, to see how common its terms are. */
const PROBE_ROWS = 1_000;

/** PostgreSQL: the most rows a count of a common term reads without an index. */
const SCAN_ROWS = 80_000;

/** A term in fewer titles than this is looked up in the title index (SQLite, 0077). */
const TITLE_RARE_BELOW = 1_000;

/** Whether FTS5's case folding (Unicode) and SQLite LIKE's (ASCII) agree on `term`. */
const asciiCaseOnly = (term: string) => [...term].every((c) => c < '\x80' || caseless(c));

/**
 * One page of hits, title and 文号 hits first, each part newest first. Neither part is
 * materialised and sorted: each walks the `(published_on, item_id)` index newest first and stops
 * once the page is full, and the total is counted only up to `countCap`. A term of three
 * characters or more that the SQLite FTS index finds rarely is matched through FTS instead (few
 * rows to sort, its rows read once and listed); a common one by LIKE on the walk, which soon
 * fills a page, with its title hits looked up in the title index (0077) when they are few. Without
 * filters, SQLite counts those terms in the FTS index (no body is read). PostgreSQL first tests
 * the terms on a thousand rows: a rare term's hits are all found once through its trigram index
 * (by the part of it without trigrams in nearly every row) and ranked, giving the page and the
 * total; a common one's are counted by a bounded scan without the index while the page is read.
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
  const rareBelow = f.ftsRareBelow ?? FTS_RARE_BELOW;
  /** How many rows an FTS5 table finds for `term`, counted up to `cap`. */
  const ftsCount = async (table: 'proactive_search_fts', match: string, cap: number) =>
    Number(
      (
        await sql<{
          n: number;
        }>`SELECT count(*) AS n FROM (SELECT 1 FROM ${sql.table(table)} WHERE ${sql.table(table)} MATCH ${match} LIMIT ${cap})`.execute(
          db,
        )
      ).rows[0]!.n,
    );
  const termConditions: Expression<SqlBool>[] = [];
  /**
   * PostgreSQL: the same conditions for a scan without an index: `strpos` finds a term without
   * cased letters twice as fast as LIKE.
   */
  const scanConditions: Expression<SqlBool>[] = f.terms.map((term) =>
    caseless(term)
      ? sql<SqlBool>`strpos(s.content, ${term}) > 0`
      : sql<SqlBool>`s.content ILIKE ${likeContains(term)} ESCAPE '!'`,
  );
  const titleConditions: Expression<SqlBool>[] = [];
  /** The FTS count of each term (up to rareBelow), when every term has one (SQLite, ≥ 3 characters). */
  const ftsCounts: number[] = [];
  type FtsTable = 'proactive_search_fts' | 'proactive_search_title_fts';
  /** The FTS rows (rowids: no stored column read) `match` finds, up to `cap`. */
  const ftsRowids = async (table: FtsTable, match: string, cap: number) =>
    (
      await sql<{
        rowid: number;
      }>`SELECT rowid FROM ${sql.table(table)} WHERE ${sql.table(table)} MATCH ${match} LIMIT ${cap}`.execute(
        db,
      )
    ).rows.map((r) => r.rowid);
  /**
   * The items of FTS rows found once, given to the queries that follow as a list (an
   * `IN (SELECT … MATCH …)` is evaluated again by each query, and a phrase of common trigrams
   * costs milliseconds each time).
   */
  const ftsItems = async (table: FtsTable, rowids: number[]): Promise<Expression<SqlBool>> => {
    if (rowids.length === 0) return sql<SqlBool>`0 = 1`;
    const { rows } = await sql<{
      item_id: string;
    }>`SELECT item_id FROM ${sql.table(table)} WHERE rowid IN (${sql.join(rowids)})`.execute(db);
    return sql<SqlBool>`s.item_id IN (${sql.join(rows.map((r) => r.item_id))})`;
  };
  for (const term of f.terms) {
    const pattern = likeContains(term);
    const titleLike = sql<SqlBool>`s.title ${like(term)} ${pattern} ESCAPE '!' OR s.document_number ${like(term)} ${pattern} ESCAPE '!'`;
    if (sqlite && [...term].length >= 3) {
      const match = `content : ${ftsPhrase(term)}`;
      const found = await ftsRowids('proactive_search_fts', match, rareBelow);
      ftsCounts.push(found.length);
      if (found.length < rareBelow) {
        // Few rows: their titles are tested as they are read.
        termConditions.push(await ftsItems('proactive_search_fts', found));
        // FTS folds the case of every letter, LIKE only ASCII's: the rows are narrowed to what
        // LIKE finds, as the walk of a common term does, so the hits do not depend on the path.
        if (!asciiCaseOnly(term))
          termConditions.push(sql<SqlBool>`s.content LIKE ${pattern} ESCAPE '!'`);
        titleConditions.push(titleLike);
        continue;
      }
      termConditions.push(sql<SqlBool>`s.content LIKE ${pattern} ESCAPE '!'`);
      // A common term found in few titles (0077): those are looked up, not searched for by
      // testing every title of the walk — when the index folds its case as LIKE does.
      const inTitles = asciiCaseOnly(term)
        ? await ftsRowids(
            'proactive_search_title_fts',
            `title : ${ftsPhrase(term)}`,
            TITLE_RARE_BELOW,
          )
        : null;
      titleConditions.push(
        inTitles && inTitles.length < TITLE_RARE_BELOW
          ? await ftsItems('proactive_search_title_fts', inTitles)
          : titleLike,
      );
    } else {
      termConditions.push(sql<SqlBool>`s.content ${like(term)} ${pattern} ESCAPE '!'`);
      titleConditions.push(titleLike);
    }
  }
  /** `x` narrowed to the hits of every term (after its own conditions: SQLite tests them in order). */
  const withTerms = (x: typeof base) => termConditions.reduce((acc, c) => acc.where(c), x);
  const q = withTerms(base);
  const titleHit: Expression<SqlBool> | null = titleConditions.length
    ? sql<SqlBool>`(${sql.join(titleConditions, sql` OR `)})`
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
  const cap = f.countCap ?? 1_000;
  /** Every term's condition, for a query over rows `s` read first (TRUE without terms). */
  const allTerms = scanConditions.length
    ? sql<SqlBool>`(${sql.join(scanConditions, sql` AND `)})`
    : sql<SqlBool>`TRUE`;
  const { probe: probeRows, scan: scanRows } = f.countScan ?? {
    probe: PROBE_ROWS,
    scan: SCAN_ROWS,
  };
  /** The first `rows` rows within the filters, in no order, as `s` (no index on the terms). */
  const first = (rows: number) => base.select('s.content').limit(rows).as('s');
  /**
   * PostgreSQL: a term whose trigrams are in most rows (a phrase of common words,
   * 依申请公开政府信息) costs its trigram index a walk of posting lists as long as the table,
   * while a plain scan meets the cap within a few thousand rows; a rare one (a 文号) needs the
   * index. Which it is is read, not guessed from statistics (a body wider than 1 kB is left out of
   * them): the first `probeRows` rows within the filters are tested. Common: `upTo` hits are
   * predicted within half of `scanRows` rows.
   */
  const probeTerms = async (upTo: number) => {
    // The windows of each term without cased letters, up to 30 characters (indexedPart).
    const windows = f.terms.map((t) =>
      caseless(t) && [...t].length <= 30 ? trigramWindows(t) : [],
    );
    const probe = await db
      .selectFrom(first(probeRows))
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        sql<number>`count(*) FILTER (WHERE ${allTerms})`.as('hits'),
        ...windows.flatMap((ws, t) =>
          ws.map((w, i) =>
            sql<number>`count(*) FILTER (WHERE strpos(s.content, ${w}) > 0)`.as(`w${t}_${i}`),
          ),
        ),
      ])
      .executeTakeFirstOrThrow();
    const row = probe as Record<string, unknown>;
    const [read, hits] = [Number(probe.n), Number(probe.hits)];
    return {
      all: read < probeRows,
      common: hits * scanRows >= 2 * upTo * probeRows,
      parts: f.terms.map((term, t) =>
        indexedPart(
          term,
          windows[t]!.map((_, i) => Number(row[`w${t}_${i}`])),
          read,
        ),
      ),
    };
  };
  /**
   * PostgreSQL, a common term: its hits counted up to `upTo` by scanning at most `scanRows` rows
   * without an index; if they hold fewer, by the planner's count (trigram index).
   */
  const countCommon = async (upTo: number) => {
    const scanned = await countUpTo(
      db.selectFrom(first(scanRows)).where(allTerms) as typeof q,
      upTo,
    );
    return scanned >= upTo ? scanned : countUpTo(q, upTo);
  };
  /**
   * PostgreSQL, a rare term: every hit (up to `upTo`) found once through the trigram index,
   * ranked; null when there are `upTo` or more. One index scan gives the total and the page: the
   * title-and-文号 part needs no scan of its own (the content holds the title and the 文号).
   */
  const rankedHits = async (upTo: number, parts: readonly string[]) => {
    if (!titleHit) return null;
    // A term cut to its indexed part: that part is looked up, the whole term tested on each row.
    const narrowed = f.terms.map((term, t) =>
      parts[t] === term
        ? termConditions[t]!
        : sql<SqlBool>`(s.content LIKE ${likeContains(parts[t]!)} ESCAPE '!' AND ${scanConditions[t]!})`,
    );
    const found = narrowed
      .reduce((acc, c) => acc.where(c), base)
      .select(['s.item_id', 's.published_on', sql<boolean>`${titleHit}`.as('title_hit')])
      .limit(upTo)
      .as('h');
    const ranked = await db
      .selectFrom(found)
      .select(['h.item_id', 'h.title_hit'])
      .orderBy('h.title_hit', 'desc')
      .orderBy('h.published_on', 'desc')
      .orderBy('h.item_id', 'desc')
      .execute();
    return ranked.length < upTo ? ranked : null;
  };
  /** PostgreSQL: the count when it is known before the page is read (at least cap + 1). */
  let known: number | undefined;
  if (!sqlite && titleHit) {
    const probe =
      f.termsCommon === undefined
        ? await probeTerms(cap + 1)
        : { all: false, common: f.termsCommon, parts: f.terms };
    if (probe.all || !probe.common) {
      const ranked = await rankedHits(cap + 1, probe.parts);
      if (ranked) {
        const page = ranked.slice(f.offset, f.offset + f.limit);
        const rows = page.length
          ? await db
              .selectFrom('proactive_search as s')
              .select(columns)
              .where(
                's.item_id',
                'in',
                page.map((h) => h.item_id),
              )
              .execute()
          : [];
        const byId = new Map(rows.map((r) => [r.item_id, r]));
        return {
          total: ranked.length,
          capped: false,
          hits: page.map((h) => ({ ...byId.get(h.item_id)!, title_hit: h.title_hit ? 1 : 0 })),
        };
      }
      known = cap + 1;
    }
  }
  // Started before the page is read: on PostgreSQL the two run at once on separate connections.
  const counting = (async () => {
    // Without filters, every term in the FTS index and folded there as by LIKE (ASCII case only):
    // the FTS index counts the same rows without reading any body.
    const unfiltered =
      !f.agencyId &&
      !f.agencyIds &&
      !f.regionCodes &&
      !f.article20Category &&
      !f.year &&
      !f.validity &&
      !f.kind?.length;
    if (!sqlite) return known ?? countCommon(cap + 1);
    if (!unfiltered || ftsCounts.length === 0 || ftsCounts.length < f.terms.length)
      return countUpTo(q, cap + 1);
    if (!f.terms.every(asciiCaseOnly)) return countUpTo(q, cap + 1);
    const n = ftsCounts[0]!;
    if (f.terms.length === 1 && (n < rareBelow || n > cap)) return Math.min(n, cap + 1);
    return ftsCount(
      'proactive_search_fts',
      f.terms.map((t) => `content : ${ftsPhrase(t)}`).join(' AND '),
      cap + 1,
    );
  })();
  // Awaited below; a failure of the page's queries first must not leave it unhandled.
  counting.catch(() => undefined);
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
  const counted = await counting;
  return { total: Math.min(counted, cap), capped: counted > cap, hits };
}
