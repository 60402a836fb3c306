/**
 * `npm run bench -- login [--rounds 60] [--only sqlite|postgres]`: what the 身份鉴别 policy
 * costs a sign-in. Three kinds of sign-in are timed in the same run, interleaved round by
 * round so the machine's load falls on all alike:
 *
 *  - floor: a sign-in as it was before the policy — find the account, check the password
 *    (argon2id), and in one transaction clear expired sessions, insert the session and record
 *    it in the audit trail;
 *  - policy: the real `login` — with the limits checked and cleared in the database, the
 *    policy read, the password's age, the concurrent-session limit, the sign-in watch;
 *  - policy + TOTP: the same for an account with a second factor, its code checked;
 *  - policy at the session limit: an account already signed in on as many devices as the
 *    limit allows (3), so each sign-in also ends the oldest session and records that.
 *
 * The first three are people signing in afresh: their earlier sessions are ended (untimed)
 * after each round, as sessions end by signing out or expiring. Prints the medians and the
 * ratios to the floor. Measured, never asserted.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Secret, TOTP } from 'otpauth';
import { createUser } from '../src/services/accounts.js';
import { recordChange } from '../src/services/audit.js';
import type { Clock, ServiceContext } from '../src/services/context.js';
import { verifyPassword } from '../src/services/passwords.js';
import { beginEnrolment, confirmEnrolment } from '../src/services/second-factor.js';
import { login } from '../src/services/sign-in.js';
import { migrateToLatest, openStore, type StoreDialect } from '../src/store/database.js';
import * as repo from '../src/store/repositories/accounts.js';

const ADMIN_URL =
  process.env.GONGKAI_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'Bench-login-pass-2026';
const SYSTEM = { kind: 'system', label: '基准测试' } as const;

/** A clock that moves 31 seconds at each reading's request: every TOTP code is a fresh one. */
class SteppingClock implements Clock {
  private t = Date.parse('2026-03-02T02:00:00Z');
  now(): Date {
    return new Date(this.t);
  }
  step(): void {
    this.t += 31_000;
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function floorLogin(ctx: ServiceContext, username: string): Promise<void> {
  const user = await repo.findUserByUsername(ctx.store.db, username);
  if (!user || !(await verifyPassword(user.password_hash, PASSWORD))) throw new Error('floor');
  const now = ctx.clock.now();
  await ctx.store.transaction(async (t) => {
    await repo.deleteExpiredSessions(t, now.toISOString());
    await repo.insertSession(t, {
      id: randomBytes(32).toString('hex'),
      user_id: user.id,
      csrf_token: randomUUID(),
      active_grant_id: null,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 12 * 3600_000).toISOString(),
      ip: '192.0.2.1',
      user_agent: 'bench',
      authenticated_at: now.toISOString(),
      second_factor: null,
    });
    await recordChange(ctx, t, SYSTEM, now, {
      action: 'session.login',
      entityType: 'user',
      entityId: user.id,
      after: { ip: '192.0.2.1' },
    });
  });
}

async function measure(dialect: StoreDialect, rounds: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-login-'));
  const dbName = `gongkai_bench_login_${process.pid}`;
  let admin: pg.Client | null = null;
  let url: string;
  if (dialect === 'sqlite') url = `sqlite:${join(dir, 'gongkai.db')}`;
  else {
    admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    const u = new URL(ADMIN_URL);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  const store = await openStore(url);
  try {
    await migrateToLatest(store);
    const clock = new SteppingClock();
    const ctx: ServiceContext = { store, clock, secretKey: randomBytes(32) };
    for (const username of ['plain', 'floor', 'phone', 'busy']) {
      await createUser(ctx, SYSTEM, {
        username,
        displayName: username,
        password: PASSWORD,
        grants: [],
        withoutRoles: true,
        mustChangePassword: false,
      });
    }
    const phone = await repo.findUserByUsername(store.db, 'phone');
    const actor = {
      kind: 'user' as const,
      principal: { userId: phone!.id, username: 'phone', displayName: 'phone', grants: [] },
    };
    const { secret } = await beginEnrolment(ctx, actor);
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
    await confirmEnrolment(ctx, actor, totp.generate({ timestamp: clock.now().getTime() }));

    const floor: number[] = [];
    const policy: number[] = [];
    const withTotp: number[] = [];
    const atLimit: number[] = [];
    const fresh = ['plain', 'floor', 'phone'];
    const endSessions = () =>
      store.db
        .deleteFrom('session')
        .where('user_id', 'in', (eb) =>
          eb.selectFrom('user_account').select('id').where('username', 'in', fresh),
        )
        .execute();
    const input = { password: PASSWORD, ip: '192.0.2.1', userAgent: 'bench' };
    for (let i = 0; i < rounds + 5; i++) {
      clock.step();
      const code = totp.generate({ timestamp: clock.now().getTime() });
      let t = performance.now();
      await floorLogin(ctx, 'floor');
      const a = performance.now() - t;
      t = performance.now();
      await login(ctx, { ...input, username: 'plain' });
      const b = performance.now() - t;
      t = performance.now();
      await login(ctx, { ...input, username: 'phone', code });
      const c = performance.now() - t;
      t = performance.now();
      await login(ctx, { ...input, username: 'busy' });
      const d = performance.now() - t;
      await endSessions();
      if (i >= 5) {
        floor.push(a);
        policy.push(b);
        withTotp.push(c);
        atLimit.push(d);
      }
    }
    const f = median(floor);
    const p = median(policy);
    const q = median(withTotp);
    const l = median(atLimit);
    const pct = (x: number) => `${x >= f ? '+' : ''}${(((x - f) / f) * 100).toFixed(1)}%`;
    process.stdout.write(
      `[${dialect}] 登录（${rounds} 轮中位数）：下限（策略之前的登录）${f.toFixed(1)} ms；` +
        `启用策略 ${p.toFixed(1)} ms（${pct(p)}，为下限的 ${(p / f).toFixed(3)} 倍）；` +
        `启用策略并校验动态码 ${q.toFixed(1)} ms（${pct(q)}，${(q / f).toFixed(3)} 倍）；` +
        `已在 3 处登录时再登录（结束最早的一处并留痕）${l.toFixed(1)} ms（${pct(l)}，${(l / f).toFixed(3)} 倍）\n`,
    );
  } finally {
    await store.close();
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.end();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(args: string[]): Promise<void> {
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const rounds = Number(value('--rounds') ?? 60);
  const only = value('--only');
  const dialects: StoreDialect[] =
    only === 'sqlite' || only === 'postgres' ? [only] : ['sqlite', 'postgres'];
  process.stdout.write(
    `登录的代价：${rounds} 轮，每轮依次测下限、启用策略、启用策略加动态码、已达同时登录上限时登录（argon2id 19 MiB、2 轮）。\n`,
  );
  for (const dialect of dialects) await measure(dialect, rounds);
}
