/**
 * Seeding for `npm run bench -- catalogue`: one region, its government, `agencies` agencies and
 * `count` published items whose titles and bodies are sentences of the corpus reports' prose
 * (realistic Chinese government text), with their search rows.
 *
 * SQLite: prepared statements in transactions of 10,000 items (FTS5 rows alongside).
 * PostgreSQL: the secondary indexes of the two tables are dropped, the rows go in as multi-row
 * `INSERT … SELECT FROM unnest(…)` of 5,000 rows in transactions of 100,000 (foreign-key triggers
 * off for the load: the rows are generated valid), then the indexes are built again from their
 * own definitions and the tables analysed — how a bulk load is done, and 1,000,000 items take
 * minutes instead of hours.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import type { Store } from '../../src/store/database.js';
import { titleText } from '../../src/store/repositories/proactive-search.js';

function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Sentences of the corpus reports' prose: realistic Chinese government text. */
export function corpusSentences(): string[] {
  const dir = new URL('../../test/fixtures/corpus/', import.meta.url);
  const out: string[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    for (const s of text.split(/[。！？\n]/)) {
      const t = s.replace(/\s+/g, '').trim();
      if (t.length >= 12 && t.length <= 120 && /[\u4e00-\u9fff]{8}/.test(t)) out.push(t);
    }
  }
  return out;
}

const ITEM_COLUMNS = [
  'id',
  'agency_id',
  'index_number',
  'kind',
  'title',
  'body_html',
  'body_text',
  'summary',
  'document_number',
  'issuing_body',
  'written_on',
  'published_on',
  'topic',
  'genre',
  'article20_category',
  'channels',
  'validity',
  'status',
  'version',
  'created_by',
  'created_at',
  'updated_at',
] as const;
const SEARCH_COLUMNS = [
  'item_id',
  'agency_id',
  'region_code',
  'kind',
  'article20_category',
  'validity',
  'year',
  'published_on',
  'title',
  'document_number',
  'content',
] as const;
const INTEGER_COLUMNS = new Set(['version', 'year']);

type Row = Record<string, string | number | null>;

/** Item `n` of the generated catalogue and its search row. */
function generator(agencyIds: readonly string[], regionCode: string, at: string) {
  const sentences = corpusSentences();
  const next = random(20261206);
  const pick = () => sentences[Math.floor(next() * sentences.length)]!;
  return (n: number): { item: Row; search: Row } => {
    const agency = agencyIds[n % agencyIds.length]!;
    const year = 2019 + (n % 7);
    const published = `${year}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
    const title = pick().slice(0, 40);
    const body = Array.from({ length: 6 }, pick).join('。');
    const number = `示规〔${year}〕${n % 500}号`;
    const kind = n % 10 === 0 ? 'normative' : 'general';
    const category = `a20_${String(1 + (n % 15)).padStart(2, '0')}`;
    const validity = kind === 'normative' ? 'in_force' : null;
    const id = randomUUID();
    return {
      item: {
        id,
        agency_id: agency,
        index_number: `BENCH-${n}`,
        kind,
        title,
        body_html: `<p>${body}</p>`,
        body_text: body,
        summary: '',
        document_number: number,
        issuing_body: '基准市',
        written_on: published,
        published_on: published,
        topic: '综合政务',
        genre: '通知',
        article20_category: category,
        channels: '["website"]',
        validity,
        status: 'published',
        version: 1,
        created_by: 'bench',
        created_at: at,
        updated_at: at,
      },
      search: {
        item_id: id,
        agency_id: agency,
        region_code: regionCode,
        kind,
        article20_category: category,
        validity,
        year,
        published_on: published,
        title,
        document_number: number,
        content: `${title}\n${number}\nBENCH-${n}\n${body}`,
      },
    };
  };
}

async function seedOrganisations(store: Store, agencies: number, at: string): Promise<string[]> {
  const db = store.db;
  await db
    .insertInto('region')
    .values({ code: '960000', name: '基准市', parent_code: null, created_at: at })
    .execute();
  const gov = randomUUID();
  await db
    .insertInto('government')
    .values({ id: gov, region_code: '960000', name: '基准市人民政府', created_at: at })
    .execute();
  const ids: string[] = [];
  for (let i = 0; i < agencies; i += 500) {
    const rows = Array.from({ length: Math.min(500, agencies - i) }, (_, k) => {
      const id = randomUUID();
      ids.push(id);
      return {
        id,
        government_id: gov,
        name: `基准市第${i + k + 1}局`,
        is_government: 0,
        credit_code: null,
        address: '',
        postcode: '',
        phone: '',
        email: '',
        office_hours: '',
        created_at: at,
        updated_at: at,
      };
    });
    await db.insertInto('agency').values(rows).execute();
  }
  return ids;
}

const progress = (done: number, count: number, started: number) =>
  process.stdout.write(
    `  已写入 ${done.toLocaleString()} / ${count.toLocaleString()} 条（${((performance.now() - started) / 1000).toFixed(0)} 秒）\n`,
  );

async function seedSqlite(store: Store, make: ReturnType<typeof generator>, count: number) {
  const started = performance.now();
  const batch = 10_000;
  for (let i = 0; i < count; i += batch) {
    const rows = Array.from({ length: Math.min(batch, count - i) }, (_, k) => make(i + k));
    await store.transaction(async (t) => {
      for (let k = 0; k < rows.length; k += 500) {
        const part = rows.slice(k, k + 500);
        await t
          .insertInto('proactive_item')
          .values(part.map((r) => r.item) as never)
          .execute();
        await t
          .insertInto('proactive_search')
          .values(part.map((r) => r.search) as never)
          .execute();
        await sql`INSERT INTO proactive_search_fts (item_id, content) VALUES ${sql.join(
          part.map((r) => sql`(${r.search.item_id}, ${r.search.content})`),
        )}`.execute(t);
        await sql`INSERT INTO proactive_search_title_fts (item_id, title) VALUES ${sql.join(
          part.map(
            (r) =>
              sql`(${r.search.item_id}, ${titleText(r.search as { title: string; document_number: string })})`,
          ),
        )}`.execute(t);
      }
    });
    if ((i / batch) % 5 === 0) progress(i + rows.length, count, started);
  }
}

/** `INSERT INTO table (columns) SELECT * FROM unnest($1::text[], …)`: one parameter per column. */
async function insertUnnest(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  rows: Row[],
) {
  const casts = columns.map(
    (c, i) => `$${i + 1}::${INTEGER_COLUMNS.has(c) ? 'integer' : 'text'}[]`,
  );
  await client.query(
    `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${casts.join(', ')})`,
    columns.map((c) => rows.map((r) => r[c] ?? null)),
  );
}

async function seedPostgres(url: string, make: ReturnType<typeof generator>, count: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = ['proactive_item', 'proactive_search'];
    // Secondary indexes (not those behind a primary key or unique constraint) go before the load.
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [tables],
    );
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
    const started = performance.now();
    const statement = 5_000;
    const transaction = 100_000;
    for (let i = 0; i < count; i += transaction) {
      await client.query('BEGIN');
      // The rows are generated valid: no foreign-key trigger per row during the load.
      await client.query("SET LOCAL session_replication_role = 'replica'");
      for (let k = i; k < Math.min(count, i + transaction); k += statement) {
        const rows = Array.from({ length: Math.min(statement, count - k) }, (_, j) => make(k + j));
        await insertUnnest(
          client,
          'proactive_item',
          ITEM_COLUMNS,
          rows.map((r) => r.item),
        );
        await insertUnnest(
          client,
          'proactive_search',
          SEARCH_COLUMNS,
          rows.map((r) => r.search),
        );
      }
      await client.query('COMMIT');
      progress(Math.min(count, i + transaction), count, started);
    }
    const built = performance.now();
    await client.query("SET maintenance_work_mem = '1GB'");
    for (const index of indexes) await client.query(index.definition);
    for (const table of tables) await client.query(`VACUUM ANALYZE ${table}`);
    process.stdout.write(
      `  重建 ${indexes.length} 个索引并分析：${((performance.now() - built) / 1000).toFixed(0)} 秒\n`,
    );
  } finally {
    await client.end();
  }
}

/**
 * Seeds the catalogue; returns the first agency and one of its items (the pages the bench
 * loads). `url` is the store's address (PostgreSQL loads over its own connection).
 */
export async function seedCatalogue(
  store: Store,
  url: string,
  count: number,
  agencies: number,
): Promise<{ agencyId: string; itemId: string }> {
  const at = new Date().toISOString();
  const ids = await seedOrganisations(store, agencies, at);
  const make = generator(ids, '960000', at);
  if (store.dialect === 'sqlite') await seedSqlite(store, make, count);
  else await seedPostgres(url, make, count);
  return benchTargets(store);
}

/** The first agency (by name) and its newest item. */
export async function benchTargets(store: Store): Promise<{ agencyId: string; itemId: string }> {
  const agency = await store.db
    .selectFrom('agency')
    .select('id')
    .where('name', '=', '基准市第1局')
    .executeTakeFirstOrThrow();
  const item = await store.db
    .selectFrom('proactive_item')
    .select('id')
    .where('agency_id', '=', agency.id)
    .orderBy('published_on', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return { agencyId: agency.id, itemId: item.id };
}
