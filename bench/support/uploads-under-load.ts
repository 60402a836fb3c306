/**
 * Issue 12's measure, run by `npm run bench -- applications`: the real server with the reading
 * pool bounded (GONGKAI_READ_WORKERS, GONGKAI_READ_WORKER_MEMORY_MB) and its clerks signed in
 * with a password and a TOTP code, while the portal is under load (autocannon: the application
 * form and the follow form, read by visitors):
 *
 *  1. floor — the portal load alone, for `duration` seconds;
 *  2. hostile — the same load, and after a second `files` uploads at once of an `mb` MB page of
 *     nested elements (two per clerk: the per-user limit is two), the load kept up until every
 *     upload is answered and a second more.
 *
 * The server's RSS (its /proc status, sampled every 50 ms, the reading threads included) is
 * printed beside a stated bound: RSS at rest + workers × each worker's heap limit + twice the
 * bytes uploaded (each body is buffered by the server, then copied to a reading thread). The
 * portal's p50/p99 are printed for both phases; the target is p99 < 500 ms in the hostile one.
 * Measured, never asserted.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { Secret, TOTP } from 'otpauth';
import { createUser } from '../../src/services/accounts.js';
import { systemClock, type ServiceContext } from '../../src/services/context.js';
import { parseSuite } from '../../src/services/secrets.js';
import { beginEnrolment, confirmEnrolment } from '../../src/services/second-factor.js';
import type { Store } from '../../src/store/database.js';
import { startServer } from './server.js';

export interface UploadOptions {
  files: number;
  mb: number;
  workers: number;
  workerMemoryMb: number;
  /** Portal connections (visitors reading pages) during both phases. */
  connections: number;
  duration: number;
}

export interface PortalPhase {
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  peakRssMiB: number;
}

export interface UploadsUnderLoad {
  restRssMiB: number;
  boundMiB: number;
  floor: PortalPhase;
  hostile: PortalPhase;
  uploadWallMs: number;
  /** Each upload's answer: HTTP status and the reader's first finding (or 读入). */
  outcomes: string[];
  /** Median of the clerks' sign-ins (password + TOTP code) over HTTP, before the load. */
  signInMs: number;
}

const PASSWORD = 'Bench-clerk-pass-2026';
const SYSTEM = { kind: 'system', label: '基准测试' } as const;

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Cookies a client keeps, as a browser would. */
class Cookies {
  private readonly jar = new Map<string, string>();
  take(response: Response): void {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }
  header(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Clerks of the first agencies, each with a TOTP second factor enrolled. */
async function enrolClerks(
  store: Store,
  secretHex: string,
  agencyIds: string[],
  count: number,
): Promise<{ username: string; agencyId: string; totp: TOTP }[]> {
  const ctx: ServiceContext = {
    store,
    clock: systemClock,
    secretKey: Buffer.from(secretHex, 'hex'),
    crypto: { suite: parseSuite(process.env.GONGKAI_CRYPTO) },
  };
  const clerks = [];
  for (let i = 0; i < count; i++) {
    const agencyId = agencyIds[i % agencyIds.length]!;
    const username = `bench-clerk-${i}`;
    const { user } = await createUser(ctx, SYSTEM, {
      username,
      displayName: `压测经办人${i}`,
      password: PASSWORD,
      grants: [{ role: 'clerk', agencyId }],
      mustChangePassword: false,
    });
    const actor = {
      kind: 'user' as const,
      principal: { userId: user.id, username, displayName: username, grants: [] },
    };
    const { secret } = await beginEnrolment(ctx, actor);
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
    await confirmEnrolment(ctx, actor, totp.generate());
    clerks.push({ username, agencyId, totp });
  }
  return clerks;
}

/** Signs a clerk in over HTTP with the password and the code of the next 30-second step. */
async function signIn(base: string, username: string, totp: TOTP) {
  const cookies = new Cookies();
  const csrf = await fetch(`${base}/api/v1/auth/csrf`);
  cookies.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  // The enrolment used the current step's code, and a code is good once: take the next step's
  // (the server accepts one step either side).
  const code = new TOTP({
    secret: totp.secret,
    digits: 6,
    period: 30,
  }).generate({ timestamp: Date.now() + 30_000 });
  const started = performance.now();
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-csrf-token': csrfToken,
      cookie: cookies.header(),
    },
    body: JSON.stringify({ username, password: PASSWORD, code }),
  });
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`登录失败 ${response.status}：${await response.text()}`);
  cookies.take(response);
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: cookies.header(), csrfToken: body.csrfToken, ms };
}

function portalLoad(base: string, agencyIds: string[], connections: number, duration: number) {
  let i = 0;
  return autocannon({
    url: base,
    connections,
    duration,
    requests: [
      {
        setupRequest: (request) => {
          const n = i++;
          return {
            ...request,
            method: 'GET',
            path:
              n % 2 === 0
                ? `/portal/agencies/${agencyIds[n % agencyIds.length]}/apply`
                : '/portal/follow',
          };
        },
      },
    ],
  });
}

function phaseOf(result: autocannon.Result, peakRssMiB: number): PortalPhase {
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    peakRssMiB,
  };
}

export async function uploadsUnderLoad(
  store: () => Promise<Store>,
  databaseUrl: string,
  dataDir: string,
  agencyIds: string[],
  opts: UploadOptions,
): Promise<UploadsUnderLoad> {
  const secretHex = Buffer.from(
    Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff),
  ).toString('hex');
  const clerkCount = Math.ceil(opts.files / 2);
  const s = await store();
  let clerks;
  try {
    clerks = await enrolClerks(s, secretHex, agencyIds, clerkCount);
  } finally {
    await s.close();
  }
  const server = await startServer(databaseUrl, dataDir, {
    GONGKAI_SECRET: secretHex,
    GONGKAI_READ_WORKERS: String(opts.workers),
    GONGKAI_READ_WORKER_MEMORY_MB: String(opts.workerMemoryMb),
    GONGKAI_READS_PER_USER: '2',
    GONGKAI_UPLOAD_LIMIT_MB: String(Math.max(50, opts.mb + 1)),
  });
  let peak = 0;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, rssMiB(server.pid));
    } catch {
      // the server has just exited
    }
  }, 50);
  try {
    const sessions: { agencyId: string; cookie: string; csrfToken: string; ms: number }[] = [];
    for (const c of clerks)
      sessions.push({ ...c, ...(await signIn(server.base, c.username, c.totp)) });
    const signInMs = [...sessions.map((x) => x.ms)].sort((a, b) => a - b)[
      Math.floor(sessions.length / 2)
    ]!;
    // Warm the pages once, then let the server settle.
    await (await fetch(`${server.base}/portal/agencies/${agencyIds[0]}/apply`)).text();
    await new Promise((r) => setTimeout(r, 1000));
    const restRssMiB = rssMiB(server.pid);

    peak = restRssMiB;
    const floorResult = await portalLoad(server.base, agencyIds, opts.connections, opts.duration);
    const floor = phaseOf(floorResult, peak);

    const depth = Math.floor((opts.mb * 1024 * 1024 - 40) / 11);
    const page = Buffer.from(
      `<html><body>${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}</body></html>`,
    );
    peak = rssMiB(server.pid);
    // Long enough for any upload; stopped a second after the last upload is answered.
    const load = portalLoad(server.base, agencyIds, opts.connections, 3600);
    await new Promise((r) => setTimeout(r, 1000));
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: opts.files }, async (_, i) => {
        const who = sessions[i % sessions.length]!;
        const response = await fetch(
          `${server.base}/api/v1/agencies/${who.agencyId}/imports/read`,
          {
            method: 'POST',
            headers: {
              'content-type': 'application/octet-stream',
              'x-file-name': encodeURIComponent(`nested-${i}.html`),
              'x-csrf-token': who.csrfToken,
              cookie: who.cookie,
            },
            body: page,
          },
        );
        const body = (await response.json()) as {
          findings?: { message: string }[];
          message?: string;
        };
        return `${response.status} ${body.findings?.[0]?.message ?? body.message ?? '读入'}`;
      }),
    );
    const uploadWallMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 1000));
    (load as unknown as { stop: () => void }).stop();
    const hostile = phaseOf(await load, peak);
    return {
      restRssMiB,
      boundMiB:
        restRssMiB +
        opts.workers * opts.workerMemoryMb +
        (2 * opts.files * opts.mb * 1024 * 1024) / 2 ** 20,
      floor,
      hostile,
      uploadWallMs,
      outcomes,
      signInMs,
    };
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
}

/** The lines `npm run bench -- applications` prints for this measure. */
export function describeUploadsUnderLoad(r: UploadsUnderLoad, opts: UploadOptions): string[] {
  const mib = (x: number) => `${x.toFixed(0)} MiB`;
  const counts = new Map<string, number>();
  for (const o of r.outcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
  return [
    `上传压测：${opts.files} 个 ${opts.mb} MB 嵌套 HTML 同时上传（${Math.ceil(opts.files / 2)} 名经办人，密码加 TOTP 登录，登录中位数 ${r.signInMs.toFixed(0)} ms），读取池 ${opts.workers} 个线程、每个堆上限 ${opts.workerMemoryMb} MB；门户 ${opts.connections} 个连接浏览申请表和查询页`,
    `  门户（下限：只有门户负载，${opts.duration} s）：p50 ${r.floor.p50} ms，p99 ${r.floor.p99} ms，${r.floor.requests} 个请求（非 2xx ${r.floor.non2xx}，错误 ${r.floor.errors}）`,
    `  门户（同时上传）：p50 ${r.hostile.p50} ms，p99 ${r.hostile.p99} ms（目标 < 500 ms：${r.hostile.p99 < 500 ? '达到' : '未达到'}；为下限的 ${(r.hostile.p99 / Math.max(1, r.floor.p99)).toFixed(2)} 倍），${r.hostile.requests} 个请求（非 2xx ${r.hostile.non2xx}，错误 ${r.hostile.errors}）`,
    `  上传全部答复用时 ${(r.uploadWallMs / 1000).toFixed(1)} s；结果：${[...counts].map(([o, n]) => `${n} × ${o}`).join('；')}`,
    `  服务进程 RSS：静止 ${mib(r.restRssMiB)}，门户负载峰值 ${mib(r.floor.peakRssMiB)}，同时上传峰值 ${mib(r.hostile.peakRssMiB)}；上限 ${mib(r.boundMiB)}（静止 + 线程数 × 堆上限 + 2 × 上传总量）：${r.hostile.peakRssMiB <= r.boundMiB ? '未超出' : '超出'}`,
  ];
}
