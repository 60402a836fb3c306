/**
 * `npm run bench -- supervision [--agencies 3000] [--years 5] [--applications 500000]
 *  [--imports 1000] [--jobs N] [--runs 5] [--only sqlite|postgres]`
 *
 * On SQLite and on PostgreSQL (a throwaway database, dropped afterwards):
 * 1. a province tree (a province, 10 cities, 100 counties) with ~3,000 agencies, 5 years of
 *    published reports (some late, some missing) and 500,000 applications, written with bulk
 *    inserts;
 * 2. the region view of the province and of one county, and the province's summed tables, as the
 *    console computes them (median of several runs), each beside a floor measured in the same
 *    run: the database query that reads the same reports, without judging or summing them;
 * 3. a bulk import of 1,000 text reports (the report's text renderer, agency names of the
 *    region): reports/s with `--jobs` reading threads (default: the cores), beside the floor of
 *    reading the same files in this process without threads, matching or storing.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { addDays } from '../src/core/calendar/date.js';
import { OUTCOME_ROW_KEYS } from '../src/core/report/format.js';
import {
  buildAppealsTable,
  buildApplicationTable,
  buildProactiveTable,
  zeroAppealFigures,
  zeroApplicationFigures,
  zeroProactiveFigures,
  type AnnualReport,
} from '../src/core/report/model.js';
import { validateReport } from '../src/core/report/validate.js';
import { ingestFile } from '../src/ingest/index.js';
import { renderText } from '../src/render/text.js';
import type { ServiceContext } from '../src/services/context.js';
import { addFile, startImport, importView } from '../src/services/supervision/bulk-import.js';
import { importReading } from '../src/services/supervision/bulk-import-reading.js';
import { regionView } from '../src/services/supervision/region-view.js';
import { regionScope } from '../src/services/supervision/scope.js';
import { regionTotals } from '../src/services/supervision/totals.js';
import {
  migrateToLatest,
  openStore,
  type Store,
  type StoreDialect,
} from '../src/store/database.js';
import { summaryRow } from '../src/store/repositories/reports.js';
import * as supRepo from '../src/store/repositories/supervision.js';
import { buildZip } from '../test/support/zip-writer.js';

const YEAR = 2025;
const TODAY = new Date('2026-02-16T02:00:00Z');
const ADMIN_URL =
  process.env.GONGKAI_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Options {
  agencies: number;
  years: number;
  applications: number;
  imports: number;
  jobs: number;
  runs: number;
  only: StoreDialect | null;
}

function options(args: string[]): Options {
  const value = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const only = value('only');
  return {
    agencies: Number(value('agencies') ?? 3000),
    years: Number(value('years') ?? 5),
    applications: Number(value('applications') ?? 500_000),
    imports: Number(value('imports') ?? 1000),
    jobs: Number(value('jobs') ?? availableParallelism()),
    runs: Number(value('runs') ?? 5),
    only: only === 'sqlite' || only === 'postgres' ? only : null,
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

/** The first call's time (cold: nothing cached) is kept apart in `cold`. */
const cold = new Map<string, number>();

async function timed(runs: number, fn: () => Promise<unknown>, label?: string): Promise<number> {
  const first = performance.now();
  await fn(); // warm-up: caches and prepared statements, as on a running server
  if (label) cold.set(label, performance.now() - first);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;

// --- the data ----------------------------------------------------------------------------------

export interface Seeded {
  province: string;
  county: string;
  agencies: { id: string; name: string; regionCode: string; government: boolean }[];
}

const NARRATIVE =
  '本机关认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作，主动公开政府信息，依法办理政府信息公开申请，加强政府信息管理和平台建设，强化监督保障。'.repeat(
    6,
  );

function reportOf(
  agency: string,
  government: boolean,
  year: number,
  publishedOn: string,
  next: () => number,
  carriedOver: number,
): { report: AnnualReport; carriedForward: number } {
  const applications = zeroApplicationFigures();
  const received = Math.floor(next() * 60);
  const carriedForward = Math.floor(next() * 4);
  applications.received.natural_person = received;
  applications.carried_over.natural_person = carriedOver;
  let left = received + carriedOver - carriedForward;
  if (left < 0) {
    applications.received.natural_person += -left;
    left = 0;
  }
  for (const row of OUTCOME_ROW_KEYS) {
    if (left === 0) break;
    const n = row === 'other.other' ? left : Math.floor(next() * (left + 1) * 0.5);
    applications[row].natural_person = n;
    left -= n;
  }
  applications.carried_forward.natural_person = carriedForward;
  const appeals = zeroAppealFigures();
  appeals.review.upheld = Math.floor(next() * 3);
  appeals.review.corrected = Math.floor(next() * 2);
  const proactive = zeroProactiveFigures();
  proactive.licensing.decisions = Math.floor(next() * 500);
  proactive.penalty.decisions = Math.floor(next() * 50);
  const report: AnnualReport = {
    agency,
    agencyLevel: government ? 'government' : 'department',
    year,
    publishedOn,
    title: `${agency}${year}年政府信息公开工作年度报告`,
    format: '2021',
    preamble: '本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号）编制。',
    sections: [
      { key: 'overview', number: '一', title: '总体情况', text: NARRATIVE },
      { key: 'proactive', number: '二', title: '主动公开政府信息情况', text: '' },
      { key: 'applications', number: '三', title: '收到和处理政府信息公开申请情况', text: '' },
      { key: 'appeals', number: '四', title: '政府信息公开行政复议、行政诉讼情况', text: '' },
      { key: 'problems', number: '五', title: '存在的主要问题及改进情况', text: NARRATIVE },
      { key: 'other', number: '六', title: '其他需要报告的事项', text: '本年度未收取信息处理费。' },
    ],
    tables: {
      proactive: buildProactiveTable(proactive),
      applications: buildApplicationTable(applications),
      appeals: buildAppealsTable(appeals),
    },
    closing: agency,
  };
  return { report, carriedForward };
}

async function insertMany<T>(store: Store, table: string, rows: T[], size: number): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await store.db
      .insertInto(table as never)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

export async function seed(store: Store, opts: Options): Promise<Seeded> {
  const next = random(20260131);
  const at = new Date().toISOString();
  const regions: { code: string; name: string; parent_code: string | null; created_at: string }[] =
    [];
  const governments: { id: string; region_code: string; name: string; created_at: string }[] = [];
  const agencies: Seeded['agencies'] = [];
  const cities = 10;
  const countiesPerCity = 10;
  // 3,000 agencies: each government plus its departments, counties taking most.
  const perCounty = Math.max(2, Math.round((opts.agencies - 11 * 40) / (cities * countiesPerCity)));
  const addRegion = (code: string, name: string, parent: string | null, departments: number) => {
    regions.push({ code, name, parent_code: parent, created_at: at });
    const gov = { id: randomUUID(), region_code: code, name: `${name}人民政府`, created_at: at };
    governments.push(gov);
    agencies.push({ id: randomUUID(), name: gov.name, regionCode: code, government: true });
    for (let d = 1; d < departments; d++)
      agencies.push({
        id: randomUUID(),
        name: `${name}第${d}局`,
        regionCode: code,
        government: false,
      });
    return gov;
  };
  const govOf = new Map<string, string>();
  const province = '970000';
  govOf.set(province, addRegion(province, '基准省', null, 40).id);
  let county = '';
  for (let c = 1; c <= cities; c++) {
    const city = `97${String(c).padStart(2, '0')}00`;
    govOf.set(city, addRegion(city, `基准省第${c}市`, province, 40).id);
    for (let k = 1; k <= countiesPerCity; k++) {
      const code = `97${String(c).padStart(2, '0')}${String(k).padStart(2, '0')}`;
      govOf.set(code, addRegion(code, `第${c}市第${k}县`, city, perCounty).id);
      county ||= code;
    }
  }
  await insertMany(store, 'region', regions, 500);
  await insertMany(store, 'government', governments, 500);
  await insertMany(
    store,
    'agency',
    agencies.map((a) => ({
      id: a.id,
      government_id: govOf.get(a.regionCode)!,
      name: a.name,
      is_government: a.government ? 1 : 0,
      credit_code: null,
      address: '',
      postcode: '',
      phone: '',
      email: '',
      office_hours: '',
      created_at: at,
      updated_at: at,
    })),
    500,
  );

  // Reports: each agency, each year; 4% never published, 6% late.
  const firstYear = YEAR - opts.years + 1;
  const carried = new Map<string, number>();
  let reportRows: Record<string, unknown>[] = [];
  let versionRows: Record<string, unknown>[] = [];
  let summaryRows: ReturnType<typeof summaryRow>[] = [];
  const flush = async () => {
    await insertMany(store, 'annual_report', reportRows, 200);
    await insertMany(store, 'annual_report_version', versionRows, 100);
    await insertMany(store, 'report_version_summary', summaryRows, 100);
    reportRows = [];
    versionRows = [];
    summaryRows = [];
  };
  for (let year = firstYear; year <= YEAR; year++) {
    for (const a of agencies) {
      const roll = next();
      if (roll < 0.04) continue;
      const deadline = a.government ? `${year + 1}-03-31` : `${year + 1}-01-31`;
      const publishedOn =
        roll < 0.1
          ? addDays(deadline, 1 + Math.floor(next() * 40))
          : addDays(deadline, -Math.floor(next() * 25));
      const { report, carriedForward } = reportOf(
        a.name,
        a.government,
        year,
        publishedOn,
        next,
        carried.get(a.id) ?? 0,
      );
      carried.set(a.id, next() < 0.03 ? carriedForward + 1 : carriedForward);
      const id = randomUUID();
      const content = JSON.stringify(report);
      reportRows.push({
        id,
        agency_id: a.id,
        year,
        draft_json: null,
        draft_updated_at: null,
        draft_updated_by: null,
        latest_version: 1,
        created_at: at,
        created_by: '基准测试',
      });
      const findingsJson = JSON.stringify(validateReport(report));
      // The version's summary, as saving a version writes it (repositories/reports.ts).
      summaryRows.push(
        summaryRow({
          report_id: id,
          version: 1,
          content_json: content,
          findings_json: findingsJson,
        }),
      );
      versionRows.push({
        report_id: id,
        version: 1,
        content_json: content,
        content_sha256: createHash('sha256').update(content).digest('hex'),
        findings_json: findingsJson,
        published_on: publishedOn,
        published_at: at,
        published_by: '基准测试',
        correction_reason: null,
        origin: 'authored',
        source_json: null,
        draft_json: null,
      });
      if (reportRows.length >= 1000) await flush();
    }
  }
  await flush();

  // Applications: no personal data is read by the console; 2% still open.
  const sealed = randomBytes(40).toString('base64');
  let apps: Record<string, unknown>[] = [];
  let events: Record<string, unknown>[] = [];
  const seq = new Map<string, number>();
  const batch = store.dialect === 'sqlite' ? 400 : 1000;
  for (let i = 0; i < opts.applications; i++) {
    const a = agencies[Math.floor(next() * agencies.length)]!;
    const receivedOn = addDays(`${firstYear}-01-01`, Math.floor(next() * (365 * opts.years)));
    const year = Number(receivedOn.slice(0, 4));
    const n = (seq.get(`${a.id}:${year}`) ?? 0) + 1;
    seq.set(`${a.id}:${year}`, n);
    const open = receivedOn > '2025-12-01' && next() < 0.5;
    const outcomeOn = open ? null : addDays(receivedOn, 1 + Math.floor(next() * 30));
    const id = randomUUID();
    apps.push({
      id,
      agency_id: a.id,
      number: `${year}-${String(n).padStart(5, '0')}`,
      number_year: year,
      number_seq: n,
      query_code_hash: createHash('sha256').update(id).digest('hex'),
      channel: 'online',
      received_on: receivedOn,
      applicant_type: 'natural_person',
      applicant_kind: 'natural_person',
      applicant_name: `申请人${i}`,
      applicant_key: null,
      id_type: 'resident_id',
      id_number_sealed: sealed,
      id_number_masked: '110105********1234',
      legal_representative: null,
      phone_sealed: sealed,
      phone_masked: '138****5678',
      address_sealed: null,
      email_sealed: null,
      description: '基准测试申请',
      form_wanted: 'electronic',
      delivery_method: 'online',
      item_count: 1,
      assigned_user_id: null,
      status: open ? 'processing' : 'closed',
      outcome: open ? null : 'disclosed',
      outcome_on: outcomeOn,
      legal_basis: null,
      event_count: 1,
      idempotency_key: null,
      submission_sha256: null,
      created_at: at,
      created_by: '基准测试',
      updated_at: at,
    });
    if (open) {
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
    }
    if (apps.length >= batch) {
      await insertMany(store, 'application', apps, batch);
      await insertMany(store, 'application_event', events, batch);
      apps = [];
      events = [];
    }
  }
  await insertMany(store, 'application', apps, batch);
  await insertMany(store, 'application_event', events, batch);
  // As a running server's autovacuum would have done after so many inserts: on PostgreSQL the
  // visibility map lets the console's date queries read the indexes alone (index-only scans).
  if (store.dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(store.db);
  else await sql`ANALYZE`.execute(store.db);
  return { province, county, agencies };
}

// --- measuring ---------------------------------------------------------------------------------

interface Result {
  dialect: StoreDialect;
  agencies: number;
  reports: number;
  applications: number;
  seedSeconds: number;
  province: number;
  provinceFloor: number;
  county: number;
  countyFloor: number;
  totals: number;
  totalsFloor: number;
  import: {
    files: number;
    seconds: number;
    perSecond: number;
    floorPerSecond: number;
    jobs: number;
  };
}

async function measureImport(
  ctx: ServiceContext,
  seeded: Seeded,
  opts: Options,
): Promise<Result['import']> {
  const next = random(7);
  const files = Array.from({ length: opts.imports }, (_, i) => {
    const a = seeded.agencies[(i * 7) % seeded.agencies.length]!;
    const { report } = reportOf(a.name, a.government, YEAR - 1, '2025-01-20', next, 0);
    return { name: `报告${i}.txt`, data: renderText(report) };
  });
  // Floor: the same files read in this process, one after another, nothing else.
  const floorStart = performance.now();
  for (const f of files) await ingestFile(new TextEncoder().encode(f.data), f.name);
  const floorSeconds = (performance.now() - floorStart) / 1000;

  const zip = buildZip(files.map((f) => ({ name: f.name, data: f.data, deflate: true })));
  const system = { kind: 'system', label: '基准测试' } as const;
  const batch = await startImport(ctx, system, seeded.province, YEAR - 1);
  const start = performance.now();
  await addFile(
    ctx,
    system,
    seeded.province,
    batch.id,
    { name: '年报.zip', bytes: zip },
    { jobs: opts.jobs },
  );
  await importReading(batch.id);
  const seconds = (performance.now() - start) / 1000;
  const view = await importView(ctx, seeded.province, batch.id);
  if (view.read !== files.length) throw new Error(`import read ${view.read} of ${files.length}`);
  return {
    files: files.length,
    seconds,
    perSecond: files.length / seconds,
    floorPerSecond: files.length / floorSeconds,
    jobs: opts.jobs,
  };
}

async function benchStore(dialect: StoreDialect, opts: Options): Promise<Result> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
    url = `sqlite:${join(dir, 'bench.db')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const dbName = `gongkai_bench_supervision_${process.pid}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    const u = new URL(ADMIN_URL);
    u.pathname = `/${dbName}`;
    url = u.toString();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await c.end();
    };
  }
  const store = await openStore(url, { poolSize: 4 });
  try {
    await migrateToLatest(store);
    process.stdout.write(`[${dialect}] 生成数据…\n`);
    const seedStart = performance.now();
    const seeded = await seed(store, opts);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const ctx: ServiceContext = { store, clock: { now: () => TODAY }, secretKey: randomBytes(32) };
    const db = store.db;
    const provinceScope = await regionScope(db, seeded.province);
    const countyScope = await regionScope(db, seeded.county);
    process.stdout.write(`[${dialect}] 测量…\n`);
    const province = await timed(
      opts.runs,
      () => regionView(ctx, seeded.province, { year: YEAR }),
      `${dialect}:province`,
    );
    const provinceFloor = await timed(opts.runs, () =>
      supRepo.reportsOfRegions(db, provinceScope.codes, [YEAR, YEAR - 1]),
    );
    const county = await timed(opts.runs, () => regionView(ctx, seeded.county, { year: YEAR }));
    const countyFloor = await timed(opts.runs, () =>
      supRepo.reportsOfRegions(db, countyScope.codes, [YEAR, YEAR - 1]),
    );
    const totals = await timed(
      opts.runs,
      () => regionTotals(ctx, seeded.province, YEAR),
      `${dialect}:totals`,
    );
    const totalsFloor = await timed(opts.runs, () =>
      supRepo.reportsOfRegions(db, provinceScope.codes, [
        YEAR - 4,
        YEAR - 3,
        YEAR - 2,
        YEAR - 1,
        YEAR,
      ]),
    );
    process.stdout.write(`[${dialect}] 批量导入…\n`);
    const imported = await measureImport(ctx, seeded, opts);
    const reports = Number(
      (
        await db
          .selectFrom('annual_report')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    return {
      dialect,
      agencies: seeded.agencies.length,
      reports,
      applications: opts.applications,
      seedSeconds,
      province,
      provinceFloor,
      county,
      countyFloor,
      totals,
      totalsFloor,
      import: imported,
    };
  } finally {
    await store.close();
    await cleanup();
  }
}

export async function main(args: string[]): Promise<void> {
  const opts = options(args);
  const cpu = cpus();
  process.stdout.write(
    `机器：${cpu.length} 核（${cpu[0]?.model ?? '未知'}），Node ${process.version}\n`,
  );
  const dialects: StoreDialect[] = opts.only ? [opts.only] : ['sqlite', 'postgres'];
  const results: Result[] = [];
  for (const d of dialects) results.push(await benchStore(d, opts));
  process.stdout.write(
    `\n结果（${YEAR} 年度，今天 ${TODAY.toISOString().slice(0, 10)}；中位数，${opts.runs} 次）\n`,
  );
  for (const r of results) {
    const ratio = (v: number, floor: number) => `${(v / floor).toFixed(1)} 倍于下限 ${ms(floor)}`;
    process.stdout.write(
      [
        `== ${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}：${r.agencies} 个机关，${r.reports} 份报告，${r.applications} 件申请（生成 ${r.seedSeconds.toFixed(0)} 秒）==`,
        `全省报告一览：${ms(r.province)}（目标 ≤ 500 ms；${ratio(r.province, r.provinceFloor)}，即读取两年报告的查询；首次未缓存 ${ms(cold.get(`${r.dialect}:province`) ?? 0)}）`,
        `一个县报告一览：${ms(r.county)}（目标 ≤ 500 ms；${ratio(r.county, r.countyFloor)}）`,
        `全省汇总表（含历年办理结果与在办申请）：${ms(r.totals)}（目标 ≤ 1000 ms；${ratio(r.totals, r.totalsFloor)}，即读取五年报告的查询；首次 ${ms(cold.get(`${r.dialect}:totals`) ?? 0)}）`,
        `批量导入 ${r.import.files} 份文本报告：${r.import.perSecond.toFixed(0)} 份/秒（${r.import.jobs} 个读取线程，共 ${r.import.seconds.toFixed(1)} 秒，含存储、匹配与逐份记录）；下限（本进程内只读取、单线程）${r.import.floorPerSecond.toFixed(0)} 份/秒`,
        '',
      ].join('\n'),
    );
  }
}
