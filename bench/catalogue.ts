/**
 * `npm run bench -- catalogue [--count N] [--agencies 2000] [--only sqlite|postgres] [--seconds 10]`
 *
 * Seeds published proactive items (Chinese titles and bodies cut from the corpus reports' prose)
 * over the agencies of one region, then prints:
 *  - search latency p50/p99 for a fixed list of queries (one, two and four characters, a 文号,
 *    a phrase) through the service the portal uses; floor: the newest 20 items of an agency;
 *  - requests/s of the catalogue page and of an item page at 64 connections against the running
 *    server, and of a bare Node `http` server returning a fixed page of the same size (ceiling);
 *  - memory (RSS).
 * Defaults: 100,000 items on SQLite, 1,000,000 on PostgreSQL (the issue's sizes).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql, type Insertable } from 'kysely';
import type { ProactiveItemTable, ProactiveSearchTable } from '../src/store/schema-proactive.js';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { searchCatalogue } from '../src/services/proactive/search.js';
import { migrateToLatest, openStore, type Store } from '../src/store/database.js';

const QUERIES = ['科', '公开', '信息公开', '示规〔2025〕17号', '依申请公开政府信息'];

function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Sentences of the corpus reports' prose: realistic Chinese government text. */
function corpusSentences(): string[] {
  const dir = new URL('../test/fixtures/corpus/', import.meta.url);
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function seed(store: Store, count: number, agencies: number) {
  const at = new Date().toISOString();
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
  const sentences = corpusSentences();
  const next = random(20261206);
  const pick = () => sentences[Math.floor(next() * sentences.length)]!;
  const batch = store.dialect === 'sqlite' ? 500 : 1000;
  for (let i = 0; i < count; i += batch) {
    const items: Insertable<ProactiveItemTable>[] = [];
    const search: ProactiveSearchTable[] = [];
    for (let k = 0; k < Math.min(batch, count - i); k++) {
      const n = i + k;
      const agency = ids[n % ids.length]!;
      const year = 2019 + (n % 7);
      const published = `${year}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
      const title = pick().slice(0, 40);
      const body = Array.from({ length: 6 }, pick).join('。');
      const number = `示规〔${year}〕${n % 500}号`;
      const id = randomUUID();
      items.push({
        id,
        agency_id: agency,
        index_number: `BENCH-${n}`,
        kind: n % 10 === 0 ? 'normative' : 'general',
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
        article20_category: `a20_${String(1 + (n % 15)).padStart(2, '0')}`,
        channels: '["website"]',
        validity: n % 10 === 0 ? 'in_force' : null,
        validity_changed_on: null,
        successor_id: null,
        policy_id: null,
        interpretation_form: null,
        catalogue_entry_id: null,
        status: 'published',
        version: 1,
        withdrawn_reason: null,
        withdrawn_at: null,
        author_user_id: null,
        created_by: 'bench',
        created_at: at,
        updated_at: at,
      });
      search.push({
        item_id: id,
        agency_id: agency,
        region_code: '960000',
        kind: 'general',
        article20_category: 'a20_01',
        validity: null,
        year,
        published_on: published,
        title,
        document_number: number,
        content: `${title}\n${number}\nBENCH-${n}\n${body}`,
      });
    }
    await store.transaction(async (t) => {
      await t.insertInto('proactive_item').values(items).execute();
      await t.insertInto('proactive_search').values(search).execute();
      if (store.dialect === 'sqlite') {
        for (const s of search)
          await sql`INSERT INTO proactive_search_fts (item_id, content) VALUES (${s.item_id}, ${s.content})`.execute(
            t,
          );
      }
    });
    if ((i / batch) % 50 === 0) process.stdout.write(`  已写入 ${i + batch} 条\n`);
  }
  if (store.dialect === 'postgres') await sql`ANALYZE`.execute(db);
  return {
    agencyId: ids[0]!,
    itemId: (
      await db
        .selectFrom('proactive_item')
        .select('id')
        .where('agency_id', '=', ids[0]!)
        .executeTakeFirstOrThrow()
    ).id,
  };
}

async function load(url: string, seconds: number) {
  const r = await autocannon({ url, connections: 64, duration: seconds });
  return r.requests.average;
}

async function measure(
  dialect: 'sqlite' | 'postgres',
  count: number,
  agencies: number,
  seconds: number,
) {
  let url: string;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
    url = `sqlite:${join(dir, 'bench.db')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `gongkai_bench_catalogue_${process.pid}`;
    const admin = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    url = `postgres://postgres@127.0.0.1:5432/${name}`;
    cleanup = async () => {
      const c = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  }
  const store = await openStore(url, { poolSize: 8 });
  try {
    await migrateToLatest(store);
    const started = performance.now();
    const { agencyId, itemId } = await seed(store, count, agencies);
    console.log(
      `${dialect}：${count.toLocaleString()} 条信息、${agencies} 个机关，写入 ${((performance.now() - started) / 1000).toFixed(0)} 秒`,
    );
    const ctx = { store, clock: { now: () => new Date() }, secretKey: new Uint8Array(32) };
    const floor: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await store.db
        .selectFrom('proactive_search')
        .select('item_id')
        .where('agency_id', '=', agencyId)
        .orderBy('published_on', 'desc')
        .limit(20)
        .execute();
      floor.push(performance.now() - t0);
    }
    console.log(`  下限（某机关最新 20 条）：中位数 ${median(floor).toFixed(2)} ms`);
    for (const q of QUERIES) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        total = (await searchCatalogue(ctx, { q })).total;
        times.push(performance.now() - t0);
      }
      console.log(
        `  检索“${q}”（${[...q].length} 字，${total} 条）：p50 ${median(times).toFixed(1)} ms，p99 ${pct(times, 0.99).toFixed(1)} ms（目标 p99 ≤ 100 ms；为下限的 ${(median(times) / median(floor)).toFixed(1)} 倍）`,
      );
    }
    const app = await buildApp({
      ctx,
      config: {
        sessionIdleMinutes: 30,
        sessionMaxHours: 12,
        trustProxy: false,
        bodyLimitBytes: 1 << 20,
        uploadLimitBytes: 1 << 24,
      },
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const catalogue = `${address}/portal/agencies/${agencyId}/disclosure/statutory?category=a20_01`;
    const item = `${address}/portal/agencies/${agencyId}/items/${itemId}`;
    const size = (await (await fetch(catalogue)).text()).length;
    const fixed = 'x'.repeat(Buffer.byteLength(await (await fetch(catalogue)).text()));
    const bare = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(fixed);
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', () => resolve()));
    const port = (bare.address() as { port: number }).port;
    const ceiling = await load(`http://127.0.0.1:${port}/`, seconds);
    const cat = await load(catalogue, seconds);
    const page = await load(item, seconds);
    console.log(
      `  页面（64 连接，${seconds} 秒；页面约 ${size} 字符）：上限（裸 http 固定页面）${ceiling.toFixed(0)} 请求/秒`,
    );
    console.log(
      `  目录页 ${cat.toFixed(0)} 请求/秒（上限的 ${((cat / ceiling) * 100).toFixed(0)}%），信息页 ${page.toFixed(0)} 请求/秒（${((page / ceiling) * 100).toFixed(0)}%）；目标 ≥ 30%`,
    );
    console.log(`  内存 RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
    await app.close();
    bare.close();
  } finally {
    await store.close();
    await cleanup();
  }
}

export async function main(args: string[]): Promise<void> {
  const value = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const only = value('only');
  const agencies = Number(value('agencies') ?? 2000);
  const seconds = Number(value('seconds') ?? 10);
  console.log(`catalogue 基准测试 ${new Date().toISOString()}，Node ${process.version}`);
  if (!only || only === 'sqlite')
    await measure('sqlite', Number(value('count') ?? 100_000), agencies, seconds);
  if (!only || only === 'postgres')
    await measure('postgres', Number(value('count') ?? 1_000_000), agencies, seconds);
}
