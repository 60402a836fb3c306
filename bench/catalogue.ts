/**
 * `npm run bench -- catalogue [--only sqlite|postgres] [--sqlite-count N] [--pg-count N]
 *   [--count N] [--agencies 2000] [--seconds 10] [--runs 100] [--quick] [--keep] [--reuse DB] [--search-only]
 *   [--explain]`
 *
 * Seeds published proactive items (Chinese titles and bodies cut from the corpus reports' prose)
 * over the agencies of one region (bench/support/catalogue-seed.ts), then prints:
 *  - search latency p50/p99 for a fixed list of queries (one, two and four characters, a 文号,
 *    a phrase) through the service the portal uses, `--runs` times each; floor: the newest 20
 *    items of an agency; and the CPU time each search used (Node, and the PostgreSQL server
 *    processes of the database), which the machine's load does not inflate;
 *  - requests/s of the catalogue page and of an item page at 64 connections against the running
 *    server (as deployed, keeping rendered pages per portal generation; and rendering every
 *    request), and of a bare Node `http` server returning a fixed page of the same size (ceiling),
 *    each after a 2-second warm-up; the load average at each step (the machine may be shared);
 *  - memory (RSS).
 * Defaults: 100,000 items on SQLite, 1,000,000 on PostgreSQL (the issue's sizes). `--count` sets
 * both; `--quick` is 20,000 / 100,000 items, 5 seconds and 30 runs. `--keep` leaves the
 * PostgreSQL database in place (its name is printed); `--reuse DB` measures such a database
 * again without seeding (migrations still run, so a new index is measured on the same data).
 * `--search-only` stops after the search latencies (no page load); `--explain` prints, for each
 * query on PostgreSQL, the statements a search runs with their plans (EXPLAIN ANALYZE, BUFFERS).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import type { ServiceContext } from '../src/services/context.js';
import { buildApp } from '../src/server/app.js';
import { portalPageCache } from '../src/server/portal/page-cache.js';
import { searchCatalogue } from '../src/services/proactive/search.js';
import { migrateToLatest, openStore, type Store } from '../src/store/database.js';
import { benchTargets, seedCatalogue } from './support/catalogue-seed.js';

const QUERIES = ['科', '公开', '信息公开', '示规〔2025〕17号', '依申请公开政府信息'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const load1 = () => loadavg()[0]!.toFixed(1);

async function load(url: string, seconds: number) {
  await autocannon({ url, connections: 64, duration: 2 });
  const before = load1();
  const r = await autocannon({ url, connections: 64, duration: seconds });
  if (r.non2xx > 0) throw new Error(`${url}：${r.non2xx} 个非 2xx 响应`);
  // A request not answered within autocannon's 10 seconds counts as an error, not a page.
  const failed = r.errors > 0 ? `，${r.errors} 个请求出错（其中超时 ${r.timeouts} 个）` : '';
  return { rps: r.requests.average, load: `${before}→${load1()}${failed}` };
}

interface Options {
  count: number;
  agencies: number;
  seconds: number;
  runs: number;
  keep: boolean;
  reuse?: string;
  searchOnly: boolean;
  explain: boolean;
}

async function adminQuery(text: string) {
  const admin = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/**
 * Each query searched once more with its statements recorded, then each statement run again
 * under EXPLAIN (ANALYZE, BUFFERS) and its plan printed.
 */
async function explainSearches(store: Store, ctx: ServiceContext) {
  const executor = store.db.getExecutor();
  const recorded: CompiledQuery[] = [];
  const execute = executor.executeQuery.bind(executor);
  executor.executeQuery = <R>(compiled: CompiledQuery<R>) => {
    recorded.push(compiled);
    return execute(compiled);
  };
  try {
    for (const q of QUERIES) {
      recorded.length = 0;
      await searchCatalogue(ctx, { q });
      const statements = [...recorded];
      for (const c of statements) {
        const plan = await execute(
          CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${c.sql}`, [...c.parameters]),
        );
        console.log(`  —— 检索“${q}”：${c.sql}\n     参数 ${JSON.stringify(c.parameters)}`);
        for (const row of plan.rows as { 'QUERY PLAN': string }[])
          console.log(`     ${row['QUERY PLAN']}`);
      }
    }
  } finally {
    executor.executeQuery = execute;
  }
}

/**
 * CPU time used so far, in ms: this process's, and (PostgreSQL) that of the server processes
 * serving this database (read from /proc: the server runs on this machine). Unlike latency, it
 * does not grow with the machine's load.
 */
async function cpuMs(store: Store): Promise<{ node: number; backends: number }> {
  const { user, system } = process.cpuUsage();
  let backends = 0;
  if (store.dialect === 'postgres') {
    const { rows } = await sql<{
      pid: number;
    }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(store.db);
    for (const { pid } of rows) {
      try {
        // Fields 14 and 15 (after the parenthesised name): user and system time in ticks of 10 ms.
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        backends += (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        // A server process that ended in between used no more time.
      }
    }
  }
  return { node: (user + system) / 1000, backends };
}

async function measure(dialect: 'sqlite' | 'postgres', o: Options) {
  let url: string;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
    url = `sqlite:${join(dir, 'bench.db')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = o.reuse ?? `gongkai_bench_catalogue_${process.pid}`;
    if (!/^[a-z0-9_]+$/.test(name))
      throw new Error(`数据库名只能含小写字母、数字和下划线：${name}`);
    if (!o.reuse) await adminQuery(`CREATE DATABASE "${name}"`);
    url = `postgres://postgres@127.0.0.1:5432/${name}`;
    cleanup =
      o.keep || o.reuse
        ? async () => console.log(`  保留数据库 ${name}（--reuse ${name} 可再测）`)
        : () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  const store = await openStore(url, { poolSize: 8 });
  try {
    await migrateToLatest(store);
    const started = performance.now();
    const { agencyId, itemId } =
      dialect === 'postgres' && o.reuse
        ? await benchTargets(store)
        : await seedCatalogue(store, url, o.count, o.agencies);
    const { n } = await store.db
      .selectFrom('proactive_search')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    console.log(
      `${dialect}：${Number(n).toLocaleString()} 条信息、${o.agencies} 个机关，${o.reuse ? '沿用已有数据' : `写入 ${((performance.now() - started) / 1000).toFixed(0)} 秒`}（负载 ${load1()}）`,
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
      const before = load1();
      const cpu = await cpuMs(store);
      for (let i = 0; i < o.runs; i++) {
        const t0 = performance.now();
        total = (await searchCatalogue(ctx, { q })).total;
        times.push(performance.now() - t0);
      }
      const used = await cpuMs(store);
      const perRun = (x: number) => (x / o.runs).toFixed(1);
      console.log(
        `  检索“${q}”（${[...q].length} 字，${total} 条）：p50 ${median(times).toFixed(1)} ms，p99 ${pct(times, 0.99).toFixed(1)} ms（${o.runs} 次；目标 p99 ≤ 100 ms；为下限的 ${(median(times) / median(floor)).toFixed(1)} 倍；负载 ${before}→${load1()}）；每次 CPU：Node ${perRun(used.node - cpu.node)} ms${dialect === 'postgres' ? `，PostgreSQL 后端 ${perRun(used.backends - cpu.backends)} ms` : ''}`,
      );
    }
    if (o.explain && dialect === 'postgres') await explainSearches(store, ctx);
    if (o.searchOnly) return;
    const config = {
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      trustProxy: false,
      bodyLimitBytes: 1 << 20,
      uploadLimitBytes: 1 << 24,
    };
    // The server as deployed (rendered pages kept per portal generation), and the same server
    // rendering every request (`portalPageCache(store, 0)`): what a page costs when it changed.
    const app = await buildApp({ ctx, config });
    const uncached = await buildApp({ ctx, config, portalPageCache: portalPageCache(store, 0) });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const rendering = await uncached.listen({ port: 0, host: '127.0.0.1' });
    const catalogue = `/portal/agencies/${agencyId}/disclosure/statutory?category=a20_01`;
    const item = `/portal/agencies/${agencyId}/items/${itemId}`;
    const page = await (await fetch(address + catalogue)).text();
    if (page !== (await (await fetch(rendering + catalogue)).text()))
      throw new Error('两个服务给出的目录页不同');
    const fixed = 'x'.repeat(Buffer.byteLength(page));
    const bare = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(fixed);
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', () => resolve()));
    const port = (bare.address() as { port: number }).port;
    const ceiling = await load(`http://127.0.0.1:${port}/`, o.seconds);
    const share = (x: number) => `${((x / ceiling.rps) * 100).toFixed(0)}%`;
    console.log(
      `  页面（64 连接，${o.seconds} 秒；目录页约 ${page.length} 字符）：上限（裸 http 固定页面）${ceiling.rps.toFixed(0)} 请求/秒（负载 ${ceiling.load}）`,
    );
    for (const [label, base] of [
      ['按发布代次保留已渲染页面（部署时的服务）', address],
      ['每次请求都渲染', rendering],
    ] as const) {
      const cat = await load(base + catalogue, o.seconds);
      const one = await load(base + item, o.seconds);
      console.log(
        `  ${label}：目录页 ${cat.rps.toFixed(0)} 请求/秒（上限的 ${share(cat.rps)}，负载 ${cat.load}），信息页 ${one.rps.toFixed(0)} 请求/秒（${share(one.rps)}，负载 ${one.load}）；目标 ≥ 30%`,
      );
    }
    console.log(`  内存 RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
    await app.close();
    await uncached.close();
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
  const flag = (name: string) => args.includes(`--${name}`);
  const quick = flag('quick');
  const number = (name: string, fallback: number) => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} 须为正整数，收到：${v}`);
    return n;
  };
  const only = value('only');
  if (only && only !== 'sqlite' && only !== 'postgres')
    throw new Error(`--only 只能是 sqlite 或 postgres，收到：${only}`);
  const count = value('count');
  const common = {
    agencies: number('agencies', 2000),
    seconds: number('seconds', quick ? 5 : 10),
    runs: number('runs', quick ? 30 : 100),
    keep: flag('keep'),
    searchOnly: flag('search-only'),
    explain: flag('explain'),
    ...(value('reuse') ? { reuse: value('reuse')! } : {}),
  };
  console.log(
    `catalogue 基准测试 ${new Date().toISOString()}，Node ${process.version}，负载 ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  if (!only || only === 'sqlite')
    await measure('sqlite', {
      ...common,
      count: number('sqlite-count', count ? number('count', 0) : quick ? 20_000 : 100_000),
    });
  if (!only || only === 'postgres')
    await measure('postgres', {
      ...common,
      count: number('pg-count', count ? number('count', 0) : quick ? 100_000 : 1_000_000),
    });
}
