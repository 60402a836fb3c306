/**
 * `npm run bench -- applications [--count 100000] [--agencies 200] [--only sqlite|postgres]
 *  [--duration 15] [--connections 32] [--uploads 8] [--upload-mb 11] [--workers 2]
 *  [--worker-memory 512] [--portal-connections 8]`
 *
 * On SQLite and on PostgreSQL (a throwaway database, dropped afterwards):
 * 1. 100,000 applications over 200 agencies (three years, with outcomes, carry-over and appeals),
 *    written straight through the repository;
 * 2. table 三 of one agency-year and of every agency of a year, computed as the report computes
 *    it (the core's statistics over the repository's rows), median of several runs, beside a
 *    floor measured in the same run: a plain count(*) over the same rows;
 * 3. portal submissions per second: the real server (`gongkai serve`) in a child process under
 *    autocannon — real HTTP, the form's CSRF cookie and field, a fresh idempotency key per
 *    request — then every acknowledged application is looked up in the database;
 * 4. hostile uploads while the portal is under load (issue 12; `--uploads 0` leaves it out):
 *    clerks signed in with a TOTP code upload `uploads` pathological `upload-mb` MB nested pages
 *    at once to the server's bounded reading pool, while visitors read portal pages — the
 *    server's RSS against a stated bound and the portal's p99 beside its p99 without the uploads
 *    (bench/support/uploads-under-load.ts).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { addDays } from '../src/core/calendar/date.js';
import { citizenIdCheckChar } from '../src/core/identity/identity-numbers.js';
import {
  APPLICANT_COLUMN_KEYS,
  OUTCOME_ROW_KEYS,
  type ApplicantColumnKey,
} from '../src/core/report/format.js';
import {
  appealsTableOf,
  applicationTableOf,
  applicationTablesOfYear,
} from '../src/services/applications/statistics.js';
import type { ServiceContext } from '../src/services/context.js';
import { systemClock } from '../src/services/context.js';
import { createRegionWithAgencies } from '../src/services/organisations.js';
import { createSecretBox } from '../src/services/secrets.js';
import {
  migrateToLatest,
  openStore,
  type Store,
  type StoreDialect,
} from '../src/store/database.js';
import type { ApplicationRow } from '../src/store/repositories/applications.js';
import { startServer } from './support/server.js';
import {
  describeUploadsUnderLoad,
  uploadsUnderLoad,
  type UploadOptions,
} from './support/uploads-under-load.js';

const YEAR = 2025;
const ADMIN_URL =
  process.env.GONGKAI_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Options {
  count: number;
  agencies: number;
  only: StoreDialect | null;
  duration: number;
  connections: number;
  uploads: UploadOptions;
}

function options(args: string[]): Options {
  const value = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const only = value('only');
  return {
    count: Number(value('count') ?? 100_000),
    agencies: Number(value('agencies') ?? 200),
    only: only === 'sqlite' || only === 'postgres' ? only : null,
    duration: Number(value('duration') ?? 15),
    connections: Number(value('connections') ?? 32),
    uploads: {
      files: Number(value('uploads') ?? 8),
      mb: Number(value('upload-mb') ?? 11),
      workers: Number(value('workers') ?? 2),
      workerMemoryMb: Number(value('worker-memory') ?? 512),
      connections: Number(value('portal-connections') ?? 8),
      duration: Number(value('duration') ?? 15),
    },
  };
}

/** mulberry32: the same data on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;

// --- the data ----------------------------------------------------------------------------------

async function seed(store: Store, opts: Options): Promise<string[]> {
  const ctx: ServiceContext = { store, clock: systemClock, secretKey: randomBytes(32) };
  const system = { kind: 'system', label: '基准测试' } as const;
  const agencies = await store.transaction((t) =>
    createRegionWithAgencies(ctx, t, system, {
      region: { code: '980100', name: '基准市', parentCode: null },
      governmentName: '基准市人民政府',
      agencies: Array.from({ length: opts.agencies }, (_, i) => ({ name: `基准市第${i + 1}局` })),
    }),
  );
  const ids = agencies.map((a) => a.id);
  const next = random(42);
  const box = createSecretBox(ctx.secretKey);
  const sealedId = box.encrypt('110105198001011234');
  const sealedPhone = box.encrypt('13812345678');
  const sealedAddress = box.encrypt('基准市幸福路 8 号');
  const seq = new Map<string, number>();
  const outcomes = OUTCOME_ROW_KEYS;
  const kinds = APPLICANT_COLUMN_KEYS;
  const start = '2024-01-01';
  const lastDay = '2026-11-20';
  const span = 1055; // days from 2024-01-01 to 2026-11-20
  const at = new Date().toISOString();
  const batch = store.dialect === 'sqlite' ? 400 : 1000;
  let rows: ApplicationRow[] = [];
  let events: {
    application_id: string;
    seq: number;
    type: string;
    date: string;
    payload_json: string;
    note: null;
    actor_user_id: null;
    actor: string;
    at: string;
  }[] = [];
  const appeals: Record<string, unknown>[] = [];
  const flush = async () => {
    if (rows.length === 0) return;
    const r = rows;
    const e = events;
    rows = [];
    events = [];
    await store.transaction(async (t) => {
      await t.insertInto('application').values(r).execute();
      for (let i = 0; i < e.length; i += batch) {
        await t
          .insertInto('application_event')
          .values(e.slice(i, i + batch))
          .execute();
      }
    });
  };
  for (let i = 0; i < opts.count; i++) {
    const agencyId = ids[i % ids.length]!;
    const receivedOn = addDays(start, Math.floor(next() * span));
    const year = Number(receivedOn.slice(0, 4));
    const key = `${agencyId}:${year}`;
    const n = (seq.get(key) ?? 0) + 1;
    seq.set(key, n);
    const kind: ApplicantColumnKey =
      next() < 0.7 ? 'natural_person' : kinds[1 + Math.floor(next() * (kinds.length - 1))]!;
    const open = next() < 0.08;
    let outcomeOn = open ? null : addDays(receivedOn, 1 + Math.floor(next() * 40));
    if (outcomeOn && outcomeOn > lastDay) outcomeOn = null;
    const outcome = outcomeOn ? outcomes[Math.floor(next() * outcomes.length)]! : null;
    const id = randomUUID();
    rows.push({
      id,
      agency_id: agencyId,
      number: `${year}-${String(n).padStart(5, '0')}`,
      number_year: year,
      number_seq: n,
      query_code_hash: createHash('sha256').update(id).digest('hex'),
      channel: 'online',
      received_on: receivedOn,
      applicant_type: kind === 'natural_person' ? 'natural_person' : 'organisation',
      applicant_kind: kind,
      applicant_name: `申请人${i}`,
      applicant_key: createHash('sha256')
        .update(`a${i % 30_000}`)
        .digest('hex'),
      id_type: kind === 'natural_person' ? 'resident_id' : 'credit_code',
      id_number_sealed: sealedId,
      id_number_masked: '110105********1234',
      legal_representative: null,
      phone_sealed: sealedPhone,
      phone_masked: '138****5678',
      address_sealed: sealedAddress,
      email_sealed: null,
      description: '基准测试申请：某年度某项目的资金分配结果及其依据',
      form_wanted: 'electronic',
      delivery_method: 'online',
      item_count: 1,
      assigned_user_id: null,
      status: outcomeOn ? 'closed' : 'processing',
      outcome,
      outcome_on: outcomeOn,
      legal_basis: outcome ? '《中华人民共和国政府信息公开条例》' : null,
      event_count: outcomeOn ? 2 : 1,
      idempotency_key: null,
      submission_sha256: null,
      created_at: at,
      created_by: '基准测试',
      updated_at: at,
    });
    events.push({
      application_id: id,
      seq: 1,
      type: 'received',
      date: receivedOn,
      payload_json: '{"channel":"online"}',
      note: null,
      actor_user_id: null,
      actor: '基准测试',
      at,
    });
    if (outcomeOn) {
      events.push({
        application_id: id,
        seq: 2,
        type: 'replied',
        date: outcomeOn,
        payload_json: JSON.stringify({ outcome, legalBasis: '条例' }),
        note: null,
        actor_user_id: null,
        actor: '基准测试',
        at,
      });
    }
    if (outcomeOn && next() < 0.02) {
      const filedOn = addDays(outcomeOn, 20);
      const decided = next() < 0.7;
      appeals.push({
        id: randomUUID(),
        agency_id: agencyId,
        application_id: id,
        kind: next() < 0.6 ? 'review' : 'lawsuit',
        after_review: next() < 0.3 ? 1 : 0,
        filed_on: filedOn,
        body: '基准市人民政府',
        case_number: null,
        outcome: decided
          ? (['upheld', 'corrected', 'other'] as const)[Math.floor(next() * 3)]!
          : 'pending',
        decided_on: decided ? addDays(filedOn, 60) : null,
        note: null,
        created_at: at,
        created_by: '基准测试',
        updated_at: at,
      });
    }
    if (rows.length >= batch) await flush();
  }
  await flush();
  for (let i = 0; i < appeals.length; i += batch) {
    await store.db
      .insertInto('application_appeal')
      .values(appeals.slice(i, i + batch) as never)
      .execute();
  }
  await sql`ANALYZE`.execute(store.db);
  return ids;
}

// --- statistics --------------------------------------------------------------------------------

interface StatResult {
  oneAgency: number;
  oneAgencyFloor: number;
  oneAgencyWithAppeals: number;
  allAgencies: number;
  allAgenciesFloor: number;
  rowsOfYear: number;
  receivedInYear: number;
}

async function statistics(store: Store, agencyIds: string[]): Promise<StatResult> {
  const db = store.db;
  const countWhere = (agencyId: string | null) => {
    let q = db
      .selectFrom('application')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('received_on', '<=', `${YEAR}-12-31`)
      .where((eb) =>
        eb.or([eb('outcome_on', 'is', null), eb('outcome_on', '>=', `${YEAR}-01-01`)]),
      );
    if (agencyId) q = q.where('agency_id', '=', agencyId);
    return q.executeTakeFirstOrThrow();
  };
  // Warm-up: caches and prepared statements, as on a running server.
  await applicationTableOf(db, agencyIds[0]!, YEAR);
  await countWhere(agencyIds[0]!);
  const sample = agencyIds.filter((_, i) => i % 13 === 0).slice(0, 15);
  const one: number[] = [];
  const oneFloor: number[] = [];
  const oneBoth: number[] = [];
  for (const id of sample) {
    one.push(await time(() => applicationTableOf(db, id, YEAR)));
    oneFloor.push(await time(() => countWhere(id)));
    oneBoth.push(
      await time(() =>
        Promise.all([applicationTableOf(db, id, YEAR), appealsTableOf(db, id, YEAR)]),
      ),
    );
  }
  const all: number[] = [];
  const allFloor: number[] = [];
  let tables = await applicationTablesOfYear(db, YEAR);
  for (let i = 0; i < 5; i++) {
    all.push(
      await time(async () => {
        tables = await applicationTablesOfYear(db, YEAR);
      }),
    );
    allFloor.push(await time(() => countWhere(null)));
  }
  const rowsOfYear = Number((await countWhere(null)).n);
  let received = 0;
  for (const t of tables.values()) received += t.table.received?.total ?? 0;
  // The tables balance by construction; check it held for every agency.
  for (const [id, t] of tables) {
    for (const c of [...APPLICANT_COLUMN_KEYS, 'total'] as const) {
      const a = t.table;
      const left = (a.received?.[c] ?? 0) + (a.carried_over?.[c] ?? 0);
      const right = (a.total?.[c] ?? 0) + (a.carried_forward?.[c] ?? 0);
      if (left !== right) throw new Error(`balance broken for ${id} column ${c}`);
    }
  }
  return {
    oneAgency: median(one),
    oneAgencyFloor: median(oneFloor),
    oneAgencyWithAppeals: median(oneBoth),
    allAgencies: median(all),
    allAgenciesFloor: median(allFloor),
    rowsOfYear,
    receivedInYear: received,
  };
}

// --- the portal under load ---------------------------------------------------------------------

interface LoadResult {
  requestsPerSecond: number;
  acknowledgedPerSecond: number;
  acknowledged: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyP50: number;
  latencyP99: number;
  missing: number;
  stored: number;
}

function first17(i: number): string {
  return `110105${1970 + (i % 40)}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, '0')}`;
}

async function portalLoad(
  store: () => Promise<Store>,
  databaseUrl: string,
  dataDir: string,
  agencyIds: string[],
  opts: Options,
): Promise<LoadResult> {
  const server = await startServer(databaseUrl, dataDir);
  try {
    // The form's CSRF token is bound to the visitor's portal session (the gk_csrf cookie).
    const form = await fetch(`${server.base}/portal/agencies/${agencyIds[0]}/apply`);
    const cookie = /gk_csrf=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')?.[1];
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
    if (!cookie || !token) throw new Error('表单没有返回 CSRF cookie 和令牌');
    const run = randomBytes(4).toString('hex');
    let counter = 0;
    const acknowledged: { agencyId: string; number: string }[] = [];
    const result = await autocannon({
      url: server.base,
      connections: opts.connections,
      duration: opts.duration,
      method: 'POST',
      headers: {
        cookie: `gk_csrf=${cookie}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      requests: [
        {
          setupRequest: (request, context) => {
            const i = counter++;
            const agencyId = agencyIds[i % agencyIds.length]!;
            const id17 = first17(i);
            (context as { agencyId?: string }).agencyId = agencyId;
            return {
              ...request,
              method: 'POST',
              path: `/portal/agencies/${agencyId}/apply`,
              body: new URLSearchParams({
                _csrf: token,
                idempotencyKey: `${run}-${i}`,
                applicantType: 'natural_person',
                name: `压测申请人${i}`,
                idType: 'resident_id',
                idNumber: `${id17}${citizenIdCheckChar(id17)}`,
                phone: '13812345678',
                address: '基准市幸福路 8 号',
                email: '',
                description: '某年度某项目的资金分配结果',
                formWanted: 'electronic',
                deliveryMethod: 'online',
              }).toString(),
            };
          },
          onResponse: (status, body, context) => {
            if (status !== 200) return;
            const number = /data-testid="application-number">([^<]+)</.exec(body)?.[1];
            if (number)
              acknowledged.push({
                agencyId: String((context as { agencyId?: string }).agencyId),
                number,
              });
          },
        },
      ],
    });
    const s = await store();
    let missing = 0;
    let stored = 0;
    try {
      const rows = await s.db
        .selectFrom('application')
        .select(['agency_id', 'number'])
        .where('created_by', 'like', '网上申请%')
        .execute();
      stored = rows.length;
      const present = new Set(rows.map((r) => `${r.agency_id}/${r.number}`));
      for (const a of acknowledged) if (!present.has(`${a.agencyId}/${a.number}`)) missing++;
    } finally {
      await s.close();
    }
    return {
      requestsPerSecond: result.requests.average,
      acknowledgedPerSecond: acknowledged.length / opts.duration,
      acknowledged: acknowledged.length,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      latencyP50: result.latency.p50,
      latencyP99: result.latency.p99,
      missing,
      stored,
    };
  } finally {
    await server.stop();
  }
}

// --- the run -----------------------------------------------------------------------------------

async function benchStore(dialect: StoreDialect, opts: Options) {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
  const dbName = `gongkai_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  let url: string;
  let admin: pg.Client | null = null;
  if (dialect === 'sqlite') {
    url = `sqlite:${join(dir, 'gongkai.db')}`;
  } else {
    admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    const u = new URL(ADMIN_URL);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  try {
    const store = await openStore(url);
    await migrateToLatest(store);
    process.stdout.write(`[${dialect}] 写入 ${opts.count} 件申请（${opts.agencies} 个机关）…\n`);
    let ids: string[] = [];
    const seedMs = await time(async () => {
      ids = await seed(store, opts);
    });
    process.stdout.write(`[${dialect}] 写入用时 ${(seedMs / 1000).toFixed(1)} s；计算表三…\n`);
    const stats = await statistics(store, ids);
    await store.close();
    process.stdout.write(
      `[${dialect}] 门户提交压测 ${opts.duration} s，${opts.connections} 个并发连接…\n`,
    );
    const load = await portalLoad(() => openStore(url), url, dir, ids, opts);
    let uploads = null;
    if (opts.uploads.files > 0) {
      process.stdout.write(
        `[${dialect}] 门户承压时同时上传 ${opts.uploads.files} 个 ${opts.uploads.mb} MB 嵌套 HTML…\n`,
      );
      uploads = await uploadsUnderLoad(() => openStore(url), url, dir, ids, opts.uploads);
    }
    return { dialect, stats, load, uploads };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.end();
    }
  }
}

export async function main(args: string[]): Promise<void> {
  const opts = options(args);
  const cpu = cpus();
  process.stdout.write(
    `机器：${cpu.length} 核（${cpu[0]?.model ?? '未知'}），Node ${process.version}\n\n`,
  );
  const dialects: StoreDialect[] = opts.only ? [opts.only] : ['sqlite', 'postgres'];
  const results = [];
  for (const d of dialects) results.push(await benchStore(d, opts));
  process.stdout.write(`\n结果（${YEAR} 年度；中位数）\n`);
  for (const { dialect, stats, load, uploads } of results) {
    process.stdout.write(
      [
        `== ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ==`,
        `表三 一个机关一年：${ms(stats.oneAgency)}（目标 ≤ 50 ms；同条件 count(*) 下限 ${ms(stats.oneAgencyFloor)}；含表四 ${ms(stats.oneAgencyWithAppeals)}）`,
        `表三 全部 ${opts.agencies} 个机关一年：${ms(stats.allAgencies)}（目标 ≤ 2000 ms；同条件 count(*) 下限 ${ms(stats.allAgenciesFloor)}；读取 ${stats.rowsOfYear} 行，本年新收 ${stats.receivedInYear} 件，各机关各列勾稽关系均成立）`,
        `门户提交：${load.acknowledgedPerSecond.toFixed(0)} 件/秒已确认（autocannon 平均 ${load.requestsPerSecond.toFixed(0)} 请求/秒；p50 ${load.latencyP50} ms，p99 ${load.latencyP99} ms）${dialect === 'sqlite' ? '（目标 ≥ 500 件/秒）' : ''}`,
        `  已确认 ${load.acknowledged} 件，库中 ${load.stored} 件，缺失 ${load.missing} 件；非 2xx ${load.non2xx}，错误 ${load.errors}，超时 ${load.timeouts}`,
        ...(uploads ? describeUploadsUnderLoad(uploads, opts.uploads) : []),
        '',
      ].join('\n'),
    );
  }
}
